"""The upstream registry and the hash-checked cache (a ``pooch.create`` store)."""

from __future__ import annotations

import csv
import dataclasses
import errno
import os
import shutil
import tempfile
from pathlib import Path

import pooch
import pytest
import requests
from russia_dprk import upstream
from russia_dprk.errors import UpstreamError

SMALL = "nrdc-tests/underground.csv"  # present in the scratch cache
ABSENT = "cow/cow_trade_ndy.rda"  # absent from the scratch cache


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
    """A writable cache holding one small file, downloads off (as in conftest)."""
    cache = tmp_path / "cache"
    (cache / "nrdc-tests").mkdir(parents=True)
    shutil.copy(mirror / SMALL, cache / SMALL)
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(cache))
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "1")
    return cache


@pytest.fixture()
def downloads(monkeypatch, mirror: Path) -> list[str]:
    """Replace pooch's HTTP download by a copy from the mirror; returns the URLs pooch asked for.

    Everything else (``pooch.create``, ``Pooch.fetch``, the temporary file, the hash check, the move into the
    cache) is pooch's own code.
    """
    by_url = {entry.download_url: mirror / file for file, entry in upstream.registry().items()}
    asked: list[str] = []

    def copy(self, url: str, output_file: str, pup) -> None:
        asked.append(url)
        shutil.copyfile(by_url[url], output_file)

    monkeypatch.setattr(pooch.HTTPDownloader, "__call__", copy)
    monkeypatch.setattr(pooch.core.time, "sleep", lambda seconds: None)  # no wait before pooch's retry
    return asked


def test_corrupt_raw_file_is_rejected_with_its_name_and_hashes(scratch_cache: Path) -> None:
    path = scratch_cache / SMALL
    path.write_bytes(path.read_bytes().replace(b"2017,0,0", b"2017,9,9"))
    with pytest.raises(
        UpstreamError,
        match=rf"^upstream\.csv: line {registry_line(SMALL)}, field 'sha256': nrdc-tests/underground\.csv: corrupt "
        r"raw file .* sha256 [0-9a-f]{64} does not match the registered [0-9a-f]{64} \(the file is damaged, or the "
        r"registered hash is mistyped\)",
    ):
        upstream.fetch(SMALL)


def registry_line(file: str) -> int:
    """The physical line of ``file``'s row in ``data/upstream.csv``."""
    with open(upstream.UPSTREAM_REGISTRY, encoding="utf-8") as handle:
        return next(number for number, text in enumerate(handle, 1) if text.startswith(f"{file},"))


def test_corrupt_raw_file_is_never_overwritten_even_with_downloads_on(
    scratch_cache: Path, monkeypatch, downloads: list[str]
) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    path = scratch_cache / SMALL
    path.write_bytes(b"garbage")
    with pytest.raises(UpstreamError, match="corrupt raw file"):
        upstream.fetch(SMALL)
    assert path.read_bytes() == b"garbage" and downloads == []


def test_a_registered_size_that_is_not_the_file_s_is_refused(scratch_cache: Path, monkeypatch) -> None:
    entries = upstream.registry()
    wrong = {**entries, SMALL: dataclasses.replace(entries[SMALL], bytes=entries[SMALL].bytes + 1)}
    monkeypatch.setattr(upstream, "registry", lambda: wrong)
    with pytest.raises(
        UpstreamError,
        match=rf"^upstream\.csv: line {registry_line(SMALL)}, field 'bytes': {SMALL}: the registry gives "
        rf"{entries[SMALL].bytes + 1} bytes",
    ):
        upstream.fetch(SMALL)


def test_missing_raw_file_offline_is_a_clear_error(scratch_cache: Path) -> None:
    with pytest.raises(UpstreamError, match=r"cow/cow_trade_ndy.rda: missing from cache .* downloads are disabled"):
        upstream.fetch(ABSENT)


@pytest.mark.parametrize("offline", ["1", "0"])
@pytest.mark.parametrize("link", ["loop", "dangling"])
def test_a_cached_file_that_is_a_broken_link_is_named_as_such(
    scratch_cache: Path, monkeypatch, downloads: list[str], link: str, offline: str
) -> None:
    """A link in the cache that leads to no file is not "missing" (downloads would not mend it) and is left alone."""
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", offline)
    path = scratch_cache / ABSENT
    path.parent.mkdir(parents=True)
    if link == "loop":
        (path.parent / "other").symlink_to(path.name)
        path.symlink_to("other")
    else:
        path.symlink_to("gone.rda")
    with pytest.raises(UpstreamError) as raised:
        upstream.fetch(ABSENT)
    assert str(raised.value) == (
        f"{ABSENT}: {path} in the cache is a symbolic link that leads to no file (a loop of links, or its target is "
        "gone); replace it with the file or delete it"
    )
    assert path.is_symlink() and downloads == []


def test_unregistered_file_is_refused() -> None:
    with pytest.raises(UpstreamError, match="not in the upstream registry"):
        upstream.fetch("elsewhere/data.csv")


def test_derivation_reports_the_corrupt_file(scratch_cache: Path) -> None:
    from russia_dprk.pipeline import derive

    (scratch_cache / SMALL).write_bytes(b"garbage")
    with pytest.raises(UpstreamError, match=r"nrdc-tests/underground\.csv"):
        derive("nuclear_tests")


# --- downloads through pooch ------------------------------------------------------------------------------------


def test_missing_file_is_downloaded_into_the_cache_and_hash_checked(
    scratch_cache: Path, monkeypatch, downloads: list[str]
) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    path = upstream.fetch(ABSENT)
    assert path == scratch_cache / ABSENT
    assert upstream.sha256_of(path) == upstream.registry()[ABSENT].sha256
    assert downloads == [upstream.registry()[ABSENT].download_url]
    assert upstream.fetch(ABSENT) == path and len(downloads) == 1  # cached: not downloaded again


def test_download_failure_is_reported_with_the_url(scratch_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    attempts: list[str] = []

    def refuse(self, url: str, output_file: str, pup) -> None:
        attempts.append(url)
        raise requests.exceptions.ConnectionError("network unreachable")

    monkeypatch.setattr(pooch.HTTPDownloader, "__call__", refuse)
    monkeypatch.setattr(pooch.core.time, "sleep", lambda seconds: None)
    with pytest.raises(
        UpstreamError,
        match=r"cow/cow_trade_ndy.rda: missing from cache .* download from "
        r"https://\S+ failed: network unreachable",
    ):
        upstream.fetch(ABSENT)
    assert attempts == [upstream.registry()[ABSENT].download_url] * 2  # pooch retried once
    assert not (scratch_cache / ABSENT).exists()
    assert not [p for p in scratch_cache.rglob("*") if p.is_file() and p.name != "underground.csv"]


def test_downloaded_file_with_the_wrong_hash_is_refused_and_not_kept(scratch_cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    monkeypatch.setattr(
        pooch.HTTPDownloader,
        "__call__",
        lambda self, url, output_file, pup: Path(output_file).write_bytes(b"a changed file"),
    )
    monkeypatch.setattr(pooch.core.time, "sleep", lambda seconds: None)
    with pytest.raises(UpstreamError, match=r"cow/cow_trade_ndy.rda: .* download from https://\S+ failed: .*hash"):
        upstream.fetch(ABSENT)
    assert not (scratch_cache / ABSENT).exists()


# --- cache misconfiguration -----------------------------------------------------------------------------------


def test_a_file_where_the_cache_folder_should_be_is_refused(tmp_path: Path, monkeypatch) -> None:
    where = tmp_path / "cache"
    where.write_text("not a folder\n")
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(where))
    with pytest.raises(UpstreamError, match=r"RUSSIA_DPRK_CACHE: .*cache is a file, expected a folder"):
        upstream.fetch(SMALL)


def test_an_empty_cache_setting_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", " ")
    with pytest.raises(UpstreamError, match="RUSSIA_DPRK_CACHE is set but empty"):
        upstream.fetch(SMALL)


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        (" ", "RUSSIA_DPRK_CACHE is set but empty"),
        ("{tmp}/README.md", "is a file, expected a folder"),
        ("{tmp}/cahce", "names {tmp}/cahce, which does not exist (a typo?)"),
    ],
)
def test_validate_says_when_a_cache_setting_leaves_the_digests_unchecked(
    tmp_path: Path, monkeypatch, setting: str, said: str
) -> None:
    """A cache set but unusable would leave the registry's sizes and digests unchecked: ``validate`` says so on the
    registry (it had said "all tables valid"), and so ``load`` of the registry and of every table derived from it."""
    from russia_dprk.validation import validate

    (tmp_path / "README.md").write_text("not a folder\n")
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", setting.format(tmp=tmp_path))
    problems = [str(p) for p in validate()]
    assert len(problems) == 1 and problems[0].startswith("upstream.csv: file, field '-': cache-setting: "), problems
    assert said.format(tmp=tmp_path) in problems[0]


@pytest.mark.parametrize("file", [ABSENT, SMALL])
@pytest.mark.parametrize("value", ["maybe", "2", "offline"])
def test_an_unknown_offline_setting_is_refused(
    scratch_cache: Path, monkeypatch, downloads: list[str], value: str, file: str
) -> None:
    """Refused whether or not the file is already cached: a setting is never ignored because it was not needed."""
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", value)
    with pytest.raises(UpstreamError, match=rf"RUSSIA_DPRK_OFFLINE='{value}': expected 1/true/yes .* or 0/false/no"):
        upstream.fetch(file)
    assert downloads == []


@pytest.mark.parametrize("command", ["validate", "list"])
def test_an_unknown_offline_setting_is_refused_by_every_command(command: str) -> None:
    """Also by the commands that download nothing: the setting is a typo whatever the command."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "russia_dprk", command],
        capture_output=True,
        text=True,
        env={**os.environ, "RUSSIA_DPRK_OFFLINE": "maybe"},
    )
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert done.stderr == (
        "error: RUSSIA_DPRK_OFFLINE='maybe': expected 1/true/yes (offline) or 0/false/no (downloads allowed)\n"
    )


@pytest.mark.parametrize(
    ("value", "offline"),
    [("0", False), ("false", False), ("no", False), ("1", True), ("TRUE", True), (" yes ", True)],
)
def test_offline_settings_that_are_understood(monkeypatch, value: str, offline: bool) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", value)
    assert upstream.offline() is offline


@pytest.mark.parametrize("value", ["", "  "])
def test_an_offline_setting_set_but_empty_is_refused(monkeypatch, value: str) -> None:
    """As the other settings are: an empty value is a setting left half-made, not a choice."""
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", value)
    with pytest.raises(UpstreamError, match="RUSSIA_DPRK_OFFLINE is set but empty"):
        upstream.offline()


def test_offline_unset_allows_downloads(monkeypatch) -> None:
    monkeypatch.delenv("RUSSIA_DPRK_OFFLINE", raising=False)
    assert upstream.offline() is False


def test_offline_0_allows_downloads(scratch_cache: Path, monkeypatch, downloads: list[str]) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    assert upstream.fetch(ABSENT).is_file()
    assert len(downloads) == 1


@pytest.fixture()
def unwritable_cache(scratch_cache: Path, monkeypatch) -> Path:
    """The scratch cache made read-only. Where the OS lets this process write anyway (root), the refusal the OS
    gives an ordinary user (EACCES on creating a file in the folder) is reproduced for that folder only."""
    scratch_cache.chmod(0o555)
    probe = scratch_cache / ".probe"
    try:
        probe.touch()
    except PermissionError:
        pass
    else:
        probe.unlink()
        real = tempfile.NamedTemporaryFile

        def refuse_in_cache(*args, dir=None, **kwargs):
            if dir is not None and Path(dir).resolve() == scratch_cache.resolve():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse_in_cache)
    yield scratch_cache
    scratch_cache.chmod(0o755)


def test_an_unwritable_cache_folder_is_a_clear_error(unwritable_cache: Path, monkeypatch, downloads: list[str]) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    with pytest.raises(
        UpstreamError,
        match=rf"cow/cow_trade_ndy.rda: cannot write to cache {unwritable_cache}: "
        r".*set RUSSIA_DPRK_CACHE to a writable folder",
    ):
        upstream.fetch(ABSENT)
    assert downloads == []
    assert upstream.fetch(SMALL) == unwritable_cache / SMALL  # files already there are still served


def test_an_unwritable_cache_folder_error_says_why(unwritable_cache: Path, monkeypatch, downloads: list[str]) -> None:
    monkeypatch.setenv("RUSSIA_DPRK_OFFLINE", "0")
    with pytest.raises(UpstreamError) as error:
        upstream.fetch(ABSENT)
    assert "None" not in str(error.value)


def test_the_data_readme_counts_the_upstream_data_sets_as_the_registries_do() -> None:
    """The dataset README says how many data sets are pinned and how many derived tables come from; both follow
    from ``upstream.csv`` and the descriptor's ``x-upstream`` lists."""
    from russia_dprk.catalog import descriptor

    words = dict(
        enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
            ]
        )
    )
    rows = list(csv.DictReader((Path(__file__).parent.parent / "data" / "upstream.csv").open(encoding="utf-8")))
    used = {f for entry in descriptor()["resources"] for f in entry.get("x-upstream", [])}
    pinned = {row["source_id"] for row in rows}
    derived_from = {row["source_id"] for row in rows if row["file"] in used}
    readme = (Path(__file__).parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())
    assert f"{words[len(pinned)].capitalize()} public data sets are pinned" in text
    assert f"Derived tables come from {words[len(derived_from)]} of them" in text
