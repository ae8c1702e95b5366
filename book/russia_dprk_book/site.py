"""Build the published book: the Jupyter Book site, strict, from the committed notebook outputs, and two PDFs.

The PDFs are printed from the single-page HTML build, cut into two single-page documents (the report: landing page,
chapters, scorecard and methods; the data volume: data appendix and references), each opening with a contents page.
Playwright drives Debian's ``chromium`` offline: PDF outline (bookmarks) from the headings, tagged PDF (headings,
figures with their alt text), a running head (book title and the chapter on that page) and "Page X of Y" footers.
"""

from __future__ import annotations

import html as html_lib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .paths import BOOK_DIR, pages

REPORT_PDF = "russia-dprk-report.pdf"
DATA_PDF = "russia-dprk-data.pdf"
DATA_PAGES = ("data", "references")
CHROMIUM_OFFLINE_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
REPOSITORY_ENV = "RUSSIA_DPRK_REPOSITORY_URL"
LAUNCH_BUTTONS = {
    "notebook_interface": "jupyterlab",
    "binderhub_url": "https://mybinder.org",
    "colab_url": "https://colab.research.google.com",
}

PDF_MARGIN = {"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
_HEAD_STYLE = (
    "box-sizing:border-box;width:100%;padding:0 16mm;margin-top:8mm;display:flex;gap:6mm;"
    "justify-content:space-between;font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#333;"
    "border-bottom:0.4pt solid #999;padding-bottom:1.2mm"
)
_HEAD_SIDE = "white-space:nowrap;overflow:hidden;text-overflow:ellipsis"
FOOTER_TEMPLATE = (
    '<div style="box-sizing:border-box;width:100%;padding:0 16mm;text-align:center;'
    "font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#333\">"
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)


@dataclass(frozen=True)
class PdfVolume:
    """One printed volume: its file name, its subtitle, and the book pages it holds (in reading order)."""

    filename: str
    subtitle: str
    pages: tuple[str, ...]
    note: str


def pdf_volumes() -> list[PdfVolume]:
    """The two PDFs: the report (every page but the back matter's data pages) and the data volume."""
    order = pages()
    return [
        PdfVolume(
            REPORT_PDF,
            "Report: findings, chapters, scorecard and methods",
            tuple(p for p in order if p not in DATA_PAGES),
            f"The data appendix and the full references are printed separately, in {DATA_PDF}; "
            "citations in brackets refer to them.",
        ),
        PdfVolume(
            DATA_PDF,
            "Data appendix and references",
            tuple(p for p in order if p in DATA_PAGES),
            f"The findings, chapters, scorecard and methods are printed separately, in {REPORT_PDF}.",
        ),
    ]


def book_config(repository_url: str | None) -> dict:
    """The book's ``_config.yml``, with repository, Binder and Colab buttons when the repository is known.

    Launch buttons need the public repository's URL, which only its publisher knows: set
    ``RUSSIA_DPRK_REPOSITORY_URL`` (e.g. https://github.com/OWNER/NAME) when building the published site.
    """
    with open(BOOK_DIR / "_config.yml", encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    extensions = config.get("sphinx", {}).get("local_extensions", {})
    for name, folder in extensions.items():
        extensions[name] = str((BOOK_DIR / folder).resolve())
    if repository_url:
        config["repository"] = {"url": repository_url, "path_to_book": "book", "branch": "main"}
        config["launch_buttons"] = dict(LAUNCH_BUTTONS)
        config["html"]["use_repository_button"] = True
    return config


def html_dir(output: Path | None = None) -> Path:
    """Where the built HTML lands (``jupyter-book --path-output`` adds ``_build/html``)."""
    return (output or BOOK_DIR) / "_build" / "html"


def _jupyter_book_command(output: Path, config: Path | None, builder: str) -> list[str]:
    command = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(BOOK_DIR),
        "--builder",
        builder,
        "--path-output",
        str(output),
        "-W",
        "-n",
        "--keep-going",
    ]
    return [*command, "--config", str(config)] if config else command


def _jupyter_book(output: Path, config: Path | None, builder: str = "html") -> int:
    return subprocess.run(_jupyter_book_command(output, config, builder), check=False).returncode


# --- the single-page HTML of one volume ----------------------------------------------------------------------------


def _heading(section) -> object | None:
    return section.find(re.compile(r"^h[1-6]$"), recursive=False)


def _text(node) -> str:
    return " ".join(node.get_text().split())


def _short(title: str) -> str:
    """A chapter title as a running head: the part before its colon ("Political sphere")."""
    return title.split(":", 1)[0].strip()


def volume_html(single_page: str, volume: PdfVolume, book_title: str, root: str) -> tuple[str, list[tuple]]:
    """The single-page HTML of one volume, cut from the whole book's single-page build, with a contents page.

    Returns the HTML and the volume's chapters as ``(anchor id, running head)`` in reading order. Chapters become
    ``h1`` (the outline's top level); code, toggles and the site's navigation are dropped; links to pages of the
    other volume or to files beside the site become plain text (a PDF cannot follow them).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(single_page, "html.parser")
    article = soup.select_one("article.bd-article")
    root_section = article.find("section", recursive=False)
    sections = {}
    for anchor in article.select('span[id^="document-"]'):
        section = anchor.find_next_sibling("section")
        if section is not None:
            sections[anchor["id"].removeprefix("document-")] = section.extract()
    for wrapper in root_section.select("div.toctree-wrapper"):
        wrapper.decompose()
    sections[root] = root_section.extract()
    missing = [name for name in volume.pages if name not in sections]
    if missing:
        raise SystemExit(f"the single-page build has no section for {', '.join(missing)}")

    for junk in soup.select("script, link[rel=preload], #jb-print-docs-body"):
        junk.decompose()
    chapters, toc, seen = [], [], {"pdf-contents"}
    for name in volume.pages:
        section = sections[name]
        _unique_ids(section, name, seen)
        if name != root:  # the single-page build nests chapters one level under the landing page
            for heading in section.find_all(re.compile(r"^h[2-6]$")):
                heading.name = f"h{int(heading.name[1]) - 1}"
        for junk in section.select("a.headerlink, details.above-input, div.cell_input"):
            junk.decompose()
        title = _text(_heading(section))
        wrapper = soup.new_tag("div", attrs={"class": "pdf-chapter", "id": f"document-{name}"})
        wrapper.append(section)
        chapters.append(wrapper)
        running = "Introduction" if name == root else _short(title)
        subsections = [
            (anchor, _text(heading))
            for heading in section.find_all("h2")
            if (anchor := heading.get("id") or heading.parent.get("id"))
        ]
        toc.append((section["id"], title, running, subsections))

    contents = BeautifulSoup(_contents_html(book_title, volume, toc), "html.parser")
    article.clear()
    article.append(contents)
    for chapter in chapters:
        article.append(chapter)
    _fix_links(soup, article)

    soup.title.string = f"{book_title} \N{EM DASH} {volume.subtitle}"
    soup.html["data-theme"] = "light"
    soup.html["class"] = [*soup.html.get("class", []), "pdf-volume"]
    return str(soup), [(anchor, running) for anchor, _, running, _ in toc]


def _unique_ids(section, name: str, seen: set[str]) -> None:
    """Rename ids an earlier chapter already uses ("answer" in every chapter), and the links to them in this one."""
    renamed = {}
    for node in [section, *section.find_all(id=True)]:
        old = node.get("id")
        if old in seen:
            renamed[old] = f"{name}-{old}"
            node["id"] = renamed[old]
        if node.get("id"):
            seen.add(node["id"])
    for link in section.find_all("a", href=True):
        if link["href"].startswith("#") and link["href"][1:] in renamed:
            link["href"] = "#" + renamed[link["href"][1:]]


def _contents_html(book_title: str, volume: PdfVolume, toc: list[tuple]) -> str:
    esc = html_lib.escape
    items = []
    for anchor, title, _, subsections in toc:
        entries = "".join(
            f'<li class="pdf-toc-section"><a href="#{esc(sub)}"><span class="pdf-toc-text">{esc(text)}</span>'
            f'<span class="pdf-toc-page" data-target="{esc(sub)}"></span></a></li>'
            for sub, text in subsections
        )
        items.append(
            f'<li class="pdf-toc-chapter"><a href="#{esc(anchor)}"><span class="pdf-toc-text">{esc(title)}'
            f'</span><span class="pdf-toc-page" data-target="{esc(anchor)}"></span></a>'
            + (f"<ol>{entries}</ol>" if entries else "")
            + "</li>"
        )
    return (
        f'<nav class="pdf-contents" aria-labelledby="pdf-contents">'
        f'<p class="pdf-book-title">{esc(book_title)}</p><p class="pdf-subtitle">{esc(volume.subtitle)}</p>'
        f'<h1 id="pdf-contents">Contents</h1><ol class="pdf-toc">{"".join(items)}</ol>'
        f'<p class="pdf-note">{esc(volume.note)}</p></nav>'
    )


def _fix_links(soup, article) -> None:
    """Keep links a PDF can follow (to this volume's anchors, to the web); turn the rest into plain text."""
    ids = {node["id"] for node in article.find_all(id=True)}
    for link in article.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#") and href[1:] in ids:
            continue
        if re.match(r"(https?|mailto):", href):
            continue
        if "figure-data" in link.get("class", []):
            link.replace_with(soup.new_string(f"Plotted data: {href}"))
        else:
            link.unwrap()


# --- printing --------------------------------------------------------------------------------------------------------


def _header(book_title: str, section: str, visible_title: bool) -> str:
    title = html_lib.escape(book_title)
    hidden = "" if visible_title else "visibility:hidden;"
    return (
        f'<div style="{_HEAD_STYLE}"><span style="{hidden}{_HEAD_SIDE}">{title}</span>'
        f'<span style="{_HEAD_SIDE};text-align:right">{html_lib.escape(section)}</span></div>'
    )


def _destination_pages(pdf: bytes) -> dict[str, int]:
    """Every named destination (an element id the document links to) and its page number, from 1."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def _fix_outline(writer, headings: list[str]) -> None:
    """Give each bookmark its heading's text: Chromium joins a wrapped heading's lines without the space between,
    and writes some headings twice over ("Answer" as "AnswerAnswer")."""
    from pypdf.generic import NameObject, TextStringObject

    proper = {"".join(text.split()): text for text in headings}
    outlines = writer.root_object.get("/Outlines")
    stack = [outlines.get_object().get("/First")] if outlines is not None else []
    while stack:
        ref = stack.pop()
        if ref is None:
            continue
        node = ref.get_object()
        title = str(node.get("/Title", ""))
        squashed = "".join(title.split())
        half = squashed[: len(squashed) // 2]
        fixed = proper.get(squashed) or (proper.get(half) if squashed == half * 2 else None)
        if fixed and fixed != title:
            node[NameObject("/Title")] = TextStringObject(fixed)
        stack += [node.get("/Next"), node.get("/First")]


def _stamp_running_heads(pdf: bytes, overlays: list[bytes], headings: list[str]) -> bytes:
    """Draw each overlay page (the chapter name in the running head) over the matching page, as an artifact.

    Each overlay page becomes a form XObject appended to the page's content (the page's own content and its
    tagged structure are left as printed). The bookmarks get their headings' text back (see ``_fix_outline``).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    _fix_outline(writer, headings)
    readers = [PdfReader(io.BytesIO(overlay)) for overlay in overlays]  # kept: pages read from their reader
    heads = [page for reader in readers for page in reader.pages]
    if len(heads) != len(writer.pages):
        raise SystemExit(f"running heads for {len(heads)} pages, but the PDF has {len(writer.pages)}")
    for number, (page, head) in enumerate(zip(writer.pages, heads, strict=True)):
        form = DecodedStreamObject()
        contents = head.get_contents()
        form.set_data(contents.get_data() if contents is not None else b"")
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        form[NameObject("/BBox")] = head.mediabox
        form[NameObject("/Resources")] = head["/Resources"].clone(writer)
        name = NameObject(f"/RunningHead{number}")
        resources = page["/Resources"].get_object()
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        resources["/XObject"].get_object()[name] = writer._add_object(form)
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        after.set_data(b"Q\n/Artifact <</Type /Pagination /Subtype /Header>> BDC q " + name.encode() + b" Do Q EMC\n")
        own = page.get("/Contents")
        old = list(own.get_object()) if isinstance(own.get_object(), ArrayObject) else [own]
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *old, writer._add_object(after)])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def print_volume(browser, source: Path, target: Path, book_title: str, chapters: list[tuple[str, str]]) -> Path:
    """Print one volume's single-page HTML to ``target``; fill in the contents' page numbers; stamp running heads."""
    page = browser.new_page()
    outside: list[str] = []

    def offline(route, request) -> None:
        if request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.route("**/*", offline)
    page.goto(source.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    options = dict(
        outline=True,
        tagged=True,
        display_header_footer=True,
        footer_template=FOOTER_TEMPLATE,
        header_template=_header(book_title, "", visible_title=True),
        print_background=True,
        format="A4",
        margin=PDF_MARGIN,
    )
    pdf = page.pdf(**options)
    for _ in range(3):  # fill in the page numbers until they are those of the PDF they are printed in
        found = _destination_pages(pdf)
        targets = page.eval_on_selector_all(".pdf-toc-page", "spans => spans.map(s => s.dataset.target)")
        lost = [t for t in targets if t not in found]
        if lost:
            raise SystemExit(f"{target.name}: no PDF destination for {', '.join(lost)}")
        numbers = {t: found[t] for t in targets}
        shown = page.eval_on_selector_all(".pdf-toc-page", "spans => spans.map(s => s.textContent)")
        if shown == [str(numbers[t]) for t in targets]:
            break
        page.evaluate(
            "numbers => document.querySelectorAll('.pdf-toc-page').forEach("
            "s => { s.textContent = String(numbers[s.dataset.target]); })",
            numbers,
        )
        pdf = page.pdf(**options)
    else:
        raise SystemExit(f"{target.name}: the contents' page numbers do not settle")
    if outside:
        raise SystemExit(f"{target.name}: the print requested other hosts: {', '.join(sorted(set(outside)))}")

    from pypdf import PdfReader

    total = len(PdfReader(io.BytesIO(pdf)).pages)
    starts = [(found[anchor], running) for anchor, running in chapters]
    spans = [(1, starts[0][0] - 1, "Contents")] if starts[0][0] > 1 else []
    for index, (start, running) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else total
        if end >= start:
            spans.append((start, end, running))
    blank = browser.new_page()
    blank.set_content(
        "<html><body style='margin:0'>"
        + "<div style='height:1px;break-after:page'></div>" * (total - 1)
        + "<div style='height:1px'></div></body></html>"
    )
    overlays = [
        blank.pdf(
            display_header_footer=True,
            header_template=_header(book_title, running, False),
            footer_template="<span></span>",
            format="A4",
            margin=PDF_MARGIN,
            page_ranges=f"{start}-{end}",
        )
        for start, end, running in spans
    ]
    blank.close()
    headings = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "hs => hs.map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
    )
    page.close()
    target.write_bytes(_stamp_running_heads(pdf, overlays, headings))
    return target


def _require_fonts(text: str) -> None:
    """Refuse to print Korean text without a Korean font (it would print as empty boxes)."""
    if not re.search("[\uac00-\ud7a3]", text) or not shutil.which("fc-list"):
        return
    found = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False).stdout
    if not found.strip():
        raise SystemExit("the book has Korean text but no Korean font is installed: apt-get install fonts-noto-cjk")


def build_pdfs(config: Path | None, work: Path) -> list[Path]:
    """Both PDFs: the single-page HTML build cut into the two volumes, printed by Chromium through Playwright."""
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit(
            "the PDFs need Debian's chromium (apt-get install chromium); "
            "or build without them: python -m russia_dprk site --no-pdf"
        )
    try:
        import pypdf  # noqa: F401
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise SystemExit(f"the PDFs need playwright and pypdf ({exc}); or build with --no-pdf") from exc
    if _jupyter_book(work, config, builder="singlehtml") != 0:
        raise SystemExit("the single-page build for the PDFs failed")
    folder = work / "_build" / "singlehtml"
    root = pages()[0]
    single_page = (folder / f"{root}.html").read_text(encoding="utf-8")
    _require_fonts(single_page)
    book_title = yaml.safe_load((BOOK_DIR / "_config.yml").read_text(encoding="utf-8"))["title"]
    printed = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_OFFLINE_FLAGS)
        try:
            for volume in pdf_volumes():
                text, chapters = volume_html(single_page, volume, book_title, root)
                source = folder / f"{Path(volume.filename).stem}.html"
                source.write_text(text, encoding="utf-8")
                printed.append(print_volume(browser, source, work / volume.filename, book_title, chapters))
        finally:
            browser.close()
    return printed


def build_site(output: Path | None = None, pdf: bool = True) -> int:
    """Build the HTML site and the PDFs, and put the PDFs beside the pages that link them; return the exit code.

    The HTML build runs beside the PDFs' own build and printing (they share nothing but the sources); its log is
    shown when it ends, so the two logs do not interleave.
    """
    with tempfile.TemporaryDirectory() as tmp:
        config = None
        repository_url = os.environ.get(REPOSITORY_ENV)
        if repository_url:
            config = Path(tmp) / "_config.yml"
            config.write_text(yaml.safe_dump(book_config(repository_url), sort_keys=False), encoding="utf-8")
        html = subprocess.Popen(
            _jupyter_book_command(output or BOOK_DIR, config, "html"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            pdf_files = build_pdfs(config, Path(tmp) / "single") if pdf else []
        except BaseException:
            html.kill()
            html.communicate()
            raise
        log, _ = html.communicate()
        sys.stdout.write(log)
        sys.stdout.flush()
        if html.returncode == 0:
            for pdf_file in pdf_files:
                shutil.copy(pdf_file, html_dir(output) / pdf_file.name)
        return html.returncode
