"""Shared fixtures: the offline upstream mirror, no network, and scratch copies of the data folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MIRROR = (REPO.parent / "shared" / "raw").resolve()

os.environ.setdefault("RUSSIA_DPRK_CACHE", str(MIRROR))
os.environ["RUSSIA_DPRK_OFFLINE"] = "1"


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The offline mirror of upstream files (``../shared/raw``)."""
    if not (MIRROR / "registry.csv").exists():
        pytest.fail(f"the offline mirror of upstream files is missing: {MIRROR}")
    return MIRROR


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the data folder's descriptor, registries and tables."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("russia_dprk", "*.egg-info", "__pycache__"))
    return target
