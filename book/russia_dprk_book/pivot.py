"""What the book means by a "pivot": indicators per sphere with thresholds fixed before the periods are compared.

A sphere shows a pivot in a period when a majority of its indicators meet their thresholds. The thresholds are set
in absolute terms, once, here (``tests/test_pivot.py`` pins them), and are the same for every period:

- political: at least one leader-level meeting a year; at least three ministerial-or-higher contacts a year
  (both per year the contacts table covers, the 2020-2023 border closure excluded); a treaty with a mutual-defence
  clause in force at the end of the period; at least one Russian veto shielding the DPRK; Russia backing no new
  sanctions resolution on the DPRK;
- economic: Russia's share of the DPRK's recorded trade at least 10 percent (mean of the years with a figure);
  recorded Russia-DPRK trade of at least USD 1 billion a year (the target both governments set in 2014); at least
  one joint link or facility opened (a rail line, port terminal, route or service);
- military: major-arms deliveries between the two in either direction (SIPRI); at least one joint exercise held;
  at least one military agreement signed; North Korean troops deployed for Russia.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown
from russia_dprk.catalog import load

from . import economic, military, political
from .escape import markdown as md
from .memo import per_data_state

PERIODS: dict[str, tuple[int, int]] = {
    "2000-2013": (2000, 2013),
    "2014-2016": (2014, 2016),
    "2017-2021": (2017, 2021),
    "2022 on": (2022, 2026),
}
TRADE_TARGET_USD_MILLIONS = 1000
# The treaties with a mutual-defence clause (1961: Article 1; 2024: Article 4); when each was in force is read from
# the agreements table.
DEFENCE_TREATIES = ("treaty-1961", "csp-treaty-2024")


@dataclass(frozen=True)
class Indicator:
    """One measure of closeness, its threshold and how it is computed for a span of years."""

    sphere: str
    name: str
    threshold: str
    measure: Callable[[int, int], float | None]
    met: Callable[[float], bool]
    unit: str = ""


def _contacts_rate(first: int, last: int, levels: list[str]) -> float:
    """Contacts at these levels per covered year, as the political chapter counts them
    (:func:`.political.contact_window`)."""
    return political.contact_window(first, last, levels)["rate"]


def leader_meetings(first: int, last: int) -> float:
    """Leader-level DPRK-Russia meetings per covered year."""
    return _contacts_rate(first, last, ["leader"])


def ministerial_contacts(first: int, last: int) -> float:
    """DPRK-Russia contacts at minister level or higher per covered year."""
    return _contacts_rate(first, last, political.MINISTERIAL)


def defence_treaty(first: int, last: int) -> float:
    """1 if a treaty with a mutual-defence clause was in force on 31 December of the period's last year."""
    end = pd.Timestamp(f"{last}-12-31")
    for treaty in DEFENCE_TREATIES:
        start, lapse = political.in_force(treaty)
        if start <= end and (lapse is None or end < lapse):
            return 1.0
    return 0.0


def russian_vetoes(first: int, last: int) -> float:
    """Security Council drafts on the DPRK vetoed with a Russian 'no' (:func:`.political.russian_vetoes`)."""
    vetoes = political.russian_vetoes(since=first)
    return float((vetoes["date"].dt.year <= last).sum())


def new_sanctions_backed(first: int, last: int) -> float:
    """Adopted Security Council resolutions on the DPRK (Panel renewals aside) that Russia voted for."""
    unsc = load("unsc_resolutions")
    mask = (
        (unsc["outcome"] == "adopted")
        & (unsc["russia_vote"] == "yes")
        & (unsc["subject"] != political.PANEL_RENEWAL)
        & unsc["date"].dt.year.between(first, last)
    )
    return float(mask.sum())


def russia_trade_share(first: int, last: int) -> float | None:
    """Mean of Russia's yearly share (percent) of the DPRK's recorded trade, as the economic chapter computes it:
    COW to 2014; after that KOTRA's share, else Russian statistics over KOTRA's total."""
    shares = economic.trade_shares()
    rus = shares[(shares["partner"] == "RUS") & shares["year"].between(first, last)]
    preference = {economic.SERIES_COW: 0, economic.SERIES_KOTRA: 1, economic.SERIES_RUS_OVER_KOTRA: 2}
    rus = rus[(rus["series"] == economic.SERIES_COW) == (rus["year"] <= 2014)]
    yearly = rus.assign(rank=rus["series"].map(preference)).sort_values("rank").groupby("year")["share"].first()
    return float(yearly.astype(float).mean()) if len(yearly) else None


def links_opened(first: int, last: int) -> float:
    """Confirmed 'opened' milestones of joint projects (a line, terminal, route or service opened)."""
    projects = load("projects")
    mask = (
        (projects["status"] == "confirmed")
        & (projects["milestone"] == "opened")
        & projects["date"].dt.year.between(first, last)
    )
    return float(mask.sum())


def russia_trade_value(first: int, last: int) -> float | None:
    """Mean yearly recorded Russia-DPRK trade, USD millions: COW to 2014, after that each year's median published
    figure."""
    cow = load("trade_cow")
    cow = cow[(cow["partner"] == "RUS") & cow["year"].between(first, min(last, 2014))].set_index("year")["total"]
    trade = load("trade_reported")
    rows = trade[
        (trade["partner"] == "RUS") & (trade["flow"] == "total") & trade["year"].between(max(first, 2015), last)
    ]
    published = rows.dropna(subset=["value_usd_millions"]).groupby("year")["value_usd_millions"].median()
    yearly = pd.concat([cow.astype(float), published.astype(float)])
    return float(yearly.mean()) if len(yearly) else None


def arms_flows(first: int, last: int) -> float:
    """SIPRI trend-indicator value (millions) of major arms delivered between the USSR/Russia and the DPRK, both ways
    (:func:`.military.arms_flows`)."""
    flows = military.arms_flows()
    return float(flows[flows["year"].between(first, last)]["tiv_millions"].sum())


def _events(kinds: list[str], first: int, last: int) -> float | None:
    """Confirmed military events of these kinds in the years ``first``-``last``; ``None`` (no data) for a period that
    ends before the table's first row, which it does not cover: no event found there is not zero events."""
    events = load("military_events")
    if last < int(events["date"].dt.year.min()):
        return None
    mask = events["kind"].isin(kinds) & (events["status"] == "confirmed") & events["date"].dt.year.between(first, last)
    return float(mask.sum())


def joint_exercises(first: int, last: int) -> float:
    """Joint exercises held (not plans, not observers)."""
    return _events(["joint_drill"], first, last)


def military_agreements(first: int, last: int) -> float:
    """Military agreements signed."""
    return _events(["agreement"], first, last)


def troop_deployments(first: int, last: int) -> float:
    """Reports or acknowledgements of North Korean troops deployed for Russia."""
    return _events(["deployment", "acknowledgment"], first, last)


def _at_least(limit: float) -> Callable[[float], bool]:
    return lambda value: value is not None and value == value and value >= limit


INDICATORS: list[Indicator] = [
    Indicator("political", "Leader-level meetings a year", "at least 1", leader_meetings, _at_least(1), "per year"),
    Indicator(
        "political",
        "Contacts at minister level or higher a year",
        "at least 3",
        ministerial_contacts,
        _at_least(3),
        "per year",
    ),
    Indicator("political", "Mutual-defence treaty in force at the period's end", "yes", defence_treaty, _at_least(1)),
    Indicator("political", "Russian vetoes shielding the DPRK", "at least 1", russian_vetoes, _at_least(1)),
    Indicator(
        "political",
        "New UN sanctions on the DPRK that Russia voted for",
        "none",
        new_sanctions_backed,
        lambda value: value == 0,
    ),
    Indicator(
        "economic",
        "Russia's share of the DPRK's recorded trade",
        "at least 10 percent",
        russia_trade_share,
        _at_least(10),
        "percent",
    ),
    Indicator(
        "economic",
        "Recorded Russia-DPRK trade a year",
        "at least USD 1,000 million",
        russia_trade_value,
        _at_least(TRADE_TARGET_USD_MILLIONS),
        "USD millions",
    ),
    Indicator("economic", "Joint links or facilities opened", "at least 1", links_opened, _at_least(1)),
    Indicator(
        "military",
        "Major-arms deliveries between them (SIPRI TIV)",
        "more than 0",
        arms_flows,
        lambda value: value > 0,
        "TIV millions",
    ),
    Indicator("military", "Joint exercises held", "at least 1", joint_exercises, _at_least(1)),
    Indicator("military", "Military agreements signed", "at least 1", military_agreements, _at_least(1)),
    Indicator(
        "military",
        "Reports or acknowledgements of troops sent to Russia",
        "at least 1",
        troop_deployments,
        _at_least(1),
    ),
]


SPHERES = ("political", "economic", "military")


def evaluate(sphere: str | None = None) -> pd.DataFrame:
    """Every indicator (of one sphere, or all) in every period: value and whether it meets its threshold.

    Each sphere is computed only when asked for (a chapter needs only its own), once per state of the data.
    """
    frames = [_evaluate_sphere(name) for name in ((sphere,) if sphere else SPHERES)]
    return pd.concat(frames, ignore_index=True)


@per_data_state
def _evaluate_sphere(sphere: str) -> pd.DataFrame:
    rows = []
    for indicator in (i for i in INDICATORS if i.sphere == sphere):
        for period, (first, last) in PERIODS.items():
            value = indicator.measure(first, last)
            rows.append(
                {
                    "sphere": indicator.sphere,
                    "indicator": indicator.name,
                    "threshold": indicator.threshold,
                    "period": period,
                    "value": value,
                    "met": bool(indicator.met(value)),
                }
            )
    return pd.DataFrame(rows)


def verdicts(sphere: str | None = None) -> pd.DataFrame:
    """Per sphere and period: indicators met, indicators in all, those without data for the period (counted as not
    met: a majority must be shown, not assumed), and whether a majority is met (a pivot)."""
    frame = evaluate(sphere)
    frame = frame.assign(no_data=[value is None or value != value for value in frame["value"]])
    grouped = frame.groupby(["sphere", "period"], sort=False)
    out = pd.DataFrame(
        {
            "met": grouped["met"].sum().astype(int),
            "indicators": grouped.size(),
            "no_data": grouped["no_data"].sum().astype(int),
        }
    ).reset_index()
    out["pivot"] = out["met"] * 2 > out["indicators"]
    out["open"] = ~out["pivot"] & ((out["met"] + out["no_data"]) * 2 > out["indicators"])
    return out


def unjudged_words() -> str:
    """Where the data cannot rule a pivot out, in words for a parenthesis ("" where they always can): a period without
    one in which the indicators without data could still make a majority.

    >>> unjudged_words()
    'the military sphere in 2000-2013 cannot be judged: 3 of its 4 indicators have no data'
    """
    summary = verdicts()
    summary = summary[summary["open"]]
    return "; ".join(
        f"the {row.sphere} sphere in {row.period} cannot be judged: {row.no_data} of its {row.indicators} indicators "
        "have no data"
        for row in summary.itertuples()
    )


def _value(value: float | None, unit: str) -> str:
    if value is None or value != value:
        return "no data"
    if unit in ("per year", "percent"):
        return f"{value:.1f}"
    if unit == "USD millions":
        return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"
    return f"{value:,.0f}"


def indicator_table(sphere: str) -> Markdown:
    """The sphere's indicators by period as an editorial table: value, and a check mark where the threshold is met."""
    frame = evaluate(sphere)
    units = {i.name: i.unit for i in INDICATORS}
    periods = list(PERIODS)
    lines = ["| Indicator | Threshold | " + " | ".join(periods) + " |", "|---|---|" + "---|" * len(periods)]
    for name, group in frame.groupby("indicator", sort=False):
        cells = [f"{_value(row.value, units[name])}{' ✔' if row.met else ''}" for row in group.itertuples()]
        lines.append(f"| {md(name)} | {md(group['threshold'].iloc[0])} | " + " | ".join(cells) + " |")
    summary = verdicts(sphere)
    lines.append(
        "| **Pivot (most indicators met)** | majority | "
        + " | ".join(
            f"**{'yes' if row.pivot else 'cannot tell' if row.open else 'no'}** ({row.met} of {row.indicators}"
            f"{f'; {row.no_data} without data' if row.no_data else ''})"
            for row in summary.itertuples()
        )
        + " |"
    )
    return Markdown("\n".join(lines))


def first_pivot_periods() -> dict[str, str | None]:
    """For each sphere, the first period in which it shows a pivot (``None`` if in none)."""
    summary = verdicts()
    out: dict[str, str | None] = {}
    for sphere in SPHERES:
        periods = summary[(summary["sphere"] == sphere) & summary["pivot"]]["period"].tolist()
        out[sphere] = periods[0] if periods else None
    return out


def turns() -> tuple[list[str], list[str], str]:
    """The spheres that show a pivot in some period, those that never do, and when the first do, in words
    ("from 2022"; "in 2014-2016, 2022 on" where they differ)."""
    first = first_pivot_periods()
    turned = [sphere for sphere, period in first.items() if period]
    never = [sphere for sphere, period in first.items() if not period]
    periods = sorted({first[sphere] for sphere in turned})
    when = "from 2022" if periods == ["2022 on"] else "in " + ", ".join(periods)
    return turned, never, when
