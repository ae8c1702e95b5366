"""Plotting style, source lines and the generated bibliography."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.colors as mcolors

import russia_dprk as rd
from russia_dprk.bibliography import bibtex
from russia_dprk.documentation import appendix_markdown
from russia_dprk.figures import escape_markdown

REPO = Path(__file__).resolve().parent.parent


def test_each_country_has_one_distinct_colour() -> None:
    countries = ["RUS", "PRK", "CHN", "USA", "KOR"]
    colours = [rd.color(c) for c in countries]
    assert len(set(colours)) == len(countries)
    assert all(mcolors.is_color_like(c) for c in colours)


def test_source_line_names_the_producer_and_the_data_file() -> None:
    line = rd.source_text(["arms_transfers"])
    assert line.startswith("Source: SIPRI (2022).")
    assert "data/derived/arms_transfers.csv" in line
    assert "sources named row by row in contacts" in rd.source_text(["contacts"])


def test_committed_bibliography_matches_the_registry() -> None:
    assert (REPO / "book/references.bib").read_text(encoding="utf-8") == bibtex(), \
        "run `python -m russia_dprk bib book/references.bib`"


def test_bibliography_has_one_entry_per_source() -> None:
    keys = re.findall(r"^@misc\{([^,]+),", bibtex(), flags=re.M)
    assert keys == list(rd.sources().index)


def test_appendix_documents_every_table() -> None:
    text = appendix_markdown()
    for entry in rd.descriptor()["resources"]:
        assert f"`{entry['name']}`: {escape_markdown(entry['title'])}" in text
        assert f"data/{entry['path']}" in text
