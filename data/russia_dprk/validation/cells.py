"""One cell at a time: parsed to its declared type, and refused if it holds what a program, a paste or a broken
encoding left; links on their own; and each table's keys.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from .common import (
    ABBREVIATION_END,
    BAD_ESCAPE,
    DATE,
    HOST_NAME,
    INT64,
    INTEGER,
    NUMBER,
    PRIVATE_NAMES,
    RESERVED_HOSTS,
    SCRIPTS,
    URL,
    URL_MAX,
    URL_UNSAFE,
    Problem,
    Table,
    Unread,
)
from .descriptor import bounds_of, date_kind, partial_end, partial_start

# Latin letters and digits in full-width (East Asian input) or mathematical styles (bold, italic, script...): they
# look like the ordinary ones but do not compare, sort or search as them.
# Also small capitals ("ᴍ"), letter-like symbols ("ℂ", "ℓ", the Kelvin sign) and Roman numerals ("Ⅱ"); not "№",
# "℃", "℉", "℗", "℠" or "™", which are symbols in their own right.
# Look-alikes of ASCII punctuation: full-width forms and the slashes that are not '/' (division, fraction, big
# solidus); in a symbol or key ("A∕RES∕ES-11∕1") they keep the value from matching its pattern and its twin. Text
# holding East Asian characters keeps its full-width punctuation.
LOOKALIKE_PUNCTUATION = re.compile("[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e\u2215\u2044\u29f8]")
SLASHES = {"\u2215": "/", "\u2044": "/", "\u29f8": "/"}
STYLED_LETTER = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff\u1d00-\u1d2b\u2160-\u217f"
    "\u2100-\u2102\u2104-\u2108\u210a-\u2115\u2118-\u211f\u2123-\u214f"
    # ligatures ("ﬁ" for "fi"), superscript and subscript digits ("¹", "₂"), circled digits and letters ("①", "ⓐ"),
    # which no search for the plain word or figure finds
    "\ufb00-\ufb06\u00b9\u00b2\u00b3\u2070-\u209f\u2460-\u24ff\u2776-\u2793]"
)


LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word, for the check of mixed alphabets
MICRO_UNIT = re.compile("[\u00b5\u03bc][A-Za-z]{1,3}|\u0394[A-Za-z]+")  # "μSv", "µm"; "ΔGDP", a change in GDP


def _emoji_presentation(value: str, at: int) -> bool:
    """Whether the variation selector at ``at`` asks for a symbol's emoji or text form ("⚡️"): part of what shows."""
    return value[at] in "\ufe0e\ufe0f" and at > 0 and unicodedata.category(value[at - 1]) == "So"


# Characters Unicode counts as printable that show nothing: the Hangul fillers, the Braille blank, the combining
# grapheme joiner, Khmer's inherent vowels, Mongolian and other variation selectors (most of Unicode's "default
# ignorable" code points are format characters, refused with the controls).
BLANK_CHARACTER = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def text_problem(value: str) -> str | None:
    """Why a cell's text cannot be kept as written, or ``None``: an invisible, blank or control character, whitespace
    at either end, a full-width or styled Latin letter or digit ("Ａ", "𝐁", "ℂ", "Ⅱ", "ᴍ"; the ligature "ﬁ", "¹",
    "①"), a word mixing Latin letters with Cyrillic, Greek, Armenian or Cherokee ones ("Pyоngyang" with a Cyrillic
    "о"), a character Unicode equates with an ordinary one (the Greek question mark for ";"), or an accented letter
    stored as two characters (not Unicode's composed form, NFC), which would not equal the same text typed composed.

    >>> text_problem("Pyongyang") is None
    True
    >>> text_problem("Pyo\\u0306ngyang")[:61]
    "is not in Unicode's composed form (NFC): a character (U+0306)"
    """
    if not value.isprintable():
        for char in value:
            if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
                return f"contains the invisible or control character U+{ord(char):04X}"
    if "\ufffc" in value:
        return "contains U+FFFC, the mark an editor leaves where an image or object was pasted: write the text alone"
    if not value.isascii():
        blank = next((m for m in BLANK_CHARACTER.finditer(value) if not _emoji_presentation(value, m.start())), None)
        if blank:
            name = unicodedata.name(blank.group(), "unnamed").lower()
            return f"contains U+{ord(blank.group()):04X} ({name}), a character that shows nothing"
        mixed = next(
            (
                word
                for word in LETTERS.findall(value)
                if not word.isascii() and not MICRO_UNIT.fullmatch(word) and _mixed_script(word)
            ),
            None,
        )
        if mixed:
            odd = _odd_letter(mixed)
            return (
                f"has the word {mixed!r}, which mixes scripts: {odd!r} (U+{ord(odd):04X}, "
                f"{unicodedata.name(odd).lower()}) stands among letters of another script, a look-alike that would "
                "keep the row from matching its name"
            )
    if value != value.strip():
        return "has leading or trailing whitespace"
    styled = next((m for m in STYLED_LETTER.finditer(value) if not _in_east_asian_text(value, m.start())), None)
    if styled:
        plain = unicodedata.normalize("NFKC", styled.group())
        plain = plain if plain != styled.group() else unicodedata.name(styled.group()).split()[-1].lower()
        return (
            f"holds {styled.group()!r} (U+{ord(styled.group()):04X}), a full-width or styled form of a Latin letter or "
            f"digit: type the ordinary {plain!r}"
        )
    lookalike = LOOKALIKE_PUNCTUATION.search(value)
    if lookalike and not any(  # full-width brackets and stops belong to Japanese, Chinese and Korean text
        unicodedata.east_asian_width(c) == "W" for c in value
    ):
        char = lookalike.group()
        return (
            f"holds {char!r} (U+{ord(char):04X}, {unicodedata.name(char).lower()}), a look-alike of "
            f"{SLASHES.get(char, unicodedata.normalize('NFKC', char))!r}: type the ordinary character"
        )
    if not (value.isascii() or unicodedata.is_normalized("NFC", value)):
        odd = next((c for c in value if unicodedata.combining(c) or unicodedata.normalize("NFC", c) != c), None)
        twin = unicodedata.normalize("NFC", odd) if odd and not unicodedata.combining(odd) else ""
        if twin.isascii() and twin:  # a look-alike that Unicode itself equates with an ordinary character
            return f"holds U+{ord(odd):04X} ({unicodedata.name(odd).lower()}), a look-alike of {twin!r}: type {twin!r}"
        where = f" (U+{ord(odd):04X})" if odd else ""
        return (
            f"is not in Unicode's composed form (NFC): a character{where} is stored apart from the letter it belongs "
            "to, so the text would not equal the same text typed composed; save it composed"
        )
    return None


def _in_east_asian_text(value: str, at: int) -> bool:
    """Whether the character at ``at``, with the run of such forms around it, stands beside a wide East Asian
    character: Japanese and Chinese print Roman numerals, digits and such symbols as one character ("第Ⅱ陣",
    "２０２４年"). A run of full-width forms alone ("ＣＯＮＴＡＣＴＳ") is Latin text typed in a styled form.

    >>> _in_east_asian_text("２０２４年", 0), _in_east_asian_text("ＣＯＮＴＡＣＴＳ", 3)
    (True, False)
    """
    start, end = at, at
    while start > 0 and STYLED_LETTER.match(value[start - 1]):
        start -= 1
    while end + 1 < len(value) and STYLED_LETTER.match(value[end + 1]):
        end += 1
    return any(
        0 <= i < len(value) and unicodedata.east_asian_width(value[i]) in ("W", "F") for i in (start - 1, end + 1)
    )


def _mixed_script(value: str) -> bool:
    """True when a word mixes Latin letters with Cyrillic, Greek, Armenian or Cherokee ones (a look-alike such as
    Cyrillic 'Ѕ' in 'S/RES')."""
    if value.isascii():
        return False
    scripts = {unicodedata.name(c, "").split(" ")[0] for c in value if c.isalpha()}
    return len(scripts & set(SCRIPTS)) > 1


def _odd_letter(word: str) -> str:
    """The first letter of the script a mixed word holds fewest of (the look-alike: Cyrillic 'Е' in 'S/RЕS').

    >>> _odd_letter("S/R\u0415S"), _odd_letter("K\u0456m")
    ('Е', 'і')
    """
    scripts = [unicodedata.name(c, "").split(" ")[0] for c in word if c.isalpha()]
    rare = min((s for s in SCRIPTS if s in scripts), key=scripts.count)
    return next(c for c in word if c.isalpha() and unicodedata.name(c, "").startswith(rare))


def _number_problem(value: str) -> str | None:
    if not NUMBER.fullmatch(value):
        return "is not a number written as digits (e.g. 12 or -0.5)"
    try:
        exact = Decimal(value)
        as_float = float(value)
    except (InvalidOperation, ValueError):
        return "is not a number"
    if as_float in (float("inf"), float("-inf")):
        return "is not finite"
    if exact == 0 and value.startswith("-"):
        return "is a negative zero (write 0)"
    if exact != Decimal(repr(as_float)):  # Decimal equality is exact and numeric: 1.50 == 1.5, 104 == 104.0
        return "has more precision than a 64-bit float holds and would be rounded"
    return None


def front_page_problem(value: str) -> str | None:
    """Why a link field's value names no document, or ``None``: a site's front page (no path and no query) is what is
    left of a link cut short. A link in running text may name a site; a link a row cites must name its page.

    >>> front_page_problem("https://tass.com/")
    "names the front page of tass.com, not a document (a link cut short?): give the page's full link"
    >>> front_page_problem("https://jamestown.org/?p=50835") is None, front_page_problem("https://a.com/#/news/1")
    (True, None)
    """
    try:
        parts = urlsplit(value)
    except ValueError:
        return None  # :func:`url_problem` says what is wrong
    routed = parts.fragment.lstrip("!").startswith("/") and parts.fragment.strip("!/")  # "/#/article/1", "#!/a"
    if parts.path.strip("/") or parts.query or routed or not parts.hostname:
        return None
    return f"names the front page of {parts.hostname}, not a document (a link cut short?): give the page's full link"


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a link a page may print and a reader may trust, or ``None``.

    An http(s) URL of safe ASCII characters (no braces, quotes, spaces, backslashes; other scripts percent-encoded),
    at most :data:`URL_MAX` characters, whose host is a domain name or a public IPv4 address (not a loopback,
    private or reserved one, nor a local, test or wildcard name: :data:`PRIVATE_NAMES`, which no reader can open),
    with no user name before the host (``https://kcna.kp@x.example`` shows one host and opens another), no host label
    that mixes Latin letters with another script once its punycode is read (a look-alike domain), a port from
    1 to 65535 if any, every ``%`` starting an escape, no ``&amp;`` (a page source's escape) and no punctuation
    from the sentence it was copied from at its end.

    >>> url_problem("https://www.un.org/en/") is None
    True
    >>> url_problem("https://www.un.org@evil.example/")
    'names a user before its host (user@host shows one host and opens another)'
    >>> url_problem("https://[un.org/en/")
    'has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address'
    >>> url_problem("http://127.0.0.1:8000/report")
    'has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address'
    >>> url_problem("https://xn--tss-6cd.com/world/1").startswith("has a host label that reads 'tаss', mixing")
    True
    >>> url_problem("https://xn--d1acufc.xn--p1ai/") is None  # all Cyrillic: a name, not a look-alike
    True
    """
    if not value.isascii():
        other = next(char for char in value if not char.isascii())
        return f"holds {other!r}, which a link carries percent-encoded: copy the link from the address bar again"
    if not URL.fullmatch(value) or URL_UNSAFE.search(value):
        return "is not an http(s) URL of safe characters (no braces, quotes, spaces)"
    if "&amp;" in value:
        return "holds '&amp;', a page source's escape of '&': write '&'"
    if BAD_ESCAPE.search(value):
        return f"holds {BAD_ESCAPE.search(value).group()!r}: a '%' starts an escape of two hexadecimal digits"
    if (value[-1] in ".,;'" and not ABBREVIATION_END.search(value)) or value.count("(") < value.count(")"):
        return f"ends in {value[-1]!r}, punctuation from the sentence the link was copied from: drop it"
    if len(value) > URL_MAX:
        return f"is {len(value)} characters long, more than the {URL_MAX} a URL may have"
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed "[" of an IPv6 literal: urlsplit refuses the whole link
        return "has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address"
    if "@" in parts.netloc:
        return "names a user before its host (user@host shows one host and opens another)"
    host = parts.hostname or ""
    if not (HOST_NAME.fullmatch(host) or _is_public_ipv4(host)):
        return "has no valid host: a domain name (letters, digits and hyphens between dots) or a public IPv4 address"
    if host.rstrip(".").endswith(PRIVATE_NAMES) or host.rstrip(".") in RESERVED_HOSTS:
        return (
            f"names {host}, a host no reader can reach (a local, test or reserved name, or one standing for an address)"
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 and parts.netloc.count(":"):
        return "has a port that is not a number from 1 to 65535"
    shown = next((name for name in map(_idna_label, host.split(".")) if _mixed_script(name)), None)
    if shown:
        return (
            f"has a host label that reads {shown!r}, mixing Latin letters with another script: a look-alike of a "
            "site's name (Cyrillic 'а' in 'tass'), not the site"
        )
    return None


def _idna_label(label: str) -> str:
    """A host label as a reader sees it: ``xn--tss-6cd`` is "tаss", with a Cyrillic "а" (a label that is not valid
    punycode stays as written).

    >>> _idna_label("xn--tss-6cd"), _idna_label("tass")
    ('tаss', 'tass')
    """
    if not label.lower().startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def _is_public_ipv4(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return isinstance(address, ipaddress.IPv4Address) and address.is_global


Parsed = tuple[Any, str | None, str | None]


def _integer(value: str) -> Parsed:
    if not INTEGER.fullmatch(value):
        return None, "type-error", "is not an integer written as digits (no decimals, sign only '-')"
    if len(value.removeprefix("-")) > len(str(INT64)):  # int() refuses more than 4,300 digits; this is far beyond
        return None, "type-error", "is outside the 64-bit integer range"
    typed = int(value)
    if typed == 0 and value.startswith("-"):
        return None, "type-error", "is a negative zero (write 0)"
    if not -INT64 <= typed < INT64:
        return None, "type-error", "is outside the 64-bit integer range"
    return typed, None, None


def _number(value: str) -> Parsed:
    reason = _number_problem(value)
    return (None, "type-error", reason) if reason else (float(value), None, None)


def _date(value: str) -> Parsed:
    if not DATE.fullmatch(value):
        return None, "type-error", "is not a date written exactly as YYYY-MM-DD"
    try:
        return dt.date.fromisoformat(value), None, None
    except ValueError:
        return None, "type-error", "is not a calendar date"


def _boolean(value: str) -> Parsed:
    if value not in ("true", "false"):
        return None, "type-error", "is not 'true' or 'false'"
    return value == "true", None, None


# Words programs write for a missing, infinite or true/false value (pandas, R, Excel, JSON, JavaScript): a text
# cell holding only one of them is a missing value written out, not a name or a note.
MISSING_WORDS = {
    "nan",
    "na",
    "n/a",
    "#n/a",
    "null",
    "none",
    "nil",
    "undefined",
    "inf",
    "-inf",
    "infinity",
    "true",
    "false",
}


FORMULA = re.compile(r"[=@]|[+-](?![0-9])")


# What a spreadsheet shows where a formula failed: the cell held a formula, and its value was never there.
SPREADSHEET_ERRORS = {"#ref!", "#div/0!", "#value!", "#name?", "#null!", "#num!", "#spill!", "#calc!", "#field!"}


SPREADSHEET_ERRORS |= {"#getting_data", "#busy!", "#connect!", "#blocked!", "#unknown!"}


SPREADSHEET_ERROR = re.compile(r"err:[0-9]{3}")  # LibreOffice's "Err:502"


def _string(value: str) -> Parsed:
    """Text as written, unless it begins as a spreadsheet formula does (``=``, ``@``, or ``+`` or ``-`` before
    anything but a digit): a formula pasted in place of its value, which a spreadsheet opening the CSV would also
    run. A signed figure in a note ("-2.9% on the year") passes.

    >>> _string("-2.9% on the year")[1], _string("=B2*1.1")[2]
    (None, "begins with '=' as a spreadsheet formula does (a formula pasted in place of its value?)")
    """
    if FORMULA.match(value):
        handle = " or a social-media handle" if value[0] == "@" else ""
        return (
            None,
            "text",
            f"begins with {value[0]!r} as a spreadsheet formula{handle} does (a formula pasted in place of its "
            f"value{', or an account for a name' if handle else ''}?)",
        )
    if value.strip().casefold() in SPREADSHEET_ERRORS or SPREADSHEET_ERROR.fullmatch(value.strip().casefold()):
        return None, "text", "is a spreadsheet's error value: the formula meant to give it failed; write the value"
    damage = encoding_damage(value)
    if damage:
        return None, "encoding", damage
    return value, None, None


# Two "?" in a row not after a letter ("'?? 9??'" for Korean; "what next??" is a headline's), or one between letters.
# A lost character's "?" stands for every non-ASCII letter, so it is never beside one ("朝鲜出兵俄罗斯?外交部" is a
# headline's); "??" after "-", "/" or ":" is an unknown part of a date or time ("2015-05-??").
LOST_CHARACTER = re.compile(r"(?<![^\W\d_]|[-/:])\?\?|(?<=[A-Za-z])\?(?=[A-Za-z])")


# Cyrillic saved as Windows-1251 or KOI8-R and read as Latin-1: a run of accented Latin letters no language writes.
LATIN1_RUN = re.compile("[\u00c0-\u00ff]{3,}")
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
PLAUSIBLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "HANGUL", "CJK", "HIRAGANA", "KATAKANA"})


# UTF-8 read as a legacy encoding, each with the scripts its misreading yields when decoded back: Cyrillic, Korean,
# Chinese or Japanese shown as Windows-1251 or KOI8-R ("РџСЂРёРіРѕРІРѕСЂ" for "Приговор"), or as the double-byte
# encodings of Japan, Korea and China ("蟷ｳ螢､" for "平壤"). Text written in those encodings decodes as UTF-8 only
# by chance, and not to letters of these scripts: Chinese text could decode to two Cyrillic letters, hence the
# double-byte encodings' narrower list, and their shortest run of three characters (the fourth item).
EAST_ASIAN = frozenset({"HANGUL", "CJK", "HIRAGANA", "KATAKANA"})
LEGACY_CODECS = (
    ("cp1251", "Windows-1251", EAST_ASIAN | {"CYRILLIC"}, 2),
    ("koi8-r", "KOI8-R", EAST_ASIAN | {"CYRILLIC"}, 2),
    ("cp932", "Shift-JIS (cp932)", EAST_ASIAN, 3),
    ("cp949", "the Korean cp949", EAST_ASIAN, 3),
    ("gbk", "the Chinese GBK", EAST_ASIAN, 3),
)


def _written_in(meant: str, scripts: frozenset[str]) -> bool:
    """Whether ``meant`` has two letters or more, all of ``scripts`` (the first word of each letter's Unicode name).

    >>> _written_in("Приговор", frozenset({"CYRILLIC"})), _written_in("Ǫƾ", frozenset({"HANGUL"}))
    (True, False)
    """
    letters = [c for c in meant if c.isalpha()]
    return len(letters) >= 2 and {unicodedata.name(c, "").split(" ")[0] for c in letters} <= scripts


def _plausible_text(meant: str) -> bool:
    """Whether text that bytes decode to is text someone wrote: punctuation, symbols and Latin letters ("’", "é"), or
    at least two letters of a script the sources write in; one ideograph or a letter of an unrelated script
    (German "ß“" decodes to an NKo letter, "é…“" to one ideograph) is a coincidence of bytes.

    >>> _plausible_text("’"), _plausible_text("при"), _plausible_text("\u07d3"), _plausible_text("\u9153")
    (True, True, False, False)
    """
    if all(unicodedata.category(c)[0] in "PSZ" or unicodedata.name(c, "").startswith("LATIN") for c in meant):
        return True
    return _written_in(meant, PLAUSIBLE_SCRIPTS)


def encoding_damage(value: str) -> str | None:
    """How text shows it was saved or read in the wrong encoding, or ``None``. Four marks, none of which a
    person types:

    - U+FFFD, which a decoder leaves in place of bytes it could not read;
    - UTF-8 read as Windows-1252 or Latin-1 and saved again ("â€™" for "’", "Ã©" for "é"), or as an encoding of
      another script (:data:`LEGACY_CODECS`: "РџСЂРёРіРѕРІРѕСЂ" for "Приговор", "蟷ｳ螢､" for "平壤");
    - Cyrillic saved as Windows-1251 or KOI8-R and read as Latin-1 ("Ïðèãîâîð" for "Приговор");
    - "?" in place of characters an encoding could not hold: two in a row not after a letter ("'?? 9??'" for
      Korean), or one between two letters ("People?s"). A link or its query string (a word holding "/" or "=") may
      hold "?".

    >>> encoding_damage("People’s Republic, café, 평양?") is None
    True
    >>> encoding_damage("Peopleâ€™s")[:67]
    "holds 'â€™', which is '’' written in UTF-8 and read as Windows-1252"
    >>> encoding_damage("the Democratic People?s Republic")[:39]
    "holds 'People?s': a '?' between letters"
    >>> encoding_damage("Ïðèãîâîð")[:52], encoding_damage("what next??")
    ("holds 'Ïðèãîâîð', which is 'Приговор' written in Win", None)
    >>> encoding_damage("РџСЂРёРіРѕРІРѕСЂ")[:62], encoding_damage("МИД 푸틴 朝鲜与俄罗斯 プーチン大統領")
    ("holds 'РџСЂРёРіРѕРІРѕСЂ', which is 'Приговор' written in UTF-8", None)
    """
    if "\ufffd" in value:
        return (
            "holds U+FFFD, the mark a decoder leaves for bytes it could not read: the text was read in the wrong "
            "encoding; restore it from the source"
        )
    if not value.isascii():
        for run in NON_ASCII_RUN.findall(value):
            for codec, named in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
                try:
                    meant = run.encode(codec).decode("utf-8")
                except UnicodeError:
                    continue
                if not _plausible_text(meant):  # "ß“" is valid UTF-8 for an NKo letter: German, not damage
                    continue
                return (
                    f"holds {run!r}, which is {meant!r} written in UTF-8 and read as {named}: restore the text "
                    "from the source"
                )
            for codec, named, scripts, shortest in LEGACY_CODECS:
                try:
                    meant = run.encode(codec).decode("utf-8") if len(run) >= shortest else ""
                except UnicodeError:
                    continue
                if _written_in(meant, scripts):
                    return (
                        f"holds {run!r}, which is {meant!r} written in UTF-8 and read as {named}: restore the text "
                        "from the source"
                    )
        for run in LATIN1_RUN.findall(value):
            for codec, named in (("cp1251", "Windows-1251"), ("koi8-r", "KOI8-R")):
                try:
                    meant = run.encode("latin-1").decode(codec)
                except UnicodeError:
                    continue
                if all("\u0400" <= char <= "\u04ff" for char in meant):
                    return (
                        f"holds {run!r}, which is {meant!r} written in {named} and read as Latin-1: restore the "
                        "text from the source"
                    )
    if "?" in value:
        for word in value.split():
            if "/" not in word and "=" not in word and LOST_CHARACTER.search(word):
                return (
                    f"holds {word!r}: a '?' between letters or two in a row is what an encoding leaves for "
                    "characters it cannot hold (the file was saved as ASCII or Latin-1?); restore the text from "
                    "the source"
                )
    return None


TYPES: dict[str, Callable[[str], Parsed]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "date": _date,
    "boolean": _boolean,
}


def cell_parser(field: dict[str, Any]) -> Callable[[str], Parsed]:
    """The check of one field's cells, prepared once: ``parser(text)`` gives the typed value, or the rule the
    text breaks and why (missing cells are ``None``)."""
    constraints = field.get("constraints", {})
    kind, required = field["type"], bool(constraints.get("required"))
    to_type = TYPES[kind]
    enum = set(constraints["enum"]) if "enum" in constraints else None
    enum_text = f"is not one of {constraints.get('enum')}"
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    bounds = []
    for key, word in (("minimum", "below the minimum"), ("maximum", "above the maximum")):
        bound = bounds_of(field).get(key)
        if bound is not None:
            bounds.append((key == "minimum", dt.date.fromisoformat(bound) if date_kind(field) else bound, bound, word))
    uri = field.get("format") == "uri"
    partial = "x-partial-date" in field

    def parse(value: str) -> Parsed:
        if not (value.isascii() and value.isprintable() and value == value.strip()):
            text = text_problem(value)
            if text:
                return None, "text", text
        if value == "":
            return (None, "constraint-error", "a value is required") if required else (None, None, None)
        typed, rule, detail = to_type(value)
        if rule:
            return typed, rule, detail
        if kind == "string" and enum is None and value.casefold() in MISSING_WORDS:
            return (
                None,
                "text",
                "is what a program writes for a missing, infinite or true/false value: leave the cell empty, or "
                "write what it means",
            )
        if enum is not None and value not in enum:
            return None, "constraint-error", enum_text
        if partial and partial_start(value) is None:
            return None, "type-error", "is not a calendar date written as YYYY, YYYY-MM or YYYY-MM-DD"
        if pattern is not None and not pattern.fullmatch(value):
            return None, "constraint-error", f"does not match the pattern {pattern.pattern!r}"
        for is_minimum, limit, bound, word in bounds:
            # A partial date breaks a bound only if every day it can mean does: its last day below a minimum, its
            # first above a maximum.
            value_at = (partial_end(value) if is_minimum else partial_start(value)) if partial else typed
            if (value_at < limit) if is_minimum else (value_at > limit):
                return None, "constraint-error", f"is {word} {bound}"
        if uri:
            reason = url_problem(value) or front_page_problem(value)
            if reason:
                return None, "constraint-error", reason
        return typed, None, None

    return parse


def parse_cell(value: str, field: dict[str, Any]) -> Parsed:
    """A cell's typed value, or the rule it breaks and why. Missing cells are ``None``.

    >>> parse_cell("2024-06-19", {"name": "date", "type": "date"})
    (datetime.date(2024, 6, 19), None, None)
    >>> parse_cell("15.0", {"name": "n", "type": "integer"})[1:]
    ('type-error', "is not an integer written as digits (no decimals, sign only '-')")
    """
    return cell_parser(field)(value)


def key_of(value: str) -> str:
    """The form two keys are compared in: Unicode NFKC, case-folded (so look-alike spellings collide)."""
    return unicodedata.normalize("NFKC", value).casefold()


def cell_problems(table: Table, entry: dict[str, Any]) -> tuple[list[Problem], list[tuple[int, dict[str, Any]]]]:
    """Every cell checked against its field; the typed records (a broken cell is ``None``)."""
    problems: list[Problem] = []
    typed_records = []
    fields = entry["schema"]["fields"]
    keyed = set(entry["schema"]["primaryKey"]) | {
        f for fk in entry["schema"].get("foreignKeys", []) for f in fk["fields"]
    }
    parsers = [(field, cell_parser(field)) for field in fields]
    for line, record in table.records:
        typed = {}
        for field, parse in parsers:
            value, rule, detail = parse(record[field["name"]])
            if rule:
                problems.append(
                    Problem(table.path, line, field["name"], rule, f"value {record[field['name']]!r} {detail}")
                )
            elif field["name"] in keyed and value is not None and _mixed_script(record[field["name"]]):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        field["name"],
                        "key-characters",
                        f"value {record[field['name']]!r} mixes alphabets (a look-alike character?)",
                    )
                )
            typed[field["name"]] = value
        typed_records.append((line, typed))
    return problems, typed_records


COMPARED = "compared after Unicode normalisation and case folding"
RECORD_COMPARED = "compared as keys are, and without the difference of typographic quotes or end punctuation"
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def record_key_of(value: str) -> str:
    """The form two values of a record's natural key (``uniqueKeys``) are compared in: as keys are (:func:`key_of`),
    with typographic quotes and dashes as typed ones, without end punctuation or runs of spaces, so one record
    entered twice is found though its copy was retyped. The order of a list is kept: in ``military_events`` the
    actor named first is the one acting ("PRK;RUS" and "RUS;PRK" on one day are two statements).

    >>> record_key_of("Kim’s  visit.") == record_key_of("Kim's visit")
    True
    """
    return " ".join(key_of(value).translate(TYPOGRAPHIC).split()).rstrip(".,;: ")


def key_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Primary keys unique after Unicode normalisation and case folding; declared unique fields likewise; and each
    of the schema's ``uniqueKeys`` (a record's natural key, such as who visited and the day the visit began, which
    catches one record entered twice under two ids)."""
    problems = []
    schema = entry["schema"]
    groups = [(schema["primaryKey"], "primary-key")]
    groups += [([f["name"]], "primary-key") for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    groups += [(list(fields), "unique-key") for fields in schema.get("uniqueKeys", [])]
    for fields, rule in groups:
        seen: dict[tuple[str, ...], int] = {}
        for line, record in table.records:
            values = tuple(record[f] for f in fields)
            # a record's natural key is compared only where it reads (an unread date would make every row look
            # alike); a key is compared as written, so a look-alike key collides with the one it imitates
            if not all(values) or (rule == "unique-key" and any((line, f) in unread for f in fields)):
                continue
            normal = tuple((key_of if rule == "primary-key" else record_key_of)(v) for v in values)
            if normal not in seen:
                seen[normal] = line
                continue
            shown, first = "/".join(values), seen[normal]
            if rule == "primary-key":
                said = f"key {shown!r} already used on line {first} (keys are {COMPARED})"
            else:
                named = " and ".join(fields)
                said = f"{named} {shown!r} as on line {first}: one record entered twice? (values are {RECORD_COMPARED})"
            problems.append(Problem(table.path, line, ",".join(fields), rule, said))
    return problems
