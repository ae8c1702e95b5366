"""Results computed from the dataset, kept until the data change: the book's one cache.

Chapters ask for the same derived frames many times (every contact window re-selects the contacts, every
distance re-reads the ideal points). ``per_data_state`` computes each result once per arguments and per state of
the data files (:func:`russia_dprk.catalog.stamp`), so an edited table is picked up at once, and hands each caller
a copy of a mutable result, so no caller can change what another receives (results that cannot be changed, such
as a ``MappingProxyType`` or a tuple, are handed out as they are).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

import pandas as pd
from russia_dprk.catalog import stamp

T = TypeVar("T")
MUTABLE = (pd.DataFrame, pd.Series, pd.Index, dict, list, set)


def per_data_state(function: Callable[..., T]) -> Callable[..., T]:
    """Cache ``function`` per (hashable) arguments and per state of the data; return copies of mutable results.

    >>> @per_data_state
    ... def contacts_count() -> int:
    ...     import russia_dprk as rd
    ...     return len(rd.load("contacts"))
    >>> contacts_count() == contacts_count()
    True
    """

    @lru_cache(maxsize=64)
    def cached(data: tuple[int, ...], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> T:
        return function(*args, **dict(kwargs))

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        value = cached(stamp(), args, tuple(sorted(kwargs.items())))
        return value.copy() if isinstance(value, MUTABLE) else value

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper
