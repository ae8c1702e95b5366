"""Resolve the bibliography's plugins once per build instead of once per citation.

sphinxcontrib-bibtex asks pybtex for its style plugins (formatting, labels, names, sorting, backends) and for its
own referencing style for every citation and every entry it formats. Each request scans the entry points of every
installed package, which made the bibliography most of the build's time. Both libraries first look in a runtime
registry; this extension puts every installed plugin there when Sphinx starts, so each request becomes a dictionary
read. The classes are the ones the entry points name, so the pages do not change.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import pybtex.plugin
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
    return count


def setup(app: Sphinx) -> dict[str, bool]:
    register_installed_plugins()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
