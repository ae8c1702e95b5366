"""Checks of the source registry that a sceptical reader runs first: tiers, titles, publishers, and sources nothing
cites (a report dated before its event is refused by the dataset's validation: ``x-reported-after``).

Each function returns the offending rows (empty when the rule holds); ``tests/test_sources.py`` asserts them.
"""

from __future__ import annotations

import re

import pandas as pd
from russia_dprk.catalog import load

# A title we wrote because the stored page showed none: the marker, an empty title, or (the older convention) a
# description wholly in parentheses. Wire tags such as Yonhap's "(LEAD) ..." are part of a real headline.
PLACEHOLDER = re.compile(r"title not shown|descriptive\]|^\s*$|^\s*\([^()]*\)\s*$", re.I)


def tier_counts() -> pd.Series:
    """Sources by tier, in the vocabulary's order."""
    registry = load("sources")
    return registry["tier"].value_counts().reindex(registry["tier"].cat.categories, fill_value=0)


def placeholder_titles() -> pd.DataFrame:
    """Sources whose title is a placeholder rather than the page's own title."""
    registry = load("sources")
    return registry[registry["title"].astype(str).str.contains(PLACEHOLDER)]


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
