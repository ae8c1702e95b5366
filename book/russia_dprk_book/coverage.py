"""What the data cover: spans before a series starts and after it ends, as drawn and as used in rates."""

from __future__ import annotations

import pandas as pd
from russia_dprk.catalog import data_through, sources, tables

from .editorial import format_through

# The article the book tests: The Moscow Times, 1 April 2015 (the registry's date for marzalik-2015; a test ties them).
ARTICLE_DATE = pd.Timestamp("2015-04-01")
# The DPRK closed its borders to foreign tourists on 22 January 2020 (the `projects` row suspending tourism, from the
# South China Morning Post); the first foreign delegation, Shoigu's, arrived on 25 July 2023 (`contacts`). The closure
# is the span from the first date up to, not including, the second; a test ties both days to those rows.
BORDER_CLOSURE = (pd.Timestamp("2020-01-22"), pd.Timestamp("2023-07-25"))


def through(table: str) -> pd.Timestamp:
    """The last date a table covers (a year counts to its 31 December)."""
    value = data_through(table)
    if value is None:
        raise ValueError(f"table {table!r} has no dated rows")
    return pd.Timestamp(f"{value}-12-31") if len(value) == 4 else pd.Timestamp(value)


def through_text(table: str) -> str:
    """The last date a table covers as the book prints it ("5 November 2025", "2024"; see :func:`.format_through`).

    >>> through_text("trade_cow")
    '2014'
    """
    return format_through(data_through(table))


def covered_years(
    first: pd.Timestamp, last: pd.Timestamp, table: str, exclude: tuple[pd.Timestamp, pd.Timestamp] | None = None
) -> float:
    """Years between ``first`` and ``last`` that the table covers (cut at its last date), minus an excluded span."""
    end = min(last, through(table))
    days = max((end - first).days + 1, 0)
    if exclude:
        overlap = (min(end, exclude[1] - pd.Timedelta(days=1)) - max(first, exclude[0])).days + 1
        days -= max(overlap, 0)
    return days / 365.25


def not_covered(table: str, start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[pd.Timestamp, pd.Timestamp, str]]:
    """The span after a table's last date up to ``end``, labelled, for :func:`charts.shade_spans`."""
    last = through(table)
    return [(last, end, f"no data after {last:%b %Y}")] if last < end else []


REPORT_KINDS = ("news_report", "state_media")


def latest_report() -> pd.Timestamp:
    """The publication date of the newest news report or state-media item in the source registry: the project read
    nothing newer, so no event after it can be in the tables."""
    registry = sources()
    dated = registry.loc[registry["kind"].isin(REPORT_KINDS), "published"].dropna()
    return max(pd.Timestamp(value) for value in dated if len(value) == 10)


def judged_by() -> str:
    """The month to which the scorecard judges what happened after the article ("February 2026"): that of the newest
    report read (:func:`latest_report`). An outcome after it cannot be in the data, so none is claimed."""
    return f"{latest_report():%B %Y}"


def data_sets_reaching(year: int) -> list[str]:
    """The derived tables (built from published data sets) whose rows reach ``year``: the exceptions to "the data
    sets end before it".

    >>> data_sets_reaching(2026)
    ['missile_launches']
    """
    listed = tables()
    derived = listed[(listed["kind"] == "derived") & listed["data_through"].astype(bool)]
    return [row.name for row in derived.itertuples() if int(row.data_through[:4]) >= year]
