"""The book's own code: style, source lines, the bibliography, the appendix, the chapter list and figure metadata."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.colors as mcolors
import nbformat
import notebook_glue
import pandas as pd
import pytest
import russia_dprk as rd
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from russia_dprk_book import figures, style
from russia_dprk_book.appendix import appendix_markdown
from russia_dprk_book.bibliography import bibtex
from russia_dprk_book.escape import markdown as escape_markdown
from russia_dprk_book.figure_outputs import METADATA_KEY, figure_outputs
from russia_dprk_book.figures import cell_metadata
from russia_dprk_book.paths import BOOK_DIR, notebooks, pages
from russia_dprk_book.site import HTML_BUILD

REPO = Path(__file__).resolve().parent.parent


def test_every_country_drawn_has_its_own_distinct_colour() -> None:
    colours = list(style.COLORS.values())
    assert len(set(colours)) == len(colours)
    assert all(mcolors.is_color_like(c) for c in colours)
    assert set(style.COLORS) <= set(rd.country_names())  # each coloured code has its name in the descriptor


def test_source_line_names_the_producer_and_the_data_file() -> None:
    line = style.source_text(["military_expenditure"])
    assert line.startswith("Source: Stockholm International Peace Research Institute (")
    assert "data/derived/military_expenditure.csv" in line
    assert re.search(r"\d+ sources named row by row in contacts", style.source_text(["contacts"]))


def test_a_caption_that_cites_a_source_does_not_credit_it_again() -> None:
    """ "[Marzalik, 2015] Source: Marzalik (2015)" said one thing twice; the producer the caption cites is dropped from
    the source line, the other credits stay, and a line left with none says the sources are as cited."""
    table = "military_expenditure"
    producer = rd.resource(table)["x-source-ids"][0]
    cited = figures.caption_markdown("fig-x", f"Caption {{cite:p}}`{producer}`.", [table])
    assert "Source\\: as cited. Data\\: data/derived/military\\_expenditure.csv" in cited
    assert "Stockholm" in figures.caption_markdown("fig-x", "Caption.", [table])


def test_committed_bibliography_matches_the_registry() -> None:
    assert (BOOK_DIR / "references.bib").read_text(encoding="utf-8") == bibtex(), (
        "run `python -m russia_dprk bib book/references.bib`"
    )


def test_bibliography_has_one_entry_per_source_in_registry_order() -> None:
    parsed = parse_string(bibtex(), "bibtex")
    assert list(parsed.entries) == list(rd.sources().index)


def test_a_reference_gives_its_month_in_words() -> None:
    from pybtex.backends.plaintext import Backend
    from pybtex.style.formatting.plain import Style as Plain

    parsed = parse_string(bibtex(), "bibtex")
    published = rd.sources()["published"].astype("string")
    dated = [key for key, value in published.items() if isinstance(value, str) and len(value) >= 7]
    assert dated, "no source in the registry has a month"
    text = {entry.key: entry.text.render(Backend()) for entry in Plain().format_entries(parsed.entries.values())}
    for key in dated:
        year, month = int(published[key][:4]), int(published[key][5:7])
        assert f"{pd.Timestamp(year=year, month=month, day=1):%B %Y}" in text[key], text[key]


def test_appendix_documents_every_table_once() -> None:
    text = appendix_markdown()
    for entry in rd.descriptor()["resources"]:
        assert text.count(f"## `{entry['name']}`: {escape_markdown(entry['title'])}") == 1
        assert text.count(f"{{download}}`data/{entry['path']} ") == 1


def test_the_appendix_states_each_table_s_cross_field_rules_in_words() -> None:
    from russia_dprk_book.appendix import _checks

    entry = rd.resource("contacts")
    assert _checks(entry) == [
        "every `source_id` names a row of `sources`",
        "a row whose `purpose` names another row (a pattern given in `datapackage.json`) has that row's `visitor` and "
        "`partner` (a second dating of a visit names the row of that visit, which has the same visitor and partner)",
        "`start_date` ≤ `end_date`",
        "`visitor_country` ≠ `host_country`",
        "no name is a `visitor` in one row and a `place` in another",
        "no two rows whose `status` is “confirmed” of one `visitor` and `partner` overlap from `start_date` to "
        "`end_date`, a row without `end_date` lasting 3 days (one person is on one visit to a partner at a time; two "
        "confirmed rows that overlap are one visit entered twice, or a date mistyped)",
        "`contact_id` holds a word of `visitor`",
        "where `contact_id` names the leading name of any row's `place`, that is the row's own",
        "the source of each row names a word of its `visitor` in its id, title or note",
        "a source named by its id in `purpose` is one the source registry lists",
        "no two rows hold the same `purpose` of 20 characters or more, word for word",
        "each row cites a source whose `kind` is “news_report”, “state_media”, “official”, “multilateral”, “academic”, "
        "“intelligence_estimate”, “open_source_analysis”, “opinion” or “reference_work”",
        "in `start_date` order, a `visitor` never returns to a `level` it had left (a person's office changes forward "
        "in time; a level that returns to one the person had left is a slip in one of the rows)",
        "in `start_date` order, a `level` of “leader”, “head_of_state_nominal”, “head_of_government”, "
        "“security_council_secretary”, “foreign_minister” or “defence_minister” of one `visitor_country` passes from "
        "one `visitor` to the next and never back to one who had left it (one person holds each of these offices of a "
        "country at a time, so the office passes from one holder to the next; a holder who returns between a "
        "successor's visits is a row whose level or visitor is mistyped. A parliament has a head for each chamber, so "
        "its heads are not compared)",
        "one `visitor` has one `visitor_country`",
        "a `place` (its first name) is in one `host_country`; `RUS` and `SUN` count as one",
        "`visitor`, `place` and `purpose` are written in English, in Latin letters (a quotation of the original apart)",
        "each `visitor` is written one way (compared without accents, case, a leading “The”, spaces or punctuation, "
        "Cyrillic letters transliterated, and no two names of 7 letters or more one letter apart)",
        "each `place` is written one way (compared without accents, case, a leading “The”, spaces or punctuation, "
        "Cyrillic letters transliterated, and no two names of 7 letters or more one letter apart)",
        "`start_date` has the year and month that `contact_id` gives where it matches "
        "`^(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-`",
        "in `visitor_country` and `host_country`, by `start_date`, `SUN` only to 1991-12-31, `RUS` only from "
        "1991-12-24, `PRK` only from 1948-09-09 and `CHN` only from 1949-10-01 (the Russian Federation continued the "
        "Soviet Union's membership of the United Nations by a letter of 24 December 1991, and the Soviet Union is not "
        "named after 1991; the DPRK was proclaimed on 9 September 1948 and the People's Republic of China on 1 "
        "October 1949)",
        "where `partner` is “RUS”, `visitor_country` holds “PRK”, “RUS” or “SUN” (a contact is between North Korea "
        "and its partner\\: the visitor comes from one of the two)",
        "where `partner` is “CHN”, `visitor_country` holds “PRK” or “CHN” (a contact is between North Korea and its "
        "partner\\: the visitor comes from one of the two)",
        "where `purpose` matches `(?i)^same visit as\\b`, `status` holds “unverified” (a second dating of one visit "
        "is kept as unverified, so the visit is not counted twice)",
        "where `purpose` matches a pattern given in `datapackage.json`, `status` holds “unverified” (a contact the "
        'row\'s own text reports only as hearsay \\("reportedly", "allegedly"\\) is unverified)',
        "where `partner` is “RUS” and `host_country` is none of “RUS”, “SUN” or “PRK”, `purpose` matches "
        "`^Third-country\\b` (a contact between the DPRK and Russia is held in one of the two unless the row says it "
        "met in a third country; one placed elsewhere without saying so has its partner or host mistyped)",
        "where `partner` is “CHN” and `host_country` is none of “CHN” or “PRK”, `purpose` matches "
        "`^Third-country\\b` (a contact between the DPRK and China is held in one of the two unless the row says it "
        "met in a third country; one placed elsewhere without saying so has its partner or host mistyped)",
        "where `purpose` matches `^Third-country\\b` and `partner` is “RUS”, `host_country` holds none of “RUS”, "
        "“SUN” or “PRK” (a meeting the row places in a third country is hosted by neither side)",
        "where `purpose` matches `^Third-country\\b` and `partner` is “CHN”, `host_country` holds none of “CHN” or "
        "“PRK” (a meeting the row places in a third country is hosted by neither side)",
        "where `purpose` matches `^Third-country\\b`, `visitor_country` holds “PRK” (in a third\\-country meeting "
        "both sides travelled, and the table names the DPRK's side as the visitor)",
        "where `purpose` matches `^Announced:`, `status` holds “unverified” (a contact known only from its "
        "announcement is not confirmed until a report says it took place)",
        "where `purpose` matches `^State visit\\b`, `level` holds “leader” or “head_of_state_nominal” (a state visit "
        "is paid by a head of state)",
        "where `purpose` matches a pattern given in `datapackage.json`, `level` holds “other_senior” (a purpose that "
        "opens by naming the visitor a vice or deputy minister files the visit below minister level, not as the "
        "minister's)",
        "where `purpose` matches a pattern given in `datapackage.json`, `end_date` holds nothing (a purpose saying no "
        "source gives the end date leaves the end empty\\: a day filled in would be a guess)",
        "where `purpose` matches a pattern given in `datapackage.json`, `level` holds “parliament_head” (a purpose "
        "that opens with the visitor's office as head of a parliament files the visit at that level)",
        "where `purpose` matches a pattern given in `datapackage.json`, `level` holds “other_senior” (a purpose that "
        "opens with the visitor's office as a minister other than of foreign affairs or defence, a deputy prime "
        "minister or an agency director files the visit below minister level)",
        "`end_date` is at most 92 days after `start_date` (a visit or meeting lasts no more than three months, the "
        "longest in the table about two\\: a longer one has a year or month mistyped)",
        "`start_date` and `end_date` fall on the first day of the month or of the year when `date_precision` is "
        "`month` or `year`, and `date_precision` is given only with a date",
        "the row's source was published no earlier than `start_date`, unless `purpose` begins “Announced:” or says "
        "“announced in advance”",
    ]
    assert any(c.startswith("`as_of` falls on the first day") for c in _checks(rd.resource("transfer_estimates")))
    votes = _checks(rd.resource("unsc_resolutions"))
    assert (
        "`votes_for` + `votes_against` + `abstentions` = 15 (the Security Council's 15 members, each of whom voted "
        "on every draft recorded here)"
    ) in votes
    events = _checks(rd.resource("military_events"))
    assert "every `contact_id` names a row of `contacts`" in events
    assert any(c.startswith("a row whose `contact_id` names a row of `contacts` is dated between its `start_date`")
               for c in events)  # fmt: skip
    assert {
        "`title` does not begin with `publisher` and a colon, dash or bar",
        "no name is a `publisher` in one row and a `author` in another",
    } <= set(_checks(rd.resource("sources")))
    assert "every `row_key` names a row of the table in `table`" in _checks(rd.resource("audit"))
    assert "a row with `claimed_value` has `claimed_unit`" in _checks(rd.resource("claims"))
    assert (
        "in one `year` and `source_id`, no two rows share a `rank`, and a better `rank` has the larger `value`"
        in _checks(rd.resource("lng_importers"))
    )
    assert (
        "where one `start`, `end` and `source_id` give a `purpose` `all` and some of `study` + `business` + "
        "`private`, the `entries` of `all` is no less than their sum (within the rounding of the written figures; "
        "groups excused are listed under known exceptions)"
    ) in _checks(rd.resource("dprk_entries_russia"))
    assert (
        "every item of `tested_as` (separated by `;`) names a row of `claims`, and lists every row of `claims` that "
        "`note` names"
    ) in _checks(rd.resource("article_excluded"))
    assert _checks(rd.resource("upstream"))[-1] == (
        "a `download_url` on raw.githubusercontent.com names a commit, and `mirror_of` records exactly the repository, "
        "commit and path it names"
    )
    assert _checks(rd.resource("rok_gas"))[-1] == (
        "the file is byte for byte what its last build wrote (the descriptor's `bytes` and `hash`)"
    )
    assert (
        "`published` lies within 2 days of the date a `url` gives in its path (such as `/2024/06/19/` or "
        "`/20240619/`), written at least as precisely as the path gives it; a web archive's copy names its snapshot "
        "by its 14-digit time, taken no earlier than "
        "`published` and no later than `accessed`" in _checks(rd.resource("sources"))
    )
    refused = [c for c in _checks(rd.resource("sources")) if c.startswith("no `publisher` matches")]
    assert refused == [
        "no `publisher` matches a pattern given in `datapackage.json` (a publisher recorded as the "
        "outlet that carried a copy \\('X via Y', 'X, republished by Y', 'X / Y'\\); name the one that published "
        "first and register the copy, if it is all that could be read, as its own secondary source)",
        "no `publisher` matches `[{}\\\\]` (a brace or backslash is markup in BibTeX and on the page, and no title, "
        "byline or outlet's name needs one\\: write the text as the source shows it)",
        "no `publisher` matches a pattern given in `datapackage.json` (a publisher's name carries no date\\: the "
        "date the page gives goes in published)",
    ]


def test_the_appendix_prints_short_patterns_and_names_where_long_ones_are_written() -> None:
    """A regular expression of dozens of characters is unreadable in print; the rule's reason says it in words."""
    import json

    from russia_dprk.paths import DATA_DIR
    from russia_dprk_book.appendix import PATTERN_SHOWN

    text = appendix_markdown()
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k == "pattern" and isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8")))
    long = [p for p in found if len(p) > PATTERN_SHOWN]
    assert long and len(long) < len(found)
    assert not [p for p in long if f"`{p}`" in text]
    assert all(f"`{p}`" in text for p in found if len(p) <= PATTERN_SHOWN and "`" not in p and p.strip() == p)
    assert text.count("a pattern given in `datapackage.json`") == len(long)  # each long one named where it is used


def test_the_appendix_marks_each_free_text_field_of_a_hand_entered_table() -> None:
    from russia_dprk.validation import text_fields

    assert text_fields(rd.resource("contacts")) == ["visitor", "place", "purpose"]
    assert text_fields(rd.resource("upstream")) == []  # the file, the source and the pinned copy follow other rules
    assert text_fields(rd.resource("arms_register")) == []  # derived: as its build wrote it
    text = appendix_markdown()
    words = "text in words (not only a number, a date or a link)"
    assert text.count(words) == sum(len(text_fields(e)) for e in rd.descriptor()["resources"])
    assert f"| `purpose` | string |  | required; {words} |" in text


PRINT_MIN_PT = 6  # the smallest type a figure may print at in the PDFs
# Figures excused, with why: each is a known fault, listed so that no other joins it unseen.
SMALL_PRINT: dict[str, str] = {}


def printed_figures() -> list[tuple[str, float, float]]:
    """Each figure in the committed notebooks: its name, its smallest type and the scale the PDFs print it at (A4
    less the side margins the site build sets, and the figure's maximum height in print.css)."""
    from russia_dprk_book.site import PDF_MARGIN

    css = (BOOK_DIR / "_static" / "print.css").read_text(encoding="utf-8")
    max_height_mm = float(re.search(r"figure img \{[^}]*max-height: ([0-9.]+)mm", css).group(1))
    width_mm = 210 - float(PDF_MARGIN["left"].removesuffix("mm")) - float(PDF_MARGIN["right"].removesuffix("mm"))
    found = []
    for path in notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                svg = output.get("data", {}).get("image/svg+xml")
                if not svg:
                    continue
                name = output["metadata"][METADATA_KEY]["figure"]["name"]
                size = re.search(r'<svg[^>]*width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
                width_in, height_in = float(size.group(1)) / 72, float(size.group(2)) / 72
                scale = min(1.0, width_mm / 25.4 / width_in, max_height_mm / 25.4 / height_in)
                smallest = min(float(px) for px in re.findall(r"font-size: ([0-9.]+)px", svg))  # SVG px = pt here
                found.append((name, smallest, scale))
    return found


def test_every_figure_prints_its_type_at_six_points_or_more() -> None:
    """A figure is drawn at its own size and shrunk to the PDF's column (and to 190 mm tall): its smallest type,
    so shrunk, is still legible on paper."""
    figures = printed_figures()
    assert len(figures) == 14
    small = {name: round(smallest * scale, 1) for name, smallest, scale in figures if smallest * scale < PRINT_MIN_PT}
    assert small.keys() == SMALL_PRINT.keys(), small


def test_chapter_list_is_read_from_the_table_of_contents() -> None:
    assert pages()[0] == "intro"
    assert [p.stem for p in notebooks()] == [p for p in pages() if (BOOK_DIR / f"{p}.ipynb").exists()]
    assert set(p.stem for p in BOOK_DIR.glob("*.ipynb")) == {p.stem for p in notebooks()}


def test_every_figure_cell_carries_the_metadata_its_call_recorded() -> None:
    names = []
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        for index, meta in figure_outputs(notebook):
            assert notebook.cells[index].metadata.get("mystnb") == cell_metadata(meta), (path.name, index)
            names.append(meta["figure"]["name"])
        stale = [
            i
            for i, c in enumerate(notebook.cells)
            if c.get("metadata", {}).get("mystnb", {}).get("figure")
            and not any(METADATA_KEY in o.get("metadata", {}) for o in c.get("outputs", []))
        ]
        assert not stale, (path.name, stale)
    assert len(names) == len(set(names)), "figure ids must be unique across the book"


# Numbers a caption may state as written: the article's date and the interval the upstream ideal points report.
FIXED_FACTS = ("April 2015", "5-95%")


def typed_numbers(source: str, argument: str) -> list[str]:
    """The literal text holding a digit in the ``argument`` (``alt`` or ``caption``) of every call in a code cell,
    leaving out citation roles (their keys hold years) and :data:`FIXED_FACTS`.

    A number typed into prose goes stale when the data change; the alt text a reader hears and the caption they
    read must be computed (an f-string's values or a function of the plotted data), like every other number.
    """
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg != argument:
                    continue
                specs = {
                    id(inner)
                    for part in ast.walk(keyword.value)
                    if isinstance(part, ast.FormattedValue) and part.format_spec
                    for inner in ast.walk(part.format_spec)
                }
                for part in ast.walk(keyword.value):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str) and id(part) not in specs:
                        text = re.sub(r"\{cite:p\}`[^`]*`", "", part.value)
                        for fact in FIXED_FACTS:
                            text = text.replace(fact, "")
                        if any(char.isdigit() for char in text):
                            found.append(part.value)
    return found


@pytest.mark.parametrize("argument", ["alt", "caption"])
def test_no_figure_alt_text_or_caption_types_a_number(argument: str) -> None:
    typed = {}
    for path in notebooks():
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "code" and typed_numbers(cell.source, argument):
                typed[(path.name, index)] = typed_numbers(cell.source, argument)
    assert typed == {}


def test_a_typed_number_in_prose_is_found() -> None:
    assert typed_numbers('bk.figure(fig, alt=("Trade fell to " f"{low} by " "2021"))', "alt") == [" by 2021"]
    assert typed_numbers('bk.figure(fig, alt=f"Trade fell to {low:,.0f} dollars")', "alt") == []
    assert typed_numbers("bk.figure(fig, alt=text(frame, 2015))", "alt") == []
    assert typed_numbers('bk.figure(fig, caption="Since April 2015 {cite:p}`a-2019`.")', "caption") == []
    assert typed_numbers('bk.figure(fig, caption="COW to 2014 {cite:p}`a-2019`.")', "caption") == [
        "COW to 2014 {cite:p}`a-2019`."
    ]


def test_no_code_visible_in_chapters_except_behind_toggles() -> None:
    hidden = {"remove-input", "remove-cell", "hide-input", "hide-cell"}
    for path in notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                assert hidden & set(cell.metadata.get("tags", [])), (path.name, cell.source[:60])


def test_a_figure_caption_names_the_rows_resting_only_on_secondary_sources() -> None:
    tiers = rd.sources()["tier"].astype(str)
    copy, original = tiers[tiers == "secondary"].index[0], tiers[tiers == "document"].index[0]
    data = pd.DataFrame({"value": [1, 2, 3], "source_id": [copy, copy, original]})
    note = figures.secondary_note(data)
    assert note.startswith(" 2 of the 3 rows plotted rest only on a secondary source")
    assert note.endswith(f"{{cite:p}}`{copy}`.")
    assert figures.secondary_note(data.iloc[[2]]) == ""
    assert figures.secondary_note(pd.DataFrame({"value": [1]})) == ""
    assert "rest only on a secondary source" in figures.caption_markdown("fig-x", "Caption.", ["contacts"], data)


def test_a_figure_whose_labels_would_be_cut_off_is_laid_out_or_refused() -> None:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_yticks([0, 1], ["a very long category label that reaches far left", "short"])
    assert figures.overflow(fig)["left"] > figures.OVERFLOW_INCHES
    svg = figures.fitted_svg(fig, "fig-long-labels")
    assert svg.startswith("<?xml") and max(figures.overflow(fig).values()) <= figures.OVERFLOW_INCHES
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(4, 3))
    fig.text(1.3, 0.5, "placed outside the canvas")
    with pytest.raises(ValueError, match=r"fig-outside.*reach beyond the canvas"):
        figures.fitted_svg(fig, "fig-outside")
    plt.close(fig)


def test_a_running_head_is_a_css_string_whatever_the_title_holds() -> None:
    from russia_dprk_book.site import css_string

    assert css_string("Political sphere") == '"Political sphere"'
    hostile = 'Kim\'s "visit"; } @page { x: "\\ </style>\n 평양'
    escaped = css_string(hostile)
    inner = escaped[1:-1]
    assert escaped[0] == escaped[-1] == '"'
    assert not set(inner) & set("\"';{}<>/\n")  # nothing that could end the string, the rule or the style element
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m[1], 16)), inner) == hostile


def test_bookmarks_get_their_headings_text_in_an_incremental_update() -> None:
    import io

    from pypdf import PdfReader, PdfWriter
    from russia_dprk_book.site import fix_bookmarks

    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(width=200, height=200)
    writer.add_outline_item(title="AnswerAnswer", page_number=0)
    writer.add_outline_item(title="Economic sphere: how much does Russia matterto the economy?", page_number=1)
    writer.add_outline_item(title="Data", page_number=1)
    buffer = io.BytesIO()
    writer.write(buffer)
    printed = buffer.getvalue()
    headings = ["Answer", "Economic sphere: how much does Russia matter to the economy?", "Data"]

    fixed = fix_bookmarks(printed, headings)
    assert fixed.startswith(printed)  # the printed file is untouched; only an update is appended
    reader = PdfReader(io.BytesIO(fixed))
    assert [item.title for item in reader.outline] == headings
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [0, 1, 1]
    assert fix_bookmarks(fixed, headings) == fixed  # nothing left to fix, nothing appended


@functools.cache
def _book_extension(name: str):
    """One of the book's Sphinx extensions (``book/_ext``), imported as Sphinx imports it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, BOOK_DIR / "_ext" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as an import does (a dataclass looks its module up there)
    spec.loader.exec_module(module)
    return module


def test_the_bibliography_style_formats_every_entry_exactly_as_pybtex_plain() -> None:
    from pybtex.backends.html import Backend
    from pybtex.database import parse_file
    from pybtex.style.formatting.plain import Style as Plain

    plugins = _book_extension("bibtex_plugins")
    entries = list(parse_file(BOOK_DIR / "references.bib").entries.values())
    ours = list(plugins.PlainOnce().format_entries(entries))
    theirs = {entry.key: entry for entry in Plain().format_entries(entries)}
    html = Backend()
    assert len(ours) == len(theirs) == len(rd.sources())
    for mine in ours:
        plain = theirs[mine.key]
        assert mine.text == plain.text
        assert mine.text.render(html) == plain.text.render(html)
    # listed in the alphabetical order of their labels, organisations among people ("{" no longer sorts after "z")
    order = [entry.label.casefold() for entry in ours]
    latin = [label for label in order if label[:1].isascii()]
    assert latin.index("deutsche welle, 2015a") < latin.index("marzalik, 2015") < latin.index("tass, 2024c")
    # labelled as cited, so a reader finds "[Marzalik, 2015]" in the list; no two entries share a label
    labels = {entry.key: entry.label for entry in ours}
    assert labels["marzalik-2015"] == "Marzalik, 2015"
    assert labels["joongang-2026-02-14-kim-museum-third-visit"] == "Korea JoongAng Daily, 2026"
    assert len(set(labels.values())) == len(labels)


def test_registered_plugins_are_the_classes_the_entry_points_name() -> None:
    from importlib.metadata import entry_points

    import pybtex.plugin
    from sphinxcontrib.bibtex import plugin as bibtex_plugin

    plugins = _book_extension("bibtex_plugins")
    count = plugins.register_installed_plugins()
    groups = [(group, pybtex.plugin.find_plugin) for group in plugins.PYBTEX_GROUPS]
    groups.append((plugins.REFERENCING_GROUP, bibtex_plugin.find_plugin))
    installed = [(find, group, entry) for group, find in groups for entry in entry_points(group=group)]
    assert installed and all(find(group, entry.name) is entry.load() for find, group, entry in installed)
    aliases = sum(len(entry_points(group=f"{group}.aliases")) for group in plugins.PYBTEX_GROUPS)
    assert count == len(installed) + aliases + 2
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", plugins.STYLE_NAME) is plugins.PlainOnce
    style = bibtex_plugin.find_plugin(plugins.REFERENCING_GROUP, plugins.REFERENCE_STYLE_NAME)
    assert style is plugins.AuthorYearSemicolons


LATEX_ALPHABET = "ab Ж한{}\\%~`'-,.\t\n$&#_^\"!?<>"


@given(st.text(alphabet=LATEX_ALPHABET, max_size=12))
@example("$-$")  # mathematics: the decoder writes a minus sign (found by this test, once in about 40 runs)
@settings(max_examples=400, deadline=None)
def test_reading_a_field_without_the_latex_decoder_changes_nothing(latex: str) -> None:
    from pybtex.richtext import Text

    rich_text = _book_extension("bibtex_plugins").rich_text

    def read(function):
        try:
            return function(latex)
        except Exception as exc:  # both must fail alike on broken LaTeX (a lone backslash, an unclosed brace)
            return type(exc)

    assert read(rich_text) == read(Text.from_latex)


def test_a_page_the_pdfs_cannot_be_cut_from_stops_them_with_one_line(tmp_path: Path) -> None:
    import asyncio

    from russia_dprk_book.site import DATA_PDF, Cutter, PdfError, pdf_volumes

    volume = next(volume for volume in pdf_volumes() if volume.filename == DATA_PDF)
    for name in volume.pages:
        (tmp_path / f"{name}.html").write_text("<html><body><p>No article here.</p></body></html>", encoding="utf-8")

    async def cut() -> list[str]:
        cutter = Cutter(tmp_path, volume)
        await cutter.start()
        try:
            return await cutter.cut()
        finally:
            await cutter.stop()

    first = volume.pages[0]
    with pytest.raises(PdfError, match=rf"^cutting {DATA_PDF}: the built page {first}\.html has no article$"):
        asyncio.run(cut())


def test_a_print_that_reaches_for_another_host_is_refused(tmp_path: Path) -> None:
    import asyncio
    import shutil

    from russia_dprk_book.site import CHROMIUM_OFFLINE_FLAGS, PdfError, PrintTab, print_volume

    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.async_api import async_playwright

    source = tmp_path / "volume.html"
    source.write_text(
        '<html><body><a href="#start">Contents</a><h1 id="start">Start</h1>'
        '<img src="https://example.org/tracker.png" alt=""></body></html>',
        encoding="utf-8",
    )

    async def print_it() -> None:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_OFFLINE_FLAGS)
            try:
                await print_volume(await PrintTab.open(browser), source, tmp_path / "volume.pdf", ["start"])
            finally:
                await browser.close()

    with pytest.raises(PdfError, match=r"^volume\.pdf: the print requested other hosts: https://example\.org/tracker"):
        asyncio.run(print_it())
    assert not (tmp_path / "volume.pdf").exists()


def test_every_citation_label_names_one_source_and_letters_only_where_labels_would_clash() -> None:
    from collections import defaultdict

    from russia_dprk_book.citations import labels

    cited_as = labels()
    registry = rd.sources()
    assert sorted(cited_as) == sorted(registry.index)
    assert len(set(cited_as.values())) == len(registry)
    groups = defaultdict(list)
    for source_id, label in cited_as.items():
        base = re.fullmatch(r"(\d{4}|n\.d\.)(?:-?([a-z]+))?", label.year)
        groups[(label.names, base.group(1))].append((base.group(2) or "", source_id))
    for (names, year), members in groups.items():
        letters = sorted(letter for letter, _ in members)
        if len(members) == 1:
            assert letters == [""], (names, year, members)
            continue
        assert letters == [chr(ord("a") + i) for i in range(len(members))], (names, year, members)
        published = [str(registry.loc[s, "published"]) for _, s in sorted(members)]
        assert published == sorted(published), (names, year, members)


def test_the_bibliography_prints_each_source_with_its_citation_year() -> None:
    from pybtex.database import parse_file
    from russia_dprk_book.citations import labels

    entries = parse_file(BOOK_DIR / "references.bib").entries
    assert {key: entry.fields["year"] for key, entry in entries.items()} == {
        key: label.year for key, label in labels().items()
    }


@pytest.mark.parametrize(
    ("arguments", "code", "says"),
    [
        (["--version"], 0, "Jupyter Book      : "),
        (["build", "/no-such-book"], 2, "Path '/no-such-book' does not exist"),
    ],
)
def test_the_html_build_process_keeps_jupyter_books_exit_code_and_messages(
    arguments: list[str], code: int, says: str
) -> None:
    """The HTML build's process skips the interpreter's teardown (``os._exit``); what jupyter-book printed and the
    code it exited with must still reach the caller."""
    done = subprocess.run([sys.executable, "-c", HTML_BUILD, *arguments], capture_output=True, text=True, timeout=120)
    assert done.returncode == code, done.stderr
    assert says in done.stdout + done.stderr


def test_notebooks_are_read_for_execution_exactly_as_nbformat_reads_them() -> None:
    from russia_dprk_book.notebooks import read

    for path in notebooks():
        assert read(path) == nbformat.read(path, as_version=4), path.name


def test_a_notebook_outside_the_working_folder_runs_on_local_sockets_and_quietly(tmp_path: Path) -> None:
    """``python -m russia_dprk execute`` runs a notebook in its own folder, over Unix sockets named by an absolute
    path (a relative one would be looked for in the notebook's folder, and the kernel would never answer), and says
    nothing about TCP or encryption; the notebook is saved with its output and no socket is left behind."""
    from jupyter_core.paths import jupyter_runtime_dir

    path = tmp_path / "elsewhere" / "tiny.ipynb"
    path.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]), path)
    before = set(Path(jupyter_runtime_dir()).glob("kernel-*-ipc*"))
    done = subprocess.run(
        [sys.executable, "-m", "russia_dprk", "execute", str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "TCP" not in done.stderr and "encryption" not in done.stderr
    assert nbformat.read(path, as_version=4).cells[0].outputs[0]["text"] == "42\n"
    assert set(Path(jupyter_runtime_dir()).glob("kernel-*-ipc*")) == before


def glue_keys_and_pastes() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Every (page, key) a notebook glues, and every (page, key) a page pastes: in its Markdown cells or in Markdown
    its code writes (the landing page's text is generated), with ``page.ipynb::key`` naming another page."""
    glued, pasted = set(), set()
    for path in notebooks():
        glued |= {(path.stem, key) for key in notebook_glue.glued(path)}
        for text in notebook_glue.markdown(path):
            pasted |= {(paste.page, paste.key) for paste in notebook_glue.pastes(text, path.stem)}
    return glued, pasted


def test_every_glued_value_is_pasted_and_every_paste_is_glued() -> None:
    """A value glued but shown nowhere is a fact stated for no reader (and one more output to compute and store)."""
    glued, pasted = glue_keys_and_pastes()
    assert sorted(glued - pasted) == []
    assert sorted(pasted - glued) == []
    assert ("intro", "economic") not in glued and ("economic", "headline_chn_share_latest") in pasted


def test_the_glue_reader_finds_each_form_of_paste() -> None:
    text = "{glue:text}`a:.1f` {glue}`b` {glue:text}`economic.ipynb::c:d`\n```{glue:figure} d\n```"
    found = {(paste.page, paste.key) for paste in notebook_glue.pastes(text, "here")}
    assert found == {("here", "a"), ("here", "b"), ("economic", "c"), ("here", "d")}


def test_an_editorial_table_formats_each_column_by_its_type() -> None:
    """Dates at each row's precision, enumeration codes as their labels, numbers with separators (a column the book
    computed at one precision, so 2 prints beside 1,234.5 as 2.0), text escaped, and every missing value as a dash."""
    from russia_dprk_book.editorial import table

    levels = rd.resource("contacts")["schema"]["fields"][7]["constraints"]["enum"]
    frame = pd.DataFrame(
        {
            "start_date": pd.to_datetime(["2024-06-19", "2001-08-01", None]),
            "date_precision": ["day", "month", "year"],
            "level": pd.Categorical(["leader", "other_senior", None], categories=levels),
            "visitor": pd.array(["Kim Jong Un", "A *starred* name", pd.NA], dtype="string"),
            "value": pd.array([1234.5, 2.0, None], dtype="Float64"),
        }
    )
    columns = {"start_date": "Date", "level": "Level", "visitor": "Visitor", "value": "Value"}
    assert table(frame, "contacts", columns).data.splitlines() == [
        "| Date | Level | Visitor | Value |",
        "|---|---|---|---|",
        "| 19 June 2024 | Leader | Kim Jong Un | 1,234.5 |",
        f"| August 2001 | Other senior | {escape_markdown('A *starred* name')} | 2.0 |",
        "| – | – | – | – |",
    ]


def test_an_editorial_table_prints_a_sources_figure_as_given() -> None:
    """A field of the dataset keeps each figure's own precision ("11" beside "10.94", not "11.00"): adding zeros
    would claim a precision its source did not give."""
    from russia_dprk_book.editorial import table

    frame = pd.DataFrame({"value": pd.array([11.0, 10.94, 40.0], dtype="Float64")})
    assert table(frame, "debt_settlement", {"value": "Value"}).data.splitlines()[2:] == [
        "| 11 |",
        "| 10.94 |",
        "| 40 |",
    ]


def test_an_editorial_table_prints_a_year_without_a_thousands_separator() -> None:
    from russia_dprk_book.editorial import table

    frame = pd.DataFrame({"order_year": pd.array([1975, None], dtype="Int64"), "number_ordered": [1200, 3]})
    assert table(frame, "arms_register", {"order_year": "Ordered", "number_ordered": "Number"}).data.splitlines()[
        2:
    ] == [
        "| 1975 | 1,200 |",
        "| – | 3 |",
    ]


@pytest.mark.parametrize(
    ("author", "cited"),
    [
        ("Anton Sokolin", "Sokolin"),
        ("Michael A. Bailey", "Bailey"),
        ("Lee Kyung-ha", "Lee Kyung-ha"),  # a romanised Korean name: family name first, kept whole
        ("이경하 (Lee Kyung-ha)", "Lee Kyung-ha"),  # two scripts: the Latin one
        ("Lim Soo-ho (임수호)", "Lim Soo-ho"),
        ("최성근", "최성근"),
        ("Korea Institute for National Unification and others", "Korea Institute for National Unification and others"),
    ],
)
def test_a_citation_names_the_author_by_the_name_readers_look_up(author: str, cited: str) -> None:
    """The name a citation prints is the one the bibliography entry starts with: never a Korean given name taken
    for a surname ("Kyung-ha, 2019") or half of a name in two scripts ("Kyung-ha), 2019", "(임수호), 2024")."""
    from russia_dprk_book.citations import _surname, person

    assert _surname(person(author)) == cited


def test_text_from_a_table_cell_is_drawn_as_written_not_as_mathematics() -> None:
    from russia_dprk_book.figures import svg_of
    from russia_dprk_book.style import new_figure

    cell = "Khasan $\\foo{x}$ station, $5-$10m a year"  # an unknown command, and two dollar signs
    fig, ax = new_figure()
    ax.set_title(cell)
    ax.annotate(cell, (0.5, 0.5))
    svg, _ = svg_of(fig)
    assert svg.count(cell) == 2


def test_the_readme_states_the_answer_the_landing_page_computes() -> None:
    intro = nbformat.read(BOOK_DIR / "intro.ipynb", as_version=4)  # nbval checks these outputs against a rerun
    summary = next(
        output["data"]["text/markdown"]
        for cell in intro.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("data", {}).get("text/markdown", "").startswith("**In short:**")
    )
    answer = re.sub(r"\s*\(\{numref\}`[^`]*`\)", "", summary.removeprefix("**In short:** "))
    readme = (BOOK_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert " ".join(answer.split()) in " ".join(readme.split())
    from russia_dprk_book import coverage

    assert f"to {coverage.judged_by()}, the month of the newest report it could read" in " ".join(readme.split())


def test_the_audit_conclusion_follows_from_its_counts_and_says_which_rows_were_re_pointed() -> None:
    from russia_dprk_book import audit

    assert audit.repointed() == 16
    text = audit.glue_values()["audit_conclusion"].data
    assert "85 rows, 41 fully supported by the page checked, 42 partly supported" in text
    assert "(16 rows now cite another source than the page checked" in text
    assert "Fewer than half the audited rows" in text
