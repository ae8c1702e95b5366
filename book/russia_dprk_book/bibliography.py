"""The book's BibTeX bibliography, generated from the source registry with pybtex."""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry
from pybtex.database.output import bibtex as pybtex_bibtex
from russia_dprk.catalog import sources
from russia_dprk.errors import DatasetError
from russia_dprk.validation import url_problem

from . import escape
from .citations import authors, labels, latex

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


class Writer(pybtex_bibtex.Writer):
    """pybtex's BibTeX writer, except that the ``url`` field is written as it is: LaTeX-encoding it would turn
    ``&`` into ``\\&`` inside the link. URLs are checked first (:func:`.escape.url`: http(s), safe characters
    with no braces or quotes, a real host)."""

    def _write_field(self, stream, type, value):
        if type == "url":
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, value)


def entry(source_id: str, row, year: str | None = None) -> Entry:
    """One source as a BibTeX ``@misc`` entry; ``year`` as its citations print it (:func:`.citations.labels`;
    default: the year of publication, or "n.d.")."""
    link = escape.url(row["url"])
    if link is None:
        reason = url_problem(str(row["url"]))
        raise DatasetError(f"sources.csv: source {source_id!r}, field 'url': value {row['url']!r} {reason}")
    published = row["published"] if isinstance(row["published"], str) else ""
    accessed = row["accessed"].strftime("%Y-%m-%d")
    fields = {
        "title": "{" + latex(row["title"]) + "}",
        "howpublished": latex(row["publisher"]),
        "year": year or published[:4] or "n.d.",
        "url": link,
        "urldate": accessed,
        "note": latex(f"{str(row['tier']).capitalize()} source ({str(row['kind']).replace('_', ' ')})"),
    }
    if len(published) >= 7:
        fields["month"] = MONTHS[int(published[5:7]) - 1]
    return Entry("misc", fields=fields, persons={"author": authors(row["author"], row["publisher"])})


def bibtex() -> str:
    """Every source in the registry as a BibTeX ``@misc`` entry, in registry order."""
    registry = sources()
    cited_as = labels()
    data = BibliographyData(
        {source_id: entry(source_id, row, cited_as[source_id].year) for source_id, row in registry.iterrows()}
    )
    return Writer().to_string(data)
