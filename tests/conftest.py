"""Shared fixtures: the offline upstream mirror, no network, scratch copies of the data folder, and the built site."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import configuration, settings

REPO = Path(__file__).resolve().parent.parent
MIRROR = (REPO.parent / "shared" / "raw").resolve()
BUILT = REPO / "book" / "_build" / "html"
SOURCES = [
    "book/*.ipynb",
    "book/*.md",
    "book/*.yml",
    "book/*.bib",
    "book/_ext/*.py",
    "book/_static/*",
    "book/russia_dprk_book/*.py",
    "data/*.json",
    "data/*.csv",
    "data/*/*.csv",
]

os.environ.setdefault("RUSSIA_DPRK_CACHE", str(MIRROR))
os.environ["RUSSIA_DPRK_OFFLINE"] = "1"
# Passes of the checks are kept in a folder of this run (not the user's cache): every run checks its tables afresh.
os.environ["RUSSIA_DPRK_VALIDATED"] = tempfile.mkdtemp(prefix="russia-dprk-validated-")

# Hypothesis keeps its example database and caches under .hypothesis/ in the working directory: the suite writes
# nothing into the working tree, so they go to a temporary folder, and no example database is kept between runs.
configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="russia-dprk-hypothesis-"))
settings.register_profile("no-database", database=None)
settings.load_profile("no-database")


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
    shutil.copytree(
        REPO / "data",
        target,
        ignore=shutil.ignore_patterns("russia_dprk", "*.egg-info", "__pycache__", "pyproject.toml", "README.md"),
    )
    return target


def _newest_source() -> float:
    return max(p.stat().st_mtime for pattern in SOURCES for p in REPO.glob(pattern))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The book as the README's first command built it (``book/_build/html``), reused by every test that reads it.

    If that build is missing or older than any source of the book, the book is built once into a scratch folder
    (warnings as errors, with the PDFs where Chromium is available).
    """
    stamp = BUILT / "index.html"
    if stamp.exists() and stamp.stat().st_mtime >= _newest_source():
        return BUILT
    from russia_dprk_book.site import build_site, html_dir

    output = tmp_path_factory.mktemp("book")
    with_pdf = bool(shutil.which("chromium")) or bool(os.environ.get("CI"))
    assert build_site(output, pdf=with_pdf) == 0, "jupyter-book build -W -n --keep-going failed"
    return html_dir(output)
