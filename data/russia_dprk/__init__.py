"""Russia and North Korea: the dataset behind the book.

>>> import russia_dprk as rd
>>> rd.tables()                    # every table, with title, unit and sources
>>> rd.load("unga_alignment")      # a typed DataFrame

Names are imported on first use, so the command line starts quickly.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "descriptor": "catalog", "load": "catalog", "resource": "catalog", "sources": "catalog", "tables": "catalog",
    "DatasetError": "errors", "TableError": "errors", "UpstreamError": "errors",
    "COLORS": "style", "NAMES": "style", "add_source": "style", "color": "style", "new_figure": "style",
    "setup_notebook": "style", "source_text": "style", "use_style": "style", "figure_footer": "figures",
    "Problem": "validation", "validate": "validation",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'russia_dprk' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
