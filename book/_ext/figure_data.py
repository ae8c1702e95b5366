"""Sphinx extension: write each figure's plotted data as ``figure-data/<figure id>.csv`` in the built site.

The data travel in the notebook outputs' metadata (written by ``russia_dprk_book.figure``), so executing a
notebook writes nothing but the notebook, and the CSV a reader downloads is exactly what was drawn.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from russia_dprk_book.figure_outputs import DATA_FOLDER, figure_outputs
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / DATA_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    seen: dict[str, str] = {}
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix != ".ipynb":
            continue
        for _, meta in figure_outputs(json.loads(source.read_text(encoding="utf-8"))):
            name = meta["figure"]["name"]
            if name in seen:
                raise ExtensionError(f"figure id {name!r} is used in {seen[name]} and {docname}")
            seen[name] = docname
            (target / f"{name}.csv").write_text(meta["csv"], encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
