"""Command line: ``python -m russia_dprk {list,validate,build,check,bib,execute,site}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DatasetError

MAX_PER_FILE = 25


def _list(args: argparse.Namespace) -> int:
    from .catalog import tables

    frame = tables()
    print(frame[["name", "kind", "rows", "unit", "title"]].to_string(index=False))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .validation import validate

    problems = validate(Path(args.data_dir)) if args.data_dir else validate()
    shown: dict[str, int] = {}
    for problem in problems:
        shown[problem.path] = shown.get(problem.path, 0) + 1
        if shown[problem.path] <= MAX_PER_FILE:
            print(problem)
    for path, count in shown.items():
        if count > MAX_PER_FILE:
            print(f"{path}: ... and {count - MAX_PER_FILE} more problem(s)")
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("all tables valid")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build

    for name, path in build(names=args.tables or None).items():
        print(f"{name}: {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .pipeline import differences

    stale = differences()
    for path in stale:
        print(f"{path}: differs from a fresh derivation; run `python -m russia_dprk build`")
    if not stale:
        print("every derived table matches a fresh derivation")
    return 1 if stale else 0


def _bib(args: argparse.Namespace) -> int:
    from .bibliography import bibtex

    text = bibtex()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from .notebooks import execute

    for path in args.notebooks:
        print(f"executing {path}")
        execute(Path(path))
    return 0


def _site(args: argparse.Namespace) -> int:
    from .site import build_site

    return build_site(Path(args.output) if args.output else None, pdf=not args.no_pdf)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m russia_dprk``."""
    parser = argparse.ArgumentParser(prog="python -m russia_dprk", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list every table").set_defaults(run=_list)
    validate = commands.add_parser("validate", help="check every table against datapackage.json")
    validate.add_argument("--data-dir", help="validate another copy of the data folder")
    validate.set_defaults(run=_validate)
    build = commands.add_parser("build", help="re-derive the derived tables from the upstream files")
    build.add_argument("tables", nargs="*", help="only these tables")
    build.set_defaults(run=_build)
    commands.add_parser("check", help="fail if a derived table differs from a fresh derivation").set_defaults(run=_check)
    bib = commands.add_parser("bib", help="write the BibTeX bibliography of the source registry")
    bib.add_argument("output", nargs="?", default="-", help="file to write, or - for standard output")
    bib.set_defaults(run=_bib)
    execute = commands.add_parser("execute", help="run notebooks in place and save their outputs")
    execute.add_argument("notebooks", nargs="+")
    execute.set_defaults(run=_execute)
    site = commands.add_parser("site", help="build the book into book/_build/html with warnings as errors")
    site.add_argument("--output", help="build into OUTPUT/_build/html instead of book/_build/html")
    site.add_argument("--no-pdf", action="store_true", help="skip the PDF (it needs Debian's chromium)")
    site.set_defaults(run=_site)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DatasetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
