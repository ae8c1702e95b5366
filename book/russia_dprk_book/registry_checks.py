"""Checks of the source registry that a sceptical reader runs first: tiers, titles, publishers, and dates.

Each function returns the offending rows (empty when the rule holds); ``tests/test_sources.py`` asserts them.
"""

from __future__ import annotations

import re

import pandas as pd
from russia_dprk.catalog import load

# A title we wrote because the stored page showed none: the marker, an empty title, or (the older convention) a
# description wholly in parentheses. Wire tags such as Yonhap's "(LEAD) ..." are part of a real headline.
PLACEHOLDER = re.compile(r"title not shown|descriptive\]|^\s*$|^\s*\([^()]*\)\s*$", re.I)
EVENT_DATES = {
    "contacts": ("start_date", "purpose"),
    "military_events": ("date", "detail"),
    "projects": ("date", "detail"),
    "agreements": ("date", "detail"),
    "transfer_estimates": ("as_of", "note"),
    "debt_settlement": ("date", "note"),
    "unsc_resolutions": ("date", "detail"),
    "dprk_entries_russia": ("end", "note"),
}
ANNOUNCEMENT_CODES = {"announced", "planned", "drill_plan", "renewal_due", "notified", "provision"}


def tier_counts() -> pd.Series:
    """Sources by tier, in the vocabulary's order."""
    registry = load("sources")
    return registry["tier"].value_counts().reindex(registry["tier"].cat.categories, fill_value=0)


def placeholder_titles() -> pd.DataFrame:
    """Sources whose title is a placeholder rather than the page's own title."""
    registry = load("sources")
    return registry[registry["title"].astype(str).str.contains(PLACEHOLDER)]


def publisher_variants() -> dict[str, list[str]]:
    """Publishers written in more than one way (compared without case, punctuation or a leading 'The')."""
    registry = load("sources")

    def normal(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.casefold()))

    groups: dict[str, set[str]] = {}
    for name in registry["publisher"].astype(str):
        groups.setdefault(normal(name), set()).add(name)
    return {key: sorted(names) for key, names in groups.items() if len(names) > 1}


def _precision_date(text: str) -> tuple[pd.Timestamp, str] | None:
    if not isinstance(text, str) or not text:
        return None
    precision = {4: "year", 7: "month", 10: "day"}[len(text)]
    return pd.Timestamp(text + {"year": "-12-31", "month": "-01", "day": ""}[precision]), precision


def sources_before_events() -> pd.DataFrame:
    """Rows whose source was published before the event it supports, unless the row is an announcement or plan
    (its code says so, its text begins "Announced:" or says the date was "announced in advance")."""
    published = load("sources").set_index("source_id")["published"]
    found = []
    for table, (date_field, text_field) in EVENT_DATES.items():
        frame = load(table)
        codes = frame.select_dtypes("category").astype(str)
        for index, row in frame.iterrows():
            event = row[date_field]
            if pd.isna(event):
                continue
            parsed = _precision_date(published.get(str(row["source_id"]), ""))
            if parsed is None:
                continue
            when, precision = parsed
            if precision == "month":
                when = when + pd.offsets.MonthEnd(0)
            if when >= event:
                continue
            text = str(row[text_field])
            announced = (
                bool(set(codes.loc[index]) & ANNOUNCEMENT_CODES)
                or text.startswith("Announced:")
                or "announced in advance" in text
            )
            if not announced:
                found.append(
                    {
                        "table": table,
                        "row": index,
                        "event": event,
                        "source_id": row["source_id"],
                        "published": published.get(str(row["source_id"])),
                    }
                )
    return pd.DataFrame(found, columns=["table", "row", "event", "source_id", "published"])


ID_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")


def unreferenced_sources() -> list[str]:
    """Sources nothing names: no table row cites them or mentions them in its text, no table declares them, no
    other source's note refers to them, and no page of the book cites them. Every registry entry should support
    something a reader can find."""
    import json

    from russia_dprk.catalog import descriptor

    from .paths import notebooks

    named: set[str] = set()
    for entry in descriptor()["resources"]:
        named |= set(entry.get("x-source-ids", []))
        if entry["name"] == "sources":
            continue
        frame = load(entry["name"])
        for column in frame.columns:
            if frame[column].dtype == "string" or isinstance(frame[column].dtype, pd.CategoricalDtype):
                for text in frame[column].dropna().astype(str):
                    named |= set(ID_TOKEN.findall(text))
    for path in notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            named |= set(ID_TOKEN.findall("".join(cell["source"])))
    registry = load("sources")
    ids = registry["source_id"].astype(str).tolist()
    in_notes = [set(ID_TOKEN.findall(note)) for note in registry["note"].fillna("").astype(str)]
    return [
        source_id
        for index, source_id in enumerate(ids)
        if source_id not in named and not any(source_id in tokens for j, tokens in enumerate(in_notes) if j != index)
    ]
