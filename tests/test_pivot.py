"""The definition of a pivot: thresholds fixed once, the same for every period, and what they find."""

from __future__ import annotations

import pandas as pd
from russia_dprk_book import pivot


def test_thresholds_are_the_ones_the_book_states() -> None:
    assert {(i.sphere, i.name, i.threshold) for i in pivot.INDICATORS} == {
        ("political", "Leader-level meetings a year", "at least 1"),
        ("political", "Contacts at minister level or higher a year", "at least 3"),
        ("political", "Mutual-defence treaty in force at the period's end", "yes"),
        ("political", "Russian vetoes shielding the DPRK", "at least 1"),
        ("political", "New UN sanctions on the DPRK that Russia voted for", "none"),
        ("economic", "Russia's share of the DPRK's recorded trade", "at least 10 percent"),
        ("economic", "Recorded Russia-DPRK trade a year", "at least USD 1,000 million"),
        ("economic", "Joint links or facilities opened", "at least 1"),
        ("military", "Major-arms deliveries between them (SIPRI TIV)", "more than 0"),
        ("military", "Joint exercises held", "at least 1"),
        ("military", "Military agreements signed", "at least 1"),
        ("military", "Reports or acknowledgements of troops sent to Russia", "at least 1"),
    }
    assert pivot.PERIODS == {
        "2000-2013": (2000, 2013),
        "2014-2016": (2014, 2016),
        "2017-2021": (2017, 2021),
        "2022 on": (2022, 2026),
    }


def test_thresholds_decide_as_stated() -> None:
    met = {i.name: i.met for i in pivot.INDICATORS}
    assert met["Leader-level meetings a year"](1.0) and not met["Leader-level meetings a year"](0.99)
    assert not met["Leader-level meetings a year"](float("nan"))
    assert met["New UN sanctions on the DPRK that Russia voted for"](0)
    assert not met["New UN sanctions on the DPRK that Russia voted for"](1)
    assert not met["Russia's share of the DPRK's recorded trade"](None)


def test_a_political_and_military_pivot_only_from_2022_and_no_economic_one() -> None:
    assert pivot.first_pivot_periods() == {"political": "2022 on", "economic": None, "military": "2022 on"}
    summary = pivot.verdicts()
    earlier = summary[summary["period"] != "2022 on"]
    assert not earlier["pivot"].any()


def test_a_period_whose_missing_indicators_could_make_a_majority_is_not_called_a_no() -> None:
    """Military 2000-2013: 1 of 4 met and 3 without data, so the data cannot rule a pivot out (the landing page says
    so beside "only from 2022"); every other period without a pivot is ruled out by its measured indicators."""
    summary = pivot.verdicts().set_index(["sphere", "period"])
    assert summary.index[summary["open"]].tolist() == [("military", "2000-2013")]
    assert summary.loc[("military", "2000-2013"), ["met", "no_data", "indicators"]].tolist() == [1, 3, 4]
    assert (
        pivot.unjudged_words()
        == "the military sphere in 2000-2013 cannot be judged: 3 of its 4 indicators have no data"
    )
    assert "**cannot tell** (1 of 4; 3 without data)" in pivot.indicator_table("military").data


def test_a_period_without_data_is_not_counted_as_zero(monkeypatch) -> None:
    """An indicator a period's data cannot measure (a gap in trade, say) is "no data" and not met, whatever its
    threshold: made here by an indicator that measures nothing in 2014-2016, since today every economic period has
    data."""
    gap = pivot.Indicator(
        "economic", "A measure with a gap", "none", lambda a, b: None if a == 2014 else 0.0, lambda v: v == 0
    )
    monkeypatch.setattr(pivot, "INDICATORS", [*pivot.INDICATORS, gap])
    pivot._evaluate_sphere.cache_clear()
    try:
        frame = pivot.evaluate("economic").set_index(["indicator", "period"])
        assert pd.isna(frame.loc[("A measure with a gap", "2014-2016"), "value"])
        assert not frame.loc[("A measure with a gap", "2014-2016"), "met"]
        assert frame.loc[("A measure with a gap", "2017-2021"), "met"]
        assert pivot.verdicts("economic").set_index("period").loc["2014-2016", "no_data"] == 1
        assert "no data" in pivot.indicator_table("economic").data
    finally:
        pivot._evaluate_sphere.cache_clear()


def test_an_agreement_is_counted_once_and_a_link_only_when_it_joins_the_two() -> None:
    """The 2024 treaty's entry into force is not a second agreement, and the Wonsan-Kalma resort opening to North
    Korean visitors is not a Russia-DPRK link (its first Russian tourists are a later milestone)."""
    assert pivot.military_agreements(2022, 2026) == 1
    assert pivot.military_agreements(2014, 2016) == 1
    assert pivot.links_opened(2022, 2026) == 1


def test_a_period_before_the_events_table_starts_is_no_data_not_zero() -> None:
    """military_events starts in 2015: before it, no drills, agreements or deployments found is not none held."""
    frame = pivot.evaluate("military").set_index(["indicator", "period"])["value"]
    for indicator in ("Joint exercises held", "Military agreements signed"):
        assert pd.isna(frame[(indicator, "2000-2013")])
    summary = pivot.verdicts("military").set_index("period")
    assert summary.loc["2000-2013", "no_data"] == 3
    assert "(1 of 4; 3 without data)" in pivot.indicator_table("military").data
