"""Resolve the bibliography's plugins once per build instead of once per citation, and format each entry once.

sphinxcontrib-bibtex asks pybtex for its style plugins (formatting, labels, names, sorting, backends) and for its
own referencing style for every citation and every entry it formats. Each request scans the entry points of every
installed package, which made the bibliography most of the build's time. Both libraries first look in a runtime
registry; this extension puts every installed plugin there when Sphinx starts, so each request becomes a dictionary
read. The classes are the ones the entry points name, so the pages do not change.

sphinxcontrib-bibtex also formats every entry twice with the same style object: once for the reference list and
once for the citation's tooltip. The book's style, ``plain_once`` (``bibtex_default_style`` in ``_config.yml``), is
pybtex's ``plain`` remembering what it formatted, so the second request is a lookup; the text is the same. Its
list labels each entry with the text its citations print ("[Marzalik, 2015]", not a number), so a reader of the
printed book finds a cited source by what the page showed.

Most of what remained was pybtex decoding each field's LaTeX a character at a time, though the book's fields hold
almost none. ``plain_once`` formats the book's entries (all ``@misc``) with ``plain``'s own template, read through
:func:`rich_text`, which skips the decoder for text it would return unchanged. ``tests/test_book_code.py`` checks
that every entry of ``references.bib`` is formatted exactly as ``plain`` formats it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib.metadata import entry_points

import pybtex.plugin
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as Plain
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle
from pybtex.style.template import FieldIsMissing, href, node, optional, sentence, words
from sphinx.application import Sphinx
from sphinxcontrib.bibtex import plugin as bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

PYBTEX_GROUPS = (
    "pybtex.backends",
    "pybtex.style.formatting",
    "pybtex.style.labels",
    "pybtex.style.names",
    "pybtex.style.sorting",
)
REFERENCING_GROUP = "sphinxcontrib.bibtex.style.referencing"
STYLE_NAME = "plain_once"
REFERENCE_STYLE_NAME = "author_year_semicolons"


# What the LaTeX decoder changes: commands, comments, ties, ligatures, mathematics ("$-$" is a minus sign), runs of
# whitespace and edge spaces.
LATEX_MARKUP = re.compile(r"[\\%~`$\t\n\r\f\v]|''|,,|--|  |^ | $")


def rich_text(latex: str) -> Text:
    """``Text.from_latex(latex)``, skipping the LaTeX decoder where it would return its input unchanged.

    >>> rich_text("{UN} vote, 2016") == Text.from_latex("{UN} vote, 2016")
    True
    >>> str(rich_text("1991--1994"))
    '1991–1994'
    """
    if LATEX_MARKUP.search(latex):
        return Text.from_latex(latex)
    return LaTeXParser(latex).parse()


@node
def field(children, context, name, apply_func=None, raw=False):
    """pybtex's ``field`` template node, reading LaTeX with :func:`rich_text`."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    value = value if raw else rich_text(value)
    return apply_func(value) if apply_func else value


class AuthorYearLabels(BaseLabelStyle):
    """Each entry's label in the reference list is the text its citations show ("Deutsche Welle, 2015a"), taken
    from the book's one table of citation labels (:func:`russia_dprk_book.citations.labels`, which also writes the
    years into ``references.bib``), so a reader finds a cited source by what the page printed."""

    def format_labels(self, sorted_entries):
        from russia_dprk_book.citations import labels

        cited_as = labels()
        for entry in sorted_entries:
            label = cited_as[entry.key]
            yield f"{label.who()}, {label.year}"


class AlphabeticalSorting(AuthorYearTitle):
    """pybtex's author-year-title order, read as a reader reads the labels: an organisation's braced name
    ("{Korea JoongAng Daily}") sorts by its letters, not after every person's name ("{" follows "z"), and an accented
    letter sorts with its plain one ("Đại Đoàn Kết" among the D's).

    >>> from pybtex.database import Entry, Person
    >>> sort = AlphabeticalSorting()
    >>> names = ["{Korea JoongAng Daily}", "Marzalik, Peter J.", "{Deutsche Welle}"]
    >>> entries = [Entry("misc", fields={"year": "2015"}, persons={"author": [Person(n)]}) for n in names]
    >>> [e.persons["author"][0].last_names[0] for e in sort.sort(entries)]
    ['{Deutsche Welle}', '{Korea JoongAng Daily}', 'Marzalik']
    """

    def person_key(self, person):
        plain = unicodedata.normalize("NFKD", super().person_key(person).replace("{", "").replace("}", ""))
        return "".join(c for c in plain if not unicodedata.combining(c)).replace("đ", "d").casefold()


class PlainOnce(Plain):
    """pybtex's ``plain`` style, formatting each entry once per style object (see the module's docstring), its
    entries labelled as they are cited (:class:`AuthorYearLabels`)."""

    default_label_style = AuthorYearLabels  # a class, which pybtex takes as it is
    default_sorting_style = AlphabeticalSorting

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._formatted: dict[tuple[str, str], FormattedEntry] = {}

    def get_misc_template(self, e):
        """``plain``'s template for ``@misc``, its fields read with :func:`rich_text`."""
        url = field("url", raw=True)
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[sentence[field("title", apply_func=lambda text: text.capitalize())]],
            sentence[optional[field("howpublished")], optional[words[optional[field("month")], field("year")]]],
            sentence[optional[field("note")]],
            sentence[
                optional[words["URL:", href(url)[url]], optional[" (visited on ", field("urldate"), ")"]],
                optional[self.format_eprint(e)],
                optional[self.format_pubmed(e)],
                optional[self.format_doi(e)],
            ],
        ]

    def format_entry(self, label, entry, bib_data=None) -> FormattedEntry:
        if bib_data is not None:
            return super().format_entry(label, entry, bib_data=bib_data)
        key = (label, entry.key)
        if key not in self._formatted:
            self._formatted[key] = super().format_entry(label, entry)
        return self._formatted[key]


@dataclass
class AuthorYearSemicolons(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations, with the sources of one bracket separated by semicolons.

    The comma already separates each author from the year, so "[Yoo Chul-jong, 2016, 김은희, 2017]" read as one
    list of four items; the book prints "[Yoo Chul-jong, 2016; 김은희, 2017]" (``bibtex_reference_style``).
    """

    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=lambda: BracketStyle(sep="; "))


def register_installed_plugins() -> int:
    """Put every installed pybtex and sphinxcontrib-bibtex plugin in the runtime registries; return how many.

    The installed packages' entry points are read once. The registries are filled directly: both libraries'
    ``register_plugin`` scan every package's entry points again at each call, even when told to overwrite (24 calls,
    about 0.4 s).
    """
    installed = entry_points()
    count = 0
    for group in PYBTEX_GROUPS:
        for registry_group in (group, f"{group}.aliases"):
            registry = pybtex.plugin._RUNTIME_PLUGINS.setdefault(registry_group, {})
            for entry in installed.select(group=registry_group):
                registry[entry.name] = entry.load()
                count += 1
    referencing = bibtex_plugin._runtime_plugins[REFERENCING_GROUP]
    for entry in installed.select(group=REFERENCING_GROUP):
        referencing[entry.name] = entry.load()
        count += 1
    pybtex.plugin._RUNTIME_PLUGINS.setdefault("pybtex.style.formatting", {})[STYLE_NAME] = PlainOnce
    referencing[REFERENCE_STYLE_NAME] = AuthorYearSemicolons
    return count + 2


def setup(app: Sphinx) -> dict[str, bool]:
    register_installed_plugins()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
