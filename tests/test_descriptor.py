"""The descriptor itself: the project's closed schema, Frictionless's own profile, and agreement with the steps."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pytest
from russia_dprk.catalog import descriptor
from russia_dprk.descriptor_schema import DESCRIPTOR
from russia_dprk.pipeline import declaration_problems
from russia_dprk.validation import descriptor_problems

REPO = Path(__file__).resolve().parent.parent


def test_descriptor_passes_the_frictionless_data_package_profile() -> None:
    errors = [error.message for error in frictionless.Package.metadata_validate(descriptor())]
    assert errors == []


def test_descriptor_passes_the_project_schema() -> None:
    assert descriptor_problems(descriptor(), REPO / "data") == []


def test_every_object_in_the_project_schema_is_closed() -> None:
    def walk(node) -> list[dict]:
        found = []
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                found.append(node)
            for value in node.values():
                found += walk(value)
        elif isinstance(node, list):
            for value in node:
                found += walk(value)
        return found

    objects = walk(DESCRIPTOR)
    assert objects and all(o.get("additionalProperties") is False for o in objects)


def test_descriptor_and_upstream_registry_agree_with_the_derivation_steps(mirror) -> None:
    assert declaration_problems() == []


def test_a_changed_upstream_list_is_caught(monkeypatch) -> None:
    import russia_dprk.pipeline as pipeline

    package = json.loads(json.dumps(descriptor()))
    entry = next(e for e in package["resources"] if e["name"] == "rok_gas")
    entry["x-upstream"] = ["bp-energy/another.csv"]
    monkeypatch.setattr(pipeline, "descriptor", lambda: package)
    monkeypatch.setattr(pipeline, "resource", lambda name: next(e for e in package["resources"] if e["name"] == name))
    problems = [str(p) for p in pipeline.declaration_problems()]
    assert any("resources[rok_gas].x-upstream" in p for p in problems), problems


@pytest.mark.parametrize("key", ["x-kind", "schema", "path"])
def test_a_resource_missing_a_required_key_is_refused(key: str) -> None:
    package = json.loads(json.dumps(descriptor()))
    del package["resources"][2][key]
    assert any(p.rule == "descriptor" for p in descriptor_problems(package, REPO / "data"))
