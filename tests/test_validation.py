"""The bad-input suite: each class of broken input is refused with file, physical line, field and rule named,
by ``validate`` and by ``load`` alike, and never with a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
import russia_dprk.catalog as catalog
from csv_rows import read_rows, rewrite
from russia_dprk.cli import MAX_PER_FILE
from russia_dprk.errors import TableError
from russia_dprk.paths import DATA_DIR as CHECKOUT_DATA
from russia_dprk.validation import future_problems, parse_cell, partial_start, validate


def set_cell(table: str, row: int, column: str, value: str):
    def change(rows: list[list[str]]) -> None:
        rows[row][rows[0].index(column)] = value

    return table, change


def set_cells(table: str, row: int, values: dict[str, str]):
    """Like :func:`set_cell`, for several cells of one row changed together (a count moved between columns)."""

    def change(rows: list[list[str]]) -> None:
        for column, value in values.items():
            rows[row][rows[0].index(column)] = value

    return table, change


def _high_of_planned_typed_tenfold(rows: list[list[str]]) -> None:
    """The planned 12,000 troops of October 2024 with its high end typed 120,000 (its id carries 12000)."""
    key, high = rows[0].index("estimate_id"), rows[0].index("high")
    row = next(r for r in rows if r[key] == "troops-nis-2024-10-18-planned-12000")
    row[high] = "120000"


def _note_source_mistyped(rows: list[list[str]]) -> None:
    """The source a vote's note relies on for China's abstention, named with a day mistyped in its id."""
    note = rows[0].index("note")
    rows[4][note] = rows[4][note].replace("interfax-ua-2022-10-13-es11-4", "interfax-ua-2022-10-31-es11-4")


def _place_entered_twice(rows: list[list[str]]) -> None:
    """Rajin entered again under another id and name, its point moved in the third decimal, its note reworded."""
    header, rajin = rows[0], list(rows[2])
    for field, value in {"place_id": "najin", "name": "Najin", "lat": "42.259", "note": "Port city of Rason."}.items():
        rajin[header.index(field)] = value
    rows.append(rajin)


def _visit_copied_with_its_source(rows: list[list[str]]) -> None:
    """Belousov's visit copied as Lavrov's (id, visitor, level, days and purpose changed), its source left behind."""
    header = rows[0]
    belousov = next(row for row in rows if row[0] == "2024-11-belousov-pyongyang")
    lavrov = list(belousov)
    for field, value in {
        "contact_id": "2024-11-lavrov-pyongyang",
        "start_date": "2024-11-28",
        "end_date": "2024-11-29",
        "visitor": "Sergei Lavrov",
        "level": "foreign_minister",
        "purpose": "Talks with Choe Son Hui on strategic dialogue and the treaty.",
    }.items():
        lavrov[header.index(field)] = value
    rows.append(lavrov)


def _swap_test_numbers(rows: list[list[str]]) -> None:
    """The second and third nuclear tests' numbers swapped (each row keeps the date its source gives)."""
    at = rows[0].index("test_number")
    rows[2][at], rows[3][at] = rows[3][at], rows[2][at]


def _field(entry: dict, name: str) -> dict:
    return next(field for field in entry["schema"]["fields"] if field["name"] == name)


def _relabel_curated(entry: dict) -> None:
    """A derived table's entry made to look curated: its kind, folder and build record changed, its inputs kept."""
    entry.update({"x-kind": "curated", "path": f"curated/{entry['name']}.csv"})
    del entry["bytes"], entry["hash"]


def entry_of(package: dict, name: str) -> dict:
    """The descriptor entry of table ``name`` in a parsed ``datapackage.json`` (for the descriptor damage cases)."""
    return next(entry for entry in package["resources"] if entry["name"] == name)


def moved_place(row: int, lat: str, lon: str):
    """A place given another point, with a note that states it (so that only ``x-located`` can object)."""

    def change(rows: list[list[str]]) -> None:
        header = rows[0]
        rows[row][header.index("lat")], rows[row][header.index("lon")] = lat, lon
        rows[row][header.index("note")] = f"Point {lat}, {lon}."

    return "curated/places.csv", change


def run_cli(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = None
    if data_dir is not None:
        import os

        env = {**os.environ, "RUSSIA_DPRK_DATA": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "russia_dprk", *args], capture_output=True, text=True, env=env)


# One row per class of bad cell: (table, change, field, rule). Row 3 of contacts is physical line 4.
CORRUPTIONS = {
    "a figure marked approximate that its note quotes exactly": (
        *set_cell("curated/dprk_entries_russia.csv", 1, "approximate", "true"),
        "approximate",
        "when",
    ),
    "the signing of the ratification law typed as the ratification": (
        *set_cell("curated/agreements.csv", 19, "event", "ratified"),
        "event",
        "when",
    ),
    "a notification typed as an announcement": (
        *set_cell("curated/agreements.csv", 2, "event", "announced"),
        "event",
        "when",
    ),
    "a renewal of the Panel of Experts filed under designations": (
        *set_cell("curated/unsc_resolutions.csv", 13, "subject", "designations"),
        "subject",
        "when",
    ),
    "a place's preferred and alternate points swapped against their notes": (
        *set_cell("curated/places.csv", 12, "role", "alternate"),
        "role",
        "when",
    ),
    "a place entered again under a new id a few hundred metres from itself": (
        "curated/places.csv",
        _place_entered_twice,
        "lat,lon",
        "distinct-points",
    ),
    "a visit copied from another with its source left behind": (
        "curated/contacts.csv",
        _visit_copied_with_its_source,
        "visitor",
        "source-names",
    ),
    "a note naming its source by an id the registry does not have": (
        "curated/unga_recorded_votes.csv",
        _note_source_mistyped,
        "note",
        "cites-sources",
    ),
    "a second dating of a visit naming another visitor's visit": (
        *set_cell(
            "curated/contacts.csv", 8, "purpose", "Same visit as 2019-04-kim-jong-un-vladivostok; reported early."
        ),
        "visitor",
        "names-row",
    ),
    "Russia's veto typed as an abstention": (
        *set_cell("curated/unsc_resolutions.csv", 20, "russia_vote", "abstain"),
        "russia_vote",
        "when",
    ),
    "a project's announcement dated after the page that reports it": (
        *set_cell("curated/projects.csv", 42, "date", "2025-02-24"),
        "date",
        "reported-before-event",
    ),
    "construction dated a year before the agreement to build": (
        *set_cell("curated/projects.csv", 24, "date", "2024-04-30"),
        "date",
        "sequence",
    ),
    "a parliament head's visit filed below his office": (
        *set_cell("curated/contacts.csv", 32, "level", "other_senior"),
        "level",
        "when",
    ),
    "a far-east minister's visit filed as a foreign minister's": (
        *set_cell("curated/contacts.csv", 19, "level", "foreign_minister"),
        "level",
        "when",
    ),
    "an end date filled in where the purpose says none is sourced": (
        *set_cell("curated/contacts.csv", 34, "end_date", "2023-08-25"),
        "end_date",
        "when",
    ),
    "South Korea dropped from the actors of what its intelligence service says": (
        *set_cell("curated/military_events.csv", 32, "actors", "PRK;RUS"),
        "actors",
        "when",
    ),
    "the United States dropped from the actors of what the Pentagon says": (
        *set_cell("curated/military_events.csv", 25, "actors", "PRK;RUS"),
        "actors",
        "when",
    ),
    "a Security Council vote dated ten days before the report of it": (
        *set_cell("curated/unsc_resolutions.csv", 17, "date", "2022-03-15"),
        "date",
        "key-date",
    ),
    "a nuclear test cited to the report of another year's test": (
        *set_cell("curated/nuclear_test_dates.csv", 4, "source_id", "ctbto-nd-2013-dprk-announced-test"),
        "date",
        "key-date",
    ),
    "a vote typed abstain for a state the note lists before 'voted against'": (
        *set_cell("curated/unga_recorded_votes.csv", 1, "dprk", "abstain"),
        "dprk",
        "when",
    ),
    "a vote typed yes for a state the note counts among those abstaining": (
        *set_cell("curated/unga_recorded_votes.csv", 2, "china", "yes"),
        "china",
        "when",
    ),
    "an intelligence estimate entered again the next day under a new id": (
        *set_cells(
            "curated/transfer_estimates.csv",
            16,
            {"estimate_id": "killed-nis-2025-05-01-600", "low": "600", "high": "600", "as_of": "2025-05-01"},
        ),
        "as_of",
        "overlap",
    ),
    "an upstream file named by a GitHub page on a branch": (
        *set_cell(
            "upstream.csv",
            13,
            "download_url",
            "https://github.com/samizdatco/dvia-2019/raw/main/2.mapping-quantities/data/underground.csv",
        ),
        "download_url",
        "pinned-copy",
    ),
    "an npm file on a CDN named by its major version only": (
        *set_cell("upstream.csv", 15, "download_url", "https://cdn.jsdelivr.net/npm/world-atlas@2/countries-10m.json"),
        "download_url",
        "pinned-copy",
    ),
    "a claim's figure retyped against the figure its own text states": (
        *set_cell("curated/claims.csv", 8, "claimed_value", "86"),
        "claimed_value",
        "stated",
    ),
    "a rank the claim writes as an ordinal retyped": (
        *set_cell("curated/claims.csv", 29, "claimed_value", "20"),
        "claimed_value",
        "stated",
    ),
    "a context fact's price slipped two decimal places against its quotation": (
        *set_cell("curated/article_context.csv", 48, "value", "4999"),
        "value",
        "stated",
    ),
    "a context fact's digits swapped against its description": (
        *set_cell("curated/article_context.csv", 49, "value", "75"),
        "value",
        "stated",
    ),
    "a re-check given the row of another check than the one it names": (
        *set_cell("curated/audit.csv", 86, "row_key", "2001-07-kim-jong-il-moscow"),
        "row_key",
        "names-row",
    ),
    "a re-check naming a check that does not exist": (
        *set_cell("curated/audit.csv", 86, "finding", "Pass 3 re-check of check-999. Supported."),
        "finding",
        "names-row",
    ),
    "a share written off typed 80 where the parts give 90 (its trailing zero is not rounding)": (
        *set_cell("curated/debt_settlement.csv", 7, "value", "80"),
        "value",
        "share-of",
    ),
    "an outlet's name in Cyrillic beside its Latin spelling": (
        *set_cell("sources.csv", 357, "publisher", "ТАСС"),
        "publisher",
        "spelling",
    ),
    "the article's forecast coded as a reported fact": (
        *set_cell("curated/claims.csv", 5, "statement_kind", "reported_fact"),
        "claimed_date",
        "reported-before-event",
    ),
    "a fact from before the article coded as a forecast": (
        *set_cell("curated/claims.csv", 4, "statement_kind", "forecast"),
        "claimed_date",
        "forecast-before-source",
    ),
    "a year's trade typed tenfold against another reporter's": (
        *set_cell("curated/trade_reported.csv", 9, "value_usd_millions", "760"),
        "value_usd_millions",
        "agree-within",
    ),
    "an English edition's page given the Korean edition's headline": (
        *set_cell("sources.csv", 85, "title", "유엔총회, 北인권결의안 18년 연속 채택"),
        "title",
        "when",
    ),
    "a trade figure entered in the wrong unit, its note stating it": (
        *set_cell("curated/trade_reported.csv", 1, "value_usd_millions", "10.4"),
        "value_usd_millions",
        "stated",
    ),
    "a year's LNG imports entered in the wrong unit, no other source for that year": (
        *set_cell("curated/lng_importers.csv", 1, "value", "3.72"),
        "value",
        "steady",
    ),
    "a veto recorded as an abstention, the veto list naming the member": (
        *set_cells(
            "curated/unsc_resolutions.csv",
            19,
            {
                "russia_vote": "abstain",
                "votes_against": "1",
                "abstentions": "1",
                "detail": "US draft would have condemned the 24 Mar 2022 ICBM launch and tightened sanctions.",
            },
        ),
        "russia_vote",
        "agrees-with",
    ),
    "a vetoed draft dated a day before the veto list's day": (  # cited to a report, whose id gives no meeting day
        *set_cells(
            "curated/unsc_resolutions.csv", 19, {"date": "2022-05-25", "source_id": "dw-2022-05-27-china-russia-veto"}
        ),
        "date",
        "agrees-with",
    ),
    "a visit the row reports as hearsay marked confirmed": (
        *set_cell("curated/contacts.csv", 6, "status", "confirmed"),
        "status",
        "when",
    ),
    "a source whose note calls it secondary tiered as reporting": (
        *set_cell("sources.csv", 95, "tier", "reporting"),
        "tier",
        "when",
    ),
    "a half-year's entries below what its two quarters count": (
        *set_cell("curated/dprk_entries_russia.csv", 13, "entries", "250"),
        "entries",
        "nested",
    ),
    "a service in operation before its construction began": (
        *set_cell("curated/projects.csv", 9, "date", "2004-11-29"),
        "date",
        "sequence",
    ),
    "a killed count coded as casualties": (
        *set_cell("curated/transfer_estimates.csv", 7, "item", "troop_casualties"),
        "item",
        "carries",
    ),
    "a state outlet's page filed as a news report": (
        *set_cell("sources.csv", 98, "kind", "news_report"),  # Sputnik Japan
        "kind",
        "domain-value",
    ),
    "a United Nations page filed as academic": (
        *set_cell("sources.csv", 37, "kind", "academic"),
        "kind",
        "domain-value",
    ),
    "a copy on a host of copies filed as reporting": (
        *set_cell("sources.csv", 207, "tier", "reporting"),  # UPI on zanynews.net
        "tier",
        "copy-domain",
    ),
    "a newspaper's report of an intelligence estimate filed as a document": (
        *set_cell("sources.csv", 106, "tier", "document"),
        "tier",
        "when",
    ),
    "a ministry's page filed as an analysis": (*set_cell("sources.csv", 26, "tier", "analysis"), "tier", "when"),
    "the debt law's signing a day off its detail": (
        *set_cell("curated/agreements.csv", 25, "date", "2014-05-06"),
        "date",
        "written-date",
    ),
    "test sanctions that name no test": (
        *set_cell("curated/unsc_resolutions.csv", 5, "answers_test", ""),
        "answers_test",
        "when",
    ),
    "an entry into force coded as a signing": (
        *set_cell("curated/military_events.csv", 24, "kind", "agreement"),
        "kind",
        "when",
    ),
    "a second dating of one visit counted as a visit": (
        *set_cell("curated/contacts.csv", 8, "status", "confirmed"),
        "status",
        "when",
    ),
    "an estimate's high end unlike its id's": (
        *set_cell("curated/transfer_estimates.csv", 78, "high", "30000"),
        "high",
        "carries",
    ),
    "a figure where the note says the source gives none": (
        *set_cell("curated/trade_reported.csv", 118, "value_usd_millions", "84"),
        "value_usd_millions",
        "when",
    ),
    "a percentage scoped as a total": (
        *set_cell("curated/transfer_estimates.csv", 55, "scope", "total"),
        "scope",
        "when",
    ),
    "a planned figure scoped as a total": (
        *set_cell("curated/transfer_estimates.csv", 2, "scope", "total"),
        "scope",
        "when",
    ),
    "a count the note calls approximate marked exact": (
        *set_cell("curated/dprk_entries_russia.csv", 16, "approximate", "false"),
        "approximate",
        "when",
    ),
    "an event its detail says did not happen marked confirmed": (
        *set_cell("curated/military_events.csv", 27, "status", "confirmed"),
        "status",
        "when",
    ),
    "a milestone its detail calls unverified marked confirmed": (
        *set_cell("curated/projects.csv", 54, "status", "confirmed"),
        "status",
        "when",
    ),
    "malformed date": (*set_cell("curated/contacts.csv", 3, "start_date", "2024-13-45"), "start_date", "type-error"),
    "date not exactly ISO": (
        *set_cell("curated/contacts.csv", 3, "start_date", "2024-6-19"),
        "start_date",
        "type-error",
    ),
    "date with a time": (
        *set_cell("curated/contacts.csv", 3, "start_date", "2024-06-19T00:00"),
        "start_date",
        "type-error",
    ),
    "unknown source": (*set_cell("curated/projects.csv", 2, "source_id", "no-such-source"), "source_id", "foreign-key"),
    "wrong type": (*set_cell("curated/unsc_resolutions.csv", 4, "votes_for", "fifteen"), "votes_for", "type-error"),
    "troops counted in rounds": (
        *set_cell("curated/transfer_estimates.csv", 1, "unit", "rounds"),
        "unit",
        "when",
    ),
    "a debt counted in years": (*set_cell("curated/debt_settlement.csv", 1, "unit", "years"), "unit", "when"),
    "a confirmed check that reports a contradiction": (
        *set_cell("curated/audit.csv", 4, "finding", "contradicted by the cited source"),
        "finding",
        "when",
    ),
    "a committee vote under a plenary resolution's number": (
        *set_cell("curated/unga_hr_votes.csv", 1, "resolution", "A/RES/75/183"),
        "resolution",
        "when",
    ),
    "integer written as a decimal": (
        *set_cell("curated/unsc_resolutions.csv", 4, "votes_for", "15.0"),
        "votes_for",
        "type-error",
    ),
    "integer with a plus sign": (
        *set_cell("curated/unsc_resolutions.csv", 4, "votes_for", "+15"),
        "votes_for",
        "type-error",
    ),
    "integer with leading zeros": (
        *set_cell("curated/unsc_resolutions.csv", 4, "votes_for", "015"),
        "votes_for",
        "type-error",
    ),
    "number not finite": (*set_cell("derived/unga_alignment.csv", 5, "agreement", "inf"), "agreement", "type-error"),
    "number as NaN": (*set_cell("derived/unga_alignment.csv", 5, "agreement", "NaN"), "agreement", "type-error"),
    "number with a thousands separator": (
        *set_cell("curated/trade_reported.csv", 2, "value_usd_millions", "1,000"),
        "value_usd_millions",
        "type-error",
    ),
    "number beyond float precision": (
        *set_cell("curated/trade_reported.csv", 2, "value_usd_millions", "92.340000000000000000001"),
        "value_usd_millions",
        "type-error",
    ),
    "out of range": (*set_cell("derived/unga_alignment.csv", 5, "agreement", "1.5"), "agreement", "constraint-error"),
    "not in enumeration": (*set_cell("curated/claims.csv", 1, "sphere", "maybe"), "sphere", "constraint-error"),
    "missing required value": (*set_cell("curated/agreements.csv", 2, "event", ""), "event", "constraint-error"),
    "low above high": (*set_cell("curated/transfer_estimates.csv", 2, "low", "99999999"), "high", "order"),
    "Council vote above its 15 members": (
        *set_cell("curated/unsc_resolutions.csv", 4, "votes_against", "3"),
        "votes_for,votes_against,abstentions",
        "sum",
    ),
    "estimate outside its own interval": (
        *set_cell("derived/unga_ideal_points.csv", 2, "low_5", "99"),
        "ideal_point",
        "order",
    ),
    "dangling row reference": (*set_cell("curated/audit.csv", 4, "row_key", "no-such-row"), "row_key", "row-reference"),
    "bad sha256 in registry": (*set_cell("upstream.csv", 1, "sha256", "xyz"), "sha256", "constraint-error"),
    "control character in text": (*set_cell("curated/contacts.csv", 3, "purpose", "a\x07b"), "purpose", "text"),
    "a trade figure typed as 0 beside a note that states it": (
        *set_cell("curated/trade_reported.csv", 1, "value_usd_millions", "0"),
        "value_usd_millions",
        "stated",
    ),
    "a ligature typed in a visit's purpose (no search for 'first' finds it)": (
        *set_cell("curated/contacts.csv", 3, "purpose", "The ﬁrst visit by a Soviet premier."),
        "purpose",
        "text",
    ),
    "a footnote's superscript digit left in a source's title": (
        *set_cell("sources.csv", 3, "title", "Annual report¹"),
        "title",
        "text",
    ),
    "a circled digit typed for a numbered point": (
        *set_cell("curated/transfer_estimates.csv", 3, "note", "① First contingent of special forces."),
        "note",
        "text",
    ),
    "an estimate's high end typed ten times its id's figure, where a word stands before the figure": (
        "curated/transfer_estimates.csv",
        _high_of_planned_typed_tenfold,
        "high",
        "carries",
    ),
    "zero-width character in a key": (
        *set_cell("curated/contacts.csv", 3, "contact_id", "abc\u200bdef"),
        "contact_id",
        "text",
    ),
    "bidirectional override in text": (*set_cell("curated/contacts.csv", 3, "place", "Moscow\u202e"), "place", "text"),
    "trailing whitespace in a key": (
        *set_cell("curated/military_events.csv", 2, "event_id", "x-event "),
        "event_id",
        "text",
    ),
    "look-alike letters in a key": (
        *set_cell("curated/unsc_resolutions.csv", 3, "document", "\u0405/RES/9999 (2099)"),
        "document",
        "key-characters",
    ),
    "date after the table was last checked": (
        *set_cell("curated/military_events.csv", 2, "date", "2099-01-01"),
        "date",
        "future-date",
    ),
    "publication date not in the calendar": (
        *set_cell("sources.csv", 3, "published", "2024-02-30"),
        "published",
        "type-error",
    ),
    "publication date in another form": (
        *set_cell("sources.csv", 3, "published", "June 2024"),
        "published",
        "type-error",
    ),
    "published after it was read": (*set_cell("sources.csv", 3, "published", "2026-12"), "accessed", "order"),
    "source read in the future": (*set_cell("sources.csv", 3, "accessed", "2099-01-01"), "accessed", "future-date"),
    "javascript URL": (*set_cell("sources.csv", 3, "url", "javascript:alert(1)"), "url", "constraint-error"),
    "propaganda-network copy": (
        *set_cell("sources.csv", 3, "url", "https://japan.news-pravda.com/world/2025/08/13/1.html"),
        "url",
        "refused-domain",
    ),
    "wiki page filed as an original": (
        *set_cell("sources.csv", 3, "url", "https://en.m.wikipedia.org/wiki/Tumen_River"),
        "tier",
        "copy-domain",
    ),
    "propaganda-network page kept in a web archive": (
        *set_cell(
            "sources.csv",
            3,
            "url",
            "https://web.archive.org/web/20250813000000/https://japan.news-pravda.com/world/1.html",
        ),
        "url",
        "refused-domain",
    ),
    "propaganda-network subdomain": (
        *set_cell("sources.csv", 3, "url", "https://dprk.news-pravda.com/world/2025/01/13/1.html"),
        "url",
        "refused-domain",
    ),
    "URL naming a user before its host": (
        *set_cell("sources.csv", 3, "url", "https://kcna.kp@evil.example/x"),
        "url",
        "constraint-error",
    ),
    "URL without a host": (*set_cell("sources.csv", 3, "url", "https:///en/x"), "url", "constraint-error"),
    "URL with an unclosed IPv6 bracket": (
        *set_cell("sources.csv", 3, "url", "https://[www.un.org/en/"),
        "url",
        "constraint-error",
    ),
    "upstream URL with an unclosed IPv6 bracket": (
        *set_cell("upstream.csv", 2, "download_url", "https://[dataverse.harvard.edu/x.csv"),
        "download_url",
        "constraint-error",
    ),
    "URL with a port that is not a number": (
        *set_cell("sources.csv", 3, "url", "https://www.un.org:80x/"),
        "url",
        "constraint-error",
    ),
    "URL longer than any browser keeps": (
        *set_cell("sources.csv", 3, "url", "https://www.un.org/" + "a" * 2048),
        "url",
        "constraint-error",
    ),
    "upstream download URL naming a user": (
        *set_cell("upstream.csv", 2, "download_url", "https://dataverse.harvard.edu@evil.example/x.csv"),
        "download_url",
        "constraint-error",
    ),
    "integer of 5,000 digits (more than int() reads)": (
        *set_cell("curated/unsc_resolutions.csv", 4, "votes_against", "9" * 5000),
        "votes_against",
        "type-error",
    ),
    "negative zero integer": (
        *set_cell("curated/unsc_resolutions.csv", 4, "votes_against", "-0"),
        "votes_against",
        "type-error",
    ),
    "negative zero number": (
        *set_cell("curated/trade_reported.csv", 2, "value_usd_millions", "-0.0"),
        "value_usd_millions",
        "type-error",
    ),
    "a publisher recorded as the outlet that carried a copy": (
        *set_cell("sources.csv", 3, "publisher", "Yonhap via Korea Herald"),
        "publisher",
        "refused-text",
    ),
    "more failures than launches": (
        *set_cell("derived/missile_launches.csv", 1, "failures", "999"),
        "launches",
        "order",
    ),
    "negative debt amount": (
        *set_cell("curated/debt_settlement.csv", 1, "value", "-11"),
        "value",
        "constraint-error",
    ),
    "source published before the event it supports": (
        *set_cell("curated/contacts.csv", 29, "source_id", "cia-1984-07-11-kim-il-song-visit"),
        "start_date",
        "reported-before-event",
    ),
    "URL with BibTeX braces": (
        *set_cell("sources.csv", 3, "url", "https://example.org/},month={jan"),
        "url",
        "constraint-error",
    ),
    "an accent stored apart from its letter (not NFC)": (
        *set_cell("curated/contacts.csv", 3, "place", "Pyo\u0306ngyang"),
        "place",
        "text",
    ),
    "a spreadsheet formula pasted in place of its value": (
        *set_cell("curated/contacts.csv", 3, "purpose", "=B2*1.1"),
        "purpose",
        "text",
    ),
    "a formula behind a minus sign": (
        *set_cell("sources.csv", 3, "note", "-cmd|' /C calc'!A0"),
        "note",
        "text",
    ),
    "a unit mistyped (the ammunition chart keeps rounds only)": (
        *set_cell("curated/transfer_estimates.csv", 2, "unit", "rouns"),
        "unit",
        "constraint-error",
    ),
    "an upstream file path that leaves the cache": (
        *set_cell("upstream.csv", 2, "file", "../../outside/IdealpointsJuly2025.dta"),
        "file",
        "constraint-error",
    ),
    "a place off the map (a longitude with its sign lost)": (
        *set_cell("curated/places.csv", 1, "lon", "-131.874"),
        "lon",
        "constraint-error",
    ),
    "a publisher written a second way": (
        *set_cell("sources.csv", 3, "publisher", "HARVARD-DATAVERSE"),
        "publisher",
        "spelling",
    ),
    "a list typed with a full-width separator (told once, not again by every row that agrees)": (
        *set_cell("curated/agreements.csv", 1, "parties", "SUN；PRK"),
        "parties",
        "text",
    ),
    "a traveller's name written a second way": (
        *set_cell("curated/contacts.csv", 3, "visitor", "Kim Il-sung"),
        "visitor",
        "spelling",
    ),
    "a traveller hosted in their own country": (
        *set_cell("curated/contacts.csv", 2, "host_country", "SUN"),
        "host_country",
        "same-value",
    ),
    "a date known to the month stored on the 15th": (
        *set_cell("curated/contacts.csv", 2, "start_date", "1965-02-15"),
        "start_date",
        "date-precision",
    ),
    "a date mistyped by a century": (
        *set_cell("curated/contacts.csv", 3, "start_date", "1915-04-01"),
        "start_date",
        "constraint-error",
    ),
    "a publication year before the book's span": (
        *set_cell("sources.csv", 3, "published", "1905"),
        "published",
        "constraint-error",
    ),
    "a source read before the project began": (
        *set_cell("sources.csv", 3, "accessed", "2016-11-29"),
        "accessed",
        "constraint-error",
    ),
    "a missing value written out as text": (*set_cell("curated/contacts.csv", 3, "purpose", "NaN"), "purpose", "text"),
    "a true/false word in a name": (
        *set_cell("curated/russia_korea_trade.csv", 6, "reporter", "TRUE"),
        "reporter",
        "text",
    ),
    "a number in a name": (*set_cell("curated/places.csv", 10, "name", "1e309"), "name", "words"),
    "a date in a name": (*set_cell("curated/trade_reported.csv", 51, "reporter", "2025-01"), "reporter", "words"),
    "a link in an author": (
        *set_cell("sources.csv", 5, "author", "https://www.rt.com/newsline/429766-putin-message-korea-kim/"),
        "author",
        "words",
    ),
    "a hexadecimal number in a publisher": (*set_cell("sources.csv", 5, "publisher", "0x10"), "publisher", "words"),
    "a number as a note": (*set_cell("curated/dprk_entries_russia.csv", 4, "note", "-1"), "note", "words"),
    "a date as a resolution": (
        *set_cell("curated/unga_recorded_votes.csv", 5, "resolution", "1900-01-01"),
        "resolution",
        "words",
    ),
    "a link as a detail": (*set_cell("curated/agreements.csv", 21, "detail", "javascript:alert(1)"), "detail", "words"),
    "a note of punctuation only": (*set_cell("curated/russia_korea_trade.csv", 12, "note", "\\\\"), "note", "words"),
    "a curly apostrophe read as Windows-1252": (
        *set_cell("curated/nuclear_test_dates.csv", 5, "note", "the Democratic Peopleâ€™s Republic"),
        "note",
        "encoding",
    ),
    "a word typed in full-width Latin letters, with no East Asian text beside it": (
        *set_cell("curated/claims.csv", 18, "headline", "China-DPRK ties had ＣＯＯＬＥＤ"),
        "headline",
        "text",
    ),
    "a full-width letter typed into a headline": (
        *set_cell("curated/claims.csv", 18, "headline", "China-DPRK ties had ｃooled"),
        "headline",
        "text",
    ),
    "a character lost to the replacement mark": (
        *set_cell("curated/contacts.csv", 3, "purpose", "Talks in Pyongyang\ufffd"),
        "purpose",
        "encoding",
    ),
    "a Korean quote saved as Latin-1": (
        *set_cell("curated/unsc_resolutions.csv", 7, "detail", "VOA Korean ('?? ???? 4?')"),
        "detail",
        "encoding",
    ),
    "a character reference escaped twice": (
        *set_cell("sources.csv", 121, "note", "AP: NIS told lawmakers &amp; reporters"),
        "note",
        "markup",
    ),
    "an apostrophe copied from a page's source": (
        *set_cell("curated/contacts.csv", 3, "purpose", "Talks on the DPRK&#39;s debt"),
        "purpose",
        "markup",
    ),
    "a dash copied as its entity": (
        *set_cell("curated/lng_importers.csv", 8, "note", "For comparison &ndash; largest single country."),
        "note",
        "markup",
    ),
    "an estimator pasted twice": (
        *set_cell("curated/transfer_estimates.csv", 3, "estimator", "South Korea NISSouth Korea NIS"),
        "estimator",
        "repeated",
    ),
    "a made-up key pasted twice": (
        *set_cell("curated/agreements.csv", 18, "agreement_id", "csp-treaty-2024csp-treaty-2024"),
        "agreement_id",
        "repeated",
    ),
    "a ratification dated before the signing": (
        *set_cell("curated/agreements.csv", 17, "date", "2023-10-24"),
        "date",
        "sequence",
    ),
    "a resolution dated before a lower-numbered one": (
        *set_cell("curated/unsc_resolutions.csv", 4, "document", "S/RES/2807 (2013)"),
        "date",
        "number-order",
    ),
    "an emergency-session resolution dated before the one numbered below it": (
        *set_cell("curated/unga_recorded_votes.csv", 3, "date", "2022-03-01"),
        "date",
        "number-order",
    ),
    "a wire agency's short name typed as the byline": (
        *set_cell("sources.csv", 59, "author", "Yonhap"),
        "author",
        "refused-text",
    ),
    "a wire agency added to a list of authors": (
        *set_cell("sources.csv", 59, "author", "Kim Tong-hyung; AP"),
        "author",
        "refused-text",
    ),
    "a General Assembly symbol typed with division slashes": (
        *set_cell("curated/unga_recorded_votes.csv", 1, "resolution", "A\u2215RES\u2215ES-11\u22151"),
        "resolution",
        "text",
    ),
    "a Security Council symbol typed with a full-width solidus": (
        *set_cell("curated/unsc_resolutions.csv", 1, "document", "S\uff0fRES/1695 (2006)"),
        "document",
        "text",
    ),
    "a partner's imports from the DPRK filed as the DPRK's imports": (
        *set_cell("curated/trade_reported.csv", 140, "flow", "dprk_imports"),
        "flow",
        "when",
    ),
    "a partner's exports to the DPRK filed as the DPRK's exports": (
        *set_cell("curated/trade_reported.csv", 11, "flow", "dprk_exports"),
        "flow",
        "when",
    ),
    "a state the note names among those against recorded as abstaining": (
        *set_cell("curated/unga_recorded_votes.csv", 3, "china", "abstain"),
        "china",
        "when",
    ),
    "the DPRK, named among those against, recorded as voting yes": (
        *set_cell("curated/unga_recorded_votes.csv", 12, "dprk", "yes"),
        "dprk",
        "when",
    ),
    "a Security Council symbol cut short": (
        *set_cell("curated/unsc_resolutions.csv", 15, "document", "S/RES/24"),
        "document",
        "refused-text",
    ),
    "a General Assembly symbol without its number": (
        *set_cell("curated/unga_recorded_votes.csv", 1, "resolution", "A/RES/ES-11"),
        "resolution",
        "refused-text",
    ),
    "a Security Council symbol in lower case": (
        *set_cell("curated/unsc_resolutions.csv", 6, "document", "s/res/2207 (2015)"),
        "document",
        "refused-text",
    ),
    "a General Assembly symbol in mixed case": (
        *set_cell("curated/unga_recorded_votes.csv", 9, "resolution", "A/78/l.90 (draft)"),
        "resolution",
        "refused-text",
    ),
    "a human-rights vote's symbol replaced by words": (
        *set_cell("curated/unga_hr_votes.csv", 9, "resolution", "Third Committee draft"),
        "resolution",
        "refused-text",
    ),
    "a session the symbol contradicts": (
        *set_cell("curated/unga_hr_votes.csv", 9, "resolution", "A/C.3/78/L.34 (draft)"),
        "session",
        "carries",
    ),
    "a session the description contradicts": (
        *set_cell("curated/unga_recorded_votes.csv", 12, "session", "76"),
        "session",
        "carries",
    ),
    "an estimate's number mistyped against its key": (
        *set_cell("curated/transfer_estimates.csv", 3, "low", "1500"),
        "low",
        "carries",
    ),
    "a share over 100 per cent": (*set_cell("curated/debt_settlement.csv", 7, "value", "900"), "value", "when"),
    "Russia named as host in 1961": (
        *set_cell("curated/contacts.csv", 1, "host_country", "RUS"),
        "host_country",
        "era",
    ),
    "a Chinese contact with a Russian visitor": (
        *set_cell("curated/contacts.csv", 7, "partner", "CHN"),
        "visitor_country",
        "when",
    ),
    "an estimate's high end without its low": (
        *set_cell("curated/transfer_estimates.csv", 1, "low", ""),
        "low",
        "required-with",
    ),
    "a military event's month mistyped": (
        *set_cell("curated/military_events.csv", 49, "date", "2024-11-18"),
        "date",
        "key-date",
    ),
    "a military event's day mistyped": (
        *set_cell("curated/military_events.csv", 49, "date", "2024-12-17"),
        "date",
        "key-date",
    ),
    "an estimate's month mistyped": (
        *set_cell("curated/transfer_estimates.csv", 3, "as_of", "2025-05-30"),
        "as_of",
        "key-date",
    ),
    "a nuclear test dated before the one numbered below it (two tests' numbers swapped)": (
        "curated/nuclear_test_dates.csv",
        _swap_test_numbers,
        "date",
        "number-order",
    ),
    "a visit's end a year late": (*set_cell("curated/contacts.csv", 21, "end_date", "2016-06-20"), "end_date", "span"),
    "a period of entries three years long": (
        *set_cell("curated/dprk_entries_russia.csv", 6, "end", "2024-09-30"),
        "end",
        "span",
    ),
    "a country listed twice": (
        *set_cell("curated/military_events.csv", 2, "actors", "RUS;PRK;RUS"),
        "actors",
        "repeated",
    ),
    "a military event without Russia": (
        *set_cell("curated/military_events.csv", 2, "actors", "PRK;USA"),
        "actors",
        "refused-text",
    ),
    "a city placed in two countries": (*set_cell("curated/places.csv", 1, "country", "RUS;PRK"), "country", "when"),
    "a treaty without the DPRK": (
        *set_cell("curated/agreements.csv", 1, "parties", "SUN;CHN"),
        "parties",
        "refused-text",
    ),
    "half a soldier": (  # on a row whose id carries no figure (one that does tells the slip as carries first)
        *set_cell("curated/transfer_estimates.csv", 1, "high", "1500.5"),
        "high",
        "when",
    ),
    "a figure deleted without a word": (
        *set_cell("curated/trade_reported.csv", 69, "value_usd_millions", ""),
        "note",
        "when",
    ),
    "a place with a longitude but no latitude": (
        *set_cell("curated/places.csv", 11, "lat", ""),
        "lat",
        "required-with",
    ),
    "a place moved to another country": (
        *moved_place(16, "42.422", "126.978"),
        "lat,lon",
        "located",
    ),
    "a place moved two kilometres across a border river": (
        *moved_place(4, "42.422", "130.645"),
        "lat,lon",
        "located",
    ),
    "a number pasted twice": (
        *set_cell("curated/debt_settlement.csv", 3, "value", "1096010960"),
        "value",
        "repeated",
    ),
    "a source's note on what it supports deleted": (
        *set_cell("sources.csv", 9, "note", ""),
        "note",
        "constraint-error",
    ),
    "a recorded vote's count deleted": (
        *set_cell("curated/unga_recorded_votes.csv", 4, "abstain", ""),
        "abstain",
        "constraint-error",
    ),
    "why a claim is not tested deleted": (
        *set_cell("curated/article_excluded.csv", 3, "note", ""),
        "note",
        "constraint-error",
    ),
    "a link pasted twice": (
        *set_cell("sources.csv", 346, "url", "https://rubryka.com/en/a/https://rubryka.com/en/a/"),
        "url",
        "repeated",
    ),
    "a short publisher pasted twice": (*set_cell("sources.csv", 289, "publisher", "TASSTASS"), "publisher", "repeated"),
    "votes counted for a decision adopted without a vote": (
        *set_cell("curated/unga_hr_votes.csv", 1, "yes", "120"),
        "yes",
        "when",
    ),
    "a no vote recorded in a decision adopted without a vote": (
        *set_cell("curated/unga_hr_votes.csv", 1, "russia", "no"),
        "russia",
        "when",
    ),
    "a vetoed draft given a resolution number": (
        *set_cell("curated/unsc_resolutions.csv", 19, "document", "S/RES/2630 (2022)"),
        "document",
        "when",
    ),
    "troops sent the wrong way": (
        *set_cell("curated/transfer_estimates.csv", 3, "direction", "russia_to_dprk"),
        "direction",
        "when",
    ),
    "a project's key cut short": (
        *set_cell("curated/projects.csv", 23, "project_id", "tumen-ro"),
        "project_id",
        "determines",
    ),
    "an upstream file fetched over plain http": (
        *set_cell(
            "upstream.csv", 15, "download_url", "http://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-10m.json"
        ),
        "download_url",
        "constraint-error",
    ),
    "a year's trade figure moved to a year after its source": (
        *set_cell("curated/trade_reported.csv", 50, "year", "2026"),
        "year",
        "reported-before-event",
    ),
    "an LNG ranking moved to a year after its source": (
        *set_cell("curated/lng_importers.csv", 8, "year", "2025"),
        "year",
        "reported-before-event",
    ),
    "a partial check that does not say what it found": (
        *set_cell("curated/audit.csv", 1, "finding", ""),
        "finding",
        "when",
    ),
    "a quarter's last day mistyped": (
        *set_cell("curated/dprk_entries_russia.csv", 1, "end", "2019-09-03"),
        "end",
        "period",
    ),
    "a bridge on one country only": (*set_cell("curated/places.csv", 10, "country", "CHN"), "country", "when"),
    "a place left without its preferred row": (
        *set_cell("curated/places.csv", 1, "role", "alternate"),
        "role",
        "one-marked",
    ),
    "a second preferred row for one place": (
        *set_cells(
            "curated/places.csv",
            13,
            {"role": "preferred", "note": "A second point for the crossing, from the Shifting Sands atlas."},
        ),
        "role",
        "one-marked",
    ),
    "a note cut short after a comma": (
        *set_cell("curated/contacts.csv", 3, "purpose", "Talks on trade,"),
        "purpose",
        "cut-short",
    ),
    "a source's link cut short to the site's front page": (
        *set_cell("sources.csv", 17, "url", "https://tass.com"),
        "url",
        "constraint-error",
    ),
    "one TASS story registered twice, as its AMP page and its page": (
        *set_cell("sources.csv", 17, "url", "https://tass.com/politics/1804627"),
        "url",
        "duplicate-url",
    ),
    "a propaganda-network link in a note": (
        *set_cell("sources.csv", 266, "note", "Same story at https://japan.news-pravda.com/world/2025/08/13/1.html"),
        "note",
        "refused-domain",
    ),
    "a link no reader can open in a contact's purpose": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Talks on trade; statement at http://127.0.0.1/statement.html"),
        "purpose",
        "text-link",
    ),
    "a broadcaster's report of an official's statement filed as a document": (
        *set_cell("sources.csv", 142, "tier", "document"),
        "tier",
        "never-with",
    ),
    "a page read at a bare address (a mirror) filed as reporting": (
        *set_cell("sources.csv", 59, "url", "http://104.18.32.7/News/world/2023/07/25/shoigu.html"),
        "tier",
        "copy-domain",
    ),
    "a news report filed as an analysis": (*set_cell("sources.csv", 266, "tier", "analysis"), "tier", "never-with"),
    "an opinion piece filed as an analysis (its outlet's only row)": (
        *set_cells("sources.csv", 16, {"kind": "opinion", "tier": "analysis"}),
        "tier",
        "when",
    ),
    "a news outlet's piece filed as an independent analysis (kind and tier both changed)": (
        *set_cells("sources.csv", 266, {"kind": "open_source_analysis", "tier": "analysis"}),
        "tier",
        "never-with",
    ),
    "a Korea Herald page filed under another outlet": (
        *set_cell("sources.csv", 326, "publisher", "Yonhap News Agency"),
        "publisher",
        "site",
    ),
    "a figure in a spreadsheet's scientific notation": (
        *set_cell("curated/lng_importers.csv", 1, "value", "3.72E+01"),
        "value",
        "scientific",
    ),
    "a source's link pasted from a feed reader, campaign tags and all": (
        *set_cell(
            "sources.csv",
            230,
            "url",
            "https://www.scmp.com/economy/global-economy/article/3173601/china-north-korea-trade-recovering-after-covid"
            "-induced?utm_source=rss_feed",
        ),
        "url",
        "tracking",
    ),
    "a curly apostrophe copied as its HTML name": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: the FSB&rsquo;s figures."),
        "note",
        "markup",
    ),
    "a bold tag copied from a page's source": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: <b>few</b> entries."),
        "note",
        "markup",
    ),
    "a Markdown link pasted from notes": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Talks on trade (see [the statement](https://www.mid.ru/a))"),
        "purpose",
        "markup",
    ),
    "Markdown's bold around a word": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: **few** entries."),
        "note",
        "markup",
    ),
    "an editor's mark for a pasted image": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: \ufffc few entries."),
        "note",
        "text",
    ),
    "Russian in UTF-8 read as Windows-1251": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: РџСЂРёРіРѕРІРѕСЂ."),
        "note",
        "encoding",
    ),
    "Korean in UTF-8 read as cp949": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: 諛섎룄."),
        "note",
        "encoding",
    ),
    "Japanese in UTF-8 read as Shift-JIS": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: 蟷ｳ螢､."),
        "note",
        "encoding",
    ),
    "an e-mail address for an author": (
        *set_cell("sources.csv", 266, "author", "jdoe@nknews.org"),
        "author",
        "refused-text",
    ),
    "a Korean byline with the reporter's title": (
        *set_cell("sources.csv", 266, "author", "김철수 기자"),
        "author",
        "refused-text",
    ),
    "a file's name for a title": (
        *set_cell("sources.csv", 266, "title", "why-kim-jong-uns-special-envoy-just-met-vladimir-putin.html"),
        "title",
        "refused-text",
    ),
    "a site's name for a title": (*set_cell("sources.csv", 266, "title", "www.nknews.org"), "title", "refused-text"),
    "a page's title with the outlet's name and the site's slogan after it": (
        *set_cell(
            "sources.csv",
            265,
            "title",
            "Why Kim Jong Un's special envoy just met Vladimir Putin — NK News - North Korea News",
        ),
        "title",
        "ends-with-name",
    ),
    "a unanimous Security Council decision recorded with a member missing": (
        *set_cell("curated/unsc_resolutions.csv", 10, "votes_for", "13"),
        "votes_for,votes_against,abstentions",
        "sum",
    ),
    "half an instalment": (*set_cell("curated/debt_settlement.csv", 13, "value", "40.5"), "value", "when"),
    "a test's day and month swapped, its note writing the day out": (
        *set_cell("curated/nuclear_test_dates.csv", 1, "date", "2006-09-10"),
        "date",
        "swapped-date",
    ),
    "a vote's day and month swapped": (
        *set_cell("curated/unga_recorded_votes.csv", 1, "date", "2022-02-03"),
        "date",
        "swapped-date",
    ),
    "a source cited through a link shortener": (
        *set_cell("sources.csv", 266, "url", "https://bit.ly/3xYzAbc"),
        "url",
        "indirect",
    ),
    "a statement linked through a search engine's redirect in a contact's purpose": (
        *set_cell(
            "curated/contacts.csv",
            2,
            "purpose",
            "Talks on trade; statement at https://www.google.com/url?q=https://www.mid.ru/ru/1&sa=D",
        ),
        "purpose",
        "indirect",
    ),
    "a source read through a document viewer that carries its link": (
        *set_cell("sources.csv", 266, "url", "https://docs.google.com/viewer?url=https%3A%2F%2Fwww.mid.ru%2Fa.pdf"),
        "url",
        "indirect",
    ),
    "a source cited through an archive's short link": (
        *set_cell("sources.csv", 266, "url", "https://archive.ph/AbC12"),
        "url",
        "indirect",
    ),
    "a source's link carrying a search engine's tracking tag": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9?srsltid=AfmBOo"),
        "url",
        "tracking",
    ),
    "a source's link carrying a Korean portal's referral tag": (
        *set_cell("sources.csv", 266, "url", "https://www.segye.com/newsView/20250728514870?OutUrl=naver"),
        "url",
        "tracking",
    ),
    "a spreadsheet's error value in place of a figure's note": (
        *set_cell("curated/transfer_estimates.csv", 3, "note", "#REF!"),
        "note",
        "text",
    ),
    "a footnote mark copied from Wikipedia with a name": (
        *set_cell("curated/contacts.csv", 5, "visitor", "Kim Yong Nam[1]"),
        "visitor",
        "markup",
    ),
    "a quotation with JSON's escaped quotes": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", 'Third quarter, "as the FSB put it, \\"few\\"".'),
        "note",
        "markup",
    ),
    "a note that only says it is the same as the row above": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Same as above"),
        "note",
        "placeholder",
    ),
    "a to-do left at the start of a purpose": (
        *set_cell("curated/contacts.csv", 5, "purpose", "todo: check who received him"),
        "purpose",
        "placeholder",
    ),
    "a name pasted twice with a space": (
        *set_cell("curated/contacts.csv", 5, "visitor", "Kim Yong Nam Kim Yong Nam"),
        "visitor",
        "repeated",
    ),
    "Cyrillic saved as Windows-1251 and read as Latin-1": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: Ïðèãîâîð"),
        "note",
        "encoding",
    ),
    "a German opening quote without its partner": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third „quarter."),
        "note",
        "unbalanced",
    ),
    "a page's title with the site's name after it": (
        *set_cell("sources.csv", 266, "title", "Lavrov meets Kim in Pyongyang | World News"),
        "title",
        "refused-text",
    ),
    "a paywall's title for a headline": (
        *set_cell("sources.csv", 266, "title", "Subscribe to read"),
        "title",
        "refused-text",
    ),
    "authors cut short to et al.": (*set_cell("sources.csv", 266, "author", "Smith et al."), "author", "refused-text"),
    "a share's unit spelled per cent, which the share rules do not read": (
        *set_cell("curated/claims.csv", 23, "claimed_unit", "per cent of the Soviet-era debt"),
        "claimed_unit",
        "refused-text",
    ),
    "a link copied from a page's source, its & escaped": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9?a=1&amp;b=2"),
        "url",
        "constraint-error",
    ),
    "a link copied with the sentence's full stop": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9."),
        "url",
        "constraint-error",
    ),
    "a link with a stray closing bracket": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9)"),
        "url",
        "constraint-error",
    ),
    "a link with a broken percent escape": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9%zz"),
        "url",
        "constraint-error",
    ),
    "a link with port 0": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com:0/article/us-a"),
        "url",
        "constraint-error",
    ),
    "a link to a host on a local network": (
        *set_cell("sources.csv", 266, "url", "https://intranet.local/reports/a"),
        "url",
        "constraint-error",
    ),
    "a link to a wildcard name for an address": (
        *set_cell("sources.csv", 266, "url", "http://127.0.0.1.nip.io/reports/a"),
        "url",
        "constraint-error",
    ),
    "a link with a character not percent-encoded": (
        *set_cell("sources.csv", 266, "url", "https://ko.wikipedia.org/wiki/조선"),
        "url",
        "constraint-error",
    ),
    "a search engine's click redirect": (
        *set_cell("sources.csv", 266, "url", "https://www.bing.com/ck/a?!&&p=abc&u=a1aHR0cHM6"),
        "url",
        "indirect",
    ),
    "a proxy's copy of a page": (
        *set_cell(
            "sources.csv", 266, "url", "https://www-reuters-com.turbopages.org/turbo/www.reuters.com/s/article/us-a"
        ),
        "url",
        "indirect",
    ),
    "a web archive's list of snapshots": (
        *set_cell(
            "sources.csv",
            266,
            "url",
            "https://web.archive.org/web/*/https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9",
        ),
        "url",
        "indirect",
    ),
    "a link carrying a session id": (
        *set_cell(
            "sources.csv", 266, "url", "https://world.kbs.co.kr/service/news_view.htm;jsessionid=A1B2?Seq_Code=1"
        ),
        "url",
        "tracking",
    ),
    "a link carrying a browser's highlight": (
        *set_cell(
            "sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9#:~:text=Lavrov%20travelled"
        ),
        "url",
        "tracking",
    ),
    "a link carrying a share button's tag": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9?CMP=share_btn_tw"),
        "url",
        "tracking",
    ),
    "a link carrying Matomo's campaign tag": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9?pk_campaign=feed"),
        "url",
        "tracking",
    ),
    "a link carrying an access token": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/us-a/b-idUSKCN1IW0Y9?token=abc123"),
        "url",
        "credentials",
    ),
    "an Armenian o in a Latin name": (
        *set_cell("curated/contacts.csv", 5, "visitor", "Kim Yօng Nam"),
        "visitor",
        "text",
    ),
    "a Cherokee letter that looks like O": (*set_cell("curated/contacts.csv", 5, "place", "MᎤscow"), "place", "text"),
    "a small capital M in a name": (*set_cell("curated/contacts.csv", 5, "visitor", "Kiᴍ Yong Nam"), "visitor", "text"),
    "a letter-like script l": (*set_cell("curated/contacts.csv", 5, "visitor", "Kim Yong Namℓ"), "visitor", "text"),
    "a Roman numeral typed as one character": (
        *set_cell("sources.csv", 266, "title", "Talks, part Ⅱ"),
        "title",
        "text",
    ),
    "a Greek question mark for a semicolon": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter; study visas."),
        "note",
        "text",
    ),
    "the Soviet-era debt in billions typed a thousand times over": (
        *set_cell("curated/debt_settlement.csv", 1, "value", "11000"),
        "value",
        "when",
    ),
    "a claimed number of days with a minus sign": (
        *set_cell("curated/claims.csv", 11, "claimed_value", "-10"),
        "claimed_value",
        "constraint-error",
    ),
    "a General Assembly session that was not sitting on the vote's date": (
        *set_cell("curated/unga_hr_votes.csv", 1, "session", "76"),
        "session",
        "session-date",
    ),
    "a Wayback list of a year's snapshots": (
        *set_cell("sources.csv", 266, "url", "https://web.archive.org/web/2024*/https://www.reuters.com/article/a"),
        "url",
        "indirect",
    ),
    "a site's name after a double colon": (
        *set_cell("sources.csv", 266, "title", "Lavrov visits Pyongyang :: 38 North"),
        "title",
        "refused-text",
    ),
    "authors cut short to and others": (
        *set_cell("sources.csv", 266, "author", "Kim Tong-hyung and others"),
        "author",
        "refused-text",
    ),
    "a link carrying a PHP session": (
        *set_cell("sources.csv", 266, "url", "https://www.reuters.com/article/a?PHPSESSID=abc"),
        "url",
        "tracking",
    ),
    "LibreOffice's error value": (*set_cell("curated/dprk_entries_russia.csv", 2, "note", "Err:502"), "note", "text"),
    "a Wikipedia note mark": (
        *set_cell("curated/contacts.csv", 5, "visitor", "Kim Yong Nam[note 1]"),
        "visitor",
        "markup",
    ),
    "a JSON unicode escape": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "It\\u2019s a note."),
        "note",
        "markup",
    ),
    "a whole note reading TBA": (*set_cell("curated/dprk_entries_russia.csv", 2, "note", "TBA"), "note", "placeholder"),
    "a Lisu letter like P": (*set_cell("curated/contacts.csv", 5, "place", "ꓑyongyang"), "place", "text"),
    "three Cyrillic letters read as Latin-1": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "note", "Third quarter: Ìèð"),
        "note",
        "encoding",
    ),
    "a KCNA mirror filed as reporting": (
        *set_cell("sources.csv", 13, "url", "https://kcnawatch.org/newstream/1733381329-73707176/treaty"),
        "tier",
        "copy-domain",
    ),
    "a propaganda-network page named without its scheme in a note": (
        *set_cell("sources.csv", 266, "note", "Copy at news-pravda.com/world/2018/05/31/1.html as well."),
        "note",
        "refused-domain",
    ),
    "a script's link inside a note": (
        *set_cell("sources.csv", 266, "note", "Read on the site; see javascript:alert(1) for the copy."),
        "note",
        "text-link",
    ),
    "a publisher named with the site that republished the copy": (
        *set_cell("sources.csv", 266, "publisher", "Reuters, republished by Yahoo"),
        "publisher",
        "refused-text",
    ),
    "an author written with the byline's By": (
        *set_cell("sources.csv", 266, "author", "By Denis Pinchuk"),
        "author",
        "refused-text",
    ),
    "a title copied from an error page": (
        *set_cell("sources.csv", 266, "title", "404 Not Found"),
        "title",
        "refused-text",
    ),
    "a title with braces": (
        *set_cell("sources.csv", 266, "title", "Lavrov meets {Kim} in Pyongyang"),
        "title",
        "refused-text",
    ),
    "a state outlet filed as analysis": (*set_cell("sources.csv", 13, "tier", "analysis"), "tier", "when"),
    "a note that is a pasted page": (
        *set_cell("curated/transfer_estimates.csv", 3, "note", "Quoted text." * 400),
        "note",
        "long",
    ),
    "a purpose with a thin space pasted from a page": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Signed the 1961 Treaty of Friendship\u2009with Khrushchev."),
        "purpose",
        "spacing",
    ),
    "a purpose with a Hangul filler that shows nothing": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Signed the 1961 treaty\u3164 with Khrushchev."),
        "purpose",
        "text",
    ),
    "a place spelled with a Cyrillic look-alike letter": (
        *set_cell("curated/contacts.csv", 3, "place", "Py\u043engyang"),
        "place",
        "text",
    ),
    "a count of people sent mistyped by three zeros": (
        *set_cell("curated/transfer_estimates.csv", 1, "high", "1500000000"),
        "high",
        "when",
    ),
    "a purpose left as a to-do mark": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Talks on trade (TODO: check the minister)"),
        "purpose",
        "placeholder",
    ),
    "an estimate's note typed as filler": (
        *set_cell("curated/transfer_estimates.csv", 3, "note", "xxx"),
        "note",
        "placeholder",
    ),
    "a title with a word deleted, two spaces left": (
        *set_cell("sources.csv", 266, "title", "Russia's Lavrov meets North Korea's  in Pyongyang: Russian agencies"),
        "title",
        "spacing",
    ),
    "a purpose pasted with a no-break space": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Talks with Kim\u00a0Il Sung on trade"),
        "purpose",
        "spacing",
    ),
    "a wire story's byline filled with its agency's name": (
        *set_cell("sources.csv", 266, "author", "Reuters"),
        "author",
        "same-value",
    ),
    "a byline holding the agency's short name (publisher Yonhap News Agency)": (
        *set_cell("sources.csv", 63, "author", "Yonhap"),
        "author",
        "same-value",
    ),
    "a byline naming the outlet beside a reporter (publisher The Korea Herald)": (
        *set_cell("sources.csv", 69, "author", "Ji Da-gyum; korea herald"),
        "author",
        "same-value",
    ),
    "a Korean headline with the outlet's Korean name after a dash (publisher Segye Ilbo)": (
        *set_cell("sources.csv", 243, "title", "北 2024년 대외무역 감소세로 전환 - 세계일보"),
        "title",
        "refused-text",
    ),
    "a Russian headline with the agency's name after a dash (publisher Interfax)": (
        *set_cell("sources.csv", 182, "title", "Россия отложила выбор компаний для работ в КНДР — Интерфакс"),
        "title",
        "refused-text",
    ),
    "a minister's name one letter from its usual spelling": (
        *set_cell("curated/contacts.csv", 39, "visitor", "Choi Son Hui"),
        "visitor",
        "spelling",
    ),
    "an estimator named one letter differently, splitting its series": (
        *set_cell("curated/transfer_estimates.csv", 3, "estimator", "South Korean NIS"),
        "estimator",
        "spelling",
    ),
    "a source's publication year mistyped against the day its id carries": (
        *set_cell("sources.csv", 289, "published", "2018-08-07"),
        "published",
        "key-date",
    ),
    "a General Assembly plenary dated before its Third Committee vote": (
        *set_cell("curated/unga_hr_votes.csv", 6, "date", "2022-11-10"),
        "date",
        "sequence",
    ),
    "a contact in Pyongyang given the host South Korea": (
        *set_cell("curated/contacts.csv", 25, "host_country", "KOR"),
        "host_country",
        "determines",
    ),
    "an article's claim credited to a later report": (
        *set_cell("curated/claims.csv", 33, "source_id", "cnn-2019-04-25-putin-kim-summit"),
        "source_id",
        "when",
    ),
    "a contact's purpose pasted in Korean": (
        *set_cell("curated/contacts.csv", 49, "purpose", "라브로프 외무장관과 회담"),
        "purpose",
        "language",
    ),
    "a byline that names no one": (
        *set_cell("sources.csv", 266, "author", "Polina Ivanova; Reuters Staff"),
        "author",
        "refused-text",
    ),
    "an aggregator's copy filed as reporting": (
        *set_cell(
            "sources.csv",
            266,
            "url",
            "https://www.urdupoint.com/en/world/russias-lavrov-meets-north-koreas-kim-in-pyo-345678.html",
        ),
        "tier",
        "copy-domain",
    ),
    "a purpose cut short inside a bracket": (
        *set_cell("curated/contacts.csv", 2, "purpose", "Talks on aid (with the premier"),
        "purpose",
        "unbalanced",
    ),
    "a list of authors with an empty last item": (
        *set_cell("sources.csv", 388, "author", "Lim Soo-ho (임수호);"),
        "author",
        "cut-short",
    ),
    "a contact's start moved to another month than its key gives": (
        *set_cell("curated/contacts.csv", 63, "start_date", "2024-08-18"),
        "start_date",
        "key-date",
    ),
    "a page dated to the month after the month its id gives, neither naming a day": (
        *set_cell("sources.csv", 87, "published", "2025-01"),
        "published",
        "key-date",
    ),
    "a Security Council vote dated the day before the meeting coverage that reports it": (
        *set_cell("curated/unsc_resolutions.csv", 1, "date", "2006-07-14"),
        "date",
        "key-date",
    ),
    "a recorded Assembly vote dated the day before the meeting coverage that reports it": (
        *set_cell("curated/unga_recorded_votes.csv", 4, "date", "2022-10-11"),
        "date",
        "key-date",
    ),
    "a fact dated in another year than its id gives": (
        *set_cell("curated/article_context.csv", 34, "date", "2015-09-05"),
        "date",
        "key-date",
    ),
    "a fact dated in another month than its id names in words": (
        *set_cell("curated/article_context.csv", 15, "date", "2011-11-01"),
        "date",
        "key-date",
    ),
    "a range's high end ten times what its id gives": (
        *set_cell("curated/transfer_estimates.csv", 52, "high", "60000000"),
        "high",
        "carries",
    ),
    "a single figure's high end ten times what its id gives": (
        *set_cell("curated/transfer_estimates.csv", 70, "high", "100000000"),
        "high",
        "carries",
    ),
    "a yearly rate counted in a unit that is not per year": (
        *set_cell("curated/transfer_estimates.csv", 54, "unit", "rounds"),
        "unit",
        "when",
    ),
    "an estimator written once with 'the' inside its name": (
        *set_cell("curated/transfer_estimates.csv", 77, "estimator", "Ukraine intelligence (via the Financial Times)"),
        "estimator",
        "spelling",
    ),
    "an estimate dated a year away from its key": (
        *set_cell("curated/transfer_estimates.csv", 3, "as_of", "2024-04-30"),
        "as_of",
        "key-date",
    ),
    "a human-rights vote's year mistyped against its date": (
        *set_cell("curated/unga_hr_votes.csv", 1, "year", "2021"),
        "date",
        "key-date",
    ),
    "a named vote against that the count does not hold": (
        *set_cells("curated/unsc_resolutions.csv", 19, {"votes_against": "1", "abstentions": "1"}),
        "votes_against",
        "tally",
    ),
    "a draft adopted over a permanent member's no": (
        *set_cell("curated/unsc_resolutions.csv", 20, "outcome", "adopted"),
        "outcome",
        "veto",
    ),
    "a draft vetoed with no permanent member against": (
        *set_cell("curated/unsc_resolutions.csv", 25, "outcome", "vetoed"),
        "outcome",
        "veto",
    ),
    "a resolution adopted with fewer affirmative votes than the Charter requires": (
        *set_cells("curated/unsc_resolutions.csv", 1, {"votes_for": "8", "abstentions": "7"}),
        "votes_for",
        "veto",
    ),
    "a draft vetoed with fewer than nine votes for (it failed)": (
        *set_cells("curated/unsc_resolutions.csv", 19, {"votes_for": "8", "abstentions": "5"}),
        "votes_for",
        "veto",
    ),
    "a draft recorded as failed with thirteen votes for": (
        *set_cell("curated/unsc_resolutions.csv", 19, "outcome", "failed"),
        "votes_for",
        "veto",
    ),
    "a General Assembly text adopted with more votes against than for": (
        *set_cell("curated/unga_recorded_votes.csv", 22, "yes", "0"),
        "yes",
        "order",
    ),
    "a place renamed with another place's name": (
        *set_cell(
            "curated/places.csv",
            10,
            "name",
            "Russia–DPRK road bridge over the Tumen (under construction since 30 Apr 2025)",
        ),
        "place_id",
        "determines",
    ),
    "a place's second position filed as another kind of place": (
        *set_cell("curated/places.csv", 12, "kind", "border_crossing"),
        "kind",
        "determines",
    ),
    "one General Assembly vote given two dates by two sources": (
        *set_cell("curated/unga_recorded_votes.csv", 24, "date", "2022-11-15"),
        "date",
        "determines",
    ),
    "a contact's purpose deleted": (
        *set_cell("curated/contacts.csv", 26, "purpose", ""),
        "purpose",
        "constraint-error",
    ),
    "a contact's place deleted": (*set_cell("curated/contacts.csv", 47, "place", ""), "place", "constraint-error"),
    "one Security Council vote entered twice, under its number and in words": (
        *set_cell("curated/unsc_resolutions.csv", 25, "date", "2015-03-04"),
        "date,subject",
        "unique-key",
    ),
    "one source's General Assembly vote entered twice, under a description and a symbol": (
        "curated/unga_recorded_votes.csv",
        lambda rows: rows.append(["A/RES/78/289", *rows[22][1:]]),
        "date,topic,source_id",
        "unique-key",
    ),
    "one context fact entered twice, its description reworded": (
        "curated/article_context.csv",
        lambda rows: rows.append(
            [
                f"{rows[28][0]}-again",
                rows[28][1],
                rows[28][2],
                rows[28][3],
                rows[28][4],
                "Putin was away ten days.",
                *rows[28][6:],
            ]
        ),
        "claim_id,source_id,date,value",
        "unique-key",
    ),
    "a quarter's count dated to another quarter than its note names": (
        *set_cell("curated/dprk_entries_russia.csv", 4, "start", "2020-04-01"),
        "start",
        "when",
    ),
    "a count of entries where the note says there were none": (
        *set_cell("curated/dprk_entries_russia.csv", 8, "entries", "51"),
        "entries",
        "when",
    ),
    "a project's day a day before the one its detail writes": (
        *set_cell("curated/projects.csv", 39, "date", "2024-02-08"),
        "date",
        "written-date",
    ),
    "a project's day between the two its detail writes": (
        *set_cell("curated/projects.csv", 9, "date", "2014-11-28"),
        "date",
        "written-date",
    ),
    "a vice foreign minister's visit filed at the minister's level": (
        *set_cell("curated/contacts.csv", 13, "level", "foreign_minister"),
        "level",
        "when",
    ),
    "an excluded statement tested as another claim than its note names": (
        *set_cell("curated/article_excluded.csv", 4, "tested_as", "petrov-affiliation"),
        "tested_as",
        "key-lists",
    ),
    "a drills plan cited to a page published before the statement it reports": (
        *set_cell("curated/military_events.csv", 1, "source_id", "tass-2015-01-13-kim-accepts-invitation"),
        "date",
        "reported-before-event",
    ),
    "an announcement dated after the page that reports it": (
        *set_cell("curated/agreements.csv", 16, "date", "2024-10-16"),
        "date",
        "reported-before-event",
    ),
    "one visit without an end entered again from the next day": (
        "curated/contacts.csv",
        lambda rows: rows.append(
            [f"{rows[4][0]}-again", rows[4][1], "1986-01-21", *rows[4][3:9], "Pyongyang (second day)", *rows[4][10:]]
        ),
        "start_date",
        "overlap",
    ),
    "a vote count its own quotation does not give": (
        *set_cell("curated/unga_recorded_votes.csv", 1, "yes", "142"),
        "yes",
        "stated",
    ),
    "a dollar figure with a decimal slipped (a tenth of what the source writes)": (
        *set_cell("curated/russia_korea_trade.csv", 4, "value_usd_millions", "1013"),
        "value_usd_millions",
        "stated",
    ),
    "a place moved within its own country (a latitude mistyped)": (
        *set_cell("curated/places.csv", 7, "lat", "39.304"),
        "lat",
        "stated",
    ),
    "a DPRK trade figure ten times the largest ever recorded (a slipped decimal)": (
        *set_cell("curated/trade_reported.csv", 40, "value_usd_millions", "28000"),
        "value_usd_millions",
        "constraint-error",
    ),
    "a made-up key of a contact that is only a date": (
        *set_cell("curated/contacts.csv", 3, "contact_id", "0000-01-01"),
        "contact_id",
        "constraint-error",
    ),
    "a date without its precision": (
        *set_cell("curated/debt_settlement.csv", 17, "date_precision", ""),
        "date_precision",
        "required-with",
    ),
    "a made-up key that reads as a number": (
        *set_cell("curated/projects.csv", 50, "project_id", "1e309"),
        "project_id",
        "constraint-error",
    ),
    "a claim listed that does not exist": (
        *set_cell(
            "curated/article_excluded.csv", 14, "tested_as", "west-relations-low;both-sanctioned;oil-price-drop;no-such"
        ),
        "tested_as",
        "foreign-key",
    ),
    "a resolution's subject spelt another way": (
        *set_cell("curated/unsc_resolutions.csv", 9, "subject", "Panel of experts renewal"),
        "subject",
        "constraint-error",
    ),
    "an export figure mistyped beside its total": (
        *set_cell("curated/trade_reported.csv", 83, "value_usd_millions", "7770"),
        "value_usd_millions",
        "total-of-parts",
    ),
    "a figure mistyped in a group whose source disagrees with itself": (
        *set_cell("curated/trade_reported.csv", 137, "value_usd_millions", "3200"),
        "value_usd_millions",
        "total-of-parts",
    ),
    "a publication date written only to the month where its link gives the day": (
        *set_cell("sources.csv", 19, "published", "2024-06"),
        "published",
        "url-date",
    ),
    "a publication year mistyped against the date in its link": (
        *set_cell("sources.csv", 212, "published", "2015-05-22"),
        "published",
        "url-date",
    ),
    "a traveller given another country than in their other visits": (
        *set_cell("curated/contacts.csv", 3, "visitor_country", "CHN"),
        "visitor_country",
        "determines",
    ),
    "an estimator filed under another kind": (
        *set_cell("curated/transfer_estimates.csv", 2, "estimator_kind", "government"),
        "estimator_kind",
        "determines",
    ),
    "a date deleted and its precision left behind": (
        *set_cell("curated/debt_settlement.csv", 15, "date", ""),
        "date_precision",
        "date-precision",
    ),
    "two importers given one rank by one source in one year": (
        *set_cell("curated/lng_importers.csv", 12, "rank", "1"),
        "rank",
        "rank",
    ),
    "a third-ranked importer given more than the second": (
        *set_cell("curated/lng_importers.csv", 10, "value", "70.1"),
        "rank",
        "rank",
    ),
    "a part larger than its total": (
        *set_cell("curated/dprk_entries_russia.csv", 2, "entries", "9060"),
        "entries",
        "total-of-parts",
    ),
    "a trade total mistyped": (
        *set_cell("curated/russia_korea_trade.csv", 11, "value_usd_millions", "28800"),
        "value_usd_millions",
        "total-of-parts",
    ),
    "a unit without its number": (
        *set_cell("curated/claims.csv", 27, "claimed_unit", "days"),
        "claimed_value",
        "required-with",
    ),
    "a headline with the outlet's name before it": (
        *set_cell("sources.csv", 58, "title", "CNN: Vladimir Putin and Kim Jong Un hold first summit (live updates)"),
        "title",
        "starts-with-name",
    ),
    "a byline written surname first": (
        *set_cell("sources.csv", 414, "author", "Klug, Foster"),
        "author",
        "refused-text",
    ),
    "a byline with the agency after it": (
        *set_cell("sources.csv", 414, "author", "Foster Klug, AP"),
        "author",
        "refused-text",
    ),
    "a publisher with the date after it": (
        *set_cell("sources.csv", 58, "publisher", "CNN, 25 April 2019"),
        "publisher",
        "refused-text",
    ),
    "the author's name typed as the title": (
        *set_cell("sources.csv", 414, "title", "Foster Klug"),
        "title",
        "same-value",
    ),
    "the source's id typed as its title": (
        *set_cell("sources.csv", 58, "title", "cnn-2019-04-25-putin-kim-summit"),
        "source_id",
        "same-value",
    ),
    "a reporter typed as the outlet": (
        *set_cell("sources.csv", 414, "publisher", "Tsvetana Paraskova"),
        "publisher",
        "apart",
    ),
    "a treaty dated the day before the visit it was signed on": (
        *set_cell("curated/agreements.csv", 13, "date", "2024-06-18"),
        "date",
        "during",
    ),
    "an event linked to a visit two years later": (
        *set_cell("curated/military_events.csv", 4, "contact_id", "2025-03-shoigu-pyongyang"),
        "date",
        "during",
    ),
    "a contact citing a trade dataset": (
        *set_cell("curated/contacts.csv", 4, "source_id", "cow-trade-v4"),
        "source_id",
        "source-kind",
    ),
    "a recorded vote citing a gazetteer": (
        *set_cell("curated/unga_recorded_votes.csv", 2, "source_id", "geonames-cities500"),
        "source_id",
        "source-kind",
    ),
    "a foreign minister recorded as other senior between two visits as minister": (
        *set_cell("curated/contacts.csv", 40, "level", "other_senior"),
        "level",
        "no-return",
    ),
    "a foreign minister's first visit typed as the leader's, between two of the leader's": (
        *set_cell("curated/contacts.csv", 25, "level", "leader"),
        "level",
        "one-holder",
    ),
    "a predecessor's name typed on a visit inside the successor's tenure": (
        *set_cell("curated/contacts.csv", 29, "visitor", "Kim Jong Il"),
        "visitor",
        "one-holder",
    ),
    "a China summit filed as a Russia contact (partner mistyped)": (
        *set_cell("curated/contacts.csv", 51, "partner", "RUS"),
        "purpose",
        "when",
    ),
    "a third-country meeting given one side as its host": (
        *set_cell("curated/contacts.csv", 22, "host_country", "RUS"),
        "host_country",
        "when",
    ),
    "a third-country meeting's visitor turned to the Russian side": (
        *set_cells("curated/contacts.csv", 48, {"visitor": "Vladimir Putin", "visitor_country": "RUS"}),
        "visitor_country",
        "when",
    ),
    "a visit known only from its announcement marked confirmed": (
        *set_cell("curated/contacts.csv", 20, "status", "confirmed"),
        "status",
        "when",
    ),
    "a state visit coded below a head of state": (
        *set_cell("curated/contacts.csv", 38, "level", "head_of_government"),
        "level",
        "when",
    ),
    "a treaty's signing coded as a visit": (
        *set_cell("curated/military_events.csv", 23, "kind", "visit"),
        "kind",
        "when",
    ),
    "the lower house's vote credited to the upper house": (
        *set_cell("curated/agreements.csv", 18, "actor", "State Duma"),
        "event",
        "when",
    ),
    "a ratification by decree coded as a law signed": (
        *set_cell("curated/agreements.csv", 20, "event", "signed_into_law"),
        "event",
        "when",
    ),
    "a port coded as a city": (
        *set_cell("curated/places.csv", 14, "kind", "city"),
        "kind",
        "carries",
    ),
    "a city coded as a station": (
        *set_cell("curated/places.csv", 2, "kind", "rail_station"),
        "kind",
        "when",
    ),
    "a lower bound given a high end": (
        *set_cell("curated/transfer_estimates.csv", 8, "high", "3000"),
        "high",
        "when",
    ),
    "a Security Council count its own detail does not give": (
        *set_cells("curated/unsc_resolutions.csv", 20, {"usa_vote": "abstain", "votes_for": "12", "abstentions": "2"}),
        "votes_for",
        "carries",
    ),
    "China's customs figure filed under Russia": (
        *set_cell("curated/trade_reported.csv", 67, "partner", "RUS"),
        "partner",
        "when",
    ),
    "a propaganda-network page kept in archive.today's long link": (
        *set_cell(
            "sources.csv",
            13,
            "url",
            "https://archive.ph/2024.12.05-101010/https://news-pravda.com/world/2024/12/05/1.html",
        ),
        "url",
        "refused-domain",
    ),
    "another outlet's story kept in archive.today, filed under the first outlet": (
        *set_cell(
            "sources.csv",
            47,
            "url",
            "https://archive.ph/2022.05.27-101010/https://www.reuters.com/world/veto-2022-05-27/",
        ),
        "publisher",
        "site",
    ),
    "archive.today's link to whichever copy is newest": (
        *set_cell(
            "sources.csv", 47, "url", "https://archive.ph/newest/https://en.wikipedia.org/wiki/China_Russia_veto"
        ),
        "url",
        "snapshot",
    ),
    "a propaganda-network page kept in the Wayback Machine, its link written without a scheme": (
        *set_cell(
            "sources.csv",
            25,
            "url",
            "https://web.archive.org/web/20001010101010/news-pravda.com/world/2000/06/24/1.html",
        ),
        "url",
        "refused-domain",
    ),
    "a state outlet's page kept in the Wayback Machine without a scheme, filed as a news report": (
        *set_cells(
            "sources.csv",
            47,
            {"url": "https://web.archive.org/web/20220528101010/tass.com/world/1455555", "tier": "secondary"},
        ),
        "kind",
        "domain-value",
    ),
    "a title that is only the editor's marker": (
        *set_cell("sources.csv", 47, "title", "[title not shown in stored copy; descriptive]"),
        "title",
        "refused-text",
    ),
    "a link's slug pasted as the title": (
        *set_cell("sources.csv", 47, "title", "china-russia-veto-un-resolution-on-tougher-north-korea-sanctions"),
        "title",
        "refused-text",
    ),
    "someone's page on a hosting service filed as reporting": (
        *set_cell("sources.csv", 47, "url", "https://someone.github.io/dprk/veto.html"),
        "tier",
        "copy-domain",
    ),
    "a compilation tiered as analysis": (
        *set_cell("sources.csv", 402, "tier", "analysis"),
        "tier",
        "when",
    ),
    "the DPRK's state portal filed as a news report": (
        *set_cell("sources.csv", 66, "url", "https://uriminzokkiri.com/index.php?ptype=cfonews&no=1"),
        "kind",
        "domain-value",
    ),
    "a news app's short link": (
        *set_cell("sources.csv", 47, "url", "https://apple.news/AbC123xyz"),
        "url",
        "indirect",
    ),
    "a news aggregator's redirect to the story": (
        *set_cell("sources.csv", 47, "url", "https://news.google.com/rss/articles/CBMiabc?oc=5"),
        "url",
        "indirect",
    ),
    "a statement that denies nothing marked as not having happened": (
        *set_cell("curated/military_events.csv", 47, "status", "did_not_happen"),
        "detail",
        "when",
    ),
    "a treaty signed during a visit with the visit's link deleted": (
        *set_cell("curated/agreements.csv", 10, "contact_id", ""),
        "contact_id",
        "when",
    ),
    "a total of troops sent scoped as one wave": (
        *set_cell("curated/transfer_estimates.csv", 3, "scope", "wave"),
        "scope",
        "when",
    ),
    "a yearly income given without its period": (
        *set_cell("curated/transfer_estimates.csv", 60, "unit", "usd"),
        "unit",
        "when",
    ),
    "one country's LNG imports filed under another in the same year": (
        *set_cell("curated/lng_importers.csv", 13, "country", "KOR"),
        "value",
        "agree-within",
    ),
    "a look-alike of an outlet's domain, written in punycode": (
        *set_cell("sources.csv", 13, "url", "https://xn--tss-6cd.com/world/1882445"),
        "url",
        "constraint-error",
    ),
    "a private newspaper filed as state media": (
        *set_cell("sources.csv", 66, "kind", "state_media"),
        "kind",
        "domain-value",
    ),
    "a place typed in the visitor column": (
        *set_cell("curated/contacts.csv", 49, "visitor", "Pyongyang"),
        "visitor",
        "apart",
    ),
    "a drill discussed recorded as held": (
        *set_cell("curated/military_events.csv", 6, "kind", "joint_drill"),
        "detail",
        "when",
    ),
    "a statement marked as not having happened": (
        *set_cell("curated/military_events.csv", 12, "status", "did_not_happen"),
        "detail",
        "when",
    ),
    "a resolution dated before the nuclear test it answers": (
        *set_cell("curated/unsc_resolutions.csv", 5, "answers_test", "4"),
        "date",
        "during",
    ),
    "a resolution answering a seventh nuclear test": (
        *set_cell("curated/unsc_resolutions.csv", 5, "answers_test", "7"),
        "answers_test",
        "foreign-key",
    ),
    "one person on two overlapping visits": (
        *set_cell("curated/contacts.csv", 44, "end_date", "2025-06-20"),
        "start_date",
        "overlap",
    ),
    "a visitor's name written surname first": (
        *set_cell("curated/contacts.csv", 34, "visitor", "Shoigu Sergei"),
        "visitor",
        "spelling",
    ),
    "a visitor pasted from another row": (
        *set_cell("curated/contacts.csv", 36, "visitor", "Sergei Shoigu"),
        "visitor",
        "key-names",
    ),
    "a debt's remainder that is not what the share written off leaves": (
        *set_cell("curated/debt_settlement.csv", 10, "value", "1.9"),
        "value",
        "share-of",
    ),
    "a share written off typed without its last digit": (
        *set_cell("curated/debt_settlement.csv", 7, "value", "9"),
        "value",
        "share-of",
    ),
    "a debt total with its decimal point moved": (
        *set_cell("curated/debt_settlement.csv", 3, "value", "1.096"),
        "value",
        "share-of",
    ),
    "a Vladivostok visit's place typed as another Russian city": (
        *set_cell("curated/contacts.csv", 29, "place", "Moscow"),
        "place",
        "key-names",
    ),
    "a project's detail pasted from the row above": (
        *set_cell(
            "curated/projects.csv",
            26,
            "detail",
            "Yonhap: planned completion end of 2026; bridge 850 m (length differs from TASS's 1 km).",
        ),
        "detail",
        "once",
    ),
    "authors joined with 'and'": (
        *set_cell("sources.csv", 266, "author", "Polina Ivanova and Tom Balmforth"),
        "author",
        "refused-text",
    ),
    "an undated page given the day it was read as its publication date": (
        *set_cell("sources.csv", 302, "published", "2026-11-29"),
        "published",
        "when",
    ),
    "a vote without a date filed under another session's year": (
        *set_cell("curated/unga_hr_votes.csv", 8, "year", "2022"),
        "session",
        "session-date",
    ),
    "a test's day mistyped, its note writing the day out": (
        *set_cell("curated/nuclear_test_dates.csv", 1, "date", "2006-10-08"),
        "date",
        "written-date",
    ),
    "a partner's trade above the DPRK's trade with the world": (
        *set_cell("curated/trade_reported.csv", 31, "value_usd_millions", "7510"),
        "value_usd_millions",
        "part-of",
    ),
    "a decision coded as a recorded vote without its counts": (
        *set_cell("curated/unga_hr_votes.csv", 2, "adoption", "recorded_vote"),
        "yes",
        "when",
    ),
    "a state outlet's report filed as a news report": (
        *set_cell(
            "sources.csv", 185, "kind", "news_report"
        ),  # Windows to Russia (a copy host; its other row is state media)
        "kind",
        "never-with",
    ),
    "a headline ending with the outlet's domain": (
        *set_cell("sources.csv", 58, "title", "Vladimir Putin and Kim Jong Un hold first summit - CNN.com"),
        "title",
        "ends-with-name",
    ),
    "a delegation's trip linked to another visit of the same week": (
        *set_cell("curated/military_events.csv", 30, "contact_id", "2025-06-lyubimova-pyongyang"),
        "contact_id",
        "during",
    ),
    "a million shells typed as ten million, the id saying 1m": (
        *set_cell("curated/transfer_estimates.csv", 44, "low", "10000000"),
        "low",
        "carries",
    ),
    "a trade figure in billions entered unconverted": (
        *set_cell("curated/trade_reported.csv", 28, "value_usd_millions", "6.54"),
        "value_usd_millions",
        "when",
    ),
    "a Security Council vote one member short": (
        *set_cell("curated/unsc_resolutions.csv", 9, "votes_for", "14"),
        "votes_for,votes_against,abstentions",
        "sum",
    ),
}


@pytest.mark.parametrize("label", CORRUPTIONS)
def test_corruption_is_reported_with_file_line_and_field(data_copy: Path, label: str) -> None:
    table, change, field, rule = CORRUPTIONS[label]
    rewrite(data_copy / table, change)
    problems = validate(data_copy)
    matching = [p for p in problems if p.path == table and p.field == field and p.rule == rule]
    assert matching, [str(p) for p in problems]
    assert matching[0].line is not None and matching[0].line >= 2
    assert str(matching[0]).startswith(f"{table}: line {matching[0].line}, field {field!r}: {rule}: ")


@pytest.mark.parametrize("label", CORRUPTIONS)
def test_load_refuses_what_validate_refuses_with_the_same_message(data_copy: Path, label: str, monkeypatch) -> None:
    table, change, field, rule = CORRUPTIONS[label]
    rewrite(data_copy / table, change)
    first = str(validate(data_copy)[0]) if field != "row_key" else None
    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    name = next(e["name"] for e in catalog.descriptor()["resources"] if e["path"] == table)
    with pytest.raises(TableError) as refused:
        catalog.load(name)
    assert f"field {field!r}: {rule}" in str(refused.value)
    if first and first.startswith(table):
        assert str(refused.value).startswith(first)


@pytest.mark.parametrize("table", ["curated/trade_reported.csv", "curated/projects.csv", "curated/audit.csv"])
def test_a_file_saved_again_as_latin1_is_refused(data_copy: Path, table: str) -> None:
    """Characters Latin-1 cannot hold become "?"; no invalid byte is left for the file check to find."""
    path = data_copy / table
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", "replace"))
    problems = [p for p in validate(data_copy) if p.path == table]
    assert problems and problems[0].rule == "encoding", [str(p) for p in problems]
    assert problems[0].line is not None and problems[0].field != "-"


def test_physical_line_numbers_count_multi_line_cells(data_copy: Path) -> None:
    def change(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("purpose")] = "first line\nsecond line"  # a quoted newline is refused as text ...
        rows[3][rows[0].index("start_date")] = "bad"  # ... and row 3 starts on physical line 5

    rewrite(data_copy / "curated/contacts.csv", change)
    problems = {(p.field, p.line) for p in validate(data_copy) if p.path == "curated/contacts.csv"}
    assert ("purpose", 2) in problems and ("start_date", 5) in problems


def test_duplicate_key_is_rejected(data_copy: Path) -> None:
    rewrite(data_copy / "curated/military_events.csv", lambda rows: rows.append(list(rows[1])))
    problems = validate(data_copy)
    assert any(
        p.path == "curated/military_events.csv" and p.rule == "primary-key" and p.field == "event_id" for p in problems
    ), [str(p) for p in problems]


# Tables with a natural key, and the free-text field of it a copy may retype (None: every field of the key follows
# a code list or a format, and a key retyped there is a cell that cannot be read, told once by its own rule).
NATURAL_KEYS = [
    ("curated/contacts.csv", "contact_id", ["visitor", "start_date"], "visitor"),
    (
        "curated/transfer_estimates.csv",
        "estimate_id",
        ["item", "direction", "as_of", "estimator", "scope"],
        "estimator",
    ),
    ("curated/military_events.csv", "event_id", ["date", "kind", "actors"], None),
    ("curated/claims.csv", "claim_id", ["claim"], "claim"),
    ("curated/article_context.csv", "fact_id", ["description"], "description"),
    ("curated/article_excluded.csv", "statement_id", ["statement"], "statement"),
    ("curated/audit.csv", "check_id", ["finding", "table", "row_key"], "finding"),
]


@pytest.mark.parametrize(
    ("table", "id_field", "natural_key", "text", "spelling"),
    [(*case, "same") for case in NATURAL_KEYS]
    + [(*case, spelling) for case in NATURAL_KEYS if case[3] for spelling in ("upper case", "retyped")],
)
def test_one_record_entered_twice_under_a_new_id_is_refused(
    data_copy: Path, table: str, id_field: str, natural_key: list[str], text: str | None, spelling: str
) -> None:
    def change(rows: list[list[str]]) -> None:
        copy = list(rows[2])
        copy[rows[0].index(id_field)] += "-again"
        if spelling == "upper case":
            copy[rows[0].index(text)] = copy[rows[0].index(text)].upper()
        if spelling == "retyped":  # typographic quotes typed plain, a full stop added
            copy[rows[0].index(text)] = copy[rows[0].index(text)].replace("’", "'").rstrip(".") + "."
        rows.append(copy)

    rewrite(data_copy / table, change)
    # a contact copied whole repeats its partner, host and first day too: that key is told on its own line
    problems = [p for p in validate(data_copy) if p.rule == "unique-key" and p.field == ",".join(natural_key)]
    last_line = len(read_rows(data_copy / table))  # one physical line per row in these tables
    assert [(p.path, p.line, p.field) for p in problems] == [(table, last_line, ",".join(natural_key))]
    assert "as on line 3: one record entered twice?" in str(problems[0])


@pytest.mark.parametrize("variant", ["S/RES/1718 (2006)".upper().replace("S/", "s/"), "Ｓ/RES/1718 (2006)"])
def test_keys_that_collide_after_normalisation_are_duplicates(data_copy: Path, variant: str) -> None:
    def change(rows: list[list[str]]) -> None:
        copy = list(rows[2])
        copy[rows[0].index("document")] = variant
        rows.append(copy)

    rewrite(data_copy / "curated/unsc_resolutions.csv", change)
    problems = [p for p in validate(data_copy) if p.rule == "primary-key"]
    assert problems and "already used on line 3" in problems[0].detail


def test_source_ids_that_collide_after_normalisation_are_duplicates(data_copy: Path) -> None:
    rewrite(data_copy / "sources.csv", lambda rows: rows.append([rows[1][0].upper(), *rows[1][1:]]))
    assert any(p.path == "sources.csv" and p.rule in ("primary-key", "constraint-error") for p in validate(data_copy))


@pytest.mark.parametrize(
    ("field", "value", "rule"), [("visitor", "Kim Yong-nam", "spelling"), ("visitor_country", "RUS", "determines")]
)
def test_the_row_that_differs_from_most_is_named_not_the_rows_after_it(
    data_copy: Path, field: str, value: str, rule: str
) -> None:
    """Kim Yong Nam travels on lines 6, 15, 21 and 27 of contacts: mistyping the first names line 6 alone, not the
    three rows that agree with each other."""
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", 5, field, value)[1])
    problems = [p for p in validate(data_copy) if p.rule == rule]
    assert [(p.line, p.field) for p in problems] == [(6, field)], [str(p) for p in problems]
    assert "on 3 line(s), first on line 15" in str(problems[0])


def test_missing_column_is_rejected(data_copy: Path) -> None:
    def drop(rows: list[list[str]]) -> None:
        index = rows[0].index("place")
        for row in rows:
            del row[index]

    rewrite(data_copy / "curated/contacts.csv", drop)
    problems = [str(p) for p in validate(data_copy)]
    assert problems == ["curated/contacts.csv: line 1, field 'place': missing-column: the header has no such column"]


@pytest.mark.parametrize("written", ["Place", "place "])
def test_a_column_written_in_another_case_or_with_a_space_is_named_as_written(data_copy: Path, written: str) -> None:
    def rename(rows: list[list[str]]) -> None:
        rows[0][rows[0].index("place")] = written

    rewrite(data_copy / "curated/contacts.csv", rename)
    problems = [str(p) for p in validate(data_copy)]
    assert problems == [
        f"curated/contacts.csv: line 1, field 'place': missing-column: the header writes it {written!r}"
    ]


def test_missing_table_file_is_rejected(data_copy: Path) -> None:
    (data_copy / "derived/rok_gas.csv").unlink()
    problems = validate(data_copy)
    assert [p.rule for p in problems if p.path == "derived/rok_gas.csv"] == ["missing-file"]


@pytest.mark.parametrize(
    ("damage", "rule", "line"),
    [
        (lambda raw: raw.decode("utf-8").encode("utf-16"), "encoding", 1),
        (lambda raw: raw.replace(b"\n", b"\n\xff", 3), "encoding", 2),
        (lambda raw: b"\xef\xbb\xbf" + raw, "encoding", 1),
        (lambda raw: raw[: raw.rindex(b"\n", 0, len(raw) - 1) + 30], "truncated", None),
        (lambda raw: raw + b'2099-x,"unclosed\n', "csv-syntax", None),
        (lambda raw: raw + b"only,three,cells\n", "row-length", None),
        (lambda raw: b"", "empty-file", 1),
        (lambda raw: raw[: raw.index(b"\n") + 1], "no-records", 2),
        (lambda raw: raw.replace(b"\n", b"\r"), "line-ending", 1),
        (lambda raw: raw.replace(b"\n", b"\r", 3).replace(b"\r", b"\n", 2), "line-ending", 3),
        # some lines CRLF, the rest LF (two editors); and an all-CRLF file with one LF line
        (lambda raw: raw.replace(b"\n", b"\r\n", 3), "line-ending", 4),
        (lambda raw: raw.replace(b"\n", b"\r\n").replace(b"\r\n", b"\n", 1), "line-ending", 2),
        (lambda raw: raw + b"\n", "blank-line", None),
        # a NUL byte after the last line is named as what it is, not as a file cut off
        (lambda raw: raw + b"\x00", "trailing-characters", None),
        (lambda raw: raw + b"\x0c\n", "row-length", None),  # a form feed alone on a line: named in the message
        (lambda raw: raw.replace(b",", b"\t"), "delimiter", 1),
        (lambda raw: raw.replace(b",", b";"), "delimiter", 1),
        (lambda raw: raw.replace(b"\n1965-", b'\n1965"-', 1), "csv-syntax", 3),
        # a header copied down, or a second file (with its byte-order mark) appended: not eight type errors
        (lambda raw: raw + raw[: raw.index(b"\n") + 1], "repeated-header", None),
        (lambda raw: raw + b"\xef\xbb\xbf" + raw[: raw.index(b"\n") + 1], "repeated-header", None),
    ],
)
def test_malformed_files_give_one_line_each(data_copy: Path, damage, rule: str, line: int | None) -> None:
    path = data_copy / "curated/contacts.csv"
    path.write_bytes(damage(path.read_bytes()))
    problems = [p for p in validate(data_copy) if p.path == "curated/contacts.csv"]
    assert len(problems) == 1 and problems[0].rule == rule, [str(p) for p in problems]
    if b"\x0c" in path.read_bytes():  # a line of a character that shows nothing is shown as its escape
        assert "holds only '\\x0c'" in str(problems[0])
    if line is not None:
        assert problems[0].line == line


def test_a_key_that_cannot_be_read_is_told_once(data_copy: Path) -> None:
    """A referenced table's key cell that does not read ("+1") is its own problem; the row pointing at that key is
    not also blamed for a foreign key that is not there."""
    rewrite(data_copy / "curated/nuclear_test_dates.csv", set_cell("x", 1, "test_number", "+1")[1])
    assert [(p.path, p.line, p.field, p.rule) for p in validate(data_copy)] == [
        ("curated/nuclear_test_dates.csv", 2, "test_number", "type-error")
    ]


@pytest.mark.parametrize(
    ("table", "row", "field", "value", "loaded", "refers_to"),
    [
        ("upstream.csv", 11, "sha256", "0" * 64, "unsc_vetoes_korea", "upstream"),
        ("sources.csv", 1, "accessed", "2026-11-31", "contacts", "sources"),
    ],
)
def test_a_table_is_not_loaded_beside_a_refused_table_it_refers_to(
    data_copy: Path, monkeypatch, table: str, row: int, field: str, value: str, loaded: str, refers_to: str
) -> None:
    """``load`` returns exactly what ``validate`` accepts: a table whose sources or upstream registry break their
    own rules is refused with the first problem of that registry (it had been returned)."""
    rewrite(data_copy / table, set_cell(table, row, field, value)[1])
    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    monkeypatch.setenv("RUSSIA_DPRK_VALIDATED", "off")
    with pytest.raises(TableError, match=f"^{loaded} refers to {refers_to}, which does not validate: {table}: line"):
        catalog.load(loaded)


@pytest.mark.parametrize(
    ("table", "line"), [("sources.csv", 3), ("curated/nuclear_test_dates.csv", 3), ("upstream.csv", 14)]
)
def test_a_row_dropped_for_its_length_is_told_once(data_copy: Path, table: str, line: int) -> None:
    """A comma typed at the end of a referenced row drops it: the rows pointing at its key are not blamed (118 foreign
    keys into sources were), only the row itself."""
    path = data_copy / table
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] += ","
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [(p.path, p.line, p.rule) for p in validate(data_copy)] == [(table, line, "row-length")]


@pytest.mark.parametrize(("field", "value"), [("accessed", "2099-12-25"), ("published", "2099-01-01")])
def test_a_registry_date_refused_on_its_own_line_is_not_blamed_on_the_rows_citing_it(
    data_copy: Path, field: str, value: str
) -> None:
    """A source read "in 2099" is told on its line; the 278 rows citing it had each been told to update their
    table's x-accessed, the wrong fix."""
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", 1, field, value)[1])
    assert {(p.path, p.line) for p in validate(data_copy)} == {("sources.csv", 2)}


def test_a_reference_left_behind_by_a_changed_key_names_the_key_now_there(data_copy: Path) -> None:
    """A treaty's date changed in agreements leaves the audit's reference to the row behind: the message names the
    key agreements now has, so a reader sees which date moved rather than an audit row to "fix"."""
    rewrite(data_copy / "curated/agreements.csv", set_cell("curated/agreements.csv", 12, "date", "2024-12-03")[1])
    problems = [p for p in validate(data_copy) if p.rule == "row-reference"]
    assert [(p.path, p.line) for p in problems] == [("curated/audit.csv", 80)]
    assert "agreements has 'treaty-2000/superseded/both parties/2024-12-03': was one of the two changed?" in str(
        problems[0]
    )


def test_a_cell_that_cannot_be_read_is_told_once(data_copy: Path) -> None:
    """The unread cell is compared with no other row: the eight rows that agree with each other are not blamed."""
    rewrite(data_copy / "curated/agreements.csv", set_cell("curated/agreements.csv", 1, "parties", "SUN；PRK")[1])
    assert [(p.line, p.field, p.rule) for p in validate(data_copy)] == [(2, "parties", "text")]


def test_a_quote_in_a_cell_not_quoted_names_its_field(data_copy: Path) -> None:
    """A CSV reader takes ``b"c`` as text; no writer leaves a quote outside a quoted cell, so it is stray."""
    path = data_copy / "curated/contacts.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("place")] = 'Pyong"yang'
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = [(p.line, p.field, p.rule) for p in validate(data_copy) if p.path == "curated/contacts.csv"]
    assert problems == [(3, "place", "csv-syntax")]


def test_a_stray_quote_is_found_where_it_is_written(data_copy: Path) -> None:
    """Each cell is read as written: a stray quote is not hidden by the same text quoted in the next cell."""
    place, purpose, field = 'Pyong"yang', '"Pyong""yang"', "place"
    path = data_copy / "curated/contacts.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[3].split(",")[: header.index("place")]
    status, source = lines[3].rsplit(",", 2)[1:]
    lines[3] = ",".join([*cells, place, purpose, status, source])
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = [(p.line, p.field, p.rule) for p in validate(data_copy) if p.path == "curated/contacts.csv"]
    assert problems == [(4, field, "csv-syntax")]


def test_a_column_named_twice_in_the_header_is_named(data_copy: Path) -> None:
    """A header that repeats one column (and so lacks another) says both, not only what is missing."""
    path = data_copy / "curated/contacts.csv"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"contact_id,partner,", b"contact_id,contact_id,", 1))
    problems = [(p.rule, p.field) for p in validate(data_copy) if p.path == "curated/contacts.csv"]
    assert problems == [("missing-column", "partner"), ("duplicate-column", "contact_id")]


def descriptor_change(data_copy: Path, change) -> None:
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def _recode(table: str, field: str, code: str, written: str):
    """A descriptor change: one code of a field's enumeration written otherwise."""

    def change(package: dict) -> None:
        declared = next(f for f in entry_of(package, table)["schema"]["fields"] if f["name"] == field)
        declared["constraints"]["enum"] = [written if c == code else c for c in declared["constraints"]["enum"]]

    return change


DESCRIPTOR_DAMAGE = {
    "a rule on the names in a row's source, on the registry itself": (
        lambda p: entry_of(p, "sources").__setitem__("x-source-names", ["publisher"]),
        "x-source-names': descriptor: the table's source_id names no source registry, whose rows the rule reads",
    ),
    "an enumeration code holding an invisible character": (
        _recode("projects", "milestone", "cancelled", "cancelled\u200b"),
        "fields[milestone].constraints.enum': descriptor: the code 'cancelled\\u200b' contains the invisible",
    ),
    "an enumeration code with its accent stored apart (not NFC)": (
        _recode("unga_recorded_votes", "usa", "absent", "abse\u0301nt"),
        "the code 'abse\u0301nt' is not in Unicode's composed form (NFC)",
    ),
    "an enumeration code with a Cyrillic look-alike letter": (
        _recode("unga_recorded_votes", "rok", "absent", "\u0430bsent"),
        "which mixes scripts: '\u0430' (U+0430, cyrillic small letter a) stands among letters of another script",
    ),
    "a derived table crediting a source none of its rows cites": (
        lambda p: entry_of(p, "nuclear_tests")["x-source-ids"].append("un-veto-list-2022"),
        "'un-veto-list-2022' is credited, but no row of the table cites it",
    ),
    "a table compared with the file it is derived from": (
        lambda p: entry_of(p, "nuclear_tests").__setitem__("x-compared-with", ["nrdc-tests/underground.csv"]),
        "['nrdc-tests/underground.csv'] are also inputs of the table (x-upstream)",
    ),
    "a curated table compared with upstream files": (
        lambda p: entry_of(p, "contacts").__setitem__("x-compared-with", ["sipri-arms/TIV-Export-RUS-1950-2021.csv"]),
        "only a derived table records 'x-compared-with'",
    ),
    "files compared with whose source the table's exceptions do not name": (
        lambda p: entry_of(p, "nuclear_tests").__setitem__(
            "x-compared-with", ["sipri-arms/TIV-Export-RUS-1950-2021.csv"]
        ),
        "(source 'sipri-arms-2022') is compared with, but the table's exceptions do not name its source",
    ),
    "a rule naming another row with a pattern that finds no key": (
        lambda p: entry_of(p, "audit")["x-names-row"][0].__setitem__("pattern", "re-check of (?P<id>check-[0-9]+)"),
        "x-names-row': descriptor: pattern 're-check of (?P<id>check-[0-9]+)' has no group named 'key'",
    ),
    "a stated figure read from a text list naming a number field": (
        lambda p: entry_of(p, "article_context")["x-stated"][0].__setitem__("text", ["description", "value"]),
        "'value' is of type number, not string",
    ),
    "keys named in a field the table does not have": (
        lambda p: entry_of(p, "article_excluded")["x-key-lists"][0].__setitem__("named-in", "notes"),
        "'notes'",
    ),
    "a directive fenced in a table's description": (
        lambda p: entry_of(p, "contacts").__setitem__("description", "Visits.\n\n```{raw} html\n<hr>\n```"),
        "field 'resources[contacts].description': markup: value '```{raw} html' opens a Markdown fence or directive",
    ),
    "rows left out of a written-date rule by a value the field does not have": (
        lambda p: entry_of(p, "projects")["x-written-date"][0]["unless"].__setitem__("values", ["announce"]),
        "x-written-date.*.unless.values': descriptor: values ['announce'] are not in the enumeration of 'milestone'",
    ),
    "rows left out of a written-date rule by a field of free text": (
        lambda p: entry_of(p, "projects")["x-written-date"][0]["unless"].__setitem__("field", "detail"),
        "x-written-date.*.unless.field': descriptor: 'detail' is of type string without an enumeration",
    ),
    "two country codes under one name": (
        lambda p: p["x-country-names"].__setitem__("SUN", "Russia"),
        "field 'x-country-names.SUN': descriptor: is shown as 'Russia', as 'RUS' is",
    ),
    "two codes of a field under one label": (
        lambda p: _field(entry_of(p, "contacts"), "level")["x-labels"].__setitem__("leader", "Head of government"),
        "x-labels.head_of_government': descriptor: is shown as 'Head of government', as 'leader' is",
    ),
    "a rule's date role given a text field (it crashed validate)": (
        lambda p: entry_of(p, "contacts")["x-no-return"].__setitem__("date", "purpose"),
        "field 'resources[contacts].x-no-return.date': descriptor: 'purpose' is of type string, not a date field",
    ),
    "a rule's number role given a text field (it crashed validate)": (
        lambda p: entry_of(p, "trade_reported")["x-part-of"].__setitem__("value", "note"),
        "'note' is of type string, not an integer or number field",
    ),
    "a pair of date and text given in reverse (the rule then checked nothing)": (
        lambda p: entry_of(p, "nuclear_test_dates")["x-written-date"][0].reverse(),
        "field 'resources[nuclear_test_dates].x-written-date.*.0': descriptor: 'note' is of type string",
    ),
    "names spelt one way read from a date field": (
        lambda p: entry_of(p, "contacts")["x-one-spelling"].append("start_date"),
        "'start_date' is of type date, not a string field",
    ),
    "a rank read from a text field": (
        lambda p: entry_of(p, "lng_importers")["x-rank"].__setitem__("rank", "note"),
        "'note' is of type string, not an integer field",
    ),
    "a marked value its field's enumeration lacks (each row was blamed)": (
        lambda p: entry_of(p, "places")["x-one-marked"].__setitem__("value", "favourite"),
        "x-one-marked.value': descriptor: values ['favourite'] are not in the enumeration of 'role'",
    ),
    "a copy host's tier that is no tier": (
        lambda p: entry_of(p, "sources")["x-copy-domains"].__setitem__("value", "copy"),
        "values ['copy'] are not in the enumeration of 'tier'",
    ),
    "a whole its field's enumeration lacks": (
        lambda p: entry_of(p, "trade_reported")["x-part-of"].__setitem__("whole", "GLOBE"),
        "values ['GLOBE'] are not in the enumeration of 'partner'",
    ),
    "a control character in a table's title": (
        lambda p: entry_of(p, "contacts").__setitem__("title", "Contacts\u0007 log"),
        "field 'resources[contacts].title': text: value 'Contacts\\x07 log' contains the invisible or control",
    ),
    "an exception read in the wrong encoding": (
        lambda p: entry_of(p, "contacts")["x-exceptions"].__setitem__(0, "Peopleâ€™s visits are thin before 2000."),
        "field 'resources[contacts].x-exceptions[0]': encoding: value 'Peopleâ€™s visits",
    ),
    "a character reference in a rule's reason": (
        lambda p: entry_of(p, "sources")["x-when"][0].__setitem__("why", "news &amp; opinion are reporting"),
        "field 'resources[sources].x-when[0].why': markup:",
    ),
    "two spaces in a field's label": (
        lambda p: _field(entry_of(p, "contacts"), "level")["x-labels"].__setitem__("leader", "Leader  of state"),
        "field 'resources[contacts].schema.fields[level].x-labels.leader': spacing:",
    ),
    "a field's description typed in full-width Latin letters": (
        lambda p: _field(entry_of(p, "contacts"), "purpose").__setitem__("description", "ＰＵＲＰＯＳＥ"),
        "field 'resources[contacts].schema.fields[purpose].description': text: value 'ＰＵＲＰＯＳＥ' holds 'Ｐ'",
    ),
    "a placeholder for the package's description": (
        lambda p: p.__setitem__("description", "TBD"),
        "field 'description': placeholder:",
    ),
    "a numeric bound on a text field": (
        lambda p: next(r for r in entry_of(p, "transfer_estimates")["x-when"] if "at-most" in r["then"])[
            "then"
        ].__setitem__("fields", ["note"]),
        "at-most bounds numbers",
    ),
    "a maximum below the minimum": (
        lambda p: next(f for f in entry_of(p, "trade_reported")["schema"]["fields"] if f["name"] == "year")[
            "constraints"
        ].__setitem__("maximum", 1980),
        "minimum 1990 is above maximum 1980",
    ),
    "misspelled schema key": (
        lambda p: p["resources"][3]["schema"].__setitem__("primaryKy", p["resources"][3]["schema"].pop("primaryKey")),
        "primaryKy",
    ),
    "misspelled project key": (lambda p: p["resources"][3].__setitem__("x-exception", ["x"]), "x-exception"),
    "misspelled constraint": (
        lambda p: p["resources"][3]["schema"]["fields"][0]["constraints"].__setitem__("requred", True),
        "requred",
    ),
    "no tables": (lambda p: p.__setitem__("resources", []), "resources"),
    "a never-with rule on a field the table does not have": (
        lambda p: entry_of(p, "sources")["x-never-with"][0].__setitem__("field", "tiers"),
        "tiers",
    ),
    "a site rule on a field that is not a link": (
        lambda p: entry_of(p, "sources")["x-site-determines"].__setitem__("url", "title"),
        "x-site-determines",
    ),
    "a pattern that backtracks for hours on a long cell": (
        lambda p: (
            p["resources"][3]["schema"]["fields"][0].setdefault("constraints", {}).__setitem__("pattern", "(a+)+$")
        ),
        "can match one text in several ways",
    ),
    "a repeated pattern whose alternatives match one text (it hung validate)": (
        lambda p: entry_of(p, "sources")["x-refused-text"].append(
            {"field": "title", "pattern": "^(a|a)+$", "why": "a title of letters a"}
        ),
        "pattern '^(a|a)+$' repeats a group that can match one text in several ways",
    ),
    "a repeated pattern with an optional part that another alternative lacks": (
        lambda p: entry_of(p, "sources")["x-refused-text"].append(
            {"field": "url", "pattern": "(https?://|http://)+", "why": "a link pasted twice"}
        ),
        "can match one text in several ways",
    ),
    "a group repeated thirty times with an optional body": (
        lambda p: entry_of(p, "sources")["x-refused-text"].append(
            {"field": "title", "pattern": "(a?){30}a{30}", "why": "x"}
        ),
        "can match one text in several ways",
    ),
    "a refused-text pattern that is not a regular expression": (
        lambda p: entry_of(p, "sources")["x-refused-text"][0].__setitem__("pattern", "(via"),
        "is not a regular expression",
    ),
    "a key-date pattern without the year it compares": (
        lambda p: entry_of(p, "contacts")["x-key-date"][0].__setitem__("pattern", "^(?P<month>[0-9]{2})-"),
        "has no group named 'year'",
    ),
    "a key-date rule on a field the table does not have": (
        lambda p: entry_of(p, "military_events")["x-key-date"][0].__setitem__("date", "start_date"),
        "start_date",
    ),
    "a tally of a vote field the table does not have": (
        lambda p: entry_of(p, "unsc_resolutions")["x-tally"]["votes"].append("uk_vote"),
        "uk_vote",
    ),
    "an id's word standing for an item the table does not have": (
        lambda p: next(r for r in entry_of(p, "transfer_estimates")["x-carries"] if "codes" in r)["codes"].__setitem__(
            "kia", "troops_lost"
        ),
        "codes ['troops_lost'] are not in the enumeration of 'item'",
    ),
    "a domain rule naming a kind the registry does not have": (
        lambda p: entry_of(p, "sources")["x-domain-values"][0].__setitem__("values", ["state media"]),
        "values ['state media'] are not in the enumeration of 'kind'",
    ),
    "a sequence naming an event the table does not have": (
        lambda p: entry_of(p, "agreements")["x-sequence"][0]["order"][0].append("initialled"),
        "values ['initialled'] are not in the enumeration of 'event'",
    ),
    "an office rule naming a level the table does not have": (
        lambda p: entry_of(p, "contacts")["x-one-holder"]["offices"].append("prime_minister"),
        "values ['prime_minister'] are not in the enumeration of 'level'",
    ),
    "a number-order pattern without the number": (
        lambda p: entry_of(p, "unsc_resolutions")["x-number-order"][0].__setitem__("pattern", "^S/RES/[0-9]+ "),
        "has no group named 'number'",
    ),
    "a condition that demands two things at once": (
        lambda p: entry_of(p, "places")["x-when"][0]["then"].__setitem__("empty", True),
        "give exactly one of values, except, empty, filled, pattern",
    ),
    "a condition on a value the field does not have": (
        lambda p: entry_of(p, "places")["x-when"][0]["if"]["values"].append("tunnel"),
        "values ['tunnel'] are not in the enumeration of 'kind'",
    ),
    "a tally counted in a text field": (
        lambda p: entry_of(p, "unsc_resolutions")["x-tally"]["counts"].__setitem__("yes", "detail"),
        "count 'detail' is of type string, not integer",
    ),
    "the eras of the votes a decision needs out of order": (
        lambda p: entry_of(p, "unsc_resolutions")["x-veto"]["needed"].reverse(),
        "the eras of 'needed' start on ['1965-08-31', '1945-10-24']",
    ),
    "a stated count read from a number field": (
        lambda p: entry_of(p, "unga_recorded_votes")["x-stated"][0].__setitem__("text", "yes"),
        "'yes' is of type integer, not string",
    ),
    "the votes for a decision counted in a text field": (
        lambda p: entry_of(p, "unsc_resolutions")["x-veto"].__setitem__("count", "detail"),
        "count 'detail' is of type string, not integer",
    ),
    "a key compared with a field that holds no date": (
        lambda p: entry_of(p, "contacts")["x-key-date"][0].__setitem__("date", "visitor"),
        "'visitor' is of type string, not date",
    ),
    "a carries pattern without the value it compares": (
        lambda p: entry_of(p, "unga_hr_votes")["x-carries"][0].__setitem__("pattern", "^A/"),
        "has no group named 'value'",
    ),
    "a carries rule on a field the table does not have": (
        lambda p: entry_of(p, "unga_hr_votes")["x-carries"][0].__setitem__("equals", "sessions"),
        "sessions",
    ),
    "a condition that names its rows two ways": (
        lambda p: entry_of(p, "trade_reported")["x-when"][0]["if"].__setitem__("values", ["0"]),
        "give exactly one of the four",
    ),
    "a further condition that names its rows two ways": (
        lambda p: next(r for r in entry_of(p, "contacts")["x-when"] if "and" in r["if"])["if"]["and"][0].__setitem__(
            "pattern", "^R"
        ),
        "give exactly one of the four",
    ),
    "a further condition on a code the field does not have": (
        lambda p: next(r for r in entry_of(p, "contacts")["x-when"] if "and" in r["if"])["if"]["and"][0][
            "except"
        ].append("YUG"),
        "values ['YUG'] are not in the enumeration of 'host_country'",
    ),
    "places located in a table that does not exist": (
        lambda p: entry_of(p, "places")["x-located"].__setitem__("resource", "boundaries"),
        "references table 'boundaries', which does not exist",
    ),
    "places located by an outline field the table does not have": (
        lambda p: entry_of(p, "places")["x-located"].__setitem__("outline", "geometry"),
        "outline 'geometry' is not a field of 'border_region'",
    ),
    "a condition whose rows are named by a pattern that is not a regular expression": (
        lambda p: entry_of(p, "claims")["x-when"][0]["if"].__setitem__("pattern", "^percent("),
        "if pattern '^percent(' is not a regular expression",
    ),
    "an era ending on a day that does not exist": (
        lambda p: entry_of(p, "contacts")["x-era"]["codes"]["SUN"].__setitem__("to", "1991-12-32"),
        "SUN to '1991-12-32' is not a calendar date",
    ),
    "an era for a code the field does not have": (
        lambda p: entry_of(p, "contacts")["x-era"]["codes"].__setitem__("YUG", {"to": "1992-04-27"}),
        "'YUG' is not in the enumeration of 'visitor_country', 'host_country'",
    ),
    "a span rule on a field the table does not have": (
        lambda p: entry_of(p, "contacts")["x-span-at-most"].__setitem__("end", "finish_date"),
        "finish_date",
    ),
    "a format the schema fixes": (lambda p: p["resources"][3].__setitem__("format", "tsv"), "format"),
    "missing values other than the empty cell": (
        lambda p: p["resources"][3]["schema"].__setitem__("missingValues", ["", "NA"]),
        "missingValues",
    ),
    "path outside data": (lambda p: p["resources"][3].__setitem__("path", "../../README.csv"), "path"),
    "absolute path": (lambda p: p["resources"][3].__setitem__("path", "/etc/passwd.csv"), "path"),
    "foreign key to a missing table": (
        lambda p: p["resources"][3]["schema"]["foreignKeys"][0]["reference"].__setitem__("resource", "nowhere"),
        "nowhere",
    ),
    "two tables with one name": (lambda p: p["resources"].append(dict(p["resources"][3])), "declared twice"),
    "two tables reading one file": (
        lambda p: p["resources"].append({**p["resources"][3], "name": "a_second_name"}),
        "is also the file of table",
    ),
    "a foreign key pairing two fields with one key field": (
        lambda p: p["resources"][3]["schema"]["foreignKeys"][0].__setitem__(
            "fields",
            [
                *p["resources"][3]["schema"]["foreignKeys"][0]["fields"],
                p["resources"][3]["schema"]["fields"][0]["name"],
            ],
        ),
        "one field per key field",
    ),
    "a label for a value the enumeration lacks": (
        lambda p: next(f for r in p["resources"] for f in r["schema"]["fields"] if "x-labels" in f)[
            "x-labels"
        ].__setitem__("not_a_code", "Not a code"),
        "labels ['not_a_code'] for values",
    ),
    "a country code without a name": (
        lambda p: p["x-country-names"].pop("SGP"),
        "country code 'SGP' has no name in x-country-names",
    ),
    "a name for a code no country field holds": (
        lambda p: p["x-country-names"].__setitem__("DEU", "Germany"),
        "field 'x-country-names.DEU': descriptor: a name for a code no country field holds",
    ),
    "a country field labelled a second way": (
        lambda p: entry_of(p, "contacts")["schema"]["fields"][
            [f["name"] for f in entry_of(p, "contacts")["schema"]["fields"]].index("partner")
        ].__setitem__("x-labels", {"RUS": "Russian Federation"}),
        "a country field's codes are named once, in x-country-names",
    ),
    "a country code written in lower case": (
        lambda p: p["x-country-names"].__setitem__("rus", "Russia"),
        "x-country-names",
    ),
    "access date not in the calendar": (
        lambda p: p["resources"][3].__setitem__("x-accessed", "2026-02-30"),
        "x-accessed",
    ),
    "sum over a text field": (
        lambda p: p["resources"][3].__setitem__(
            "x-sum-at-most", [{"fields": ["votes", "country"], "limit": 1, "why": "a test"}]
        ),
        "must all be numbers",
    ),
    "sum over an undeclared field": (
        lambda p: p["resources"][3].__setitem__(
            "x-sum-at-most", [{"fields": ["votes", "ballots"], "limit": 1, "why": "a test"}]
        ),
        "ballots",
    ),
    "a Security Council vote that must total more than its members": (
        lambda p: entry_of(p, "unsc_resolutions")["x-sum-at-most"][0].__setitem__("least", 16),
        "least 16 is above limit 15",
    ),
    "a key's scaled figure with no group for its scale": (
        lambda p: next(r for r in entry_of(p, "transfer_estimates")["x-carries"] if "scales" in r).__setitem__(
            "pattern", "-(?P<value>[0-9]+)m$"
        ),
        "has no group named 'scale'",
    ),
    "a text said once in a field the table lacks": (
        lambda p: entry_of(p, "contacts")["x-once"].append("motive"),
        "motive",
    ),
    "visits that may not overlap grouped by a field the table lacks": (
        lambda p: entry_of(p, "contacts")["x-no-overlap"]["by"].append("traveller"),
        "traveller",
    ),
    "a table resting on a kind of source the registry does not have": (
        lambda p: entry_of(p, "contacts")["x-source-kinds"].append("blog_post"),
        "'blog_post' is not a kind of 'sources'",
    ),
    "an event placed during a visit in a table that does not exist": (
        lambda p: entry_of(p, "military_events")["x-during"].__setitem__("resource", "visits"),
        "references table 'visits', which does not exist",
    ),
    "an event placed during a visit whose last day is not a field": (
        lambda p: entry_of(p, "military_events")["x-during"].__setitem__("end", "last_day"),
        "end 'last_day' is not a field of 'contacts'",
    ),
    "partial date on a number": (
        lambda p: p["resources"][3]["schema"]["fields"][0].__setitem__("x-partial-date", {"minimum": "2000-01-01"}),
        "x-partial-date",
    ),
    "access date in the future": (lambda p: p["resources"][3].__setitem__("x-accessed", "2999-01-01"), "x-accessed"),
    "unique key over an undeclared field": (
        lambda p: p["resources"][3]["schema"].__setitem__("uniqueKeys", [["country", "visit_day"]]),
        "visit_day",
    ),
    "a date_precision field that qualifies no dates": (
        lambda p: next(r for r in p["resources"] if "x-date-precision" in r).pop("x-date-precision"),
        "has a date_precision field but no x-date-precision",
    ),
    "a precision rule naming a field that is not a date": (
        lambda p: entry_of(p, "contacts")["x-date-precision"].__setitem__("dates", ["start_date", "visitor"]),
        "field 'visitor' is of type string, not date",
    ),
    "a precision field with codes the rule does not know": (
        lambda p: next(f for f in entry_of(p, "contacts")["schema"]["fields"] if f["name"] == "date_precision")[
            "constraints"
        ]["enum"].append("quarter"),
        "must be an enumeration of ['day', 'month', 'year']",
    ),
    "a code whose default label would write a name in lower case": (
        lambda p: next(
            f
            for r in p["resources"]
            if r["name"] == "transfer_estimates"
            for f in r["schema"]["fields"]
            if f["name"] == "direction"
        )["constraints"]["enum"].append("dprk_to_china_via_russia"),
        "code 'dprk_to_china_via_russia' would be shown as 'Dprk to china via russia', where the descriptor writes "
        "'DPRK' and 'China' and 'Russia'",
    ),
    "fields that must differ, one of them undeclared": (
        lambda p: entry_of(p, "contacts")["x-differ"].append(["visitor_country", "guest_country"]),
        "refers to field 'guest_country'",
    ),
    "a made-up key without the record's own key": (
        lambda p: entry_of(p, "military_events")["schema"].pop("uniqueKeys"),
        "a made-up key ('event_id') needs uniqueKeys",
    ),
    "a date field without a minimum": (
        lambda p: next(f for r in p["resources"] for f in r["schema"]["fields"] if f["type"] == "date")[
            "constraints"
        ].pop("minimum"),
        "declares no minimum",
    ),
    "a year field without a minimum": (
        lambda p: next(f for r in p["resources"] for f in r["schema"]["fields"] if f["name"] == "year")[
            "constraints"
        ].pop("minimum"),
        "year field 'year' declares no minimum",
    ),
    "a partial date without a minimum": (
        lambda p: next(f for r in p["resources"] for f in r["schema"]["fields"] if "x-partial-date" in f).__setitem__(
            "x-partial-date", {}
        ),
        "date field 'published' declares no minimum",
    ),
    "a partial date's minimum not written as a day": (
        lambda p: next(f for r in p["resources"] for f in r["schema"]["fields"] if f.get("x-partial-date"))[
            "x-partial-date"
        ].__setitem__("minimum", "1922"),
        "minimum '1922' is not a date written YYYY-MM-DD",
    ),
    "unique key that is not a list of fields": (
        lambda p: p["resources"][3]["schema"].__setitem__("uniqueKeys", ["country"]),
        "uniqueKeys",
    ),
    "a curated table with a build record": (
        lambda p: next(e for e in p["resources"] if e["name"] == "contacts").update(
            {"bytes": 10, "hash": "sha256:" + "0" * 64}
        ),
        "only a derived table records 'bytes' (its build's inputs and output); a curated table is edited by hand: a "
        "derived table relabelled would escape the check of its build",
    ),
    "an enumeration holding the empty value": (
        lambda p: _field(entry_of(p, "contacts"), "status")["constraints"]["enum"].append(""),
        "constraints.enum",
    ),
    "an enumeration holding a value twice, in two cases": (
        lambda p: _field(entry_of(p, "contacts"), "status")["constraints"]["enum"].append("CONFIRMED"),
        "the enumeration holds 'confirmed' and 'CONFIRMED', which differ only in case or form",
    ),
    "a derived table relabelled curated, its build record dropped": (
        lambda p: _relabel_curated(entry_of(p, "nuclear_tests")),
        "only a derived table records 'x-source-ids' (its build's inputs and output); a curated table is edited",
    ),
    "a derived table's size written with a decimal point": (
        lambda p: entry_of(p, "nuclear_tests").update({"bytes": float(entry_of(p, "nuclear_tests")["bytes"])}),
        ".0, expected a whole number of bytes written without a point",
    ),
    "a key list naming a table keyed by several fields": (
        lambda p: next(e for e in p["resources"] if e["name"] == "article_excluded").update(
            {"x-key-lists": [{"field": "tested_as", "separator": ";", "resource": "trade_reported"}]}
        ),
        "lists keys of 'trade_reported', whose primary key has 4 fields",
    ),
    "a requirement naming no field": (
        lambda p: next(e for e in p["resources"] if e["name"] == "claims").update(
            {"x-requires": [["claimed_value", "claimed_units"]]}
        ),
        "refers to field 'claimed_units', which the table does not declare",
    ),
    "a build hash in another algorithm": (
        lambda p: next(e for e in p["resources"] if e["name"] == "rok_gas").update({"hash": "md5:" + "0" * 32}),
        "does not match '^sha256:[0-9a-f]{64}$'",
    ),
    "a derived table crediting one source twice": (
        lambda p: next(e for e in p["resources"] if e["name"] == "rok_gas")["x-source-ids"].append(
            next(e for e in p["resources"] if e["name"] == "rok_gas")["x-source-ids"][0]
        ),
        "has non-unique elements",
    ),
    "a rule stated twice": (
        lambda p: next(e for e in p["resources"] if e["name"] == "claims")["x-requires"].append(
            ["claimed_value", "claimed_unit"]
        ),
        "has non-unique elements",
    ),
    "a total and parts that are not values of the field": (
        lambda p: next(e for e in p["resources"] if e["name"] == "trade_reported")["x-total-of-parts"].update(
            {"parts": ["exports", "imports"]}
        ),
        "are not all values of 'flow'",
    ),
    "an excused group that no longer disagrees": (
        lambda p: next(e for e in p["resources"] if e["name"] == "trade_reported")["x-total-of-parts"][
            "exceptions"
        ].append({"group": ["2017", "WORLD", "KOTRA", "kbs-2018-07-09-kotra-2017"], "difference": 0, "why": "None."}),
        "matches no group whose total and parts disagree: remove it",
    ),
    "a total listed among its own parts": (
        lambda p: next(e for e in p["resources"] if e["name"] == "trade_reported")["x-total-of-parts"].update(
            {"parts": ["total", "dprk_exports"]}
        ),
        "the total 'total' is listed among its own parts",
    ),
    "a link-date rule naming a field that is not a date": (
        lambda p: next(e for e in p["resources"] if e["name"] == "sources")["x-url-date"].update({"date": "nope"}),
        "'url' must be a link field (format uri) and 'nope' a date field",
    ),
    "a link-date rule reading the day a source was read from its title": (
        lambda p: next(e for e in p["resources"] if e["name"] == "sources")["x-url-date"].update({"accessed": "title"}),
        "'published' a date field, as 'title' must be",
    ),
    "a rule waiting for the year's end of a table dated by the day": (
        lambda p: next(e for e in p["resources"] if e["name"] == "contacts")["x-reported-after"].update(
            {"totals": ["purpose"]}
        ),
        "'totals' needs a year field",
    ),
    "a table stored under another name": (
        lambda p: next(e for e in p["resources"] if e["name"] == "contacts").update({"path": "curated/visits.csv"}),
        "'curated/visits.csv', expected 'curated/contacts.csv'",
    ),
    "the package's licence listed twice": (lambda p: p["licenses"].append(p["licenses"][0]), "non-unique elements"),
    "a curated table that does not say when it was last checked": (
        lambda p: next(e for e in p["resources"] if e["name"] == "unga_recorded_votes").pop("x-accessed"),
        "a curated table needs 'x-accessed'",
    ),
}


DERIVED_EDITS = {
    "a cell changed": lambda rows: rows[4].__setitem__(rows[0].index("consumption_bcm"), "9.9"),
    "a row deleted": lambda rows: rows.pop(),
    "two rows swapped": lambda rows: rows.insert(1, rows.pop(2)),
}


@pytest.mark.parametrize("edit", DERIVED_EDITS)
def test_a_derived_table_edited_by_hand_is_refused_by_validate_and_load(
    data_copy: Path, edit: str, monkeypatch
) -> None:
    """A derived table is its build's output: an edit its schema would accept is still refused, in one line."""
    rewrite(data_copy / "derived/rok_gas.csv", DERIVED_EDITS[edit])
    problems = [str(p) for p in validate(data_copy)]
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        "derived/rok_gas.csv: file, field '-': derived-edited: the file and datapackage.json's record of its last "
        "build disagree (the record says 2111 bytes, sha256:99e632528b36...; the file has "
    )
    assert problems[0].endswith(
        "one of them was edited by hand; `python -m russia_dprk check` tells which, and `build` derives the table "
        "from its upstream files and records it anew"
    )
    checked = run_cli("check", data_dir=data_copy)
    assert checked.returncode == 1 and "edited by hand" in checked.stdout, checked.stdout + checked.stderr
    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    with pytest.raises(TableError, match="derived-edited"):
        catalog.load("rok_gas")


def test_a_derived_table_whose_recorded_size_was_edited_is_told_so(data_copy: Path, mirror) -> None:
    """The file is its build's (the hash matches); only the descriptor's size is wrong, and the message says so.
    ``check`` refuses it too, and ``build``, which the message names, writes the size again (it had refused, as if
    the other tables were invalid)."""
    committed = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    descriptor_change(data_copy, lambda p: next(e for e in p["resources"] if e["name"] == "rok_gas").update(bytes=2000))
    told = (
        "datapackage.json: file, field 'resources[rok_gas].bytes': build-record: records 2000 bytes for "
        "derived/rok_gas.csv, whose hash matches its build but which has 2111 bytes: the size was edited by hand "
        "(`python -m russia_dprk build` writes both)"
    )
    assert [str(p) for p in validate(data_copy)] == [told]
    checked = run_cli("check", data_dir=data_copy)
    assert checked.returncode == 1 and told in checked.stdout, checked.stdout + checked.stderr
    built = run_cli("build", data_dir=data_copy)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (data_copy / "datapackage.json").read_text(encoding="utf-8") == committed
    # a size that breaks the descriptor's schema is not the build's to mend: the tables were not checked
    descriptor_change(data_copy, lambda p: next(e for e in p["resources"] if e["name"] == "rok_gas").update(bytes="x"))
    refused = run_cli("build", data_dir=data_copy)
    assert refused.returncode == 1 and "build refused" in refused.stderr, refused.stdout + refused.stderr


def test_a_derived_table_with_no_recorded_build_is_refused_until_it_is_built(data_copy: Path, mirror) -> None:
    """The first build of a new derived table records what it wrote; until then ``validate`` asks for the build."""
    committed = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    descriptor_change(
        data_copy,
        lambda p: [next(e for e in p["resources"] if e["name"] == "rok_gas").pop(key) for key in ("bytes", "hash")],
    )
    assert [(p.path, p.rule) for p in validate(data_copy)] == [("derived/rok_gas.csv", "derived-unbuilt")]
    result = run_cli("build", "rok_gas", data_dir=data_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert validate(data_copy) == []
    assert (data_copy / "datapackage.json").read_text(encoding="utf-8") == committed


def _upstream_row(file: str, column: str, value: str):
    def change(rows: list[list[str]]) -> None:
        row = next(row for row in rows if row[0] == file)
        row[rows[0].index(column)] = value

    return change


UNREGISTERED_INPUTS = {
    "an input renamed in the registry": (
        _upstream_row("sipri-register/trade-register-2025-03-13.csv", "file", "sipri-register/trade-register.csv"),
        [
            "upstream.csv: line 15, field 'file': unused: value 'sipri-register/trade-register.csv': no table derives "
            "from it or is compared with it (x-upstream, x-compared-with); remove the row, or name the file where it "
            "is used",
            "datapackage.json: file, field 'resources[arms_transfers].x-upstream': upstream: "
            "'sipri-register/trade-register-2025-03-13.csv' is not registered in upstream.csv (the registry gives "
            "each file's URL and sha256)",
            "datapackage.json: file, field 'resources[arms_register].x-upstream': upstream: "
            "'sipri-register/trade-register-2025-03-13.csv' is not registered in upstream.csv (the registry gives "
            "each file's URL and sha256)",
        ],
    ),
    "an input credited to another source": (
        _upstream_row("natural-earth/countries-10m.json", "source_id", "natural-earth-50m"),
        [
            "upstream.csv: line 16, field 'source_id': upstream: 'natural-earth/countries-10m.json', an input of "
            "border_region, is credited to 'natural-earth-50m'; the table credits ['natural-earth-10m']"
        ],
    ),
    "a file compared with that the registry does not have": (
        _upstream_row("sipri-arms/TIV-Export-CHI-1950-2021.csv", "file", "sipri-arms/TIV-Export-CHN-1950-2021.csv"),
        [
            "upstream.csv: line 8, field 'file': unused: value 'sipri-arms/TIV-Export-CHN-1950-2021.csv': no table "
            "derives from it or is compared with it (x-upstream, x-compared-with); remove the row, or name the file "
            "where it is used",
            "datapackage.json: file, field 'resources[arms_transfers].x-compared-with': upstream: "
            "'sipri-arms/TIV-Export-CHI-1950-2021.csv' is not registered in upstream.csv (the registry gives each "
            "file's URL and sha256)",
        ],
    ),
}


@pytest.mark.parametrize("label", UNREGISTERED_INPUTS)
def test_a_derived_tables_inputs_are_registered_under_its_source(data_copy: Path, label: str, monkeypatch) -> None:
    change, expected = UNREGISTERED_INPUTS[label]
    rewrite(data_copy / "upstream.csv", change)
    assert [str(p) for p in validate(data_copy)] == expected
    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    table = re.search(r"resources\[(\w+)\]|an input of (\w+)", expected[-1])
    with pytest.raises(TableError) as refused:
        catalog.load(table.group(1) or table.group(2))
    assert str(refused.value) == expected[-1]


IDEAL_POINTS = "https://raw.githubusercontent.com/lucasbuildsapps/Masterthesis/{}/IdealpointsJuly2025.dta"
PINNED_COPIES = {  # (registry row, field, value) -> the one problem's field and its detail's start
    "a URL on a branch": (
        1,
        "download_url",
        IDEAL_POINTS.format("main"),
        "download_url",
        f"value {IDEAL_POINTS.format('main')!r} pins the branch or tag 'main'",
    ),
    "a URL on another commit than recorded": (
        1,
        "download_url",
        IDEAL_POINTS.format("1" * 40),
        "mirror_of",
        "value 'lucasbuildsapps/Masterthesis@5298218d5b57e5b09223b124b25c03dc37ed646e:IdealpointsJuly2025.dta', "
        f"but the download_url pins 'lucasbuildsapps/Masterthesis@{'1' * 40}:IdealpointsJuly2025.dta'",
    ),
    "a record of the copy that is not one": (1, "mirror_of", "1.0", "mirror_of", "value '1.0', but the download_url"),
    "a record of a copy beside a URL elsewhere": (
        15,
        "mirror_of",
        "a/b@" + "0" * 40 + ":x",
        "mirror_of",
        "value 'a/b@0000000000000000000000000000000000000000:x', but the download_url is not on "
        "raw.githubusercontent.com: leave it empty",
    ),
}


@pytest.mark.parametrize("label", PINNED_COPIES)
def test_an_upstream_copy_is_pinned_to_the_commit_it_records(data_copy: Path, label: str) -> None:
    row, column, value, field, detail = PINNED_COPIES[label]
    rewrite(data_copy / "upstream.csv", set_cell("upstream.csv", row, column, value)[1])
    problems = validate(data_copy)
    assert [(p.path, p.line, p.field, p.rule) for p in problems] == [("upstream.csv", row + 1, field, "pinned-copy")]
    assert problems[0].detail.startswith(detail), problems[0].detail


@pytest.mark.parametrize(
    "how",
    [
        "a table dropped from the descriptor",
        "a copy saved under a new name",
        "a copy with a capital suffix",
        "a copy whose name ends with a space",
    ],
)
def test_a_table_file_the_descriptor_does_not_name_is_refused(data_copy: Path, how: str) -> None:
    if how == "a table dropped from the descriptor":
        descriptor_change(
            data_copy, lambda p: p.__setitem__("resources", [e for e in p["resources"] if e["name"] != "audit"])
        )
        path = "curated/audit.csv"
    else:
        path = {
            "a copy saved under a new name": "curated/contacts (copy).csv",
            "a copy with a capital suffix": "curated/Contacts.CSV",
            "a copy whose name ends with a space": "curated/places.csv ",
        }[how]
        shutil.copy(data_copy / "curated/contacts.csv", data_copy / path)
    (data_copy / "curated/.~lock.contacts.csv").write_text("an editor's lock file is not a table\n", encoding="utf-8")
    assert [str(p) for p in validate(data_copy)] == [
        f"{path}: file, field '-': undeclared-file: datapackage.json names no table for this file: declare it, or "
        "remove it (nothing checks or loads it)"
    ]


def test_a_file_name_that_would_break_the_line_is_printed_escaped(data_copy: Path) -> None:
    """A problem stays one line, and says what it is, whatever the file is called (a name holding a line break or
    a terminal's escape sequence cannot print a forged second line)."""
    shutil.copy(data_copy / "curated/contacts.csv", data_copy / "curated/evil\nFAKE: all tables valid\x1b[2K.csv")
    (line,) = [str(p) for p in validate(data_copy)]
    assert line.startswith("curated/evil\\nFAKE: all tables valid\\x1b[2K.csv: file, field '-': undeclared-file: ")
    assert line.isprintable()


def test_a_contact_known_only_to_the_year_is_compared_with_its_key_by_year(data_copy: Path) -> None:
    """A date known to the year is stored as 1 January: its key's month is not compared, its year still is."""
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", 63, "start_date", "2024-01-01")[1])
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", 63, "date_precision", "year")[1])
    assert validate(data_copy) == []
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", 63, "start_date", "2023-01-01")[1])
    assert [(p.line, p.field, p.rule) for p in validate(data_copy)][:1] == [(64, "start_date", "key-date")]


def test_a_site_that_carries_other_outlets_stories_may_hold_its_own(data_copy: Path) -> None:
    """wowtv.co.kr carries Yonhap's wire stories, filed under Yonhap (x-site-determines carriers); its own reporting
    is filed under its own name; on any other site a second publisher is refused."""
    rows = read_rows(data_copy / "sources.csv")
    line = next(i for i, row in enumerate(rows) if row[0] == "yonhap-2017-03-09-kita-rok-russia-2016")
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", line, "publisher", "Korea Economic TV")[1])
    assert [p for p in validate(data_copy) if p.rule == "site"] == []
    rewrite(
        data_copy / "sources.csv", set_cell("sources.csv", line, "url", "https://www.koreaherald.com/view.php?ud=1")[1]
    )
    assert [(p.line, p.field, p.rule) for p in validate(data_copy) if p.rule == "site"] == [
        (line + 1, "publisher", "site")
    ]


def test_the_wayback_machine_holds_snapshots_of_many_outlets(data_copy: Path) -> None:
    """web.archive.org holds snapshots of many outlets' pages (x-site-determines): a snapshot is filed under the outlet
    whose page it archived, and one filed under another outlet is refused as if it were that page's link."""
    rows = read_rows(data_copy / "sources.csv")
    line = next(i for i, row in enumerate(rows) if row[0] == "reuters-2018-05-31-lavrov-kim")
    snapshot = "https://web.archive.org/web/20180601000000/https://www.reuters.com/article/us-northkorea-russia/lavrov"
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", line, "url", snapshot)[1])
    assert [str(p) for p in validate(data_copy) if p.rule == "site"] == []
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", line, "publisher", "Yonhap News Agency")[1])
    assert [(p.line, p.field, p.rule) for p in validate(data_copy) if p.rule == "site"] == [
        (line + 1, "publisher", "site")
    ]


RUNNING_TOTALS = {  # a new row copied from an NIS total: (row it copies, changed cells), as a digit dropped
    "casualties below the killed of the same day": (
        "killed-nis-2025-09-02-2000",
        {"estimate_id": "casualties-nis-2025-09-02-470", "item": "troop_casualties", "low": "470", "high": "470"},
    ),
    "troops sent below an earlier count": (
        "troops-nis-2025-04-30-total-15000",
        {
            "estimate_id": "troops-nis-2025-09-02-total-1500",
            "low": "1500",
            "high": "1500",
            "as_of": "2025-09-02",
            "source_id": "standard-2025-09-02-afp-nis-2000-killed",
        },
    ),
}


@pytest.mark.parametrize("label", RUNNING_TOTALS)
def test_a_running_total_from_one_estimator_does_not_fall(data_copy: Path, label: str) -> None:
    copied, cells = RUNNING_TOTALS[label]
    path = data_copy / "curated/transfer_estimates.csv"

    def add(rows: list[list[str]]) -> None:
        header = rows[0]
        row = list(next(r for r in rows if r[0] == copied))
        for field, value in cells.items():
            row[header.index(field)] = value
        row[header.index("note")] = "Per the NIS briefing to lawmakers (a row added by the test)."
        rows.append(row)

    rewrite(path, add)
    found = [(p.line, p.field, p.rule) for p in validate(data_copy)]
    assert found == [(len(read_rows(path)), "low", "cumulative")]


def test_two_registry_rows_with_one_hash_are_one_file_registered_twice(data_copy: Path) -> None:
    rows = read_rows(data_copy / "upstream.csv")
    rewrite(data_copy / "upstream.csv", set_cell("upstream.csv", 2, "sha256", rows[1][1])[1])
    assert [(p.line, p.field, p.rule) for p in validate(data_copy)] == [
        (3, "sha256", "unique-key"),
        (3, "sha256", "cached-file"),  # and it is not the digest of the file the cache holds under that name
    ]


def _swap_digests(rows: list[list[str]]) -> None:
    rows[2][1], rows[3][1] = rows[3][1], rows[2][1]


def _other_digest(rows: list[list[str]]) -> None:
    rows[5][1] = "8c1eb0a1d0f1d4d1b8e7a8c2f0c3b2a1d4e5f60718293a4b5c6d7e8f90a1b2c3"


def _digit_dropped(rows: list[list[str]]) -> None:
    rows[5][2] = rows[5][2][:2] + rows[5][2][3:]


REGISTRY_SLIPS = {  # an edit of upstream.csv's rows (header first) and the (line, field) refused
    "two files' digests swapped": (_swap_digests, [(3, "sha256"), (4, "sha256")]),
    "a digest pasted from another checksum list": (_other_digest, [(6, "sha256")]),
    "a size with a digit dropped": (_digit_dropped, [(6, "bytes")]),
}


@pytest.mark.parametrize("label", REGISTRY_SLIPS)
def test_the_registry_agrees_with_the_files_the_cache_holds(data_copy: Path, label: str, tmp_path, monkeypatch) -> None:
    edit, expected = REGISTRY_SLIPS[label]
    rewrite(data_copy / "upstream.csv", edit)
    problems = validate(data_copy)
    assert [(p.path, p.line, p.field, p.rule) for p in problems] == [
        ("upstream.csv", line, field, "cached-file") for line, field in expected
    ]
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv(
        "RUSSIA_DPRK_CACHE", str(tmp_path / "empty")
    )  # a fresh cache: nothing to compare the registry with
    assert validate(data_copy) == []


@pytest.mark.parametrize("entry", ["folder", "loop", "pipe"])
def test_a_cache_entry_that_is_not_a_file_is_refused(data_copy: Path, tmp_path, monkeypatch, entry: str) -> None:
    """A registered name in the cache that is a folder, a link looping to itself or a named pipe is named on its
    registry line (it had passed as 'valid', as if the file were simply not fetched yet)."""
    cache = tmp_path / "cache"
    (cache / "nrdc-tests").mkdir(parents=True)
    target = cache / "nrdc-tests" / "underground.csv"
    {"folder": target.mkdir, "loop": lambda: target.symlink_to(target), "pipe": lambda: os.mkfifo(target)}[entry]()
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(cache))
    assert [(p.path, p.line, p.field, p.rule) for p in validate(data_copy)] == [
        ("upstream.csv", 14, "file", "cached-file")
    ]


def test_a_cache_setting_naming_a_folder_of_other_things_is_refused(data_copy: Path, tmp_path, monkeypatch) -> None:
    """A cache set to a folder that holds none of the registered files but other things (the cache's parent, the
    data folder) had passed as valid with no digest compared; an empty folder is a fresh cache for `check` to fill."""
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(tmp_path))
    (tmp_path / "notes.txt").write_text("not an upstream file\n", encoding="utf-8")
    problems = validate(data_copy)
    assert [(p.path, p.line, p.rule) for p in problems] == [("upstream.csv", None, "cache-setting")]
    assert "holds none of the 15 registered files but other things" in problems[0].detail


@pytest.mark.parametrize("inside", ["", "derived"])
def test_a_store_of_passes_inside_the_data_folder_is_refused(data_copy: Path, tmp_path, inside: str) -> None:
    """Stored passes are pickles: kept in the data folder they would be downloaded with it, and read back there."""
    cache = tmp_path / "cache"
    shutil.copytree(Path(os.environ["RUSSIA_DPRK_CACHE"]) / "nrdc-tests", cache / "nrdc-tests")
    store = data_copy / inside
    before = sorted(path.name for path in store.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "validate"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "RUSSIA_DPRK_DATA": str(data_copy),
            "RUSSIA_DPRK_CACHE": str(cache),
            "RUSSIA_DPRK_VALIDATED": str(store),
        },
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"error: RUSSIA_DPRK_VALIDATED: {store} is inside the data folder "), result.stderr
    assert sorted(path.name for path in store.iterdir()) == before


UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override"]


@pytest.mark.parametrize("locked", ["folder", "file"])
def test_a_cache_entry_that_cannot_be_read_is_refused(data_copy: Path, tmp_path, locked: str) -> None:
    """A registered file in a cache folder that cannot be looked into, or that cannot itself be read, is named on its
    registry line: the folder had passed as 'valid' (taken for not fetched), the file had ended every command with
    a bare 'Permission denied'. Run without the power to read past permissions (as root, through ``setpriv``)."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be denied")
    cache = tmp_path / "cache"
    shutil.copytree(Path(os.environ["RUSSIA_DPRK_CACHE"]) / "nrdc-tests", cache / "nrdc-tests")
    target = cache / "nrdc-tests" / ("" if locked == "folder" else "underground.csv")
    target.chmod(0)
    try:
        result = subprocess.run(
            [*(UNPRIVILEGED if os.geteuid() == 0 else []), sys.executable, "-m", "russia_dprk", "validate"],
            capture_output=True,
            text=True,
            env={**os.environ, "RUSSIA_DPRK_DATA": str(data_copy), "RUSSIA_DPRK_CACHE": str(cache)},
        )
    finally:
        target.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines() == [
        f"upstream.csv: line 14, field 'file': cached-file: value 'nrdc-tests/underground.csv', but the cache {cache} "
        "does not let it be read (Permission denied): its size and digest cannot be compared; give the cache folder "
        "and the file read permission"
    ]


NUMBERS_WITHOUT_UNITS = {  # a value filled in a row whose unit is empty: (table, row, value field, unit field)
    "a claimed value": ("curated/claims.csv", 20, "claimed_value", "claimed_unit"),
    "a debt figure": ("curated/debt_settlement.csv", 17, "value", "unit"),
}


@pytest.mark.parametrize("label", NUMBERS_WITHOUT_UNITS)
def test_a_number_without_its_unit_is_refused(data_copy: Path, label: str) -> None:
    table, row, value, unit = NUMBERS_WITHOUT_UNITS[label]
    assert read_rows(data_copy / table)[row][read_rows(data_copy / table)[0].index(unit)] == ""
    rewrite(data_copy / table, set_cell(table, row, value, "1000")[1])
    assert (
        f"{table}: line {row + 1}, field {unit!r}: required-with: empty, but {value} is filled (1000.0): a {value} "
        f"needs its {unit}"
    ) in [str(p) for p in validate(data_copy)]  # a row on the use of repayments also refuses any figure (x-when)


@pytest.mark.parametrize("label", DESCRIPTOR_DAMAGE)
def test_descriptor_is_validated_itself(data_copy: Path, label: str) -> None:
    change, words = DESCRIPTOR_DAMAGE[label]
    descriptor_change(data_copy, change)
    problems = validate(data_copy)
    assert problems and problems[0].path == "datapackage.json"
    # beside the descriptor's own problems, only the files its broken table list no longer names
    assert all(p.path == "datapackage.json" or p.rule == "undeclared-file" for p in problems)
    assert any(words in str(p) for p in problems), [str(p) for p in problems]
    result = run_cli("validate", "--data-dir", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "all tables valid" not in result.stdout


@pytest.mark.parametrize("cut", [0, 1, 100, 5000])
def test_truncated_descriptor_gives_one_clear_line(data_copy: Path, cut: int) -> None:
    path = data_copy / "datapackage.json"
    path.write_bytes(path.read_bytes()[:cut])
    problems = [str(p) for p in validate(data_copy)]
    assert len(problems) == 1 and problems[0].startswith("datapackage.json: line ")
    assert "json" in problems[0]


@pytest.mark.parametrize(
    ("damage", "line", "words"),
    [
        # Python's reader would keep the second "name" and drop the first without a word
        (
            lambda text: text.replace('"name": "contacts",', '"name": "contacts", "name": "other",', 1),
            "object",
            "twice",
        ),
        (lambda text: text.replace('"minimum": 1990', '"minimum": NaN', 1), "token", "NaN is not a JSON value"),
        (lambda text: text.replace('"minimum": 1990', '"minimum": -Infinity', 1), "token", "Infinity is not"),
        (lambda text: text.replace('"minimum": 1990', '"minimum": 1' + "0" * 5000, 1), "digits", "5,001 digits"),
        # a bound Python would read as infinity (and so drop), or as another number than the one written
        (lambda text: text.replace('"minimum": 1990', '"minimum": -1e400', 1), "written", "too large to hold"),
        (
            lambda text: text.replace('"minimum": 1990', '"minimum": 1990.00000000000000000001', 1),
            "written",
            "cannot be held exactly (it would read as 1990.0)",
        ),
        # half of a UTF-16 pair: the reader takes it, but no text can hold it (a traceback when printed or loaded)
        (lambda text: text.replace('"title": "', '"title": "\\udc80 ', 1), "surrogate", "half of a UTF-16 pair"),
        (lambda text: text.replace('"enum": [', '"enum": ["\\ud800x", ', 1), "surrogate", "half of a UTF-16 pair"),
        (
            lambda text: text.replace(
                '"resources": [', '"x-deep": ' + "[" * 50000 + "]" * 50000 + ', "resources": [', 1
            ),
            None,
            "nested too deeply",
        ),
    ],
)
def test_a_descriptor_json_would_silently_change_is_refused_with_its_line(
    data_copy: Path, damage, line: str | None, words: str
) -> None:
    path = data_copy / "datapackage.json"
    text = damage(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    problems = validate(data_copy)
    assert len(problems) == 1 and words in str(problems[0]), [str(p) for p in problems]
    lines = text.splitlines()
    if line == "object":  # the line where the object holding the key twice begins
        assert lines[problems[0].line].strip().startswith('"name": "contacts", "name"')
        assert lines[problems[0].line - 1].strip() == "{"
    elif line == "token":
        assert ("NaN" in lines[problems[0].line - 1]) or ("Infinity" in lines[problems[0].line - 1])
    elif line == "digits":
        assert "0" * 5000 in lines[problems[0].line - 1]
    elif line == "written":
        assert "e400" in lines[problems[0].line - 1] or "00000001" in lines[problems[0].line - 1]
    elif line == "surrogate":
        assert "\\ud" in lines[problems[0].line - 1]


def test_clean_data_has_no_problems() -> None:
    assert validate() == []


def test_command_line_exit_codes(data_copy: Path) -> None:
    ok = run_cli("validate")
    assert ok.returncode == 0 and "all tables valid" in ok.stdout
    rewrite(data_copy / "curated/contacts.csv", set_cell("", 3, "start_date", "2024-13-45")[1])
    bad = run_cli("validate", "--data-dir", str(data_copy))
    assert bad.returncode == 1
    assert "curated/contacts.csv: line 4, field 'start_date': type-error" in bad.stdout


def test_a_capped_report_says_how_many_problems_there_were(data_copy: Path) -> None:
    def change(rows: list[list[str]]) -> None:
        for row in rows[1:]:
            row[rows[0].index("start_date")] = "x"

    rewrite(data_copy / "curated/contacts.csv", change)
    bad = run_cli("validate", "--data-dir", str(data_copy))
    total = len(validate(data_copy))
    records = len(read_rows(data_copy / "curated/contacts.csv")) - 1
    assert total == records > MAX_PER_FILE  # one unreadable start date a row, more than a file's report shows
    assert f"{total} problem(s) in all" in bad.stderr and "more problem(s) in this file" in bad.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["bib", "-"],
        ["execute", "{scratch}/intro.ipynb"],
        ["site", "--no-pdf", "--output", "{scratch}/site"],
        ["list"],
        ["build", "rok_gas"],
    ],
)
def test_commands_refuse_invalid_data_without_a_traceback(data_copy: Path, command: list[str]) -> None:
    """Each command names the bad cell; a command that writes is pointed at a scratch folder, so that were the refusal
    ever lost, the committed notebook and book/_build would not be overwritten."""
    scratch = data_copy.parent
    shutil.copy(Path(__file__).resolve().parent.parent / "book" / "intro.ipynb", scratch / "intro.ipynb")
    rewrite(data_copy / "sources.csv", set_cell("", 3, "url", "javascript:alert(1)")[1])
    before = {p: p.read_bytes() for p in data_copy.rglob("*.csv")}
    result = run_cli(*(part.format(scratch=scratch) for part in command), data_dir=data_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert "sources.csv: line 4, field 'url'" in result.stderr + result.stdout
    assert before == {p: p.read_bytes() for p in data_copy.rglob("*.csv")}


@pytest.mark.parametrize("command", [["bib", "{file}/x.bib"], ["site", "--no-pdf", "--output", "{file}/site"]])
def test_an_output_path_that_cannot_be_written_gets_one_line(tmp_path: Path, command: list[str]) -> None:
    file = tmp_path / "a-file"
    file.write_text("not a folder", encoding="utf-8")
    result = run_cli(*(part.format(file=file) for part in command))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {file}/{command[-1].rsplit('/', 1)[1]}: Not a directory"]
    assert result.stdout == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize(("output", "named"), [("/dev/full", "/dev/full"), ("-", "standard output")])
def test_a_write_that_fails_midway_gets_one_line_naming_where(output: str, named: str) -> None:
    if output == "-":
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "russia_dprk", "bib", "-"], stdout=full, stderr=subprocess.PIPE, text=True
            )
    else:
        result = run_cli("bib", output)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: {named}: No space left on device"]


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_data_folder_argument_is_refused_not_read_as_the_current_folder(value: str) -> None:
    result = run_cli("validate", "--data-dir", value)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("argument --data-dir: an empty path names no folder")


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (["bib", ""], "argument output: an empty path names no file"),
        (["bib", " "], "argument output: an empty path names no file"),
        (["site", "--no-pdf", "--output", ""], "argument --output: an empty path names no folder"),
    ],
)
def test_an_empty_output_path_is_refused_not_read_as_a_default(command: list[str], named: str) -> None:
    """``site --output ''`` had built into book/_build as if no output were given."""
    result = run_cli(*command)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert named in result.stderr.strip().splitlines()[-1]


def notebook_json(cell: dict) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]})


CODE_CELL = {"cell_type": "code", "metadata": {}, "source": "", "outputs": [], "execution_count": None}
BAD_NOTEBOOKS = {
    "not JSON": (b"not json\n", "not a notebook: the file is not JSON text"),
    "not UTF-8": (b"\xff\xfe{}", "not a notebook: the file is not JSON text"),
    "JSON of another shape": (b'{"cells": 3}', "not a version-4 Jupyter notebook"),
    "an older format": (b'{"nbformat": 3, "worksheets": []}', "not a version-4 Jupyter notebook"),
    "a cell without an id": (notebook_json(CODE_CELL).encode(), "not a valid notebook: a cell has no 'id'"),
    "a cell of an unknown kind": (
        notebook_json({**CODE_CELL, "id": "a1", "cell_type": "x"}).encode(),
        "not a valid notebook: ",
    ),
}


@pytest.mark.parametrize("label", BAD_NOTEBOOKS)
def test_execute_refuses_a_broken_notebook_in_one_line(tmp_path: Path, label: str) -> None:
    content, says = BAD_NOTEBOOKS[label]
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)
    result = run_cli("execute", str(path))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: {says}"), lines
    assert path.read_bytes() == content


def test_load_returns_exactly_what_validate_accepted() -> None:
    for entry in catalog.descriptor()["resources"]:
        frame = catalog.load(entry["name"])
        with open(catalog.table_path(entry["name"]), newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(frame) == len(rows), entry["name"]
        for field in entry["schema"]["fields"]:
            for text, value in zip((r[field["name"]] for r in rows), frame[field["name"]], strict=True):
                if text == "":
                    assert pd.isna(value), field["name"]
                elif field["type"] == "date":
                    assert value.strftime("%Y-%m-%d") == text
                elif field["type"] == "integer":
                    assert int(value) == int(text)
                elif field["type"] == "number":
                    assert float(value) == float(text)
                elif field["type"] == "boolean":
                    assert bool(value) == (text == "true")
                else:
                    assert str(value) == text


@pytest.mark.parametrize(
    ("published", "url_case", "refused"),
    [
        ("same", str, True),  # the same document registered twice
        ("", str, True),  # an undated copy of a dated entry
        ("same", lambda url: url.replace(urlsplit(url).netloc, urlsplit(url).netloc.upper(), 1), True),  # case-folded
        ("2026-03-01", str, False),  # a later version of one database at one address
        ("same", lambda url: url.replace("https://", "http://www.", 1), True),  # http and a leading www.
        ("same", lambda url: url.replace(".edu/", ".edu:443/", 1) + "#top", True),  # default port, fragment
        ("same", lambda url: url.replace("12379", "12380"), False),  # another document on the same host
        ("same", lambda url: url.replace("https://", "https://m.", 1) + "&forcesite=mobile", True),  # mobile edition
        # Parameters that only track a reader: the same document, and a link that must lose them.
        ("same", lambda url: url + "&utm_source=feed&fbclid=x1", ["tracking"]),
        ("same", lambda url: url.replace("persistentId=hdl:", "persistentId=hdl%3A", 1), True),  # percent-encoded
        ("same", lambda url: url.replace("?", "?version=2&", 1), False),  # a parameter that chooses a page
        ("same", lambda url: url + "&ref=hp&page=1", True),  # where the reader came from; the first page
        ("same", lambda url: url.replace(".edu/", ".edu//", 1), True),  # a doubled slash
        ("same", lambda url: url.replace("dataset.xhtml", "dataset.xhtml/print", 1), True),  # a print layout
        ("same", lambda url: url.replace(".xhtml", "/index.html", 1), False),  # another path, not an index page
        ("same", lambda url: url.replace("https://", "https://edition.", 1), True),  # a regional edition
        ("same", lambda url: url.replace("https://", "https://en.", 1), False),  # a language edition: a translation
    ],
)
def test_a_url_names_one_source_unless_rows_are_dated_versions(
    data_copy: Path, published: str, url_case, refused: bool | list[str]
) -> None:
    def add_copy(rows: list[list[str]]) -> None:
        header, first = rows[0], rows[1]
        copy = list(first)
        copy[header.index("source_id")] = "copy-of-the-first-source"
        copy[header.index("title")] += " (entered again)"  # the URL rule alone, not the one-record-per-title key
        copy[header.index("url")] = url_case(first[header.index("url")])
        assert url_case is str or copy[header.index("url")] != first[header.index("url")]
        if published != "same":
            copy[header.index("published")] = published
        rows.append(copy)

    rewrite(data_copy / "sources.csv", add_copy)
    problems = [p for p in validate(data_copy) if p.path == "sources.csv"]
    if refused:
        also = [] if refused is True else refused
        assert sorted(p.rule for p in problems) == sorted(["duplicate-url", *also]), [str(p) for p in problems]
        assert {p.field for p in problems} == {"url"}
        assert any("is already the URL of line 2" in str(p) for p in problems)
    else:
        assert problems == [], [str(p) for p in problems]


def test_a_news_report_registered_again_under_another_date_is_one_document_twice(data_copy: Path) -> None:
    """Only a database has dated versions at one address; a report copied to a new row with a new date does not."""

    def add_copy(rows: list[list[str]]) -> None:
        header = rows[0]
        report = next(
            row for row in rows[1:] if row[header.index("kind")] == "news_report" and row[header.index("published")]
        )
        copy = list(report)
        copy[header.index("source_id")] = "copy-of-a-news-report"
        copy[header.index("published")] = "2026-03-01"
        rows.append(copy)

    rewrite(data_copy / "sources.csv", add_copy)
    problems = [p for p in validate(data_copy) if p.path == "sources.csv"]
    assert [(p.rule, p.field) for p in problems] == [("duplicate-url", "url")], [str(p) for p in problems]
    assert problems[0].detail.endswith(
        "(rows may share a URL only as versions of one database, kind academic_dataset or official_statistics, with "
        "different published dates)"
    )


def test_one_report_registered_twice_under_another_id_and_link_is_caught(data_copy: Path) -> None:
    def add_copy(rows: list[list[str]]) -> None:
        header = rows[0]
        copy = list(rows[5])
        copy[header.index("source_id")] = "a-second-entry-of-one-report"
        copy[header.index("url")] = "https://www.usnews.com/news/world/articles/mirror-page"
        rows.append(copy)

    rewrite(data_copy / "sources.csv", add_copy)
    problems = [(p.rule, p.field) for p in validate(data_copy) if p.path == "sources.csv"]
    assert problems == [("unique-key", "publisher,title,published")]


def test_dates_and_years_may_reach_the_day_the_table_was_checked_but_not_beyond() -> None:
    entry = {
        "path": "curated/t.csv",
        "x-accessed": "2026-11-29",
        "schema": {
            "fields": [
                {"name": "date", "type": "date"},
                {"name": "order_year", "type": "integer"},
                {"name": "votes", "type": "integer"},
            ]
        },
    }
    today = dt.date(2026, 11, 30)
    rows = [
        (2, {"date": dt.date(2026, 11, 29), "order_year": 2026, "votes": 3000}),
        (3, {"date": dt.date(2026, 11, 30), "order_year": 2027, "votes": None}),
    ]
    problems = [str(p) for p in future_problems(rows, entry, today)]
    assert problems == [
        "curated/t.csv: line 3, field 'date': future-date: value 2026-11-30 is after the day the table was last "
        "checked (x-accessed 2026-11-29)",
        "curated/t.csv: line 3, field 'order_year': future-date: year 2027 is after the day the table was last "
        "checked (x-accessed 2026-11-29)",
    ]
    registry = {**entry, "x-accessed": None}
    del registry["x-accessed"]
    assert [p.line for p in future_problems(rows, registry, today)] == [3]


@pytest.mark.parametrize(
    ("value", "bounds", "refused"),
    [
        ("1922", {"minimum": "1922-12-30"}, None),
        ("1922-11", {"minimum": "1922-12-30"}, "is below the minimum 1922-12-30"),
        ("1922-12", {"minimum": "1922-12-30"}, None),
        ("2020", {"maximum": "2020-06-30"}, None),
        ("2020-07", {"maximum": "2020-06-30"}, "is above the maximum 2020-06-30"),
        ("2020-06-30", {"minimum": "2020-06-30", "maximum": "2020-06-30"}, None),
    ],
)
def test_a_partial_date_breaks_a_bound_only_if_every_day_it_can_mean_does(
    value: str, bounds: dict[str, str], refused: str | None
) -> None:
    field = {"name": "published", "type": "string", "x-partial-date": bounds}
    typed, rule, detail = parse_cell(value, field)
    assert (rule, detail) == (("constraint-error", refused) if refused else (None, None))
    assert typed == (None if refused else value)


@pytest.mark.parametrize(
    ("text", "first_day"),
    [
        ("2024", "2024-01-01"),
        ("2024-06", "2024-06-01"),
        ("2024-02-29", "2024-02-29"),
        ("2023-02-29", None),
        ("2024-13", None),
        ("2024-00", None),
        ("24-06", None),
        ("2024-6", None),
        ("2024-06-01T00", None),
    ],
)
def test_partial_dates_are_calendar_dates_compared_by_their_first_day(text: str, first_day: str | None) -> None:
    assert partial_start(text) == (dt.date.fromisoformat(first_day) if first_day else None)


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://en.yna.co.kr/view/AEN20190620007300325?ysclid=lq3abc123", "tracking"),  # Yandex's click id
        ("https://en.yna.co.kr/view/AEN20190620007300325?mibextid=Zxz2cZ", "tracking"),  # Facebook's share id
        ("https://www.nknews.org/2025/06/a/?gbraid=0AAAAA&epik_clid=x", "tracking"),  # a click id by its name's end
        ("https://www.bbc.com/news/world-asia-1?ns_mchannel=social&ns_source=twitter", "tracking"),  # comScore's tags
        ("https://docs.google.com/document/d/1abc/edit?usp=sharing", "tracking"),
        ("https://en.yna.co.kr/view/AEN20190620007300325?input=1195m", "tracking"),  # Yonhap's referrer tag
        ("https://x.com/tass_agency/status/1864609?s=20&t=abc", "tracking"),  # X's share tags
        ("https://www.theguardian.com/world/2024/jun/19/a#Echobox=1718800000", "tracking"),
        ("https://en.yna.co.kr/search/index?query=russia", "indirect"),  # a site's own search
        ("https://www.example.org/?s=russia", "indirect"),  # WordPress's search
        ("https://www.baidu.com/s?wd=russia", "indirect"),
        ("https://reut.rs/3abcde", "indirect"),  # outlets' own shorteners
        ("https://on.ft.com/abcde", "indirect"),
        ("https://yna.kr/AEN20190620007300325", "indirect"),
        ("https://kko.to/abcde", "indirect"),
        ("https://yandex.ru/turbo/en.yna.co.kr/s/view/AEN20190620007300325", "indirect"),  # Yandex's proxy copy
        ("https://www.nknews.org/login/?redirect=/2025/06/a", "indirect"),  # a login page
        # Not refused: the same names where they select a document, and words that only contain "search" or "s".
        ("https://www.kotra.or.kr/view.do?setIdx=249&search=&searchNationCd=", None),
        ("https://www.38north.org/research/2024/06/a/", None),
        ("https://www.example.org/news?s=123", None),
        ("https://www.kcna.kp/en/article/q/5f3a.kcmsf?input=1", None),
        ("https://www.sipri.org/databases/armstransfers?t=1", None),
    ],
)
def test_a_link_to_a_search_a_login_a_shortener_or_with_sharing_tags_is_refused(url: str, rule: str | None) -> None:
    """A link entered by hand names its document and nothing else: not a search results page, a login page, a
    shortener's or a proxy's link, and no tag saying how the reader arrived (a click id, a share's tag, a site's
    referrer tag, a fragment a sharing service adds)."""
    from russia_dprk.validation.links import pasted_link_problem

    found = pasted_link_problem(url)
    assert (found[0] if found else None) == rule, found


@pytest.mark.parametrize(
    ("table", "line", "year", "refused"),
    [
        ("trade_reported", 59, "2024", True),  # 2023's total moved to 2024, its source of January 2024 kept
        ("russia_korea_trade", 12, "2019", True),
        ("lng_importers", 2, "2015", True),
        ("trade_reported", 24, "2022", False),  # a row that gives no figure: a report of April 2022 can say so
    ],
)
def test_a_years_total_rests_on_a_source_published_after_the_year_ended(
    data_copy: Path, table: str, line: int, year: str, refused: bool
) -> None:
    """A year's total (``x-reported-after``'s ``totals``) is known only once the year is over: a source published
    in the year cannot give it. A row without a figure, saying why there is none, may cite a report of that year."""
    rewrite(data_copy / f"curated/{table}.csv", set_cell(f"curated/{table}.csv", line - 1, "year", year)[1])
    found = [(p.line, p.field) for p in validate(data_copy) if p.rule == "reported-before-event"]
    assert found == ([(line, "year")] if refused else [])
    if refused:
        assert "a year's total is known only once the year is over" in str(validate(data_copy)[0])


@pytest.mark.parametrize(
    ("table", "line", "changes"),
    [
        ("russia_korea_trade", 2, {"note": "Putin: trade 'reached $25 bln' last year (TASS style)."}),
        ("russia_korea_trade", 2, {"note": "Putin: trade reached '$25B' last year."}),
        ("russia_korea_trade", 2, {"note": "Putin: trade reached 25 billion USD last year."}),
        ("russia_korea_trade", 2, {"note": "Путин: товарооборот достиг «$25 млрд»."}),
        ("russia_korea_trade", 2, {"note": "日本語の報道: 貿易額は250億ドルに達した。"}),
        ("russia_korea_trade", 2, {"note": "한국 보도: 교역액 250억불 달성."}),
        ("unga_recorded_votes", 5, {"note": "'adopted by 143 in favour to 5 against, with thirty-five abstentions'"}),
        ("places", 6, {"note": "Original 42º24'55\"N 130º38'28\"E (an ordinal sign typed for the degree sign)."}),
        ("unga_recorded_votes", 5, {"session": "ES-10", "resolution": "A/RES/ES-10/21"}),  # another emergency session
        # the Russia-Joseon treaty's year, under an id of its own (the row's id carried 2014)
        ("article_context", 2, {"fact_id": "russia-joseon-treaty-1884", "date": "1884-07-07", "date_precision": "day"}),
        ("unga_hr_votes", 2, {"year": "2019", "session": "74", "date": "2019-11-14"}),  # a session the bounds allow
    ],
)
def test_figures_written_as_sources_write_them_and_earlier_history_pass(
    data_copy: Path, table: str, line: int, changes: dict[str, str]
) -> None:
    """A note may quote a figure as its source writes it (TASS's "$25 bln", "$25B", "25 billion USD", a Russian
    "млрд" after a dollar sign, Japanese "億ドル", Korean "억불", a count in words above twenty, a degree sign typed as
    "º"); a vote of another emergency session, and a fact of Russia's history with Korea before the Soviet Union,
    are recorded. None is refused."""
    path = data_copy / f"curated/{table}.csv"

    def change(rows: list[list[str]]) -> None:
        for field, value in changes.items():
            rows[line - 1][rows[0].index(field)] = value

    rewrite(path, change)
    found = [
        str(p) for p in validate(data_copy) if p.path == f"curated/{table}.csv" and p.rule != "reported-before-event"
    ]
    assert found == []


@pytest.mark.parametrize(
    ("table", "line", "field", "value", "rule"),
    [
        ("agreements", 24, "date", "2011-04-18", "sequence"),  # the debt agreement ratified before its 2012 signing
        ("agreements", 25, "date", "2014-04-17", "sequence"),  # the upper house before the lower house
        ("agreements", 26, "date", "2014-04-28", "sequence"),  # the law signed before the upper house approved it
        ("agreements", 22, "date", "2024-11-05", "sequence"),  # the DPRK's decree after the treaty entered into force
        ("projects", 7, "date", "2001-10-13", "sequence"),  # completed before construction began in 2008
        ("projects", 33, "date", "2019-12-16", "sequence"),  # the train resumed (a year slip) before it was suspended
        ("contacts", 56, "start_date", "1949-06-20", "era"),  # a PRC leader before the People's Republic
    ],
)
def test_events_dated_before_what_must_precede_them_are_refused(
    data_copy: Path, table: str, line: int, field: str, value: str, rule: str
) -> None:
    """An agreement is signed, then ratified (by decree, or by a parliament's lower house, upper house and the law's
    signing, in that order), then in force; a project is completed after its construction began, and resumes after
    it was suspended (``x-sequence``, a partial order as several sequences; a stage that repeats, as suspensions and
    resumptions do, with ``follows: any``); a state's code is not used before the state existed
    (``x-era``: the DPRK from 9 September 1948, the People's Republic of China from 1 October 1949)."""
    rewrite(data_copy / f"curated/{table}.csv", set_cell(f"curated/{table}.csv", line - 1, field, value)[1])
    found = [(p.line, p.rule) for p in validate(data_copy) if p.path == f"curated/{table}.csv" and p.rule == rule]
    assert found == [(line, rule)]


RAIL_PAGE = "http://www.railwaygazette.com/news/infrastructure/single-view/view/north-korea-rail-link-completed.html"


@pytest.mark.parametrize(
    ("stamp", "problem"),
    [
        ("20201022094821", None),  # the committed snapshot
        ("20201022094821id_", None),  # the same copy, shown raw
        ("", ("url", "snapshot")),  # no snapshot: the archive picks one
        ("2020", ("url", "snapshot")),  # a year: the nearest copy, whichever it is
        ("20201022", ("url", "snapshot")),
        ("20201342094821", ("url", "snapshot")),  # month 13
        ("19951022094821", ("url", "snapshot")),  # before the archive began
        ("20101022094821", ("published", "url-date")),  # archived three years before the 2013 page was published
        ("20261215094821", ("accessed", "url-date")),  # archived after the day the row says it was read
    ],
)
def test_a_web_archive_copy_names_one_snapshot_between_publication_and_reading(
    data_copy: Path, stamp: str, problem: tuple[str, str] | None
) -> None:
    """A Wayback Machine link names the copy that was read by its 14-digit time; a shorter or impossible time lets
    the archive show whichever copy is nearest, and a copy older than the page's publication or newer than the day
    it was read is a date mistyped. The archived page's own link, not the snapshot's time, dates the page."""
    url = f"https://web.archive.org/web/{stamp}/{RAIL_PAGE}".replace("web//", "web/")
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", 173, "url", url)[1])
    found = [(p.field, p.rule) for p in validate(data_copy) if p.line == 174 and p.rule != "future-date"]
    assert found == ([problem] if problem else []), found


@pytest.mark.parametrize(
    ("url", "tier", "refused"),
    [
        ("https://someone.blogspot.com/2015/03/post.html", "reporting", True),
        ("https://someone.blogspot.com/2015/03/post.html", "secondary", False),
        ("https://www.mail-archive.com/list@example.org/msg1.html", "document", True),
        ("https://notwikipedia.org/page", "reporting", False),  # a look-alike host is not the wiki
        ("https://n.news.naver.com/article/001/0010903540", "reporting", True),  # a portal's copy of Yonhap's story
        ("https://v.daum.net/v/20190620101010123", "reporting", True),
        ("https://inosmi.ru/20190620/245345678.html", "reporting", True),  # a translation of another outlet's piece
        ("https://baijiahao.baidu.com/s?id=1636789012345678", "reporting", True),
        (
            "https://web.archive.org/web/20131022094821/https://www.railwaygazette.com/a",
            "reporting",
            False,
        ),  # an archived original
        ("https://web.archive.org/web/20150301000000/https://en.wikipedia.org/wiki/Tumen_River", "reporting", True),
        ("https://archive.org/details/dprk-russia-treaty-scan", "document", True),  # anyone's upload of a document
        ("https://archive.org/details/dprk-russia-treaty-scan", "secondary", False),
    ],
)
def test_a_source_on_a_host_of_copies_must_be_tiered_secondary(
    data_copy: Path, url: str, tier: str, refused: bool
) -> None:
    def change(rows: list[list[str]]) -> None:
        rows[3][rows[0].index("url")] = url
        rows[3][rows[0].index("tier")] = tier

    rewrite(data_copy / "sources.csv", change)
    problems = [(p.line, p.field, p.rule) for p in validate(data_copy) if p.rule == "copy-domain"]
    assert problems == ([(4, "tier", "copy-domain")] if refused else [])


def test_a_row_resting_on_an_earlier_source_passes_only_as_an_announcement(data_copy: Path) -> None:
    """A report cannot precede its event, unless the row records what was announced in advance (its text says so,
    or its code is one of the rule's), and a source dated to the month supports any day of that month."""
    path = data_copy / "curated/contacts.csv"
    early = "cia-1984-07-11-kim-il-song-visit"

    def cite_early(rows: list[list[str]]) -> None:
        rows[29][rows[0].index("source_id")] = early

    rewrite(path, cite_early)
    assert [(p.line, p.field, p.rule) for p in validate(data_copy)] == [(30, "start_date", "reported-before-event")]

    def announce(rows: list[list[str]]) -> None:  # a contact known from its announcement is unverified (x-when)
        purpose = rows[0].index("purpose")
        rows[29][purpose] = "Announced: " + rows[29][purpose]
        rows[29][rows[0].index("status")] = "unverified"

    rewrite(path, announce)
    assert validate(data_copy) == []


def test_a_month_dated_source_supports_every_day_of_its_month() -> None:
    from russia_dprk.validation import partial_end

    assert [partial_end(t) for t in ("2024", "2023-02", "2024-02", "2024-12", "2024-06-19")] == [
        dt.date(2024, 12, 31),
        dt.date(2023, 2, 28),
        dt.date(2024, 2, 29),
        dt.date(2024, 12, 31),
        dt.date(2024, 6, 19),
    ]


@pytest.mark.parametrize(
    ("table", "line", "moved_to", "says"),
    [
        ("unga_hr_votes", 2, "2026-11-28", "a report cannot precede what it reports"),
        ("nuclear_test_dates", 5, "2016-01-07", "begins its note with 'Announced:'"),
        ("article_context", 2, "2026-11-28", "begins its note with 'Announced:'"),
    ],
)
def test_a_vote_a_test_or_a_fact_reported_before_it_happened_is_refused(
    data_copy: Path, table: str, line: int, moved_to: str, says: str
) -> None:
    """The tables that carry a date and cite a source each hold their rows to ``x-reported-after``: a vote recorded,
    a nuclear test dated, or a fact of the article's context reported before its own date is a row citing the wrong
    source (or a mistyped date). Votes have no text to mark an announcement: the rule names no ``unless-text``."""
    path = data_copy / f"curated/{table}.csv"

    def move_after_its_source(rows: list[list[str]]) -> None:
        rows[line - 1][rows[0].index("date")] = moved_to

    rewrite(path, move_after_its_source)
    problems = [p for p in validate(data_copy) if p.rule == "reported-before-event"]
    assert [(p.line, p.field) for p in problems] == [(line, "date")]
    assert says in problems[0].detail


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda rule: rule.update(date="visitor"), "'visitor' is not a date field"),
        (lambda rule: rule.update(published="title"), "'title' is not a date field of 'sources'"),
        (lambda rule: rule.update({"unless-codes": {"field": "level", "values": ["rumour"]}}), "codes ['rumour']"),
        (lambda rule: rule.update({"unless-text": "nowhere"}), "refers to field 'nowhere'"),
    ],
)
def test_a_wrong_reported_after_rule_is_refused(data_copy: Path, change, says: str) -> None:
    descriptor_change(data_copy, lambda p: change(entry_of(p, "contacts")["x-reported-after"]))
    problems = [str(p) for p in validate(data_copy)]
    assert len(problems) == 1 and says in problems[0], problems


@pytest.mark.parametrize(
    ("pattern", "backtracks"),
    [
        ("(a+)+$", True),
        (r"(\w+\s?)*", True),
        ("(aa?)+", True),
        ("(a|aa)+", True),
        ("(.|a)*", True),
        ("(a{1,3})+", True),
        ("[a-z0-9-]+(;[a-z0-9-]+)*", False),
        ("((a+)b)+", False),
        ("(RUS|RUSSIA)+", False),
        ("(RUS|PRK|KOR|USA|UKR|CHN)(;(RUS|PRK|KOR|USA|UKR|CHN))*", False),
        ("(a{2})+", False),
        (r"https?://\S+", False),
    ],
)
def test_a_pattern_that_can_backtrack_for_hours_is_told_apart_from_a_safe_one(pattern: str, backtracks: bool) -> None:
    from russia_dprk.validation import pattern_problem

    assert (pattern_problem(pattern) is not None) is backtracks


def test_a_row_citing_a_source_read_after_its_table_was_checked_is_refused(data_copy: Path) -> None:
    sources = read_rows(data_copy / "sources.csv")
    cited = sources[1][0]  # the ideal points' source; the table was last checked on its x-accessed day
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", 1, "accessed", "2026-11-30")[1])
    problems = [p for p in validate(data_copy) if p.rule == "read-after-checked"]
    assert problems and {p.path for p in problems} == {"derived/unga_ideal_points.csv"}
    assert str(problems[0]).endswith(
        f"field 'source_id': read-after-checked: source {cited!r} was read on 2026-11-30, after the day the table "
        "was last checked (x-accessed 2026-11-29); update x-accessed"
    )


def test_validate_says_what_it_got_for_a_data_folder_that_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").mkdir()
    assert [str(p) for p in validate(tmp_path)] == [
        f"datapackage.json: file, field '-': file: is a folder in {tmp_path}, expected a file"
    ]
    some_file = tmp_path / "notes.txt"
    some_file.write_text("x")
    assert [p.detail for p in validate(some_file)] == [f"{some_file} is a file, expected the data folder"]
    with pytest.raises(TypeError, match="data_dir is the path of a data folder, got int 5"):
        validate(5)
    with pytest.raises(ValueError, match="data_dir is empty"):
        validate("")


@pytest.mark.parametrize("written", ["1,500", "15%", "NaN", "+1500", "01500"])
def test_a_number_that_cannot_be_read_is_told_once(data_copy: Path, written: str) -> None:
    """An unread cell is not taken for an empty one by the rules that compare cells ("a high needs its low")."""
    rewrite(
        data_copy / "curated/transfer_estimates.csv", set_cell("curated/transfer_estimates.csv", 1, "low", written)[1]
    )
    problems = [p for p in validate(data_copy) if p.path == "curated/transfer_estimates.csv"]
    assert [(p.line, p.field) for p in problems] == [(2, "low")], [str(p) for p in problems]


LEGITIMATE = {  # values the newer rules must not refuse: (table, row, field, value)
    "archive.today's copy of the cited page, taken between publication and reading": (
        "sources.csv",
        13,
        "url",
        "https://archive.ph/2024.12.05-101010/https://tass.com/world/1882445",
    ),
    "a Wayback copy whose archived link has no scheme": (
        "sources.csv",
        13,
        "url",
        "https://web.archive.org/web/20241205101010/tass.com/world/1882445",
    ),
    "a headline that starts with a number like an error code": (
        "sources.csv",
        266,
        "title",
        "403 North Korean soldiers reach Kursk, Kyiv says",
    ),
    "a company whose name holds an ampersand before a semicolon": (
        "sources.csv",
        266,
        "note",
        "Reported by AT&T; see also the Q&A.",
    ),
    "a headline marking its source in angle brackets": ("sources.csv", 266, "title", "북러 군사협력 확대 추진<VOA>"),
    "significance stars after a figure": ("curated/transfer_estimates.csv", 3, "note", "Rose 12% (p < 0.05**)."),
    "a Chinese headline": ("sources.csv", 266, "title", "朝鲜与俄罗斯签署全面战略伙伴关系条约"),
    "Russian and Korean names together": ("sources.csv", 266, "note", "МИД России: 푸틴 대통령 방북."),
    "a title with a numbered volume": ("sources.csv", 266, "title", "Vol.1: Russia and Korea"),
    "a headline naming its outlet after a dash, in a sentence": (
        "sources.csv",
        265,
        "title",
        "Putin's envoy - NK News' interview with the Russian ambassador, in full",
    ),
    "a note naming the swapped day beside the day entered": (
        "curated/nuclear_test_dates.csv",
        1,
        "note",
        "CTBTO: 'On 9 October 2006 the DPRK conducted its first nuclear test'; a warning of 10 September 2006 too.",
    ),
    "a page dated the day after the month its id gives ends (the slack is for days)": (
        "sources.csv",
        87,
        "published",
        "2025-01-01",
    ),
    "full-width digits in Japanese text": ("sources.csv", 266, "title", "２０２４年の朝露首脳会談"),
    "a headline that starts with the word error": ("sources.csv", 266, "title", "Errors in the count of launches"),
    "a reporter whose name starts with By": ("sources.csv", 266, "author", "Byun Duk-kun"),
    "Russian and English in one note, each word in one alphabet": (
        "curated/contacts.csv",
        2,
        "purpose",
        "Talks with the Federation Council (Совет Федерации) on the treaty.",
    ),
    "an outlet whose name holds Syndicate": ("sources.csv", 266, "note", "Also carried by Project Syndicate."),
    "prose that names JavaScript before a colon": (
        "curated/transfer_estimates.csv",
        3,
        "note",
        "The page draws its table with JavaScript: the figures were read from its PDF.",
    ),
    "a unit with the prefix micro": ("curated/transfer_estimates.csv", 3, "note", "A dose of 0.1 μSv/h was reported."),
    "a Japanese headline's ideographic space": (
        "sources.csv",
        266,
        "note",
        "Japanese title: 北朝鮮兵、ロシア西部に到着\u3000ウクライナ情報機関",
    ),
    "an emoji in a channel's title": ("sources.csv", 266, "note", "Channel post headed ⚡\ufe0f Путин прибыл."),
    "a national web archive's long link": (
        "sources.csv",
        266,
        "url",
        "https://webarchive.nationalarchives.gov.uk/ukgwa/20230105120000/https://www.reuters.com/article/a",
    ),
    "a note naming a propaganda network's site as provenance, not as a link": (
        "sources.csv",
        266,
        "note",
        "Earlier read through a copy on news-pravda.com, now replaced by the original.",
    ),
    "a list written in a sentence with 1) and 2)": (
        "curated/dprk_entries_russia.csv",
        2,
        "note",
        "Third quarter; two reasons: 1) sanctions, 2) the border closure.",
    ),
    "items marked a) and b)": ("curated/contacts.csv", 2, "purpose", "Talks on a) the treaty and b) trade."),
    "a headline's TBD": ("sources.csv", 266, "title", "Kim-Putin summit: venue TBD, Kremlin says"),
    "a headline ending in two question marks": (
        "sources.csv",
        266,
        "title",
        "North Korean troops in Kursk: what next??",
    ),
    "a page whose path is after a hash": (
        "sources.csv",
        266,
        "url",
        "https://www.reuters.com/#/article/lavrov-kim-2018",
    ),
    "German and Japanese quotation marks": (
        "sources.csv",
        266,
        "note",
        "Bild quotes „Kursk“; Kyodo quotes 「北朝鮮兵」 and 『ロシア』.",
    ),
    "an editor's bracket inside a word": ("sources.csv", 266, "note", "'Several delegates disassociate[d]' (cut)."),
    # a row whose id names no place (x-key-names' leading rule reads the place an id names)
    "a place named by one word twice": ("curated/contacts.csv", 20, "place", "Bora Bora"),
    "the numero, degree and trade mark signs": ("sources.csv", 266, "note", "Order № 5; 20 ℃; Sony™ camera."),
    "a headline ending in the words read more": (
        "sources.csv",
        266,
        "title",
        "Kim Jong Un urges soldiers to read more",
    ),
    "a German ß before a closing quote": ("sources.csv", 266, "title", "Kims „Gruß“ an Putin zum Tag des Sieges"),
    "a German é before an ellipsis and a quote": (
        "sources.csv",
        266,
        "note",
        "Der Spiegel quoted: „Treffen im Café…“ in Wladiwostok.",
    ),
    "German quotation marks pointing inwards": (
        "sources.csv",
        266,
        "title",
        "Nordkorea schickt »Kanonenfutter« nach Kursk",
    ),
    "a Korean list marked 가) and 나)": ("sources.csv", 266, "note", "Korean original: 가) 군사협력, 나) 경제협력."),
    "sections numbered 3.1) and 3.2)": (
        "sources.csv",
        266,
        "note",
        "Sections 3.1) and 3.2) of the report cover the rail link.",
    ),
    "a link in Japanese text without spaces": (
        "sources.csv",
        266,
        "note",
        "NHK（https://www3.nhk.or.jp/news/html/20241018/k10014611111000.html）によると、派兵は1万人。",
    ),
    "a link between dashes": (
        "sources.csv",
        266,
        "note",
        "The page—https://tass.com/politics/1804627—names Ri Yong Ho.",
    ),
    "an article's own address ending in D.C.": (
        "sources.csv",
        257,
        "url",
        "https://en.wikipedia.org/wiki/Washington,_D.C.",
    ),
    "a list numbered [1] and [2]": (
        "sources.csv",
        266,
        "note",
        "RFA's table lists the purposes as [1] study, [2] business.",
    ),
    "a Chinese headline's question mark": ("sources.csv", 266, "title", "朝鲜出兵俄罗斯?外交部回应"),
    "an unknown day written ??": (
        "sources.csv",
        266,
        "note",
        "Day of publication unknown (2015-05-??); month from the page.",
    ),
    "a Windows path in a note": (
        "sources.csv",
        266,
        "note",
        "The spreadsheet was saved as C:\\new\\treaty_2024.xlsx by the ministry.",
    ),
    "a Japanese headline's Roman numeral": ("sources.csv", 266, "title", "北朝鮮、ロシアに第Ⅱ陣を派遣か"),
    "a change written with a Greek delta": ("sources.csv", 266, "note", "Growth (ΔGDP) was not given."),
    "a section label before a bar": ("sources.csv", 266, "title", "Analysis | What Kim Jong Un got from Putin"),
    "an ideographic space before a figure": ("sources.csv", 266, "note", "北朝鮮兵\u30001万人超がロシアに"),
    "coordinates in degrees and decimal minutes": (
        "curated/places.csv",
        3,
        "note",
        "Original 42°25.80′N 130°38.70′E (degrees and decimal minutes, as the page prints them).",
    ),
    "a dollar figure in English words": (
        "curated/russia_korea_trade.csv",
        2,
        "note",
        "The embassy gives 25.8 billion US dollars for 2014.",
    ),
    "a dollar figure in Chinese": ("curated/russia_korea_trade.csv", 2, "note", "中文报道：双边贸易额为258亿美元。"),
    "a dollar figure in Russian": (
        "curated/russia_korea_trade.csv",
        3,
        "note",
        "Нарышкин: «товарооборот достиг 27 млрд долларов»; approximate Russian-side figure.",
    ),
}


@pytest.mark.parametrize("label", LEGITIMATE)
def test_legitimate_values_pass_the_newer_rules(data_copy: Path, label: str) -> None:
    table, row, field, value = LEGITIMATE[label]
    rewrite(data_copy / table, set_cell(table, row, field, value)[1])
    assert [str(p) for p in validate(data_copy)] == []


@pytest.mark.parametrize(
    ("table", "row", "changes", "expected"),
    [
        (  # a reference number of 25 digits beside the quoted vote, and a mistyped count
            "curated/unga_recorded_votes.csv",
            1,
            {
                "yes": "142",
                "note": "Rubryka: '141 countries voted in favor, 5 voted against and 35 abstained' "
                "(ref. 1234567890123456789012345).",
            },
            "field 'yes': stated: value '142', but note states 5, 35, 141, 1,234,567,890,123,456,789,012,345",
        ),
        (  # a Korean amount of hundreds of digits (a paste gone wrong)
            "curated/russia_korea_trade.csv",
            6,
            {"note": '"2015년 ' + "9" * 300 + '억 달러" (rounded).'},
            "field 'value_usd_millions': stated: value",
        ),
    ],
)
def test_a_figure_too_long_to_round_is_still_one_clear_line(
    data_copy: Path, table: str, row: int, changes: dict[str, str], expected: str
) -> None:
    for field, value in changes.items():
        rewrite(data_copy / table, set_cell(table, row, field, value)[1])
    result = run_cli("validate", data_dir=data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(expected in line for line in result.stdout.splitlines()), result.stdout


@pytest.mark.parametrize(("suffix", "refused"), [(" - TASS", True), (" | tass", True), (" (TASS)", False)])
def test_a_title_ending_with_its_publisher_is_refused(data_copy: Path, suffix: str, refused: bool) -> None:
    """A headline copied from a browser tab keeps the outlet's name after a dash or bar (``x-not-ending-with``); a
    name in brackets after the headline is part of many headlines ("... (KCNA)") and passes."""
    rows = read_rows(data_copy / "sources.csv")
    header = rows[0]
    index = next(i for i, row in enumerate(rows) if i and row[header.index("publisher")] == "TASS")
    rewrite(
        data_copy / "sources.csv",
        set_cell("sources.csv", index, "title", rows[index][header.index("title")] + suffix)[1],
    )
    problems = [str(p) for p in validate(data_copy)]
    expected = [
        f"sources.csv: line {index + 1}, field 'title': ends-with-name: ends with the publisher ('TASS') after a dash "
        "or bar, as a browser tab's title does: drop the name"
    ]
    assert (expected[0] in problems) if refused else problems == []  # after a bar, the site-name rule objects too


def test_a_link_dated_in_one_segment_dates_its_source(data_copy: Path) -> None:
    """ria.ru writes the day as one path segment ("/20141028/"): a publication date a year off is refused."""
    rows = read_rows(data_copy / "sources.csv")
    index = next(i for i, row in enumerate(rows) if row[0] == "ria-2014-10-28-mostovik")
    assert "/20141028/" in rows[index][rows[0].index("url")]
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", index, "published", "2015-10-28")[1])
    # the id's day says so too (x-key-date): two witnesses, each named
    assert sorted((p.line, p.field, p.rule) for p in validate(data_copy)) == [
        (index + 1, "published", "key-date"),
        (index + 1, "published", "url-date"),
    ]


def test_a_cell_over_the_reader_s_limit_says_what_it_is(data_copy: Path) -> None:
    """A cell longer than the CSV reader takes (a quote left open, or a page pasted whole) is named as such, not as
    a stray character."""
    rewrite(data_copy / "sources.csv", set_cell("sources.csv", 13, "note", "a" * 200_000)[1])
    result = run_cli("validate", data_dir=data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == (
        f"sources.csv: line 14, field '-': csv-syntax: a cell of over {csv.field_size_limit():,} characters: a quote "
        "left open runs on through the lines after it, or a whole page was pasted into one cell"
    )


def _loop(path: Path) -> None:
    """Replace ``path`` with a link to itself (a loop: reading it fails with "Too many levels of symbolic links")."""
    path.unlink()
    path.symlink_to(path)


def _pipe(path: Path) -> None:
    """Replace ``path`` with a named pipe: reading one waits for a writer that never comes."""
    path.unlink()
    os.mkfifo(path)


@pytest.mark.parametrize(
    ("make", "file", "says"),
    [
        (_loop, "curated/contacts.csv", "curated/contacts.csv: file, field '-': unreadable: Too many levels"),
        (_pipe, "curated/contacts.csv", "curated/contacts.csv: file, field '-': unreadable: not a regular file"),
        (_pipe, "datapackage.json", "datapackage.json: file, field '-': unreadable: cannot be read in"),
    ],
)
def test_a_table_or_descriptor_that_loops_or_is_a_pipe_is_one_line_not_a_hang(
    data_copy: Path, make, file: str, says: str
) -> None:
    """A file replaced by a loop of links or by a named pipe is named on one line, by validate and by load, within
    seconds: no traceback (Python 3.11's ``Path.resolve`` raises ``RuntimeError`` on a loop) and no wait."""
    make(data_copy / file)
    done = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "validate", "--data-dir", str(data_copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.splitlines()[0].startswith(says), done.stdout
    if file.endswith(".csv"):
        loaded = run_cli("list", data_dir=data_copy)
        assert "Traceback" not in loaded.stderr


def test_settings_that_lead_nowhere_or_are_empty_are_one_line(tmp_path: Path, data_copy: Path) -> None:
    """The data folder's variable set but empty is refused (not taken for the checkout's); a data folder or a cache
    folder that is a loop of links is named, not a traceback; a descriptor linked from outside the data folder is
    refused as the tables are."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    base = {k: v for k, v in os.environ.items() if k != "RUSSIA_DPRK_DATA"}
    for command in ("list", "validate", "check"):  # validate had read the checkout's data folder instead
        empty = subprocess.run(
            [sys.executable, "-m", "russia_dprk", command],
            capture_output=True,
            text=True,
            env={**base, "RUSSIA_DPRK_DATA": ""},
        )
        assert (empty.returncode, empty.stdout, empty.stderr.strip()) == (
            2,
            "",
            "error: RUSSIA_DPRK_DATA is set but empty: expected the path of a data folder (unset it to use the "
            "checkout's)",
        ), command
    looping = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "list"],
        capture_output=True,
        text=True,
        env={**base, "RUSSIA_DPRK_DATA": str(loop)},
    )
    # a problem in the data, as validate tells it, whichever command meets it (exit 1)
    assert looping.returncode == 1 and "Traceback" not in looping.stderr and "symbolic links" in looping.stdout
    cache = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "check"],
        capture_output=True,
        text=True,
        env={**base, "RUSSIA_DPRK_CACHE": str(loop)},
    )
    assert cache.returncode == 1 and f"RUSSIA_DPRK_CACHE: {loop} is a link that leads nowhere" in cache.stdout
    outside = tmp_path / "datapackage.json"
    shutil.move(data_copy / "datapackage.json", outside)
    (data_copy / "datapackage.json").symlink_to(outside)
    assert "leads outside the data folder" in str(validate(data_copy)[0])


def test_a_long_value_and_a_terminal_without_its_characters_still_give_one_readable_line(data_copy: Path) -> None:
    """A pasted page quoted in a problem is cut to a thousand characters and says how much more there was; a value
    the terminal's encoding cannot show is escaped ("\\xf6"), not a traceback."""
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", 3, "purpose", "ab cd " * 20000)[1])
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", 4, "place", "Moscöw ")[1])
    done = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "validate", "--data-dir", str(data_copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert "Traceback" not in done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) < 1200
    assert "characters more)" in done.stdout and "'Mosc\\xf6w '" in done.stdout


def test_a_table_dropped_from_the_descriptor_is_named_beside_what_it_broke(data_copy: Path) -> None:
    """Dropping a table from the descriptor leaves country names no field holds (descriptor problems, which stop
    the table checks); the file no table names is reported with them, so the cause is on the list."""
    package = json.loads((data_copy / "datapackage.json").read_text())
    package["resources"] = [entry for entry in package["resources"] if entry["name"] != "contacts"]
    (data_copy / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    problems = validate(data_copy)
    assert problems[0].rule == "descriptor"
    assert [(p.path, p.rule) for p in problems if p.rule != "descriptor"] == [
        ("curated/contacts.csv", "undeclared-file")
    ]


@pytest.mark.parametrize("content", ["\n", "\r\n", "\n\n"])
def test_a_file_of_line_ends_only_has_no_header(data_copy: Path, content: str) -> None:
    (data_copy / "curated/places.csv").write_bytes(content.encode())
    assert [(p.path, p.line, p.rule) for p in validate(data_copy)] == [("curated/places.csv", 1, "empty-file")]


def test_a_visit_moved_away_from_an_event_held_during_it_is_refused(data_copy: Path) -> None:
    """Medvedev attended the 10 October 2025 parade during his visit from 8 October (no last day recorded, so at
    most a week): moving the visit's first day to 1 October leaves the parade outside it, and the parade's row
    says so, naming the visit's line."""
    rows = read_rows(data_copy / "curated/contacts.csv")
    index = next(i for i, row in enumerate(rows) if row[0] == "2025-10-medvedev-pyongyang")
    rewrite(data_copy / "curated/contacts.csv", set_cell("curated/contacts.csv", index, "start_date", "2025-10-01")[1])
    events = read_rows(data_copy / "curated/military_events.csv")
    parade = next(i for i, row in enumerate(events) if row[0] == "2025-10-10-medvedev-wpk-parade")
    [problem] = validate(data_copy)
    assert (problem.path, problem.line, problem.field, problem.rule) == (
        "curated/military_events.csv",
        parade + 1,
        "date",
        "during",
    )
    assert f"contacts '2025-10-medvedev-pyongyang' (its line {index + 1}), from 2025-10-01 with no last day" in str(
        problem
    )


def test_one_visit_entered_twice_with_the_visitor_s_middle_name_is_refused(data_copy: Path) -> None:
    """A visit copied under a new id with the visitor's full name ("Sergei Viktorovich Lavrov") passes the
    visitor-and-day key; it still opens on the same day in the same host country for the same partner."""

    def change(rows: list[list[str]]) -> None:
        header = rows[0]
        copy = list(next(row for row in rows if row[0] == "2018-05-lavrov-pyongyang"))
        copy[0], copy[header.index("visitor")] = "2018-05-lavrov-pyongyang-b", "Sergei Viktorovich Lavrov"
        rows.append(copy)

    rewrite(data_copy / "curated/contacts.csv", change)
    problems = [(p.line, p.field, p.rule) for p in validate(data_copy)]
    assert (len(read_rows(data_copy / "curated/contacts.csv")), "partner,host_country,start_date", "unique-key") in (
        problems
    )


def test_check_refuses_an_edited_record_of_a_build_and_a_derived_file_it_cannot_read(data_copy: Path) -> None:
    """``check`` tells the descriptor's record of a build edited by hand (the file matches a fresh derivation), and
    names a derived file that is a pipe, a loop of links or a folder as validate names it, at once (it had waited
    forever on a pipe, and called a loop "missing")."""
    package = data_copy / "datapackage.json"
    committed = package.read_text(encoding="utf-8")
    package.write_text(committed.replace('"hash": "sha256:0eb6', '"hash": "sha256:1eb6', 1), encoding="utf-8")
    checked = run_cli("check", data_dir=data_copy)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        "datapackage.json: file, field '-': build-record-edited: the record of derived/unga_alignment.csv's last "
        "build (its 'bytes' and 'hash') was edited by hand: the file matches a fresh derivation; run `python -m "
        "russia_dprk build` to record it anew"
    ]
    package.write_text(committed, encoding="utf-8")
    derived = data_copy / "derived/unga_alignment.csv"
    for make, says in (
        (_pipe, "not a regular file (a pipe, socket or device)"),
        (_loop, "Too many levels of symbolic links"),
    ):
        make(derived)
        done = subprocess.run(
            [sys.executable, "-m", "russia_dprk", "check"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "RUSSIA_DPRK_DATA": str(data_copy)},
        )
        assert done.returncode == 1 and done.stdout.splitlines() == [
            f"derived/unga_alignment.csv: file, field '-': unreadable: {says}"
        ], done.stdout + done.stderr
        derived.unlink()
        derived.write_bytes((CHECKOUT_DATA / "derived/unga_alignment.csv").read_bytes())


def test_a_problem_in_the_data_exits_1_with_validate_s_line_whichever_command_meets_it(data_copy: Path) -> None:
    """The same broken descriptor, or registry, gives every command exit 1 and the line validate prints, and
    ``load`` raises that line (``check`` and ``list`` had exited 2 with other words); a wrong setting exits 2."""
    package = data_copy / "datapackage.json"
    lines = package.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if '"version"' in line)
    package.write_text("".join([*lines[: at + 1], '  "version": "0.4.0",\n', *lines[at + 1 :]]), encoding="utf-8")
    told = (
        "datapackage.json: line 1, field '-': json: key 'version' appears twice in the object starting on this line "
        "(the second would silently replace the first)"
    )
    assert [str(p) for p in validate(data_copy)] == [told]
    for command in ("validate", "check", "list", "build"):
        done = run_cli(command, data_dir=data_copy)
        assert (done.returncode, done.stdout.splitlines()[0]) == (1, told), (command, done.stdout, done.stderr)
    loaded = subprocess.run(
        [sys.executable, "-c", "import russia_dprk as rd; rd.load('contacts')"],
        capture_output=True,
        text=True,
        env={**os.environ, "RUSSIA_DPRK_DATA": str(data_copy)},
    )
    assert loaded.stderr.strip().splitlines()[-1] == f"russia_dprk.errors.DescriptorError: {told}"
    package.write_text("".join(lines), encoding="utf-8")
    (data_copy / "upstream.csv").write_bytes(b"\xef\xbb\xbf" + (data_copy / "upstream.csv").read_bytes())
    for command in ("validate", "check", "list"):
        done = run_cli(command, data_dir=data_copy)
        assert done.returncode == 1 and done.stdout.startswith("upstream.csv: line 1, field '-': encoding:"), command
    shutil.copy(CHECKOUT_DATA / "upstream.csv", data_copy / "upstream.csv")
    unset = {**os.environ, "RUSSIA_DPRK_DATA": str(data_copy), "RUSSIA_DPRK_OFFLINE": "maybe"}
    for command in ("validate", "check", "list"):
        done = subprocess.run([sys.executable, "-m", "russia_dprk", command], capture_output=True, text=True, env=unset)
        assert done.returncode == 2 and "RUSSIA_DPRK_OFFLINE='maybe'" in done.stderr, command
    loaded = subprocess.run(
        [sys.executable, "-c", "import russia_dprk as rd; rd.load('contacts')"],
        capture_output=True,
        text=True,
        env=unset,
    )
    assert "UpstreamError: RUSSIA_DPRK_OFFLINE='maybe': expected 1/true/yes" in loaded.stderr  # was ignored


@pytest.mark.parametrize(
    ("written", "line", "says"),
    [
        (
            b"\xef\xbb\xbf{}",
            1,
            "encoding: the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one",
        ),
        (b'{\n  "title": "a\tb"\n}\n', 2, "json: Invalid control character at column 14 (truncated or malformed)"),
        (b"[]\n", None, "json: expected an object at the top, found a list"),
    ],
)
def test_a_descriptor_json_cannot_read_is_told_in_plain_words(
    data_copy: Path, written: bytes, line: int | None, says: str
) -> None:
    (data_copy / "datapackage.json").write_bytes(written)
    where = f"line {line}" if line else "file"
    assert [str(p) for p in validate(data_copy)] == [f"datapackage.json: {where}, field '-': {says}"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_table_saved_as_utf16_without_its_mark_is_one_encoding_line(data_copy: Path, encoding: str) -> None:
    path = data_copy / "curated/contacts.csv"
    path.write_bytes(path.read_bytes().decode("utf-8").encode(encoding))
    assert [str(p) for p in validate(data_copy)] == [
        "curated/contacts.csv: line 1, field '-': encoding: the file holds a NUL byte beside nearly every character, "
        "as UTF-16 text does: save it as UTF-8"
    ]


def test_a_table_whose_every_line_is_refused_is_not_compared_with_other_tables(data_copy: Path) -> None:
    """A header and a blank line: the blank line is told, and no other table's references to the table are (57
    lines had blamed agreements, military events and the audit)."""
    path = data_copy / "curated/contacts.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n\n", encoding="utf-8")
    assert [str(p) for p in validate(data_copy)] == [
        "curated/contacts.csv: line 2, field '-': blank-line: the line is blank (delete it)"
    ]


def test_build_refuses_a_table_named_twice(data_copy: Path) -> None:
    done = run_cli("build", "unga_alignment", "unga_alignment", data_dir=data_copy)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: names lists 'unga_alignment' more than once: name each table once"


def test_a_look_alike_letter_is_named_as_it_is() -> None:
    """The mixed-script message names the letter found, with its code point (it had always named Cyrillic 'о')."""
    from russia_dprk.validation.cells import text_problem

    assert text_problem("S/R\u0415S/1695 (2006)") == (
        "has the word 'R\u0415S', which mixes scripts: '\u0415' (U+0415, cyrillic capital letter ie) stands among "
        "letters of another script, a look-alike that would keep the row from matching its name"
    )
