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
        if not self.line:
            where = "file"
        elif self.line == 1:
            where = "header (line 1)"
        else:
            where = f"line {self.line} (row {self.line - 1})"
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
    if error.type in {"primary-key", "duplicate-row"}:
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
    for line, row in enumerate(_read_rows(data_dir, entry["path"]), start=2):
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


def _header_problems(entry: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Columns the schema declares but the file lacks, and columns the file has but the schema does not."""
    with open(data_dir / entry["path"], newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    declared = [f["name"] for f in entry["schema"]["fields"]]
    problems = [Problem(entry["path"], 1, name, "missing-column", "the header has no such column")
                for name in declared if name not in header]
    problems += [Problem(entry["path"], 1, name, "extra-column", "the schema declares no such column")
                 for name in header if name not in declared]
    if not problems and header != declared:
        problems.append(Problem(entry["path"], 1, "-", "column-order", f"columns must be in schema order: {declared}"))
    return problems


def _for_frictionless(package: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """A copy of the descriptor without the tables in ``skip`` and without foreign keys (checked here, faster)."""
    copy = json.loads(json.dumps(package))
    copy["resources"] = [entry for entry in copy["resources"] if entry["name"] not in skip]
    for entry in copy["resources"]:
        entry["schema"].pop("foreignKeys", None)
    return copy


def _keys(data_dir: Path, entry: dict[str, Any], fields: list[str]) -> set[str]:
    """The values of ``fields`` in every row of a table, joined by '/'."""
    return {"/".join(row.get(f, "") for f in fields) for row in _read_rows(data_dir, entry["path"])}


def _foreign_key_problems(package: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Rows naming a key that does not exist in the referenced table."""
    problems = []
    resources = {r["name"]: r for r in package["resources"]}
    for entry in package["resources"]:
        for fk in entry["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            known = _keys(data_dir, resources[target], fk["reference"]["fields"])
            for line, row in enumerate(_read_rows(data_dir, entry["path"]), start=2):
                values = [row.get(f, "") for f in fk["fields"]]
                if all(values) and "/".join(values) not in known:
                    problems.append(Problem(entry["path"], line, ",".join(fk["fields"]), "foreign-key",
                                            f"value {'/'.join(values)!r} is not a "
                                            f"{'/'.join(fk['reference']['fields'])} in {target}"))
    return problems


def _read_rows(data_dir: Path, path: str) -> list[dict[str, str]]:
    with open(data_dir / path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _reference_problems(entry: dict[str, Any], package: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Rows whose declared ``x-row-references`` point at a row that does not exist."""
    problems = []
    resources = {r["name"]: r for r in package["resources"]}
    for ref in entry.get("x-row-references", []):
        keys: dict[str, set[str]] = {}
        for line, row in enumerate(_read_rows(data_dir, entry["path"]), start=2):
            table, key = row.get(ref["table_field"], ""), row.get(ref["key_field"], "")
            if table not in resources:
                continue
            if table not in keys:
                keys[table] = {k.replace("/", ref["separator"]) for k in
                               _keys(data_dir, resources[table], resources[table]["schema"]["primaryKey"])}
            if key not in keys[table]:
                problems.append(Problem(entry["path"], line, ref["key_field"], "row-reference",
                                        f"value {key!r} is not a primary key of table {table!r}"))
    return problems


def validate(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem in every table of the package in ``data_dir`` (empty when all pass)."""
    with open(data_dir / "datapackage.json", encoding="utf-8") as handle:
        package = json.load(handle)
    problems = _descriptor_problems(package, data_dir)
    if any(p.rule == "missing-file" for p in problems):
        return problems
    broken = set()
    for entry in package["resources"]:
        header = _header_problems(entry, data_dir)
        if header:
            broken.add(entry["name"])
            problems.extend(header)
    report = frictionless.Package(_for_frictionless(package, broken), basepath=str(data_dir)).validate()
    keys = {entry["name"]: entry["schema"].get("primaryKey", []) for entry in package["resources"]}
    paths = {entry["name"]: entry["path"] for entry in package["resources"]}
    for task in report.tasks:
        for error in task.errors:
            problems.append(_frictionless_problem(paths.get(task.name, task.name), error, keys.get(task.name, [])))
    for error in report.errors:
        problems.append(Problem("datapackage.json", None, "-", error.type, error.message))
    if broken:
        return problems
    problems.extend(_foreign_key_problems(package, data_dir))
    for entry in package["resources"]:
        problems.extend(_ordered_problems(entry, data_dir))
        problems.extend(_reference_problems(entry, package, data_dir))
    return problems
