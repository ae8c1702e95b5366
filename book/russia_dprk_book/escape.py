"""The one place where text becomes safe for a page: Markdown (MyST), HTML, URLs and BibTeX.

Every string that reaches the book from data (table cells, descriptor text, source titles and URLs) passes
through one of these functions.
"""

from __future__ import annotations

import html as _html
import re

from russia_dprk.validation import url_problem

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:=%-])")
LIST_START = re.compile(r"^(\d+)([.)])")


def markdown(text: object) -> str:
    """Text made literal for MyST: markup characters backslash-escaped, ``&`` as an entity, newlines as spaces.

    >>> markdown("<b>{x}</b>")
    '\\\\<b\\\\>\\\\{x\\\\}\\\\</b\\\\>'
    """
    flat = " ".join(str(text).split())
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")
    return LIST_START.sub(r"\1\\\2", escaped)  # "2019. x" must not start an ordered list


def html(text: object) -> str:
    """Text made literal for HTML (quotes included).

    >>> html('<a href="x">')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    return _html.escape(str(text), quote=True)


def url(text: object) -> str | None:
    """The URL if the dataset's rule for URLs accepts it (:func:`russia_dprk.validation.url_problem`: http(s), safe
    characters, a real host, no user name before it), else ``None`` (never a ``javascript:`` link).

    >>> url("javascript:alert(1)") is None
    True
    """
    value = str(text)
    return value if url_problem(value) is None else None
