"""Hostile text in every data path that reaches a page is shown as text in the built site: no live script, no event
handler, no ``javascript:`` link, no file copied from outside the book.

A small site is built once from scratch copies of ``book/`` and ``data/``: payloads (what validation lets through:
no HTML tag that formats or links, no Markdown link) are written into the descriptor
(title, description, unit, citation, processing, exceptions, a field's description and unit), a source (title,
publisher, author and note; its URL too, which validate must refuse) and curated cells (``purpose``, ``detail``,
``note``, an audit ``finding``). The data appendix and the methods page are executed on that copy, a probe page
puts the curated cells through ``bk.table``, a figure caption and an alt text holding a curated cell through
``bk.figure`` and the closing list through ``bk.tables_used``; the bibliography is written by
``bibliography.bibtex()``; ``jupyter-book build -W -n --keep-going`` builds intro, probe, methods, data and
references.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import russia_dprk.catalog as catalog
from csv_rows import rewrite
from russia_dprk.validation import validate
from russia_dprk_book.notebooks import execute
from russia_dprk_book.site import HTML_BUILD

REPO = Path(__file__).resolve().parent.parent
SENTINEL = "SENTINEL-README-OUTSIDE-THE-BOOK"
SAFE_URL = "https://example.org/report?id=1&lang=en#p2"


def cell_payload(tag: str, *, script_link: bool = True, braces: bool = True, markup: bool = True) -> str:
    """One line of hostile text (cells may not hold line breaks), marked with ``tag`` to find it on its page.

    Validation refuses a script's link in the text of a table or of the descriptor, braces in a source's title,
    author and publisher, and markup copied with the text (an HTML tag that formats or links, such as ``<img>``, and
    Markdown's links and bold), so the payloads written there leave them out (``script_link``, ``braces``,
    ``markup``): what reaches a page is what validation lets through. Their event handler rides on an SVG element
    instead.
    """
    link = f"[{tag}](javascript:alert('{tag}'))" if script_link else f"[{tag}](https://example.org/{tag})"
    roles = (
        f" {{download}}`../../README.md` {{download}}`r <../README.md>` "
        f"```{{raw}} html <script>alert('{tag}-raw')</script>``` }},month={{jan"
        if braces
        else f" ```raw html <script>alert('{tag}-raw')</script>``` $x$" + (" **bold**" if markup else "")
    )
    if not markup:
        return f"<script>alert('{tag}')</script> {handler_tag(tag, markup)}{roles}"
    return f"<script>alert('{tag}')</script> {handler_tag(tag, markup)} {link}{roles}"


def handler_tag(tag: str, markup: bool = True) -> str:
    """The payload's element with an event handler: an image where markup may reach the page, else an SVG."""
    return f"<img src=x onerror=\"alert('{tag}')\">" if markup else f"<svg onload=\"alert('{tag}')\">"


def data_payload(tag: str) -> str:
    """The payload of a table's cell, or of a line of the descriptor's prose."""
    return cell_payload(tag, script_link=False, markup=False)


def source_payload(tag: str) -> str:
    """The payload of a source's title or publisher."""
    return cell_payload(tag, script_link=False, braces=False, markup=False)


def block_payload(tag: str) -> str:
    """Descriptor text may hold line breaks: add a script on a line of its own (an HTML block, were the text read as
    Markdown). A code fence or a MyST directive on its own line is refused by validation, so none is written."""
    return f"{data_payload(tag)}\n\n<script>alert('{tag}-block')</script>"


SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def flat(text: str) -> str:
    """Whitespace collapsed, and Sphinx's typographic quotes (smartquotes, a text transform) made straight."""
    return " ".join(text.translate(SMART_QUOTES).split())


class Page(HTMLParser):
    """What a browser would run and show: script bodies and sources, every attribute, and the visible text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.parts: list[str] = []
        self._in: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag in ("script", "style"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts[-1] += data
        elif not self._in:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return flat("".join(self.parts))


# --- the scratch book ---------------------------------------------------------------------------------------------


def set_cell(path: Path, key: tuple[str, str] | None, column: str, value: str) -> str:
    """Set ``column`` in the row whose ``key[0]`` is ``key[1]`` (or the first row); return that row's first cell."""
    found: list[str] = []

    def change(rows: list[list[str]]) -> None:
        header = rows[0]
        row = next(r for r in rows[1:] if key is None or r[header.index(key[0])] == key[1])
        row[header.index(column)] = value
        found.append(row[0])

    rewrite(path, change)
    return found[0]


PROBE = """\
import pandas as pd
import russia_dprk as rd
import russia_dprk_book as bk

bk.setup()
---
contacts = rd.load("contacts")
bk.table(contacts[contacts["contact_id"] == {contact!r}], table="contacts",
         columns={{"start_date": "Date", "purpose": "Purpose", "place": "Place", "source_id": "Source"}})
---
events = rd.load("military_events")
bk.table(events[events["event_id"] == {event!r}], table="military_events",
         columns={{"date": "Date", "detail": "Detail", "source_id": "Source"}})
---
estimates = rd.load("transfer_estimates")
bk.table(estimates[estimates["estimate_id"] == {estimate!r}], table="transfer_estimates",
         columns={{"item": "Item", "low": "Low", "note": "Note", "source_id": "Source"}})
---
gas = rd.load("rok_gas")
fig, ax = bk.new_figure()
ax.plot(gas["year"].astype(float), gas["consumption_bcm"].astype(float))
bk.figure(fig, name="fig-probe", caption="Gas use in the Republic of Korea.",
          alt="A rising line; " + str(contacts[contacts["contact_id"] == {contact!r}]["purpose"].iloc[0]),
          tables=["rok_gas"], data=gas[["year", "consumption_bcm"]])
---
bk.tables_used()
"""


def probe_notebook(path: Path, **ids: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_markdown_cell("# Probe\n\nEvery path from the data to a page, once.")]
    notebook.cells += [nbformat.v4.new_code_cell(source.strip()) for source in PROBE.format(**ids).split("---\n")]
    nbformat.write(notebook, path)


def clear_caches() -> None:
    for value in list(vars(catalog).values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """Build the hostile site once; return its HTML folder, the build log and what the test needs to know."""
    root = tmp_path_factory.mktemp("hostile")
    repo = root / "repo"
    book, data = repo / "book", repo / "data"
    shutil.copytree(
        REPO / "book",
        book,
        ignore=shutil.ignore_patterns(
            "_build", "*.egg-info", "__pycache__", ".ipynb_checkpoints", "russia_dprk_book", "*.ipynb", "*.md", "*.bib"
        ),
    )
    shutil.copy(REPO / "book" / "data.ipynb", book)
    shutil.copy(REPO / "book" / "methods.ipynb", book)
    shutil.copy(REPO / "book" / "references.md", book)
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("russia_dprk", "*.egg-info", "__pycache__"))
    for readme in (root / "README.md", repo / "README.md"):  # what {download}`../../README.md` would copy
        readme.write_text(f"{SENTINEL}\n", encoding="utf-8")
    (book / "intro.md").write_text("# A scratch book\n\nBuilt by tests/test_hostile_pages.py.\n", encoding="utf-8")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: probe\n  - file: methods\n"
        "  - file: data\n  - file: references\n",
        encoding="utf-8",
    )

    # the descriptor
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    contacts = next(e for e in package["resources"] if e["name"] == "contacts")
    contacts["title"] = data_payload("hostile-title")  # a heading: one line
    contacts["description"] = block_payload("hostile-description")
    contacts["x-unit"] = data_payload("hostile-unit")
    contacts["x-citation"] = block_payload("hostile-citation")
    contacts["x-processing"] = [*contacts.get("x-processing", []), block_payload("hostile-processing")]
    contacts["x-exceptions"] = [*contacts.get("x-exceptions", []), block_payload("hostile-exception")]
    purpose = next(f for f in contacts["schema"]["fields"] if f["name"] == "purpose")
    purpose["description"] = block_payload("hostile-field")
    purpose["unit"] = data_payload("hostile-field-unit")
    (data / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # a source: the one rok_gas cites, so that the figure's credit line names its publisher
    source = "bp-statreview-2021"
    sources = data / "sources.csv"
    set_cell(sources, ("source_id", source), "title", source_payload("hostile-source-title"))
    set_cell(sources, ("source_id", source), "publisher", source_payload("hostile-publisher"))
    set_cell(sources, ("source_id", source), "author", "")
    set_cell(sources, ("source_id", source), "note", data_payload("hostile-note"))
    set_cell(sources, ("source_id", source), "url", "javascript:alert('hostile-url')")
    refused = [str(p) for p in validate(data)]
    set_cell(sources, ("source_id", source), "url", SAFE_URL)

    # curated cells
    contact = set_cell(data / "curated/contacts.csv", None, "purpose", data_payload("hostile-purpose"))
    event = set_cell(data / "curated/military_events.csv", None, "detail", data_payload("hostile-detail"))
    estimate = set_cell(data / "curated/transfer_estimates.csv", None, "note", data_payload("hostile-estimate-note"))
    set_cell(data / "curated/audit.csv", ("result", "partial"), "finding", data_payload("hostile-finding"))
    problems = [str(p) for p in validate(data)]

    probe_notebook(book / "probe.ipynb", contact=contact, event=event, estimate=estimate)
    log, code = "", None
    if not problems:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("RUSSIA_DPRK_DATA", str(data))  # the kernels read the copy
            patch.setattr(catalog, "DATA_DIR", data)  # and so does bibtex() in this process
            clear_caches()
            from russia_dprk_book.bibliography import bibtex

            (book / "references.bib").write_text(bibtex(), encoding="utf-8")
            for name in ("probe", "methods", "data"):
                execute(book / f"{name}.ipynb")
        clear_caches()
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                HTML_BUILD,
                "build",
                str(book),
                "--builder",
                "html",
                "-W",
                "-n",
                "--keep-going",
            ],
            capture_output=True,
            text=True,
            cwd=root,
            env={**os.environ, "RUSSIA_DPRK_DATA": str(data)},
            timeout=600,
        )
        log, code = done.stdout + done.stderr, done.returncode
    return {
        "html": book / "_build" / "html",
        "refused": refused,
        "problems": problems,
        "code": code,
        "log": log,
        "root": root,
    }


def pages(site: dict) -> dict[str, Page]:
    assert not site["problems"], site["problems"][:5]
    assert site["code"] == 0, site["log"][-4000:]
    return {path.name: Page(path.read_text(encoding="utf-8")) for path in sorted(site["html"].rglob("*.html"))}


# --- the tests --------------------------------------------------------------------------------------------------


def test_a_javascript_url_in_a_source_is_refused_by_validate(site: dict) -> None:
    assert any(
        line.startswith("sources.csv: line ") and "field 'url': constraint-error" in line for line in site["refused"]
    ), site["refused"][:5]


def test_the_hostile_copy_validates_and_builds_strictly(site: dict) -> None:
    built = pages(site)
    assert {"intro.html", "probe.html", "methods.html", "data.html", "references.html"} <= set(built)


def test_no_script_from_the_data_runs(site: dict) -> None:
    for name, page in pages(site).items():
        assert not [s for s in page.scripts if "alert(" in s or "hostile" in s], name
        raw = (site["html"] / name).read_text(encoding="utf-8") if (site["html"] / name).exists() else ""
        assert "<script>alert(" not in raw, name


def test_no_event_handler_or_image_from_the_data(site: dict) -> None:
    for name, page in pages(site).items():
        handlers = [(tag, key, value) for tag, key, value in page.attributes if key.startswith("on")]
        assert not [h for h in handlers if "alert" in h[2] or "hostile" in h[2] or h[1] == "onerror"], (name, handlers)
        assert not [a for a in page.attributes if a[0] == "img" and a[1] == "src" and a[2] == "x"], name


def test_no_javascript_link(site: dict) -> None:
    for name, page in pages(site).items():
        links = [value for _, key, value in page.attributes if key in ("href", "src", "action", "formaction")]
        assert not [v for v in links if "".join(v.split()).lower().startswith(("javascript:", "data:text/html"))], name


def test_no_file_from_outside_the_book_is_copied_into_the_site(site: dict) -> None:
    pages(site)
    copied = [p for p in site["html"].rglob("*") if p.is_file() and p.name.lower().startswith("readme")]
    assert not copied, copied
    leaked = [
        p
        for p in site["html"].rglob("*")
        if p.is_file()
        and p.suffix not in (".png", ".woff2", ".woff")
        and SENTINEL in p.read_text(encoding="utf-8", errors="ignore")
    ]
    assert not leaked, leaked


SHOWN = {  # page -> tags whose whole payload must appear there as text
    "data.html": [
        "hostile-title",
        "hostile-description",
        "hostile-unit",
        "hostile-citation",
        "hostile-processing",
        "hostile-exception",
        "hostile-field",
        "hostile-field-unit",
    ],
    "methods.html": ["hostile-exception", "hostile-finding"],
    "probe.html": ["hostile-purpose", "hostile-detail", "hostile-estimate-note", "hostile-title"],
}
BLOCK = {"hostile-description", "hostile-citation", "hostile-processing", "hostile-exception", "hostile-field"}


@pytest.mark.parametrize(("page", "tag"), [(page, tag) for page, tags in SHOWN.items() for tag in tags])
def test_payload_text_is_shown_escaped(site: dict, page: str, tag: str) -> None:
    text = pages(site)[page].text
    payload = block_payload(tag) if tag in BLOCK else data_payload(tag)
    assert flat(payload) in text, (tag, [text[i - 80 : i + 400] for i in [text.find(f"'{tag}'")] if i >= 0])


@pytest.mark.parametrize(
    ("page", "tag"),
    [
        ("references.html", "hostile-source-title"),
        ("references.html", "hostile-publisher"),
        ("probe.html", "hostile-publisher"),
    ],
)
def test_source_text_is_shown_escaped(site: dict, page: str, tag: str) -> None:
    """The bibliography and the figure's credit line show the script and SVG tags of a source as text."""
    text = pages(site)[page].text
    for part in (f"<script>alert('{tag}')</script>", handler_tag(tag, markup=False)):
        assert part in text, (part, [text[i - 80 : i + 300] for i in [text.find(f"'{tag}'")] if i >= 0])


def test_references_show_no_latex_command_names(site: dict) -> None:
    text = pages(site)["references.html"].text
    assert "\\textbrace" not in text and "\\textbackslash" not in text


def test_the_sources_url_is_its_link_on_the_references_page(site: dict) -> None:
    links = [value for tag, key, value in pages(site)["references.html"].attributes if tag == "a" and key == "href"]
    assert SAFE_URL in links
