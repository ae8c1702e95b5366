"""Correlates of War dyadic trade: the DPRK's trade with Russia, China and the world."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr

from . import step

DPRK, RUSSIA, CHINA = 731, 365, 710
FIRST_YEAR = 1992


def _dprk_flows(rda: Path) -> pd.DataFrame:
    """One row per DPRK partner-year: the DPRK's imports from and exports to the partner."""
    raw = pyreadr.read_r(rda)["cow_trade_ndy"]
    as_first = raw[raw["ccode1"] == DPRK].rename(columns={"ccode2": "partner", "flow1": "imports", "flow2": "exports"})
    as_second = raw[raw["ccode2"] == DPRK].rename(columns={"ccode1": "partner", "flow2": "imports", "flow1": "exports"})
    flows = pd.concat([as_first, as_second])[["year", "partner", "imports", "exports"]]
    return flows[flows["year"] >= FIRST_YEAR].astype({"year": int, "partner": int})


@step("trade_cow", upstream=["cow/cow_trade_ndy.rda"], source="cow-trade-v4")
def cow_trade(rda: Path) -> pd.DataFrame:
    """DPRK imports and exports, current USD millions, with Russia, China and all partners."""
    flows = _dprk_flows(rda)
    partners = {RUSSIA: "RUS", CHINA: "CHN"}
    bilateral = flows[flows["partner"].isin(partners)].assign(partner=lambda d: d["partner"].map(partners))
    world = flows.groupby("year", as_index=False)[["imports", "exports"]].sum(min_count=1).assign(partner="WORLD")
    out = pd.concat([bilateral, world], ignore_index=True)
    out = out.rename(columns={"imports": "dprk_imports", "exports": "dprk_exports"})
    out["total"] = out["dprk_imports"] + out["dprk_exports"]
    columns = ["year", "partner", "dprk_imports", "dprk_exports", "total"]
    return out[columns].sort_values(["partner", "year"]).reset_index(drop=True)
