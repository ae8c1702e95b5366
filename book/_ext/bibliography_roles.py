"""Sphinx extension: bibliography entries that assistive technology reads as list items.

docutils writes ``role="doc-biblioentry"`` (deprecated in ARIA 1.2) inside a ``role="list"``, which assistive
technology and axe-core read as a list without items; each entry gets the ``listitem`` role instead.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _list_items(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
