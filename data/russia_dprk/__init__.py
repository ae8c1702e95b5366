"""Russia and North Korea: the dataset behind the book.

The public API is this short list of names; everything else is internal.

>>> import russia_dprk as rd
>>> overview = rd.tables()         # every table, with title, unit, rows and the last date it covers
>>> "unga_alignment" in set(overview["name"])
True
>>> votes = rd.load("unga_alignment")  # a typed DataFrame, exactly what ``validate`` accepted
>>> rd.validate()                  # [] when every table passes
[]

The dataset imports no plotting, notebook or book-building library. Names are imported on first use, so the
command line starts quickly.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "descriptor": "catalog",
    "load": "catalog",
    "resource": "catalog",
    "sources": "catalog",
    "tables": "catalog",
    "cited_sources": "catalog",
    "data_through": "catalog",
    "enum_labels": "catalog",
    "country_names": "catalog",
    "loaded_tables": "catalog",
    "stamp": "catalog",
    "DatasetError": "errors",
    "DescriptorError": "errors",
    "TableError": "errors",
    "UpstreamError": "errors",
    "ValidationFailed": "errors",
    "Problem": "validation",
    "validate": "validation",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'russia_dprk' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
