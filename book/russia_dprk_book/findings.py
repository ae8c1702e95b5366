"""Computations behind the numbers the book quotes, shared by chapters and the landing page."""

from __future__ import annotations

import pandas as pd
from russia_dprk.catalog import load


def mean_agreement(country_a: str, country_b: str, first: int, last: int) -> float:
    """Mean yearly UNGA agreement of a pair over a span of years."""
    frame = load("unga_alignment")
    mask = (frame["country_a"] == country_a) & (frame["country_b"] == country_b) & frame["year"].between(first, last)
    return float(frame.loc[mask, "agreement"].mean())


def ideal_point_gap(country_a: str, country_b: str, year: int) -> float:
    """Absolute distance between two countries' ideal points in a year."""
    frame = load("unga_ideal_points").set_index(["country", "year"])["ideal_point"]
    return abs(float(frame.loc[(country_a, year)]) - float(frame.loc[(country_b, year)]))


def confirmed_contacts(partner: str = "RUS") -> pd.DataFrame:
    """Confirmed contacts with a partner (RUS includes the USSR)."""
    frame = load("contacts")
    return frame[(frame["partner"] == partner) & (frame["status"] == "confirmed")]


def count_contacts(partner: str, first: int, last: int, levels: list[str] | None = None) -> int:
    """Confirmed contacts with a partner in a span of years, optionally at given levels."""
    frame = confirmed_contacts(partner)
    mask = frame["start_date"].dt.year.between(first, last)
    if levels:
        mask &= frame["level"].isin(levels)
    return int(mask.sum())


def reported_ranges(partner: str, flow: str = "total") -> pd.DataFrame:
    """Per year, the lowest and highest published figure and the number of sources behind them."""
    frame = load("trade_reported")
    frame = frame[(frame["partner"] == partner) & (frame["flow"] == flow)].dropna(subset=["value_usd_millions"])
    grouped = frame.groupby("year")["value_usd_millions"]
    out = pd.DataFrame({"low": grouped.min(), "high": grouped.max(), "sources": grouped.size()}).reset_index()
    return out.assign(partner=partner)


def kotra_shares() -> pd.DataFrame:
    """Russia's and China's shares of the DPRK's total trade, both sides taken from KOTRA."""
    frame = load("trade_reported")
    kotra = frame[(frame["reporter"] == "KOTRA") & (frame["flow"] == "total")]
    wide = kotra.pivot_table(
        index="year", columns="partner", values="value_usd_millions", aggfunc="first", observed=True
    )
    wide = wide.dropna(subset=["WORLD"])
    shares = pd.DataFrame(
        {partner: 100 * wide[partner] / wide["WORLD"] for partner in ["RUS", "CHN"] if partner in wide}
    )
    return shares.reset_index().melt(id_vars="year", var_name="partner", value_name="share").dropna()


def cow_shares() -> pd.DataFrame:
    """Russia's and China's shares of the DPRK's total trade in the COW data, 1992-2014."""
    frame = load("trade_cow")
    wide = frame.pivot_table(index="year", columns="partner", values="total", aggfunc="first", observed=True)
    shares = pd.DataFrame({partner: 100 * wide[partner] / wide["WORLD"] for partner in ["RUS", "CHN"]})
    return shares.reset_index().melt(id_vars="year", var_name="partner", value_name="share")


DELIVERED = ["opened", "completed", "in_operation", "resumed"]


def project_delivery() -> pd.DataFrame:
    """Per project: first dated milestone, first confirmed delivery, and latest confirmed milestone."""
    frame = load("projects")
    confirmed = frame[(frame["status"] == "confirmed")].dropna(subset=["date"]).sort_values("date")
    rows = []
    for project_id, group in confirmed.groupby("project_id", sort=False, observed=True):
        delivered = group[group["milestone"].isin(DELIVERED)]
        latest = group.iloc[-1]
        rows.append(
            {
                "project_id": project_id,
                "project": latest["project"],
                "first_milestone": group["date"].min(),
                "first_delivery": delivered["date"].min() if len(delivered) else pd.NaT,
                "latest_milestone": str(latest["milestone"]),
                "latest_date": latest["date"],
                "latest_source": latest["source_id"],
            }
        )
    return pd.DataFrame(rows).sort_values("first_milestone").reset_index(drop=True)


def estimates_of(item: str, direction: str = "dprk_to_russia", scope: str | None = None) -> pd.DataFrame:
    """Every estimate of one item (optionally of one scope, e.g. cumulative totals), oldest first."""
    frame = load("transfer_estimates")
    frame = frame[(frame["item"] == item) & (frame["direction"] == direction)]
    if scope:
        frame = frame[frame["scope"] == scope]
    return frame.sort_values("as_of").reset_index(drop=True)


def launches_per_year(first: int, last: int) -> pd.Series:
    """Missiles launched per year, all classes except space launch vehicles."""
    frame = load("missile_launches")
    frame = frame[(frame["missile_class"] != "SLV") & frame["year"].between(first, last)]
    return frame.groupby("year")["launches"].sum().reindex(range(first, last + 1), fill_value=0).astype(int)
