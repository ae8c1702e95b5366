"""Findings of the military chapter (book/military.ipynb): every number and every statement of trend or bound it
makes, with exact values. A failure means the data changed: re-read the sentence the test names before updating."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import russia_dprk as rd
from russia_dprk_book import coverage, pivot
from russia_dprk_book import military as mil


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return rd.load("military_events")


@pytest.fixture(scope="module")
def flows() -> pd.DataFrame:
    return mil.arms_flows()


# --- Arms: "The flow reversed" -------------------------------------------------------------------------------


def test_soviet_and_russian_deliveries_to_the_dprk(flows):
    soviet = mil.flow_summary(flows, mil.TO_DPRK, last=1991)
    russian = mil.flow_summary(flows, mil.TO_DPRK, first=1992)
    assert (soviet["first"], soviet["last"]) == (1950, 1991)
    assert soviet["total"] == pytest.approx(17959.04)
    assert (russian["first"], russian["last"]) == (1992, 2010)
    assert russian["total"] == pytest.approx(1004.76)


def test_the_flow_reversed_dprk_to_russia_from_2023(flows):
    reverse = mil.flow_summary(flows, mil.TO_RUSSIA)
    assert (reverse["first"], reverse["last"], reverse["total"]) == (2023, 2024, 255.0)
    russian_last = mil.flow_summary(flows, mil.TO_DPRK, first=1992)["last"]
    # "Russia's deliveries ended in 2010; the DPRK's to Russia began in 2023": no overlap, no delivery between
    assert russian_last < reverse["first"]
    between = flows[flows["year"].between(russian_last + 1, reverse["first"] - 1)]
    assert between.empty
    assert round(100 * reverse["total"] / 1004.76) == 25
    # "had not resumed by 2024, where SIPRI's register ends"
    assert rd.data_through("arms_transfers") == "2024"
    assert flows[(flows["flow"] == mil.TO_DPRK) & (flows["year"] > 2010)].empty


def test_register_deals():
    to_russia = mil.register_deals([("PRK", "RUS")])
    assert to_russia["weapon_designation"].tolist() == ["Hwasong-11", "M-1978 170mm"]
    assert mil.last_order_year("RUS", "PRK") == 2000
    since = mil.register_deals([("RUS", "PRK"), ("PRK", "RUS")], first_order=1992)
    assert len(since) == 14


# --- Joint drills: "no source we read reports a joint exercise" ----------------------------------------------


def test_no_joint_drill_reported(events):
    assert mil.joint_drills_reported(events) == 0
    assert len(mil.events_of_kind(events, "drill_plan")) == 2
    assert len(mil.events_of_kind(events, "exercise_observers")) == 1


def test_the_events_table_starts_in_2015_as_the_chapter_says():
    """'No source we read reports a joint exercise held since 2015 ... the table does not reach back before 2015'."""
    assert rd.load("military_events")["date"].min().year == 2015


def test_joint_drill_count_can_fail():
    fake = pd.DataFrame({"kind": ["drill_plan", "joint_drill"]})
    assert mil.joint_drills_reported(fake) == 1


def test_first_acknowledgments(events):
    acks = mil.first_acknowledgments(events)
    assert acks == {"RUS": pd.Timestamp("2025-04-26"), "PRK": pd.Timestamp("2025-04-28")}


# --- Launches and nuclear tests --------------------------------------------------------------------------------


def test_cns_series_ends_april_2026():
    assert mil.cns_end() == pd.Timestamp("2026-04-30")


def test_launch_means_and_peak():
    assert mil.mean_launches(2012, 2021) == pytest.approx(12.6)
    assert mil.mean_launches(2023, 2025) == pytest.approx(82 / 3)
    # "the most in any full year of the series", before the Vostochny summit (September 2023)
    assert mil.peak_launch_year(last=2025) == (2022, 69)
    assert mil.peak_launch_year(last=2025)[0] < 2023


def test_launch_groups_exclude_space_launches():
    wide = mil.launches_by_group()
    assert wide.loc[2022].sum() == 69
    assert wide.index.min() == 1984 and wide.index.max() == 2026
    assert wide.loc[2018].sum() == 0


def test_nuclear_tests():
    assert mil.nuclear_tests_between(pd.Timestamp("1900-01-01")) == 6
    assert mil.nuclear_tests_between(coverage.ARTICLE_DATE) == 3
    assert mil.last_nuclear_test() == pd.Timestamp("2017-09-03")
    assert mil.nuclear_tests_between(pd.Timestamp("2017-09-04")) == 0


def test_test_dates_agree_with_nrdc_yearly_counts():
    """The hand-entered test dates (CTBTO, UN) and NRDC's yearly counts, two sources, give the same tests per year."""
    by_date = rd.load("nuclear_test_dates")["date"].dt.year.value_counts()
    nrdc = rd.load("nuclear_tests").query("country == 'PRK'").set_index("year")["tests"]
    assert {int(y): int(n) for y, n in by_date.items()} == {int(y): int(n) for y, n in nrdc.items()}


# --- Estimates: forms, scopes, labels ---------------------------------------------------------------------------


def test_estimate_forms():
    drawn = mil.chart_estimates().set_index("estimate_id")
    assert drawn.loc["ammo-msmt-2025-05-29-9m-2024", "form"] == "period"
    assert bool(drawn.loc["ammo-msmt-2025-05-29-9m-2024", "upper_bound"]) is True  # "as many as"
    assert drawn.loc["ammo-msmt-2025-05-29-9m-2024", "period_start"] == pd.Timestamp("2024-01-01")
    assert drawn.loc["ammo-osc-reuters-2025-04-15-4-6m", "form"] == "range"
    assert drawn.loc["ammo-nis-2023-11-01-1m", "form"] == "floor"
    assert drawn.loc["ammo-nis-2025-06-26-10m", "form"] == "count"
    assert drawn.loc["troops-russia-2025-06-17-sappers-builders", "form"] == "plan"
    assert sorted(mil.capacity_ceilings()["estimate_id"]) == [
        "ammo-dia-2025-07-13-12m",
        "ammo-rokmil-2024-08-27-6m",
        "ammo-rokmnd-2024-02-27-3m-152mm",
    ]
    # capacity ceilings are never drawn as floors
    assert set(drawn.loc[drawn["form"] == "capacity", "panel"]) == {"artillery_ammunition"}


def test_every_drawn_period_estimate_has_its_period():
    drawn = mil.chart_estimates()
    periods = drawn[drawn["form"] == "period"]
    assert sorted(periods["estimate_id"]) == ["ammo-msmt-2025-05-29-9m-2024", "troops-msmt-2025-05-29-11000"]
    assert periods["period_start"].notna().all()


def test_rates_and_shares_are_not_drawn():
    drawn = mil.chart_estimates()
    assert "ammo-western-intel-2024-10-04-3m-per-year" not in set(drawn["estimate_id"])
    assert "ammo-share-hur-2025-07-12-40pct" not in set(drawn["estimate_id"])
    assert len(drawn) == 42


def test_troop_scope_words():
    drawn = mil.chart_estimates().set_index("estimate_id")["label"]
    assert drawn["troops-usstate-2024-10-31-8000-kursk"] == "US (Blinken): in Kursk"
    assert drawn["troops-pentagon-2024-10-28-10000"] == "Pentagon: in Russia"
    assert drawn["troops-nis-2024-11-20-11000-kursk"] == "NIS: in Kursk"
    assert drawn["troops-nis-2025-04-30-total-15000"] == "NIS: sent in all"
    assert drawn["troops-nis-2025-11-04-10000-near-border"] == "NIS: near the border then"
    assert drawn["troops-msmt-2025-05-29-11000"] == "MSMT: in 2024"


def test_short_estimator():
    assert mil.short_estimator("US State Department (Secretary Blinken, 31 Oct 2024)") == "US (Blinken)"
    assert mil.short_estimator("South Korea NIS") == "NIS"
    assert mil.short_estimator("Someone new") == "Someone new"
    # the Prosecutor General and the Prosecutor General's Office are one estimator
    assert mil.short_estimator("Ukraine Prosecutor General (Kostin)") == mil.short_estimator(
        "Ukraine Prosecutor General's Office"
    )
    assert mil.estimators_count() == 31


# --- Estimates: the numbers the prose quotes ----------------------------------------------------------------


def test_what_moscow_and_pyongyang_published():
    own = mil.own_government_figures()
    assert own["estimate_id"].tolist() == [
        "troops-russia-2025-06-17-sappers-builders",
        "killed-kcna-2025-08-22-101-portraits",
        "killed-kpa-2025-12-engineers-9",
    ]
    assert own["low"].tolist() == [6000, 101, 9]
    # "none is a count of the troops who fought": a plan, a floor of portraits, one unit's dead
    assert own["scope"].astype(str).tolist() == ["planned", "total", "wave"]
    assert pd.isna(own["high"].iloc[1])
    assert mil.shoigu_split() == {"deminers": 1000, "builders": 5000}


def test_ammunition_figures():
    msmt = mil.estimate("ammo-msmt-2025-05-29-9m-2024")
    assert (msmt["low"], msmt["high"], str(msmt["scope"])) == (9_000_000, 9_000_000, "period")
    assert mil.is_upper_bound(str(msmt["note"]))
    top = mil.highest_count("artillery_ammunition")
    assert (top["estimate_id"], top["low"]) == ("ammo-nis-2025-06-26-10m", 10_000_000)
    first = mil.estimates("artillery_ammunition").dropna(subset=["low"]).iloc[0]
    assert (first["estimate_id"], first["low"]) == ("ammo-nis-2023-11-01-1m", 1_000_000)
    assert list(mil.capacity_ceilings()["low"]) == [3_000_000, 6_000_000, 12_000_000]


def test_kursk_and_russia_the_same_week(monkeypatch):
    week = mil.same_week_kursk_and_russia()
    assert (week["russia"], week["kursk"], week["days_apart"]) == (10000, 8000, 3)
    assert week["kursk"] < week["russia"]
    # an earlier Pentagon figure listed first in the file is not the one of the Kursk figure's week
    troops = mil.estimates("troops_deployed")
    pentagon = troops[troops["estimate_id"] == "troops-pentagon-2024-10-28-10000"]
    earlier = pentagon.assign(
        estimate_id="troops-pentagon-2024-10-23-3000", low=3000, high=3000, as_of=pd.Timestamp("2024-10-23")
    )
    with_earlier = pd.concat([earlier, troops], ignore_index=True)
    monkeypatch.setattr(mil, "estimates", lambda item, *rest: with_earlier)
    assert mil.same_week_kursk_and_russia() == week


def test_troop_figures_grow():
    # "No figure dated in 2024 for troops in Russia or in Kursk exceeds 12,000"
    in_2024 = mil.troop_figures_through("2024-12-31")
    assert in_2024["low"].max() == 12000
    # "the cumulative figures of April 2025 ... are 14,000 to 15,000"
    later = mil.troop_figures_from("2025-01-01")
    assert sorted(later["low"]) == [14000, 15000]
    assert set(later["as_of"].dt.strftime("%Y-%m")) == {"2025-04"}
    assert later["low"].min() > in_2024["low"].max()
    assert mil.latest(later, "South Korea NIS")["low"] == 15000


def test_no_estimator_revised_down():
    assert mil.revised_down() == []
    assert mil.repeat_series() == 6


def test_each_estimates_figure_states_the_revisions_of_its_own_panels() -> None:
    """The two figures split the four panels; each headline counts only its panels' series (2 and 4 of the 6)."""
    groups = {group: panels for group, (_, panels) in mil.ESTIMATE_FIGURES.items()}
    assert sorted(p for panels in groups.values() for p in panels) == sorted(mil.PANELS)
    assert {group: mil.repeat_series(panels) for group, panels in groups.items()} == {"supplies": 2, "losses": 4}
    assert all(mil.revised_down(panels) == [] for panels in groups.values())
    # every troop estimate is the only one of its series (estimator and scope): the headline speaks of rounds alone
    assert mil.repeat_series(["troops_deployed"]) == 0
    assert (
        mil.revision_finding("rounds or troops", groups["supplies"]) == "No estimator revised its count of rounds down"
    )
    assert mil.revision_finding("the dead or wounded", groups["losses"]) == (
        "No estimator revised its count of the dead or wounded down"
    )


def test_an_estimates_headline_names_only_panels_that_can_be_compared(monkeypatch) -> None:
    monkeypatch.setattr(mil, "repeat_series", lambda panels: 0)
    assert mil.revision_finding("rounds or troops", ["artillery_ammunition", "troops_deployed"]) == (
        "Each estimator published one count of rounds or troops: none can be compared"
    )


def test_a_revision_down_turns_the_estimates_headline(monkeypatch) -> None:
    monkeypatch.setattr(mil, "revised_down", lambda panels: [("troops_killed", "NIS", "")])
    assert mil.revision_finding("the dead or wounded", ("troops_killed", "troop_casualties")) == (
        "1 of 4 estimators' counts of the dead or wounded were revised down"
    )


def test_each_estimates_figure_draws_only_its_panels_and_their_forms() -> None:
    for group, (_, panels) in mil.ESTIMATE_FIGURES.items():
        fig, drawn = mil.estimates_figure(group)
        assert set(drawn["panel"]) == set(panels), group
        legend = [text.get_text() for text in fig.legends[0].get_texts()]
        assert legend == [mil.FORM_LABELS[f] for f in mil.FORMS if f in set(drawn["form"])], group
        plt.close(fig)
    assert mil.forms_sentence(drawn) == (
        "A dot is a count ('about'); an open triangle with an upward arrow a floor ('at least', 'more than')."
    )


def test_only_the_estimates_that_say_so_tie_air_defence_to_the_troops():
    """military: "2 estimates by others say Russia sent air-defence systems to Pyongyang from November 2024; 1 of them
    (South Korea National Security Office ...) says they were sent in return for the troops"."""
    sent = mil.air_defence_to_dprk()
    assert len(sent) == 2 and sent["as_of"].min() == pd.Timestamp("2024-11-22")
    for_troops = mil.air_defence_for_troops()
    assert list(for_troops["estimate_id"]) == ["airdef-rok-nsa-2024-11-22-antiair"]
    assert list(for_troops["estimator"]) == ["South Korea National Security Office (Shin Won-sik)"]


def test_losses():
    killed = mil.estimates("troops_killed")
    nis = killed[killed["estimator"] == "South Korea NIS"]
    assert nis["low"].tolist() == [100, 300, 600, 2000]
    assert nis["low"].is_monotonic_increasing
    ukmod = mil.latest(mil.estimates("troop_casualties"), "UK Ministry of Defence")
    assert (ukmod["low"], ukmod["as_of"]) == (6000, pd.Timestamp("2025-06-15"))


def test_headline_sources_are_not_secondary():
    ids = [
        "kbs-2025-05-29-msmt-first-report",
        "joongang-2024-11-22-shin-antiair-missiles",
        "kbs-2025-04-30-nis-600-dead-15000",
        "standard-2025-09-02-afp-nis-2000-killed",
        "sipri-arms-register-2025",
    ]
    assert ids and "secondary" not in set(mil.tiers(ids).values())
    assert mil.estimate("troops-nis-2024-11-20-11000-kursk")["source_id"] == ids[1]
    assert mil.estimate("killed-nis-2025-09-02-2000")["source_id"] == ids[3]


def test_pivot_only_from_2022():
    verdicts = pivot.verdicts("military")
    assert verdicts.loc[verdicts["pivot"], "period"].tolist() == ["2022 on"]


# --- The prose cites, for each estimate it quotes, the row's own source -------------------------------------

PROSE_CITATIONS = {
    "ammo-nis-2023-11-01-1m": "news1-2023-11-01-nis-1m-shells",
    "ammo-rokmnd-2024-02-27-3m-152mm": "rbcua-2024-02-27-shin-6700-containers",
    "ammo-rokmil-2024-08-27-6m": "koreaherald-2024-08-27-dia-13000-containers",
    "ammo-dia-2025-07-13-12m": "kookbang-2025-07-14-dia-28000-containers",
    "ammo-msmt-2025-05-29-9m-2024": "kbs-2025-05-29-msmt-first-report",
    "ammo-nis-2025-06-26-10m": "joongang-2025-06-26-nis-july-august-deployment",
    "ammo-western-intel-2024-10-04-3m-per-year": "kyivindependent-2024-10-05-times-half-shells",
    "troops-pentagon-2024-10-28-10000": "lbc-2024-10-28-pentagon-10000",
    "troops-usstate-2024-10-31-8000-kursk": "kbs-2024-11-01-blinken-8000-kursk",
    "troops-nis-2024-11-20-11000-kursk": "joongang-2024-11-22-shin-antiair-missiles",
    "troops-rok-media-2025-02-27-1000-3000": "kbs-2025-02-28-additional-nk-soldiers",
    "troops-ukraine-officials-2025-04-15-14000": "kbsnews-2025-04-16-reuters-osc-16000",
    "troops-nis-2025-04-30-total-15000": "kbs-2025-04-30-nis-600-dead-15000",
    "troops-nis-2025-11-04-5000-construction": "euromaidanpress-2025-11-04-5000-construction-troops",
    "troops-nis-2025-11-04-10000-near-border": "euromaidanpress-2025-11-04-5000-construction-troops",
    "troops-russia-2025-06-17-sappers-builders": "koreaherald-2025-06-17-6000-workers-kursk",
    "killed-kcna-2025-08-22-101-portraits": "koreaherald-2025-08-22-101-portraits",
    "killed-kpa-2025-12-engineers-9": "koreaherald-2025-12-13-engineers-return",
    "killed-nis-2024-12-19-100": "kbsnews-2024-12-20-nis-100-killed",
    "killed-nis-2025-09-02-2000": "standard-2025-09-02-afp-nis-2000-killed",
    "casualties-ukmod-2025-06-15-6000": "koreadailyus-2025-06-15-ukmod-6000",
}


def test_prose_cites_each_rows_source():
    frame = rd.load("transfer_estimates").set_index("estimate_id")["source_id"]
    assert {key: frame[key] for key in PROSE_CITATIONS} == PROSE_CITATIONS


def test_every_citation_in_the_chapter_is_registered():
    import json
    import re
    from pathlib import Path

    notebook = json.loads((Path(__file__).parent.parent / "book" / "military.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(cell["source"]) for cell in notebook["cells"])
    keys = {key.strip() for match in re.findall(r"\{cite:[tp]\}`([^`]+)`", text) for key in match.split(",")}
    registered = set(rd.sources()["source_id"]) if "source_id" in rd.sources().columns else set(rd.sources().index)
    assert keys - registered == set()
    tiers = mil.tiers(sorted(keys))
    assert [key for key, tier in tiers.items() if tier == "secondary"] == []


# --- alt texts: computed from the frame plotted -----------------------------------------------------------------


def test_arms_alt_splits_soviet_from_russian_deliveries_and_names_the_reverse_flow() -> None:
    flows = pd.DataFrame(
        [
            (mil.TO_DPRK, 1970, 500.0),
            (mil.TO_DPRK, 1971, 1447.0),
            (mil.TO_DPRK, 1992, 171.0),
            (mil.TO_DPRK, 2010, 2.0),
            (mil.TO_RUSSIA, 2023, 125.0),
            (mil.TO_RUSSIA, 2024, 130.0),
        ],
        columns=["flow", "year", "tiv_millions"],
    )
    assert mil.arms_alt(flows) == (
        "Bar chart 1970-2024: Soviet deliveries to the DPRK reach 1,400 million TIV in 1971 and average 970 million "
        "over 2 years with deliveries; Russia's from 1992 peak at 170 million in 1992 and stop after 2010. After a "
        "gap, bars below the axis show the DPRK delivering to Russia: 125 million in 2023 and 130 million in 2024."
    )


def test_estimates_alt_counts_each_panel_and_takes_a_range_by_its_upper_end() -> None:
    drawn = pd.DataFrame(
        [
            ("artillery_ammunition", "2023-11-01", 1e6, None, "floor"),
            ("artillery_ammunition", "2025-04-15", 4e6, 6e6, "range"),
            ("troops_killed", "2024-12-19", 100.0, None, "capacity"),
        ],
        columns=["panel", "as_of", "low", "high", "form"],
    ).assign(as_of=lambda f: pd.to_datetime(f["as_of"]))
    assert mil.estimates_alt(drawn) == (
        "2 panels on one time axis from November 2023 to April 2025, each estimate a mark by its form (range, "
        "floor or ceiling). Artillery rounds: 2 estimates from November 2023 to April 2025, "
        "from 1 million to 6 million. Killed: 1 estimate in December 2024, of 100."
    )


def test_launches_alt_reads_the_series_and_the_tests() -> None:
    _, launches = mil.launches_figure()
    totals = launches.set_index("year")[list(mil.GROUP_COLORS)].sum(axis=1)
    text = mil.launches_alt(launches)
    full = totals[totals.index < mil.cns_end().year]
    assert f"peaking at {int(full.max())} in {full.idxmax()}" in text
    assert f"All {len(rd.load('nuclear_test_dates'))} nuclear tests" in text


def test_mostly_unidentified_years_are_those_with_more_than_half_unknown() -> None:
    wide = mil.launches_by_group()
    share = wide["Other and unknown"] / wide.sum(axis=1)
    assert mil.mostly_unidentified_years() == [int(y) for y in share[share > 0.5].index] == [1986, 2022, 2025]


def test_a_missile_class_without_a_group_is_refused_not_dropped_from_the_chart(monkeypatch) -> None:
    monkeypatch.setattr(mil, "LAUNCH_GROUPS", {k: v for k, v in mil.LAUNCH_GROUPS.items() if k != "ICBM"})
    with pytest.raises(ValueError, match=r"missile classes \['ICBM'\] have no group"):
        mil.launches_by_group()


def test_the_estimates_captions_name_every_estimate_they_do_not_draw() -> None:
    """ "Every estimate that gives a figure": the rows of the figures' items left undrawn are exactly those without
    one, and the caption names each by its estimator."""
    estimates = rd.load("transfer_estimates")
    for group, (_, items) in mil.ESTIMATE_FIGURES.items():
        rows = estimates[(estimates["direction"] == "dprk_to_russia") & estimates["item"].astype(str).isin(items)]
        rows = rows[(rows["item"] != "artillery_ammunition") | (rows["unit"].astype(str) == "rounds")]  # not rates
        drawn = set(mil.chart_estimates().query("panel in @items")["estimate_id"])
        undrawn = rows[~rows["estimate_id"].isin(drawn)]
        assert undrawn["low"].isna().all(), f"{group}: drawn nowhere though it gives a figure"
        sentence = mil.unfigured_sentence(group)
        assert all(str(name) in sentence for name in undrawn["estimator"])
        assert bool(sentence) == (not undrawn.empty)


def test_the_reverse_share_would_about_double_on_sipri_s_2022_files() -> None:
    """The chapter: SIPRI's 2022 files put Russia's 1992-2021 deliveries at less than half the register's, which
    would about double the reverse flow's share; the figures are the ones the table's exceptions state."""
    import json

    from russia_dprk.paths import DATA_DIR

    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    text = " ".join(next(r for r in package["resources"] if r["name"] == "arms_transfers")["x-exceptions"])
    new, old = (float(v.replace(",", "")) for v in re.search(r"RUS->PRK \(([\d,]+) against ([\d,]+)\)", text).groups())
    assert old < new / 2
    assert 1.8 <= new / old <= 2.3
