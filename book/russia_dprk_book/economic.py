"""The economic chapter's findings and charts: Russia's weight in the DPRK's recorded trade, the South Korean
benchmark, the size of the recorded trade against munitions revenue, the debt deal, the projects, the border map
and the gas market the pipeline was meant to reach.

Every number and every statement of trend or bound in ``book/economic.ipynb`` is computed by a function here and
pinned by ``tests/test_findings_economic.py``. Nothing here edits the data; shared helpers are used, not changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter
from russia_dprk.catalog import country_names, load, resource
from russia_dprk.outline import KM_PER_DEGREE

from . import charts, findings
from .coverage import BORDER_CLOSURE
from .editorial import format_date
from .escape import markdown as md
from .memo import per_data_state
from .style import COLORS, new_figure, tight_layout
from .tiers import secondary
from .wording import about, dollars, join_words

# ---------------------------------------------------------------------------------------------------------------
# Russia's and China's shares of the DPRK's recorded trade
# ---------------------------------------------------------------------------------------------------------------

SERIES_COW = "COW"
SERIES_KOTRA = "KOTRA"
SERIES_RUS_OVER_KOTRA = "Russian statistics / KOTRA total"
SERIES_ORDER = [SERIES_COW, SERIES_KOTRA, SERIES_RUS_OVER_KOTRA]
STATED_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*share")


def _published_dates() -> pd.Series:
    """Publication date of every source, for choosing a report's first-published figure."""
    registry = load("sources").set_index("source_id")["published"].astype(str)
    return registry


def stated_shares(partner: str, reporter: str = "KOTRA") -> pd.DataFrame:
    """Shares (percent) a reporter states without a value: rows with an empty value whose note gives "N% share".

    Returns columns year, partner, share, source_id, one row per year (the first source by id if several).
    """
    frame = load("trade_reported")
    rows = frame[
        (frame["partner"] == partner)
        & (frame["flow"] == "total")
        & (frame["reporter"] == reporter)
        & frame["value_usd_millions"].isna()
    ]
    out = []
    for row in rows.sort_values(["year", "source_id"]).itertuples():
        match = STATED_SHARE.search(str(row.note or ""))
        if match:
            out.append(
                {"year": int(row.year), "partner": partner, "share": float(match.group(1)), "source_id": row.source_id}
            )
    result = pd.DataFrame(out, columns=["year", "partner", "share", "source_id"])
    return result.drop_duplicates("year").reset_index(drop=True)


def kotra_world_totals() -> pd.Series:
    """KOTRA's total of the DPRK's trade per year, as first published (earliest source where KOTRA restated it)."""
    frame = load("trade_reported")
    rows = frame[(frame["partner"] == "WORLD") & (frame["flow"] == "total") & (frame["reporter"] == "KOTRA")]
    rows = rows.dropna(subset=["value_usd_millions"]).assign(published=lambda d: d["source_id"].map(_published_dates()))
    rows = rows.sort_values(["year", "published", "source_id"]).drop_duplicates("year")
    return rows.set_index("year")["value_usd_millions"].astype(float)


def kotra_shares(partner: str) -> pd.DataFrame:
    """Partner's share (percent) of the DPRK's trade in KOTRA's figures, one basis: KOTRA's partner total over
    KOTRA's DPRK total (the same report's pair where one report gives both), or KOTRA's stated share where KOTRA
    gives only a share. Columns year, partner, share, method ('computed' or 'stated'), value and world (the two
    totals a computed share divides, USD millions; empty for a stated one), series."""
    frame = load("trade_reported")
    kotra = frame[(frame["reporter"] == "KOTRA") & (frame["flow"] == "total")].dropna(subset=["value_usd_millions"])
    world_first = kotra_world_totals()
    part = kotra[(kotra["partner"] == partner) & kotra["year"].isin(world_first.index)]
    totals = kotra[kotra["partner"] == "WORLD"][["year", "source_id", "value_usd_millions"]]
    paired = part.merge(
        totals.drop_duplicates(["year", "source_id"]), on=["year", "source_id"], how="left", suffixes=("", "_world")
    )
    paired["paired"] = paired["value_usd_millions_world"].notna()
    # Each year's figure: the first source by id that also gives KOTRA's total, else the first source by id.
    chosen = paired.sort_values(["year", "paired", "source_id"], ascending=[True, False, True]).drop_duplicates("year")
    world = chosen["value_usd_millions_world"].where(chosen["paired"], chosen["year"].map(world_first))
    computed = pd.DataFrame(
        {
            "year": chosen["year"].astype(int).to_numpy(),
            "partner": partner,
            "share": (100 * chosen["value_usd_millions"].astype(float) / world.astype(float)).to_numpy(),
            "method": "computed",
            "value": chosen["value_usd_millions"].astype(float).to_numpy(),
            "world": world.astype(float).to_numpy(),
        },
        columns=["year", "partner", "share", "method", "value", "world"],
    )
    stated = stated_shares(partner)
    stated = stated[~stated["year"].isin(computed["year"])].assign(
        method="stated", value=float("nan"), world=float("nan")
    )[["year", "partner", "share", "method", "value", "world"]]
    out = pd.concat([computed, stated]) if len(stated) else computed
    return out.sort_values("year").reset_index(drop=True).assign(series=SERIES_KOTRA)


def _russian_official_rows() -> pd.DataFrame:
    """Every report of Russia-DPRK trade in Russia's own statistics (customs or officials: kind
    official_statistics), one row per report, with a value."""
    frame = load("trade_reported")
    rows = frame[(frame["partner"] == "RUS") & (frame["flow"] == "total") & (frame["kind"] == "official_statistics")]
    return rows.dropna(subset=["value_usd_millions"])


def russian_official_totals() -> pd.Series:
    """Russia-DPRK trade per year in Russia's own statistics, USD millions; the median where several reports of the
    same statistics differ (with two reports, their midpoint: :func:`russian_official_reports` gives each)."""
    return _russian_official_rows().groupby("year")["value_usd_millions"].median().astype(float)


def russian_official_reports(year: int) -> list[float]:
    """Each report of one year's Russia-DPRK trade in Russia's own statistics, USD millions, lowest first."""
    rows = _russian_official_rows()
    return sorted(float(v) for v in rows[rows["year"] == year]["value_usd_millions"])


def russian_statistics_shares() -> pd.DataFrame:
    """Russia's share (percent) of the DPRK's trade on a second basis: Russia's own statistics over KOTRA's DPRK
    total (KOTRA's Russia figures themselves come from Russian customs). Years with both figures only."""
    official = russian_official_totals()
    world = kotra_world_totals()
    years = sorted(set(official.index) & set(world.index))
    shares = [100 * official[y] / world[y] for y in years]
    return pd.DataFrame(
        {"year": years, "partner": "RUS", "share": shares, "method": "computed", "series": SERIES_RUS_OVER_KOTRA}
    )


def other_partners(partner: str, year: int) -> dict[str, float]:
    """The DPRK's trade with everyone but ``partner`` in ``year``, USD millions, in COW's data and in KOTRA's: the
    rest of the total each series divides the partner's trade by ("cow", "kotra"), and the share COW's partner figure
    would have over KOTRA's rest ("cow_over_kotra_rest", percent), which tells whether the two series' shares part
    over the partner or over everyone else.

    >>> round(other_partners("CHN", 2013)["cow"]), round(other_partners("CHN", 2013)["kotra"])
    (2082, 800)
    """
    cow = load("trade_cow")
    cow = cow[cow["year"] == year]
    cow = pd.Series(cow["total"].astype(float).to_numpy(), index=cow["partner"].astype(str).to_numpy())
    kotra = kotra_shares(partner)
    kotra = kotra[(kotra["year"] == year) & (kotra["method"] == "computed")].iloc[0]
    kotra_rest = float(kotra["world"] - kotra["value"])
    return {
        "cow": float(cow["WORLD"] - cow[partner]),
        "kotra": kotra_rest,
        "cow_over_kotra_rest": 100 * float(cow[partner]) / (float(cow[partner]) + kotra_rest),
    }


def kotra_against_customs() -> pd.DataFrame:
    """Each year with both KOTRA's figure for Russia-DPRK trade and Russia's own statistics: columns year, kotra,
    customs (USD millions; the median of the customs reports) and gap (KOTRA less customs)."""
    kotra = kotra_shares("RUS")
    kotra = kotra[kotra["method"] == "computed"].set_index("year")["value"]
    customs = russian_official_totals()
    years = sorted(set(kotra.index) & set(customs.index))
    frame = pd.DataFrame({"year": years, "kotra": [float(kotra[y]) for y in years]})
    frame["customs"] = [float(customs[y]) for y in years]
    frame["gap"] = frame["kotra"] - frame["customs"]
    return frame


def kotra_customs_words(pairs: pd.DataFrame) -> str:
    """The pairs of :func:`kotra_against_customs` in words ("92.34 against 92.18 million dollars in 2014, ...").

    >>> kotra_customs_words(pd.DataFrame({"year": [2014, 2015], "kotra": [92.34, 84.0], "customs": [92.18, 80.04]}))
    '92.34 against 92.18 million dollars in 2014 and 84.00 against 80.04 in 2015'
    """
    parts = [
        f"{row.kotra:.2f} against {row.customs:.2f}{' million dollars' if i == 0 else ''} in {row.year}"
        for i, row in enumerate(pairs.itertuples())
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def cow_shares() -> pd.DataFrame:
    """Russia's and China's shares in the Correlates of War data, 1992-2014 (partner total over COW's DPRK total)."""
    return findings.cow_shares().assign(method="computed", series=SERIES_COW)


def trade_shares() -> pd.DataFrame:
    """Every share the data allow, one basis per series: COW (1992-2014), KOTRA (from 2013), and for Russia also
    Russia's statistics over KOTRA's total. Columns series, partner, year, share, method."""
    return _trade_shares()


@per_data_state
def _trade_shares() -> pd.DataFrame:
    parts = [cow_shares(), kotra_shares("RUS"), kotra_shares("CHN"), russian_statistics_shares()]
    out = pd.concat(parts, ignore_index=True)[["series", "partner", "year", "share", "method"]]
    out["share"] = out["share"].astype(float)
    out["year"] = out["year"].astype(int)
    order = {s: i for i, s in enumerate(SERIES_ORDER)}
    return (
        out.assign(_o=out["series"].map(order))
        .sort_values(["partner", "_o", "year"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def share_max(
    shares: pd.DataFrame, partner: str, series: Iterable[str], exclude_years: Iterable[int] = ()
) -> tuple[int, float]:
    """(year, share) of the highest share of a partner in the given series, optionally leaving out some years."""
    rows = shares[
        (shares["partner"] == partner) & shares["series"].isin(list(series)) & ~shares["year"].isin(list(exclude_years))
    ]
    best = rows.sort_values(["share", "year"], ascending=[False, True]).iloc[0]
    return int(best["year"]), float(best["share"])


def share_min(shares: pd.DataFrame, partner: str, series: Iterable[str]) -> tuple[int, float]:
    """(year, share) of the lowest share of a partner in the given series."""
    rows = shares[(shares["partner"] == partner) & shares["series"].isin(list(series))]
    low = rows.sort_values(["share", "year"]).iloc[0]
    return int(low["year"]), float(low["share"])


def stayed_below_since(values: pd.Series, threshold: float) -> int | None:
    """The first year from which every later value (indexed by year) is below ``threshold``; None if the last is not."""
    values = values.sort_index()
    since = None
    for year, value in values.items():
        since = (year if since is None else since) if value < threshold else None
    return None if since is None else int(since)


def rank_since(ranks: pd.Series, rank: int) -> int | None:
    """The first year from which every later rank (indexed by year) equals ``rank``; None if the last does not."""
    since = None
    for year, value in ranks.sort_index().items():
        since = (year if since is None else since) if int(value) == rank else None
    return None if since is None else int(since)


def bound_up(value: float, decimals: int = 0) -> float:
    """``value`` rounded up at ``decimals``, so that "at most X" stays true when X is printed at that precision."""
    factor = 10**decimals
    return math.ceil(round(value * factor, 9)) / factor


def bound_down(value: float, decimals: int = 0) -> float:
    """``value`` rounded down at ``decimals``, so that "at least X" stays true when X is printed at that precision."""
    factor = 10**decimals
    return math.floor(round(value * factor, 9)) / factor


def share_series(shares: pd.DataFrame, partner: str, series: str) -> pd.Series:
    """One series of shares as a Series indexed by year."""
    rows = shares[(shares["partner"] == partner) & (shares["series"] == series)]
    return rows.set_index("year")["share"].astype(float).sort_index()


def years_without(shares: pd.DataFrame, partner: str, series: Iterable[str], first: int, last: int) -> list[int]:
    """Years from ``first`` to ``last`` in which none of the given series has a share for the partner."""
    have = set(shares[(shares["partner"] == partner) & shares["series"].isin(list(series))]["year"])
    return [y for y in range(first, last + 1) if y not in have]


def year_spans(years: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive years grouped into (first, last) spans: [2019, 2022, 2023] -> [(2019, 2019), (2022, 2023)]."""
    spans: list[tuple[int, int]] = []
    for year in sorted(years):
        if spans and year == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], year)
        else:
            spans.append((year, year))
    return spans


def plot_trade_shares(
    shares: pd.DataFrame, gaps: dict[str, list[tuple[int, int, str]]], finding: str, subtitle: str
) -> Figure:
    """Two panels (Russia, China), three series as distinct lines/markers, the COW/published break marked and the
    years no published series covers hatched. ``gaps`` maps partner -> [(first, last, label)]; ``finding`` and
    ``subtitle`` head the chart."""
    fig, axes = new_figure(nrows=2, figsize=(8.2, 7.0), sharex=True, gridspec_kw={"height_ratios": [1.1, 1]})
    styles = {
        SERIES_COW: {"linestyle": "-", "marker": None, "lw": 1.8, "fill": True},
        SERIES_KOTRA: {"linestyle": "--", "marker": "o", "lw": 1.3, "fill": True},
        SERIES_RUS_OVER_KOTRA: {"linestyle": "none", "marker": "D", "lw": 0, "fill": False},
    }
    limits = {"RUS": 14.0, "CHN": 100.0}
    cow_end = int(shares.loc[shares["series"] == SERIES_COW, "year"].max())
    # the years drawn: every year with a share, and every year shown hatched as covered by no published series
    hatched = [last for spans in gaps.values() for _, last, _ in spans]
    first_year, last_year = int(shares["year"].min()), max([int(shares["year"].max()), *hatched])
    for ax, partner in zip(axes, ["RUS", "CHN"], strict=True):
        colour = COLORS[partner]
        for first, last, label in gaps.get(partner, []):
            charts.shade_spans(ax, [(first - 0.5, last + 0.5, label)])
        for series in SERIES_ORDER:
            part = share_series(shares, partner, series)
            if part.empty:
                continue
            st = styles[series]
            full = part.reindex(range(int(part.index.min()), int(part.index.max()) + 1))
            ax.plot(
                full.index,
                full.clip(upper=limits[partner]).values,
                color=colour,
                linestyle=st["linestyle"],
                linewidth=st["lw"],
                marker=st["marker"],
                markersize=4.5,
                markerfacecolor=colour if st["fill"] else "white",
                markeredgecolor=colour,
                zorder=3,
            )
            stated = shares[
                (shares["partner"] == partner) & (shares["series"] == series) & (shares["method"] == "stated")
            ]
            if len(stated):
                ax.scatter(
                    stated["year"],
                    stated["share"],
                    s=70,
                    facecolor="none",
                    edgecolor="#222222",
                    linewidth=1.0,
                    zorder=4,
                )
        ax.axvline(cow_end + 0.5, color="#555555", linewidth=1.4, zorder=2)
        ax.text(
            cow_end + 0.42,
            0.97,
            f"COW ends {cow_end} ",
            transform=ax.get_xaxis_transform(),
            ha="right",
            va="top",
            fontsize=7.5,
            color="#333333",
        )
        ax.text(
            cow_end + 0.58,
            0.97,
            " published figures",
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="top",
            fontsize=7.5,
            color="#333333",
        )
        charts.mark_article(ax, yearly=True, label="")
        ax.set_ylim(0, limits[partner])
        ax.set_xlim(first_year - 0.5, last_year + 0.5)
        ax.set_ylabel("% of DPRK's recorded trade")
    rus = share_series(shares, "RUS", SERIES_COW)
    off = rus[rus > limits["RUS"]]
    for year, value in off.items():
        axes[0].annotate(
            f"{value:.0f}% in {year} (COW outlier, off the scale)",
            (year, limits["RUS"]),
            xytext=(8, -2),
            textcoords="offset points",
            fontsize=7.5,
            color=COLORS["RUS"],
            va="top",
            ha="left",
        )
    axes[0].text(
        2015.3,
        0.90,
        "Apr 2015 article",
        transform=axes[0].get_xaxis_transform(),
        fontsize=7.5,
        color="#222222",
        va="top",
    )
    last_rus = share_series(shares, "RUS", SERIES_COW)
    axes[0].annotate(
        "COW (partner reports rebuilt)",
        (2006, float(last_rus.loc[2006])),
        xytext=(-30, 30),
        textcoords="offset points",
        fontsize=8,
        color=COLORS["RUS"],
        ha="right",
        arrowprops={"arrowstyle": "-", "color": COLORS["RUS"], "linewidth": 0.6},
    )
    kotra_r = share_series(shares, "RUS", SERIES_KOTRA)
    if len(kotra_r):
        axes[0].annotate(
            "KOTRA (dots; ringed = share KOTRA states)",
            (float(kotra_r.index[-1]), float(kotra_r.iloc[-1])),
            xytext=(-150, 26),
            textcoords="offset points",
            fontsize=8,
            color=COLORS["RUS"],
            arrowprops={"arrowstyle": "-", "color": COLORS["RUS"], "linewidth": 0.6},
        )
    ratio = share_series(shares, "RUS", SERIES_RUS_OVER_KOTRA)
    if len(ratio):
        axes[0].annotate(
            "Russian statistics ÷ KOTRA total (hollow)",
            (float(ratio.index[-1]), float(ratio.iloc[-1])),
            xytext=(-40, 38),
            textcoords="offset points",
            fontsize=8,
            color=COLORS["RUS"],
            ha="right",
            arrowprops={"arrowstyle": "-", "color": COLORS["RUS"], "linewidth": 0.6},
        )
    chn_cow = share_series(shares, "CHN", SERIES_COW)
    axes[1].annotate(
        "COW",
        (2003, float(chn_cow.loc[2003])),
        xytext=(0, 14),
        textcoords="offset points",
        fontsize=8,
        color=COLORS["CHN"],
    )
    axes[1].annotate(
        "KOTRA",
        (2019, float(share_series(shares, "CHN", SERIES_KOTRA).loc[2019])),
        xytext=(0, -24),
        textcoords="offset points",
        fontsize=8,
        color=COLORS["CHN"],
    )
    for ax, partner in zip(axes, ["RUS", "CHN"], strict=True):
        ax.text(
            0.01,
            0.80 if partner == "RUS" else 0.97,
            country_names()[partner],
            transform=ax.transAxes,
            fontsize=9.5,
            fontweight="bold",
            color=COLORS[partner],
            va="top",
            ha="left",
        )
    charts.headline(axes[0], finding, subtitle)
    tight_layout(fig)  # the direct labels reach past the right edge of the default layout
    return fig


# ---------------------------------------------------------------------------------------------------------------
# Benchmark: Russia's trade with the Republic of Korea against its trade with the DPRK
# ---------------------------------------------------------------------------------------------------------------


def yearly_ranges(frame: pd.DataFrame, first: int) -> pd.DataFrame:
    """Per year from ``first``: lowest, median and highest published total and the number of figures."""
    rows = frame[(frame["flow"] == "total") & (frame["year"] >= first)].dropna(subset=["value_usd_millions"])
    grouped = rows.groupby("year")["value_usd_millions"]
    out = pd.DataFrame(
        {"low": grouped.min(), "median": grouped.median(), "high": grouped.max(), "figures": grouped.size()}
    ).reset_index()
    out[["low", "median", "high"]] = out[["low", "median", "high"]].astype(float)
    return out


def korea_benchmark(first: int = 2010) -> pd.DataFrame:
    """Russia's published trade with the ROK (russia_korea_trade) and with the DPRK (trade_reported) per year from
    ``first``, and COW's rebuilt Russia-DPRK figure to 2014. Columns partner, series, year, low, median, high."""
    rok = yearly_ranges(load("russia_korea_trade"), first).assign(partner="KOR", series="published")
    reported = load("trade_reported")
    dprk = yearly_ranges(reported[reported["partner"] == "RUS"], first).assign(partner="PRK", series="published")
    cow = load("trade_cow")
    cow = cow[(cow["partner"] == "RUS") & (cow["year"] >= first)]
    cow = pd.DataFrame(
        {
            "year": cow["year"].astype(int),
            "low": cow["total"].astype(float),
            "median": cow["total"].astype(float),
            "high": cow["total"].astype(float),
            "figures": 1,
            "partner": "PRK",
            "series": "COW",
        }
    )
    out = pd.concat([rok, dprk, cow], ignore_index=True)
    return (
        out[["partner", "series", "year", "low", "median", "high", "figures"]]
        .sort_values(["partner", "series", "year"])
        .reset_index(drop=True)
    )


def korea_ratio(benchmark: pd.DataFrame) -> pd.DataFrame:
    """Per year with a published figure for both: Russia-ROK median over Russia-DPRK median (how many times more)."""
    pub = benchmark[benchmark["series"] == "published"]
    rok = pub[pub["partner"] == "KOR"].set_index("year")["median"]
    dprk = pub[pub["partner"] == "PRK"].set_index("year")["median"]
    years = sorted(set(rok.index) & set(dprk.index))
    return pd.DataFrame(
        {
            "year": years,
            "rok": [rok[y] for y in years],
            "dprk": [dprk[y] for y in years],
            "ratio": [rok[y] / dprk[y] for y in years],
        }
    )


def ratio_caption(benchmark: pd.DataFrame, ratio: pd.DataFrame) -> str:
    """The caption's words on which years the ratio panel shows: years with a published figure for both partners;
    years not hatched (a figure for each partner) but without a ratio, because the DPRK's figure there is COW's
    rebuilt total alone, are named.

    >>> bench = pd.DataFrame({"partner": ["KOR", "KOR", "PRK", "PRK"], "series": ["published", "published", "published",
    ...     "COW"], "year": [2011, 2012, 2011, 2012]})
    >>> ratio_caption(bench, pd.DataFrame({"year": [2011]})).split(", so ")[1]
    "not for 2012, where the DPRK has COW's rebuilt total alone"
    """
    both = set(benchmark[benchmark["partner"] == "KOR"]["year"]) & set(benchmark[benchmark["partner"] == "PRK"]["year"])
    left_out = sorted(int(year) for year in both - set(ratio["year"]))
    said = "the ratio (below) is shown only for years with a published figure for both"
    if not left_out:
        return said
    return f"{said}, so not for {join_words([str(y) for y in left_out])}, where the DPRK has COW's rebuilt total alone"


def benchmark_gaps(benchmark: pd.DataFrame, first: int, last: int) -> list[tuple[float, float, str]]:
    """Spans of years lacking a ROK figure, a DPRK figure (published or COW), or both, each labelled, for hatching."""
    have_rok = set(benchmark[benchmark["partner"] == "KOR"]["year"])
    have_dprk = set(benchmark[benchmark["partner"] == "PRK"]["year"])
    labels = {}
    for year in range(first, last + 1):
        missing = [name for name, have in [("ROK", have_rok), ("DPRK", have_dprk)] if year not in have]
        if missing:
            labels[year] = "no figure for either" if len(missing) == 2 else f"no {missing[0]} figure"
    spans: list[tuple[float, float, str]] = []
    for year in sorted(labels):
        if spans and spans[-1][1] == year - 0.5 and spans[-1][2] == labels[year]:
            spans[-1] = (spans[-1][0], year + 0.5, labels[year])
        else:
            spans.append((year - 0.5, year + 0.5, labels[year]))
    return spans


def plot_korea_benchmark(
    benchmark: pd.DataFrame, ratio: pd.DataFrame, last: int, finding: str, subtitle: str
) -> Figure:
    """Levels on one log scale (ranges across sources, medians joined only in consecutive years) and the ratio,
    headed by ``finding`` and ``subtitle``."""
    fig, (top, bottom) = new_figure(nrows=2, figsize=(8.2, 6.6), sharex=True, gridspec_kw={"height_ratios": [1.5, 1]})
    first = int(benchmark["year"].min())
    pub = benchmark[benchmark["series"] == "published"]
    spans = benchmark_gaps(benchmark, first, last)
    for ax in (top, bottom):
        charts.shade_spans(ax, spans)
    for partner, colour in [("KOR", COLORS["KOR"]), ("PRK", COLORS["RUS"])]:
        part = pub[pub["partner"] == partner].set_index("year").sort_index()
        full = part["median"].reindex(range(first, last + 1))
        top.plot(full.index, full.values, color=colour, linewidth=1.8, marker="o", markersize=4, zorder=3)
        ranged = part[part["high"] > part["low"]]
        top.vlines(ranged.index, ranged["low"], ranged["high"], color=colour, linewidth=4, alpha=0.35, zorder=2)
    cow = benchmark[benchmark["series"] == "COW"]
    top.plot(
        cow["year"],
        cow["median"],
        color=COLORS["RUS"],
        linestyle="none",
        marker="o",
        markersize=5,
        markerfacecolor="white",
        zorder=3,
    )
    charts.log_scale(top)
    top.set_ylim(0.01, 100000)
    top.set_yticks(
        [0.01, 0.1, 1, 10, 100, 1000, 10000, 100000],
        ["$10k", "$100k", "$1m", "$10m", "$100m", "$1bn", "$10bn", "$100bn"],
    )
    top.set_ylabel("Trade a year (current USD, log scale)")
    top.annotate(
        "Russia–South Korea",
        (2016.0, float(pub[(pub["partner"] == "KOR") & (pub["year"] == 2016)]["median"].iloc[0])),
        xytext=(0, -16),
        textcoords="offset points",
        fontsize=8.5,
        color=COLORS["KOR"],
        fontweight="bold",
    )
    top.annotate(
        "Russia–North Korea",
        (2015, float(pub[(pub["partner"] == "PRK") & (pub["year"] == 2015)]["median"].iloc[0])),
        xytext=(0, -16),
        textcoords="offset points",
        fontsize=8.5,
        color=COLORS["RUS"],
        fontweight="bold",
    )
    if len(cow):
        top.annotate(
            "COW (hollow)",
            (float(cow["year"].iloc[0]), float(cow["median"].iloc[0])),
            xytext=(0, -14),
            textcoords="offset points",
            fontsize=7.5,
            color=COLORS["RUS"],
        )
    charts.mark_article(top, yearly=True)
    bottom.bar(ratio["year"], ratio["ratio"], color="#777777", width=0.6, zorder=3)
    for row in ratio.itertuples():
        bottom.annotate(
            f"{row.ratio:,.0f}×",
            (row.year, row.ratio),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            fontsize=7.5,
        )
    charts.log_scale(bottom, suffix="×")
    bottom.set_ylim(10, float(ratio["ratio"].max()) * 8 if len(ratio) else 1000)
    bottom.set_ylabel("ROK trade ÷ DPRK trade\n(times, log scale)")
    charts.mark_article(bottom, yearly=True, label="")
    bottom.set_xlim(first - 0.5, last + 0.5)
    charts.headline(top, finding, subtitle)
    tight_layout(fig)
    return fig


# ---------------------------------------------------------------------------------------------------------------
# Sizing the relationship on one scale
# ---------------------------------------------------------------------------------------------------------------


def _latest(frame: pd.DataFrame) -> pd.DataFrame:
    last = int(frame["year"].max())
    return frame[frame["year"] == last]


RECORDED_TRADE = "Recorded Russia–DPRK trade"
PAYMENTS = "Russian payments for DPRK troops"
ARMS_VALUE = "Value of DPRK arms deliveries"


def _in_dollars(transfers: pd.DataFrame) -> pd.Series:
    """Which transfer estimates are given in US dollars (a total or a rate a year)."""
    return transfers["unit"].astype("string").fillna("").str.startswith("usd")


def sizing_points() -> pd.DataFrame:
    """The relationship's sizes on one scale (USD millions): the latest recorded Russia-DPRK trade in Russia's
    statistics and the latest estimate, every transfer estimate given in US dollars (annual or cumulative, with
    its floor or upper bound), and the latest China-DPRK trade in China's customs and in KOTRA's figures.

    Columns group, label, estimator, scope, low, high (NaN for a floor), period, source_id, order."""
    trade = load("trade_reported")
    rows = []

    def trade_row(frame: pd.DataFrame, group: str, label: str, estimator: str) -> None:
        if frame.empty:
            return
        latest = _latest(frame)
        year = int(latest["year"].iloc[0])
        values = latest["value_usd_millions"].astype(float)
        rows.append(
            {
                "group": group,
                "label": label,
                "estimator": estimator,
                "scope": "annual",
                "low": float(values.min()),
                "high": float(values.max()),
                "period": str(year),
                "source_id": ";".join(sorted(latest["source_id"].astype(str))),
            }
        )

    rus = trade[(trade["partner"] == "RUS") & (trade["flow"] == "total")].dropna(subset=["value_usd_millions"])
    trade_row(
        rus[rus["kind"] == "official_statistics"],
        "Russia–DPRK trade",
        RECORDED_TRADE,
        "Russian statistics",
    )
    estimate = rus[rus["kind"] == "news_report"]
    official_last = int(rus[rus["kind"] == "official_statistics"]["year"].max())
    trade_row(
        estimate[estimate["year"] > official_last],
        "Russia–DPRK trade",
        "Russia–DPRK trade (estimate)",
        "Russian exporters' association",
    )
    transfers = load("transfer_estimates")
    usd = transfers[_in_dollars(transfers)].sort_values("as_of")
    for row in usd.itertuples():
        annual = "per year" in str(row.unit).lower()
        scope = "annual" if annual else f"cumulative to {format_date(row.as_of, row.date_precision)}"
        bound = (
            "floor (at least)"
            if pd.isna(row.high)
            else ("range, upper bound shown" if row.high > row.low else "single figure")
        )
        what = {"money": PAYMENTS, "other": ARMS_VALUE}.get(str(row.item), str(row.item).replace("_", " "))
        rows.append(
            {
                "group": "DPRK revenue (estimates)",
                "label": what,
                "estimator": str(row.estimator).split(" (")[0],
                "scope": f"{scope}; {bound}",
                "low": float(row.low) / 1e6,
                "high": float(row.high) / 1e6 if pd.notna(row.high) else float("nan"),
                "period": format_date(row.as_of, row.date_precision),
                "source_id": row.source_id,
            }
        )
    chn = trade[(trade["partner"] == "CHN") & (trade["flow"] == "total")].dropna(subset=["value_usd_millions"])
    trade_row(
        chn[chn["reporter"].str.startswith("China customs")],
        "China–DPRK trade",
        "Recorded China–DPRK trade",
        "China customs",
    )
    trade_row(chn[chn["reporter"] == "KOTRA"], "China–DPRK trade", "China–DPRK trade", "KOTRA")
    out = pd.DataFrame(rows)
    return out.assign(order=range(len(out)))


def china_customs_range(year: int) -> tuple[float, float] | None:
    """The lowest and highest of China's customs figures (USD millions) for China-DPRK trade in ``year``, or
    ``None`` when no source gives one: the like-for-like comparison for Russia's figure of that year."""
    trade = load("trade_reported")
    rows = trade[
        (trade["partner"] == "CHN")
        & (trade["flow"] == "total")
        & (trade["year"] == year)
        & trade["reporter"].str.startswith("China customs")
    ].dropna(subset=["value_usd_millions"])
    if rows.empty:
        return None
    values = rows["value_usd_millions"].astype(float)
    return float(values.min()), float(values.max())


def plot_sizing(points: pd.DataFrame, finding: str, subtitle: str) -> Figure:
    """One log scale: each estimate a dot (a bar to its upper bound, an arrow for a floor); the row names what and
    when, the note above the row names the estimator and scope. ``finding`` and ``subtitle`` head the chart."""
    fig, ax = new_figure(figsize=(8.6, 0.62 * len(points) + 1.4))
    colours = {
        "Russia–DPRK trade": COLORS["RUS"],
        "DPRK revenue (estimates)": COLORS["PRK"],
        "China–DPRK trade": COLORS["CHN"],
    }
    y = np.arange(len(points))[::-1]
    for yy, row in zip(y, points.itertuples(), strict=True):
        colour = colours[row.group]
        ax.scatter([row.low], [yy], color=colour, s=36, zorder=3)
        if pd.notna(row.high) and row.high > row.low:
            ax.hlines(yy, row.low, row.high, color=colour, linewidth=4, alpha=0.5)
            ax.scatter([row.high], [yy], color=colour, s=40, marker="|", zorder=3)
        if pd.isna(row.high):
            ax.annotate(
                "",
                xy=(row.low * 2.2, yy),
                xytext=(row.low, yy),
                arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2},
            )
        ax.text(
            0.005,
            yy + 0.36,
            f"{row.estimator}; {row.scope}",
            transform=ax.get_yaxis_transform(),
            fontsize=7.5,
            color="#444444",
            va="center",
            ha="left",
            wrap=True,  # a long scope breaks at the figure's edge instead of running past it
        )
    charts.log_scale(ax, "x")
    ax.set_xlim(10, 20000)
    ax.set_xticks([10, 100, 1000, 10000], ["$10m", "$100m", "$1bn", "$10bn"])
    ax.set_yticks(y, [f"{row.label}\n({row.period})" for row in points.itertuples()], fontsize=8)
    for tick, row in zip(ax.get_yticklabels(), points.itertuples(), strict=True):
        tick.set_color(colours[row.group])
    ax.set_ylim(-0.6, len(points) - 0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("US dollars, log scale")
    charts.headline(ax, finding, subtitle)
    tight_layout(fig)  # the long row labels and the headline need the room
    return fig


# ---------------------------------------------------------------------------------------------------------------
# The debt settlement
# ---------------------------------------------------------------------------------------------------------------


def debt_facts() -> dict[str, float]:
    """The settlement's numbers: total debt (lowest and highest figure), share written off, remainder, years and
    instalments (lowest figure where sources differ)."""
    debt = load("debt_settlement").dropna(subset=["value"])
    values = debt.groupby("item", observed=True)["value"]
    low, high = values.min(), values.max()
    return {
        "total_low": float(low["total_debt"]),
        "total_high": float(high["total_debt"]),
        "share": float(low["written_off_share"]),
        "remainder": float(low["remainder"]),
        "years": float(low["repayment_period"]),
        "instalments": float(low["repayment_instalments"]),
        "total_figures": int(values.size()["total_debt"]),
    }


DEBT_AGREEMENT = "debt-agreement-2012"
DEBT_STEPS = ("passed_lower_house", "approved_upper_house", "signed_into_law", "entered_into_force")


def debt_steps() -> dict[str, str]:
    """The debt agreement's steps after its signing, from ``agreements``: each step's first date as text at its
    precision, or '' where no source read gives one.

    >>> debt_steps()["signed_into_law"], debt_steps()["entered_into_force"]
    ('5 May 2014', '')
    """
    rows = load("agreements")
    rows = rows[rows["agreement_id"] == DEBT_AGREEMENT].sort_values("date")
    first = rows.drop_duplicates("event").set_index("event")
    return {
        step: _at_precision(first.at[step, "date"], first.at[step, "date_precision"]) if step in first.index else ""
        for step in DEBT_STEPS
    }


def debt_in_force_sentence(steps: dict[str, str]) -> str:
    """The sentence on the debt agreement's entry into force: its date, or that no source read gives one."""
    when = steps["entered_into_force"]
    return f"It entered into force on {when}." if when else "No source read gives the date it entered into force."


# ---------------------------------------------------------------------------------------------------------------
# Projects: announced against delivered
# ---------------------------------------------------------------------------------------------------------------

DELIVERED = ["opened", "completed", "in_operation", "resumed"]
STOPPED = ["stalled", "suspended", "cancelled"]


def _at_precision(date: pd.Timestamp, precision: object) -> str:
    return format_date(date, str(precision) if isinstance(precision, str) else "day")


def project_milestones() -> pd.DataFrame:
    """Each project's milestones: the earliest dated row per project and kind of milestone (confirmed first, then
    unverified), dates as text at their precision; projects ordered by their first milestone."""
    frame = load("projects").copy()
    frame["rank"] = (frame["status"] != "confirmed").astype(int)
    dated = frame.sort_values(["rank", "date", "source_id"], na_position="last")
    first = dated.drop_duplicates(["project_id", "milestone", "status"])
    start = frame.groupby("project_id")["date"].min()
    first = first.assign(start=first["project_id"].map(start))
    first = first.sort_values(["start", "project_id", "date", "milestone"], na_position="last")
    first["when"] = [_at_precision(d, p) for d, p in zip(first["date"], first["date_precision"], strict=True)]
    return first[["project_id", "project", "milestone", "when", "date", "status", "detail", "source_id"]].reset_index(
        drop=True
    )


def project_outcomes() -> pd.DataFrame:
    """Per project: first announcement or agreement, first delivery, latest confirmed milestone, and the outcome
    ('delivered', 'delivered, then stopped', 'stopped before delivery', 'not delivered yet')."""
    frame = load("projects")
    confirmed = frame[frame["status"] == "confirmed"].dropna(subset=["date"]).sort_values(["date", "source_id"])
    rows = []
    for project_id, group in confirmed.groupby("project_id", sort=False):
        agreed = group[group["milestone"].isin(["announced", "agreement_signed"])]
        delivered = group[group["milestone"].isin(DELIVERED)]
        latest = group.iloc[-1]
        if latest["milestone"] in STOPPED:
            outcome = "delivered, then stopped" if len(delivered) else "stopped before delivery"
        else:
            outcome = "delivered" if len(delivered) else "not delivered yet"
        first_agreed = agreed.iloc[0] if len(agreed) else None
        first_delivered = delivered.iloc[0] if len(delivered) else None
        rows.append(
            {
                "project_id": project_id,
                "project": latest["project"],
                "first_agreed": _at_precision(first_agreed["date"], first_agreed["date_precision"])
                if first_agreed is not None
                else "–",
                "first_delivered": _at_precision(first_delivered["date"], first_delivered["date_precision"])
                if first_delivered is not None
                else "–",
                "latest": f"{latest['milestone'].replace('_', ' ')}, "
                f"{_at_precision(latest['date'], latest['date_precision'])}",
                "latest_date": latest["date"],
                "outcome": outcome,
                "source_id": latest["source_id"],
                "start": group["date"].min(),
                "agreed_date": first_agreed["date"] if first_agreed is not None else pd.NaT,
                "delivered_date": first_delivered["date"] if first_delivered is not None else pd.NaT,
                "delivered_as": first_delivered["milestone"] if first_delivered is not None else None,
            }
        )
    out = pd.DataFrame(rows).sort_values(["start", "project_id"]).reset_index(drop=True)
    return out.drop(columns="start")


def delivered_before_agreed() -> pd.DataFrame:
    """The projects of :func:`project_outcomes` whose first delivery comes before their first announcement or
    agreement in the table, with the kind of milestone that first delivery was (a service resumed, for each so far)."""
    outcomes = project_outcomes()
    early = outcomes[outcomes["delivered_date"] < outcomes["agreed_date"]]
    return early[["project_id", "project", "first_agreed", "first_delivered", "delivered_as"]].reset_index(drop=True)


def project_latest(project_id: str) -> dict[str, object]:
    """The latest confirmed dated milestone of a project, and whether any unverified row claims more."""
    frame = load("projects")
    rows = frame[frame["project_id"] == project_id]
    confirmed = rows[rows["status"] == "confirmed"].dropna(subset=["date"]).sort_values(["date", "source_id"])
    latest = confirmed.iloc[-1]
    unverified = rows[rows["status"] == "unverified"]
    return {
        "milestone": str(latest["milestone"]),
        "date": latest["date"],
        "date_text": _at_precision(latest["date"], latest["date_precision"]),
        "source_id": latest["source_id"],
        "detail": str(latest["detail"]),
        "unverified": sorted(unverified["milestone"].astype(str)),
        "delivered": bool(confirmed["milestone"].isin(DELIVERED).any()),
    }


# ---------------------------------------------------------------------------------------------------------------
# The gas market: rank of importers
# ---------------------------------------------------------------------------------------------------------------


def lng_ranking(year: int) -> pd.DataFrame:
    """LNG importers in a year from the one source that gives the most volumes that year, ordered by rank."""
    frame = load("lng_importers")
    rows = frame[(frame["year"] == year)].dropna(subset=["value"])
    counts = rows.groupby("source_id").size()
    best_id = sorted(counts[counts == counts.max()].index)[0]
    out = rows[rows["source_id"] == best_id].sort_values("rank")
    return out[["year", "country", "rank", "value", "unit", "source_id"]].reset_index(drop=True)


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def ordinal(rank: int) -> str:
    """A rank in words (first to fifth), else as '6th'."""
    return ORDINALS.get(rank, f"{rank}th")


def korea_lng_years_from_copies() -> list[int]:
    """Years whose South Korean LNG figures (rank and volume) rest only on secondary sources (copies of the original
    report)."""
    frame = load("lng_importers")
    rows = frame[frame["country"] == "KOR"]
    return sorted(int(year) for year, group in rows.groupby("year") if secondary(group["source_id"]).all())


def korea_lng_ranks() -> pd.Series:
    """South Korea's rank among LNG importers per year: the rank most rows give (the better rank on a tie)."""
    frame = load("lng_importers")
    rows = frame[(frame["country"] == "KOR")].dropna(subset=["rank"])
    out = {}
    for year, group in rows.groupby("year"):
        counts = group["rank"].astype(int).value_counts()
        out[int(year)] = int(sorted(counts[counts == counts.max()].index)[0])
    return pd.Series(out, name="rank").sort_index()


def plot_lng_ranking(first: pd.DataFrame, last: pd.DataFrame, finding: str, subtitle: str) -> Figure:
    """Two ranked bar panels (first and latest year), South Korea highlighted, headed by ``finding`` and
    ``subtitle``."""
    fig, axes = new_figure(ncols=2, figsize=(9.2, 3.4), sharex=True)
    for ax, frame in zip(axes, [first, last], strict=True):
        frame = frame.sort_values("rank")
        y = np.arange(len(frame))[::-1]
        colours = [COLORS["KOR"] if c == "KOR" else "#bbbbbb" for c in frame["country"]]
        ax.barh(y, frame["value"].astype(float), color=colours, height=0.6, zorder=3)
        ax.set_yticks(
            y, [f"{int(r)}. {country_names()[c]}" for r, c in zip(frame["rank"], frame["country"], strict=True)]
        )
        for yy, value in zip(y, frame["value"].astype(float), strict=True):
            ax.annotate(f"{value:.1f}", (value, yy), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(f"{int(frame['year'].iloc[0])}: LNG imports (million tonnes)")
    axes[0].set_xlim(0, 100)
    charts.headline(axes[0], finding, subtitle)
    tight_layout(fig)
    return fig


# ---------------------------------------------------------------------------------------------------------------
# People crossing: DPRK citizens entering Russia, from Russia's border statistics as first reported
# ---------------------------------------------------------------------------------------------------------------

ENTRIES = "dprk_entries_russia"
BACK_TO_PRE_PANDEMIC = 0.9  # a quarter's entries at least this share of the same quarter of 2019 count as "back"


def _quarter(frame: pd.DataFrame, quarter: int) -> pd.Series:
    """Rows whose period is exactly calendar quarter ``quarter`` of its year."""
    start_month = 3 * quarter - 2
    quarter_end = frame["start"] + pd.offsets.QuarterEnd(0)
    return (frame["start"].dt.month == start_month) & (frame["start"].dt.day == 1) & (frame["end"] == quarter_end)


@per_data_state
def quarter_entries(quarter: int = 3) -> pd.DataFrame:
    """Entries of DPRK citizens into Russia in one calendar quarter of each year the table covers: all purposes,
    study, and the other purposes (all minus study), one row per year.

    Only exact figures are used, and a quarter with two figures for one purpose (two sources) is refused rather than
    one of them picked.
    """
    frame = load(ENTRIES)
    rows = frame[_quarter(frame, quarter) & ~frame["approximate"].astype(bool)]
    rows = rows[rows["purpose"].isin(["all", "study"])].assign(year=rows["start"].dt.year)
    twice = rows[rows.duplicated(["year", "purpose"], keep=False)]
    if not twice.empty:
        clashes = sorted({f"{year} {purpose}" for year, purpose in zip(twice["year"], twice["purpose"], strict=True)})
        raise ValueError(f"{ENTRIES}: more than one figure for a purpose in quarter {quarter}: {', '.join(clashes)}")
    wide = rows.pivot(index="year", columns="purpose", values="entries")
    wide = wide.reindex(columns=["all", "study"]).dropna(subset=["all", "study"]).astype(int)
    return wide.assign(other=wide["all"] - wide["study"]).reset_index()


def entries_in(start: str, purpose: str = "all") -> tuple[int, bool]:
    """The figure for the period beginning on ``start`` (YYYY-MM-DD) and one purpose, and whether it is approximate."""
    frame = load(ENTRIES)
    rows = frame[(frame["start"] == pd.Timestamp(start)) & (frame["purpose"] == purpose)]
    if len(rows) != 1:
        raise ValueError(f"{ENTRIES}: expected one row for {start}, {purpose}; found {len(rows)}")
    return int(rows["entries"].iloc[0]), bool(rows["approximate"].iloc[0])


def entries_facts(quarter: int = 3) -> dict[str, object]:
    """The numbers the chapter states about entries in one quarter: the first and latest year, the range over the
    years whose quarter fell wholly inside the border closure (:data:`.coverage.BORDER_CLOSURE`), the latest year's
    share for study and its ratio to the first year."""
    table = quarter_entries(quarter).set_index("year")
    first, last = int(table.index.min()), int(table.index.max())
    start, end = BORDER_CLOSURE

    def closed(year: int) -> bool:  # the whole quarter fell inside the border closure
        begins = pd.Timestamp(year=year, month=3 * quarter - 2, day=1)
        return begins >= start and begins + pd.offsets.QuarterEnd(0) < end

    closure = table.loc[[year for year in table.index if closed(year)], "all"]
    return {
        "first_year": first,
        "last_year": last,
        "first_all": int(table.loc[first, "all"]),
        "first_study": int(table.loc[first, "study"]),
        "last_all": int(table.loc[last, "all"]),
        "last_study": int(table.loc[last, "study"]),
        "closure_first": int(closure.index.min()),
        "closure_last": int(closure.index.max()),
        "closure_low": int(closure.min()),
        "closure_high": int(closure.max()),
        "last_to_first": float(table.loc[last, "all"] / table.loc[first, "all"]),
        "study_share_last": float(table.loc[last, "study"] / table.loc[last, "all"]),
    }


def entries_finding(facts: dict[str, object]) -> str:
    """The chart's title, stated from the numbers: whether entries were back to the pre-pandemic level and whether
    most were for study."""
    back = facts["last_to_first"] >= BACK_TO_PRE_PANDEMIC
    level = f"almost as often as in {facts['first_year']}" if back else f"less often than in {facts['first_year']}"
    most = "most declaring study" if facts["study_share_last"] > 0.5 else "few declaring study"
    return f"By {facts['last_year']} North Koreans entered Russia {level}, {most}"


def plot_quarter_entries(table: pd.DataFrame, last_year: int, finding: str, subtitle: str) -> Figure:
    """Stacked bars per year (study, then other purposes) with the total above each, and the years up to
    ``last_year`` the table has no figure for drawn as gaps."""
    fig, ax = new_figure(figsize=(8.6, 4.4))
    years = table["year"].astype(int).tolist()
    study = table["study"].astype(float).to_numpy()
    other = table["other"].astype(float).to_numpy()
    charts.bars(ax, years, study, width=0.62, color=COLORS["PRK"], label="Study")
    charts.bars(ax, years, other, bottom=study, width=0.62, color="#f0b48a", label="Other purposes")
    top = float(table["all"].max())
    for year, total in zip(years, table["all"].astype(int), strict=True):
        ax.annotate(f"{total:,}", (year, total), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    missing = [y for y in range(min(years), last_year + 1) if y not in years]
    charts.shade_spans(ax, [(y - 0.4, y + 0.4, "no figure\nin the data") for y in missing])
    ax.set_xlim(min(years) - 0.6, last_year + 0.6)
    ax.set_xticks(range(min(years), last_year + 1))
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper center", fontsize=8, ncols=2)
    charts.headline(ax, finding, subtitle)
    tight_layout(fig)
    return fig


# ---------------------------------------------------------------------------------------------------------------
# The border map: equirectangular projection scaled by cos(latitude), in kilometres
# ---------------------------------------------------------------------------------------------------------------

LAND = {"RUS": "#e4e0d6", "CHN": "#efe7cf", "PRK": "#f6d9c5", "KOR": "#efdce7", "JPN": "#e4e0d6"}
WATER = "#c9dcea"


MAP_CENTRE = (129.0, 41.5)  # longitude and latitude the border map and its distances are projected about


def map_extent() -> tuple[float, float, float, float]:
    """The overview map's extent (west, east, south, north): the bounds the descriptor gives the places' ``lon``
    and ``lat``, so no place can lie off the map.

    >>> map_extent()
    (123.3, 135.0, 37.2, 46.0)
    """
    fields = {f["name"]: f.get("constraints", {}) for f in resource("places")["schema"]["fields"]}
    return (fields["lon"]["minimum"], fields["lon"]["maximum"], fields["lat"]["minimum"], fields["lat"]["maximum"])


def project(
    lon: np.ndarray | float, lat: np.ndarray | float, lon0: float, lat0: float
) -> tuple[np.ndarray, np.ndarray]:
    """Equirectangular projection about (lon0, lat0), scaled by cos(lat0): kilometres east and north."""
    x = (np.asarray(lon, dtype=float) - lon0) * KM_PER_DEGREE * math.cos(math.radians(lat0))
    y = (np.asarray(lat, dtype=float) - lat0) * KM_PER_DEGREE
    return x, y


def project_geometry(geometry: shapely.Geometry, lon0: float, lat0: float) -> shapely.Geometry:
    """A shapely geometry in projected kilometres."""

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = project(coords[:, 0], coords[:, 1], lon0, lat0)
        return np.column_stack([x, y])

    return shapely.transform(geometry, fn)


def _polygons(geometry: shapely.Geometry) -> list[shapely.Polygon]:
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for g in getattr(geometry, "geoms", []) if g.geom_type == "Polygon"]


def _draw_lines(ax: Axes, geometry: shapely.Geometry, **style: object) -> None:
    for part in getattr(geometry, "geoms", [geometry]):
        if part.is_empty:
            continue
        if part.geom_type in ("LineString", "LinearRing"):
            xy = shapely.get_coordinates(part)
            ax.plot(xy[:, 0], xy[:, 1], **style)
        elif hasattr(part, "geoms"):
            _draw_lines(ax, part, **style)


def scale_bar(ax: Axes, length_km: float, x: float, y: float) -> None:
    """A scale bar of ``length_km`` starting at axes fraction (x, y), in the projected (km) data coordinates."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    sx = x0 + x * (x1 - x0)
    sy = y0 + y * (y1 - y0)
    ax.plot([sx, sx + length_km], [sy, sy], color="#222222", linewidth=2.5, solid_capstyle="butt", zorder=6)
    ax.plot([sx, sx], [sy - (y1 - y0) * 0.01, sy + (y1 - y0) * 0.01], color="#222222", linewidth=1, zorder=6)
    ax.plot(
        [sx + length_km] * 2, [sy - (y1 - y0) * 0.01, sy + (y1 - y0) * 0.01], color="#222222", linewidth=1, zorder=6
    )
    ax.text(
        sx + length_km / 2,
        sy + (y1 - y0) * 0.015,
        f"{length_km:g} km",
        ha="center",
        va="bottom",
        fontsize=7.5,
        zorder=6,
    )


def draw_map(
    ax: Axes, region: pd.DataFrame, extent: tuple[float, float, float, float], lon0: float, lat0: float
) -> dict[str, shapely.Geometry]:
    """Land, water and boundaries of the region in projected km, cropped to ``extent`` (lon/lat box).

    Returns each country's whole outline; only what falls inside the panel (with a margin) is drawn.
    """
    x0, y0 = project(extent[0], extent[2], lon0, lat0)
    x1, y1 = project(extent[1], extent[3], lon0, lat0)
    margin = 0.05 * max(abs(x1 - x0), abs(y1 - y0))
    panel = (min(x0, x1) - margin, min(y0, y1) - margin, max(x0, x1) + margin, max(y0, y1) + margin)
    ax.set_facecolor(WATER)
    shapes = {}
    for row in region.itertuples():
        geometry = project_geometry(shapely.from_wkt(row.wkt), lon0, lat0)
        shapes[row.country] = geometry
        shown = shapely.clip_by_rect(geometry, *(float(v) for v in panel))
        rings = [shapely.get_coordinates(polygon.exterior) for polygon in _polygons(shown)]
        # One collection per country for its land and one for its coastline: the limits are set below, so
        # matplotlib need not measure each polygon.
        land = PolyCollection(rings, facecolors=LAND.get(row.country, "#e6e6e6"), edgecolors="none", zorder=1)
        ax.add_collection(land, autolim=False)
        ax.add_collection(LineCollection(rings, colors="#8a8a8a", linewidths=0.5, zorder=2), autolim=False)
    ax.set_xlim(float(x0), float(x1))
    ax.set_ylim(float(y0), float(y1))
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#999999")
        spine.set_linewidth(0.6)
    return shapes


def _label_places(
    ax: Axes, places: pd.DataFrame, labels: dict, crossings: list[str], lon0: float, lat0: float, size: float, **style
) -> None:
    """Each labelled place as a dot (crossings already have their diamond) with its label at its offset."""
    for place_id, (label, offset) in labels.items():
        if place_id not in places.index:
            continue
        row = places.loc[place_id]
        x, y = project(row["lon"], row["lat"], lon0, lat0)
        if place_id not in crossings:
            ax.scatter([x], [y], s=size, color="#222222", zorder=7)
        ax.annotate(
            label,
            (float(x), float(y)),
            xytext=offset,
            textcoords="offset points",
            fontsize=7.5,
            ha="right" if offset[0] < 0 else "left",
            zorder=8,
            **style,
        )


def plot_border_map(
    region: pd.DataFrame,
    places: pd.DataFrame,
    railway: list[str],
    crossings: list[str],
    overview_labels: dict[str, tuple[str, tuple[float, float]]],
    detail_labels: dict[str, tuple[str, tuple[float, float]]],
    zoom: tuple[float, float, float, float],
) -> Figure:
    """Overview of the region and a close-up of the lower Tumen, projected, with the Russia-DPRK and China-DPRK
    borders, the sourced crossings, the Khasan-Rajin railway joined through its sourced stations, and scale bars.
    Labels map place_id -> (label, offset in points). The last axes is an empty header for the chart's title."""
    lon0, lat0 = MAP_CENTRE
    fig, (left, right) = new_figure(ncols=2, figsize=(8.6, 5.4), gridspec_kw={"width_ratios": [1.2, 1]})
    places = places.set_index("place_id")
    for ax, extent, is_zoom in [(left, map_extent(), False), (right, zoom, True)]:
        shapes = draw_map(ax, region, extent, lon0, lat0)
        width = 2.6 if is_zoom else 2.0
        prk = shapes.get("PRK")
        if prk is not None and "RUS" in shapes:
            _draw_lines(
                ax,
                prk.boundary.intersection(shapes["RUS"].buffer(1.0)),
                color=COLORS["RUS"],
                linewidth=width + 1,
                zorder=4,
                solid_capstyle="round",
            )
        if prk is not None and "CHN" in shapes:
            _draw_lines(
                ax, prk.boundary.intersection(shapes["CHN"].buffer(1.0)), color=COLORS["CHN"], linewidth=width, zorder=4
            )
        rail = places.loc[[p for p in railway if p in places.index]]
        rx, ry = project(rail["lon"].to_numpy(), rail["lat"].to_numpy(), lon0, lat0)
        ax.plot(rx, ry, color="#222222", linewidth=2.2 if is_zoom else 1.6, zorder=5)
        ax.plot(rx, ry, color="white", linewidth=1.0 if is_zoom else 0.7, linestyle=(0, (3, 3)), zorder=5)
        cross = places.loc[[p for p in crossings if p in places.index]]
        cx, cy = project(cross["lon"].to_numpy(), cross["lat"].to_numpy(), lon0, lat0)
        ax.scatter(
            cx, cy, marker="D", s=40 if is_zoom else 26, color="#222222", edgecolor="white", linewidth=0.8, zorder=7
        )
    _label_places(left, places, overview_labels, crossings, lon0, lat0, 12, va="center")
    for code, (lon, lat) in {
        "RUSSIA": (133.3, 45.2),
        "CHINA": (125.6, 44.3),
        "NORTH\nKOREA": (127.9, 40.3),
        "SOUTH\nKOREA": (128.4, 37.75),
    }.items():
        x, y = project(lon, lat, lon0, lat0)
        left.text(float(x), float(y), code, fontsize=8.5, color="#555555", ha="center", fontweight="bold", zorder=8)
    for text, (lon, lat) in {"Sea of Japan\n(East Sea)": (132.8, 40.5), "Yellow\nSea": (124.2, 38.0)}.items():
        x, y = project(lon, lat, lon0, lat0)
        left.text(float(x), float(y), text, fontsize=7.5, color="#3f6f91", ha="center", style="italic", zorder=8)
    # the zoom box on the overview
    bx, by = project(
        np.array([zoom[0], zoom[1], zoom[1], zoom[0], zoom[0]]),
        np.array([zoom[2], zoom[2], zoom[3], zoom[3], zoom[2]]),
        lon0,
        lat0,
    )
    left.plot(bx, by, color="#222222", linewidth=0.9, zorder=8)
    _label_places(
        right,
        places,
        detail_labels,
        crossings,
        lon0,
        lat0,
        16,
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
    )
    for text, (lon, lat), colour in [
        ("RUSSIA", (130.78, 42.80), "#555555"),
        ("CHINA", (130.30, 42.72), "#555555"),
        ("NORTH KOREA", (130.30, 42.58), "#555555"),
        ("Sea of Japan", (130.78, 42.25), "#3f6f91"),
    ]:
        x, y = project(lon, lat, lon0, lat0)
        right.text(float(x), float(y), text, fontsize=8, color=colour, ha="center", fontweight="bold", zorder=8)
    scale_bar(left, 200, 0.55, 0.05)
    scale_bar(right, 10, 0.62, 0.04)
    for ax, title in [(left, "The border region"), (right, "The lower Tumen (box on the left)")]:
        ax.text(
            0.02,
            0.98,
            title,
            transform=ax.transAxes,
            fontsize=8.5,
            fontweight="bold",
            va="top",
            ha="left",
            zorder=9,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )
    # key
    handles = [
        Line2D([], [], color=COLORS["RUS"], linewidth=3, label="Russia–DPRK border (Tumen)"),
        Line2D([], [], color=COLORS["CHN"], linewidth=2, label="China–DPRK border"),
        Line2D([], [], color="#222222", linewidth=2, label="Khasan–Rajin railway (schematic)"),
        Line2D([], [], color="#222222", marker="D", linestyle="none", label="Border crossing (bridge)"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7.5, frameon=False, bbox_to_anchor=(0.5, -0.01))
    fig.subplots_adjust(bottom=0.1, top=0.9, wspace=0.06)
    header = fig.add_axes((0.125, 0.91, 0.8, 0.01))
    header.set_axis_off()
    return fig


# --- alt texts: every number a screen reader hears is computed from the plotted data -------------------------------


def _share_words(values: pd.Series) -> str:
    """One year's shares across series as '4.9' or '4.9-5' (percent, two significant figures)."""
    low, high = about(values.min()), about(values.max())
    return low if low == high else f"{low}-{high}"


def trade_shares_alt(shares: pd.DataFrame, published: Sequence[str]) -> str:
    """Alt text of the trade-shares figure: COW's Russian series (first, peak, last), the published series' usual
    band and the years outside it (more than twice or under half their median), and China's shares."""
    rus = shares[shares["partner"] == "RUS"]
    cow = rus[rus["series"] == SERIES_COW].set_index("year")["share"]
    pub = rus[rus["series"].isin(published)]
    median = pub["share"].median()
    odd = pub[(pub["share"] > 2 * median) | (pub["share"] < median / 2)]
    usual = pub.drop(odd.index)["share"]
    exceptions = join_words(
        [f"{_share_words(group['share'])} percent in {year}" for year, group in odd.groupby("year")]
    )
    chn = shares[shares["partner"] == "CHN"]
    chn_cow = chn[chn["series"] == SERIES_COW].set_index("year")["share"]
    chn_pub = chn[chn["series"].isin(published)]["share"]
    first_decade = chn_cow[chn_cow.index < chn_cow.index.min() + 10]
    return (
        f"Two line charts. In COW's series Russia's share is {about(cow.iloc[0])} percent in {cow.index[0]}, peaks "
        f"at {about(cow.max())} percent in {cow.idxmax()} and is {about(cow.iloc[-1])} percent in {cow.index[-1]}; "
        f"in the published series ({pub['year'].min()}-{pub['year'].max()}) it stays between {about(usual.min())} "
        f"and {about(usual.max())} percent, except {exceptions}. China's share runs between "
        f"{about(first_decade.min())} and {about(first_decade.max())} percent in {first_decade.index.min()}-"
        f"{first_decade.index.max()}, reaches {about(chn_cow.iloc[-1])} percent in COW by {chn_cow.index[-1]} and "
        f"{about(chn_pub.min())}-{about(chn_pub.max())} percent in the published figures."
    )


def _lowest_dprk_year(benchmark: pd.DataFrame, ratio: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The DPRK's row in its lowest year of trade with Russia, the ratios of the other years and of that year."""
    dprk = benchmark[benchmark["partner"] == "PRK"]
    lowest = dprk.loc[dprk["median"].idxmin()]
    that_year = ratio["year"] == lowest["year"]
    return lowest, ratio[~that_year]["ratio"], ratio[that_year]["ratio"]


def korea_benchmark_alt(benchmark: pd.DataFrame, ratio: pd.DataFrame) -> str:
    """Alt text of the two-Koreas figure: both partners' ranges, the DPRK's lowest year, and the ratio's range in
    the other years."""
    rok = benchmark[benchmark["partner"] == "KOR"]
    dprk = benchmark[benchmark["partner"] == "PRK"]
    lowest, usual, collapse = _lowest_dprk_year(benchmark, ratio)
    others = dprk[dprk["year"] != lowest["year"]]
    ratio_then = f", and {about(collapse.iloc[0])} times in {lowest['year']}" if len(collapse) else ""
    return (
        f"Log-scale chart: Russia-South Korea trade runs between {dollars(rok['low'].min())} and "
        f"{dollars(rok['high'].max())} a year from {rok['year'].min()} to {rok['year'].max()}, while Russia-North "
        f"Korea trade runs between {dollars(others['low'].min())} and {dollars(others['high'].max())} from "
        f"{others['year'].min()} to {others['year'].max()} and falls to {dollars(lowest['median'])} in "
        f"{lowest['year']}. The ratio panel shows South Korean trade {usual.min():,.0f} to {usual.max():,.0f} "
        f"times North Korean trade{ratio_then}."
    )


def sizing_alt(points: pd.DataFrame) -> str:
    """Alt text of the scale figure: each group's span in dollars (ranges to their upper bound, floors as given)."""

    def span(rows: pd.DataFrame) -> str:
        low, high = rows["low"].min(), rows[["low", "high"]].max().max()
        return dollars(low) if about(low) == about(high) else f"{dollars(low)} to {dollars(high)}"

    trade = points[points["label"] == RECORDED_TRADE]
    payments = points[points["label"] == PAYMENTS]
    arms = points[points["label"] == ARMS_VALUE]
    china = points[points["group"] == "China–DPRK trade"]
    return (
        f"Dot chart on a log scale: recorded Russia-DPRK trade sits at {dollars(trade['low'].iloc[0])} a year "
        f"({trade['period'].iloc[0]}); estimated payments for troops span {span(payments)} a year; the estimated "
        f"cumulative value of arms deliveries spans {span(arms)}; China-DPRK trade is {span(china)} a year."
    )


def lng_alt(first: pd.DataFrame, last: pd.DataFrame) -> str:
    """Alt text of the LNG ranking: each year's importers with rank and volume, and South Korea's change."""

    def year_words(frame: pd.DataFrame) -> str:
        ranked = [f"{country_names()[r.country]} {ordinal(int(r.rank))} with {r.value:.1f}" for r in frame.itertuples()]
        return f"In {frame['year'].iloc[0]} " + join_words(ranked)

    kor = [frame.set_index("country")["value"].get("KOR") for frame in (first, last)]
    change = "grew" if kor[1] > kor[0] else "fell" if kor[1] < kor[0] else "were unchanged"
    return (
        f"Two ranked bar charts of LNG imports in million tonnes. {year_words(first)}. {year_words(last)}. "
        f"South Korea's imports {change}, from {kor[0]:.1f} to {kor[1]:.1f}."
    )


# --- chart titles: each states its finding, computed from the data drawn -----------------------------------------


def trade_shares_title(shares: pd.DataFrame, published: Sequence[str]) -> str:
    """The trade-shares title: the bound (rounded up to half a percent) Russia's published share stayed under in
    every published year but its highest, that year, and where China's published share went from its first year.

    Every published Russian share but 2020's is under 1.5 per cent; 2020's, about 5, is the exception the title
    names rather than hides.
    """
    rus = shares[(shares["partner"] == "RUS") & shares["series"].isin(published)]
    top_year, _ = share_max(shares, "RUS", published)
    _, other = share_max(shares, "RUS", published, exclude_years=[top_year])
    bound = math.ceil(round(other * 2, 9)) / 2
    above = sorted({int(year) for year in rus.loc[rus["share"] >= bound, "year"]})
    chn = share_series(shares, "CHN", SERIES_KOTRA)
    rising = chn.iloc[-1] > chn.iloc[0]
    return (
        f"Russia's share stayed under {bound:g}% from {int(rus['year'].min())}, bar "
        f"{join_words([str(year) for year in above])}; China's {'rose' if rising else 'fell'} to {chn.iloc[-1]:.0f}%"
    )


def times_in_words(ratios: pd.Series) -> str:
    """How many times, in words, when every ratio has the same order of magnitude ("over 100 times": 100 to 999
    times); else the smallest ratio as a bound ('at least 75 times').

    >>> times_in_words(pd.Series([175.3, 730.0])), times_in_words(pd.Series([75.0, 730.0]))
    ('over 100 times', 'at least 75 times')
    """
    words = {1: "over 10 times", 2: "over 100 times", 3: "over 1,000 times"}
    orders = {math.floor(math.log10(value)) for value in ratios}
    if len(orders) == 1 and next(iter(orders)) in words:
        return words[next(iter(orders))]
    return f"at least {ratios.min():,.0f} times"


def korea_benchmark_title(benchmark: pd.DataFrame, ratio: pd.DataFrame) -> str:
    """The two-Koreas title: the ratio's order of magnitude in every year but the DPRK's lowest."""
    _, usual, _ = _lowest_dprk_year(benchmark, ratio)
    return f"Russia trades {times_in_words(usual)} more with South Korea than with the North"


def sizing_title(points: pd.DataFrame) -> str:
    """The scale title: the lowest estimate of payments for troops as a multiple of recorded Russia-DPRK trade."""
    trade = points.loc[points["label"] == RECORDED_TRADE, "low"].iloc[0]
    lowest = points.loc[points["label"] == PAYMENTS, "low"].min()
    return f"The lowest estimate of payments is {about(lowest / trade)} times Russia's recorded trade"


def lng_title(first: pd.DataFrame, last: pd.DataFrame) -> str:
    """The LNG title: South Korea's rank among importers in the first and the last year drawn."""
    ranks = [int(frame.set_index("country")["rank"]["KOR"]) for frame in (first, last)]
    if ranks[0] == ranks[1]:
        return f"South Korea stayed {ordinal(ranks[0])} among LNG importers"
    verb = "fell" if ranks[1] > ranks[0] else "rose"
    return f"South Korea {verb} from {ordinal(ranks[0])} to {ordinal(ranks[1])} among LNG importers"


def money_not_in_dollars() -> pd.DataFrame:
    """Estimates of money the DPRK gained that are given in another currency than US dollars (left off the scale
    chart, whose axis is dollars): estimate_id, unit and the year of the estimate."""
    transfers = load("transfer_estimates")
    rows = transfers[(transfers["item"].astype(str) == "money") & ~_in_dollars(transfers)]
    return rows.assign(year=rows["as_of"].dt.year)[["estimate_id", "unit", "year"]].reset_index(drop=True)


def series_years(shares: pd.DataFrame, series: Sequence[str], partner: str = "RUS") -> list[int]:
    """The years in which any of ``series`` gives ``partner`` a share."""
    rows = shares[(shares["partner"] == partner) & shares["series"].isin(series)]
    return sorted(int(year) for year in rows["year"].unique())


def other_currency_note(frame: pd.DataFrame) -> str:
    """The scale chart's caption sentence on :func:`money_not_in_dollars`, or '' when there are none (the unit, a
    table cell, escaped for the caption's MyST).

    >>> other_currency_note(pd.DataFrame({"unit": ["krw"], "year": [2025]}))
    " One estimate of the DPRK's gain, given in KRW (2025), is left out because the axis is US dollars."
    """
    if frame.empty:
        return ""
    which = join_words([f"{md(str(row.unit).upper())} ({row.year})" for row in frame.itertuples()])
    if len(frame) == 1:
        return f" One estimate of the DPRK's gain, given in {which}, is left out because the axis is US dollars."
    return f" {len(frame)} estimates of the DPRK's gain, given in {which}, are left out because the axis is US dollars."
