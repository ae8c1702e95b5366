"""Build the published book: the Jupyter Book site, strict, from the committed notebook outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from .paths import BOOK_DIR

PDF_NAME = "russia-dprk-book.pdf"
CHROMIUM_OFFLINE_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          "--disable-dev-shm-usage"]
REPOSITORY_ENV = "RUSSIA_DPRK_REPOSITORY_URL"
LAUNCH_BUTTONS = {"notebook_interface": "jupyterlab", "binderhub_url": "https://mybinder.org",
                  "colab_url": "https://colab.research.google.com"}


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


def _jupyter_book(output: Path, config: Path | None, builder: str = "html") -> int:
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(BOOK_DIR),
               "--builder", builder, "--path-output", str(output), "-W", "-n", "--keep-going"]
    if config:
        command += ["--config", str(config)]
    return subprocess.run(command, check=False).returncode


def build_pdf(config: Path | None, work: Path) -> Path:
    """The whole book as one PDF: the single-page HTML build printed by headless Chromium, offline."""
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("the PDF needs Debian's chromium (apt-get install chromium); "
                         "or build without it: python -m russia_dprk site --no-pdf")
    if _jupyter_book(work, config, builder="singlehtml") != 0:
        raise SystemExit("the single-page build for the PDF failed")
    target = work / PDF_NAME
    page = work / "_build" / "singlehtml" / "intro.html"
    subprocess.run([chromium, "--headless", "--no-pdf-header-footer", *CHROMIUM_OFFLINE_FLAGS, f"--user-data-dir={work / 'chromium'}", f"--print-to-pdf={target}",
                    page.as_uri()], check=False, capture_output=True)
    if not target.exists() or target.stat().st_size == 0:
        raise SystemExit(f"chromium did not write {target}")
    return target


def build_site(output: Path | None = None, pdf: bool = True) -> int:
    """Build the PDF, then the HTML site, and put the PDF beside the pages that link it; return the exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        config = None
        repository_url = os.environ.get(REPOSITORY_ENV)
        if repository_url:
            config = Path(tmp) / "_config.yml"
            config.write_text(yaml.safe_dump(book_config(repository_url), sort_keys=False), encoding="utf-8")
        pdf_file = build_pdf(config, Path(tmp) / "single") if pdf else None
        code = _jupyter_book(output or BOOK_DIR, config)
        if code == 0 and pdf_file:
            shutil.copy(pdf_file, html_dir(output) / PDF_NAME)
        return code
