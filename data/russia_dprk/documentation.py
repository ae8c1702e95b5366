"""Markdown documentation of every table, generated from the descriptor."""

from __future__ import annotations

from typing import Any

from .catalog import descriptor, load, tables
from .figures import escape_markdown


def _constraints(field: dict[str, Any]) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("required")
    if "enum" in c:
        parts.append("one of " + ", ".join(escape_markdown(v) for v in c["enum"]))
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "pattern" in c:
        parts.append("pattern " + escape_markdown(c["pattern"]))
    return "; ".join(parts)


def _cell(text: str) -> str:
    return escape_markdown(str(text).replace("\n", " "))


def table_markdown(entry: dict[str, Any], heading: str = "###") -> str:
    """One table's documentation: what, where, licence, processing and fields."""
    lines = [f"{heading} `{entry['name']}`: {escape_markdown(entry['title'])}", "", escape_markdown(entry["description"]), ""]
    lines.append(f"- **File**: {{download}}`data/{entry['path']} <../data/{entry['path']}>`")
    lines.append(f"- **Kind**: {entry.get('x-kind', '')}; **unit**: {escape_markdown(entry.get('x-unit', ''))}")
    rows = len(load(entry["name"]))
    lines.append(f"- **Rows**: {rows}; **primary key**: " + ", ".join(f"`{k}`" for k in entry["schema"].get("primaryKey", [])))
    licences = "; ".join(f"[{escape_markdown(lic['title'])}](<{lic['path']}>)" for lic in entry.get("licenses", []))
    lines.append(f"- **Licence**: {licences}")
    if entry.get("x-source-ids"):
        lines.append("- **Sources**: " + "; ".join(f"{{cite:t}}`{s}`" for s in entry["x-source-ids"]))
    else:
        lines.append("- **Sources**: one per row, in the `source_id` column (keys of the source registry)")
    if entry.get("x-citation"):
        lines.append(f"- **Cite the producer as**: {escape_markdown(entry['x-citation'])}")
    if entry.get("x-upstream"):
        lines.append("- **Upstream files**: " + ", ".join(f"`{u}`" for u in entry["x-upstream"]))
    if entry.get("x-accessed"):
        lines.append(f"- **Accessed**: {entry['x-accessed']}")
    if entry.get("x-processing"):
        lines += ["", "Processing:", ""] + [f"{i}. {escape_markdown(step)}" for i, step in enumerate(entry["x-processing"], 1)]
    if entry.get("x-exceptions"):
        lines += ["", "Known exceptions and limitations:", ""] + [f"- {escape_markdown(item)}" for item in entry["x-exceptions"]]
    lines += ["", "| field | type | unit | constraints | description |", "|---|---|---|---|---|"]
    for field in entry["schema"]["fields"]:
        lines.append(f"| `{field['name']}` | {field['type']} | {_cell(field.get('unit', ''))} | "
                     f"{_constraints(field)} | {_cell(field.get('description', ''))} |")
    return "\n".join(lines) + "\n"


def appendix_markdown() -> str:
    """The data appendix: an overview table, then every table documented in full."""
    overview = tables()
    lines = ["| table | kind | title | unit | rows |", "|---|---|---|---|---|"]
    for row in overview.itertuples():
        lines.append(f"| `{row.name}` | {row.kind} | {_cell(row.title)} | {_cell(row.unit)} | {row.rows} |")
    sections = [table_markdown(entry) for entry in descriptor()["resources"]]
    return "\n".join(lines) + "\n\n" + "\n".join(sections)
