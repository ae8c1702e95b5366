"""Reading the figures a quoted note states (``russia_dprk.amounts``), which ``x-stated`` compares with a row's value."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from russia_dprk.amounts import counts, usd_millions


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
