"""SIPRI: arms transfers to the DPRK (TIV) and military expenditure."""

from __future__ import annotations

import csv

import pandas as pd

from ..errors import UpstreamError
from pathlib import Path

from . import step

TIV_HEADER_ROWS = 10
MILEX_COUNTRIES = {"Russia": "RUS", "USSR": "SUN"}


def _tiv_row(supplier: str, file: Path) -> pd.DataFrame:
    with open(file, newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    header = lines[TIV_HEADER_ROWS]
    matches = [line for line in lines[TIV_HEADER_ROWS + 1:] if line and line[0] == "North Korea"]
    if len(matches) != 1:
        raise UpstreamError(f"{file.name}: expected one 'North Korea' row, found {len(matches)}")
    cells = dict(zip(header, matches[0]))
    values = {int(year): int(value) for year, value in cells.items() if year.isdigit() and value.strip()}
    return pd.DataFrame({"year": list(values), "supplier": supplier, "tiv_millions": list(values.values())})


@step("arms_transfers", upstream=["sipri-arms/TIV-Export-USR-1950-2021.csv", "sipri-arms/TIV-Export-RUS-1950-2021.csv",
                                  "sipri-arms/TIV-Export-CHI-1950-2021.csv"], source="sipri-arms-2022")
def transfers_to_dprk(soviet: Path, russia: Path, china: Path) -> pd.DataFrame:
    """Deliveries of major arms to the DPRK per supplier-year, SIPRI TIV millions.

    Years without a row had no recorded deliveries; a 0 is SIPRI's mark for under 0.5 million.
    """
    frames = [_tiv_row(supplier, file) for supplier, file in (("SUN", soviet), ("RUS", russia), ("CHN", china))]
    out = pd.concat(frames, ignore_index=True).assign(recipient="PRK")
    return out[["year", "supplier", "recipient", "tiv_millions"]].sort_values(
        ["supplier", "year"]).reset_index(drop=True)


def _milex_sheet(workbook: Path, sheet: str, header: int) -> pd.DataFrame:
    table = pd.read_excel(workbook, sheet_name=sheet, header=header)
    table = table[table["Country"].isin(MILEX_COUNTRIES)]
    years = [c for c in table.columns if isinstance(c, int)]
    long = table.melt(id_vars="Country", value_vars=years, var_name="year", value_name="value")
    long["value"] = pd.to_numeric(long["value"].replace({"...": None, "xxx": None}), errors="coerce")
    return long.dropna(subset=["value"]).assign(country=lambda d: d["Country"].map(MILEX_COUNTRIES))


@step("military_expenditure", upstream=["sipri-milex/SIPRI-Milex-data-1949-2024.xlsx"], source="sipri-milex-2025")
def military_expenditure(workbook: Path) -> pd.DataFrame:
    """Russia's (and the USSR's, where SIPRI has it) military expenditure."""
    spend = _milex_sheet(workbook, "Constant (2023) US$", 5)[["country", "year", "value"]].rename(
        columns={"value": "usd_millions_2023"})
    share = _milex_sheet(workbook, "Share of GDP", 5)[["country", "year", "value"]].rename(columns={"value": "share_of_gdp"})
    out = spend.merge(share, on=["country", "year"], how="outer")
    out["usd_millions_2023"] = out["usd_millions_2023"].round(1)
    out["share_of_gdp"] = (out["share_of_gdp"] * 100).round(2)
    out["year"] = out["year"].astype(int)
    return out.sort_values(["country", "year"]).reset_index(drop=True)
