"""Property tests of the data rules: whatever is done to a cell, a header, a file's bytes or the descriptor, the
commands either accept the data (exit 0, data unchanged, and ``load`` returns exactly what the file holds) or refuse
them with one well-formed line per problem and a non-zero exit; never a traceback.

The commands run in-process through ``russia_dprk.cli.main`` against a scratch copy of the data folder. The
package binds its data folder at import (``paths.DATA_DIR``, ``catalog.DATA_DIR`` and default arguments such as
``validate``'s), so :func:`pointed_at` repoints all of them; ``test_the_environment_variable_route`` runs
a few cases through ``python -m russia_dprk`` with ``RUSSIA_DPRK_DATA`` set, the route a user takes.

Classes found by these properties (descriptor constraints that do not fit their field, numbers beyond a float's
precision, impossible months) are pinned by the named tests at the end of this file and in test_escaping.py.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import importlib
import inspect
import io
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import fastjsonschema
import pandas as pd
import pytest
import russia_dprk.catalog as catalog
import russia_dprk.paths as paths
import russia_dprk.validation as validation
import russia_dprk.validation.descriptor as descriptor_rules
from csv_rows import read_rows, write_rows
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from russia_dprk import cli
from russia_dprk.errors import DatasetError, TableError

REPO = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns("russia_dprk", "*.egg-info", "__pycache__", "pyproject.toml", "README.md")
DESCRIPTOR = "datapackage.json"
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- one line per problem ----------------------------------------------------------------------------------------

PATH = r"[A-Za-z0-9_./-]+"
QUOTED = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
PROBLEM_LINE = re.compile(rf"(?P<path>{PATH}): (?:line [1-9][0-9]*|file), field {QUOTED}: [a-z][a-z-]*: \S.*")
ERROR_LINE = re.compile(r"error: \S.*")
COUNT_LINE = re.compile(r"[1-9][0-9]* problem\(s\) in all")
MORE_LINE = re.compile(rf"{PATH}: \.\.\. and [1-9][0-9]* more problem\(s\) in this file")


# --- a scratch copy the commands read --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A valid copy of the live data folder (the live tables are edited concurrently: wait for a valid moment)."""
    problems: list = []
    for _ in range(10):
        target = tmp_path_factory.mktemp("pristine") / "data"
        shutil.copytree(REPO / "data", target, ignore=IGNORE)
        problems = validation.validate(target)
        if not problems:
            return target
        time.sleep(15)
    pytest.fail(f"the live data did not validate for 150 s (mid-edit?): {problems[0]}; rerun later")


@contextlib.contextmanager
def scratch(pristine: Path):
    with tempfile.TemporaryDirectory(prefix="rd-property-") as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(pristine, target)
        yield target


def clear_caches() -> None:
    """Forget every cached descriptor, check and frame (``catalog``'s lru caches, whatever their names)."""
    for value in list(vars(catalog).values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def _bound_to_data(default: Path) -> list:
    """The package's functions whose default arguments hold the data folder (bound when the module was imported)."""
    found = []
    rules = [
        importlib.import_module(f"{validation.__name__}.{m.name}") for m in pkgutil.iter_modules(validation.__path__)
    ]
    for module in (*rules, catalog):
        for value in vars(module).values():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and value.__defaults__
                and any(isinstance(d, Path) and d == default for d in value.__defaults__)
            ):
                found.append(value)
    return found


@contextlib.contextmanager
def pointed_at(data_dir: Path):
    """Every place the package keeps its data folder, pointed at ``data_dir`` for the duration."""
    original = paths.DATA_DIR
    functions = _bound_to_data(original)
    saved = ([f.__defaults__ for f in functions], catalog.DATA_DIR, os.environ.get(paths.DATA_ENV))
    try:
        paths.DATA_DIR = catalog.DATA_DIR = data_dir
        for function in functions:
            function.__defaults__ = tuple(
                data_dir if isinstance(d, Path) and d == original else d for d in function.__defaults__
            )
        os.environ[paths.DATA_ENV] = str(data_dir)
        clear_caches()
        yield
    finally:
        paths.DATA_DIR, catalog.DATA_DIR = original, saved[1]
        for function, defaults in zip(functions, saved[0], strict=True):
            function.__defaults__ = defaults
        if saved[2] is None:
            os.environ.pop(paths.DATA_ENV, None)
        else:
            os.environ[paths.DATA_ENV] = saved[2]
        clear_caches()


def run(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    """``python -m russia_dprk ARGV`` in-process on ``data_dir``: exit code, stdout, stderr (warnings included)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pointed_at(data_dir),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue() + "".join(f"warning: {w.message}\n" for w in caught)


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def problem_lines(data_dir: Path) -> list[str]:
    return [str(p) for p in validation.validate(data_dir)]


def assert_outcome(
    data_dir: Path,
    before: dict[str, bytes],
    argv: tuple[str, ...],
    result: tuple[int, str, str],
    accepted: bool,
    problems: list[str],
) -> None:
    """Accepted data: exit 0, nothing on stderr. Refused data: non-zero exit, only well-formed lines. Both: the data
    are unchanged and no traceback."""
    code, out, err = result
    label = f"{' '.join(argv)} -> exit {code}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
    assert snapshot(data_dir) == before, f"the command changed the data: {label}"
    assert "Traceback" not in out + err, label
    if accepted:
        assert code == 0 and err == "", label
        if argv[0] == "validate":
            assert out == "all tables valid\n", label
        return
    assert code != 0, label
    lines = [line for line in (out + err).splitlines() if line]
    assert lines, label
    for line in lines:
        assert any(pattern.fullmatch(line) for pattern in (PROBLEM_LINE, ERROR_LINE, COUNT_LINE, MORE_LINE)), (
            f"malformed output line {line!r}\n{label}"
        )
    shown = [line for line in out.splitlines() if PROBLEM_LINE.fullmatch(line)]
    if argv[0] in ("validate", "bib"):  # both print validate's report: the first 25 problems of each file
        assert shown and set(shown) <= set(problems), label
    if argv[0] == "list" and not shown:  # one line naming the first problem of the first table that fails
        first = re.sub(
            r" \(and [0-9]+ more problem\(s\); run `python -m russia_dprk validate`\)$",
            "",
            err.splitlines()[0].removeprefix("error: "),
        )
        # a table refused for a table it refers to quotes that table's first problem as validate prints it
        first = re.sub(r"^[a-z_]+ refers to [a-z_]+, which (?:does not validate|cannot be read): ", "", first)
        assert first in problems or first.startswith(DESCRIPTOR), label


def check_commands(data_dir: Path, commands: list[tuple[str, ...]]) -> list[str]:
    """Run ``validate`` (the oracle) then ``commands`` on ``data_dir``; every outcome must agree with the oracle.

    Returns the problem lines ``validate`` printed (at most 25 a file, so always the first problem of each file).
    """
    before = snapshot(data_dir)
    result = run(data_dir, "validate")
    problems = [line for line in result[1].splitlines() if PROBLEM_LINE.fullmatch(line)]
    assert_outcome(data_dir, before, ("validate",), result, result[0] == 0, problems)
    event("accepted" if result[0] == 0 else f"refused: {problems[0].split(': ')[2] if problems else 'error'}")
    for argv in commands:
        done = run(data_dir, *argv)
        assert_outcome(data_dir, before, argv, done, not problems, problems)
        if argv[0] == "bib" and problems:
            assert done[1] == result[1], "bib must refuse with validate's report"
    return problems


# --- reading and rewriting files ----------------------------------------------------------------------------------


def package_of(data_dir: Path) -> dict[str, Any]:
    return json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))


def field_of(entry: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((f for f in entry["schema"]["fields"] if f["name"] == name), None)


def typed_expectation(text: str, field: dict[str, Any]) -> Any:
    """What a cell's text means under its field's type (numbers as exact decimals)."""
    if text == "":
        return None
    return {"integer": int, "number": Decimal, "date": dt.date.fromisoformat, "boolean": lambda t: t == "true"}.get(
        field["type"], str
    )(text)


def loaded_value(value: Any, field: dict[str, Any]) -> Any:
    """What ``load`` returned for a cell, in the form of :func:`typed_expectation`."""
    if value is None or pd.isna(value):
        return None
    kind = field["type"]
    if kind == "integer":
        return int(value)
    if kind == "number":
        return Decimal(repr(float(value)))
    if kind == "date":
        return value.date()
    if kind == "boolean":
        return bool(value)
    return str(value)


def check_load(data_dir: Path, entry: dict[str, Any], problems: list[str]) -> None:
    """``load`` refuses a table exactly when ``validate`` reports a problem in it, with the same first line; and
    what it returns holds exactly the values the file's text spells."""
    own = [p for p in problems if p.startswith(f"{entry['path']}: ")]
    with pointed_at(data_dir):
        if own:
            with pytest.raises(TableError) as refused:
                catalog.load(entry["name"])
            assert str(refused.value).startswith(own[0]), (str(refused.value), own[0])
            return
        if problems and any(p.startswith(DESCRIPTOR) for p in problems):
            with pytest.raises(DatasetError):
                catalog.load(entry["name"])
            return
        frame = catalog.load(entry["name"])
    rows = read_rows(data_dir / entry["path"])
    assert len(frame) == len(rows) - 1
    for field in entry["schema"]["fields"]:
        index = rows[0].index(field["name"])
        written = [typed_expectation(row[index], field) for row in rows[1:]]
        loaded = [loaded_value(v, field) for v in frame[field["name"]]]
        assert loaded == written, (entry["name"], field["name"])


# --- strategies ---------------------------------------------------------------------------------------------------

INVISIBLE = st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Mn"])
CELL = st.one_of(
    st.just(""),
    st.text(max_size=24),
    st.text(INVISIBLE, min_size=1, max_size=4),
    st.builds(
        lambda a, b, c: a + b + c, st.text(max_size=6), st.text(INVISIBLE, min_size=1, max_size=2), st.text(max_size=6)
    ),
    st.integers().map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(lambda n: f"{n:,}"),
    st.floats().map(repr),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda x: f"{x:.30g}"),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
    st.from_regex(r"-?[0-9]{1,5}-[0-9]{1,2}(-[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(
        [
            "true",
            "false",
            "True",
            "NaN",
            "inf",
            "-inf",
            "-0",
            "+1",
            "015",
            "1e309",
            "0x1A",
            "１２",
            "٣",
            "NA",
            "null",
            "\ufeff1",
            "1\u200b",
            "Moscow\u202e",
            "javascript:alert(1)",
            "https://example.org/},month={jan",
            '"',
            "a\nb",
            "a\rb",
            "\x00",
            "S/RES/1718 (2006)",
        ]
    ),
)
NEAR_MISS_KEY = st.sampled_from(
    [
        lambda k: k + "s",
        lambda k: k[:-1],
        lambda k: k.upper(),
        lambda k: " " + k,
        lambda k: k.replace("-", "_"),
        lambda k: k.replace("x-", ""),
        lambda k: "x-" + k,
    ]
)
ANY_JSON = st.sampled_from([None, True, False, 0, -1, 1.5, "", "x", "2024-01-01", [], {}, [""], {"x": 1}])


@st.composite
def cell_change(draw, package: dict[str, Any], data_dir: Path):
    entry = draw(st.sampled_from(package["resources"]))
    rows = read_rows(data_dir / entry["path"])
    row = draw(st.integers(1, len(rows) - 1))
    column = draw(st.integers(0, len(rows[0]) - 1))
    return entry, row, column, draw(CELL)


# --- the properties -----------------------------------------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_any_cell_value_is_accepted_exactly_or_refused_cleanly(pristine: Path, data) -> None:
    entry, row, column, value = data.draw(cell_change(package_of(pristine), pristine))
    with scratch(pristine) as copy_dir:
        rows = read_rows(copy_dir / entry["path"])
        rows[row][column] = value
        write_rows(copy_dir / entry["path"], rows)
        problems = check_commands(copy_dir, [("bib", "-")])
        check_load(copy_dir, entry, problems)  # refused exactly when validate refuses, else every value as written


@PROPERTY
@given(data=st.data())
def test_any_header_change_is_refused_with_the_column_named(pristine: Path, data) -> None:
    package = package_of(pristine)
    entry = data.draw(st.sampled_from(package["resources"]))
    header = read_rows(pristine / entry["path"])[0]
    width = len(header)
    change = data.draw(st.sampled_from(["drop", "rename", "near-miss", "swap", "shuffle", "duplicate", "bom", "extra"]))
    i, j = data.draw(st.integers(0, width - 1)), data.draw(st.integers(0, width - 1))
    with scratch(pristine) as copy_dir:
        path = copy_dir / entry["path"]
        rows = read_rows(path)
        encoding = "utf-8"
        if change == "drop":
            rows = [r[:i] + r[i + 1 :] for r in rows]
        elif change == "rename":
            rows[0][i] = data.draw(st.text(max_size=16))
        elif change == "near-miss":
            rows[0][i] = data.draw(NEAR_MISS_KEY)(rows[0][i])
        elif change == "swap":
            rows = [[*r] for r in rows]
            for r in rows:
                r[i], r[j] = r[j], r[i]
        elif change == "shuffle":
            order = data.draw(st.permutations(range(width)))
            rows = [[r[k] for k in order] for r in rows]
        elif change == "duplicate":
            rows[0][i] = rows[0][j]
        elif change == "bom":
            encoding = "utf-8-sig"
        else:
            rows = [[*r, data.draw(st.text(max_size=8)) if n == 0 else ""] for n, r in enumerate(rows)]
        write_rows(path, rows, encoding)
        problems = check_commands(copy_dir, [("bib", "-")])
        check_load(copy_dir, entry, problems)
        if rows[0] != header or encoding != "utf-8":
            assert any(p.startswith(f"{entry['path']}: line 1, ") for p in problems), problems
        else:
            assert not problems, problems


ENCODINGS = [
    "latin-1",
    "cp1252",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "utf-8-sig",
    "crlf",
    "truncate",
    "insert",
    "strip-newline",
]


@PROPERTY
@given(data=st.data())
def test_any_damage_to_a_files_bytes_is_refused_cleanly(pristine: Path, data) -> None:
    package = package_of(pristine)
    target = data.draw(st.sampled_from([DESCRIPTOR, *sorted({e["path"] for e in package["resources"]})]))
    damage = data.draw(st.sampled_from(ENCODINGS))
    with scratch(pristine) as copy_dir:
        path = copy_dir / target
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        if damage in ("latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32", "utf-8-sig"):
            damaged = text.encode(damage, errors="replace")
        elif damage == "crlf":
            damaged = raw.replace(b"\n", b"\r\n")
        elif damage == "truncate":
            damaged = raw[: data.draw(st.integers(0, len(raw) - 1))]
        elif damage == "insert":
            at = data.draw(st.integers(0, len(raw)))
            damaged = raw[:at] + data.draw(st.binary(min_size=1, max_size=3)) + raw[at:]
        else:
            damaged = raw.rstrip(b"\n")
        path.write_bytes(damaged)
        problems = check_commands(copy_dir, [("bib", "-")])
        tables = [e for e in package["resources"] if e["path"] == target] or [package["resources"][0]]
        for entry in tables:
            check_load(copy_dir, entry, problems)
        if damage in ("utf-16", "utf-16-le", "utf-32") or (damage == "strip-newline" and target != DESCRIPTOR):
            assert any(p.startswith(f"{target}: ") for p in problems), problems


def key_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every dictionary key in the descriptor, as a path of keys and list indices."""
    found: list[tuple] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found += key_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += key_paths(value, (*prefix, index))
    return found


@st.composite
def descriptor_change(draw, package: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(package)
    where = draw(st.sampled_from(key_paths(package)))
    parent = changed
    for part in where[:-1]:
        parent = parent[part]
    key = where[-1]
    action = draw(st.sampled_from(["rename", "near-miss", "delete", "retype", "wrap", "stringify"]))
    if action == "rename":
        parent[draw(st.text(max_size=12))] = parent.pop(key)
    elif action == "near-miss":
        parent[draw(NEAR_MISS_KEY)(key)] = parent.pop(key)
    elif action == "delete":
        del parent[key]
    elif action == "retype":
        parent[key] = draw(ANY_JSON)
    elif action == "wrap":
        parent[key] = [parent[key]]
    else:
        parent[key] = json.dumps(parent[key]) if not isinstance(parent[key], str) else {"value": parent[key]}
    return changed


@PROPERTY
@given(data=st.data())
def test_any_descriptor_key_change_is_accepted_or_refused_cleanly(pristine: Path, data) -> None:
    changed = data.draw(descriptor_change(package_of(pristine)))
    with scratch(pristine) as copy_dir:
        (copy_dir / DESCRIPTOR).write_text(json.dumps(changed, indent=2, ensure_ascii=False), encoding="utf-8")
        problems = check_commands(copy_dir, [("bib", "-")])
        if problems and all(p.startswith(DESCRIPTOR) for p in problems):
            with pointed_at(copy_dir), pytest.raises(DatasetError):
                catalog.descriptor()


@PROPERTY
@given(data=st.data())
def test_the_compiled_schema_check_accepts_only_what_the_reference_validator_accepts(pristine: Path, data) -> None:
    """``validate`` trusts the compiled (fastjsonschema) check only when it accepts; it must never accept a
    descriptor that ``jsonschema`` finds an error in."""
    changed = data.draw(descriptor_change(package_of(pristine)))
    reference = list(descriptor_rules._schema_validator().iter_errors(changed))
    try:
        descriptor_rules._schema_accepts()(changed)
    except fastjsonschema.JsonSchemaException:
        return
    assert not reference, [e.message for e in reference]


@PROPERTY
@given(data=st.data())
def test_list_agrees_with_validate(pristine: Path, data) -> None:
    package = package_of(pristine)
    kind = data.draw(st.sampled_from(["cell", "descriptor", "truncate", "none"]))
    with scratch(pristine) as copy_dir:
        if kind == "cell":
            entry, row, column, value = data.draw(cell_change(package, copy_dir))
            rows = read_rows(copy_dir / entry["path"])
            rows[row][column] = value
            write_rows(copy_dir / entry["path"], rows)
        elif kind == "descriptor":
            changed = data.draw(descriptor_change(package))
            (copy_dir / DESCRIPTOR).write_text(json.dumps(changed, indent=2), encoding="utf-8")
        elif kind == "truncate":
            path = copy_dir / data.draw(st.sampled_from(sorted({e["path"] for e in package["resources"]})))
            raw = path.read_bytes()
            path.write_bytes(raw[: data.draw(st.integers(0, len(raw) - 1))])
        check_commands(copy_dir, [("list",)])


# --- round trip of valid numbers and dates ----------------------------------------------------------------------


def spellings(value: float) -> st.SearchStrategy[str]:
    """Ways of writing a float that the rules accept in a table entered by hand: shortest repr unless it takes an
    exponent (scientific notation is refused there), positional, a trailing zero."""
    shortest = repr(value)
    positional = format(Decimal(shortest), "f")
    options = [positional] + ([shortest] if "e" not in shortest.lower() else [])
    if "." in positional:
        options.append(positional + "0")
    return st.sampled_from(options)


def free_fields(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Numeric and date fields no key, unique key, reference, ordering, sum, reported-after, precision, requirement,
    key-date, carries, era, located, tally, sequence, number-order, condition, period, span, dependency, stated,
    agree-within, steady, cumulative, nested, share-of or one-holder rule ties to another cell."""
    schema = entry["schema"]
    tied = set(schema["primaryKey"]) | {f for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
    tied |= {f for pair in entry.get("x-not-greater", []) for f in pair}
    tied |= {f for rule in entry.get("x-sum-at-most", []) for f in rule["fields"]}
    tied |= {f for group in schema.get("uniqueKeys", []) for f in group}
    tied |= {entry["x-reported-after"]["date"]} if "x-reported-after" in entry else set()  # tied to its source's date
    tied |= set(entry["x-date-precision"]["dates"]) if "x-date-precision" in entry else set()  # tied to the precision
    tied |= {
        f for pair in entry.get("x-requires", []) for f in pair
    }  # a number tied to its unit, a date to its precision
    tied |= {entry["x-total-of-parts"]["value"]} if "x-total-of-parts" in entry else set()  # a total to its parts
    tied |= {entry["x-rank"][k] for k in ("rank", "value")} if "x-rank" in entry else set()  # a rank to its neighbours
    tied |= {r[k] for r in entry.get("x-key-date", []) for k in ("field", "date")}  # a date to its key's date
    tied |= {r[k] for r in entry.get("x-carries", []) for k in ("field", "equals")}  # a value to the key carrying it
    tied |= {entry["x-era"]["date"]} if "x-era" in entry else set()  # a date to the country codes of its row
    tied |= {entry["x-located"][k] for k in ("lat", "lon")} if "x-located" in entry else set()  # in its country
    gaps = [c for r in entry.get("x-when", []) for c in validation.when_conditions(r) if c.get("empty")]
    tied |= {c["field"] for c in gaps}  # a gap to its note
    tied |= set(entry["x-tally"]["counts"].values()) if "x-tally" in entry else set()  # a count to the named votes
    tied |= {r["date"] for r in entry.get("x-sequence", [])}  # an event to the events before it
    tied |= {r["date"] for r in entry.get("x-number-order", [])}  # a document to the lower-numbered ones
    tied |= {f for r in entry.get("x-when", []) for f in r["then"]["fields"]}  # a cell to its row's condition
    tied |= {entry["x-period"][k] for k in ("start", "end")} if "x-period" in entry else set()  # whole quarters
    tied |= {entry["x-span-at-most"]["end"]} if "x-span-at-most" in entry else set()  # an end near its start
    tied |= {f for pair in entry.get("x-determines", []) for f in pair}  # one key, one value
    tied |= {rule["field"] for rule in entry.get("x-stated", [])}  # a value its quotation states
    tied |= {rule["field"] for rule in entry.get("x-agree-within", [])}  # a figure to other sources' figures
    tied |= {rule["field"] for rule in entry.get("x-steady", [])}  # a figure to the years beside it
    tied |= {entry["x-cumulative"]["value"]} if "x-cumulative" in entry else set()  # a total to earlier totals
    tied |= {entry["x-nested"]["value"]} if "x-nested" in entry else set()  # a count to the periods inside it
    tied |= {entry["x-share-of"]["value"]} if "x-share-of" in entry else set()  # a part to its whole and share
    tied |= {entry["x-one-holder"]["date"]} if "x-one-holder" in entry else set()  # an office to its holders
    tied |= {"bytes"} if entry["name"] == "upstream" else set()  # a registered size to the file the cache holds
    return [
        f
        for f in schema["fields"]
        if f["type"] in ("integer", "number", "date")
        and f["name"] not in tied
        and not f.get("constraints", {}).get("unique")
    ]


@st.composite
def valid_value(draw, field: dict[str, Any], latest: dt.date) -> str:
    constraints = field.get("constraints", {})
    if not constraints.get("required") and draw(st.integers(0, 9)) == 0:
        return ""
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if validation.is_year_field(field):
        high = latest.year if high is None else min(high, latest.year)
    if field["type"] == "integer":
        return str(draw(st.integers(-(2**63) if low is None else low, 2**63 - 1 if high is None else high)))
    if field["type"] == "number":
        number = draw(st.floats(low, high, allow_nan=False, allow_infinity=False))
        return draw(spellings(0.0 if number == 0 else number))  # negative zero is refused: write 0
    return draw(st.dates(min_value=dt.date.fromisoformat(low), max_value=latest)).isoformat()


def canonical(value: Any, field: dict[str, Any]) -> str:
    """A loaded value written back in the canonical spelling of its type."""
    if value is None or pd.isna(value):
        return ""
    kind = field["type"]
    if kind == "integer":
        return str(int(value))
    if kind == "number":
        return repr(float(value))
    if kind == "date":
        return value.date().isoformat()
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


@PROPERTY
@given(data=st.data())
def test_valid_numbers_and_dates_round_trip_through_load(pristine: Path, data) -> None:
    package = package_of(pristine)
    # Derived tables are left out: any edit of one is refused (it is no longer its build's output).
    entry = data.draw(st.sampled_from([e for e in package["resources"] if free_fields(e) and e["x-kind"] != "derived"]))
    field = data.draw(st.sampled_from(free_fields(entry)))
    with scratch(pristine) as copy_dir:
        path = copy_dir / entry["path"]
        rows = read_rows(path)
        row = data.draw(st.integers(1, len(rows) - 1))
        text = data.draw(valid_value(field, validation.latest_date(entry)))
        rows[row][rows[0].index(field["name"])] = text
        write_rows(path, rows)
        assert problem_lines(copy_dir) == [], text
        with pointed_at(copy_dir):
            first = catalog.load(entry["name"])
        value = first[field["name"]].iloc[row - 1]
        assert loaded_value(value, field) == typed_expectation(text, field), (text, value)
        if text == "" or field["type"] != "number" or text == repr(float(text)):  # a canonical spelling
            assert canonical(value, field) == text, (text, value)
        # the whole table written back from what load returned reads back identically
        fields = entry["schema"]["fields"]
        write_rows(path, [rows[0], *([canonical(r[f["name"]], f) for f in fields] for r in first.to_dict("records"))])
        assert problem_lines(copy_dir) == []
        with pointed_at(copy_dir):
            again = catalog.load(entry["name"])
        pd.testing.assert_frame_equal(first, again)


# --- the user's route: RUSSIA_DPRK_DATA and a subprocess ------------------------------------------------------------


def _set_cell(table: str, column: str, value: str):
    def change(data_dir: Path) -> None:
        rows = read_rows(data_dir / table)
        rows[2][rows[0].index(column)] = value
        write_rows(data_dir / table, rows)

    return change


ROUTE_CASES = {
    "clean": lambda d: None,
    "control character": _set_cell("curated/contacts.csv", "purpose", "a\x07b"),
    "free text": _set_cell("curated/contacts.csv", "purpose", "<script>alert(1)</script> & {x}"),
    "utf-16 table": lambda d: (d / "curated/projects.csv").write_bytes(
        (d / "curated/projects.csv").read_text(encoding="utf-8").encode("utf-16")
    ),
    "truncated descriptor": lambda d: (d / DESCRIPTOR).write_bytes((d / DESCRIPTOR).read_bytes()[:777]),
    "renamed descriptor key": lambda d: (d / DESCRIPTOR).write_text(
        (d / DESCRIPTOR).read_text(encoding="utf-8").replace('"primaryKey"', '"primary_key"', 1), encoding="utf-8"
    ),
}


@pytest.mark.parametrize("case", ROUTE_CASES)
def test_the_environment_variable_route(pristine: Path, case: str) -> None:
    with scratch(pristine) as copy_dir:
        ROUTE_CASES[case](copy_dir)
        before = snapshot(copy_dir)
        problems = problem_lines(copy_dir)
        environment = {**os.environ, paths.DATA_ENV: str(copy_dir)}
        commands = [("validate",), ("bib", "-")] + ([("list",)] if case in ("clean", "control character") else [])
        for argv in commands:
            done = subprocess.run(
                [sys.executable, "-m", "russia_dprk", *argv],
                capture_output=True,
                text=True,
                env=environment,
                cwd=copy_dir.parent,
            )
            assert_outcome(copy_dir, before, argv, (done.returncode, done.stdout, done.stderr), not problems, problems)
        assert bool(problems) == (case != "clean" and case != "free text"), problems


def test_the_in_process_harness_reads_the_copy(pristine: Path) -> None:
    """A break in the copy only is seen by every command the properties run (so they do test the copy)."""
    with scratch(pristine) as copy_dir:
        _set_cell("sources.csv", "url", "javascript:alert(1)")(copy_dir)
        for argv in (("validate",), ("bib", "-")):
            code, out, _ = run(copy_dir, *argv)
            assert code == 1 and "sources.csv: line 3, field 'url': constraint-error" in out
    assert run(pristine, "validate")[0] == 0


# --- classes that once crashed or were coerced (now refused with one line) ---------------------------------------

CRASHING_DESCRIPTORS = {
    "string minimum on an integer field": ("unsc_resolutions", "votes_for", {"minimum": "0"}),
    "string maximum on a number field": ("places", "lat", {"maximum": "90"}),
    "number minimum on a date field": ("contacts", "start_date", {"minimum": 2000}),
    "non-ISO minimum on a date field": ("contacts", "start_date", {"minimum": "2000"}),
    "minimum on a text field": ("contacts", "visitor", {"minimum": 3}),
    "pattern that is not a regular expression": ("agreements", "agreement_id", {"pattern": "[a-z"}),
    "x-not-greater pair of a number and a text": ("transfer_estimates", None, [["low", "estimator"]]),
    "x-not-greater pair of a number and a date": ("transfer_estimates", None, [["low", "as_of"]]),
}


@pytest.mark.parametrize("label", CRASHING_DESCRIPTORS)
def test_descriptor_rules_that_crash_validate(pristine: Path, label: str) -> None:
    table, field, change = CRASHING_DESCRIPTORS[label]
    package = package_of(pristine)
    entry = next(e for e in package["resources"] if e["name"] == table)
    if field is None:
        entry["x-not-greater"] = change
    else:
        field_of(entry, field).setdefault("constraints", {}).update(change)
    with scratch(pristine) as copy_dir:
        (copy_dir / DESCRIPTOR).write_text(json.dumps(package, indent=2), encoding="utf-8")
        problems = validation.validate(copy_dir)
        assert problems and all(p.path == DESCRIPTOR and p.rule == "descriptor" for p in problems), problems


@pytest.mark.parametrize(
    "text", ["1.00000000000000000000000000001", "99999999999999999999999999999", "0.1000000000000000000000000000001"]
)
def test_numbers_with_more_than_28_digits_are_refused(pristine: Path, text: str) -> None:
    with scratch(pristine) as copy_dir:
        _set_cell("curated/trade_reported.csv", "value_usd_millions", text)(copy_dir)
        problems = validation.validate(copy_dir)
        assert [p.rule for p in problems if p.field == "value_usd_millions"] == ["type-error"], [
            str(p) for p in problems
        ]
