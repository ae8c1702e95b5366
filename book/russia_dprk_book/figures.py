"""One call per figure: the chart, its id, caption, alt text, source line and the data it plots.

``figure`` shows the chart as SVG and stores everything else in the output's metadata. ``python -m russia_dprk
execute`` copies the id, caption (with the source line and a link to the data) and alt text into the cell's
``mystnb`` metadata, where Jupyter Book numbers and captions the figure; the site build writes each figure's CSV
from the same metadata. Each fact about a figure is therefore written once, in the call.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from . import escape
from .figure_outputs import DATA_FOLDER, METADATA_KEY
from .style import source_text, tight_layout
from .tiers import is_secondary


def csv_text(data: pd.DataFrame) -> str:
    """The CSV of a figure's plotted data, as readers download it."""
    return data.to_csv(index=False, lineterminator="\n")


def secondary_note(data: pd.DataFrame) -> str:
    """A sentence naming the plotted rows that rest only on a secondary source (a copy, aggregator or wiki), or ''.

    Figures whose data carry a ``source_id`` column say so in their caption, so a reader sees which marks rest on
    copies of the original rather than on the original itself.
    """
    if "source_id" not in data.columns or data.empty:
        return ""
    cited = data["source_id"].dropna().astype(str)
    secondary = sorted({s for s in cited if is_secondary(s)})
    if not secondary:
        return ""
    rows = int(cited.isin(secondary).sum())
    keys = ",".join(secondary)
    return (
        f" {rows} of the {len(data)} rows plotted rest only on a secondary source (a copy of the original; "
        f"no original could be read): {{cite:p}}`{keys}`."
    )


def caption_markdown(name: str, caption: str, tables: list[str], data: pd.DataFrame | None = None) -> str:
    """The figure's caption: the author's sentence, the rows resting on secondary sources, the source line, and a
    link to the plotted data."""
    note = secondary_note(data) if data is not None else ""
    cited = [key.strip() for keys in CITATION.findall(caption) for key in keys.split(",")]
    return (
        f"{caption}{note} {escape.markdown(source_text(tables, cited))}. "
        f'<a class="figure-data" href="{DATA_FOLDER}/{escape.html(name)}.csv" download>'
        f"Download the data plotted (CSV)</a>"
    )


CITATION = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")  # a MyST citation's keys ("{cite:p}`a,b`")
OVERFLOW_INCHES = 0.02


def overflow(fig: Figure, renderer=None) -> dict[str, float]:
    """How far, in inches, the drawn text and marks reach beyond each edge of the canvas (negative: inside).

    ``renderer`` is the one that drew the figure (its text measures are then reused); by default the canvas's own.
    """
    box = fig.get_tightbbox(renderer or fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    return {"left": -box.x0, "bottom": -box.y0, "right": box.x1 - width, "top": box.y1 - height}


def svg_of(fig: Figure) -> tuple[str, dict[str, float]]:
    """The figure as deterministic SVG text (fixed hash salt, no date), and its :func:`overflow` as drawn."""
    measured: dict[str, float] = {}

    def measure(event) -> None:
        measured.update(overflow(fig, event.renderer))

    connection = fig.canvas.mpl_connect("draw_event", measure)
    try:
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        fig.canvas.mpl_disconnect(connection)
    return buffer.getvalue(), measured


def fitted_svg(fig: Figure, name: str) -> str:
    """The figure's SVG with nothing cut off at the canvas edges.

    The reach of the drawn text and marks is measured as the SVG is drawn. A figure whose labels or title reach
    beyond the canvas (they would be clipped on the page) is laid out once with tight layout and drawn again; if it
    still does not fit, the figure is refused.
    """
    svg, reach = svg_of(fig)
    if max(reach.values()) <= OVERFLOW_INCHES:
        return svg
    tight_layout(fig)
    svg, reach = svg_of(fig)
    beyond = {edge: round(inches, 2) for edge, inches in reach.items() if inches > OVERFLOW_INCHES}
    if beyond:
        raise ValueError(f"figure {name!r}: text or marks reach beyond the canvas by {beyond} inches")
    return svg


def figure(fig: Figure, *, name: str, caption: str, alt: str, tables: Iterable[str], data: pd.DataFrame) -> None:
    """Show ``fig`` as figure ``name`` and record its caption, alt text, sources and plotted data.

    ``caption`` is MyST (it may cite with ``{cite:p}``); ``alt`` says what the figure shows; ``tables`` are the
    dataset tables the plotted rows come from; ``data`` is exactly what was drawn.
    """
    tables = list(tables)
    if not name.startswith("fig-"):
        raise ValueError(f"figure names start with 'fig-', got {name!r}")
    meta: dict[str, Any] = {
        "figure": {"name": name, "caption": caption_markdown(name, caption, tables, data)},
        "alt": alt,
        "tables": tables,
        "csv": csv_text(data),
    }
    display({"image/svg+xml": fitted_svg(fig, name)}, raw=True, metadata={METADATA_KEY: meta})
    plt.close(fig)


def cell_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    """The ``mystnb`` cell metadata Jupyter Book reads, from a figure's output metadata."""
    return {"figure": dict(meta["figure"]), "image": {"alt": meta["alt"]}}
