"""Numbers, dollar amounts and coordinates as a quoted text writes them, to compare with the value a row records.

A note that quotes its source ("141 countries voted in favor, five against", "258억 달러", "$22.34bn",
"42°25'48.2"N") states the figure the row's value must be; :func:`counts`, :func:`numbers`, :func:`usd_millions`
and :func:`coordinates` read those figures, exactly as written.
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty"
)
WORDS = {word: number for number, word in enumerate(_NUMBER_WORDS.split())}
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
TENS = {word: 10 * number for number, word in enumerate(_TENS_WORDS.split(), 2)}
# A run of more than 30 digits is no count a text states (a reference number, a pasted hash): it is not read.
_WHOLE = re.compile(r"(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,30})(?![0-9]|[.,][0-9])")
# A number in words up to ninety-nine: "five", "thirty-five", "forty two" (a tens word with its unit is one number).
_WORD = re.compile(
    r"\b(?:(?P<tens>" + "|".join(TENS) + r")(?:[- ](?P<unit>" + "|".join(list(WORDS)[1:10]) + r"))?"
    r"|(?P<word>" + "|".join(WORDS) + r"))\b",
    re.IGNORECASE,
)
# "$25 billion", "$22.34bn", "USD 104 million", "$25 bln" (TASS), "$25B", "$25-billion", "$27,3 млрд" (a Russian
# decimal comma after the dollar sign).
_DOLLARS = re.compile(
    r"(?:US\$|\$|USD)\s?(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)(?:\s|-)?"
    r"(?P<unit>billion|bln|bn|b|million|mln|mn|m|млрд|млн)(?![^\W\d_])",
    re.IGNORECASE,
)
# A whole dollar amount written out with its thousands ("$714,000", "$3,666,836"), no unit word after it.
_WHOLE_DOLLARS = re.compile(
    r"(?:US\$|\$|USD\s?)(?P<number>[0-9]{1,3}(?:,[0-9]{3})+)(?![0-9]|[.,][0-9]|\s?-?(?:billion|bln|bn|b|million|mln|mn|m)\b)",
    re.IGNORECASE,
)
# Korean: 억 is 100 million, 만 ten thousand, 천 a thousand (of 만 here): 27억8천902만 달러 is 2,789.02 million dollars.
_KOREAN_UNITS = re.compile(
    r"(?:(?P<eok>[0-9][0-9,]*(?:\.[0-9]+)?)\s?억)?\s?"
    r"(?:(?:(?P<cheon>[0-9]+)\s?천)?\s?(?P<man>[0-9][0-9,]*)?\s?(?P<man_unit>\(만\)|만))?\s?(?:달러|불(?![가-힣]))"
)
# The same in words after the number: "25.8 billion US dollars", Russian "27 млрд долларов" or "27,3 млрд долл."
# (a decimal comma), Chinese "258亿美元" (亿 is 100 million, 万 ten thousand).
_DOLLARS_AFTER = re.compile(
    r"(?<![0-9.,])(?P<number>[0-9]{1,6}(?:[.,][0-9]+)?)\s?(?P<unit>billion|million|млрд|млн)\.?\s"
    r"(?:US\s|U\.S\.\s)?(?:dollars|долл|USD\b)",
    re.IGNORECASE,
)
# Chinese "258亿美元" and Japanese "250億ドル": 亿 or 億 is 100 million, 万 ten thousand.
_CHINESE_UNITS = re.compile(r"(?<![0-9.])(?P<number>[0-9]+(?:\.[0-9]+)?)\s?(?P<unit>亿|億|万)\s?(?:美元|ドル)")
_MILLION, _BILLION = Decimal(1), Decimal(1000)
_DECIMAL = re.compile(r"(?<![0-9.])-?[0-9]{1,3}\.[0-9]+(?![0-9])")
_DMS = re.compile(
    r"(?P<degrees>[0-9]{1,3})[°º]\s?(?P<minutes>[0-9]{1,2}(?:\.[0-9]+)?)['′’]\s?"
    r"(?:(?P<seconds>[0-9]{1,2}(?:\.[0-9]+)?)[\"″”])?"
)


def counts(text: str) -> set[int]:
    """The whole numbers a text states, in digits (``1,500`` or ``1500``) or in words up to ninety-nine.

    >>> sorted(counts("141 countries voted in favor, five against and 35 abstained; 1,500 in all (2.5 per cent)"))
    [5, 35, 141, 1500]
    >>> sorted(counts("thirty-five abstentions, forty two against, twenty in favour"))
    [20, 35, 42]
    """
    found = {int(match.group().replace(",", "")) for match in _WHOLE.finditer(text)}
    for match in _WORD.finditer(text):
        if match["word"]:
            found.add(WORDS[match["word"].lower()])
        else:
            found.add(TENS[match["tens"].lower()] + (WORDS[match["unit"].lower()] if match["unit"] else 0))
    return found


_ORDINAL_WORDS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
_ORDINALS = {word: number for number, word in enumerate(_ORDINAL_WORDS, 1)}
_ORDINAL = re.compile(r"\b(?P<word>" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_FRACTION = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]+(?![0-9])")
_DOZEN = re.compile(r"\b(?P<many>a|[0-9]{1,3}|" + "|".join(list(WORDS)[1:]) + r")\s(?:dozen)\b(?!s)", re.IGNORECASE)


def numbers(text: str) -> set[Decimal]:
    """The figures a text states: its whole numbers (:func:`counts`), its decimals (``49.99``, ``1,234.5``), a number
    of dozens (``two dozen`` is 24) and an ordinal in words (``second-largest`` states a rank of 2).

    >>> [str(n) for n in sorted(numbers("about two dozen leaders; the barrel at $49.99, the second-largest; 1,234.5"))]
    ['2', '24', '49.99', '1234.5']
    >>> [str(n) for n in sorted(numbers("dozens of leaders and a dozen ministers"))]
    ['12']
    """
    found = {Decimal(number) for number in counts(text)}
    found |= {Decimal(match.group().replace(",", "")) for match in _FRACTION.finditer(text)}
    for match in _DOZEN.finditer(text):
        many = match["many"].lower()
        found.add(Decimal(12 * (1 if many == "a" else WORDS.get(many) or int(many))))
    found |= {Decimal(_ORDINALS[match["word"].lower()]) for match in _ORDINAL.finditer(text)}
    return found


def usd_millions(text: str) -> set[Decimal]:
    """The dollar amounts a text states, in millions: ``$25 billion``, ``$22.34bn``, ``USD 104 million``, ``$25 bln``,
    ``$25B``, ``25.8 billion US dollars``, Russian ``27 млрд долларов``, Chinese ``258亿美元``, Japanese ``250億ドル``
    and Korean ``258억 달러`` (or ``억불``),
    ``101억3000만달러`` or ``27억8천902만 달러``, each exactly as written.

    >>> sorted(map(float, usd_millions('"258억 달러"; 101억3000만달러, 27억8천902만 달러 and $22.34bn')))
    [2789.02, 10130.0, 22340.0, 25800.0]
    >>> sorted(map(float, usd_millions("25.8 billion US dollars; «27,3 млрд долларов»; 258亿美元; 5万美元")))
    [0.05, 25800.0, 27300.0]
    >>> sorted(map(float, usd_millions("1,500 million dollars")))
    [1500.0]
    >>> sorted(map(float, usd_millions("$25 bln; $2B; $3-billion; 4 billion USD; $5,5 млрд; 250億ドル; 70억불")))
    [2000.0, 3000.0, 4000.0, 5500.0, 7000.0, 25000.0]
    >>> sorted(map(float, usd_millions("USD thousand ($714,000); RFA: $3,666,836; $1,500 million")))
    [0.714, 3.666836, 1500.0]
    """
    found = set()
    for match in [*_DOLLARS.finditer(text), *_DOLLARS_AFTER.finditer(text)]:
        unit = match["unit"].lower()
        russian = unit in ("млрд", "млн")  # a decimal comma; in English a thousands separator
        number = Decimal(match["number"].replace(",", "." if russian else ""))
        found.add(number * (_BILLION if unit in ("billion", "bln", "bn", "b", "млрд") else _MILLION))
    for match in _WHOLE_DOLLARS.finditer(text):
        found.add(Decimal(match["number"].replace(",", "")) / 1_000_000)
    for match in _CHINESE_UNITS.finditer(text):
        found.add(Decimal(match["number"]) * (Decimal("0.01") if match["unit"] == "万" else Decimal(100)))
    for match in _KOREAN_UNITS.finditer(text):
        if not (match["eok"] or match["man_unit"]):
            continue
        eok = Decimal(match["eok"].replace(",", "")) if match["eok"] else Decimal(0)
        man = Decimal(match["cheon"] or 0) * 1000 + Decimal((match["man"] or "0").replace(",", ""))
        if match["man_unit"] and not (match["cheon"] or match["man"]):
            continue  # a bare 만 with no number before it
        found.add(eok * 100 + man / 100)
    return found


def coordinates(text: str) -> set[Decimal]:
    """The coordinates a text states, in decimal degrees: decimals (``43.10562``) and degrees, minutes and seconds
    (``42°25′48.2″`` or with ASCII quotes, read as 42.43006) or degrees and decimal minutes (``42°25.80′``), each as
    written; the hemisphere is not read.

    >>> sorted(round(c, 5) for c in coordinates("Original 42°25′48.2″N 130°38′41.7″E (page also gives 42.430056)"))
    [Decimal('42.43006'), Decimal('42.43006'), Decimal('130.64492')]
    >>> sorted(round(c, 5) for c in coordinates("42°25.80′N 130°38.70′E"))
    [Decimal('42.43000'), Decimal('130.64500')]
    """
    found = set()
    for match in _DMS.finditer(text):
        seconds = Decimal(match["seconds"] or 0)
        found.add(Decimal(match["degrees"]) + Decimal(match["minutes"]) / 60 + seconds / 3600)
    decimals = _DMS.sub(" ", text)  # the seconds of 42°25'48.2" are not a coordinate of their own
    return found | {Decimal(match.group()) for match in _DECIMAL.finditer(decimals)}


def rounds_to(value: str, stated: Decimal) -> bool:
    """Whether ``value``, as written, is ``stated`` rounded to the decimals ``value`` shows (either way at a half).

    >>> rounds_to("43.106", Decimal("43.10562")), rounds_to("43.105", Decimal("43.10562"))
    (True, False)
    """
    written = Decimal(value)
    places = -written.as_tuple().exponent if isinstance(written.as_tuple().exponent, int) else 0
    return abs(written - stated) <= Decimal(5).scaleb(-places - 1)
