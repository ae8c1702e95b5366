"""The data package: its descriptor, typed loading of its tables, and what each table covers."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import validated_cache
from .errors import DatasetError, TableError, ValidationFailed
from .paths import DATA_DIR, data_dir_problem, read_bytes, real_path
from .upstream import offline
from .validation import (
    DESCRIPTOR_FILE,
    Checked,
    check_table,
    default_label,
    is_year_field,
    package_problems,
    partial_end,
    read_descriptor,
    referenced_tables,
    table_problems,
    tables_listed,
    written_at,
)

if TYPE_CHECKING:
    import pandas as pd


Stamp = tuple[int, int, int]


def _stamp(path: str | Path) -> Stamp:
    """A file's state: its size and its modification and change times in nanoseconds (zeros if it is missing).

    The change time moves on every write and cannot be set back, so an edit that restores the modification time
    (``touch -r``, ``os.utime``) still changes the stamp.
    """
    try:
        state = os.stat(path)
    except OSError:
        return (0, 0, 0)
    return (state.st_size, state.st_mtime_ns, state.st_ctime_ns)


@lru_cache(maxsize=4)
def _descriptor(data_dir: Path, stamp: Stamp) -> dict[str, Any]:
    package = read_descriptor(data_dir)
    key = _descriptor_key(data_dir, package)
    if key is not None and validated_cache.recall(data_dir, DESCRIPTOR_FILE, key) is True:
        return package
    problems = package_problems(package, data_dir)
    if problems:
        raise ValidationFailed("reading the descriptor", problems)
    if key is not None and _descriptor_key(data_dir, package) == key:
        validated_cache.remember(data_dir, DESCRIPTOR_FILE, key, True)
    return package


def _descriptor_key(data_dir: Path, package: Any) -> str | None:
    """The key of the descriptor's check: its bytes and where each table's path leads (a file replaced by a link
    out of the data folder changes it), or ``None`` for a descriptor whose tables are not even listed by path."""
    if not tables_listed(package):
        return None
    resources = package["resources"]
    root = real_path(data_dir)
    try:
        raw = read_bytes(root / DESCRIPTOR_FILE)
        leads = "\n".join([str(root), *(str(real_path(root / entry["path"])) for entry in resources)])
    except (OSError, ValueError):
        return None
    return validated_cache.key_of([raw, leads.encode("utf-8", "surrogatepass")])


@lru_cache(maxsize=4)
def _package_files(data_dir: Path, package_stamp: Stamp) -> tuple[str, ...]:
    """The descriptor and every table file, as the descriptor in this state lists them."""
    return (str(data_dir / DESCRIPTOR_FILE), *(str(data_dir / entry["path"]) for entry in descriptor()["resources"]))


def stamp() -> tuple[Stamp, ...]:
    """A token that changes whenever the descriptor or any table file changes (for caching derived results).

    Cheap enough to ask on every call of a cached function: one ``stat`` per file.

    >>> stamp() == stamp()
    True
    """
    data_dir = _data_dir()
    return tuple(_stamp(path) for path in _package_files(data_dir, _stamp(data_dir / DESCRIPTOR_FILE)))


def descriptor() -> dict[str, Any]:
    """The parsed ``datapackage.json``, after its own rules are checked (a broken one raises with file and rule)."""
    data_dir = _data_dir()
    return _descriptor(data_dir, _stamp(data_dir / DESCRIPTOR_FILE))


def _data_dir() -> Path:
    """The data folder, unless ``$RUSSIA_DPRK_DATA`` is set but empty (refused, not taken for the checkout's)."""
    problem = data_dir_problem()
    if problem:
        raise DatasetError(problem)
    offline()  # a wrong setting is refused however the data are read, as the command line refuses it
    return DATA_DIR


def resource(name: str) -> dict[str, Any]:
    """The descriptor of one table.

    >>> resource("contacts")["x-kind"]
    'curated'
    """
    if not isinstance(name, str):
        raise TableError(f"a table is named by a string, got {type(name).__name__} {name!r}")
    for entry in descriptor()["resources"]:
        if entry["name"] == name:
            return entry
    names = [r["name"] for r in descriptor()["resources"]]
    guess = difflib.get_close_matches(Path(name.strip().casefold()).stem, names, n=1)
    hint = f"; did you mean {guess[0]!r}?" if guess else "."
    raise TableError(f"no table named {name!r}{hint} Tables: {', '.join(names)}")


def table_path(name: str) -> Path:
    """Where a table's CSV file lives (always inside the data folder: the descriptor check guarantees it)."""
    return DATA_DIR / resource(name)["path"]


@lru_cache(maxsize=128)
def _table(data_dir: Path, name: str, stamp: Stamp, package_stamp: Stamp) -> Checked:
    """One table's own checks, cached until its file or the descriptor changes."""
    return check_table(data_dir, resource(name))


def _checked(name: str) -> Accepted:
    """A table checked with the same rules as ``validate`` (its references included); the first problem raises.

    A pass is kept in this process until a file changes, and on disk by its bytes (:mod:`.validated_cache`)."""
    resource(name)  # refuses a name that is not a table's first
    package_stamp = _stamp(DATA_DIR / DESCRIPTOR_FILE)
    needed = sorted(_needed(name))
    stamps = tuple((other, _stamp(DATA_DIR / resource(other)["path"])) for other in needed)
    return _checked_with(DATA_DIR, name, stamps, package_stamp, _outside_state(DATA_DIR, needed))


def _needed(name: str) -> set[str]:
    """``name`` and every table its checks read: the tables it refers to, and those they refer to in turn (a
    derived table's upstream registry, and the sources that registry credits)."""
    needed, todo = {name}, [name]
    while todo:
        for other in referenced_tables(resource(todo.pop()), descriptor()) - needed:
            needed.add(other)
            todo.append(other)
    return needed


def _outside_state(data_dir: Path, names: list[str]) -> tuple[str, ...]:
    """What the checks of ``names`` read outside the data folder, as stamps: with the upstream registry, the cache
    folder and the state of each file it registers (its rows are compared with the cached files' sizes and digests),
    so a cached file replaced or damaged is checked again rather than passed from a stored result. Empty without."""
    if "upstream" not in names:
        return ()
    import csv
    import io

    from .upstream import cache_dir

    try:
        folder = cache_dir()
        text = read_bytes(data_dir / resource("upstream")["path"]).decode("utf-8", "replace")
    except (DatasetError, OSError):
        return ("no cache",)
    files = sorted({row.get("file") or "" for row in csv.DictReader(io.StringIO(text, newline=""))})
    return (str(folder), *(f"{file}\t{_stamp(folder / file) if file else ''}" for file in files))


@dataclass(frozen=True, eq=False)
class Accepted:
    """A table that passed every check: its typed records (with their line numbers) and its typed frame."""

    typed: list[tuple[int, dict[str, Any]]]
    frame: pd.DataFrame


@lru_cache(maxsize=64)
def _checked_with(
    data_dir: Path,
    name: str,
    stamps: tuple[tuple[str, Stamp], ...],
    package_stamp: Stamp,
    outside: tuple[str, ...] = (),
) -> Accepted:
    files = [data_dir / DESCRIPTOR_FILE, *(data_dir / resource(other)["path"] for other, _ in stamps)]
    key = _key(files, outside)
    stored = validated_cache.recall(data_dir, name, key)
    if isinstance(stored, Accepted):
        return stored
    checked = {other: _table(data_dir, other, stamp, package_stamp) for other, stamp in stamps}
    unread = [other for other, result in checked.items() if other != name and result.table is None]
    if unread:  # its references cannot be checked against a table that cannot be read
        raise TableError(f"{name} refers to {unread[0]}, which cannot be read: {checked[unread[0]].problems[0]}")
    refused = [other for other, result in checked.items() if other != name and result.problems]
    if refused:  # a table is loaded only with the tables it refers to valid (its sources, its upstream files)
        raise TableError(f"{name} refers to {refused[0]}, which does not validate: {checked[refused[0]].problems[0]}")
    problems = table_problems(name, descriptor(), checked)
    if problems:
        more = (
            f" (and {len(problems) - 1} more problem(s); run `python -m russia_dprk validate`)"
            if len(problems) > 1
            else ""
        )
        raise TableError(f"{problems[0]}{more}")
    # and valid as validate finds them with the tables they refer to in turn: the upstream registry with the files
    # the cache holds (told after the table's own problems, which may name the cause)
    for other in checked:
        problems = [] if other == name else table_problems(other, descriptor(), checked)
        if problems:
            raise TableError(f"{name} refers to {other}, which does not validate: {problems[0]}")
    accepted = Accepted(checked[name].typed, _frame(name, checked[name].typed))
    unchanged = _key(files, _outside_state(data_dir, [other for other, _ in stamps])) == key
    if unchanged:  # not stored if a file changed while it was checked
        validated_cache.remember(data_dir, name, key, accepted)
    return accepted


def _key(files: list[Path], outside: tuple[str, ...] = ()) -> str:
    """The key of a check of these files' bytes and of what it read outside the data folder (``outside``, see
    :func:`_outside_state`); a missing file counts as empty: its check fails and is not kept."""

    def content(file: Path) -> bytes:
        try:
            return read_bytes(file)
        except OSError:
            return b""

    return validated_cache.key_of([*(content(file) for file in files), "\n".join(outside).encode("utf-8", "replace")])


def _column(values: list[Any], field: dict[str, Any]) -> pd.Series:
    import pandas as pd

    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.Series(pd.Categorical(values, categories=enum))
    kind = field["type"]
    if kind == "date":
        return pd.Series(pd.to_datetime([None if v is None else v.isoformat() for v in values], format="%Y-%m-%d"))
    dtype = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}[kind]
    return pd.Series(pd.array(values, dtype=dtype))


def _frame(name: str, typed: list[tuple[int, dict[str, Any]]]) -> pd.DataFrame:
    import pandas as pd

    fields = resource(name)["schema"]["fields"]
    rows = [row for _, row in typed]
    return pd.DataFrame({f["name"]: _column([row[f["name"]] for row in rows], f) for f in fields})


def load(name: str) -> pd.DataFrame:
    """A table with the types its schema declares: exactly what ``validate`` accepts, or an error.

    Dates become ``datetime64``, fields with an enumeration categoricals (in the enumeration's order), integers
    ``Int64``, numbers ``Float64`` and text ``string`` (all nullable). The table is checked with the same rules as
    ``python -m russia_dprk validate``, including its foreign keys; the first problem is raised as
    :class:`TableError` naming file, line, field and rule. Each call returns a fresh copy.

    >>> import russia_dprk as rd
    >>> rd.load("contacts")["start_date"].dtype.kind  # datetime64
    'M'
    """
    accepted = _checked(name)
    if name not in _LOADED:
        _LOADED.append(name)
    return accepted.frame.copy()


_LOADED: list[str] = []


def loaded_tables() -> list[str]:
    """The tables ``load`` has returned in this process, in first-load order (an analysis's provenance)."""
    return list(_LOADED)


def _through(values: list[Any]) -> str | None:
    """The latest of dates (written at their precision: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or years: the one
    whose last possible day is latest, the more precise where two end on one day.

    >>> _through(["2014-05-05", "2014-05", None]), _through(["2014-05-31", "2014-05"]), _through([1995, 2001])
    ('2014-05', '2014-05-31', '2001')
    """
    present = [v for v in values if v is not None]
    if not present:
        return None
    if all(isinstance(v, str) for v in present):
        return max(present, key=lambda text: (partial_end(text), len(text)))
    return str(max(present))


def _written(row: dict[str, Any], field: str, precision: dict[str, Any]) -> str | None:
    """A row's date as far as it is known: to the day, or to the month or year its ``x-date-precision`` field says."""
    date = row[field]
    if date is None:
        return None
    return written_at(date, row.get(precision["field"]) if field in precision.get("dates", []) else None)


def data_through(name: str) -> str | None:
    """The last date or year a table's data cover, computed from its rows: ``YYYY-MM-DD``, or ``YYYY-MM`` and
    ``YYYY`` where that row's date is known only to the month or year (``x-date-precision``), or a year.

    The date fields are the table's ``date`` columns (for ranges, the end as well as the start), else its year fields
    (``year``, ``order_year``, ``last_delivery_year``...).
    Tables without either (registries, boundaries) return ``None``.
    """
    entry = resource(name)
    fields = entry["schema"]["fields"]
    rows = [typed for _, typed in _checked(name).typed]
    dates = [f["name"] for f in fields if f["type"] == "date" and f["name"] != "accessed"]
    if dates:
        precision = entry.get("x-date-precision", {})
        return _through([_written(row, f, precision) for row in rows for f in dates])
    years = [f["name"] for f in fields if is_year_field(f)]  # year, or order_year and delivery years
    if years:
        return _through([row[f] for row in rows for f in years])
    return None


def tables(names: list[str] | None = None) -> pd.DataFrame:
    """Every table (or the tables ``names``, in that order) with its kind, title, unit, number of records, the last
    date it covers, and its sources.

    >>> list(tables(["contacts"])["name"])
    ['contacts']
    """
    import pandas as pd

    if isinstance(names, str):
        raise TableError(f"names is a list of table names, got the string {names!r}: write tables([{names!r}])")
    if names is not None and not isinstance(names, (list, tuple)):
        raise TableError(f"names is a list of table names, got {type(names).__name__} {names!r}")
    entries = descriptor()["resources"] if names is None else [resource(name) for name in names]
    twice = sorted({entry["name"] for entry in entries if entries.count(entry) > 1})
    if twice:
        raise TableError(f"names lists {', '.join(map(repr, twice))} more than once: name each table once")
    rows = []
    for entry in entries:
        rows.append(
            {
                "name": entry["name"],
                "kind": entry["x-kind"],
                "title": entry["title"],
                "unit": entry["x-unit"],
                "rows": len(_checked(entry["name"]).typed),
                "data_through": data_through(entry["name"]) or "",
                "sources": ", ".join(entry.get("x-source-ids", [])) or "per row",
                "path": f"data/{entry['path']}",
            }
        )
    return pd.DataFrame(rows, columns=["name", "kind", "title", "unit", "rows", "data_through", "sources", "path"])


def sources() -> pd.DataFrame:
    """The source registry, indexed by ``source_id``."""
    return load("sources").set_index("source_id")


def cited_sources(name: str) -> list[str]:
    """The distinct source ids a table's rows cite, in first-seen order."""
    return list(dict.fromkeys(str(s) for s in load(name)["source_id"].dropna()))


def enum_labels(table: str, field: str) -> dict[str, str]:
    """Human labels of a field's enumeration, in the enumeration's order.

    A label comes from the field's ``x-labels`` in the descriptor (a country field's from the package's
    ``x-country-names``), else from the code itself
    (``did_not_happen`` becomes "Did not happen", a code in capitals stays as it is), so a new code can never vanish
    from a chart or table.
    """
    spec = next((f for f in resource(table)["schema"]["fields"] if f["name"] == field), None)
    if spec is None:
        raise TableError(f"table {table!r} has no field {field!r}")
    codes = spec.get("constraints", {}).get("enum")
    if codes is None:
        raise TableError(f"field {field!r} of table {table!r} has no enumeration")
    labels = country_names() if spec.get("x-codes") == "country" else spec.get("x-labels", {})
    return {code: labels.get(code, default_label(code)) for code in codes}


def country_names() -> dict[str, str]:
    """The name of every country code the tables hold (``x-country-names`` in the descriptor).

    >>> country_names()["PRK"]
    'North Korea'
    """
    return dict(descriptor().get("x-country-names", {}))
