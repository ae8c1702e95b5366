"""Chart builders shared by the chapters: each draws one kind of figure in the book's style."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
import shapely
from matplotlib.axes import Axes
from russia_dprk.catalog import enum_labels

from .coverage import ARTICLE_DATE
from .style import COLORS, NAMES

NOT_COVERED = {"facecolor": "#f0f0f0", "edgecolor": "#bbbbbb", "hatch": "////", "linewidth": 0}


def headline(ax: Axes, finding: str, subtitle: str) -> None:
    """The chart's title states its finding; the subtitle gives the measure and unit."""
    ax.set_title(f"{finding}\n", loc="left", fontsize=11, fontweight="bold")
    ax.text(0, 1.02, subtitle, transform=ax.transAxes, fontsize=8.5, color="#444444", va="bottom", ha="left")


def bars(ax: Axes, x, height, *, width, bottom=0.0, color: str, label: str | None = None, align: str = "center"):
    """Vertical bars, as ``ax.bar`` draws them, in one collection: one artist for all the bars instead of one
    ``Rectangle`` each (``ax.bar`` spends about a millisecond on every bar it adds). Bars of zero height are not
    drawn. ``x`` may be numbers or dates; ``width`` is in the x axis's units (days on a date axis).

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
            fontsize=7,
            color="#555555",
            va="bottom",
            ha="left",
            rotation=90,
        )


def label_line_ends(ax: Axes, ends: Mapping[str, tuple[object, float, str]]) -> None:
    """Direct labels at the right end of lines: ``{label: (x, y, colour)}`` (replaces a legend)."""
    for label, (x, y, colour) in ends.items():
        ax.annotate(
            label,
            (x, y),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=8,
            color=colour,
            va="center",
            ha="left",
            fontweight="bold",
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


def lines_by_country(
    ax: Axes,
    frame: pd.DataFrame,
    x: str,
    y: str,
    by: str,
    labels: Mapping[str, str] | None = None,
    colors: Mapping[str, str] | None = None,
    band: tuple[str, str] | None = None,
) -> None:
    """One line per value of ``by`` in its fixed colour, with an optional shaded band."""
    for key, group in frame.groupby(by, observed=True, sort=False):
        group = group.sort_values(x)
        color = (colors or COLORS).get(str(key), "#333333")
        label = (labels or {}).get(str(key), NAMES.get(str(key), str(key)))
        ax.plot(group[x], group[y].astype(float), color=color, label=label, linewidth=1.8)
        if band:
            ax.fill_between(
                group[x],
                group[band[0]].astype(float),
                group[band[1]].astype(float),
                color=color,
                alpha=0.15,
                linewidth=0,
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
            label=f"{NAMES[who]} traveller, {where}",
            zorder=3,
        )
    ax.set_yticks(range(len(levels)), [labels[lvl] for lvl in reversed(levels)])
    ax.grid(axis="y", visible=False)


def range_bars(
    ax: Axes, ranges: pd.DataFrame, x: str, low: str, high: str, by: str, offsets: Mapping[str, float] | None = None
) -> None:
    """Vertical bars from low to high per x and group; a single value shows as a dot."""
    for key, group in ranges.groupby(by, observed=True, sort=False):
        color = COLORS.get(str(key), "#333333")
        shift = (offsets or {}).get(str(key), 0.0)
        xs = group[x].astype(float) + shift
        ax.vlines(xs, group[low].astype(float), group[high].astype(float), color=color, linewidth=4, alpha=0.6)
        ax.scatter(xs, group[low].astype(float), color=color, s=14, zorder=3, label=NAMES.get(str(key), str(key)))
        ax.scatter(xs, group[high].astype(float), color=color, s=14, zorder=3)


def border_map(ax: Axes, region: pd.DataFrame, places: pd.DataFrame | None = None) -> None:
    """Country outlines of the border region, with places labelled (optional ``dx``, ``dy`` offsets in points)."""
    for row in region.itertuples():
        shape = shapely.from_wkt(row.wkt)
        polygons = getattr(shape, "geoms", [shape])
        for polygon in polygons:
            if polygon.is_empty or polygon.geom_type != "Polygon":
                continue
            xs, ys = polygon.exterior.xy
            ax.fill(xs, ys, color=COLORS.get(row.country, "#cccccc"), alpha=0.18, linewidth=0)
            ax.plot(xs, ys, color="#555555", linewidth=0.6)
    if places is not None:
        for row in places.itertuples():
            offset = (getattr(row, "dx", 4), getattr(row, "dy", 3))
            ax.scatter(row.lon, row.lat, s=18, color="black", zorder=4)
            ax.annotate(
                row.label,
                (row.lon, row.lat),
                xytext=offset,
                textcoords="offset points",
                fontsize=8,
                ha="right" if offset[0] < 0 else "left",
            )
    ax.set_aspect(1 / 0.75)
    ax.grid(False)
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")


KIND_MARKERS = {
    "intelligence": "o",
    "government": "s",
    "multilateral_monitoring": "D",
    "open_source_analysis": "^",
    "state_media": "v",
}
KIND_LABELS = {
    "intelligence": "Intelligence service",
    "government": "Government",
    "multilateral_monitoring": "Multilateral monitoring (MSMT)",
    "open_source_analysis": "Open-source analysts",
    "state_media": "State media",
}


def estimates_panel(
    ax: Axes, frame: pd.DataFrame, scale: float = 1.0, color: str = "#333333", hollow: bool = False
) -> None:
    """Each estimate as a marker at its date (shape = kind of estimator), a bar to its high end,
    and an arrow where the source gives only a floor ("at least")."""
    frame = frame.dropna(subset=["low"]).assign(
        low=lambda d: d["low"].astype(float) / scale, high=lambda d: d["high"].astype(float) / scale
    )
    for kind, group in frame.groupby("estimator_kind", observed=True):
        ax.scatter(
            group["as_of"],
            group["low"],
            marker=KIND_MARKERS[str(kind)],
            s=30,
            zorder=3,
            facecolor="white" if hollow else color,
            edgecolor=color,
        )
    ranged = frame[frame["high"] > frame["low"]]
    ax.vlines(ranged["as_of"], ranged["low"], ranged["high"], color=color, linewidth=2, alpha=0.6)
    for row in frame[frame["high"].isna()].itertuples():
        ax.annotate(
            "",
            xy=(row.as_of, row.low),
            xytext=(0, 18),
            textcoords="offset points",
            arrowprops={"arrowstyle": "<-", "color": color, "linewidth": 0.9},
        )
    ax.margins(y=0.12)


def kind_legend(ax: Axes, kinds: list[str]) -> None:
    """Legend of the marker shapes used for kinds of estimator."""
    handles = [
        plt.Line2D([], [], marker=KIND_MARKERS[k], linestyle="", color="#333333", label=KIND_LABELS[k]) for k in kinds
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=7)


def sphere_timeline(ax: Axes, events: pd.DataFrame, lanes: list[str], colors: Mapping[str, str]) -> None:
    """Events as markers in one lane per sphere; ``events`` has columns date, sphere and marker."""
    position = {lane: i for i, lane in enumerate(reversed(lanes))}
    for (sphere, marker), group in events.groupby(["sphere", "marker"], sort=False):
        filled = marker not in {"x", "+", "|", "_"}
        ax.scatter(
            group["date"],
            [position[sphere]] * len(group),
            marker=marker,
            s=110 if marker == "*" else 40,
            color=colors[sphere],
            edgecolor="white" if filled else None,
            linewidth=0.5 if filled else 1.2,
            zorder=3,
        )
    ax.set_yticks(range(len(lanes)), list(reversed(lanes)))
    ax.set_ylim(-0.7, len(lanes) - 0.3)
    ax.grid(axis="y", visible=False)
