"""The book's BibTeX bibliography, generated from the source registry with pybtex."""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry, Person
from russia_dprk.catalog import sources
from russia_dprk.errors import DatasetError

from . import escape

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def latex(text: str) -> str:
    """Text for a BibTeX field: backslashes and braces as LaTeX commands, so a value can never close its field and
    open another (pybtex's writer encodes the other special characters, such as ``%`` and ``&``)."""
    braced = str(text).replace("\\", "\x00").replace("{", "\x01").replace("}", "\x02")
    return (braced.replace("\x00", r"\textbackslash{}").replace("\x01", r"\textbraceleft{}")
            .replace("\x02", r"\textbraceright{}"))


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
        "note": latex(f"{str(row['tier']).capitalize()} source ({str(row['kind']).replace('_', ' ')}). "
                      f"Accessed {accessed}"),
    }
    if len(published) >= 7:
        fields["month"] = MONTHS[int(published[5:7]) - 1]
    if isinstance(row["author"], str) and row["author"].strip():
        persons = {"author": [Person(latex(name.strip())) for name in row["author"].split(";")]}
    else:
        persons = {"author": [Person(last="{" + latex(row["publisher"]) + "}")]}
    return Entry("misc", fields=fields, persons=persons)


def bibtex() -> str:
    """Every source in the registry as a BibTeX ``@misc`` entry, in registry order."""
    registry = sources()
    data = BibliographyData({source_id: entry(source_id, row) for source_id, row in registry.iterrows()})
    return data.to_string("bibtex")
