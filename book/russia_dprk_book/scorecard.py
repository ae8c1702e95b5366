"""The scorecard: every checkable statement of the 2015 article, judged on two axes by a named rule over the data.

*Accurate when written* asks whether the statement held in April 2015 (for a forecast: whether its premise did);
*borne out* asks what happened since, up to the month of the newest report read (:func:`.coverage.judged_by`).
Each claim's rule is the function registered under its ``claim_id``; its docstring is the criterion in words, shown
beside the verdict. Verdicts are computed, never typed: when the data change, the verdict changes, and
``tests/test_scorecard.py`` lists which verdicts moved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from russia_dprk.catalog import load

from .coverage import ARTICLE_DATE, judged_by, latest_report
from .economic import DELIVERED, STOPPED
from .findings import confirmed_contacts
from .memo import per_data_state
from .row_keys import row_keys
from .tiers import is_secondary
from .wording import join_words

WRITTEN = {
    "accurate": "Accurate",
    "partly_accurate": "Partly accurate",
    "inaccurate": "Inaccurate",
    "no_evidence": "No evidence found",
    "secondary_only": "Only secondary sources read",
}
OUTCOME = {
    "borne_out": "Borne out",
    "came_true_later": "Came true later",
    "partly_borne_out": "Partly borne out",
    "not_borne_out": "Not borne out",
    "no_longer_true": "No longer true",
    "no_evidence": "No evidence found",
    "secondary_only": "Only secondary sources read",
    "not_applicable": "Nothing to bear out",
}


@dataclass
class Verdict:
    """Both verdicts of one claim, the rows each rests on, and the date a later outcome came true.

    ``written_by`` holds the rows that settle the first axis (the statement as of April 2015), ``outcome_by`` those
    that settle the second (what happened since); each axis is held to the secondary-source rule on its own rows.
    """

    written: str
    outcome: str
    written_by: list[tuple[str, str]] = field(default_factory=list)
    outcome_by: list[tuple[str, str]] = field(default_factory=list)
    when: pd.Timestamp | None = None
    when_precision: str = "month"  # how precisely the rule knows ``when``: "month", or "year" for a yearly series

    @property
    def evidence(self) -> list[tuple[str, str]]:
        """Every row either verdict rests on, once each, the first axis's first."""
        return list(dict.fromkeys(self.written_by + self.outcome_by))


RULES: dict[str, Callable[[pd.Series], Verdict]] = {}


def rule(claim_id: str) -> Callable[[Callable[[pd.Series], Verdict]], Callable[[pd.Series], Verdict]]:
    """Register the rule that judges ``claim_id``."""

    def register(function: Callable[[pd.Series], Verdict]) -> Callable[[pd.Series], Verdict]:
        RULES[claim_id] = function
        return function

    return register


# --- evidence lookups ------------------------------------------------------------------------------------------------


def context(claim_id: str) -> pd.DataFrame:
    frame = load("article_context")
    return frame[frame["claim_id"] == claim_id]


def _by_the_article(rows: pd.DataFrame) -> pd.DataFrame:
    """The context rows that can speak for the day the article was written: those dated, at their precision, no
    later than it (a row of "April 2015" may be later) and the undated ones (an author's profile)."""
    ends = {"month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}
    last = [
        date + ends[str(precision)] if str(precision) in ends else date
        for date, precision in zip(rows["date"], rows["date_precision"], strict=True)
    ]
    return rows[[pd.isna(day) or day <= ARTICLE_DATE for day in last]]


def _keys(table: str, frame: pd.DataFrame, column: str) -> list[tuple[str, str]]:
    return [(table, str(key)) for key in frame[column]]


def _project_key(row: pd.Series) -> str:
    return f"{row['project_id']}/{row['milestone']}/{row['date']:%Y-%m-%d}/{row['source_id']}"


def _context_rule(
    claim: pd.Series,
    accurate: Callable[[pd.DataFrame], bool],
    partly: Callable[[pd.DataFrame], bool] = lambda rows: False,
) -> Verdict:
    rows = _by_the_article(context(claim["claim_id"]))  # a later report cannot show what held when it was written
    evidence = _keys("article_context", rows, "fact_id")
    if rows.empty:
        return Verdict("no_evidence", "not_applicable")
    verdict = "accurate" if accurate(rows) else "partly_accurate" if partly(rows) else "inaccurate"
    return Verdict(verdict, "not_applicable", evidence)


def _any(rows: pd.DataFrame) -> bool:
    return not rows.empty


# --- context statements, checked against what their sources say ---------------------------------------------------


@rule("west-relations-low")
def west_relations_low(claim: pd.Series) -> Verdict:
    """Accurate if Western economic sanctions on Russia over Ukraine were in force before April 2015."""
    return _context_rule(claim, lambda rows: bool((rows["date"] < ARTICLE_DATE).any()))


@rule("kremlin-confirmed-17-march")
def kremlin_confirmed(claim: pd.Series) -> Verdict:
    """Accurate if the Kremlin confirmed Kim's attendance on the date the article gives; partly accurate if an
    official Russian confirmation exists at another date or from another office."""
    return _context_rule(
        claim,
        lambda rows: bool((rows["actor"].str.contains("Kremlin") & (rows["date"] == claim["claimed_date"])).any()),
        lambda rows: bool((rows["date"] < ARTICLE_DATE).any()),
    )


@rule("kji-died-2011")
def kim_jong_il_died(claim: pd.Series) -> Verdict:
    """Accurate if the sources date Kim Jong Il's death and Kim Jong Un's accession to 2011."""
    return _context_rule(claim, lambda rows: bool((rows["date"].dt.year == 2011).all()))


@rule("68-invited")
def invited(claim: pd.Series) -> Verdict:
    """Accurate if a Russian official gave the article's number of invited leaders."""
    return _context_rule(claim, lambda rows: bool((rows["value"] == claim["claimed_value"]).any()))


@rule("26-confirmed")
def confirmed_26(claim: pd.Series) -> Verdict:
    """Accurate if an official count of confirmed leaders shortly before the article equals the article's number;
    partly accurate if the counts differ."""
    return _context_rule(claim, lambda rows: bool((rows["value"] == claim["claimed_value"]).any()), _any)


@rule("rumours-since-december")
def rumours(claim: pd.Series) -> Verdict:
    """Accurate if Russian officials first spoke of the invitation in December 2014."""
    return _context_rule(
        claim, lambda rows: bool(((rows["date"].dt.year == 2014) & (rows["date"].dt.month == 12)).any()), _any
    )


@rule("putin-10-day-absence")
def putin_absence(claim: pd.Series) -> Verdict:
    """Accurate if reports put Putin's absence in March 2015 at about the article's number of days (within two)."""
    return _context_rule(claim, lambda rows: bool(((rows["value"] - claim["claimed_value"]).abs() <= 2).any()), _any)


@rule("ceasefire-violations")
def ceasefire(claim: pd.Series) -> Verdict:
    """Accurate if monitoring reports record ceasefire violations in eastern Ukraine in March 2015."""
    return _context_rule(claim, lambda rows: bool((rows["date"].dt.strftime("%Y-%m") == "2015-03").any()), _any)


@rule("weitz-affiliation")
def weitz(claim: pd.Series) -> Verdict:
    """Accurate if author profiles give the quoted analyst the affiliation the article gives. The profiles read are
    undated (one lists his commentary of April 2015), so they confirm the title, not that he held it on the day."""
    return _context_rule(claim, _any)


@rule("petrov-affiliation")
def petrov(claim: pd.Series) -> Verdict:
    """Accurate if the university lists the quoted academic with the article's title (professor); partly accurate if
    it lists him at the university with another title ('Dr')."""
    return _context_rule(claim, lambda rows: not bool(rows["description"].str.contains(r"\bDr\b").any()), _any)


@rule("both-sanctioned")
def both_sanctioned(claim: pd.Series) -> Verdict:
    """Accurate if, before April 2015, the Security Council had adopted sanctions on the DPRK (with Russia's vote)
    and Western governments had imposed economic sanctions on Russia."""
    unsc = load("unsc_resolutions")
    sanctions = unsc[
        (unsc["outcome"] == "adopted")
        & (unsc["russia_vote"] == "yes")
        & (unsc["date"] < ARTICLE_DATE)
        & unsc["subject"].astype(str).str.contains("sanction")
    ]
    rows = context(claim["claim_id"])
    evidence = _keys("unsc_resolutions", sanctions, "document") + _keys("article_context", rows, "fact_id")
    written = "accurate" if len(sanctions) and not rows.empty else "partly_accurate" if len(sanctions) else "inaccurate"
    return Verdict(written, "not_applicable", evidence)


def _fuel_fell(rows: pd.DataFrame, fuel: str) -> bool:
    """Whether one of ``rows`` (context rows of the days up to the article, as :func:`_context_rule` hands them)
    reports the fall of a price of ``fuel`` (a pattern: "oil|crude")."""
    text = rows["actor"].astype(str) + " " + rows["description"].astype(str)
    fell = rows["description"].astype(str).str.contains(r"\b(?:fell|fallen|dropped|lost|plunged)\b", case=False)
    return bool((text.str.contains(fuel, case=False) & fell).any())


@rule("oil-price-drop")
def oil_price(claim: pd.Series) -> Verdict:
    """Accurate if benchmark oil and gas prices had both fallen steeply between mid-2014 and early 2015 (the statement
    names both); partly accurate if only the fall of the oil price was read."""
    return _context_rule(
        claim,
        lambda rows: _fuel_fell(rows, r"\boil\b|crude") and _fuel_fell(rows, r"\bgas\b|\bLNG\b"),
        lambda rows: _fuel_fell(rows, r"\boil\b|crude"),
    )


@rule("kim-il-sung-soviet-army")
def kim_il_sung(claim: pd.Series) -> Verdict:
    """Accurate if the sources place Kim Il Sung in a Soviet army unit in the 1940s and describe his training there as
    in guerrilla tactics, as the article does; partly accurate if they confirm the service and a unit formed for
    military and political training only."""
    return _context_rule(
        claim, lambda rows: bool(rows["description"].str.contains("guerrilla", case=False).any()), _any
    )


@rule("long-history-rivals-china")
def long_history(claim: pd.Series) -> Verdict:
    """Accurate if Moscow's diplomatic relations with Pyongyang began no later than Beijing's (both later had
    alliance treaties); the article's 'rival' is read as comparable in length, not in depth."""
    rows = context(claim["claim_id"])
    soviet = rows[rows["actor"].str.contains("USSR|Soviet")]["date"]
    china = rows[rows["actor"].str.contains("China|PRC")]["date"]
    if soviet.empty:
        return Verdict("no_evidence", "not_applicable", _keys("article_context", rows, "fact_id"))
    written = "accurate" if china.empty or soviet.min() <= china.min() else "inaccurate"
    if china.empty:
        written = "partly_accurate"
    return Verdict(written, "not_applicable", _keys("article_context", rows, "fact_id"))


# --- the relationship, judged on the book's tables ------------------------------------------------------------------


def _kim_jong_un_trips() -> pd.DataFrame:
    frame = load("contacts")
    frame = frame[(frame["visitor"] == "Kim Jong Un") & (frame["status"] == "confirmed")]
    return frame.sort_values("start_date")


@rule("kju-no-trip-abroad-yet")
def no_trip_yet(claim: pd.Series) -> Verdict:
    """Accurate if a report before the article says he had made no trip abroad since his accession (December 2011)
    and no such trip is recorded in that span; inaccurate if one is recorded."""
    trips = _kim_jong_un_trips()
    before = trips[(trips["start_date"] >= "2011-12-17") & (trips["start_date"] < ARTICLE_DATE)]
    if len(before):
        return Verdict("inaccurate", "not_applicable", _keys("contacts", before, "contact_id"))
    reported = _by_the_article(context(claim["claim_id"]))
    if reported.empty:
        return Verdict("no_evidence", "not_applicable")
    return Verdict("accurate", "not_applicable", _keys("article_context", reported, "fact_id"))


def _official_confirmation() -> pd.DataFrame:
    return _by_the_article(context("kremlin-confirmed-17-march"))


@rule("kim-victory-day-2015")
def victory_day_visit(claim: pd.Series) -> Verdict:
    """Premise accurate if Russian officials had confirmed his attendance before April 2015. Borne out if Kim Jong Un
    was in Moscow in May 2015; came true later if he attended a later Victory Day in Moscow."""
    confirmed = _official_confirmation()
    trips = _kim_jong_un_trips()
    moscow = trips[
        (trips["host_country"] == "RUS")
        & (trips["place"].astype(str).str.contains("Moscow"))
        & (trips["start_date"].dt.month == 5)
    ]
    in_2015 = moscow[moscow["start_date"].dt.year == 2015]
    may_2015 = confirmed_contacts()
    stand_in = may_2015[
        (may_2015["start_date"].dt.strftime("%Y-%m") == "2015-05") & (may_2015["host_country"] == "RUS")
    ]
    premise = _keys("article_context", confirmed, "fact_id")
    stood_in = _keys("contacts", stand_in, "contact_id")
    written = "accurate" if len(confirmed) else "no_evidence"
    if len(in_2015):
        return Verdict(written, "borne_out", premise, stood_in + _keys("contacts", in_2015, "contact_id"))
    if len(moscow):
        return Verdict(
            written,
            "came_true_later",
            premise,
            stood_in + _keys("contacts", moscow.head(1), "contact_id"),
            when=moscow["start_date"].iloc[0],
        )
    withdrawn = context(claim["claim_id"])  # the Kremlin's word that Kim would not come
    return Verdict(written, "not_borne_out", premise, stood_in + _keys("article_context", withdrawn, "fact_id"))


@rule("first-trip-russia")
def first_trip(claim: pd.Series) -> Verdict:
    """Premise accurate if he had made no trip abroad and Moscow had confirmed his visit. Borne out if Kim Jong Un's
    first recorded trip abroad was to Russia."""
    trips = _kim_jong_un_trips()
    written = (
        "accurate"
        if len(_official_confirmation()) and trips[trips["start_date"] < ARTICLE_DATE].empty
        else "inaccurate"
    )
    premise = _keys("article_context", _official_confirmation(), "fact_id")
    if trips.empty:
        return Verdict(written, "no_evidence", premise)
    first = trips.iloc[0]
    outcome = "borne_out" if first["host_country"] == "RUS" else "not_borne_out"
    first_russia = trips[trips["host_country"] == "RUS"].head(1)
    return Verdict(
        written, outcome, premise, [("contacts", first["contact_id"]), *_keys("contacts", first_russia, "contact_id")]
    )


@rule("putin-kim-xi-meeting")
def three_leaders(claim: pd.Series) -> Verdict:
    """Premise accurate if both Kim and Xi were expected in Moscow. Borne out if Kim met Putin in Russia in May 2015
    (Xi was at the 9 May parade: see xi-attends-2015). The claim is about Moscow hosting the three as a show of
    Russia's reach, so no later meeting elsewhere counts: the three were next together at the parade China hosted in
    Beijing in September 2025. Otherwise not borne out, on the Kremlin's word that Kim would not come."""
    written = "accurate" if len(_official_confirmation()) and len(context("xi-attends-2015")) else "partly_accurate"
    xi = context("xi-attends-2015")
    premise = _keys("article_context", pd.concat([_official_confirmation(), _by_the_article(xi)]), "fact_id")
    kim = _kim_jong_un_trips()
    in_russia = kim[(kim["partner"] == "RUS") & (kim["host_country"] == "RUS")]
    in_2015 = in_russia[in_russia["start_date"].dt.strftime("%Y-%m") == "2015-05"]
    if len(in_2015):
        return Verdict(written, "borne_out", premise, _keys("contacts", in_2015, "contact_id"))
    stayed = context("kim-victory-day-2015")
    stayed = stayed[stayed["fact_id"] == "kim-stays-in-pyongyang"]
    return Verdict(written, "not_borne_out", premise, _keys("article_context", stayed, "fact_id"))


@rule("xi-attends-2015")
def xi_attends(claim: pd.Series) -> Verdict:
    """Premise accurate if Xi was among the confirmed leaders. Borne out if reports place him at the 9 May 2015
    parade in Moscow."""
    rows = context(claim["claim_id"])
    present = rows[rows["date"] == pd.Timestamp("2015-05-09")]
    before = _by_the_article(rows)
    premise = before if len(before) else _by_the_article(context("26-confirmed"))
    written = "accurate" if len(premise) else "no_evidence"
    return Verdict(
        written,
        "borne_out" if len(present) else "no_evidence",
        _keys("article_context", premise, "fact_id"),
        _keys("article_context", rows[rows["date"] >= ARTICLE_DATE], "fact_id"),  # the reports of his visit
    )


VICTORY_DAY_BAND = (20, 32)


@rule("victory-day-26-leaders")
def attendance(claim: pd.Series) -> Verdict:
    """Premise accurate if officials had counted about that many confirmations. Borne out if every reported count of
    foreign leaders at the 9 May 2015 parade lies within 20-32 (the forecast of 26, plus or minus 6)."""
    rows = context(claim["claim_id"])
    counts = rows.dropna(subset=["value"])
    premise = _keys("article_context", _by_the_article(context("26-confirmed")), "fact_id")
    written = "accurate" if premise else "no_evidence"
    if counts.empty:
        return Verdict(written, "no_evidence", premise, _keys("article_context", rows, "fact_id"))
    inside = counts["value"].astype(float).between(*VICTORY_DAY_BAND)
    outcome = "borne_out" if inside.all() else "partly_borne_out" if inside.any() else "not_borne_out"
    return Verdict(written, outcome, premise, _keys("article_context", counts, "fact_id"))


def _yearly_counts(first: int, last: int) -> pd.DataFrame:
    years = range(first, last + 1)
    political = confirmed_contacts()["start_date"].dt.year.value_counts()
    projects = load("projects")
    economic = projects[projects["status"] == "confirmed"]["date"].dt.year.value_counts()
    events = load("military_events")
    military = events[events["status"] == "confirmed"]["date"].dt.year.value_counts()
    return pd.DataFrame(
        {
            "political": political.reindex(years, fill_value=0),
            "economic": economic.reindex(years, fill_value=0),
            "military": military.reindex(years, fill_value=0),
        }
    )


@rule("three-sphere-upturn")
def three_spheres(claim: pd.Series) -> Verdict:
    """Accurate if each sphere has a confirmed row dated January 2014 to March 2015 and 2014 had more high-level
    contacts than 2012 and 2013 together. Borne out if all three spheres have rows in every year from 2015 to 2025;
    came true later from the first year after which they do."""
    window = _yearly_counts(2012, 2025)
    contacts = confirmed_contacts()
    recent = contacts[(contacts["start_date"] >= "2014-01-01") & (contacts["start_date"] < ARTICLE_DATE)]
    projects = load("projects")
    events = load("military_events")
    projects = projects[projects["status"] == "confirmed"]
    events = events[events["status"] == "confirmed"]
    recent_projects = projects[(projects["date"] >= "2014-01-01") & (projects["date"] < ARTICLE_DATE)]
    recent_events = events[(events["date"] >= "2014-01-01") & (events["date"] < ARTICLE_DATE)]
    active = len(recent) and len(recent_projects) and len(recent_events)
    premise = (
        _keys("contacts", recent, "contact_id")
        + [("projects", _project_key(row)) for _, row in recent_projects.iterrows()]
        + _keys("military_events", recent_events, "event_id")
    )
    rising = window.loc[2014, "political"] > window.loc[2012:2013, "political"].sum()
    written = "accurate" if active and rising else "partly_accurate" if active or rising else "inaccurate"
    every = (window.loc[2015:2025] > 0).all(axis=1)
    if every.all():
        return Verdict(written, "borne_out", premise)
    start = next((year for year in range(2016, 2026) if every.loc[year:2025].all()), None)
    if start is None:
        return Verdict(written, "not_borne_out", premise)
    # the rows of the first year from which every sphere has a row in every year
    outcome = (
        _keys("contacts", contacts[contacts["start_date"].dt.year == start], "contact_id")
        + [("projects", _project_key(row)) for _, row in projects[projects["date"].dt.year == start].iterrows()]
        + _keys("military_events", events[events["date"].dt.year == start], "event_id")
    )
    return Verdict(
        written,
        "came_true_later",
        premise,
        outcome,
        when=pd.Timestamp(f"{start}-01-01"),
        when_precision="year",
    )


@rule("strategic-partnership")
def strategic_partnership(claim: pd.Series) -> Verdict:
    """Partly accurate in April 2015 if contacts had risen in 2014 but no strategic-partnership document existed
    (accurate if one did). Came true later when a treaty naming a strategic partnership entered into force."""
    window = _yearly_counts(2012, 2014)
    agreements = load("agreements")
    partnership = agreements[agreements["agreement"].str.contains("Strategic Partnership", case=False)]
    before = partnership[partnership["date"] < ARTICLE_DATE]
    rising = window.loc[2014, "political"] > window.loc[2012:2013, "political"].mean()
    written = "accurate" if len(before) else "partly_accurate" if rising else "inaccurate"
    premise = [("agreements", key) for key in row_keys("agreements", before)]
    in_force = partnership[partnership["event"] == "entered_into_force"].sort_values("date")
    if in_force.empty:
        return Verdict(written, "not_borne_out", premise)
    outcome = "borne_out" if in_force["date"].iloc[0].year <= 2016 else "came_true_later"
    first = [("agreements", key) for key in row_keys("agreements", in_force.head(1))]
    return Verdict(written, outcome, premise, first, when=in_force["date"].iloc[0])


@rule("china-dprk-chill")
def china_chill(claim: pd.Series) -> Verdict:
    """Accurate if reports before the article describe China-DPRK ties as cool or record no summit since 2011 (the
    contacts table's China rows, kept for comparison, start in 2018, so its silence before then proves nothing). No
    longer true from the first leader-level meeting after the article."""
    rows = context(claim["claim_id"])
    reports = rows[rows["date"] < ARTICLE_DATE]
    written = "accurate" if len(reports) else "no_evidence"
    premise = _keys("article_context", reports, "fact_id")
    china = confirmed_contacts("CHN")
    leaders = china[china["level"] == "leader"].sort_values("start_date")
    after = leaders[leaders["start_date"] >= ARTICLE_DATE]
    if after.empty:
        return Verdict(written, "borne_out", premise)
    return Verdict(
        written,
        "no_longer_true",
        premise,
        _keys("contacts", after.head(1), "contact_id"),
        when=after["start_date"].iloc[0],
    )


@rule("soviet-benefactor")
def soviet_benefactor(claim: pd.Series) -> Verdict:
    """Accurate if SIPRI records more major arms delivered to the DPRK by the USSR than by China in 1950-1991
    (arms are the only aid series the book has)."""
    arms = load("arms_transfers")
    window = arms[arms["year"].between(1950, 1991) & (arms["recipient"] == "PRK")]
    soviet = float(window[window["supplier"] == "SUN"]["tiv_millions"].sum())
    china = float(window[window["supplier"] == "CHN"]["tiv_millions"].sum())
    return Verdict("accurate" if soviet > china else "inaccurate", "not_applicable")


@rule("china-aid-after-1991")
def china_after_1991(claim: pd.Series) -> Verdict:
    """Accurate if China's recorded trade with the DPRK exceeds Russia's in at least nine years in ten from 1992 with
    data (one year against it is COW's 1996 Russian figure, an outlier the data appendix names); partly accurate if
    in most years. Trade stands in for support; arms, where Russia delivered more than China after 1991, are noted in
    the text."""
    cow = load("trade_cow").pivot_table(index="year", columns="partner", values="total", observed=True)
    years = cow.loc[1992:].dropna(subset=["CHN", "RUS"])
    ahead = years["CHN"] > years["RUS"]
    written = "accurate" if ahead.mean() >= 0.9 else "partly_accurate" if ahead.mean() > 0.5 else "inaccurate"
    return Verdict(written, "not_applicable")


@rule("kim-jong-il-moscow-2011")
def kim_jong_il(claim: pd.Series) -> Verdict:
    """Accurate if Kim Jong Il is recorded in Moscow during his rule and on a trip to Moscow in 2011; partly accurate
    if his 2011 trip to Russia went elsewhere."""
    frame = confirmed_contacts()
    trips = frame[frame["visitor"] == "Kim Jong Il"]
    moscow = trips[trips["place"].astype(str).str.contains("Moscow")]
    in_2011 = trips[trips["start_date"].dt.year == 2011]
    moscow_2011 = in_2011[in_2011["place"].astype(str).str.contains("Moscow")]
    written = (
        "accurate"
        if len(moscow) and len(moscow_2011)
        else "partly_accurate"
        if len(moscow) or len(in_2011)
        else "inaccurate"
    )
    return Verdict(written, "not_applicable", _keys("contacts", pd.concat([moscow, in_2011]), "contact_id"))


def _debt(item: str) -> pd.DataFrame:
    frame = load("debt_settlement")
    return frame[frame["item"] == item]


@rule("debt-write-off")
def debt_write_off(claim: pd.Series) -> Verdict:
    """Accurate if the settlement wrote off the article's share of the Soviet-era debt under an agreement of 2012."""
    share = _debt("written_off_share")
    agreements = load("agreements")
    signed = agreements[(agreements["agreement_id"] == "debt-agreement-2012") & (agreements["event"] == "signed")]
    match = bool((share["value"].astype(float) == claim["claimed_value"]).any())
    written = "accurate" if match and len(signed) and (signed["date"].dt.year == 2012).all() else "partly_accurate"
    return Verdict(
        written, "not_applicable", [("debt_settlement", f"written_off_share/{s}") for s in share["source_id"]]
    )


@rule("debt-reinvestment")
def debt_reinvestment(claim: pd.Series) -> Verdict:
    """Accurate if the agreement, as reported, put repayments into joint projects. Borne out if any project is
    recorded as paid from that account."""
    rows = _debt("use_of_repayments")
    projects = load("projects")
    funded = projects[projects["detail"].astype(str).str.contains("repayment", case=False)]
    return Verdict(
        "accurate" if len(rows) else "no_evidence",
        "borne_out" if len(funded) else "no_evidence",
        [("debt_settlement", f"use_of_repayments/{s}") for s in rows["source_id"]],
        [("projects", key) for key in row_keys("projects", funded)],
    )


def _russia_trade() -> pd.Series:
    trade = load("trade_reported")
    rows = trade[(trade["partner"] == "RUS") & (trade["flow"] == "total")].dropna(subset=["value_usd_millions"])
    return rows.groupby("year")["value_usd_millions"].median().astype(float)


# The events of ``agreements`` that ratify: one act (a decree), or a parliament's two houses and the law's signing.
RATIFICATION_STEPS = ("ratified", "passed_lower_house", "approved_upper_house", "signed_into_law")


@rule("debt-deal-2014-implemented")
def debt_2014(claim: pd.Series) -> Verdict:
    """Accurate if the debt agreement was ratified in 2014 and recorded trade rose in 2014; partly accurate if only
    one of the two happened."""
    agreements = load("agreements")
    ratified = agreements[
        (agreements["agreement_id"] == "debt-agreement-2012")
        & agreements["event"].isin(RATIFICATION_STEPS)
        & (agreements["date"].dt.year == 2014)
    ]
    trade = _russia_trade()
    rose = 2013 in trade.index and 2014 in trade.index and trade[2014] > trade[2013]
    written = "accurate" if len(ratified) and rose else "partly_accurate" if len(ratified) or rose else "inaccurate"
    # The rows that decide it: the ratification, and the recorded totals of both years compared.
    reported = load("trade_reported")
    totals = reported[
        (reported["partner"] == "RUS") & (reported["flow"] == "total") & reported["year"].isin([2013, 2014])
    ]
    evidence = [("agreements", key) for key in row_keys("agreements", ratified)]
    evidence += [("trade_reported", key) for key in row_keys("trade_reported", totals)]
    return Verdict(written, "not_applicable", evidence)


def _project(project_id: str) -> pd.DataFrame:
    frame = load("projects")
    return frame[(frame["project_id"] == project_id) & (frame["status"] == "confirmed")].dropna(subset=["date"])


@rule("railway-for-minerals")
def railway(claim: pd.Series) -> Verdict:
    """Accurate if the rail-for-resources scheme was agreed in October 2014 and had not stalled by April 2015
    (partly accurate if it had). Borne out if construction went ahead, or the line opened, after any stall."""
    rows = _project("pobeda-railway").sort_values("date")
    agreed = rows[
        rows["milestone"].isin(["agreement_signed", "announced"]) & (rows["date"].dt.strftime("%Y-%m") == "2014-10")
    ]
    stalled = rows[(rows["milestone"].isin(STOPPED)) & (rows["date"] < ARTICLE_DATE)]
    written = "inaccurate" if agreed.empty else "partly_accurate" if len(stalled) else "accurate"
    after = rows[
        rows["milestone"].isin(["construction_started", *DELIVERED])
        & (rows["date"] > (stalled["date"].max() if len(stalled) else ARTICLE_DATE))
    ]
    premise = [("projects", _project_key(r)) for _, r in pd.concat([agreed, stalled]).iterrows()]
    # Borne out rests on the construction or opening; not borne out on the stall and no later step recorded.
    outcome_by = [("projects", _project_key(r)) for _, r in after.iterrows()] if len(after) else premise[len(agreed) :]
    return Verdict(written, "borne_out" if len(after) else "not_borne_out", premise, outcome_by)


@rule("gas-pipeline")
def pipeline(claim: pd.Series) -> Verdict:
    """Accurate if the pipeline had a recorded step in 2014-2015 (it was under review); partly accurate if it was
    only dormant, its agreements not cancelled. Borne out if construction started."""
    rows = _project("gas-pipeline").sort_values("date")
    recent = rows[(rows["date"] >= "2014-01-01") & (rows["date"] < ARTICLE_DATE) & ~rows["milestone"].isin(STOPPED)]
    cancelled = rows[(rows["milestone"] == "cancelled") & (rows["date"] < ARTICLE_DATE)]
    written = "accurate" if len(recent) else "inaccurate" if len(cancelled) else "partly_accurate"
    built = rows[rows["milestone"].isin(["construction_started", *DELIVERED])]
    # The last step before the article decides the first axis; the construction, or else the last step recorded,
    # the second.
    premise = [("projects", _project_key(r)) for _, r in rows[rows["date"] < ARTICLE_DATE].tail(1).iterrows()]
    outcome_rows = built.head(1) if len(built) else rows.tail(1)
    outcome_by = [("projects", _project_key(r)) for _, r in outcome_rows.iterrows()]
    return Verdict(written, "borne_out" if len(built) else "not_borne_out", premise, outcome_by)


@rule("advanced-development-zones")
def development_zones(claim: pd.Series) -> Verdict:
    """Accurate if officials said in early 2015 that the sides would discuss joint development zones. Borne out if
    a zone was agreed or opened; not borne out if the last report still has it under discussion."""
    rows = context(claim["claim_id"]).sort_values("date")
    early = rows[(rows["date"] >= "2015-01-01") & (rows["date"] < ARTICLE_DATE)]
    premise = _keys("article_context", early, "fact_id")
    written = "accurate" if len(early) else "no_evidence"
    later = rows[rows["date"] > ARTICLE_DATE]
    agreed = later[later["description"].str.contains("agreed|opened|signed", case=False)]
    if len(agreed):
        return Verdict(written, "borne_out", premise, _keys("article_context", agreed, "fact_id"))
    last = _keys("article_context", later.tail(1), "fact_id")  # the last report still has it under discussion
    return Verdict(written, "not_borne_out" if len(later) else "no_evidence", premise, last)


@rule("rok-second-gas-importer")
def rok_rank(claim: pd.Series) -> Verdict:
    """The article says 'gas importer'. Accurate if South Korea ranked second in 2014 both among LNG importers and
    among net importers of all gas (BP: consumption less production, pipeline gas included); partly accurate if
    second in LNG only; inaccurate otherwise. No longer true from the first later year it ranked lower in LNG."""
    lng = load("lng_importers")
    korea = lng[lng["country"] == "KOR"].sort_values("year")
    at_2014 = korea[korea["year"] == 2014]
    second_lng = bool(len(at_2014)) and bool((at_2014["rank"] == claim["claimed_value"]).all())
    gas = load("rok_gas").set_index("year")["net_import_rank"]
    second_all = 2014 in gas.index and gas[2014] == claim["claimed_value"]
    written = "accurate" if second_lng and second_all else "partly_accurate" if second_lng else "inaccurate"
    lower = korea[(korea["year"] > 2014) & (korea["rank"] > claim["claimed_value"])]
    evidence = [("lng_importers", f"2014/KOR/{s}") for s in at_2014["source_id"]] + [("rok_gas", "2014")]
    if lower.empty:
        later = korea[korea["year"] > 2014]
        return Verdict(
            written,
            "borne_out",
            evidence,
            [("lng_importers", f"{r.year}/KOR/{r.source_id}") for r in later.itertuples()],
        )
    first = lower.iloc[0]
    return Verdict(
        written,
        "no_longer_true",
        evidence,
        [("lng_importers", f"{first['year']}/KOR/{first['source_id']}")],
        when=pd.Timestamp(f"{first['year']}-12-31"),
        when_precision="year",
    )


@rule("year-of-friendship")
def friendship_year(claim: pd.Series) -> Verdict:
    """Accurate if DPRK state media announced 2015 as a friendship year with Russia before April 2015. A declaration
    already made has nothing to bear out: the article forecast nothing from it (the contacts of 2015 are counted in
    the political chapter, not here)."""
    rows = _by_the_article(context(claim["claim_id"]))
    written = "accurate" if len(rows) else "no_evidence"
    return Verdict(written, "not_applicable", _keys("article_context", rows, "fact_id"))


def _drills() -> pd.DataFrame:
    return load("military_events").query("status == 'confirmed'")


@rule("drills-announced")
def drills_announced(claim: pd.Series) -> Verdict:
    """Accurate if the chief of the general staff announced joint drills with the DPRK in the calendar month before
    the article (it says "last month"); partly accurate if he did so earlier in the half-year before it; inaccurate if
    no announcement is recorded in that half-year."""
    plans = _drills()[(_drills()["kind"] == "drill_plan") & (_drills()["date"] < ARTICLE_DATE)]
    plans = plans[plans["date"] >= ARTICLE_DATE - pd.DateOffset(months=6)]
    if plans.empty:
        return Verdict("inaccurate", "not_applicable")
    last_month = ARTICLE_DATE - pd.DateOffset(months=1)
    written = "accurate" if (plans["date"] >= last_month).any() else "partly_accurate"
    return Verdict(written, "not_applicable", _keys("military_events", plans, "event_id"))


@rule("drills-held")
def drills_held(claim: pd.Series) -> Verdict:
    """Premise accurate if joint drills had been announced. Borne out if a joint Russia-DPRK exercise was held by
    2016; came true later if one was held later; partly borne out if the DPRK only observed a Russian exercise."""
    events = _drills()
    plans = events[(events["kind"] == "drill_plan") & (events["date"] < ARTICLE_DATE)]
    written = "accurate" if len(plans) else "no_evidence"
    premise = _keys("military_events", plans, "event_id")
    held = events[events["kind"] == "joint_drill"].sort_values("date")
    observers = events[events["kind"] == "exercise_observers"]
    if len(held):
        first = held.iloc[0]
        outcome = "borne_out" if first["date"].year <= 2016 else "came_true_later"
        return Verdict(written, outcome, premise, [("military_events", first["event_id"])], when=first["date"])
    if len(observers):
        first = observers.sort_values("date").iloc[0]
        observed = _keys("military_events", observers, "event_id")
        return Verdict(written, "partly_borne_out", premise, observed, when=first["date"])
    return Verdict(written, "no_evidence", premise)


# --- putting it together ------------------------------------------------------------------------------------------


@per_data_state
def _sources_by_key(table: str) -> dict[str, list[str]]:
    frame = load(table)
    out: dict[str, list[str]] = {}
    for key, source in zip(row_keys(table, frame), frame["source_id"].astype(str), strict=True):
        out.setdefault(key, []).append(source)
    return out


def rows_exist(table: str, key: str) -> int:
    """How many rows of ``table`` have primary key ``key`` (written with '/' between the fields)."""
    return len(_sources_by_key(table).get(key, []))


def evidence_sources(evidence: list[tuple[str, str]]) -> list[str]:
    """The distinct sources of the evidence rows, in order."""
    cited: list[str] = []
    for table, key in evidence:
        cited += [s for s in _sources_by_key(table).get(key, []) if s not in cited]
    return cited


def _secondary_only(rows: list[tuple[str, str]]) -> bool:
    """True when rows are given and every source they cite is secondary."""
    cited = evidence_sources(rows)
    return bool(cited) and all(is_secondary(s) for s in cited)


def verdicts() -> pd.DataFrame:
    """Every claim with both verdicts, the date a later outcome came true, and its evidence rows.

    An axis whose rows rest on secondary sources alone is marked "only secondary sources read" instead of the
    rule's verdict, each axis on its own rows (a premise read in originals does not carry an outcome read only in a
    copy)."""
    claims = load("claims")
    missing = sorted(set(claims["claim_id"]) - set(RULES))
    if missing:
        raise KeyError(f"claims without a rule: {missing}")
    rows = []
    for _, claim in claims.iterrows():
        verdict = RULES[claim["claim_id"]](claim)
        if _secondary_only(verdict.written_by) and verdict.written != "no_evidence":
            verdict.written = "secondary_only"
        if _secondary_only(verdict.outcome_by) and verdict.outcome not in ("no_evidence", "not_applicable"):
            verdict.outcome = "secondary_only"
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "sphere": claim["sphere"],
                "kind": claim["statement_kind"],
                "claim": claim["claim"],
                "headline": claim["headline"],
                "written": verdict.written,
                "outcome": verdict.outcome,
                "when": verdict.when,
                "when_precision": verdict.when_precision,
                "evidence": verdict.evidence,
                "written_by": verdict.written_by,
                "outcome_by": verdict.outcome_by,
                "criterion": " ".join((RULES[claim["claim_id"]].__doc__ or "").split()),
            }
        )
    return pd.DataFrame(rows)


# --- presentation ----------------------------------------------------------------------------------------------------


def evidence_tables(verdicts: pd.DataFrame) -> list[str]:
    """The tables the verdicts rest on: the claims, then every table an evidence row comes from, in first-cited
    order (a figure of the verdicts credits each)."""
    cited = [table for evidence in verdicts["evidence"] for table, _ in evidence]
    return list(dict.fromkeys(["claims", *cited]))


def outcome_text(outcome: str, when: pd.Timestamp | None, precision: str) -> str:
    """An outcome as the scorecard's table prints it, with the date it came about as precisely as its rule knows it
    (a rule read from a yearly series knows only the year).

    >>> outcome_text("came_true_later", pd.Timestamp("2023-01-01"), "year")
    'Came true later (2023)'
    >>> outcome_text("no_longer_true", pd.Timestamp("2024-12-04"), "month")
    'No longer true (December 2024)'
    """
    text = label(outcome)
    if when is None or pd.isna(when):
        return text
    return f"{text} ({when:%Y})" if precision == "year" else f"{text} ({when:%B %Y})"


SPHERES = {"political": "Political", "economic": "Economic", "military": "Military", "overall": "Context"}
COLOURS = {
    "accurate": "#1b7837",
    "borne_out": "#1b7837",
    "partly_accurate": "#a6dba0",
    "partly_borne_out": "#a6dba0",
    "came_true_later": "#5aae61",
    "inaccurate": "#c2185b",
    "not_borne_out": "#c2185b",
    "no_longer_true": "#f1a7c5",
    "no_evidence": "#d9d9d9",
    "secondary_only": "#bdbdbd",
    "not_applicable": "#ffffff",
}
SHORT = {
    "came_true_later": "later",
    "partly_accurate": "partly",
    "partly_borne_out": "partly",
    "not_borne_out": "no",
    "inaccurate": "no",
    "accurate": "yes",
    "borne_out": "yes",
    "no_longer_true": "no longer",
    "no_evidence": "?",
    "secondary_only": "2nd-hand",
    "not_applicable": "–",
}


def label(code: str) -> str:
    """The reader's label of a verdict code."""
    return {**WRITTEN, **OUTCOME}[code]


def verdict_panel(frame: pd.DataFrame, title: str, subtitle: str):
    """Claims as rows grouped by sphere, the two axes as coloured, labelled cells; ``title`` states the finding."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    from .style import tight_layout

    order = [s for s in SPHERES if s in set(frame["sphere"].astype(str))]
    frame = frame.assign(_s=frame["sphere"].astype(str).map(order.index)).sort_values(["_s"], kind="stable")
    height = 0.21 * len(frame) + 1.6  # printed within 190 mm, its type stays 6 pt or more
    fig, ax = plt.subplots(figsize=(8.2, height))
    y = 0
    ticks, labels = [], []
    for sphere in order:
        group = frame[frame["sphere"].astype(str) == sphere]
        ax.text(
            -0.02,
            y - 0.15,
            SPHERES[sphere].upper(),
            transform=ax.get_yaxis_transform(),
            ha="right",
            fontsize=8,
            fontweight="bold",
            color="#333333",
        )
        y += 0.6
        for row in group.itertuples():
            for column, code in enumerate((row.written, row.outcome)):
                ax.add_patch(
                    Rectangle(
                        (column, y - 0.42), 0.96, 0.84, facecolor=COLOURS[code], edgecolor="#999999", linewidth=0.4
                    )
                )
                dark = code in ("accurate", "borne_out", "inaccurate", "not_borne_out", "came_true_later")
                ax.text(
                    column + 0.48,
                    y,
                    SHORT[code],
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color="white" if dark else "#222222",
                )
            ticks.append(y)
            labels.append(row.headline)
            y += 1
        y += 0.3
    ax.set_xlim(0, 2)
    ax.set_ylim(y, -1.0)
    ax.set_yticks(ticks, labels, fontsize=8)
    ax.set_xticks(
        [0.48, 1.48],
        ["Accurate when\nwritten (Apr 2015)", f"Borne out by\n{latest_report():%b %Y}"],
        fontsize=8.5,
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.grid(False)
    legend = [
        Patch(facecolor=COLOURS[code], edgecolor="#999999", label=text)
        for code, text in (
            ("accurate", "Accurate / borne out"),
            ("partly_accurate", "Partly"),
            ("came_true_later", "Came true later"),
            ("inaccurate", "Inaccurate / not borne out"),
            ("no_longer_true", "No longer true"),
            ("no_evidence", "No evidence found"),
            ("secondary_only", "Only secondary sources read"),
            ("not_applicable", "Nothing to bear out"),
        )
    ]
    ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7.5, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
    fig.text(0.01, 1 - 0.55 / fig.get_figheight(), subtitle, fontsize=8.5, color="#444444", ha="left")
    tight_layout(fig, rect=(0, 0, 1, 1 - 0.75 / fig.get_figheight()))
    return fig


# The events that matter, chosen by the editors; each points at the row that dates it, so dates are never retyped.
MILESTONES: list[tuple[str, str, str, str]] = [
    ("political", "contacts", "2000-07-putin-pyongyang", "Putin in Pyongyang"),
    ("political", "contacts", "2001-07-kim-jong-il-moscow", "Kim Jong Il in Moscow"),
    ("political", "contacts", "2011-08-kim-jong-il-ulan-ude", "Kim Jong Il in Ulan-Ude"),
    ("political", "contacts", "2019-04-kim-jong-un-vladivostok", "Kim Jong Un's first Russia summit"),
    ("political", "contacts", "2023-09-kim-jong-un-vostochny", "Vostochny summit"),
    (
        "political",
        "agreements",
        "csp-treaty-2024/signed/Vladimir Putin and Kim Jong Un/2024-06-19",
        "Partnership treaty signed",
    ),
    ("political", "unsc_resolutions", "S/RES/2270 (2016)", "Russia votes for tougher sanctions"),
    ("political", "unsc_resolutions", "S/2022/431", "Russian and Chinese veto"),
    (
        "economic",
        "agreements",
        "debt-agreement-2012/signed/Finance ministries (Deputy FinMin Sergei Storchak)/2012-09-17",
        "Debt write-off",
    ),
    (
        "economic",
        "projects",
        "khasan-rajin/opened/2013-09-22/railwaygazette-2013-09-north-korea-rail-link-completed",
        "Rajin line opens",
    ),
    ("economic", "projects", "khasan-rajin/opened/2014-07-01/tass-2018-10-02-rajin-khasan", "Rajin terminal opens"),
    (
        "economic",
        "projects",
        "pobeda-railway/stalled/2015-02-27/interfax-2015-02-27-pobeda-mostovik",
        "Rail scheme stalls",
    ),
    (
        "economic",
        "projects",
        "khasan-rajin/suspended/2016-03-08/hankyoreh-2016-03-09-rajin-hasan-death-knell",
        "Coal route cut",
    ),
    (
        "economic",
        "projects",
        "tumen-road-bridge/construction_started/2025-04-30/tass-2025-04-30-bridge-groundbreaking",
        "Road bridge started",
    ),
    (
        "economic",
        "projects",
        "flights/opened/2025-07-27/tass-2025-07-29-first-flight-back",
        "First Moscow-Pyongyang flight",
    ),
    ("military", "military_events", "2015-01-gerasimov-joint-drills-plan", "Joint drills announced"),
    ("military", "military_events", "2015-11-12-dangerous-military-activities-agreement", "Military-activities pact"),
    ("military", "military_events", "2022-11-02-whitehouse-covert-shell-shipments", "US: shells shipped to Russia"),
    ("military", "military_events", "2024-10-18-nis-first-deployment-report", "NIS: troops sent to Russia"),
    ("military", "military_events", "2025-04-28-kcna-cmc-acknowledges", "Pyongyang acknowledges troops"),
]
DATE_FIELDS = {
    "contacts": "start_date",
    "agreements": "date",
    "unsc_resolutions": "date",
    "projects": "date",
    "military_events": "date",
}


def milestones() -> pd.DataFrame:
    """The milestones with their dates looked up in the rows they point at."""
    rows = []
    for sphere, table, key, text in MILESTONES:
        frame = load(table)
        match = frame[row_keys(table, frame) == key]
        if match.empty:
            raise KeyError(f"milestone {text!r}: no row {key!r} in {table}")
        rows.append(
            {
                "date": match[DATE_FIELDS[table]].iloc[0],
                "sphere": sphere,
                "label": text,
                "table": table,
                "key": key,
                "source_id": match["source_id"].iloc[0],
            }
        )
    return pd.DataFrame(rows).sort_values("date").reset_index(drop=True)


SPHERE_COLOURS = {"political": "#0072B2", "economic": "#8C6D00", "military": "#D55E00"}
LABEL_LEVELS = (0.22, -0.22, 0.42, -0.42)
DAYS_PER_CHARACTER = 90  # 7.5-point text (about 0.55 em a character) on the 7-inch, 28.5-year axis, with a margin


def _label_levels(group: pd.DataFrame) -> list[float]:
    """A vertical offset per label so that labels on one level never overlap (greedy, in date order)."""
    ends = {level: pd.Timestamp.min for level in LABEL_LEVELS}
    chosen = []
    for row in group.itertuples():
        half = pd.Timedelta(days=DAYS_PER_CHARACTER * len(row.label) / 2)
        level = next((lv for lv in LABEL_LEVELS if ends[lv] < row.date - half), LABEL_LEVELS[len(chosen) % 4])
        ends[level] = row.date + half
        chosen.append(level)
    return chosen


def milestones_title(frame: pd.DataFrame, since: int = 2022) -> str:
    """The milestone timeline's title: of the milestones drawn from ``since``, how many are political or military and
    how many economic. The milestones are a selection, and the title says so.

    >>> frame = pd.DataFrame({"date": pd.to_datetime(["2014-01-01", "2023-01-01", "2024-01-01"]),
    ...                       "sphere": ["economic", "military", "economic"], "label": ["A", "B", "Bridge started"]})
    >>> milestones_title(frame)
    'Of the milestones drawn from 2022, 1 is political or military, 1 economic'
    """
    later = frame[frame["date"].dt.year >= since]
    economic = later[later["sphere"] == "economic"]
    others = len(later) - len(economic)
    return (
        f"Of the milestones drawn from {since}, {others} {'is' if others == 1 else 'are'} political or military, "
        f"{len(economic)} economic"
    )


def milestone_timeline(frame: pd.DataFrame, title: str):
    """One lane per sphere, each milestone a labelled marker; the article's date marked; ``title`` states the
    finding."""
    import matplotlib.pyplot as plt

    from .charts import fix_date_ticks, headline
    from .style import tight_layout

    lanes = ["political", "economic", "military"]
    fig, ax = plt.subplots(figsize=(8.6, 6.2))
    for lane_index, sphere in enumerate(lanes):
        group = frame[frame["sphere"] == sphere].reset_index(drop=True)
        base = len(lanes) - 1 - lane_index
        ax.axhline(base, color=SPHERE_COLOURS[sphere], linewidth=0.8, alpha=0.4, zorder=1)
        ax.scatter(
            group["date"],
            [base] * len(group),
            s=36,
            color=SPHERE_COLOURS[sphere],
            zorder=3,
            edgecolor="white",
            linewidth=0.6,
        )
        for row, level in zip(group.itertuples(), _label_levels(group), strict=True):
            ax.annotate(
                row.label,
                (row.date, base),
                xytext=(row.date, base + level),
                textcoords="data",
                fontsize=7.5,
                ha="center",
                va="bottom" if level > 0 else "top",
                color="#222222",
                # The leader starts at the label's near edge (4 points off, as matplotlib's default clipping to the
                # label's box would leave it) rather than being clipped to the box by bisection at every draw.
                arrowprops={
                    "arrowstyle": "-",
                    "color": "#999999",
                    "linewidth": 0.5,
                    "relpos": (0.5, 0.0 if level > 0 else 1.0),
                    "patchA": None,
                    "shrinkA": 4,
                },
            )
        ax.text(
            pd.Timestamp("1999-01-01"),
            base,
            sphere.capitalize(),
            fontsize=9,
            fontweight="bold",
            color=SPHERE_COLOURS[sphere],
            ha="right",
            va="center",
        )
    ax.axvline(ARTICLE_DATE, color="#222222", linestyle=":", linewidth=1.1)
    ax.text(ARTICLE_DATE, len(lanes) - 0.35, " Article, Apr 2015", fontsize=7.5, ha="left", va="bottom")
    ax.set_xlim(pd.Timestamp("1998-06-01"), pd.Timestamp("2026-12-31"))
    fix_date_ticks(ax)
    ax.set_ylim(-0.75, len(lanes) - 0.35)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)
    years = f"{frame['date'].min().year}-{frame['date'].max().year}"
    headline(ax, title, f"Selected Russia-DPRK milestones by sphere, {years}; each dated by its row in the dataset")
    tight_layout(fig)
    return fig


# --- alt texts: every number and claim a screen reader hears is computed from the plotted data ----------------------


FORECAST_PHRASES = {
    "borne_out": "{n} borne out",
    "came_true_later": "{n} came true later",
    "partly_borne_out": "{n} partly borne out",
    "not_borne_out": "{n} did not happen",
    "no_evidence": "{n} without evidence either way",
}


WRITTEN_PHRASES = {
    "accurate": "{n} were accurate when written",
    "partly_accurate": "{n} partly accurate",
    "inaccurate": "{n} inaccurate",
    "no_evidence": "{n} could not be judged for want of evidence",
    "secondary_only": "{n} judged on secondary sources only",
}
ALWAYS_SAID = ("accurate", "partly_accurate", "inaccurate")  # said even when none, as "0 inaccurate"


def written_verdict_words(verdicts: pd.DataFrame) -> str:
    """Every statement's verdict when written, in words: the three grades always, each other verdict that occurs,
    so that the counts add up to the statements.

    >>> written_verdict_words(pd.DataFrame({"written": ["accurate", "accurate", "no_evidence"]}))
    '2 were accurate when written, 0 partly accurate, 0 inaccurate and 1 could not be judged for want of evidence'
    """
    counts = verdicts["written"].value_counts()
    unknown = sorted(set(counts.index) - set(WRITTEN_PHRASES))
    if unknown:
        raise ValueError(f"verdicts when written without words: {unknown}; expected one of {list(WRITTEN_PHRASES)}")
    return join_words(
        [
            text.format(n=int(counts.get(code, 0)))
            for code, text in WRITTEN_PHRASES.items()
            if code in ALWAYS_SAID or counts.get(code)
        ]
    )


def forecast_outcome_words(verdicts: pd.DataFrame) -> str:
    """The forecasts' outcomes in words, each outcome that occurs with its count, in a fixed order.

    >>> frame = pd.DataFrame({"kind": ["forecast"] * 3 + ["reported_fact"],
    ...                       "outcome": ["borne_out", "not_borne_out", "not_borne_out", "not_applicable"]})
    >>> forecast_outcome_words(frame)
    '1 borne out and 2 did not happen'
    """
    counts = verdicts.loc[verdicts["kind"] == "forecast", "outcome"].value_counts()
    return join_words([text.format(n=int(counts[code])) for code, text in FORECAST_PHRASES.items() if counts.get(code)])


def verdict_panel_alt(frame: pd.DataFrame) -> str:
    """Alt text of the verdict panel: the grid, the count of each verdict on both axes, how many of the forecasts
    were not borne out (the title's count; reported plans can fail too), and the statements whose outcome is not
    borne out or came true later, by headline."""

    def tally(column: str) -> str:
        counts = frame[column].value_counts()
        return join_words([f"{int(counts[code])} {label(code).lower()}" for code in counts.index if counts[code]])

    def named(outcome: str) -> str:
        return "; ".join(frame.loc[frame["outcome"] == outcome, "headline"].astype(str))

    forecasts = frame[frame["kind"] == "forecast"]
    failed = int((forecasts["outcome"] == "not_borne_out").sum())
    return (
        f"A grid of {len(frame)} statements in {frame['sphere'].nunique()} groups with two coloured cells each. "
        f"When written: {tally('written')}. By {judged_by()}: {tally('outcome')}; of the {len(forecasts)} "
        f"forecasts, {failed} not borne out. Not borne out: {named('not_borne_out')}. Came true later: "
        f"{named('came_true_later')}."
    )


def milestones_alt(frame: pd.DataFrame) -> str:
    """Alt text of the milestone timeline: each lane's milestones in date order, with their years."""
    lanes = []
    for sphere in dict.fromkeys(frame["sphere"].astype(str)):
        rows = frame[frame["sphere"].astype(str) == sphere].sort_values("date")
        lanes.append(f"{sphere.capitalize()}: " + "; ".join(f"{r.label} ({r.date.year})" for r in rows.itertuples()))
    dates = frame["date"]
    return (
        f"Timeline in {len(lanes)} lanes from {dates.min().year} to {dates.max().year}, the article's date marked. "
        + ". ".join(lanes)
        + "."
    )
