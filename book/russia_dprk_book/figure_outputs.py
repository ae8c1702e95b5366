"""Where a figure's facts travel: the key of its output metadata, the site folder of its plotted data, and reading
them back from a notebook. Imports nothing heavy, so the site build's Sphinx extension can use it without loading
the plotting libraries."""

from __future__ import annotations

from typing import Any

METADATA_KEY = "russia_dprk_book"
DATA_FOLDER = "figure-data"


def figure_outputs(notebook: dict[str, Any]) -> list[tuple[int, dict]]:
    """``(cell index, figure metadata)`` for every figure a notebook's outputs hold (an ``nbformat`` notebook, or
    the notebook file's JSON)."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(METADATA_KEY)
            if meta:
                found.append((index, meta))
    return found
