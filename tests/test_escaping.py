"""Text from the data never becomes markup: the escape functions, rendered through MyST as the book renders
Markdown, and the BibTeX bibliography, parsed back with pybtex and formatted as the references page formats it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import docutils.core
import pandas as pd
import pytest
import russia_dprk.validation as validation
import yaml
from csv_rows import rewrite
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from pybtex.database import BibliographyData, parse_string
from pybtex.database.output.bibtex import Writer
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from russia_dprk.catalog import sources
from russia_dprk_book import bibliography, citations, escape

BOOK_EXTENSIONS = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "book" / "_config.yml").read_text(encoding="utf-8")
)["parse"]["myst_enable_extensions"]
PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "**bold** _it_ `code` ~~gone~~",
    "{download}`../../README.md`",
    "{download}`x <../../README.md>`",
    "```{raw} html\n<script>alert(2)</script>\n```",
    ":::{raw} html\n<script>alert(3)</script>\n:::",
    "{{ substitution }}",
    "$x$ and $$y$$",
    "},month={jan",
    "a & b &lt; c &#60;script&#62;",
    "# heading",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1) item",
    "| a | b |",
    "(label)=",
    "[^note]",
    "![alt](x.png)",
    "[ref]: javascript:alert(4)",
    "<!-- comment -->",
    "back\\slash \\*not emphasis\\*",
    "- [ ] task",
    "---",
    "term\n: definition",
    "line one\n\n    indented code",
    "% of visits: a MyST comment line",
    "up 5%\n% the rest on a line of its own",
]
# Markdown leaves a period after leading digits as an ordered-list marker; linkify turns bare domains into links.
NOT_YET_LITERAL = {
    "2019. The series ends in 2019.": "an ordered-list marker at the start of a list item",
    "see nknews.org for the report": "a bare domain (linkify)",
    "www.example.com": "a bare www domain (linkify)",
    "mail desk@example.org": "a bare e-mail address (linkify)",
}
UNSAFE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "http:/x",
    "http://",
    "ftp://example.org/x",
    "https://example.org/}",
    "https://example.org/{x}",
    'https://example.org/"onmouseover=x',
    "https://example.org/<script>",
    "https://example.org@evil.example/",
    "https://user:password@example.org/",
    "https:///x",
    "https://example.org:80x/",
    "https://-example.org/",
    "https://example.org/" + "a" * 2048,
    "https://example.org/ x",
    "https://example.org/\tx",
    "https://example.org/`x`",
    "https://example.org/\\x",
    "https://exаmple.org/",
    "https://example.org/\u202e",
    "https://example.org/x\n",
    "https://example.org/},month={jan",
    "http://127.0.0.1:8000/report",
    "http://192.168.1.10/draft",
]
SAFE_URLS = [
    "https://example.org/",
    "http://example.org/a/b?c=1&d=2#e",
    "https://example.org/x?q=%3Cscript%3E",
    "https://example.org/(x)_[y]~z;a=b,c!d*e'f@g$h+i",
    "https://medium.com/@author/post",
    "https://meduza.io./en/feature",
    "http://175.45.176.71/index.php",
    "https://www.un.org:8080/x",
]


# --- rendering ---------------------------------------------------------------------------------------------------


def render_myst(text: str) -> str:
    """HTML of MyST Markdown, with the book's syntax extensions, as the book renders Markdown cell outputs."""
    parts = docutils.core.publish_parts(
        source=text,
        writer_name="html5",
        parser=Parser(),
        settings_overrides={"report_level": 5, "doctitle_xform": False, "myst_enable_extensions": BOOK_EXTENSIONS},
    )
    return parts["body"]


class Page(HTMLParser):
    """The elements, attributes and text of an HTML fragment, as a browser would see them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.parts: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def flat(text: str) -> str:
    return " ".join(text.split())


CONTEXTS = {
    "paragraph": lambda t: f"Source: {t}.",
    "list item": lambda t: f"- {t}",
    "numbered item": lambda t: f"1. {t}",
    "table cell": lambda t: f"| a | b |\n|---|---|\n| x | {t} |",
    "heading": lambda t: f"### `name`: {t}",
    "start of text": lambda t: t,
}


def structure(context: str) -> list[str]:
    """The elements MyST makes of a context holding one plain word: escaped text must make exactly these."""
    return Page(render_myst(CONTEXTS[context]("plain"))).tags


SHOWN = {
    "paragraph": lambda t: f"Source: {t}.",
    "list item": lambda t: t,
    "numbered item": lambda t: t,
    "table cell": lambda t: f"a b x {t}",
    "heading": lambda t: f"name: {t}",
    "start of text": lambda t: t,
}


def assert_literal(payload: str, context: str) -> None:
    source = CONTEXTS[context](escape.markdown(payload))
    page = Page(render_myst(source))
    assert page.tags == structure(context), (source, page.tags)
    assert not [a for a in page.attributes if a[0] == "href" or a[0].startswith("on")], page.attributes
    assert page.text == flat(SHOWN[context](payload)), source


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_markdown_renders_as_the_literal_text(payload: str, context: str) -> None:
    assert_literal(payload, context)


@pytest.mark.parametrize("payload", NOT_YET_LITERAL)
def test_list_markers_and_bare_links_in_data_render_literally(payload: str) -> None:
    for context in ("list item", "numbered item", "paragraph"):
        assert_literal(payload, context)


TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"]), max_size=40)


@settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT.filter(lambda t: not re.search(r"(^|\s)[0-9]+\.(\s|$)|\w\.\w{2}|@", t)))
def test_any_text_renders_literally_in_a_table_cell_and_a_list_item(text: str) -> None:
    for context in ("table cell", "list item"):
        html = render_myst(CONTEXTS[context](escape.markdown(text)))
        page = Page(html)
        assert not [a for a in page.attributes if a[0] == "href" or a[0].startswith("on")], html
        assert set(page.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "p", "ul", "li"}, html
        assert flat(text) in page.text or not flat(text), (text, page.text)


def test_markdown_flattens_newlines_so_no_block_starts_inside_a_cell() -> None:
    assert "\n" not in escape.markdown("a\nb\r\nc\u2028d")
    assert escape.markdown("a\n\n```{raw} html") == r"a \`\`\`\{raw\} html"


# --- HTML and URLs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_html_is_text_in_content_and_in_an_attribute(payload: str) -> None:
    inside = Page(f"<p>{escape.html(payload)}</p>")
    assert inside.tags == ["p"] and inside.text == flat(payload)
    attribute = Page(f'<a class="x" href="figure-data/{escape.html(payload)}.csv">data</a>')
    assert attribute.tags == ["a"] and [name for name, _ in attribute.attributes] == ["class", "href"]
    assert attribute.attributes[1][1] == f"figure-data/{payload}.csv"


@pytest.mark.parametrize("value", UNSAFE_URLS)
def test_unsafe_urls_are_refused(value: str) -> None:
    assert escape.url(value) is None


@pytest.mark.parametrize("value", SAFE_URLS)
def test_safe_urls_pass_unchanged_and_stay_one_attribute(value: str) -> None:
    assert escape.url(value) == value
    page = Page(f'<a href="{escape.html(escape.url(value))}">x</a>')
    assert page.attributes == [("href", value)]
    link = Page(render_myst(f"[x](<{escape.url(value)}>)"))  # MyST re-encodes some characters; scheme and host stay
    hrefs = [v for k, v in link.attributes if k == "href"]
    assert len(hrefs) == 1 and unquote(hrefs[0]).split("?")[0] == value.split("?")[0]


URLISH = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda scheme, rest: scheme + rest,
        st.sampled_from(["http://", "https://", "javascript:", "HTTP://", "https:/", "data:", ""]),
        st.text(st.characters(codec="ascii"), max_size=30),
    ),
)


@settings(max_examples=40, deadline=None, database=None, derandomize=True)
@given(value=URLISH)
def test_the_page_and_the_validator_agree_on_what_a_safe_url_is(value: str) -> None:
    """One rule in two places (escape.url for pages, the descriptor's ``format: uri`` for validate)."""
    _, rule, _ = validation.parse_cell(value, {"name": "url", "type": "string", "format": "uri"})
    accepted_by_validate = rule is None and value != ""
    assert (escape.url(value) is not None) == accepted_by_validate, value
    if escape.url(value) is not None:
        assert value.startswith(("http://", "https://")) and not re.search(r"[\s\"<>`{}\\]", value)


# --- BibTeX ----------------------------------------------------------------------------------------------------

BIB_PAYLOADS = [
    "},month={jan",
    "}, month = {jan",
    '", month = "jan',
    "{",
    "}",
    "}}}}",
    "{{{{",
    "\\",
    "\\}",
    "@misc{evil, title={x}}",
    "<script>alert('b')</script>",
    "{download}`../../README.md`",
    "a = b, c",
    'ü "quoted" – dash',
    "$x^2$ ~ y",
]
STYLE = find_plugin("pybtex.style.formatting", "plain")()


def registry_row(**changes):
    row = sources().iloc[0].copy()
    for key, value in changes.items():
        row[key] = value
    return row


def rendered_title(text: str) -> str:
    """The source title as the references page shows it (pybtex's LaTeX reader, as sphinxcontrib-bibtex uses)."""
    entry = bibliography.entry("s", registry_row(title=text))
    written = bibliography.Writer().to_string(BibliographyData({"s": entry}))
    return Text.from_latex(parse_string(written, "bibtex").entries["s"].fields["title"]).render_as("text")


def rendered_links(row) -> list[str]:
    """The links of a source's entry as the references page formats it (pybtex's plain style)."""
    written = bibliography.Writer().to_string(BibliographyData({"s": bibliography.entry("s", row)}))
    formatted = next(iter(STYLE.format_entries([parse_string(written, "bibtex").entries["s"]])))
    return [v for k, v in Page(formatted.text.render_as("html")).attributes if k == "href"]


@pytest.mark.parametrize("payload", BIB_PAYLOADS)
def test_latex_of_a_payload_keeps_its_braces_balanced(payload: str) -> None:
    text = citations.latex(payload)
    Writer().check_braces(text)
    assert "{" not in re.sub(r"\\[a-z]+\{\}", "", text.replace("\\{", "")) or payload.count("{") == 0


@pytest.mark.parametrize("payload", BIB_PAYLOADS)
def test_a_payload_in_a_source_cannot_open_another_field_or_entry(payload: str) -> None:
    registry = sources()
    rows = {source_id: row.copy() for source_id, row in registry.head(5).iterrows()}
    first = next(iter(rows))
    for key in ("title", "publisher", "author"):
        rows[first][key] = payload if key != "author" else f"{payload}; Second {payload}"
    second = list(rows)[1]
    rows[second]["author"] = float("nan")  # the publisher becomes the author
    rows[second]["publisher"] = payload
    built = {source_id: bibliography.entry(source_id, row) for source_id, row in rows.items()}
    parsed = parse_string(bibliography.Writer().to_string(BibliographyData(built)), "bibtex")
    assert list(parsed.entries) == list(rows)
    for source_id, entry in built.items():
        back = parsed.entries[source_id]
        assert sorted(back.fields) == sorted(entry.fields), source_id
        assert ("month" in back.fields) == (len(str(rows[source_id]["published"])) >= 7), source_id
        assert back.fields["url"] == entry.fields["url"] and back.fields["year"] == entry.fields["year"]
        assert len(back.persons["author"]) == len(entry.persons["author"])


def test_a_source_without_a_month_gets_no_month_whatever_its_title() -> None:
    row = registry_row(title="},month={jan", publisher="}, month = {feb", published="2024")
    written = BibliographyData({"s": bibliography.entry("s", row)}).to_string("bibtex")
    entry = parse_string(written, "bibtex").entries["s"]
    assert "month" not in entry.fields and entry.fields["year"] == "2024"
    assert written.count("@misc{") == 1 and "month" not in written.replace("month=", "").replace("month =", "")


def test_every_registered_source_is_one_entry_of_the_bibliography() -> None:
    registry = sources()
    parsed = parse_string(bibliography.bibtex(), "bibtex")
    assert list(parsed.entries) == list(registry.index)
    for source_id, entry in parsed.entries.items():
        published = registry.loc[source_id, "published"]
        has_month = isinstance(published, str) and len(published) >= 7
        assert ("month" in entry.fields) == has_month, source_id


def test_a_plain_url_is_the_link_of_its_entry() -> None:
    assert rendered_links(registry_row(url="https://example.org/report")) == ["https://example.org/report"]


def test_urls_with_query_strings_are_the_links_of_their_entries() -> None:
    url = "https://example.org/a_b/c?x=1&y=%3D2#frag~z"
    assert rendered_links(registry_row(url=url)) == [url]


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('b')</script>",
        "a = b, c",
        'ü "quoted" – dash',
        "back\\slash",
        "$x^2$ ~ y",
        "90% of the debt",
        "A & B",
        "No. #1",
        "snake_case",
    ],
)
def test_titles_render_as_their_text(payload: str) -> None:
    """Each special character is encoded once (a double encoding made '%' break the references page); backslashes
    and braces, which BibTeX cannot show, appear as their full-width look-alikes."""
    assert rendered_title(payload) == payload.translate(citations.LOOK_ALIKES)


@pytest.mark.parametrize("payload", ["},month={jan", "{download}`x`"])
def test_braces_in_a_title_show_no_latex_commands(payload: str) -> None:
    assert "\\" not in rendered_title(payload)
    assert rendered_title(payload) == payload.translate(citations.LOOK_ALIKES)


def test_an_author_name_containing_and_stays_one_author() -> None:
    row = registry_row(author="Ministry of Trade and Industry; Kim Jong")
    written = bibliography.Writer().to_string(BibliographyData({"s": bibliography.entry("s", row)}))
    persons = parse_string(written, "bibtex").entries["s"].persons["author"]
    assert len(persons) == 2


def test_a_crafted_url_is_refused_by_the_bibliography_too() -> None:
    with pytest.raises(Exception, match="url"):
        bibliography.entry("s", registry_row(url="https://example.org/},month={jan"))


# --- a month the registry's pattern accepts but no calendar has -------------------------------------------------


def _set_published(data_copy: Path, value: str) -> None:
    def change(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("published")] = value

    rewrite(data_copy / "sources.csv", change)


@pytest.mark.parametrize("value", ["2024-13", "2024-00", "2024-99-01"])
def test_published_month_out_of_range(data_copy: Path, value: str, monkeypatch) -> None:
    import russia_dprk.catalog as catalog

    _set_published(data_copy, value)
    problems = [p for p in validation.validate(data_copy) if p.field == "published"]
    if problems:
        return
    monkeypatch.setattr(catalog, "DATA_DIR", data_copy)
    entry = parse_string(bibliography.bibtex(), "bibtex").entries[sources().index[0]]
    assert "month" not in entry.fields


def test_pandas_tables_in_notebook_outputs_escape_cells() -> None:
    """The methods page shows value counts as pandas HTML; pandas escapes cell and index text."""
    frame = pd.DataFrame({"rows": [1]}, index=pd.Index(["<script>alert('x')</script>"], name="finding"))
    page = Page(frame._repr_html_())
    assert "script" not in page.tags and "<script>alert('x')</script>" in page.text
