"""Every example in the two packages' docstrings runs and shows what it says (both packages' public API)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
import russia_dprk
import russia_dprk_book

MODULES = [
    "russia_dprk",
    "russia_dprk_book",
    *sorted(
        info.name
        for package in (russia_dprk, russia_dprk_book)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
        if not info.name.endswith(".__main__")  # the command line: importing it runs it
    ),
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} docstring examples fail"
