"""Where the book lives, and its chapter list (read from ``_toc.yml``, the only place it is written)."""

from __future__ import annotations

from pathlib import Path

import yaml

BOOK_DIR = Path(__file__).resolve().parent.parent
TOC = BOOK_DIR / "_toc.yml"


def _files(node: dict) -> list[str]:
    found = [node["file"]] if "file" in node else []
    for key in ("parts", "chapters", "sections"):
        for child in node.get(key, []):
            found += _files(child)
    return found


def pages() -> list[str]:
    """Every page of the book in reading order, as written in ``_toc.yml`` (``root`` first)."""
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    return [toc["root"], *_files(toc)]


def notebooks() -> list[Path]:
    """The pages that are notebooks, in reading order."""
    return [BOOK_DIR / f"{page}.ipynb" for page in pages() if (BOOK_DIR / f"{page}.ipynb").exists()]
