"""Chart builders shared by the chapters: each draws one kind of figure in the book's style."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.axes import Axes
from russia_dprk.catalog import country_names, enum_labels

from .coverage import ARTICLE_DATE
from .style import COLORS

NOT_COVERED = {"facecolor": "#f0f0f0", "edgecolor": "#bbbbbb", "hatch": "////", "linewidth": 0}


def headline(ax: Axes, finding: str, subtitle: str) -> None:
    """The chart's title states its finding; the subtitle gives the measure and unit."""
    ax.set_title(f"{finding}\n", loc="left", fontsize=11, fontweight="bold")
    ax.text(0, 1.02, subtitle, transform=ax.transAxes, fontsize=8.5, color="#444444", va="bottom", ha="left")


def bars(ax: Axes, x, height, *, width, bottom=0.0, color: str, label: str | None = None, align: str = "center"):
    """Vertical bars, as ``ax.bar`` draws them, in one collection: one artist for all the bars instead of one
    ``Rectangle`` each (``ax.bar`` spends about a millisecond on every bar it adds). Bars of zero height are not
    drawn. ``x`` may be numbers or dates; ``width`` is in the x axis's units (days on a date axis).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> len(bars(ax, [1, 2, 3], [4, 0, 6], width=0.8, color="C0").get_paths())
    2
    """
    import numpy as np
    from matplotlib.collections import PolyCollection

    ax.xaxis.update_units(x)
    left = np.asarray(ax.convert_xunits(x), dtype=float) - (
        np.asarray(width, dtype=float) / 2 if align == "center" else 0
    )
    right = left + np.asarray(width, dtype=float)
    low = np.broadcast_to(np.asarray(bottom, dtype=float), left.shape)
    high = low + np.asarray(height, dtype=float)
    boxes = [[(a, c), (a, d), (b, d), (b, c)] for a, b, c, d in zip(left, right, low, high, strict=True) if d != c]
    collection = PolyCollection(boxes, facecolors=color, edgecolors="none", linewidths=0, label=label)
    ax.add_collection(collection)
    ax.autoscale_view()
    return collection


def log_scale(ax: Axes, axis: str = "y", suffix: str = "") -> None:
    """A logarithmic axis labelled at its major ticks only, in plain numbers ("10", "1,000", with ``suffix``) rather
    than powers of ten (no minor tick marks: they add clutter, and each is a tick object matplotlib lays out and
    draws)."""
    from matplotlib.ticker import FuncFormatter, NullLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
    target.set_minor_locator(NullLocator())
    target.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}{suffix}" if value >= 1 else f"{value:g}"))


def fix_date_ticks(ax: Axes) -> None:
    """Fix the x axis's date ticks and their labels where they are now; call it once the date limits are final.

    matplotlib's date locator works the ticks out again with dateutil's ``rrule`` at every layout pass and every draw,
    and once more for each chart sharing the axis. The ticks and labels drawn are the same.
    """
    from matplotlib.ticker import FixedFormatter, FixedLocator

    axis = ax.xaxis
    where = axis.get_majorticklocs()
    labels = FixedFormatter(axis.major.formatter.format_ticks(where))
    labels.set_offset_string(axis.major.formatter.get_offset())
    axis.set_major_locator(FixedLocator(where))
    axis.set_major_formatter(labels)


def mark_article(ax: Axes, yearly: bool = False, label: str = "Article, Apr 2015") -> None:
    """The book's reference date, April 2015, as a labelled line (at 2015.25 on a year axis)."""
    x = ARTICLE_DATE.year + (ARTICLE_DATE.month - 1) / 12 if yearly else ARTICLE_DATE
    ax.axvline(x, color="#222222", linestyle=":", linewidth=1.1, zorder=1)
    ax.text(
        x, 0.99, f" {label}", transform=ax.get_xaxis_transform(), fontsize=7.5, color="#222222", va="top", ha="left"
    )


def shade_spans(ax: Axes, spans: list[tuple[object, object, str]]) -> None:
    """Hatched spans for periods the data do not cover (or that are not comparable), each labelled."""
    for start, end, label in spans:
        ax.axvspan(start, end, zorder=0, **NOT_COVERED)
        ax.text(
            start,
            0.02,
            f" {label}",
            transform=ax.get_xaxis_transform(),
            fontsize=7.5,
            color="#555555",
            va="bottom",
            ha="left",
            rotation=90,
        )


def mark_events(ax: Axes, events: Mapping[str, object], y: float = 0.98) -> None:
    """Dashed vertical lines at the given x positions, labelled at the top of the axes."""
    for label, x in events.items():
        ax.axvline(x, color="#777777", linestyle="--", linewidth=0.8, zorder=0)
        ax.text(
            x,
            y,
            f" {label}",
            transform=ax.get_xaxis_transform(),
            fontsize=8,
            color="#444444",
            va="top",
            ha="left",
            rotation=90,
        )


def contacts_timeline(ax: Axes, contacts: pd.DataFrame) -> None:
    """Each contact as a marker: x its date, y the traveller's level, colour the traveller's country."""
    labels = enum_labels("contacts", "level")  # the descriptor's order (highest first) and words
    levels = [lvl for lvl in labels if lvl in set(contacts["level"].astype(str))]
    position = {lvl: i for i, lvl in enumerate(reversed(levels))}
    markers = {"PRK": ("^", "to the DPRK"), "RUS": ("v", "to Russia/USSR"), "SUN": ("v", "to Russia/USSR")}
    frame = contacts.assign(
        host=contacts["host_country"].astype(str),
        who=contacts["visitor_country"].astype(str),
        y=contacts["level"].astype(str).map(position),
    )
    frame["marker"] = frame["host"].map(lambda h: markers.get(h, ("D", "in a third country"))[0])
    frame["where"] = frame["host"].map(lambda h: markers.get(h, ("D", "in a third country"))[1])
    for (who, marker, where), group in frame.groupby(["who", "marker", "where"], sort=False):
        ax.scatter(
            group["start_date"],
            group["y"],
            marker=marker,
            s=46,
            color=COLORS[who],
            edgecolor="white",
            linewidth=0.5,
            label=f"{country_names()[who]} traveller, {where}",
            zorder=3,
        )
    ax.set_yticks(range(len(levels)), [labels[lvl] for lvl in reversed(levels)])
    ax.grid(axis="y", visible=False)
