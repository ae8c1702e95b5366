"""The book builds strictly (warnings as errors) from the committed notebook outputs, and prints as two PDFs.

Every test reads the one build the ``built_site`` fixture provides. The page list comes from ``book/_toc.yml``;
figure and table counts come from the notebooks and the dataset, never from numbers written here.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

import nbformat
import notebook_glue
import pytest
import russia_dprk as rd
from russia_dprk_book.paths import BOOK_DIR, pages
from russia_dprk_book.site import DATA_PDF, REPORT_PDF, pdf_volumes, running_head

FIGURE = re.compile(r"<figure\b.*?</figure>", flags=re.S)


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def page_html(site: Path, page: str) -> str:
    return (site / f"{page}.html").read_text(encoding="utf-8")


def figure_cells(page: str) -> list[dict]:
    """The figure metadata of a page's notebook cells (what ``python -m russia_dprk execute`` wrote)."""
    path = BOOK_DIR / f"{page}.ipynb"
    if not path.exists():
        return []
    cells = nbformat.read(path, as_version=4).cells
    return [
        cell.metadata["mystnb"]["figure"] for cell in cells if cell.get("metadata", {}).get("mystnb", {}).get("figure")
    ]


def figure_alts(site: Path, page: str) -> list[str]:
    """The alt text of every figure on a built page."""
    return [
        " ".join(html_lib.unescape(alt).split())
        for figure in FIGURE.findall(page_html(site, page))
        for alt in re.findall(r'<img alt="([^"]*)"', figure)
    ]


def test_every_page_is_built(site: Path) -> None:
    for page in pages():
        assert (site / f"{page}.html").exists(), page


def test_every_figure_is_numbered_with_caption_and_alt_text(site: Path) -> None:
    total = 0
    for page in pages():
        figures = FIGURE.findall(page_html(site, page))
        assert len(figures) == len(figure_cells(page)), f"{page}: figures in the notebook but not on the page"
        for figure in figures:
            assert re.search(r'<span class="caption-number">Fig\. \d+ </span>', figure), page
            assert re.search(r'<img alt="[^"]{20,}"', figure), page
        total += len(figures)
    assert total > 0


def test_glued_values_are_all_rendered(site: Path) -> None:
    for page in pages():
        text = re.sub(r"<[^>]+>", "", page_html(site, page))
        assert "{glue" not in text, page


def glue_text_roles(page: str) -> list[notebook_glue.Paste]:
    """The ``{glue:text}`` pastes of a page: in its Markdown cells and in the Markdown its code writes."""
    path = BOOK_DIR / f"{page}.ipynb"
    if not path.exists():
        return []
    texts = notebook_glue.markdown(path)
    return [paste for text in texts for paste in notebook_glue.pastes(text, page) if paste.kind == "text"]


def test_every_pasted_value_reaches_the_page(site: Path) -> None:
    """Each ``{glue:text}`` paste is one non-empty pasted value on the built page. A paste myst-nb cannot resolve
    (``page.ipynb::key`` without a format is read as key ``page.ipynb:``) leaves nothing on the page; the strict
    build fails on its warning, and this compares what a reader gets."""
    for page in pages():
        spans = len(re.findall(r'<span class="pasted-text">[^<]+</span>', page_html(site, page)))
        assert spans == len(glue_text_roles(page)), page


def test_every_table_has_exactly_one_download_link_in_the_appendix(site: Path) -> None:
    links = re.findall(r'href="(_downloads/[^"]+\.csv)"', page_html(site, "data"))
    tables = rd.tables()
    assert len(links) == len(tables), "one download link per table of rd.tables() (rerun book/data.ipynb?)"
    for path in tables["path"]:
        matching = [link for link in links if link.endswith("/" + Path(path).name)]
        assert len(matching) == 1, path
        assert (site / matching[0]).exists(), matching[0]


def test_every_figure_links_its_plotted_data(site: Path) -> None:
    for page in pages():
        for figure in FIGURE.findall(page_html(site, page)):
            name = re.search(r'<figure[^>]*\bid="([^"]+)"', figure).group(1)
            link = f'href="figure-data/{name}.csv"'
            assert link in figure, f"{page}: {name} has no {link}"
            assert (site / "figure-data" / f"{name}.csv").is_file(), name


CITATION = re.compile(r'<a class="reference internal" href="references\.html#([^"]+)"[^>]*>(.*?)</a>', flags=re.S)


def test_every_citation_resolves_and_each_label_names_one_entry(site: Path) -> None:
    """Each citation link reaches an entry of the bibliography page, and a label ("TASS, 2025b") never stands for
    two entries anywhere in the book. A label split in two links (``{cite:t}``: name, then year) counts as its
    name and its year, each of which may be shared; only labels carrying both are compared."""
    entries = set(re.findall(r'\bid="([^"]+)"', page_html(site, "references")))
    targets: dict[str, set[str]] = {}
    for page in pages():
        for target, text in CITATION.findall(page_html(site, page)):
            assert target in entries, f"{page}: citation of #{target} has no entry"
            label = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
            if re.search(r"\D, (\d{4}|n\.d\.)", label):
                targets.setdefault(label, set()).add(target)
    assert targets, "no author-year citation found"
    shared = {label: sorted(ids) for label, ids in targets.items() if len(ids) > 1}
    assert not shared, shared
    # ... and the list labels each entry with the text its citations print, so "[TASS, 2025b]" is found by it
    listed = dict(
        re.findall(
            r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label"><span class="fn-bracket">\[</span>'
            r"([^<]+)<",
            page_html(site, "references"),
        )
    )
    assert len(listed) == len(rd.sources())
    wrong = {label: ids for label, ids in targets.items() if any(html_lib.unescape(listed[i]) != label for i in ids)}
    assert not wrong, list(wrong.items())[:5]


def test_the_sources_of_one_citation_are_separated_by_semicolons(site: Path) -> None:
    """ "[Yoo Chul-jong, 2016; 김은희, 2017]": a comma between sources would read as one list with the years."""
    between = re.compile(r'</a>(.{1,3})<a class="reference internal" href="references\.html#')
    separators = Counter(sep for page in pages() for sep in between.findall(page_html(site, page)))
    assert set(separators) == {"; "}, separators


def test_launch_buttons_point_at_the_configured_repository() -> None:
    """The configuration Jupyter Book derives (checked without a second build of the site)."""
    from jupyter_book.config import get_final_config
    from russia_dprk_book.paths import BOOK_DIR
    from russia_dprk_book.site import book_config

    def theme(url: str | None) -> dict:
        config, _ = get_final_config(
            user_yaml=book_config(url), cli_config={"latex_individualpages": False}, sourcedir=BOOK_DIR
        )
        return config["html_theme_options"]

    configured = theme("https://github.com/example-org/russia-dprk")
    assert configured["repository_url"] == "https://github.com/example-org/russia-dprk"
    assert configured["path_to_docs"] == "book" and configured["repository_branch"] == "main"
    assert configured["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert configured["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    assert theme(None)["launch_buttons"]["binderhub_url"] == ""


def test_without_a_repository_no_launch_button_points_elsewhere(site: Path) -> None:
    html = page_html(site, "military")
    assert "executablebooks/jupyter-book" not in html


def test_pages_load_only_scripts_and_styles_the_site_holds(site: Path) -> None:
    """The offline site: every script and stylesheet a page names is a file of the build, and no page carries the
    live-code (thebe) configuration that jupyter-book's default extensions add."""
    for page in pages():
        html = page_html(site, page)
        assert "sphinx-thebe" not in html and "x-thebe-config" not in html, page
        names = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) + re.findall(
            r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html
        )
        assert names, page
        for name in names:
            assert "//" not in name, (page, name)
            assert (site / name.split("?")[0]).is_file(), (page, name)


# --- the two PDFs ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(site: Path) -> dict[str, Path]:
    if not shutil.which("chromium"):
        pytest.skip("the PDFs need Debian's chromium")
    found = {volume.filename: site / volume.filename for volume in pdf_volumes()}
    for path in found.values():
        assert path.is_file(), f"{path.name} was not built"
        assert path.read_bytes().startswith(b"%PDF")
    return found


@cache
def pdf_pages_text(path: Path) -> tuple[str, ...]:
    """The text of each page (poppler's pdftotext where installed: pypdf reads the same text, 50 times slower)."""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        return tuple(text.split("\f")[:-1])
    from pypdf import PdfReader

    return tuple(page.extract_text() for page in PdfReader(path).pages)


@cache
def pdf_pages_layout(path: Path) -> tuple[str, ...]:
    """The text of each page as laid out (poppler's ``pdftotext -layout``): a running head is its first line."""
    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler's pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return tuple(text.split("\f")[:-1])


def squash(text: str) -> str:
    return " ".join(text.split())


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as ``(depth, title, page number from 1)``, in order."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, squash(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def figure_alts_in_pdf(path: Path) -> list[str]:
    """The alt text of every figure in the tagged PDF's structure tree."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    alts: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and node.get("/Alt"):
                alts.append(squash(str(node["/Alt"])))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts


def test_both_pdfs_are_linked_from_the_landing_page(site: Path, pdfs: dict[str, Path]) -> None:
    landing = page_html(site, pages()[0])
    for name in (REPORT_PDF, DATA_PDF):
        assert f'href="{name}"' in landing, name


def test_the_volumes_hold_every_page_once(pdfs) -> None:
    volumes = [page for volume in pdf_volumes() for page in volume.pages]
    assert sorted(volumes) == sorted(pages())
    assert {"data", "references"} <= set(next(v for v in pdf_volumes() if v.filename == DATA_PDF).pages)


def test_each_pdf_opens_with_contents_and_has_an_outline_of_its_chapters(site: Path, pdfs) -> None:
    for volume in pdf_volumes():
        path = pdfs[volume.filename]
        marks = outline(path)
        assert marks, f"{path.name}: no outline"
        top = [(title, page) for depth, title, page in marks if depth == 0]
        assert top[0] == ("Contents", 1), path.name
        chapters = [title for title, _ in top[1:]]
        assert len(chapters) == len(volume.pages), (path.name, chapters)
        contents = "".join("".join(pdf_pages_text(path)[: top[1][1] - 1]).split())
        for title in chapters:
            assert "".join(title.split()) in contents, f"{path.name}: the contents page does not list {title!r}"
        assert [page for _, page in top] == sorted(page for _, page in top), path.name
        texts = ["".join(text.split()) for text in pdf_pages_text(path)]  # spacing around inline code varies
        for _, title, page in marks:
            assert "".join(title.split()) in texts[page - 1], f"{path.name}: bookmark {title!r} is not on page {page}"


def test_every_pdf_page_is_numbered_in_its_footer(pdfs) -> None:
    for path in pdfs.values():
        texts = pdf_pages_text(path)
        total = len(texts)
        assert total > 2
        for number, text in enumerate(texts, start=1):
            assert f"Page {number} of {total}" in squash(text), f"{path.name}: page {number} has no page number"


def test_every_pdf_page_has_a_running_head(pdfs) -> None:
    import yaml

    title = yaml.safe_load((BOOK_DIR / "_config.yml").read_text(encoding="utf-8"))["title"]
    for path in pdfs.values():
        for number, text in enumerate(pdf_pages_text(path), start=1):
            assert squash(title) in squash(text), f"{path.name}: page {number} has no running head"


def test_every_pdf_page_names_its_chapter_in_the_running_head(pdfs) -> None:
    for volume in pdf_volumes():
        path = pdfs[volume.filename]
        texts = pdf_pages_text(path)
        chapters = [(page, title) for depth, title, page in outline(path) if depth == 0]
        heads = [
            "Contents",
            *(running_head(name, title) for name, (_, title) in zip(volume.pages, chapters[1:], strict=True)),
        ]
        for index, (start, _) in enumerate(chapters):
            end = chapters[index + 1][0] - 1 if index + 1 < len(chapters) else len(texts)
            head = heads[index]
            for number in range(start, end + 1):
                first_line = squash(pdf_pages_layout(path)[number - 1].strip().splitlines()[0])
                assert first_line.endswith(head), f"{path.name}: page {number} does not name {head!r} in its head"


def test_links_between_pages_of_one_volume_stay_links_in_its_pdf(site: Path, pdfs) -> None:
    """The data appendix cites the references, which the same volume prints: each citation is a link there."""
    from pypdf import PdfReader

    path = pdfs[DATA_PDF]
    reader = PdfReader(path)
    destinations = {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }
    links = [
        (number, str(annotation["/Dest"]).lstrip("/"))
        for number, page in enumerate(reader.pages, start=1)
        for annotation in (item.get_object() for item in page.get("/Annots", []) or [])
        if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation
    ]
    assert all(name in destinations for _, name in links)
    starts = {title: page for depth, title, page in outline(path) if depth == 0}
    appendix, references = starts["Data appendix"], starts["References"]
    citing = [name for number, name in links if appendix <= number < references <= destinations[name]]
    assert len(citing) == page_html(site, "data").count('href="references.html#')


def test_pdfs_hold_every_figure_of_their_pages(site: Path, pdfs) -> None:
    for volume in pdf_volumes():
        printed = set(figure_alts_in_pdf(pdfs[volume.filename]))
        for page in volume.pages:
            for alt in figure_alts(site, page):
                assert alt in printed, f"{volume.filename}: a figure of {page} is missing: {alt[:80]}"


def test_pdfs_print_no_code_or_toggles(pdfs) -> None:
    for path in pdfs.values():
        text = squash(" ".join(pdf_pages_text(path)))
        for phrase in ("Show code cell", "Hide code cell", "import russia_dprk_book", "bk.figure("):
            assert phrase not in text, f"{path.name} prints {phrase!r}"


def glued(page: str) -> dict[str, str]:
    """A notebook's glued values: ``key -> text/plain``."""
    return notebook_glue.glued(BOOK_DIR / f"{page}.ipynb")


def landing_page_numbers() -> list[tuple[str, str]]:
    """Every glued value of the landing page's Markdown, formatted as myst-nb formats it: ``(key, text)``."""
    from myst_nb.core.variables import format_plain_text

    root = pages()[0]
    stores: dict[str, dict[str, str]] = {}
    found = []
    for text in notebook_glue.markdown(BOOK_DIR / f"{root}.ipynb", generated=False):
        for paste in notebook_glue.pastes(text, root):
            if paste.kind not in ("text", ""):
                continue
            values = stores.setdefault(paste.page, glued(paste.page))
            assert paste.key in values, f"{root}: no glued value {paste.key!r} in {paste.page}.ipynb"
            found.append((paste.key, format_plain_text(values[paste.key], paste.format or "s")))
    return found


def test_report_prints_the_landing_pages_headline_numbers(pdfs) -> None:
    numbers = landing_page_numbers()
    assert numbers, "the landing page glues no numbers"
    path = pdfs[REPORT_PDF]
    top = [page for depth, _, page in outline(path) if depth == 0]
    texts = pdf_pages_text(path)
    landing = squash(" ".join(texts[top[1] - 1 : top[2] - 1]))  # from the landing page to the first chapter
    position = 0
    for key, text in numbers:  # each value, in the order the landing page gives them
        found = landing.find(squash(text), position)
        assert found >= 0, f"the report PDF does not print {key} = {text!r} where the landing page has it"
        position = found + len(squash(text))
