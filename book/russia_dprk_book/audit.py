"""The fact-check audit as the methods page reports it: counts by pass and outcome, and what remains partial.

Passes 1 and 2 sampled rows; pass 3 re-read every row an earlier pass found only partly supported (its findings begin
"Pass 3 re-check of"). A row's standing is its latest check.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown
from russia_dprk.catalog import load

from .row_keys import row_keys

OUTCOMES = ["ok", "partial", "mismatch", "not_found"]
PASS_3 = "Pass 3 re-check of"
PASSES = ["Passes 1-2 (samples)", "Pass 3 (re-reading the partial rows)"]


def checks() -> pd.DataFrame:
    """Every check with its pass."""
    frame = load("audit")
    third = frame["finding"].astype(str).str.startswith(PASS_3)
    return frame.assign(**{"pass": third.map({False: PASSES[0], True: PASSES[1]})})


def by_pass() -> pd.DataFrame:
    """Rows checked and outcomes per pass."""
    frame = checks()
    counts = pd.crosstab(frame["pass"], frame["result"].astype(str)).reindex(columns=OUTCOMES, fill_value=0)
    counts = counts.reindex([p for p in PASSES if p in counts.index])
    counts.insert(0, "checked", counts.sum(axis=1))
    return counts.reset_index()


def latest() -> pd.DataFrame:
    """Each audited row's latest check (pass 3 where it exists)."""
    frame = checks()
    frame = frame.assign(order=frame["pass"].map({label: i for i, label in enumerate(PASSES)}))
    return frame.sort_values(["order", "check_id"]).groupby(["table", "row_key"], observed=True).tail(1)


def remaining_partial() -> pd.DataFrame:
    """Rows still partly supported after the last pass, grouped by the reason the first check recorded (pass 3
    re-read each of them; its notes say which value is still missing from the cited page)."""
    frame = latest()
    partial = frame[frame["result"] == "partial"]
    findings = checks().set_index("check_id")["finding"].astype(str)
    rechecked = partial["finding"].astype(str).str.extract(rf"^{PASS_3} (check-\d+)")[0]
    reasons = rechecked.map(findings).fillna(partial["finding"].astype(str))
    return (
        partial.assign(finding=reasons)
        .groupby("finding")
        .size()
        .rename("rows")
        .reset_index()
        .sort_values(["rows", "finding"], ascending=[False, True])
    )


def repointed() -> int:
    """Audited rows whose latest check read another source than the one the row cites now (the row was re-pointed
    after it was checked): their outcome describes the page checked, not the current citation."""
    frame = latest()
    count = 0
    for table, group in frame.groupby("table", observed=True):
        rows = load(str(table))
        keys = row_keys(str(table), rows)
        cited = dict(zip(keys, rows["source_id"].astype(str), strict=True))
        count += int((group["row_key"].astype(str).map(cited) != group["source_id"].astype(str)).sum())
    return count


def conclusion(rows: int, ok: int, partial: int, corrected: int, moved: int = 0) -> str:
    """The methods page's conclusion, following from the counts rather than written beside them.

    >>> "Fewer than half" in conclusion(85, 41, 42, 2, 16), "Fewer than six in ten" in conclusion(100, 55, 45, 0)
    (True, True)
    """
    share = ok / rows if rows else 0.0
    if share >= 0.9:
        verdict = "The curated tables can be relied on row by row, within the caveats in each row's note."
    elif share >= 0.6:
        verdict = (
            "Most rows are supported as cited, but a reader who relies on a single row should check its note "
            "and source: the details need checking."
        )
    else:
        few = "Fewer than half the" if share < 0.5 else "Fewer than six in ten"
        verdict = (
            f"{few} audited rows are fully supported by the page checked: treat details in the curated tables as "
            "leads to check, and rely on totals only where several rows agree."
        )
    since = (
        f" ({moved} rows now cite another source than the page checked: they were re-pointed after the check)"
        if moved
        else ""
    )
    return (
        f"Counting each audited row once, at its latest check: {rows} rows, {ok} fully supported by the page "
        f"checked, {partial} partly supported and {corrected} corrected after a contradiction{since}. {verdict}"
    )


def glue_values() -> dict[str, object]:
    """The conclusion the methods page pastes, with the counts it follows from written into it."""
    frame = latest()
    counts = frame["result"].astype(str).value_counts()
    corrected = int((checks()["result"] == "mismatch").sum())
    text = conclusion(len(frame), int(counts.get("ok", 0)), int(counts.get("partial", 0)), corrected, repointed())
    return {"audit_conclusion": Markdown(text)}
