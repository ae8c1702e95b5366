"""BP Statistical Review: South Korea's natural gas consumption, and its rank among the world's net gas importers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import step

# BP's rows that are not single countries: world regions, groupings and the former USSR. Price and marker series
# carry no gas consumption and drop out on their own; rows named "Other ..." are regional remainders.
AGGREGATES = {
    "Africa",
    "Asia Pacific",
    "CIS",
    "Central America",
    "Eastern Africa",
    "Europe",
    "European Union",
    "Middle Africa",
    "Middle East",
    "Middle East & Africa",
    "Non-OECD",
    "North America",
    "OECD",
    "South & Central America",
    "USSR",
    "Western Africa",
    "World",
}


def net_import_ranks(raw: pd.DataFrame, country: str) -> pd.Series:
    """``country``'s rank (1 = largest) by net gas imports, consumption less production, among the single countries
    BP lists each year, indexed by year; years when the country imports nothing net are left out.

    >>> raw = pd.DataFrame({"Entity": ["A", "B", "World", "Other Europe", "A", "B"], "Year": [2014] * 4 + [2015] * 2,
    ...                     "Gas Consumption - Bcm": [50.0, 70.0, 900.0, 99.0, 0.0, 10.0],
    ...                     "Gas Production - Bcm": [None, 5.0, 900.0, None, None, None]})
    >>> net_import_ranks(raw, "A").to_dict()
    {2014: 2}
    """
    rows = raw.dropna(subset=["Gas Consumption - Bcm"])
    rows = rows[~rows["Entity"].isin(AGGREGATES) & ~rows["Entity"].str.startswith("Other ")]
    net = rows["Gas Consumption - Bcm"] - rows["Gas Production - Bcm"].fillna(0)
    ranks = net.groupby(rows["Year"]).rank(ascending=False, method="min")
    mine = (rows["Entity"] == country) & (net > 0)
    return pd.Series(ranks[mine].astype(int).to_numpy(), index=rows.loc[mine, "Year"].astype(int).to_numpy())


@step("rok_gas", upstream=["bp-energy/statistical_review_of_world_energy_bp_2021.csv"], source="bp-statreview-2021")
def rok_gas(review: Path) -> pd.DataFrame:
    """South Korea's gas consumption and production, billion cubic metres per year, and its rank by net imports."""
    raw = pd.read_csv(review, usecols=["Entity", "Year", "Gas Consumption - Bcm", "Gas Production - Bcm"])
    korea = raw[raw["Entity"] == "South Korea"].dropna(subset=["Gas Consumption - Bcm"])
    out = pd.DataFrame(
        {
            "year": korea["Year"].astype(int),
            "country": "KOR",
            "consumption_bcm": korea["Gas Consumption - Bcm"].round(3),
            "production_bcm": korea["Gas Production - Bcm"].round(3),
        }
    )
    out["net_import_rank"] = out["year"].map(net_import_ranks(raw, "South Korea")).astype("Int64")
    return out.sort_values("year").reset_index(drop=True)
