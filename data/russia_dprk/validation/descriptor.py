"""The descriptor's own rules (its schema, paths, keys, constraints and labels) and the field declarations
other rules read (bounds, partial dates, year fields).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DescriptorError
from ..paths import DATA_DIR, read_bytes, real_path
from .common import DATE, DESCRIPTOR_FILE, KIND_FOLDERS, KIND_NEEDS, PARTIAL_DATE, REGISTRIES, YEAR_FIELD, Problem


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


def tables_listed(package: Any) -> bool:
    """Whether a parsed descriptor lists its tables well enough to find their files: a list of tables, each with a
    text ``path`` (what its own rules say of those paths aside).

    >>> tables_listed({"resources": [{"path": "a.csv"}]}), tables_listed({"resources": [{"path": 1}]})
    (True, False)
    """
    resources = package.get("resources") if isinstance(package, dict) else None
    return isinstance(resources, list) and all(
        isinstance(entry, dict) and isinstance(entry.get("path"), str) for entry in resources
    )


def _refused(line: int | None, rule: str, detail: str) -> DescriptorError:
    """The error for a descriptor that cannot be read, worded as ``validate`` words the same problem."""
    return DescriptorError(Problem(DESCRIPTOR_FILE, line, "-", rule, detail))


def read_descriptor(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The parsed descriptor, or :class:`DescriptorError` naming the file, line, rule and what is wrong (in the words
    of ``validate``'s problem line)."""
    path = Path(data_dir) / DESCRIPTOR_FILE
    if path.is_symlink() and real_path(path).parent != real_path(data_dir):
        raise _refused(
            None,
            "file",
            f"leads outside the data folder (to {real_path(path)}): the descriptor, like the tables, is the data "
            "folder's own file",
        )
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        raise _refused(
            None,
            "missing-file",
            f"not found in {data_dir}; the dataset needs a checkout of the repository's data/ folder (set "
            "RUSSIA_DPRK_DATA to it)",
        ) from None
    except NotADirectoryError:
        raise _refused(None, "missing-file", f"{data_dir} is a file, expected the data folder") from None
    except IsADirectoryError:
        raise _refused(None, "file", f"is a folder in {data_dir}, expected a file") from None
    except PermissionError:
        raise _refused(None, "unreadable", f"cannot be read in {data_dir} (permission denied)") from None
    except OSError as exc:  # a loop of links, a pipe or a device
        raise _refused(None, "unreadable", f"cannot be read in {data_dir} ({exc.strerror})") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _refused(1, "encoding", "the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _refused(line, "encoding", f"byte {raw[exc.start]:#04x} is not valid UTF-8") from None
    try:
        package = json.loads(
            text,
            object_pairs_hook=_object_once,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_exact_float,
        )
    except json.JSONDecodeError as exc:
        raise _refused(
            exc.lineno, "json", f"{exc.msg.removesuffix(' at')} at column {exc.colno} (truncated or malformed)"
        ) from None
    except _NotStandard as exc:
        raise _refused(_line_of(text, exc), "json", str(exc)) from None
    except RecursionError:
        raise _refused(None, "json", "nested too deeply to read") from None
    if not isinstance(package, dict):
        found = {"list": "a list", "str": "a text", "int": "a number", "float": "a number", "bool": "true or false"}
        raise _refused(
            None, "json", f"expected an object at the top, found {found.get(type(package).__name__, 'null')}"
        )
    if _lone_surrogate(package):
        match = LONE_SURROGATE.search(text)
        line = text.count(chr(10), 0, match.start()) + 1 if match else None
        raise _refused(
            line,
            "json",
            "a \\u escape names half of a UTF-16 pair without its other half, which no text can hold (write the "
            "character itself)",
        )
    return package


@lru_cache(maxsize=1)
def _schema_validator() -> Any:
    import jsonschema

    from ..descriptor_schema import DESCRIPTOR

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
    (``jsonschema``), which lists every error. So the code is generated without detailed exceptions, which halves it.
    Compiling the generated code (some 2,700 lines) still took about 0.08 s, a sixth of ``validate``; it is compiled
    once and kept, under the sha256 of the schema and fastjsonschema's version (:func:`.validated_cache.compiled`).
    The schema uses no keyword newer than draft 7.
    """
    import fastjsonschema

    from ..descriptor_schema import DESCRIPTOR
    from ..validated_cache import compiled

    schema = _const_as_enum({**DESCRIPTOR, "$schema": "http://json-schema.org/draft-07/schema#"})
    inputs = f"fastjsonschema {fastjsonschema.VERSION}\0{json.dumps(schema, sort_keys=True)}".encode()
    code = compiled(
        "descriptor-schema", inputs, lambda: fastjsonschema.compile_to_code(schema, detailed_exceptions=False)
    )
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace["validate"]


def schema_problems(package: Any) -> list[Problem]:
    """Every place where the descriptor breaks the closed schema of :mod:`russia_dprk.descriptor_schema`."""
    import fastjsonschema

    try:
        _schema_accepts()(package)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return [
        Problem(DESCRIPTOR_FILE, None, _json_path(error.absolute_path, package), "descriptor", error.message)
        for error in sorted(_schema_validator().iter_errors(package), key=lambda e: list(e.absolute_path))
    ]


def _json_path(parts: Any, package: Any = None) -> str:
    """Where in the descriptor a schema error is, a table or field by its name where it has one.

    >>> _json_path(["resources", 0, "schema", "fields", 1, "type"], {"resources": [{"name": "contacts", "schema": {
    ...     "fields": [{"name": "a"}, {"name": "b"}]}}]})
    'resources[contacts].schema.fields[b].type'
    >>> _json_path(["resources", 5, "bytes"], {"resources": []})
    'resources[5].bytes'
    """
    written, node = "", package
    for part in parts:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            written += f"[{name}]" if isinstance(name, str) and name and name.isprintable() else f"[{part}]"
            node = item
        else:
            written += f".{part}"
            node = node.get(part) if isinstance(node, dict) else None
    return written.lstrip(".") or "(top)"


def descriptor_problems(package: dict[str, Any], data_dir: Path) -> list[Problem]:
    """Problems in the descriptor itself: its schema, paths, keys and references between tables."""
    from .cells import text_problem  # the cells' rules for text; cells reads this module's date rules

    problems = schema_problems(package)
    if problems:
        return problems

    def flag(field: str, message: str) -> None:
        problems.append(Problem(DESCRIPTOR_FILE, None, field, "descriptor", message))

    names = [entry["name"] for entry in package["resources"]]
    resources = {entry["name"]: entry for entry in package["resources"]}

    def check_other(at: str, rule: dict[str, Any], named: list[tuple[str, str]]) -> None:
        """A rule naming another table (its ``resource``): that table exists and has each field ``named``."""
        other = resources.get(rule["resource"])
        if other is None:
            flag(at, f"references table {rule['resource']!r}, which does not exist")
            return
        known = {f["name"] for f in other["schema"]["fields"]}
        for key, value in named:
            if value not in known:
                flag(at, f"{key} {value!r} is not a field of {rule['resource']!r}")

    root = real_path(data_dir)
    for name in {n for n in names if names.count(n) > 1}:
        flag("resources", f"table {name!r} declared twice")
    files: dict[Path, str] = {}
    for entry in package["resources"]:
        where = f"resources[{entry['name']}]"
        target = real_path(root / entry["path"])
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
            for code in field.get("constraints", {}).get("enum", []):
                why = text_problem(code) if isinstance(code, str) else None
                if why:
                    flag(
                        f"{where}.schema.fields[{field['name']}].constraints.enum",
                        f"the code {code!r} {why}",
                    )
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
        declared += [f for pair in entry.get("x-not-ending-with", []) for f in pair]
        declared += [f for pair in entry.get("x-not-starting-with", []) for f in pair]
        declared += [f for pair in entry.get("x-apart", []) for f in pair]
        declared += [entry["x-during"][k] for k in ("field", "date")] if "x-during" in entry else []
        declared += [entry["x-during"]["names"]["text"]] if "names" in entry.get("x-during", {}) else []
        declared += [entry["x-no-return"][k] for k in ("by", "field", "date")] if "x-no-return" in entry else []
        holding = entry.get("x-one-holder", {})
        declared += [holding[k] for k in ("office", "holder", "country", "date")] if holding else []
        overlap = entry.get("x-no-overlap")
        declared += (
            [*overlap["by"], overlap["start"], *([overlap["end"]] if "end" in overlap else [])]
            + ([overlap["only"]["field"]] if "only" in overlap else [])
            if overlap
            else []
        )
        declared += [rule[k] for rule in entry.get("x-key-names", []) for k in ("field", "name")]
        declared += entry.get("x-once", [])
        declared += entry.get("x-source-names", [])
        declared += entry.get("x-cites-sources", [])
        for date, text, unless in written_date_rules(entry):
            declared += [date, text, *([unless["field"]] if unless else [])]
        part_of = entry.get("x-part-of")
        declared += [part_of["field"], part_of["value"], *part_of["by"]] if part_of else []
        declared += [f for pair in entry.get("x-requires", []) for f in pair]
        declared += entry.get("x-one-spelling", [])
        declared += entry.get("x-near-spelling", [])
        declared += entry.get("x-latin-text", [])
        declared += [entry["x-place-country"][k] for k in ("place", "country")] if "x-place-country" in entry else []
        declared += [entry["x-url-versions-by"][k] for k in ("date", "field")] if "x-url-versions-by" in entry else []
        declared += [r[k] for r in entry.get("x-row-references", []) for k in ("table_field", "key_field")]
        declared += [rule[k] for rule in entry.get("x-key-lists", []) for k in ("field", "named-in") if k in rule]
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
        declared += [rule["field"] for rule in entry.get("x-domain-values", [])]
        declared += [entry["x-pinned-copy"][k] for k in ("url", "field")] if "x-pinned-copy" in entry else []
        declared += [v for k, v in entry["x-url-date"].items() if k != "days"] if "x-url-date" in entry else []
        declared += [entry["x-site-determines"][k] for k in ("url", "field")] if "x-site-determines" in entry else []
        declared += [f for r in entry.get("x-never-with", []) for f in (r["by"], r["when"]["field"], r["field"])]
        declared += [f for pair in entry.get("x-determines", []) for f in pair]
        declared += [entry["x-rank"][k] for k in ("rank", "value")] + entry["x-rank"]["by"] if "x-rank" in entry else []
        declared += [rule["field"] for rule in entry.get("x-refused-text", [])]
        declared += [rule[k] for rule in entry.get("x-key-date", []) for k in ("field", "date")]
        declared += [rule[k] for rule in entry.get("x-carries", []) for k in ("field", "equals")]
        declared += [f for rule in entry.get("x-stated", []) for f in (rule["field"], *stated_texts(rule))]
        declared += [f for rule in entry.get("x-names-row", []) for f in (rule["text"], *rule["same"])]
        points = entry.get("x-distinct-points")
        declared += [points["key"], *points["by"], points["lat"], points["lon"]] if points else []
        if entry.get("x-names-row") and len(entry["schema"]["primaryKey"]) != 1:
            flag(f"{where}.x-names-row", "the table's primary key is not one field, which the rule's key names")
        declared += [*entry["x-era"]["fields"], entry["x-era"]["date"]] if "x-era" in entry else []
        declared += [v for k, v in entry["x-session-date"].items() if k != "why"] if "x-session-date" in entry else []
        located = entry.get("x-located")
        declared += [located[k] for k in ("lat", "lon", "country")] if located else []
        if located:
            check_other(f"{where}.x-located", located, [(key, located[key]) for key in ("by", "outline")])
        reference = _source_reference(entry)
        registry = resources.get(reference[0]) if reference else None
        if "x-source-names" in entry and registry is None:
            flag(f"{where}.x-source-names", "the table's source_id names no source registry, whose rows the rule reads")
        if "x-cites-sources" in entry and registry is None:
            flag(f"{where}.x-cites-sources", "the table's source_id names no source registry, whose ids the rule reads")
        if "x-source-kinds" in entry and registry is not None:
            known = next(
                (f.get("constraints", {}).get("enum", []) for f in registry["schema"]["fields"] if f["name"] == "kind"),
                [],
            )
            for kind in entry["x-source-kinds"]:
                if kind not in known:
                    flag(f"{where}.x-source-kinds", f"{kind!r} is not a kind of {reference[0]!r} (one of {known})")
        agrees = entry.get("x-agrees-with")
        if agrees:
            members = agrees.get("members")
            check_other(
                f"{where}.x-agrees-with",
                agrees,
                [("field", theirs) for _, theirs in agrees["on"] + agrees["same"]]
                + ([("field", members["field"])] if members else []),
            )
            declared += [ours for ours, _ in agrees["on"] + agrees["same"]]
            declared += list(members["columns"].values()) if members else []
        during = entry.get("x-during")
        if during:
            named = [(key, during[key]) for key in ("start", "end") if key in during]
            check_other(
                f"{where}.x-during", during, named + ([("name", during["names"]["name"])] if "names" in during else [])
            )
        declared += [entry["x-one-marked"]["field"], *entry["x-one-marked"]["by"]] if "x-one-marked" in entry else []
        declared += [f for rule in entry.get("x-sequence", []) for f in (rule["field"], rule["date"], *rule["by"])]
        declared += [entry["x-period"][k] for k in ("start", "end")] if "x-period" in entry else []
        declared += [entry["x-span-at-most"][k] for k in ("start", "end")] if "x-span-at-most" in entry else []
        for rule in entry.get("x-when", []):
            declared += [condition["field"] for condition in when_conditions(rule)] + rule["then"]["fields"]
            for part, named in [*(("if", c) for c in when_conditions(rule)), ("then", rule["then"])]:
                wrong = pattern_problem(named["pattern"]) if "pattern" in named else None
                if wrong:
                    flag(f"{where}.x-when", f"{part} pattern {named['pattern']!r} {wrong}")
        declared += [rule[k] for rule in entry.get("x-number-order", []) for k in ("field", "date")]
        declared += [f for rule in entry.get("x-agree-within", []) for f in (rule["field"], *rule["by"])]
        declared += [f for rule in entry.get("x-steady", []) for f in (rule["field"], rule["order"], *rule["by"])]
        declared += [entry["x-nested"][k] for k in ("start", "end", "value", "field")] if "x-nested" in entry else []
        declared += [entry["x-share-of"][k] for k in ("field", "value")] if "x-share-of" in entry else []
        cumulative = entry.get("x-cumulative")
        declared += (
            [
                *cumulative["by"],
                cumulative["scope"]["field"],
                cumulative["item"],
                cumulative["value"],
                cumulative["date"],
            ]
            if cumulative
            else []
        )
        for key, needed, allowed in (
            ("x-number-order", "number", {"number"}),
            ("x-key-date", "year", {"year", "month", "day"}),
            ("x-carries", "value", {"value"}),
            ("x-names-row", "key", {"key"}),
        ):
            for rule in entry.get(key, []):
                scaled = {"scale"} if "scales" in rule else set()  # x-carries: a key's figure written short
                wrong = group_pattern_problem(rule["pattern"], needed, allowed | scaled)
                if not wrong and scaled and "scale" not in re.compile(rule["pattern"]).groupindex:
                    wrong = "has no group named 'scale' for its scales"
                if wrong:
                    flag(f"{where}.{key}", f"pattern {rule['pattern']!r} {wrong}")
        tally = entry.get("x-tally")
        declared += [*tally["counts"].values(), *tally["votes"]] if tally else []
        veto = entry.get("x-veto")
        declared += [veto["outcome"], *veto["permanent"], veto["count"], veto["date"]] if veto else []
        for rule_key, wrong_text in _declared_rule_problems(entry) + role_problems(entry):
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
            declared += [reported["date"], "source_id", *reported.get("totals", [])]
            declared += [reported["unless-text"]] if "unless-text" in reported else []
            declared += [reported[key]["field"] for key in ("unless-codes", "forecast-codes") if key in reported]
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
            only_derived = [key for key in KIND_NEEDS["derived"] if key not in KIND_NEEDS["curated"]]
            for key in ("bytes", "hash", "x-compared-with", *only_derived):
                if key in entry:
                    flag(
                        f"{where}.{key}",
                        f"only a derived table records {key!r} (its build's inputs and output); a {entry['x-kind']} "
                        "table is edited by hand: a derived table relabelled would escape the check of its build",
                    )
        elif "bytes" in entry and type(entry["bytes"]) is not int:  # JSON Schema takes 3987.0 for an integer
            flag(f"{where}.bytes", f"{entry['bytes']!r}, expected a whole number of bytes written without a point")
        if both := sorted(set(entry.get("x-compared-with", [])) & set(entry.get("x-upstream", []))):
            flag(
                f"{where}.x-compared-with",
                f"{both} are also inputs of the table (x-upstream): a table is compared with other files than those "
                "it is derived from",
            )
    for name in REGISTRIES - set(names):
        flag("resources", f"the registry {name!r} is missing")
    return problems + label_problems(package) + country_name_problems(package) + enum_twin_problems(package)


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
    return {row[reference[1]]: row.get(field) for _, row in sources.referenced}


def stated_texts(rule: dict[str, Any]) -> list[str]:
    """The text fields an ``x-stated`` rule reads: one name, or a list read together.

    >>> stated_texts({"text": "note"}), stated_texts({"text": ["description", "note"]})
    (['note'], ['description', 'note'])
    """
    return [rule["text"]] if isinstance(rule["text"], str) else list(rule["text"])


def _declared_rule_problems(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with a table's ``x-key-date``, ``x-tally``, ``x-veto``, ``x-number-order``, ``x-sequence``,
    ``x-share-of`` and ``x-when`` rules beyond their shape: a date that is not a date field, a count that is not an
    integer field, a value the rule names that its field's enumeration lacks, a condition with no single demand.
    Fields the table lacks are reported with every other declared field."""
    fields = {f["name"]: f for f in entry["schema"]["fields"]}

    def codes(name: str) -> list[str]:
        return fields[name].get("constraints", {}).get("enum", [])

    def unlisted(name: str, values) -> list[str]:
        """The values a rule names that the field's enumeration lacks (none for a field missing or not enumerated)."""
        return sorted(set(values) - set(codes(name))) if name in fields and codes(name) else []

    wrong = []
    for rule in entry.get("x-key-date", []):
        field = fields.get(rule["date"])
        if field is None:
            continue
        if "within_days" in rule and "x-partial-date" not in field and field["type"] != "date":
            wrong.append(
                (
                    "x-key-date",
                    f"{rule['date']!r} is neither a date nor a partial date (x-partial-date), as within_days needs",
                )
            )
        elif "within_days" not in rule and field["type"] != "date":
            wrong.append(("x-key-date", f"{rule['date']!r} is of type {field['type']}, not date"))
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
        ("x-sequence", entry.get("x-sequence", [])),
    ):
        for rule in rules:
            if rule["date"] in fields and fields[rule["date"]]["type"] != "date":
                wrong.append((rule_key, f"{rule['date']!r} is of type {fields[rule['date']]['type']}, not date"))
    for rule in entry.get("x-when", []):
        demands = [key for key in ("values", "except", "empty", "filled", "pattern", "at-most") if key in rule["then"]]
        if len(demands) != 1:
            wrong.append(
                (
                    "x-when",
                    f"then names {demands or 'no demand'}: give exactly one of values, except, empty, filled, pattern, "
                    "at-most",
                )
            )
        numeric = [
            name
            for name in rule["then"]["fields"]
            if fields.get(name, {}).get("type") not in (None, "integer", "number")
        ]
        if "at-most" in rule["then"] and numeric:
            wrong.append(("x-when", f"at-most bounds numbers, but {numeric} are not numeric fields"))
        if any(sum(key in c for key in ("values", "except", "empty", "pattern")) != 1 for c in when_conditions(rule)):
            wrong.append(("x-when", "if names rows by values, except, empty or pattern: give exactly one of the four"))
        pairs = [(c["field"], c.get("values", []) + c.get("except", [])) for c in when_conditions(rule)]
        pairs += [
            (name, rule["then"][key])
            for name in rule["then"]["fields"]
            for key in ("values", "except")
            if key in rule["then"]
        ]
        for name, values in pairs:
            if unknown := unlisted(name, values):
                wrong.append(("x-when", f"values {unknown} are not in the enumeration of {name!r}"))
    for rule in entry.get("x-domain-values", []):
        if unknown := unlisted(rule["field"], rule["values"] + rule.get("only", [])):
            wrong.append(("x-domain-values", f"values {unknown} are not in the enumeration of {rule['field']!r}"))
    for rule in entry.get("x-carries", []):
        if unknown := unlisted(rule["equals"], rule.get("codes", {}).values()):
            wrong.append(("x-carries", f"codes {unknown} are not in the enumeration of {rule['equals']!r}"))
    for sequence in entry.get("x-sequence", []):
        if sequence["field"] not in fields:
            continue
        named = {value for group in sequence["order"] for value in group}
        unknown = sorted(named - set(codes(sequence["field"])))
        if unknown:
            wrong.append(("x-sequence", f"values {unknown} are not in the enumeration of {sequence['field']!r}"))
        if len(named) != sum(len(group) for group in sequence["order"]):
            wrong.append(("x-sequence", "a value stands in two places of the order"))
    for rule in entry.get("x-stated", []):
        kinds = {
            "count": ("integer",),
            "number": ("integer", "number"),
            "usd_millions": ("integer", "number"),
            "coordinate": ("number",),
        }[rule["as"]]
        if rule["field"] in fields and fields[rule["field"]]["type"] not in kinds:
            wrong.append(
                (
                    "x-stated",
                    f"{rule['field']!r} is of type {fields[rule['field']]['type']}, not {' or '.join(kinds)} (as "
                    f"{rule['as']} needs)",
                )
            )
        for text in stated_texts(rule):
            if text in fields and fields[text]["type"] != "string":
                wrong.append(("x-stated", f"{text!r} is of type {fields[text]['type']}, not string"))
    share = entry.get("x-share-of")
    if share:
        if unknown := unlisted(share["field"], [share["whole"], share["share"], *share["parts"]]):
            wrong.append(("x-share-of", f"values {unknown} are not in the enumeration of {share['field']!r}"))
        if share["value"] in fields and fields[share["value"]]["type"] not in ("integer", "number"):
            wrong.append(
                ("x-share-of", f"{share['value']!r} is of type {fields[share['value']]['type']}, not a number")
            )
    holding = entry.get("x-one-holder")
    if holding and (unknown := unlisted(holding["office"], holding["offices"])):
        wrong.append(("x-one-holder", f"values {unknown} are not in the enumeration of {holding['office']!r}"))
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


# The kind of field each role of a rule needs (a path into the rule: "*" is each item of a list, a number one
# place of a pair): a date to order or compare by day, a number to add or compare, an enumeration whose values the
# rule names, text to read. A role given a field of another kind would crash the rule or make it check nothing.
ROLE_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "x-no-return": (("date", "date"), ("field", "enum")),
    "x-no-overlap": (("start", "date"), ("end", "date"), ("only.field", "enum")),
    "x-during": (("date", "date"),),
    "x-span-at-most": (("start", "date"), ("end", "date")),
    "x-agree-within": (("*.field", "number"),),
    "x-steady": (("*.field", "number"), ("*.order", "number")),
    "x-nested": (("start", "date"), ("end", "date"), ("value", "number"), ("field", "enum")),
    "x-cumulative": (("value", "number"), ("date", "date"), ("item", "enum"), ("scope.field", "enum")),
    "x-one-holder": (("date", "date"), ("office", "enum"), ("holder", "text"), ("country", "enum")),
    "x-key-names": (("*.field", "text"), ("*.name", "text")),
    "x-one-spelling": (("*", "text"),),
    "x-near-spelling": (("*", "text"),),
    "x-latin-text": (("*", "text"),),
    "x-once": (("*", "text"),),
    "x-source-names": (("*", "text"),),
    "x-cites-sources": (("*", "text"),),
    "x-not-ending-with": (("*.*", "text"),),
    "x-not-starting-with": (("*.*", "text"),),
    "x-apart": (("*.*", "text"),),
    "x-differ": (("*.*", "text"),),
    "x-written-date": (
        ("*.0", "date"),
        ("*.1", "text"),
        ("*.date", "date"),
        ("*.text", "text"),
        ("*.unless.field", "enum"),
    ),
    "x-part-of": (("value", "number"), ("field", "enum")),
    "x-total-of-parts": (("value", "number"), ("field", "enum")),
    "x-rank": (("rank", "integer"), ("value", "number")),
    "x-located": (("lat", "number"), ("lon", "number")),
    "x-place-country": (("place", "text"), ("country", "enum")),
    "x-copy-domains": (("field", "enum"),),
    "x-domain-values": (("*.field", "enum"),),
    "x-never-with": (("*.field", "enum"), ("*.when.field", "enum")),
    "x-one-marked": (("field", "enum"),),
    "x-url-date": (("date", "dated"), ("accessed", "dated"), ("url", "text")),
    "x-url-versions-by": (("date", "dated"), ("field", "enum")),
    "x-site-determines": (("url", "text"),),
    "x-pinned-copy": (("url", "text"),),
    "x-sum-at-most": (("*.fields.*", "number"),),
    "x-carries": (("*.field", "text"),),
    "x-refused-text": (("*.field", "text"),),
    "x-key-lists": (("*.field", "text"), ("*.named-in", "text")),
    "x-names-row": (("*.text", "text"),),
    "x-distinct-points": (("lat", "number"), ("lon", "number")),
    "x-row-references": (("*.table_field", "enum"), ("*.key_field", "text")),
}
KIND_WORDS = {
    "date": "a date field",
    "dated": "a date field or a partial date (x-partial-date)",
    "number": "an integer or number field",
    "integer": "an integer field",
    "text": "a string field",
    "enum": "a field with an enumeration",
}
# Values a rule names (its second path) that the field of its first path must have in its enumeration.
ROLE_VALUES: dict[str, tuple[tuple[str, str], ...]] = {
    "x-one-marked": (("field", "value"),),
    "x-copy-domains": (("field", "value"),),
    "x-never-with": (("*.field", "*.values"), ("*.when.field", "*.when.values")),
    "x-url-versions-by": (("field", "values.*"),),
    "x-no-overlap": (("only.field", "only.values.*"),),
    "x-cumulative": (("scope.field", "scope.values.*"), ("item", "includes.*.*"), ("item", "includes")),
    "x-part-of": (("field", "whole"),),
    "x-total-of-parts": (("field", "total"), ("field", "parts.*")),
    "x-nested": (("field", "total"),),
    "x-written-date": (("*.unless.field", "*.unless.values"),),
}


def written_date_rules(entry: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """A table's ``x-written-date`` rules as (date, text, unless), whether written as a pair or in full (``unless``
    names the rows not compared, empty where none are).

    >>> written_date_rules({"x-written-date": [["date", "note"], {"date": "d", "text": "t", "unless": {"field": "m",
    ...     "values": ["announced"]}}]})
    [('date', 'note', {}), ('d', 't', {'field': 'm', 'values': ['announced']})]
    """
    return [
        (rule["date"], rule["text"], rule["unless"]) if isinstance(rule, dict) else (rule[0], rule[1], {})
        for rule in entry.get("x-written-date", [])
    ]


def _at(node: Any, path: str) -> list[Any]:
    """What ``path`` reaches in a rule: ``*`` is each item of a list (or each key of a mapping), a number one place
    of a list; a step that reaches nothing gives nothing (the rule's shape is the schema's to refuse).

    >>> _at([{"a": ["x", "y"]}, {"a": ["z"]}], "*.a.1"), _at({"w": {"k": [1]}}, "w.*")
    (['y'], ['k'])
    """
    found = [node]
    for step in path.split("."):
        reached = []
        for item in found:
            if step == "*":
                reached += list(item) if isinstance(item, (list, dict)) else []
            elif isinstance(item, dict) and step in item:
                reached.append(item[step])
            elif isinstance(item, list) and step.isdigit() and int(step) < len(item):
                reached.append(item[int(step)])
        found = reached
    return found


def _of_kind(field: dict[str, Any], kind: str) -> bool:
    """Whether a field is of the kind a rule's role needs (:data:`ROLE_KINDS`)."""
    return {
        "date": field["type"] == "date",
        "dated": date_kind(field),
        "number": field["type"] in ("integer", "number"),
        "integer": field["type"] == "integer",
        "text": field["type"] == "string",
        "enum": "enum" in field.get("constraints", {}),
    }[kind]


def role_problems(entry: dict[str, Any]) -> list[tuple[str, str]]:
    """Rules whose roles name a field of the wrong kind (:data:`ROLE_KINDS`: a text where a date is compared, a
    date where names are spelt), or values its field's enumeration lacks (:data:`ROLE_VALUES`: a marked value, a
    whole, a tier the rule expects). Fields the table lacks are reported with every other declared field.

    >>> entry = {"schema": {"fields": [{"name": "note", "type": "string"}]}, "x-no-return": {"date": "note"}}
    >>> role_problems(entry)
    [('x-no-return.date', "'note' is of type string, not a date field")]
    """
    fields = {f["name"]: f for f in entry["schema"]["fields"]}
    wrong = []
    for key, roles in ROLE_KINDS.items():
        for path, kind in roles if key in entry else ():
            for name in _at(entry[key], path):
                if isinstance(name, str) and name in fields and not _of_kind(fields[name], kind):
                    said = f"{name!r} is of type {fields[name]['type']}"
                    wrong.append(
                        (
                            f"{key}.{path}",
                            f"{said}{'' if kind != 'enum' else ' without an enumeration'}, not {KIND_WORDS[kind]}",
                        )
                    )
    for key, pairs in ROLE_VALUES.items():
        rules = entry.get(key)
        for rule in (rules if isinstance(rules, list) else [rules]) if rules else ():
            for field_path, values_path in pairs:
                for name in _at(rule, field_path.removeprefix("*.")):
                    codes = fields.get(name, {}).get("constraints", {}).get("enum") if isinstance(name, str) else None
                    values = _at(rule, values_path.removeprefix("*."))
                    values = [v for value in values for v in (value if isinstance(value, list) else [value])]
                    unknown = sorted({v for v in values if isinstance(v, str)} - set(codes)) if codes else []
                    if unknown:
                        wrong.append(
                            (f"{key}.{values_path}", f"values {unknown} are not in the enumeration of {name!r}")
                        )
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
    if rule.get("totals") and rule["date"] in fields and fields[rule["date"]]["type"] == "date":
        wrong.append(f"'totals' needs a year field, and {rule['date']!r} is a date: a day has no total to wait for")
    for codes in (rule.get("unless-codes"), rule.get("forecast-codes")):
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


LONG_REPEAT = 8  # a group repeated more times than this backtracks as if without bound ("(a?){30}a{30}")


def pattern_problem(pattern: str) -> str | None:
    """Why a descriptor's regular expression cannot be used, or ``None``: it does not compile, or an unbounded
    repetition holds a group that can match one text in several ways, which on one long cell backtracks for hours:
    ``(a+)+``, ``(\\w+\\s?)*``, ``(aa?)+``, ``(a|aa)+``, ``(.|a)*``, ``(a|a)+``, ``(ab|a.)+``, ``(a?){30}``. A
    repeated group is safe when it must match a character its variable parts cannot (``(;[a-z]+)*``), and its
    alternatives start differently (``(RUS|PRK)+``); a group repeated at most a few times is safe.
    Character classes such as ``\\w`` are taken to overlap everything.

    >>> pattern_problem("[a-z0-9-]+(;[a-z0-9-]+)*") is None, pattern_problem("(a|aa)+")[:30]
    (True, 'repeats a group that can match')
    >>> [pattern_problem(p) is None for p in ("(a|a)+", "(ab|a.)+", "(https?://|http://)+", "(a?){30}a{30}")]
    [False, False, False, False]
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
        """The characters a text matching ``items`` can start with (through any leading part that may be empty)."""
        found: set[int] | None = set()
        for op, av in flat(items):
            if op in zero_width:
                continue
            more = chars(op, av)
            found = everything if more is everything or found is everything else found | more
            if parser.SubPattern(parser.State(), [(op, av)]).getwidth()[0] > 0:
                break
        return found

    def overlap(a: set[int] | None, b: set[int] | None) -> bool:
        return a is everything or b is everything or bool(a & b)

    def alike(x: Any, y: Any) -> bool:
        """Whether two alternatives may match one text: of one character per place and one length, each place
        overlapping ("USA" and "UKR" differ; "b" and "." do not); otherwise, if they can start alike."""
        xs, ys = ([e for e in flat(branch) if e[0] not in zero_width] for branch in (x, y))
        single = (parser.LITERAL, parser.IN, parser.ANY, parser.NOT_LITERAL)
        if len(xs) == len(ys) and all(op in single for op, _ in xs + ys):
            return all(overlap(chars(*a), chars(*b)) for a, b in zip(xs, ys, strict=True))
        return overlap(first(x), first(y))

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
            for op, av in elements:  # alternatives in a repeated body must not match one text
                if op is parser.BRANCH and any(alike(x, y) for i, x in enumerate(av[1]) for y in av[1][i + 1 :]):
                    return True
        for op, av in elements:
            if op in repeats and ambiguous(av[2], av[1] == parser.MAXREPEAT or av[1] > LONG_REPEAT):
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
        if rule.get("least", 0) > rule["limit"]:
            flag(
                f"{where}.x-sum-at-most",
                f"least {rule['least']} is above limit {rule['limit']}: every row would be refused",
            )
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
        read = fields.get(dated.get("accessed", dated["date"]), {})
        if link.get("format") != "uri" or not (date and date_kind(date)) or not (read and date_kind(read)):
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"{where}.x-url-date",
                    "descriptor",
                    f"{dated['url']!r} must be a link field (format uri) and {dated['date']!r} a date field"
                    + (f", as {dated['accessed']!r} must be" if "accessed" in dated else ""),
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


def enum_twin_problems(package: dict[str, Any]) -> list[Problem]:
    """Enumerations holding two values that differ only in case or in a character's compatibility form
    (``confirmed`` and ``CONFIRMED``): a cell typed either way would pass as a category of its own."""
    problems = []
    for entry in package["resources"]:
        for field in entry["schema"]["fields"]:
            seen: dict[str, str] = {}
            for code in field.get("constraints", {}).get("enum", []):
                folded = unicodedata.normalize("NFKC", code).casefold()
                if folded in seen:
                    problems.append(
                        Problem(
                            DESCRIPTOR_FILE,
                            None,
                            f"resources[{entry['name']}].schema.fields[{field['name']}].constraints.enum",
                            "descriptor",
                            f"the enumeration holds {seen[folded]!r} and {code!r}, which differ only in case or form: "
                            "keep one",
                        )
                    )
                seen.setdefault(folded, code)
    return problems


def _shown_twice(shown: dict[str, Any]) -> list[tuple[str, str]]:
    """Codes shown under a label another code of the mapping has (compared without case or runs of spaces): a
    chart, a legend or a table would merge the two.

    >>> _shown_twice({"SUN": "Soviet Union", "RUS": "Russia", "RSF": "russia "})
    [('RSF', "is shown as 'russia ', as 'RUS' is: two codes under one name would be merged on the page")]
    """
    first: dict[str, str] = {}
    twins = []
    for code, label in shown.items():
        key = " ".join(str(label).split()).casefold()
        if key in first:
            twins.append(
                (
                    code,
                    f"is shown as {label!r}, as {first[key]!r} is: two codes under one name would be "
                    "merged on the page",
                )
            )
        first.setdefault(key, code)
    return twins


def label_problems(package: dict[str, Any]) -> list[Problem]:
    """Codes whose default label would write a name in lower case (``dprk_to_russia`` as "Dprk to russia"): such a
    code needs an ``x-labels`` entry. Names are the words the descriptor itself writes only as names. No two codes
    of a field, and no two countries, are shown under one name."""
    names = _names(package)
    problems = []
    countries = package.get("x-country-names", {})
    problems += [
        Problem(DESCRIPTOR_FILE, None, f"x-country-names.{code}", "descriptor", said)
        for code, said in _shown_twice(countries if isinstance(countries, dict) else {})
    ]
    for entry in package["resources"]:
        for field in entry["schema"]["fields"]:
            labelled = field.get("x-labels", {})
            if field.get("x-codes") != "country":
                shown = {
                    code: labelled.get(code, default_label(code))
                    for code in field.get("constraints", {}).get("enum", [])
                    if isinstance(code, str)
                }
                where = f"resources[{entry['name']}].schema.fields[{field['name']}].x-labels"
                problems += [
                    Problem(DESCRIPTOR_FILE, None, f"{where}.{code}", "descriptor", said)
                    for code, said in _shown_twice(shown)
                ]
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


def country_name_problems(package: dict[str, Any]) -> list[Problem]:
    """Country fields (``x-codes: country``) and the package's ``x-country-names``: each field an enumeration whose
    every code has a name there, no field naming its codes a second way (``x-labels``), and no name for a code no
    country field holds."""
    names = package.get("x-country-names", {})
    problems = []
    used: set[str] = set()
    for entry in package["resources"]:
        for field in entry["schema"]["fields"]:
            if field.get("x-codes") != "country":
                continue
            where = f"resources[{entry['name']}].schema.fields[{field['name']}]"
            codes = field.get("constraints", {}).get("enum")
            if codes is None:
                problems.append(
                    Problem(DESCRIPTOR_FILE, None, f"{where}.x-codes", "descriptor", "a country field needs an enum")
                )
                continue
            if "x-labels" in field:
                problems.append(
                    Problem(
                        DESCRIPTOR_FILE,
                        None,
                        f"{where}.x-labels",
                        "descriptor",
                        "a country field's codes are named once, in x-country-names: remove its x-labels",
                    )
                )
            used.update(str(code) for code in codes)
            for code in codes:
                if code not in names:
                    problems.append(
                        Problem(
                            DESCRIPTOR_FILE,
                            None,
                            f"{where}.constraints.enum",
                            "descriptor",
                            f"country code {code!r} has no name in x-country-names: add it there",
                        )
                    )
    for code in sorted(set(names) - used):
        problems.append(
            Problem(
                DESCRIPTOR_FILE,
                None,
                f"x-country-names.{code}",
                "descriptor",
                "a name for a code no country field holds (x-codes: country): remove it, or mark the field",
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


PRECISIONS = {"day": "any day", "month": "the month's first day", "year": "1 January"}


def written_at(date: dt.date, precision: str | None) -> str:
    """A stored date as far as it is known: ``YYYY-MM-DD``, or ``YYYY-MM`` or ``YYYY`` where its precision is the month
    or the year (such a date is stored as the first day).

    >>> written_at(dt.date(2014, 5, 1), "month"), written_at(dt.date(2014, 5, 5), None)
    ('2014-05', '2014-05-05')
    """
    return date.isoformat()[: {"year": 4, "month": 7}.get(precision or "", 10)]


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


def is_year_field(field: dict[str, Any]) -> bool:
    """An integer field holding a calendar year (``year``, ``order_year``...)."""
    return field["type"] == "integer" and YEAR_FIELD.fullmatch(field["name"]) is not None


def when_conditions(rule: dict[str, Any]) -> list[dict[str, Any]]:
    """The conditions an ``x-when`` rule's rows meet: its ``if`` and each of the further ones in ``if.and``.

    >>> when_conditions({"if": {"field": "a", "values": ["x"], "and": [{"field": "b", "empty": True}]}})
    [{'field': 'a', 'values': ['x']}, {'field': 'b', 'empty': True}]
    """
    first = {key: value for key, value in rule["if"].items() if key != "and"}
    return [first, *rule["if"].get("and", [])]
