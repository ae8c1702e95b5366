"""The bad-input suite: each kind of corruption is rejected with table, line and field named."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from russia_dprk.validation import validate


def rewrite(path: Path, change) -> None:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(table: str, row: int, column: str, value: str):
    def change(rows: list[list[str]]) -> None:
        rows[row][rows[0].index(column)] = value
    return table, change


CORRUPTIONS = {
    "malformed date": (*set_cell("curated/contacts.csv", 3, "start_date", "2024-13-45"), "start_date", "type-error"),
    "unknown source": (*set_cell("curated/projects.csv", 2, "source_id", "no-such-source"), "source_id", "foreign-key"),
    "wrong type": (*set_cell("curated/unsc_resolutions.csv", 4, "votes_for", "fifteen"), "votes_for", "type-error"),
    "out of range": (*set_cell("derived/unga_alignment.csv", 5, "agreement", "1.5"), "agreement", "constraint-error"),
    "not in enumeration": (*set_cell("curated/claims.csv", 1, "verdict", "maybe"), "verdict", "constraint-error"),
    "missing required value": (*set_cell("curated/agreements.csv", 2, "event", ""), "event", "constraint-error"),
    "low above high": (*set_cell("curated/transfer_estimates.csv", 2, "low", "99999999"), "high", "order"),
    "dangling evidence row": (*set_cell("curated/claims.csv", 2, "evidence_key", "no-such-row"), "evidence_key", "row-reference"),
    "bad sha256 in registry": (*set_cell("upstream.csv", 1, "sha256", "xyz"), "sha256", "constraint-error"),
}


@pytest.mark.parametrize("label", CORRUPTIONS)
def test_corruption_is_reported_with_file_line_and_field(data_copy: Path, label: str) -> None:
    table, change, field, rule = CORRUPTIONS[label]
    rewrite(data_copy / table, change)
    problems = validate(data_copy)
    matching = [p for p in problems if p.path == table and p.field == field and p.rule == rule]
    assert matching, [str(p) for p in problems]
    assert matching[0].line is not None and matching[0].line >= 2
    assert table in str(matching[0]) and f"line {matching[0].line}" in str(matching[0]) and field in str(matching[0])


def test_duplicate_key_is_rejected(data_copy: Path) -> None:
    rewrite(data_copy / "curated/military_events.csv", lambda rows: rows.append(list(rows[1])))
    problems = validate(data_copy)
    assert any(p.path == "curated/military_events.csv" and p.rule == "primary-key" and p.field == "event_id"
               for p in problems), [str(p) for p in problems]


def test_missing_column_is_rejected(data_copy: Path) -> None:
    def drop(rows: list[list[str]]) -> None:
        index = rows[0].index("place")
        for row in rows:
            del row[index]
    rewrite(data_copy / "curated/contacts.csv", drop)
    problems = validate(data_copy)
    assert [str(p) for p in problems] == ["curated/contacts.csv: header (line 1), field 'place': missing-column: the header has no such column"]


def test_missing_table_file_is_rejected(data_copy: Path) -> None:
    (data_copy / "derived/rok_gas.csv").unlink()
    problems = validate(data_copy)
    assert [p.rule for p in problems if p.path == "derived/rok_gas.csv"] == ["missing-file"]


def test_clean_data_has_no_problems() -> None:
    assert validate() == []


def test_command_line_exit_codes(data_copy: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "russia_dprk", "validate"], capture_output=True, text=True)
    assert ok.returncode == 0 and "all tables valid" in ok.stdout
    rewrite(data_copy / "curated/contacts.csv", set_cell("", 3, "start_date", "2024-13-45")[1])
    bad = subprocess.run([sys.executable, "-m", "russia_dprk", "validate", "--data-dir", str(data_copy)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "curated/contacts.csv: line 4 (row 3), field 'start_date': type-error" in bad.stdout


def test_load_refuses_a_malformed_value_instead_of_coercing(monkeypatch, data_copy: Path) -> None:
    import russia_dprk.catalog as catalog

    rewrite(data_copy / "curated/contacts.csv", set_cell("", 3, "start_date", "2024-13-45")[1])
    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    with pytest.raises(catalog.TableError, match=r"curated/contacts.csv: line 4 \(row 3\), field .start_date.: value .2024-13-45."):
        catalog.load("contacts")
