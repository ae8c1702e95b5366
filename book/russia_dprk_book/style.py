"""Shared plotting style: one fixed, colour-blind-safe colour per country, and source lines."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from russia_dprk.catalog import cited_sources, resource

# Okabe-Ito palette (Okabe and Ito 2008), safe for the common forms of colour blindness; China and the DPRK,
# drawn side by side in most charts, get hues far apart (vermilion and a dark yellow-brown).
COLORS: dict[str, str] = {
    "RUS": "#0072B2",
    "SUN": "#56B4E9",
    "PRK": "#D55E00",
    "CHN": "#8C6D00",
    "USA": "#009E73",
    "KOR": "#CC79A7",
    "WORLD": "#555555",
    "JPN": "#999999",
}

RC_PARAMS = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "svg.hashsalt": "russia-dprk",
    "svg.fonttype": "none",
    # Text is drawn as written: a table cell holding "$...$" (a price range, a stray formula) is not typeset as
    # mathematics, and one holding an unknown command ("$\\foo$") does not stop the chapter with an error.
    "text.parse_math": False,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    # A fixed title height: matplotlib otherwise measures every axis's tick labels at each draw to lift the title
    # clear of ticks on top, which this style never draws (same SVG, about 15% less drawing time).
    "axes.titley": 1.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "axes.prop_cycle": mpl.cycler(color=[COLORS[c] for c in ("RUS", "PRK", "CHN", "USA", "KOR")]),
}


def use_style() -> None:
    """Apply the book's matplotlib style."""
    mpl.rcParams.update(RC_PARAMS)


def color(country: str) -> str:
    """The fixed colour of a country code (ISO alpha-3, SUN or WORLD)."""
    return COLORS[country]


MAX_CREDITS = 4


def _credit(source_id: str) -> str:
    """A source's author-year credit, in the words its citations and its entry's label use ("A (2025a)",
    "A and B (2016)", "A et al. ...")."""
    from .citations import labels

    label = labels()[source_id]
    return f"{label.who()} ({label.year})"


def source_text(tables: Iterable[str], cited: Iterable[str] = ()) -> str:
    """A one-line credit for the tables a figure plots, built from the source registry; sources the caption already
    cites (``cited``, their keys) are not credited a second time."""
    credits = []
    already = set(cited)
    for table in tables:
        sources = cited_sources(table)
        if len(sources) > MAX_CREDITS:
            credits.append(f"{len(sources)} sources named row by row in {table}")
            continue
        for source_id in sources:
            credit = _credit(source_id)
            if credit not in credits and source_id not in already:
                credits.append(credit)
    paths = ", ".join(f"data/{resource(t)['path']}" for t in tables)
    return f"Source: {'; '.join(credits) or 'as cited'}. Data: {paths}"


def tight_layout(fig: Figure, **kwargs) -> None:
    """Lay out ``fig`` once (matplotlib's tight layout) and keep that layout when it is saved.

    ``Figure.tight_layout`` leaves a layout engine on the figure that runs again, with an extra full draw, at
    every save; labels placed after the layout would then be laid out twice.
    """
    fig.tight_layout(**kwargs)
    fig.set_layout_engine(None)


def new_figure(**kwargs) -> tuple[Figure, plt.Axes]:
    """A figure in the book's style."""
    use_style()
    return plt.subplots(**kwargs)
