"""Reading one table's file: encoding, quoting, header and row lengths; and whether a derived table is still its
last build.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Any

from ..paths import read_bytes
from .common import BARE_CR, DESCRIPTOR_FILE, SEPARATORS, Problem, Table


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
        raw = read_bytes(Path(data_dir) / path)
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
                "build-record",
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
            f"the file and datapackage.json's record of its last build disagree (the record says {entry['bytes']} "
            f"bytes, {entry['hash'][:19]}...; the file has {found['bytes']} bytes, {found['hash'][:19]}...): one of "
            "them was edited by hand; `python -m russia_dprk check` tells which, and `build` derives the table "
            "from its upstream files and records it anew",
        )
    ]


UNQUOTED_CELL = re.compile(r"[^,\r\n]*")  # a cell not written in quotes runs to the next comma or line end


def _unquoted_quote(text: str, rows: list[tuple[int, list[str]]]) -> tuple[int, str, str] | None:
    r"""The first cell holding a double quote that was not written quoted (``b"c`` rather than ``"b""c"``), as
    line, field and why: a CSV reader takes the quote as text, but no CSV writer leaves one there, so it is a
    stray character (a quote typed or pasted into the file by hand). The file is read cell by cell as written, so
    the same text quoted properly in another cell of the line hides nothing. (Text after a closing quote is the
    strict reader's to refuse.)

    >>> _unquoted_quote('a,b\n"x""y",z"\n', [(1, ["a", "b"]), (2, ['x"y', 'z"'])])[:2]
    (2, 'b')
    """
    if '"' not in text:
        return None
    header = rows[0][1] if rows else []
    cells_at = dict(rows)
    pos, line, index, record = 0, 1, 0, 1
    while pos < len(text):
        if text[pos] == '"':
            close = pos
            while True:  # to the closing quote: the first not doubled
                close = text.find('"', close + 1)
                if close < 0:
                    return None  # a quote left open: the reader's own error
                if not text.startswith('""', close):
                    break
                close += 1
            line += text.count("\n", pos, close)
            pos = close + 1
        else:
            cell = UNQUOTED_CELL.match(text, pos)
            if '"' in cell.group():
                cells = cells_at.get(record, [])
                written = cells[index] if index < len(cells) else cell.group()
                field = header[index] if index < len(header) and record > 1 else "-"
                return (
                    record,
                    field,
                    f"the cell {written[:60]!r} holds a double quote but is not quoted: a quote belongs in a quoted "
                    'cell, doubled ("a ""b"" c"), or is a stray character',
                )
            pos = cell.end()
        if text.startswith(",", pos):
            index, pos = index + 1, pos + 1
        elif pos < len(text):  # a line end
            pos += 2 if text.startswith("\r\n", pos) else 1
            line, index = line + 1, 0
            record = line
    return None


def _line_ending_problem(text: str) -> tuple[int, str] | None:
    r"""The first line whose end is not the file's one kind (LF or CRLF throughout), and why; ``None`` if all agree.

    >>> _line_ending_problem("a\r\nb\nc\n")
    (2, 'the line ends LF where line 1 ends CRLF: save the file with one kind of line end throughout')
    """
    bare = BARE_CR.search(text)
    if bare:
        return text.count("\n", 0, bare.start()) + 1, (
            "a carriage return (CR) without a line feed after it: a line ended old Mac style, or a CR typed inside a "
            "cell; save the file with LF or CRLF ends and no CR in a cell"
        )
    crlf = text.count("\r\n")
    if crlf and crlf != text.count("\n"):  # some lines end CRLF, others LF: pasted from two editors
        ends = [part.endswith("\r") for part in text.split("\n")[:-1]]
        return ends.index(not ends[0]) + 1, (
            f"the line ends {'LF' if ends[0] else 'CRLF'} where line 1 ends {'CRLF' if ends[0] else 'LF'}: save the "
            "file with one kind of line end throughout"
        )
    return None


def file_bytes(data_dir: Path, entry: dict[str, Any]) -> tuple[bytes | None, list[Problem]]:
    """One table's bytes, or the problem that keeps them from being read: the file is missing, or is not a regular
    file (a folder, a pipe, a link that leads nowhere), or cannot be read."""
    path = entry["path"]
    try:
        return read_bytes(Path(data_dir) / path), []
    except FileNotFoundError:
        return None, [Problem(path, None, "-", "missing-file", "the table's file does not exist")]
    except OSError as exc:
        return None, [Problem(path, None, "-", "unreadable", exc.strerror or str(exc))]


def read_table(data_dir: Path, entry: dict[str, Any]) -> tuple[Table | None, list[Problem]]:
    """Decode and parse one table's CSV; problems with the file itself (encoding, quoting, header, row lengths)."""
    path = entry["path"]
    raw, unread = file_bytes(data_dir, entry)
    if raw is None:
        return None, unread
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "-", "encoding", f"byte {raw[exc.start]:#04x} is not valid UTF-8")]
    if not text.strip("\r\n"):  # empty, or line ends only
        return None, [Problem(path, 1, "-", "empty-file", "the file has no header")]
    if text.startswith("\ufeff"):
        return None, [
            Problem(path, 1, "-", "encoding", "the file starts with a byte-order mark; save it as UTF-8 without one")
        ]
    head = raw[:200]
    if head.count(0) * 4 >= len(head):  # UTF-16 without its mark reads as valid UTF-8, a NUL beside each letter
        return None, [
            Problem(
                path,
                1,
                "-",
                "encoding",
                "the file holds a NUL byte beside nearly every character, as UTF-16 text does: save it as UTF-8",
            )
        ]
    ending = _line_ending_problem(text)
    if ending:
        return None, [Problem(path, ending[0], "-", "line-ending", ending[1])]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    next_line = 1
    try:
        for cells in reader:
            rows.append((next_line, cells))
            next_line = reader.line_num + 1
    except csv.Error as exc:
        why = (
            f"a cell of over {csv.field_size_limit():,} characters: a quote left open runs on through the lines "
            "after it, or a whole page was pasted into one cell"
            if "field larger than field limit" in str(exc)
            else f"{exc} (an unclosed quote or a stray character)"
        )
        return None, [Problem(path, next_line, "-", "csv-syntax", why)]
    if not text.endswith("\n"):
        tail = text[text.rfind("\n") + 1 :]
        invisible = all(c.isspace() or not c.isprintable() for c in tail)
        return None, [
            Problem(
                path,
                text.count("\n") + 1,
                "-",
                "trailing-characters" if invisible else "truncated",
                f"the file ends with {tail!r} after its last line, characters that show nothing (a NUL byte is a "
                "damaged or binary file): delete them"
                if invisible
                else "the last line does not end with a newline (the file may be cut off)",
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
    stray = _unquoted_quote(text, rows)
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
            invisible = len(cells) == 1 and all(c.isspace() or not c.isprintable() for c in cells[0])
            only = (
                f" (the line holds only {cells[0]!r}, which shows nothing: a blank line in effect)" if invisible else ""
            )
            problems.append(
                Problem(
                    path, line, "-", "row-length", f"the row has {len(cells)} cells, the header {len(header)}{only}"
                )
            )
            continue
        records.append((line, dict(zip(header, cells, strict=True))))
    if not rows[1:]:
        return None, [Problem(path, 2, "-", "no-records", "the file has a header but no records (it may be cut off)")]
    if not records:  # every line refused: no row can be read, so no other table is checked against the table
        return None, problems
    return Table(path, header, records), problems
