"""One definition of a valid table: the descriptor's rules, applied to every cell, key and reference.

``validate`` reports every problem; ``catalog.load`` runs the same checks on one table (and the key sets it
references) and refuses with the same message, so whatever ``validate`` accepts ``load`` returns unchanged.
Nothing is coerced: dates are exactly ``YYYY-MM-DD``, integers are written as integers, numbers are finite and
exactly representable, text is UTF-8 without control or format characters.

The rules live in one module per kind of input, each importing only those before it:

- ``common``: the problem record, a parsed and a checked table, the written forms of dates, numbers and links;
- ``descriptor``: the descriptor's own rules, and the field declarations other rules read;
- ``reading``: one table's file (encoding, quoting, header, row lengths) and a derived table's build;
- ``cells``: each cell on its own (type, text, link) and each table's keys;
- ``links``: links across a table (refused domains, copies, trackers, redirects, sites, one document twice);
- ``text``: text typed by hand (one spelling per name, placeholders, stray spaces, brackets, pasted repeats);
- ``rows``: the rules a table declares on its rows (the ``x-...`` demands);
- ``tables``: references between tables, upstream files, places, and the entry points.

The names below are what the rest of the package, the book and the tests use.
"""

from __future__ import annotations

from .cells import cell_problems, key_problems, parse_cell, url_problem
from .common import DESCRIPTOR_FILE, URL_MAX, Checked, Problem
from .descriptor import (
    bounds_of,
    default_label,
    descriptor_problems,
    is_year_field,
    partial_end,
    partial_start,
    pattern_problem,
    read_descriptor,
    stated_texts,
    tables_listed,
    when_conditions,
    written_at,
    written_date_rules,
)
from .reading import build_record, built_problems, file_bytes, read_table
from .rows import ANNOUNCED_IN_ADVANCE, ANNOUNCED_PREFIX, future_problems, latest_date, order_problems
from .tables import check_table, package_problems, referenced_tables, table_problems, validate
from .text import NEAR_LENGTH, ONCE_LENGTH, text_fields

__all__ = [
    "ANNOUNCED_IN_ADVANCE",
    "ANNOUNCED_PREFIX",
    "DESCRIPTOR_FILE",
    "NEAR_LENGTH",
    "ONCE_LENGTH",
    "URL_MAX",
    "Checked",
    "Problem",
    "bounds_of",
    "build_record",
    "built_problems",
    "cell_problems",
    "check_table",
    "default_label",
    "descriptor_problems",
    "file_bytes",
    "future_problems",
    "is_year_field",
    "key_problems",
    "latest_date",
    "order_problems",
    "package_problems",
    "parse_cell",
    "partial_end",
    "partial_start",
    "pattern_problem",
    "read_descriptor",
    "read_table",
    "referenced_tables",
    "stated_texts",
    "table_problems",
    "tables_listed",
    "text_fields",
    "url_problem",
    "validate",
    "when_conditions",
    "written_at",
    "written_date_rules",
]
