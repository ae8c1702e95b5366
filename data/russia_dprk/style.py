"""Shared plotting style: one fixed, colour-blind-safe colour per country, and source lines."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .catalog import cited_sources, resource, sources

# Okabe-Ito palette (Okabe and Ito 2008), safe for the common forms of colour blindness.
COLORS: dict[str, str] = {
    "RUS": "#0072B2",
    "SUN": "#56B4E9",
    "PRK": "#D55E00",
    "CHN": "#E69F00",
    "USA": "#009E73",
    "KOR": "#CC79A7",
    "WORLD": "#555555",
    "JPN": "#999999",
}
NAMES: dict[str, str] = {
    "RUS": "Russia", "SUN": "Soviet Union", "PRK": "North Korea", "CHN": "China",
    "USA": "United States", "KOR": "South Korea", "WORLD": "World", "JPN": "Japan",
}

RC_PARAMS = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
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


def source_text(tables: Iterable[str]) -> str:
    """A one-line credit for the tables a figure plots, built from the source registry."""
    registry = sources()
    credits = []
    for table in tables:
        for source_id in cited_sources(table):
            row = registry.loc[source_id]
            year = str(row["published"])[:4] if isinstance(row["published"], str) else "n.d."
            credit = f"{row['publisher']} ({year})"
            if credit not in credits:
                credits.append(credit)
    paths = ", ".join(f"data/{resource(t)['path']}" for t in tables)
    return f"Source: {'; '.join(credits)}. Data: {paths}"


def add_source(fig: Figure, tables: Iterable[str]) -> None:
    """Write the source line under a figure."""
    fig.text(0.01, 0.005, source_text(list(tables)), fontsize=7, color="#555555", ha="left", va="bottom", wrap=True)
    fig.subplots_adjust(bottom=0.16)


def new_figure(**kwargs) -> tuple[Figure, plt.Axes]:
    """A figure in the book's style."""
    use_style()
    return plt.subplots(**kwargs)
