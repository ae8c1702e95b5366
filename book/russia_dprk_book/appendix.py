"""The data appendix: Markdown documentation of every table, generated from the descriptor.

Every piece of descriptor or registry text passes through :mod:`.escape`, so nothing in the data becomes markup.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pandas as pd
from russia_dprk.catalog import country_names, descriptor, load, tables
from russia_dprk.validation import (
    ANNOUNCED_IN_ADVANCE,
    ANNOUNCED_PREFIX,
    NEAR_LENGTH,
    ONCE_LENGTH,
    URL_MAX,
    bounds_of,
    stated_texts,
    text_fields,
    when_conditions,
    written_date_rules,
)

from .editorial import format_through
from .escape import markdown as md
from .tiers import tier_order, tiers
from .wording import join_words


def label(name: str) -> str:
    """The cross-reference target of a table's entry in the appendix (``{ref}`` it from any page)."""
    return "table-" + name.replace("_", "-")


def _constraints(field: dict[str, Any], text: bool) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("required")
    if text:
        parts.append("text in words (not only a number, a date or a link)")
    if "enum" in c and field.get("x-codes") == "country":
        names = country_names()
        parts.append("one of " + ", ".join(f"{md(v)} ({md(names[v])})" for v in c["enum"]))
    elif "enum" in c:
        parts.append("one of " + ", ".join(md(v) for v in c["enum"]))
    bounds = bounds_of(field)
    if "minimum" in bounds:
        parts.append(f"≥ {md(bounds['minimum'])}")
    if "maximum" in bounds:
        parts.append(f"≤ {md(bounds['maximum'])}")
    if "pattern" in c:
        parts.append("matches " + _pattern(c["pattern"]))
    if "x-partial-date" in field:
        parts.append("a calendar date as YYYY, YYYY-MM or YYYY-MM-DD")
    if field.get("format") == "uri":
        parts.append(f"an http(s) link to a named host, no user name before it, at most {URL_MAX:,} characters")
    return "; ".join(parts)


def tier_counts(name: str) -> dict[str, int]:
    """Rows of a table by the tier of the source each row cites (derived tables: their producer's tier)."""
    frame = load(name)
    if name == "sources":
        return frame["tier"].astype(str).value_counts().to_dict()
    return frame["source_id"].astype(str).map(tiers()).value_counts().to_dict()


def _tiers(name: str) -> str:
    counts = tier_counts(name)
    order = tier_order()
    return ", ".join(f"{counts[t]} {t}" for t in order if counts.get(t))


def _fields(names: list[str], conjunction: str = "and") -> str:
    """Field names as inline code, listed as a sentence lists them ("`a`, `b` and `c`")."""
    return join_words([f"`{name}`" for name in names], conjunction)


def _texts(rule: dict[str, Any]) -> str:
    """The text fields an ``x-stated`` rule reads, as a sentence names them ("`description` or `note`")."""
    return _fields(stated_texts(rule), "or")


def _code(text: str) -> str:
    """Text shown as inline code (literal in MyST), or escaped where it holds a backtick."""
    return f"`{text}`" if "`" not in text and text.strip() == text and text else md(text)


PATTERN_SHOWN = 40


def _pattern(pattern: str) -> str:
    """A regular expression as the appendix shows it: as code up to :data:`PATTERN_SHOWN` characters; a longer one,
    unreadable in print, is named by where it is written (the rule's ``why``, or the field's description, says
    what it refuses in words).

    >>> _pattern("^[0-9]+$")
    '`^[0-9]+$`'
    >>> _pattern("(?i)^(?:404|not found|" + "x" * 40 + ")")
    'a pattern given in `datapackage.json`'
    """
    return _code(pattern) if len(pattern) <= PATTERN_SHOWN else "a pattern given in `datapackage.json`"


def _key_date_parts(pattern: str) -> str:
    """The parts of a date a key-date pattern reads, in words ("year", "year and month", "year, month and day").

    >>> _key_date_parts("^(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-")
    'year and month'
    """
    groups = re.compile(pattern).groupindex
    return join_words([part for part in ("year", "month", "day") if part in groups], "and")


def _checks(entry: dict[str, Any]) -> list[str]:
    """The rules across fields and tables that ``validate`` applies to a table, in words (the descriptor's
    foreign keys and ``x-`` rules)."""
    checks = [
        f"every `{','.join(fk['fields'])}` names a row of `{fk['reference']['resource']}`"
        for fk in entry["schema"].get("foreignKeys", [])
    ]
    checks += [
        f"every item of `{rule['field']}` (separated by {_code(rule['separator'])}) names a row of `{rule['resource']}`"
        + (
            f", and lists every row of `{rule['resource']}` that `{rule['named-in']}` names"
            if "named-in" in rule
            else ""
        )
        for rule in entry.get("x-key-lists", [])
    ]
    checks += [
        f"every `{ref['key_field']}` names a row of the table in `{ref['table_field']}`"
        for ref in entry.get("x-row-references", [])
    ]
    checks += [
        f"a row whose `{rule['text']}` names another row ({_pattern(rule['pattern'])}) has that row's "
        f"{_fields(rule['same'])} ({md(rule['why'])})"
        for rule in entry.get("x-names-row", [])
    ]
    points = entry.get("x-distinct-points")
    if points:
        checks.append(
            f"no two rows of one {_fields(points['by'])} under different `{points['key']}` lie within "
            f"{points['km']} km of each other (`{points['lat']}`, `{points['lon']}`; {md(points['why'])})"
        )
    checks += [f"`{low}` ≤ `{high}`" for low, high in entry.get("x-not-greater", [])]
    coded = {field["name"] for field in entry["schema"]["fields"] if "enum" in field.get("constraints", {})}
    checks += [
        f"`{first}` ≠ `{second}`" if second in coded else f"no name in `{second}` is `{first}` or a run of its words"
        for first, second in entry.get("x-differ", [])
    ]
    checks += [
        f"`{text}` does not end with `{name}` after a dash or bar" for text, name in entry.get("x-not-ending-with", [])
    ]
    checks += [
        f"`{text}` does not begin with `{name}` and a colon, dash or bar"
        for text, name in entry.get("x-not-starting-with", [])
    ]
    checks += [
        f"no name is a `{first}` in one row and a `{second}` in another" for first, second in entry.get("x-apart", [])
    ]
    overlap = entry.get("x-no-overlap")
    if overlap:
        only = overlap.get("only")
        among = f" whose `{only['field']}` is " + join_words([f"“{v}”" for v in only["values"]], "or") if only else ""
        if "end" in overlap:
            lasting = (
                f", a row without `{overlap['end']}` lasting {overlap['open-days']} days"
                if "open-days" in overlap
                else ""
            )
            span = f"overlap from `{overlap['start']}` to `{overlap['end']}`{lasting}"
        else:
            span = f"have `{overlap['start']}` within {overlap.get('open-days', 1)} days of each other"
        checks.append(f"no two rows{among} of one {_fields(overlap['by'])} {span} ({md(overlap['why'])})")
    checks += [
        f"where `{rule['field']}` names the leading name of any row's `{rule['name']}`, that is the row's own"
        if rule.get("leading")
        else f"`{rule['field']}` holds a word of `{rule['name']}`"
        for rule in entry.get("x-key-names", [])
    ]
    checks += [
        f"the source of each row names a word of its `{name}` in its id, title or note"
        for name in entry.get("x-source-names", [])
    ]
    if entry.get("x-cites-sources"):
        checks.append(
            f"a source named by its id in {_fields(entry['x-cites-sources'], 'or')} is one the source registry lists"
        )
    if entry.get("x-once"):
        checks.append(
            f"no two rows hold the same {_fields(entry['x-once'], 'or')} of {ONCE_LENGTH} characters or more, word "
            "for word"
        )
    checks += [
        f"where `{text}` writes days of the month of `{date}`, `{date}` is one of them"
        + (
            f" (not where `{unless['field']}` is " + join_words([f"“{v}”" for v in unless["values"]], "or") + ")"
            if unless
            else ""
        )
        for date, text, unless in written_date_rules(entry)
    ]
    part_of = entry.get("x-part-of")
    if part_of:
        group = _fields(part_of["by"])
        checks.append(
            f"in one {group}, no row's `{part_of['value']}` is more than that of the row whose `{part_of['field']}` "
            f"is “{part_of['whole']}”"
        )
    if "x-source-kinds" in entry:
        kinds = join_words([f"“{kind}”" for kind in entry["x-source-kinds"]], "or")
        checks.append(f"each row cites a source whose `kind` is {kinds}")
    returning = entry.get("x-no-return")
    if returning:
        checks.append(
            f"in `{returning['date']}` order, a `{returning['by']}` never returns to a `{returning['field']}` it had "
            f"left ({md(returning['why'])})"
        )
    holding = entry.get("x-one-holder")
    if holding:
        offices = join_words([f"“{office}”" for office in holding["offices"]], "or")
        checks.append(
            f"in `{holding['date']}` order, a `{holding['office']}` of {offices} of one `{holding['country']}` passes "
            f"from one `{holding['holder']}` to the next and never back to one who had left it "
            f"({md(holding['why'])})"
        )
    during = entry.get("x-during")
    if during:
        named = f"a row whose `{during['field']}` names a row of `{during['resource']}` is dated"
        checks.append(
            f"{named} between its `{during['start']}` and `{during['end']}`, or within {during['days']} days of its "
            f"`{during['start']}` when it has no `{during['end']}` ({md(during['why'])})"
            if "end" in during
            else f"{named} within {during['days']} days from its `{during['start']}` ({md(during['why'])})"
        )
        if "names" in during:
            checks.append(
                f"a row whose `{during['field']}` names a row of `{during['resource']}` holds in its "
                f"`{during['names']['text']}` a word of that row's `{during['names']['name']}`"
            )
    agrees = entry.get("x-agrees-with")
    if agrees:
        matched = join_words(
            [f"`{ours}` is the `{theirs}` of a row of `{agrees['resource']}`" for ours, theirs in agrees["on"]], "and"
        )
        same = join_words([f"`{ours}` is its `{theirs}`" for ours, theirs in agrees["same"]], "and")
        members = agrees.get("members")
        voted = (
            f", and {join_words([f'`{column}`' for column in members['columns'].values()], 'or')} is "
            f"“{members['value']}” exactly when its `{members['field']}` names that member"
            if members
            else ""
        )
        checks.append(f"where {matched}, {same}{voted} ({md(agrees['why'])})")
    checks += [f"one `{given}` has one `{decided}`" for given, decided in entry.get("x-determines", [])]
    placed = entry.get("x-place-country")
    if placed:
        same = "".join(f"; {' and '.join(f'`{c}`' for c in group)} count as one" for group in placed.get("same", []))
        checks.append(f"a `{placed['place']}` (its first name) is in one `{placed['country']}`{same}")
    checks += [f"a row with `{given}` has `{needed}`" for given, needed in entry.get("x-requires", [])]
    checks += [
        f"no `{rule['by']}` with a row whose `{rule['when']['field']}` is "
        + join_words([f"“{value}”" for value in rule["when"]["values"]], "or")
        + f" has a row whose `{rule['field']}` is "
        + join_words([f"“{value}”" for value in rule["values"]], "or")
        + f" ({md(rule['why'])})"
        for rule in entry.get("x-never-with", [])
    ]
    copies = entry.get("x-copy-domains")
    if copies:
        checks.append(
            f"a link on one of {len(copies['domains'])} hosts of copies (wikis, blog hosts, aggregators, forums, "
            f"listed in `datapackage.json`), or at a bare numeric address (a mirror or proxy), has `{copies['field']}` "
            f"“{copies['value']}”; a web archive's snapshot is "
            "judged by the page it archived"
        )
    checks += [
        f"a link on {join_words(rule['domains'], 'or')} (or a host under one of them) has `{rule['field']}` "
        + join_words([f"“{value}”" for value in rule["values"]], "or")
        + (
            "; "
            + join_words([f"“{value}”" for value in rule["only"]], "or")
            + " is found on no other site but a host of copies"
            if rule.get("only")
            else ""
        )
        + f" ({md(rule['why'])})"
        for rule in entry.get("x-domain-values", [])
    ]
    sited = entry.get("x-site-determines")
    if sited:
        checks.append(f"the site of `{sited['url']}` has one `{sited['field']}` ({md(sited['why'])})")
    latin = entry.get("x-latin-text", [])
    if latin:
        checks.append(
            f"{join_words([f'`{name}`' for name in latin])} are written in English, in Latin letters (a quotation of "
            "the original apart)"
        )
    near = entry.get("x-near-spelling", [])
    checks += [
        f"each `{name}` is written one way (compared without accents, case, a leading “The”, spaces or punctuation, "
        "Cyrillic letters transliterated"
        + (f", and no two names of {NEAR_LENGTH} letters or more one letter apart" if name in near else "")
        + ")"
        for name in dict.fromkeys([*entry.get("x-one-spelling", []), *near])
    ]
    pinned = entry.get("x-pinned-copy")
    if pinned:
        checks.append(
            f"a `{pinned['url']}` on {pinned['host']} names a commit, and `{pinned['field']}` records exactly the "
            "repository, commit and path it names"
        )
    ranked = entry.get("x-rank")
    if ranked:
        checks.append(
            f"in one {join_words([f'`{name}`' for name in ranked['by']], 'and')}, no two rows share a "
            f"`{ranked['rank']}`, and a better `{ranked['rank']}` has the larger `{ranked['value']}`"
        )
    checks += [
        (
            f"`{rule['date']}` is within {rule['within_days']} days of the {_key_date_parts(rule['pattern'])} that "
            if "within_days" in rule
            else f"`{rule['date']}` has the {_key_date_parts(rule['pattern'])} that "
        )
        + f"`{rule['field']}` gives where it matches {_pattern(rule['pattern'])}"
        + (" (where neither names a day, in the month or year it gives)" if "within_days" in rule else "")
        for rule in entry.get("x-key-date", [])
    ]
    era = entry.get("x-era")
    if era:
        spans = join_words(
            [
                f"`{code}` only {' '.join(f'{end} {day}' for end, day in span.items())}"
                for code, span in era["codes"].items()
            ],
            "and",
        )
        fields = _fields(era["fields"])
        checks.append(f"in {fields}, by `{era['date']}`, {spans} ({md(era['why'])})")
    session = entry.get("x-session-date")
    if session:
        checks.append(
            f"a numbered `{session['session']}` was sitting on `{session['date']}`"
            + (f", or, with no `{session['date']}`, in `{session['year']}`" if "year" in session else "")
            + f" (a regular session opens in September of the year 1945 plus its number; {md(session['why'])})"
        )
    located = entry.get("x-located")
    if located:
        checks.append(
            f"the point `{located['lat']}`, `{located['lon']}` lies within {located['km']} km of the outline of each "
            f"country `{located['country']}` names (the outlines of `{located['resource']}`)"
        )
    checks += [
        f"`{rule['equals']}` holds the code the word that {_pattern(rule['pattern'])} finds in `{rule['field']}` "
        "stands for ("
        + "; ".join(f"{md(word)}: “{code}”" for word, code in rule["codes"].items())
        + "), where it matches"
        for rule in entry.get("x-carries", [])
        if "codes" in rule
    ]
    checks += [
        f"`{rule['equals']}` holds the part of `{rule['field']}` that {_pattern(rule['pattern'])} names `value`"
        + (
            ", multiplied by what its `scale` stands for ("
            + ", ".join(f"{letters} = {factor:,}" for letters, factor in rule["scales"].items())
            + ")"
            if "scales" in rule
            else ""
        )
        + ", where it matches"
        for rule in entry.get("x-carries", [])
        if "codes" not in rule
    ]
    checks += [
        f"`{rule['field']}` is "
        + {
            "count": "a number",
            "number": "a figure",
            "usd_millions": "a dollar amount",
            "coordinate": "a coordinate (or its rounding)",
        }[rule["as"]]
        + f" that {_texts(rule)} states ({md(rule['why'])})"
        for rule in entry.get("x-stated", [])
        if rule.get("refuse", "unstated") == "unstated"
    ]
    checks += [
        f"`{rule['field']}` is not a figure that {_texts(rule)} states at another power of ten ({md(rule['why'])})"
        for rule in entry.get("x-stated", [])
        if rule.get("refuse") == "scale"
    ]
    for rule in entry.get("x-when", []):
        when = join_words(
            [
                f"`{condition['field']}` "
                + (
                    "is " + join_words([f"“{value}”" for value in condition["values"]], "or")
                    if "values" in condition
                    else "is none of " + join_words([f"“{value}”" for value in condition["except"]], "or")
                    if "except" in condition
                    else f"matches {_pattern(condition['pattern'])}"
                    if "pattern" in condition
                    else "is empty"
                )
                for condition in when_conditions(rule)
            ],
            "and",
        )
        fields = _fields(rule["then"]["fields"])
        then = rule["then"]
        one = len(rule["then"]["fields"]) == 1
        demand = (
            ("holds" if one else "hold") + " nothing"
            if then.get("empty")
            else ("is" if one else "are") + " filled in"
            if then.get("filled")
            else ("matches" if one else "match") + f" {_pattern(then['pattern'])}"
            if "pattern" in then
            else ("holds none of " if one else "hold none of ") + join_words([f"“{v}”" for v in then["except"]], "or")
            if "except" in then
            else ("is" if one else "are") + f" at most {then['at-most']:,}"
            if "at-most" in then
            else ("holds " if one else "hold ") + join_words([f"“{value}”" for value in then["values"]], "or")
        )
        checks.append(f"where {when}, {fields} {demand} ({md(rule['why'])})")
    period = entry.get("x-period")
    if period:
        checks.append(
            f"`{period['start']}` is the first day and `{period['end']}` the last day of {period['months']}-month "
            "periods counted from January (whole reporting periods)"
        )
    span = entry.get("x-span-at-most")
    if span:
        checks.append(f"`{span['end']}` is at most {span['days']} days after `{span['start']}` ({md(span['why'])})")
    for sequence in entry.get("x-sequence", []):
        steps = " then ".join(join_words([f"“{value}”" for value in group], "or") for group in sequence["order"])
        group = _fields(sequence["by"])
        of = f"of one {group}" if group else "of the table, which records one thing,"
        if sequence.get("follows") == "any":
            pairs = itertools.pairwise(sequence["order"])
            checks += [
                f"each {join_words([f'“{v}”' for v in later], 'or')} row {of} is dated no earlier than one "
                f"{join_words([f'“{v}”' for v in earlier], 'or')} row, where it has one"
                for earlier, later in pairs
            ]
        else:
            checks.append(f"the `{sequence['field']}` rows {of} are dated in the order {steps}")
    checks += [
        f"the `{rule['field']}` figures of one {_fields(rule['by'])} are within a factor of {rule['factor']:g} of "
        f"each other ({md(rule['why'])})"
        for rule in entry.get("x-agree-within", [])
    ]
    share = entry.get("x-share-of")
    if share:
        parts = join_words(
            [
                f"“{part}” is the “{share['whole']}” times "
                + ("the share" if kind == "share" else "what the share leaves")
                for part, kind in share["parts"].items()
            ],
            "and",
        )
        checks.append(
            f"by `{share['field']}`, with “{share['share']}” the share in percent, {parts}: each such "
            f"`{share['value']}` fits at least one combination of the others' figures, within their rounding and "
            f"{share['within']:.0%} ({md(share['why'])})"
        )
    nested = entry.get("x-nested")
    if nested:
        checks.append(
            f"the `{nested['value']}` of a period from `{nested['start']}` to `{nested['end']}` is no less than the "
            f"sum for the same `{nested['field']}` over the periods inside it (any `{nested['field']}` for "
            f"“{nested['total']}”)"
        )
    cumulative = entry.get("x-cumulative")
    if cumulative:
        scopes = join_words([f"“{v}”" for v in cumulative["scope"]["values"]], "or")
        includes = join_words(
            [
                f"a “{item}” figure is no lower than a “{part}” figure of the same day or earlier"
                for item, parts in cumulative.get("includes", {}).items()
                for part in parts
            ],
            "and",
        )
        checks.append(
            f"among rows whose `{cumulative['scope']['field']}` is {scopes}, a `{cumulative['value']}` of one "
            f"{_fields(cumulative['by'])} and `{cumulative['item']}` is no lower than an earlier one by "
            f"`{cumulative['date']}`" + (f", and {includes}" if includes else "") + f" ({md(cumulative['why'])})"
        )
    checks += [
        f"each `{rule['field']}` figure of one {_fields(rule['by'])} is within a factor of {rule['factor']:g} of the "
        f"`{rule['order']}` before or after it ({md(rule['why'])})"
        for rule in entry.get("x-steady", [])
    ]
    checks += [
        f"rows whose `{rule['field']}` matches {_pattern(rule['pattern'])} are dated in the order of their numbers"
        for rule in entry.get("x-number-order", [])
    ]
    marked = entry.get("x-one-marked")
    if marked:
        group = _fields(marked["by"])
        checks.append(
            f"each {group} has exactly one row whose `{marked['field']}` is “{marked['value']}” ({md(marked['why'])})"
        )
    tally = entry.get("x-tally")
    if tally:
        counted = join_words([f"“{vote}” by `{field}`" for vote, field in tally["counts"].items()], "and")
        checks.append(
            f"the votes recorded for {join_words([f'`{name}`' for name in tally['votes']], 'and')} fit the row's "
            f"counts ({counted}: no more members named voting one way than that count)"
        )
    veto = entry.get("x-veto")
    if veto:
        permanent = _fields(veto["permanent"], "or")
        eras = join_words([f"{era['votes']} from {era['from']}" for era in veto["needed"]], "and")
        checks.append(
            f"an `{veto['outcome']}` of “{veto['adopted']}” has no “{veto['no']}” in {permanent}, and one of "
            f"“{veto['vetoed']}” has one (UN Charter, Article 27(3): a permanent member's no vote blocks a decision)"
        )
        checks.append(
            f"a draft “{veto['adopted']}” or “{veto['vetoed']}” has at least the affirmative votes (`{veto['count']}`) "
            f"a decision needed on its `{veto['date']}` ({eras}: Article 27 as amended in force 31 August 1965), "
            f"and one that “{veto['failed']}” has fewer"
        )
    dated = entry.get("x-url-date")
    if dated:
        checks.append(
            f"`{dated['date']}` lies within {dated['days']} days of the date a `{dated['url']}` gives in its path "
            "(such as `/2024/06/19/` or `/20240619/`), written at least as precisely as the path gives it; a web "
            "archive's copy names its snapshot by its 14-digit time, "
            f"taken no earlier than `{dated['date']}`"
            + (f" and no later than `{dated['accessed']}`" if "accessed" in dated else "")
        )
    if "hash" in entry:
        checks.append("the file is byte for byte what its last build wrote (the descriptor's `bytes` and `hash`)")
    checks += [
        f"{' + '.join(f'`{name}`' for name in rule['fields'])} "
        + (f"= {rule['limit']}" if rule.get("least") == rule["limit"] else f"≤ {rule['limit']}")
        + (
            f" (no less than {rule['least']} once all are given)"
            if rule.get("least", rule["limit"]) < rule["limit"]
            else ""
        )
        + f" ({md(rule['why'])})"
        for rule in entry.get("x-sum-at-most", [])
    ]
    parts = entry.get("x-total-of-parts")
    if parts:
        group = _fields(parts["by"])
        summed = " + ".join(f"`{name}`" for name in parts["parts"])
        total = f"the `{parts['value']}` of `{parts['total']}`"
        checks.append(
            (
                f"where one {group} give a `{parts['field']}` `{parts['total']}` and all its parts, {total} = "
                f"{summed}, and where only some, it is no less than their sum"
                if parts["exhaustive"]
                else f"where one {group} give a `{parts['field']}` `{parts['total']}` and some of {summed}, {total} "
                "is no less than their sum"
            )
            + " (within the rounding of the written figures; groups excused are listed under known exceptions)"
        )
    checks += [
        f"no `{rule['field']}` matches {_pattern(rule['pattern'])} ({md(rule['why'])})"
        for rule in entry.get("x-refused-text", [])
    ]
    precision = entry.get("x-date-precision")
    if precision:
        dates = _fields(precision["dates"])
        checks.append(
            f"{dates} {'falls' if len(precision['dates']) == 1 else 'fall'} on the first day of the month or of "
            f"the year when `{precision['field']}` is `month` or `year`, and `{precision['field']}` is given only "
            "with a date"
        )
    reported = entry.get("x-reported-after")
    if reported:
        codes = reported.get("unless-codes")
        unless = f" or `{codes['field']}` is {join_words([f'`{c}`' for c in codes['values']], 'or')}" if codes else ""
        field = next(f for f in entry["schema"]["fields"] if f["name"] == reported["date"])
        event = f"the start of the `{field['name']}`" if field["type"] == "integer" else f"`{field['name']}`"
        text = reported.get("unless-text")
        announced = (
            f"`{text}` begins “{ANNOUNCED_PREFIX}” or says “{ANNOUNCED_IN_ADVANCE}”{unless}"
            if text
            else unless.removeprefix(" or ")
        )
        totals = reported.get("totals", [])
        after_year = (
            f" (no earlier than the year's end for a row giving {join_words([f'`{t}`' for t in totals], 'or')})"
            if totals
            else ""
        )
        forecasts = reported.get("forecast-codes")
        forecast = (
            f", and a row whose `{forecasts['field']}` is "
            + join_words([f"`{c}`" for c in forecasts["values"]], "or")
            + f" (of what comes after its source) has a `{field['name']}` after its source's publication"
            if forecasts
            else ""
        )
        checks.append(
            f"the row's source was published no earlier than {event}{after_year}"
            + (f", unless {announced}" if announced else "")
            + forecast
        )
    return checks


def known_exceptions(entry: dict[str, Any]) -> list[str]:
    """A table's known exceptions and limitations as its descriptor records them, in Markdown: the general ones
    (``x-exceptions``), then each group a check excuses, with why."""
    items = [md(item) for item in entry.get("x-exceptions", [])]
    parts = entry.get("x-total-of-parts")
    for exception in parts.get("exceptions", []) if parts else []:
        group = ", ".join(f"{name} {value}" for name, value in zip(parts["by"], exception["group"], strict=True))
        items.append(f"Total not the sum of its parts ({md(group)}): {md(exception['why'])}")
    return items


def table_markdown(entry: dict[str, Any], row: pd.Series, heading: str = "##") -> str:
    """One table's documentation: what, where, coverage, licence, sources by tier, processing and fields."""
    name = entry["name"]
    lines = [f"({label(name)})=", f"{heading} `{name}`: {md(entry['title'])}", "", md(entry["description"]), ""]
    lines.append(f"- **File**: {{download}}`data/{entry['path']} <../data/{entry['path']}>`")
    lines.append(f"- **Kind**: {md(entry['x-kind'])}; **unit**: {md(entry['x-unit'])}")
    through = format_through(row["data_through"]) if row["data_through"] else "not dated"
    lines.append(
        f"- **Records**: {row['rows']}; **data through**: {md(through)}; "
        "**primary key**: "
        + ", ".join(f"`{k}`" for k in entry["schema"]["primaryKey"])
        + "".join(
            "; **one record per**: " + join_words([f"`{field}`" for field in group])
            for group in entry["schema"].get("uniqueKeys", [])
        )
    )
    checks = _checks(entry)
    if checks:
        lines.append("- **Checked by `validate`**: " + "; ".join(checks))
    licences = "; ".join(f"[{md(lic['title'])}](<{lic['path']}>)" for lic in entry["licenses"])
    lines.append(f"- **Licence**: {licences}")
    if entry.get("x-source-ids"):
        lines.append("- **Sources**: " + "; ".join(f"{{cite:t}}`{s}`" for s in entry["x-source-ids"]))
    elif name != "sources":
        lines.append("- **Sources**: one per row, in the `source_id` column (keys of the source registry)")
    if name != "upstream":
        lines.append(f"- **Rows by source tier**: {_tiers(name)}")
    if entry.get("x-citation"):
        lines.append(f"- **Cite the producer as**: {md(entry['x-citation'])}")
    if entry.get("x-upstream"):
        lines.append("- **Upstream files**: " + ", ".join(f"`{u}`" for u in entry["x-upstream"]))
    if entry.get("x-compared-with"):
        files = ", ".join(f"`{u}`" for u in entry["x-compared-with"])
        lines.append(f"- **Compared with** (the differences are under known exceptions): {files}")
    if entry.get("x-accessed"):
        lines.append(f"- **Accessed**: {md(entry['x-accessed'])}")
    if entry.get("x-processing"):
        lines += ["", "Processing:", ""] + [f"{i}. {md(step)}" for i, step in enumerate(entry["x-processing"], 1)]
    exceptions = known_exceptions(entry)
    if exceptions:
        lines += ["", "Known exceptions and limitations:", ""] + [f"- {item}" for item in exceptions]
    lines += ["", "| field | type | unit | constraints | description |", "|---|---|---|---|---|"]
    text = set(text_fields(entry))
    for field in entry["schema"]["fields"]:
        lines.append(
            f"| `{field['name']}` | {field['type']} | {md(field.get('unit', ''))} | "
            f"{_constraints(field, field['name'] in text)} | {md(field.get('description', ''))} |"
        )
    return "\n".join(lines) + "\n"


def appendix_markdown() -> str:
    """The data appendix: an overview table, then every table documented in full."""
    overview = tables().set_index("name")
    lines = ["| table | kind | title | unit | records | data through |", "|---|---|---|---|---|---|"]
    for name, row in overview.iterrows():
        lines.append(
            f"| `{name}` | {md(row['kind'])} | {md(row['title'])} | {md(row['unit'])} | {row['rows']} | "
            f"{md(format_through(row['data_through']))} |"
        )
    sections = [table_markdown(entry, overview.loc[entry["name"]]) for entry in descriptor()["resources"]]
    return "\n".join(lines) + "\n\n" + "\n".join(sections)
