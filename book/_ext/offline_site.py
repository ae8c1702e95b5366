"""Sphinx extension: keep the built site offline and free of console errors.

- Drops sphinx-thebe's scripts. The book has no live-code cells; jupyter-book registers the extension
  anyway, its configuration script ends up on every page twice (a JavaScript redeclaration error), and it points
  at a script on unpkg.com, which an offline site must not load.
- Removes duplicate script entries of any other origin.
- Sets the theme's default colour mode, which otherwise is empty and logs a console error.
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


def _default_mode(app: Sphinx, config: Any) -> None:
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "light")
    config.html_context = context


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _default_mode)
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
