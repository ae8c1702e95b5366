"""Reading and rewriting the dataset's CSV files in tests, written back as the dataset writes them (UTF-8, LF)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path


def read_rows(path: Path) -> list[list[str]]:
    """Every row of a CSV file, header first."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    """Write ``rows`` as the dataset's CSV files are written (``encoding`` only to test a wrong one)."""
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def rewrite(path: Path, change: Callable[[list[list[str]]], None]) -> None:
    """Apply ``change`` to a CSV file's rows in place."""
    rows = read_rows(path)
    change(rows)
    write_rows(path, rows)
