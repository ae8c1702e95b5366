"""The published site as readers get it: every page opened in headless Chromium from a local server.

Fails on a console error, a page error, a broken image or internal link, a script dialog, or any request to
another host; saves a full-page screenshot of every page under test-artifacts/screenshots/.
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

from russia_dprk.site import CHROMIUM_OFFLINE_FLAGS

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail("Debian's chromium is required for the browser test (.ci/run installs it)", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
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


def pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html"))


def test_site_has_pages(built_site: Path) -> None:
    assert {"intro.html", "political.html", "economic.html", "military.html", "scorecard.html",
            "methods.html", "data.html", "references.html"} <= set(pages(built_site))


def test_every_page_loads_cleanly_and_offline(built_site: Path, server: str, browser) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    host = urlparse(server).netloc
    problems: list[str] = []
    internal_links: set[str] = set()
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(route, request) -> None:
        if urlparse(request.url).netloc in (host, "") or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            problems.append(f"request to another host: {request.url}")
            route.abort()

    context.route("**/*", route)
    for name in pages(built_site):
        page = context.new_page()
        page.on("console", lambda msg, n=name: msg.type == "error" and problems.append(f"{n}: console error: {msg.text}"))
        page.on("pageerror", lambda exc, n=name: problems.append(f"{n}: page error: {exc}"))
        page.on("dialog", lambda dialog, n=name: (problems.append(f"{n}: script dialog: {dialog.message}"), dialog.dismiss()))
        page.on("requestfailed", lambda req, n=name: urlparse(req.url).netloc == host and
                problems.append(f"{n}: failed request: {req.url}"))
        response = page.goto(f"{server}/{name}", wait_until="load")
        assert response is not None and response.ok, name
        if name == "index.html":
            page.wait_for_url("**/intro.html")
        page.wait_for_load_state("networkidle")
        broken = page.eval_on_selector_all(
            "img", "imgs => imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        problems.extend(f"{name}: broken image: {src}" for src in broken)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            url = urldefrag(href).url
            if urlparse(url).netloc == host:
                internal_links.add(url)
        page.screenshot(path=str(ARTIFACTS / f"{Path(name).stem}.png"), full_page=True)
        page.close()
    context.close()
    for url in sorted(internal_links):
        try:
            with urllib.request.urlopen(url) as reply:
                if reply.status != 200:
                    problems.append(f"broken link: {url} ({reply.status})")
        except OSError as exc:
            problems.append(f"broken link: {url} ({exc})")
    assert not problems, "\n".join(problems)
    assert len(list(ARTIFACTS.glob("*.png"))) >= len(pages(built_site))
