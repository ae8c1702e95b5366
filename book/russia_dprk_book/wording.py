"""Numbers and dates as the book's sentences and alt texts write them, so every number a reader meets in prose is
computed from the data it describes."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def about(value: float, digits: int = 2) -> str:
    """``value`` rounded half up to ``digits`` significant figures, with thousands separators and no trailing zeros.

    >>> about(11.94), about(1.342), about(1447), about(0.0405), about(13400), about(4.9), about(1.0)
    ('12', '1.3', '1,400', '0.041', '13,000', '4.9', '1')
    """
    if value == 0:
        return "0"
    places = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{max(places, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def dollars(millions: float) -> str:
    """An amount given in millions of US dollars, in words at two significant figures.

    >>> dollars(34.4), dollars(1340), dollars(0.0405)
    ('34 million dollars', '1.3 billion dollars', '41 thousand dollars')
    """
    if abs(millions) >= 1000:
        return f"{about(millions / 1000)} billion dollars"
    if abs(millions) >= 1:
        return f"{about(millions)} million dollars"
    return f"{about(millions * 1000)} thousand dollars"


def count(value: float) -> str:
    """A count of people, rounds or events in words: whole numbers with thousands separators, millions as such.

    >>> count(1500), count(12_000_000), count(1_000_000)
    ('1,500', '12 million', '1 million')
    """
    if value >= 1_000_000:
        return f"{about(value / 1_000_000)} million"
    return f"{round(value):,}"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """Items joined as a sentence lists them.

    >>> join_words(["a"]), join_words(["a", "b"]), join_words(["a", "b", "c"], "or")
    ('a', 'a and b', 'a, b or c')
    """
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
