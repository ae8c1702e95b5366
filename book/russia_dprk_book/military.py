"""The military chapter's findings and charts.

Every number and every statement of trend or bound in ``book/military.ipynb`` is computed here and asserted by
``tests/test_findings_military.py``. The functions read the dataset through ``russia_dprk.catalog.load`` and use
whatever rows exist: nothing counts on a fixed number of rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from russia_dprk.catalog import load

from .editorial import format_date
from .findings import launches_per_year
from .style import COLORS, tight_layout
from .tiers import tiers as all_tiers
from .wording import about, count, join_words

# ---------------------------------------------------------------------------------------------------------------
# Arms transfers (SIPRI): the direction of the flow
# ---------------------------------------------------------------------------------------------------------------

TO_DPRK = "USSR/Russia to the DPRK"
TO_RUSSIA = "DPRK to Russia"


def arms_flows() -> pd.DataFrame:
    """Yearly SIPRI TIV (millions) of major arms delivered in each direction between Moscow and Pyongyang.

    ``flow`` is :data:`TO_DPRK` (Soviet Union or Russia as supplier, DPRK as recipient) or :data:`TO_RUSSIA`
    (DPRK as supplier, Russia as recipient); years with no recorded delivery have no row.
    """
    frame = load("arms_transfers")
    frame = frame.assign(supplier=frame["supplier"].astype(str), recipient=frame["recipient"].astype(str))
    to_dprk = frame[frame["supplier"].isin(["SUN", "RUS"]) & (frame["recipient"] == "PRK")]
    to_russia = frame[(frame["supplier"] == "PRK") & (frame["recipient"] == "RUS")]
    out = pd.concat([to_dprk.assign(flow=TO_DPRK), to_russia.assign(flow=TO_RUSSIA)])
    out = out.groupby(["flow", "year"], as_index=False)["tiv_millions"].sum()
    out["tiv_millions"] = out["tiv_millions"].astype(float)
    return out.sort_values(["flow", "year"]).reset_index(drop=True)


def flow_summary(flows: pd.DataFrame, flow: str, first: int | None = None, last: int | None = None) -> dict:
    """First and last year with a delivery and the total TIV of one flow, optionally within ``first``-``last``."""
    rows = flows[flows["flow"] == flow]
    if first is not None:
        rows = rows[rows["year"] >= first]
    if last is not None:
        rows = rows[rows["year"] <= last]
    rows = rows[rows["tiv_millions"] > 0]
    if rows.empty:
        return {"first": None, "last": None, "total": 0.0, "years": 0}
    return {
        "first": int(rows["year"].min()),
        "last": int(rows["year"].max()),
        "total": float(rows["tiv_millions"].sum()),
        "years": int(rows["year"].nunique()),
    }


# ---------------------------------------------------------------------------------------------------------------
# Joint drills
# ---------------------------------------------------------------------------------------------------------------


def joint_drills_reported(events: pd.DataFrame) -> int:
    """Events of kind ``joint_drill`` (a bilateral exercise actually held) in the military-events table."""
    return int((events["kind"].astype(str) == "joint_drill").sum())


def events_of_kind(events: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The events of one kind, oldest first."""
    return events[events["kind"].astype(str) == kind].sort_values("date").reset_index(drop=True)


def first_acknowledgments(events: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """The date each government first acknowledged the deployment: the earliest ``acknowledgment`` event whose
    first listed actor is that government (``RUS`` or ``PRK``)."""
    acks = events_of_kind(events, "acknowledgment")
    first_actor = acks["actors"].astype(str).str.split(";").str[0]
    return {code: acks.loc[first_actor == code, "date"].min() for code in ("RUS", "PRK")}


# ---------------------------------------------------------------------------------------------------------------
# Missile launches and nuclear tests
# ---------------------------------------------------------------------------------------------------------------


def cns_end() -> pd.Timestamp:
    """The last day the CNS launch series covers: the end of the month the source registry gives as its date."""
    published = str(load("sources").set_index("source_id").loc["cns-missiles-2026", "published"])
    return pd.Timestamp(published) + pd.offsets.MonthEnd(0)


def mean_launches(first: int, last: int) -> float:
    """Mean missiles launched a year over ``first``-``last`` (space launches excluded; a year without launches
    counts as zero, which it is in the CNS series)."""
    return float(launches_per_year(first, last).mean())


def peak_launch_year(first: int = 1984, last: int = 2025) -> tuple[int, int]:
    """The year with most missiles launched (space launches excluded) and its count; full years only."""
    per_year = launches_per_year(first, last)
    return int(per_year.idxmax()), int(per_year.max())


LAUNCH_GROUPS = {
    "SRBM": "Short-range",
    "MRBM": "Medium and intermediate-range",
    "IRBM": "Medium and intermediate-range",
    "ICBM": "Intercontinental",
    "SLBM": "Other and unknown",
    "HGV": "Other and unknown",
    "Unknown": "Other and unknown",
}
GROUP_COLORS = {
    "Short-range": "#E69F00",
    "Medium and intermediate-range": "#56B4E9",
    "Intercontinental": "#D55E00",
    "Other and unknown": "#999999",
}


def launches_by_group() -> pd.DataFrame:
    """Missiles launched per year in four groups of class (space launch vehicles excluded), one row per year from
    the first year of the series to its last, zero where the series records no launch."""
    frame = load("missile_launches")
    frame = frame[frame["missile_class"].astype(str) != "SLV"]
    frame = frame.assign(group=frame["missile_class"].astype(str).map(LAUNCH_GROUPS))
    unplaced = sorted(set(frame.loc[frame["group"].isna(), "missile_class"].astype(str)))
    if unplaced:
        raise ValueError(f"missile classes {unplaced} have no group in LAUNCH_GROUPS: they would vanish from the chart")
    wide = frame.pivot_table(index="year", columns="group", values="launches", aggfunc="sum", fill_value=0)
    years = range(int(frame["year"].min()), int(frame["year"].max()) + 1)
    wide = wide.reindex(index=years, columns=list(GROUP_COLORS), fill_value=0).astype(int)
    wide.index.name = "year"
    return wide


def nuclear_tests_between(start: pd.Timestamp, end: pd.Timestamp | None = None) -> int:
    """Nuclear tests (CTBTO dates) on or after ``start`` and, if given, on or before ``end``."""
    dates = load("nuclear_test_dates")["date"]
    mask = dates >= start
    if end is not None:
        mask &= dates <= end
    return int(mask.sum())


def last_nuclear_test() -> pd.Timestamp:
    """The date of the DPRK's latest nuclear test."""
    return load("nuclear_test_dates")["date"].max()


# ---------------------------------------------------------------------------------------------------------------
# Estimates of transfers since 2022: form, scope and who made them
# ---------------------------------------------------------------------------------------------------------------

SHORT_ESTIMATORS = {
    "South Korea NIS": "NIS",
    "South Korea Defense Intelligence Agency": "ROK DIA",
    "South Korea Ministry of National Defense": "ROK MND",
    "South Korea JCS": "ROK JCS",
    "South Korea military": "ROK military",
    "South Korean military officials": "ROK officials",
    "Multilateral Sanctions Monitoring Team": "MSMT",
    "Open Source Centre": "OSC",
    "US Department of Defense": "Pentagon",
    "US State Department": "US (Blinken)",
    "Ukraine HUR": "Ukraine HUR",
    "Ukraine Prosecutor General": "Ukraine Prosecutor General",
    "Ukrainian officials": "Ukraine officials",
    "Ukrainian President Zelensky": "Zelensky",
    "UK Ministry of Defence": "UK MoD",
    "Western officials": "Western officials",
    "Russian Security Council": "Shoigu",
    "Yonhap": "Yonhap",
    "DPRK (Kim Jong Un": "Kim/KCNA",
    "DPRK (KCNA": "KCNA",
}


def short_estimator(name: str) -> str:
    """A short label for an estimator, for chart labels: the label of the longest known prefix of its name
    (estimator names carry detail in brackets), else the full name."""
    for prefix in sorted(SHORT_ESTIMATORS, key=len, reverse=True):
        if name.startswith(prefix):
            return SHORT_ESTIMATORS[prefix]
    return name


# Periods that ``period`` estimates cover, as their notes state them.
PERIOD_SPANS = {
    "ammo-msmt-2025-05-29-9m-2024": ("2024-01-01", "2024-12-15"),  # "delivered in 2024 (Jan-mid Dec)"
    "troops-msmt-2025-05-29-11000": ("2024-01-01", "2024-12-31"),  # "More than 11,000 troops in 2024"
}

FORMS = ["count", "range", "floor", "capacity", "period", "plan"]
FORM_LABELS = {
    "count": "Count (about)",
    "range": "Range",
    "floor": "Floor (at least, more than)",
    "capacity": "Capacity ceiling (what the containers could hold)",
    "period": "Estimate for one period (bar = period)",
    "plan": "Plan or announcement, not a count",
}

# How each form is drawn (the mark, and what it stands for), in the words of the estimates figures' captions.
FORM_MARKS = {
    "count": ("a dot", "a count ('about')"),
    "range": ("a bar", "a stated range"),
    "floor": ("an open triangle with an upward arrow", "a floor ('at least', 'more than')"),
    "capacity": (
        "a grey triangle with a downward arrow",
        "a ceiling reasoned from what the containers shipped could hold",
    ),
    "period": (
        "a blue bar",
        "the period a one-period estimate covers, with a downward arrow where the source says 'as many as' or 'up to'",
    ),
    "plan": ("an open diamond", "a plan or announcement"),
}

FORM_WORDS = {"capacity": "ceiling"}  # a form's name in alt text, where it is not its code


def forms_sentence(drawn: pd.DataFrame) -> str:
    """The caption's sentence on the marks: how each form drawn in ``drawn`` looks, in :data:`FORMS` order.

    >>> forms_sentence(pd.DataFrame({"form": ["floor", "count"]}))
    "A dot is a count ('about'); an open triangle with an upward arrow a floor ('at least', 'more than')."
    """
    present = set(drawn["form"])
    marks = [FORM_MARKS[form] for form in FORMS if form in present]
    (mark, meaning), rest = marks[0], marks[1:]
    return "; ".join([f"{mark[0].upper()}{mark[1:]} is {meaning}", *(f"{m} {what}" for m, what in rest)]) + "."


def is_upper_bound(note: str) -> bool:
    """Whether a note words the figure as an upper bound ("as many as", "up to")."""
    text = note.lower()
    return "as many as" in text or "up to " in text


def estimate_form(row: Mapping) -> str:
    """How an estimate bounds the quantity: ``capacity`` (reasoned from what containers could hold), ``plan``,
    ``period`` (one span of time), ``range``, ``floor`` (no high end) or ``count``."""
    note = str(row.get("note") or "").lower()
    if "capacity" in note:
        return "capacity"
    if str(row["scope"]) == "planned":
        return "plan"
    if str(row["scope"]) == "period":
        return "period"
    low, high = row["low"], row["high"]
    if pd.isna(high):
        return "floor"
    if float(high) > float(low):
        return "range"
    return "count"


def troop_scope_words(row: Mapping) -> str:
    """The scope of a troop figure in words: where the troops were, or what the figure counts."""
    scope = str(row["scope"])
    note = str(row.get("note") or "").lower()
    if scope == "planned":
        return "plan"
    if scope == "wave":
        return "one wave"
    if scope == "stock":
        return "near the border then"
    if scope == "period":
        return "in 2024" if "in 2024" in note else "one period"
    if "kursk" in str(row["estimate_id"]):
        return "in Kursk"
    if "cumulative" in note or "in total" in note:
        return "sent in all"
    return "in Russia"


LABEL_OVERRIDES = {
    "troops-russia-2025-06-17-sappers-builders": "Shoigu: 1,000 deminers + 5,000 builders, plan",
    "troops-nis-2025-11-04-5000-construction": "NIS: builders since Sep 2025",
    "troops-kpa-2025-12-engineers-1000": "Yonhap: engineer regiment",
    "killed-kpa-2025-12-engineers-9": "Kim/KCNA: one engineer regiment",
    "killed-kcna-2025-08-22-101-portraits": "KCNA: portraits of the dead",
    "troops-nis-2024-10-18-first-contingent": "NIS: first contingent",
    "troops-nis-2024-10-18-planned-12000": "NIS: plan, four brigades",
    "troops-nis-2025-09-02-third-wave-6000": "NIS: third deployment, plan",
    "troops-msmt-2025-05-29-3000-extra": "MSMT: early 2025 wave",
    "troops-rok-media-2025-02-27-1000-3000": "ROK officials: second wave",
    "casualties-western-officials-2025-01-4000": "Western officials: also missing, captured",
}

PANELS = {
    "artillery_ammunition": ("Artillery rounds", 1e6, "millions of rounds"),
    "troops_deployed": ("Troops", 1e3, "thousands"),
    "troops_killed": ("Killed", 1e3, "thousands"),
    "troop_casualties": ("Killed and wounded", 1e3, "thousands"),
}


def chart_estimates() -> pd.DataFrame:
    """The estimates drawn in the estimates chart: every numeric estimate of artillery rounds (counts of rounds,
    not rates or shares), troops, killed and casualties sent from the DPRK to Russia, with its form, label and,
    for period estimates, the period it covers."""
    frame = load("transfer_estimates")
    frame = frame[(frame["direction"] == "dprk_to_russia") & frame["item"].astype(str).isin(PANELS)]
    frame = frame.dropna(subset=["low"])
    frame = frame[~((frame["item"] == "artillery_ammunition") & (frame["unit"].astype(str) != "rounds"))]
    rows = []
    for row in frame.to_dict("records"):
        form = estimate_form(row)
        short = short_estimator(str(row["estimator"]))
        if row["estimate_id"] in LABEL_OVERRIDES:
            label = LABEL_OVERRIDES[row["estimate_id"]]
        elif row["item"] == "troops_deployed":
            label = f"{short}: {troop_scope_words(row)}"
        elif form == "period" and is_upper_bound(str(row["note"])):
            label = f"{short}: as many as, in 2024" if "2024" in str(row["note"]) else f"{short}: as many as"
        else:
            label = short
        span = PERIOD_SPANS.get(row["estimate_id"])
        rows.append(
            {
                "panel": str(row["item"]),
                "estimate_id": row["estimate_id"],
                "as_of": row["as_of"],
                "low": float(row["low"]),
                "high": float(row["high"]) if pd.notna(row["high"]) else np.nan,
                "form": form,
                "upper_bound": is_upper_bound(str(row["note"])),
                "estimator": str(row["estimator"]),
                "label": label,
                "period_start": pd.Timestamp(span[0]) if span else pd.NaT,
                "period_end": pd.Timestamp(span[1]) if span else pd.NaT,
                "source_id": row["source_id"],
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["panel", "as_of", "estimate_id"]).reset_index(drop=True)


FORM_STYLE = {
    "count": {"marker": "o", "facecolor": COLORS["PRK"], "edgecolor": COLORS["PRK"]},
    "range": {"marker": "_", "facecolor": COLORS["PRK"], "edgecolor": COLORS["PRK"]},
    "floor": {"marker": "^", "facecolor": "white", "edgecolor": COLORS["PRK"]},
    "capacity": {"marker": "v", "facecolor": "#777777", "edgecolor": "#777777"},
    "period": {"marker": "s", "facecolor": COLORS["RUS"], "edgecolor": COLORS["RUS"]},
    "plan": {"marker": "D", "facecolor": "white", "edgecolor": COLORS["RUS"]},
}


def draw_estimates(ax: Axes, frame: pd.DataFrame, scale: float) -> list[tuple[pd.Timestamp, float, str]]:
    """One panel of the estimates chart: each estimate at its date, drawn by its form, labelled by its estimator.

    Counts are filled dots; ranges a bar from low to high; floors an open up-triangle with an arrow upwards;
    capacity ceilings a grey down-triangle with an arrow downwards (the true number is at most this, if the
    containers were full of one calibre); period estimates a blue horizontal bar across the period they cover;
    plans an open diamond. Returns the labels (position and text) for :func:`place_labels`.
    """
    labels = []
    points: dict[str, list[tuple[pd.Timestamp, float]]] = {}
    ends: list[tuple[pd.Timestamp, float, float]] = []
    for row in frame.itertuples():
        low, high = row.low / scale, (row.high / scale if pd.notna(row.high) else np.nan)
        style = FORM_STYLE[row.form]
        x = row.as_of
        if row.form == "period" and pd.notna(row.period_start):
            ax.hlines(low, row.period_start, row.period_end, color=style["edgecolor"], linewidth=3, alpha=0.8)
            ax.plot([row.period_end, x], [low, low], color=style["edgecolor"], linewidth=0.8, linestyle=":")
        if row.form == "range":
            ends.append((x, low, high))
            y_label = (low + high) / 2
        else:
            points.setdefault(row.form, []).append((x, low))
            y_label = low
        if row.form == "floor" or (row.form == "period" and pd.isna(row.high)):
            ax.annotate(
                "",
                xy=(x, low),
                xytext=(0, 14),
                textcoords="offset points",
                arrowprops={"arrowstyle": "<-", "color": style["edgecolor"], "linewidth": 0.9},
            )
        if row.form == "capacity" or row.upper_bound:
            ax.annotate(
                "",
                xy=(x, low),
                xytext=(0, -14),
                textcoords="offset points",
                arrowprops={"arrowstyle": "<-", "color": style["edgecolor"], "linewidth": 0.9},
            )
        labels.append((x, y_label, row.label))
    if ends:
        x, low, high = zip(*ends, strict=True)
        colour = FORM_STYLE["range"]["edgecolor"]
        ax.vlines(x, low, high, color=colour, linewidth=2.2)
        ax.scatter([*x, *x], [*low, *high], marker="_", s=60, color=colour, zorder=3)
    for form, xy in points.items():
        style = FORM_STYLE[form]
        x, y = zip(*xy, strict=True)
        ax.scatter(
            x,
            y,
            marker=style["marker"],
            s=34,
            facecolor=style["facecolor"],
            edgecolor=style["edgecolor"],
            linewidth=1.1,
            zorder=3,
        )
    return labels


LABEL_FONT = 7.5  # 6 pt when the figure is shrunk to the PDF's column


def place_labels(ax: Axes, labels: list[tuple[pd.Timestamp, float, str]]) -> None:
    """Write each label beside its point, moving it up or down (or to the left near the right edge) until it
    overlaps no label already written: a deterministic greedy layout in display coordinates."""
    fig = ax.figure
    ax.get_xlim(), ax.get_ylim()  # settle autoscaling so the data transform is final (no full draw needed)
    to_px = ax.transData.transform
    points_px = fig.dpi / 72
    right = ax.transAxes.transform((1, 0))[0]
    marker = 5 * points_px
    placed: list[tuple[float, float, float, float]] = []
    for x, y, _ in labels:
        px, py = to_px((mdates_num(x), y))
        placed.append((px - marker, py - marker, px + marker, py + marker))
    step = math.ceil(LABEL_FONT * 1.3)  # a label's height: the next free line above or below
    steps = [0, step, -step, 2 * step, -2 * step, 3 * step, -3 * step]
    for x, y, text in sorted(labels, key=lambda item: (item[0], item[1], item[2])):
        px, py = to_px((mdates_num(x), y))
        width = len(text) * LABEL_FONT * 0.55 * points_px  # DejaVu Sans averages about 0.55 em a character
        height = LABEL_FONT * 1.3 * points_px
        fits_right = px + 6 * points_px + width <= right
        sides = [False, True] if fits_right else [True]
        candidates = [(left, dy) for dy in steps for left in sides]
        for left_side, dy in candidates:
            x0 = px - 6 * points_px - width if left_side else px + 6 * points_px
            y0 = py + dy * points_px - height / 2
            box = (x0, y0, x0 + width, y0 + height)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                break
        placed.append(box)
        arrow = {"arrowstyle": "-", "color": "#999999", "linewidth": 0.5} if dy else None
        ax.annotate(
            text,
            (x, y),
            xytext=(-6 if left_side else 6, dy),
            textcoords="offset points",
            fontsize=LABEL_FONT,
            color="#333333",
            va="center",
            ha="right" if left_side else "left",
            arrowprops=arrow,
        )


def mdates_num(x: pd.Timestamp) -> float:
    """A timestamp as a matplotlib date number."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(x))


# ---------------------------------------------------------------------------------------------------------------
# Estimates: the numbers the prose quotes
# ---------------------------------------------------------------------------------------------------------------


def estimates(item: str, direction: str = "dprk_to_russia") -> pd.DataFrame:
    """Every estimate of one item in one direction, oldest first."""
    frame = load("transfer_estimates")
    frame = frame[(frame["item"] == item) & (frame["direction"] == direction)]
    return frame.sort_values(["as_of", "estimate_id"]).reset_index(drop=True)


def air_defence_to_dprk() -> pd.DataFrame:
    """Estimates that Russia sent the DPRK air-defence systems (outside SIPRI's register, which ends earlier),
    oldest first."""
    return estimates("air_defence", "russia_to_dprk")


def air_defence_for_troops() -> pd.DataFrame:
    """The estimates of :func:`air_defence_to_dprk` whose note says the systems were sent in return for the troops."""
    frame = air_defence_to_dprk()
    return frame[frame["note"].astype(str).str.contains(r"\bin return for (?:the )?troops\b", case=False)]


def estimate(estimate_id: str) -> pd.Series:
    """One estimate by its id."""
    frame = load("transfer_estimates").set_index("estimate_id")
    return frame.loc[estimate_id]


def troop_figures_through(last: str, scopes: tuple[str, ...] = ("total",)) -> pd.DataFrame:
    """Troop estimates of the given scopes dated on or before ``last``."""
    frame = estimates("troops_deployed")
    return frame[frame["scope"].astype(str).isin(scopes) & (frame["as_of"] <= pd.Timestamp(last))]


def troop_figures_from(first: str, scopes: tuple[str, ...] = ("total",)) -> pd.DataFrame:
    """Troop estimates of the given scopes dated on or after ``first``."""
    frame = estimates("troops_deployed")
    return frame[frame["scope"].astype(str).isin(scopes) & (frame["as_of"] >= pd.Timestamp(first))]


def same_week_kursk_and_russia() -> dict:
    """The US figures of the last week of October 2024: troops in Kursk against troops in Russia."""
    troops = estimates("troops_deployed")
    estimator = troops["estimator"].astype(str)
    in_kursk = troops[troops["estimate_id"].str.contains("kursk") & estimator.str.startswith("US State Department")]
    kursk = in_kursk.sort_values(["as_of", "estimate_id"]).iloc[0]
    in_russia = troops[estimator.str.startswith("US Department of Defense") & (troops["scope"] == "total")]
    # the Pentagon's figure nearest in time to the Kursk one, whatever the order of the rows in the file
    apart = (in_russia["as_of"] - kursk["as_of"]).abs()
    russia = in_russia.assign(apart=apart).sort_values(["apart", "as_of", "estimate_id"]).iloc[0]
    return {
        "kursk": int(kursk["low"]),
        "kursk_date": kursk["as_of"],
        "russia": int(russia["low"]),
        "russia_date": russia["as_of"],
        "days_apart": int(abs((kursk["as_of"] - russia["as_of"]).days)),
    }


GOVERNMENTS = ("Russian", "DPRK")


def own_government_figures() -> pd.DataFrame:
    """Figures Moscow or Pyongyang itself published about the deployment (the estimator is the Russian or DPRK
    state or its state media), oldest first."""
    frame = load("transfer_estimates")
    mask = frame["estimator"].astype(str).str.startswith(GOVERNMENTS)
    return frame[mask].sort_values(["as_of", "estimate_id"]).reset_index(drop=True)


def latest(frame: pd.DataFrame, estimator: str) -> pd.Series:
    """The latest estimate by one estimator in a frame of estimates."""
    rows = frame[frame["estimator"] == estimator].sort_values(["as_of", "estimate_id"])
    return rows.iloc[-1]


def highest_count(item: str) -> pd.Series:
    """The highest cumulative estimate of an item that is a count or a range (not a capacity ceiling, a plan or a
    period estimate); by its low end."""
    frame = estimates(item)
    frame = frame[frame["scope"].astype(str) == "total"].dropna(subset=["low"])
    forms = frame.apply(lambda r: estimate_form(r.to_dict()), axis=1)
    frame = frame[forms.isin(["count", "range", "floor"])]
    return frame.sort_values(["low", "as_of"]).iloc[-1]


def capacity_ceilings(item: str = "artillery_ammunition") -> pd.DataFrame:
    """Estimates reasoned from container capacity, oldest first."""
    frame = estimates(item).dropna(subset=["low"])
    forms = frame.apply(lambda r: estimate_form(r.to_dict()), axis=1)
    return frame[forms == "capacity"].reset_index(drop=True)


def estimators_count() -> int:
    """Distinct estimators in the transfer-estimates table, counting variants of one name (detail in brackets)
    once: the number of distinct short labels."""
    names = load("transfer_estimates")["estimator"].astype(str)
    return int(names.map(short_estimator).nunique())


def shoigu_split() -> dict[str, int]:
    """Shoigu's June 2025 announcement in its parts, read from the row's note: deminers (sappers) and builders."""
    import re

    note = str(estimate("troops-russia-2025-06-17-sappers-builders")["note"])
    sappers = re.search(r"([\d,]+) sappers", note)
    builders = re.search(r"([\d,]+) military construction", note)
    return {"deminers": int(sappers.group(1).replace(",", "")), "builders": int(builders.group(1).replace(",", ""))}


def _series_key(row: Mapping) -> tuple[str, str, str]:
    words = troop_scope_words(row) if str(row["item"]) == "troops_deployed" else ""
    return str(row["item"]), short_estimator(str(row["estimator"])), words


def _cumulative_series(panels: Sequence[str] = tuple(PANELS)) -> pd.DataFrame:
    """Cumulative (scope "total") estimates of the items ``panels``, DPRK to Russia, ammunition counted in rounds
    only, oldest first, each with its series key (item, estimator, scope in words)."""
    frame = load("transfer_estimates")
    frame = frame[
        (frame["direction"] == "dprk_to_russia")
        & frame["item"].astype(str).isin(panels)
        & (frame["scope"].astype(str) == "total")
    ].dropna(subset=["low"])
    frame = frame[~((frame["item"] == "artillery_ammunition") & (frame["unit"].astype(str) != "rounds"))]
    frame = frame.sort_values(["as_of", "estimate_id"])
    return frame.assign(key=[_series_key(row) for row in frame.to_dict("records")])


def revised_down(panels: Sequence[str] = tuple(PANELS)) -> list[tuple[str, str, str]]:
    """Series (item, estimator, scope in words) of the items ``panels`` in which an estimator's cumulative figure
    fell below one of its earlier figures. Plans and one-period figures are left out: they are not counts of the
    same thing."""
    out = []
    for key, group in _cumulative_series(panels).groupby("key", sort=True):
        lows = group["low"].astype(float)
        if (lows < lows.cummax().shift(1)).any():
            out.append(key)
    return out


def repeat_series(panels: Sequence[str] = tuple(PANELS)) -> int:
    """Series (item, estimator, scope in words) of the items ``panels`` with two or more cumulative figures: those
    that could be revised."""
    return int((_cumulative_series(panels)["key"].value_counts() >= 2).sum())


def tiers(source_ids: list[str]) -> dict[str, str]:
    """The registry tier of each source."""
    known = all_tiers()
    return {source_id: known[source_id] for source_id in source_ids}


# ---------------------------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------------------------


def note_article_off_axis(ax: Axes, label: str = "Article (Apr 2015) lies off the left edge") -> None:
    """For a chart whose time axis starts after April 2015: say where the article's date lies."""
    ax.text(0.0, 1.0, f"\u2190 {label}", transform=ax.transAxes, fontsize=7.5, color="#222222", va="top", ha="left")


# The estimates are drawn in two figures of two panels each, so that both print legibly in the PDFs.
ESTIMATE_FIGURES = {
    "supplies": ("rounds or troops", ("artillery_ammunition", "troops_deployed")),
    "losses": ("the dead or wounded", ("troops_killed", "troop_casualties")),
}
# What each panel counts, in a headline's words, where only some of a figure's panels can be compared.
COUNTED = {
    "artillery_ammunition": "rounds",
    "troops_deployed": "troops",
    "troops_killed": "the dead",
    "troop_casualties": "the dead and wounded",
}


def revision_finding(subject: str, panels: Sequence[str]) -> str:
    """The headline of an estimates figure: whether any estimator revised a count of these panels' items down.

    Only panels in which some estimator published two or more cumulative figures can show a revision; the headline
    names those alone (``subject`` where every panel has one), so a panel of single figures is not said to have
    held steady.

    >>> revision_finding("the dead or wounded", ["troops_killed", "troop_casualties"])
    'No estimator revised its count of the dead or wounded down'
    >>> revision_finding("rounds or troops", ["artillery_ammunition", "troops_deployed"])
    'No estimator revised its count of rounds down'
    """
    compared = [panel for panel in panels if repeat_series([panel])]
    if not compared:
        return f"Each estimator published one count of {subject}: none can be compared"
    if len(compared) < len(panels):
        subject = join_words([COUNTED[panel] for panel in compared], "or")
    down = revised_down(compared)
    if not down:
        return f"No estimator revised its count of {subject} down"
    return f"{len(down)} of {repeat_series(compared)} estimators' counts of {subject} were revised down"


def unfigured_sentence(group: str) -> str:
    """The estimates of an estimates figure's items that give no figure, so are not drawn, named by estimator and
    date; empty where there are none (the caption's "every estimate that gives a figure" then leaves none out)."""
    items = ESTIMATE_FIGURES[group][1]
    frame = load("transfer_estimates")
    frame = frame[(frame["direction"] == "dprk_to_russia") & frame["item"].astype(str).isin(items)]
    frame = frame[frame["low"].isna()]
    if frame.empty:
        return ""
    named = [
        f"{row.estimator}, {format_date(row.as_of, str(row.date_precision))}" for row in frame.itertuples(index=False)
    ]
    said = "; ".join(named)
    if len(named) == 1:
        return f"One estimate gives no figure and is not drawn ({said})."
    return f"Not drawn, for giving no figure: {len(named)} estimates ({said})."


def estimates_figure(group: str, start: str = "2023-09-01", end: str = "2026-02-28"):
    """One estimates chart (``group``, a key of :data:`ESTIMATE_FIGURES`): its panels on one time axis, each
    estimate drawn by its form and labelled by its estimator.

    Returns the figure and the data drawn.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from . import charts, coverage
    from .style import new_figure

    subject, panels = ESTIMATE_FIGURES[group]
    data = chart_estimates()
    data = data[data["panel"].isin(panels)].reset_index(drop=True)
    fig, axes = new_figure(nrows=len(panels), sharex=True, figsize=(8.6, 8.4))
    pending = []
    for ax, panel in zip(axes, panels, strict=True):
        title, scale, unit = PANELS[panel]
        rows = data[data["panel"] == panel]
        pending.append(draw_estimates(ax, rows, scale))
        if panel == "troops_killed":
            charts.log_scale(ax)
            ax.set_ylim(0.005, 5)
            ax.set_yticks([0.01, 0.1, 1], ["10", "100", "1,000"])
            ax.set_ylabel(f"{title}, log scale")
        else:
            ax.set_ylim(0, float(rows["high"].fillna(rows["low"]).max() / scale) * 1.15)
            ax.set_ylabel(f"{title}, {unit}")
        charts.shade_spans(ax, coverage.not_covered("transfer_estimates", pd.Timestamp(start), pd.Timestamp(end)))
    axes[0].set_xlim(pd.Timestamp(start), pd.Timestamp(end))
    charts.fix_date_ticks(axes[0])
    note_article_off_axis(axes[0])
    charts.headline(
        axes[0],
        revision_finding(subject, panels),
        "Each published estimate at its date; the mark shows what it bounds, the label who made it",
    )
    drawn_forms = set(data["form"])
    handles = [
        Line2D(
            [],
            [],
            marker=FORM_STYLE[f]["marker"] if f != "range" else "|",
            linestyle="",
            markerfacecolor=FORM_STYLE[f]["facecolor"],
            markeredgecolor=FORM_STYLE[f]["edgecolor"],
            color=FORM_STYLE[f]["edgecolor"],
            markersize=7,
            label=FORM_LABELS[f],
        )
        for f in FORMS
        if f in drawn_forms
    ]
    fig.legend(handles=handles, loc="lower center", fontsize=7.5, ncols=3, bbox_to_anchor=(0.5, 0.0))
    if "troops_deployed" in panels:
        axes[list(panels).index("troops_deployed")].set_ylim(0, 17)
    for ax in axes:
        ax.tick_params(axis="x", labelsize=8)
    tight_layout(fig, rect=(0, 0.06, 1, 1))
    for ax, labels in zip(axes, pending, strict=True):
        place_labels(ax, labels)
    plt.setp(axes[-1].get_xticklabels(), rotation=0)
    return fig, data


def launches_figure():
    """Missiles launched per year by group of class, with nuclear tests at their dates, April 2015, the
    Russia-DPRK milestones and the months after the CNS series ends shaded. Returns the figure and the data."""
    from . import charts
    from .style import new_figure

    wide = launches_by_group()
    end = cns_end()
    fig, ax = new_figure(figsize=(8.6, 4.8))
    bottom = np.zeros(len(wide))
    starts = [pd.Timestamp(f"{year}-01-15") for year in wide.index]
    widths = [
        ((end if year == end.year else pd.Timestamp(f"{year}-12-15")) - pd.Timestamp(f"{year}-01-15")).days
        for year in wide.index
    ]
    for group, colour in GROUP_COLORS.items():
        charts.bars(ax, starts, wide[group], width=widths, bottom=bottom, align="edge", color=colour, label=group)
        bottom = bottom + wide[group].to_numpy()
    top = float(bottom.max())
    tests = load("nuclear_test_dates").sort_values("date")
    for row in tests.itertuples():
        ax.axvline(row.date, color="#222222", linewidth=0.6, linestyle="-", alpha=0.5, zorder=0)
        ax.scatter([row.date], [top * 1.12], marker="*", s=70, color="#222222", zorder=4)
    ax.text(
        tests["date"].iloc[0] - pd.Timedelta(days=150),
        top * 1.12,
        "Nuclear tests, at their dates",
        fontsize=7.5,
        ha="right",
        va="center",
    )
    events = load("military_events").set_index("event_id")["date"]
    charts.mark_events(
        ax,
        {
            "Vostochny summit": events["2023-09-13-vostochny-summit"],
            "Treaty signed": events["2024-06-19-treaty-signed"],
        },
        y=0.98,
    )
    charts.mark_article(ax)
    charts.shade_spans(ax, [(end, pd.Timestamp(f"{end.year}-12-31"), f"no data after {end:%b %Y}")])
    ax.set_xlim(pd.Timestamp("1984-01-01"), pd.Timestamp(f"{end.year}-12-31"))
    charts.fix_date_ticks(ax)
    ax.set_ylim(0, top * 1.3)
    ax.set_ylabel("Missiles launched")
    ax.legend(loc="upper left", fontsize=7.5, bbox_to_anchor=(0.0, 0.8))
    peak_year, peak = peak_launch_year(last=end.year - 1)
    last_test = last_nuclear_test()
    charts.headline(
        ax,
        f"Launches peaked in {peak_year} at {peak}; the last recorded nuclear test was in {last_test:%B %Y}",
        f"DPRK missiles launched per year by class (space launches excluded); {end.year}: January to {end:%B} only",
    )
    data = wide.reset_index().assign(period_end=[min(end, pd.Timestamp(f"{y}-12-31")) for y in wide.index])
    test_rows = tests[["date", "test_number"]].assign(year=tests["date"].dt.year)
    return fig, data.merge(
        test_rows.groupby("year")["date"]
        .apply(lambda s: "; ".join(d.strftime("%Y-%m-%d") for d in s))
        .rename("nuclear_test_dates")
        .reset_index(),
        on="year",
        how="left",
    )


def register_deals(pairs: list[tuple[str, str]], first_order: int | None = None) -> pd.DataFrame:
    """Deals in SIPRI's trade register between the given (supplier, recipient) pairs, optionally ordered in or
    after ``first_order`` or delivered after it, by pair and order year."""
    frame = load("arms_register")
    supplier, recipient = frame["supplier"].astype(str), frame["recipient"].astype(str)
    mask = pd.Series(False, index=frame.index)
    for a, b in pairs:
        mask |= (supplier == a) & (recipient == b)
    frame = frame[mask]
    if first_order is not None:
        frame = frame[frame["last_delivery_year"] >= first_order]
    return frame.sort_values(["supplier", "order_year", "deal_id"]).reset_index(drop=True)


def last_order_year(supplier: str, recipient: str) -> int:
    """The latest order year of a deal with deliveries from ``supplier`` to ``recipient``."""
    return int(register_deals([(supplier, recipient)])["order_year"].max())


def arms_figure():
    """Yearly SIPRI TIV in both directions: USSR/Russia to the DPRK above the axis, the DPRK to Russia below it,
    labelled directly. Returns the figure and the data."""
    from . import charts, coverage
    from .style import new_figure

    flows = arms_flows()
    last = int(coverage.through("arms_transfers").year)
    fig, ax = new_figure(figsize=(8.6, 4.8))
    to_dprk = flows[flows["flow"] == TO_DPRK]
    to_russia = flows[flows["flow"] == TO_RUSSIA]
    charts.bars(ax, to_dprk["year"], to_dprk["tiv_millions"], width=0.8, color=COLORS["RUS"])
    charts.bars(ax, to_russia["year"], -to_russia["tiv_millions"], width=0.8, color=COLORS["PRK"])
    ax.axhline(0, color="#333333", linewidth=0.8)
    charts.mark_article(ax, yearly=True)
    ax.set_xlim(1948.5, last + 1.5)
    ax.set_ylabel("SIPRI TIV, millions a year")
    soviet = flow_summary(flows, TO_DPRK, last=1991)
    russian = flow_summary(flows, TO_DPRK, first=1992)
    reverse = flow_summary(flows, TO_RUSSIA)
    ax.annotate(
        f"Soviet Union to the DPRK, 1950-1991: {soviet['total']:,.0f} in all",
        (1972, 1250),
        fontsize=8.5,
        color=COLORS["RUS"],
        fontweight="bold",
    )
    ax.annotate(
        f"Russia to the DPRK, 1992-{russian['last']}:\n{russian['total']:,.0f} in all",
        (1993, 420),
        fontsize=8.5,
        color=COLORS["RUS"],
        fontweight="bold",
    )
    if reverse["total"] > 0:
        ax.annotate(
            f"DPRK to Russia,\n{reverse['first']}-{reverse['last']}:\n{reverse['total']:,.0f} in all",
            (2014.5, -60),
            fontsize=8.5,
            color=COLORS["PRK"],
            fontweight="bold",
            ha="right",
            va="top",
        )
        finding = (
            f"SIPRI's register: Russia's deliveries ended in {russian['last']}; "
            f"the DPRK's to Russia began in {reverse['first']}"
        )
    else:
        finding = f"Soviet arms dwarfed Russia's, which stopped in {russian['last']}"
    ax.set_ylim(-450, 1600)
    ax.set_yticks([-400, -200, 0, 400, 800, 1200, 1600], ["400", "200", "0", "400", "800", "1,200", "1,600"])
    ax.text(1949.5, -60, "below the axis: to Russia", fontsize=7.5, color="#555555", va="top")
    charts.headline(
        ax,
        finding,
        "Major conventional arms delivered each year, SIPRI trend-indicator values "
        f"(capability, not price), 1950-{last}",
    )
    tight_layout(fig)  # the y-axis label and the headline reach past the default layout's left and top edges
    return fig, flows


# ---------------------------------------------------------------------------------------------------------------
# Alt texts: every number a screen reader hears is computed from the plotted data
# ---------------------------------------------------------------------------------------------------------------


def arms_alt(flows: pd.DataFrame, last_soviet_year: int = 1991) -> str:
    """Alt text of the arms chart: the Soviet and Russian deliveries (peak, last year) and the reverse flow."""
    to_dprk = flows[(flows["flow"] == TO_DPRK) & (flows["tiv_millions"] > 0)].set_index("year")["tiv_millions"]
    soviet = to_dprk[to_dprk.index <= last_soviet_year]
    russian = to_dprk[to_dprk.index > last_soviet_year]
    reverse = flows[(flows["flow"] == TO_RUSSIA) & (flows["tiv_millions"] > 0)].set_index("year")["tiv_millions"]
    back = join_words([f"{about(value, 3)} million in {year}" for year, value in reverse.items()])
    return (
        f"Bar chart {flows['year'].min()}-{flows['year'].max()}: Soviet deliveries to the DPRK reach "
        f"{about(soviet.max())} million TIV in {soviet.idxmax()} and average {about(soviet.mean())} million over "
        f"{len(soviet)} years with deliveries; Russia's from "
        f"{last_soviet_year + 1} peak at {about(russian.max())} million in {russian.idxmax()} and stop after "
        f"{russian.index.max()}. After a gap, bars below the axis show the DPRK delivering to Russia: {back}."
    )


def launches_alt(launches: pd.DataFrame, article_year: int = 2015) -> str:
    """Alt text of the launches chart: the mean a year before and after the article year, the peak, and the
    nuclear tests' number and span."""
    totals = launches.set_index("year")[list(GROUP_COLORS)].sum(axis=1)
    end = cns_end()
    full = totals[totals.index < end.year] if end < pd.Timestamp(f"{end.year}-12-31") else totals
    before, after = full[full.index < article_year], full[full.index >= article_year]
    tests = load("nuclear_test_dates")["date"].sort_values()
    return (
        f"Stacked bar chart {totals.index.min()}-{totals.index.max()}: launches average {before.mean():.1f} a year "
        f"in {before.index.min()}-{before.index.max()} and {after.mean():.1f} a year in {after.index.min()}-"
        f"{after.index.max()}, peaking at {int(full.max())} in {full.idxmax()}; the series ends on "
        f"{format_date(end)}. All {len(tests)} nuclear tests, marked as stars, fall between "
        f"{format_date(tests.iloc[0], 'month')} and {format_date(tests.iloc[-1], 'month')}."
    )


def estimates_alt(drawn: pd.DataFrame) -> str:
    """Alt text of the estimates chart: per panel, how many estimates, their dates and their smallest and largest
    figure (a range's upper end counts)."""
    parts = []
    for panel, (title, _, _) in PANELS.items():
        rows = drawn[drawn["panel"] == panel]
        if rows.empty:
            continue
        first, last = (format_date(rows["as_of"].agg(which), "month") for which in ("min", "max"))
        smallest, largest = count(rows["low"].min()), count(rows[["low", "high"]].max().max())
        when = f"in {first}" if first == last else f"from {first} to {last}"
        size = f"of {smallest}" if smallest == largest else f"from {smallest} to {largest}"
        parts.append(f"{title}: {len(rows)} estimate{'' if len(rows) == 1 else 's'} {when}, {size}")
    present = set(drawn["form"])
    forms = join_words([FORM_WORDS.get(f, f) for f in FORMS if f in present], "or")
    panels = "One panel" if len(parts) == 1 else f"{len(parts)} panels on one time axis"
    return (
        f"{panels} from {format_date(drawn['as_of'].min(), 'month')} to {format_date(drawn['as_of'].max(), 'month')}, "
        f"each estimate a mark by its form ({forms}). " + ". ".join(parts) + "."
    )


def mostly_unidentified_years() -> list[int]:
    """Years in which more than half the launches the CNS database records are of a type it does not identify."""
    wide = launches_by_group()
    total = wide.sum(axis=1)
    return [int(year) for year in wide.index if total[year] and wide.loc[year, "Other and unknown"] > total[year] / 2]
