"""BP Statistical Review: South Korea's natural gas consumption."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import step


@step("rok_gas", upstream=["bp-energy/statistical_review_of_world_energy_bp_2021.csv"], source="bp-statreview-2021")
def rok_gas(review: Path) -> pd.DataFrame:
    """South Korea's gas consumption, billion cubic metres per year."""
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
    return out.sort_values("year").reset_index(drop=True)
