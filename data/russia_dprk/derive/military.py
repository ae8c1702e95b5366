"""DPRK missile launches (CNS) and nuclear tests (NRDC)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..errors import UpstreamError
from . import step, whole_numbers

NRDC_COUNTRIES = {
    "United States": "USA",
    "Russia": "RUS",
    "United Kingdom": "GBR",
    "France": "FRA",
    "China": "CHN",
    "India": "IND",
    "Pakistan": "PAK",
    "North Korea": "PRK",
}


def _launch_records(tests: Path, missile_types: Path) -> pd.DataFrame:
    with open(tests, encoding="utf-8") as handle:
        bins = json.load(handle)["timeBins"]
    with open(missile_types, encoding="utf-8") as handle:
        missiles = json.load(handle)
    records = [record for time_bin in bins for record in time_bin["data"]]
    frame = pd.DataFrame.from_records(records)[["date", "missile", "outcome"]]
    frame["missile_class"] = frame["missile"].map(lambda key: missiles[key]["type"])
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


@step(
    "missile_launches",
    upstream=["cns-missiles/test.en.json", "cns-missiles/missile.en.json"],
    source="cns-missiles-2026",
)
def missile_launches(tests: Path, missile_types: Path) -> pd.DataFrame:
    """Missiles launched per year and missile class, with the number that failed."""
    frame = _launch_records(tests, missile_types)
    grouped = frame.groupby(["year", "missile_class"])
    out = pd.DataFrame(
        {"launches": grouped.size(), "failures": grouped["outcome"].agg(lambda s: int((s == "failure").sum()))}
    )
    out = out.reset_index()
    return out.sort_values(["year", "missile_class"]).reset_index(drop=True)


@step("nuclear_tests", upstream=["nrdc-tests/underground.csv"], source="nrdc-nuclear-tests")
def nuclear_tests(tally: Path) -> pd.DataFrame:
    """Nuclear tests per year for every country that tested in the year (NRDC tally)."""
    wide = pd.read_csv(tally)
    if "Year" not in wide.columns:  # not NRDC's tally at all: the layout error names the step and its file
        raise KeyError("Year")
    unknown = sorted(set(wide.columns) - {"Year", *NRDC_COUNTRIES})
    if unknown:
        raise UpstreamError(f"{tally.name}: columns {unknown} name no country the step knows (NRDC_COUNTRIES)")
    lines = pd.Series([f"line {number}" for number in range(2, len(wide) + 2)])  # the header is line 1
    for column in wide.columns:
        wide[column] = whole_numbers(wide[column], tally.name, column, lines)
    long = wide.melt(id_vars="Year", var_name="name", value_name="tests")
    long = long[long["tests"] > 0]
    out = pd.DataFrame({"year": long["Year"], "country": long["name"].map(NRDC_COUNTRIES), "tests": long["tests"]})
    return out.sort_values(["country", "year"]).reset_index(drop=True)
