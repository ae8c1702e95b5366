"""Passes kept between sessions: a table whose bytes (and the bytes it depends on) did not change is not checked
again, and any change to them, to the descriptor or to the rules is checked afresh and refused as before.

Each session is its own process (the data folder is bound at import), reading a scratch copy of the data folder and
keeping its passes in a scratch folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from csv_rows import rewrite
from russia_dprk import validated_cache

LOAD = """import sys
import russia_dprk as rd
try:
    rd.load("contacts")
except rd.DatasetError as error:
    sys.exit(str(error))
print("loaded")"""
# The same load with every check switched off: it can only succeed by reading a stored pass.
UNCHECKED = (
    "import russia_dprk.catalog as catalog\n"
    "def refuse(*args, **kwargs):\n    raise SystemExit('checked again')\n"
    "catalog.check_table = catalog.package_problems = catalog.table_problems = refuse\n" + LOAD
)


def session(code: str, data: Path, store: Path | str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RUSSIA_DPRK_DATA": str(data), validated_cache.VALIDATED_ENV: str(store)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def stored(store: Path) -> list[str]:
    return sorted(path.name.split("-", 1)[1] for path in store.glob("*.pickle"))


@pytest.fixture()
def warmed(data_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A data copy whose contacts table (and the tables it refers to) passed once, and the folder keeping it."""
    store = tmp_path / "validated"
    first = session(LOAD, data_copy, store)
    assert first.stdout.strip() == "loaded", first.stderr
    return data_copy, store


def test_a_pass_is_kept_and_read_back_without_checking(warmed) -> None:
    data, store = warmed
    assert stored(store) == ["contacts.pickle", "datapackage.json.pickle"]
    again = session(UNCHECKED, data, store)
    assert (again.returncode, again.stdout.strip()) == (0, "loaded"), again.stderr


def test_without_a_kept_pass_the_table_is_checked(data_copy, tmp_path) -> None:
    cold = session(UNCHECKED, data_copy, tmp_path / "empty")
    assert (cold.returncode, cold.stderr.strip()) == (1, "checked again")


def test_an_edited_table_is_checked_again_and_refused(warmed) -> None:
    data, store = warmed

    def break_date(rows: list[list[str]]) -> None:
        rows[3][rows[0].index("start_date")] = "2024-13-45"

    rewrite(data / "curated" / "contacts.csv", break_date)
    again = session(LOAD, data, store)
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "curated/contacts.csv: line 4, field 'start_date': type-error: value '2024-13-45' is not a calendar date"
    )


def test_an_edited_table_it_refers_to_is_checked_again(warmed) -> None:
    """contacts did not change, but a source its rows cite left the registry: the reference is refused."""
    data, store = warmed
    cited = session(
        "import russia_dprk as rd\nprint(rd.load('contacts')['source_id'].iloc[0])", data, store
    ).stdout.strip()

    def drop_source(rows: list[list[str]]) -> None:
        rows[:] = [row for row in rows if row[0] != cited]

    rewrite(data / "sources.csv", drop_source)
    again = session(LOAD, data, store)
    assert again.returncode == 1
    assert f"{cited!r}" in again.stderr and "foreign-key" in again.stderr


def test_an_edited_descriptor_is_checked_again(warmed) -> None:
    data, store = warmed
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"].append(dict(package["resources"][0]))  # the first table declared twice
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    again = session(LOAD, data, store)
    assert again.returncode == 1
    assert "declared twice" in again.stderr


def test_a_table_replaced_by_a_link_out_of_the_folder_is_refused(warmed, tmp_path) -> None:
    """Same bytes, but the file now lives outside the data folder: the descriptor's check runs again."""
    data, store = warmed
    outside = tmp_path / "elsewhere.csv"
    shutil.copyfile(data / "curated" / "contacts.csv", outside)
    (data / "curated" / "contacts.csv").unlink()
    (data / "curated" / "contacts.csv").symlink_to(outside)
    again = session(LOAD, data, store)
    assert again.returncode == 1
    assert "leads outside the data folder" in again.stderr


def test_a_damaged_kept_pass_is_ignored_and_replaced(warmed) -> None:
    data, store = warmed
    kept = next(store.glob("*-contacts.pickle"))
    kept.write_bytes(b"not a pickle")
    again = session(LOAD, data, store)
    assert again.stdout.strip() == "loaded", again.stderr
    assert session(UNCHECKED, data, store).stdout.strip() == "loaded"


def test_other_rules_make_another_key(monkeypatch) -> None:
    contents = [b"name\nvalue\n"]
    before = validated_cache.key_of(contents)
    monkeypatch.setattr(validated_cache, "code_version", lambda: b"the rules after an edit")
    assert validated_cache.key_of(contents) != before


def test_off_keeps_nothing(data_copy, tmp_path) -> None:
    done = session(LOAD, data_copy, "off")
    assert done.stdout.strip() == "loaded", done.stderr
    assert list(tmp_path.rglob("*.pickle")) == []


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("", "RUSSIA_DPRK_VALIDATED is set but empty: expected the path of a folder, or 'off'"),
        ("FILE", "is a file, expected a folder (or 'off')"),
        ("0", "RUSSIA_DPRK_VALIDATED='0': expected the path of a folder, or 'off' (a switch word is not taken"),
        ("no", "RUSSIA_DPRK_VALIDATED='no': expected the path of a folder, or 'off'"),
    ],
)
def test_a_wrong_setting_is_one_clear_line(data_copy, tmp_path, setting: str, message: str) -> None:
    if setting == "FILE":
        setting = str(tmp_path / "a-file")
        Path(setting).write_text("", encoding="utf-8")
    done = session(LOAD, data_copy, setting)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and message in done.stderr


class Source:
    """Generated code that counts how often it was asked for."""

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def __call__(self) -> str:
        self.calls += 1
        return self.text


def run(code) -> int:
    namespace: dict = {}
    exec(code, namespace)
    return namespace["total"]


def test_generated_code_is_compiled_once_and_kept(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(validated_cache.VALIDATED_ENV, str(tmp_path))
    source = Source("total = 2 + 3")
    assert run(validated_cache.compiled("sum", b"2+3", source)) == 5
    assert run(validated_cache.compiled("sum", b"2+3", source)) == 5
    assert source.calls == 1
    assert [path.name for path in tmp_path.iterdir()] == ["sum.code"]


def test_generated_code_from_other_inputs_is_compiled_afresh(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(validated_cache.VALIDATED_ENV, str(tmp_path))
    validated_cache.compiled("sum", b"2+3", Source("total = 2 + 3"))
    changed = Source("total = 2 + 4")
    assert run(validated_cache.compiled("sum", b"2+4", changed)) == 6
    assert changed.calls == 1


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe3" * 40])
def test_damaged_kept_code_is_compiled_afresh_and_replaced(monkeypatch, tmp_path, damage: bytes) -> None:
    monkeypatch.setenv(validated_cache.VALIDATED_ENV, str(tmp_path))
    validated_cache.compiled("sum", b"2+3", Source("total = 2 + 3"))
    (tmp_path / "sum.code").write_bytes(damage)
    again = Source("total = 2 + 3")
    assert run(validated_cache.compiled("sum", b"2+3", again)) == 5
    assert again.calls == 1
    assert run(validated_cache.compiled("sum", b"2+3", again)) == 5 and again.calls == 1


def test_off_compiles_generated_code_every_time(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(validated_cache.VALIDATED_ENV, "off")
    monkeypatch.chdir(tmp_path)
    source = Source("total = 2 + 3")
    validated_cache.compiled("sum", b"2+3", source)
    validated_cache.compiled("sum", b"2+3", source)
    assert source.calls == 2 and list(tmp_path.iterdir()) == []


def test_the_kept_schema_validator_accepts_and_refuses_as_compiled_afresh(monkeypatch, tmp_path) -> None:
    from russia_dprk.validation import descriptor

    monkeypatch.setenv(validated_cache.VALIDATED_ENV, str(tmp_path))
    package = json.loads((Path(__file__).resolve().parent.parent / "data" / "datapackage.json").read_text("utf-8"))
    broken = {**package, "resources": [{**package["resources"][0], "x-kind": "invented"}, *package["resources"][1:]]}
    for _ in range(2):  # compiled, then read back from the folder
        descriptor._schema_accepts.cache_clear()
        assert descriptor.schema_problems(package) == []
        assert [p.field for p in descriptor.schema_problems(broken)] == ["resources[sources].x-kind"]
    assert [path.name for path in tmp_path.iterdir()] == ["descriptor-schema.code"]
    descriptor._schema_accepts.cache_clear()


def test_a_store_under_a_folder_that_cannot_be_entered_is_passed_over(monkeypatch, tmp_path: Path) -> None:
    """A store under a folder this user may not enter (``stat`` raises ``PermissionError``) is neither read nor
    written, and nothing fails: validation and loading go on checking every table, as with ``off``."""
    store = tmp_path / "closed" / "validated"
    real_exists = Path.exists

    def exists(self: Path, *args, **kwargs) -> bool:
        if self == store:
            raise PermissionError(13, "Permission denied", str(self))
        return real_exists(self, *args, **kwargs)

    monkeypatch.setenv("RUSSIA_DPRK_VALIDATED", str(store))
    monkeypatch.setattr(Path, "exists", exists)
    assert validated_cache.folder() == store


@pytest.mark.parametrize("table", ["upstream", "nuclear_tests"])
def test_a_cached_upstream_file_changed_in_place_is_checked_again(data_copy, tmp_path, monkeypatch, table) -> None:
    """The upstream registry's check reads the cached files, so its kept pass depends on them too: a byte of a
    cached file changed (same size) is refused, not passed from the store. A table derived from the file is
    refused with it, as ``validate`` refuses the registry (it had been returned)."""
    cache = tmp_path / "cache"
    (cache / "nrdc-tests").mkdir(parents=True)
    cached = cache / "nrdc-tests" / "underground.csv"
    shutil.copyfile(Path(__file__).resolve().parent.parent.parent / "shared/raw/nrdc-tests/underground.csv", cached)
    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(cache))
    store = tmp_path / "validated"
    load = LOAD.replace('rd.load("contacts")', f"rd.load({table!r})")
    first = session(load, data_copy, store)
    assert first.stdout.strip() == "loaded", first.stderr
    raw = bytearray(cached.read_bytes())
    raw[-2] = ord("0") if raw[-2] != ord("0") else ord("1")
    cached.write_bytes(bytes(raw))
    again = session(load, data_copy, store)
    assert again.returncode == 1 and "cached-file" in again.stderr and "underground.csv" in again.stderr, again.stderr


def test_the_upstream_cache_folder_is_refused_as_the_store(monkeypatch, tmp_path) -> None:
    """Passes kept in the upstream cache itself would lie among the upstream files (a shared, read-only mirror)."""
    from russia_dprk.errors import DatasetError

    monkeypatch.setenv("RUSSIA_DPRK_CACHE", str(tmp_path))
    monkeypatch.setenv(validated_cache.VALIDATED_ENV, str(tmp_path))
    with pytest.raises(DatasetError, match="is the upstream cache folder"):
        validated_cache.folder()
    monkeypatch.setenv(validated_cache.VALIDATED_ENV, str(tmp_path / "validated"))  # a folder of its own: kept
    assert validated_cache.folder() == tmp_path / "validated"
