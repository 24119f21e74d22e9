"""The checked-in JSON Schema of the checklist format says what the build says."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from handbook.jsonschema import SCHEMA_FILE, checklist_schema, schema_text
from handbook.loading import ChecklistDataError, load_checklist_file
from support import ROOT, VALID_CHECKLIST

VALIDATOR = jsonschema.Draft202012Validator(checklist_schema())

# Each edit of the valid checklist makes a file the build refuses.
REFUSED = {
    "unknown field": ("title: 示例清单", "title: 示例清单\nowner: 王"),
    "missing title": ("title: 示例清单\n", ""),
    "empty purpose": ("purpose: 测试用。", 'purpose: "  "'),
    "unknown type": ("type: 事后核对型", "type: READ-DO"),
    "bad slug": ("id: one", "id: One Item"),
    "slug too long": ("id: one", "id: " + "a" * 41),
    "bad due": ("due: -3d", "due: 3 days"),
    "due without anchor": ("anchor: 会议召开日\n", ""),
    "text not text": ("text: 第二项", "text: [第二项]"),
    "no items": ("    items:\n      - id: three\n        text: 第三项\n        due: +2d\n", "    items: []\n"),
    "phases not a list": ("phases:\n", "phases: 第一阶段\nold_phases:\n"),
    "allow_na not a boolean": ("text: 第二项", "text: 第二项\n        allow_na: 是"),
    "unknown item field": ("text: 第二项", "text: 第二项\n        owner: 王"),
}
# Each of these the build accepts.
ACCEPTED = {
    "as it is": VALID_CHECKLIST,
    "empty optional field": VALID_CHECKLIST.replace("detail: 说明", "detail:"),
    "allow_na": VALID_CHECKLIST.replace("text: 第二项", "text: 第二项\n        allow_na: true"),
    "no anchor and no due": "".join(
        line for line in VALID_CHECKLIST.replace("anchor: 会议召开日\n", "").splitlines(keepends=True) if "due:" not in line
    ),
}
# Rules between values that JSON Schema cannot say: only the build refuses these (see handbook/jsonschema.py).
BUILD_ONLY = {
    "repeated item id": ("id: two", "id: one"),
    "id differs from the file name": ("id: sample", "id: other"),
}


def edited(old: str, new: str) -> str:
    assert old in VALID_CHECKLIST, old
    return VALID_CHECKLIST.replace(old, new, 1)


def build_accepts(text: str, tmp_path) -> bool:
    path = tmp_path / "sample.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_checklist_file(path)
    except ChecklistDataError:
        return False
    return True


def schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(yaml.safe_load(text))


def test_the_checked_in_schema_is_the_one_the_model_gives():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "运行 .venv/bin/python -m handbook.jsonschema 重新写出"
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_both_refuse(name, tmp_path):
    text = edited(*REFUSED[name])
    assert not build_accepts(text, tmp_path)
    assert not schema_accepts(text)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_both_accept(name, tmp_path):
    assert build_accepts(ACCEPTED[name], tmp_path)
    assert schema_accepts(ACCEPTED[name])


@pytest.mark.parametrize("name", sorted(BUILD_ONLY))
def test_rules_between_values_are_the_builds_alone(name, tmp_path):
    text = edited(*BUILD_ONLY[name])
    assert not build_accepts(text, tmp_path)
    assert schema_accepts(text)


@pytest.mark.parametrize("path", sorted((ROOT / "checklists").glob("*.yml")), ids=lambda path: path.name)
def test_every_checklist_of_the_handbook_passes_the_schema(path):
    errors = [error.message for error in VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert not errors
