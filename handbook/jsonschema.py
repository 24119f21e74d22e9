"""The checklist format as a JSON Schema, made from the same record types the build validates with.

Editors' YAML tooling reads the checked-in copy, ``checklists/checklist.schema.json``; write it again
after changing handbook/model.py with::

    .venv/bin/python -m handbook.jsonschema

tests/test_jsonschema.py checks that the copy is up to date and that it accepts and refuses the same
files as the build. Two rules between values stay with the build only, since JSON Schema cannot say
them: ids unique within a checklist, and the checklist id equal to its file name.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from .model import Checklist
from .schema import ListOf

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "checklists" / "checklist.schema.json"


def record_schema(record: type) -> dict[str, Any]:
    """A record type as a JSON Schema object: its fields, each from its check's ``json_schema``."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in dataclasses.fields(record):
        check = field.metadata["check"]
        if isinstance(check, ListOf):
            fragment = {"type": "array", "minItems": 0 if check.may_be_empty else 1, "items": record_schema(check.record)}
        else:
            fragment = dict(check.json_schema)
        if field.default is dataclasses.MISSING:
            required.append(field.name)
        elif field.default is None:
            fragment = {"anyOf": [fragment, {"type": "null"}]}  # left empty in YAML: same as left out
        properties[field.name] = fragment
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = required
    schema.update(getattr(record, "json_schema_rules", {}))
    return schema


def checklist_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "办公室工作手册的清单（checklists/*.yml）",
        **record_schema(Checklist),
    }


def schema_text() -> str:
    return json.dumps(checklist_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"已写出 {SCHEMA_FILE.relative_to(Path.cwd()) if SCHEMA_FILE.is_relative_to(Path.cwd()) else SCHEMA_FILE}", file=sys.stderr)
