"""A table row's key as other tables write it (``audit.row_key``, scorecard evidence): its primary-key fields joined
by "/", dates as ``YYYY-MM-DD`` (the dataset's ``x-row-references`` separator)."""

from __future__ import annotations

import pandas as pd
from russia_dprk.catalog import resource


def row_keys(table: str, frame: pd.DataFrame) -> pd.Series:
    """The key of each row of ``frame``, rows of dataset table ``table``.

    >>> row_keys("contacts", pd.DataFrame({"contact_id": ["1961-07-kim-il-sung-moscow"]})).tolist()
    ['1961-07-kim-il-sung-moscow']
    """
    fields = resource(table)["schema"]["primaryKey"]
    parts = [
        frame[f].dt.strftime("%Y-%m-%d") if pd.api.types.is_datetime64_any_dtype(frame[f]) else frame[f].astype(str)
        for f in fields
    ]
    key = parts[0]
    for part in parts[1:]:
        key = key + "/" + part
    return key
