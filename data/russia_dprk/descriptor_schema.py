"""The rules a ``datapackage.json`` must follow: the Frictionless keys this project uses, and its own ``x-`` keys.

Every object is closed (``additionalProperties: false``), so a misspelled key is an error instead of a check
silently switched off. The schema is a strict subset of the Frictionless Data Package and Table Schema profiles;
``tests/test_descriptor.py`` checks the committed descriptor against Frictionless's own profile as well.
"""

from __future__ import annotations

from typing import Any

NAME = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
TEXT = {"type": "string", "minLength": 1}
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
UPSTREAM_FILES = {
    "type": "array",
    "minItems": 1,
    "uniqueItems": True,
    "items": {"type": "string", "pattern": "^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$"},
}


def listed(items: dict[str, Any], least: int = 1) -> dict[str, Any]:
    """A list of at least ``least`` items, none twice."""
    return {"type": "array", "items": items, "minItems": least, "uniqueItems": True}


def closed(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly these properties, the ``required`` ones present."""
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


TEXT_LIST = listed(TEXT)
# rows named by a field's value: one of ``values``, none of ``except``, the field ``empty``, or text matching
# ``pattern``
ROW_CONDITION = {"field": NAME, "values": TEXT_LIST, "except": TEXT_LIST, "empty": {"const": True}, "pattern": TEXT}
NAMES = listed(NAME)
FIELD_PAIRS = listed({"type": "array", "items": NAME, "minItems": 2, "maxItems": 2, "uniqueItems": True})
ACROSS = {"type": "array", "items": NAME, "minItems": 2, "maxItems": 2}  # a field here and one of another table
DOMAINS = listed({"type": "string", "pattern": "^[a-z0-9.-]+\\.[a-z]{2,}$"})
LICENSE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "title", "path"],
    "properties": {"name": TEXT, "title": TEXT, "path": {"type": "string", "pattern": "^https://[A-Za-z0-9./_-]+$"}},
}
CONSTRAINTS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "required": {"type": "boolean"},
        "unique": {"type": "boolean"},
        # a value is written as a cell holds it: never empty (the missing value) nor with spaces around it
        "enum": {
            "type": "array",
            "items": {"type": "string", "pattern": "^\\S(?:.*\\S)?$"},
            "minItems": 1,
            "uniqueItems": True,
        },
        "minimum": {"type": ["number", "string"]},
        "maximum": {"type": ["number", "string"]},
        "pattern": {"type": "string"},
    },
}
FIELD = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "type", "description"],
    "properties": {
        "name": NAME,
        "type": {"enum": ["string", "integer", "number", "date", "boolean"]},
        "format": {"enum": ["default", "uri"]},
        "description": TEXT,
        "unit": TEXT,
        "constraints": CONSTRAINTS,
        "x-labels": {"type": "object", "additionalProperties": TEXT},
        # The field's codes are countries (or the Soviet Union, or the world): named by the package's x-country-names.
        "x-codes": {"enum": ["country"]},
        # A string of a calendar date to the year, month or day; its bounds live here, as Table Schema allows
        # none on strings.
        "x-partial-date": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"minimum": {"type": "string"}, "maximum": {"type": "string"}},
        },
    },
}
FOREIGN_KEY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["fields", "reference"],
    "properties": {
        "fields": {"type": "array", "items": NAME, "minItems": 1, "uniqueItems": True},
        "reference": {
            "type": "object",
            "additionalProperties": False,
            "required": ["resource", "fields"],
            "properties": {
                "resource": NAME,
                "fields": {"type": "array", "items": NAME, "minItems": 1, "uniqueItems": True},
            },
        },
    },
}
RESOURCE = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "name",
        "path",
        "title",
        "description",
        "format",
        "mediatype",
        "encoding",
        "x-kind",
        "x-unit",
        "licenses",
        "schema",
    ],
    "properties": {
        "name": NAME,
        "path": {"type": "string", "pattern": "^[a-z0-9_]+(/[a-z0-9_]+)*\\.csv$"},
        "title": TEXT,
        "description": TEXT,
        "format": {"const": "csv"},
        "mediatype": {"const": "text/csv"},
        "encoding": {"const": "utf-8"},
        "bytes": {"type": "integer", "minimum": 1},
        "hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
        "licenses": {"type": "array", "items": LICENSE, "minItems": 1, "uniqueItems": True},
        "schema": {
            "type": "object",
            "additionalProperties": False,
            "required": ["fields", "primaryKey", "missingValues"],
            "properties": {
                "fields": {"type": "array", "items": FIELD, "minItems": 1},
                "primaryKey": {"type": "array", "items": NAME, "minItems": 1, "uniqueItems": True},
                "uniqueKeys": {
                    "type": "array",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {"type": "array", "items": NAME, "minItems": 1, "uniqueItems": True},
                },
                "foreignKeys": {"type": "array", "items": FOREIGN_KEY, "uniqueItems": True},
                "missingValues": {"const": [""]},
            },
        },
        "x-kind": {"enum": ["registry", "derived", "curated"]},
        "x-unit": TEXT,
        "x-source-ids": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        },
        "x-upstream": UPSTREAM_FILES,
        "x-compared-with": UPSTREAM_FILES,
        "x-processing": TEXT_LIST,
        "x-citation": TEXT,
        "x-accessed": DATE,
        "x-exceptions": TEXT_LIST,
        "x-refused-domains": DOMAINS,
        "x-refused-text": listed(closed(["field", "pattern", "why"], {"field": NAME, "pattern": TEXT, "why": TEXT})),
        "x-copy-domains": closed(["domains", "field", "value"], {"domains": DOMAINS, "field": NAME, "value": TEXT}),
        # a domain here may be a whole suffix ("gov", "go.kr"): every host under it
        "x-domain-values": listed(
            closed(
                ["domains", "field", "values", "why"],
                {
                    "domains": listed({"type": "string", "pattern": "^([a-z0-9-]+\\.)*[a-z]{2,}$"}),
                    "except": DOMAINS,
                    "field": NAME,
                    "values": TEXT_LIST,
                    # values found only on these domains, or on a host of copies (state media on a state outlet's site)
                    "only": TEXT_LIST,
                    "why": TEXT,
                },
            )
        ),
        "x-url-versions-by": closed(["date", "field", "values"], {"date": NAME, "field": NAME, "values": TEXT_LIST}),
        "x-pinned-copy": closed(
            ["url", "field", "host"],
            {"url": NAME, "field": NAME, "host": {"type": "string", "pattern": "^[a-z0-9.-]+$"}},
        ),
        "x-not-greater": listed({"type": "array", "items": NAME, "minItems": 2, "maxItems": 2}),
        "x-one-spelling": NAMES,
        "x-latin-text": NAMES,
        "x-near-spelling": NAMES,
        "x-differ": FIELD_PAIRS,
        # [text, name]: the text must not end with the name after a dash or bar ("Headline - TASS", a tab's title).
        "x-not-ending-with": FIELD_PAIRS,
        # [text, name]: the text must not begin with the name and a colon, dash or bar ("CNN: Kim meets Putin").
        "x-not-starting-with": FIELD_PAIRS,
        # [first, second]: no name (each item of a "; " list) is in the first field of a row and the second of another.
        "x-apart": FIELD_PAIRS,
        "x-requires": FIELD_PAIRS,
        "x-sum-at-most": listed(
            closed(
                ["fields", "limit", "why"],
                {
                    "fields": listed(NAME, least=2),
                    "limit": {"type": "integer", "minimum": 0},
                    "least": {"type": "integer", "minimum": 0},
                    "why": TEXT,
                },
            )
        ),
        "x-determines": FIELD_PAIRS,
        # a place's leading name is in one country; codes in one "same" group are one country across time
        "x-place-country": closed(
            ["place", "country"],
            {"place": NAME, "country": NAME, "same": listed({"type": "array", "items": TEXT, "minItems": 2})},
        ),
        "x-rank": closed(["rank", "value", "by"], {"rank": NAME, "value": NAME, "by": NAMES}),
        "x-when": listed(
            closed(
                ["if", "then", "why"],
                {
                    # the rows covered: one condition on a field, and any further ones (``and``) they also meet
                    "if": closed(
                        ["field"],
                        {
                            **ROW_CONDITION,
                            "and": listed(closed(["field"], ROW_CONDITION)),
                        },
                    ),
                    "then": closed(
                        ["fields"],
                        {
                            "fields": NAMES,
                            "values": TEXT_LIST,
                            "except": TEXT_LIST,
                            "empty": {"const": True},
                            "filled": {"const": True},
                            "pattern": TEXT,
                            "at-most": {"type": "number", "exclusiveMinimum": 0},
                        },
                    ),
                    "why": TEXT,
                },
            )
        ),
        "x-period": closed(
            ["start", "end", "months"],
            {"start": NAME, "end": NAME, "months": {"enum": [1, 3, 6, 12]}},
        ),
        "x-session-date": closed(
            ["session", "date", "why"], {"session": NAME, "date": NAME, "year": NAME, "why": TEXT}
        ),
        "x-span-at-most": closed(
            ["start", "end", "days", "why"],
            {"start": NAME, "end": NAME, "days": {"type": "integer", "minimum": 1}, "why": TEXT},
        ),
        # several sequences when the order is partial (one party ratifies by decree, another by two houses and law)
        "x-sequence": listed(
            closed(
                ["by", "field", "order", "date"],
                {
                    "by": listed(NAME, least=0),
                    "field": NAME,
                    "order": listed(TEXT_LIST, least=2),
                    "date": NAME,
                    # "all" (the default): no row of a stage before any row of an earlier stage; "any": a row of a
                    # stage after at least one row of the stage before, where the thing has one (cycles that repeat)
                    "follows": {"enum": ["all", "any"]},
                },
            )
        ),
        "x-number-order": listed(closed(["field", "pattern", "date"], {"field": NAME, "pattern": TEXT, "date": NAME})),
        # a period counts at least what the periods inside it count (of one kind, or of any kind for the total)
        "x-nested": closed(
            ["start", "end", "value", "field", "total"],
            {"start": NAME, "end": NAME, "value": NAME, "field": NAME, "total": TEXT},
        ),
        # a part of a whole is the whole times a share (or the rest): each figure of the three roles fits at least
        # one combination of the others' figures
        "x-share-of": closed(
            ["field", "value", "whole", "share", "parts", "within", "why"],
            {
                "field": NAME,
                "value": NAME,
                "whole": TEXT,
                "share": TEXT,
                "parts": {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {"type": "string", "enum": ["share", "rest"]},
                },
                "within": {"type": "number", "exclusiveMinimum": 0, "maximum": 0.5},
                "why": TEXT,
            },
        ),
        # running totals from one estimator do not fall, nor fall below the totals they include
        "x-cumulative": closed(
            ["scope", "by", "item", "value", "date", "why"],
            {
                "scope": closed(["field", "values"], {"field": NAME, "values": TEXT_LIST}),
                "by": NAMES,
                "item": NAME,
                "value": NAME,
                "date": NAME,
                "includes": {"type": "object", "minProperties": 1, "additionalProperties": TEXT_LIST},
                "why": TEXT,
            },
        ),
        # figures of one series within a factor of the years beside them (a slip of digits or unit is not)
        "x-steady": listed(
            closed(
                ["by", "order", "field", "factor", "why"],
                {
                    "by": NAMES,
                    "order": NAME,
                    "field": NAME,
                    "factor": {"type": "number", "exclusiveMinimum": 1},
                    "why": TEXT,
                },
            )
        ),
        # figures of one thing from several sources agree within a factor (a slip of digits or unit does not)
        "x-agree-within": listed(
            closed(
                ["by", "field", "factor", "why"],
                {"by": NAMES, "field": NAME, "factor": {"type": "number", "exclusiveMinimum": 1}, "why": TEXT},
            )
        ),
        "x-one-marked": closed(
            ["field", "value", "by", "why"], {"field": NAME, "value": TEXT, "by": NAMES, "why": TEXT}
        ),
        # within_days: compare the key's date and a partial date as spans, allowing that many days between them
        "x-key-date": listed(
            closed(
                ["field", "pattern", "date"],
                {
                    "field": NAME,
                    "pattern": TEXT,
                    "date": NAME,
                    "within_days": {"type": "integer", "minimum": 0, "maximum": 31},
                },
            )
        ),
        "x-located": closed(
            ["lat", "lon", "country", "resource", "by", "outline", "km"],
            {
                "lat": NAME,
                "lon": NAME,
                "country": NAME,
                "resource": NAME,
                "by": NAME,
                "outline": NAME,
                "km": {"type": "number", "exclusiveMinimum": 0, "maximum": 50},
            },
        ),
        "x-era": closed(
            ["fields", "date", "codes", "why"],
            {
                "fields": NAMES,
                "date": NAME,
                "codes": {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": False,
                        "minProperties": 1,
                        "properties": {"from": DATE, "to": DATE},
                    },
                },
                "why": TEXT,
            },
        ),
        "x-carries": listed(
            closed(
                ["field", "pattern", "equals"],
                {
                    "field": NAME,
                    "pattern": TEXT,
                    "equals": NAME,
                    # what a ``scale`` group's letters multiply the ``value`` group by ("m": 1000000)
                    "scales": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "integer"}},
                    # the code each word the ``value`` group finds stands for ("killed": "troops_killed"); a word
                    # not listed stands for none
                    "codes": {"type": "object", "minProperties": 1, "additionalProperties": TEXT},
                },
            )
        ),
        # rows of one ``by`` group under different keys whose points lie within ``km`` of each other: one place
        # entered twice under a new id
        "x-distinct-points": closed(
            ["key", "by", "lat", "lon", "km", "why"],
            {
                "key": NAME,
                "by": NAMES,
                "lat": NAME,
                "lon": NAME,
                "km": {"type": "number", "exclusiveMinimum": 0},
                "why": TEXT,
            },
        ),
        # a text naming another row of the table by its key (a re-check "of check-01"), which must share ``same``
        "x-names-row": listed(
            closed(["text", "pattern", "same", "why"], {"text": NAME, "pattern": TEXT, "same": NAMES, "why": TEXT})
        ),
        "x-stated": listed(
            closed(
                ["field", "text", "as", "why"],
                {
                    "field": NAME,
                    # one text field, or several read together (a description and the note quoting its source)
                    "text": {"anyOf": [NAME, NAMES]},
                    "as": {"enum": ["count", "number", "usd_millions", "coordinate"]},
                    "why": TEXT,
                    # "unstated" (the default): the value is a figure the text states; "scale": the value is not a
                    # figure the text states at another power of ten (the text may also state other figures)
                    "refuse": {"enum": ["unstated", "scale"]},
                },
            )
        ),
        "x-tally": closed(
            ["counts", "votes"],
            {"counts": {"type": "object", "minProperties": 1, "additionalProperties": NAME}, "votes": NAMES},
        ),
        "x-veto": closed(
            ["outcome", "adopted", "vetoed", "failed", "permanent", "no", "count", "date", "needed"],
            {
                "outcome": NAME,
                "adopted": TEXT,
                "vetoed": TEXT,
                "failed": TEXT,
                "permanent": NAMES,
                "no": TEXT,
                "count": NAME,
                "date": NAME,
                "needed": listed(closed(["from", "votes"], {"from": DATE, "votes": {"type": "integer", "minimum": 1}})),
            },
        ),
        "x-never-with": listed(
            closed(
                ["by", "when", "field", "values", "why"],
                {
                    "by": NAME,
                    "when": closed(["field", "values"], {"field": NAME, "values": NAMES}),
                    "field": NAME,
                    "values": NAMES,
                    "why": TEXT,
                },
            )
        ),
        "x-site-determines": closed(
            ["url", "field", "why"], {"url": NAME, "field": NAME, "why": TEXT, "carriers": DOMAINS}
        ),
        "x-url-date": closed(
            ["url", "date", "days"],
            {"url": NAME, "date": NAME, "days": {"type": "integer", "minimum": 0, "maximum": 31}, "accessed": NAME},
        ),
        "x-total-of-parts": closed(
            ["field", "total", "parts", "exhaustive", "value", "by"],
            {
                "field": NAME,
                "total": TEXT,
                "parts": TEXT_LIST,
                "exhaustive": {"type": "boolean"},
                "value": NAME,
                "by": NAMES,
                "exceptions": listed(
                    closed(
                        ["group", "difference", "why"],
                        {
                            "group": {"type": "array", "items": TEXT, "minItems": 1},
                            "difference": {"type": "number"},
                            "why": TEXT,
                        },
                    )
                ),
            },
        ),
        "x-reported-after": closed(
            ["date", "published"],
            {
                "date": NAME,
                "published": NAME,
                "unless-text": NAME,
                "unless-codes": closed(["field", "values"], {"field": NAME, "values": TEXT_LIST}),
                # rows holding one of these codes speak of what comes after their source: dated after it
                "forecast-codes": closed(["field", "values"], {"field": NAME, "values": TEXT_LIST}),
                "totals": NAMES,
            },
        ),
        "x-date-precision": closed(["field", "dates"], {"field": NAME, "dates": NAMES}),
        # in ``date`` order, one ``by`` never returns to a ``field`` value it had left (a minister's level)
        "x-no-return": closed(["by", "field", "date", "why"], {"by": NAME, "field": NAME, "date": NAME, "why": TEXT}),
        # each of a ``country``'s ``offices`` passes from one ``holder`` to the next in ``date`` order, never back
        "x-one-holder": closed(
            ["office", "holder", "country", "date", "offices", "why"],
            {"office": NAME, "holder": NAME, "country": NAME, "date": NAME, "offices": TEXT_LIST, "why": TEXT},
        ),
        # rows of one ``by`` group (those whose ``only`` field holds one of its values) do not overlap in time
        # rows of one group whose spans (``start`` to ``end``, or ``open-days`` where a row has no end or the rule
        # names none: the same estimate restated within a week) must not overlap
        "x-no-overlap": closed(
            ["by", "start", "why"],
            {
                "by": NAMES,
                "start": NAME,
                "end": NAME,
                "only": closed(["field", "values"], {"field": NAME, "values": TEXT_LIST}),
                "open-days": {"type": "integer", "minimum": 1},
                "why": TEXT,
            },
        ),
        # a key (``field``) carries a word of the name it stands for (``name``): a contact's id names its visitor;
        # with ``leading``, where the key names the leading name of any row's value, that is the row's own
        "x-key-names": listed(
            closed(["field", "name"], {"field": NAME, "name": NAME, "leading": {"type": "boolean", "const": True}})
        ),
        # text fields whose values (20 characters or more) appear in one row only: each row's own paraphrase
        "x-once": NAMES,
        # text fields each of whose values shares a word with its row's source: the id, title or note of the
        # registry row ``source_id`` names (a contact's visitor is named by the report of the visit)
        "x-source-names": NAMES,
        # text fields in which a word shaped like a source's id ("kbs-2024-12-23-...") is a source of the registry, or
        # a row of some table: a note that sends the reader to a source names one the registry lists
        "x-cites-sources": NAMES,
        # [date, text], or {date, text, unless}: where the text writes days of the date's month, the date is one of
        # them, except in the rows ``unless`` names (an announcement's text writes the day announced)
        "x-written-date": listed(
            {
                "anyOf": [
                    FIELD_PAIRS["items"],
                    closed(
                        ["date", "text", "unless"],
                        {
                            "date": NAME,
                            "text": NAME,
                            "unless": closed(["field", "values"], {"field": NAME, "values": TEXT_LIST}),
                        },
                    ),
                ]
            }
        ),
        # in one ``by`` group, a row's ``value`` is no more than that of the row whose ``field`` is ``whole``
        "x-part-of": closed(
            ["field", "whole", "value", "by"], {"field": NAME, "whole": TEXT, "value": NAME, "by": NAMES}
        ),
        # the kinds of source (the registry's ``kind``) a table's rows may cite
        "x-source-kinds": TEXT_LIST,
        # the row's date lies within the span of the row of ``resource`` its ``field`` names (an event on a visit),
        # from its ``start`` to its ``end`` or, with no ``end`` (or none recorded), ``days`` on (a resolution on a test)
        # rows another table also records agree with it: fields paired in ``on`` match the rows, those in ``same``
        # hold the same value, and ``members`` ties a list of codes there to a column per code here
        "x-agrees-with": closed(
            ["resource", "on", "same", "why"],
            {
                "resource": NAME,
                "on": listed(ACROSS),
                "same": listed(ACROSS, least=0),
                "members": closed(
                    ["field", "columns", "value"],
                    {
                        "field": NAME,
                        "columns": {"type": "object", "minProperties": 1, "additionalProperties": NAME},
                        "value": TEXT,
                    },
                ),
                "why": TEXT,
            },
        ),
        "x-during": closed(
            ["field", "resource", "date", "start", "days", "why"],
            {
                "field": NAME,
                "resource": NAME,
                "date": NAME,
                "start": NAME,
                "end": NAME,
                "days": {"type": "integer", "minimum": 1},
                "names": closed(["name", "text"], {"name": NAME, "text": NAME}),
                "why": TEXT,
            },
        ),
        # a list of keys of ``resource`` in ``field``; with ``named-in``, every key that text names is in the list
        "x-key-lists": listed(
            closed(
                ["field", "separator", "resource"],
                {"field": NAME, "separator": {"type": "string", "minLength": 1}, "resource": NAME, "named-in": NAME},
            )
        ),
        "x-row-references": listed(
            closed(
                ["table_field", "key_field", "separator"],
                {"table_field": NAME, "key_field": NAME, "separator": {"type": "string", "minLength": 1}},
            )
        ),
    },
}
DESCRIPTOR: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["profile", "name", "title", "description", "version", "licenses", "resources"],
    "properties": {
        "profile": {"enum": ["data-package", "tabular-data-package"]},
        "name": {"type": "string", "pattern": "^[a-z0-9_.-]+$"},
        "title": TEXT,
        "description": TEXT,
        "version": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"},
        "licenses": {"type": "array", "items": LICENSE, "minItems": 1, "uniqueItems": True},
        "x-code-license": TEXT,
        # The name of every code a country field holds ("PRK": "North Korea"), written once for all tables.
        "x-country-names": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[A-Z]{3,5}$"},
            "additionalProperties": TEXT,
        },
        "resources": {"type": "array", "items": RESOURCE, "minItems": 1},
    },
}
