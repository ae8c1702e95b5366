"""Reading the figures a quoted note states (``russia_dprk.amounts``), which ``x-stated`` compares with a value."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from russia_dprk.amounts import coordinates, counts, rounds_to, usd_millions


@given(st.integers(0, 10**9))
def test_a_whole_number_reads_back_with_or_without_thousands_separators(number: int) -> None:
    assert number in counts(f"voted {number} times")
    assert number in counts(f"voted {number:,} times")


def test_parts_of_decimals_percentages_and_dates_are_not_counts() -> None:
    assert counts("2.5 per cent, 0.7") == set()
    assert counts("five votes against, Seven abstained") == {5, 7}


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_a_dollar_amount_reads_back_in_millions(amount: Decimal) -> None:
    assert amount in usd_millions(f"trade of ${amount} million")
    assert amount * 1000 in usd_millions(f"trade of USD {amount}bn")


def test_korean_units_are_read_only_as_dollars() -> None:
    assert usd_millions("173억6,000 (만) 달러, 273억4천만달러") == {Decimal("17360"), Decimal("27340")}
    assert usd_millions("5천만 달러") == {Decimal("50")}
    assert usd_millions("287억 원") == set()  # won, not dollars


def test_coordinates_in_degrees_minutes_and_seconds_or_decimals() -> None:
    stated = coordinates("Original 40°6'54\"N 124°23'33\"E (40.11500, 124.39250); N 42°34'56\"")
    assert {round(c, 4) for c in stated} == {Decimal("40.1150"), Decimal("124.3925"), Decimal("42.5822")}
    assert rounds_to("40.115", Decimal("40.1150")) and rounds_to("42.582", Decimal("42.58222"))
    assert not rounds_to("42.58", Decimal("42.5722"))
    assert round(next(iter(coordinates("42°25’48.2”N"))), 5) == Decimal("42.43006")  # typographic quotes


@given(st.decimals(min_value=-90, max_value=90, places=5, allow_nan=False, allow_infinity=False))
def test_a_decimal_coordinate_reads_back_and_its_rounding_agrees(value: Decimal) -> None:
    assert value in coordinates(f"point {value}, elsewhere")
    assert rounds_to(str(round(value, 3)), value)
