"""Speed and size benchmark: prints each measurement beside its target.

Run from the repository root with the project's environment:  .venv/bin/python tests/benchmark.py [--quick]
(--quick skips the full test suite). Targets are reported, not asserted: this is not a timed test.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from russia_dprk_book.notebooks import local_kernel
from russia_dprk_book.paths import notebooks

REPO = Path(__file__).resolve().parent.parent
TEST_COMMAND = [
    sys.executable,
    "-m",
    "pytest",
    "-q",
    "-n",
    "2",
    "--dist",
    "loadfile",
    "--nbval",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
]
SETUP = "bk.setup()"  # the line after every chapter's imports (style, display options, gc.freeze)
CHAPTER_RATIO, VALIDATE_SECONDS, BUILD_SECONDS = 1.5, 0.5, 20
PAIRS = 5  # chapter-and-floor pairs measured per chapter; the median ratio is reported, with the range
MB = 1024 * 1024
# What the same measures gave when issue 11 was filed (2 cores, side by side), printed beside today's value.
BEFORE = {
    "validate": "1.0 s",
    "site": "18 s (1 PDF)",
    "political": "1.8-2.4 x",
    "economic": "2.3-2.6 x",
    "military": "2.5-3.4 x",
    "data": "3.0 x",
}


def timed(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    code = subprocess.run(command, cwd=REPO, capture_output=True, text=True).returncode
    return time.perf_counter() - start, code


def built(folder: str, pdf: bool, repeats: int = 3) -> tuple[float, str, int, Path]:
    """Build the site ``repeats`` times, each into a fresh folder under ``folder`` (a second build into the same
    folder would be incremental); return the median time, the range, the worst exit code and the last build's HTML.

    One build on a shared 2-core machine can be off by a third either way, hence the median.
    """
    runs = []
    for run in range(repeats):
        output = Path(folder) / f"build-{run}"
        command = [sys.executable, "-m", "russia_dprk", "site", "--output", str(output), *([] if pdf else ["--no-pdf"])]
        runs.append(timed(command))
    seconds = sorted(s for s, _ in runs)
    spread = f"median of {repeats}, {seconds[0]:.1f}-{seconds[-1]:.1f} s"
    return seconds[len(runs) // 2], spread, max(code for _, code in runs), output / "_build" / "html"


def execute_seconds(notebook: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
        config=local_kernel(),
    ).execute()
    return time.perf_counter() - start


def floor_source(notebook: nbformat.NotebookNode) -> str:
    """The chapter's floor: its own import statements (every cell's, in order) and its setup line, nothing else."""
    lines: list[str] = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = cell.source
        for node in ast.parse(source).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                statement = ast.get_source_segment(source, node)
                if statement not in lines:
                    lines.append(statement)
            elif ast.unparse(node) == SETUP and SETUP not in lines:
                lines.append(SETUP)
    return "\n".join(lines)


def chapter_ratios(store: Path, repeats: int = PAIRS) -> list[tuple[str, float, float, float, float, float]]:
    """Each chapter's execution time beside its floor measured right before it (side by side, same run), the ratio
    of its first run, made before any of its checks were kept, and the lowest and highest ratio of its pairs.

    The floor is an empty notebook with the chapter's own imports. Each pair is measured ``repeats`` times and the
    median ratio kept, since a single pair on a shared 2-core machine can be off by a third either way (the range of
    the pairs is reported beside it); the floor reported is that of the median pair. The first run of each chapter
    (not counted) starts with nothing kept in a fresh folder under ``store``: it checks its tables and keeps the
    passes, as a reader's first run does; the counted runs read them (see ``russia_dprk.validated_cache``).
    """
    rows = []
    for path in notebooks():
        chapter = nbformat.read(path, as_version=4)
        floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(floor_source(chapter))])
        os.environ["RUSSIA_DPRK_VALIDATED"] = str(store / path.stem)  # kernels read the setting as they start
        execute_seconds(floor_nb, REPO / "book")  # warm-up, not counted: the first kernel of a run starts cold
        first = execute_seconds(nbformat.read(path, as_version=4), REPO / "book") / execute_seconds(
            floor_nb, REPO / "book"
        )
        pairs = []
        for _ in range(repeats):
            floor = execute_seconds(floor_nb, REPO / "book")
            notebook = nbformat.read(path, as_version=4)
            pairs.append((execute_seconds(notebook, REPO / "book") / floor, floor))
        ratio, floor = sorted(pairs)[len(pairs) // 2]
        rows.append((path.stem, ratio * floor, floor, first, min(pairs)[0], max(pairs)[0]))
    return rows


def measuring_environment(tmp: str) -> None:
    """Run every measured process as a default Python install runs: with compiled bytecode kept (here under
    ``tmp``, never in the working tree, even where ``PYTHONDONTWRITEBYTECODE`` is set), and with passes of the
    data checks kept in a folder of this run (see :func:`chapter_ratios`)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
    os.environ["RUSSIA_DPRK_VALIDATED"] = str(Path(tmp) / "validated")


def page_weights(site: Path) -> list[tuple[str, int]]:
    weights = []
    for page in sorted(site.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        images = set(re.findall(r'<img[^>]+src="([^"]+)"', html))
        size = page.stat().st_size + sum((site / src).stat().st_size for src in images if (site / src).exists())
        weights.append((page.name, size))
    return weights


def report(label: str, value: str, target: str, ok: bool, before: str = "", note: str = "") -> None:
    verdict = "ok" if ok else "MISSED"
    extra = "; ".join(part for part in (before and "before: " + before, note) if part)
    print(f"{label:<44} {value:>12}   target {target:<14} {verdict:<7} {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the full test suite")
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory()
    measuring_environment(scratch.name)

    if not args.quick:
        seconds, code = timed(TEST_COMMAND)
        report(f"full test suite (exit {code})", f"{seconds:.1f} s", "< 600 s (CI)", seconds < 600 and code == 0)

    with tempfile.TemporaryDirectory() as tmp:
        seconds, spread, code, site = built(tmp, pdf=True)
        report(
            f"book build with PDFs (exit {code})",
            f"{seconds:.1f} s",
            f"< {BUILD_SECONDS} s",
            seconds < BUILD_SECONDS and code == 0,
            BEFORE["site"],
            spread,
        )
        total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        report("built site size", f"{total / MB:.2f} MB", "<= 20 MB", total <= 20 * MB)
        for name, size in page_weights(site):
            report(f"  page {name} with its images", f"{size / MB:.2f} MB", "<= 1.5 MB", size <= 1.5 * MB)
    with tempfile.TemporaryDirectory() as tmp:
        seconds, spread, code, _ = built(tmp, pdf=False)
        report(
            f"  of which the HTML build alone (exit {code})",
            f"{seconds:.1f} s",
            f"< {BUILD_SECONDS} s",
            seconds < BUILD_SECONDS and code == 0,
            note=spread,
        )

    seconds = min(timed([sys.executable, "-m", "russia_dprk", "validate"])[0] for _ in range(3))
    report(
        "python -m russia_dprk validate",
        f"{seconds:.2f} s",
        f"< {VALIDATE_SECONDS} s",
        seconds < VALIDATE_SECONDS,
        BEFORE["validate"],
    )

    for chapter, seconds, floor, first, lowest, highest in chapter_ratios(Path(scratch.name) / "chapters"):
        report(
            f"  execute {chapter} (floor {floor:.1f} s)",
            f"{seconds / floor:.2f} x",
            f"<= {CHAPTER_RATIO} x floor",
            seconds <= CHAPTER_RATIO * floor,
            BEFORE.get(chapter, ""),
            f"median of {PAIRS} pairs, {lowest:.2f}-{highest:.2f} x; first run, checking its tables: {first:.2f} x",
        )
    scratch.cleanup()


if __name__ == "__main__":
    main()
