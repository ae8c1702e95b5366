"""The book's commands for ``python -m russia_dprk``: ``bib``, ``execute`` and ``site``.

Each is registered through the ``russia_dprk.commands`` entry point and validates the data before it does
anything, so no bibliography, notebook or page is made from data that break their rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from russia_dprk.cli import folder, output_file
from russia_dprk.errors import DatasetError, ValidationFailed


def require_valid_data(action: str) -> None:
    """Refuse ``action`` unless every table validates."""
    from russia_dprk.validation import validate

    problems = validate()
    if problems:
        raise ValidationFailed(action, problems)


def _bib(args: argparse.Namespace) -> int:
    from .bibliography import bibtex

    require_valid_data("bib")
    text = bibtex()
    try:
        if args.output == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            Path(args.output).write_text(text, encoding="utf-8")
    except BrokenPipeError:
        raise
    except OSError as exc:  # a failed write (a full disk) names no file of its own
        where = "standard output" if args.output == "-" else args.output
        raise OSError(exc.errno, exc.strerror, exc.filename or where) from None
    return 0


def _execute(args: argparse.Namespace) -> int:
    from nbclient.exceptions import CellExecutionError

    from .notebooks import execute, read

    require_valid_data("execute")
    for name in args.notebooks:
        path = Path(name)
        if path.suffix != ".ipynb" or not path.is_file():
            raise DatasetError(f"{name}: not a notebook file (expected an existing .ipynb)")
        try:
            notebook = read(path)
        except ValueError as exc:
            raise DatasetError(f"{name}: {exc}") from None
        print(f"executing {path}")
        try:
            execute(path, notebook)
        except CellExecutionError as exc:
            raise DatasetError(
                f"{path}: a cell failed ({exc.ename}: {exc.evalue}); the notebook was not saved"
            ) from None
    return 0


def _site(args: argparse.Namespace) -> int:
    from .site import build_site

    require_valid_data("site")
    if args.output is not None:
        args.output.mkdir(parents=True, exist_ok=True)  # an output the build cannot write is refused here, in one line
    return build_site(args.output, pdf=not args.no_pdf)


def bib(commands: argparse._SubParsersAction) -> None:
    """Register ``bib FILE``: write the BibTeX bibliography of the source registry."""
    parser = commands.add_parser("bib", help="write the BibTeX bibliography of the source registry")
    parser.add_argument(
        "output", nargs="?", default="-", type=output_file, help="file to write, or - for standard output"
    )
    parser.set_defaults(run=_bib)


def execute(commands: argparse._SubParsersAction) -> None:
    """Register ``execute NOTEBOOK ...``: rerun notebooks in place."""
    parser = commands.add_parser("execute", help="run notebooks in place and save their outputs")
    parser.add_argument("notebooks", nargs="+", help="notebook files, such as book/economic.ipynb")
    parser.set_defaults(run=_execute)


def site(commands: argparse._SubParsersAction) -> None:
    """Register ``site``: build the PDFs and the HTML book."""
    parser = commands.add_parser(
        "site", help="build the book and its two PDFs into book/_build/html, warnings as errors"
    )
    parser.add_argument("--output", type=folder, help="build into OUTPUT/_build/html instead of book/_build/html")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (they need Debian's chromium)")
    parser.set_defaults(run=_site)
