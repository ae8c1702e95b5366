"""DPRK missile launches (CNS) and nuclear tests (NRDC)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import step

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
    long = wide.melt(id_vars="Year", var_name="name", value_name="tests")
    long = long[long["tests"] > 0]
    out = pd.DataFrame(
        {
            "year": long["Year"].astype(int),
            "country": long["name"].map(NRDC_COUNTRIES),
            "tests": long["tests"].astype(int),
        }
    )
    return out.sort_values(["country", "year"]).reset_index(drop=True)
