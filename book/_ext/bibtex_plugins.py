"""Resolve the bibliography's plugins once per build instead of once per citation, and format each entry once.

sphinxcontrib-bibtex asks pybtex for its style plugins (formatting, labels, names, sorting, backends) and for its
own referencing style for every citation and every entry it formats. Each request scans the entry points of every
installed package, which made the bibliography most of the build's time. Both libraries first look in a runtime
registry; this extension puts every installed plugin there when Sphinx starts, so each request becomes a dictionary
read. The classes are the ones the entry points name, so the pages do not change.

sphinxcontrib-bibtex also formats every entry twice with the same style object: once for the reference list and
once for the citation's tooltip. The book's style, ``plain_once`` (``bibtex_default_style`` in ``_config.yml``), is
pybtex's ``plain`` remembering what it formatted, so the second request is a lookup; the text is the same.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import pybtex.plugin
from pybtex.style import FormattedEntry
from pybtex.style.formatting.plain import Style as Plain
from sphinx.application import Sphinx
from sphinxcontrib.bibtex import plugin as bibtex_plugin

PYBTEX_GROUPS = (
    "pybtex.backends",
    "pybtex.style.formatting",
    "pybtex.style.labels",
    "pybtex.style.names",
    "pybtex.style.sorting",
)
REFERENCING_GROUP = "sphinxcontrib.bibtex.style.referencing"
STYLE_NAME = "plain_once"


class PlainOnce(Plain):
    """pybtex's ``plain`` style, formatting each entry once per style object (see the module's docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._formatted: dict[tuple[str, str], FormattedEntry] = {}

    def format_entry(self, label, entry, bib_data=None) -> FormattedEntry:
        if bib_data is not None:
            return super().format_entry(label, entry, bib_data=bib_data)
        key = (label, entry.key)
        if key not in self._formatted:
            self._formatted[key] = super().format_entry(label, entry)
        return self._formatted[key]


def register_installed_plugins() -> int:
    """Put every installed pybtex and sphinxcontrib-bibtex plugin in the runtime registries; return how many."""
    count = 0
    for group in PYBTEX_GROUPS:
        for registry_group in (group, f"{group}.aliases"):
            for entry in entry_points(group=registry_group):
                pybtex.plugin.register_plugin(registry_group, entry.name, entry.load(), force=True)
                count += 1
    for entry in entry_points(group=REFERENCING_GROUP):
        bibtex_plugin.register_plugin(REFERENCING_GROUP, entry.name, entry.load(), force=True)
        count += 1
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, PlainOnce, force=True)
    return count + 1


def setup(app: Sphinx) -> dict[str, bool]:
    register_installed_plugins()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
