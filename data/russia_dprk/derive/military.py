"""DPRK missile launches (CNS), nuclear tests (NRDC) and provocations (CSIS)."""

from __future__ import annotations

import json

import pandas as pd

from ..upstream import fetch

NRDC_COUNTRIES = {"United States": "USA", "Russia": "RUS", "United Kingdom": "GBR", "France": "FRA",
                  "China": "CHN", "India": "IND", "Pakistan": "PAK", "North Korea": "PRK"}


def _launch_records() -> pd.DataFrame:
    with open(fetch("cns-missiles/test.en.json"), encoding="utf-8") as handle:
        bins = json.load(handle)["timeBins"]
    with open(fetch("cns-missiles/missile.en.json"), encoding="utf-8") as handle:
        missiles = json.load(handle)
    records = [record for time_bin in bins for record in time_bin["data"]]
    frame = pd.DataFrame.from_records(records)[["date", "missile", "outcome"]]
    frame["missile_class"] = frame["missile"].map(lambda key: missiles[key]["type"])
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


def missile_launches() -> pd.DataFrame:
    """Missiles launched per year and missile class, with the number that failed."""
    frame = _launch_records()
    grouped = frame.groupby(["year", "missile_class"])
    out = pd.DataFrame({"launches": grouped.size(),
                        "failures": grouped["outcome"].agg(lambda s: int((s == "failure").sum()))})
    out = out.reset_index().assign(source_id="cns-missiles-2026")
    return out.sort_values(["year", "missile_class"]).reset_index(drop=True)


def nuclear_tests() -> pd.DataFrame:
    """Nuclear tests per year for every country that tested in the year (NRDC tally)."""
    wide = pd.read_csv(fetch("nrdc-tests/underground.csv"))
    long = wide.melt(id_vars="Year", var_name="name", value_name="tests")
    long = long[long["tests"] > 0]
    out = pd.DataFrame({"year": long["Year"].astype(int), "country": long["name"].map(NRDC_COUNTRIES),
                        "tests": long["tests"].astype(int), "source_id": "nrdc-nuclear-tests"})
    return out.sort_values(["country", "year"]).reset_index(drop=True)


def provocations() -> pd.DataFrame:
    """Events in the CSIS provocations database per year and type (counts only)."""
    raw = pd.read_csv(fetch("csis-provocations/north_korea_provocations_1958_present.csv"))
    year = raw["date"].str[:4].astype(int)
    counts = raw.assign(year=year).groupby(["year", "type"]).size().rename("events").reset_index()
    counts = counts.rename(columns={"type": "event_type"}).assign(source_id="csis-provocations-2026")
    return counts.sort_values(["year", "event_type"]).reset_index(drop=True)
