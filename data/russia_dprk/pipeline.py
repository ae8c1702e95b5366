"""Re-derive the derived tables from their upstream files."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .catalog import resource
from .derive import DERIVED
from .errors import TableError
from .paths import DATA_DIR


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The canonical CSV encoding of a derived table."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def derive(name: str) -> bytes:
    """Compute one derived table and check its columns against the descriptor."""
    if name not in DERIVED:
        raise TableError(f"{name!r} is not a derived table; derived tables: {', '.join(DERIVED)}")
    frame = DERIVED[name]()
    entry = resource(name)
    expected = [f["name"] for f in entry["schema"]["fields"]]
    if list(frame.columns) != expected:
        raise TableError(f"{entry['path']}: derived columns {list(frame.columns)} differ from the schema {expected}")
    return to_csv_bytes(frame)


def build(out_dir: Path = DATA_DIR, names: list[str] | None = None) -> dict[str, Path]:
    """Write every (or the named) derived table under ``out_dir``; return their paths."""
    written = {}
    for name in names or list(DERIVED):
        path = Path(out_dir) / resource(name)["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(derive(name))
        written[name] = path
    return written


def differences(data_dir: Path = DATA_DIR) -> list[str]:
    """Derived tables whose committed bytes differ from a fresh derivation."""
    out = []
    for name in DERIVED:
        path = Path(data_dir) / resource(name)["path"]
        if not path.exists() or path.read_bytes() != derive(name):
            out.append(resource(name)["path"])
    return out
