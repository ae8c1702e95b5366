"""Run chapter notebooks in place, deterministically, and copy each figure's metadata into its cell."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .figure_outputs import figure_outputs
from .figures import cell_metadata


def sync_figure_metadata(notebook: nbformat.NotebookNode) -> None:
    """Write each figure's id, caption and alt text into its cell's ``mystnb`` metadata (one figure per cell)."""
    seen: set[int] = set()
    for index, meta in figure_outputs(notebook):
        if index in seen:
            raise ValueError(f"cell {index} shows more than one figure; give each figure its own cell")
        seen.add(index)
        notebook.cells[index].metadata["mystnb"] = cell_metadata(meta)


def execute(path: Path, timeout: int = 600) -> None:
    """Run every cell of a notebook from a fresh kernel and save it with its outputs and figure metadata."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(Path(path).parent)}},
    )
    client.execute()
    sync_figure_metadata(notebook)
    nbformat.write(notebook, path)
