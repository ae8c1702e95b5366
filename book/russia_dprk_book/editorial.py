"""Editorial tables: what a reader sees instead of a DataFrame dump.

Codes become their labels from the descriptor's enumerations, dates are shown at their precision, numbers with
thousands separators and without spurious decimals (from a million up, in words), lists with a space after each
separator, missing values as a dash, every source as a citation with its tier. All text passes through
:func:`.escape.markdown`; the table scrolls inside its container on small screens.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
from IPython.display import Markdown
from russia_dprk.catalog import enum_labels, resource
from russia_dprk.validation import is_year_field

from .escape import markdown as md
from .tiers import is_secondary

MISSING = "–"
LIST_SEPARATOR = re.compile(r";(?=\S)")  # "1992;1993" is shown "1992; 1993", so a line can break there
DATE_FORMATS = {"year": "%Y", "month": "%B %Y", "day": "%-d %B %Y"}


def format_date(value: pd.Timestamp, precision: str = "day") -> str:
    """A date at its precision: 1995, August 2001, 19 June 2024."""
    if pd.isna(value):
        return MISSING
    return value.strftime(DATE_FORMATS.get(precision, DATE_FORMATS["day"]))


def format_through(value: str | None) -> str:
    """A table's last covered date (``russia_dprk.data_through``) as the book prints it: a year as it is, a month or
    a day in words, none as a dash.

    >>> format_through("2025-11-05"), format_through("2025-03"), format_through("2024"), format_through(None)
    ('5 November 2025', 'March 2025', '2024', '–')
    """
    if not value:
        return MISSING
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    return format_date(pd.Timestamp(value), precision)


LARGE = ((12, "trillion"), (9, "billion"), (6, "million"))


def format_number(value: object, decimals: int = 2, fixed: bool = False) -> str:
    """A number with thousands separators, decimals only where the value has them (``fixed``: exactly ``decimals``
    of them, as every number of a column shows); from a million up, exactly in words, as a reader says it (a column
    of "28,700,000,000,000" is wider than a printed page allows).

    >>> format_number(165000), format_number(1_700_000_000), format_number(28.7e12), format_number(1234567)
    ('165,000', '1.7 billion', '28.7 trillion', '1.234567 million')
    >>> format_number(4, 1, fixed=True), format_number(10.9, 1, fixed=True)
    ('4.0', '10.9')
    """
    if value is None or pd.isna(value):
        return MISSING
    number = float(value)
    for power, word in LARGE:
        if abs(number) >= 10**power:
            scaled = (Decimal(repr(number)) / Decimal(10**power)).normalize()
            return f"{scaled:,f} {word}"
    if fixed:
        return f"{number:,.{decimals}f}"
    if number.is_integer():
        return f"{number:,.0f}"
    return f"{number:,.{decimals}f}".rstrip("0").rstrip(".")


def decimals_shown(values: list[object], most: int = 2) -> int:
    """How many decimals a column of numbers shows: as many as its most precise value below a million needs (at most
    ``most``), so that 0.5 and 4 print as 0.5 and 4.0 in one column.

    >>> decimals_shown([0.5, 4, 10.9]), decimals_shown([2, 2.29]), decimals_shown([12000, 6e6])
    (1, 2, 0)
    """
    places = 0
    for value in values:
        if value is None or pd.isna(value) or abs(float(value)) >= 10**6:
            continue
        exponent = Decimal(repr(round(float(value), most))).normalize().as_tuple().exponent
        places = max(places, -int(exponent) if isinstance(exponent, int) else 0)
    return places


def _labels(table: str, field: str) -> dict[str, str] | None:
    spec = next((f for f in resource(table)["schema"]["fields"] if f["name"] == field), None)
    if spec and spec.get("constraints", {}).get("enum"):
        return enum_labels(table, field)
    return None


def citation(source_id: str) -> str:
    """A source as an author-year citation, marked "(secondary)" when it is a repost, aggregator or compilation."""
    marker = " (secondary)" if is_secondary(source_id) else ""
    return f"{{cite:t}}`{source_id}`{marker}"


def _cells(frame: pd.DataFrame, table: str, column: str) -> list[str]:
    """One column's cells as the table shows them, the formatting chosen once for the column."""
    values = frame[column].tolist()
    if column == "source_id":
        return [citation(str(value)) for value in values]
    if pd.api.types.is_datetime64_any_dtype(frame[column]):
        precisions = [str(p) for p in frame["date_precision"]] if "date_precision" in frame.columns else None
        return [format_date(value, precisions[i] if precisions else "day") for i, value in enumerate(values)]
    spec = next((f for f in resource(table)["schema"]["fields"] if f["name"] == column), None)
    if spec is not None and is_year_field(spec):  # a year reads 1975, not 1,975
        return [MISSING if value is None or pd.isna(value) else str(int(value)) for value in values]
    if pd.api.types.is_numeric_dtype(frame[column]) and not isinstance(frame[column].dtype, pd.CategoricalDtype):
        if spec is not None:  # a figure as its source gives it: "11", not "11.00" beside "10.94"
            return [format_number(value) for value in values]
        places = decimals_shown(values)  # a figure the book computed: one precision a column, 0.5 and 4.0
        return [format_number(value, places, fixed=places > 0) for value in values]
    labels = _labels(table, column)
    return [
        MISSING
        if value is None or pd.isna(value)
        else md(labels.get(str(value), str(value)) if labels else LIST_SEPARATOR.sub("; ", str(value)))
        for value in values
    ]


def table(frame: pd.DataFrame, table: str, columns: dict[str, str]) -> Markdown:
    """An editorial table of ``frame`` (rows of dataset table ``table``), showing ``columns`` under their labels.

    A ``date`` column is shown at the row's ``date_precision`` when the frame has one; a ``source_id`` column
    becomes a citation, marked when its source is a secondary one.
    """
    header = "| " + " | ".join(md(label) for label in columns.values()) + " |"
    lines = [header, "|" + "---|" * len(columns)]
    cells = [_cells(frame, table, column) for column in columns]
    lines += ["| " + " | ".join(row) + " |" for row in zip(*cells, strict=True)]
    return Markdown("\n".join(lines))
