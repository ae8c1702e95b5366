"""Tables that passed their checks, kept on disk so that the next session need not check the same bytes again.

:func:`russia_dprk.load` checks a table, and the tables it refers to, with every rule of ``validate`` before it
returns the table. That result depends only on the bytes of the descriptor, of those tables and of this package's
code, so a table that passed is stored under the sha256 of exactly those bytes, and a later session holding the same
bytes reads the stored table instead of checking it again. An edit to a table, to a table it refers to, to the
descriptor or to the rules changes the key, and the table is checked afresh. Only passes are stored: a table with a
problem is checked, and refused, every time. ``python -m russia_dprk validate`` never reads a stored pass.

The folder is ``$RUSSIA_DPRK_VALIDATED``, else the user cache (``~/.cache/russia_dprk/validated`` on Linux);
``RUSSIA_DPRK_VALIDATED=off`` stores nothing. Each table keeps one file per data folder, overwritten when its bytes
change, so the folder does not grow with edits. A stored file is a pickle: the folder must be writable by you alone,
as any user cache is.

The same folder keeps code this package generates at run time, compiled once (:func:`compiled`): the descriptor
schema's validator, which takes longer to compile than the rest of ``validate``'s checks of the descriptor. It is
stored under the sha256 of its own inputs, as Python keeps a module's bytecode beside its source.

>>> key_of([b"a,b\\n1,2\\n"]) == key_of([b"a,b\\n1,2\\n"]) != key_of([b"a,b\\n1,3\\n"])
True
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any

from .errors import DatasetError
from .paths import DATA_DIR, PACKAGE_DIR, real_path
from .upstream import CACHE_ENV

VALIDATED_ENV = "RUSSIA_DPRK_VALIDATED"
OFF = "off"
# Words that read as a switch, not a folder: "0" or "no" meant to turn the store off would otherwise make a folder
# of that name in the working directory.
SWITCH_WORDS = frozenset({"0", "1", "false", "true", "no", "yes", "none", "on"})


def folder(data_dir: Path = DATA_DIR) -> Path | None:
    """Where passes are stored: ``$RUSSIA_DPRK_VALIDATED``, else the user cache; ``None`` when it is ``off``. A
    folder inside ``data_dir`` is refused."""
    configured = os.environ.get(VALIDATED_ENV)
    if configured is not None and not configured.strip():
        raise DatasetError(f"{VALIDATED_ENV} is set but empty: expected the path of a folder, or {OFF!r}")
    if configured is not None and configured.strip().lower() == OFF:
        return None
    if configured is not None and configured.strip().lower() in SWITCH_WORDS:
        raise DatasetError(
            f"{VALIDATED_ENV}={configured!r}: expected the path of a folder, or {OFF!r} (a switch word is not taken "
            "for a folder's name)"
        )
    if configured:
        where = Path(configured).expanduser()
    else:
        import platformdirs

        where = Path(platformdirs.user_cache_dir("russia_dprk")) / "validated"
    try:
        a_file = where.exists() and not where.is_dir()
    except OSError:  # under a folder that cannot be entered: nothing is read from it or written to it
        return where
    if a_file:
        raise DatasetError(f"{VALIDATED_ENV}: {where} is a file, expected a folder (or {OFF!r})")
    _refuse_inside(str(where), str(data_dir))
    _refuse_cache(str(where), os.environ.get(CACHE_ENV, ""))
    return where


@lru_cache(maxsize=16)
def _refuse_cache(where: str, cache: str) -> None:
    """Refuse a pass store that is the upstream cache folder itself: its pickles would lie among the upstream files
    (a mirror shared with others, or read-only). The default store is a folder beside them."""
    if cache.strip() and real_path(where) == real_path(cache):
        raise DatasetError(
            f"{VALIDATED_ENV}: {where} is the upstream cache folder ({CACHE_ENV}): keep stored passes in a "
            f"folder of their own (or set {OFF!r})"
        )


@lru_cache(maxsize=16)
def _refuse_inside(where: str, data_dir: str) -> None:
    """Refuse a pass store inside the data folder: its pickles would sit among the tables, in a folder readers
    download and commit. (The user cache holds the upstream files and, by default, this store beside them.)"""
    store, data = real_path(where), real_path(data_dir)
    if store == data or data in store.parents:
        raise DatasetError(
            f"{VALIDATED_ENV}: {where} is inside the data folder {data}: keep stored passes outside it (or set {OFF!r})"
        )


@lru_cache(maxsize=1)
def code_version() -> bytes:
    """The digest of this package's code and of the versions that shape a stored table (Python, pandas, NumPy)."""
    import numpy
    import pandas

    digest = hashlib.sha256(f"{sys.version}|{pandas.__version__}|{numpy.__version__}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def key_of(contents: Iterable[bytes]) -> str:
    """The key of a result computed from ``contents`` (each file's bytes, in a fixed order) by this code."""
    digest = hashlib.sha256(code_version())
    for content in contents:
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()


def _file(data_dir: Path, name: str) -> Path | None:
    where = folder(data_dir)
    if where is None:
        return None
    place = hashlib.sha256(str(real_path(data_dir)).encode()).hexdigest()[:16]
    return where / f"{place}-{name}.pickle"


def recall(data_dir: Path, name: str, key: str) -> Any | None:
    """What was stored for ``name`` of ``data_dir`` under ``key``, or ``None`` (nothing stored, another key, or a
    file that cannot be read back)."""
    file = _file(data_dir, name)
    if file is None:
        return None
    try:
        with open(file, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # missing, truncated, or written by other code: check the table instead
        return None
    return value if stored_key == key else None


def remember(data_dir: Path, name: str, key: str, value: Any) -> None:
    """Store ``value`` for ``name`` of ``data_dir`` under ``key`` (atomically; a folder that cannot be written is
    skipped: the table is then checked in each session)."""
    _write(_file(data_dir, name), pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))


def compiled(name: str, inputs: bytes, source: Callable[[], str]) -> CodeType:
    """The compiled form of the Python code ``source()`` generates from ``inputs`` (every byte it depends on),
    compiled once and kept as ``<folder>/<name>.code`` under the sha256 of ``inputs`` and of this Python.

    >>> code = compiled("doctest-sum", b"2+3", lambda: "total = 2 + 3")
    >>> namespace = {}
    >>> exec(code, namespace)
    >>> namespace["total"]
    5
    """
    key = hashlib.sha256(sys.version.encode() + b"\0" + inputs).hexdigest()
    where = folder()
    file = where / f"{name}.code" if where is not None else None
    if file is not None:
        try:
            stored_key, code = marshal.loads(file.read_bytes())
            if stored_key == key and isinstance(code, CodeType):
                return code
        except Exception:  # missing, truncated or from another Python: compile instead
            pass
    code = compile(source(), f"<{name}>", "exec")
    _write(file, marshal.dumps((key, code)))
    return code


_DIGESTS: dict[str, tuple[tuple[int, ...], str]] = {}
DIGESTS_FILE = "file-sha256.pickle"


def file_sha256(path: Path) -> str:
    """The sha256 of the file at ``path``, read once per state of the file.

    A digest is kept, in this process and in the folder, beside the file's signature (device, inode, size, and
    modification and change times in nanoseconds, as git's index keeps them); while the signature is unchanged the
    file is not read again. Any write to the file, or its replacement, changes the signature, and the digest is
    computed afresh. One digest is kept per path, so the store does not grow.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(delete=False) as handle:
    ...     _ = handle.write(b"abc")
    >>> file_sha256(Path(handle.name))[:12]
    'ba7816bf8f01'
    >>> os.unlink(handle.name)
    """
    from .upstream import sha256_of

    info = path.stat()
    place = str(real_path(path))
    signature = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    known = _DIGESTS.get(place)
    if known is None:
        known = _stored_digests().get(place)
    if known is not None and known[0] == signature:
        _DIGESTS[place] = known
        return known[1]
    digest = sha256_of(path)
    _DIGESTS[place] = (signature, digest)
    stored = _stored_digests()
    stored[place] = (signature, digest)
    where = folder()
    _write(where / DIGESTS_FILE if where is not None else None, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
    return digest


def _stored_digests() -> dict[str, tuple[tuple[int, ...], str]]:
    """The digests kept in the folder (none when it is ``off``, or the file cannot be read back)."""
    where = folder()
    if where is None:
        return {}
    try:
        stored = pickle.loads((where / DIGESTS_FILE).read_bytes())
    except Exception:  # missing, truncated, or written by other code: compute the digests instead
        return {}
    return stored if isinstance(stored, dict) else {}


def _write(file: Path | None, content: bytes) -> None:
    """Write ``content`` to ``file`` atomically; a folder that cannot be written is skipped."""
    if file is None:
        return
    part = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=file.parent, suffix=".part", delete=False) as handle:
            part = Path(handle.name)
            handle.write(content)
        os.replace(part, file)
    except OSError:
        if part is not None:
            with suppress(OSError):
                part.unlink()
