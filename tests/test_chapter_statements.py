"""Literal statements of the chapters (prose not glued from code) that the dataset can check, pinned to the data.

Each test quotes the sentence it guards and names its chapter. The values are exact: when a table gains or corrects
rows and a test fails, re-read the quoted sentence before updating the test. The U-numbers refer to the audit of
unglued claims (section 2, "Supported but UNTESTED literal claims").
"""

from __future__ import annotations

import re
from pathlib import Path

import notebook_glue
import pandas as pd
import pytest
import russia_dprk as rd
import shapely
from russia_dprk_book import audit, coverage, economic, findings, pivot
from russia_dprk_book import military as mil
from russia_dprk_book import political as pol

CLOSURE_START, REOPENING = coverage.BORDER_CLOSURE


@pytest.fixture(scope="module")
def contacts() -> pd.DataFrame:
    return rd.load("contacts")


@pytest.fixture(scope="module")
def rus_contacts() -> pd.DataFrame:
    return findings.confirmed_contacts("RUS").sort_values("start_date")


@pytest.fixture(scope="module")
def trade() -> pd.DataFrame:
    return rd.load("trade_reported")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return rd.load("military_events")


@pytest.fixture(scope="module")
def milestones() -> pd.DataFrame:
    return economic.project_milestones()


def _when(milestones: pd.DataFrame, project_id: str) -> pd.Series:
    """A project's first report of each kind of milestone, as the chapter's table prints its date."""
    return milestones[milestones["project_id"] == project_id].set_index("milestone")["when"]


def _months(dates: pd.Series) -> list[str]:
    return dates.sort_values().dt.strftime("%Y-%m").tolist()


# --- political ------------------------------------------------------------------------------------------------------


def test_shoigu_was_the_first_foreign_visitor_after_the_closure(contacts: pd.DataFrame) -> None:
    """political (U1): "until Shoigu's delegation, the first known foreign visitors, arrived on 25 July 2023"."""
    since = contacts[contacts["start_date"] >= CLOSURE_START].sort_values("start_date")
    first = since.iloc[0]
    assert (first["contact_id"], first["host_country"], first["start_date"]) == (
        "2023-07-shoigu-pyongyang",
        "PRK",
        REOPENING,
    )


def test_the_article_is_dated_as_the_registry_dates_it() -> None:
    """Every chapter: "the April 2015 article" (``coverage.ARTICLE_DATE``, typed once in the book's code)."""
    published = rd.sources().loc["marzalik-2015", "published"]
    assert coverage.ARTICLE_DATE == pd.Timestamp(published) == pd.Timestamp("2015-04-01")


def test_the_border_closure_is_dated_by_the_rows_that_record_it(contacts: pd.DataFrame) -> None:
    """political, economic: "the 2020-2023 border closure", from the DPRK's ban on foreign tourists to the first
    foreign delegation (``coverage.BORDER_CLOSURE``, typed once in the book's code)."""
    projects = rd.load("projects")
    ban = projects[(projects["project_id"] == "tourism-wonsan-kalma") & (projects["milestone"] == "suspended")]
    assert ban["date"].min() == CLOSURE_START == pd.Timestamp("2020-01-22")
    assert ban.sort_values("date")["source_id"].iloc[0] == "scmp-2020-01-22-dprk-bans-foreign-tourists"
    shoigu = contacts.set_index("contact_id").loc["2023-07-shoigu-pyongyang", "start_date"]
    assert shoigu == REOPENING == pd.Timestamp("2023-07-25")


def test_kim_jong_un_first_went_to_russia_in_april_2019_to_vladivostok(rus_contacts: pd.DataFrame) -> None:
    """political (U2): "Kim Jong Un's first trip to Russia came in April 2019, to Vladivostok"."""
    trips = rus_contacts[(rus_contacts["visitor"] == "Kim Jong Un") & (rus_contacts["host_country"] == "RUS")]
    first = trips.iloc[0]
    assert f"{first['start_date']:%Y-%m}" == "2019-04"
    assert first["place"].startswith("Vladivostok")


def test_the_later_run_began_with_shoigu_in_pyongyang_in_july_2023(rus_contacts: pd.DataFrame) -> None:
    """political (U3): "The later run began with Shoigu's visit to Pyongyang in July 2023"."""
    first = rus_contacts[rus_contacts["start_date"] >= CLOSURE_START].iloc[0]
    assert (first["visitor"], first["place"], f"{first['start_date']:%Y-%m}") == (
        "Sergei Shoigu",
        "Pyongyang",
        "2023-07",
    )


def test_the_run_since_the_reopening(rus_contacts: pd.DataFrame) -> None:
    """political (U4): "It went on through the Vostochny summit in September 2023, Putin's state visit in June 2024,
    repeated trips by the foreign ministers and Shoigu's visits as Security Council secretary, and the Duma speaker's
    in August 2025"."""
    since = rus_contacts[rus_contacts["start_date"] >= REOPENING]
    months = since.groupby("level", observed=True)["start_date"].apply(_months)
    assert months["leader"] == ["2023-09", "2024-06", "2025-09"]
    leaders = since[since["level"] == "leader"]
    leaders = leaders.set_index(leaders["start_date"].dt.strftime("%Y-%m"))
    assert "Vostochny" in leaders.loc["2023-09", "place"]
    assert (leaders.loc["2024-06", "visitor"], leaders.loc["2024-06", "host_country"]) == ("Vladimir Putin", "PRK")
    assert months["foreign_minister"] == ["2023-10", "2024-01", "2024-09", "2024-11", "2025-07", "2025-10"]
    secretary = since[since["level"] == "security_council_secretary"]
    assert set(secretary["visitor"]) == {"Sergei Shoigu"}
    assert months["security_council_secretary"] == ["2024-09", "2025-03", "2025-06", "2025-06"]
    speaker = since[since["level"] == "parliament_head"]
    assert list(zip(_months(speaker["start_date"]), speaker["visitor"], strict=True)) == [
        ("2025-08", "Vyacheslav Volodin")
    ]


def test_the_contacts_table_lacks_the_visits_the_chapter_names(contacts: pd.DataFrame) -> None:
    """political (U5): "the table lacks, for example, the trips of the DPRK's minister of external economic relations
    to Russia's Eastern Economic Forum in 2015 and 2017, the Russian co-chair's visit to Pyongyang for the economic
    commission's session of March 2018, the DPRK co-chair's visits to Russia in March 2024 and March 2025, and the
    health minister's in March 2025"."""
    rus = contacts[contacts["partner"] == "RUS"]
    month = rus["start_date"].dt.strftime("%Y-%m")
    in_russia = month[rus["host_country"] == "RUS"]
    assert not in_russia.isin(["2015-09", "2017-09", "2024-03", "2025-03"]).any()
    assert not month[rus["host_country"] == "PRK"].eq("2018-03").any()


def test_three_treaties() -> None:
    """political (U6): "The relationship has rested on three treaties."."""
    agreements = rd.load("agreements")
    treaties = agreements.loc[agreements["agreement"].str.startswith("Treaty"), "agreement_id"].unique()
    assert sorted(treaties) == ["csp-treaty-2024", "treaty-1961", "treaty-2000"]


def test_dissenting_dates_of_the_1961_treaty_end() -> None:
    """political (U8): "Gibler's alliance data end the treaty on the day of the 1995 announcement ... and a 1995 wire
    gave October 1996 as the end"."""
    dissents = pol.treaty_events("treaty-1961", dissents=True).set_index("source_id")
    gibler = dissents.loc["gibler-2009-alliances-ussr-prk"]
    assert (gibler["event"], gibler["date"]) == ("expired", pol.treaty_1961_end()["announced"])
    wire = dissents.loc["seoul-1995-09-03-treaty-revision"]
    assert (wire["event"], wire["date"], wire["date_precision"]) == ("expired", pd.Timestamp("1996-10-01"), "month")
    assert rd.load("sources").set_index("source_id").loc[wire.name, "published"].startswith("1995")


def test_the_2024_treaty_signed_in_force_and_the_2000_treaty_lapsed() -> None:
    """political (U10): "signed on 19 June 2024, restored one ... It entered into force on 4 December 2024 ... and the
    2000 treaty lapsed that day"; intro: "a 2024 treaty with a mutual-defence clause is in force"."""
    csp = pol.treaty_events("csp-treaty-2024")
    old = pol.treaty_events("treaty-2000")
    signed = csp.loc[csp["event"] == "signed", "date"]
    in_force = csp.loc[csp["event"] == "entered_into_force", "date"]
    assert signed.tolist() == [pd.Timestamp("2024-06-19")]
    assert old.loc[old["event"] == "superseded", "date"].tolist() == in_force.tolist() == [pd.Timestamp("2024-12-04")]
    assert old["date"].max() == in_force.iloc[0]  # nothing after the lapse
    assert "Article 4" in csp.loc[csp["event"] == "provision", "actor"].tolist()
    assert not csp["event"].isin(["expired", "terminated", "superseded"]).any()


def test_the_2014_2015_step_was_the_dprks() -> None:
    """political (U11): "That was the year of the article, but the step was a change in the DPRK's voting, not a
    Russian turn."."""
    moves = pol.ideal_point_moves(2014, 2015)
    assert (round(moves["PRK"], 2), round(moves["RUS"], 2)) == (1.51, 0.15)


def test_recorded_votes_are_on_ukraine_crimea_and_georgia() -> None:
    """political (U12): "on Ukraine, Crimea and the displaced people of Georgia's occupied regions"; "These votes were
    on Russia's own war and occupations"."""
    votes = pol.recorded_votes()
    # the Assembly's eleventh emergency special session (ES-11) is the session on Ukraine
    subject = votes["topic"].str.extract(r"(Ukraine|Crimea|Georgia)")[0].mask(votes["session"] == "ES-11", "Ukraine")
    assert set(subject) == {"Ukraine", "Crimea", "Georgia"}


def test_no_panel_renewal_after_the_2024_veto() -> None:
    """political (U13): "In March 2024 it vetoed alone the renewal of the Panel of Experts ... and the Panel's mandate
    ended on 30 April 2024". (The date 30 April 2024 is only in the rows' details; the lapse itself is checked.)"""
    unsc = rd.load("unsc_resolutions")
    panel = unsc[unsc["subject"] == pol.PANEL_RENEWAL]
    last_adopted = panel.loc[panel["outcome"] == "adopted", "date"].max()
    after = panel[panel["date"] > last_adopted]
    assert last_adopted == pd.Timestamp("2023-03-23")
    assert list(zip(after["date"], after["outcome"], strict=True)) == [(pd.Timestamp("2024-03-28"), "vetoed")]


def test_the_second_veto_came_while_russia_stood_accused(events: pd.DataFrame) -> None:
    """political (U14): "the second ending the sanctions Panel while Russia itself stood accused of buying the DPRK's
    ballistic missiles"."""
    second = pol.russian_vetoes(2022).iloc[1]
    assert (second["date"], second["subject"]) == (pd.Timestamp("2024-03-28"), pol.PANEL_RENEWAL)
    # the row the sentence cites: the White House statement of 9 January 2024
    cited = events[events["source_id"] == "svidomi-2024-01-09-dprk-missiles-jan6"]
    assert cited[["kind", "date"]].values.tolist() == [["statement", pd.Timestamp("2024-01-09")]]
    assert cited["actors"].str.startswith("USA").all()
    assert mil.estimates("ballistic_missiles")["as_of"].min() == pd.Timestamp("2024-02-16")
    assert cited["date"].max() < second["date"]


# --- economic -------------------------------------------------------------------------------------------------------


def test_2013_is_the_first_year_both_series_cover() -> None:
    """economic (U15): "in 2013, the first year both cover, COW puts China's share at ... and KOTRA at ..."."""
    shares = economic.trade_shares()
    cow = economic.share_series(shares, "CHN", economic.SERIES_COW).index
    kotra = economic.share_series(shares, "CHN", economic.SERIES_KOTRA).index
    assert sorted(cow.intersection(kotra)) == [2013, 2014]


def test_russian_deliveries_held_up_in_2020(trade: pd.DataFrame) -> None:
    """economic (U16): "because the DPRK's total trade fell to 863 million dollars that year while Russian deliveries
    held up" (the DPRK's imports from Russia in the ITC's mirror data, one basis for both years)."""
    itc = trade[
        (trade["partner"] == "RUS")
        & (trade["flow"] == "dprk_imports")
        & trade["reporter"].str.startswith("ITC Trade Map")
    ].set_index("year")["value_usd_millions"]
    assert itc.loc[[2019, 2020]].tolist() == [44.9, 41.95]
    world = economic.kotra_world_totals()
    assert world.loc[[2019, 2020]].tolist() == [3240.0, 863.0]
    assert (round(41.95 / 44.9, 2), round(863 / 3240, 2)) == (0.93, 0.27)


def test_2019_has_only_the_itc_figure(trade: pd.DataFrame) -> None:
    """economic (U17): "for 2019 the only figure is the International Trade Centre's mirror data"."""
    rows = trade[(trade["partner"] == "RUS") & (trade["year"] == 2019)].dropna(subset=["value_usd_millions"])
    assert set(rows["reporter"]) == {"ITC Trade Map (International Trade Centre)"}


def test_kotra_names_russia_in_no_year_after_2020(trade: pd.DataFrame) -> None:
    """economic (U18): "KOTRA names Russia among the DPRK's leading partners in no year after 2020"."""
    kotra = trade[(trade["partner"] == "RUS") & (trade["reporter"] == "KOTRA") & (trade["year"] > 2020)]
    assert sorted(kotra["year"]) == [2021, 2022, 2023, 2024]
    assert kotra["value_usd_millions"].isna().all()
    assert economic.stated_shares("RUS")["year"].max() == 2020
    assert economic.share_series(economic.trade_shares(), "RUS", economic.SERIES_KOTRA).index.max() == 2020


def test_russian_customs_stopped_publishing_in_april_2022(trade: pd.DataFrame) -> None:
    """economic (U19): "Russian customs stopped publishing country data in April 2022"; methods: "Russia stopped
    publishing trade by country in 2022"."""
    fcs = trade[(trade["partner"] == "RUS") & (trade["reporter"] == "Russian customs (FCS)")]
    assert fcs.dropna(subset=["value_usd_millions"])["year"].max() == 2021
    stopped = fcs[fcs["year"] > 2021]
    assert stopped["year"].tolist() == [2022]
    assert stopped["value_usd_millions"].isna().all()
    published = rd.load("sources").set_index("source_id").loc[stopped["source_id"], "published"]
    assert published.str[:7].tolist() == ["2022-04"]


def test_the_only_2024_figure_is_an_exporters_association_estimate(trade: pd.DataFrame) -> None:
    """economic (U20): "the only 2024 figure is an exporters' association estimate"."""
    rows = trade[(trade["partner"] == "RUS") & (trade["year"] == 2024)].dropna(subset=["value_usd_millions"])
    assert set(rows["reporter"]) == {"Russian Association of Exporters and Importers (E. Nikiforov), estimate"}
    assert rows["value_usd_millions"].unique().tolist() == [34.0]


def test_pobeda_stalled_by_february_2015_and_nothing_later(milestones: pd.DataFrame) -> None:
    """economic (U22): "The October 2014 "Pobeda" plan ... stalled by February 2015 ...; no later source in the table
    mentions it."."""
    when = _when(milestones, "pobeda-railway")
    assert (when["announced"], when["stalled"]) == ("October 2014", "27 February 2015")
    rows = rd.load("projects").query("project_id == 'pobeda-railway'")
    assert rows["date"].notna().all()
    assert rows["date"].max() == pd.Timestamp("2015-02-27")


def test_the_gas_pipeline_never_got_past_memoranda() -> None:
    """economic (U23): "The trans-Korean gas pipeline never got past memoranda"; "nothing in the projects table suggests
    it was revived"."""
    rows = rd.load("projects").query("project_id == 'gas-pipeline'").sort_values("date")
    assert set(rows["milestone"]) == {"agreement_signed", "stalled"}
    assert rows["milestone"].iloc[-1] == "stalled"


def test_khasan_rajin_rebuilt_suspended_and_stopped(milestones: pd.DataFrame) -> None:
    """economic (U24): "The Khasan–Rajin rail link, rebuilt from 2008 ..., carried trial coal shipments to South Korea
    until Seoul withdrew in March 2016, and Russian coal exports through Rajin stopped in early 2018"."""
    when = _when(milestones, "khasan-rajin")
    assert (when["construction_started"], when["suspended"], when["stalled"]) == (
        "October 2008",
        "March 2016",
        "January 2018",
    )
    latest = economic.project_latest("khasan-rajin")
    assert (latest["milestone"], latest["date"]) == ("stalled", pd.Timestamp("2018-01-01"))


def test_tumen_bridge_agreed_and_begun(milestones: pd.DataFrame) -> None:
    """economic (U25): "The Tumen road bridge, agreed in June 2024, went under construction in April 2025"."""
    when = _when(milestones, "tumen-road-bridge")
    assert (when["agreement_signed"], when["construction_started"]) == ("June 2024", "30 April 2025")


def test_russia_and_the_dprk_meet_only_at_the_tumen_mouth() -> None:
    """economic (U28): "Russia and the DPRK meet only at the mouth of the Tumen, where a single rail bridge
    crosses."."""
    places = rd.load("places")
    shared = places[places["country"].str.contains("RUS") & places["country"].str.contains("PRK")]
    drawn = shared.dropna(subset=["lat", "lon"])
    assert drawn["place_id"].tolist() == ["korea-russia-friendship-bridge"]
    assert shared.loc[shared["lat"].isna(), "place_id"].tolist() == ["tumen-road-bridge"]  # under construction
    outlines = rd.load("border_region").set_index("country")["wkt"].map(shapely.from_wkt)
    border = outlines["PRK"].boundary.intersection(outlines["RUS"].buffer(0.01))
    assert border.geom_type == "LineString"  # one stretch of border
    assert [round(value, 1) for value in border.bounds] == [130.5, 42.3, 130.7, 42.5]  # the lower Tumen to the sea
    bridge = shapely.Point(float(drawn["lon"].iloc[0]), float(drawn["lat"].iloc[0]))
    assert border.distance(bridge) < 0.01  # on the border as the coarse outlines draw it (about 1 km)


# --- military -------------------------------------------------------------------------------------------------------


def test_us_alleged_shipments_from_late_2022_and_counts_began_in_2023(events: pd.DataFrame) -> None:
    """military (U30): "(the United States alleged shipments from late 2022)"; "alleged from late 2022 and counted from
    2023"."""
    statements = mil.events_of_kind(events, "statement")
    assert statements["date"].min() == pd.Timestamp("2022-09-06")
    early = statements[statements["date"] < "2023-01-01"]
    assert early["actors"].str.startswith("USA").all()
    assert early["date"].sort_values().dt.strftime("%Y-%m-%d").tolist() == ["2022-09-06", "2022-11-02", "2022-12-22"]
    first_count = mil.estimates("artillery_ammunition").dropna(subset=["low"]).iloc[0]
    assert first_count["as_of"] == pd.Timestamp("2023-11-01")


def test_troops_from_october_2024(events: pd.DataFrame) -> None:
    """military (U31): "and from October 2024 with troops"; "and from October 2024 troops"."""
    assert mil.events_of_kind(events, "deployment")["date"].min() == pd.Timestamp("2024-10-18")
    assert mil.estimates("troops_deployed")["as_of"].min() == pd.Timestamp("2024-10-18")


def test_dates_of_the_drill_plans_agreement_and_observer_visit(events: pd.DataFrame) -> None:
    """military (U32): "Gerasimov's plan was reported at the end of January 2015, and in November 2015 the two general
    staffs signed an agreement ...", "Shoigu said in September 2023 ...", "watched Russia's Ocean-2024 naval exercise
    in September 2024 as an observer, which Gerasimov disclosed in December"."""
    plans = mil.events_of_kind(events, "drill_plan")["date"].sort_values()
    assert plans.dt.strftime("%Y-%m-%d").tolist() == ["2015-01-30", "2023-09-04"]
    assert mil.events_of_kind(events, "agreement")["date"].min() == pd.Timestamp("2015-11-12")
    observers = mil.events_of_kind(events, "exercise_observers")["date"]
    assert observers.dt.strftime("%Y-%m-%d").tolist() == ["2024-09-10"]
    disclosed = events.set_index("event_id").loc["2024-12-18-gerasimov-discloses-observer"]
    assert (disclosed["kind"], f"{disclosed['date']:%Y-%m}") == ("statement", "2024-12")


def test_the_second_wave_came_early_in_2025() -> None:
    """military (U34): "A second wave of 1,000 to 3,000 followed early in 2025"."""
    wave = mil.estimate("troops-rok-media-2025-02-27-1000-3000")
    assert (wave["as_of"], str(wave["scope"])) == (pd.Timestamp("2025-02-27"), "wave")


def test_the_nis_figures_of_november_2025() -> None:
    """military (U35): "the NIS reported in November 2025 that about 5,000 military construction troops had moved to
    Russia since September, and that about 10,000 North Korean troops were then deployed near the border"."""
    builders = mil.estimate("troops-nis-2025-11-04-5000-construction")
    stock = mil.estimate("troops-nis-2025-11-04-10000-near-border")
    assert [(row["as_of"], row["estimator"], str(row["scope"])) for row in (builders, stock)] == [
        (pd.Timestamp("2025-11-04"), "South Korea NIS", "wave"),
        (pd.Timestamp("2025-11-04"), "South Korea NIS", "stock"),
    ]


def test_what_russia_gave_in_return() -> None:
    """military (U36): "estimates describe refined oil above the UN cap, air-defence systems, help with satellite,
    missile and drone technology, and payment"."""
    estimates = rd.load("transfer_estimates")
    to_dprk = estimates[estimates["direction"] == "russia_to_dprk"]
    assert set(to_dprk["item"].astype(str)) == {"oil_refined_products", "air_defence", "technology", "money"}
    oil = to_dprk[to_dprk["item"] == "oil_refined_products"]
    un_cap_barrels = 500_000  # Security Council resolution 2397: refined petroleum, barrels a year
    assert set(oil["unit"].astype(str)) == {"barrels"}
    assert oil["low"].max() == 1_000_000 > un_cap_barrels


def test_engineers_and_builders_followed_in_2025(events: pd.DataFrame) -> None:
    """military (U37): "and from October 2024 troops ... followed in 2025 by engineers and builders"."""
    deployments = mil.events_of_kind(events, "deployment")
    named = deployments[deployments["event_id"].str.contains("sapper|builder|engineer|construction")]
    assert _months(named["date"]) == ["2025-06", "2025-08", "2025-11"]


def test_ballistic_missiles_then_guns_in_the_register() -> None:
    """military (U39): "with ballistic missiles and then guns that SIPRI records"."""
    deals = mil.register_deals([("PRK", "RUS")]).sort_values("first_delivery_year")
    assert list(zip(deals["weapon_description"], deals["first_delivery_year"], strict=True)) == [
        ("surface-to-surface missile", 2023),
        ("self-propelled gun", 2024),
    ]


def test_every_repeated_series_grew() -> None:
    """military (U40): "the figures grew as the transfers went on" (each repeated series ends higher than it
    started; that none went down is tested in test_findings_military)."""
    series = mil._cumulative_series()  # the series revised_down() and repeat_series() read
    ends = series.groupby("key")["low"].agg(["first", "last", "size"])
    repeated = ends[ends["size"] >= 2]
    assert len(repeated) == mil.repeat_series() == 6
    assert (repeated["last"] > repeated["first"]).all()


# --- scorecard ------------------------------------------------------------------------------------------------------


def test_kim_jong_uns_first_trip_abroad_went_to_china(contacts: pd.DataFrame) -> None:
    """scorecard (U41): "his first trip abroad, in March 2018, went to China, not Russia"."""
    confirmed = contacts[contacts["status"] == "confirmed"]
    abroad = confirmed[(confirmed["visitor"] == "Kim Jong Un") & (confirmed["host_country"] != "PRK")]
    first = abroad.sort_values("start_date").iloc[0]
    assert (f"{first['start_date']:%Y-%m}", first["host_country"]) == ("2018-03", "CHN")


def test_the_dprk_only_observed_a_russian_exercise_in_2024(events: pd.DataFrame) -> None:
    """scorecard (U42): "the DPRK is reported only to have observed a Russian one, in 2024"."""
    observed = mil.events_of_kind(events, "exercise_observers")
    assert observed["date"].dt.year.tolist() == [2024]
    assert observed["actors"].str.startswith("RUS").all()  # Russia's exercise, the DPRK watching


def test_pivot_contact_rates_leave_out_the_2020_2023_closure() -> None:
    """scorecard (U43): "Rates of contacts are per year the data cover, with the 2020-2023 border closure left
    out."."""
    assert (CLOSURE_START.year, REOPENING.year) == (2020, 2023)
    first, last = pivot.PERIODS["2017-2021"]
    covered = pol.contact_window(first, last)["covered_years"]
    assert covered == pytest.approx((CLOSURE_START - pd.Timestamp(f"{first}-01-01")).days / 365.25)


# --- methods --------------------------------------------------------------------------------------------------------


def test_the_fact_check_passes() -> None:
    """methods (U44): "in three passes: random rows from ten tables; ...; and, in the third pass, every row the earlier
    passes had found only partly supported" (passes 1 and 2 share one label in the audit table)."""
    checks = audit.checks()
    samples = checks[checks["pass"] == audit.PASSES[0]]
    third = checks[checks["pass"] == audit.PASSES[1]]
    assert samples["table"].nunique() == 10
    partial = samples.loc[samples["result"] == "partial", ["table", "row_key"]].astype(str)
    rechecked = third[["table", "row_key"]].astype(str)
    assert len(rechecked) == len(partial) == 48
    assert set(rechecked.itertuples(index=False)) == set(partial.itertuples(index=False))


def test_tables_built_from_reports_end_before_the_latest_report() -> None:
    """methods (U45): "the newest news report or state-media item in the registry was published on 25 February 2026,
    so the tables built from such sources cover nothing after it" (the audit table, a log of checks, is not one)."""
    tables = rd.tables()
    curated = tables[(tables["kind"] == "curated") & (tables["name"] != "audit") & (tables["data_through"] != "")]
    ends = curated["name"].map(coverage.through)
    assert ends.max() == pd.Timestamp("2026-02-24")
    assert ends.max() < coverage.latest_report()


def test_the_political_summary_and_answer_count_contacts_an_original_source_records() -> None:
    """methods: a secondary source "never alone supports ... a headline number of a chapter". The political chapter's
    summary and answer give the rates of contacts an original source records; a rate that also counts contacts known
    only from copies appears there only in a parenthesis that says so."""
    cells = notebook_glue.markdown(Path(__file__).parent.parent / "book" / "political.ipynb", generated=False)
    answer = next(cell for cell in cells if cell.startswith("## Answer"))
    for text in (cells[0], answer):
        text = " ".join(text.split())
        assert re.search(r"`firsthand_rate_\d{4}_\d{4}", text)
        for words in re.findall(r"\{glue:text\}`rate_\d{4}_\d{4}[^`]*` ([^)]*)", text):
            assert words.startswith("counting contacts known only from copies")
