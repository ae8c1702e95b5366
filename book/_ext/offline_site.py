"""Sphinx extension: keep the built site offline and free of console errors.

- Drops sphinx-thebe's scripts. The book has no live-code cells; jupyter-book registers the extension
  anyway, its configuration script ends up on every page twice (a JavaScript redeclaration error), and it points
  at a script on unpkg.com, which an offline site must not load.
- Removes duplicate script entries of any other origin.
- Gives bibliography entries the ``listitem`` role: docutils writes ``role="doc-biblioentry"`` (deprecated in
  ARIA 1.2) inside a ``role="list"``, which assistive technology and axe-core read as a list without items.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _is_thebe(script: Any) -> bool:
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return "sphinx-thebe" in str(getattr(script, "filename", script)) or "THEBE_JS_URL" in body


def _clean_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    seen: set[tuple[str, str]] = set()
    kept = []
    for script in context.get("script_files", []):
        key = (str(getattr(script, "filename", script)), str(getattr(script, "attributes", {}).get("body", "")))
        if _is_thebe(script) or key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def _list_items(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("html-page-context", _list_items)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
