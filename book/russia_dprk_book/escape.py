"""The one place where text becomes safe for a page: Markdown (MyST), HTML, URLs and BibTeX.

Every string that reaches the book from data (table cells, descriptor text, source titles and URLs) passes
through one of these functions.
"""

from __future__ import annotations

import html as _html
import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:=-])")
LIST_START = re.compile(r"^(\d+)([.)])")
SAFE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
UNSAFE_IN_URL = re.compile(r"[{}\\\"<>`\s]")


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
    """The URL if it is ``http(s)`` made of safe characters, else ``None`` (never a ``javascript:`` link).

    >>> url("javascript:alert(1)") is None
    True
    """
    value = str(text)
    if SAFE_URL.fullmatch(value) and not UNSAFE_IN_URL.search(value):
        return value
    return None
