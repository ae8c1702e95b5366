"""The political chapter's findings and charts: contacts per covered year, UN voting distances, recorded votes since
2020, the 1961 treaty's end, Security Council votes and vetoes.

Every number and every trend statement of ``book/political.ipynb`` is computed here and pinned by
``tests/test_findings_political.py``.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from russia_dprk.catalog import country_names as code_names
from russia_dprk.catalog import load

from . import charts, findings
from .coverage import ARTICLE_DATE, BORDER_CLOSURE, covered_years, not_covered, through
from .editorial import format_date
from .memo import per_data_state
from .style import COLORS, new_figure, tight_layout
from .tiers import secondary
from .wording import join_words

PANEL_RENEWAL = "Panel of Experts renewal"
DISSENT_MARK = "DISSENTS"
MINISTERIAL = [
    "leader",
    "head_of_state_nominal",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "parliament_head",
    "security_council_secretary",
]
# Two- and three-year windows compared like for like: rates per year the contacts table covers, closure excluded.
WINDOWS: dict[str, tuple[int, int]] = {
    "2012-2013": (2012, 2013),
    "2014-2015": (2014, 2015),
    "2016-2017": (2016, 2017),
    "2018-2019": (2018, 2019),
    "2023-2025": (2023, 2025),
}
VOTERS = ["russia", "dprk", "china", "usa", "rok"]


# --- contacts -------------------------------------------------------------------------------------------------


def contact_window(
    first: int, last: int, levels: list[str] | None = None, first_hand_only: bool = False
) -> dict[str, float]:
    """Confirmed DPRK-Russia contacts in the calendar years ``first``-``last`` and their rate per covered year.

    Covered time is cut at the contacts table's last date and excludes the 2020-2023 border closure
    (:data:`coverage.BORDER_CLOSURE`); contacts dated inside the closure are not counted. The closure's last day is
    the day the first visitors arrived (Shoigu, 25 July 2023), so contacts on that day count.
    ``first_hand_only`` drops rows whose source is a secondary one (a repost or compilation).
    """
    frame = findings.confirmed_contacts("RUS")
    start, end = pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{last}-12-31")
    inside = frame["start_date"].between(start, end)
    mask = inside & ~_in_closure(frame["start_date"])
    if levels:
        mask &= frame["level"].isin(levels)
    if first_hand_only:
        mask &= ~secondary(frame["source_id"])
    years = covered_years(start, end, "contacts", exclude=BORDER_CLOSURE)
    count = int(mask.sum())
    return {"contacts": count, "covered_years": years, "rate": count / years if years > 0 else float("nan")}


def contact_windows(windows: dict[str, tuple[int, int]] | None = None) -> pd.DataFrame:
    """Per window: contacts (all levels, minister or higher, and each counting only rows whose source is not a
    secondary copy), covered years and rates."""
    return _contact_windows(tuple((windows or WINDOWS).items()))


@per_data_state
def _contact_windows(windows: tuple[tuple[str, tuple[int, int]], ...]) -> pd.DataFrame:
    """:func:`contact_windows`, computed once per set of windows and state of the data (the chapter asks four times)."""
    rows = []
    for name, (first, last) in windows:
        every = contact_window(first, last)
        senior = contact_window(first, last, MINISTERIAL)
        direct = contact_window(first, last, first_hand_only=True)
        direct_senior = contact_window(first, last, MINISTERIAL, first_hand_only=True)
        rows.append(
            {
                "window": name,
                "covered_years": round(every["covered_years"], 2),
                "contacts": every["contacts"],
                "rate": round(every["rate"], 1),
                "ministerial": senior["contacts"],
                "ministerial_rate": round(senior["rate"], 1),
                "first_hand": direct["contacts"],
                "first_hand_rate": round(direct["rate"], 1),
                "ministerial_first_hand": direct_senior["contacts"],
                "ministerial_first_hand_rate": round(direct_senior["rate"], 1),
            }
        )
    return pd.DataFrame(rows)


def contacts_in_year(year: int, partner: str = "RUS") -> int:
    """Confirmed contacts the table records in one calendar year."""
    return findings.count_contacts(partner, year, year)


def contacts_during_closure() -> int:
    """Confirmed DPRK-Russia contacts dated inside the 2020-2023 border closure."""
    frame = findings.confirmed_contacts("RUS")
    return int(_in_closure(frame["start_date"]).sum())


def _in_closure(dates: pd.Series) -> pd.Series:
    """Dates from the closure's first day up to, not including, the day the first visitors arrived."""
    return (dates >= BORDER_CLOSURE[0]) & (dates < BORDER_CLOSURE[1])


def leader_meetings(partner: str, first: int, last: int) -> pd.Series:
    """Dates of confirmed leader-level meetings of the DPRK with a partner in a span of years."""
    frame = findings.confirmed_contacts(partner)
    frame = frame[(frame["level"] == "leader") & frame["start_date"].dt.year.between(first, last)]
    return frame["start_date"].sort_values().reset_index(drop=True)


def contacts_title(contacts: pd.DataFrame) -> str:
    """The contacts timeline's title: the year with the most contacts at minister level or higher (the latest such
    year on a tie), and how long after the April 2015 article it came.

    >>> frame = pd.DataFrame({"start_date": pd.to_datetime(["2016-03-01", "2024-05-01", "2024-09-01"]),
    ...                       "level": ["foreign_minister", "leader", "other_senior"]})
    >>> contacts_title(frame)
    'Minister-level contacts peaked in 2024, 9 years after the article'
    """
    senior = contacts[contacts["level"].isin(MINISTERIAL)]
    per_year = senior["start_date"].dt.year.value_counts()
    peak = int(per_year[per_year == per_year.max()].index.max())
    years = peak - ARTICLE_DATE.year
    when = f"{years} years after the article" if years > 1 else "right after the article" if years >= 0 else ""
    return f"Minister-level contacts peaked in {peak}" + (f", {when}" if when else "")


def contacts_figure(contacts: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> Figure:
    """Each confirmed contact by rank and date, the border closure and the span after the table's last row shaded,
    April 2015 marked."""
    fig, ax = new_figure(figsize=(8, 4.8))
    charts.contacts_timeline(ax, contacts)
    charts.shade_spans(ax, [(BORDER_CLOSURE[0], BORDER_CLOSURE[1], "DPRK borders closed")])
    charts.shade_spans(ax, not_covered("contacts", start, end))
    charts.mark_article(ax)
    ax.set_xlim(start, end)
    charts.fix_date_ticks(ax)
    charts.headline(
        ax,
        contacts_title(contacts),
        "Confirmed DPRK-USSR/Russia contacts by rank of the principal traveller, one marker per visit",
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, fontsize=8)
    tight_layout(fig)
    return fig


# --- UN General Assembly: ideal points ------------------------------------------------------------------------


@per_data_state
def ideal_distance(country_a: str, country_b: str) -> pd.DataFrame:
    """Per year, the distance between two countries' ideal points and its bounds from their 5-95% intervals.

    ``low`` is the gap between the two intervals (0 where they overlap), ``high`` the distance between their far
    ends: any pair of values inside both intervals lies between them. The bounds are conservative, not a
    posterior interval of the distance.
    """
    frame = load("unga_ideal_points")
    a = frame[frame["country"] == country_a].set_index("year")
    b = frame[frame["country"] == country_b].set_index("year")
    years = a.index.intersection(b.index)
    a, b = a.loc[years], b.loc[years]
    gap = (a["ideal_point"] - b["ideal_point"]).abs()
    low = pd.concat([a["low_5"] - b["high_95"], b["low_5"] - a["high_95"]], axis=1).max(axis=1).clip(lower=0)
    high = pd.concat([a["high_95"] - b["low_5"], b["high_95"] - a["low_5"]], axis=1).max(axis=1)
    out = pd.DataFrame(
        {
            "year": years,
            "pair": f"{country_a}-{country_b}",
            "distance": gap.to_numpy(),
            "low": low.to_numpy(),
            "high": high.to_numpy(),
        }
    )
    return out.sort_values("year").reset_index(drop=True)


def distance_in(country_a: str, country_b: str, year: int) -> float:
    """The distance between two countries' ideal points in one year."""
    frame = ideal_distance(country_a, country_b).set_index("year")
    return float(frame.loc[year, "distance"])


def distance_fell_clearly(country_a: str, country_b: str, first: int, last: int) -> bool:
    """True if the distance in ``last`` is below ``first``'s with disjoint bounds (a change beyond the intervals)."""
    frame = ideal_distance(country_a, country_b).set_index("year")
    return bool(frame.loc[last, "high"] < frame.loc[first, "low"])


def distance_flat(country_a: str, country_b: str, first: int, last: int) -> bool:
    """True if the distance's bounds overlap in every year of the span: no change the intervals can tell apart."""
    frame = ideal_distance(country_a, country_b)
    frame = frame[frame["year"].between(first, last)]
    return bool(frame["low"].max() <= frame["high"].min())


def biggest_fall(country_a: str, country_b: str, first: int, last: int, length: int = 3) -> tuple[int, int, float]:
    """The ``length``-year span within ``first``-``last`` over which the distance fell most: (start, end, fall)."""
    frame = ideal_distance(country_a, country_b).set_index("year")["distance"]
    best = (first, first + length, float("-inf"))
    for start in range(first, last - length + 1):
        fall = float(frame.loc[start] - frame.loc[start + length])
        if fall > best[2]:
            best = (start, start + length, fall)
    return best


def ideal_point_moves(first: int, last: int) -> pd.Series:
    """Change of each country's ideal point from ``first`` to ``last`` (positive = towards the USA)."""
    frame = load("unga_ideal_points").pivot(index="year", columns="country", values="ideal_point")
    frame.columns = frame.columns.astype(str)
    return (frame.loc[last] - frame.loc[first]).astype(float).sort_index()


def shifted_beyond_intervals(first: int, last: int) -> list[str]:
    """Countries whose ideal point moved between two years by more than their 5-95% intervals allow
    (the two years' intervals do not overlap), sorted."""
    frame = load("unga_ideal_points").set_index(["country", "year"])
    moved = []
    for country in sorted(frame.index.get_level_values("country").astype(str).unique()):
        a, b = frame.loc[(country, first)], frame.loc[(country, last)]
        if a["high_95"] < b["low_5"] or b["high_95"] < a["low_5"]:
            moved.append(country)
    return moved


def years_china_closer(first: int, last: int) -> int:
    """Years in the span in which China's ideal point was closer to the DPRK's than Russia's was."""
    rus = ideal_distance("RUS", "PRK").set_index("year")["distance"]
    chn = ideal_distance("CHN", "PRK").set_index("year")["distance"]
    span = rus.loc[first:last].index
    return int((chn.loc[span] < rus.loc[span]).sum())


def years_russia_closer(first: int, last: int) -> list[int]:
    """Years in the span in which Russia's ideal point was at least as close to the DPRK's as China's was."""
    rus = ideal_distance("RUS", "PRK").set_index("year")["distance"]
    chn = ideal_distance("CHN", "PRK").set_index("year")["distance"]
    span = rus.loc[first:last].index
    return [int(year) for year in span if not chn.loc[year] < rus.loc[year]]


def years_china_clearly_closer(first: int, last: int) -> list[int]:
    """Years in the span in which the China-DPRK distance's whole band lies below the Russia-DPRK distance's (the
    bounds from the 5-95% intervals tell them apart), not only its point estimate."""
    rus = ideal_distance("RUS", "PRK").set_index("year")
    chn = ideal_distance("CHN", "PRK").set_index("year")
    span = rus.loc[first:last].index
    return [int(year) for year in span if chn.loc[year, "high"] < rus.loc[year, "low"]]


def year_span_words(years: list[int]) -> str:
    """Years as runs: [1992, 1993, 1994, 2001] -> '1992-1994 and 2001'.

    >>> year_span_words([1992, 1993, 1994, 2001]), year_span_words([])
    ('1992-1994 and 2001', 'none')
    """
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return join_words([f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]) or "none"


def distance_figure(distances: pd.DataFrame, last_year: int, end_year: int = 2026) -> Figure:
    """Russia-DPRK and China-DPRK distances with their bounds, April 2015 marked, years without estimates shaded."""
    fig, ax = new_figure(figsize=(8, 4.6))
    colours = {"RUS-PRK": COLORS["RUS"], "CHN-PRK": COLORS["CHN"]}
    labels = {"RUS-PRK": "Russia-DPRK", "CHN-PRK": "China-DPRK"}
    ends = []
    for pair, group in distances.groupby("pair", sort=False):
        colour = colours[str(pair)]
        ax.fill_between(group["year"], group["low"], group["high"], color=colour, alpha=0.15, linewidth=0)
        ax.plot(group["year"], group["distance"], color=colour, linewidth=2)
        last = group.iloc[-1]
        ends.append((float(last["distance"]), float(last["year"]), labels[str(pair)], colour))
    # direct labels right of the hatched span, spread apart, each tied to its line's last point
    for rank, (value, year, label, colour) in enumerate(sorted(ends)):
        ax.annotate(
            label,
            (year, value),
            xytext=(end_year + 0.8, 0.08 + 0.35 * rank),
            textcoords="data",
            fontsize=8,
            color=colour,
            fontweight="bold",
            va="center",
            ha="left",
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.6},
        )
    charts.shade_spans(ax, [(last_year + 0.5, end_year + 0.5, f"no estimates after {last_year}")])
    charts.mark_article(ax, yearly=True)
    ax.set_xlim(distances["year"].min() - 0.5, end_year + 6)
    ax.set_xticks(range(1995, end_year + 1, 5))
    ax.set_ylim(0, None)
    ax.set_ylabel("Distance between ideal points")
    charts.headline(
        ax,
        "Russia's distance from the DPRK in UN votes closed in 2014-2017, not after 2022",
        "Distance between UNGA ideal points (dimensionless); bands: bounds from the 5-95% intervals",
    )
    tight_layout(fig)
    return fig


# --- UN General Assembly: recorded votes since 2020 -----------------------------------------------------------


def recorded_vote_rows() -> pd.DataFrame:
    """The curated recorded votes, one row per vote and source, by date."""
    frame = load("unga_recorded_votes")
    return frame.sort_values(["date", "resolution", "source_id"]).reset_index(drop=True)


@per_data_state
def recorded_votes() -> pd.DataFrame:
    """One row per vote: each country's vote where the sources that give it agree, ``disputed`` where they differ,
    missing where no source read gives it."""
    frame = recorded_vote_rows()
    rows = []
    for (resolution, date), group in frame.groupby(["resolution", "date"], sort=False):
        row = {
            "resolution": resolution,
            "date": date,
            "session": group["session"].iloc[0],
            "topic": group["topic"].iloc[0],
            "sources": len(group),
        }
        for voter in VOTERS:
            values = set(group[voter].dropna().astype(str))
            row[voter] = values.pop() if len(values) == 1 else ("disputed" if values else None)
        rows.append(row)
    return pd.DataFrame(rows).sort_values(["date", "resolution"]).reset_index(drop=True)


def recorded_votes_through() -> pd.Timestamp:
    """Date of the last recorded vote in the table."""
    return recorded_vote_rows()["date"].max()


def russia_dprk_vote_match() -> dict[str, int]:
    """On the votes where both Russia's and the DPRK's votes are on record: how many, how many alike, and China's
    votes on them (no, abstain, disputed, not on record); and how many votes in all, and in the Third Committee
    rather than the plenary (topic marked "committee vote")."""
    votes = recorded_votes()
    both = votes[
        votes["russia"].notna()
        & votes["dprk"].notna()
        & (votes["russia"] != "disputed")
        & (votes["dprk"] != "disputed")
    ]
    china = both["china"].fillna("not_recorded")
    return {
        "votes": len(votes),
        "committee": int(votes["topic"].astype(str).str.contains("(committee vote)", regex=False).sum()),
        "both_recorded": len(both),
        "alike": int((both["russia"] == both["dprk"]).sum()),
        "both_no": int(((both["russia"] == "no") & (both["dprk"] == "no")).sum()),
        "china_no": int((china == "no").sum()),
        "china_abstain": int((china == "abstain").sum()),
        "china_disputed": int((china == "disputed").sum()),
        "china_not_recorded": int((china == "not_recorded").sum()),
        "first_year": int(both["date"].dt.year.min()),
        "last_year": int(both["date"].dt.year.max()),
    }


def usa_recorded() -> int:
    """Votes on which the sources read give the USA's vote, and agree on it."""
    votes = recorded_votes()
    return int((votes["usa"].notna() & (votes["usa"] != "disputed")).sum())


def usa_with_russia() -> pd.DataFrame:
    """Votes on which the USA's recorded vote equals Russia's (resolution and date)."""
    votes = recorded_votes()
    same = votes[votes["usa"].notna() & (votes["usa"] != "disputed") & (votes["usa"] == votes["russia"])]
    return same[["resolution", "date"]].reset_index(drop=True)


def bands_apart(year: int) -> bool:
    """Whether, in ``year``, the bounds of the China-DPRK and Russia-DPRK distances tell the two apart (one band
    lies wholly below the other)."""
    rus = ideal_distance("RUS", "PRK").set_index("year").loc[year]
    chn = ideal_distance("CHN", "PRK").set_index("year").loc[year]
    return bool(chn["high"] < rus["low"] or rus["high"] < chn["low"])


def hr_votes_summary() -> dict[str, int]:
    """The DPRK human-rights resolution: decisions in the table, those taken without a vote, years covered."""
    frame = load("unga_hr_votes")
    return {
        "decisions": len(frame),
        "without_vote": int((frame["adoption"] == "without_vote").sum()),
        "first_year": int(frame["year"].min()),
        "last_year": int(frame["year"].max()),
    }


# --- Security Council -----------------------------------------------------------------------------------------


def sanctions_after_article(last: str = "2017-12-31") -> pd.DataFrame:
    """New sanctions resolutions (Panel renewals aside) adopted after April 2015 up to ``last``, with the votes."""
    unsc = load("unsc_resolutions")
    mask = (
        (unsc["outcome"] == "adopted")
        & (unsc["subject"] != PANEL_RENEWAL)
        & unsc["date"].between(ARTICLE_DATE, pd.Timestamp(last))
    )
    return unsc[mask].sort_values("date").reset_index(drop=True)


def last_new_sanctions() -> pd.Timestamp:
    """Date of the last adopted sanctions resolution (Panel renewals aside)."""
    unsc = load("unsc_resolutions")
    mask = (unsc["outcome"] == "adopted") & (unsc["subject"] != PANEL_RENEWAL)
    return unsc.loc[mask, "date"].max()


def resolution_words(row: pd.Series) -> str:
    """A Security Council decision as prose names it, from its symbol and date: "resolution 2270 in March 2016".

    >>> resolution_words(pd.Series({"document": "S/RES/2270 (2016)", "date": pd.Timestamp("2016-03-02")}))
    'resolution 2270 in March 2016'
    """
    number = str(row["document"]).removeprefix("S/RES/").split(" ")[0]
    return f"resolution {number} in {format_date(row['date'], 'month')}"


def panel_renewals() -> dict[str, object]:
    """Adopted Panel of Experts renewals: how many, how many Russia voted for, the first and last years, the month of
    the last, and the years in that span with no renewal in the table."""
    unsc = load("unsc_resolutions")
    renewals = unsc[(unsc["outcome"] == "adopted") & (unsc["subject"] == PANEL_RENEWAL)]
    dated = renewals.dropna(subset=["date"])
    years = set(dated["date"].dt.year.astype(int))
    first, last = min(years), max(years)
    # a renewal without a recorded date still counts; its year is read from its symbol, e.g. "S/RES/1985 (2011)"
    undated = renewals[renewals["date"].isna()]["document"].str.extract(r"\((\d{4})\)")[0].dropna().astype(int)
    years |= set(undated)
    return {
        "renewals": len(renewals),
        "russia_yes": int((renewals["russia_vote"] == "yes").sum()),
        "first_year": first,
        "last_year": last,
        "last_month": format_date(dated["date"].max(), "month"),
        "missing_years": [y for y in range(first, last + 1) if y not in years],
    }


def russian_vetoes(since: int = 2022) -> pd.DataFrame:
    """Drafts on the DPRK vetoed with a Russian 'no' since a year, oldest first."""
    unsc = load("unsc_resolutions")
    mask = (unsc["outcome"] == "vetoed") & (unsc["russia_vote"] == "no") & (unsc["date"].dt.year >= since)
    return unsc[mask].sort_values("date").reset_index(drop=True)


def soviet_vetoes_by_subject() -> pd.Series:
    """Soviet vetoes on Korean questions, counted by subject."""
    vetoes = load("unsc_vetoes_korea")
    soviet = vetoes[vetoes["vetoed_by"].astype(str).str.split(";").map(lambda who: "SUN" in who)]
    return soviet["subject"].astype(str).value_counts().sort_index()


def last_soviet_veto_year(exclude: tuple[str, ...] = ("kal_007_shootdown",)) -> int:
    """Year of the last Soviet veto on Korea, leaving out the given subjects."""
    vetoes = load("unsc_vetoes_korea")
    soviet = vetoes[vetoes["vetoed_by"].astype(str).str.contains("SUN") & ~vetoes["subject"].isin(exclude)]
    return int(soviet["date"].dt.year.max())


# --- treaties -------------------------------------------------------------------------------------------------


def treaty_events(agreement_id: str, dissents: bool = False) -> pd.DataFrame:
    """Events of one agreement, oldest first: the dated record, or (``dissents=True``) the dissenting rows."""
    frame = load("agreements")
    frame = frame[frame["agreement_id"] == agreement_id]
    dissenting = frame["detail"].fillna("").str.startswith(DISSENT_MARK)
    return frame[dissenting if dissents else ~dissenting].sort_values("date").reset_index(drop=True)


def in_force(agreement_id: str) -> tuple[pd.Timestamp, pd.Timestamp | None]:
    """When an agreement was in force as its dated record reads: from its entry into force (its signing where the
    table records none) to its first expiry, termination or replacement by a later treaty (``None`` while it is in
    force).

    >>> in_force("csp-treaty-2024")
    (Timestamp('2024-12-04 00:00:00'), None)
    >>> in_force("treaty-2000")
    (Timestamp('2000-02-09 00:00:00'), Timestamp('2024-12-04 00:00:00'))
    """
    record = treaty_events(agreement_id)
    first = record.groupby(record["event"].astype(str))["date"].min()
    start = first["entered_into_force"] if "entered_into_force" in first else first["signed"]
    ends = [first[event] for event in ("expired", "terminated", "superseded") if event in first]
    return start, min(ends) if ends else None


def treaty_1961_end() -> dict[str, pd.Timestamp]:
    """The 1961 treaty's end as the record reads: notice to the DPRK, public announcement, lapse."""
    record = treaty_events("treaty-1961")
    first = record.groupby(record["event"].astype(str))["date"].min()
    return {"notified": first["notified"], "announced": first["announced"], "expired": first["expired"]}


def russian_vetoes_before(year: int) -> int:
    """Vetoes on Korean questions cast by Russia (not the Soviet Union) before a year, in the veto list."""
    vetoes = load("unsc_vetoes_korea")
    by_russia = vetoes["vetoed_by"].astype(str).str.split(";").map(lambda who: "RUS" in who)
    return int((by_russia & (vetoes["date"].dt.year < year)).sum())


def veto_casters(codes: str) -> str:
    """``"CHN;RUS"`` as ``"China, Russia"``."""
    return ", ".join(code_names().get(code, code) for code in codes.split(";"))


# --- contacts: the densest window, votes per year, the pivot verdict --------------------------------------------


def densest_window() -> str:
    """The contacts window with the highest rate per covered year."""
    frame = contact_windows()
    return str(frame.loc[frame["rate"].idxmax(), "window"])


def votes_in_year(year: int) -> int:
    """Recorded General Assembly votes in the table taken in one calendar year."""
    return int((recorded_votes()["date"].dt.year == year).sum())


def pivot_periods() -> list[str]:
    """The periods in which a majority of the book's political pivot indicators is met."""
    from . import pivot

    verdicts = pivot.verdicts("political")
    return verdicts.loc[verdicts["pivot"], "period"].astype(str).tolist()


def turn_year() -> int:
    """The year the political record turns: the first year of the first period in which a majority of the political
    pivot indicators is met.

    >>> turn_year()
    2022
    """
    from . import pivot

    return pivot.PERIODS[pivot_periods()[0]][0]


# --- words ----------------------------------------------------------------------------------------------------

PROSE_NAMES = {"RUS": "Russia", "PRK": "the DPRK", "CHN": "China", "USA": "the USA", "KOR": "South Korea"}


def country_names(codes: list[str]) -> str:
    """Country codes as prose: ``["CHN", "PRK", "RUS"]`` as ``"China, the DPRK and Russia"``."""
    return join_words([PROSE_NAMES.get(code, code) for code in codes])


def year_list(years: list[int]) -> str:
    """Years as prose: ``[2013, 2017]`` as ``"2013 or 2017"``; ``"no year"`` if empty."""
    return join_words([str(y) for y in years], "or") if years else "no year"


def all_or_count(count: int, total: int) -> str:
    """``"all"`` when a count is the whole, else the count."""
    return "all" if count == total else str(count)


def flat_since(country_a: str, country_b: str, first: int, last: int) -> int:
    """The earliest year from which the distance's bounds overlap in every year up to ``last``."""
    for start in range(first, last + 1):
        if distance_flat(country_a, country_b, start, last):
            return start
    return last


def share_of_fall(country_a: str, country_b: str, first: int, step: int, last: int) -> float:
    """Share (0-1) of the fall in distance from ``first`` to ``last`` that came between ``first`` and ``step``."""
    frame = ideal_distance(country_a, country_b).set_index("year")["distance"]
    return float((frame.loc[first] - frame.loc[step]) / (frame.loc[first] - frame.loc[last]))


def months_of(dates: pd.Series) -> str:
    """Dates as prose months: ``"February 2025"``, or ``"March 2022 and February 2025"``."""
    return join_words(sorted({f"{d:%B %Y}" for d in dates}, key=lambda m: pd.Timestamp(f"1 {m}")))


# --- alt texts: every number a screen reader hears is computed from the plotted data -------------------------------


def contacts_alt(shown: pd.DataFrame) -> str:
    """Alt text of the contacts timeline: contacts and leader summits before the first window, each window's
    contacts (minister or higher in brackets), the border closure, the densest window and where the data end."""
    windows = contact_windows()
    first_window = min(first for first, _ in WINDOWS.values())
    years = shown["start_date"].dt.year
    early = shown[years < first_window]
    per_window = join_words(
        [f"{row.contacts} in {row.window} ({row.ministerial} minister or higher)" for row in windows.itertuples()]
    )
    closed = int(_in_closure(shown["start_date"]).sum())
    end = through("contacts")
    return (
        f"Timeline of DPRK-Russia contacts by rank, {years.min()}-{end.year}: {len(early)} contacts in "
        f"{years.min()}-{first_window - 1}, {int((early['level'] == 'leader').sum())} of them leader summits; "
        f"{per_window}; {closed} during the {BORDER_CLOSURE[0].year}-{BORDER_CLOSURE[1].year} border closure. "
        f"The densest window is {densest_window()}; the data end on {format_date(end)}."
    )


def distance_alt(distances: pd.DataFrame, article_year: int = 2015) -> str:
    """Alt text of the UN-vote distance chart: Russia's range before the article year, its value that year, its
    range in the last five years, and in how many years China's distance is the smaller, by its point and by its
    whole band (columns low and high)."""
    wide = distances.pivot(index="year", columns="pair", values="distance")
    lows = distances.pivot(index="year", columns="pair", values="low")
    highs = distances.pivot(index="year", columns="pair", values="high")
    rus = wide["RUS-PRK"]
    before = rus[rus.index < article_year]
    recent = rus[rus.index > rus.index.max() - 5]
    both = wide.dropna()
    return (
        f"Line chart, {wide.index.min()}-{wide.index.max()}: the Russia-DPRK distance lies between "
        f"{before.min():.1f} and {before.max():.1f} before {article_year} (highest in {before.idxmax()}), drops to "
        f"{rus[article_year]:.1f} in {article_year} and lies between {recent.min():.1f} and {recent.max():.1f} in "
        f"{recent.index.min()}-{recent.index.max()}, with wide, overlapping bands. The China-DPRK distance is "
        f"below Russia's in {int((both['CHN-PRK'] < both['RUS-PRK']).sum())} of {len(both)} years, its whole band "
        f"below Russia's band in {int((highs['CHN-PRK'] < lows['RUS-PRK']).loc[both.index].sum())}."
    )
