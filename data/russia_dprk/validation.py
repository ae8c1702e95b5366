"""Check every table against the data package descriptor."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frictionless

from .paths import DATA_DIR

REGISTRIES = {"sources", "upstream"}


@dataclass(frozen=True)
class Problem:
    """One way a table breaks its schema."""

    path: str
    line: int | None
    field: str
    rule: str
    detail: str

    def __str__(self) -> str:
        where = f"line {self.line} (row {self.line - 1})" if self.line else "file"
        return f"{self.path}: {where}, field {self.field!r}: {self.rule}: {self.detail}"


def _descriptor_problems(package: dict[str, Any], data_dir: Path) -> list[Problem]:
    problems = []
    for entry in package["resources"]:
        path = entry["path"]
        if not (data_dir / path).exists():
            problems.append(Problem(path, None, "-", "missing-file", "the table's file does not exist"))
        names = [f["name"] for f in entry["schema"]["fields"]]
        if entry["name"] not in REGISTRIES:
            keys = entry["schema"].get("foreignKeys", [])
            if "source_id" not in names or not any(k["fields"] == ["source_id"] for k in keys):
                problems.append(Problem(path, None, "source_id", "descriptor",
                                        "every table needs a source_id field with a foreign key to sources"))
    return problems


def _frictionless_problem(path: str, error: Any, primary_key: list[str]) -> Problem:
    line = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or error.message
    if error.type == "foreign-key":
        field = "source_id"
        detail = f"value {cell or note!r} is not a source_id in sources.csv" if cell else note
    elif error.type in {"primary-key", "duplicate-row"}:
        field = ",".join(primary_key) or "-"
        detail = f"duplicate key: {note}"
    elif cell is not None:
        detail = f"value {cell!r}: {note}"
    else:
        detail = note
    return Problem(path, line, field or "-", error.type, detail)


def _ordered_problems(entry: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Rows breaking a declared ``x-not-greater`` pair (e.g. low <= high, start <= end)."""
    pairs = entry.get("x-not-greater", [])
    if not pairs or not (data_dir / entry["path"]).exists():
        return []

    problems = []
    with open(data_dir / entry["path"], newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            for low, high in pairs:
                a, b = row.get(low, ""), row.get(high, "")
                if not a or not b:
                    continue
                try:
                    bad = float(a) > float(b)
                except ValueError:
                    bad = a > b
                if bad:
                    problems.append(Problem(entry["path"], line, high, "order",
                                            f"{low} {a!r} is greater than {high} {b!r}"))
    return problems


def validate(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem in every table of the package in ``data_dir`` (empty when all pass)."""
    with open(data_dir / "datapackage.json", encoding="utf-8") as handle:
        package = json.load(handle)
    problems = _descriptor_problems(package, data_dir)
    if any(p.rule == "missing-file" for p in problems):
        return problems
    report = frictionless.validate(str(data_dir / "datapackage.json"))
    keys = {entry["name"]: entry["schema"].get("primaryKey", []) for entry in package["resources"]}
    paths = {entry["name"]: entry["path"] for entry in package["resources"]}
    for task in report.tasks:
        for error in task.errors:
            problems.append(_frictionless_problem(paths.get(task.name, task.name), error, keys.get(task.name, [])))
    for error in report.errors:
        problems.append(Problem("datapackage.json", None, "-", error.type, error.message))
    for entry in package["resources"]:
        problems.extend(_ordered_problems(entry, data_dir))
    return problems
