"""What every rule shares: the problem record, a parsed table, a checked table, and the written forms of
dates, numbers and links.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

REGISTRIES = {"sources", "upstream"}


# Where a table of each kind is stored: <folder><name>.csv.
KIND_FOLDERS = {"derived": "derived/", "curated": "curated/", "registry": ""}


# What a table of each kind must state beside its schema: how it was made, how to cite it, the day it was last
# checked against its sources (which bounds its dates), and for a derived table its sources and upstream files.
KIND_NEEDS = {
    "derived": ("x-source-ids", "x-upstream", "x-processing", "x-citation", "x-accessed"),
    "curated": ("x-processing", "x-citation", "x-accessed"),
}


DESCRIPTOR_FILE = "datapackage.json"
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
INT64 = 2**63
URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
URL_UNSAFE = re.compile(r"[{}\\\"<>`\s]")
URL_MAX = 2048  # the longest URL every browser, archive and sitemap is known to keep


# Names no public site has: reserved for tests, examples and local networks (RFC 2606, 6761, 6762, 8375), and
# wildcard names that stand for an address ("127.0.0.1.nip.io").
PRIVATE_NAMES = (".local", ".localdomain", ".localhost", ".test", ".example", ".invalid", ".internal", ".lan")


PRIVATE_NAMES += (".home.arpa", ".nip.io", ".sslip.io")


RESERVED_HOSTS = ("localhost", "nip.io", "sslip.io")
ABBREVIATION_END = re.compile(r"[._/-](?:[A-Z]\.){2,}$")  # "Washington,_D.C." ends in its own full stop
BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2}).{0,2}")
HOST_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\.?")
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "LISU")  # alphabets with letters that look Latin
BARE_CR = re.compile(r"\r(?!\n)")
SEPARATORS = (("\t", "tabs"), (";", "semicolons"), ("|", "vertical bars"))
YEAR_FIELD = re.compile(r"([a-z_]+_)?year")  # integer fields holding a calendar year: year, order_year, ...


DETAIL_MAX = 1000  # characters of a problem's detail printed on its line


@dataclass(frozen=True)
class Problem:
    """One way the data break their rules: where (file, physical line, field), which rule, and the detail."""

    path: str
    line: int | None
    field: str
    rule: str
    detail: str

    def __str__(self) -> str:
        where = "file" if not self.line else f"line {self.line}"
        detail = self.detail
        if len(detail) > DETAIL_MAX:  # a pasted page quoted whole would make one line of 100,000 characters
            detail = f"{detail[:DETAIL_MAX]}... ({len(detail) - DETAIL_MAX:,} characters more)"
        return one_line(f"{self.path}: {where}, field {self.field!r}: {self.rule}: {detail}")


def one_line(text: str) -> str:
    r"""``text`` with each character a terminal would act on (a line break, an escape sequence, a bidirectional
    override) written as its escape, so a problem is always one line that says what it is (a file named with a
    line break in it cannot print a second, forged line).

    >>> print(one_line("curated/evil\nFAKE.csv: \x1b[2K"))
    curated/evil\nFAKE.csv: \x1b[2K
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


@dataclass(frozen=True)
class Table:
    """A table as read from disk: its header and its records as text, each with its first physical line."""

    path: str
    header: list[str]
    records: list[tuple[int, dict[str, str]]]


# Cells that could not be read, as (line, field): each is told once, by its own rule, and compared with no other.
Unread = frozenset[tuple[int, str]] | set[tuple[int, str]]


def odd_ones_out(rows: list[tuple[int, str]]) -> list[tuple[int, str, str, int, int]]:
    """The rows of one group whose value differs from the group's usual one: ``(line, value, usual, rows giving the
    usual value, first of them)``. The usual value is the one most rows give (the first given, on a tie), so the row
    that was mistyped is the one named, wherever it stands.

    >>> odd_ones_out([(2, "Kim Yong-nam"), (15, "Kim Yong Nam"), (21, "Kim Yong Nam")])
    [(2, 'Kim Yong-nam', 'Kim Yong Nam', 2, 15)]
    """
    counts = Counter(value for _, value in rows)
    order = {value: line for line, value in reversed(rows)}  # the first line giving each value
    usual = max(counts, key=lambda value: (counts[value], -order[value]))
    return [(line, value, usual, counts[usual], order[usual]) for line, value in rows if value != usual]


@dataclass(frozen=True, eq=False)
class Checked:
    """One table checked on its own: its problems, its typed records, the parsed table and its key tuples."""

    problems: list[Problem]
    typed: list[tuple[int, dict[str, Any]]]
    table: Table | None
    keys: frozenset[tuple[str, ...]]

    @cached_property
    def referenced(self) -> list[tuple[int, dict[str, Any]]]:
        """The typed records as other tables' rules read them: a cell this table's own checks refuse is left out
        (``None``), so the one wrong cell is told once, on its own line, and the rows of other tables that read it
        (every row citing a source whose reading date is in the future) are not blamed for it.

        >>> told = Problem("s.csv", 2, "accessed", "future-date", "m")
        >>> Checked([told], [(2, {"id": "a", "accessed": 1}), (3, {"id": "b", "accessed": 2})], None, frozenset()
        ...         ).referenced
        [(2, {'id': 'a', 'accessed': None}), (3, {'id': 'b', 'accessed': 2})]
        """
        return [
            (line, {name: None if (line, name) in self.told else value for name, value in row.items()})
            for line, row in self.typed
        ]

    @cached_property
    def told(self) -> frozenset[tuple[int, str]]:
        """The cells (line, field) this table's own checks refuse."""
        return frozenset(
            (problem.line, field) for problem in self.problems if problem.line for field in problem.field.split(",")
        )
