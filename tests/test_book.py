"""The book builds strictly (warnings as errors) from the committed notebook outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from russia_dprk.site import build_site, html_dir

CHAPTERS = ["intro", "political", "economic", "military", "scorecard", "methods", "data", "references"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("book")
    assert build_site(output) == 0, "jupyter-book build -W -n --keep-going failed"
    return html_dir(output)


def test_every_page_is_built(site: Path) -> None:
    for chapter in CHAPTERS:
        assert (site / f"{chapter}.html").exists(), chapter


def test_figures_are_numbered_with_captions_and_alt_text(site: Path) -> None:
    for chapter in ["political", "economic", "military", "scorecard"]:
        html = (site / f"{chapter}.html").read_text(encoding="utf-8")
        figures = re.findall(r"<figure.*?</figure>", html, flags=re.S)
        assert figures, chapter
        for figure in figures:
            assert re.search(r'<span class="caption-number">Fig\. \d+ </span>', figure), chapter
            assert re.search(r'<img alt="[^"]{20,}"', figure), chapter


def test_glued_numbers_are_rendered(site: Path) -> None:
    text = re.sub(r"<[^>]+>", "", (site / "intro.html").read_text(encoding="utf-8"))
    assert "{glue" not in text
    assert re.search(r"records \d+ confirmed\s+high-level DPRK-Russia contacts in 2012-2022 and \d+ in 2023-2026", text)


def test_every_table_is_downloadable_from_the_appendix(site: Path) -> None:
    html = (site / "data.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(_downloads/[^"]+\.csv)"', html)
    assert len(set(links)) >= 26
    for link in links:
        assert (site / link).exists(), link


def test_citations_resolve_to_the_bibliography(site: Path) -> None:
    html = (site / "political.html").read_text(encoding="utf-8")
    assert "references.html#" in html
