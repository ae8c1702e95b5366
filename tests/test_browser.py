"""The published site as readers get it: every page opened in headless Chromium from a local server.

Every page is visited once at a desktop width (1280 px) and once at a phone's width (390 px); the tests below
judge what those visits recorded:

- no console error, page error, script dialog, broken image or internal link, and no request to another host;
- no serious or critical axe-core accessibility violation (each is listed with its elements);
- at 390 px the page body never scrolls sideways, figures fit their column and tables scroll in their own box;
- figure captions meet WCAG AA contrast;
- printed (print media, an A4 page's width) nothing of the site's machinery shows and no table is cut off.

Screenshots of every page at both widths (``<page>-1280.png``, ``<page>-390.png``) go to a temporary folder, or to
``$RUSSIA_DPRK_ARTIFACTS/screenshots/`` when that is set: the suite writes nothing into the working tree.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from russia_dprk_book.paths import pages as book_pages
from russia_dprk_book.site import CHROMIUM_OFFLINE_FLAGS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DESKTOP, PHONE = 1280, 390
PRINT_WIDTH = 673  # an A4 page less the PDFs' 16 mm side margins, in CSS pixels
SCREENSHOT_MAX_HEIGHT = 12000  # the longest pages (data appendix, references) are cut here
SERIOUS = {"serious", "critical"}
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail("Debian's chromium is required for the browser test (.ci/run installs it)", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # the base class's signature
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection early is not a site error


@pytest.fixture(scope="module")
def server(built_site: Path):
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_OFFLINE_FLAGS)
        yield chromium
        chromium.close()


def site_pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html"))


# Measurements taken in the page (JavaScript), one function each.

OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"

WIDE_ELEMENTS = """() => {
  const out = [];
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
  for (const e of document.querySelectorAll('.bd-article *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > innerWidth + 1 && !scrolls(e)) out.push(`${e.tagName.toLowerCase()}.${e.className}`);
  }
  return out.slice(0, 5);
}"""

FIGURES_FIT = """() => [...document.querySelectorAll('.bd-article figure img')]
  .filter(img => img.getBoundingClientRect().width > img.closest('figure').parentElement.clientWidth + 1)
  .map(img => img.getAttribute('src'))"""

TABLES_SCROLL_IN_A_BOX = """() => [...document.querySelectorAll('.bd-article table')].filter(t => {
  if (t.getBoundingClientRect().width <= innerWidth) return false;
  for (let p = t.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p).overflowX;
    if ((s === 'auto' || s === 'scroll') && p.getBoundingClientRect().width <= innerWidth) return false;
  }
  return true;
}).length"""

CAPTION_CONTRAST = """() => {
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => { v = v / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
  const out = [];
  for (const e of document.querySelectorAll('.bd-article figcaption, .bd-article figcaption *:not(.headerlink)')) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const [a, b] = [lum(getComputedStyle(e).color), lum(background(e))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(`${e.tagName.toLowerCase()}.${e.className}: ${ratio.toFixed(2)}:1`);
  }
  return out;
}"""

PRINTED_MACHINERY = """() => [...document.querySelectorAll(
  '.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .prev-next-area, button, a.headerlink, ' +
  'details.above-input, .cell_input, .article-header-buttons, #pst-back-to-top')]
  .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
  .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`).slice(0, 5)"""

PRINTED_TABLES_CUT = """() => { const article = document.querySelector('.bd-article');
  if (!article) return [];
  const right = article.getBoundingClientRect().right + 1;
  return [...article.querySelectorAll('table, figure img')].filter(e => e.getBoundingClientRect().right > right)
    .map(e => e.tagName.toLowerCase()); }"""


def watch(page, where: str, host: str, problems: list[str]) -> None:
    """Record the page's console errors, page errors, dialogs and failed requests to this site in ``problems``."""
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"{where}: console error: {msg.text}"))
    page.on("pageerror", lambda exc: problems.append(f"{where}: page error: {exc}"))
    page.on("dialog", lambda dialog: (problems.append(f"{where}: script dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "requestfailed",
        lambda req: urlparse(req.url).netloc == host and problems.append(f"{where}: failed request: {req.url}"),
    )
    page.on(
        "response", lambda reply: reply.status >= 400 and problems.append(f"{where}: {reply.status} for {reply.url}")
    )


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: ``$RUSSIA_DPRK_ARTIFACTS/screenshots`` if set, else a temporary folder."""
    chosen = os.environ.get("RUSSIA_DPRK_ARTIFACTS")
    folder = Path(chosen) / "screenshots" if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def visits(built_site: Path, server: str, browser, screenshots: Path) -> dict:
    """Visit every page at both widths once; record what the tests judge."""
    from axe_playwright_python.sync_playwright import Axe

    host = urlparse(server).netloc
    axe = Axe()
    found: dict = {
        "problems": [],
        "links": set(),
        "axe": [],
        "overflow": [],
        "figures": [],
        "tables": [],
        "contrast": [],
        "printed": [],
        "cut": [],
        "screenshots": [],
        "visited": [],
    }

    def route(route, request) -> None:
        if urlparse(request.url).netloc in (host, "") or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            found["problems"].append(f"request to another host: {request.url}")
            route.abort()

    for width in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.route("**/*", route)
        for name in site_pages(built_site):
            where = f"{name} at {width} px"
            page = context.new_page()
            watch(page, where, host, found["problems"])
            response = page.goto(f"{server}/{name}", wait_until="load")
            assert response is not None and response.ok, where
            if name == "index.html":  # the redirect to the landing page
                page.wait_for_url("**/intro.html")
                page.close()
                continue
            page.wait_for_load_state("networkidle")
            found["visited"].append((name, width))
            broken = page.eval_on_selector_all(
                "img", "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
            )
            found["problems"].extend(f"{where}: broken image: {src}" for src in broken)
            shot = screenshots / f"{Path(name).stem}-{width}.png"
            height = page.evaluate("document.scrollingElement.scrollHeight")
            page.screenshot(
                path=str(shot),
                full_page=True,
                clip={"x": 0, "y": 0, "width": width, "height": min(height, SCREENSHOT_MAX_HEIGHT)},
            )
            found["screenshots"].append(shot)
            if width == DESKTOP:
                for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                    url = urldefrag(href).url
                    if urlparse(url).netloc == host:
                        found["links"].add(url)
                # preload off: axe would fetch @import-ed stylesheets against the wrong base URL (a false 404)
                for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
                    if violation["impact"] in SERIOUS:
                        targets = "; ".join(", ".join(map(str, node["target"])) for node in violation["nodes"][:5])
                        found["axe"].append(
                            f"{name}: {violation['id']} ({violation['impact']}, "
                            f"{len(violation['nodes'])} elements): {violation['help']}: {targets}"
                        )
                found["contrast"] += [f"{name}: {item}" for item in page.evaluate(CAPTION_CONTRAST)]
                page.set_viewport_size({"width": PRINT_WIDTH, "height": 900})
                page.emulate_media(media="print")
                found["printed"] += [f"{name}: {item}" for item in page.evaluate(PRINTED_MACHINERY)]
                found["cut"] += [f"{name}: {item}" for item in page.evaluate(PRINTED_TABLES_CUT)]
            else:
                scroll_width, inner_width = page.evaluate(OVERFLOW)
                if scroll_width > inner_width:
                    found["overflow"].append(
                        f"{name}: body is {scroll_width} px wide in a {inner_width} px window "
                        f"({', '.join(page.evaluate(WIDE_ELEMENTS))})"
                    )
                found["figures"] += [f"{name}: {src}" for src in page.evaluate(FIGURES_FIT)]
                if tables := page.evaluate(TABLES_SCROLL_IN_A_BOX):
                    found["tables"].append(f"{name}: {tables} wide tables without their own scroll box")
            page.close()
        context.close()
    return found


def test_site_has_every_page_of_the_book(built_site: Path) -> None:
    assert {f"{page}.html" for page in book_pages()} <= set(site_pages(built_site))


def test_every_page_loads_cleanly_and_offline(visits) -> None:
    problems = list(visits["problems"])
    for url in sorted(visits["links"]):
        try:
            with urllib.request.urlopen(url) as reply:
                if reply.status != 200:
                    problems.append(f"broken link: {url} ({reply.status})")
        except OSError as exc:
            problems.append(f"broken link: {url} ({exc})")
    assert not problems, "\n".join(problems)


def test_no_serious_accessibility_violations(visits) -> None:
    assert not visits["axe"], "axe-core found serious or critical violations:\n" + "\n".join(visits["axe"])


def test_every_page_was_checked_and_photographed_at_both_widths(built_site: Path, visits) -> None:
    expected = {(name, width) for name in site_pages(built_site) if name != "index.html" for width in (DESKTOP, PHONE)}
    assert set(visits["visited"]) == expected
    assert all(shot.is_file() and shot.stat().st_size > 0 for shot in visits["screenshots"])
    assert len(visits["screenshots"]) == len(expected)


def test_no_horizontal_scrolling_on_a_phone(visits) -> None:
    assert not visits["overflow"], "\n".join(visits["overflow"])


def test_figures_scale_and_tables_scroll_in_their_own_box_on_a_phone(visits) -> None:
    assert not visits["figures"], "figures wider than their column:\n" + "\n".join(visits["figures"])
    assert not visits["tables"], "\n".join(visits["tables"])


def test_figure_captions_meet_wcag_aa_contrast(visits) -> None:
    assert not visits["contrast"], "captions below 4.5:1:\n" + "\n".join(visits["contrast"])


def test_print_shows_no_site_machinery_and_cuts_no_table(visits) -> None:
    assert not visits["printed"], "printed:\n" + "\n".join(visits["printed"])
    assert not visits["cut"], "wider than the printed page:\n" + "\n".join(visits["cut"])
