"""Figure footers: the source line as text and a CSV of exactly the data a figure plots."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown

from .paths import DATA_DIR
from .style import source_text

FIGURE_DATA_DIR = DATA_DIR.parent / "book" / "figure_data"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(text: str) -> str:
    """Text made literal for MyST: markup characters backslash-escaped, ampersands as entities."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("&", "&amp;")


def write_figure_data(name: str, data: pd.DataFrame) -> str:
    """Save the plotted data as ``book/figure_data/<name>.csv``; return its path relative to the book."""
    FIGURE_DATA_DIR.mkdir(exist_ok=True)
    data.to_csv(FIGURE_DATA_DIR / f"{name}.csv", index=False, lineterminator="\n")
    return f"figure_data/{name}.csv"


def figure_footer(name: str, data: pd.DataFrame, tables: Iterable[str]) -> Markdown:
    """The footer shown under figure ``name``: its source line and a link to its data."""
    link = write_figure_data(name, data)
    return Markdown(f"{escape_markdown(source_text(list(tables)))}. "
                    f"{{download}}`Download the data plotted in this figure (CSV) <{link}>`")
