"""Every number and every trend or bound statement in the economic chapter, pinned to exact values."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from russia_dprk_book import economic

PUBLISHED = [economic.SERIES_KOTRA, economic.SERIES_RUS_OVER_KOTRA]


@pytest.fixture(scope="module")
def shares() -> pd.DataFrame:
    return economic.trade_shares()


@pytest.fixture(scope="module")
def benchmark() -> pd.DataFrame:
    return economic.korea_benchmark(2010)


# --- shares ------------------------------------------------------------------------------------------------------


def test_stated_shares_are_read_from_rows_without_a_value() -> None:
    stated = economic.stated_shares("RUS")
    assert dict(zip(stated["year"], stated["share"], strict=True)) == {2018: 1.2, 2020: 4.9}


def test_kotra_world_totals_are_the_first_published() -> None:
    totals = economic.kotra_world_totals()
    assert totals.loc[2019] == 3240.0  # first published, not the 3,224.5 restated a year later
    assert totals.loc[2020] == 863.0
    assert int(totals.index.min()) == 2013 and int(totals.index.max()) == 2024


def test_kotra_russia_share_one_basis(shares: pd.DataFrame) -> None:
    kotra = shares[(shares["partner"] == "RUS") & (shares["series"] == economic.SERIES_KOTRA)].set_index("year")
    assert kotra.loc[2013, "share"] == pytest.approx(100 * 104 / 7340, abs=1e-12)
    assert kotra.loc[2015, "share"] == pytest.approx(100 * 84 / 6250, abs=1e-12)
    assert kotra.loc[2020, "method"] == "stated"
    assert sorted(kotra.index) == [2013, 2014, 2015, 2018, 2020]


def test_russian_statistics_share_basis(shares: pd.DataFrame) -> None:
    series = economic.share_series(shares, "RUS", economic.SERIES_RUS_OVER_KOTRA)
    assert list(series.index) == [2014, 2015, 2016, 2017, 2018, 2020, 2021, 2023]
    assert series.loc[2023] == pytest.approx(100 * 34.4 / 2769.12, abs=1e-12)
    # 2021: two reports of Russia's customs figure differ ($40,469 in Asia Today, $40,569 in Newspim); the median
    # of the two is their midpoint. (One article registered under two ids once counted twice and set it to 40,469.)
    assert series.loc[2021] == pytest.approx(100 * (0.040469 + 0.040569) / 2 / 713, abs=1e-12)


def test_russia_published_share_never_exceeds_its_2020_peak(shares: pd.DataFrame) -> None:
    year, value = economic.share_max(shares, "RUS", PUBLISHED)
    assert (year, value) == (2020, pytest.approx(100 * 42.74 / 863, abs=1e-12))
    assert economic.share_max(shares, "RUS", [economic.SERIES_KOTRA]) == (2020, 4.9)
    other_year, other = economic.share_max(shares, "RUS", PUBLISHED, exclude_years=[2020])
    assert (other_year, other) == (2013, pytest.approx(100 * 104 / 7340, abs=1e-12))
    assert round(other, 1) == 1.4


def test_russia_published_share_gaps(shares: pd.DataFrame) -> None:
    assert economic.years_without(shares, "RUS", PUBLISHED, 2013, 2025) == [2019, 2022, 2024, 2025]
    assert economic.years_without(shares, "CHN", PUBLISHED, 2013, 2025) == [2025]


def test_cow_russia_share_endpoints_and_bound(shares: pd.DataFrame) -> None:
    cow = economic.share_series(shares, "RUS", economic.SERIES_COW)
    assert cow.loc[1992] == pytest.approx(100 * 292 / 2445, abs=1e-12)
    assert cow.loc[2014] == pytest.approx(100 * 100 / 8484, abs=1e-12)
    assert cow.loc[1996] == pytest.approx(100 * 924 / 3025, abs=1e-12)
    assert economic.stayed_below_since(cow, 1.5) == 2008


def test_china_kotra_share_floor_and_latest(shares: pd.DataFrame) -> None:
    assert economic.share_min(shares, "CHN", [economic.SERIES_KOTRA]) == (
        2020,
        pytest.approx(100 * 760.8 / 863, abs=1e-12),
    )
    kotra = economic.share_series(shares, "CHN", economic.SERIES_KOTRA)
    assert kotra.loc[2024] == pytest.approx(100 * 2640.87 / 2696.11, abs=1e-12)
    assert kotra.loc[2013] == pytest.approx(100 * 6540 / 7340, abs=1e-12)
    assert economic.share_series(shares, "CHN", economic.SERIES_COW).loc[2013] == pytest.approx(
        100 * 6939 / 9021, abs=1e-12
    )


def test_stayed_below_since_logic() -> None:
    assert economic.stayed_below_since(pd.Series({1: 1.0, 2: 3.0, 3: 1.0, 4: 1.0}), 2.0) == 3
    assert economic.stayed_below_since(pd.Series({1: 1.0, 2: 3.0}), 2.0) is None
    assert economic.stayed_below_since(pd.Series({1: 1.0, 2: 1.5}), 2.0) == 1


def test_year_spans() -> None:
    assert economic.year_spans([2024, 2019, 2022, 2025]) == [(2019, 2019), (2022, 2022), (2024, 2025)]
    assert economic.year_spans([]) == []


# --- the South Korean benchmark ----------------------------------------------------------------------------------


def test_korea_ratio_lower_bound(benchmark: pd.DataFrame) -> None:
    ratio = economic.korea_ratio(benchmark)
    assert list(ratio["year"]) == [2014, 2015, 2016, 2017, 2018, 2019, 2021]
    low = ratio.sort_values("ratio").iloc[0]
    assert int(low["year"]) == 2016
    assert low["ratio"] == pytest.approx(13400 / ((76 + 76.84) / 2), abs=1e-9)
    assert math.floor(low["ratio"]) == 175
    ordinary = ratio[ratio["year"] != 2021]["ratio"].max()
    # 2018: the median of Russia's two reports of its DPRK trade (Ushakov's 34 and customs' 34.051325)
    assert ordinary == pytest.approx(24840 / ((34 + 34.051325) / 2), rel=1e-12)


def test_benchmark_gaps_are_labelled(benchmark: pd.DataFrame) -> None:
    spans = economic.benchmark_gaps(benchmark, 2010, 2025)
    assert spans == [
        (2009.5, 2011.5, "no ROK figure"),
        (2012.5, 2013.5, "no ROK figure"),
        (2019.5, 2020.5, "no ROK figure"),
        (2021.5, 2022.5, "no DPRK figure"),
        (2022.5, 2024.5, "no ROK figure"),
        (2024.5, 2025.5, "no figure for either"),
    ]


def test_benchmark_gaps_logic() -> None:
    frame = pd.DataFrame({"partner": ["KOR", "PRK", "PRK"], "year": [2001, 2001, 2002]})
    assert economic.benchmark_gaps(frame, 2000, 2003) == [
        (1999.5, 2000.5, "no figure for either"),
        (2001.5, 2002.5, "no ROK figure"),
        (2002.5, 2003.5, "no figure for either"),
    ]


# --- sizing --------------------------------------------------------------------------------------------------------


def test_sizing_points() -> None:
    points = economic.sizing_points()
    first = points.iloc[0]
    assert (first["label"], first["period"], first["low"]) == ("Recorded Russia–DPRK trade", "2023", 34.4)
    revenue = points[points["group"] == "DPRK revenue (estimates)"]
    annual = revenue[revenue["scope"].str.startswith("annual")]
    assert annual["low"].min() == 200.0
    assert annual["high"].max() == 1340.0
    assert annual["low"].min() / first["low"] == pytest.approx(200 / 34.4)
    cumulative = revenue[revenue["scope"].str.startswith("cumulative")]
    assert (cumulative["low"].min(), cumulative["high"].max()) == (1700.0, 5500.0)
    china = points[points["label"] == "Recorded China–DPRK trade"].iloc[0]
    assert (china["period"], china["low"], china["high"]) == ("2025", 2700.0, 2735.0)


# --- debt, projects, gas ----------------------------------------------------------------------------------------


def test_debt_facts() -> None:
    assert economic.debt_facts() == {
        "total_low": 10.94,
        "total_high": 11.0,
        "share": 90.0,
        "remainder": 1.09,
        "years": 20.0,
        "instalments": 40.0,
        "total_figures": 6,
    }


def test_debt_steps_in_the_order_the_chapter_tells_them() -> None:
    """The chapter: the State Duma passed the ratification on 18 April 2014, the Federation Council approved it on 29
    April 2014 and the President signed the law on 5 May 2014; no source read gives the date it entered into force."""
    steps = economic.debt_steps()
    assert steps == {
        "passed_lower_house": "18 April 2014",
        "approved_upper_house": "29 April 2014",
        "signed_into_law": "5 May 2014",
        "entered_into_force": "",
    }
    assert economic.debt_in_force_sentence(steps) == "No source read gives the date it entered into force."
    assert economic.debt_in_force_sentence({**steps, "entered_into_force": "1 June 2014"}) == (
        "It entered into force on 1 June 2014."
    )


def test_project_outcomes() -> None:
    outcomes = economic.project_outcomes().set_index("project_id")["outcome"].to_dict()
    assert outcomes == {
        "khasan-rajin": "delivered, then stopped",
        "gas-pipeline": "stopped before delivery",
        "tourism-wonsan-kalma": "delivered",
        "pobeda-railway": "stopped before delivery",
        "dprk-workers": "delivered",
        "flights": "delivered",
        "pyongyang-moscow-train": "delivered",
        "tumen-road-bridge": "not delivered yet",
    }


def test_projects_delivered_before_their_first_announcement_resumed_a_service() -> None:
    """The chapter says of these projects that their first delivery, a service resumed, precedes the first
    announcement or agreement the table records."""
    early = economic.delivered_before_agreed()
    assert list(early["project_id"]) == ["tourism-wonsan-kalma", "flights", "pyongyang-moscow-train"]
    assert set(early["delivered_as"]) == {"resumed"}
    outcomes = economic.project_outcomes().set_index("project_id")
    assert (
        outcomes.loc[early["project_id"], "delivered_date"] < outcomes.loc[early["project_id"], "agreed_date"]
    ).all()


def test_bridge_status_ends_with_the_table() -> None:
    bridge = economic.project_latest("tumen-road-bridge")
    assert bridge["date"] == pd.Timestamp("2025-09-05")
    assert bridge["date_text"] == "5 September 2025"
    assert bridge["unverified"] == ["completed"]
    assert bridge["delivered"] is False


def test_milestones_show_dates_at_their_precision() -> None:
    milestones = economic.project_milestones()
    rows = milestones[milestones["project_id"] == "khasan-rajin"].set_index("milestone")["when"]
    assert rows["announced"] == "August 2001"
    assert rows["agreement_signed"] == "2008"
    assert rows["opened"] == "22 September 2013"


def test_korea_lng_ranks_and_the_fall_to_third() -> None:
    ranks = economic.korea_lng_ranks()
    assert ranks.to_dict() == {2014: 2, 2015: 2, 2017: 3, 2018: 3, 2021: 3, 2024: 3}
    assert economic.rank_since(ranks, 3) == 2017
    assert economic.ordinal(int(ranks.loc[2014])) == "second"
    assert economic.rank_since(pd.Series({1: 3, 2: 2, 3: 3}), 3) == 3
    assert economic.rank_since(pd.Series({1: 3, 2: 2}), 3) is None


def test_korea_s_own_lng_imports_grew_while_it_fell_to_third() -> None:
    """economic: "even though its own imports grew from 37.2 to 47.8 million tonnes" (2014 to the latest year)."""
    kor = {
        year: float(frame.loc[frame["country"] == "KOR", "value"].iloc[0])
        for year in (2014, 2024)
        for frame in [economic.lng_ranking(year)]
    }
    assert kor == {2014: 37.2, 2024: 47.8}
    assert kor[2024] > kor[2014]


def test_lng_ranking_one_source_per_year() -> None:
    latest = economic.lng_ranking(2024)
    assert list(latest["country"]) == ["CHN", "JPN", "KOR"]
    assert list(latest["value"]) == [78.7, 67.4, 47.8]
    assert list(economic.lng_ranking(2014)["country"]) == ["JPN", "KOR"]


# --- map geometry ---------------------------------------------------------------------------------------------------


def test_projection_scales_longitude_by_cos_latitude() -> None:
    x, y = economic.project(130.0, 42.0, 129.0, 41.0)
    degree = math.pi / 180 * 6371.0
    assert float(y) == pytest.approx(degree)
    assert float(x) == pytest.approx(degree * math.cos(math.radians(41.0)))


def test_bounds_round_the_safe_way() -> None:
    assert economic.bound_up(100 * 42.74 / 863, 1) == 5.0
    assert economic.bound_up(100 * 104 / 7340, 1) == 1.5
    assert economic.bound_up(1.2, 1) == 1.2
    assert economic.bound_down(100 * 760.8 / 863, 0) == 88
    assert economic.bound_down(13400 / 76.42, 0) == 175
    assert economic.bound_up(24840 / ((34 + 34.051325) / 2), 0) == 731
    assert economic.bound_down(2700 / 34.4, 0) == 78


def test_the_lowest_russian_share_rests_on_two_differing_reports_of_one_figure() -> None:
    """The chapter gives both reports of the year of Russia's lowest share, not their midpoint alone."""
    shares = economic.trade_shares()
    low_year = int(economic.share_series(shares, "RUS", economic.SERIES_RUS_OVER_KOTRA).idxmin())
    assert low_year == 2021
    assert economic.russian_official_reports(low_year) == [0.040469, 0.040569]


# --- people crossing the border ------------------------------------------------------------------------------------


def test_third_quarter_entries_exact() -> None:
    table = economic.quarter_entries(3)
    assert table.to_dict("list") == {
        "year": [2019, 2020, 2021, 2022, 2023, 2024],
        "all": [5591, 34, 20, 51, 365, 5263],
        "study": [906, 0, 0, 0, 62, 3765],
        "other": [4685, 34, 20, 51, 303, 1498],
    }


def test_entries_were_back_near_2019_and_mostly_declared_study() -> None:
    """The chart's title and the chapter's sentence: the 2024 quarter at least 90 percent of 2019's, most for study,
    and the closure years in double figures."""
    facts = economic.entries_facts(3)
    assert facts["last_to_first"] == pytest.approx(5263 / 5591) and facts["last_to_first"] >= 0.9
    assert facts["study_share_last"] == pytest.approx(3765 / 5263) and facts["study_share_last"] > 0.5
    assert (facts["closure_first"], facts["closure_last"]) == (2020, 2022)  # 2023's quarter began before 25 July
    assert (facts["closure_low"], facts["closure_high"]) == (20, 51)
    assert economic.entries_finding(facts) == (
        "By 2024 North Koreans entered Russia almost as often as in 2019, most declaring study"
    )


def test_study_entries_rose_through_2024_to_the_third_quarter() -> None:
    """economic: the third quarter's 3,765 entries declaring study, "against 38 and 332 in the first two quarters of
    that year"."""
    quarters = [economic.entries_in(start, "study") for start in ("2024-01-01", "2024-04-01", "2024-07-01")]
    assert quarters == [(38, False), (332, False), (3765, False)]
    assert quarters[0][0] < quarters[1][0] < quarters[2][0]


def test_the_entries_title_says_so_when_the_numbers_turn() -> None:
    facts = {"first_year": 2019, "last_year": 2024, "last_to_first": 0.5, "study_share_last": 0.2}
    assert economic.entries_finding(facts) == (
        "By 2024 North Koreans entered Russia less often than in 2019, few declaring study"
    )


def test_approximate_entries_are_flagged_and_the_quarters_after_are_not_in_the_table() -> None:
    assert economic.entries_in("2024-10-01") == (5500, True)
    assert economic.entries_in("2025-01-01") == (300, True)
    assert economic.entries_in("2025-01-01", "study") == (3, False)
    import russia_dprk as rd

    assert rd.data_through("dprk_entries_russia") == "2025-03-31"


def test_two_figures_for_one_quarter_and_purpose_are_refused(monkeypatch) -> None:
    import russia_dprk as rd

    frame = rd.load("dprk_entries_russia")
    twice = pd.concat([frame, frame[frame["start"] == pd.Timestamp("2024-07-01")].assign(source_id="another")])
    monkeypatch.setattr(economic, "load", lambda name: twice if name == economic.ENTRIES else rd.load(name))
    economic.quarter_entries.cache_clear()
    try:
        with pytest.raises(ValueError, match="more than one figure for a purpose in quarter 3: 2024 all, 2024 study"):
            economic.quarter_entries(3)
    finally:
        economic.quarter_entries.cache_clear()


def test_entries_fell_in_early_2025_after_the_late_2024_peak() -> None:
    """The overview's "fell to about 300" and the answer's "before falling in early 2025": the first quarter of 2025
    is below a tenth of the fourth quarter of 2024 and below every 2024 third-quarter figure."""
    q4, _ = economic.entries_in("2024-10-01")
    q1, _ = economic.entries_in("2025-01-01")
    assert q1 < q4 / 10
    assert q1 < economic.entries_facts(3)["last_all"] / 10


# --- alt texts: computed from the frame plotted, so a change in the data changes what a screen reader hears -----


def test_trade_shares_alt_reads_every_number_from_the_shares() -> None:
    rows = [("COW", "RUS", 1992, 12.0), ("COW", "RUS", 1996, 30.6), ("COW", "RUS", 2014, 1.18)]
    rows += [(economic.SERIES_KOTRA, "RUS", y, s) for y, s in [(2013, 1.4), (2018, 1.2), (2020, 4.9), (2021, 0.01)]]
    rows += [(economic.SERIES_RUS_OVER_KOTRA, "RUS", 2020, 4.95)]
    rows += [("COW", "CHN", 1992, 30.6), ("COW", "CHN", 1995, 20.0), ("COW", "CHN", 2014, 79.3)]
    rows += [(economic.SERIES_KOTRA, "CHN", 2013, 89.1), (economic.SERIES_KOTRA, "CHN", 2023, 98.3)]
    shares = pd.DataFrame(rows, columns=["series", "partner", "year", "share"])
    assert economic.trade_shares_alt(shares, PUBLISHED) == (
        "Two line charts. In COW's series Russia's share is 12 percent in 1992, peaks at 31 percent in 1996 and is "
        "1.2 percent in 2014; in the published series (2013-2021) it stays between 1.2 and 1.4 percent, except "
        "4.9-5 percent in 2020 and 0.01 percent in 2021. China's share runs between 20 and 31 percent in 1992-1995, "
        "reaches 79 percent in COW by 2014 and 89-98 percent in the published figures."
    )


def test_korea_benchmark_alt_sets_the_lowest_year_apart() -> None:
    benchmark = pd.DataFrame(
        [
            ("KOR", 2012, 13400, 13400, 13400),
            ("KOR", 2014, 25800, 26400, 27000),
            ("PRK", 2012, 74, 74, 74),
            ("PRK", 2014, 92, 92.3, 93),
            ("PRK", 2021, 0.0405, 0.0405, 0.0405),
        ],
        columns=["partner", "year", "low", "median", "high"],
    )
    ratio = pd.DataFrame({"year": [2012, 2014, 2021], "ratio": [181.1, 286.0, 674745.0]})
    assert economic.korea_benchmark_alt(benchmark, ratio) == (
        "Log-scale chart: Russia-South Korea trade runs between 13 billion dollars and 27 billion dollars a year "
        "from 2012 to 2014, while Russia-North Korea trade runs between 74 million dollars and 93 million dollars "
        "from 2012 to 2014 and falls to 41 thousand dollars in 2021. The ratio panel shows South Korean trade 181 "
        "to 286 times North Korean trade, and 670,000 times in 2021."
    )


def test_sizing_alt_gives_each_group_its_span() -> None:
    points = pd.DataFrame(
        [
            ("Russia–DPRK trade", "Recorded Russia–DPRK trade", 34.4, 34.4, "2023"),
            ("DPRK revenue (estimates)", "Value of DPRK arms deliveries", 1700.0, 5500.0, "2024"),
            ("DPRK revenue (estimates)", "Russian payments for DPRK troops", 200.0, None, "2024"),
            ("DPRK revenue (estimates)", "Russian payments for DPRK troops", 320.0, 1340.0, "2024"),
            ("China–DPRK trade", "Recorded China–DPRK trade", 2700.0, 2735.0, "2025"),
        ],
        columns=["group", "label", "low", "high", "period"],
    )
    assert economic.sizing_alt(points) == (
        "Dot chart on a log scale: recorded Russia-DPRK trade sits at 34 million dollars a year (2023); estimated "
        "payments for troops span 200 million dollars to 1.3 billion dollars a year; the estimated cumulative value "
        "of arms deliveries spans 1.7 billion dollars to 5.5 billion dollars; China-DPRK trade is 2.7 billion "
        "dollars a year."
    )


def test_lng_alt_ranks_each_year_and_says_which_way_korea_moved() -> None:
    first = pd.DataFrame({"year": [2014, 2014], "country": ["JPN", "KOR"], "rank": [1, 2], "value": [88.5, 37.2]})
    last = pd.DataFrame(
        {"year": [2024] * 3, "country": ["CHN", "JPN", "KOR"], "rank": [1, 2, 3], "value": [78.7, 67.4, 30.0]}
    )
    assert economic.lng_alt(first, last) == (
        "Two ranked bar charts of LNG imports in million tonnes. In 2014 Japan first with 88.5 and South Korea "
        "second with 37.2. In 2024 China first with 78.7, Japan second with 67.4 and South Korea third with 30.0. "
        "South Korea's imports fell, from 37.2 to 30.0."
    )


# --- chart titles: the finding each states holds in the data it is drawn from ------------------------------------


def test_trade_shares_title_holds(shares: pd.DataFrame) -> None:
    title = economic.trade_shares_title(shares, PUBLISHED)
    assert title == "Russia's share stayed under 1.5% from 2013, bar 2020; China's rose to 98%"
    rus = shares[(shares["partner"] == "RUS") & shares["series"].isin(PUBLISHED)]
    assert (rus["year"].min(), rus["year"].max()) == (2013, 2023)
    assert set(rus.loc[rus["share"] >= 1.5, "year"]) == {2020}  # "under 1.5%, bar 2020"
    chn = shares[(shares["partner"] == "CHN") & (shares["series"] == economic.SERIES_KOTRA)].sort_values("year")
    assert [round(chn["share"].iloc[0]), round(chn["share"].iloc[-1])] == [89, 98]
    assert [chn["year"].iloc[0], chn["year"].iloc[-1]] == [2013, 2024]


def test_korea_benchmark_title_holds(benchmark: pd.DataFrame) -> None:
    ratio = economic.korea_ratio(benchmark)
    title = economic.korea_benchmark_title(benchmark, ratio)
    assert title == "Russia trades over 100 times more with South Korea than with the North"
    usual = ratio[ratio["year"] != 2021]["ratio"]  # 2021: the year DPRK trade all but stopped
    assert usual.between(100, 1000, inclusive="left").all()


def test_sizing_title_states_the_smallest_multiple() -> None:
    points = economic.sizing_points()
    trade = points[points["label"] == "Recorded Russia–DPRK trade"]["low"].iloc[0]
    payments = points[points["label"] == "Russian payments for DPRK troops"]["low"]
    assert economic.sizing_title(points) == "The lowest estimate of payments is 5.8 times Russia's recorded trade"
    assert round(payments.min() / trade, 1) == 5.8


def test_lng_title_follows_korea_rank() -> None:
    assert economic.lng_title(economic.lng_ranking(2014), economic.lng_ranking(2024)) == (
        "South Korea fell from second to third among LNG importers"
    )
    same = pd.DataFrame({"country": ["KOR"], "rank": [2]})
    assert economic.lng_title(same, same) == "South Korea stayed second among LNG importers"
    assert economic.lng_title(same, same.assign(rank=1)) == "South Korea rose from second to first among LNG importers"


def test_caption_facts_of_the_trade_shares_figure(shares: pd.DataFrame) -> None:
    cow = economic.series_years(shares, [economic.SERIES_COW])
    published = economic.series_years(shares, PUBLISHED)
    assert (cow[0], cow[-1], economic.series_years(shares, [economic.SERIES_KOTRA])[0]) == (1992, 2014, 2013)
    overlap = sorted(set(cow) & set(published))
    assert overlap == [2013, 2014]
    in_overlap = shares[shares["year"].isin(overlap)]
    gap = in_overlap.groupby(["partner", "year"])["share"].agg(lambda s: s.max() - s.min()).groupby("partner").max()
    assert gap["CHN"] > gap["RUS"]  # "differ there, most for China"


def test_where_the_series_break_china_s_share_parts_over_its_other_partners(shares: pd.DataFrame) -> None:
    """economic: in 2013 COW and KOTRA put China's share apart "largely because COW records more of the DPRK's trade
    with its other partners"; "for Russia the two agree within a fraction of a point" (2014)."""
    chn = shares[(shares["partner"] == "CHN") & (shares["year"] == 2013)].set_index("series")["share"]
    rest = economic.other_partners("CHN", 2013)
    assert (rest["cow"], rest["kotra"]) == (2082.0, 800.0)
    # COW's own China figure over KOTRA's rest of the world lands on KOTRA's share: the rest parts the two series
    apart = chn[economic.SERIES_KOTRA] - chn[economic.SERIES_COW]
    assert apart == pytest.approx(12.18, abs=0.01)
    assert abs(rest["cow_over_kotra_rest"] - chn[economic.SERIES_KOTRA]) < apart / 2
    rus = shares[(shares["partner"] == "RUS") & (shares["year"] == 2014)].set_index("series")["share"]
    assert abs(rus[economic.SERIES_COW] - rus[economic.SERIES_KOTRA]) < 1


def test_kotra_s_russia_figures_are_set_beside_customs_in_every_year_with_both() -> None:
    """economic: "KOTRA's Russia figures are close to Russia's own customs statistics but not the same" (each year
    with both, not the one that agrees best)."""
    pairs = economic.kotra_against_customs()
    assert list(pairs["year"]) == [2014, 2015]
    assert list(pairs["gap"].round(2)) == [0.16, 3.96]
    assert economic.kotra_customs_words(pairs) == (
        "92.34 against 92.18 million dollars in 2014 and 84.00 against 80.04 in 2015"
    )
    assert economic.kotra_customs_words(pairs.iloc[:1]) == "92.34 against 92.18 million dollars in 2014"


def test_money_estimates_not_in_dollars_are_named_for_the_caption() -> None:
    other = economic.money_not_in_dollars()
    assert list(other["unit"]) == ["krw"] and list(other["year"]) == [2025]
    assert economic.other_currency_note(other.iloc[:0]) == ""
    two = pd.DataFrame({"unit": ["krw", "rub"], "year": [2025, 2024]})
    assert economic.other_currency_note(two) == (
        " 2 estimates of the DPRK's gain, given in KRW (2025) and RUB (2024), are left out because the axis is US "
        "dollars."
    )


def test_a_unit_reaching_the_caption_is_escaped() -> None:
    hostile = pd.DataFrame({"unit": ["<script>x</script> {cite:p}`a`"], "year": [2025]})
    note = economic.other_currency_note(hostile)
    assert re.findall(r"(?<!\\)[<>{}`]", note) == []  # every markup character arrives backslash-escaped
    assert "SCRIPT" in note  # the text itself is kept, as text


def test_the_first_half_of_2024_is_one_row_for_all_purposes() -> None:
    """The chapter's "NK News counted 2,508 entries for all purposes together" in the first two quarters of 2024."""
    assert economic.entries_in("2024-01-01") == (2508, False)


def test_south_korea_was_second_in_lng_but_not_in_all_gas_imports_in_2014() -> None:
    """The article's 'second-biggest gas importer' holds for LNG only: counting pipeline gas (BP, consumption less
    production) South Korea ranked fifth, which is why the scorecard finds the statement partly accurate."""
    import russia_dprk as rd

    gas = rd.load("rok_gas").set_index("year")["net_import_rank"]
    assert gas[2014] == 5
    assert economic.korea_lng_ranks()[2014] == 2


def test_the_lng_ranks_resting_only_on_copies_are_2021_and_2024() -> None:
    assert economic.korea_lng_years_from_copies() == [2021, 2024]
