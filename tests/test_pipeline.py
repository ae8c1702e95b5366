"""Re-derivation: every committed derived table equals a fresh derivation from the upstream mirror."""

from __future__ import annotations

import subprocess
import sys

import pytest

from russia_dprk.catalog import table_path
from russia_dprk.derive import DERIVED
from russia_dprk.errors import TableError
from russia_dprk.pipeline import build, derive


@pytest.mark.parametrize("name", sorted(DERIVED))
def test_committed_table_is_byte_identical_to_a_fresh_derivation(name: str, mirror) -> None:
    assert table_path(name).read_bytes() == derive(name), f"{name}: run `python -m russia_dprk build {name}`"


def test_build_writes_into_another_folder(tmp_path, mirror) -> None:
    written = build(out_dir=tmp_path, names=["rok_gas"])
    assert written["rok_gas"].read_bytes() == table_path("rok_gas").read_bytes()


def test_only_derived_tables_can_be_derived() -> None:
    with pytest.raises(TableError, match="'contacts' is not a derived table"):
        derive("contacts")


def test_check_command_passes(mirror) -> None:
    result = subprocess.run([sys.executable, "-m", "russia_dprk", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
