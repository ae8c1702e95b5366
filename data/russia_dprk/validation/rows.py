"""The rules a table declares on its rows (``x-...`` demands): orders, sums and totals, spans and sequences,
sessions and votes, what a row's own text states, and dates a source could report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation, localcontext
from itertools import pairwise
from typing import Any

from ..amounts import coordinates, counts, numbers, rounds_to, usd_millions
from ..outline import km_between
from .common import DESCRIPTOR_FILE, NUMBER, Checked, Problem, Table, Unread, odd_ones_out
from .descriptor import (
    PRECISIONS,
    _as_date,
    _is_date,
    _source_values,
    date_kind,
    is_year_field,
    partial_end,
    partial_start,
    stated_texts,
    when_conditions,
    written_at,
    written_date_rules,
)
from .links import snapshot, snapshot_time
from .text import spelling_key


def order_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows breaking a declared ``x-not-greater`` pair (e.g. low <= high, start <= end)."""
    problems = []
    for low, high in entry.get("x-not-greater", []):
        for line, row in typed:
            a, b = row.get(low), row.get(high)
            if a is not None and b is not None and _as_date(a) > _as_date(b):
                problems.append(Problem(entry["path"], line, high, "order", f"{low} {a} is greater than {high} {b}"))
    return problems


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())


def _part_of(item: str, other: str) -> bool:
    """Whether ``item`` is ``other`` or a run of its whole words, compared case-folded ("Yonhap" in "Yonhap News
    Agency", "korea herald" in "The Korea Herald"; not "Kim" in "Kimchi Times")."""
    part, whole = _words(item), _words(other)
    return bool(part) and any(whole[at : at + len(part)] == part for at in range(len(whole) - len(part) + 1))


def differ_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows where two fields declared to differ (``x-differ``) hold the same value: a traveller hosted in their own
    country, a supplier delivering to itself, a field typed twice. Where the second holds a list of names (``; ``
    between them), none may be the first or a run of its whole words: a byline that is the outlet's name, whole or
    shortened ("Yonhap" for the publisher "Yonhap News Agency")."""
    problems = []
    for first, second in entry.get("x-differ", []):
        for line, row in typed:
            value, other = row.get(first), row.get(second)
            if value is not None and value == other:
                problems.append(
                    Problem(entry["path"], line, second, "same-value", f"{second} equals {first} ({value})")
                )
            elif isinstance(value, str) and isinstance(other, str):
                within = [item for item in other.split("; ") if _part_of(item, value)]
                if within:
                    problems.append(
                        Problem(
                            entry["path"],
                            line,
                            second,
                            "same-value",
                            f"{second} {within[0]!r} is the {first} {value!r} or part of its name: a {first}'s name, "
                            f"not the {second}'s",
                        )
                    )
    return problems


ENDING_SEPARATORS = (" - ", " – ", " — ", " | ", " ｜ ")  # what a page's title puts before the site's name


SITE_TAIL_WORDS = 4  # words a site's title may add after its name ("RT World News", "NK News - North Korea News")


def ends_with_site_name(text: str, name: str) -> bool:
    """Whether ``text`` ends, after a dash or bar, with ``name`` alone or followed by a few words of the site's
    title, compared case-folded: the outlet's name copied from a browser tab.

    >>> ends_with_site_name("Kim visits Russia - TASS", "TASS"), ends_with_site_name("Kim visits — RT World News", "RT")
    (True, True)
    >>> ends_with_site_name("Why Kim met Putin — NK News - North Korea News", "NK News")
    True
    >>> ends_with_site_name("Putin and Kim hold first summit - CNN.com", "CNN")
    True
    >>> ends_with_site_name("RT - the channel Moscow funds, and what it says about Kim", "RT")
    False
    """
    folded = unicodedata.normalize("NFKC", text).casefold().rstrip()
    ending = unicodedata.normalize("NFKC", name).casefold().strip()
    for separator in ENDING_SEPARATORS:
        at = folded.rfind(separator + ending)
        while at > 0:
            rest = folded[at + len(separator) + len(ending) :]
            if re.fullmatch(r"\.[a-z]{2,6}(?:\.[a-z]{2})?", rest):  # the site's domain ("- CNN.com")
                return True
            if not rest or (rest[0] in " -|–—｜" and len(re.findall(r"[^\W_]+", rest)) <= SITE_TAIL_WORDS
                            and not re.search(r"[.,;:!?]", rest)):  # fmt: skip
                return True
            at = folded.rfind(separator + ending, 0, at)
    return False


def not_ending_with_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose text ends with another field's name after a dash or bar, alone or with a few words of a site's
    title after it (``x-not-ending-with``): a headline copied from a browser tab with the outlet's name after it
    ("Kim visits Russia - TASS", "... — RT World News"), compared case-folded."""
    problems = []
    for text_field, name_field in entry.get("x-not-ending-with", []):
        for line, row in typed:
            text, name = row.get(text_field), row.get(name_field)
            if not isinstance(text, str) or not isinstance(name, str) or not name.strip():
                continue
            if ends_with_site_name(text, name):
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        text_field,
                        "ends-with-name",
                        f"ends with the {name_field} ({name!r}) after a dash or bar, as a browser tab's title "
                        "does: drop the name",
                    )
                )
    return problems


STARTING_SEPARATORS = (":", " - ", " – ", " — ", " | ", " ｜ ")  # what follows an outlet's name put before a title


def not_starting_with_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose text begins with another field's name followed by a colon, dash or bar (``x-not-starting-with``):
    a headline copied with the outlet's name before it ("CNN: Putin and Kim meet", "TASS - Kim visits"), compared
    case-folded. A title that only begins with the name's words ("BP Statistical Review") is the title itself.

    >>> rule = {"path": "sources.csv", "x-not-starting-with": [["title", "publisher"]]}
    >>> [p.rule for p in not_starting_with_problems([(2, {"title": "CNN: Kim meets Putin", "publisher": "CNN"})], rule)]
    ['starts-with-name']
    >>> not_starting_with_problems([(2, {"title": "BP Statistical Review 2021", "publisher": "BP"})], rule)
    []
    """
    problems = []
    for text_field, name_field in entry.get("x-not-starting-with", []):
        for line, row in typed:
            text, name = row.get(text_field), row.get(name_field)
            if not isinstance(text, str) or not isinstance(name, str) or not name.strip():
                continue
            folded = unicodedata.normalize("NFKC", text).casefold().lstrip()
            start = unicodedata.normalize("NFKC", name).casefold().strip()
            if any(folded.startswith(start + separator) for separator in STARTING_SEPARATORS):
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        text_field,
                        "starts-with-name",
                        f"begins with the {name_field} ({name!r}) before a colon, dash or bar: drop the name",
                    )
                )
    return problems


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def apart_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows naming in one field what other rows name in another (``x-apart``): a name that is a publisher anywhere is
    never an author anywhere, so a byline and an outlet swapped, or a person typed as the outlet, is refused. Names
    are compared case-folded, each item of a list (``; `` between them) on its own. The row named is one where the
    name is in the field that holds it fewer times (on a tie, the pair's first field): the odd one out.

    >>> rule = {"path": "sources.csv", "x-apart": [["publisher", "author"]]}
    >>> rows = [(2, {"publisher": "CNN", "author": "Joshua Berlinger"}), (3, {"publisher": "Joshua Berlinger"})]
    >>> [(p.line, p.field, p.rule) for p in apart_problems(rows, rule)]
    [(3, 'publisher', 'apart')]
    """
    problems = []
    for first, second in entry.get("x-apart", []):
        lines: dict[str, dict[str, list[int]]] = {first: {}, second: {}}
        for line, row in typed:
            for name in (first, second):
                value = row.get(name)
                for item in value.split("; ") if isinstance(value, str) else []:
                    lines[name].setdefault(unicodedata.normalize("NFKC", item).casefold().strip(), []).append(line)
        for key in sorted(lines[first].keys() & lines[second].keys(), key=lambda k: lines[first][k][0]):
            odd, usual = (first, second) if len(lines[first][key]) <= len(lines[second][key]) else (second, first)
            problems.append(
                Problem(
                    entry["path"],
                    lines[odd][key][0],
                    odd,
                    "apart",
                    f"{key!r} is {_a(usual)} on line {lines[usual][key][0]}: one name is {_a(first)} or "
                    f"{_a(second)}, never both (a swap, or a name typed in the wrong column)",
                )
            )
    return problems


def requires_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows that fill a field but leave empty the field it needs (``x-requires``): a number without its unit."""
    problems = []
    for given, needed in entry.get("x-requires", []):
        for line, row in typed:
            if row.get(given) is not None and row.get(needed) is None:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        needed,
                        "required-with",
                        f"empty, but {given} is filled ({row[given]}): a {given} needs its {needed}",
                    )
                )
    return problems


def precision_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Dates that break their row's declared precision (``x-date-precision``): a date known only to the month is
    stored as the month's first day, one known only to the year as 1 January, so no reader takes it for a day. A
    precision given with none of its dates describes nothing (a date deleted and its precision left behind)."""
    rule = entry.get("x-date-precision")
    if not rule:
        return []
    problems = []
    for (line, row), (_, record) in zip(typed, table.records, strict=True):
        precision = row.get(rule["field"])
        if precision is not None and not any(record[name] for name in rule["dates"]):
            named = " or ".join(rule["dates"])
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    rule["field"],
                    "date-precision",
                    f"value {precision!r}, but the row gives no {named}: a precision describes a date; give the "
                    "date or leave both empty",
                )
            )
        for name in rule["dates"]:
            value = row.get(name)
            if value is None or precision not in ("month", "year"):
                continue
            if value.day != 1 or (precision == "year" and value.month != 1):
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        name,
                        "date-precision",
                        f"value {value} is dated to the {precision} ({rule['field']}), so it must be "
                        f"{PRECISIONS[precision]}; if the day is known, make the precision 'day'",
                    )
                )
    return problems


def sum_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose counts add up to more than a declared whole (``x-sum-at-most``: a Security Council vote cannot
    total more than its 15 members), or, where the rule gives ``least``, to less than that once every count is
    given (each member voted, so the counts total 15)."""
    problems = []
    for rule in entry.get("x-sum-at-most", []):
        names = rule["fields"]
        for line, row in typed:
            values = [row.get(name) for name in names]
            total = sum(v for v in values if v is not None)
            least = rule.get("least")
            if total > rule["limit"] or (least is not None and None not in values and total < least):
                spelled = " + ".join(f"{name} {value}" for name, value in zip(names, values, strict=True) if value)
                wrong = f"more than {rule['limit']}" if total > rule["limit"] else f"less than {least}"
                problems.append(
                    Problem(
                        entry["path"], line, ",".join(names), "sum", f"{spelled} = {total}, {wrong} ({rule['why']})"
                    )
                )
    return problems


def rounding(text: str) -> Decimal:
    """Half a unit of a figure's last significant digit: how far the figure may be from what it rounds. Trailing
    zeros count as rounding ("2600" may be 2.6 thousand to one decimal), so equal numbers written two ways
    ("2430", "2430.0", "2.43e3") get one answer.

    >>> rounding("213.15"), rounding("2600"), rounding("2600.0"), rounding("47"), rounding("0")
    (Decimal('0.005'), Decimal('50'), Decimal('50'), Decimal('0.5'), Decimal('0.5'))
    """
    exponent = Decimal(text).normalize().as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


def written_rounding(text: str) -> Decimal:
    """Half a unit of a figure's last written digit: an integer's trailing zeros count as written, so "90" (per
    cent) and "10" (billion) are read to the unit, where :func:`rounding` would allow either to be off by five.

    >>> written_rounding("90"), written_rounding("10.94"), written_rounding("10.0")
    (Decimal('0.5'), Decimal('0.005'), Decimal('0.05'))
    """
    return Decimal(5) * Decimal(10) ** (int(Decimal(text).as_tuple().exponent) - 1)


def total_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Totals that disagree with their parts, as one source gives them, by more than the written figures' rounding
    (``x-total-of-parts``): parts that add up to more than their total (study trips beside all trips), or, where
    the parts are ``exhaustive`` and all given, a sum that differs from the total (a trade total and its exports
    and imports). Either is one figure mistyped or scaled. A source whose own figures disagree is named in the
    rule's ``exceptions`` with the difference they show and why, so a figure mistyped in that group is still
    caught; an exception that matches no disagreeing group is reported too, so none outlives its reason."""
    rule = entry.get("x-total-of-parts")
    if not rule:
        return []
    valid = {line for line, row in typed if row.get(rule["value"]) is not None}  # the cell rules report the rest
    groups: dict[tuple[str, ...], dict[str, tuple[int, str]]] = {}
    for line, record in table.records:
        if line not in valid:
            continue
        groups.setdefault(tuple(record[name] for name in rule["by"]), {})[record[rule["field"]]] = (
            line,
            record[rule["value"]],
        )
    excused = {tuple(exception["group"]): exception["difference"] for exception in rule.get("exceptions", [])}
    disagreeing: set[tuple[str, ...]] = set()
    problems = []
    for group, flows in groups.items():
        given = [part for part in rule["parts"] if part in flows]
        if rule["total"] not in flows or not given:
            continue
        parts = sum(Decimal(flows[part][1]) for part in given)
        gap = Decimal(flows[rule["total"]][1]) - parts
        allowed = sum(rounding(flows[flow][1]) for flow in [rule["total"], *given])
        whole = rule["exhaustive"] and given == rule["parts"]
        if (abs(gap) if whole else -gap) <= allowed:
            continue
        if group in excused:
            disagreeing.add(group)
            if gap == Decimal(str(excused[group])):
                continue
        where = ", ".join(f"{name} {value}" for name, value in zip(rule["by"], group, strict=True))
        spelled = " + ".join(f"{part} {flows[part][1]} (line {flows[part][0]})" for part in given)
        how = (
            f"differs from {spelled} = {parts} by {gap}"
            if whole
            else f"is less than its parts given, {spelled} = {parts}, by {-gap}"
        )
        said = (
            f"the rule's exceptions record the source's own difference as {excused[group]}: a figure mistyped?"
            if group in excused
            else "a figure mistyped? If the source's own figures disagree, name the group among the rule's "
            "exceptions with the difference and why"
        )
        problems.append(
            Problem(
                table.path,
                flows[rule["total"]][0],
                rule["value"],
                "total-of-parts",
                f"{rule['total']} {flows[rule['total']][1]} ({where}) {how}, more than the figures' rounding "
                f"(±{allowed}); {said}",
            )
        )
    problems += [
        Problem(
            DESCRIPTOR_FILE,
            None,
            f"resources[{entry['name']}].x-total-of-parts",
            "total-of-parts",
            f"exception {list(group)} matches no group whose total and parts disagree: remove it",
        )
        for group in sorted(set(excused) - disagreeing)
    ]
    return problems


def share_of_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Figures of a whole, a share of it and its parts that fit no combination of the others (``x-share-of``): a
    part is the whole times the share (or, for ``rest``, times what the share leaves), within the figures' rounding
    and the rule's relative ``within``. Each whole, share and part figure must fit at least one whole, share and
    part given for the others, so sources that differ a little (an $11 billion total beside $10.94 billion) pass,
    while a figure that fits none (a remainder of $1.9 billion, a share typed 9 or 80) is the one reported. Each
    figure is read to its last written digit (:func:`written_rounding`): a share of "90" per cent is not 85 to 95.

    >>> rule = {"field": "item", "value": "v", "whole": "total", "share": "pct", "parts": {"off": "share",
    ...     "left": "rest"}, "within": 0.02, "why": "w"}
    >>> rows = [(2, {"item": "total", "v": "10.94"}), (3, {"item": "total", "v": "11"}), (4, {"item": "pct",
    ...     "v": "90"}), (5, {"item": "left", "v": "1.09"}), (6, {"item": "off", "v": "10"}), (7, {"item": "left",
    ...     "v": "1.9"})]
    >>> table = Table("t.csv", ["item", "v"], rows)
    >>> typed = [(line, {"v": float(record["v"])}) for line, record in rows]
    >>> [(p.line, p.rule) for p in share_of_problems(table, typed, {"x-share-of": rule})]
    [(7, 'share-of')]
    """
    rule = entry.get("x-share-of")
    if not rule:
        return []
    valid = {line for line, row in typed if row.get(rule["value"]) is not None}  # the cell rules report the rest
    figures: dict[str, list[tuple[int, str]]] = {}
    for line, record in table.records:
        if line in valid and record[rule["field"]] in (rule["whole"], rule["share"], *rule["parts"]):
            figures.setdefault(record[rule["field"]], []).append((line, record[rule["value"]]))
    wholes, shares = figures.get(rule["whole"], []), figures.get(rule["share"], [])
    if not wholes or not shares or not any(figures.get(item) for item in rule["parts"]):
        return []  # a role with no figure: nothing to combine
    within = Decimal(str(rule["within"]))

    def fits(whole: str, share: str, part: str, kind: str) -> bool:
        fraction = Decimal(share) / 100 if kind == "share" else 1 - Decimal(share) / 100
        expected = Decimal(whole) * fraction
        slack = (
            written_rounding(part)
            + written_rounding(whole) * abs(fraction)
            + Decimal(whole) * written_rounding(share) / 100
        )
        return abs(Decimal(part) - expected) <= slack + within * abs(expected)

    fitting: set[int] = set()
    for item, kind in rule["parts"].items():
        for part_line, part in figures.get(item, []):
            for whole_line, whole in wholes:
                for share_line, share in shares:
                    if fits(whole, share, part, kind):
                        fitting |= {part_line, whole_line, share_line}
    records = dict(table.records)
    problems = [
        Problem(
            table.path,
            line,
            rule["value"],
            "share-of",
            f"value {value} ({rule['field']} {records[line][rule['field']]}) fits no combination of the "
            f"{rule['whole']}, {rule['share']} and {', '.join(rule['parts'])} figures given, within their rounding "
            f"and {float(within):.0%}: a figure mistyped? ({rule['why']})",
        )
        for role in (rule["whole"], rule["share"], *rule["parts"])
        for line, value in figures.get(role, [])
        if line not in fitting
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def determines_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Rows that break a dependency the descriptor declares (``x-determines``: one visitor has one visitor
    country, one estimator one kind, one reporter one kind of figure): the value that disagrees with the first
    row giving the same key is a value copied from another row or mistyped."""
    problems = []
    for given, decided in entry.get("x-determines", []):
        groups: dict[str, list[tuple[int, str]]] = {}
        for line, record in table.records:
            if record[given] and record[decided] and not {(line, given), (line, decided)} & unread:
                groups.setdefault(record[given], []).append((line, record[decided]))
        problems += [
            Problem(
                table.path,
                line,
                decided,
                "determines",
                f"value {value!r}, but {given} {key!r} has {decided} {usual!r} on {count} line(s), first on line "
                f"{first}: one {given}, one {decided}",
            )
            for key, rows in groups.items()
            for line, value, usual, count, first in odd_ones_out(rows)
        ]
    return sorted(problems, key=lambda p: p.line or 0)


def place_country_problems(table: Table, entry: dict[str, Any], unread: Unread = frozenset()) -> list[Problem]:
    """Rows whose place lies in another country than other rows put it in (``x-place-country``): the place's leading
    name (before a bracket, a semicolon, a comma, " and " or " then ") is in one country, compared as
    :func:`~.text.spelling_key` compares names; codes the rule lists as ``same`` are one country across time (the
    Soviet Union and Russia for Moscow). "Pyongyang" with the host "KOR" is a code or a place mistyped."""
    rule = entry.get("x-place-country")
    if not rule:
        return []
    same = {code: group[0] for group in rule.get("same", []) for code in group}
    groups: dict[str, list[tuple[int, str]]] = {}
    for line, record in table.records:
        place, country = record[rule["place"]], record[rule["country"]]
        if place and country and not {(line, rule["place"]), (line, rule["country"])} & unread:
            groups.setdefault(spelling_key(leading_name(place)), []).append((line, same.get(country, country)))
    problems, records = [], dict(table.records)
    for rows in groups.values():
        for line, _, usual, count, first in odd_ones_out(rows):
            record = records[line]
            problems.append(
                Problem(
                    table.path,
                    line,
                    rule["country"],
                    "determines",
                    f"value {record[rule['country']]!r}, but {rule['place']} {record[rule['place']]!r} is in "
                    f"{usual!r} on {count} line(s), first on line {first}: one place, one country",
                )
            )
    return sorted(problems, key=lambda p: p.line or 0)


def rank_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Ranks that contradict each other or their values within one group (``x-rank``: one source's ranking of one
    year): two rows holding one rank, or a better rank beside a smaller value than a worse one."""
    rule = entry.get("x-rank")
    if not rule:
        return []
    groups: dict[tuple[Any, ...], list[tuple[int, int, Any]]] = {}
    for line, row in typed:
        if row.get(rule["rank"]) is not None and all(row.get(name) is not None for name in rule["by"]):
            groups.setdefault(tuple(row[name] for name in rule["by"]), []).append(
                (row[rule["rank"]], line, row.get(rule["value"]))
            )
    problems = []
    for ranked in groups.values():
        ranked.sort()
        for (rank, line, value), (next_rank, next_line, next_value) in pairwise(ranked):
            said = None
            if rank == next_rank:
                said = f"rank {next_rank} is also held on line {line}"
            elif value is not None and next_value is not None and value < next_value:
                said = (
                    f"rank {next_rank} with {rule['value']} {next_value}, more than rank {rank}'s {value} on line "
                    f"{line}: a better rank has the larger {rule['value']}"
                )
            if said:
                where = " and ".join(rule["by"])
                problems.append(Problem(entry["path"], next_line, rule["rank"], "rank", f"{said} (in one {where})"))
    return problems


def marked_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Groups without exactly one marked row (``x-one-marked``: each place has one ``preferred`` row, the one the
    map draws): with none the group would vanish from what uses the mark, with two it would be drawn twice."""
    rule = entry.get("x-one-marked")
    if not rule:
        return []
    groups: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
    for line, record in table.records:
        key = tuple(record[name] for name in rule["by"])
        if all(key):
            groups.setdefault(key, []).append((line, record[rule["field"]] == rule["value"]))
    problems = []
    group_name = " and ".join(rule["by"])
    for key, rows in groups.items():
        marked = [line for line, is_marked in rows if is_marked]
        if len(marked) != 1:
            line = marked[1] if marked else rows[0][0]
            said = (
                f"a second row of {group_name} {'/'.join(key)!r} (the first is line {marked[0]})"
                if marked
                else (f"no row of {group_name} {'/'.join(key)!r} has it")
            )
            problems.append(
                Problem(
                    table.path,
                    line,
                    rule["field"],
                    "one-marked",
                    f"{rule['field']} {rule['value']!r}: {said}; each {group_name} has exactly one ({rule['why']})",
                )
            )
    return problems


def _span(date: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day a stored date can mean: a date known to the month or year is stored as its first day."""
    return date, partial_end(written_at(date, precision)) or date


def sequence_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Events of one thing dated out of the order they must come in (``x-sequence``: an agreement is signed before it
    is ratified, ratified before it enters into force, in force before it expires): a date mistyped a year early.
    A date known to the month or year is compared over every day it can mean. Each sequence of the list is checked
    on its own, so a partial order (a decree's ratification beside a parliament's two houses) is several sequences;
    a row out of order in two of them is reported once, for the first. With ``"follows": "any"`` a stage may repeat
    (a service suspended, resumed, suspended again): each row of a stage needs one row of the stage before it dated
    no later than itself, where the thing has rows of that stage at all."""
    problems: dict[int, Problem] = {}
    for rule in entry.get("x-sequence", []):
        for problem in _sequence_problems(typed, entry, rule):
            problems.setdefault(problem.line, problem)
    return list(problems.values())


def _sequence_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], rule: dict[str, Any]
) -> list[Problem]:
    """The rows out of the order of one sequence of ``x-sequence``."""
    stage = {value: i for i, group in enumerate(rule["order"]) for value in group}
    precision = (entry.get("x-date-precision") or {}).get("field")
    groups: dict[tuple[Any, ...], list[tuple[int, dt.date, dt.date, int, str]]] = {}
    for line, row in typed:
        key = tuple(row.get(name) for name in rule["by"])
        value, date = row.get(rule["field"]), _as_date(row.get(rule["date"]))
        if None in key or value not in stage or not isinstance(date, dt.date):
            continue
        first, last = _span(date, row.get(precision) if precision else None)
        groups.setdefault(key, []).append((stage[value], first, last, line, value))
    problems = []
    same = f" for the same {' and '.join(rule['by'])}" if rule["by"] else ""
    if rule.get("follows") == "any":
        for events in groups.values():
            for stage, first, last, line, value in events:
                before = [event for event in events if event[0] == stage - 1]
                if before and all(first_e > last for _, first_e, _, _, _ in before):
                    _, first_e, _, line_e, value_e = min(before, key=lambda event: event[1])
                    problems.append(
                        Problem(
                            entry["path"],
                            line,
                            rule["date"],
                            "sequence",
                            f"{value!r} dated {first.isoformat()}, before any "
                            f"{'/'.join(rule['order'][stage - 1])!r} row{same} (the first is the {value_e!r} of line "
                            f"{line_e}, {first_e.isoformat()}): each {'/'.join(rule['order'][stage])!r} follows one",
                        )
                    )
        return problems
    for events in groups.values():
        for later_stage, first, last, line, value in events:
            earlier = next(
                (
                    (line_e, value_e, first_e)
                    for stage_e, first_e, _, line_e, value_e in events
                    if stage_e < later_stage and first_e > last
                ),
                None,
            )
            if earlier:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["date"],
                        "sequence",
                        f"{value!r} dated {first.isoformat()}, before the {earlier[1]!r} of line {earlier[0]} "
                        f"({earlier[2].isoformat()}){same}: "
                        f"{' then '.join('/'.join(group) for group in rule['order'])}",
                    )
                )
    return problems


def agree_within_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Figures of one thing that sources give more than a factor apart (``x-agree-within``): reporters of one year's
    trade differ by coverage and method, but not tenfold, so a figure typed in the wrong unit or with a digit too many
    stands out against another source's. A group's outlier, the figure farthest from the group's median, is reported
    beside the figure nearest it; where only two disagree, neither can be told the outlier, and both are reported.

    >>> rule = {"by": ["year"], "field": "value", "factor": 3, "why": "w"}
    >>> rows = [(2, {"year": 2016, "value": 76.0}), (3, {"year": 2016, "value": 760}), (4, {"year": 2016, "value": 77})]
    >>> [(p.line, p.rule) for p in agree_within_problems(rows, {"path": "t.csv", "x-agree-within": [rule]})]
    [(3, 'agree-within')]
    >>> [p.line for p in agree_within_problems(rows[:2], {"path": "t.csv", "x-agree-within": [rule]})]
    [2, 3]
    """
    problems = []
    for rule in entry.get("x-agree-within", []):
        groups: dict[tuple[Any, ...], list[tuple[int, float]]] = {}
        for line, row in typed:
            key, value = tuple(row.get(name) for name in rule["by"]), row.get(rule["field"])
            if None not in key and isinstance(value, (int, float)) and value > 0:
                groups.setdefault(key, []).append((line, float(value)))
        for figures in groups.values():
            low, high = min(v for _, v in figures), max(v for _, v in figures)
            if len(figures) < 2 or high <= rule["factor"] * low:
                continue
            middle = statistics.median(math.log(v) for _, v in figures)
            if len(figures) == 2:
                pairs = [(figures[0], figures[1]), (figures[1], figures[0])]
            else:
                outlier = max(figures, key=lambda f: abs(math.log(f[1]) - middle))
                nearest = min((f for f in figures if f != outlier), key=lambda f: abs(math.log(f[1]) - middle))
                pairs = [(outlier, nearest)]
            for (line, value), (other_line, other) in pairs:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["field"],
                        "agree-within",
                        f"value {value:g} and the {other:g} of line {other_line}, for the same "
                        f"{', '.join(rule['by'])}, are more than {rule['factor']:g} times apart: a slip of digits or "
                        f"unit? ({rule['why']})",
                    )
                )
    return problems


def steady_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Figures of one series more than a factor away from the figures of the years beside them (``x-steady``): a
    country's LNG imports do not fall tenfold in a year, so a figure typed in the wrong unit stands out against the
    years before and after it even where no other source gives the same year. A figure is compared with the median
    figure of each of the ``order`` values beside it in its series (up to two on each side), and refused only when
    it is more than ``factor`` from most of them, so the years beside a slip are not blamed for it.

    >>> rule = {"by": ["c"], "order": "year", "field": "v", "factor": 2, "why": "w"}
    >>> rows = [(2, {"c": "K", "year": 2014, "v": 37.2}), (3, {"c": "K", "year": 2015, "v": 3.34}),
    ...     (4, {"c": "K", "year": 2018, "v": 44.0})]
    >>> [(p.line, p.rule) for p in steady_problems(rows, {"path": "t.csv", "x-steady": [rule]})]
    [(3, 'steady')]
    """
    problems = []
    for rule in entry.get("x-steady", []):
        series: dict[tuple[Any, ...], dict[Any, list[tuple[int, float]]]] = {}
        for line, row in typed:
            key, when, value = (
                tuple(row.get(name) for name in rule["by"]),
                row.get(rule["order"]),
                row.get(rule["field"]),
            )
            if None not in key and when is not None and isinstance(value, (int, float)) and value > 0:
                series.setdefault(key, {}).setdefault(when, []).append((line, float(value)))
        for years in series.values():
            order = sorted(years)
            typical = {when: statistics.median(v for _, v in years[when]) for when in order}
            for i, when in enumerate(order):
                beside = order[max(0, i - 2) : i] + order[i + 1 : i + 3]
                for line, value in years[when]:
                    far = [
                        other
                        for other in beside
                        if max(value, typical[other]) > rule["factor"] * min(value, typical[other])
                    ]
                    if beside and len(far) > len(beside) / 2:
                        problems.append(
                            Problem(
                                entry["path"],
                                line,
                                rule["field"],
                                "steady",
                                f"value {value:g} is more than {rule['factor']:g} times from the "
                                f"{' and '.join(f'{typical[o]:g} of {o}' for o in far)} beside it in the same "
                                f"{', '.join(rule['by'])}: a slip of digits or unit? ({rule['why']})",
                            )
                        )
    return problems


def cumulative_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Running totals that fall (``x-cumulative``): a total to date from one estimator is no lower than the low end of
    an earlier total of the same thing from the same estimator, nor than the low end of a total of the same day or
    earlier that it includes (``includes``: casualties, killed and wounded, include the killed). A later NIS count
    of troops sent below its earlier one, or casualties below the killed, is a digit dropped or a figure of another
    scope.

    >>> rule = {"scope": {"field": "scope", "values": ["total"]}, "by": ["who"], "item": "item", "value": "low",
    ...     "date": "as_of", "includes": {"casualties": ["killed"]}, "why": "w"}
    >>> day = dt.date
    >>> rows = [(2, {"who": "N", "scope": "total", "item": "killed", "low": 600, "as_of": day(2025, 4, 30)}),
    ...     (3, {"who": "N", "scope": "total", "item": "casualties", "low": 470, "as_of": day(2025, 4, 30)}),
    ...     (4, {"who": "N", "scope": "total", "item": "killed", "low": 300, "as_of": day(2025, 9, 2)})]
    >>> [(p.line, p.rule) for p in cumulative_problems(rows, {"path": "t.csv", "x-cumulative": rule})]
    [(3, 'cumulative'), (4, 'cumulative')]
    """
    rule = entry.get("x-cumulative")
    if not rule:
        return []
    totals: dict[tuple[Any, ...], list[tuple[dt.date, Any, float, int]]] = {}
    for line, row in typed:
        key, when, value = tuple(row.get(name) for name in rule["by"]), row.get(rule["date"]), row.get(rule["value"])
        if row.get(rule["scope"]["field"]) not in rule["scope"]["values"] or None in key:
            continue
        if isinstance(when, dt.date) and isinstance(value, (int, float)):
            totals.setdefault(key, []).append((when, row.get(rule["item"]), float(value), line))
    problems = []
    for rows in totals.values():
        for when, item, value, line in rows:
            included = set(rule.get("includes", {}).get(item, []))
            higher = [
                (other_value, other_item, other_when, other_line)
                for other_when, other_item, other_value, other_line in rows
                if other_value > value
                and ((other_item == item and other_when < when) or (other_item in included and other_when <= when))
            ]
            if higher:
                other_value, other_item, other_when, other_line = max(higher)
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["value"],
                        "cumulative",
                        f"value {value:g} ({item}, {when.isoformat()}), below the {other_value:g} ({other_item}, "
                        f"{other_when.isoformat()}) of line {other_line} from the same {', '.join(rule['by'])}: "
                        f"{rule['why']}",
                    )
                )
    return problems


def nested_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Counts of a period below what the periods inside it count (``x-nested``): entries in the first half of a year
    are no fewer than the entries of its two quarters together, and a total (``total`` in ``field``) is no less than
    the count of any one kind in the periods inside it, whoever reported them. Where two rows count the same period
    and kind, the larger is taken; periods inside that overlap each other are not added up, only compared one by
    one.

    >>> rule = {"start": "start", "end": "end", "value": "n", "field": "kind", "total": "all"}
    >>> day = dt.date
    >>> rows = [(2, {"start": day(2024, 1, 1), "end": day(2024, 3, 31), "kind": "study", "n": 38}),
    ...     (3, {"start": day(2024, 4, 1), "end": day(2024, 6, 30), "kind": "study", "n": 332}),
    ...     (4, {"start": day(2024, 1, 1), "end": day(2024, 6, 30), "kind": "all", "n": 250})]
    >>> [(p.line, p.rule) for p in nested_problems(rows, {"path": "t.csv", "x-nested": rule})]
    [(4, 'nested')]
    """
    rule = entry.get("x-nested")
    if not rule:
        return []
    rows = [
        (line, row[rule["start"]], row[rule["end"]], row.get(rule["field"]), row[rule["value"]])
        for line, row in typed
        if isinstance(row.get(rule["start"]), dt.date)
        and isinstance(row.get(rule["end"]), dt.date)
        and isinstance(row.get(rule["value"]), (int, float))
    ]
    problems = []
    for line, start, end, kind, value in rows:
        kinds = {r[3] for r in rows} if kind == rule["total"] else {kind}
        for counted in sorted(kinds, key=str):
            inside: dict[tuple[dt.date, dt.date], tuple[float, int]] = {}
            for other_line, other_start, other_end, other_kind, other_value in rows:
                if other_kind != counted or other_line == line or (other_start, other_end) == (start, end):
                    continue
                if start <= other_start and other_end <= end:
                    period = (other_start, other_end)
                    inside[period] = max(inside.get(period, (other_value, other_line)), (other_value, other_line))
            periods = sorted(inside)
            disjoint = all(a[1] < b[0] for a, b in pairwise(periods))
            parts = [inside[p] for p in periods] if disjoint else [max(inside.values())] if inside else []
            total = sum(v for v, _ in parts)
            if total > value:
                lines = ", ".join(str(other) for _, other in parts)
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["value"],
                        "nested",
                        f"value {value:g} for {start.isoformat()} to {end.isoformat()}, but the periods inside it "
                        f"count {total:g} {counted} (line(s) {lines}): a period counts at least what its parts do",
                    )
                )
    return problems


def number_order_problems(
    table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]
) -> list[Problem]:
    """Numbered documents dated out of their numbers' order (``x-number-order``: the Security Council numbers its
    resolutions as it adopts them, so S/RES/2087 cannot predate S/RES/1874): a number or a date mistyped."""
    problems = []
    rows = dict(typed)
    for rule in entry.get("x-number-order", []):
        pattern = re.compile(rule["pattern"])
        numbered = []
        for line, record in table.records:
            found = pattern.search(record[rule["field"]])
            date = _as_date(rows.get(line, {}).get(rule["date"]))
            if found and found.group("number").isdigit() and isinstance(date, dt.date):
                numbered.append((int(found.group("number")), date, line, record[rule["field"]]))
        numbered.sort()
        latest: tuple[dt.date, int, str] | None = None
        for _, date, line, written in numbered:
            if latest and date < latest[0]:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["date"],
                        "number-order",
                        f"value {date.isoformat()}, before {latest[2]!r} of line {latest[1]} "
                        f"({latest[0].isoformat()}), which has a lower number than {written!r}: numbers rise with "
                        "their dates",
                    )
                )
            if latest is None or date > latest[0]:
                latest = (date, line, written)
    return problems


def _number_or_none(value: str) -> float | None:
    """A cell's number, or ``None`` when it is empty or not a number written as digits."""
    if not NUMBER.fullmatch(value):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def when_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Cells that break a condition on their row (``x-when``: in a decision adopted without a vote no votes are
    counted; a vetoed draft has no resolution number; a bridge names the countries on both banks; a row without a
    figure says why in its note; a share in percent is at most 100; a count of people sent is at most a million).
    Each rule names the rows it covers (``if``: a field's ``values``, a value other than those in ``except``, text
    matching a ``pattern``, or the field ``empty``, with any further such conditions in ``if.and`` that the rows meet
    as well) and what those rows must hold in ``then.fields``: one of ``values``, none of ``except``, nothing
    (``empty``), something (``filled``), text matching ``pattern``, or a number no larger than ``at-most`` (a sanity
    bound on a unit: a larger figure is a slip of digits or of unit). An empty cell meets ``values``, ``except``,
    ``pattern`` and ``at-most`` (whether it may be empty is the field's own rule, or ``filled``); a cell that is not a
    number is the field's type's to refuse."""
    problems = []
    for rule in entry.get("x-when", []):
        conditions, then = when_conditions(rule), rule["then"]
        pattern = re.compile(then["pattern"]) if "pattern" in then else None
        covered = [re.compile(c["pattern"]) if "pattern" in c else None for c in conditions]
        for line, record in table.records:
            texts = [record[condition["field"]] for condition in conditions]
            if not all(
                test.search(text)
                if test
                else text not in condition["except"]
                if "except" in condition
                else text in condition.get("values", [""])
                for condition, test, text in zip(conditions, covered, texts, strict=True)
            ):
                continue
            for name in then["fields"]:
                value = record[name]
                if then.get("empty"):
                    broken, wanted = value != "", "nothing"
                elif then.get("filled"):
                    broken, wanted = value == "", "a value"
                elif pattern is not None:
                    broken, wanted = value != "" and not pattern.search(value), f"text matching {then['pattern']!r}"
                elif "except" in then:
                    broken, wanted = value in then["except"], f"none of {then['except']}"
                elif "at-most" in then:
                    number = _number_or_none(value)
                    broken, wanted = number is not None and number > then["at-most"], f"at most {then['at-most']:,}"
                else:
                    broken, wanted = value != "" and value not in then["values"], f"one of {then['values']}"
                if broken:
                    covers = " and whose ".join(
                        f"{condition['field']} is {'empty' if condition.get('empty') else repr(text)}"
                        for condition, text in zip(conditions, texts, strict=True)
                    )
                    problems.append(
                        Problem(
                            table.path,
                            line,
                            name,
                            "when",
                            f"value {value!r}, but a row whose {covers} holds {wanted} in {name} ({rule['why']})",
                        )
                    )
    return problems


def _returns(rows: list[tuple[dt.date, int, Any]]) -> list[tuple[tuple[dt.date, int, Any], tuple, tuple]]:
    """In ``rows`` (day, line, value), sorted, the runs of one value that interrupt another value's rows: each as the
    run's first row with the rows of the value before and after it.

    Where runs interrupt each other (A, B, A, B), a run with fewer rows than the value around it has in all is
    taken for the slip, and a longer one for the tenure it interrupted (where none is shorter, each is named).

    >>> day = dt.date(2024, 1, 1)
    >>> rows = [(day, 2, "A"), (day, 3, "A"), (day, 4, "B"), (day, 5, "B"), (day, 6, "B"), (day, 7, "A"), (day, 8, "B")]
    >>> [first[1] for first, _, _ in _returns(rows)]
    [7]
    """
    runs: list[list[tuple[dt.date, int, Any]]] = []
    for row in rows:
        if runs and runs[-1][0][2] == row[2]:
            runs[-1].append(row)
        else:
            runs.append([row])
    rows_of = Counter(value for _, _, value in rows)
    between = [at for at in range(1, len(runs) - 1) if runs[at - 1][0][2] == runs[at + 1][0][2]]
    slips = [at for at in between if len(runs[at]) < rows_of[runs[at - 1][0][2]]] or between
    return [(runs[at][0], runs[at - 1][0], runs[at + 1][0]) for at in slips]


def no_return_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows where a person's code returns to one they had left (``x-no-return``): taken in date order, one
    ``by`` (a visitor) moves from one ``field`` value (a level) to another and never back, so a foreign minister
    recorded once as "other senior" between two visits as minister is refused.

    >>> rule = {"path": "contacts.csv", "x-no-return": {"by": "visitor", "field": "level", "date": "start_date",
    ...         "why": "a test"}}
    >>> rows = [(2, {"visitor": "A", "level": "fm", "start_date": dt.date(2024, 1, 1)}),
    ...         (3, {"visitor": "A", "level": "other", "start_date": dt.date(2024, 6, 1)}),
    ...         (4, {"visitor": "A", "level": "fm", "start_date": dt.date(2025, 1, 1)})]
    >>> [(p.line, p.field, p.rule) for p in no_return_problems(rows, rule)]
    [(3, 'level', 'no-return')]
    """
    rule = entry.get("x-no-return")
    if not rule:
        return []
    by, field, date = rule["by"], rule["field"], rule["date"]
    people: dict[Any, list[tuple[dt.date, int, Any]]] = {}
    for line, row in typed:
        if row.get(by) is not None and row.get(field) is not None and row.get(date) is not None:
            people.setdefault(row[by], []).append((row[date], line, row[field]))
    problems = []
    for person, rows in people.items():
        for (day, line, value), before, after in _returns(sorted(rows, key=lambda item: (item[0], item[1]))):
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    field,
                    "no-return",
                    f"value {value!r} on {day.isoformat()}, but {person} is {before[2]!r} on lines {before[1]} and "
                    f"{after[1]}, before and after ({rule['why']})",
                )
            )
    return problems


def one_holder_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows where a country's office passes back to a holder who had left it (``x-one-holder``): taken in date
    order, each of the ``offices`` that one person holds at a time (a leader, a foreign minister) passes from one
    holder to the next and never back, so a foreign minister's visit typed as the leader's, between two of the
    leader's, is refused. The row is named at its ``office`` where its holder is recorded in another office elsewhere
    (the office was mistyped), and at its ``holder`` otherwise (the name was).

    >>> rule = {"path": "c.csv", "x-one-holder": {"office": "level", "holder": "visitor", "country": "country",
    ...         "date": "start", "offices": ["leader"], "why": "a test"}}
    >>> rows = [(2, {"visitor": "A", "level": "leader", "country": "X", "start": dt.date(2024, 1, 1)}),
    ...         (3, {"visitor": "B", "level": "leader", "country": "X", "start": dt.date(2024, 6, 1)}),
    ...         (4, {"visitor": "B", "level": "minister", "country": "X", "start": dt.date(2024, 7, 1)}),
    ...         (5, {"visitor": "A", "level": "leader", "country": "X", "start": dt.date(2025, 1, 1)})]
    >>> [(p.line, p.field, p.rule) for p in one_holder_problems(rows, rule)]
    [(3, 'level', 'one-holder')]
    """
    rule = entry.get("x-one-holder")
    if not rule:
        return []
    office, holder, country, date = rule["office"], rule["holder"], rule["country"], rule["date"]
    offices_of: dict[Any, set[Any]] = {}
    holders: dict[tuple[Any, Any], list[tuple[dt.date, int, Any]]] = {}
    for line, row in typed:
        if row.get(holder) is None or row.get(office) is None:
            continue
        offices_of.setdefault(row[holder], set()).add(row[office])
        if row[office] in rule["offices"] and row.get(country) is not None and row.get(date) is not None:
            holders.setdefault((row[country], row[office]), []).append((row[date], line, row[holder]))
    problems = []
    for (where, post), rows in holders.items():
        for (day, line, name), before, after in _returns(sorted(rows, key=lambda item: (item[0], item[1]))):
            held = f"the {where} {post} is {before[2]} on lines {before[1]} and {after[1]}, before and after"
            elsewhere = sorted(map(str, offices_of[name] - {post}))
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    office,
                    "one-holder",
                    f"value {post!r} for {name} on {day.isoformat()}, "
                    f"who is {' or '.join(map(repr, elsewhere))} in other rows, but {held} ({rule['why']})",
                )
                if elsewhere
                else Problem(
                    entry["path"],
                    line,
                    holder,
                    "one-holder",
                    f"value {name!r} on {day.isoformat()}, but {held} ({rule['why']})",
                )
            )
    return problems


def overlap_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows of one ``by`` group whose spans overlap (``x-no-overlap``): one person on two visits to one partner at
    once, or one visit entered twice under other dates. Only rows whose ``only`` field holds one of its values are
    compared (confirmed contacts); a row with no end (or a rule naming no ``end``: an estimate has only the day it
    was made) lasts the span its start's precision allows, and at least ``open-days`` (a visit whose end no source
    gives: a second row starting the next day is the same visit; the same estimate restated within the week).

    >>> rule = {"path": "c.csv", "x-no-overlap": {"by": ["visitor"], "start": "start", "end": "end", "why": "a test"}}
    >>> day = dt.date
    >>> rows = [(2, {"visitor": "A", "start": day(2025, 6, 4), "end": day(2025, 6, 20)}),
    ...         (3, {"visitor": "A", "start": day(2025, 6, 17), "end": None})]
    >>> [(p.line, p.field, p.rule) for p in overlap_problems(rows, rule)]
    [(3, 'start', 'overlap')]
    >>> rows += [(4, {"visitor": "A", "start": day(2025, 6, 5), "end": day(2025, 6, 6)})]
    >>> [p.line for p in overlap_problems(rows, rule)]  # the long visit overlaps both rows after it
    [4, 3]
    """
    rule = entry.get("x-no-overlap")
    if not rule:
        return []
    only = rule.get("only")
    precision = (entry.get("x-date-precision") or {}).get("field")
    groups: dict[tuple, list[tuple[dt.date, dt.date, int]]] = {}
    for line, row in typed:
        start = row.get(rule["start"])
        if start is None or (only and row.get(only["field"]) not in only["values"]):
            continue
        first, last = _span(start, row.get(precision) if precision else None)
        end = row.get(rule["end"]) if "end" in rule else None
        if end is not None:
            last = _span(end, row.get(precision) if precision else None)[1]
        else:  # an end not recorded: the visit lasts at least ``open-days`` (one day unless the rule says more)
            last = max(last, first + dt.timedelta(days=rule.get("open-days", 1) - 1))
        groups.setdefault(tuple(row.get(name) for name in rule["by"]), []).append((first, last, line))
    problems = []
    for key, spans in groups.items():
        spans.sort()
        reach = spans[0]  # the row whose span reaches furthest so far: a long visit can overlap several after it
        for first, end, later in spans[1:]:
            _, last, line = reach
            if end > last:
                reach = (first, end, later)
            if first <= last:
                problems.append(
                    Problem(
                        entry["path"],
                        later,
                        rule["start"],
                        "overlap",
                        f"{' and '.join(map(str, key))}: this row's span, from {first.isoformat()}, overlaps line "
                        f"{line}'s, to {last.isoformat()} ({rule['why']})",
                    )
                )
    return problems


def key_names_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Keys that name none of the words of the name they stand for (``x-key-names``): a contact's id
    (``2023-10-lavrov-pyongyang``) carries its visitor's name, so a visitor pasted from the row above
    ("Sergei Shoigu") is refused. Words are compared as :func:`_names_word_of` compares them.

    >>> rule = {"x-key-names": [{"field": "contact_id", "name": "visitor"}]}
    >>> table = Table("c.csv", ["contact_id", "visitor"], [(2, {"contact_id": "2019-06-xi-pyongyang",
    ...     "visitor": "Xi Jinping"}), (3, {"contact_id": "2023-10-lavrov-pyongyang", "visitor": "Sergei Shoigu"})])
    >>> [(p.line, p.field, p.rule) for p in key_names_problems(table, rule)]
    [(3, 'visitor', 'key-names')]

    With ``leading``, the key need not name its row's value, but where it names the leading name of any row's value
    (before a bracket, a semicolon, a comma, " and " or " then ", as :func:`place_country_problems` reads a place),
    that value is the row's own: an id ending ``-vladivostok`` beside the place "Moscow" is refused, since one of the
    two was pasted from another row.

    >>> rule = {"x-key-names": [{"field": "contact_id", "name": "place", "leading": True}]}
    >>> table = Table("c.csv", ["contact_id", "place"], [(2, {"contact_id": "2019-04-kim-vladivostok",
    ...     "place": "Vladivostok, Russky Island"}), (3, {"contact_id": "2023-09-kim-vostochny", "place": "Moscow"}),
    ...     (4, {"contact_id": "2024-06-lavrov-moscow", "place": "Vladivostok"})])
    >>> [(p.line, p.field, p.rule) for p in key_names_problems(table, rule)]
    [(4, 'place', 'key-names')]
    """
    problems = []
    for rule in entry.get("x-key-names", []):
        if rule.get("leading"):
            problems += _leading_name_problems(table, rule)
            continue
        for line, record in table.records:
            key, name = record.get(rule["field"], ""), record.get(rule["name"], "")
            if key and not _names_word_of(key, name):
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["name"],
                        "key-names",
                        f"value {name!r}, but the {rule['field']} {key!r} names none of its words: the {rule['name']} "
                        f"of another row, or the wrong {rule['field']}",
                    )
                )
    return problems


def leading_name(value: str) -> str:
    """A place's leading name: what it says before a bracket, a semicolon, a comma, " and " or " then ".

    >>> leading_name("Moscow and other Soviet cities (then Eastern Europe)"), leading_name("Vladivostok, Russky Island")
    ('Moscow', 'Vladivostok')
    """
    return re.split(r" \(|;|,| and | then ", value, maxsplit=1)[0]


def _leading_name_problems(table: Table, rule: dict[str, Any]) -> list[Problem]:
    """Rows whose key names the leading name of some row's ``name`` but not their own (``x-key-names`` with
    ``leading``), names compared as :func:`~.text.spelling_key` writes them."""
    field, name = rule["field"], rule["name"]
    known = {spelling_key(leading_name(record[name])): record[name] for _, record in table.records if record[name]}
    known.pop("", None)
    problems = []
    for line, record in table.records:
        key, own = spelling_key(record[field]), spelling_key(record[name])
        named = sorted(written for written in known if written in key)
        if record[field] and record[name] and named and not any(written in own for written in named):
            problems.append(
                Problem(
                    table.path,
                    line,
                    name,
                    "key-names",
                    f"value {record[name]!r}, but the {field} {record[field]!r} names "
                    f"{leading_name(known[named[0]])!r}, another row's {name}: a {name} pasted from another row, "
                    f"or the wrong {field}",
                )
            )
    return problems


def period_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Periods that are not made of whole reporting periods (``x-period``: the border service counts entries by
    quarter, so a period starts on the first day of a quarter and ends on the last day of one): a day mistyped."""
    rule = entry.get("x-period")
    if not rule:
        return []
    months = rule["months"]
    problems = []
    for line, row in typed:
        start, end = _as_date(row.get(rule["start"])), _as_date(row.get(rule["end"]))
        if isinstance(start, dt.date) and not (start.day == 1 and (start.month - 1) % months == 0):
            said = f"value {start.isoformat()} is not the first day of a {months}-month period from January"
            problems.append(Problem(entry["path"], line, rule["start"], "period", said))
        if isinstance(end, dt.date) and not ((end + dt.timedelta(days=1)).day == 1 and end.month % months == 0):
            said = f"value {end.isoformat()} is not the last day of a {months}-month period from January"
            problems.append(Problem(entry["path"], line, rule["end"], "period", said))
    return problems


def span_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose end lies implausibly long after their start (``x-span-at-most``: a visit of more than three months,
    a border-statistics period of more than a year): a year or month mistyped in the end date. Dates known only to
    the month or year are compared over the shortest span they can mean."""
    rule = entry.get("x-span-at-most")
    if not rule:
        return []
    precision = (entry.get("x-date-precision") or {}).get("field")
    problems = []
    for line, row in typed:
        start, end = _as_date(row.get(rule["start"])), _as_date(row.get(rule["end"]))
        if not (isinstance(start, dt.date) and isinstance(end, dt.date)):
            continue
        known = row.get(precision) if precision else None
        shortest = (end - _span(start, known)[1]).days
        if shortest > rule["days"]:
            said = (
                f"value {row[rule['end']]!s}, {shortest} days after {rule['start']} {row[rule['start']]!s}: more than "
                f"{rule['days']} ({rule['why']})"
            )
            problems.append(Problem(entry["path"], line, rule["end"], "span", said))
    return problems


def key_date_problems(table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Dates that disagree with the date a key carries (``x-key-date``: a contact ``2025-10-kozlov-pyongyang``
    starts in October 2025, resolution ``S/RES/1718 (2006)`` was voted on in 2006): a year, month or day mistyped
    in one of the two. Each rule's ``pattern`` finds, in ``field``, a ``year`` and perhaps a ``month`` and a ``day``;
    a key it does not match, or a row without the date, is not compared, and a date whose precision is the year or
    the month is compared only that far."""
    problems = []
    dates = dict(typed)
    precision = entry.get("x-date-precision")
    for rule in entry.get("x-key-date", []):
        pattern = re.compile(rule["pattern"])
        for line, record in table.records:
            found = pattern.search(record[rule["field"]])
            if found and "within_days" in rule:
                problems += _key_span_problems(table, line, record, rule, found)
                continue
            date = _as_date(dates.get(line, {}).get(rule["date"]))
            if not found or not isinstance(date, dt.date):
                continue
            parts = {k: v for k, v in found.groupdict().items() if v is not None}
            known = record[precision["field"]] if precision and rule["date"] in precision["dates"] else "day"
            for unknown in {"year": ("month", "day"), "month": ("day",)}.get(known, ()):
                parts.pop(unknown, None)  # a date known to the year or month is stored as its first day
            said = [f"{k} {v}" for k, v in parts.items() if _date_part(v) != getattr(date, k)]
            if said:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["date"],
                        "key-date",
                        f"value {record[rule['date']]!r}, but the {rule['field']} {record[rule['field']]!r} gives "
                        f"{' and '.join(said)}: one of the two is mistyped",
                    )
                )
    return problems


MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _date_part(written: str) -> int | None:
    """A year, month or day as a key writes it: digits, or a month's name or its first three letters.

    >>> _date_part("2011"), _date_part("dec"), _date_part("March"), _date_part("x1")
    (2011, 12, 3, None)
    """
    if written.isascii() and written.isdigit():
        return int(written)
    word = written.casefold()[:3]
    return MONTH_WORDS.index(word) + 1 if word in MONTH_WORDS and len(written) >= 3 else None


def _key_span_problems(
    table: Table, line: int, record: dict[str, str], rule: dict[str, Any], found: re.Match
) -> list[Problem]:
    """An ``x-key-date`` rule with ``within_days``: the key's day (or month, or year) and the row's partial date (a
    registry's ``published``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) must come within that many days of each other
    (a day apart across time zones, an id named after the day of the event a report was filed on); where neither
    names a day, they overlap as written (an id of November 2024 for a page dated December 2024 names another
    month, the event's). An empty or malformed date is not compared here."""
    parts = {k: v for k, v in found.groupdict().items() if v is not None}
    said = "-".join(parts[k] for k in ("year", "month", "day") if k in parts)
    key_start, key_end = partial_start(said), partial_end(said)
    start, end = partial_start(record[rule["date"]]), partial_end(record[rule["date"]])
    if None in (key_start, key_end, start, end):
        return []
    # The slack is for days (a day apart across time zones, a report filed the day after its event): where neither
    # names a day, the key's month or year and the date's must overlap as written ("2024-11" is not "2024-12").
    days = "day" in parts or len(record[rule["date"]]) > len("YYYY-MM")
    slack = dt.timedelta(days=rule["within_days"] if days else 0)
    if start <= key_end + slack and key_start - slack <= end:
        return []
    apart = f"more than {rule['within_days']} days from it" if days else "another period (neither names a day)"
    return [
        Problem(
            table.path,
            line,
            rule["date"],
            "key-date",
            f"value {record[rule['date']]!r}, but the {rule['field']} {record[rule['field']]!r} gives {said}, "
            f"{apart}: one of the two is mistyped",
        )
    ]


def carries_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Fields that disagree with the value another field's text carries (``x-carries``): the symbol
    ``A/C.3/79/L.34`` is a draft of the 79th session, a text "... (75th session)" was voted on in the 75th, the
    estimate ``troops-nis-2025-04-30-total-15000`` has a low end of 15,000: one of the two mistyped. Each rule's
    ``pattern`` finds, in ``field``, a group named ``value`` that the field ``equals`` holds as written; where the
    rule gives ``scales``, a group named ``scale`` ("m", "bn") multiplies the value first, so
    ``ammo-nis-2023-11-01-1m`` carries 1,000,000; where it gives ``codes``, the word found stands for a code, so
    ``killed-nis-...`` carries the item ``troops_killed`` and a word the rule does not list carries none. A text the
    pattern does not match, or an empty ``equals``, is not compared."""
    problems = []
    for rule in entry.get("x-carries", []):
        pattern = re.compile(rule["pattern"])
        scales, codes = rule.get("scales", {}), rule.get("codes")
        for line, record in table.records:
            found, other = pattern.search(record[rule["field"]]), record[rule["equals"]]
            if not found or other == "":
                continue
            carried = found["value"]
            if scales:  # a figure written short in the key ("3m" for 3,000,000): compared as numbers
                try:
                    agrees = Decimal(carried) * Decimal(scales[found["scale"]]) == Decimal(other)
                except (InvalidOperation, KeyError):
                    agrees = False
                carried = f"{carried}{found['scale']}"
            elif codes is not None:  # a word in the key standing for a code ("killed" for troops_killed)
                agrees = codes.get(carried) == other
                carried = codes.get(carried, f"no code (its word {carried!r} is none of {', '.join(sorted(codes))})")
            else:
                agrees = carried == other
            if not agrees:
                problems.append(
                    Problem(
                        table.path,
                        line,
                        rule["equals"],
                        "carries",
                        f"value {other!r}, but the {rule['field']} {record[rule['field']]!r} gives "
                        f"{carried!r}: one of the two is mistyped",
                    )
                )
    return problems


def distinct_points_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows of one ``by`` group (a kind of place in one country) under different keys whose points lie within the
    rule's ``km`` (``x-distinct-points``): one place entered twice under a new id and name ("najin" beside "rajin"),
    which a map would draw twice. The later row is named.

    >>> rule = {"key": "id", "by": ["kind"], "lat": "lat", "lon": "lon", "km": 1, "why": "w"}
    >>> rows = [(2, {"id": "rajin", "kind": "city", "lat": 42.256, "lon": 130.283}),
    ...         (3, {"id": "najin", "kind": "city", "lat": 42.259, "lon": 130.285}),
    ...         (4, {"id": "rajin", "kind": "city", "lat": 42.250, "lon": 130.280})]
    >>> [(p.line, p.field) for p in distinct_points_problems(rows, {"path": "p.csv", "x-distinct-points": rule})]
    [(3, 'lat,lon')]
    """
    rule = entry.get("x-distinct-points")
    if not rule:
        return []
    seen: dict[tuple, list[tuple[int, Any, float, float]]] = {}
    problems = []
    for line, row in typed:
        lat, lon = row.get(rule["lat"]), row.get(rule["lon"])
        if lat is None or lon is None:
            continue
        group = seen.setdefault(tuple(row.get(name) for name in rule["by"]), [])
        for their_line, key, their_lat, their_lon in group:
            km = km_between(float(lat), float(lon), float(their_lat), float(their_lon))
            if key != row.get(rule["key"]) and km <= rule["km"]:
                said = (
                    f"the point ({lat}, {lon}) of {row.get(rule['key'])!r} lies {km:.2f} km from {key!r} (line "
                    f"{their_line}), within {rule['km']} km: {rule['why']}"
                )
                problems.append(Problem(entry["path"], line, f"{rule['lat']},{rule['lon']}", "distinct-points", said))
                break
        group.append((line, row.get(rule["key"]), lat, lon))
    return problems


def names_row_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Rows whose text names another row of the table (``x-names-row``: a finding "re-check of check-01") that the
    row differs from in a field the two must share (the table and row re-checked): the wrong check is named, or the
    wrong row was re-checked. A key the pattern finds (its group ``key``) must be another row's.

    >>> rule = {"text": "finding", "pattern": "re-check of (?P<key>check-[0-9]+)", "same": ["row"], "why": "w"}
    >>> entry = {"schema": {"primaryKey": ["id"]}, "x-names-row": [rule]}
    >>> table = Table("t.csv", ["id", "row", "finding"], [(2, {"id": "check-1", "row": "a", "finding": ""}),
    ...     (3, {"id": "check-2", "row": "b", "finding": "re-check of check-1"}),
    ...     (4, {"id": "check-3", "row": "a", "finding": "re-check of check-9"})])
    >>> [(p.line, p.field) for p in names_row_problems(table, entry)]
    [(3, 'row'), (4, 'finding')]
    """
    problems: list[Problem] = []
    if not entry.get("x-names-row"):
        return problems
    key = entry["schema"]["primaryKey"][0]
    rows = {record[key]: (line, record) for line, record in table.records}
    for rule in entry["x-names-row"]:
        pattern = re.compile(rule["pattern"])
        for line, record in table.records:
            for found in pattern.finditer(record[rule["text"]]):
                named = found["key"]
                if named not in rows or named == record[key]:
                    which = "itself" if named == record[key] else "no row of the table"
                    said = f"names {named!r}, which is {which}: {rule['why']}"
                    problems.append(Problem(table.path, line, rule["text"], "names-row", said))
                    continue
                their_line, theirs = rows[named]
                problems += [
                    Problem(
                        table.path,
                        line,
                        field,
                        "names-row",
                        f"value {record[field]!r}, but the {rule['text']} names {named!r} (line {their_line}), "
                        f"whose {field} is {theirs[field]!r}: {rule['why']}",
                    )
                    for field in rule["same"]
                    if record[field] != theirs[field]
                ]
    return problems


def stated_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Values that the row's own quotation does not state (``x-stated``): a count of votes the quoted report does not
    give ("141 countries voted in favor, five against"), a dollar figure other than the amount the quoted source writes
    ("258억 달러" for 25,800 million), a latitude other than the one the note copies from its source: a value
    mistyped, a decimal slipped, a figure copied from another row. ``as`` says how the text writes it
    (:mod:`russia_dprk.amounts`): ``count``, in digits or in words up to ninety-nine; ``number``, a count, a
    decimal, a number of dozens or an ordinal in words ("second-largest"); ``usd_millions``, a dollar
    amount in English, Russian, Chinese, Japanese or Korean units; ``coordinate``, decimal degrees or degrees,
    minutes and seconds, which the value may round to its own decimals. An empty value is not compared. With
    ``"refuse": "scale"`` the text may state other figures (a part of the total, another source's figure), and only
    a value that is a stated figure at another power of ten is refused: "$104 million" entered as 10.4, a unit or
    decimal slip. ``text`` may name several fields, read together (a description and the note quoting its source).

    >>> table = Table("t.csv", ["v", "note"], [(2, {"v": "10.4", "note": "USD 104 million"}),
    ...     (3, {"v": "44.9", "note": "of which $27.2m oil"})])
    >>> rule = {"field": "v", "text": "note", "as": "usd_millions", "why": "w", "refuse": "scale"}
    >>> [(p.line, p.rule) for p in stated_problems(table, {"x-stated": [rule]})]
    [(2, 'stated')]

    A zero is refused beside a text stating other figures, unless the text says the flow was nil:

    >>> zero = Table("t.csv", ["v", "note"], [(2, {"v": "0", "note": "($104 million)"}),
    ...     (3, {"v": "0", "note": "imports none, exports $2 million"})])
    >>> [(p.line, p.rule) for p in stated_problems(zero, {"x-stated": [rule]})]
    [(2, 'stated')]
    """
    readers = {"count": counts, "number": numbers, "usd_millions": usd_millions, "coordinate": coordinates}
    problems = []
    for rule in entry.get("x-stated", []):
        texts = stated_texts(rule)
        where = " or ".join(texts)
        for line, record in table.records:
            value = record[rule["field"]]
            try:
                number = Decimal(value)
            except InvalidOperation:
                continue  # empty, or not a number: the cell's own checks report it
            if not number.is_finite():
                continue
            stated = set().union(*(readers[rule["as"]](record[text]) for text in texts))
            if rule["as"] == "coordinate":
                agrees = any(rounds_to(value, figure) for figure in stated)
            else:
                agrees = number in stated
            if rule.get("refuse") == "scale":
                said = " ".join(str(record[text] or "") for text in texts)
                if not number and not agrees and any(Decimal(f) for f in stated) and not NONE_SAID.search(said):
                    why = (
                        f"states {_figures_text(stated)} and says nothing of none: a figure typed as 0? ({rule['why']})"
                    )
                elif agrees or not (slipped := _scaled(number, stated)):
                    continue
                else:
                    why = (
                        f"states {_figure_text(slipped)}: the same figure at another power of ten (a unit or decimal "
                        f"slip; {rule['why']})"
                    )
            elif agrees:
                continue
            else:
                why = f"states {_figures_text(stated)}: {rule['why']}"
            problems.append(Problem(table.path, line, rule["field"], "stated", f"value {value!r}, but {where} {why}"))
    return problems


# Words that say a flow was nil ("none", Korean "전무", Russian "нет"...): a zero beside a text that says so is the
# figure, not a figure lost.
NONE_SAID = re.compile(r"(?i)\b(?:none|nil|nothing|zero|no trade)\b|전무|없었|없다|\bнет\b|нулев|\b0\b|零|なし")


def _scaled(number: Decimal, stated: set[Any]) -> Decimal | None:
    """A stated figure that ``number`` is at another power of ten (a thousandth to a thousand times), or None."""
    for figure in sorted(stated):
        figure = Decimal(figure)
        if figure and any(number == figure.scaleb(shift) for shift in (-3, -2, -1, 1, 2, 3)):
            return figure
    return None


def _figures_text(stated: set[Any]) -> str:
    """The first six figures a text states, as :func:`_figure_text` writes each, or "none"."""
    return ", ".join(_figure_text(figure) for figure in sorted(stated)[:6]) or "none"


def _figure_text(figure: Any) -> str:
    """A figure read from a text, to six decimals at most, however many digits it has."""
    number = Decimal(figure)
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + 8, len(number.as_tuple().digits) + 7)
        return f"{round(number, 6).normalize():,f}"


def era_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Country codes used outside the years their state existed under that name (``x-era``: the Soviet Union after
    1991, the Russian Federation before it continued the USSR's membership of the UN): a code mistyped, or a date.
    A date known to the month or year is refused only if no day it can mean falls in the state's years."""
    rule = entry.get("x-era")
    if not rule:
        return []
    precision = (entry.get("x-date-precision") or {}).get("field")
    spans = {
        code: (
            dt.date.fromisoformat(span.get("from", "0001-01-01")),
            dt.date.fromisoformat(span.get("to", "9999-12-31")),
        )
        for code, span in rule["codes"].items()
    }
    problems = []
    for line, row in typed:
        date = _as_date(row.get(rule["date"]))
        if not isinstance(date, dt.date):
            continue
        first, last = _span(date, row.get(precision) if precision else None)
        for name in rule["fields"]:
            for code in (row.get(name) or "").split(";"):
                begins, ends = spans.get(code, (first, last))
                if last < begins or first > ends:
                    years = " ".join(f"{end} {day}" for end, day in rule["codes"][code].items())
                    said = f"value {row[name]!r} on {row[rule['date']]!s}: {code} is used only {years} ({rule['why']})"
                    problems.append(Problem(entry["path"], line, name, "era", said))
    return problems


def sitting_sessions(day: dt.date) -> tuple[int, ...]:
    """The General Assembly's regular sessions that may be sitting on ``day``: a session opens in September of the
    year 1945 plus its number and sits until the next one opens (in September either may sit).

    >>> sitting_sessions(dt.date(2020, 11, 18)), sitting_sessions(dt.date(2023, 6, 8))
    ((75,), (77,))
    >>> sitting_sessions(dt.date(2022, 9, 5))
    (76, 77)
    """
    if day.month == 9:
        return (day.year - 1946, day.year - 1945)
    return (day.year - 1945,) if day.month > 9 else (day.year - 1946,)


def session_date_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """A numbered General Assembly session that was not sitting on the row's date (``x-session-date``): the session
    or the date mistyped. A date known to the month or year is compared with every session sitting in it, and a row
    without a date, where the rule names a ``year`` field, with every session sitting in its year. Emergency special
    sessions ("ES-11") sit when called and are not compared."""
    rule = entry.get("x-session-date")
    if not rule:
        return []
    precision = (entry.get("x-date-precision") or {}).get("field")
    problems = []
    for line, row in typed:
        session, day = str(row.get(rule["session"]) or ""), _as_date(row.get(rule["date"]))
        year = row.get(rule["year"]) if "year" in rule and not isinstance(day, dt.date) else None
        if isinstance(year, int) and 1945 < year < 10000:  # no date: the whole of the row's year
            day, first, last = year, dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif session.isdigit() and isinstance(day, dt.date):
            first, last = _span(day, row.get(precision) if precision else None)
        else:
            continue
        if not session.isdigit():
            continue
        sitting = sorted(set(sitting_sessions(first)) | set(sitting_sessions(last)))
        if not sitting[0] <= int(session) <= sitting[-1]:
            when = f"on {day}" if first == last else f"in {day}" if isinstance(day, int) else f"from {first} to {last}"
            said = f"value {session!r}, but {when} session {' to '.join(map(str, sitting))} sat ({rule['why']})"
            problems.append(Problem(entry["path"], line, rule["session"], "session-date", said))
    return problems


def tally_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Named votes that the row's own count cannot hold (``x-tally``: two members recorded voting no where the
    row counts one vote against, or a member recorded abstaining where it counts no abstention)."""
    rule = entry.get("x-tally")
    if not rule:
        return []
    problems = []
    for line, row in typed:
        for vote, count_field in rule["counts"].items():
            count = row.get(count_field)
            voters = [name for name in rule["votes"] if row.get(name) == vote]
            if count is not None and len(voters) > count:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        count_field,
                        "tally",
                        f"value {count}, but {len(voters)} member(s) are recorded voting {vote!r} "
                        f"({', '.join(voters)}): the count holds at least the votes the row names",
                    )
                )
    return problems


def votes_needed(rule: dict[str, Any], day: dt.date | None) -> list[int]:
    """The affirmative votes a Security Council decision could have needed on ``day`` (``x-veto``'s ``needed``:
    each era's number from its first day); every era's number when the day is not known, none before the first.

    >>> rule = {"needed": [{"from": "1945-10-24", "votes": 7}, {"from": "1965-08-31", "votes": 9}]}
    >>> votes_needed(rule, dt.date(1950, 6, 27)), votes_needed(rule, dt.date(2006, 7, 15)), votes_needed(rule, None)
    ([7], [9], [7, 9])
    """
    eras = rule["needed"]
    if day is None:
        return [era["votes"] for era in eras]
    begun = [era["votes"] for era in eras if dt.date.fromisoformat(era["from"]) <= day]
    return begun[-1:]


def veto_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Security Council outcomes that contradict the recorded votes (``x-veto``; UN Charter, Article 27(3): a
    decision needs the affirmative votes of nine members, seven before the amendment in force on 31 August 1965,
    including the concurring votes of the permanent members, so one permanent member voting no blocks it): a draft
    adopted over a recorded permanent "no", or vetoed with none recorded; a draft adopted or vetoed with fewer
    affirmative votes than a decision needed on its date, or one that failed with as many."""
    rule = entry.get("x-veto")
    if not rule:
        return []
    problems = []
    for line, row in typed:
        outcome = row.get(rule["outcome"])
        against = [name for name in rule["permanent"] if row.get(name) == rule["no"]]
        said = None
        if outcome == rule["adopted"] and against:
            said = f"{', '.join(against)} recorded {rule['no']!r}: a permanent member's no is a veto"
        elif outcome == rule["vetoed"] and not against and all(row.get(n) is not None for n in rule["permanent"]):
            said = f"no permanent member is recorded voting {rule['no']!r}"
        if said:
            problems.append(Problem(entry["path"], line, rule["outcome"], "veto", f"value {outcome!r}, but {said}"))
        count, needed = row.get(rule["count"]), votes_needed(rule, row.get(rule["date"]))
        if count is None or not needed or outcome is None:
            continue
        if outcome in (rule["adopted"], rule["vetoed"]) and count < min(needed):
            said = f"a draft {outcome} had at least the {min(needed)} affirmative votes a decision needed then"
        elif outcome == rule["failed"] and count >= max(needed):
            said = (
                f"a draft with at least {max(needed)} affirmative votes is adopted, or vetoed if a permanent member "
                "votes no, "
                f"not {outcome}"
            )
        else:
            continue
        problems.append(Problem(entry["path"], line, rule["count"], "veto", f"value {count}, but {said}"))
    return problems


_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",  # Russian, genitive
)
MONTHS = {name: number for names in _MONTH_NAMES for number, name in enumerate(names.split(), 1)} | {"sept": 9}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A day written out in a text: "9 October 2006", "Oct. 9, 2006", "9 октября 2006", "2006년 10월 9일", "2006-10-09".
WRITTEN_DAY = re.compile(
    rf"(?i)\b(?P<d1>[0-9]{{1,2}})\s(?P<m1>{_MONTH})\.?\s(?P<y1>(?:19|20)[0-9]{{2}})\b"
    rf"|\b(?P<m2>{_MONTH})\.?\s(?P<d2>[0-9]{{1,2}}),?\s(?P<y2>(?:19|20)[0-9]{{2}})\b"
    r"|(?P<y3>(?:19|20)[0-9]{2})년\s?(?P<m3>[0-9]{1,2})월\s?(?P<d3>[0-9]{1,2})일"
    r"|\b(?P<y4>(?:19|20)[0-9]{2})-(?P<m4>[0-9]{2})-(?P<d4>[0-9]{2})\b"
)


def written_days(text: str, in_ids: bool = True) -> set[dt.date]:
    """The calendar days a text writes out, in English, Russian or Korean words or as ISO dates; with ``in_ids``
    false, not the dates inside ids it names ("tass-2024-12-05-factbox" names a source, not a day of the row). A day
    written without its year is not read: it may be another's (a source's "of 6 May" beside the event's 5 May 2014).

    >>> sorted(written_days("On 9 October 2006 (Oct. 14, 2006; 2006년 10월 20일; 9 октября 2006; 2006-13-01)"))
    [datetime.date(2006, 10, 9), datetime.date(2006, 10, 14), datetime.date(2006, 10, 20)]
    >>> written_days("in force 4 Dec 2024 (tass-2024-12-05-factbox)", in_ids=False)
    {datetime.date(2024, 12, 4)}
    """
    found = set()
    for match in WRITTEN_DAY.finditer(text):
        start, end = match.span()
        inside_id = re.match(r"[\w-]", text[start - 1 : start] or " ") or re.match(r"[\w-]", text[end : end + 1] or " ")
        if match["y4"] is not None and not in_ids and inside_id:
            continue
        year, month, day = next(
            (match[f"y{i}"], match[f"m{i}"], match[f"d{i}"]) for i in range(1, 5) if match[f"y{i}"] is not None
        )
        number = int(month) if month.isdigit() else MONTHS[month.lower()]
        try:
            found.add(dt.date(int(year), number, int(day)))
        except ValueError:
            continue
    return found


def swapped_date_problems(
    table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]
) -> list[Problem]:
    """Dates entered with day and month swapped (``2006-09-10`` for 9 October 2006), where the row's own text writes
    out the day with the two the other way round and not the day entered: a date typed in the order of another
    country's calendar. Only days of a curated table or registry, at day precision, are compared."""
    if entry["x-kind"] == "derived":
        return []
    dates = [f["name"] for f in entry["schema"]["fields"] if f["type"] == "date"]
    texts = [f["name"] for f in entry["schema"]["fields"] if f["type"] == "string" and f.get("format") != "uri"]
    precision = (entry.get("x-date-precision") or {}).get("field")
    records = dict(table.records)
    problems = []
    for line, row in typed:
        if not dates or (precision and row.get(precision) not in (None, "day")):
            continue
        for name in dates:
            day = row.get(name)
            if not isinstance(day, dt.date) or day.day > 12 or day.day == day.month:
                continue  # no other day is this one with day and month swapped
            year = str(day.year)
            texts_of_year = [records[line].get(t, "") for t in texts if year in records[line].get(t, "")]
            written = set().union(*(written_days(text) for text in texts_of_year)) if texts_of_year else set()
            swapped = dt.date(day.year, day.day, day.month)
            if swapped in written and day not in written:
                said = (
                    f"value {day.isoformat()}, but the row's text writes {swapped.day} "
                    f"{swapped.strftime('%B')} {swapped.year} and not this day: day and month swapped?"
                )
                problems.append(Problem(entry["path"], line, name, "swapped-date", said))
    return problems


def written_date_problems(
    table: Table, typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]
) -> list[Problem]:
    """Days that the row's own text contradicts (``x-written-date``: pairs of a date and the text that states it):
    where the text writes one or more days of the date's month ("On 9 October 2006 ..."), the date, at day
    precision, is one of them, so a day mistyped (2006-10-08) is refused. A text that writes no day of that month
    says nothing of it. Only texts that state the row's own date are paired: a visit's purpose may name other days.
    A rule may leave out the rows whose field holds one of some values (``unless``: a project's announcement, whose
    detail writes the day announced).
    """
    precision = (entry.get("x-date-precision") or {}).get("field")
    records = dict(table.records)
    problems = []
    for date_field, text_field, unless in written_date_rules(entry):
        for line, row in typed:
            day = row.get(date_field)
            if not isinstance(day, dt.date) or (precision and row.get(precision) not in (None, "day")):
                continue
            if unless and row.get(unless["field"]) in unless["values"]:
                continue  # a row whose text writes another day than its own (an announcement's, the day announced)
            written = {
                d
                for d in written_days(records[line].get(text_field, ""), in_ids=False)
                if (d.year, d.month) == (day.year, day.month)
            }
            if written and day not in written:
                days = ", ".join(d.isoformat() for d in sorted(written))
                said = (
                    f"value {day.isoformat()}, but {text_field} writes {days} for that month: one of the two is wrong"
                )
                problems.append(Problem(entry["path"], line, date_field, "written-date", said))
    return problems


def part_of_problems(typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any]) -> list[Problem]:
    """Rows whose value is larger than the whole they are part of (``x-part-of``): within one group (``by``: the
    year, flow, reporter and source), the DPRK's trade with one partner is no more than its trade with the world
    (``field`` holding ``whole``), so a figure mistyped or a partner filed as the world is refused."""
    rule = entry.get("x-part-of")
    if not rule:
        return []
    wholes: dict[tuple, tuple[Any, int]] = {}
    parts: list[tuple[tuple, Any, int]] = []
    for line, row in typed:
        key, value = tuple(row.get(name) for name in rule["by"]), row.get(rule["value"])
        if value is None:
            continue
        if row.get(rule["field"]) == rule["whole"]:
            wholes.setdefault(key, (value, line))
        else:
            parts.append((key, value, line))
    problems = []
    for key, value, line in parts:
        whole = wholes.get(key)
        if whole is not None and value > whole[0]:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    rule["value"],
                    "part-of",
                    f"value {_figure_text(value)}, more than the {rule['whole']} {rule['value']} "
                    f"{_figure_text(whole[0])} of the same "
                    f"{', '.join(rule['by'])} on line {whole[1]}: a part is no more than its whole",
                )
            )
    return problems


URL_DATE = re.compile(r"/((?:19|20)[0-9]{2})[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12][0-9]|3[01]))?(?=[/-])")
# A whole path segment written as one date, as ria.ru writes it ("/20141028/1030...html").
URL_DAY = re.compile(r"/((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?=/)")


def url_date_problems(table: Table, entry: dict[str, Any]) -> list[Problem]:
    """Publication dates that disagree with the date a link's path gives (``x-url-date``: ``/2024/06/19/``,
    ``/2024/06/`` or a segment ``/20240619/`` in a news site's address), by more than ``days`` (an embargoed or
    late-night story can carry the day before): a year, month or day mistyped. A partial date is compared over every
    day it can mean, and is refused where the link gives more of it (a link's day, a date written to the month).
    A web archive's copy is dated by the archived page's link, and its snapshot may not be older
    than the publication date nor newer than the day the row was read (``accessed``, where the rule names it)."""
    rule = entry.get("x-url-date")
    if not rule:
        return []
    slack = dt.timedelta(days=rule["days"])
    problems = []
    for line, record in table.records:
        kept = snapshot(record[rule["url"]])
        link = kept[1] if kept else record[rule["url"]]  # an archive's copy: the archived page's own link
        match = URL_DATE.search(link) or URL_DAY.search(link)
        written = record[rule["date"]]
        start, end = partial_start(written), partial_end(written)
        taken = snapshot_time(kept[0]) if kept else None
        if taken:
            problems += _snapshot_date_problems(table.path, line, record, rule, taken.date(), start)
        if not match or start is None or end is None:
            continue  # no date in the link, or none (or a malformed one, which its cell rule reports) written
        year, month, day = match.groups()
        shown = "-".join(part for part in (year, month, day) if part)
        first, last = partial_start(shown), partial_end(shown)
        if first is not None and last is not None and len(written.strip()) < len(shown):
            said = (
                f"value {written!r}, but the {rule['url']} is dated {shown}: write the publication date at least as "
                "precisely as the link gives it"
            )
            problems.append(Problem(table.path, line, rule["date"], "url-date", said))
            continue
        if first is None or last is None or (first - slack <= end and start <= last + slack):
            continue
        problems.append(
            Problem(
                table.path,
                line,
                rule["date"],
                "url-date",
                f"value {written!r}, but the {rule['url']} is dated {shown} (more than {rule['days']} days apart): "
                "a date mistyped?",
            )
        )
    return problems


def _snapshot_date_problems(
    path: str, line: int, record: dict[str, str], rule: dict[str, Any], taken: dt.date, start: dt.date | None
) -> list[Problem]:
    """An archived copy taken before the page it copies was published, or after the day the row says it was read
    (``x-url-date``'s ``accessed``), each by more than the rule's ``days``: a snapshot time or a date mistyped."""
    slack = dt.timedelta(days=rule["days"])
    read = partial_end(record[rule["accessed"]]) if "accessed" in rule else None
    problems = []
    if start is not None and taken < start - slack:
        problems.append(
            Problem(
                path,
                line,
                rule["date"],
                "url-date",
                f"value {record[rule['date']]!r}, but the {rule['url']} is a copy archived on {taken.isoformat()}, "
                "before it: a page cannot be archived before it is published (a date mistyped?)",
            )
        )
    if read is not None and taken > read + slack:
        problems.append(
            Problem(
                path,
                line,
                rule["accessed"],
                "url-date",
                f"value {record[rule['accessed']]!r}, but the {rule['url']} is a copy archived on "
                f"{taken.isoformat()}, after it: a copy cannot be read before it is taken (a date mistyped?)",
            )
        )
    return problems


ANNOUNCED_PREFIX = "Announced:"
ANNOUNCED_IN_ADVANCE = "announced in advance"


def _announcement(row: dict[str, Any], entry: dict[str, Any]) -> bool:
    """Whether a row records an announcement, as the table's ``x-reported-after`` tells them: its code is one of
    the rule's ``unless-codes``, or its ``unless-text`` begins "Announced:" or says "announced in advance"."""
    rule = entry.get("x-reported-after") or {}
    codes = rule.get("unless-codes", {})
    text = (row.get(rule["unless-text"]) or "") if "unless-text" in rule else ""
    return bool(codes and row.get(codes["field"]) in codes["values"]) or (
        text.startswith(ANNOUNCED_PREFIX) or ANNOUNCED_IN_ADVANCE in text
    )


def reported_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows whose source was published before the event the row dates (``x-reported-after``): a report cannot
    precede what it reports, and a year's figure cannot be published before the year begins, nor a year's total
    (a row filling one of the rule's ``totals``) before the year ends. Where the rule names a
    text field, a row may rest on an earlier source when it records an announcement or plan: its text begins
    "Announced:" or says the date was "announced in advance"; so may a row whose code is one the rule names. A row
    whose code is one of the rule's ``forecast-codes`` speaks of what comes after its source, so it is dated after
    the source was published: an article's forecast of 9 May, not of a day before the article appeared."""
    rule = entry.get("x-reported-after")
    published = _source_values(entry, checked, rule["published"]) if rule else None
    if published is None:
        return []
    forecasts = rule.get("forecast-codes", {})
    problems = []
    for line, row in typed:
        event, source = row.get(rule["date"]), row.get("source_id")
        when = published.get(source)
        last = partial_end(when) if isinstance(when, str) else when
        if forecasts and row.get(forecasts["field"]) in forecasts["values"]:
            first = partial_start(when) if isinstance(when, str) else when
            ends = dt.date(event, 12, 31) if isinstance(event, int) else event
            if ends is not None and first is not None and ends <= first:
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["date"],
                        "forecast-before-source",
                        f"value {ends.isoformat()}, but a row whose {forecasts['field']} is "
                        f"{row.get(forecasts['field'])!r} speaks of what comes after its source, and {source!r} was "
                        f"published {when}: a past event is a reported fact",
                    )
                )
            continue
        total = isinstance(event, int) and any(row.get(name) is not None for name in rule.get("totals", []))
        # A year field: the year's first day, or its last for a total, which is known only once the year is over.
        begins = dt.date(event, 12, 31) if total else dt.date(event, 1, 1) if isinstance(event, int) else event
        if event is None or last is None or last >= begins:
            continue
        if _announcement(row, entry):
            continue
        announced = (
            f"a row on what was announced in advance begins its {rule['unless-text']} with {ANNOUNCED_PREFIX!r}"
            if "unless-text" in rule
            else "a report cannot precede what it reports"
        )
        before = (
            f"before the year it totals ({event}) was over: a year's total is known only once the year is over"
            if total
            else f"before the event it supports ({event if isinstance(event, int) else event.isoformat()})"
        )
        problems.append(
            Problem(
                entry["path"],
                line,
                rule["date"],
                "reported-before-event",
                f"source {source!r} was published {when}, {before}; {announced}",
            )
        )
    return problems


def agrees_with_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows that another table records differently (``x-agrees-with``): a vetoed draft the Security Council's veto
    list (a derived table) also records has the same date there, and each permanent member the list names as
    vetoing it voted "no" here, while a member it does not name did not. A row is matched to the other table's rows
    by the pairs of ``on``; ``same`` pairs a field with the other table's field that must hold the same value;
    ``members`` reads the other table's list of codes (``field``) and the column of each code (``columns``), which
    holds ``value`` exactly when the code is listed. Rows the other table does not record are not compared."""
    rule = entry.get("x-agrees-with")
    other = checked.get(rule["resource"]) if rule else None
    if other is None or other.table is None:
        return []
    index: dict[tuple[Any, ...], tuple[int, dict[str, Any]]] = {}
    for line, row in other.referenced:
        index.setdefault(tuple(row.get(theirs) for _, theirs in rule["on"]), (line, row))
    members = rule.get("members")
    problems = []
    for line, row in typed:
        found = index.get(tuple(row.get(ours) for ours, _ in rule["on"]))
        if found is None:
            continue
        their_line, theirs = found
        where = f"line {their_line} of {rule['resource']!r}"
        for ours, field in rule["same"]:
            if row.get(ours) is not None and theirs.get(field) is not None and row[ours] != theirs[field]:
                said = f"value {_shown(row[ours])}, but {where} gives {_shown(theirs[field])}: {rule['why']}"
                problems.append(Problem(entry["path"], line, ours, "agrees-with", said))
        if members and (their_line, members["field"]) not in other.told:  # a list refused there is told there
            listed_codes = set(str(theirs.get(members["field"]) or "").split(";"))
            for code, column in members["columns"].items():
                value = row.get(column)
                if value is None or (value == members["value"]) == (code in listed_codes):
                    continue
                named = "names" if code in listed_codes else "does not name"
                said = (
                    f"value {value!r}, but {where} {named} {code} in {members['field']} "
                    f"({theirs.get(members['field'])}): {rule['why']}"
                )
                problems.append(Problem(entry["path"], line, column, "agrees-with", said))
    return problems


def _shown(value: Any) -> str:
    return repr(value.isoformat()) if isinstance(value, dt.date) else repr(value)


def source_kind_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows resting on a kind of source that cannot support them (``x-source-kinds``: the kinds of source a table's
    rows may cite). A dataset behind a derived table, a trade statistic or a gazetteer dates no visit and counts no
    vote; a row citing one has the wrong source pasted in."""
    allowed = entry.get("x-source-kinds")
    kinds = _source_values(entry, checked, "kind") if allowed else None
    if kinds is None:
        return []
    problems = []
    for line, row in typed:
        source = row.get("source_id")
        kind = kinds.get(source)
        if kind is not None and kind not in allowed:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "source_id",
                    "source-kind",
                    f"source {source!r} is of kind {kind!r}; rows of this table rest on {', '.join(allowed)}: the "
                    "wrong source was pasted in, or the row belongs in another table",
                )
            )
    return problems


def source_names_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows whose source names none of the words of a field (``x-source-names``): the report of a visit names the
    visitor in its id, title or note, so a row copied from another with its source left behind (Lavrov's visit
    citing the report of Belousov's) is refused. Words are compared as :func:`_names_word_of` compares them."""
    fields = entry.get("x-source-names", [])
    titles = _source_values(entry, checked, "title") if fields else None
    if titles is None:
        return []
    notes = _source_values(entry, checked, "note") or {}
    problems = []
    for line, row in typed:
        source = row.get("source_id")
        if source not in titles:
            continue  # a source the registry lacks is told by the reference rule
        said = " ".join([source.replace("-", " "), titles.get(source) or "", notes.get(source) or ""])
        for name in fields:
            if not _names_word_of(said, row.get(name)):
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        name,
                        "source-names",
                        f"value {row.get(name)!r}, but its source {source!r} names none of its words in its id, title "
                        "or note: a row copied from another with its source left behind?",
                    )
                )
    return problems


# A word shaped like a source's id, as the registry makes them (``x-key-date``): lower-case words joined by hyphens,
# one of them after the first a year or "nd" (no date shown). A link's path, a year alone or a date ("2015-04") is
# not one.
SOURCE_ID_WORD = re.compile(
    r"(?<![\w/.:#?=&%@-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:nd|(?:19|20)[0-9]{2})(?:-[a-z0-9]+)+(?![\w/-])"
)


def cited_source_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Words of a row's text shaped like a source's id that no source of the registry, and no row of any table, has
    (``x-cites-sources``). A note that names a source by its id sends the reader to the registry for its link,
    publisher, date and tier; a source since removed from the registry, never entered, or mistyped leaves a
    vote or a date resting on a page nobody can find.

    >>> [m.group() for m in SOURCE_ID_WORD.finditer("Also: kbs-2024-12-23-x (see https://a.b/c-2024-d), 2015-04")]
    ['kbs-2024-12-23-x']
    """
    fields = entry.get("x-cites-sources", [])
    sources = _source_values(entry, checked, "source_id") if fields else None
    if sources is None:
        return []
    keys: set[str] | None = None  # the rows of every table, gathered only for a word that is no source
    problems = []
    for line, row in typed:
        for name in fields:
            text = row.get(name)
            if not isinstance(text, str):
                continue
            for word in dict.fromkeys(m.group() for m in SOURCE_ID_WORD.finditer(text)):
                if word in sources:
                    continue
                if keys is None:
                    keys = {key[0] for result in checked.values() for key in result.keys if len(key) == 1}
                if word not in keys:
                    problems.append(
                        Problem(
                            entry["path"],
                            line,
                            name,
                            "cites-sources",
                            f"names {word!r}, which is no source of the registry (nor a row of any table): register "
                            "the source a reader is sent to, or say what it was without an id",
                        )
                    )
    return problems


def _names_word_of(text: object, name: object) -> bool:
    """Whether ``text`` holds a word (two letters or more, without accents or case) of ``name``; true when either is
    missing or the name has no such word."""
    if not isinstance(text, str) or not isinstance(name, str):
        return True

    def plain(value: str) -> set[str]:
        folded = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c)).casefold()
        return {word for word in re.findall(r"[^\W\d_]+", folded) if len(word) >= 2}

    words = plain(name)
    return not words or bool(words & plain(text))


def during_problems(
    typed: list[tuple[int, dict[str, Any]]],
    entry: dict[str, Any],
    resources: dict[str, Any],
    checked: dict[str, Checked],
) -> list[Problem]:
    """Rows dated outside the visit or the window they name (``x-during``): an event a row places during a contact
    (a treaty signed on a state visit, a parade a minister attended) happened between the visit's first and last
    day, and a resolution answering a nuclear test came within the rule's ``days`` after the test. Dates are
    compared as the spans their precision allows; a visit with no recorded last day is taken to last at most the
    rule's ``days``. Moving the visit, or the event, alone is refused: one of the two rows is wrong."""
    rule = entry.get("x-during")
    if not rule or rule["resource"] not in checked:
        return []
    target = resources[rule["resource"]]
    key = target["schema"]["primaryKey"][0]
    own_precision = (entry.get("x-date-precision") or {}).get("field")
    visit_precision = (target.get("x-date-precision") or {}).get("field")
    visits = {row.get(key): row for _, row in checked[rule["resource"]].referenced}
    visit_lines = {row.get(key): line for line, row in checked[rule["resource"]].referenced}
    told = checked[rule["resource"]].told
    problems = []
    for line, row in typed:
        named, when = row.get(rule["field"]), row.get(rule["date"])
        visit = visits.get(named)
        if named is None or when is None or visit is None or visit.get(rule["start"]) is None:
            continue
        read = (rule["start"], rule.get("end"), visit_precision, (rule.get("names") or {}).get("name"))
        if any((visit_lines[named], field) in told for field in read):
            continue  # the visit's own refused cell is told on its line
        first, last = _span(when, row.get(own_precision) if own_precision else None)
        begins, begin_last = _span(visit[rule["start"]], visit.get(visit_precision) if visit_precision else None)
        ended = visit.get(rule["end"]) if "end" in rule else None
        ends = _span(ended, visit.get(visit_precision) if visit_precision else None)[1] if ended else None
        limit = ends or begin_last + dt.timedelta(days=rule["days"] - 1)
        if last >= begins and first <= limit:
            named_in = rule.get("names")
            if named_in and not _names_word_of(row.get(named_in["text"]), visit.get(named_in["name"])):
                problems.append(
                    Problem(
                        entry["path"],
                        line,
                        rule["field"],
                        "during",
                        f"value {named!r} (its line {visit_lines[named]}), but the {named_in['text']} names no word of "
                        f"its {named_in['name']} {visit.get(named_in['name'])!r}: the row is linked to another visit",
                    )
                )
            continue
        lasting = (
            f"to {ended.isoformat()}"
            if ended
            else f"with no last day recorded, so at most {rule['days']} days"
            if "end" in rule
            else f"and the {rule['days']} days from it"
        )
        problems.append(
            Problem(
                entry["path"],
                line,
                rule["date"],
                "during",
                f"value {when.isoformat()} is outside {rule['resource']} {named!r} (its line "
                f"{visit_lines[named]}), from "
                f"{visit[rule['start']].isoformat()} {lasting} ({rule['why']}): the event's date or the visit's is "
                "wrong, or the row names the wrong visit",
            )
        )
    return problems


def read_after_checked_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], checked: dict[str, Checked]
) -> list[Problem]:
    """Rows citing a source read after the day the table was last checked (``x-accessed``): the row was added or
    changed later, so ``x-accessed``, which also bounds the table's dates, is out of date."""
    read = _source_values(entry, checked, "accessed") if _is_date(entry.get("x-accessed", "")) else None
    if read is None:
        return []
    last_checked = dt.date.fromisoformat(entry["x-accessed"])
    problems = []
    for line, row in typed:
        when = read.get(row.get("source_id"))
        if when is not None and when > last_checked:
            problems.append(
                Problem(
                    entry["path"],
                    line,
                    "source_id",
                    "read-after-checked",
                    f"source {row['source_id']!r} was read on {when.isoformat()}, after the day the table was last "
                    f"checked (x-accessed {last_checked.isoformat()}); update x-accessed",
                )
            )
    return problems


def latest_date(entry: dict[str, Any], today: dt.date | None = None) -> dt.date:
    """The latest date a table's rows may hold: the day the table was last checked against its sources
    (``x-accessed``), or today for a table without one (the source registry, whose rows carry their own)."""
    today = today or dt.date.today()
    accessed = entry.get("x-accessed")
    return min(dt.date.fromisoformat(accessed), today) if accessed and _is_date(accessed) else today


def future_problems(
    typed: list[tuple[int, dict[str, Any]]], entry: dict[str, Any], today: dt.date | None = None
) -> list[Problem]:
    """Dates, and years in year fields, later than :func:`latest_date`: a row cannot record what had not happened
    when it was entered. (Every date in the tables is of something that happened or was said: a plan's row carries
    the day it was announced.)"""
    limit = latest_date(entry, today)
    why = f"the day the table was last checked (x-accessed {limit})" if "x-accessed" in entry else f"today ({limit})"
    fields = entry["schema"]["fields"]
    dates = [f["name"] for f in fields if date_kind(f)]
    years = [f["name"] for f in fields if is_year_field(f)]
    problems = []
    for line, row in typed:
        for name in dates:
            if row.get(name) is not None and _as_date(row[name]) > limit:
                problems.append(Problem(entry["path"], line, name, "future-date", f"value {row[name]} is after {why}"))
        for name in years:
            if row.get(name) is not None and row[name] > limit.year:
                problems.append(Problem(entry["path"], line, name, "future-date", f"year {row[name]} is after {why}"))
    return problems
