"""SIPRI: arms deals between the Soviet Union/Russia, China and the DPRK, their yearly TIV, and military expenditure."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..errors import UpstreamError
from . import step

REGISTER = "sipri-register/trade-register-2025-03-13.csv"
REGISTER_SOURCE = "sipri-arms-register-2025"
REGISTER_PREAMBLE = 11  # lines of notes before the header
REGISTER_HEADER = [
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
]
PARTIES = {"Soviet Union": "SUN", "Russia": "RUS", "China": "CHN", "North Korea": "PRK"}
STATUS = {"New": "new", "Second hand": "second_hand", "Second hand but modernized": "second_hand_modernized"}
UNCERTAIN = {"": "false", "?": "true"}
COUNT = re.compile(r"0|[1-9][0-9]*")
TIV = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?")
YEARS = re.compile(r"[0-9]{4}(; [0-9]{4})*")
CENT = Decimal("0.01")
MILEX_COUNTRIES = {"Russia": "RUS", "USSR": "SUN"}

REGISTER_COLUMNS = [
    "deal_id",
    "supplier",
    "recipient",
    "order_year",
    "order_year_uncertain",
    "weapon_designation",
    "weapon_description",
    "number_ordered",
    "number_ordered_uncertain",
    "number_delivered",
    "number_delivered_uncertain",
    "delivery_years",
    "first_delivery_year",
    "last_delivery_year",
    "status",
    "tiv_per_unit",
    "tiv_total_order",
    "tiv_delivered",
]


def _cell(pattern: re.Pattern[str], value: str, line: int, column: str) -> str:
    if value and not pattern.fullmatch(value):
        raise UpstreamError(f"{REGISTER}: line {line}, column {column!r}: unexpected value {value!r}")
    return value


def _flag(value: str, line: int, column: str) -> str:
    if value not in UNCERTAIN:
        raise UpstreamError(f"{REGISTER}: line {line}, uncertainty mark after {column!r}: unexpected value {value!r}")
    return UNCERTAIN[value]


def _deal(cells: list[str], line: int) -> dict:
    """One register entry as the project's fields; SIPRI's free-text comments are not carried over."""
    (
        recipient,
        supplier,
        order_year,
        order_flag,
        ordered,
        ordered_flag,
        designation,
        description,
        delivered,
        delivered_flag,
        years,
        status,
        _comments,
        per_unit,
        total_order,
        tiv_delivered,
    ) = cells
    if status not in STATUS:
        raise UpstreamError(f"{REGISTER}: line {line}, column 'status': unexpected value {status!r}")
    delivery = [int(y) for y in _cell(YEARS, years, line, "Year(s) of delivery").split("; ")] if years else []
    if delivery != sorted(set(delivery)):
        raise UpstreamError(f"{REGISTER}: line {line}: delivery years {years!r} are not in increasing order")
    _cell(TIV, tiv_delivered, line, "SIPRI TIV of delivered weapons")
    if delivery and not tiv_delivered:
        raise UpstreamError(f"{REGISTER}: line {line}: deliveries in {years} without a TIV of delivered weapons")
    return {
        "supplier": PARTIES[supplier],
        "recipient": PARTIES[recipient],
        "order_year": int(_cell(COUNT, order_year, line, "Year of order")),
        "order_year_uncertain": _flag(order_flag, line, "Year of order"),
        "weapon_designation": designation.strip(),
        "weapon_description": description.strip(),
        "number_ordered": _cell(COUNT, ordered, line, "Number ordered"),
        "number_ordered_uncertain": _flag(ordered_flag, line, "Number ordered") if ordered else "",
        "number_delivered": _cell(COUNT, delivered, line, "Number delivered"),
        "number_delivered_uncertain": _flag(delivered_flag, line, "Number delivered") if delivered else "",
        "delivery_years": ";".join(str(y) for y in delivery),
        "first_delivery_year": delivery[0] if delivery else None,
        "last_delivery_year": delivery[-1] if delivery else None,
        "status": STATUS[status],
        "tiv_per_unit": _cell(TIV, per_unit, line, "SIPRI TIV per unit"),
        # SIPRI writes 0 for the total order where the number ordered is not known: not a value, so left empty
        "tiv_total_order": _cell(TIV, total_order, line, "SIPRI TIV for total order") if ordered else "",
        "tiv_delivered": tiv_delivered,
    }


def _order(deal: dict) -> tuple:
    """A total order of deals: pair, order year, weapon, first delivery, then every other field."""

    def number(value: str | int | None) -> Decimal:
        return Decimal(-1) if value in (None, "") else Decimal(value)

    return (
        deal["supplier"],
        deal["recipient"],
        deal["order_year"],
        deal["weapon_designation"].casefold(),
        deal["weapon_designation"],
        number(deal["first_delivery_year"]),
        number(deal["number_ordered"]),
        number(deal["number_delivered"]),
        deal["delivery_years"],
        number(deal["tiv_delivered"]),
        number(deal["tiv_per_unit"]),
        number(deal["tiv_total_order"]),
        deal["status"],
        deal["weapon_description"],
        deal["order_year_uncertain"],
        deal["number_ordered_uncertain"],
        deal["number_delivered_uncertain"],
    )


def read_register(path: Path) -> list[dict]:
    """The register's entries between the Soviet Union/Russia, China and the DPRK (either direction), sorted."""
    with open(path, newline="", encoding="latin-1") as handle:
        rows = list(csv.reader(handle))
    header = rows[REGISTER_PREAMBLE] if len(rows) > REGISTER_PREAMBLE else []
    if header != REGISTER_HEADER:
        raise UpstreamError(f"{REGISTER}: line {REGISTER_PREAMBLE + 1}: unexpected header {header}")
    deals = []
    for line, cells in enumerate(rows[REGISTER_PREAMBLE + 1 :], start=REGISTER_PREAMBLE + 2):
        if len(cells) < 2 or cells[0] not in PARTIES or cells[1] not in PARTIES or cells[0] == cells[1]:
            continue
        if len(cells) != len(REGISTER_HEADER):
            raise UpstreamError(f"{REGISTER}: line {line}: {len(cells)} cells, the header has {len(REGISTER_HEADER)}")
        deals.append(_deal(cells, line))
    if not deals:
        raise UpstreamError(f"{REGISTER}: no deals between {', '.join(PARTIES)}")
    deals.sort(key=_order)
    counters: dict[tuple, int] = defaultdict(int)
    for deal in deals:
        group = (deal["supplier"], deal["recipient"], deal["order_year"])
        counters[group] += 1
        deal["deal_id"] = f"{group[0]}-{group[1]}-{group[2]}-{counters[group]:02d}"
    return deals


def _integers(values: list) -> pd.Series:
    return pd.Series([None if v in (None, "") else int(v) for v in values], dtype="Int64")


def _numbers(values: list[str]) -> pd.Series:
    return pd.Series([None if v == "" else float(v) for v in values], dtype="float64")


@step("arms_register", upstream=[REGISTER], source=REGISTER_SOURCE)
def arms_register(register: Path) -> pd.DataFrame:
    """One row per register entry (deal) between the Soviet Union/Russia, China and the DPRK, both directions."""
    deals = read_register(register)
    out = pd.DataFrame({column: [d[column] for d in deals] for column in REGISTER_COLUMNS})
    for column in ("order_year", "number_ordered", "number_delivered", "first_delivery_year", "last_delivery_year"):
        out[column] = _integers(out[column].tolist())
    for column in ("tiv_per_unit", "tiv_total_order", "tiv_delivered"):
        out[column] = _numbers(out[column].tolist())
    return out


def yearly_tiv(deals: list[dict]) -> pd.DataFrame:
    """TIV per supplier, recipient and delivery year: each deal's TIV of delivered weapons split equally
    among its listed delivery years, summed exactly (fractions) and rounded once, half to even, to 0.01."""
    total: dict[tuple, Fraction] = defaultdict(Fraction)
    single: dict[tuple, Fraction] = defaultdict(Fraction)
    count: dict[tuple, int] = defaultdict(int)
    for deal in deals:
        years = [int(y) for y in deal["delivery_years"].split(";")] if deal["delivery_years"] else []
        for year in years:
            key = (deal["supplier"], deal["recipient"], year)
            share = Fraction(deal["tiv_delivered"]) / len(years)
            total[key] += share
            count[key] += 1
            if len(years) == 1:
                single[key] += share

    def rounded(value: Fraction) -> float:
        return float((Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_EVEN))

    keys = sorted(total)
    return pd.DataFrame(
        {
            "year": [k[2] for k in keys],
            "supplier": [k[0] for k in keys],
            "recipient": [k[1] for k in keys],
            "tiv_millions": [rounded(total[k]) for k in keys],
            "tiv_single_year_millions": [rounded(single[k]) for k in keys],
            "deals": [count[k] for k in keys],
        }
    )


@step("arms_transfers", upstream=[REGISTER], source=REGISTER_SOURCE)
def arms_transfers(register: Path) -> pd.DataFrame:
    """Yearly deliveries in SIPRI TIV millions by supplier and recipient, from the register's deals.

    A year without a row had no recorded deliveries for that pair. Yearly values are estimates where a deal's
    deliveries span several years (see :func:`yearly_tiv`); ``tiv_single_year_millions`` is the part that is not.
    """
    return yearly_tiv(read_register(register))


def _milex_sheet(workbook: Path, sheet: str, header: int) -> pd.DataFrame:
    table = pd.read_excel(workbook, sheet_name=sheet, header=header)
    table = table[table["Country"].isin(MILEX_COUNTRIES)]
    years = [c for c in table.columns if isinstance(c, int)]
    long = table.melt(id_vars="Country", value_vars=years, var_name="year", value_name="value")
    # SIPRI writes "..." for no data and "xxx" for a country that did not exist; any other text is refused, not
    # read as missing
    marked = long["value"].replace({"...": None, "xxx": None})
    try:
        long["value"] = pd.to_numeric(marked)
    except (ValueError, TypeError) as exc:
        raise UpstreamError(f"{workbook.name}: sheet {sheet!r}: {exc} (SIPRI's markers are '...' and 'xxx')") from None
    return long.dropna(subset=["value"]).assign(country=lambda d: d["Country"].map(MILEX_COUNTRIES))


@step("military_expenditure", upstream=["sipri-milex/SIPRI-Milex-data-1949-2024.xlsx"], source="sipri-milex-2025")
def military_expenditure(workbook: Path) -> pd.DataFrame:
    """Russia's (and the USSR's, where SIPRI has it) military expenditure."""
    spend = _milex_sheet(workbook, "Constant (2023) US$", 5)[["country", "year", "value"]].rename(
        columns={"value": "usd_millions_2023"}
    )
    share = _milex_sheet(workbook, "Share of GDP", 5)[["country", "year", "value"]].rename(
        columns={"value": "share_of_gdp"}
    )
    out = spend.merge(share, on=["country", "year"], how="outer")
    out["usd_millions_2023"] = out["usd_millions_2023"].round(1)
    out["share_of_gdp"] = (out["share_of_gdp"] * 100).round(2)
    out["year"] = out["year"].astype(int)
    return out.sort_values(["country", "year"]).reset_index(drop=True)
