"""Build the published book: the Jupyter Book site, strict, from the committed notebook outputs, and two PDFs.

The PDFs are printed from the built site's pages, cut into two single-page documents (the report: landing page,
chapters, scorecard and methods; the data volume: data appendix and references), each opening with a contents page.
Playwright drives Debian's ``chromium`` offline, printing both at once: PDF outline (bookmarks) from the headings,
tagged PDF (headings, figures with their alt text), a running head (book title and the chapter on that page) and
"Page X of Y" footers, both drawn by CSS page-margin boxes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import html as html_lib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

A4_VIEWPORT = {"width": 794, "height": 1123}  # CSS pixels (96 per inch)
PDF_MARGIN = {"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}


class PdfError(Exception):
    """The PDFs cannot be printed as they should be; the message says why, in one line."""


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


def clear_html(html: Path) -> None:
    """Remove the pages and files an earlier build wrote into ``html``, so every build writes the whole site.

    An incremental build is no shortcut worth its risk here (the notebooks are not executed: the HTML build takes a few
    seconds either way), and it left stale files: Sphinx 7.4 does not overwrite a static file whose copy in the output
    differs from its source, and copies none when no page is out of date, so an edited ``print.css`` or ``screen.css``
    never reached a rebuilt site and the PDFs were printed with the old stylesheet. Sphinx's environment in
    ``_build/.doctrees`` is kept.

    >>> import tempfile
    >>> html = Path(tempfile.mkdtemp()) / "html"
    >>> (html / "_static").mkdir(parents=True); _ = (html / "_static" / "print.css").write_text("old")
    >>> clear_html(html); html.exists()
    False
    """
    shutil.rmtree(html, ignore_errors=True)


# The HTML build's process: jupyter-book's command line with Python's cycle collector off, left without the
# interpreter's teardown once the build is written.
HTML_BUILD = """
import gc, os, sys
gc.disable()
from jupyter_book.cli.main import main
try:
    main()
    code = 0
except SystemExit as done:
    code = done.code
if code is not None and not isinstance(code, int):
    print(code, file=sys.stderr)
    code = 1
sys.stdout.flush()
sys.stderr.flush()
os._exit(code or 0)
"""


def _jupyter_book_command(output: Path, config: Path | None) -> list[str]:
    """The strict HTML build: warnings are errors, every reference must resolve.

    It runs with Python's cycle collector off. The build is one short process whose objects (the parsed pages, the
    environment) live to its end; collecting again and again through that growing heap took about a quarter of the
    build's time (17 s against 13 s), for a peak of about 240 MB instead of 170 MB. For the same reason the process
    ends with ``os._exit`` once jupyter-book has returned and its output is flushed: every file is written and
    closed by then, and the interpreter's teardown of that heap took another 1.2-1.4 s before the PDFs could start.
    """
    command = [
        sys.executable,
        "-c",
        HTML_BUILD,
        "build",
        str(BOOK_DIR),
        "--builder",
        "html",
        "--path-output",
        str(output),
        "-W",
        "-n",
        "--keep-going",
    ]
    return [*command, "--config", str(config)] if config else command


# --- the HTML of one volume ----------------------------------------------------------------------------------------


def _heading(section) -> object | None:
    return section.find(re.compile(r"^h[1-6]$"), recursive=False)


def _text(node) -> str:
    return " ".join(node.get_text().split())


def running_head(page: str, title: str) -> str:
    """A page's running head in the PDFs: "Introduction" for the landing page, else its title before the colon
    ("Political sphere")."""
    return "Introduction" if page == pages()[0] else title.split(":", 1)[0].strip()


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character but letters, digits and spaces written as an escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def page_css(book_title: str, running: list[tuple[str, str]]) -> str:
    """The volume's printed pages: A4, the book title and the chapter in the running head, "Page X of Y" below.

    ``running`` is ``(page name, running head)`` per chapter; each chapter's wrapper names its page
    (``page: <name>``) so the head changes where the chapter starts. Pages before the first chapter are the contents.
    """
    box = "font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#333;"
    head = f"{box}vertical-align:bottom;padding-bottom:1.2mm;margin-bottom:4mm;border-bottom:0.4pt solid #999;"
    rules = [
        "@page {size:A4;margin:" + " ".join(PDF_MARGIN[side] for side in ("top", "right", "bottom", "left")) + ";"
        f"@top-left{{{head}content:{css_string(book_title)};}}"
        f"@top-right{{{head}text-align:right;content:{css_string('Contents')};}}"
        f"@bottom-center{{{box}vertical-align:top;margin-top:4mm;"
        'content:"Page " counter(page) " of " counter(pages);}}'
    ]
    right = f"{head}text-align:right;content:"
    rules += [f"@page {name}{{@top-right{{{right}{css_string(text)};}}}}" for name, text in running]
    return "\n".join(rules)


def volume_html(pages_html: dict[str, str], volume: PdfVolume, book_title: str) -> tuple[str, list[str]]:
    """The HTML of one volume, cut from the built site's pages, with a contents page and running heads.

    ``pages_html`` maps each of the volume's pages to its built HTML. Returns the HTML and the anchors the contents
    page links to. Code, toggles and the site's navigation are dropped. Links between the volume's pages become links
    within the volume; links to pages of the other volume or to files beside the site become plain text (a PDF cannot
    follow them).
    """
    from bs4 import BeautifulSoup

    parts = {name: _split_article(pages_html[name], name) for name in volume.pages}
    before, _, after = parts[volume.pages[0]]
    skeleton = BeautifulSoup(before + after, "html.parser")
    article = skeleton.select_one("article.bd-article")
    chapters, toc, running, seen, renamed = [], [], [], {"pdf-contents"}, {}
    for index, name in enumerate(volume.pages):
        section = BeautifulSoup(parts[name][1], "html.parser").find("section", recursive=False)
        if section is None:
            raise PdfError(f"the built page {name}.html has no article section")
        section.extract()
        for junk in section.select("a.headerlink, details.above-input, div.cell_input, div.toctree-wrapper, script"):
            junk.decompose()
        renamed[name] = _unique_ids(section, name, seen)
        title = _text(_heading(section))
        head = running_head(name, title)
        page_name = f"pdf-page-{index + 1}"
        wrapper = skeleton.new_tag(
            "div", attrs={"class": "pdf-chapter", "id": f"document-{name}", "style": f"page:{page_name}"}
        )
        wrapper.append(section)
        chapters.append(wrapper)
        running.append((page_name, head))
        subsections = [
            (anchor, _text(heading))
            for heading in section.find_all("h2")
            if (anchor := heading.get("id") or heading.parent.get("id"))
        ]
        toc.append((section["id"], title, subsections))

    for junk in skeleton.select("script, link[rel=preload], #jb-print-docs-body"):
        junk.decompose()
    contents = BeautifulSoup(_contents_html(book_title, volume, toc), "html.parser")
    article.clear()
    article.append(contents)
    for chapter in chapters:
        article.append(chapter)
    _fix_links(skeleton, article, renamed)

    style = skeleton.new_tag("style")
    style.string = page_css(book_title, running)
    skeleton.head.append(style)
    skeleton.title.string = f"{book_title} \N{EM DASH} {volume.subtitle}"
    skeleton.html["data-theme"] = "light"
    skeleton.html["class"] = [*skeleton.html.get("class", []), "pdf-volume"]
    targets = [anchor for anchor, _, subsections in toc for anchor in [anchor, *(sub for sub, _ in subsections)]]
    return str(skeleton), targets


ARTICLE_START = '<article class="bd-article"'


def _split_article(page_html: str, name: str) -> tuple[str, str, str]:
    """A built page as (everything up to its article's content, the content, the rest): only the content of each
    page is parsed, and the first page's frame once."""
    start = page_html.find(ARTICLE_START)
    opened = page_html.find(">", start) + 1
    end = page_html.rfind("</article>")
    if start < 0 or end < opened:
        raise PdfError(f"the built page {name}.html has no article")
    return page_html[:opened], page_html[opened:end], page_html[end:]


def _unique_ids(section, name: str, seen: set[str]) -> dict[str, str]:
    """Rename ids an earlier chapter already uses ("answer" in every chapter); return ``{old: new}``."""
    renamed = {}
    for node in [section, *section.find_all(id=True)]:
        old = node.get("id")
        if old in seen:
            renamed[old] = f"{name}-{old}"
            node["id"] = renamed[old]
        if node.get("id"):
            seen.add(node["id"])
    return renamed


def book_config_value(key: str) -> str:
    """One value of the book's ``_config.yml`` (its ``title`` or ``author``)."""
    return str(yaml.safe_load((BOOK_DIR / "_config.yml").read_text(encoding="utf-8"))[key])


def build_stamp(today: dt.date | None = None) -> str:
    """What a printed copy is: the version of the book and its data, the day it was printed and, in a git
    checkout, the commit it was printed from (marked when the working tree differed from it).

    >>> build_stamp(dt.date(2026, 12, 1)).startswith("Version ")
    True
    """
    from russia_dprk.catalog import descriptor

    day = (today or dt.date.today()).strftime("%-d %B %Y")
    stamp = f"Version {descriptor()['version']} of the book and its data, printed on {day}"
    try:
        run = {"cwd": BOOK_DIR, "capture_output": True, "text": True, "timeout": 10}
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], **run)
        changed = subprocess.run(["git", "status", "--porcelain", "--", ".", "../data"], **run)
    except (OSError, subprocess.SubprocessError):
        return stamp + "."
    if commit.returncode != 0:
        return stamp + "."
    edited = " with uncommitted changes" if changed.returncode == 0 and changed.stdout.strip() else ""
    return f"{stamp} from commit {commit.stdout.strip()}{edited}."


def _contents_html(book_title: str, volume: PdfVolume, toc: list[tuple]) -> str:
    esc = html_lib.escape
    items = []
    for anchor, title, subsections in toc:
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
        f'<p class="pdf-note">{esc(volume.note)}</p><p class="pdf-note pdf-build">{esc(build_stamp())}</p></nav>'
    )


def _fix_links(soup, article, renamed: dict[str, dict[str, str]]) -> None:
    """Keep links a PDF can follow (to this volume's anchors, to the web); turn the rest into plain text.

    A link to ``page.html#id`` where ``page`` is in this volume becomes ``#id`` (renamed as ``_unique_ids`` renamed
    it); a link to ``page.html`` goes to the chapter's start.
    """
    ids = {node["id"] for node in article.find_all(id=True)}
    for chapter in article.select("div.pdf-chapter"):
        here = chapter["id"].removeprefix("document-")
        for link in chapter.find_all("a", href=True):
            href = link["href"]
            if re.match(r"(https?|mailto):", href):
                continue
            page, _, fragment = href.partition("#")
            page = page.removesuffix(".html") if page.endswith(".html") and "/" not in page else page
            target = page or here
            if target in renamed:
                anchor = renamed[target].get(fragment, fragment) if fragment else f"document-{target}"
                if anchor in ids:
                    link["href"] = f"#{anchor}"
                    continue
            if "figure-data" in link.get("class", []):
                link.replace_with(soup.new_string(f"Plotted data: {href} in the HTML edition"))
            else:
                link.unwrap()


# --- printing --------------------------------------------------------------------------------------------------------


def _destination_pages(pdf: bytes) -> dict[str, int]:
    """Every named destination (an element id the document links to) and its page number, from 1."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def fix_bookmarks(pdf: bytes, headings: list[str], author: str | None = None) -> bytes:
    """Give each bookmark its heading's text (and the document ``author``, which Chromium leaves out of its
    information dictionary), as an incremental update appended to the printed PDF.

    Chromium builds the bookmarks from the lines it printed: a wrapped heading's lines are joined without the space
    between them, and a heading pushed to the next page by the figure after it is written twice ("AnswerAnswer").
    Only the outline items that change are written again (PDF 32000-1, 7.5.6); the pages are untouched. pypdf
    reads them; it does not write them, because its writers copy the whole document first (about 2.5 s a volume).
    """
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    proper = {"".join(text.split()): text for text in headings}
    changed = []
    outlines = reader.trailer["/Root"].get("/Outlines")
    stack = [outlines.get_object().raw_get("/First")] if outlines is not None else []
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
            changed.append((ref.idnum, ref.generation, node))
        stack += [node.raw_get(key) for key in ("/Next", "/First") if key in node]
    info_ref = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
    if author and info_ref is not None and str(info_ref.get_object().get("/Author", "")) != author:
        info = info_ref.get_object()
        info[NameObject("/Author")] = TextStringObject(author)
        changed.append((info_ref.idnum, info_ref.generation, info))
    if not changed:
        return pdf
    previous = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)
    if previous is None:
        raise PdfError("the printed PDF does not end with a cross-reference offset")
    out = io.BytesIO()
    out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = []
    for number, generation, node in changed:
        offsets.append((number, generation, out.tell()))
        out.write(f"{number} {generation} obj\n".encode())
        node.write_to_stream(out)
        out.write(b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n")
    for number, generation, offset in sorted(offsets):
        out.write(f"{number} 1\n{offset:010d} {generation:05d} n \n".encode())
    trailer = DictionaryObject(
        {
            NameObject(key): reader.trailer.raw_get(key)
            for key in ("/Size", "/Root", "/Info", "/ID")
            if key in reader.trailer
        }
    )
    trailer[NameObject("/Prev")] = NumberObject(int(previous.group(1)))
    out.write(b"trailer\n")
    trailer.write_to_stream(out)
    out.write(f"\nstartxref\n{start}\n%%EOF\n".encode())
    return out.getvalue()


@dataclass
class PrintTab:
    """A Chromium tab that prints one volume, opened while the HTML is built.

    It is laid out for print from the start (A4's width, print media), so the page is never laid out for the screen,
    and it is offline: a request to another host fails, and is recorded in ``outside``.
    """

    context: Any
    page: Any
    outside: list[str]

    @classmethod
    async def open(cls, browser) -> PrintTab:
        context = await browser.new_context(viewport=A4_VIEWPORT, offline=True)
        page = await context.new_page()
        await page.emulate_media(media="print")
        tab = cls(context, page, [])
        page.on("request", tab._record)
        return tab

    def _record(self, request) -> None:
        if not request.url.startswith(("file:", "data:", "blob:")):
            self.outside.append(request.url)


async def print_volume(tab: PrintTab, source: Path, target: Path, targets: list[str]) -> Path:
    """Print one volume's HTML to ``target`` and fill in its contents' page numbers.

    A first print, untagged and with everything invisible (``visibility`` moves nothing, and an invisible page
    costs half as much to print), finds the page of each anchor the contents page lists; their numbers are written
    in (their boxes have a fixed width, so nothing moves) and the tagged PDF with its outline is printed. If a page
    number then differs from where its anchor landed, it prints again.
    """
    page = tab.page
    await page.goto(source.as_uri(), wait_until="load")
    await page.evaluate("document.fonts.ready.then(() => true)")
    options = dict(print_background=True, prefer_css_page_size=True)
    measure = await page.add_style_tag(content="* { visibility: hidden !important; }")
    pdf = await page.pdf(**options)
    await measure.evaluate("style => style.remove()")
    shown: dict[str, int] = {}
    for _ in range(3):
        found = _destination_pages(pdf)
        lost = [anchor for anchor in targets if anchor not in found]
        if lost:
            raise PdfError(f"{target.name}: no PDF destination for {', '.join(lost)}")
        numbers = {anchor: found[anchor] for anchor in targets}
        if shown == numbers:
            break
        await page.evaluate(
            "numbers => document.querySelectorAll('.pdf-toc-page').forEach("
            "s => { s.textContent = String(numbers[s.dataset.target]); })",
            numbers,
        )
        shown = numbers
        pdf = await page.pdf(outline=True, tagged=True, **options)
    else:
        raise PdfError(f"{target.name}: the contents' page numbers do not settle")
    headings = await page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "hs => hs.map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
    )
    await tab.context.close()
    if tab.outside:
        raise PdfError(f"{target.name}: the print requested other hosts: {', '.join(sorted(set(tab.outside)))}")
    target.write_bytes(fix_bookmarks(pdf, headings, author=book_config_value("author")))
    return target


def _require_fonts(text: str) -> None:
    """Refuse to print Korean text without a Korean font (it would print as empty boxes)."""
    if not re.search("[\uac00-\ud7a3]", text) or not shutil.which("fc-list"):
        return
    found = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False).stdout
    if not found.strip():
        raise PdfError("the book has Korean text but no Korean font is installed: apt-get install fonts-noto-cjk")


def _chromium() -> str:
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit(
            "the PDFs need Debian's chromium (apt-get install chromium); "
            "or build without them: python -m russia_dprk site --no-pdf"
        )
    try:
        import playwright  # noqa: F401
        import pypdf  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"the PDFs need playwright and pypdf ({exc}); or build with --no-pdf") from exc
    return chromium


def print_source(site: Path, volume: PdfVolume) -> Path:
    """Where a volume's HTML is written for Chromium, beside the site's pages (and deleted after printing)."""
    return site / f".{Path(volume.filename).stem}.print.html"


def write_volume_html(site: Path, volume: PdfVolume) -> list[str]:
    """Cut one volume from the built site's pages into :func:`print_source`; return the anchors its contents list."""
    book_title = book_config_value("title")
    pages_html = {name: (site / f"{name}.html").read_text(encoding="utf-8") for name in volume.pages}
    _require_fonts("".join(pages_html.values()))
    text, targets = volume_html(pages_html, volume, book_title)
    print_source(site, volume).write_text(text, encoding="utf-8")
    return targets


CUT_COMMAND = "from russia_dprk_book.site import cut_when_told; cut_when_told()"


def cut_when_told() -> None:
    """A cutting process (``python -c CUT_COMMAND SITE VOLUME``): started while the HTML is built, it imports what
    it needs, waits for ``go`` on its standard input, cuts the volume and prints the contents' anchors as JSON."""
    gc.disable()
    site, filename = sys.argv[1:3]
    volume = next(volume for volume in pdf_volumes() if volume.filename == filename)
    # A rehearsal on one-line pages, while the HTML is still being built: the parser and its selectors get ready.
    rehearsal = '<html><head><title>t</title></head><body><article class="bd-article"><section id="s"><h1>T</h1>'
    volume_html({name: rehearsal + "</section></article></body></html>" for name in volume.pages}, volume, "T")
    if sys.stdin.readline().strip() != "go":
        return
    try:
        targets = write_volume_html(Path(site), volume)
    except PdfError as exc:
        sys.exit(str(exc))
    print(json.dumps(targets))


class Cutter:
    """One volume's cutting process: parsing the pages is pure Python, so each volume gets its own process and both
    are cut at once."""

    def __init__(self, site: Path, volume: PdfVolume) -> None:
        self.site, self.volume, self.process = site, volume, None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CUT_COMMAND,
            str(self.site),
            self.volume.filename,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )

    async def cut(self) -> list[str]:
        """Cut the volume now (the pages are built); return the anchors its contents page lists."""
        out, err = await self.process.communicate(b"go\n")
        if self.process.returncode:
            lines = err.decode(errors="replace").strip().splitlines() or ["it stopped without a message"]
            raise PdfError(f"cutting {self.volume.filename}: {lines[-1]}")
        return json.loads(out)

    async def stop(self) -> None:
        """End the process if it is still there (the HTML build failed, or printing stopped early)."""
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def print_volumes(site: Path, cutters: list[Cutter], tabs: list[PrintTab]) -> list[Path]:
    """Both PDFs, printed beside the built site's pages: both volumes are cut at once, each printed as soon as it
    is cut."""

    async def cut_then_print(cutter: Cutter, tab: PrintTab) -> Path:
        targets = await cutter.cut()
        return await print_volume(tab, print_source(site, cutter.volume), site / cutter.volume.filename, targets)

    printing = [asyncio.ensure_future(cut_then_print(cutter, tab)) for cutter, tab in zip(cutters, tabs, strict=True)]
    try:
        return list(await asyncio.gather(*printing))
    finally:
        for task in printing:
            task.cancel()
        for cutter in cutters:
            print_source(site, cutter.volume).unlink(missing_ok=True)


async def _build(output: Path | None, config: Path | None, chromium: str | None) -> int:
    """Run the HTML build; meanwhile start Chromium, which prints the PDFs once the pages are there."""
    clear_html(html_dir(output))
    html = await asyncio.create_subprocess_exec(*_jupyter_book_command(output or BOOK_DIR, config))
    try:
        if not chromium:
            return await html.wait()
        from playwright.async_api import async_playwright

        cutters = [Cutter(html_dir(output), volume) for volume in pdf_volumes()]
        try:
            for cutter in cutters:
                await cutter.start()
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_OFFLINE_FLAGS)
                try:
                    tabs = [await PrintTab.open(browser) for _ in cutters]
                    code = await html.wait()
                    if code == 0:
                        await print_volumes(html_dir(output), cutters, tabs)
                    return code
                finally:
                    await browser.close()
        finally:
            for cutter in cutters:
                await cutter.stop()
    finally:
        if html.returncode is None:
            html.kill()
            await html.wait()


def build_site(output: Path | None = None, pdf: bool = True) -> int:
    """Build the HTML site and print the two PDFs from its pages, beside them; return the build's exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        config = None
        repository_url = os.environ.get(REPOSITORY_ENV)
        if repository_url:
            config = Path(tmp) / "_config.yml"
            config.write_text(yaml.safe_dump(book_config(repository_url), sort_keys=False), encoding="utf-8")
        try:
            return asyncio.run(_build(output, config, _chromium() if pdf else None))
        except PdfError as exc:
            raise SystemExit(f"the PDFs: {exc}") from None
