"""Computations behind the numbers the book quotes, shared by chapters and the landing page."""

from __future__ import annotations

import pandas as pd
from russia_dprk.catalog import load

from .memo import per_data_state


def mean_agreement(country_a: str, country_b: str, first: int, last: int) -> float:
    """Mean yearly UNGA agreement of a pair over a span of years."""
    frame = load("unga_alignment")
    mask = (frame["country_a"] == country_a) & (frame["country_b"] == country_b) & frame["year"].between(first, last)
    return float(frame.loc[mask, "agreement"].mean())


@per_data_state
def confirmed_contacts(partner: str = "RUS") -> pd.DataFrame:
    """Confirmed contacts with a partner (RUS includes the USSR)."""
    frame = load("contacts")
    return frame[(frame["partner"] == partner) & (frame["status"] == "confirmed")].copy()


def count_contacts(partner: str, first: int, last: int, levels: list[str] | None = None) -> int:
    """Confirmed contacts with a partner in a span of years, optionally at given levels."""
    frame = confirmed_contacts(partner)
    mask = frame["start_date"].dt.year.between(first, last)
    if levels:
        mask &= frame["level"].isin(levels)
    return int(mask.sum())


def cow_shares() -> pd.DataFrame:
    """Russia's and China's shares of the DPRK's total trade in the COW data, 1992-2014."""
    frame = load("trade_cow")
    wide = frame.pivot_table(index="year", columns="partner", values="total", aggfunc="first", observed=True)
    shares = pd.DataFrame({partner: 100 * wide[partner] / wide["WORLD"] for partner in ["RUS", "CHN"]})
    return shares.reset_index().melt(id_vars="year", var_name="partner", value_name="share")


def launches_per_year(first: int, last: int) -> pd.Series:
    """Missiles launched per year, all classes except space launch vehicles."""
    frame = load("missile_launches")
    frame = frame[(frame["missile_class"] != "SLV") & frame["year"].between(first, last)]
    return frame.groupby("year")["launches"].sum().reindex(range(first, last + 1), fill_value=0).astype(int)
