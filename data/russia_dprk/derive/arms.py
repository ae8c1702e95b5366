"""SIPRI: arms transfers to the DPRK (TIV) and military expenditure."""

from __future__ import annotations

import csv

import pandas as pd

from ..errors import UpstreamError
from ..upstream import fetch

TIV_FILES = {
    "SUN": "sipri-arms/TIV-Export-USR-1950-2021.csv",
    "RUS": "sipri-arms/TIV-Export-RUS-1950-2021.csv",
    "CHN": "sipri-arms/TIV-Export-CHI-1950-2021.csv",
}
TIV_HEADER_ROWS = 10
MILEX_COUNTRIES = {"Russia": "RUS", "USSR": "SUN"}


def _tiv_row(supplier: str, file: str) -> pd.DataFrame:
    with open(fetch(file), newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    header = lines[TIV_HEADER_ROWS]
    matches = [line for line in lines[TIV_HEADER_ROWS + 1:] if line and line[0] == "North Korea"]
    if len(matches) != 1:
        raise UpstreamError(f"{file}: expected one 'North Korea' row, found {len(matches)}")
    cells = dict(zip(header, matches[0]))
    values = {int(year): int(value) for year, value in cells.items() if year.isdigit() and value.strip()}
    return pd.DataFrame({"year": list(values), "supplier": supplier, "tiv_millions": list(values.values())})


def transfers_to_dprk() -> pd.DataFrame:
    """Deliveries of major arms to the DPRK per supplier-year, SIPRI TIV millions.

    Years without a row had no recorded deliveries; a 0 is SIPRI's mark for under 0.5 million.
    """
    frames = [_tiv_row(supplier, file) for supplier, file in TIV_FILES.items()]
    out = pd.concat(frames, ignore_index=True).assign(recipient="PRK", source_id="sipri-arms-2022")
    return out[["year", "supplier", "recipient", "tiv_millions", "source_id"]].sort_values(
        ["supplier", "year"]).reset_index(drop=True)


def _milex_sheet(sheet: str, header: int) -> pd.DataFrame:
    table = pd.read_excel(fetch("sipri-milex/SIPRI-Milex-data-1949-2024.xlsx"), sheet_name=sheet, header=header)
    table = table[table["Country"].isin(MILEX_COUNTRIES)]
    years = [c for c in table.columns if isinstance(c, int)]
    long = table.melt(id_vars="Country", value_vars=years, var_name="year", value_name="value")
    long["value"] = pd.to_numeric(long["value"].replace({"...": None, "xxx": None}), errors="coerce")
    return long.dropna(subset=["value"]).assign(country=lambda d: d["Country"].map(MILEX_COUNTRIES))


def military_expenditure() -> pd.DataFrame:
    """Russia's (and the USSR's, where SIPRI has it) military expenditure."""
    spend = _milex_sheet("Constant (2023) US$", 5)[["country", "year", "value"]].rename(
        columns={"value": "usd_millions_2023"})
    share = _milex_sheet("Share of GDP", 5)[["country", "year", "value"]].rename(columns={"value": "share_of_gdp"})
    out = spend.merge(share, on=["country", "year"], how="outer")
    out["usd_millions_2023"] = out["usd_millions_2023"].round(1)
    out["share_of_gdp"] = (out["share_of_gdp"] * 100).round(2)
    out["year"] = out["year"].astype(int)
    out["source_id"] = "sipri-milex-2025"
    return out.sort_values(["country", "year"]).reset_index(drop=True)
