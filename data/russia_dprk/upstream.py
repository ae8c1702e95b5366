"""The registry of upstream files (URL + sha256) and the hash-checked cache that holds them (a ``pooch`` store).

The cache folder is ``$RUSSIA_DPRK_CACHE`` or the user cache. ``RUSSIA_DPRK_OFFLINE=1`` (or ``true``/``yes``)
turns downloads off; ``0`` (or ``false``/``no``/empty) leaves them on; any other value is an error.
A cached file whose hash differs from the registry is refused and never overwritten (the cache may be a
read-only mirror).
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import UpstreamError
from .paths import UPSTREAM_REGISTRY, real_path

CACHE_ENV = "RUSSIA_DPRK_CACHE"
OFFLINE_ENV = "RUSSIA_DPRK_OFFLINE"
OFFLINE_VALUES = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False, "": False}


@dataclass(frozen=True)
class UpstreamFile:
    """One registered upstream file."""

    file: str
    sha256: str
    bytes: int
    download_url: str
    mirror_of: str
    source_id: str
    line: int  # its line in the registry file, for messages


@cache
def registry() -> dict[str, UpstreamFile]:
    """Every registered upstream file, keyed by its path inside the cache (the registry is validated first)."""
    from .catalog import load

    load("upstream")  # refuses a registry that breaks its schema, with file, line and field
    with open(UPSTREAM_REGISTRY, newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return {
            row["file"]: UpstreamFile(
                row["file"],
                row["sha256"],
                int(row["bytes"]),
                row["download_url"],
                row["mirror_of"],
                row["source_id"],
                rows.line_num,
            )
            for row in rows
        }


def offline() -> bool:
    """Whether downloads are turned off (``$RUSSIA_DPRK_OFFLINE``)."""
    value = os.environ.get(OFFLINE_ENV, "").strip().lower()
    if OFFLINE_ENV in os.environ and not value:
        raise UpstreamError(f"{OFFLINE_ENV} is set but empty: expected 1/true/yes (offline) or 0/false/no")
    if value not in OFFLINE_VALUES:
        raise UpstreamError(
            f"{OFFLINE_ENV}={os.environ[OFFLINE_ENV]!r}: expected 1/true/yes (offline) "
            "or 0/false/no (downloads allowed)"
        )
    return OFFLINE_VALUES[value]


def cache_dir() -> Path:
    """The folder holding upstream files: ``$RUSSIA_DPRK_CACHE`` or the user cache. It must be a folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None and not configured.strip():
        raise UpstreamError(f"{CACHE_ENV} is set but empty: expected the path of a folder")
    if configured:
        folder = real_path(configured)
    else:
        import pooch

        folder = Path(pooch.os_cache("russia_dprk"))
    try:
        a_file = folder.exists() and not folder.is_dir()
        if folder.is_symlink() and not folder.exists():
            raise UpstreamError(f"{CACHE_ENV}: {folder} is a link that leads nowhere (a loop, or a missing folder)")
    except OSError as exc:
        raise UpstreamError(f"{CACHE_ENV}: {folder} cannot be looked into ({exc.strerror})") from None
    if a_file:
        raise UpstreamError(f"{CACHE_ENV}: {folder} is a file, expected a folder for the upstream files")
    return folder


def sha256_of(path: Path) -> str:
    """The hex sha256 digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(file: str) -> Path:
    """The local path of a registered upstream file, downloaded into the cache if absent.

    >>> fetch("nrdc-tests/underground.csv").name
    'underground.csv'
    """
    entries = registry()
    if file not in entries:
        raise UpstreamError(f"{file}: not in the upstream registry {UPSTREAM_REGISTRY.name}")
    entry = entries[file]
    folder = cache_dir()
    downloads_off = offline()  # read before the cache, so a malformed setting is refused even when unneeded
    path = folder / file
    if path.exists():
        if not path.is_file():
            raise UpstreamError(f"{file}: {path} in the cache is not a file")
        actual = sha256_of(path)
        if actual != entry.sha256:
            raise UpstreamError(
                f"{UPSTREAM_REGISTRY.name}: line {entry.line}, field 'sha256': {file}: corrupt raw file in cache "
                f"{folder}: sha256 {actual} does not match the registered {entry.sha256} (the file is damaged, or "
                "the registered hash is mistyped); delete the file to download it again"
            )
        return _sized(path, entry)
    if path.is_symlink():
        raise UpstreamError(
            f"{file}: {path} in the cache is a symbolic link that leads to no file (a loop of links, or its target "
            "is gone); replace it with the file or delete it"
        )
    if downloads_off:
        raise UpstreamError(
            f"{file}: missing from cache {folder} and downloads are disabled ({OFFLINE_ENV} is set); "
            f"set {CACHE_ENV} to a folder holding the raw files"
        )
    import pooch

    store = pooch.create(
        path=folder,
        base_url="",
        registry={f: f"sha256:{e.sha256}" for f, e in entries.items()},
        urls={f: e.download_url for f, e in entries.items()},
        env=CACHE_ENV,
        retry_if_failed=1,
    )
    try:
        downloaded = Path(store.fetch(file, progressbar=False))
    except PermissionError as exc:
        reason = exc.strerror or str(exc) or "permission denied"
        raise UpstreamError(
            f"{file}: cannot write to cache {folder}: {reason}; set {CACHE_ENV} to a writable folder"
        ) from None
    except Exception as exc:  # network errors and hash mismatches alike
        raise UpstreamError(
            f"{file}: missing from cache {folder} and download from {entry.download_url} failed: {exc}"
        ) from None
    return _sized(downloaded, entry)


def _sized(path: Path, entry: UpstreamFile) -> Path:
    """``path``, once its size is the registry's (its hash already is): a wrong ``bytes`` in the registry is refused."""
    size = path.stat().st_size
    if size != entry.bytes:
        raise UpstreamError(
            f"{UPSTREAM_REGISTRY.name}: line {entry.line}, field 'bytes': {entry.file}: the registry gives "
            f"{entry.bytes} bytes, but the file with the sha256 it registers has {size}; correct its bytes"
        )
    return path
