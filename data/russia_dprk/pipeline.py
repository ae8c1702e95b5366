"""Re-derive the derived tables from their upstream files: atomically, checked, and honest about interrupts.

``build`` computes every requested table in memory, checks each against its schema, and only then writes each
new file (the tables and the descriptor) to a temporary file beside it, and once all are written moves each into
place (``os.replace``). A file that cannot be written (a read-only folder, a full disk) is named and leaves every
file as it was. An interrupt (Ctrl-C, SIGTERM) is held until the build ends and then ends it with a non-zero exit:
before the writes begin, nothing is written; once they have begun, all are completed, each a clean derivation. A
kill leaves every table either its previous version or a clean derivation, never a partial file. The descriptor
records each written table's size and sha256 (``bytes`` and ``hash``), by which ``validate`` refuses a derived
table edited by hand; a kill while the files are moved into place leaves a table that ``validate`` reports as not
its last build, until the next build.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .catalog import descriptor, resource
from .derive import Step, run, steps
from .errors import TableError
from .paths import DATA_DIR
from .upstream import fetch
from .validation import (
    DESCRIPTOR_FILE,
    Problem,
    build_record,
    cell_problems,
    file_bytes,
    key_problems,
    order_problems,
    read_table,
)

BUILD_KEYS = ("bytes", "hash")  # what the descriptor records of each derived table's last build


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The canonical CSV encoding of a derived table."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _step(name: str) -> Step:
    known = steps()
    if name not in known:
        raise TableError(f"{name!r} is not a derived table; derived tables: {', '.join(known)}")
    return known[name]


def derive(name: str) -> bytes:
    """Compute one derived table, check it against its schema, and return its canonical CSV bytes."""
    item = _step(name)
    frame = run(item, [fetch(file) for file in item.upstream])
    entry = resource(name)
    expected = [f["name"] for f in entry["schema"]["fields"]]
    if list(frame.columns) != expected:
        raise TableError(f"{entry['path']}: derived columns {list(frame.columns)} differ from the schema {expected}")
    data = to_csv_bytes(frame)
    problems = _schema_problems(entry, data)
    if problems:
        raise TableError(f"derivation of {name} breaks its schema: {problems[0]}")
    return data


def _schema_problems(entry: dict, data: bytes) -> list[Problem]:
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / entry["path"]
        target.parent.mkdir(parents=True)
        target.write_bytes(data)
        table, problems = read_table(Path(scratch), entry)
        if table is None:
            return problems
        cells, typed = cell_problems(table, entry)
        return problems + cells + key_problems(table, entry) + order_problems(typed, entry)


@contextlib.contextmanager
def _deferred_interrupts() -> Iterator[list[int]]:
    """Record SIGINT/SIGTERM instead of acting on them mid-step (C readers may swallow them), then raise.

    System calls are restarted rather than interrupted, so no reader sees a short read.
    """
    received: list[int] = []
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, lambda number, frame: received.append(number))
        signal.siginterrupt(sig, False)
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        raise KeyboardInterrupt


def build(out_dir: Path = DATA_DIR, names: list[str] | None = None) -> dict[str, Path]:
    """Write every (or the named) derived table under ``out_dir`` atomically; return their paths.

    Nothing is written unless every requested table derived and checked cleanly, and no interrupt arrived.
    """
    wanted = names or list(steps())
    twice = sorted({name for name in wanted if wanted.count(name) > 1})
    if twice:
        raise TableError(f"names lists {', '.join(map(repr, twice))} more than once: name each table once")
    for name in wanted:
        _step(name)
    umask = os.umask(0)
    os.umask(umask)
    with _deferred_interrupts() as received:
        results = {}
        for name in wanted:
            results[name] = derive(name)
            if received:
                return {}  # the context manager raises KeyboardInterrupt on exit; nothing was written
        targets = {Path(out_dir) / resource(name)["path"]: data for name, data in results.items()}
        package_file = Path(out_dir) / DESCRIPTOR_FILE
        descriptor = _recorded_builds(package_file, results)
        if descriptor is not None:
            targets[package_file] = descriptor
        _replace_all(targets, umask)
    return {name: Path(out_dir) / resource(name)["path"] for name in results}


def _replace_all(targets: dict[Path, bytes], umask: int) -> None:
    """Write each file's new bytes beside it first, then swap every one in: a file that cannot be written (a
    read-only folder, a full disk) is named and leaves every target as it was, and no reader sees a partial file."""
    staged: dict[Path, Path] = {}
    try:
        for path, data in targets.items():
            staged[path] = _staged(path, data, umask)
        for path, temporary in staged.items():
            os.replace(temporary, path)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    finally:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


def _staged(path: Path, data: bytes, umask: int) -> Path:
    """``data`` in a new temporary file in ``path``'s folder, with the permissions a new file there gets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as handle:
        temporary = Path(handle.name)
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            handle.close()
            temporary.unlink(missing_ok=True)
            raise
    os.chmod(temporary, 0o666 & ~umask)
    return temporary


def _recorded_builds(package_file: Path, results: dict[str, bytes]) -> bytes | None:
    """The descriptor beside the tables (when there is one) with each built table's size and hash recorded, keeping
    its key order and layout, so ``validate`` can tell a rebuilt table from one edited by hand; ``None`` when
    there is no descriptor or nothing in it changes."""
    if not package_file.exists():
        return None
    text = package_file.read_text(encoding="utf-8")
    package = json.loads(text)
    for entry in package["resources"]:
        if entry["name"] in results:
            record = build_record(results[entry["name"]])
            rest = {key: value for key, value in entry.items() if key not in BUILD_KEYS}
            keys = list(rest)
            at = keys.index("encoding") + 1 if "encoding" in keys else len(keys)
            entry.clear()
            entry.update({key: rest[key] for key in keys[:at]} | record | {key: rest[key] for key in keys[at:]})
    updated = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    return None if updated == text else updated.encode("utf-8")


def differences(data_dir: Path = DATA_DIR) -> list[str]:
    """Derived tables whose committed bytes differ from a fresh derivation (or cannot be read: a missing file, or one
    that is not a regular file, is never waited on)."""
    out = []
    for name in steps():
        raw, _ = file_bytes(Path(data_dir), resource(name))
        if raw is None or raw != derive(name):
            out.append(resource(name)["path"])
    return out


def declaration_problems() -> list[Problem]:
    """Where the descriptor disagrees with what each derivation step declares (its inputs and its source).

    Whether ``upstream.csv`` registers those inputs under that source is a rule of ``validate``.
    """
    problems = []
    declared = steps()
    derived = {e["name"] for e in descriptor()["resources"] if e["x-kind"] == "derived"}
    for name in sorted(derived ^ set(declared)):
        problems.append(
            Problem(
                DESCRIPTOR_FILE,
                None,
                name,
                "declaration",
                "a derived table without a step" if name in derived else "a step without a derived table",
            )
        )
    for name, item in declared.items():
        if name not in derived:
            continue
        entry = resource(name)
        if entry["x-upstream"] != list(item.upstream):
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"resources[{name}].x-upstream",
                    "declaration",
                    f"expected {list(item.upstream)} (the step's inputs), found {entry['x-upstream']}",
                )
            )
        if entry["x-source-ids"] != [item.source_id]:
            problems.append(
                Problem(
                    DESCRIPTOR_FILE,
                    None,
                    f"resources[{name}].x-source-ids",
                    "declaration",
                    f"expected [{item.source_id!r}] (the step's source), found {entry['x-source-ids']}",
                )
            )
    return problems
