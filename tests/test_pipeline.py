"""Re-derivation: every derived table is a step's output, byte for byte, and the build is atomic under interrupts."""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from russia_dprk.catalog import descriptor, resource, table_path
from russia_dprk.derive import steps
from russia_dprk.errors import TableError
from russia_dprk.pipeline import build, declaration_problems, derive
from russia_dprk.validation import build_record

STEPS = sorted(steps())


# --- every step ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", STEPS)
def test_committed_table_is_byte_identical_to_a_fresh_derivation(name: str, mirror) -> None:
    fresh = derive(name)
    assert table_path(name).read_bytes() == fresh, f"{name}: run `python -m russia_dprk build {name}`"
    entry = resource(name)
    assert {"bytes": entry["bytes"], "hash": entry["hash"]} == build_record(fresh)


@pytest.mark.parametrize("name", STEPS)
def test_a_step_credits_its_declared_source_on_every_row(name: str, mirror) -> None:
    with open(table_path(name), newline="", encoding="utf-8") as handle:
        cited = {row["source_id"] for row in csv.DictReader(handle)}
    assert cited == {steps()[name].source_id}


def test_every_derived_table_has_a_step_and_every_step_a_derived_table() -> None:
    derived = {entry["name"] for entry in descriptor()["resources"] if entry["x-kind"] == "derived"}
    assert derived == set(STEPS)


def test_build_writes_into_another_folder(tmp_path: Path, mirror) -> None:
    names = ["rok_gas", "arms_transfers"]
    written = build(out_dir=tmp_path, names=names)
    assert sorted(written) == sorted(names)
    for name in names:
        assert written[name] == tmp_path / resource(name)["path"]
        assert written[name].read_bytes() == table_path(name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "derived").iterdir()) == ["arms_transfers.csv", "rok_gas.csv"]


def test_a_file_that_cannot_be_written_is_named_and_nothing_changes(data_copy: Path, mirror, monkeypatch) -> None:
    """A full disk (or a read-only folder) while the second new file is written: the error names that table, not a
    temporary file, and every table and the descriptor are as they were, with no temporary file left behind."""
    names = ["rok_gas", "arms_transfers"]
    for name in names:
        (data_copy / resource(name)["path"]).write_bytes(b"previous\n")
    before = {path: path.read_bytes() for path in data_copy.rglob("*") if path.is_file()}
    synced = []

    def fsync(descriptor: int) -> None:
        synced.append(descriptor)
        if len(synced) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError) as raised:
        build(out_dir=data_copy, names=names)
    assert (raised.value.filename, raised.value.strerror) == (
        str(data_copy / resource("arms_transfers")["path"]),
        "No space left on device",
    )
    assert {path: path.read_bytes() for path in data_copy.rglob("*") if path.is_file()} == before


def test_a_build_into_a_folder_it_cannot_write_says_which_file(data_copy: Path, mirror) -> None:
    target = data_copy / resource("rok_gas")["path"]
    target.unlink()
    target.mkdir()  # a folder where the table should be: the move into place fails, whoever runs the test
    result = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "build", "rok_gas"],
        capture_output=True,
        text=True,
        env={**os.environ, "RUSSIA_DPRK_DATA": str(data_copy)},
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: {target}: Is a directory\n"
    assert [path.name for path in target.parent.iterdir() if path.name.endswith(".tmp")] == []


def _registered(data_copy: Path, cache: Path, file: str, raw: bytes) -> None:
    """Write ``raw`` as the cached ``file`` and register its size and digest, as a new release would be."""
    (cache / file).unlink()
    (cache / file).write_bytes(raw)
    registry = data_copy / "upstream.csv"
    rows = list(csv.reader(registry.read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    for row in rows[1:]:
        if row[0] == file:
            row[header.index("bytes")] = str(len(raw))
            row[header.index("sha256")] = build_record(raw)["hash"].removeprefix("sha256:")
    with registry.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("name", ["nuclear_tests", "unga_alignment", "border_region"])
def test_an_upstream_file_in_another_layout_is_refused_in_one_line(
    name: str, data_copy: Path, tmp_path: Path, mirror
) -> None:
    """A file whose size and digest the registry records (an error page or another release registered by mistake)
    but whose contents the step cannot read is named in one line by ``check`` and ``build``, not a traceback."""
    item = steps()[name]
    cache = tmp_path / "cache"
    shutil.copytree(mirror, cache, symlinks=True)
    for index, file in enumerate(item.upstream):
        _registered(data_copy, cache, file, f"a,b\n1,{index}\n".encode())  # one digest each
    env = {
        **os.environ,
        "RUSSIA_DPRK_DATA": str(data_copy),
        "RUSSIA_DPRK_CACHE": str(cache),
        "RUSSIA_DPRK_OFFLINE": "1",
    }
    for command in (["check"], ["build", name]):
        result = subprocess.run(
            [sys.executable, "-m", "russia_dprk", *command], capture_output=True, text=True, env=env
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith(f"error: {name}: the upstream file(s) {', '.join(item.upstream)} are not in ")
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("written", "said"),
    [("", "an empty cell"), ("2.7", "value 2.7")],
)
def test_a_count_the_step_cannot_read_as_written_is_refused(
    written: str, said: str, data_copy: Path, tmp_path: Path, mirror
) -> None:
    """The DPRK's 2017 test blanked in NRDC's tally had become "no test" (the row vanished) and 2.7 had been cut to
    2, each passing ``check``'s advice to rebuild: the step now reads counts as written, and says where."""
    cache = tmp_path / "cache"
    shutil.copytree(mirror, cache, symlinks=True)
    file = "nrdc-tests/underground.csv"
    lines = (mirror / file).read_text(encoding="utf-8").split("\n")
    number = next(i for i, text in enumerate(lines) if text.startswith("2017,"))
    lines[number] = lines[number].rsplit(",", 1)[0] + "," + written
    _registered(data_copy, cache, file, "\n".join(lines).encode())
    env = {**os.environ, "RUSSIA_DPRK_DATA": str(data_copy), "RUSSIA_DPRK_CACHE": str(cache)}
    for command in (["check"], ["build", "nuclear_tests"]):
        result = subprocess.run(
            [sys.executable, "-m", "russia_dprk", *command], capture_output=True, text=True, env=env
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip() == (
            f"error: underground.csv: line {number + 1}, column 'North Korea': {said}, expected a whole number (a "
            "missing value is not read as 0, nor a fraction cut)"
        )


def test_check_tells_a_hand_edit_from_a_changed_upstream_file(data_copy: Path, tmp_path: Path, mirror) -> None:
    """A derived table edited by hand differs from its last build; a table as last built that a fresh derivation
    no longer gives means an upstream file (or the step) changed, and rebuilding would spread that change."""
    env = {**os.environ, "RUSSIA_DPRK_DATA": str(data_copy)}
    table = data_copy / "derived" / "nuclear_tests.csv"
    original = table.read_bytes()
    table.write_bytes(original.replace(b"\n1969,CHN,1,", b"\n1969,CHN,2,", 1))
    result = subprocess.run([sys.executable, "-m", "russia_dprk", "check"], capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "derived/nuclear_tests.csv: file, field '-': derived-edited: differs from a fresh derivation and from its "
        "last build (edited by hand)" in (result.stdout)
    )
    table.write_bytes(original)
    cache = tmp_path / "cache"
    shutil.copytree(mirror, cache, symlinks=True)
    file = "nrdc-tests/underground.csv"
    text = (mirror / file).read_text(encoding="utf-8")
    _registered(data_copy, cache, file, text.replace("\n2017,0,0,0,0,0,0,0,1", "\n2017,0,0,0,0,0,0,0,2").encode())
    result = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "check"],
        capture_output=True,
        text=True,
        env={**env, "RUSSIA_DPRK_CACHE": str(cache)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "derived/nuclear_tests.csv: file, field '-': derived-stale: is as last built, but a fresh derivation differs"
        in (result.stdout)
    )


def test_only_derived_tables_can_be_derived() -> None:
    with pytest.raises(TableError, match="'contacts' is not a derived table"):
        derive("contacts")
    with pytest.raises(TableError, match="'sources' is not a derived table"):
        build(names=["sources"])


def test_check_command_passes(mirror) -> None:
    result = subprocess.run([sys.executable, "-m", "russia_dprk", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_command_says_a_derived_table_is_missing(mirror, data_copy) -> None:
    (data_copy / "derived" / "border_region.csv").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "RUSSIA_DPRK_DATA": str(data_copy)},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    # one line naming the file, the field and the rule, as validate tells a problem
    assert (
        "derived/border_region.csv: file, field '-': missing-file: is missing; run `python -m russia_dprk build`"
        in (result.stdout)
    ), result.stdout


# --- declarations -------------------------------------------------------------------------------------------------


def test_declarations_agree_with_the_steps() -> None:
    assert declaration_problems() == []


def _declaration_problems_in(data_dir: Path) -> list[str]:
    """``declaration_problems()`` run on another copy of the data folder (a fresh process reads it)."""
    code = (
        "from russia_dprk.pipeline import declaration_problems\n"
        "for problem in declaration_problems():\n    print(problem)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "RUSSIA_DPRK_DATA": str(data_dir)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _edit_entry(data_dir: Path, name: str, key: str, value) -> None:
    """Set ``key`` of table ``name`` in the copy's descriptor to ``value`` (None: remove it)."""
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    entry = next(entry for entry in package["resources"] if entry["name"] == name)
    if value is None:
        del entry[key]
    else:
        entry[key] = value
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_an_untouched_copy_has_no_declaration_problems(data_copy: Path) -> None:
    assert _declaration_problems_in(data_copy) == []


def test_a_changed_x_upstream_is_caught(data_copy: Path) -> None:
    _edit_entry(data_copy, "arms_transfers", "x-upstream", ["nrdc-tests/underground.csv"])
    problems = _declaration_problems_in(data_copy)
    assert len(problems) == 1, problems
    assert "resources[arms_transfers].x-upstream" in problems[0]
    assert "expected ['sipri-register/trade-register-2025-03-13.csv'] (the step's inputs)" in problems[0]


def test_a_changed_x_source_ids_is_caught(data_copy: Path) -> None:
    _edit_entry(data_copy, "border_region", "x-source-ids", ["natural-earth-50m"])
    problems = _declaration_problems_in(data_copy)
    assert len(problems) == 1 and "resources[border_region].x-source-ids" in problems[0], problems


def test_a_step_without_a_derived_table_is_caught(data_copy: Path) -> None:
    _edit_entry(data_copy, "arms_transfers", "x-kind", "curated")
    for key in ("bytes", "hash", "x-upstream", "x-source-ids", "x-compared-with"):  # a curated table records no build
        _edit_entry(data_copy, "arms_transfers", key, None)
    (data_copy / "derived/arms_transfers.csv").rename(data_copy / "curated/arms_transfers.csv")  # its kind's folder
    _edit_entry(data_copy, "arms_transfers", "path", "curated/arms_transfers.csv")
    problems = _declaration_problems_in(data_copy)
    assert problems == ["datapackage.json: file, field 'arms_transfers': declaration: a step without a derived table"]


# --- interrupted builds -------------------------------------------------------------------------------------------

TRIES = 6  # one uninterrupted build to time it, then interrupts at random moments of a build


def _run_build(data_dir: Path, delay: float | None) -> tuple[int, str, float]:
    """``python -m russia_dprk build`` on ``data_dir``, sent SIGINT after ``delay`` seconds (None: never)."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "russia_dprk", "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RUSSIA_DPRK_DATA": str(data_dir)},
    )
    if delay is not None:
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=600)
    return process.returncode, out + err, time.monotonic() - started


def test_an_interrupted_build_leaves_clean_or_previous_tables(data_copy: Path, mirror) -> None:
    """After every run each derived table is its clean derivation, or the run failed and left the previous file.

    Each interrupted run starts from "previous" files that differ from a clean derivation, so both outcomes are
    visible; a table is never a partial file.
    """
    paths = {name: data_copy / resource(name)["path"] for name in STEPS}
    clean = {name: table_path(name).read_bytes() for name in STEPS}  # equal to fresh derivations (test above)
    code, output, duration = _run_build(data_copy, None)
    assert code == 0, output
    assert {name: path.read_bytes() for name, path in paths.items()} == clean
    chooser = random.Random(20261129)
    outcomes = []
    for attempt in range(TRIES - 1):
        previous = {name: f"previous table of {name}, try {attempt}\n".encode() for name in STEPS}
        for name, path in paths.items():
            path.write_bytes(previous[name])
        delay = chooser.uniform(0.05, 1.1) * duration
        code, output, _ = _run_build(data_copy, delay)
        now = {name: path.read_bytes() for name, path in paths.items()}
        outcomes.append((round(delay, 2), code))
        if code == 0:
            assert now == clean, f"build after {delay:.2f} s exited 0 with tables that differ from a clean derivation"
        else:
            broken = [name for name in STEPS if now[name] not in (previous[name], clean[name])]
            assert broken == [], f"interrupt after {delay:.2f} s (exit {code}) left partial tables: {broken}"
    assert any(code != 0 for _, code in outcomes), f"no run was interrupted: {outcomes}"


# --- arms_transfers against SIPRI's 2022 export files (the figures its x-exceptions state) -------------------------

TIV_2022 = {
    ("SUN", "PRK"): ("USR", "North Korea"),
    ("SUN", "CHN"): ("USR", "China"),
    ("RUS", "PRK"): ("RUS", "North Korea"),
    ("RUS", "CHN"): ("RUS", "China"),
    ("CHN", "PRK"): ("CHI", "North Korea"),
    ("CHN", "RUS"): ("CHI", "Russia"),
}


def _tiv_2022(code: str, country: str) -> dict[int, int]:
    from russia_dprk.upstream import fetch

    with open(fetch(f"sipri-arms/TIV-Export-{code}-1950-2021.csv"), newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    header, rows = lines[10], [line for line in lines[11:] if line and line[0] == country]
    return {int(y): int(v) for y, v in zip(header, rows[0], strict=True) if y.isdigit() and v.strip()} if rows else {}


def test_arms_transfers_differences_from_the_2022_files_are_as_documented(mirror) -> None:
    import russia_dprk as rd

    compared = {f"sipri-arms/TIV-Export-{code}-1950-2021.csv" for code, _ in TIV_2022.values()}
    assert compared == set(rd.resource("arms_transfers")["x-compared-with"])
    arms = rd.load("arms_transfers")
    totals, pair_years, within, absolute, five_year, volume = {}, 0, 0, 0.0, 0.0, 0
    for (supplier, recipient), (code, country) in TIV_2022.items():
        old = _tiv_2022(code, country)
        rows = arms[(arms["supplier"] == supplier) & (arms["recipient"] == recipient) & (arms["year"] <= 2021)]
        new = dict(zip(rows["year"].astype(int), rows["tiv_millions"].astype(float), strict=True))
        years = sorted(set(old) | set(new))
        gaps = {year: new.get(year, 0.0) - old.get(year, 0) for year in years}
        totals[(supplier, recipient)] = (round(sum(new.values())), sum(old.values()))
        pair_years += len(years)
        within += sum(abs(gap) <= 0.5 for gap in gaps.values())
        absolute += sum(abs(gap) for gap in gaps.values())
        periods: dict[int, float] = {}
        for year, gap in gaps.items():
            periods[year // 5] = periods.get(year // 5, 0.0) + gap
        five_year += sum(abs(gap) for gap in periods.values())
        volume += sum(old.values())
    assert totals == {
        ("SUN", "PRK"): (17959, 18300),
        ("SUN", "CHN"): (32980, 32510),
        ("RUS", "PRK"): (1005, 482),
        ("RUS", "CHN"): (37226, 37877),
        ("CHN", "PRK"): (5021, 4962),
        ("CHN", "RUS"): (17, 0),
    }
    assert (within, pair_years) == (1, 153)
    assert round(100 * absolute / volume) == 12 and round(100 * five_year / volume) == 7
    text = " ".join(resource("arms_transfers")["x-exceptions"])
    for new, old in [(17959, 18300), (32980, 32510), (1005, 482), (37226, 37877), (5021, 4962)]:
        assert f"{new:,} against {old:,}" in text
    assert "1 of the 153 pair-years" in text and "12% of the 2022 files' volume (7% over five-year periods)" in text


def test_arms_transfers_add_up_to_the_register(mirror) -> None:
    import russia_dprk as rd

    register = rd.load("arms_register")
    arms = rd.load("arms_transfers")
    by_pair = register.groupby(["supplier", "recipient"], observed=True)["tiv_delivered"].sum()
    yearly = arms.groupby(["supplier", "recipient"], observed=True)["tiv_millions"].sum()
    assert set(by_pair.index) == set(yearly.index)
    rows = arms.groupby(["supplier", "recipient"], observed=True).size()
    for pair, total in by_pair.items():  # each yearly value is rounded to 0.01 once
        assert abs(float(yearly[pair]) - float(total)) <= 0.005 * rows[pair] + 1e-9, pair
    single = register[register["first_delivery_year"] == register["last_delivery_year"]]
    assert float(arms["tiv_single_year_millions"].sum()) == pytest.approx(
        float(single["tiv_delivered"].sum()), abs=1e-6
    )
    dprk = arms[(arms["supplier"] == "PRK") & (arms["recipient"] == "RUS")]
    assert dprk["year"].astype(int).tolist() == [2023, 2024]
