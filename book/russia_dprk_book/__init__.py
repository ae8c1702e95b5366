"""The book's own code: charts and style, the one figure call, findings, editorial tables, the appendix,
the bibliography, notebook execution and the site build. It depends on the dataset ``russia_dprk``; the dataset
never imports it.

In a chapter::

    import russia_dprk as rd            # the data
    import russia_dprk_book as bk       # the book's helpers
    bk.setup()
    bk.figure(fig, name="fig-x", caption="...", alt="...", tables=["contacts"], data=plotted)
    bk.tables_used()                    # the closing list, from what the chapter loaded

Names are imported on first use, so the command line does not load plotting libraries.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "setup": "chapter",
    "tables_used": "chapter",
    "table": "editorial",
    "figure": "figures",
    "COLORS": "style",
    "color": "style",
    "new_figure": "style",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'russia_dprk_book' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
