"""The political chapter's numbers and trend statements, pinned to the data (book/russia_dprk_book/political.py).

Each test names the sentence of book/political.ipynb it guards. Exact values: when a curated table gains or
corrects rows, the failing test says which sentence to re-read.
"""

from __future__ import annotations

import pandas as pd
import pytest
import russia_dprk as rd
from russia_dprk_book import political as pol

# --- contacts ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def windows() -> pd.DataFrame:
    return pol.contact_windows().set_index("window")


def test_contact_windows_exact(windows: pd.DataFrame) -> None:
    # "In 2014-2015 the table holds 8 confirmed contacts, 4.0 a year ..."
    assert windows["contacts"].to_dict() == {
        "2012-2013": 1,
        "2014-2015": 8,
        "2016-2017": 1,
        "2018-2019": 10,
        "2023-2025": 26,
    }
    assert windows["rate"].to_dict() == {
        "2012-2013": 0.5,
        "2014-2015": 4.0,
        "2016-2017": 0.5,
        "2018-2019": 5.0,
        "2023-2025": 11.4,
    }
    assert windows.loc["2014-2015", "ministerial_rate"] == 2.0
    assert windows.loc["2023-2025", "ministerial_rate"] == 7.4
    # headline numbers: contacts from non-secondary sources, at all levels and at minister level or higher
    assert windows.loc["2014-2015", "first_hand_rate"] == 3.0
    assert windows.loc["2023-2025", "first_hand_rate"] == 11.4
    assert windows.loc["2014-2015", "ministerial_first_hand"] == 3
    assert windows.loc["2014-2015", "ministerial_first_hand_rate"] == 1.5
    assert windows.loc["2023-2025", "ministerial_first_hand_rate"] == 7.4


def test_rates_use_covered_time_only(windows: pd.DataFrame) -> None:
    # the 2023-2025 window runs from the reopening (25 July 2023) to the last row (5 November 2025): 835 days
    assert windows.loc["2023-2025", "covered_years"] == round(835 / 365.25, 2) == 2.29
    assert windows.loc["2014-2015", "covered_years"] == 2.0
    window = pol.contact_window(2023, 2025)
    assert window["rate"] == pytest.approx(26 / window["covered_years"])


def test_after_the_article_contacts_fell_back(windows: pd.DataFrame) -> None:
    # "In the two years after the article it holds 1 (0.5 a year), no more than in 2012-2013"
    assert windows.loc["2016-2017", "rate"] < windows.loc["2014-2015", "rate"]
    assert windows.loc["2016-2017", "rate"] <= windows.loc["2012-2013", "rate"]


def test_densest_window_is_after_the_reopening(windows: pd.DataFrame) -> None:
    # "The densest window is 2023-2025 ... 2.9 times the 2014-2015 rate", as the page formats the ratio of the
    # rates it prints (11.4 and 4.0)
    assert pol.densest_window() == "2023-2025"
    assert f"{windows.loc['2023-2025', 'rate'] / windows.loc['2014-2015', 'rate']:.1f}" == "2.9"


def test_coverage_of_contacts() -> None:
    # "It records 0 contacts in 2026"; "The table holds 0 contacts in that span"
    assert pol.contacts_in_year(2026) == 0
    assert pol.contacts_during_closure() == 0
    assert pol.through("contacts") == pd.Timestamp("2025-11-05")


def test_window_rate_can_fail_when_a_contact_is_added(monkeypatch) -> None:
    frame = pol.findings.confirmed_contacts("RUS")
    extra = frame.iloc[[0]].assign(start_date=pd.Timestamp("2016-06-01"), level="leader")
    monkeypatch.setattr(pol.findings, "confirmed_contacts", lambda partner="RUS": pd.concat([frame, extra]))
    assert pol.contact_window(2016, 2017)["contacts"] == 2


def test_leader_meetings() -> None:
    # "4 leader-level meetings with Russia since 2018 and 6 with China ... 5 in 2018-2019 ... 0 from 2020 to 2024"
    assert len(pol.leader_meetings("RUS", 2018, 2026)) == 4
    assert len(pol.leader_meetings("CHN", 2018, 2026)) == 6
    assert len(pol.leader_meetings("CHN", 2018, 2019)) == 5
    assert len(pol.leader_meetings("CHN", 2020, 2024)) == 0
    assert pol.leader_meetings("CHN", 2025, 2025).iloc[0] == pd.Timestamp("2025-09-02")


# --- UN General Assembly: ideal points ---------------------------------------------------------------------------


def test_distance_values() -> None:
    # "fell from 2.03 in 2014 to 0.67 in 2015 and 0.38 in 2017"; "in 2024 China's distance 0.06 and Russia's 0.20"
    assert round(pol.distance_in("RUS", "PRK", 2014), 2) == 2.03
    assert round(pol.distance_in("RUS", "PRK", 2015), 2) == 0.67
    assert round(pol.distance_in("RUS", "PRK", 2017), 2) == 0.38
    assert round(pol.distance_in("RUS", "PRK", 2024), 2) == 0.20
    assert round(pol.distance_in("CHN", "PRK", 2014), 2) == 1.22
    assert round(pol.distance_in("CHN", "PRK", 2017), 2) == 0.02
    assert round(pol.distance_in("CHN", "PRK", 2024), 2) == 0.06


def test_distance_bounds_are_conservative() -> None:
    frame = pol.ideal_distance("RUS", "PRK").set_index("year")
    assert (frame["low"] <= frame["distance"]).all() and (frame["distance"] <= frame["high"]).all()
    assert round(frame.loc[2014, "low"], 2) == 1.53 and round(frame.loc[2017, "high"], 2) == 0.72
    assert frame.loc[2024, "low"] == 0


def test_convergence_came_in_2014_2017() -> None:
    # "the largest three-year fall in the series (2014-2017, by 1.65); the bounds for 2014 and 2017 do not overlap"
    start, end, fall = pol.biggest_fall("RUS", "PRK", 1991, 2024)
    assert (start, end, round(fall, 2)) == (2014, 2017, 1.65)
    assert pol.distance_fell_clearly("RUS", "PRK", 2014, 2017)
    assert not pol.distance_fell_clearly("RUS", "PRK", 2021, 2024)


def test_the_dprk_moved_not_russia() -> None:
    # "From 2014 to 2017 the DPRK's point rose by 1.73 and Russia's by 0.09"
    moves = pol.ideal_point_moves(2014, 2017)
    assert round(moves["PRK"], 2) == 1.73
    assert round(moves["RUS"], 2) == 0.09
    assert abs(moves["PRK"]) > 10 * abs(moves["RUS"])


def test_no_convergence_after_2022() -> None:
    # "From 2021 to 2024 the distance stayed between 0.19 and 0.29, and its bounds overlap in every year"
    assert pol.distance_flat("RUS", "PRK", 2021, 2024)
    assert pol.distance_flat("RUS", "PRK", 2017, 2024)
    assert not pol.distance_flat("RUS", "PRK", 2013, 2015)
    late = pol.ideal_distance("RUS", "PRK").set_index("year").loc[2021:2024, "distance"]
    assert (round(late.min(), 2), round(late.max(), 2)) == (0.19, 0.29)


def test_2022_shift_was_shared() -> None:
    # "In 2022 the estimates of China, the DPRK and Russia all moved down by more than their intervals"
    assert pol.shifted_beyond_intervals(2021, 2022) == ["CHN", "PRK", "RUS"]
    assert pol.country_names(pol.shifted_beyond_intervals(2021, 2022)) == "China, the DPRK and Russia"
    shift = pol.ideal_point_moves(2021, 2022)
    assert (round(-shift["RUS"], 2), round(-shift["PRK"], 2), round(-shift["CHN"], 2)) == (0.78, 0.70, 0.97)
    assert (shift[["RUS", "PRK", "CHN"]] < 0).all()


def test_china_closer_than_russia() -> None:
    # "China's point was closer to the DPRK's than Russia's in 33 of the 34 years from 1991 to 2024"
    assert pol.years_china_closer(1991, 2024) == 33
    # "the exception is 2022"
    assert pol.years_russia_closer(1991, 2024) == [2022]
    assert pol.years_china_closer(2022, 2024) == 2
    # "In 2024 China's distance was 0.06 and Russia's 0.20, with overlapping bands" (the last year estimated)
    assert rd.data_through("unga_ideal_points") == "2024"
    assert not pol.bands_apart(2024)
    assert pol.bands_apart(pol.years_china_clearly_closer(1991, 2024)[0])


# --- UN General Assembly: recorded votes since 2020 --------------------------------------------------------------


def test_recorded_votes_one_row_per_vote() -> None:
    votes = pol.recorded_votes()
    assert len(votes) == 23
    assert not votes.duplicated(["resolution", "date"]).any()
    # two sources disagree on China's vote on the Georgia text of June 2024
    georgia = votes[votes["date"] == pd.Timestamp("2024-06-04")].iloc[0]
    assert georgia["china"] == "disputed" and georgia["sources"] == 2


def test_russia_and_dprk_voted_alike() -> None:
    # "both reported for 16 of these votes, and they voted alike on all of them. China voted against on 5 ..."
    match = pol.russia_dprk_vote_match()
    assert match == {
        "votes": 23,
        "committee": 2,
        "both_recorded": 16,
        "alike": 16,
        "both_no": 16,
        "china_no": 5,
        "china_abstain": 8,
        "china_disputed": 1,
        "china_not_recorded": 2,
        "first_year": 2020,
        "last_year": 2026,
    }
    assert pol.all_or_count(match["alike"], match["both_recorded"]) == "all"
    # "the sources give the USA's vote on 4 of the 23 votes, and it voted as Russia did on 1 of those"
    assert pol.usa_recorded() == 4
    usa = pol.usa_with_russia()
    assert usa["resolution"].tolist() == ["A/RES/ES-11/7"]
    assert pol.months_of(usa["date"]) == "February 2025"


def test_recorded_votes_coverage() -> None:
    # "from 2020 to 24 February 2026"; "Of the votes in the table, 1 took place in 2026"
    assert pol.recorded_votes_through() == pd.Timestamp("2026-02-24")
    assert pol.votes_in_year(2026) == 1
    rows = pol.recorded_vote_rows()
    assert set(rows["date_precision"]) == {"day", "month", "year"}
    assert rows.loc[rows["date_precision"] == "year", "date"].dt.strftime("%m-%d").eq("01-01").all()


def test_hr_resolution_never_voted() -> None:
    # "adopted without a vote in all of the 12 decisions found from 2020 to 2025"
    assert pol.hr_votes_summary() == {"decisions": 12, "without_vote": 12, "first_year": 2020, "last_year": 2025}


# --- Security Council ----------------------------------------------------------------------------------------------


def test_russia_backed_the_2016_2017_sanctions() -> None:
    # "the Council adopted 6 new sanctions resolutions ... Russia voted for all, and all passed 15-0"
    after = pol.sanctions_after_article()
    assert [doc.split()[0] for doc in after["document"]] == [
        "S/RES/2270",
        "S/RES/2321",
        "S/RES/2356",
        "S/RES/2371",
        "S/RES/2375",
        "S/RES/2397",
    ]
    assert (after["russia_vote"] == "yes").all()
    assert (after["votes_for"] == 15).all()
    assert pol.last_new_sanctions() == pd.Timestamp("2017-12-22")
    # "from resolution 2270 in March 2016 to resolution 2397 in December 2017"
    assert [pol.resolution_words(after.iloc[i]) for i in (0, -1)] == [
        "resolution 2270 in March 2016",
        "resolution 2397 in December 2017",
    ]


def test_panel_renewals() -> None:
    # "Russia also voted for all of the 12 renewals ... from 2010 to 2023 (no renewal for 2013 or 2017). The last of
    # them came in March 2023"
    panel = pol.panel_renewals()
    assert panel == {
        "renewals": 12,
        "russia_yes": 12,
        "first_year": 2010,
        "last_year": 2023,
        "last_month": "March 2023",
        "missing_years": [2013, 2017],
    }
    assert pol.year_list(panel["missing_years"]) == "2013 or 2017"


def test_vetoes() -> None:
    # "2 vetoes"; "The veto list holds 0 Russian vetoes on Korea before 2022"
    vetoes = pol.russian_vetoes(2022)
    assert vetoes["date"].tolist() == [pd.Timestamp("2022-05-26"), pd.Timestamp("2024-03-28")]
    assert vetoes["china_vote"].tolist() == ["no", "abstain"]
    assert pol.russian_vetoes_before(2022) == 0


def test_the_turn_came_in_the_year_of_the_first_russian_veto() -> None:
    """ "The turn came in 2022. Russia cast 2 vetoes for Pyongyang ...": the turn is the first year of the first period
    whose political pivot indicators are met, and the first of those vetoes falls in it, not after it."""
    assert pol.turn_year() == 2022
    assert pol.russian_vetoes(pol.turn_year())["date"].min().year == pol.turn_year()


def test_soviet_vetoes_by_subject() -> None:
    # "7 Soviet vetoes ... 1 of them, in 1983, on KAL 007 ... the other 6 date from 1949 to 1958: 3 ... and 3 ..."
    soviet = pol.soviet_vetoes_by_subject()
    assert soviet.to_dict() == {"kal_007_shootdown": 1, "korean_war": 3, "rok_un_membership": 3}
    assert pol.last_soviet_veto_year() == 1958
    assert pol.last_soviet_veto_year(exclude=()) == 1983
    assert pol.veto_casters("CHN;RUS") == "China, Russia"


# --- the 1961 treaty ---------------------------------------------------------------------------------------------


def test_treaty_1961_sequence() -> None:
    # "Russia sent that notice on 7 August 1995 ... announced on 7 September 1995 ... lapsed on 10 September 1996"
    end = pol.treaty_1961_end()
    assert end == {
        "notified": pd.Timestamp("1995-08-07"),
        "announced": pd.Timestamp("1995-09-07"),
        "expired": pd.Timestamp("1996-09-10"),
    }


def test_treaty_1961_dissents_kept_apart() -> None:
    # "4 sources depart from this sequence in part"
    dissents = pol.treaty_events("treaty-1961", dissents=True)
    assert sorted(dissents["source_id"]) == [
        "gibler-2009-alliances-ussr-prk",
        "meduza-2024-06-20-article4-1961",
        "seoul-1995-09-03-treaty-revision",
        "ssoar-1996-fritsche-no-denunciation",
    ]
    record = pol.treaty_events("treaty-1961")
    assert not record["detail"].fillna("").str.startswith("DISSENTS").any()


def test_year_only_dates_show_as_years() -> None:
    from russia_dprk_book.editorial import format_date

    dissents = pol.treaty_events("treaty-1961", dissents=True)
    meduza = dissents[dissents["source_id"] == "meduza-2024-06-20-article4-1961"].iloc[0]
    assert format_date(meduza["date"], str(meduza["date_precision"])) == "1996"


# --- the pivot indicators and prose helpers -----------------------------------------------------------------------


def test_pivot_only_from_2022() -> None:
    # "A majority of them is met only in 2022 on"
    assert pol.pivot_periods() == ["2022 on"]


def test_words() -> None:
    assert pol.join_words(["a"]) == "a"
    assert pol.join_words(["a", "b", "c"]) == "a, b and c"
    assert pol.year_list([]) == "no year"
    assert pol.all_or_count(5, 6) == "5"


def test_bounds_cannot_tell_later_years_from_2015() -> None:
    # "The bounds overlap in every year from 2015 on"
    assert pol.flat_since("RUS", "PRK", 2014, 2024) == 2015


def test_most_of_the_fall_came_in_2015() -> None:
    # "83% of the fall from 2014 to 2017 came in one step, from 2014 to 2015"
    assert round(pol.share_of_fall("RUS", "PRK", 2014, 2015, 2017), 2) == 0.83


# --- alt texts: computed from the frame plotted -----------------------------------------------------------------


def test_distance_alt_reads_every_number_from_the_distances() -> None:
    years = [2013, 2014, 2015, 2016, 2017]
    distances = pd.DataFrame(
        {
            "year": years * 2,
            "pair": ["RUS-PRK"] * 5 + ["CHN-PRK"] * 5,
            "distance": [2.05, 1.5, 0.67, 0.9, 0.38, 1.53, 1.6, 0.26, 0.22, 0.02],
            "low": [1.9, 1.3, 0.5, 0.7, 0.2, 1.3, 1.4, 0.1, 0.1, 0.0],
            "high": [2.2, 1.7, 0.8, 1.1, 0.5, 1.8, 1.8, 0.4, 0.6, 0.1],
        }
    )
    assert pol.distance_alt(distances) == (
        "Line chart, 2013-2017: the Russia-DPRK distance lies between 1.5 and 2.0 before 2015 (highest in 2013), "
        "drops to 0.7 in 2015 and lies between 0.4 and 2.0 in 2013-2017, with wide, overlapping bands. The "
        "China-DPRK distance is below Russia's in 4 of 5 years, its whole band below Russia's band in 4."
    )


def test_contacts_alt_counts_what_the_windows_table_counts() -> None:
    shown = pol.findings.confirmed_contacts("RUS")
    shown = shown[shown["start_date"] >= pd.Timestamp("2000-01-01")]
    text = pol.contacts_alt(shown)
    for row in pol.contact_windows().itertuples():
        assert f"{row.contacts} in {row.window} ({row.ministerial} minister or higher)" in text
    assert f"{pol.contacts_during_closure()} during the" in text
    assert text.endswith(f"the data end on {pol.through('contacts').day} {pol.through('contacts'):%B %Y}.")


def test_vetoes_in_the_un_veto_list_agree_with_the_recorded_votes():
    """Two sources, one check: every veto the UN's list (derived) records within the span of the hand-entered
    Security Council votes is there as a vetoed draft of the same date, with each vetoing member voting no."""
    votes = rd.load("unsc_resolutions").set_index("document")
    vetoes = rd.load("unsc_vetoes_korea")
    listed = vetoes[vetoes["date"] >= votes["date"].min()]
    assert len(listed) == 1  # S/2022/431; the list ends in 2022
    vote_of = {"RUS": "russia_vote", "CHN": "china_vote"}
    for veto in listed.itertuples():
        row = votes.loc[veto.draft]
        assert (row["outcome"], row["date"]) == ("vetoed", veto.date)
        assert all(row[vote_of[code]] == "no" for code in veto.vetoed_by.split(";"))


def test_the_contacts_title_names_the_peak_year_of_senior_contacts() -> None:
    from russia_dprk_book import findings

    contacts = findings.confirmed_contacts("RUS")
    assert pol.contacts_title(contacts) == ("Minister-level contacts peaked in 2025, 10 years after the article")
    senior = contacts[contacts["level"].isin(pol.MINISTERIAL)]["start_date"].dt.year.value_counts()
    assert senior.max() == senior[2025] and (senior == senior.max()).sum() == 1
    assert senior.get(2016, 0) + senior.get(2017, 0) < senior[2025]


def test_voting_agreement_shows_no_step_at_the_article_once_the_1990s_are_set_aside() -> None:
    """The chapter: the 1991-2013 mean is pulled down by the 1990s; from 2000 to 2013 agreement was already close to
    its 2014-2019 level, so agreement shows no step at the article."""
    from russia_dprk_book import findings

    nineties = findings.mean_agreement("RUS", "PRK", 1991, 1999)
    before = findings.mean_agreement("RUS", "PRK", 2000, 2013)
    after = findings.mean_agreement("RUS", "PRK", 2014, 2019)
    assert nineties < before - 0.15
    assert abs(after - before) < 0.03


def test_the_bands_tell_china_s_distance_from_russia_s_only_in_the_1990s() -> None:
    assert pol.years_china_clearly_closer(1991, 2024) == [1992, 1993, 1994, 1995, 1996, 1997]
    assert pol.years_china_closer(1991, 2024) == 33
