"""The book's BibTeX bibliography, generated from the source registry with pybtex."""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output import bibtex as pybtex_bibtex
from russia_dprk.catalog import sources
from russia_dprk.errors import DatasetError

from . import escape

# Written out: pybtex's writer quotes every field, so BibTeX's month macros (jan, feb, ...) would print as "nov".
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


LOOK_ALIKES = str.maketrans({"\\": "\uff3c", "{": "\uff5b", "}": "\uff5d"})


def latex(text: str) -> str:
    """Text for a BibTeX field: backslashes and braces become their full-width look-alikes, which have no meaning
    in BibTeX or LaTeX, so a value can never close its field and open another (pybtex's writer encodes the other
    special characters, such as ``%`` and ``&``). BibTeX cannot display a literal brace at all.

    >>> latex("x }, month = {jan")
    'x ｝, month = ｛jan'
    """
    return str(text).translate(LOOK_ALIKES)


class Writer(pybtex_bibtex.Writer):
    """pybtex's BibTeX writer, except that the ``url`` field is written as it is: LaTeX-encoding it would turn
    ``&`` into ``\\&`` inside the link. URLs are checked first (:func:`.escape.url`: http(s), safe characters,
    no braces or quotes)."""

    def _write_field(self, stream, type, value):
        if type == "url":
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, value)


def person(name: str) -> Person:
    """An author: a personal name parsed by pybtex, or, when the name contains ' and ' (an organisation), kept whole."""
    if " and " in name:
        return Person(last="{" + latex(name) + "}")
    return Person(latex(name))


def entry(source_id: str, row) -> Entry:
    """One source as a BibTeX ``@misc`` entry."""
    link = escape.url(row["url"])
    if link is None:
        raise DatasetError(f"sources.csv: source {source_id!r}, field 'url': not an http(s) URL of safe characters")
    published = row["published"] if isinstance(row["published"], str) else ""
    accessed = row["accessed"].strftime("%Y-%m-%d")
    fields = {
        "title": "{" + latex(row["title"]) + "}",
        "howpublished": latex(row["publisher"]),
        "year": published[:4] if published else "n.d.",
        "url": link,
        "urldate": accessed,
        "note": latex(f"{str(row['tier']).capitalize()} source ({str(row['kind']).replace('_', ' ')})"),
    }
    if len(published) >= 7:
        fields["month"] = MONTHS[int(published[5:7]) - 1]
    if isinstance(row["author"], str) and row["author"].strip():
        persons = {"author": [person(name.strip()) for name in row["author"].split(";")]}
    else:
        persons = {"author": [Person(last="{" + latex(row["publisher"]) + "}")]}
    return Entry("misc", fields=fields, persons=persons)


def bibtex() -> str:
    """Every source in the registry as a BibTeX ``@misc`` entry, in registry order."""
    registry = sources()
    data = BibliographyData({source_id: entry(source_id, row) for source_id, row in registry.iterrows()})
    return Writer().to_string(data)
