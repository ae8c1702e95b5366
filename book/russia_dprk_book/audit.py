"""The fact-check audit as the methods page reports it: counts by pass and outcome, and what remains partial.

Passes 1 and 2 (check ids ``check-NN``) sampled rows; pass 3 (``pass3-...``) re-read every row an earlier pass found
only partly supported. A row's standing is its latest check.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown
from russia_dprk.catalog import load

OUTCOMES = ["ok", "partial", "mismatch", "not_found"]
PASSES = {"check-": "Passes 1-2 (samples)", "pass3-": "Pass 3 (re-reading the partial rows)"}


def _pass(check_id: str) -> str:
    return next((label for prefix, label in PASSES.items() if check_id.startswith(prefix)), "other")


def checks() -> pd.DataFrame:
    """Every check with its pass."""
    frame = load("audit")
    return frame.assign(**{"pass": frame["check_id"].astype(str).map(_pass)})


def by_pass() -> pd.DataFrame:
    """Rows checked and outcomes per pass."""
    frame = checks()
    counts = pd.crosstab(frame["pass"], frame["result"].astype(str)).reindex(columns=OUTCOMES, fill_value=0)
    counts = counts.reindex([p for p in PASSES.values() if p in counts.index])
    counts.insert(0, "checked", counts.sum(axis=1))
    return counts.reset_index()


def latest() -> pd.DataFrame:
    """Each audited row's latest check (pass 3 where it exists)."""
    frame = checks()
    frame = frame.assign(order=frame["pass"].map({label: i for i, label in enumerate(PASSES.values())}))
    return frame.sort_values(["order", "check_id"]).groupby(["table", "row_key"], observed=True).tail(1)


def remaining_partial() -> pd.DataFrame:
    """Rows still partly supported after the last pass, grouped by the reason given."""
    frame = latest()
    partial = frame[frame["result"] == "partial"]
    return partial.groupby("finding").size().rename("rows").reset_index().sort_values(["rows", "finding"],
                                                                                     ascending=[False, True])


def conclusion(rows: int, ok: int, partial: int, corrected: int) -> str:
    """The methods page's conclusion, following from the counts rather than written beside them."""
    share = ok / rows if rows else 0.0
    if share >= 0.9:
        verdict = "The curated tables can be relied on row by row, within the caveats in each row's note."
    elif share >= 0.6:
        verdict = ("Most rows are supported as cited, but a reader who relies on a single row should check its note "
                   "and source: the details need checking.")
    else:
        verdict = ("Fewer than six in ten audited rows are fully supported by the page they cite: treat details in "
                   "the curated tables as leads to check, and rely on totals only where several rows agree.")
    return (f"Counting each audited row once, at its latest check: {rows} rows, {ok} fully supported by the cited "
            f"page, {partial} partly supported and {corrected} corrected after a contradiction. {verdict}")


def glue_values() -> dict[str, object]:
    """The numbers and the conclusion the methods page pastes."""
    frame = latest()
    counts = frame["result"].astype(str).value_counts()
    corrected = int((checks()["result"] == "mismatch").sum())
    values: dict[str, object] = {"audit_rows": len(frame), "audit_ok": int(counts.get("ok", 0)),
                                 "audit_partial": int(counts.get("partial", 0)), "audit_corrected": corrected}
    values["audit_conclusion"] = Markdown(conclusion(len(frame), values["audit_ok"], values["audit_partial"], corrected))
    return values
