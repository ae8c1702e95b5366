"""Command line: ``python -m russia_dprk {list,validate,build,check}`` and the commands other packages add.

A package adds a command by declaring an entry point in the group ``russia_dprk.commands`` whose object is a
function taking the argparse sub-parsers and registering one parser with ``set_defaults(run=...)``; the book
adds ``bib``, ``execute`` and ``site`` this way, so the dataset never imports the book.

Every error in the input (a table, the descriptor, the cache) ends in one line per problem naming file, line, field
and rule, and a non-zero exit; never a traceback. A problem in the data exits 1 whichever command meets it, with the
lines ``validate`` prints; a wrong setting or command line exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DatasetError, ValidationFailed

COMMAND_GROUP = "russia_dprk.commands"
OWN_COMMANDS = ("list", "validate", "build", "check")
MAX_PER_FILE = 25


def report(problems: list) -> int:
    """Print problems (at most ``MAX_PER_FILE`` per file, then how many in all); return the exit code."""
    shown: dict[str, int] = {}
    for problem in problems:
        shown[problem.path] = shown.get(problem.path, 0) + 1
        if shown[problem.path] <= MAX_PER_FILE:
            print(problem)
    for path, count in shown.items():
        if count > MAX_PER_FILE:
            print(f"{path}: ... and {count - MAX_PER_FILE} more problem(s) in this file")
    if problems:
        print(f"{len(problems)} problem(s) in all", file=sys.stderr)
        return 1
    return 0


def _list(args: argparse.Namespace) -> int:
    from .catalog import tables

    frame = tables()
    print(frame[["name", "kind", "rows", "data_through", "unit", "title"]].to_string(index=False))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .validation import validate

    problems = validate(args.data_dir) if args.data_dir is not None else validate()
    code = report(problems)
    if not code:
        print("all tables valid")
    return code


def folder(text: str) -> Path:
    """A folder given on the command line; an empty argument is refused rather than read as the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names no folder")
    return Path(text)


def output_file(text: str) -> str:
    """A file to write given on the command line (``-`` is standard output); an empty argument is refused."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names no file (give a file, or - for standard output)")
    return text


def _build(args: argparse.Namespace) -> int:
    from .catalog import resource
    from .derive import steps
    from .pipeline import BUILD_KEYS, build
    from .validation import validate

    rebuilt = {resource(name)["path"] for name in args.tables} if args.tables else None
    # what the build writes anew: the tables' files and the descriptor's record of each (its size and hash)
    records = {f"resources[{name}].{key}" for name in args.tables or steps() for key in BUILD_KEYS}
    problems = [
        p
        for p in validate()
        if not (p.path.startswith("derived/") if rebuilt is None else p.path in rebuilt)
        and not (p.rule == "build-record" and p.field in records)
    ]
    if problems:
        raise ValidationFailed("build", problems)
    for name, path in build(names=args.tables or None).items():
        print(f"{name}: {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .catalog import resource
    from .derive import steps
    from .paths import DATA_DIR
    from .pipeline import declaration_problems, differences
    from .validation import DESCRIPTOR_FILE, Problem, built_problems, file_bytes

    # a derived file that cannot be read is told as validate tells it (a pipe is never waited on)
    unread = [p for name in steps() for p in file_bytes(DATA_DIR, resource(name))[1] if p.rule != "missing-file"]
    # the descriptor's record of each build (its size and hash): a file that differs is told below, by derivation
    built = [p for name in steps() for p in built_problems(DATA_DIR, resource(name))]
    recorded = [p for p in built if p.rule != "derived-edited"]
    if report(declaration_problems() or unread or recorded):
        return 1
    edited = {p.path for p in built if p.rule == "derived-edited"}
    stale = differences()
    told = []  # one line each, as validate tells a problem: file, field, rule, then what to do
    for path in stale:
        if not (DATA_DIR / path).exists():
            told.append(Problem(path, None, "-", "missing-file", "is missing; run `python -m russia_dprk build`"))
        elif path in edited:
            said = "differs from a fresh derivation and from its last build (edited by hand); run `build`"
            told.append(Problem(path, None, "-", "derived-edited", said))
        else:
            said = (
                "is as last built, but a fresh derivation differs: an upstream file or the step's code changed since; "
                "if the change is meant (a new release registered), run `python -m russia_dprk build`"
            )
            told.append(Problem(path, None, "-", "derived-stale", said))
    for path in sorted(edited - set(stale)):  # the file is what a fresh derivation writes: the record was edited
        said = (
            f"the record of {path}'s last build (its 'bytes' and 'hash') was edited by hand: the file matches a fresh "
            "derivation; run `python -m russia_dprk build` to record it anew"
        )
        told.append(Problem(DESCRIPTOR_FILE, None, "-", "build-record-edited", said))
    if not told:
        print("every derived table matches a fresh derivation")
    return report(told)


def _validate_problems() -> list:
    """What ``validate`` finds in the data folder, or nothing where it cannot look (a setting it does not read)."""
    from .validation import validate

    try:
        return validate()
    except (DatasetError, OSError):
        return []


def parser(plugins: bool = True) -> argparse.ArgumentParser:
    """The argument parser, with the dataset's commands and (unless ``plugins`` is false) those other packages
    register."""
    root = argparse.ArgumentParser(
        prog="python -m russia_dprk",
        description="The Russia-DPRK dataset: list, check and re-derive its tables. Every problem in the input is "
        "reported as one line naming file, line, field and rule.",
        epilog="Environment: RUSSIA_DPRK_DATA names the data folder (default: the checkout's data/); "
        "RUSSIA_DPRK_CACHE the folder of downloaded upstream files; RUSSIA_DPRK_OFFLINE=1 forbids downloads; "
        "RUSSIA_DPRK_VALIDATED the folder where loading keeps tables that passed their checks ('off': none). "
        "Exit status: 0 when all is well; 1 when the data have problems, one line each as validate prints them, "
        "whichever command met them; 2 when a setting or the command line is wrong.",
    )
    commands = root.add_subparsers(dest="command", required=True)
    listed = "list every table with its kind, records and the last date it covers"
    commands.add_parser("list", help=listed, description=listed).set_defaults(run=_list)
    checked = "check the descriptor and every table; exit 1 with one line per problem"
    validate = commands.add_parser("validate", help=checked, description=checked)
    validate.add_argument("--data-dir", type=folder, help="validate another copy of the data folder")
    validate.set_defaults(run=_validate)
    derived = (
        "re-derive the derived tables from the upstream files, rewriting their CSV files and the descriptor's sizes "
        "and hashes (atomic: an interrupt leaves the previous files); the other tables must be valid first"
    )
    build = commands.add_parser("build", help=derived, description=derived)
    build.add_argument("tables", nargs="*", help="only these derived tables (default: all)")
    build.set_defaults(run=_build)
    compared = (
        "fail if the descriptor disagrees with the derivation steps or with the size and hash of a derived table's "
        "file, or a derived table is missing or differs from a fresh derivation"
    )
    commands.add_parser("check", help=compared, description=compared).set_defaults(run=_check)
    if plugins:
        from importlib.metadata import entry_points

        for entry in sorted(entry_points(group=COMMAND_GROUP), key=lambda e: e.name):
            entry.load()(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m russia_dprk``."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a value's character gets its escape
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    given = sys.argv[1:] if argv is None else argv
    # The dataset's own commands need no scan of the installed packages' entry points.
    args = parser(plugins=not (given and given[0] in OWN_COMMANDS)).parse_args(given)
    from .paths import data_dir_problem

    problem = data_dir_problem()
    if problem and getattr(args, "data_dir", None) is None:  # an empty setting is never read as the checkout's data
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        from .upstream import offline

        offline()  # a setting is never ignored because a command did not need it (validate reads no download)
        return args.run(args)
    except ValidationFailed as exc:
        print(f"error: {exc.action} refused: the data do not validate", file=sys.stderr)
        return max(report(exc.problems), 1)
    except DatasetError as exc:
        problems = _validate_problems()
        if problems:  # what stopped the command is a problem in the data: told, and counted, as validate tells it
            print(f"error: {args.command} refused: the data do not validate", file=sys.stderr)
            return max(report(problems), 1)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        sys.stderr.close()
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing was changed that had not been completed", file=sys.stderr)
        return 130
