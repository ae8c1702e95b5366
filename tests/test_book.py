"""The book builds strictly (warnings as errors) from the committed notebook outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHAPTERS = ["intro", "political", "economic", "military", "scorecard", "methods", "data", "references"]


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


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
    assert re.search(r"records about \d+\.\d\s+confirmed\s+high-level DPRK-Russia contacts a year in 2012-2022", text)


def test_every_table_is_downloadable_from_the_appendix(site: Path) -> None:
    html = (site / "data.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(_downloads/[^"]+\.csv)"', html)
    assert len(set(links)) >= 26
    for link in links:
        assert (site / link).exists(), link


def test_citations_resolve_to_the_bibliography(site: Path) -> None:
    html = (site / "political.html").read_text(encoding="utf-8")
    assert "references.html#" in html


def test_whole_book_pdf_is_linked_and_has_every_figure(site: Path) -> None:
    import shutil

    import nbformat

    if not shutil.which("chromium"):
        pytest.skip("the PDF needs Debian's chromium")
    pdf = site / "russia-dprk-book.pdf"
    assert pdf.exists()
    data = pdf.read_bytes()
    book = Path(__file__).resolve().parent.parent / "book"
    figures = sum(1 for nb in book.glob("*.ipynb") for cell in nbformat.read(nb, as_version=4).cells
                  if cell.get("metadata", {}).get("mystnb", {}).get("figure"))
    assert figures >= 10
    assert data.startswith(b"%PDF") and data.count(b"/Subtype /Image") >= figures
    assert len(re.findall(rb"/Type\s*/Page\b", data)) > 50
    assert 'href="russia-dprk-book.pdf"' in (site / "intro.html").read_text(encoding="utf-8")


def test_every_figure_offers_its_data(site: Path) -> None:
    for chapter in ["political", "economic", "military", "scorecard"]:
        html = (site / f"{chapter}.html").read_text(encoding="utf-8")
        figures = len(re.findall(r'<span class="caption-number">Fig\. \d+ </span>', html))
        links = re.findall(r'href="(_downloads/[^"]+/fig-[a-z-]+\.csv)"', html)
        assert len(links) == figures, chapter
        assert all((site / link).exists() for link in links)


def test_launch_buttons_point_at_the_configured_repository(tmp_path: Path, monkeypatch) -> None:
    from russia_dprk.site import REPOSITORY_ENV, build_site, html_dir

    monkeypatch.setenv(REPOSITORY_ENV, "https://github.com/example-org/russia-dprk")
    assert build_site(tmp_path, pdf=False) == 0
    html = (html_dir(tmp_path) / "military.html").read_text(encoding="utf-8")
    assert "mybinder.org/v2/gh/example-org/russia-dprk/main?urlpath=lab/tree/book/military.ipynb" in html
    assert "colab.research.google.com/github/example-org/russia-dprk/blob/main/book/military.ipynb" in html


def test_without_a_repository_no_launch_button_points_elsewhere(site: Path) -> None:
    html = (site / "military.html").read_text(encoding="utf-8")
    assert "executablebooks/jupyter-book" not in html
