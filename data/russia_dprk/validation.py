"""One definition of a valid table: the descriptor's rules, applied to every cell, key and reference.

``validate`` reports every problem; ``catalog.load`` runs the same checks on one table (and the key sets it
references) and refuses with the same message, so whatever ``validate`` accepts ``load`` returns unchanged.
Nothing is coerced: dates are exactly ``YYYY-MM-DD``, integers are written as integers, numbers are finite and
exactly representable, text is UTF-8 without control or format characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import ipaddress
import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .amounts import coordinates, counts, rounds_to, usd_millions
from .errors import DescriptorError
from .outline import km_outside
from .paths import DATA_DIR

REGISTRIES = {"sources", "upstream"}
# Where a table of each kind is stored: <folder><name>.csv.
KIND_FOLDERS = {"derived": "derived/", "curated": "curated/", "registry": ""}
# What a table of each kind must state beside its schema: how it was made, how to cite it, the day it was last
# checked against its sources (which bounds its dates), and for a derived table its sources and upstream files.
KIND_NEEDS = {
    "derived": ("x-source-ids", "x-upstream", "x-processing", "x-citation", "x-accessed"),
    "curated": ("x-processing", "x-citation", "x-accessed"),
}
DESCRIPTOR_FILE = "datapackage.json"
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
INT64 = 2**63
URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
URL_UNSAFE = re.compile(r"[{}\\\"<>`\s]")
URL_MAX = 2048  # the longest URL every browser, archive and sitemap is known to keep
# Names no public site has: reserved for tests, examples and local networks (RFC 2606, 6761, 6762, 8375), and
# wildcard names that stand for an address ("127.0.0.1.nip.io").
PRIVATE_NAMES = (".local", ".localdomain", ".localhost", ".test", ".example", ".invalid", ".internal", ".lan")
PRIVATE_NAMES += (".home.arpa", ".nip.io", ".sslip.io")
RESERVED_HOSTS = ("localhost", "nip.io", "sslip.io")
ABBREVIATION_END = re.compile(r"[._/-](?:[A-Z]\.){2,}$")  # "Washington,_D.C." ends in its own full stop
BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2}).{0,2}")
HOST_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\.?")
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "LISU")  # alphabets with letters that look Latin
BARE_CR = re.compile(r"\r(?!\n)")
SEPARATORS = (("\t", "tabs"), (";", "semicolons"), ("|", "vertical bars"))
YEAR_FIELD = re.compile(r"([a-z_]+_)?year")  # integer fields holding a calendar year: year, order_year, ...


@dataclass(frozen=True)
class Problem:
    """One way the data break their rules: where (file, physical line, field), which rule, and the detail."""

    path: str
    line: int | None
    field: str
    rule: str
    detail: str

    def __str__(self) -> str:
        where = "file" if not self.line else f"line {self.line}"
        return f"{self.path}: {where}, field {self.field!r}: {self.rule}: {self.detail}"


@dataclass(frozen=True)
class Table:
    """A table as read from disk: its header and its records as text, each with its first physical line."""

    path: str
    header: list[str]
    records: list[tuple[int, dict[str, str]]]


# --- the descriptor -------------------------------------------------------------------------------------------


class _NotStandard(ValueError):
    """JSON that Python's reader would take but silently change: a repeated key, NaN or Infinity."""

    def __init__(self, message: str, token: str | None = None) -> None:
        super().__init__(message)
        self.token = token
        self.position: int | None = None


def _object_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _NotStandard(
                f"key {key!r} appears twice in the object starting on this line "
                "(the second would silently replace the first)"
            )
        seen.add(key)
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise _NotStandard(f"{name} is not a JSON value (write a number, or leave the value out)", token=name)


def _bounded_int(digits: str) -> int:
    """An integer of the descriptor, refused when longer than any bound or count could be (Python refuses to read
    one of over 4,300 digits with a traceback; 20 digits hold every 64-bit integer)."""
    if len(digits.lstrip("-")) > 20:
        raise _NotStandard(f"a number of {len(digits.lstrip('-')):,} digits is no bound or count", token=digits)
    return int(digits)


def _exact_float(written: str) -> float:
    """A decimal number of the descriptor, refused when Python would hold another value than the one written: too
    large (``1e400`` reads as infinity, so a bound would vanish) or more precise than a float keeps
    (``46.00000000000000000001`` reads as 46)."""
    value = float(written)
    if not math.isfinite(value):
        raise _NotStandard(f"{written} is too large to hold (it would read as infinity)", token=written)
    if Decimal(repr(value)) != Decimal(written):
        raise _NotStandard(
            f"{written} cannot be held exactly (it would read as {value!r}); write the number a float keeps",
            token=written,
        )
    return value


# A \u escape of half a UTF-16 pair without its other half: JSON's reader takes it, but no text can hold it.
LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<![0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _lone_surrogate(node: Any) -> bool:
    """Whether any key or string in the parsed descriptor holds half of a UTF-16 surrogate pair (UTF-8 cannot encode
    one, so the check is one encoding of the whole descriptor)."""
    try:
        json.dumps(node, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _line_of(text: str, refused: _NotStandard) -> int:
    """The line of what :func:`read_descriptor` refused: the token (NaN, Infinity) outside a string, or the start of
    the object holding a key twice (found again with the pure-Python reader, which reports where objects begin)."""
    if refused.token is not None:
        match = re.search(rf'(?<!["\w]){re.escape(refused.token)}(?!["\w])', text)
        return text.count("\n", 0, match.start()) + 1 if match else 1
    decoder = json.JSONDecoder(object_pairs_hook=_object_once)

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> Any:
        try:
            return json.decoder.JSONObject(s_and_end, *args)
        except _NotStandard as exc:
            if exc.position is None:
                exc.position = s_and_end[1]
            raise

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except (_NotStandard, RecursionError) as exc:
        position = getattr(exc, "position", None) or 0
        return text.count("\n", 0, position) + 1
    return 1


def read_descriptor(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The parsed descriptor, or :class:`DescriptorError` naming the file, line and what is wrong."""
    path = Path(data_dir) / DESCRIPTOR_FILE
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DescriptorError(
            f"{DESCRIPTOR_FILE}: file not found in {data_dir}; the dataset needs a checkout of "
            "the repository's data/ folder (set RUSSIA_DPRK_DATA to it)"
        ) from None
    except NotADirectoryError:
        raise DescriptorError(f"{DESCRIPTOR_FILE}: {data_dir} is a file, expected the data folder") from None
    except IsADirectoryError:
        raise DescriptorError(f"{DESCRIPTOR_FILE}: file: is a folder in {data_dir}, expected a file") from None
    except PermissionError:
        raise DescriptorError(f"{DESCRIPTOR_FILE}: file: cannot be read in {data_dir} (permission denied)") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DescriptorError(f"{DESCRIPTOR_FILE}: line {line}: encoding: not valid UTF-8") from None
    try:
        package = json.loads(
            text,
            object_pairs_hook=_object_once,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_exact_float,
        )
    except json.JSONDecodeError as exc:
        raise DescriptorError(
            f"{DESCRIPTOR_FILE}: line {exc.lineno}: json: {exc.msg} (truncated or malformed)"
        ) from None
    except _NotStandard as exc:
        raise DescriptorError(f"{DESCRIPTOR_FILE}: line {_line_of(text, exc)}: json: {exc}") from None
    except RecursionError:
        raise DescriptorError(f"{DESCRIPTOR_FILE}: file: json: nested too deeply to read") from None
    if not isinstance(package, dict):
        raise DescriptorError(f"{DESCRIPTOR_FILE}: file: json: expected an object, found {type(package).__name__}")
    if _lone_surrogate(package):
        match = LONE_SURROGATE.search(text)
        where = f"line {text.count(chr(10), 0, match.start()) + 1}" if match else "file"
        raise DescriptorError(
            f"{DESCRIPTOR_FILE}: {where}: json: a \\u escape names half of a UTF-16 pair without its other half, "
            "which no text can hold (write the character itself)"
        )
    return package


@lru_cache(maxsize=1)
def _schema_validator() -> Any:
    import jsonschema

    from .descriptor_schema import DESCRIPTOR

    return jsonschema.Draft202012Validator(DESCRIPTOR)


def _const_as_enum(node: Any) -> Any:
    """The schema with every ``const`` written as a one-value ``enum`` (the same rule). fastjsonschema 2.22 cannot
    generate ``const`` without its detailed exceptions."""
    if isinstance(node, dict):
        out = {key: _const_as_enum(value) for key, value in node.items() if key != "const"}
        return {**out, "enum": [node["const"]]} if "const" in node else out
    if isinstance(node, list):
        return [_const_as_enum(value) for value in node]
    return node


@lru_cache(maxsize=1)
def _schema_accepts() -> Callable[[Any], Any]:
    """The descriptor schema compiled to Python code: it accepts a valid descriptor in milliseconds.

    Only its *acceptance* is trusted; a descriptor it rejects is explained by the reference validator
    (``jsonschema``), which lists every error. So the code is generated without detailed exceptions, which halves it
    and cuts compiling from about 0.11 s to 0.03 s in every process that reads the descriptor. The schema uses no
    keyword newer than draft 7.
    """
    import fastjsonschema

    from .descriptor_schema import DESCRIPTOR

    schema = _const_as_enum({**DESCRIPTOR, "$schema": "http://json-schema.org/draft-07/schema#"})
    return fastjsonschema.compile(schema, detailed_exceptions=False)


def schema_problems(package: Any) -> list[Problem]:
    """Every place where the descriptor breaks the closed schema of :mod:`russia_dprk.descriptor_schema`."""
    import fastjsonschema

    try:
        _schema_accepts()(package)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return [
        Problem(DESCRIPTOR_FILE, None, _json_path(error.absolute_path), "descriptor", error.message)
        for error in sorted(_schema_validator().iter_errors(package), key=lambda e: list(e.absolute_path))
    ]


def _json_path(parts: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".") or "(top)"


def descriptor_problems(package: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Problems in the descriptor itself: its schema, paths, keys and references between tables."""
    problems = schema_problems(package)
    if problems:
        return problems

    def flag(field: str, message: str) -> None:
        problems.append(Problem(DESCRIPTOR_FILE, None, field, "descriptor", message))

    names = [entry["name"] for entry in package["resources"]]
    resources = {entry["name"]: entry for entry in package["resources"]}
    root = Path(data_dir).resolve()
    for name in {n for n in names if names.count(n) > 1}:
        flag("resources", f"table {name!r} declared twice")
    files: dict[Path, str] = {}
    for entry in package["resources"]:
        where = f"resources[{entry['name']}]"
        target = (root / entry["path"]).resolve()
        if target in files:
            flag(
                f"{where}.path",
                f"path {entry['path']!r} is also the file of table {files[target]!r} (one file, one table: its "
                "rows would be counted twice)",
            )
        files.setdefault(target, entry["name"])
        if not target.is_relative_to(root):
            flag(f"{where}.path", f"path {entry['path']!r} leads outside the data folder")
        fields = [f["name"] for f in entry["schema"]["fields"]]
        if len(set(fields)) != len(fields):
            flag(f"{where}.schema.fields", "a field is declared twice")
        problems += _constraint_problems(entry, where)
        for field in entry["schema"]["fields"]:
            labelled = set(field.get("x-labels", {}))
            codes = set(field.get("constraints", {}).get("enum", []))
            if labelled - codes:
                flag(
                    f"{where}.schema.fields[{field['name']}].x-labels",
                    f"labels {sorted(labelled - codes)} for values the field's enumeration does not have",
                )
        accessed = entry.get("x-accessed")
        if accessed is not None and not (_is_date(accessed) and dt.date.fromisoformat(accessed) <= dt.date.today()):
            flag(
                f"{where}.x-accessed",
                f"{accessed!r} is not a calendar date up to today (the day the table was last checked)",
            )
        declared = list(entry["schema"]["primaryKey"])
        declared += [f for group in entry["schema"].get("uniqueKeys", []) for f in group]
        declared += [f for fk in entry["schema"].get("foreignKeys", []) for f in fk["fields"]]
        declared += [f for pair in entry.get("x-not-greater", []) for f in pair]
        declared += [f for pair in entry.get("x-differ", []) for f in pair]
        declared += [f for pair in entry.get("x-requires", []) for f in pair]
        declared += entry.get("x-one-spelling", [])
        declared += [entry["x-url-versions-by"][k] for k in ("date", "field")] if "x-url-versions-by" in entry else []
        declared += [r[k] for r in entry.get("x-row-references", []) for k in ("table_field", "key_field")]
        declared += [rule["field"] for rule in entry.get("x-key-lists", [])]
        for rule in entry.get("x-key-lists", []):
            other = resources.get(rule["resource"])
            if other is None:
                flag(f"{where}.x-key-lists", f"references table {rule['resource']!r}, which does not exist")
            elif len(other["schema"]["primaryKey"]) != 1:
                flag(
                    f"{where}.x-key-lists",
                    f"lists keys of {rule['resource']!r}, whose primary key has {len(other['schema']['primaryKey'])} "
                    "fields: a list names rows of a table keyed by one field",
                )
        declared += [f for rule in entry.get("x-sum-at-most", []) for f in rule["fields"]]
        parts_rule = entry.get("x-total-of-parts")
        declared += [parts_rule["field"], parts_rule["value"], *parts_rule["by"]] if parts_rule else []
        declared += [entry["x-copy-domains"]["field"]] if "x-copy-domains" in entry else []
        declared += [entry["x-pinned-copy"][k] for k in ("url", "field")] if "x-pinned-copy" in entry else []
        declared += [entry["x-url-date"][k] for k in ("url", "date")] if "x-url-date" in entry else []
        declared += [entry["x-site-determines"][k] for k in ("url", "field")] if "x-site-determines" in entry else []
        declared += [f for r in entry.get("x-never-with", []) for f in (r["by"], r["when"]["field"], r["field"])]
        declared += [f for pair in entry.get("x-determines", []) for f in pair]
        declared += [entry["x-rank"][k] for k in ("rank", "value")] + entry["x-rank"]["by"] if "x-rank" in entry else []
        declared += [rule["field"] for rule in entry.get("x-refused-text", [])]
        declared += [rule[k] for rule in entry.get("x-key-date", []) for k in ("field", "date")]
        declared += [rule[k] for rule in entry.get("x-carries", []) for k in ("field", "equals")]
        declared += [rule[k] for rule in entry.get("x-stated", []) for k in ("field", "text")]
        declared += [*entry["x-era"]["fields"], entry["x-era"]["date"]] if "x-era" in entry else []
        declared += [entry["x-session-date"][k] for k in ("session", "date")] if "x-session-date" in entry else []
        located = entry.get("x-located")
        declared += [located[k] for k in ("lat", "lon", "country")] if located else []
        if located:
            other = resources.get(located["resource"])
            if other is None:
                flag(f"{where}.x-located", f"references table {located['resource']!r}, which does not exist")
            else:
                other_fields = {f["name"] for f in other["schema"]["fields"]}
                for key in ("by", "outline"):
                    if located[key] not in other_fields:
                        flag(f"{where}.x-located", f"{key} {located[key]!r} is not a field of {located['resource']!r}")
        declared += [entry["x-one-marked"]["field"], *entry["x-one-marked"]["by"]] if "x-one-marked" in entry else []
        sequence = entry.get("x-sequence")
        declared += [sequence["field"], sequence["date"], *sequence["by"]] if sequence else []
        declared += [entry["x-period"][k] for k in ("start", "end")] if "x-period" in entry else []
        declared += [entry["x-span-at-most"][k] for k in ("start", "end")] if "x-span-at-most" in entry else []
        declared += [f for rule in entry.get("x-when", []) for f in (rule["if"]["field"], *rule["then"]["fields"])]
        for rule in entry.get("x-when", []):
            for part in ("if", "then"):
                wrong = pattern_problem(rule[part]["pattern"]) if "pattern" in rule[part] else None
                if wrong:
                    flag(f"{where}.x-when", f"{part} pattern {rule[part]['pattern']!r} {wrong}")
        declared += [rule[k] for rule in entry.get("x-number-order", []) for k in ("field", "date")]
        for key, needed, allowed in (
            ("x-number-order", "number", {"number"}),
            ("x-key-date", "year", {"year", "month", "day"}),
            ("x-carries", "value", {"value"}),
        ):
            for rule in entry.get(key, []):
                wrong = group_pattern_problem(rule["pattern"], needed, allowed)
                if wrong:
                    flag(f"{where}.{key}", f"pattern {rule['pattern']!r} {wrong}")
        tally = entry.get("x-tally")
        declared += [*tally["counts"].values(), *tally["votes"]] if tally else []
        veto = entry.get("x-veto")
        declared += [veto["outcome"], *veto["permanent"], veto["count"], veto["date"]] if veto else []
        for rule_key, wrong_text in _declared_rule_problems(entry):
            flag(f"{where}.{rule_key}", wrong_text)
        for rule in entry.get("x-refused-text", []):
            wrong = pattern_problem(rule["pattern"])
            if wrong:
                flag(f"{where}.x-refused-text", f"pattern {rule['pattern']!r} {wrong}")
        key = entry["schema"]["primaryKey"]
        if (
            entry["x-kind"] == "curated"
            and len(key) == 1
            and key[0].endswith("_id")
            and not entry["schema"].get("uniqueKeys")
        ):
            flag(
                f"{where}.schema",
                f"a made-up key ({key[0]!r}) needs uniqueKeys naming what makes a record itself (a record entered "
                "twice under a new id would otherwise pass)",
            )
        precision = entry.get("x-date-precision")
        if precision:
            declared += [precision["field"], *precision["dates"]]
            by_name = {f["name"]: f for f in entry["schema"]["fields"]}
            codes = by_name.get(precision["field"], {}).get("constraints", {}).get("enum")
            if precision["field"] in by_name and (codes is None or not set(codes) <= set(PRECISIONS)):
                flag(
                    f"{where}.x-date-precision",
                    f"field {precision['field']!r} must be an enumeration of {sorted(PRECISIONS)}, found {codes}",
                )
            for name in precision["dates"]:
                if name in by_name and by_name[name]["type"] != "date":
                    flag(f"{where}.x-date-precision", f"field {name!r} is of type {by_name[name]['type']}, not date")
        elif "date_precision" in fields:
            flag(
                where,
                "has a date_precision field but no x-date-precision naming the dates it qualifies (a month's date "
                "on the 15th would pass)",
            )
        reported = entry.get("x-reported-after")
        if reported:
            declared += [reported["date"], reported["unless-text"], "source_id"]
            declared += [reported["unless-codes"]["field"]] if "unless-codes" in reported else []
        for field in declared:
            if field not in fields:
                flag(f"{where}", f"refers to field {field!r}, which the table does not declare")
        for fk in entry["schema"].get("foreignKeys", []):
            other = resources.get(fk["reference"]["resource"])
            if other is None:
                flag(
                    f"{where}.schema.foreignKeys",
                    f"references table {fk['reference']['resource']!r}, which does not exist",
                )
            elif fk["reference"]["fields"] != other["schema"]["primaryKey"]:
                flag(
                    f"{where}.schema.foreignKeys",
                    f"must reference the primary key {other['schema']['primaryKey']} of "
                    f"{other['name']!r}, found {fk['reference']['fields']}",
                )
            elif len(fk["fields"]) != len(fk["reference"]["fields"]):
                flag(
                    f"{where}.schema.foreignKeys",
                    f"pairs {len(fk['fields'])} field(s) {fk['fields']} with the {len(fk['reference']['fields'])} "
                    f"key field(s) {fk['reference']['fields']} of {other['name']!r}: one field per key field",
                )
        for message in _reported_after_problems(entry, reported, resources) if reported else []:
            flag(f"{where}.x-reported-after", message)
        expected = KIND_FOLDERS.get(entry["x-kind"], "") + f"{entry['name']}.csv"
        if isinstance(entry.get("path"), str) and entry["path"] != expected:
            flag(
                f"{where}.path",
                f"{entry['path']!r}, expected {expected!r}: a table is stored under its name, in its kind's folder, so "
                "code and readers find one from the other",
            )
        if entry["name"] not in REGISTRIES and not any(
            fk["fields"] == ["source_id"] and fk["reference"]["resource"] == "sources"
            for fk in entry["schema"].get("foreignKeys", [])
        ):
            flag(where, "every table needs a source_id field with a foreign key to sources")
        for key in KIND_NEEDS.get(entry["x-kind"], ()):
            if key not in entry:
                flag(where, f"a {entry['x-kind']} table needs {key!r}")
        if entry["x-kind"] != "derived":
            for key in ("bytes", "hash"):
                if key in entry:
                    flag(
                        f"{where}.{key}",
                        f"only a derived table records {key!r} (its last build's output); a {entry['x-kind']} table "
                        "is edited by hand",
                    )
    for name in REGISTRIES - set(names):
        flag("resources", f"the registry {name!r} is missing")
    return problems + label_problems(package)


def _source_reference(entry: dict[str, Any]) -> tuple[str, str] | None:
    """The table and key field a row's ``source_id`` points at (its foreign key), if declared."""
    for fk in entry["schema"].get("foreignKeys", []):
        if fk["fields"] == ["source_id"]:
            return fk["reference"]["resource"], fk["reference"]["fields"][0]
    return None


def _source_values(entry: dict[str, Any], checked: dict[str, Any], field: str) -> dict[str, Any] | None:
    """Each cited source's ``field`` (its publication or reading date), by source id, from the checked registry the
    table's ``source_id`` points at; ``None`` when there is no such registry or it could not be read."""
    reference = _source_reference(entry)
    sources = checked.get(reference[0]) if reference else None
    if sources is None or sources.table is None:
        return None
    return {row[reference[1]]: row.get(field) for _, row in sources.typed}


def _declared_rule_problems(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with a table's ``x-key-date``, ``x-tally``, ``x-veto``, ``x-number-order``, ``x-sequence`` and
    ``x-when`` rules beyond their shape: a date that is not a date field, a count that is not an integer field, a
    value the rule names that its field's enumeration lacks, a condition with no single demand. Fields the table
    lacks are reported with every other declared field."""
    fields = {f["name"]: f for f in entry["schema"]["fields"]}

    def codes(name: str) -> list[str]:
        return fields[name].get("constraints", {}).get("enum", [])

    wrong = []
    for rule in entry.get("x-key-date", []):
        if rule["date"] in fields and fields[rule["date"]]["type"] != "date":
            wrong.append(("x-key-date", f"{rule['date']!r} is of type {fields[rule['date']]['type']}, not date"))
    era = entry.get("x-era")
    if era:
        if era["date"] in fields and fields[era["date"]]["type"] != "date":
            wrong.append(("x-era", f"{era['date']!r} is of type {fields[era['date']]['type']}, not date"))
        for code, span in era["codes"].items():
            for end, day in span.items():
                if not _is_date(day):
                    wrong.append(("x-era", f"{code} {end} {day!r} is not a calendar date"))
            unknown = [name for name in era["fields"] if name in fields and codes(name) and code not in codes(name)]
            if unknown:
                wrong.append(("x-era", f"{code!r} is not in the enumeration of {', '.join(map(repr, unknown))}"))
    session = entry.get("x-session-date")
    if session and session["date"] in fields and fields[session["date"]]["type"] != "date":
        wrong.append(("x-session-date", f"{session['date']!r} is of type {fields[session['date']]['type']}, not date"))
    tally = entry.get("x-tally", {"counts": {}, "votes": []})
    for vote, count in tally["counts"].items():
        if count in fields and fields[count]["type"] != "integer":
            wrong.append(("x-tally", f"count {count!r} is of type {fields[count]['type']}, not integer"))
        for name in tally["votes"]:
            if name in fields and vote not in codes(name):
                wrong.append(("x-tally", f"vote field {name!r} has no value {vote!r} in its enumeration"))
    period = entry.get("x-period")
    for name in (period["start"], period["end"]) if period else ():
        if name in fields and fields[name]["type"] != "date":
            wrong.append(("x-period", f"{name!r} is of type {fields[name]['type']}, not date"))
    for rule_key, rules in (
        ("x-number-order", entry.get("x-number-order", [])),
        ("x-sequence", [entry["x-sequence"]] if "x-sequence" in entry else []),
    ):
        for rule in rules:
            if rule["date"] in fields and fields[rule["date"]]["type"] != "date":
                wrong.append((rule_key, f"{rule['date']!r} is of type {fields[rule['date']]['type']}, not date"))
    for rule in entry.get("x-when", []):
        demands = [key for key in ("values", "empty", "filled", "pattern", "at-most") if key in rule["then"]]
        if len(demands) != 1:
            wrong.append(
                (
                    "x-when",
                    f"then names {demands or 'no demand'}: give exactly one of values, empty, filled, pattern, at-most",
                )
            )
        numeric = [
            name
            for name in rule["then"]["fields"]
            if fields.get(name, {}).get("type") not in (None, "integer", "number")
        ]
        if "at-most" in rule["then"] and numeric:
            wrong.append(("x-when", f"at-most bounds numbers, but {numeric} are not numeric fields"))
        if sum(key in rule["if"] for key in ("values", "empty", "pattern")) != 1:
            wrong.append(("x-when", "if names rows by values, empty or pattern: give exactly one of the three"))
        pairs = [(rule["if"]["field"], rule["if"].get("values", []))]
        pairs += [(name, rule["then"]["values"]) for name in rule["then"]["fields"] if "values" in rule["then"]]
        for name, values in pairs:
            unknown = sorted(set(values) - set(codes(name))) if name in fields and codes(name) else []
            if unknown:
                wrong.append(("x-when", f"values {unknown} are not in the enumeration of {name!r}"))
    sequence = entry.get("x-sequence")
    if sequence and sequence["field"] in fields:
        named = {value for group in sequence["order"] for value in group}
        unknown = sorted(named - set(codes(sequence["field"])))
        if unknown:
            wrong.append(("x-sequence", f"values {unknown} are not in the enumeration of {sequence['field']!r}"))
        if len(named) != sum(len(group) for group in sequence["order"]):
            wrong.append(("x-sequence", "a value stands in two places of the order"))
    for rule in entry.get("x-stated", []):
        kinds = {"count": ("integer",), "usd_millions": ("integer", "number"), "coordinate": ("number",)}[rule["as"]]
        if rule["field"] in fields and fields[rule["field"]]["type"] not in kinds:
            wrong.append(("x-stated", f"{rule['field']!r} is of type {fields[rule['field']]['type']}, not a number"))
        if rule["text"] in fields and fields[rule["text"]]["type"] != "string":
            wrong.append(("x-stated", f"{rule['text']!r} is of type {fields[rule['text']]['type']}, not string"))
    veto = entry.get("x-veto")
    if veto:
        for name in veto["permanent"]:
            if name in fields and veto["no"] not in codes(name):
                wrong.append(("x-veto", f"vote field {name!r} has no value {veto['no']!r} in its enumeration"))
        for value in (veto["adopted"], veto["vetoed"], veto["failed"]):
            if veto["outcome"] in fields and value not in codes(veto["outcome"]):
                wrong.append(("x-veto", f"outcome field {veto['outcome']!r} has no value {value!r} in its enumeration"))
        if veto["count"] in fields and fields[veto["count"]]["type"] != "integer":
            wrong.append(("x-veto", f"count {veto['count']!r} is of type {fields[veto['count']]['type']}, not integer"))
        if veto["date"] in fields and fields[veto["date"]]["type"] != "date":
            wrong.append(("x-veto", f"{veto['date']!r} is of type {fields[veto['date']]['type']}, not date"))
        starts = [era["from"] for era in veto["needed"]]
        if not all(_is_date(day) for day in starts) or starts != sorted(set(starts)):
            wrong.append(("x-veto", f"the eras of 'needed' start on {starts}: calendar dates, in order, each once"))
    return wrong


def _reported_after_problems(entry: dict[str, Any], rule: dict[str, Any], resources: dict[str, Any]) -> list[str]:
    """What is wrong with an ``x-reported-after`` rule: an event field that is not a date, a publication field the
    source table lacks or that holds no dates, or exemption codes its field's enumeration lacks."""
    fields = {f["name"]: f for f in entry["schema"]["fields"]}
    wrong = []
    if rule["date"] in fields and not (fields[rule["date"]]["type"] == "date" or is_year_field(fields[rule["date"]])):
        wrong.append(f"{rule['date']!r} is not a date field or a year field")
    target = resources.get((_source_reference(entry) or ("", ""))[0])
    published = {f["name"]: f for f in target["schema"]["fields"]}.get(rule["published"]) if target else None
    if target and (published is None or not date_kind(published)):
        wrong.append(f"{rule['published']!r} is not a date field of {target['name']!r}, the table source_id points at")
    codes = rule.get("unless-codes")
    if codes and codes["field"] in fields:
        unknown = sorted(set(codes["values"]) - set(fields[codes["field"]].get("constraints", {}).get("enum", [])))
        if unknown:
            wrong.append(f"codes {unknown} are not values of {codes['field']!r}")
    return wrong


def group_pattern_problem(pattern: str, needed: str, allowed: set[str]) -> str | None:
    """Why a rule's pattern that reads a part of a cell cannot be used: :func:`pattern_problem`, or it lacks the
    named group ``needed``, or names a group outside ``allowed``.

    >>> group_pattern_problem("^(?P<month>[0-9]{2})-", "year", {"year", "month"})
    "has no group named 'year'"
    """
    wrong = pattern_problem(pattern)
    if wrong:
        return wrong
    groups = set(re.compile(pattern).groupindex)
    if needed not in groups:
        return f"has no group named {needed!r}"
    if not groups <= allowed:
        return f"names a group other than {' and '.join(repr(g) for g in sorted(allowed))}"
    return None


def pattern_problem(pattern: str) -> str | None:
    """Why a descriptor's regular expression cannot be used, or ``None``: it does not compile, or an unbounded
    repetition holds a group that can match one text in several ways, which on one long cell backtracks for hours:
    ``(a+)+``, ``(\\w+\\s?)*``, ``(aa?)+``, ``(a|aa)+``, ``(.|a)*``. A repeated group is safe when it must match a
    character its variable parts cannot (``(;[a-z]+)*``), or, when it is only alternatives, they start differently
    (``(RUS|PRK)+``).
    Character classes such as ``\\w`` are taken to overlap everything.

    >>> pattern_problem("[a-z0-9-]+(;[a-z0-9-]+)*") is None, pattern_problem("(a|aa)+")[:30]
    (True, 'repeats a group that can match')
    """
    from re import _parser as parser  # the standard library's own parser of patterns

    try:
        parsed = parser.parse(pattern)
    except re.error as exc:
        return f"is not a regular expression ({exc})"
    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT)
    zero_width = (parser.AT, parser.ASSERT, parser.ASSERT_NOT)
    everything = None  # a character set too wide to list

    def flat(items: Any) -> list[tuple[Any, Any]]:
        out: list[tuple[Any, Any]] = []
        for op, av in items:
            out += flat(av[3]) if op is parser.SUBPATTERN else [(op, av)]
        return out

    def chars(op: Any, av: Any) -> set[int] | None:
        if op is parser.LITERAL:
            return {av}
        if op is parser.IN:
            found: set[int] = set()
            for kind, value in av:
                if kind is parser.LITERAL:
                    found.add(value)
                elif kind is parser.RANGE:
                    found |= set(range(value[0], value[1] + 1))
                else:
                    return everything
            return found
        if op in zero_width:
            return set()
        parts = (
            av[2] if op in repeats else [item for branch in av[1] for item in branch] if op is parser.BRANCH else None
        )
        if parts is None:
            return everything
        found = set()
        for inner in flat(parts):
            more = chars(*inner)
            if more is everything:
                return everything
            found |= more
        return found

    def first(items: Any) -> set[int] | None:
        elements = [(op, av) for op, av in flat(items) if op not in zero_width]
        return chars(*elements[0]) if elements else set()

    def overlap(a: set[int] | None, b: set[int] | None) -> bool:
        return a is everything or b is everything or bool(a & b)

    def variable(op: Any, av: Any) -> bool:
        if op in repeats:
            return av[0] != av[1]
        if op is parser.BRANCH:
            return len({parser.SubPattern(parser.State(), branch).getwidth() for branch in av[1]}) > 1
        return False

    def ambiguous(items: Any, unbounded: bool) -> bool:
        elements = flat(items)
        if unbounded:
            varying = [(op, av) for op, av in elements if variable(op, av)]
            if varying:
                span: set[int] | None = set()
                for inner in varying:
                    more = chars(*inner)
                    span = everything if more is everything or span is everything else span | more
                separators = [
                    (op, av)
                    for op, av in elements
                    if not variable(op, av) and op not in zero_width and not overlap(chars(op, av), span)
                ]
                if not separators:
                    return True
            solid = [(op, av) for op, av in elements if op not in zero_width]
            for op, av in solid if len(solid) == 1 else []:  # a body that is only alternatives: they must differ
                if op is parser.BRANCH:
                    starts = [first(branch) for branch in av[1]]
                    if any(overlap(x, y) for i, x in enumerate(starts) for y in starts[i + 1 :] if x != set() != y):
                        return True
        for op, av in elements:
            if op in repeats and ambiguous(av[2], av[1] == parser.MAXREPEAT):
                return True
            if op is parser.BRANCH and any(ambiguous(branch, unbounded) for branch in av[1]):
                return True
            if op in (parser.ASSERT, parser.ASSERT_NOT) and ambiguous(av[1], False):
                return True
        return False

    if ambiguous(parsed, False):
        return "repeats a group that can match one text in several ways (a long cell could take hours to check)"
    return None


def _constraint_problems(entry: dict[str, Any], where: str) -> list[Problem]:
    """Constraints that cannot apply to their field: bounds of the wrong type or in the wrong order, patterns that
    are not regular expressions, ordered pairs of fields of different types."""
    problems: list[Problem] = []

    def flag(at: str, message: str) -> None:
        problems.append(Problem(DESCRIPTOR_FILE, None, at, "descriptor", message))

    types = {f["name"]: "date" if date_kind(f) else f["type"] for f in entry["schema"]["fields"]}
    for field in entry["schema"]["fields"]:
        constraints = field.get("constraints", {})
        here = f"{where}.schema.fields[{field['name']}].constraints"
        if "x-partial-date" in field and field["type"] != "string":
            flag(
                f"{where}.schema.fields[{field['name']}]",
                f"x-partial-date applies to string fields, not to type {field['type']}",
            )
        for key, bound in bounds_of(field).items():
            kind = field["type"]
            ok = (
                kind in ("integer", "number")
                and isinstance(bound, (int, float))
                and not isinstance(bound, bool)
                and (kind == "number" or float(bound).is_integer())
            ) or (date_kind(field) and isinstance(bound, str) and bool(DATE.fullmatch(bound)) and _is_date(bound))
            if not ok:
                flag(
                    here,
                    f"{key} {bound!r} is not a date written YYYY-MM-DD"
                    if date_kind(field)
                    else f"{key} {bound!r} does not fit a field of type {kind}",
                )
        if (date_kind(field) or is_year_field(field)) and "minimum" not in bounds_of(field):
            flag(
                f"{where}.schema.fields[{field['name']}].x-partial-date" if "x-partial-date" in field else here,
                f"{'date' if date_kind(field) else 'year'} field {field['name']!r} declares no minimum: give the "
                "earliest it can be (a date mistyped by a century would otherwise pass)",
            )
        wrong = pattern_problem(constraints["pattern"]) if "pattern" in constraints else None
        if wrong:
            flag(here, f"pattern {constraints['pattern']!r} {wrong}")
        low, high = bounds_of(field).get("minimum"), bounds_of(field).get("maximum")
        if low is not None and high is not None and isinstance(low, str) == isinstance(high, str) and low > high:
            flag(here, f"minimum {low!r} is above maximum {high!r}: no value could pass, so every row would be refused")
    for rule in entry.get("x-sum-at-most", []):
        kinds = {types.get(name) for name in rule["fields"]}
        if not kinds <= {"integer", "number"}:
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"{where}.x-sum-at-most",
                    "descriptor",
                    f"fields {rule['fields']} must all be numbers, found {sorted(map(str, kinds))}",
                )
            )
    parts_rule = entry.get("x-total-of-parts")
    if parts_rule:
        fields = {f["name"]: f for f in entry["schema"]["fields"]}
        enum = fields.get(parts_rule["field"], {}).get("constraints", {}).get("enum", [])
        named = [parts_rule["total"], *parts_rule["parts"]]
        wrong = []
        if types.get(parts_rule["value"]) not in ("integer", "number"):
            wrong.append(f"value field {parts_rule['value']!r} is not a number")
        if not set(named) <= set(enum):
            wrong.append(f"{named} are not all values of {parts_rule['field']!r}'s enumeration {enum}")
        if parts_rule["total"] in parts_rule["parts"]:
            wrong.append(f"the total {parts_rule['total']!r} is listed among its own parts")
        wrong += [
            f"exception {exception['group']} names {len(exception['group'])} values for {len(parts_rule['by'])} "
            f"fields {parts_rule['by']}"
            for exception in parts_rule.get("exceptions", [])
            if len(exception["group"]) != len(parts_rule["by"])
        ]
        problems += [Problem(DESCRIPTOR_FILE, None, f"{where}.x-total-of-parts", "descriptor", w) for w in wrong]
    sited = entry.get("x-site-determines")
    link = next((f for f in entry["schema"]["fields"] if sited and f["name"] == sited["url"]), {})
    if sited and link.get("format") != "uri":
        wrong = f"{sited['url']!r} must be a link field (format uri)"
        problems.append(Problem(DESCRIPTOR_FILE, None, f"{where}.x-site-determines", "descriptor", wrong))
    dated = entry.get("x-url-date")
    if dated:
        fields = {f["name"]: f for f in entry["schema"]["fields"]}
        link, date = fields.get(dated["url"], {}), fields.get(dated["date"], {})
        if link.get("format") != "uri" or not (date and date_kind(date)):
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"{where}.x-url-date",
                    "descriptor",
                    f"{dated['url']!r} must be a link field (format uri) and {dated['date']!r} a date field",
                )
            )
    for pair in entry.get("x-not-greater", []):
        kinds = {types.get(name) for name in pair}
        if not (kinds <= {"integer", "number"} or kinds == {"date"}):
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"{where}.x-not-greater",
                    "descriptor",
                    f"fields {pair} must both be numbers or both be dates, found {sorted(map(str, kinds))}",
                )
            )
    return problems


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def partial_start(text: str) -> dt.date | None:
    """The first day a partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) can mean; ``None`` if it is not one.

    >>> partial_start("2024-06"), partial_start("2024-02-30")
    (datetime.date(2024, 6, 1), None)
    """
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def default_label(code: str) -> str:
    """How a code without an ``x-labels`` entry is shown: a code in capitals as it is, else in words.

    >>> default_label("did_not_happen"), default_label("SRBM")
    ('Did not happen', 'SRBM')
    """
    return code if code.isupper() else code[:1].upper() + code[1:].replace("_", " ")


def _names(package: dict[str, Any]) -> dict[str, str]:
    """Words the descriptor's own text writes only as names: in capitals (``DPRK``, ``LNG``) or capitalised after
    the first word (``Russia``, ``Duma``), and never in lower case; by their lower-case form."""
    texts = [package.get("title", ""), package.get("description", "")]
    for entry in package["resources"]:
        texts += [entry.get("title", ""), entry.get("description", ""), entry.get("x-unit", "")]
        for field in entry["schema"]["fields"]:
            texts += [field.get("description", ""), *field.get("x-labels", {}).values()]
    words = [re.findall(r"[A-Za-z]+", text) for text in texts if isinstance(text, str)]
    lower = {word for text in words for word in text if word.islower()}
    names = {
        word
        for text in words
        for i, word in enumerate(text)
        if (word.isupper() and len(word) > 1) or (i > 0 and word[0].isupper() and word[1:].islower())
    }
    return {name.lower(): name for name in names if name.lower() not in lower}


def label_problems(package: dict[str, Any]) -> list[Problem]:
    """Codes whose default label would write a name in lower case (``dprk_to_russia`` as "Dprk to russia"): such a
    code needs an ``x-labels`` entry. Names are the words the descriptor itself writes only as names."""
    names = _names(package)
    problems = []
    for entry in package["resources"]:
        for field in entry["schema"]["fields"]:
            labelled = field.get("x-labels", {})
            for code in field.get("constraints", {}).get("enum", []):
                if not isinstance(code, str) or code in labelled or code.isupper():
                    continue
                # The first word is capitalised by the default label, so only a name in capitals is lost there.
                lost = [
                    names[word]
                    for i, word in enumerate(re.split(r"[_ ]", code))
                    if word in names and (i > 0 or names[word].isupper())
                ]
                if lost:
                    problems.append(
                        Problem(
                            DESCRIPTOR_FILE,
                            None,
                            f"resources[{entry['name']}].schema.fields[{field['name']}].x-labels",
                            "descriptor",
                            f"code {code!r} would be shown as {default_label(code)!r}, where the descriptor writes "
                            f"{' and '.join(map(repr, lost))}: give it a label",
                        )
                    )
    return problems


def bounds_of(field: dict[str, Any]) -> dict[str, Any]:
    """A field's ``minimum`` and ``maximum``: its constraints', or a partial date's own (``x-partial-date``: Table
    Schema allows no bounds on a string).

    >>> bounds_of({"name": "published", "type": "string", "x-partial-date": {"minimum": "1922-12-30"}})
    {'minimum': '1922-12-30'}
    """
    declared = field["x-partial-date"] if "x-partial-date" in field else field.get("constraints", {})
    return {key: declared[key] for key in ("minimum", "maximum") if key in declared}


def date_kind(field: dict[str, Any]) -> bool:
    """A field holding dates: type ``date``, or a string field declared ``x-partial-date``."""
    return field["type"] == "date" or "x-partial-date" in field


def _as_date(value: Any) -> Any:
    """A value in the form dates are compared in (a partial date as its first day)."""
    return partial_start(value) if isinstance(value, str) else value


# --- reading a table ----------------------------------------------------------------------------------------------


def build_record(raw: bytes) -> dict[str, Any]:
    """What the descriptor records of a derived table's file after a build: its size and sha256 (Frictionless's
    ``bytes`` and ``hash``)."""
    return {"bytes": len(raw), "hash": f"sha256:{hashlib.sha256(raw).hexdigest()}"}


def built_problems(data_dir: Path, entry: dict[str, Any]) -> list[Problem]:
    """A derived table whose file is not what its last build wrote (edited by hand, or replaced), by the size and
    hash the descriptor records."""
    path = entry["path"]
    if entry["x-kind"] != "derived":
        return []
    try:
        raw = (Path(data_dir) / path).read_bytes()
    except OSError:
        return []  # reported by read_table
    if "hash" not in entry or "bytes" not in entry:
        return [
            Problem(
                path,
                None,
                "-",
                "derived-unbuilt",
                "datapackage.json records no build of this table (its 'bytes' and 'hash'): run "
                "`python -m russia_dprk build`, which derives it and records them",
            )
        ]
    found = build_record(raw)
    if found == {"bytes": entry["bytes"], "hash": entry["hash"]}:
        return []
    if found["hash"] == entry["hash"]:  # the file is the build's; the descriptor's record of its size is not
        return [
            Problem(
                DESCRIPTOR_FILE,
                None,
                f"resources[{entry['name']}].bytes",
                "descriptor",
                f"records {entry['bytes']} bytes for {path}, whose hash matches its build but which has "
                f"{found['bytes']} bytes: the size was edited by hand (`python -m russia_dprk build` writes both)",
            )
        ]
    return [
        Problem(
            path,
            None,
            "-",
            "derived-edited",
            f"the file is not what its last build wrote (datapackage.json records {entry['bytes']} bytes, "
            f"{entry['hash'][:19]}...; the file has {found['bytes']} bytes, {found['hash'][:19]}...): a derived "
            "table is rebuilt from its upstream files with `python -m russia_dprk build`, never edited by hand",
        )
    ]


def _unquoted_quote(text: str, rows: list[tuple[int, list[str]]], end: int) -> tuple[int, str, str] | None:
    """The first cell holding a double quote that was not written quoted (``b"c`` rather than ``"b""c"``), as
    line, field and why: a CSV reader takes the quote as text, but no CSV writer leaves one there, so it is a
    stray character (a quote typed or pasted into the file by hand)."""
    if '"' not in text:
        return None
    physical = text.split("\n")
    header = rows[0][1] if rows else []
    starts = [line for line, _ in rows] + [end]
    for (line, cells), after in zip(rows, starts[1:], strict=True):
        for index, cell in enumerate(cells):
            if '"' in cell and '"' + cell.replace('"', '""') + '"' not in "\n".join(physical[line - 1 : after - 1]):
                field = header[index] if index < len(header) and line > 1 else "-"
                return (
                    line,
                    field,
                    f"the cell {cell[:60]!r} holds a double quote but is not quoted: a quote belongs in a quoted cell, "
                    'doubled ("a ""b"" c"), or is a stray character',
                )
    return None


def read_table(data_dir: Path, entry: dict[str, Any]) -> tuple[Table | None, list[Problem]]:
    """Decode and parse one table's CSV; problems with the file itself (encoding, quoting, header, row lengths)."""
    path = entry["path"]
    file = Path(data_dir) / path
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return None, [Problem(path, None, "-", "missing-file", "the table's file does not exist")]
    except OSError as exc:
        return None, [Problem(path, None, "-", "unreadable", exc.strerror or str(exc))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "-", "encoding", f"byte {raw[exc.start]:#04x} is not valid UTF-8")]
    if not text:
        return None, [Problem(path, 1, "-", "empty-file", "the file has no header")]
    if text.startswith("\ufeff"):
        return None, [
            Problem(path, 1, "-", "encoding", "the file starts with a byte-order mark; save it as UTF-8 without one")
        ]
    bare = BARE_CR.search(text)
    if bare:
        line = text.count("\n", 0, bare.start()) + 1
        return None, [
            Problem(
                path,
                line,
                "-",
                "line-ending",
                "the line ends with a bare carriage return (CR, old Mac style); save the file with LF or CRLF ends",
            )
        ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    next_line = 1
    try:
        for cells in reader:
            rows.append((next_line, cells))
            next_line = reader.line_num + 1
    except csv.Error as exc:
        return None, [Problem(path, next_line, "-", "csv-syntax", f"{exc} (an unclosed quote or a stray character)")]
    if not text.endswith("\n"):
        return None, [
            Problem(
                path,
                text.count("\n") + 1,
                "-",
                "truncated",
                "the last line does not end with a newline (the file may be cut off)",
            )
        ]
    header = rows[0][1] if rows else []
    declared = [f["name"] for f in entry["schema"]["fields"]]
    separator = next((name for char, name in SEPARATORS if len(header) == 1 and char in header[0]), None)
    if separator and len(declared) > 1:
        return None, [
            Problem(
                path,
                1,
                "-",
                "delimiter",
                f"the file is separated by {separator}, not commas (its header reads as one cell)",
            )
        ]
    # A header cell that differs from a missing declared name only in case or surrounding spaces is named as it.
    missing = [name for name in declared if name not in header]
    near = {name.strip().casefold(): name for name in header if name not in declared}
    renamed = {name: near[name.casefold()] for name in missing if name.casefold() in near}
    problems = [
        Problem(
            path,
            1,
            name,
            "missing-column",
            f"the header writes it {renamed[name]!r}" if name in renamed else "the header has no such column",
        )
        for name in missing
    ]
    problems += [
        Problem(path, 1, name, "extra-column", "the schema declares no such column")
        for name in header
        if name not in declared and name not in renamed.values()
    ]
    problems += [
        Problem(path, 1, name, "duplicate-column", f"the header names this column {header.count(name)} times")
        for name in dict.fromkeys(header)
        if header.count(name) > 1
    ]
    if not problems and header != declared:
        problems.append(Problem(path, 1, "-", "column-order", f"columns must be in schema order: {declared}"))
    if problems:
        return None, problems
    stray = _unquoted_quote(text, rows, next_line)
    if stray:
        return None, [Problem(path, stray[0], stray[1], "csv-syntax", stray[2])]
    records = []
    for line, cells in rows[1:]:
        if not cells:
            problems.append(Problem(path, line, "-", "blank-line", "the line is blank (delete it)"))
            continue
        if [cell.lstrip("\ufeff") for cell in cells] == header:
            said = "the line repeats the header (two files joined, or a sheet's header copied down?): delete it"
            problems.append(Problem(path, line, "-", "repeated-header", said))
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(path, line, "-", "row-length", f"the row has {len(cells)} cells, the header {len(header)}")
            )
            continue
        records.append((line, dict(zip(header, cells, strict=True))))
    if not rows[1:]:
        return None, [Problem(path, 2, "-", "no-records", "the file has a header but no records (it may be cut off)")]
    return Table(path, header, records), problems


# --- cells ----------------------------------------------------------------------------------------------------------


# Latin letters and digits in full-width (East Asian input) or mathematical styles (bold, italic, script...): they
# look like the ordinary ones but do not compare, sort or search as them.
# Also small capitals ("ᴍ"), letter-like symbols ("ℂ", "ℓ", the Kelvin sign) and Roman numerals ("Ⅱ"); not "№",
# "℃", "℉", "℗", "℠" or "™", which are symbols in their own right.
STYLED_LETTER = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff\u1d00-\u1d2b\u2160-\u217f"
    "\u2100-\u2102\u2104-\u2108\u210a-\u2115\u2118-\u211f\u2123-\u214f]"
)
LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word, for the check of mixed alphabets
MICRO_UNIT = re.compile("[\u00b5\u03bc][A-Za-z]{1,3}|\u0394[A-Za-z]+")  # "μSv", "µm"; "ΔGDP", a change in GDP


def _emoji_presentation(value: str, at: int) -> bool:
    """Whether the variation selector at ``at`` asks for a symbol's emoji or text form ("⚡️"): part of what shows."""
    return value[at] in "\ufe0e\ufe0f" and at > 0 and unicodedata.category(value[at - 1]) == "So"


# Characters Unicode counts as printable that show nothing: the Hangul fillers, the Braille blank, the combining
# grapheme joiner, Khmer's inherent vowels, Mongolian and other variation selectors (most of Unicode's "default
# ignorable" code points are format characters, refused with the controls).
BLANK_CHARACTER = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def _text_problem(value: str) -> str | None:
    """Why a cell's text cannot be kept as written, or ``None``: an invisible, blank or control character, whitespace
    at either end, a full-width or styled Latin letter or digit ("Ａ", "𝐁", "ℂ", "Ⅱ", "ᴍ"), a word mixing Latin
    letters with Cyrillic, Greek, Armenian or Cherokee ones ("Pyоngyang" with a Cyrillic "о"), a character Unicode
    equates with an ordinary one (the Greek question mark for ";"), or an accented letter stored as two characters
    (not Unicode's composed
    form, NFC), which would not equal the same text typed composed.

    >>> _text_problem("Pyongyang") is None
    True
    >>> _text_problem("Pyo\\u0306ngyang")[:61]
    "is not in Unicode's composed form (NFC): a character (U+0306)"
    """
    if not value.isprintable():
        for char in value:
            if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
                return f"contains the invisible or control character U+{ord(char):04X}"
    if not value.isascii():
        blank = next((m for m in BLANK_CHARACTER.finditer(value) if not _emoji_presentation(value, m.start())), None)
        if blank:
            name = unicodedata.name(blank.group(), "unnamed").lower()
            return f"contains U+{ord(blank.group()):04X} ({name}), a character that shows nothing"
        mixed = next(
            (
                word
                for word in LETTERS.findall(value)
                if not word.isascii() and not MICRO_UNIT.fullmatch(word) and _mixed_script(word)
            ),
            None,
        )
        if mixed:
            return (
                f"has the word {mixed!r}, which mixes Latin letters with Cyrillic, Greek, Armenian or Cherokee ones: "
                "a look-alike character (Cyrillic 'о' for Latin 'o') would keep the row from matching its name"
            )
    if value != value.strip():
        return "has leading or trailing whitespace"
    styled = next((m for m in STYLED_LETTER.finditer(value) if not _in_east_asian_text(value, m.start())), None)
    if styled:
        plain = unicodedata.normalize("NFKC", styled.group())
        plain = plain if plain != styled.group() else unicodedata.name(styled.group()).split()[-1].lower()
        return (
            f"holds {styled.group()!r} (U+{ord(styled.group()):04X}), a full-width or styled form of a Latin letter or "
            f"digit: type the ordinary {plain!r}"
        )
    if not (value.isascii() or unicodedata.is_normalized("NFC", value)):
        odd = next((c for c in value if unicodedata.combining(c) or unicodedata.normalize("NFC", c) != c), None)
        twin = unicodedata.normalize("NFC", odd) if odd and not unicodedata.combining(odd) else ""
        if twin.isascii() and twin:  # a look-alike that Unicode itself equates with an ordinary character
            return f"holds U+{ord(odd):04X} ({unicodedata.name(odd).lower()}), a look-alike of {twin!r}: type {twin!r}"
        where = f" (U+{ord(odd):04X})" if odd else ""
        return (
            f"is not in Unicode's composed form (NFC): a character{where} is stored apart from the letter it belongs "
            "to, so the text would not equal the same text typed composed; save it composed"
        )
    return None


def _in_east_asian_text(value: str, at: int) -> bool:
    """Whether the character at ``at`` stands beside a wide East Asian character: Japanese and Chinese print Roman
    numerals and such symbols as one character ("第Ⅱ陣")."""
    return any(0 <= i < len(value) and unicodedata.east_asian_width(value[i]) in ("W", "F") for i in (at - 1, at + 1))


def _mixed_script(value: str) -> bool:
    """True when a word mixes Latin letters with Cyrillic, Greek, Armenian or Cherokee ones (a look-alike such as
    Cyrillic 'Ѕ' in 'S/RES')."""
    if value.isascii():
        return False
    scripts = {unicodedata.name(c, "").split(" ")[0] for c in value if c.isalpha()}
    return len(scripts & set(SCRIPTS)) > 1


def _number_problem(value: str) -> str | None:
    if not NUMBER.fullmatch(value):
        return "is not a number written as digits (e.g. 12 or -0.5)"
    try:
        exact = Decimal(value)
        as_float = float(value)
    except (InvalidOperation, ValueError):
        return "is not a number"
    if as_float in (float("inf"), float("-inf")):
        return "is not finite"
    if exact == 0 and value.startswith("-"):
        return "is a negative zero (write 0)"
    if exact != Decimal(repr(as_float)):  # Decimal equality is exact and numeric: 1.50 == 1.5, 104 == 104.0
        return "has more precision than a 64-bit float holds and would be rounded"
    return None


def front_page_problem(value: str) -> str | None:
    """Why a link field's value names no document, or ``None``: a site's front page (no path and no query) is what is
    left of a link cut short. A link in running text may name a site; a link a row cites must name its page.

    >>> front_page_problem("https://tass.com/")
    "names the front page of tass.com, not a document (a link cut short?): give the page's full link"
    >>> front_page_problem("https://jamestown.org/?p=50835") is None, front_page_problem("https://a.com/#/news/1")
    (True, None)
    """
    try:
        parts = urlsplit(value)
    except ValueError:
        return None  # :func:`url_problem` says what is wrong
    routed = parts.fragment.lstrip("!").startswith("/") and parts.fragment.strip("!/")  # "/#/article/1", "#!/a"
    if parts.path.strip("/") or parts.query or routed or not parts.hostname:
        return None
    return f"names the front page of {parts.hostname}, not a document (a link cut short?): give the page's full link"


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a link a page may print and a reader may trust, or ``None``.

    An http(s) URL of safe ASCII characters (no braces, quotes, spaces, backslashes; other scripts percent-encoded),
    at most :data:`URL_MAX` characters, whose host is a domain name or a public IPv4 address (not a loopback,
    private or reserved one, nor a local, test or wildcard name: :data:`PRIVATE_NAMES`, which no reader can open),
    with no user name before the host (``https://kcna.kp@x.example`` shows one host and opens another), a port from
    1 to 65535 if any, every ``%`` starting an escape, no ``&amp;`` (a page source's escape) and no punctuation
    from the sentence it was copied from at its end.

    >>> url_problem("https://www.un.org/en/") is None
    True
    >>> url_problem("https://www.un.org@evil.example/")
    'names a user before its host (user@host shows one host and opens another)'
    >>> url_problem("https://[un.org/en/")
    'has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address'
    >>> url_problem("http://127.0.0.1:8000/report")
    'has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address'
    """
    if not value.isascii():
        other = next(char for char in value if not char.isascii())
        return f"holds {other!r}, which a link carries percent-encoded: copy the link from the address bar again"
    if not URL.fullmatch(value) or URL_UNSAFE.search(value):
        return "is not an http(s) URL of safe characters (no braces, quotes, spaces)"
    if "&amp;" in value:
        return "holds '&amp;', a page source's escape of '&': write '&'"
    if BAD_ESCAPE.search(value):
        return f"holds {BAD_ESCAPE.search(value).group()!r}: a '%' starts an escape of two hexadecimal digits"
    if (value[-1] in ".,;'" and not ABBREVIATION_END.search(value)) or value.count("(") < value.count(")"):
        return f"ends in {value[-1]!r}, punctuation from the sentence the link was copied from: drop it"
    if len(value) > URL_MAX:
        return f"is {len(value)} characters long, more than the {URL_MAX} a URL may have"
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed "[" of an IPv6 literal: urlsplit refuses the whole link
        return "has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address"
    if "@" in parts.netloc:
        return "names a user before its host (user@host shows one host and opens another)"
    host = parts.hostname or ""
    if not (HOST_NAME.fullmatch(host) or _is_public_ipv4(host)):
        return "has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address"
    if host.rstrip(".").endswith(PRIVATE_NAMES) or host.rstrip(".") in RESERVED_HOSTS:
        return (
            f"names {host}, a host no reader can reach (a local, test or reserved name, or one standing for an address)"
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 and parts.netloc.count(":"):
        return "has a port that is not a number from 1 to 65535"
    return None


def _is_public_ipv4(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return isinstance(address, ipaddress.IPv4Address) and address.is_global


Parsed = tuple[Any, str | None, str | None]


def _integer(value: str) -> Parsed:
    if not INTEGER.fullmatch(value):
        return None, "type-error", "is not an integer written as digits (no decimals, sign only '-')"
    if len(value.removeprefix("-")) > len(str(INT64)):  # int() refuses more than 4,300 digits; this is far beyond
        return None, "type-error", "is outside the 64-bit integer range"
    typed = int(value)
    if typed == 0 and value.startswith("-"):
        return None, "type-error", "is a negative zero (write 0)"
    if not -INT64 <= typed < INT64:
        return None, "type-error", "is outside the 64-bit integer range"
    return typed, None, None


def _number(value: str) -> Parsed:
    reason = _number_problem(value)
    return (None, "type-error", reason) if reason else (float(value), None, None)


def _date(value: str) -> Parsed:
    if not DATE.fullmatch(value):
        return None, "type-error", "is not a date written exactly as YYYY-MM-DD"
    try:
        return dt.date.fromisoformat(value), None, None
    except ValueError:
        return None, "type-error", "is not a calendar date"


def _boolean(value: str) -> Parsed:
    if value not in ("true", "false"):
        return None, "type-error", "is not 'true' or 'false'"
    return value == "true", None, None


# Words programs write for a missing, infinite or true/false value (pandas, R, Excel, JSON, JavaScript): a text
# cell holding only one of them is a missing value written out, not a name or a note.
MISSING_WORDS = {
    "nan",
    "na",
    "n/a",
    "#n/a",
    "null",
    "none",
    "nil",
    "undefined",
    "inf",
    "-inf",
    "infinity",
    "true",
    "false",
}
FORMULA = re.compile(r"[=@]|[+-](?![0-9])")
# What a spreadsheet shows where a formula failed: the cell held a formula, and its value was never there.
SPREADSHEET_ERRORS = {"#ref!", "#div/0!", "#value!", "#name?", "#null!", "#num!", "#spill!", "#calc!", "#field!"}
SPREADSHEET_ERRORS |= {"#getting_data", "#busy!", "#connect!", "#blocked!", "#unknown!"}
SPREADSHEET_ERROR = re.compile(r"err:[0-9]{3}")  # LibreOffice's "Err:502"


def _string(value: str) -> Parsed:
    """Text as written, unless it begins as a spreadsheet formula does (``=``, ``@``, or ``+`` or ``-`` before
    anything but a digit): a formula pasted in place of its value, which a spreadsheet opening the CSV would also
    run. A signed figure in a note ("-2.9% on the year") passes.

    >>> _string("-2.9% on the year")[1], _string("=B2*1.1")[2]
    (None, "begins with '=' as a spreadsheet formula does (a formula pasted in place of its value?)")
    """
    if FORMULA.match(value):
        return (
            None,
            "text",
            f"begins with {value[0]!r} as a spreadsheet formula does (a formula pasted in place of its value?)",
        )
    if value.strip().casefold() in SPREADSHEET_ERRORS or SPREADSHEET_ERROR.fullmatch(value.strip().casefold()):
        return None, "text", "is a spreadsheet's error value: the formula meant to give it failed; write the value"
    damage = encoding_damage(value)
    if damage:
        return None, "encoding", damage
    return value, None, None


# Two "?" in a row not after a letter ("'?? 9??'" for Korean; "what next??" is a headline's), or one between letters.
# A lost character's "?" stands for every non-ASCII letter, so it is never beside one ("朝鲜出兵俄罗斯?外交部" is a
# headline's); "??" after "-", "/" or ":" is an unknown part of a date or time ("2015-05-??").
LOST_CHARACTER = re.compile(r"(?<![^\W\d_]|[-/:])\?\?|(?<=[A-Za-z])\?(?=[A-Za-z])")
# Cyrillic saved as Windows-1251 or KOI8-R and read as Latin-1: a run of accented Latin letters no language writes.
LATIN1_RUN = re.compile("[\u00c0-\u00ff]{3,}")
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")


PLAUSIBLE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "HANGUL", "CJK", "HIRAGANA", "KATAKANA"}


def _plausible_text(meant: str) -> bool:
    """Whether text that bytes decode to is text someone wrote: punctuation, symbols and Latin letters ("’", "é"), or
    at least two letters of a script the sources write in; one ideograph or a letter of an unrelated script
    (German "ß“" decodes to an NKo letter, "é…“" to one ideograph) is a coincidence of bytes.

    >>> _plausible_text("’"), _plausible_text("при"), _plausible_text("\u07d3"), _plausible_text("\u9153")
    (True, True, False, False)
    """
    if all(unicodedata.category(c)[0] in "PSZ" or unicodedata.name(c, "").startswith("LATIN") for c in meant):
        return True
    letters = [c for c in meant if c.isalpha()]
    scripts = {unicodedata.name(c, "").split(" ")[0] for c in letters}
    return len(letters) >= 2 and scripts <= PLAUSIBLE_SCRIPTS


def encoding_damage(value: str) -> str | None:
    """How text shows it was saved or read in the wrong encoding, or ``None``. Four marks, none of which a
    person types:

    - U+FFFD, which a decoder leaves in place of bytes it could not read;
    - UTF-8 read as Windows-1252 or Latin-1 and saved again ("â€™" for "’", "Ã©" for "é");
    - Cyrillic saved as Windows-1251 or KOI8-R and read as Latin-1 ("Ïðèãîâîð" for "Приговор");
    - "?" in place of characters an encoding could not hold: two in a row not after a letter ("'?? 9??'" for
      Korean), or one between two letters ("People?s"). A link or its query string (a word holding "/" or "=") may
      hold "?".

    >>> encoding_damage("People’s Republic, café, 평양?") is None
    True
    >>> encoding_damage("Peopleâ€™s")[:67]
    "holds 'â€™', which is '’' written in UTF-8 and read as Windows-1252"
    >>> encoding_damage("the Democratic People?s Republic")[:39]
    "holds 'People?s': a '?' between letters"
    >>> encoding_damage("Ïðèãîâîð")[:52], encoding_damage("what next??")
    ("holds 'Ïðèãîâîð', which is 'Приговор' written in Win", None)
    """
    if "\ufffd" in value:
        return (
            "holds U+FFFD, the mark a decoder leaves for bytes it could not read: the text was read in the wrong "
            "encoding; restore it from the source"
        )
    if not value.isascii():
        for run in NON_ASCII_RUN.findall(value):
            for codec, named in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
                try:
                    meant = run.encode(codec).decode("utf-8")
                except UnicodeError:
                    continue
                if not _plausible_text(meant):  # "ß“" is valid UTF-8 for an NKo letter: German, not damage
                    continue
                return (
                    f"holds {run!r}, which is {meant!r} written in UTF-8 and read as {named}: restore the text "
                    "from the source"
                )
        for run in LATIN1_RUN.findall(value):
            for codec, named in (("cp1251", "Windows-1251"), ("koi8-r", "KOI8-R")):
                try:
                    meant = run.encode("latin-1").decode(codec)
                except UnicodeError:
                    continue
                if all("\u0400" <= char <= "\u04ff" for char in meant):
                    return (
                        f"holds {run!r}, which is {meant!r} written in {named} and read as Latin-1: restore the "
                        "text from the source"
                    )
    if "?" in value:
        for word in value.split():
            if "/" not in word and "=" not in word and LOST_CHARACTER.search(word):
                return (
                    f"holds {word!r}: a '?' between letters or two in a row is what an encoding leaves for "
                    "characters it cannot hold (the file was saved as ASCII or Latin-1?); restore the text from "
                    "the source"
                )
    return None


TYPES: dict[str, Callable[[str], Parsed]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "date": _date,
    "boolean": _boolean,
}


def cell_parser(field: dict[str, Any]) -> Callable[[str], Parsed]:
    """The check of one field's cells, prepared once: ``parser(text)`` gives the typed value, or the rule the
    text breaks and why (missing cells are ``None``)."""
    constraints = field.get("constraints", {})
    kind, required = field["type"], bool(constraints.get("required"))
    to_type = TYPES[kind]
    enum = set(constraints["enum"]) if "enum" in constraints else None
    enum_text = f"is not one of {constraints.get('enum')}"
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    bounds = []
    for key, word in (("minimum", "below the minimum"), ("maximum", "above the maximum")):
        bound = bounds_of(field).get(key)
        if bound is not None:
            bounds.append((key == "minimum", dt.date.fromisoformat(bound) if date_kind(field) else bound, bound, word))
    uri = field.get("format") == "uri"
    partial = "x-partial-date" in field

    def parse(value: str) -> Parsed:
        if not (value.isascii() and value.isprintable() and value == value.strip()):
            text = _text_problem(value)
            if text:
                return None, "text", text
        if value == "":
            return (None, "constraint-error", "a value is required") if required else (None, None, None)
        typed, rule, detail = to_type(value)
        if rule:
            return typed, rule, detail
        if kind == "string" and enum is None and value.casefold() in MISSING_WORDS:
            return (
                None,
                "text",
                "is what a program writes for a missing, infinite or true/false value: leave the cell empty, or "
                "write what it means",
            )
        if enum is not None and value not in enum:
            return None, "constraint-error", enum_text
        if partial and partial_start(value) is None:
            return None, "type-error", "is not a calendar date written as YYYY, YYYY-MM or YYYY-MM-DD"
        if pattern is not None and not pattern.fullmatch(value):
            return None, "constraint-error", f"does not match the pattern {pattern.pattern!r}"
        for is_minimum, limit, bound, word in bounds:
            # A partial date breaks a bound only if every day it can mean does: its last day below a minimum, its
            # first above a maximum.
            value_at = (partial_end(value) if is_minimum else partial_start(value)) if partial else typed
            if (value_at < limit) if is_minimum else (value_at > limit):
                return None, "constraint-error", f"is {word} {bound}"
        if uri:
            reason = url_problem(value) or front_page_problem(value)
            if reason:
                return None, "constraint-error", reason
        return typed, None, None

    return parse


def parse_cell(value: str, field: dict[str, Any]) -> Parsed:
    """A cell's typed value, or the rule it breaks and why. Missing cells are ``None``.

    >>> parse_cell("2024-06-19", {"name": "date", "type": "date"})
    (datetime.date(2024, 6, 19), None, None)
    >>> parse_cell("15.0", {"name": "n", "type": "integer"})[1:]
    ('type-error', "is not an integer written as digits (no decimals, sign only '-')")
    """
    return cell_parser(field)(value)


def key_of(value: str) -> str:
    """The form two keys are compared in: Unicode NFKC, case-folded (so look-alike spellings collide)."""
    return unicodedata.normalize("NFKC", value).casefold()


def cell_problems(table: Table, entry: dict[str, Any]) -> tuple[list[Problem], list[tuple[int, dict[str, Any]]]]:
    """Every cell checked against its field; the typed records (a broken cell is ``None``)."""
    problems: list[Problem] = []
    typed_records = []
    fields = entry["schema"]["fields"]
    keyed = set(entry["schema"]["primaryKey"]) | {
        f for fk in entry["schema"].get("foreignKeys", []) for f in fk["fields"]
    }
    parsers = [(field, cell_parser(field)) for field in fields]
    for line, record in table.records:
        typed = {}
        for field, parse in parsers:
            value, rule, detail = parse(record[field["name"]])
            if rule:
                problems.append(
                    Problem(table.path, line, field["name"], rule, f"value {record[field['name']]!r} {detail}")
                )
            elif field["name"] in keyed and value is not None and _mixed_script(record[field["name"]]):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        field["name"],
                        "key-characters",
                        f"value {record[field['name']]!r} mixes alphabets (a look-alike character?)",
                    )
                )
            typed[field["name"]] = value
        typed_records.append((line, typed))
    return problems, typed_records


COMPARED = "compared after Unicode normalisation and case folding"
RECORD_COMPARED = "compared as keys are, and without the difference of typographic quotes or end punctuation"
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def record_key_of(value: str) -> str:
    """The form two values of a record's natural key (``uniqueKeys``) are compared in: as keys are (:func:`key_of`),
    with typographic quotes and dashes as typed ones, without end punctuation or runs of spaces, so one record
    entered twice is found though its copy was retyped. The order of a list is kept: in ``military_events`` the
    actor named first is the one acting ("PRK;RUS" and "RUS;PRK" on one day are two statements).

    >>> record_key_of("Kim’s  visit.") == record_key_of("Kim's visit")
    True
    """
    return " ".join(key_of(value).translate(TYPOGRAPHIC).split()).rstrip(".,;: ")


def key_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Primary keys unique after Unicode normalisation and case folding; declared unique fields likewise; and each
    of the schema's ``uniqueKeys`` (a record's natural key, such as who visited and the day the visit began, which
    catches one record entered twice under two ids)."""
    problems = []
    schema = entry["schema"]
    groups = [(schema["primaryKey"], "primary-key")]
    groups += [([f["name"]], "primary-key") for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    groups += [(list(fields), "unique-key") for fields in schema.get("uniqueKeys", [])]
    for fields, rule in groups:
        seen: dict[tuple[str, ...], int] = {}
        for line, record in table.records:
            values = tuple(record[f] for f in fields)
            # a record's natural key is compared only where it reads (an unread date would make every row look
            # alike); a key is compared as written, so a look-alike key collides with the one it imitates
            if not all(values) or (rule == "unique-key" and any((line, f) in unread for f in fields)):
                continue
            normal = tuple((key_of if rule == "primary-key" else record_key_of)(v) for v in values)
            if normal not in seen:
                seen[normal] = line
                continue
            shown, first = "/".join(values), seen[normal]
            if rule == "primary-key":
                said = f"key {shown!r} already used on line {first} (keys are {COMPARED})"
            else:
                named = " and ".join(fields)
                said = f"{named} {shown!r} as on line {first}: one record entered twice? (values are {RECORD_COMPARED})"
            problems.append(Problem(table.path, line, ",".join(fields), rule, said))
    return problems


def on_domain(url: str, domains: list[str]) -> str | None:
    """The listed domain a URL's host is, or is a subdomain of (``None`` if none).

    >>> on_domain("https://japan.news-pravda.com/a", ["news-pravda.com"])
    'news-pravda.com'
    >>> on_domain("https://fakenews-pravda.com/a", ["news-pravda.com"]) is None
    True
    """
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return None
    return next((d for d in domains if host == d or host.endswith("." + d)), None)


def url_fields(entry: dict[str, Any]) -> list[str]:
    """The fields of a table that hold links (``format: uri``)."""
    return [f["name"] for f in entry["schema"]["fields"] if f.get("format") == "uri"]


def _domain_hits(table: Table, entry: dict[str, Any], domains: list[str]) -> Iterator[tuple[int, dict, str, str]]:
    """Each link on one of ``domains``: its line, record, field and the domain it is on."""
    for line, record in table.records:
        for name in url_fields(entry):
            hit = on_domain(record[name], domains)
            if hit:
                yield line, record, name, hit


def refused_domain_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """URLs whose host is, or is a subdomain of, a domain the descriptor refuses (``x-refused-domains``)."""
    refused = entry.get("x-refused-domains", [])
    if not refused:
        return []
    return [
        Problem(
            table.path,
            line,
            name,
            "refused-domain",
            f"value {record[name]!r}: {hit} is a refused domain (a propaganda-network copy); cite the original",
        )
        for line, record, name, hit in _domain_hits(table, entry, refused)
    ]


# A link in running text ends at a space, a quote or the first character a link cannot hold unencoded (Japanese and
# Chinese text runs on without a space: "（https://…html）によると", "«https://…»").
TEXT_LINK = re.compile(
    r"(?i:https?)://[^\s\"'<>\u0080-\U0010ffff]+"
)  # case-blind only in the scheme: "i" would match "İ"
# A link a page must never carry, written anywhere in text: a script's, or a page inside the link itself.
SCRIPT_LINK = re.compile(
    r"\b(?:javascript|vbscript|livescript):(?!\s)|[(<\[]\s*(?:javascript|vbscript|livescript):|\bdata:[a-z]+/[a-z0-9.+-]+[;,]",
    re.IGNORECASE,
)  # "javascript:alert(1)" or "(javascript: ...", not prose ("the page loads its table with JavaScript: figures...")


def _bare_domain(text: str, domains: list[str]) -> str | None:
    """The first of ``domains`` on which ``text`` names a page without a scheme ("news-pravda.com/world/1",
    "fr.news-pravda.com/a.html"), or ``None``. Naming the site alone ("replaces a news-pravda.com copy") is a note's
    provenance, not a link.

    >>> _bare_domain("copy at fr.news-pravda.com/world/1 too", ["news-pravda.com"])
    'news-pravda.com'
    >>> _bare_domain("replaces a Pravda-network (news-pravda.com) copy", ["news-pravda.com"]) is None
    True
    """
    lowered = text.casefold()
    for domain in domains:
        start = lowered.find(domain)
        while start != -1:
            end = start + len(domain)
            before = lowered[start - 1] if start else " "
            if (
                (before.isspace() or before in ".(@")
                and lowered[end : end + 1] == "/"
                and lowered[end + 1 : end + 2].strip()
            ):
                return domain
            start = lowered.find(domain, end)
    return None


def text_link_problems(table: Table, entry: dict[str, Any], refused: list[str]) -> list[Problem]:
    """Links written inside the text of a table entered by hand (a note naming a second copy, a purpose naming a
    press release), held to the rules of a link field: a link a reader can open (:func:`url_problem`) and on no
    refused domain (``x-refused-domains``, a propaganda network's copies). Punctuation after a link ends it.

    >>> note = "Copy at https://japan.news-pravda.com/a.html; also http://10.0.0.1/b."
    >>> table = Table("t.csv", ["note"], [(2, {"note": note})])
    >>> [p.rule for p in text_link_problems(table, {"x-kind": "curated", "schema": {"fields": [
    ...     {"name": "note", "type": "string"}]}}, ["news-pravda.com"])]
    ['refused-domain', 'text-link']

    A refused domain named without a scheme ("copy at news-pravda.com/world/1") is refused too, and so is a script's
    link (``javascript:``) anywhere in text.
    """
    if entry["x-kind"] == "derived":  # written by a build from its upstream file
        return []
    problems = []
    links = set(url_fields(entry))
    for field in entry["schema"]["fields"]:
        name = field["name"]
        if field["type"] != "string" or name in links:
            continue
        column = "\n".join(record[name] for _, record in table.records).casefold()
        may_name = [domain for domain in refused if domain in column]
        may_script = "script:" in column or "data:" in column
        for line, record in table.records:
            bare = _bare_domain(record[name], may_name) if may_name else None
            if bare and not any(on_domain(u, [bare]) for u in TEXT_LINK.findall(record[name])):
                said = f"names {bare}, a refused domain (a propaganda-network copy): cite the original"
                problems.append(Problem(table.path, line, name, "refused-domain", said))
            script = SCRIPT_LINK.search(record[name]) if may_script else None
            if script:
                said = f"holds {script.group()!r}, the start of a link that runs a script or carries its own page"
                problems.append(Problem(table.path, line, name, "text-link", said))
            for found in TEXT_LINK.findall(record[name]):
                url = found.rstrip(".,;:)]")
                hit = on_domain(url, refused)
                if hit:
                    said = f"holds the link {url!r}: {hit} is a refused domain (a propaganda-network copy); cite the "
                    said += "original"
                    problems.append(Problem(table.path, line, name, "refused-domain", said))
                    continue
                reason = url_problem(url)
                if reason:
                    problems.append(
                        Problem(table.path, line, name, "text-link", f"holds the link {url!r}, which {reason}")
                    )
                    continue
                pasted = pasted_link_problem(url)
                if pasted:
                    problems.append(
                        Problem(table.path, line, name, pasted[0], f"holds the link {url!r}, which {pasted[1]}")
                    )
    return problems


def refused_text_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Cells that hold text the descriptor refuses in their field (``x-refused-text``: a pattern and why), such as
    a publisher recorded as the outlet that carried a copy ("X via Y") instead of the one that published first."""
    problems = []
    for rule in entry.get("x-refused-text", []):
        pattern = re.compile(rule["pattern"])
        for line, record in table.records:
            value = record.get(rule["field"], "")
            if pattern.search(value):
                problems.append(
                    Problem(table.path, line, rule["field"], "refused-text", f"value {value!r}: {rule['why']}")
                )
    return problems


def spelling_key(name: str) -> str:
    """The form two names are compared in for ``x-one-spelling``: without accents, case, a leading "The", spaces or
    punctuation.

    >>> spelling_key("The Korea Herald") == spelling_key("Korea-Herald") == spelling_key("KOREA HERALD")
    True
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]", "", re.sub(r"^the\s+", "", plain))


# A digit somewhere in the run, checked ahead, so that the run is read once (``[0-9,]*[0-9][0-9,]*`` tried every
# split of a long run of figures: 16,000 digits took seconds).
NUMBER_LIKE = re.compile(r"[+-]?(0[xob][0-9a-f_]+|(?=[0-9_,.]*[0-9])[0-9_,.]++(e[+-]?[0-9]+)?)", re.IGNORECASE)
LINK_LIKE = re.compile(r"(https?|ftp|file|mailto|javascript|data|vbscript):", re.IGNORECASE)
DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}([-/.][0-9]{1,4})?([T ][0-9:.]+Z?)?", re.IGNORECASE)


def is_name(value: str) -> bool:
    """Whether text can be a name: it has a letter, and is not a number (in any notation), a date or a link.

    >>> is_name("38 North"), is_name("1e309"), is_name("0x10"), is_name("2025-01-01T00:00"), is_name("https://x.org")
    (True, False, False, False, False)
    """
    text = value.strip()
    if NUMBER_LIKE.fullmatch(text) or DATE_LIKE.fullmatch(text) or LINK_LIKE.match(text):
        return False
    return any(unicodedata.category(char).startswith("L") for char in value)


def text_fields(entry: dict[str, Any]) -> list[str]:
    """The fields of a table entered by hand (curated or a registry) that hold free text: strings with no
    enumeration, pattern, format or partial-date rule that point at no other row and record no pinned copy.

    >>> text_fields({"x-kind": "curated", "schema": {"fields": [{"name": "note", "type": "string"},
    ...     {"name": "source_id", "type": "string"}], "foreignKeys": [{"fields": ["source_id"]}]}})
    ['note']
    """
    if entry["x-kind"] == "derived":  # written by a build from its upstream file, checked against its hash
        return []
    schema = entry["schema"]
    pointing = {f for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
    pointing |= {rule["field"] for rule in entry.get("x-key-lists", [])}
    pointing |= {ref[k] for ref in entry.get("x-row-references", []) for k in ("table_field", "key_field")}
    if "x-pinned-copy" in entry:
        pointing.add(entry["x-pinned-copy"]["field"])
    return [
        field["name"]
        for field in schema["fields"]
        if field["type"] == "string"
        and not {"enum", "pattern"} & set(field.get("constraints", {}))
        and "format" not in field
        and "x-partial-date" not in field
        and field["name"] not in pointing
    ]


def words_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Free text (:func:`text_fields`) that is not written in words: only a number, a date or a link, or no letter
    at all ("-1", "1900-01-01", "javascript:alert(1)", "\\"). Such a cell holds a value typed into the wrong
    column; a figure in a note is written with the words that say what it is ("-18% y/y")."""
    problems = []
    for name in text_fields(entry):
        for line, record in table.records:
            value = record[name]
            if value and value.casefold() not in MISSING_WORDS and not is_name(value):  # missing words: a cell rule
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "words",
                        f"value {value!r} is only a number, a date or a link, or has no letter: {name} is text "
                        "written in words",
                    )
                )
    return problems


# Cells that could not be read, as (line, field): each is told once, by its own rule, and compared with no other.
Unread = frozenset[tuple[int, str]] | set[tuple[int, str]]


def odd_ones_out(rows: list[tuple[int, str]]) -> list[tuple[int, str, str, int, int]]:
    """The rows of one group whose value differs from the group's usual one: ``(line, value, usual, rows giving the
    usual value, first of them)``. The usual value is the one most rows give (the first given, on a tie), so the row
    that was mistyped is the one named, wherever it stands.

    >>> odd_ones_out([(2, "Kim Yong-nam"), (15, "Kim Yong Nam"), (21, "Kim Yong Nam")])
    [(2, 'Kim Yong-nam', 'Kim Yong Nam', 2, 15)]
    """
    counts = Counter(value for _, value in rows)
    order = {value: line for line, value in reversed(rows)}  # the first line giving each value
    usual = max(counts, key=lambda value: (counts[value], -order[value]))
    return [(line, value, usual, counts[usual], order[usual]) for line, value in rows if value != usual]


def spelling_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Names written two ways in one field (``x-one-spelling``): "Kim Jong-un" beside "Kim Jong Un", "Korea
    Herald" beside "The Korea Herald". Code that selects by name would miss the second spelling without a word.
    A value that is not a name at all is left to :func:`words_problems`."""
    problems = []
    for name in entry.get("x-one-spelling", []):
        groups: dict[str, list[tuple[int, str]]] = {}
        for line, record in table.records:
            value = record.get(name, "")
            if not value or value.casefold() in MISSING_WORDS or not is_name(value) or (line, name) in unread:
                continue
            groups.setdefault(spelling_key(value), []).append((line, value))
        problems += [
            Problem(
                table.path,
                line,
                name,
                "spelling",
                f"value {value!r} is written {usual!r} on {count} line(s), first on line {first}: write one name one "
                "way",
            )
            for rows in groups.values()
            for line, value, usual, count, first in odd_ones_out(rows)
        ]
    return sorted(problems, key=lambda p: p.line or 0)


# An HTML character reference ("&amp;", "&#39;"): text copied from a page's source, or escaped twice. Tags are not
# refused: headlines mark their source in angle brackets ('...훈련 추진"<VOA>'), and pages escape what they print.
CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|amp|lt|gt|quot|apos|nbsp|ndash|mdash|hellip);")
TRAILING = ",;"  # a list separator that ends a cell: the item after it was lost
TEXT_MAX = 4000  # characters in one cell of text entered by hand; the longest note kept is about 1,800
# Text that stands in for what was not yet written: a to-do mark, filler, or one character typed over and over.
PLACEHOLDER = re.compile(r"(?<![\w-])(?:TODO|FIXME)(?![\w-])|(?i:lorem ipsum)|^(?i:todo|fixme)\s*:")
# What text must hold for each pattern to match, looked for with ``in`` in a whole column first: the patterns start
# with a lookbehind, which the regular-expression engine tries at every position of every cell (over ten times as
# slow on the committed tables).
PLACEHOLDER_HINTS = ("TODO", "FIXME", "odo", "ixme")  # "todo:" in any case, and "lorem ipsum" in any case
# A whole cell that stands in for one (compared case-folded, without end punctuation): "TBD" inside a headline is
# the headline's word ("venue TBD"); a cell of only "tbd", "ditto" or "same as above" was never written.
PLACEHOLDER_CELLS = {"tbd", "tbc", "todo", "fixme", "placeholder", "ditto", "idem", "same as above", "as above"}
PLACEHOLDER_CELLS |= {"see above", "to be added", "to be confirmed", "to be determined", "xxx", "tba", "wip"}
PLACEHOLDER_CELLS |= {"to be announced"}
# A footnote mark copied with the text from a page (Wikipedia's "[1]", "[citation needed]").
# A number's mark sits on the word ("Nam[1]"); "[1] study, [2] business" numbers a list.
FOOTNOTE = re.compile(
    r"(?<=[^\s\[(])\[[0-9]{1,3}\]|\[(?:citation needed|clarification needed|better source needed|page needed|"
    r"failed verification|note [0-9]+|when\?|who\?)\]",
    re.I,
)
# A backslash escape copied from code or a JSON file ('\"' for '"', "\n" for a new line).
ESCAPED = re.compile(r"\\(?:[\"'nrt/]|u[0-9a-fA-F]{4})")
WINDOWS_PATH = re.compile(r"\b[A-Za-z]:\\\S*")  # "C:\new\treaty.xlsx": its backslashes are not escapes
# Every space character but the ordinary one (Unicode's category Zs): no-break, figure, thin, en, em, ideographic...
OTHER_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
ODD_SPACE_HINTS = ("  ", *OTHER_SPACES)
REPEATED_CHARACTER = re.compile(r"(.)\1{2,}", re.IGNORECASE)
# Two spaces in a row where a word was deleted, or another kind of space pasted from a page.
ODD_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)|[" + OTHER_SPACES + "]")


def _between_wide(value: str, space: re.Match[str]) -> bool:
    """Whether a match of :data:`ODD_SPACE` is an ideographic space between East Asian characters, as Japanese and
    Chinese headlines separate their clauses ("ロシア西部に到着\u3000ウクライナ情報機関"): kept as the source
    writes it."""
    start, end = space.span()
    if space.group() != "\u3000" or start == 0 or end == len(value):
        return False
    return unicodedata.east_asian_width(value[start - 1]) in ("W", "F")  # "北朝鮮兵\u30001万人超" too


def _pasted_twice(value: str) -> bool:
    """Whether a cell is one text written twice back to back ("South Korea NISSouth Korea NIS", "TASSTASS"), or
    text of several words written twice with a space between: four or more characters, at least three of them
    different, so "Walla Walla", "Duran Duran" and "aaaaaaaa" are not.

    >>> _pasted_twice("csp-treaty-2024csp-treaty-2024"), _pasted_twice("Walla Walla"), _pasted_twice("aaaaaaaaaa")
    (True, False, False)
    >>> _pasted_twice("Kim Yong Nam Kim Yong Nam"), _pasted_twice("Bora Bora")
    (True, False)
    """
    half, odd = divmod(len(value), 2)
    if odd and value[half] == " " and " " in value[:half]:  # "Kim Yong Nam Kim Yong Nam": words, pasted twice
        return value[:half] == value[half + 1 :] and len(set(value[:half])) >= 3
    return not odd and half >= 4 and value[:half] == value[half:] and len(set(value[:half])) >= 3


def _listed_twice(value: str) -> str | None:
    """The first item a ";"-separated list names twice ("RUS;PRK;RUS"), or ``None``.

    >>> _listed_twice("RUS;PRK;RUS"), _listed_twice("Anton Sokolin; Shreyas Reddy")
    ('RUS', None)
    """
    seen: set[str] = set()
    for item in (part.strip() for part in value.split(";")):
        if item and item in seen:
            return item
        seen.add(item)
    return None


# Not braces: markup that pages and BibTeX escape. German quotes open low and close with the mark English opens with.
BRACKETS = {"(": ")", "[": "]", "“": "”", "«": "»", "»": "«", "„": "“", "「": "」", "『": "』"}  # »…« is German
CLOSING = {close: opening for opening, close in BRACKETS.items()}
# An item's mark in a list written in a sentence ("1) sanctions, 2) the border", "a) the treaty"): a ")" alone.
# Any script's letter ("가)", "а)", "ア)") and numbered items ("1.a)", "3.1)") too.
LIST_MARKER = re.compile(r"(?:^|[\s:;,])(?:[0-9]{1,2}(?:\.[0-9A-Za-z]{1,2})*|[^\W\d_]|[ivxIVX]{2,4})$")
BRACKET_CHARACTER = re.compile("[" + re.escape("".join(BRACKETS) + "".join(CLOSING)) + "]")


def unpaired_bracket(value: str) -> str | None:
    """The first bracket or typographic quote in ``value`` that has no partner (``'('``), or ``None``.

    >>> unpaired_bracket("Talks (in Moscow) on “trade”") is None
    True
    >>> unpaired_bracket("Talks on trade (in Mos"), unpaired_bracket("in Moscow) on trade")
    ("'('", "')'")
    >>> unpaired_bracket("two reasons: 1) sanctions, 2) the border"), unpaired_bracket("„Kursk“ und 「東京」")
    (None, None)
    """
    stack: list[str] = []
    for found in BRACKET_CHARACTER.finditer(value):
        char = found.group()
        if stack and char == BRACKETS[stack[-1]]:
            stack.pop()
        elif char in BRACKETS:
            stack.append(char)
        elif not (char == ")" and LIST_MARKER.search(value, 0, found.start())):
            return repr(char)
    return repr(stack[-1]) if stack else None


def hand_entry_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Slips of hand entry in the text of a curated table or a registry, where a build never writes the cells:

    - ``markup``: an HTML character reference (``&amp;``, ``&#39;``), copied from a page's source or escaped
      twice: pages escape what they print, so a reader would see "&amp;" where the source has "&";
    - ``repeated``: a whole cell that is one text pasted twice ("South Korea NISSouth Korea NIS"), or a list that
      names an item twice ("RUS;PRK;RUS");
    - ``cut-short``: text that ends in a list separator ("," or ";"), the item after it lost;
    - ``unbalanced``: a bracket or typographic quote without its partner ("talks (in Mos"), text cut short or
      pasted in part;
    - ``scientific``: a number in scientific notation ("9E+06"), the form a spreadsheet shows a large figure in
      after rounding it to a few digits: a source states its figures in full;
    - ``placeholder``: text standing in for text not yet written ("TODO", "TBD", "lorem ipsum", "xxx");
    - ``long``: a cell of text over :data:`TEXT_MAX` characters, a page pasted where a note belongs;
    - ``spacing``: two spaces in a row (a word deleted) or another space character pasted from a page (no-break,
      thin, en, ideographic...), which reads as a space but does not match one;
    - ``indirect`` and ``tracking``: a link that reaches its document through another site, or carries parameters
      saying how a reader arrived (:func:`pasted_link_problem`).

    A link, a number and a date are otherwise checked for a paste only ("1920019200" for 19200; a path may end in
    any character).

    >>> table = Table("t.csv", ["note"], [(2, {"note": "R&amp;D;"})])
    >>> [p.rule for p in hand_entry_problems(table, {"x-kind": "curated", "schema": {"fields": [
    ...     {"name": "note", "type": "string"}]}})]
    ['markup', 'cut-short']
    >>> table = Table("t.csv", ["low"], [(2, {"low": "1.2E+07"})])
    >>> entry = {"x-kind": "curated", "schema": {"fields": [{"name": "low", "type": "number"}]}}
    >>> [p.rule for p in hand_entry_problems(table, entry)]
    ['scientific']
    """
    if entry["x-kind"] == "derived":  # written by a build from its upstream file, checked against its hash
        return []
    problems = []
    names = set(entry.get("x-one-spelling", []))  # fields of names, where an acronym may look like a placeholder
    for field in entry["schema"]["fields"]:
        name = field["name"]
        kind = "link" if field.get("format") == "uri" else "text" if field["type"] == "string" else field["type"]
        column = "\n".join([record[name] for _, record in table.records]) if kind == "text" else ""
        may_fill = any(hint in column for hint in PLACEHOLDER_HINTS) or (
            ("orem" in column or "OREM" in column) and "lorem ipsum" in column.lower()
        )
        may_space = any(hint in column for hint in ODD_SPACE_HINTS)
        for line, record in table.records:
            value = record[name]
            if not value:
                continue
            if kind == "link" and not _pasted_twice(value):  # a link pasted twice is told as such, below
                pasted = pasted_link_problem(value)
                if pasted:
                    problems.append(Problem(table.path, line, name, pasted[0], f"value {value!r} {pasted[1]}"))
            if kind != "text":
                if kind == "number" and NUMBER.fullmatch(value) and "e" in value.lower():
                    said = (
                        f"value {value!r} is in scientific notation, the form a spreadsheet shows a large figure in "
                        "after rounding it to a few digits: write the figure in full, as the source gives it"
                    )
                    problems.append(Problem(table.path, line, name, "scientific", said))
                if _pasted_twice(value):
                    said = f"value {value!r} is one {kind} written twice: keep it once"
                    problems.append(Problem(table.path, line, name, "repeated", said))
                continue
            if len(value) > TEXT_MAX:
                said = (
                    f"value {value[:40]!r}... is {len(value):,} characters long, over {TEXT_MAX:,}: a cell holds a "
                    "note, not a pasted page; keep the words that support the row"
                )
                problems.append(Problem(table.path, line, name, "long", said))
            markup = CHARACTER_REFERENCE.search(value)
            if markup:
                said = f"value {value!r} holds the character reference {markup.group()!r}: write the character itself"
                problems.append(Problem(table.path, line, name, "markup", said))
            if _pasted_twice(value):
                said = f"value {value!r} is one text written twice: keep it once"
                problems.append(Problem(table.path, line, name, "repeated", said))
            listed_twice = _listed_twice(value)
            if listed_twice:
                said = f"value {value!r} lists {listed_twice!r} twice: keep it once"
                problems.append(Problem(table.path, line, name, "repeated", said))
            if value[-1] in TRAILING:
                said = f"value {value!r} ends in {value[-1]!r}: the item after it is missing"
                problems.append(Problem(table.path, line, name, "cut-short", said))
            unpaired = unpaired_bracket(value)
            if unpaired:
                said = f"value {value!r} has {unpaired} without its partner: text cut short or pasted in part?"
                problems.append(Problem(table.path, line, name, "unbalanced", said))
            filler = (PLACEHOLDER.search(value) if may_fill else None) or (
                REPEATED_CHARACTER.fullmatch(value) if value[1:2] in (value[0], value[0].swapcase()) else None
            )
            whole = value.strip(" .:!").casefold() in PLACEHOLDER_CELLS and name not in names  # "TBC" is a broadcaster
            standing = filler.group() if filler else value if whole else ""
            if standing:
                said = f"value {value!r} holds {standing!r}, which stands in for text not yet written: write it"
                problems.append(Problem(table.path, line, name, "placeholder", said))
            footnote = FOOTNOTE.search(value) if "[" in value else None
            if footnote:
                said = (
                    f"value {value!r} holds {footnote.group()!r}, a footnote mark copied with the text from a page: "
                    "drop it"
                )
                problems.append(Problem(table.path, line, name, "markup", said))
            escaped = ESCAPED.search(WINDOWS_PATH.sub("", value)) if "\\" in value else None
            if escaped:
                said = f"value {value!r} holds {escaped.group()!r}, an escape copied from code or JSON: write the text"
                problems.append(Problem(table.path, line, name, "markup", said))
            space = (
                next((m for m in ODD_SPACE.finditer(value) if not _between_wide(value, m)), None) if may_space else None
            )
            if space:
                said = (
                    f"value {value!r} has two spaces in a row (a word deleted?): keep one"
                    if space.group().startswith(" ")
                    else f"value {value!r} holds U+{ord(space.group()):04X} "
                    f"({unicodedata.name(space.group()).lower()}), a space pasted from a page that does not match an "
                    "ordinary one: type an ordinary space"
                )
                problems.append(Problem(table.path, line, name, "spacing", said))
    return problems


def copy_domain_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows whose URL is on a host of copies (a wiki, a blog host, a mailing-list archive, an aggregator: the
    descriptor's ``x-copy-domains``) but whose tier field does not say so: a copy is never filed as an original."""
    rule = entry.get("x-copy-domains")
    if not rule:
        return []
    field, value = rule["field"], rule["value"]
    return [
        Problem(
            table.path,
            line,
            field,
            "copy-domain",
            f"value {record[field]!r}: the URL is on {hit}, a host of copies, so the {field} must be {value!r} "
            "(or cite the original instead)",
        )
        for line, record, _, hit in _domain_hits(table, entry, rule["domains"])
        if record[field] != value
    ]


PINNED_PATH = re.compile(r"/([\w.-]+)/([\w.-]+)/([^/]+)/(.+)")


def pinned_copy_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Repository files whose URL does not pin one commit, or whose record of what it pins disagrees with the URL
    (``x-pinned-copy``: URLs on ``host`` name ``owner/repo/commit/path``, recorded in ``field`` as
    ``owner/repo@commit:path``; a file from elsewhere leaves the field empty)."""
    rule = entry.get("x-pinned-copy")
    if not rule:
        return []
    problems = []
    for line, record in table.records:
        found = _pinned_copy_problem(record[rule["url"]], record[rule["field"]], rule)
        if found:
            problems.append(Problem(table.path, line, found[0], "pinned-copy", found[1]))
    return problems


def _pinned_copy_problem(url: str, written: str, rule: dict[str, str]) -> tuple[str, str] | None:
    """The field at fault and why, for one registry row under an ``x-pinned-copy`` rule (None: it complies)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None  # a malformed link: the field's URL rule reports it
    if host != rule["host"]:
        return (
            (rule["field"], f"value {written!r}, but the {rule['url']} is not on {rule['host']}: leave it empty")
            if written
            else None
        )
    match = PINNED_PATH.fullmatch(parts.path)
    if not match or not re.fullmatch(r"[0-9a-f]{40}", match.group(3)):
        pinned = f"the branch or tag {match.group(3)!r}" if match else "no commit"
        return (
            rule["url"],
            f"value {url!r} pins {pinned}: a copy on {rule['host']} is named by its commit's 40-digit hash (a branch "
            "moves)",
        )
    expected = f"{match.group(1)}/{match.group(2)}@{match.group(3)}:{match.group(4)}"
    if written != expected:
        return rule["field"], f"value {written!r}, but the {rule['url']} pins {expected!r} (repository@commit:path)"
    return None


# Query parameters that say how a reader arrived, never which document: campaign tags, click ids and feed names.
# Compared case-folded; any name starting "utm_" is one too.
TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "feedtype", "feedname", "ref_src"}
    | {"_hsenc", "_hsmi", "mkt_tok", "_ga", "_gl", "srsltid", "ocid", "cmpid", "ref_url", "at_medium", "at_campaign"}
    | {"guccounter", "guce_referrer", "guce_referrer_sig"}
    | {"outurl", "req_by"}  # Korean publishers' tags for a reader sent by a portal (Naver) or a recommender
    | {"cmp", "xtor", "si"}  # a newspaper's share button (CMP=share_btn_tw), AT Internet's tag, a share's id
    | {"spm", "wt_mc", "ito", "smid"}  # Alibaba's, Webtrekk's and newspapers' campaign tags
    | {"phpsessid", "jsessionid", "sessionid"}  # a reader's session
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")  # Google's, Piwik's and Matomo's campaign tags
# ... and those that choose a layout (a mobile or AMP edition) of the same document.
NOT_SELECTING = TRACKING | {"forcesite", "outputtype", "amp"}


def is_tracking(parameter: str) -> bool:
    """True for a query parameter that tells a site how the reader arrived (:data:`TRACKING`, or ``utm_...``,
    ``pk_...``, ``mtm_...``)."""
    name = parameter.casefold()
    return name in TRACKING or name.startswith(TRACKING_PREFIXES)


# Links that reach a document through another site, and what each is. A shortener's link hides where it leads; a
# redirect carries the document's link inside its own; a search page lists documents; a translation or cache proxy
# serves its own copy. Each is matched by host (or a parent domain) and, where given, the start of the path.
SHORTENERS = "bit.ly bit.do buff.ly clck.ru cutt.ly dlvr.it goo.gl is.gd lnkd.in me2.do naver.me ow.ly rb.gy rebrand.ly"
SHORTENERS += " shorturl.at t.co t.ly tiny.cc tinyurl.com trib.al v.gd vk.cc"
REDIRECTS = "l.facebook.com lm.facebook.com out.reddit.com safelinks.protection.outlook.com urldefense.com"
REDIRECTS += " urldefense.proofpoint.com away.vk.com href.li"
# A link that carries another link in its path or query (a viewer's ?url=, a proxy's /https://...) serves, frames or
# forwards that other document. Web archives' long links are the exception: each names the page it archived
# (the Wayback Machine's, and archive.today's long form; its short form is refused, below).
EMBEDDED_LINK = re.compile(r"https?(?::|%3a)(?://|%2f%2f)", re.IGNORECASE)
ARCHIVES_OF_RECORD = frozenset(
    {"web.archive.org", "webarchive.nationalarchives.gov.uk", "webarchive.loc.gov", "arquivo.pt"}
    | {"wayback.archive-it.org"}
)
ARCHIVE_TODAY = frozenset(["archive.ph", "archive.today", "archive.is", "archive.li", "archive.vn", "archive.md"])
INDIRECT_HOSTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(SHORTENERS.split(), ("", "a shortened link hides the document it opens")),
    **dict.fromkeys(REDIRECTS.split(), ("", "a redirect carries the document's link inside its own")),
    "vk.com": ("/away.php", "a redirect carries the document's link inside its own"),
    "search.naver.com": ("", "a search page lists documents"),
    "search.daum.net": ("", "a search page lists documents"),
    "search.yahoo.com": ("", "a search page lists documents"),
    "bing.com": ("/search", "a search page lists documents"),
    "bing.com/ck/": ("", "a redirect carries the document's link inside its own"),
    "yandex.ru/clck/": ("", "a redirect carries the document's link inside its own"),
    "yandex.com/clck/": ("", "a redirect carries the document's link inside its own"),
    "bing.com/news/": ("", "a search page lists documents"),
    "turbopages.org": ("", "a proxy serves its own copy"),
    "yandex.ru": ("/search", "a search page lists documents"),
    "duckduckgo.com": ("", "a search page lists documents"),
    "translate.goog": ("", "a translation proxy serves its own copy"),
    "papago.naver.net": ("", "a translation proxy serves its own copy"),
    "webcache.googleusercontent.com": ("", "a search engine's cache serves its own copy"),
    "cdn.ampproject.org": ("", "an AMP cache serves its own copy"),
    "translated.turbopages.org": ("", "a translation proxy serves its own copy"),
    "translatetheweb.com": ("", "a translation proxy serves its own copy"),
    "12ft.io": ("", "a paywall proxy serves its own copy"),
    **dict.fromkeys(
        [*sorted(ARCHIVE_TODAY), "ghostarchive.org"],
        ("", "an archive's short link hides the page it copies (a Wayback Machine link names it)"),
    ),
}


def _by_domain(hosts: dict[str, tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Where on each domain its indirect links are, and what they are: a key "bing.com/ck/" adds a path to a domain
    listed once already ("bing.com", whose search pages are at "/search")."""
    found: dict[str, list[tuple[str, str]]] = {}
    for key, (path, what) in hosts.items():
        domain, _, rest = key.partition("/")
        found.setdefault(domain, []).append(("/" + rest if rest else path, what))
    return found


INDIRECT_BY_DOMAIN = _by_domain(INDIRECT_HOSTS)
# Query parameters that carry someone's access (a token or key): a link holding one expires or gives it away.
CREDENTIALS = frozenset({"token", "access_token", "access-token", "api_key", "apikey", "auth", "sig", "signature"})
CREDENTIALS |= {"x-amz-signature", "x-amz-credential", "x-amz-security-token", "key-pair-id"}
GOOGLE = re.compile(r"(?:.+\.)?google\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})")
GOOGLE_PATHS = {"/url": "a redirect carries the document's link inside its own", "/search": "a search page lists "
                "documents", "/translate": "a translation proxy serves its own copy", "/amp/": "an AMP cache serves "
                "its own copy"}  # fmt: skip


def pasted_link_problem(url: str) -> tuple[str, str] | None:
    """The rule a link entered by hand breaks as pasted, and why, or ``None``: a link that reaches its document
    through another site (``indirect``: a shortener, redirect, search page, archive's short link or list of
    snapshots, a viewer or proxy carrying the document's link, or a translation, paywall or cache proxy; cite the
    document's own link), one that carries what says how a reader arrived (``tracking``: ``utm_source``,
    ``fbclid``, a session id, a browser's highlight; the document's link is the same without them), or one that
    carries someone's access key (``credentials``: ``?token=``).

    >>> pasted_link_problem("https://bit.ly/3abc")[0], pasted_link_problem("https://a.kr/n/1?utm_source=rss")[0]
    ('indirect', 'tracking')
    >>> pasted_link_problem("https://www-tass-com.translate.goog/1?_x_tr_sl=ru")[1]
    "is on translate.goog: a translation proxy serves its own copy; cite the document's own link"
    >>> pasted_link_problem("https://www.google.co.kr/url?q=https://a.kr/n/1")[0]
    'indirect'
    >>> pasted_link_problem("https://docs.google.com/viewer?url=https%3A%2F%2Fa.kr%2Fr.pdf")[0]
    'indirect'
    >>> pasted_link_problem("https://web.archive.org/web/2020/http://a.kr/n/1") is None
    True
    >>> pasted_link_problem("https://tass.com/politics/1804627") is None
    True
    """
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None  # :func:`url_problem` says what is wrong
    labels = host.split(".")
    inner = EMBEDDED_LINK.search(url, len(parts.scheme) + 3 + len(parts.netloc))
    if _site(host) in ARCHIVES_OF_RECORD and "*" in parts.path:
        return "indirect", "is a web archive's list of snapshots, not one: cite the snapshot that was read"
    if inner and (_site(host) in ARCHIVES_OF_RECORD or _site(host) in ARCHIVE_TODAY):
        return None  # an archive's long link names the page it copied
    for domain in (".".join(labels[i:]) for i in range(len(labels) - 1)):  # the host, then each parent domain
        for path, what in INDIRECT_BY_DOMAIN.get(domain, ()):
            if parts.path.startswith(path):
                return "indirect", f"is on {domain}: {what}; cite the document's own link"
    if ";jsessionid=" in parts.path.lower() or parts.fragment.startswith(":~:"):
        marked = "a session id (;jsessionid=)" if ";jsessionid=" in parts.path.lower() else "a highlight (#:~:text=)"
        return "tracking", f"carries {marked}, which says how it was read, not which document: drop it"
    credentials = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if k.casefold() in CREDENTIALS]
    if credentials:
        return (
            "credentials",
            f"carries {', '.join(repr(k) for k in credentials)}, a key to someone's access: a link that needs it "
            "expires, or gives the access away; cite the link without it",
        )
    if GOOGLE.fullmatch(host):
        what = next((w for path, w in GOOGLE_PATHS.items() if parts.path.startswith(path)), None)
        if what:
            return "indirect", f"is on {host}: {what}; cite the document's own link"
    if inner:
        return (
            "indirect",
            f"carries another link ({url[inner.start() : inner.start() + 40]}...): a viewer, proxy or redirect on "
            f"{host} serves the document that link names; cite that link",
        )
    tracking = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if is_tracking(k)] if parts.query else []
    if tracking:
        return (
            "tracking",
            f"carries {', '.join(repr(k) for k in tracking)} (how a reader arrived, not which document): the "
            f"document's link is the same without {'it' if len(tracking) == 1 else 'them'}",
        )
    return None


def _site(host: str) -> str:
    """A host as the site it names: without a trailing dot or a leading ``www.``, ``m.``, ``mobile.`` or ``amp.``
    (a site's mobile or AMP edition)."""
    return re.sub(r"^(www|m|mobile|amp)\.", "", host.rstrip("."))


def site_of(url: str) -> str | None:
    """The site a link is on (its host, lower-cased, without ``www.``, ``m.``, ``mobile.`` or ``amp.``), or ``None``.

    >>> site_of("https://M.Yna.co.kr/view/AEN2024"), site_of("not a link")
    ('yna.co.kr', None)
    """
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return _site(host) if host else None


def never_with_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows of a group that hold a value the group may not hold (``x-never-with``: a publisher that publishes news
    reports publishes no official documents, so a news page reporting an official's statement is ``reporting``, not
    ``document``). Rows are grouped by ``by``; in a group where some row's ``when`` field holds one of its values,
    no row's ``field`` holds one of ``values``."""
    problems = []
    for rule in entry.get("x-never-with", []):
        when, by, field = rule["when"], rule["by"], rule["field"]
        marked: dict[str, int] = {}
        for line, record in table.records:
            if record[when["field"]] in when["values"]:
                marked.setdefault(record[by], line)
        problems += [
            Problem(
                table.path,
                line,
                field,
                "never-with",
                f"value {record[field]!r}, but {by} {record[by]!r} has a row whose {when['field']} is one of "
                f"{when['values']} (line {marked[record[by]]}): {rule['why']}",
            )
            for line, record in table.records
            if record[field] in rule["values"] and record[by] in marked
        ]
    return sorted(problems, key=lambda p: p.line or 0)


def site_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Rows whose link is on a site that most other rows give another value of a field (``x-site-determines``: the
    publisher of a source): a link pasted from another row, or the value mistyped. The value most rows of a site
    give is the site's (the first such row wins a tie); each row that differs is reported. Sites named as
    ``carriers`` print other outlets' texts under their bylines (a wire story carried by a broadcaster's site) and
    are exempt."""
    rule = entry.get("x-site-determines")
    if not rule:
        return []
    field, carriers = rule["field"], rule.get("carriers", [])
    by_site: dict[str, list[tuple[int, str]]] = {}
    for line, record in table.records:
        site = site_of(record[rule["url"]])
        if site and record[field] and not on_domain(record[rule["url"]], carriers) and (line, field) not in unread:
            by_site.setdefault(site, []).append((line, record[field]))
    problems = [
        Problem(
            table.path,
            line,
            field,
            "site",
            f"value {value!r}, but the link is on {site}, whose {field} is {usual!r} ({count} row(s), first on line "
            f"{first}): one site, one {field} (a link pasted from another row, or the {field} mistyped?)",
        )
        for site, rows in by_site.items()
        for line, value, usual, count, first in odd_ones_out(rows)
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def document_key(url: str) -> str:
    """The form two links are compared in to tell whether they name one document: compared as keys are (Unicode
    NFKC, case-folded), and without what does not change the document: http or https, a leading ``www.``, ``m.``,
    ``mobile.`` or ``amp.``, a path segment ``amp`` or a path ending ``.amp`` (a site's mobile or AMP edition), a
    trailing dot of the host, a default port, a trailing slash, percent-encoding, a fragment, the order of query
    parameters and the parameters in :data:`NOT_SELECTING`.

    >>> document_key("http://WWW.rfa.org:80/korean/a.html/#top") == document_key("https://rfa.org/korean/a.html")
    True
    >>> document_key("http://m.a.ru/n/1.html?forcesite=mobile&utm_source=x") == document_key("https://a.ru/n/1.html")
    True
    >>> document_key("https://a.kr/v.htm?lang=e&Seq=1") == document_key("https://a.kr/v.htm?Seq=1&lang=e")
    True
    >>> document_key("https://tass.com/politics/1804627/amp") == document_key("https://tass.com/politics/1804627")
    True
    >>> document_key("https://amp.a.kr/amp/n/1.amp?outputType=amp") == document_key("https://a.kr/n/1")
    True
    >>> document_key("https://a.kr/v.htm?Seq=1") == document_key("https://a.kr/v.htm?Seq=2")
    False
    >>> document_key("https://[not-a-host/a")  # a malformed link is compared as written
    'https://[not-a-host/a'
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # not a well-formed link (the link rule says so): compared as it is written
        return key_of(url)
    host = _site(parts.hostname or "")
    where = host if port in (None, 80, 443) else f"{host}:{port}"
    pairs = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.casefold() in NOT_SELECTING or is_tracking(k))
    )
    query = "?" + "&".join(f"{k}={v}" for k, v in pairs) if pairs else ""
    path = "/".join(part for part in unquote(parts.path).split("/") if part.casefold() != "amp")
    path = re.sub(r"\.amp$", "", path.rstrip("/"), flags=re.IGNORECASE)
    return key_of(f"{where}{path}{query}")


def shared_url_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows sharing a URL that are not versions of one database (``x-url-versions-by``: rows whose kind is one of
    ``values`` in ``field``, told apart by their ``date``): one document registered twice, which would count one
    report as two.

    URLs are compared by :func:`document_key` (``http://www.a.org/x/`` and ``https://a.org/x`` are one document);
    a row without that date, or of another kind (a news report), shares its URL with nothing.
    """
    rule = entry.get("x-url-versions-by")
    if not rule:
        return []
    by = rule["date"]
    problems = []
    for name in url_fields(entry):
        seen: dict[str, list[tuple[int, str]]] = {}
        for line, record in table.records:
            if not record[name]:
                continue
            earlier = seen.setdefault(document_key(record[name]), [])
            version = record[by] if record[rule["field"]] in rule["values"] else ""
            clash = next((other for other, date in earlier if not version or not date or date == version), None)
            if clash is not None:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "duplicate-url",
                        f"value {record[name]!r} is already the URL of line {clash}: merge the two rows into one "
                        f"source (rows may share a URL only as versions of one database, {rule['field']} "
                        f"{' or '.join(rule['values'])}, with different {by} dates)",
                    )
                )
            earlier.append((line, version))
    return problems


def order_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows breaking a declared ``x-not-greater`` pair (e.g. low <= high, start <= end)."""
    problems = []
    for low, high in entry.get("x-not-greater", []):
        for line, row in typed:
            a, b = row.get(low), row.get(high)
            if a is not None and b is not None and _as_date(a) > _as_date(b):
                problems.append(Problem(entry["path"], line, high, "order", f"{low} {a} is greater than {high} {b}"))
    return problems


def differ_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows where two fields declared to differ (``x-differ``) hold the same value: a traveller hosted in their own
    country, a supplier delivering to itself, a field typed twice."""
    problems = []
    for first, second in entry.get("x-differ", []):
        for line, row in typed:
            value = row.get(first)
            if value is not None and value == row.get(second):
                problems.append(
                    Problem(entry["path"], line, second, "same-value", f"{second} equals {first} ({value})")
                )
    return problems


def requires_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows that fill a field but leave empty the field it needs (``x-requires``): a number without its unit."""
    problems = []
    for given, needed in entry.get("x-requires", []):
        for line, row in typed:
            if row.get(given) is not None and row.get(needed) is None:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        needed,
                        "required-with",
                        f"empty, but {given} is filled ({row[given]}): a {given} needs its {needed}",
                    )
                )
    return problems


PRECISIONS = {"day": "any day", "month": "the month's first day", "year": "1 January"}


def precision_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Dates that break their row's declared precision (``x-date-precision``): a date known only to the month is
    stored as the month's first day, one known only to the year as 1 January, so no reader takes it for a day. A
    precision given with none of its dates describes nothing (a date deleted and its precision left behind)."""
    rule = entry.get("x-date-precision")
    if not rule:
        return []
    problems = []
    for (line, row), (_, record) in zip(typed, table.records, strict=True):
        precision = row.get(rule["field"])
        if precision is not None and not any(record[name] for name in rule["dates"]):
            named = " or ".join(rule["dates"])
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    rule["field"],
                    "date-precision",
                    f"value {precision!r}, but the row gives no {named}: a precision describes a date; give the "
                    "date or leave both empty",
                )
            )
        for name in rule["dates"]:
            value = row.get(name)
            if value is None or precision not in ("month", "year"):
                continue
            if value.day != 1 or (precision == "year" and value.month != 1):
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        name,
                        "date-precision",
                        f"value {value} is dated to the {precision} ({rule['field']}), so it must be "
                        f"{PRECISIONS[precision]}; if the day is known, make the precision 'day'",
                    )
                )
    return problems


def sum_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose counts add up to more than a declared whole (``x-sum-at-most``: a Security Council vote cannot
    total more than its 15 members)."""
    problems = []
    for rule in entry.get("x-sum-at-most", []):
        names = rule["fields"]
        for line, row in typed:
            values = [row.get(name) for name in names]
            total = sum(v for v in values if v is not None)
            if total > rule["limit"]:
                spelled = " + ".join(f"{name} {value}" for name, value in zip(names, values, strict=True) if value)
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        ",".join(names),
                        "sum",
                        f"{spelled} = {total}, more than {rule['limit']} ({rule['why']})",
                    )
                )
    return problems


def rounding(text: str) -> Decimal:
    """Half a unit of a figure's last significant digit: how far the figure may be from what it rounds. Trailing
    zeros count as rounding ("2600" may be 2.6 thousand to one decimal), so equal numbers written two ways
    ("2430", "2430.0", "2.43e3") get one answer.

    >>> rounding("213.15"), rounding("2600"), rounding("2600.0"), rounding("47"), rounding("0")
    (Decimal('0.005'), Decimal('50'), Decimal('50'), Decimal('0.5'), Decimal('0.5'))
    """
    exponent = Decimal(text).normalize().as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


def total_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Totals that disagree with their parts, as one source gives them, by more than the written figures' rounding
    (``x-total-of-parts``): parts that add up to more than their total (study trips beside all trips), or, where
    the parts are ``exhaustive`` and all given, a sum that differs from the total (a trade total and its exports
    and imports). Either is one figure mistyped or scaled. A source whose own figures disagree is named in the
    rule's ``exceptions`` with the difference they show and why, so a figure mistyped in that group is still
    caught; an exception that matches no disagreeing group is reported too, so none outlives its reason."""
    rule = entry.get("x-total-of-parts")
    if not rule:
        return []
    valid = {line for line, row in typed if row.get(rule["value"]) is not None}  # the cell rules report the rest
    groups: dict[tuple[str, ...], dict[str, tuple[int, str]]] = {}
    for line, record in table.records:
        if line not in valid:
            continue
        groups.setdefault(tuple(record[name] for name in rule["by"]), {})[record[rule["field"]]] = (
            line,
            record[rule["value"]],
        )
    excused = {tuple(exception["group"]): exception["difference"] for exception in rule.get("exceptions", [])}
    disagreeing: set[tuple[str, ...]] = set()
    problems = []
    for group, flows in groups.items():
        given = [part for part in rule["parts"] if part in flows]
        if rule["total"] not in flows or not given:
            continue
        parts = sum(Decimal(flows[part][1]) for part in given)
        gap = Decimal(flows[rule["total"]][1]) - parts
        allowed = sum(rounding(flows[flow][1]) for flow in [rule["total"], *given])
        whole = rule["exhaustive"] and given == rule["parts"]
        if (abs(gap) if whole else -gap) <= allowed:
            continue
        if group in excused:
            disagreeing.add(group)
            if gap == Decimal(str(excused[group])):
                continue
        where = ", ".join(f"{name} {value}" for name, value in zip(rule["by"], group, strict=True))
        spelled = " + ".join(f"{part} {flows[part][1]} (line {flows[part][0]})" for part in given)
        how = (
            f"differs from {spelled} = {parts} by {gap}"
            if whole
            else f"is less than its parts given, {spelled} = {parts}, by {-gap}"
        )
        said = (
            f"the rule's exceptions record the source's own difference as {excused[group]}: a figure mistyped?"
            if group in excused
            else "a figure mistyped? If the source's own figures disagree, name the group among the rule's "
            "exceptions with the difference and why"
        )
        problems.append(
            Problem(
                table.path,
                flows[rule["total"]][0],
                rule["value"],
                "total-of-parts",
                f"{rule['total']} {flows[rule['total']][1]} ({where}) {how}, more than the figures' rounding "
                f"(±{allowed}); {said}",
            )
        )
    problems += [
        Problem(
            DESCRIPTOR_FILE,
            None,
            f"resources[{entry['name']}].x-total-of-parts",
            "total-of-parts",
            f"exception {list(group)} matches no group whose total and parts disagree: remove it",
        )
        for group in sorted(set(excused) - disagreeing)
    ]
    return problems


def determines_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Rows that break a dependency the descriptor declares (``x-determines``: one visitor has one visitor
    country, one estimator one kind, one reporter one kind of figure): the value that disagrees with the first
    row giving the same key is a value copied from another row or mistyped."""
    problems = []
    for given, decided in entry.get("x-determines", []):
        groups: dict[str, list[tuple[int, str]]] = {}
        for line, record in table.records:
            if record[given] and record[decided] and not {(line, given), (line, decided)} & unread:
                groups.setdefault(record[given], []).append((line, record[decided]))
        problems += [
            Problem(
                table.path,
                line,
                decided,
                "determines",
                f"value {value!r}, but {given} {key!r} has {decided} {usual!r} on {count} line(s), first on line "
                f"{first}: one {given}, one {decided}",
            )
            for key, rows in groups.items()
            for line, value, usual, count, first in odd_ones_out(rows)
        ]
    return sorted(problems, key=lambda p: p.line or 0)


def rank_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Ranks that contradict each other or their values within one group (``x-rank``: one source's ranking of one
    year): two rows holding one rank, or a better rank beside a smaller value than a worse one."""
    rule = entry.get("x-rank")
    if not rule:
        return []
    groups: dict[tuple[Any, ...], list[tuple[int, int, Any]]] = {}
    for line, row in typed:
        if row.get(rule["rank"]) is not None and all(row.get(name) is not None for name in rule["by"]):
            groups.setdefault(tuple(row[name] for name in rule["by"]), []).append(
                (row[rule["rank"]], line, row.get(rule["value"]))
            )
    problems = []
    for ranked in groups.values():
        ranked.sort()
        for (rank, line, value), (next_rank, next_line, next_value) in pairwise(ranked):
            said = None
            if rank == next_rank:
                said = f"rank {next_rank} is also held on line {line}"
            elif value is not None and next_value is not None and value < next_value:
                said = (
                    f"rank {next_rank} with {rule['value']} {next_value}, more than rank {rank}'s {value} on line "
                    f"{line}: a better rank has the larger {rule['value']}"
                )
            if said:
                where = " and ".join(rule["by"])
                problems.append(Problem(entry["path"], next_line, rule["rank"], "rank", f"{said} (in one {where})"))
    return problems


def marked_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Groups without exactly one marked row (``x-one-marked``: each place has one ``preferred`` row, the one the
    map draws): with none the group would vanish from what uses the mark, with two it would be drawn twice."""
    rule = entry.get("x-one-marked")
    if not rule:
        return []
    groups: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
    for line, record in table.records:
        key = tuple(record[name] for name in rule["by"])
        if all(key):
            groups.setdefault(key, []).append((line, record[rule["field"]] == rule["value"]))
    problems = []
    group_name = " and ".join(rule["by"])
    for key, rows in groups.items():
        marked = [line for line, is_marked in rows if is_marked]
        if len(marked) != 1:
            line = marked[1] if marked else rows[0][0]
            said = (
                f"a second row of {group_name} {'/'.join(key)!r} (the first is line {marked[0]})"
                if marked
                else (f"no row of {group_name} {'/'.join(key)!r} has it")
            )
            problems.append(
                Problem(
                    table.path,
                    line,
                    rule["field"],
                    "one-marked",
                    f"{rule['field']} {rule['value']!r}: {said}; each {group_name} has exactly one ({rule['why']})",
                )
            )
    return problems


def _span(date: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day a stored date can mean: a date known to the month or year is stored as its first day."""
    written = date.isoformat()[: {"year": 4, "month": 7}.get(precision or "", 10)]
    return date, partial_end(written) or date


def sequence_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Events of one thing dated out of the order they must come in (``x-sequence``: an agreement is signed before it
    is ratified, ratified before it enters into force, in force before it expires): a date mistyped a year early.
    A date known to the month or year is compared over every day it can mean."""
    rule = entry.get("x-sequence")
    if not rule:
        return []
    stage = {value: i for i, group in enumerate(rule["order"]) for value in group}
    precision = (entry.get("x-date-precision") or {}).get("field")
    groups: dict[tuple[Any, ...], list[tuple[int, dt.date, dt.date, int, str]]] = {}
    for line, row in typed:
        key = tuple(row.get(name) for name in rule["by"])
        value, date = row.get(rule["field"]), _as_date(row.get(rule["date"]))
        if None in key or value not in stage or not isinstance(date, dt.date):
            continue
        first, last = _span(date, row.get(precision) if precision else None)
        groups.setdefault(key, []).append((stage[value], first, last, line, value))
    problems = []
    for events in groups.values():
        for later_stage, first, last, line, value in events:
            earlier = next(
                (
                    (line_e, value_e, first_e)
                    for stage_e, first_e, _, line_e, value_e in events
                    if stage_e < later_stage and first_e > last
                ),
                None,
            )
            if earlier:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["date"],
                        "sequence",
                        f"{value!r} dated {first.isoformat()}, before the {earlier[1]!r} of line {earlier[0]} "
                        f"({earlier[2].isoformat()}) for the same {' and '.join(rule['by'])}: "
                        f"{' then '.join('/'.join(group) for group in rule['order'])}",
                    )
                )
    return problems


def number_order_problems(
    table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]
) -> list[Problem]:
    """Numbered documents dated out of their numbers' order (``x-number-order``: the Security Council numbers its
    resolutions as it adopts them, so S/RES/2087 cannot predate S/RES/1874): a number or a date mistyped."""
    problems = []
    rows = dict(typed)
    for rule in entry.get("x-number-order", []):
        pattern = re.compile(rule["pattern"])
        numbered = []
        for line, record in table.records:
            found = pattern.search(record[rule["field"]])
            date = _as_date(rows.get(line, {}).get(rule["date"]))
            if found and found.group("number").isdigit() and isinstance(date, dt.date):
                numbered.append((int(found.group("number")), date, line, record[rule["field"]]))
        numbered.sort()
        latest: tuple[dt.date, int, str] | None = None
        for _, date, line, written in numbered:
            if latest and date < latest[0]:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["date"],
                        "number-order",
                        f"value {date.isoformat()}, before {latest[2]!r} of line {latest[1]} "
                        f"({latest[0].isoformat()}), which has a lower number than {written!r}: numbers rise with "
                        "their dates",
                    )
                )
            if latest is None or date > latest[0]:
                latest = (date, line, written)
    return problems


def _number_or_none(value: str) -> float | None:
    """A cell's number, or ``None`` when it is empty or not a number written as digits."""
    if not NUMBER.fullmatch(value):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def when_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Cells that break a condition on their row (``x-when``: in a decision adopted without a vote no votes are
    counted; a vetoed draft has no resolution number; a bridge names the countries on both banks; a row without a
    figure says why in its note; a share in percent is at most 100; a count of people sent is at most a million).
    Each rule names the rows it covers (``if``: a field's ``values``, text matching a ``pattern``, or the field
    ``empty``) and what those rows must hold in ``then.fields``: one of ``values``, nothing (``empty``), something
    (``filled``), text matching ``pattern``, or a number no larger than ``at-most`` (a sanity bound on a unit: a
    larger figure is a slip of digits or of unit). An empty cell meets ``values``, ``pattern`` and ``at-most``
    (whether it may be empty is the field's own rule, or ``filled``); a cell that is not a number is the field's
    type's to refuse."""
    problems = []
    for rule in entry.get("x-when", []):
        condition, then = rule["if"], rule["then"]
        pattern = re.compile(then["pattern"]) if "pattern" in then else None
        covered = re.compile(condition["pattern"]) if "pattern" in condition else None
        for line, record in table.records:
            text = record[condition["field"]]
            if not (covered.search(text) if covered else text in condition.get("values", [""])):
                continue
            covers = "empty" if condition.get("empty") else repr(text)
            for name in then["fields"]:
                value = record[name]
                if then.get("empty"):
                    broken, wanted = value != "", "nothing"
                elif then.get("filled"):
                    broken, wanted = value == "", "a value"
                elif pattern is not None:
                    broken, wanted = value != "" and not pattern.search(value), f"text matching {then['pattern']!r}"
                elif "at-most" in then:
                    number = _number_or_none(value)
                    broken, wanted = number is not None and number > then["at-most"], f"at most {then['at-most']:,}"
                else:
                    broken, wanted = value != "" and value not in then["values"], f"one of {then['values']}"
                if broken:
                    problems.append(
                        Problem(
                            table.path,
                            line,
                            name,
                            "when",
                            f"value {value!r}, but a row whose {condition['field']} is {covers} holds {wanted} in "
                            f"{name} ({rule['why']})",
                        )
                    )
    return problems


def period_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Periods that are not made of whole reporting periods (``x-period``: the border service counts entries by
    quarter, so a period starts on the first day of a quarter and ends on the last day of one): a day mistyped."""
    rule = entry.get("x-period")
    if not rule:
        return []
    months = rule["months"]
    problems = []
    for line, row in typed:
        start, end = _as_date(row.get(rule["start"])), _as_date(row.get(rule["end"]))
        if isinstance(start, dt.date) and not (start.day == 1 and (start.month - 1) % months == 0):
            said = f"value {start.isoformat()} is not the first day of a {months}-month period from January"
            problems.append(Problem(entry["path"], line, rule["start"], "period", said))
        if isinstance(end, dt.date) and not ((end + dt.timedelta(days=1)).day == 1 and end.month % months == 0):
            said = f"value {end.isoformat()} is not the last day of a {months}-month period from January"
            problems.append(Problem(entry["path"], line, rule["end"], "period", said))
    return problems


def span_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose end lies implausibly long after their start (``x-span-at-most``: a visit of more than three months,
    a border-statistics period of more than a year): a year or month mistyped in the end date. Dates known only to
    the month or year are compared over the shortest span they can mean."""
    rule = entry.get("x-span-at-most")
    if not rule:
        return []
    precision = (entry.get("x-date-precision") or {}).get("field")
    problems = []
    for line, row in typed:
        start, end = _as_date(row.get(rule["start"])), _as_date(row.get(rule["end"]))
        if not (isinstance(start, dt.date) and isinstance(end, dt.date)):
            continue
        known = row.get(precision) if precision else None
        shortest = (end - _span(start, known)[1]).days
        if shortest > rule["days"]:
            said = (
                f"value {row[rule['end']]!s}, {shortest} days after {rule['start']} {row[rule['start']]!s}: more than "
                f"{rule['days']} ({rule['why']})"
            )
            problems.append(Problem(entry["path"], line, rule["end"], "span", said))
    return problems


def key_date_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Dates that disagree with the date a key carries (``x-key-date``: a contact ``2025-10-kozlov-pyongyang``
    starts in October 2025, resolution ``S/RES/1718 (2006)`` was voted on in 2006): a year, month or day mistyped
    in one of the two. Each rule's ``pattern`` finds, in ``field``, a ``year`` and perhaps a ``month`` and a ``day``;
    a key it does not match, or a row without the date, is not compared, and a date whose precision is the year or
    the month is compared only that far."""
    problems = []
    dates = dict(typed)
    precision = entry.get("x-date-precision")
    for rule in entry.get("x-key-date", []):
        pattern = re.compile(rule["pattern"])
        for line, record in table.records:
            found = pattern.search(record[rule["field"]])
            date = _as_date(dates.get(line, {}).get(rule["date"]))
            if not found or not isinstance(date, dt.date):
                continue
            parts = {k: v for k, v in found.groupdict().items() if v is not None}
            known = record[precision["field"]] if precision and rule["date"] in precision["dates"] else "day"
            for unknown in {"year": ("month", "day"), "month": ("day",)}.get(known, ()):
                parts.pop(unknown, None)  # a date known to the year or month is stored as its first day
            said = [
                f"{k} {v}" for k, v in parts.items() if not (v.isascii() and v.isdigit()) or int(v) != getattr(date, k)
            ]
            if said:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["date"],
                        "key-date",
                        f"value {record[rule['date']]!r}, but the {rule['field']} {record[rule['field']]!r} gives "
                        f"{' and '.join(said)}: one of the two is mistyped",
                    )
                )
    return problems


def carries_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Fields that disagree with the value another field's text carries (``x-carries``): the symbol
    ``A/C.3/79/L.34`` is a draft of the 79th session, a text "... (75th session)" was voted on in the 75th, the
    estimate ``troops-nis-2025-04-30-total-15000`` has a low end of 15,000: one of the two mistyped. Each rule's
    ``pattern`` finds, in ``field``, a group named ``value`` that the field ``equals`` holds as written; a text the
    pattern does not match, or an empty ``equals``, is not compared."""
    problems = []
    for rule in entry.get("x-carries", []):
        pattern = re.compile(rule["pattern"])
        for line, record in table.records:
            found, other = pattern.search(record[rule["field"]]), record[rule["equals"]]
            if found and other != "" and found["value"] != other:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["equals"],
                        "carries",
                        f"value {other!r}, but the {rule['field']} {record[rule['field']]!r} gives "
                        f"{found['value']!r}: one of the two is mistyped",
                    )
                )
    return problems


def stated_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Values that the row's own quotation does not state (``x-stated``): a count of votes the quoted report does not
    give ("141 countries voted in favor, five against"), a dollar figure other than the amount the quoted source writes
    ("258억 달러" for 25,800 million), a latitude other than the one the note copies from its source: a value
    mistyped, a decimal slipped, a figure copied from another row. ``as`` says how the text writes it
    (:mod:`russia_dprk.amounts`): ``count``, in digits or in words up to twenty; ``usd_millions``, a dollar amount in
    English or Korean units; ``coordinate``, decimal degrees or degrees, minutes and seconds, which the value may
    round to its own decimals. An empty value is not compared."""
    readers = {"count": counts, "usd_millions": usd_millions, "coordinate": coordinates}
    problems = []
    for rule in entry.get("x-stated", []):
        for line, record in table.records:
            value = record[rule["field"]]
            try:
                number = Decimal(value)
            except InvalidOperation:
                continue  # empty, or not a number: the cell's own checks report it
            if not number.is_finite():
                continue
            stated = readers[rule["as"]](record[rule["text"]])
            if rule["as"] == "coordinate":
                agrees = any(rounds_to(value, figure) for figure in stated)
            else:
                agrees = number in stated
            if not agrees:
                shown = (
                    ", ".join(f"{round(Decimal(figure), 6).normalize():,f}" for figure in sorted(stated)[:6]) or "none"
                )
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["field"],
                        "stated",
                        f"value {value!r}, but {rule['text']} states {shown}: {rule['why']}",
                    )
                )
    return problems


def era_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Country codes used outside the years their state existed under that name (``x-era``: the Soviet Union after
    1991, the Russian Federation before it continued the USSR's membership of the UN): a code mistyped, or a date.
    A date known to the month or year is refused only if no day it can mean falls in the state's years."""
    rule = entry.get("x-era")
    if not rule:
        return []
    precision = (entry.get("x-date-precision") or {}).get("field")
    spans = {
        code: (
            dt.date.fromisoformat(span.get("from", "0001-01-01")),
            dt.date.fromisoformat(span.get("to", "9999-12-31")),
        )
        for code, span in rule["codes"].items()
    }
    problems = []
    for line, row in typed:
        date = _as_date(row.get(rule["date"]))
        if not isinstance(date, dt.date):
            continue
        first, last = _span(date, row.get(precision) if precision else None)
        for name in rule["fields"]:
            for code in (row.get(name) or "").split(";"):
                begins, ends = spans.get(code, (first, last))
                if last < begins or first > ends:
                    years = " ".join(f"{end} {day}" for end, day in rule["codes"][code].items())
                    said = f"value {row[name]!r} on {row[rule['date']]!s}: {code} is used only {years} ({rule['why']})"
                    problems.append(Problem(entry["path"], line, name, "era", said))
    return problems


def sitting_sessions(day: dt.date) -> tuple[int, ...]:
    """The General Assembly's regular sessions that may be sitting on ``day``: a session opens in September of the
    year 1945 plus its number and sits until the next one opens (in September either may sit).

    >>> sitting_sessions(dt.date(2020, 11, 18)), sitting_sessions(dt.date(2023, 6, 8))
    ((75,), (77,))
    >>> sitting_sessions(dt.date(2022, 9, 5))
    (76, 77)
    """
    if day.month == 9:
        return (day.year - 1946, day.year - 1945)
    return (day.year - 1945,) if day.month > 9 else (day.year - 1946,)


def session_date_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """A numbered General Assembly session that was not sitting on the row's date (``x-session-date``): the session
    or the date mistyped. A date known to the month or year is compared with every session sitting in it.
    Emergency special sessions ("ES-11") sit when called and are not compared."""
    rule = entry.get("x-session-date")
    if not rule:
        return []
    precision = (entry.get("x-date-precision") or {}).get("field")
    problems = []
    for line, row in typed:
        session, day = str(row.get(rule["session"]) or ""), _as_date(row.get(rule["date"]))
        if not (session.isdigit() and isinstance(day, dt.date)):
            continue
        first, last = _span(day, row.get(precision) if precision else None)
        sitting = sorted(set(sitting_sessions(first)) | set(sitting_sessions(last)))
        if not sitting[0] <= int(session) <= sitting[-1]:
            when = f"on {day}" if first == last else f"from {first} to {last}"
            said = f"value {session!r}, but {when} session {' to '.join(map(str, sitting))} sat ({rule['why']})"
            problems.append(Problem(entry["path"], line, rule["session"], "session-date", said))
    return problems


def tally_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Named votes that the row's own count cannot hold (``x-tally``: two members recorded voting no where the
    row counts one vote against, or a member recorded abstaining where it counts no abstention)."""
    rule = entry.get("x-tally")
    if not rule:
        return []
    problems = []
    for line, row in typed:
        for vote, count_field in rule["counts"].items():
            count = row.get(count_field)
            voters = [name for name in rule["votes"] if row.get(name) == vote]
            if count is not None and len(voters) > count:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        count_field,
                        "tally",
                        f"value {count}, but {len(voters)} member(s) are recorded voting {vote!r} "
                        f"({', '.join(voters)}): the count holds at least the votes the row names",
                    )
                )
    return problems


def votes_needed(rule: dict[str, Any], day: dt.date | None) -> list[int]:
    """The affirmative votes a Security Council decision could have needed on ``day`` (``x-veto``'s ``needed``:
    each era's number from its first day); every era's number when the day is not known, none before the first.

    >>> rule = {"needed": [{"from": "1945-10-24", "votes": 7}, {"from": "1965-08-31", "votes": 9}]}
    >>> votes_needed(rule, dt.date(1950, 6, 27)), votes_needed(rule, dt.date(2006, 7, 15)), votes_needed(rule, None)
    ([7], [9], [7, 9])
    """
    eras = rule["needed"]
    if day is None:
        return [era["votes"] for era in eras]
    begun = [era["votes"] for era in eras if dt.date.fromisoformat(era["from"]) <= day]
    return begun[-1:]


def veto_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Security Council outcomes that contradict the recorded votes (``x-veto``; UN Charter, Article 27(3): a
    decision needs the affirmative votes of nine members, seven before the amendment in force on 31 August 1965,
    including the concurring votes of the permanent members, so one permanent member voting no blocks it): a draft
    adopted over a recorded permanent "no", or vetoed with none recorded; a draft adopted or vetoed with fewer
    affirmative votes than a decision needed on its date, or one that failed with as many."""
    rule = entry.get("x-veto")
    if not rule:
        return []
    problems = []
    for line, row in typed:
        outcome = row.get(rule["outcome"])
        against = [name for name in rule["permanent"] if row.get(name) == rule["no"]]
        said = None
        if outcome == rule["adopted"] and against:
            said = f"{', '.join(against)} recorded {rule['no']!r}: a permanent member's no is a veto"
        elif outcome == rule["vetoed"] and not against and all(row.get(n) is not None for n in rule["permanent"]):
            said = f"no permanent member is recorded voting {rule['no']!r}"
        if said:
            problems.append(Problem(entry["path"], line, rule["outcome"], "veto", f"value {outcome!r}, but {said}"))
        count, needed = row.get(rule["count"]), votes_needed(rule, row.get(rule["date"]))
        if count is None or not needed or outcome is None:
            continue
        if outcome in (rule["adopted"], rule["vetoed"]) and count < min(needed):
            said = f"a draft {outcome} had at least the {min(needed)} affirmative votes a decision needed then"
        elif outcome == rule["failed"] and count >= max(needed):
            said = (
                f"a draft with at least {max(needed)} affirmative votes is adopted, or vetoed if a permanent member "
                "votes no, "
                f"not {outcome}"
            )
        else:
            continue
        problems.append(Problem(entry["path"], line, rule["count"], "veto", f"value {count}, but {said}"))
    return problems


URL_DATE = re.compile(r"/((?:19|20)[0-9]{2})[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12][0-9]|3[01]))?(?=[/-])")


def url_date_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Publication dates that disagree with the date a link's path gives (``x-url-date``: ``/2024/06/19/`` or
    ``/2024/06/`` in a news site's address), by more than ``days`` (an embargoed or late-night story can carry
    the day before): a year, month or day mistyped. A partial date is compared over every day it can mean."""
    rule = entry.get("x-url-date")
    if not rule:
        return []
    slack = dt.timedelta(days=rule["days"])
    problems = []
    for line, record in table.records:
        match = URL_DATE.search(record[rule["url"]])
        written = record[rule["date"]]
        start, end = partial_start(written), partial_end(written)
        if not match or start is None or end is None:
            continue  # no date in the link, or none (or a malformed one, which its cell rule reports) written
        year, month, day = match.groups()
        shown = "-".join(part for part in (year, month, day) if part)
        first, last = partial_start(shown), partial_end(shown)
        if first is None or last is None or (first - slack <= end and start <= last + slack):
            continue
        problems.append(
            Problem(
                table.path,
                line,
                rule["date"],
                "url-date",
                f"value {written!r}, but the {rule['url']} is dated {shown} (more than {rule['days']} days apart): "
                "a date mistyped?",
            )
        )
    return problems


def partial_end(text: str) -> dt.date | None:
    """The last day a partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) can mean; ``None`` if it is not one.

    >>> partial_end("2024"), partial_end("2024-02"), partial_end("2024-02-10")
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29), datetime.date(2024, 2, 10))
    """
    start = partial_start(text)
    if start is None:
        return None
    parts = text.count("-")
    if parts == 2:
        return start
    if parts == 1:
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return start.replace(month=12, day=31)


ANNOUNCED_PREFIX = "Announced:"
ANNOUNCED_IN_ADVANCE = "announced in advance"


def reported_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows whose source was published before the event the row dates (``x-reported-after``): a report cannot
    precede what it reports, and a year's figure cannot be published before the year begins. A row may rest on an
    earlier source only when it records an announcement or plan: its text begins "Announced:" or says the date was
    "announced in advance", or its code is one the rule names."""
    rule = entry.get("x-reported-after")
    published = _source_values(entry, checked, rule["published"]) if rule else None
    if published is None:
        return []
    codes = rule.get("unless-codes", {})
    exempt_codes = set(codes.get("values", []))
    problems = []
    for line, row in typed:
        event, source = row.get(rule["date"]), row.get("source_id")
        when = published.get(source)
        last = partial_end(when) if isinstance(when, str) else when
        begins = dt.date(event, 1, 1) if isinstance(event, int) else event  # a year field: the year's first day
        if event is None or last is None or last >= begins:
            continue
        text = row.get(rule["unless-text"]) or ""
        if text.startswith(ANNOUNCED_PREFIX) or ANNOUNCED_IN_ADVANCE in text:
            continue
        if codes and row.get(codes["field"]) in exempt_codes:
            continue
        problems.append(
            Problem(
                entry["path"],
                line,
                rule["date"],
                "reported-before-event",
                f"source {source!r} was published {when}, before the event it supports "
                f"({event if isinstance(event, int) else event.isoformat()}); a "
                f"row on what was announced in advance begins its {rule['unless-text']} with {ANNOUNCED_PREFIX!r}",
            )
        )
    return problems


def read_after_checked_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows citing a source read after the day the table was last checked (``x-accessed``): the row was added or
    changed later, so ``x-accessed``, which also bounds the table's dates, is out of date."""
    read = _source_values(entry, checked, "accessed") if _is_date(entry.get("x-accessed", "")) else None
    if read is None:
        return []
    last_checked = dt.date.fromisoformat(entry["x-accessed"])
    problems = []
    for line, row in typed:
        when = read.get(row.get("source_id"))
        if when is not None and when > last_checked:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "source_id",
                    "read-after-checked",
                    f"source {row['source_id']!r} was read on {when.isoformat()}, after the day the table was last "
                    f"checked (x-accessed {last_checked.isoformat()}); update x-accessed",
                )
            )
    return problems


def latest_date(entry: dict[str, Any], today: dt.date | None = None) -> dt.date:
    """The latest date a table's rows may hold: the day the table was last checked against its sources
    (``x-accessed``), or today for a table without one (the source registry, whose rows carry their own)."""
    today = today or dt.date.today()
    accessed = entry.get("x-accessed")
    return min(dt.date.fromisoformat(accessed), today) if accessed and _is_date(accessed) else today


def is_year_field(field: dict[str, Any]) -> bool:
    """An integer field holding a calendar year (``year``, ``order_year``...)."""
    return field["type"] == "integer" and YEAR_FIELD.fullmatch(field["name"]) is not None


def future_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], today: dt.date | None = None
) -> list[Problem]:
    """Dates, and years in year fields, later than :func:`latest_date`: a row cannot record what had not happened
    when it was entered. (Every date in the tables is of something that happened or was said: a plan's row carries
    the day it was announced.)"""
    limit = latest_date(entry, today)
    why = f"the day the table was last checked (x-accessed {limit})" if "x-accessed" in entry else f"today ({limit})"
    fields = entry["schema"]["fields"]
    dates = [f["name"] for f in fields if date_kind(f)]
    years = [f["name"] for f in fields if is_year_field(f)]
    problems = []
    for line, row in typed:
        for name in dates:
            if row.get(name) is not None and _as_date(row[name]) > limit:
                problems.append(Problem(entry["path"], line, name, "future-date", f"value {row[name]} is after {why}"))
        for name in years:
            if row.get(name) is not None and row[name] > limit.year:
                problems.append(Problem(entry["path"], line, name, "future-date", f"year {row[name]} is after {why}"))
    return problems


# --- references between tables ------------------------------------------------------------------------------------


def primary_keys(table: Table, entry: dict[str, Any]) -> set[tuple[str, ...]]:
    """The primary-key tuples of a table, exactly as written."""
    fields = entry["schema"]["primaryKey"]
    return {tuple(record[f] for f in fields) for _, record in table.records}


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
                problems.append(
                    Problem(
                        table.path,
                        line,
                        ref["key_field"],
                        "row-reference",
                        f"value {key!r} is not a primary key of table {target!r}",
                    )
                )
    return problems


# --- whole package and single tables --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Checked:
    """One table checked on its own: its problems, its typed records, the parsed table and its key tuples."""

    problems: list[Problem]
    typed: list[tuple[int, dict[str, Any]]]
    table: Table | None
    keys: frozenset[tuple[str, ...]]


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
        + requires_problems(typed, entry)
        + precision_problems(table, typed, entry)
        + future_problems(typed, entry)
        + sum_problems(typed, entry)
        + over_rows(lambda: total_problems(table, typed, entry))
        + refused_domain_problems(whole, entry)
        + refused_text_problems(whole, entry)
        + words_problems(whole, entry)
        + spelling_problems(whole, entry, unread)
        + hand_entry_problems(whole, entry)
        + copy_domain_problems(whole, entry)
        + pinned_copy_problems(whole, entry)
        + shared_url_problems(whole, entry)
        + url_date_problems(whole, entry)
        + determines_problems(whole, entry, unread)
        + site_problems(whole, entry, unread)
        + never_with_problems(whole, entry)
        + over_rows(lambda: rank_problems(typed, entry))
        + key_date_problems(table, typed, entry)
        + carries_problems(whole, entry)
        + era_problems(typed, entry)
        + session_date_problems(typed, entry)
        + period_problems(typed, entry)
        + span_problems(typed, entry)
        + when_problems(table, entry)
        + over_rows(lambda: sequence_problems(typed, entry))
        + number_order_problems(table, typed, entry)
        + marked_problems(whole, entry)
        + tally_problems(typed, entry)
        + stated_problems(table, entry)
        + veto_problems(typed, entry)
        + built_problems(data_dir, entry)
    )
    return Checked(problems, all_typed, whole, frozenset(primary_keys(whole, entry)))


def upstream_problems(entry: dict[str, Any], checked: dict[str, Checked]) -> list[Problem]:
    """A derived table's inputs (``x-upstream``) or the files it is compared with (``x-compared-with``) that
    ``upstream.csv`` does not register, or an input registered under a source the table does not credit
    (``x-source-ids``)."""
    registry = checked.get("upstream")
    if entry["x-kind"] != "derived" or registry is None or registry.table is None:
        return []
    rows = {record["file"]: (line, record) for line, record in registry.table.records}
    problems = []
    for key in ("x-upstream", "x-compared-with"):
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


def referenced_tables(entry: dict[str, Any], package: dict[str, Any]) -> set[str]:
    """Tables whose keys this table's references need (foreign keys, the upstream registry for a derived table's
    inputs, and every table for row references)."""
    names = {fk["reference"]["resource"] for fk in entry["schema"].get("foreignKeys", [])}
    names |= {rule["resource"] for rule in entry.get("x-key-lists", [])}
    names |= {entry["x-located"]["resource"]} if "x-located" in entry else set()
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
    outlines = {row[rule["by"]]: row[rule["outline"]] for _, row in outlines_table.typed}
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
    keys = {other: result.keys for other, result in checked.items() if result.table is not None}
    entry = resources[name]
    return (
        own.problems
        + reference_problems(own.table, entry, keys, resources)
        + reported_problems(own.typed, entry, checked)
        + read_after_checked_problems(own.typed, entry, checked)
        + upstream_problems(entry, checked)
        + located_problems(own.typed, entry, checked)
        + unused_upstream_problems(entry, package, checked)
        + text_link_problems(
            own.table, entry, [d for r in package["resources"] for d in r.get("x-refused-domains", [])]
        )
    )


def check(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem of the package in ``data_dir``: the descriptor first, then every table in descriptor order."""
    package = read_descriptor(data_dir)
    problems = descriptor_problems(package, data_dir)
    if problems:
        return problems
    checked = {entry["name"]: check_table(data_dir, entry) for entry in package["resources"]}
    for entry in package["resources"]:
        problems += table_problems(entry["name"], package, checked)
    return problems + undeclared_problems(data_dir, package)


def undeclared_problems(data_dir: Path, package: dict[str, Any]) -> list[Problem]:
    """CSV files in the data folder that no table of the descriptor names: their rows would be checked and loaded
    by nothing (a table dropped from the descriptor, or a file saved under a new name)."""
    root = Path(data_dir).resolve()
    declared = {(root / entry["path"]).resolve() for entry in package["resources"]}
    return [
        Problem(
            file.relative_to(root).as_posix(),
            None,
            "-",
            "undeclared-file",
            f"{DESCRIPTOR_FILE} names no table for this file: declare it, or remove it (nothing checks or loads it)",
        )
        for file in sorted(root.rglob("*.[cC][sS][vV]"))  # "Contacts.CSV" too
        if file.resolve() not in declared and not any(part.startswith(".") for part in file.relative_to(root).parts)
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
        return [problem_from(exc)]


def problem_from(error: DescriptorError) -> Problem:
    """A descriptor error as a problem line."""
    text = str(error)
    path, _, rest = text.partition(": ")
    match = re.match(r"line (\d+): (\w[\w-]*): (.*)", rest)
    if match:
        return Problem(path, int(match.group(1)), "-", match.group(2), match.group(3))
    return Problem(path, None, "-", "descriptor", rest)
