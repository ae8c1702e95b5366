"""The scorecard: every claim has a rule, every rule's evidence exists, and the verdicts are the ones the book shows.

When the data change, ``test_verdicts_are_the_ones_published`` fails and lists exactly which verdicts moved;
update ``PUBLISHED`` only after reading why.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pandas as pd
import russia_dprk as rd
from russia_dprk_book import scorecard
from russia_dprk_book.row_keys import row_keys

PUBLISHED = {
    "west-relations-low": ("accurate", "not_applicable"),
    "strategic-partnership": ("partly_accurate", "came_true_later"),
    "three-sphere-upturn": ("accurate", "came_true_later"),
    "kremlin-confirmed-17-march": ("partly_accurate", "not_applicable"),
    "kim-victory-day-2015": ("accurate", "not_borne_out"),
    "kju-no-trip-abroad-yet": ("accurate", "not_applicable"),
    "kji-died-2011": ("accurate", "not_applicable"),
    "68-invited": ("accurate", "not_applicable"),
    "26-confirmed": ("accurate", "not_applicable"),
    "rumours-since-december": ("accurate", "not_applicable"),
    "putin-10-day-absence": ("accurate", "not_applicable"),
    "ceasefire-violations": ("accurate", "not_applicable"),
    "weitz-affiliation": ("accurate", "not_applicable"),
    "both-sanctioned": ("accurate", "not_applicable"),
    "petrov-affiliation": ("no_evidence", "not_applicable"),  # the one page read is of 2017, two years after
    "first-trip-russia": ("accurate", "not_borne_out"),
    "china-dprk-chill": ("accurate", "no_longer_true"),
    "long-history-rivals-china": ("accurate", "not_applicable"),
    "kim-il-sung-soviet-army": ("partly_accurate", "not_applicable"),
    "soviet-benefactor": ("accurate", "not_applicable"),
    "china-aid-after-1991": ("accurate", "not_applicable"),
    "kim-jong-il-moscow-2011": ("partly_accurate", "not_applicable"),
    "debt-write-off": ("accurate", "not_applicable"),
    "debt-reinvestment": ("accurate", "no_evidence"),
    "debt-deal-2014-implemented": ("partly_accurate", "not_applicable"),
    "railway-for-minerals": ("partly_accurate", "not_borne_out"),
    "advanced-development-zones": ("accurate", "secondary_only"),  # the last report read is a secondary copy
    "gas-pipeline": ("partly_accurate", "not_borne_out"),
    "rok-second-gas-importer": ("partly_accurate", "no_longer_true"),
    "oil-price-drop": ("accurate", "not_applicable"),  # Brent, and Japan's spot LNG price (Reuters, March 2015)
    "year-of-friendship": ("accurate", "not_applicable"),
    "drills-announced": ("partly_accurate", "not_applicable"),
    "drills-held": ("accurate", "partly_borne_out"),
    "victory-day-26-leaders": ("accurate", "borne_out"),
    "xi-attends-2015": ("accurate", "borne_out"),
    "putin-kim-xi-meeting": ("accurate", "not_borne_out"),
}


def test_every_claim_has_exactly_one_rule_with_a_stated_criterion() -> None:
    claims = set(rd.load("claims")["claim_id"].astype(str))
    assert claims == set(scorecard.RULES)
    assert all(len((rule.__doc__ or "").split()) >= 8 for rule in scorecard.RULES.values())


def test_verdicts_are_the_ones_published() -> None:
    now = {row.claim_id: (row.written, row.outcome) for row in scorecard.verdicts().itertuples()}
    moved = {
        claim: (PUBLISHED.get(claim), verdict) for claim, verdict in now.items() if PUBLISHED.get(claim) != verdict
    }
    assert not moved, f"verdicts moved (published -> now): {moved}"


def test_every_evidence_row_exists() -> None:
    for row in scorecard.verdicts().itertuples():
        for table, key in row.evidence:
            assert scorecard.rows_exist(table, key) == 1, (row.claim_id, table, key)


def test_forecasts_that_came_true_later_carry_their_date() -> None:
    verdicts = scorecard.verdicts()
    later = verdicts[verdicts["outcome"] == "came_true_later"]
    assert later["when"].notna().all()
    assert verdicts.set_index("claim_id").loc["strategic-partnership", "when"].strftime("%Y-%m-%d") == "2024-12-04"


def test_vocabularies_cover_every_verdict() -> None:
    verdicts = scorecard.verdicts()
    assert set(verdicts["written"]) <= set(scorecard.WRITTEN)
    assert set(verdicts["outcome"]) <= set(scorecard.OUTCOME)


def test_milestones_point_at_existing_rows() -> None:
    frame = scorecard.milestones()
    assert len(frame) == len(scorecard.MILESTONES)
    assert frame["date"].is_monotonic_increasing


def test_verdict_panel_alt_counts_both_axes_and_names_the_failed_and_the_late() -> None:
    frame = pd.DataFrame(
        {
            "sphere": ["political", "political", "economic"],
            "kind": ["forecast", "characterisation", "reported_fact"],
            "headline": ["Kim in Moscow", "A partnership", "Trade up"],
            "written": ["accurate", "partly_accurate", "accurate"],
            "outcome": ["not_borne_out", "came_true_later", "not_borne_out"],
        }
    )
    assert scorecard.verdict_panel_alt(frame) == (
        "A grid of 3 statements in 2 groups with two coloured cells each. When written: 2 accurate and 1 partly "
        "accurate. By February 2026: 2 not borne out and 1 came true later; of the 1 forecasts, 1 not borne out. Not "
        "borne out: Kim in Moscow; Trade up. Came true later: A partnership."
    )


def test_milestones_alt_lists_each_lane_in_date_order() -> None:
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2019-04-24", "2000-07-19", "2012-09-17"]),
            "sphere": ["political", "political", "economic"],
            "label": ["Summit", "Putin in Pyongyang", "Debt deal"],
        }
    )
    assert scorecard.milestones_alt(frame) == (
        "Timeline in 2 lanes from 2000 to 2019, the article's date marked. Political: Putin in Pyongyang (2000); "
        "Summit (2019). Economic: Debt deal (2012)."
    )


MIN_LABEL_GAP_PT = 12  # about three characters of the labels' 7.5-point type


def test_no_two_milestone_labels_touch() -> None:
    """Every label of the timeline, as drawn, at least three characters clear of every other (a label's width was
    once underestimated, and "Russia votes for tougher sanctions" printed against "Russian and Chinese veto")."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    frame = scorecard.milestones()
    fig = scorecard.milestone_timeline(frame, scorecard.milestones_title(frame))
    fig.canvas.draw()  # annotations take their place at a draw
    renderer = fig.canvas.get_renderer()
    names = set(frame["label"])
    # The text's own box: an annotation's extent also spans its leader line down to the marker.
    labels = {t.get_text(): Text.get_window_extent(t, renderer) for t in fig.axes[0].texts if t.get_text() in names}
    gap = MIN_LABEL_GAP_PT * fig.dpi / 72
    plt.close(fig)
    assert len(labels) == len(frame)
    close = [
        (a, b)
        for a, b in itertools.combinations(sorted(labels), 2)
        if labels[a].padded(gap / 2).overlaps(labels[b].padded(gap / 2))
    ]
    assert close == []


def test_the_timeline_draws_every_opening_behind_the_economic_indicator() -> None:
    """The economic sphere's ticks in the pivot table come from confirmed openings of joint projects
    (``pivot.links_opened``): the timeline, which the chapter says shows the rows behind them, draws each."""
    projects = rd.load("projects")
    opened = projects[(projects["status"] == "confirmed") & (projects["milestone"] == "opened")]
    drawn = scorecard.milestones()
    assert set(row_keys("projects", opened)) <= set(drawn.loc[drawn["table"] == "projects", "key"])
    assert sorted(opened["date"].dt.year) == [2013, 2014, 2025]


def test_the_milestones_title_counts_what_the_timeline_draws_from_2022() -> None:
    frame = scorecard.milestones()
    assert (
        scorecard.milestones_title(frame)
        == "Of the milestones drawn from 2022, 6 are political or military, 2 economic"
    )
    later = frame[frame["date"].dt.year >= 2022]
    assert sorted(later["sphere"].value_counts().items()) == [("economic", 2), ("military", 3), ("political", 3)]


def test_the_answer_says_of_each_plan_what_its_verdict_says() -> None:
    """The scorecard's Answer names the plans that did not materialise and the one seen only in copies; each
    sentence holds only while the verdicts do."""
    notebook = json.loads((Path(__file__).parent.parent / "book" / "scorecard.ipynb").read_text(encoding="utf-8"))
    answer = next("".join(c["source"]) for c in notebook["cells"] if "".join(c["source"]).startswith("## Answer"))
    prose = " ".join(answer.split())
    outcomes = scorecard.verdicts().set_index("claim_id")["outcome"]
    assert "the railway scheme and the pipeline did not materialise" in prose
    assert outcomes["railway-for-minerals"] == outcomes["gas-pipeline"] == "not_borne_out"
    assert "development zones are attested since only by secondary copies" in prose
    assert outcomes["advanced-development-zones"] == "secondary_only"


def test_no_verdict_rests_on_a_row_dated_after_the_month_it_is_judged_by() -> None:
    """scorecard: "Borne out by February 2026 ... No verdict rests on a row dated later, so none speaks for the months
    after it" (a data set may run later: CNS's launches reach April 2026). Each evidence row's dates, and its years
    (from their first day), fall on or before the last day of that month."""
    from russia_dprk.validation.descriptor import is_year_field
    from russia_dprk_book import coverage

    judged = coverage.latest_report() + pd.offsets.MonthEnd(0)
    verdicts = scorecard.verdicts()
    cited = {(table, key) for evidence in verdicts["evidence"] for table, key in evidence}
    assert len(cited) > 40
    latest = []
    for table in sorted({table for table, _ in cited}):
        frame = rd.load(table)
        fields = rd.resource(table)["schema"]["fields"]
        dated = [f["name"] for f in fields if f["type"] == "date" and f["name"] != "accessed"]
        years = [f["name"] for f in fields if is_year_field(f)]
        frame = frame.assign(_key=row_keys(table, frame)).set_index("_key")
        for _, key in (pair for pair in cited if pair[0] == table):
            row = frame.loc[key]
            days = [row[f] for f in dated if pd.notna(row[f])]
            days += [pd.Timestamp(f"{int(row[f])}-01-01") for f in years if pd.notna(row[f])]
            if days:  # an undated context fact (an author's profile, a wartime period) is dated later by none
                latest.append((max(days), table, key))
    assert max(latest)[0] <= judged, max(latest)
    assert rd.data_through("missile_launches") == "2026"  # the sentence's premise: some data run later


def test_the_first_axis_rests_on_no_context_row_dated_after_the_article() -> None:
    """ "Accurate when written" asks what held in April 2015: a report of later days cannot show it. A context row
    counts only if its date, at its precision, is no later than the article ("April 2015" may be later); an undated
    author's profile counts as its rule's criterion says."""
    facts = rd.load("article_context").set_index("fact_id")
    cited = {
        key for row in scorecard.verdicts().itertuples() for table, key in row.written_by if table == "article_context"
    }
    assert len(cited) > 30
    for key in sorted(cited):
        date, precision = facts.loc[key, "date"], str(facts.loc[key, "date_precision"])
        if pd.isna(date):
            continue
        last = date + {"month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}.get(precision, pd.offsets.Day(0))
        assert last <= pd.Timestamp("2015-04-01"), (key, date, precision)
    judged = scorecard.verdicts().set_index("claim_id")
    # the claim whose only page is two years later has no evidence on this axis, not a verdict
    assert judged.loc["petrov-affiliation", "written_by"] == []
    assert judged.loc["kju-no-trip-abroad-yet", "written_by"] == [("article_context", "kju-first-trip-interfax")]


def test_an_upturn_that_came_true_later_cites_the_rows_of_its_first_year() -> None:
    """three-sphere-upturn: "came true later (2023)" rests on the confirmed rows of 2023 in each sphere; the premise
    counts confirmed rows only, as its criterion says."""
    verdict = scorecard.verdicts().set_index("claim_id").loc["three-sphere-upturn"]
    assert verdict["when"] == pd.Timestamp("2023-01-01")
    tables = {table for table, _ in verdict["outcome_by"]}
    assert tables == {"contacts", "projects", "military_events"}
    assert all(key.startswith("2023") or "/2023-" in key for _, key in verdict["outcome_by"])
    projects = rd.load("projects").assign(key=lambda f: row_keys("projects", f)).set_index("key")
    premise = [key for table, key in verdict["written_by"] if table == "projects"]
    assert premise and (projects.loc[premise, "status"] == "confirmed").all()


def test_a_fuel_price_counts_only_where_the_row_reports_its_fall() -> None:
    """oil-price-drop: a row naming oil or gas without a fall ("traded at 60 dollars") shows no fall."""
    rows = scorecard.context("oil-price-drop")
    assert scorecard._fuel_fell(rows, r"\bgas\b|\bLNG\b")  # Japan's spot LNG price, March 2015
    flat = rows.assign(description="Brent crude traded at 60 dollars a barrel.")
    assert not scorecard._fuel_fell(flat, r"\boil\b|crude")


def test_the_verdicts_in_words_add_up_to_every_statement() -> None:
    """The chapter's sentence on the first axis counts every statement, the one without evidence too."""
    verdicts = scorecard.verdicts()
    words = scorecard.written_verdict_words(verdicts)
    said = [int(n) for n in re.findall(r"\b(\d+) (?:were|partly|inaccurate|could|rest)\b", words)]
    assert sum(said) == len(verdicts)
    assert "could not be judged for want of evidence" in words  # petrov-affiliation, as PUBLISHED records
