"""Author-year citation labels of the sources: the names and the year each citation of a source prints.

A citation reads "A, 2025", "A and B, 2025" or "A et al., 2025": the authors' surnames as pybtex parses them, or
the publisher where a source names no author. Where several sources would print the same label, their years are
lettered ("2025a", "2025b", ...; "n.d.-a", ...) in order of publication date, then id, so that every label names
one entry of the bibliography. The bibliography (:mod:`.bibliography`) and the figures' source lines
(:func:`.style.source_text`) both take names and years from here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from string import ascii_lowercase
from types import MappingProxyType
from typing import NamedTuple

from pybtex.database import Person
from russia_dprk.catalog import sources

from .memo import per_data_state

LOOK_ALIKES = str.maketrans({"\\": "\uff3c", "{": "\uff5b", "}": "\uff5d"})


def latex(text: str) -> str:
    """Text for a BibTeX field: backslashes and braces become their full-width look-alikes, which have no meaning
    in BibTeX or LaTeX, so a value can never close its field and open another (pybtex's writer encodes the other
    special characters, such as ``%`` and ``&``). BibTeX cannot display a literal brace at all.

    >>> latex("x }, month = {jan")
    'x ｝, month = ｛jan'
    """
    return str(text).translate(LOOK_ALIKES)


# "이경하 (Lee Kyung-ha)", "Lim Soo-ho (임수호)": a name followed by the same name in another script.
WITH_ALTERNATIVE = re.compile(r"^(?P<one>[^()]+?)\s*\((?P<other>[^()]+)\)$")
LATIN = re.compile(r"[A-Za-z][A-Za-z .'-]*")
# A romanised Korean name, family name first and the given name hyphenated ("Lee Kyung-ha", "Park Jong-kook").
FAMILY_FIRST = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+")


def person(name: str) -> Person:
    """An author as citations and the bibliography print them.

    A personal name is parsed by pybtex (the surname is cited). A name given in two scripts is printed in Latin
    letters; a romanised Korean name is kept whole, family name first, as are names in Hangul and organisations
    (names containing ' and '), since pybtex would take a Korean given name for the surname.

    >>> [" ".join(person(n).last_names) for n in ("Anton Sokolin", "Lee Kyung-ha", "이경하 (Lee Kyung-ha)")]
    ['Sokolin', '{Lee Kyung-ha}', '{Lee Kyung-ha}']
    """
    both = WITH_ALTERNATIVE.fullmatch(name.strip())
    if both:
        name = next((part for part in both.group("one", "other") if LATIN.fullmatch(part)), both["one"])
    if " and " in name or FAMILY_FIRST.fullmatch(name):
        return Person(last="{" + latex(name) + "}")
    return Person(latex(name))


def authors(author: object, publisher: object) -> list[Person]:
    """A source's authors (``;``-separated), or its publisher as the one author where it names none."""
    if isinstance(author, str) and author.strip():
        return [person(name.strip()) for name in author.split(";")]
    return [Person(last="{" + latex(str(publisher)) + "}")]


class Label(NamedTuple):
    """What a citation of one source prints: up to two names (a third stands for "et al.") and the year."""

    names: tuple[str, ...]
    year: str

    def who(self, pair: str = " and ") -> str:
        """The names as the citation joins them.

        >>> Label(("Bailey", "et al."), "2025").who(), Label(("Barbieri", "Keshk"), "2016").who(" & ")
        ('Bailey et al.', 'Barbieri & Keshk')
        """
        if self.names[-1] == "et al.":
            return f"{self.names[0]} et al."
        return pair.join(self.names)


def _letter(index: int) -> str:
    """a, b, ..., z, aa, ab, ...: the suffix of the ``index``-th (from 0) of several sources with one label.

    >>> _letter(0), _letter(25), _letter(26)
    ('a', 'z', 'aa')
    """
    return _letter(index // 26 - 1) + ascii_lowercase[index % 26] if index >= 26 else ascii_lowercase[index]


def _surname(who: Person) -> str:
    """The part of a name a citation prints: the "von" part and surname (a name kept whole without its braces)."""
    return " ".join(who.prelast_names + who.last_names).removeprefix("{").removesuffix("}")


@per_data_state
def labels() -> MappingProxyType[str, Label]:
    """Every source's citation label, by source id."""
    registry = sources()
    columns = (registry.index, registry["author"], registry["publisher"], registry["published"])
    groups: dict[tuple[tuple[str, ...], str], list[tuple[str, str]]] = defaultdict(list)
    for source_id, author, publisher, published in zip(*columns, strict=True):
        surnames = [_surname(who) for who in authors(author, publisher)]
        names = tuple(surnames) if len(surnames) <= 2 else (surnames[0], "et al.")
        date = published if isinstance(published, str) else ""
        groups[(names, date[:4] or "n.d.")].append((date, source_id))
    result = {}
    for (names, year), members in groups.items():
        for index, (_, source_id) in enumerate(sorted(members)):
            suffix = "" if len(members) == 1 else ("-" if year == "n.d." else "") + _letter(index)
            result[source_id] = Label(names, year + suffix)
    return MappingProxyType(result)
