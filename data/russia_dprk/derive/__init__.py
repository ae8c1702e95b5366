"""Derived tables: one step per table, each declaring the upstream files it reads and the source it credits.

A step is a function decorated with :func:`step`; it receives the local paths of its upstream files, in the
order declared, and returns the table without its ``source_id`` column, which the pipeline adds from the
declaration. The descriptor's ``x-upstream`` and ``x-source-ids`` and the rows of ``upstream.csv`` are checked
against these declarations (``python -m russia_dprk check``), so each fact is stated once and checked elsewhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import UpstreamError

MODULES = ("unga", "trade", "arms", "military", "vetoes", "energy", "geography")


@dataclass(frozen=True)
class Step:
    """One derivation: the table it writes, its upstream files, the source it credits, and its function."""

    table: str
    upstream: tuple[str, ...]
    source_id: str
    function: Callable[..., pd.DataFrame]


_STEPS: dict[str, Step] = {}


def step(
    table: str, upstream: list[str], source: str
) -> Callable[[Callable[..., pd.DataFrame]], Callable[..., pd.DataFrame]]:
    """Register a function as the step that derives ``table`` from ``upstream`` files, credited to ``source``."""

    def register(function: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
        if table in _STEPS:
            raise RuntimeError(f"two steps derive {table!r}")
        _STEPS[table] = Step(table, tuple(upstream), source, function)
        return function

    return register


def steps() -> dict[str, Step]:
    """Every registered step, keyed by the table it derives."""
    for module in MODULES:
        importlib.import_module(f".{module}", __name__)
    return dict(_STEPS)


def whole_numbers(values: pd.Series, file: str, column: str, labels: pd.Series | None = None) -> pd.Series:
    """``values`` read as whole numbers, refusing what a cast would change: an empty cell (missing is not 0) or a
    figure with a fraction (2.7 cut to 2). The error names the file, the column and the row (by ``labels``: its
    line in the file, a country and year; or by position).

    >>> list(whole_numbers(pd.Series(["3", 4.0]), "f.csv", "tests"))
    [3, 4]
    >>> try:
    ...     whole_numbers(pd.Series([1, None]), "f.csv", "tests", pd.Series(["line 2", "line 3"]))
    ... except UpstreamError as exc:
    ...     print(str(exc)[:100], '...')
    f.csv: line 3, column 'tests': an empty cell, expected a whole number (a missing value is not read a ...
    """
    numbers = pd.to_numeric(values, errors="coerce")
    wrong = numbers.isna() | (numbers % 1 != 0)
    if wrong.any():
        at = wrong.to_numpy().argmax()
        row = labels.iloc[at] if labels is not None else f"row {at + 1}"
        value = values.iloc[at]
        shown = "an empty cell" if pd.isna(value) else f"value {getattr(value, 'item', lambda: value)()!r}"
        raise UpstreamError(
            f"{file}: {row}, column {column!r}: {shown}, expected a whole number (a missing value is not read "
            "as 0, nor a fraction cut)"
        )
    return numbers.astype(int)


def run(item: Step, paths: list[Path]) -> pd.DataFrame:
    """Run a step on its fetched upstream files and add its ``source_id`` column.

    A file whose contents the step cannot read as it expects (a new release with renamed columns, an error page
    registered by mistake: its size and digest match the registry, so the cache passed it) is refused in one line
    naming the step and its files, with what the reader found.
    """
    try:
        frame = item.function(*paths)
    except UpstreamError:  # a step's own refusal names the file, column and row already
        raise
    except Exception as exc:  # any reader's error (KeyError, ValueError, a parser's own) is the file's layout
        found = f"{type(exc).__name__}: {str(exc).strip() or 'no detail'}".splitlines()[0][:300]
        raise UpstreamError(
            f"{item.table}: the upstream file(s) {', '.join(item.upstream)} are not in the layout the step reads "
            f"({found}): check that the registered file is the publisher's data, not another release or an error page"
        ) from None
    return frame.assign(source_id=item.source_id)


__all__ = ["Step", "run", "step", "steps", "whole_numbers"]
