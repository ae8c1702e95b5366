"""Loading tables: types, listing, coverage, sources, labels and errors."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
import russia_dprk as rd
from russia_dprk.catalog import descriptor, table_path
from russia_dprk.errors import TableError

RESOURCES = [r["name"] for r in descriptor()["resources"]]


def records(name: str) -> int:
    with open(table_path(name), newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.mark.parametrize("name", RESOURCES)
def test_every_table_loads_with_its_declared_types(name: str) -> None:
    frame = rd.load(name)
    fields = rd.resource(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) == records(name)
    for field in fields:
        column = frame[field["name"]]
        if field.get("constraints", {}).get("enum"):
            assert isinstance(column.dtype, pd.CategoricalDtype), field["name"]
            assert list(column.cat.categories) == field["constraints"]["enum"]
        elif field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(column), field["name"]
        else:
            expected = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}
            assert str(column.dtype) == expected[field["type"]], field["name"]


def test_tables_counts_records_not_physical_lines() -> None:
    listing = rd.tables().set_index("name")
    assert list(listing.index) == RESOURCES
    for name in RESOURCES:
        assert listing.loc[name, "rows"] == records(name), name


def test_tables_lists_title_unit_sources_and_coverage() -> None:
    listing = rd.tables()
    assert listing["title"].str.len().min() > 0
    assert listing["unit"].str.len().min() > 0
    derived = listing[listing["kind"] == "derived"]
    assert (derived["sources"] != "per row").all()
    dated = listing.set_index("name")["data_through"]
    assert dated["contacts"] == rd.load("contacts")[["start_date", "end_date"]].max().max().strftime("%Y-%m-%d")
    assert dated["trade_cow"] == "2014"
    assert dated["sources"] == ""
    # a last row known only to the month or year is not printed as that month's or year's first day
    assert dated["debt_settlement"] == "2014-05"  # use of repayments, reported in May 2014, after the 5 May law
    assert dated["article_context"] == "2025"


@pytest.mark.parametrize("name", [n for n in RESOURCES if n not in ("sources", "upstream")])
def test_every_row_names_a_registered_source(name: str) -> None:
    registry = set(rd.sources().index)
    cited = set(rd.load(name)["source_id"].astype(str))
    assert cited <= registry, cited - registry


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(rd.TableError, match=r"no table named 'nope'\. Tables: sources, "):
        rd.load("nope")


@pytest.mark.parametrize("typed", ["Contacts", "contacts.csv", "contact", " contacts"])
def test_a_table_name_typed_nearly_right_gets_the_name_it_means(typed: str) -> None:
    with pytest.raises(rd.TableError, match=f"no table named {typed!r}; did you mean 'contacts'\\? Tables: "):
        rd.load(typed)


def test_sources_registry_is_indexed_by_id() -> None:
    registry = rd.sources()
    assert registry.index.is_unique
    assert registry.loc["marzalik-2015", "publisher"] == "The Moscow Times"


def test_labels_come_from_the_enumeration_in_its_order() -> None:
    labels = rd.enum_labels("military_events", "status")
    assert list(labels) == rd.resource("military_events")["schema"]["fields"][6]["constraints"]["enum"]
    assert labels["did_not_happen"] == "Did not happen"
    with pytest.raises(rd.TableError, match="has no enumeration"):
        rd.enum_labels("contacts", "purpose")


def test_loaded_tables_records_what_was_loaded_in_order(monkeypatch) -> None:
    import russia_dprk.catalog as catalog

    monkeypatch.setattr(catalog, "_LOADED", [])  # what earlier tests in this process loaded is not this test's
    rd.load("agreements")
    rd.load("places")
    rd.load("agreements")
    assert rd.loaded_tables() == ["agreements", "places"]


def test_without_a_checkout_the_error_says_what_is_needed(tmp_path, monkeypatch) -> None:
    import russia_dprk.catalog as catalog

    monkeypatch.setattr(catalog, "DATA_DIR", tmp_path)
    with pytest.raises(rd.DatasetError, match="needs a checkout of the repository's data/ folder"):
        rd.load("contacts")


def test_the_dataset_imports_no_plotting_or_book_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, russia_dprk as rd; rd.load('contacts'); rd.validate(); "
        "import russia_dprk.pipeline, russia_dprk.cli; "
        "bad = [m for m in ('matplotlib', 'IPython', 'nbformat', 'nbclient', 'yaml', 'myst_nb', "
        "'russia_dprk_book') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_tables_can_describe_only_the_tables_named_in_their_order() -> None:
    named = rd.tables(["agreements", "contacts"])
    everything = rd.tables().set_index("name")
    assert list(named["name"]) == ["agreements", "contacts"]
    assert named.set_index("name").equals(everything.loc[["agreements", "contacts"]])
    assert list(rd.tables([]).columns) == list(everything.reset_index().columns)
    with pytest.raises(TableError, match="no table named 'nope'"):
        rd.tables(["nope"])


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (123, "names is a list of table names, got int 123"),
        ("contacts", "got the string 'contacts'"),
        (["contacts", "agreements", "contacts"], "names lists 'contacts' more than once"),
    ],
)
def test_tables_refuses_what_is_not_a_list_of_distinct_names(names, said: str) -> None:
    """A number had ended in a bare TypeError, and a table named twice had been described twice."""
    with pytest.raises(TableError, match=said):
        rd.tables(names)


def test_a_chapter_lists_exactly_the_tables_it_loaded(monkeypatch) -> None:
    from russia_dprk_book import chapter

    monkeypatch.setattr(chapter, "loaded_tables", lambda: ["sources", "contacts", "agreements"])
    lines = chapter.tables_used().data.splitlines()[2:]
    assert [line.split("`")[1].split(" ")[0] for line in lines] == ["contacts", "agreements"]
    monkeypatch.setattr(chapter, "loaded_tables", lambda: ["sources"])
    assert chapter.tables_used().data == "This chapter uses no table of the dataset."


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: rd.load(["contacts"]), r"a table is named by a string, got list \['contacts'\]"),
        (lambda: rd.load(None), "a table is named by a string, got NoneType None"),
        (lambda: rd.data_through(5), "a table is named by a string, got int 5"),
        (lambda: rd.tables("contacts"), r"names is a list of table names, got the string 'contacts': write tables\("),
    ],
)
def test_a_table_named_by_anything_but_a_string_says_what_it_got(call, message: str) -> None:
    with pytest.raises(rd.TableError, match=message):
        call()


def test_the_data_readme_says_where_each_series_ends_as_the_rows_do() -> None:
    """The dataset README's 'Where each series ends' table is typed prose: each row naming a table gives the year its
    rows end in (``data_through``), so a table extended without the README is caught."""
    import re
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("| series | ends |") :].split("\n\n")[0]
    checked = 0
    for line in section.splitlines()[2:]:
        series, ends = line.split("|")[1:3]
        for table in re.findall(r"`([a-z_]+)`", series):
            through = rd.data_through(table)
            if through:
                assert str(through)[:4] in ends, (table, through, ends)
                checked += 1
    assert checked == 8


def test_an_edit_that_restores_the_file_time_is_still_seen(data_copy, monkeypatch) -> None:
    import os

    import russia_dprk.catalog as catalog

    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    path = data_copy / "curated" / "contacts.csv"
    assert rd.load("contacts")["visitor"].iloc[0] == "Kim Il Sung"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Kim Il Sung", "Kim Il\u200bSung", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or a careless copy would
    with pytest.raises(TableError, match="U\\+200B"):
        rd.load("contacts")


def test_a_table_whose_referenced_table_cannot_be_read_is_refused(data_copy, monkeypatch) -> None:
    """contacts cites the source registry; with the registry's header broken its citations cannot be checked."""
    import russia_dprk.catalog as catalog

    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    path = data_copy / "sources.csv"
    path.write_text("X" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(TableError) as refused:
        rd.load("contacts")
    assert str(refused.value) == (
        "contacts refers to sources, which cannot be read: sources.csv: line 1, field 'source_id': missing-column: "
        "the header has no such column"
    )


def test_one_version_for_the_book_its_data_and_packages() -> None:
    """The version is written where each tool reads it (the citation file, the two packages, the descriptor)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    written = {
        "CITATION.cff": re.search(r"(?m)^version: (\S+)$", (root / "CITATION.cff").read_text(encoding="utf-8")),
        "pyproject.toml": re.search(r'(?m)^version = "(\S+)"$', (root / "pyproject.toml").read_text(encoding="utf-8")),
        "data/pyproject.toml": re.search(
            r'(?m)^version = "(\S+)"$', (root / "data" / "pyproject.toml").read_text(encoding="utf-8")
        ),
    }
    versions = {name: match.group(1) for name, match in written.items() if match}
    assert len(versions) == 3 and set(versions.values()) == {descriptor()["version"]}, versions
