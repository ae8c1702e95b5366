"""The shared findings the chapters quote: exact values, so a change in the data shows up here first."""

from __future__ import annotations

import pytest
import russia_dprk as rd
from russia_dprk_book import findings


def test_mean_agreement_in_the_general_assembly() -> None:
    assert findings.mean_agreement("RUS", "PRK", 1991, 2013) == pytest.approx(0.6028, abs=5e-5)
    assert findings.mean_agreement("RUS", "PRK", 2014, 2019) == pytest.approx(0.7066, abs=5e-5)
    assert findings.mean_agreement("CHN", "PRK", 2014, 2019) == pytest.approx(0.8062, abs=5e-5)


def test_confirmed_contacts_leave_out_unverified_rows() -> None:
    contacts = rd.load("contacts")
    russia = findings.confirmed_contacts("RUS")
    assert (russia["status"] == "confirmed").all() and (russia["partner"] == "RUS").all()
    assert len(russia) == 56
    assert len(findings.confirmed_contacts("CHN")) == 6
    assert len(russia) < int((contacts["partner"] == "RUS").sum())


def test_contact_counts_by_span_and_level() -> None:
    assert findings.count_contacts("RUS", 2023, 2025) == 26
    assert findings.count_contacts("RUS", 2018, 2026, ["leader"]) == 4
    assert findings.count_contacts("RUS", 2020, 2022) == 0


def test_cow_shares_of_the_dprks_trade_in_2014() -> None:
    shares = findings.cow_shares().set_index(["partner", "year"])["share"]
    assert len(shares) == 46
    assert shares[("RUS", 2014)] == pytest.approx(1.179, abs=5e-4)
    assert shares[("CHN", 2014)] == pytest.approx(79.302, abs=5e-4)


def test_launches_per_year_count_missiles_not_space_launches_and_show_quiet_years_as_zero() -> None:
    launches = findings.launches_per_year(2012, 2025)
    assert list(launches.index) == list(range(2012, 2026))
    assert int(launches.idxmax()) == 2022 and int(launches.max()) == 69


def test_latest_report_is_the_newest_dated_news_or_state_media_source() -> None:
    # methods: "the newest news report or state-media item the project could read was published on 25 February 2026"
    import pandas as pd
    from russia_dprk_book import coverage

    assert coverage.latest_report() == pd.Timestamp("2026-02-25")
    # the scorecard's second axis ("borne out by February 2026") speaks for no month after the newest report
    assert coverage.judged_by() == "February 2026"
    # a data set released later (CNS's missile tests, April 2026) is not a report of events
    assert rd.sources().loc["cns-missiles-2026", "published"] == "2026-04"
