"""The upstream registry and the hash-checked cache."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from russia_dprk import upstream
from russia_dprk.errors import UpstreamError


def test_registry_matches_the_mirror_registry(mirror: Path) -> None:
    with open(mirror / "registry.csv", newline="", encoding="utf-8") as handle:
        shared = {row["file"]: row for row in csv.DictReader(handle)}
    for file, entry in upstream.registry().items():
        assert file in shared, file
        assert entry.sha256 == shared[file]["sha256"]
        assert entry.download_url == shared[file]["download_url"]
        assert entry.bytes == int(shared[file]["bytes"])


@pytest.mark.parametrize("file", sorted(upstream.registry()))
def test_every_registered_file_is_in_the_mirror_with_its_hash(file: str, mirror: Path) -> None:
    path = upstream.fetch(file)
    assert path == mirror / file
    assert upstream.sha256_of(path) == upstream.registry()[file].sha256


@pytest.fixture()
def scratch_cache(tmp_path: Path, monkeypatch, mirror: Path) -> Path:
    cache = tmp_path / "cache"
    (cache / "nrdc-tests").mkdir(parents=True)
    shutil.copy(mirror / "nrdc-tests/underground.csv", cache / "nrdc-tests/underground.csv")
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(cache))
    return cache


def test_corrupt_raw_file_is_rejected_with_its_name_and_hashes(scratch_cache: Path) -> None:
    path = scratch_cache / "nrdc-tests/underground.csv"
    path.write_bytes(path.read_bytes().replace(b"2017,0,0", b"2017,9,9"))
    with pytest.raises(UpstreamError, match=r"nrdc-tests/underground.csv: corrupt raw file .* sha256 [0-9a-f]{64} does not match"):
        upstream.fetch("nrdc-tests/underground.csv")


def test_missing_raw_file_offline_is_a_clear_error(scratch_cache: Path) -> None:
    with pytest.raises(UpstreamError, match=r"cow/cow_trade_ndy.rda: missing from cache .* downloads are disabled"):
        upstream.fetch("cow/cow_trade_ndy.rda")


def test_unregistered_file_is_refused() -> None:
    with pytest.raises(UpstreamError, match="not in the upstream registry"):
        upstream.fetch("elsewhere/data.csv")


def test_derivation_reports_the_corrupt_file(scratch_cache: Path) -> None:
    from russia_dprk.pipeline import derive

    path = scratch_cache / "nrdc-tests/underground.csv"
    path.write_bytes(b"garbage")
    with pytest.raises(UpstreamError, match="nrdc-tests/underground.csv"):
        derive("nuclear_tests")


def test_download_failure_is_reported_with_the_url(scratch_cache: Path, monkeypatch) -> None:
    monkeypatch.delenv("RUSSIA_DPRK_OFFLINE")

    def refuse(**kwargs):
        raise ConnectionError("network unreachable")

    monkeypatch.setattr(upstream.pooch, "retrieve", refuse)
    with pytest.raises(UpstreamError, match=r"download from https://\S+ failed: network unreachable"):
        upstream.fetch("cow/cow_trade_ndy.rda")
