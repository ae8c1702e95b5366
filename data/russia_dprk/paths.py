"""Where the dataset lives on disk and where upstream files are cached."""

from __future__ import annotations

import os
from pathlib import Path

import pooch

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent
DESCRIPTOR = DATA_DIR / "datapackage.json"
UPSTREAM_REGISTRY = DATA_DIR / "upstream.csv"
CACHE_ENV = "RUSSIA_DPRK_CACHE"


def cache_dir() -> Path:
    """The folder holding upstream files: ``$RUSSIA_DPRK_CACHE`` or the user cache."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(pooch.os_cache("russia_dprk"))
