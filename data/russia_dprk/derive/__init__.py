"""Derived tables: each function reads registered upstream files and returns one table."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from . import arms, energy, geography, military, trade, unga, vetoes

DERIVED: dict[str, Callable[[], pd.DataFrame]] = {
    "unga_alignment": unga.alignment,
    "unga_ideal_points": unga.ideal_points,
    "trade_cow": trade.cow_trade,
    "arms_transfers": arms.transfers_to_dprk,
    "missile_launches": military.missile_launches,
    "nuclear_tests": military.nuclear_tests,
    "provocations": military.provocations,
    "unsc_vetoes_korea": vetoes.korea_vetoes,
    "military_expenditure": arms.military_expenditure,
    "rok_gas": energy.rok_gas,
    "border_region": geography.border_region,
}

__all__ = ["DERIVED"]
