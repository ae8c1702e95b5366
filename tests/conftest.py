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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The book built once per test process from the committed notebooks, warnings as errors."""
    from russia_dprk.site import build_site, html_dir

    output = tmp_path_factory.mktemp("book")
    with_pdf = bool(shutil.which("chromium")) or bool(os.environ.get("CI"))
    assert build_site(output, pdf=with_pdf) == 0, "jupyter-book build -W -n --keep-going failed"
    return html_dir(output)
