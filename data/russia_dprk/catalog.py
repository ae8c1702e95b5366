"""The data package descriptor, and typed loading of its tables."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import TableError
from .paths import DATA_DIR, DESCRIPTOR

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


@lru_cache(maxsize=None)
def descriptor(path: Path = DESCRIPTOR) -> dict[str, Any]:
    """The parsed ``datapackage.json``."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def resource(name: str) -> dict[str, Any]:
    """The descriptor of one table."""
    for entry in descriptor()["resources"]:
        if entry["name"] == name:
            return entry
    known = ", ".join(r["name"] for r in descriptor()["resources"])
    raise TableError(f"no table named {name!r}; tables: {known}")


def table_path(name: str) -> Path:
    """Where a table's CSV file lives."""
    return DATA_DIR / resource(name)["path"]


def _convert(column: pd.Series, field: dict[str, Any]) -> pd.Series:
    """One column converted to its declared type; values that do not convert become missing."""
    enum = field.get("constraints", {}).get("enum")
    if field["type"] == "date":
        return pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
    if enum:
        return pd.Series(pd.Categorical(column.where(column.isin(enum)), categories=enum), index=column.index)
    if field["type"] in ("integer", "number"):
        numbers = pd.to_numeric(column, errors="coerce")
        if field["type"] == "integer":
            numbers = numbers.where(numbers.isna() | (numbers == numbers.round()))
        return numbers.astype(PANDAS_TYPES[field["type"]])
    if field["type"] == "boolean":
        return column.map({"true": True, "false": False}).astype("boolean")
    return column.astype("string")


def _typed(frame: pd.DataFrame, fields: list[dict[str, Any]], path: str) -> pd.DataFrame:
    """The table with declared types; a value that does not fit its type is an error, never coerced."""
    out = {}
    for field in fields:
        raw = frame[field["name"]]
        typed = _convert(raw, field)
        lost = typed.isna() & raw.notna()
        if lost.any():
            row = int(lost.idxmax())
            raise TableError(f"{path}: line {row + 2} (row {row + 1}), field {field['name']!r}: "
                             f"value {raw[row]!r} is not a valid {field['type']}"
                             + (" in the field's enumeration" if field.get("constraints", {}).get("enum") else ""))
        out[field["name"]] = typed
    return pd.DataFrame(out)


def load(name: str) -> pd.DataFrame:
    """Load a table with the types its schema declares.

    Dates become ``datetime64``, fields with an enumeration become categoricals,
    integers ``Int64`` and numbers ``Float64`` (both nullable). A value that does not
    fit its declared type raises :class:`TableError` naming file, line and field.
    Each call returns a fresh copy; files are parsed once per session unless they change.
    """
    path = table_path(name)
    if not path.exists():
        raise TableError(f"{resource(name)['path']}: file not found")
    return _load_cached(name, str(path), path.stat().st_mtime_ns).copy()


@lru_cache(maxsize=64)
def _load_cached(name: str, path: str, mtime: int) -> pd.DataFrame:
    entry = resource(name)
    fields = entry["schema"]["fields"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    missing = [f["name"] for f in fields if f["name"] not in raw.columns]
    if missing:
        raise TableError(f"{entry['path']}: missing columns {missing}; run `python -m russia_dprk validate`")
    return _typed(raw, fields, entry["path"])


def tables() -> pd.DataFrame:
    """Every table with its kind, title, unit, row count and sources."""
    rows = []
    for entry in descriptor()["resources"]:
        with open(DATA_DIR / entry["path"], encoding="utf-8") as handle:
            count = sum(1 for _ in handle) - 1
        rows.append({
            "name": entry["name"],
            "kind": entry.get("x-kind", ""),
            "title": entry.get("title", ""),
            "unit": entry.get("x-unit", ""),
            "rows": count,
            "sources": ", ".join(entry.get("x-source-ids", [])) or "per row",
            "path": f"data/{entry['path']}",
        })
    return pd.DataFrame(rows)


def sources() -> pd.DataFrame:
    """The source registry, indexed by ``source_id``."""
    return load("sources").set_index("source_id")


def cited_sources(name: str) -> list[str]:
    """The distinct source ids a table's rows cite, in first-seen order."""
    frame = load(name)
    if "source_id" not in frame.columns:
        return list(resource(name).get("x-source-ids", []))
    return list(dict.fromkeys(frame["source_id"].dropna().astype(str)))
