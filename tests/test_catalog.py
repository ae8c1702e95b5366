"""Loading tables: types, listing, sources, errors."""

from __future__ import annotations

import pandas as pd
import pytest

import russia_dprk as rd
from russia_dprk.catalog import descriptor

RESOURCES = [r["name"] for r in descriptor()["resources"]]


@pytest.mark.parametrize("name", RESOURCES)
def test_every_table_loads_with_its_declared_types(name: str) -> None:
    frame = rd.load(name)
    fields = rd.resource(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) > 0
    for field in fields:
        column = frame[field["name"]]
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(column), field["name"]
        elif field.get("constraints", {}).get("enum"):
            assert isinstance(column.dtype, pd.CategoricalDtype), field["name"]
            assert column.isna().sum() == (pd.read_csv(rd.catalog.table_path(name), dtype=str)[field["name"]].isna().sum())
        elif field["type"] == "integer":
            assert str(column.dtype) == "Int64", field["name"]
        elif field["type"] == "number":
            assert str(column.dtype) == "Float64", field["name"]


def test_tables_lists_every_resource_with_title_unit_and_sources() -> None:
    listing = rd.tables()
    assert list(listing["name"]) == RESOURCES
    assert listing["title"].str.len().min() > 0
    assert listing["unit"].str.len().min() > 0
    derived = listing[listing["kind"] == "derived"]
    assert (derived["sources"] != "per row").all()


@pytest.mark.parametrize("name", [n for n in RESOURCES if n != "sources"])
def test_every_row_names_a_registered_source(name: str) -> None:
    registry = set(rd.sources().index)
    cited = set(rd.load(name)["source_id"].astype(str))
    assert cited <= registry, cited - registry


def test_derived_tables_carry_provenance() -> None:
    for entry in descriptor()["resources"]:
        if entry["x-kind"] == "derived":
            for key in ("x-processing", "x-citation", "x-accessed", "x-upstream", "licenses", "x-source-ids"):
                assert entry.get(key), (entry["name"], key)


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(rd.TableError, match="no table named 'nope'"):
        rd.load("nope")


def test_sources_registry_is_indexed_by_id() -> None:
    registry = rd.sources()
    assert registry.index.is_unique
    assert registry.loc["marzalik-2015", "publisher"] == "The Moscow Times"
