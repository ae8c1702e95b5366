"""The registry of upstream files (URL + sha256) and a hash-checked cache of them."""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pooch

from .errors import UpstreamError
from .paths import CACHE_ENV, UPSTREAM_REGISTRY, cache_dir

OFFLINE_ENV = "RUSSIA_DPRK_OFFLINE"


@dataclass(frozen=True)
class UpstreamFile:
    """One registered upstream file."""

    file: str
    sha256: str
    bytes: int
    download_url: str
    mirror_of: str
    source_id: str


@lru_cache(maxsize=None)
def registry() -> dict[str, UpstreamFile]:
    """Every registered upstream file, keyed by its path inside the cache."""
    with open(UPSTREAM_REGISTRY, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["file"]: UpstreamFile(
            file=row["file"],
            sha256=row["sha256"],
            bytes=int(row["bytes"]),
            download_url=row["download_url"],
            mirror_of=row["mirror_of"],
            source_id=row["source_id"],
        )
        for row in rows
    }


def sha256_of(path: Path) -> str:
    """The hex sha256 digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(file: str) -> Path:
    """Return the local path of a registered upstream file, downloading it if absent.

    A file already in the cache must match its registered sha256; a mismatch is an
    error (the cache may be a read-only mirror, so nothing is overwritten).
    """
    entries = registry()
    if file not in entries:
        raise UpstreamError(f"{file}: not in the upstream registry {UPSTREAM_REGISTRY.name}")
    entry = entries[file]
    folder = cache_dir()
    path = folder / file
    if path.exists():
        actual = sha256_of(path)
        if actual != entry.sha256:
            raise UpstreamError(
                f"{file}: corrupt raw file in cache {folder}: sha256 {actual} "
                f"does not match the registered {entry.sha256}; delete it to download it again"
            )
        return path
    if os.environ.get(OFFLINE_ENV):
        raise UpstreamError(
            f"{file}: missing from cache {folder} and downloads are disabled "
            f"({OFFLINE_ENV} is set); set {CACHE_ENV} to a folder holding the raw files"
        )
    try:
        fetched = pooch.retrieve(
            url=entry.download_url,
            known_hash=f"sha256:{entry.sha256}",
            fname=Path(file).name,
            path=path.parent,
            progressbar=False,
        )
    except Exception as exc:  # network errors and hash mismatches alike
        raise UpstreamError(
            f"{file}: missing from cache {folder} and download from {entry.download_url} failed: {exc}"
        ) from exc
    return Path(fetched)
