"""Build the published book: the Jupyter Book site, strict, from the committed notebook outputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .paths import DATA_DIR

REPO_DIR = DATA_DIR.parent
BOOK_DIR = REPO_DIR / "book"


def html_dir(output: Path | None = None) -> Path:
    """Where the built HTML lands (``jupyter-book --path-output`` adds ``_build/html``)."""
    return (output or BOOK_DIR) / "_build" / "html"


def build_site(output: Path | None = None) -> int:
    """Run ``jupyter-book build`` with warnings as errors; return its exit code."""
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
               "build", str(BOOK_DIR), "-W", "-n", "--keep-going"]
    if output:
        command += ["--path-output", str(output)]
    return subprocess.run(command, check=False).returncode
