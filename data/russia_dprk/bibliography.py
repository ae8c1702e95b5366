"""The book's BibTeX bibliography, generated from the source registry."""

from __future__ import annotations

import pandas as pd

from .catalog import sources

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
           "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _escape(text: str) -> str:
    return "".join(SPECIAL.get(ch, ch) for ch in text)


def _entry(source_id: str, row: pd.Series) -> str:
    published = row["published"] if isinstance(row["published"], str) else ""
    if isinstance(row["author"], str) and row["author"].strip():
        author = " and ".join(_escape(a.strip()) for a in row["author"].split(";"))
    else:
        author = "{" + _escape(row["publisher"]) + "}"
    fields = {
        "author": author,
        "title": "{" + _escape(row["title"]) + "}",
        "howpublished": _escape(row["publisher"]),
        "year": published[:4] if published else "n.d.",
        "url": row["url"],
        "urldate": row["accessed"].strftime("%Y-%m-%d"),
        "note": f"Kind of source: {str(row['kind']).replace('_', ' ')}. Accessed {row['accessed'].strftime('%Y-%m-%d')}",
    }
    if len(published) >= 7:
        fields["month"] = MONTHS[int(published[5:7]) - 1]
    body = ",\n".join(f"  {key} = {{{value}}}" if key != "month" else f"  month = {value}" for key, value in fields.items())
    return f"@misc{{{source_id},\n{body}\n}}\n"


def bibtex() -> str:
    """Every source in the registry as a BibTeX ``@misc`` entry."""
    registry = sources()
    return "\n".join(_entry(source_id, row) for source_id, row in registry.iterrows())
