"""Whole tables and the package: references between tables, upstream files, places in their regions, and the
entry points ``check_table``, ``table_problems``, ``check`` and ``validate``.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import validated_cache
from ..errors import DatasetError, DescriptorError
from ..outline import km_outside
from ..paths import DATA_DIR, real_path
from ..upstream import CACHE_ENV, cache_dir
from ..validated_cache import file_sha256
from .cells import cell_problems, key_problems
from .common import DESCRIPTOR_FILE, Checked, Problem, Table
from .descriptor import descriptor_problems, read_descriptor, tables_listed
from .links import (
    copy_domain_problems,
    domain_value_problems,
    never_with_problems,
    pinned_copy_problems,
    refused_domain_problems,
    refused_text_problems,
    shared_url_problems,
    site_problems,
    text_link_problems,
)
from .reading import built_problems, read_table
from .rows import (
    agree_within_problems,
    agrees_with_problems,
    apart_problems,
    carries_problems,
    cited_source_problems,
    cumulative_problems,
    determines_problems,
    differ_problems,
    distinct_points_problems,
    during_problems,
    era_problems,
    future_problems,
    key_date_problems,
    key_names_problems,
    marked_problems,
    names_row_problems,
    nested_problems,
    no_return_problems,
    not_ending_with_problems,
    not_starting_with_problems,
    number_order_problems,
    one_holder_problems,
    order_problems,
    overlap_problems,
    part_of_problems,
    period_problems,
    place_country_problems,
    precision_problems,
    rank_problems,
    read_after_checked_problems,
    reported_problems,
    requires_problems,
    sequence_problems,
    session_date_problems,
    share_of_problems,
    source_kind_problems,
    source_names_problems,
    span_problems,
    stated_problems,
    steady_problems,
    sum_problems,
    swapped_date_problems,
    tally_problems,
    total_problems,
    url_date_problems,
    veto_problems,
    when_problems,
    written_date_problems,
)
from .text import (
    hand_entry_problems,
    latin_problems,
    near_spelling_problems,
    once_problems,
    prose_problems,
    spelling_problems,
    words_problems,
)


def primary_keys(table: Table, entry: dict[str, Any]) -> set[tuple[str, ...]]:
    """The primary-key tuples of a table, exactly as written."""
    fields = entry["schema"]["primaryKey"]
    return {tuple(record[f] for f in fields) for _, record in table.records}


KEY_WORD = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")  # a hyphenated id written in a text


def reference_problems(
    table: Table, entry: dict[str, Any], keys: dict[str, set[tuple[str, ...]]], resources: dict[str, dict[str, Any]]
) -> list[Problem]:
    """Foreign keys and ``x-row-references`` that point at no row of the referenced table."""
    problems = []
    for fk in entry["schema"].get("foreignKeys", []):
        target = fk["reference"]["resource"]
        if target not in keys:
            continue  # the referenced table is itself broken; its own problems are reported
        known = keys[target]
        for line, record in table.records:
            values = tuple(record[f] for f in fk["fields"])
            if all(values) and values not in known:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        ",".join(fk["fields"]),
                        "foreign-key",
                        f"value {'/'.join(values)!r} is not a {'/'.join(fk['reference']['fields'])} in {target}",
                    )
                )
    for rule in entry.get("x-key-lists", []):
        target = rule["resource"]
        if target not in keys:
            continue
        for line, record in table.records:
            listed = record[rule["field"]].split(rule["separator"]) if record[rule["field"]] else []
            named = KEY_WORD.findall(record[rule["named-in"]]) if "named-in" in rule else []
            for key in dict.fromkeys(k for k in named if (k,) in keys[target] and k not in listed):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["field"],
                        "key-lists",
                        f"value {record[rule['field']]!r}, but {rule['named-in']} names {key!r}, a row of {target} "
                        "the list lacks: list it, or do not name it",
                    )
                )
            for key in listed:
                if (key,) not in keys[target]:
                    problems.append(
                        Problem(
                            table.path,
                            line,
                            rule["field"],
                            "foreign-key",
                            f"value {key!r} (of {record[rule['field']]!r}) is not a "
                            f"{'/'.join(resources[target]['schema']['primaryKey'])} in {target}",
                        )
                    )
    for ref in entry.get("x-row-references", []):
        for line, record in table.records:
            target, key = record[ref["table_field"]], record[ref["key_field"]]
            if target not in resources:
                problems.append(
                    Problem(table.path, line, ref["table_field"], "row-reference", f"value {target!r} is not a table")
                )
                continue
            if target not in keys:
                continue
            width = len(resources[target]["schema"]["primaryKey"])
            parts = tuple(key.split(ref["separator"], width - 1)) if width > 1 else (key,)
            if parts not in keys.get(target, set()):
                written = [ref["separator"].join(k) for k in keys[target]]
                near = difflib.get_close_matches(key, written, n=1, cutoff=0.8)
                said = (
                    f"; {target} has {near[0]!r}: was one of the two changed? (the key of the row in {target}, such "
                    "as its date, or this reference to it)"
                    if near
                    else ""
                )
                problems.append(
                    Problem(
                        table.path,
                        line,
                        ref["key_field"],
                        "row-reference",
                        f"value {key!r} is not a primary key of table {target!r}{said}",
                    )
                )
    return problems


def check_table(data_dir: Path, entry: dict[str, Any]) -> Checked:
    """Every check of one table that needs no other table (references are checked by :func:`table_problems`)."""
    table, problems = read_table(data_dir, entry)
    if table is None:
        return Checked(problems + built_problems(data_dir, entry), [], None, frozenset())
    cells, all_typed = cell_problems(table, entry)
    # A row with a cell that cannot be read is left out of the rules that compare its cells: the unread cell would
    # look empty to them ("a high needs its low" for a low written "1,500"), so one fault would be told three times,
    # twice falsely. The rules over many rows (totals, ranks, sequences) wait until every cell reads; the rules on
    # the text as written (keys, links, spelling, hand entry) read every row.
    faulty = {problem.line for problem in cells}
    unread = {(problem.line, problem.field) for problem in cells}  # a cell told once: not compared with others
    whole = table
    typed = [(line, record) for line, record in all_typed if line not in faulty]
    if faulty:
        table = Table(table.path, table.header, [(line, r) for line, r in table.records if line not in faulty])

    def over_rows(check: Callable[[], list[Problem]]) -> list[Problem]:
        return [] if faulty else check()

    problems += (
        cells
        + key_problems(whole, entry, unread)
        + order_problems(typed, entry)
        + differ_problems(typed, entry)
        + not_ending_with_problems(typed, entry)
        + not_starting_with_problems(typed, entry)
        + apart_problems(typed, entry)
        + requires_problems(typed, entry)
        + precision_problems(table, typed, entry)
        + future_problems(typed, entry)
        + sum_problems(typed, entry)
        + over_rows(lambda: total_problems(table, typed, entry))
        + refused_domain_problems(whole, entry)
        + refused_text_problems(whole, entry)
        + words_problems(whole, entry)
        + spelling_problems(whole, entry, unread)
        + near_spelling_problems(whole, entry, unread)
        + latin_problems(whole, entry)
        + hand_entry_problems(whole, entry)
        + copy_domain_problems(whole, entry)
        + domain_value_problems(whole, entry)
        + pinned_copy_problems(whole, entry)
        + shared_url_problems(whole, entry)
        + url_date_problems(whole, entry)
        + determines_problems(whole, entry, unread)
        + place_country_problems(whole, entry, unread)
        + site_problems(whole, entry, unread)
        + never_with_problems(whole, entry)
        + over_rows(lambda: rank_problems(typed, entry))
        + key_date_problems(table, typed, entry)
        + carries_problems(whole, entry)
        + names_row_problems(whole, entry)
        + distinct_points_problems(typed, entry)
        + era_problems(typed, entry)
        + session_date_problems(typed, entry)
        + period_problems(typed, entry)
        + span_problems(typed, entry)
        + overlap_problems(typed, entry)
        + key_names_problems(whole, entry)
        + once_problems(whole, entry)
        + no_return_problems(typed, entry)
        + one_holder_problems(typed, entry)
        + when_problems(table, entry)
        + over_rows(lambda: sequence_problems(typed, entry))
        + number_order_problems(table, typed, entry)
        + agree_within_problems(typed, entry)
        + marked_problems(whole, entry)
        + tally_problems(typed, entry)
        + stated_problems(table, entry)
        + steady_problems(typed, entry)
        + cumulative_problems(typed, entry)
        + nested_problems(typed, entry)
        + over_rows(lambda: share_of_problems(table, typed, entry))
        + swapped_date_problems(table, typed, entry)
        + written_date_problems(table, typed, entry)
        + part_of_problems(typed, entry)
        + veto_problems(typed, entry)
        + built_problems(data_dir, entry)
        + credited_problems(typed, entry)
    )
    return Checked(problems, all_typed, whole, frozenset(primary_keys(whole, entry)))


def credited_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """A derived table's rows and its descriptor name the same sources: each row cites a source of ``x-source-ids``,
    and each of those is cited by a row. A source credited in the descriptor that no row cites (or the reverse)
    would make the table's credit line and its rows' citations disagree. Where no row cites a credited source, the
    descriptor's list is told once, not every row."""
    if entry["x-kind"] != "derived" or not isinstance(entry.get("x-source-ids"), list):
        return []
    credited = set(entry["x-source-ids"])
    cited = {row["source_id"] for _, row in typed if row.get("source_id") is not None}
    if cited and not credited & cited:
        said = f"credits {sorted(credited)}, but the table's rows cite {sorted(cited)}: credit the sources they cite"
        return [Problem(DESCRIPTOR_FILE, None, f"resources[{entry['name']}].x-source-ids", "credited", said)]
    problems = []
    for line, row in typed:
        source = row.get("source_id")
        if source is not None and source not in credited:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "source_id",
                    "credited",
                    f"value {source!r}, but the table credits {sorted(credited)} (x-source-ids): a derived row comes "
                    "from the sources its build reads",
                )
            )
    problems += [
        Problem(
            DESCRIPTOR_FILE,
            None,
            f"resources[{entry['name']}].x-source-ids",
            "credited",
            f"{source!r} is credited, but no row of the table cites it: credit the sources its rows come from",
        )
        for source in sorted(credited - cited)
        if cited
    ]
    return problems


def upstream_problems(entry: dict[str, Any], checked: dict[str, Checked]) -> list[Problem]:
    """A derived table's inputs (``x-upstream``) or the files it is compared with (``x-compared-with``) that
    ``upstream.csv`` does not register, or an input registered under a source the table does not credit
    (``x-source-ids``)."""
    registry = checked.get("upstream")
    if entry["x-kind"] != "derived" or registry is None or registry.table is None:
        return []
    rows = {record["file"]: (line, record) for line, record in registry.table.records}
    problems = []
    # A registry that lost a row for its length, or whose file cell is refused, is told on its own line: which files
    # it registers is not known, and no table is blamed for a file it may well register.
    unsure = any(p.line and (p.rule == "row-length" or p.field == "file") for p in registry.problems)
    for key in () if unsure else ("x-upstream", "x-compared-with"):
        problems += [
            Problem(
                DESCRIPTOR_FILE,
                None,
                f"resources[{entry['name']}].{key}",
                "upstream",
                f"{file!r} is not registered in upstream.csv (the registry gives each file's URL and sha256)",
            )
            for file in entry.get(key, [])
            if file not in rows
        ]
    exceptions = " ".join(entry.get("x-exceptions", []))
    for file in entry.get("x-compared-with", []):
        if file in rows and not re.search(rf"(?<![\w-]){re.escape(rows[file][1]['source_id'])}(?![\w-])", exceptions):
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"resources[{entry['name']}].x-compared-with",
                    "upstream",
                    f"{file!r} (source {rows[file][1]['source_id']!r}) is compared with, but the table's exceptions "
                    "do not name its source: say in x-exceptions what the comparison found",
                )
            )
    for file in entry["x-upstream"]:
        if file in rows and rows[file][1]["source_id"] not in entry["x-source-ids"]:
            line, record = rows[file]
            problems.append(
                Problem(
                    "upstream.csv",
                    line,
                    "source_id",
                    "upstream",
                    f"{file!r}, an input of {entry['name']}, is credited to {record['source_id']!r}; the table "
                    f"credits {entry['x-source-ids']}",
                )
            )
    return problems


def unused_upstream_problems(
    entry: dict[str, Any], package: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows of the upstream registry that no table derives from (``x-upstream``) or is compared with
    (``x-compared-with``): a file left over from an earlier version, whose row nothing checks."""
    own = checked.get(entry["name"])
    if entry["name"] != "upstream" or own is None or own.table is None:
        return []
    named = {
        file
        for other in package["resources"]
        for key in ("x-upstream", "x-compared-with")
        for file in other.get(key, [])
    }
    return [
        Problem(
            entry["path"],
            line,
            "file",
            "unused",
            f"value {record['file']!r}: no table derives from it or is compared with it (x-upstream, "
            "x-compared-with); remove the row, or name the file where it is used",
        )
        for line, record in own.table.records
        if record["file"] not in named
    ]


def _holds_anything(folder: Path) -> bool:
    """Whether a folder has any entry (one that cannot be listed is taken as empty: its files are told one by one)."""
    try:
        return any(folder.iterdir())
    except OSError:
        return False


def _unreadable(table: str, line: int, file: str, folder: Path, exc: OSError) -> Problem:
    """A registered file the cache holds but does not let be read (permission denied, an I/O error)."""
    said = (
        f"value {file!r}, but the cache {folder} does not let it be read ({exc.strerror or exc}): its size and "
        "digest cannot be compared; give the cache folder and the file read permission"
    )
    return Problem(table, line, "file", "cached-file", said)


def cached_upstream_problems(entry: dict[str, Any], checked: dict[str, Checked]) -> list[Problem]:
    """Rows of the upstream registry whose size or sha256 differs from the file the cache holds under that name: a
    digest pasted from another line or swapped with another file's, a size with a digit dropped. Only files present
    in the cache (``$RUSSIA_DPRK_CACHE``) are compared; a registry with no cache to compare is left to ``check``,
    which fetches every file. Each file is read once per state (:func:`russia_dprk.validated_cache.file_sha256`)."""
    own = checked.get(entry["name"])
    if entry["name"] != "upstream" or own is None or own.table is None:
        return []
    try:
        folder = cache_dir()
    except DatasetError as exc:  # a cache set but unusable would leave the registry's digests unchecked, unsaid
        return [Problem(entry["path"], None, "-", "cache-setting", f"{exc}: the cached files cannot be compared")]
    if not folder.exists() and os.environ.get(CACHE_ENV):
        said = f"{CACHE_ENV} names {folder}, which does not exist (a typo?): the cached files cannot be compared"
        return [Problem(entry["path"], None, "-", "cache-setting", said)]
    problems = []
    absent = 0
    for line, record in own.typed:
        if None in (record["file"], record["bytes"], record["sha256"]):
            continue  # a cell its own checks refused
        path = folder / record["file"]
        try:
            state = os.stat(path)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.lexists(path):
                absent += 1
                continue  # not fetched yet: `check` fetches it
            if exc.errno not in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                problems.append(
                    _unreadable(entry["path"], line, record["file"], folder, exc)
                )  # a folder that cannot be looked into, a file that cannot be read
                continue
            state = None
        if state is None or not stat.S_ISREG(state.st_mode):  # a folder, a pipe, or a link that leads nowhere
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "file",
                    "cached-file",
                    f"value {record['file']!r}, but the cache {folder} holds under that name something that is not a "
                    "regular file (a folder, a named pipe, or a link that leads nowhere or loops): remove it so the "
                    "file can be fetched again",
                )
            )
            continue
        size = state.st_size
        if size != record["bytes"]:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "bytes",
                    "cached-file",
                    f"value {record['bytes']}, but the file {record['file']!r} in the cache {folder} has {size} "
                    "bytes: the size is mistyped, or the cached file is not the one registered",
                )
            )
            continue
        try:
            actual = file_sha256(path)
        except OSError as exc:
            problems.append(_unreadable(entry["path"], line, record["file"], folder, exc))
            continue
        if actual != record["sha256"]:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "sha256",
                    "cached-file",
                    f"value {record['sha256']!r}, but the file {record['file']!r} in the cache {folder} has sha256 "
                    f"{actual!r}: the digest is mistyped or belongs to another file, or the cached file is damaged",
                )
            )
    if absent and absent == len(own.typed) and os.environ.get(CACHE_ENV) and _holds_anything(folder):
        said = (
            f"{CACHE_ENV} names {folder}, which holds none of the {absent} registered files but other things (a "
            "parent folder, or another one?): the cached files cannot be compared; name the upstream cache, or an "
            "empty folder for `check` to fill"
        )
        problems.append(Problem(entry["path"], None, "-", "cache-setting", said))
    return problems


def referenced_tables(entry: dict[str, Any], package: dict[str, Any]) -> set[str]:
    """Tables whose keys this table's references need (foreign keys, the upstream registry for a derived table's
    inputs, and every table for row references)."""
    names = {fk["reference"]["resource"] for fk in entry["schema"].get("foreignKeys", [])}
    names |= {rule["resource"] for rule in entry.get("x-key-lists", [])}
    names |= {entry["x-located"]["resource"]} if "x-located" in entry else set()
    names |= {entry["x-agrees-with"]["resource"]} if "x-agrees-with" in entry else set()
    if entry["x-kind"] == "derived":
        names.add("upstream")
    if entry.get("x-row-references"):
        names |= {r["name"] for r in package["resources"]}
    return names


def located_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Places whose coordinates lie away from the countries their row names (``x-located``): a digit mistyped, or
    the point of another place. A point may lie up to ``km`` outside
    each named country's outline (the outline of ``resource``'s row whose ``by`` is the code), so a bridge on a
    border river lies near both banks' countries."""
    rule = entry.get("x-located")
    outlines_table = checked.get(rule["resource"]) if rule else None
    if outlines_table is None or outlines_table.table is None:
        return []
    outlines = {row[rule["by"]]: row[rule["outline"]] for _, row in outlines_table.referenced}
    problems = []
    for line, row in typed:
        lat, lon, countries = row.get(rule["lat"]), row.get(rule["lon"]), row.get(rule["country"])
        if lat is None or lon is None or not countries:
            continue
        where = f"{rule['lat']},{rule['lon']}"
        for code in countries.split(";"):
            if code not in outlines:
                said = f"country {code!r} has no outline in {rule['resource']!r} to place ({lat}, {lon}) in"
                problems.append(Problem(entry["path"], line, where, "located", said))
                continue
            if outlines[code] is None:
                continue  # an outline refused in its own table is told there
            try:
                km = km_outside(outlines[code], float(lon), float(lat))
            except ValueError as exc:
                said = f"the outline of {code!r} in {rule['resource']!r} cannot be read ({exc})"
                problems.append(Problem(entry["path"], line, where, "located", said))
                continue
            if km > rule["km"]:
                said = (
                    f"the point ({lat}, {lon}) lies {km:,.1f} km outside {code}, which the row names (at most "
                    f"{rule['km']} km: a digit mistyped, or the point of another place?)"
                )
                problems.append(Problem(entry["path"], line, where, "located", said))
    return problems


def table_problems(name: str, package: dict[str, Any], checked: dict[str, Checked]) -> list[Problem]:
    """All problems of one table: its own, then its references to the tables in ``checked``."""
    resources = {entry["name"]: entry for entry in package["resources"]}
    own = checked[name]
    if own.table is None:
        return list(own.problems)
    # A table whose key cells are themselves refused (a test number written "+1"), or that lost a row for its length
    # (a comma typed at its end), is not a list to look references up in: its own problem is told once, and the rows
    # pointing at that key are not blamed for it.
    keys = {
        other: result.keys
        for other, result in checked.items()
        if result.table is not None
        and not any(
            p.line and (p.field in resources[other]["schema"]["primaryKey"] or p.rule == "row-length")
            for p in result.problems
        )
    }
    entry = resources[name]
    return (
        own.problems
        + reference_problems(own.table, entry, keys, resources)
        + reported_problems(own.typed, entry, checked)
        + during_problems(own.typed, entry, resources, checked)
        + agrees_with_problems(own.typed, entry, checked)
        + source_kind_problems(own.typed, entry, checked)
        + read_after_checked_problems(own.typed, entry, checked)
        + source_names_problems(own.typed, entry, checked)
        + cited_source_problems(own.typed, entry, checked)
        + upstream_problems(entry, checked)
        + located_problems(own.typed, entry, checked)
        + unused_upstream_problems(entry, package, checked)
        + cached_upstream_problems(entry, checked)
        + text_link_problems(
            own.table, entry, [d for r in package["resources"] for d in r.get("x-refused-domains", [])]
        )
    )


def package_problems(package: dict[str, Any], data_dir: Path) -> list[Problem]:
    """The descriptor's problems: its own rules (:func:`.descriptor.descriptor_problems`), then its prose held to
    the rules of hand-typed text (:func:`.text.prose_problems`). Tables are checked, and loaded, only without any."""
    return descriptor_problems(package, data_dir) + prose_problems(package)


def check(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem of the package in ``data_dir``: the descriptor first, then every table in descriptor order."""
    validated_cache.folder(data_dir)  # a store of passes inside the data folder is refused before anything is kept
    package = read_descriptor(data_dir)
    problems = package_problems(package, data_dir)
    if problems:  # with a file no table names, which says what a table dropped from the descriptor broke
        return problems + (undeclared_problems(data_dir, package) if tables_listed(package) else [])
    checked = {entry["name"]: check_table(data_dir, entry) for entry in package["resources"]}
    for entry in package["resources"]:
        problems += table_problems(entry["name"], package, checked)
    return problems + undeclared_problems(data_dir, package)


def undeclared_problems(data_dir: Path, package: dict[str, Any]) -> list[Problem]:
    """CSV files in the data folder that no table of the descriptor names: their rows would be checked and loaded
    by nothing (a table dropped from the descriptor, or a file saved under a new name)."""
    root = real_path(data_dir)
    declared = {real_path(root / entry["path"]) for entry in package["resources"]}
    return [
        Problem(
            file.relative_to(root).as_posix(),
            None,
            "-",
            "undeclared-file",
            f"{DESCRIPTOR_FILE} names no table for this file: declare it, or remove it (nothing checks or loads it)",
        )
        for file in sorted(root.rglob("*[cC][sS][vV]*"))
        if file.name.strip().casefold().endswith(".csv")  # "Contacts.CSV" and "places.csv " (a space typed after) too
        and real_path(file) not in declared
        and not any(part.startswith(".") for part in file.relative_to(root).parts)
    ]


def validate(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem in the descriptor and every table of the package in ``data_dir`` (empty when all pass).

    >>> import russia_dprk as rd
    >>> rd.validate()
    []
    """
    if not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(f"data_dir is the path of a data folder, got {type(data_dir).__name__} {data_dir!r}")
    if not str(data_dir).strip():
        raise ValueError("data_dir is empty: an empty path names no folder (it would read the current one)")
    try:
        return check(Path(data_dir))
    except DescriptorError as exc:
        return [exc.problem]
