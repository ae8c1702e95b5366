"""What the book's notebooks glue and paste, read as myst-nb reads them; shared by the tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import nbformat

ROLE = re.compile(r"\{glue(?::([a-z]*))?\}`([^`]+)`")
DIRECTIVE = re.compile(r"```\{glue(?::[a-z]+)?\} ([\w-]+)")


class Paste(NamedTuple):
    """One paste: its role (``text``, ``md``, ``""`` for plain ``{glue}``), the page and key it names, its format."""

    kind: str
    page: str
    key: str
    format: str


def glued(path: Path) -> dict[str, str]:
    """A notebook's glued values, ``key -> text/plain`` (outputs carrying ``metadata.scrapbook``)."""
    values = {}
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if output.get("output_type") == "display_data" and scrapbook:
                values[scrapbook["name"]] = output["data"][scrapbook["mime_prefix"] + "text/plain"]
    return values


def markdown(path: Path, generated: bool = True) -> list[str]:
    """A notebook's Markdown: its Markdown cells and, with ``generated``, the Markdown its code writes."""
    texts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        if generated:
            texts += [output.get("data", {}).get("text/markdown", "") for output in cell.get("outputs", [])]
    return texts


def pastes(text: str, page: str) -> list[Paste]:
    """The pastes in ``text`` of page ``page``, each read as myst-nb reads ``[doc::]key[:format]`` (so a cross-page
    paste without a format reads as key ``doc:``, as myst-nb reads it), then the ``{glue}`` directives.

    >>> pastes("{glue:text}`a:.1f` {glue}`economic.ipynb::b:d`", "intro")
    [Paste(kind='text', page='intro', key='a', format='.1f'), Paste(kind='', page='economic', key='b', format='d')]
    """
    found = []
    for kind, role in ROLE.findall(text):
        parts = role.rsplit(":", 1)
        ref, fmt = (parts[0], parts[1]) if len(parts) == 2 else (role, "")
        doc, _, key = ref.rpartition("::")
        found.append(Paste(kind, Path(doc).stem if doc else page, key, fmt))
    return found + [Paste("directive", page, key, "") for key in DIRECTIVE.findall(text)]
