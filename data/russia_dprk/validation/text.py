"""Text typed by hand: one spelling per name, words that are not data, placeholders, footnote marks, stray spaces,
brackets and pasted repeats.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Any

from .cells import MISSING_WORDS, cell_parser
from .common import DESCRIPTOR_FILE, NUMBER, Problem, Table, Unread, odd_ones_out
from .links import pasted_link_problem

# Cyrillic letters as Latin ones (after accents are dropped: "й" is "и", "ё" is "е"), so that a name written in
# Cyrillic in one row and transliterated in another ("ТАСС", "TASS") is one name written two ways.
CYRILLIC_LATIN = str.maketrans(
    dict(zip("абвгдезиклмнопрстуфыэ", "abvgdeziklmnoprstufye", strict=True))
    | {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""}
)


@lru_cache(maxsize=65536)  # names recur across rows and fields; the form of one is computed once a run
def spelling_key(name: str) -> str:
    """The form two names are compared in for ``x-one-spelling``: without accents, case, the word "the", spaces or
    punctuation, and with Cyrillic letters transliterated.

    >>> spelling_key("The Korea Herald") == spelling_key("Korea-Herald") == spelling_key("KOREA HERALD")
    True
    >>> spelling_key("Western intelligence (via The Times)") == spelling_key("Western intelligence (via Times)")
    True
    >>> spelling_key("ТАСС") == spelling_key("TASS"), spelling_key("Сергей Лавров") == spelling_key("Sergei Lavrov")
    (True, True)
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]", "", re.sub(r"\bthe\s+", "", plain.translate(CYRILLIC_LATIN)))


# A digit somewhere in the run, checked ahead, so that the run is read once (``[0-9,]*[0-9][0-9,]*`` tried every
# split of a long run of figures: 16,000 digits took seconds).
NUMBER_LIKE = re.compile(r"[+-]?(0[xob][0-9a-f_]+|(?=[0-9_,.]*[0-9])[0-9_,.]++(e[+-]?[0-9]+)?)", re.IGNORECASE)
LINK_LIKE = re.compile(r"(https?|ftp|file|mailto|javascript|data|vbscript):", re.IGNORECASE)
DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}([-/.][0-9]{1,4})?([T ][0-9:.]+Z?)?", re.IGNORECASE)


def is_name(value: str) -> bool:
    """Whether text can be a name: it has a letter, and is not a number (in any notation), a date or a link.

    >>> is_name("38 North"), is_name("1e309"), is_name("0x10"), is_name("2025-01-01T00:00"), is_name("https://x.org")
    (True, False, False, False, False)
    """
    text = value.strip()
    if NUMBER_LIKE.fullmatch(text) or DATE_LIKE.fullmatch(text) or LINK_LIKE.match(text):
        return False
    return any(unicodedata.category(char).startswith("L") for char in value)


def text_fields(entry: dict[str, Any]) -> list[str]:
    """The fields of a table entered by hand (curated or a registry) that hold free text: strings with no
    enumeration, pattern, format or partial-date rule that point at no other row and record no pinned copy.

    >>> text_fields({"x-kind": "curated", "schema": {"fields": [{"name": "note", "type": "string"},
    ...     {"name": "source_id", "type": "string"}], "foreignKeys": [{"fields": ["source_id"]}]}})
    ['note']
    """
    if entry["x-kind"] == "derived":  # written by a build from its upstream file, checked against its hash
        return []
    schema = entry["schema"]
    pointing = {f for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
    pointing |= {rule["field"] for rule in entry.get("x-key-lists", [])}
    pointing |= {ref[k] for ref in entry.get("x-row-references", []) for k in ("table_field", "key_field")}
    if "x-pinned-copy" in entry:
        pointing.add(entry["x-pinned-copy"]["field"])
    return [
        field["name"]
        for field in schema["fields"]
        if field["type"] == "string"
        and not {"enum", "pattern"} & set(field.get("constraints", {}))
        and "format" not in field
        and "x-partial-date" not in field
        and field["name"] not in pointing
    ]


# Text a paraphrase may quote in the original: between double, guillemet, corner or typographic single quotes, or
# plain single quotes that are not an apostrophe ("Kim's").
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|「[^」]*」|『[^』]*』|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")


def latin_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Paraphrase written in another script (``x-latin-text``): the project writes its tables in English, so at least
    half the letters of such a field, outside quotations, are Latin; "평양" for "Pyongyang", a detail pasted in Russian.
    A quotation of the original, in quotation marks, is kept as written."""
    problems = []
    for name in entry.get("x-latin-text", []):
        for line, record in table.records:
            value = record.get(name, "")
            if value.isascii():
                continue
            letters = [c for c in QUOTED.sub(" ", value) if c.isalpha()]
            latin = sum(1 for c in letters if c.isascii() or unicodedata.name(c, "").startswith("LATIN"))
            if len(letters) >= 2 and latin * 2 < len(letters):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "language",
                        f"value {value!r} is not in Latin letters: the tables are written in English; translate it, "
                        "or quote the original in quotation marks beside the English",
                    )
                )
    return problems


def words_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Free text (:func:`text_fields`) that is not written in words: only a number, a date or a link, or no letter
    at all ("-1", "1900-01-01", "javascript:alert(1)", "\\"). Such a cell holds a value typed into the wrong
    column; a figure in a note is written with the words that say what it is ("-18% y/y")."""
    problems = []
    for name in text_fields(entry):
        for line, record in table.records:
            value = record[name]
            if value and value.casefold() not in MISSING_WORDS and not is_name(value):  # missing words: a cell rule
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "words",
                        f"value {value!r} is only a number, a date or a link, or has no letter: {name} is text "
                        "written in words",
                    )
                )
    return problems


def _names_by_form(table: Table, name: str, unread: Unread) -> dict[str, list[tuple[int, str]]]:
    """The rows of field ``name`` that hold a name, grouped by the name's compared form (:func:`spelling_key`; a
    name of two or more words joins the first form written with the same words in any order, so "Shoigu Sergei"
    is "Sergei Shoigu"): ``(line, value)`` in file order. Empty cells, words for a missing value, values that are
    not names and cells that could not be read are left out."""
    groups: dict[str, list[tuple[int, str]]] = {}
    by_words: dict[str, str] = {}  # a name's words in sorted order -> the first compared form with them
    for line, record in table.records:
        value = record.get(name, "")
        if not value or value.casefold() in MISSING_WORDS or not is_name(value) or (line, name) in unread:
            continue
        form = spelling_key(value)
        words = sorted(spelling_key(word) for word in re.findall(r"[^\W_]+", value))
        form = by_words.setdefault("".join(words), form) if len(words) > 1 else form
        groups.setdefault(form, []).append((line, value))
    return groups


def spelling_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Names written two ways in one field (``x-one-spelling``): "Kim Jong-un" beside "Kim Jong Un", "Korea
    Herald" beside "The Korea Herald", "Shoigu Sergei" beside "Sergei Shoigu". Code that selects by name would
    miss the second spelling without a word. A value that is not a name at all is left to :func:`words_problems`."""
    problems = []
    for name in entry.get("x-one-spelling", []):
        problems += [
            Problem(
                table.path,
                line,
                name,
                "spelling",
                f"value {value!r} is written {usual!r} on {count} line(s), first on line {first}: write one name one "
                "way",
            )
            for rows in _names_by_form(table, name, unread).values()
            for line, value, usual, count, first in odd_ones_out(rows)
        ]
    return sorted(problems, key=lambda p: p.line or 0)


# Text this long or longer is a row's own paraphrase: two rows holding it word for word is a copy (``x-once``).
ONCE_LENGTH = 20


def once_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows whose text, of :data:`ONCE_LENGTH` characters or more, another row of the field already holds word for
    word (``x-once``): a purpose, a detail or a claim is written for its own row, so the same text twice is a row
    pasted over its neighbour's. Compared without case or the spaces around it.

    >>> table = Table("p.csv", ["detail"], [(2, {"detail": "Reuters: bridge ready by summer 2026."}),
    ...                                     (3, {"detail": "reuters: bridge ready by summer 2026. "})])
    >>> [(p.line, p.rule) for p in once_problems(table, {"x-once": ["detail"]})]
    [(3, 'once')]
    """
    problems = []
    for name in entry.get("x-once", []):
        seen: dict[str, int] = {}
        for line, record in table.records:
            value = record.get(name, "")
            compared = " ".join(value.casefold().split())
            if len(compared) < ONCE_LENGTH:
                continue
            first = seen.setdefault(compared, line)
            if first != line:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "once",
                        f"value {value[:60]!r}{'...' if len(value) > 60 else ''} is line {first}'s {name} word for "
                        f"word: each row's {name} is written for it, so this one was pasted from another row",
                    )
                )
    return problems


# Names shorter than this (in compared form) may differ by one letter and be two names ("Ri Il" and "Ri Ul").
NEAR_LENGTH = 7


def _one_apart(keys: list[str]) -> list[set[str]]:
    """Groups of compared forms (:func:`spelling_key`) within one letter of each other: one letter changed, added,
    dropped or two swapped ("choesonhui", "choisonhui"); forms under :data:`NEAR_LENGTH` letters and forms that differ
    only in their digits ("article3", "article4") are left apart. Each form's one-letter deletions are indexed, so the
    cost grows with the letters, not with the pairs."""
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    seen: dict[str, str] = {}
    for key in keys:
        if len(key) < NEAR_LENGTH:
            continue
        for shorter in {key, *(key[:at] + key[at + 1 :] for at in range(len(key)))}:
            other = seen.setdefault(shorter, key)
            if other != key and re.sub(r"[0-9]", "", other) != re.sub(r"[0-9]", "", key):
                parent[root(other)] = root(key)
    groups: dict[str, set[str]] = {}
    for key in keys:
        groups.setdefault(root(key), set()).add(key)
    return [group for group in groups.values() if len(group) > 1]


def near_spelling_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Names one letter apart in one field (``x-near-spelling``): "Choi Son Hui" beside "Choe Son Hui", "South Korean
    NIS" beside "South Korea NIS". Like two spellings (``x-one-spelling``), they split one series where code selects
    by name; the rows giving the less usual name are named."""
    problems = []
    for name in entry.get("x-near-spelling", []):
        usual = _names_by_form(table, name, unread)
        for group in _one_apart(list(usual)):
            rows = [(line, key) for key in group for line, _ in usual[key]]
            shown = {key: usual[key][0][1] for key in group}
            for line, key, common, count, first in odd_ones_out(sorted(rows)):
                value = next(v for at, v in usual[key] if at == line)
                problems.append(
                    Problem(
                        table.path,
                        line,
                        name,
                        "spelling",
                        f"value {value!r} is one letter from {shown[common]!r} (case, spaces and punctuation aside), "
                        f"given on {count} line(s), first on line {first}: write one name one way",
                    )
                )
    return sorted(problems, key=lambda p: p.line or 0)


# An HTML character reference ("&amp;", "&#39;", "&rsquo;"): text copied from a page's source, or escaped twice. A
# named one counts only where HTML names it ("AT&T;" is not a reference).
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,31});")


# Markup copied with the text: an HTML tag that formats or links text ("<b>", "</span>", '<a href="...">', "<br/>"),
# or Markdown's link or bold ("[the text](https://...)", "**few**"). Other angle brackets are kept: headlines mark
# their source in them ('...훈련 추진"<VOA>').
HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|s|em|strong|br|p|span|div|sup|sub|font|small|img|li|ul|ol|h[1-6]|blockquote|table|tr|td)"
    r"(?:\s[^<>]*)?/?>|(?i:</(?:a|b|i|u|em|strong|p|span|div|sup|sub|font)>|<br\s*/?>)"
)
MARKDOWN = re.compile(r"\[[^\]\n]+\]\((?:https?://|www\.|/)[^)\s]*\)|(?<![*\w])\*\*(?=\w)")
TRAILING = ",;"  # a list separator that ends a cell: the item after it was lost
TEXT_MAX = 4000  # characters in one cell of text entered by hand; the longest note kept is about 1,800


# Text that stands in for what was not yet written: a to-do mark, filler, or one character typed over and over.
PLACEHOLDER = re.compile(r"(?<![\w-])(?:TODO|FIXME)(?![\w-])|(?i:lorem ipsum)|^(?i:todo|fixme)\s*:")


# What text must hold for each pattern to match, looked for with ``in`` in a whole column first: the patterns start
# with a lookbehind, which the regular-expression engine tries at every position of every cell (over ten times as
# slow on the committed tables).
PLACEHOLDER_HINTS = ("TODO", "FIXME", "odo", "ixme")  # "todo:" in any case, and "lorem ipsum" in any case


# A whole cell that stands in for one (compared case-folded, without end punctuation): "TBD" inside a headline is
# the headline's word ("venue TBD"); a cell of only "tbd", "ditto" or "same as above" was never written.
PLACEHOLDER_CELLS = {"tbd", "tbc", "todo", "fixme", "placeholder", "ditto", "idem", "same as above", "as above"}


PLACEHOLDER_CELLS |= {"see above", "to be added", "to be confirmed", "to be determined", "xxx", "tba", "wip"}


PLACEHOLDER_CELLS |= {"to be announced"}


# A footnote mark copied with the text from a page (Wikipedia's "[1]", "[citation needed]").
# A number's mark sits on the word ("Nam[1]"); "[1] study, [2] business" numbers a list.
FOOTNOTE = re.compile(
    r"(?<=[^\s\[(])\[[0-9]{1,3}\]|\[(?:citation needed|clarification needed|better source needed|page needed|"
    r"failed verification|note [0-9]+|when\?|who\?)\]",
    re.I,
)


# A backslash escape copied from code or a JSON file ('\"' for '"', "\n" for a new line).
ESCAPED = re.compile(r"\\(?:[\"'nrt/]|u[0-9a-fA-F]{4})")
WINDOWS_PATH = re.compile(r"\b[A-Za-z]:\\\S*")  # "C:\new\treaty.xlsx": its backslashes are not escapes


# Every space character but the ordinary one (Unicode's category Zs): no-break, figure, thin, en, em, ideographic...
OTHER_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
ODD_SPACE_HINTS = ("  ", *OTHER_SPACES)
REPEATED_CHARACTER = re.compile(r"(.)\1{2,}", re.IGNORECASE)


# Two spaces in a row where a word was deleted, or another kind of space pasted from a page.
ODD_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)|[" + OTHER_SPACES + "]")


def _between_wide(value: str, space: re.Match[str]) -> bool:
    """Whether a match of :data:`ODD_SPACE` is an ideographic space between East Asian characters, as Japanese and
    Chinese headlines separate their clauses ("ロシア西部に到着\u3000ウクライナ情報機関"): kept as the source
    writes it."""
    start, end = space.span()
    if space.group() != "\u3000" or start == 0 or end == len(value):
        return False
    return unicodedata.east_asian_width(value[start - 1]) in ("W", "F")  # "北朝鮮兵\u30001万人超" too


def _pasted_twice(value: str) -> bool:
    """Whether a cell is one text written twice back to back ("South Korea NISSouth Korea NIS", "TASSTASS"), or
    text of several words written twice with a space between: four or more characters, at least three of them
    different, so "Walla Walla", "Duran Duran" and "aaaaaaaa" are not.

    >>> _pasted_twice("csp-treaty-2024csp-treaty-2024"), _pasted_twice("Walla Walla"), _pasted_twice("aaaaaaaaaa")
    (True, False, False)
    >>> _pasted_twice("Kim Yong Nam Kim Yong Nam"), _pasted_twice("Bora Bora")
    (True, False)
    """
    half, odd = divmod(len(value), 2)
    if odd and value[half] == " " and " " in value[:half]:  # "Kim Yong Nam Kim Yong Nam": words, pasted twice
        return value[:half] == value[half + 1 :] and len(set(value[:half])) >= 3
    return not odd and half >= 4 and value[:half] == value[half:] and len(set(value[:half])) >= 3


def _listed_twice(value: str) -> str | None:
    """The first item a ";"-separated list names twice ("RUS;PRK;RUS"), or ``None``.

    >>> _listed_twice("RUS;PRK;RUS"), _listed_twice("Anton Sokolin; Shreyas Reddy")
    ('RUS', None)
    """
    seen: set[str] = set()
    for item in (part.strip() for part in value.split(";")):
        if item and item in seen:
            return item
        seen.add(item)
    return None


# Not braces: markup that pages and BibTeX escape. German quotes open low and close with the mark English opens with.
BRACKETS = {"(": ")", "[": "]", "“": "”", "«": "»", "»": "«", "„": "“", "「": "」", "『": "』"}  # »…« is German
CLOSING = {close: opening for opening, close in BRACKETS.items()}


# An item's mark in a list written in a sentence ("1) sanctions, 2) the border", "a) the treaty"): a ")" alone.
# Any script's letter ("가)", "а)", "ア)") and numbered items ("1.a)", "3.1)") too.
LIST_MARKER = re.compile(r"(?:^|[\s:;,])(?:[0-9]{1,2}(?:\.[0-9A-Za-z]{1,2})*|[^\W\d_]|[ivxIVX]{2,4})$")
BRACKET_CHARACTER = re.compile("[" + re.escape("".join(BRACKETS) + "".join(CLOSING)) + "]")


def unpaired_bracket(value: str) -> str | None:
    """The first bracket or typographic quote in ``value`` that has no partner (``'('``), or ``None``.

    >>> unpaired_bracket("Talks (in Moscow) on “trade”") is None
    True
    >>> unpaired_bracket("Talks on trade (in Mos"), unpaired_bracket("in Moscow) on trade")
    ("'('", "')'")
    >>> unpaired_bracket("two reasons: 1) sanctions, 2) the border"), unpaired_bracket("„Kursk“ und 「東京」")
    (None, None)
    """
    stack: list[str] = []
    for found in BRACKET_CHARACTER.finditer(value):
        char = found.group()
        if stack and char == BRACKETS[stack[-1]]:
            stack.pop()
        elif char in BRACKETS:
            stack.append(char)
        elif not (char == ")" and LIST_MARKER.search(value, 0, found.start())):
            return repr(char)
    return repr(stack[-1]) if stack else None


def _character_reference(value: str) -> str | None:
    """The first HTML character reference in ``value`` that a browser would turn into a character, or ``None``.

    >>> _character_reference("R&amp;D"), _character_reference("the FSB&rsquo;s"), _character_reference("AT&T; Q&A")
    ('&amp;', '&rsquo;', None)
    """
    return next((m.group() for m in CHARACTER_REFERENCE.finditer(value) if html.unescape(m.group()) != m.group()), None)


def hand_entry_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Slips of hand entry in the text of a curated table or a registry, where a build never writes the cells:

    - ``markup``: an HTML character reference (``&amp;``, ``&#39;``, ``&rsquo;``), copied from a page's source or
      escaped twice: pages escape what they print, so a reader would see "&amp;" where the source has "&"; an HTML
      tag or Markdown's link or bold, copied with the text;
    - ``repeated``: a whole cell that is one text pasted twice ("South Korea NISSouth Korea NIS"), or a list that
      names an item twice ("RUS;PRK;RUS");
    - ``cut-short``: text that ends in a list separator ("," or ";"), the item after it lost;
    - ``unbalanced``: a bracket or typographic quote without its partner ("talks (in Mos"), text cut short or
      pasted in part;
    - ``scientific``: a number in scientific notation ("9E+06"), the form a spreadsheet shows a large figure in
      after rounding it to a few digits: a source states its figures in full;
    - ``placeholder``: text standing in for text not yet written ("TODO", "TBD", "lorem ipsum", "xxx");
    - ``long``: a cell of text over :data:`TEXT_MAX` characters, a page pasted where a note belongs;
    - ``spacing``: two spaces in a row (a word deleted) or another space character pasted from a page (no-break,
      thin, en, ideographic...), which reads as a space but does not match one;
    - ``indirect`` and ``tracking``: a link that reaches its document through another site, or carries parameters
      saying how a reader arrived (:func:`pasted_link_problem`).

    A link, a number and a date are otherwise checked for a paste only ("1920019200" for 19200; a path may end in
    any character).

    >>> table = Table("t.csv", ["note"], [(2, {"note": "R&amp;D;"})])
    >>> [p.rule for p in hand_entry_problems(table, {"x-kind": "curated", "schema": {"fields": [
    ...     {"name": "note", "type": "string"}]}})]
    ['markup', 'cut-short']
    >>> table = Table("t.csv", ["low"], [(2, {"low": "1.2E+07"})])
    >>> entry = {"x-kind": "curated", "schema": {"fields": [{"name": "low", "type": "number"}]}}
    >>> [p.rule for p in hand_entry_problems(table, entry)]
    ['scientific']
    """
    if entry["x-kind"] == "derived":  # written by a build from its upstream file, checked against its hash
        return []
    problems = []
    names = set(entry.get("x-one-spelling", []))  # fields of names, where an acronym may look like a placeholder
    for field in entry["schema"]["fields"]:
        name = field["name"]
        kind = "link" if field.get("format") == "uri" else "text" if field["type"] == "string" else field["type"]
        column = "\n".join([record[name] for _, record in table.records]) if kind == "text" else ""
        may_fill = any(hint in column for hint in PLACEHOLDER_HINTS) or (
            ("orem" in column or "OREM" in column) and "lorem ipsum" in column.lower()
        )
        may_space = any(hint in column for hint in ODD_SPACE_HINTS)
        for line, record in table.records:
            value = record[name]
            if not value:
                continue
            if kind == "link" and not _pasted_twice(value):  # a link pasted twice is told as such, below
                pasted = pasted_link_problem(value)
                if pasted:
                    problems.append(Problem(table.path, line, name, pasted[0], f"value {value!r} {pasted[1]}"))
            if kind != "text":
                if kind == "number" and NUMBER.fullmatch(value) and "e" in value.lower():
                    said = (
                        f"value {value!r} is in scientific notation, the form a spreadsheet shows a large figure in "
                        "after rounding it to a few digits: write the figure in full, as the source gives it"
                    )
                    problems.append(Problem(table.path, line, name, "scientific", said))
                if _pasted_twice(value):
                    said = f"value {value!r} is one {kind} written twice: keep it once"
                    problems.append(Problem(table.path, line, name, "repeated", said))
                continue
            if len(value) > TEXT_MAX:
                said = (
                    f"value {value[:40]!r}... is {len(value):,} characters long, over {TEXT_MAX:,}: a cell holds a "
                    "note, not a pasted page; keep the words that support the row"
                )
                problems.append(Problem(table.path, line, name, "long", said))
            markup = _character_reference(value) if "&" in value else None
            if markup:
                said = f"value {value!r} holds the character reference {markup!r}: write the character itself"
                problems.append(Problem(table.path, line, name, "markup", said))
            tag = (HTML_TAG.search(value) if "<" in value else None) or (
                MARKDOWN.search(value) if "*" in value or "](" in value else None
            )
            if tag:
                said = (
                    f"value {value!r} holds {tag.group()[:40]!r}, markup copied with the text (HTML or Markdown): "
                    "write the text alone"
                )
                problems.append(Problem(table.path, line, name, "markup", said))
            if _pasted_twice(value):
                said = f"value {value!r} is one text written twice: keep it once"
                problems.append(Problem(table.path, line, name, "repeated", said))
            listed_twice = _listed_twice(value)
            if listed_twice:
                said = f"value {value!r} lists {listed_twice!r} twice: keep it once"
                problems.append(Problem(table.path, line, name, "repeated", said))
            if value[-1] in TRAILING:
                said = f"value {value!r} ends in {value[-1]!r}: the item after it is missing"
                problems.append(Problem(table.path, line, name, "cut-short", said))
            unpaired = unpaired_bracket(value)
            if unpaired:
                said = f"value {value!r} has {unpaired} without its partner: text cut short or pasted in part?"
                problems.append(Problem(table.path, line, name, "unbalanced", said))
            filler = (PLACEHOLDER.search(value) if may_fill else None) or (
                REPEATED_CHARACTER.fullmatch(value) if value[1:2] in (value[0], value[0].swapcase()) else None
            )
            whole = value.strip(" .:!").casefold() in PLACEHOLDER_CELLS and name not in names  # "TBC" is a broadcaster
            standing = filler.group() if filler else value if whole else ""
            if standing:
                said = f"value {value!r} holds {standing!r}, which stands in for text not yet written: write it"
                problems.append(Problem(table.path, line, name, "placeholder", said))
            footnote = FOOTNOTE.search(value) if "[" in value else None
            if footnote:
                said = (
                    f"value {value!r} holds {footnote.group()!r}, a footnote mark copied with the text from a page: "
                    "drop it"
                )
                problems.append(Problem(table.path, line, name, "markup", said))
            escaped = ESCAPED.search(WINDOWS_PATH.sub("", value)) if "\\" in value else None
            if escaped:
                said = f"value {value!r} holds {escaped.group()!r}, an escape copied from code or JSON: write the text"
                problems.append(Problem(table.path, line, name, "markup", said))
            space = (
                next((m for m in ODD_SPACE.finditer(value) if not _between_wide(value, m)), None) if may_space else None
            )
            if space:
                said = (
                    f"value {value!r} has two spaces in a row (a word deleted?): keep one"
                    if space.group().startswith(" ")
                    else f"value {value!r} holds U+{ord(space.group()):04X} "
                    f"({unicodedata.name(space.group()).lower()}), a space pasted from a page that does not match an "
                    "ordinary one: type an ordinary space"
                )
                problems.append(Problem(table.path, line, name, "spacing", said))
    return problems


# The descriptor's prose, which the data appendix and the chapters print: each text under one of these keys, and each
# value of a mapping under one of the second (a field's labels, the countries' names).
PROSE_KEYS = frozenset({"title", "description", "why", "x-processing", "x-citation", "x-unit", "unit", "x-exceptions"})
PROSE_MAPPINGS = frozenset({"x-labels", "x-country-names"})
FENCE = re.compile(r"\s*(```|~~~|:::)")  # a line opening (or closing) a Markdown code fence or a MyST directive


def descriptor_prose(node: Any, where: str = "", prose: bool = False) -> list[tuple[str, str]]:
    """Each text of the descriptor that a reader sees, with where it is (``resources[contacts].title``): a list item
    that names itself (a table, a field) is named, any other is numbered.

    >>> descriptor_prose({"title": "T", "resources": [{"name": "a", "x-labels": {"x": "X"}, "path": "a.csv"}]})
    [('title', 'T'), ('resources[a].x-labels.x', 'X')]
    """
    if isinstance(node, str):
        return [(where, node)] if prose else []
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            at = f"{where}.{key}" if where else str(key)
            if key in PROSE_MAPPINGS and isinstance(value, dict):
                found += [(f"{at}.{label}", text) for label, text in value.items() if isinstance(text, str)]
            else:
                found += descriptor_prose(value, at, key in PROSE_KEYS)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("name") if isinstance(item, dict) else None
            found += descriptor_prose(item, f"{where}[{name if isinstance(name, str) else index}]", prose)
    return found


def prose_problems(package: Any) -> list[Problem]:
    """The descriptor's prose held to the rules of text typed into a table by hand (:func:`hand_entry_problems`,
    and each cell's own rules: no control or invisible character, no encoding damage, no spaces around it), line by
    line, as it reaches the page the same way: "Peopleâ€™s", "R&amp;D", a double space or "TODO" in a title is
    refused where it stands (the field is its place in the descriptor)."""
    # a description may run to paragraphs: each line is held to the rules of a cell, which holds one line
    lines = [(where, line) for where, text in descriptor_prose(package) for line in text.split("\n") if line]
    problems = [
        Problem(
            DESCRIPTOR_FILE,
            None,
            where,
            "markup",
            f"value {line!r} opens a Markdown fence or directive: prose is shown as text, write it without markup",
        )
        for where, line in lines
        if FENCE.match(line)
    ]
    texts = [(where, line) for where, line in lines if not FENCE.match(line)]
    field = {"name": "text", "type": "string"}
    table = Table(DESCRIPTOR_FILE, ["text"], [(index, {"text": text}) for index, (_, text) in enumerate(texts)])
    parse = cell_parser(field)
    for where, text in texts:
        _, rule, detail = parse(text)
        if rule:
            problems.append(Problem(DESCRIPTOR_FILE, None, where, rule, f"value {text!r} {detail}"))
    for slip in hand_entry_problems(table, {"x-kind": "curated", "schema": {"fields": [field]}}):
        problems.append(Problem(DESCRIPTOR_FILE, None, texts[slip.line][0], slip.rule, slip.detail))
    return problems
