"""Run chapter notebooks in place, deterministically, and copy each figure's metadata into its cell."""

from __future__ import annotations

import json
import uuid
import warnings
from pathlib import Path

import nbformat
from jupyter_core.paths import jupyter_runtime_dir
from nbclient import NotebookClient
from nbformat.warnings import MissingIDFieldWarning
from traitlets.config import Config

from .figure_outputs import figure_outputs
from .figures import cell_metadata


def local_kernel() -> Config:
    """Settings for a kernel that talks to its runner over Unix sockets in Jupyter's runtime folder, not TCP:
    nothing is exposed on the network, and the kernel does not warn on every run that it is ("running over TCP
    without encryption"). The sockets' path is absolute, as the kernel runs in the notebook's folder."""
    folder = Path(jupyter_runtime_dir())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    sockets = folder / f"kernel-{uuid.uuid4().hex[:12]}-ipc"
    return Config({"KernelManager": {"transport": "ipc", "ip": str(sockets)}})


def sync_figure_metadata(notebook: nbformat.NotebookNode) -> None:
    """Write each figure's id, caption and alt text into its cell's ``mystnb`` metadata (one figure per cell)."""
    seen: set[int] = set()
    for index, meta in figure_outputs(notebook):
        if index in seen:
            raise ValueError(f"cell {index} shows more than one figure; give each figure its own cell")
        seen.add(index)
        notebook.cells[index].metadata["mystnb"] = cell_metadata(meta)


def read(path: Path) -> nbformat.NotebookNode:
    """A version-4 notebook file, checked against the notebook format's schema; ``ValueError`` says what is wrong.

    >>> read(Path(__file__).parent.parent / "intro.ipynb").nbformat
    4
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a notebook: the file is not JSON text ({exc})") from None
    if not isinstance(data, dict) or data.get("nbformat") != 4:
        raise ValueError("not a version-4 Jupyter notebook (its 'nbformat' is not 4)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingIDFieldWarning)  # nbformat would add the ids itself, unasked
        try:
            nbformat.validate(data)
        except nbformat.ValidationError as exc:
            raise ValueError(f"not a valid notebook: {exc.message.splitlines()[0]}") from None
        except MissingIDFieldWarning:
            raise ValueError(
                "not a valid notebook: a cell has no 'id' (notebook format 4.5 requires one; saving the notebook "
                "in Jupyter adds them)"
            ) from None
    return nbformat.reads(text, as_version=4)  # as nbformat reads it: each cell's source lines joined


def execute(path: Path, notebook: nbformat.NotebookNode | None = None, timeout: int = 600) -> None:
    """Run every cell of a notebook (read from ``path`` unless given) from a fresh kernel and save it to ``path``
    with its outputs and figure metadata."""
    notebook = read(path) if notebook is None else notebook
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(Path(path).parent)}},
        config=local_kernel(),
    )
    client.execute()
    sync_figure_metadata(notebook)
    nbformat.write(notebook, path)
