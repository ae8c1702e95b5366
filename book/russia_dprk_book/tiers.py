"""The registry's tier of each source (document, reporting, analysis, secondary), read once per state of the data."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd
from russia_dprk.catalog import enum_labels, load

from .memo import per_data_state

SECONDARY = "secondary"


def tier_order() -> list[str]:
    """The tiers in the descriptor's order, strongest first (the enumeration of the registry's ``tier``).

    >>> tier_order()
    ['document', 'reporting', 'analysis', 'secondary']
    """
    return list(enum_labels("sources", "tier"))


@per_data_state
def _tiers() -> Mapping[str, str]:
    registry = load("sources")
    return MappingProxyType(dict(zip(registry["source_id"].astype(str), registry["tier"].astype(str), strict=True)))


def tiers() -> Mapping[str, str]:
    """Every source's tier, by source id.

    >>> tiers()["sipri-arms-register-2025"]
    'analysis'
    """
    return _tiers()


def tier(source_id: str) -> str:
    """One source's tier ('' for an id the registry does not hold)."""
    return _tiers().get(source_id, "")


def is_secondary(source_id: str) -> bool:
    """Whether a source is a repost, aggregator, compilation or wiki rather than an original."""
    return tier(source_id) == SECONDARY


def secondary(source_ids: pd.Series) -> pd.Series:
    """For a column of source ids, whether each is a secondary source (a vectorised :func:`is_secondary`)."""
    return source_ids.astype(str).map(_tiers()).eq(SECONDARY)
