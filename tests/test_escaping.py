"""Text from tables never becomes markup: HTML and script in a row are shown as text on every page path."""

from __future__ import annotations

import copy

import docutils.core
import pandas as pd
import pytest
from myst_parser.parsers.docutils_ import Parser

import russia_dprk.documentation as documentation
from russia_dprk.figures import escape_markdown

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "**bold** _it_ `code` {download}`x <y>`",
]


def render_myst(text: str) -> str:
    """HTML from MyST Markdown, as the book renders Markdown cell outputs."""
    html = docutils.core.publish_string(source=text, writer_name="html5", parser=Parser(),
                                        settings_overrides={"report_level": 5, "output_encoding": "unicode"})
    return html.split("<main>")[-1] if "<main>" in html else html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_markdown_renders_as_the_literal_text(payload: str) -> None:
    html = render_myst(f"Source: {escape_markdown(payload)}.")
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "<strong>" not in html and "<em>" not in html
    text = html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    assert payload in text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_table_cells_in_chapter_outputs_are_escaped(payload: str) -> None:
    html = pd.DataFrame({"purpose": [payload]})._repr_html_()
    assert "<script>" not in html and "<img" not in html


def test_appendix_escapes_descriptor_text(monkeypatch) -> None:
    package = copy.deepcopy(documentation.descriptor())
    entry = next(r for r in package["resources"] if r["name"] == "contacts")
    entry["title"] = PAYLOADS[0]
    entry["description"] = PAYLOADS[1]
    entry["schema"]["fields"][0]["description"] = PAYLOADS[0]
    monkeypatch.setattr(documentation, "descriptor", lambda: package)
    markdown = documentation.table_markdown(entry)
    lines = [line for line in markdown.splitlines() if "download" not in line and "cite" not in line]
    html = render_myst("\n".join(lines))
    assert "<script>" not in html and "<img" not in html
    assert "alert(&#x27;x&#x27;)" in html or "alert('x')" in html


def test_figure_footer_escapes_the_source_line(monkeypatch, tmp_path) -> None:
    import russia_dprk.figures as figures

    monkeypatch.setattr(figures, "FIGURE_DATA_DIR", tmp_path)
    monkeypatch.setattr(figures, "source_text", lambda tables: f"Source: {PAYLOADS[0]}")
    footer = figures.figure_footer("fig-test", pd.DataFrame({"a": [1]}), ["contacts"])
    assert "<script>" not in footer.data
    assert (tmp_path / "fig-test.csv").read_text() == "a\n1\n"
