"""The schema language under the checklist model: checks, locations, rules between fields."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from handbook.model import DUE_PATTERN, ChecklistType
from handbook.schema import Invalid, ListOf, SchemaProblem, build, matching, nonempty_text, one_of, optional, required, slug


@dataclass(frozen=True, kw_only=True)
class Leaf:
    id: str = required(slug(8))
    note: str | None = optional(nonempty_text)


@dataclass(frozen=True, kw_only=True)
class Tree:
    name: str = required(nonempty_text)
    leaves: list[Leaf] = required(ListOf(Leaf))

    def problems(self):
        if len(self.leaves) > 2:
            yield SchemaProblem(("leaves",), "最多 2 片")


def problems(raw) -> list[tuple[tuple, str]]:
    built, found = build(Tree, raw)
    assert (built is None) == bool(found)
    return [(problem.location, problem.message) for problem in found]


def test_a_good_record_is_built_with_nested_records_and_stripped_text():
    tree, found = build(Tree, {"name": "  树 ", "leaves": [{"id": "a"}, {"id": "b-2", "note": "注"}]})
    assert found == []
    assert tree == Tree(name="树", leaves=[Leaf(id="a"), Leaf(id="b-2", note="注")])


def test_every_problem_is_collected_with_its_location():
    assert problems({"leaves": [{"id": "A"}, "x", {"id": "ok", "colour": "red", "note": 3}]}) == [
        (("name",), "缺少必填字段"),
        (("leaves", 0, "id"), "应为 ASCII 短名：小写字母、数字和单个连字符，如 send-notice，实际是文本 'A'"),
        (("leaves", 1), "应为“键: 值”形式的映射，实际是文本 'x'"),
        (("leaves", 2, "note"), "应为文本，实际是整数 3"),
        (("leaves", 2, "colour"), "未知字段（是否拼错？）"),
    ]


def test_an_empty_optional_field_is_left_out_but_an_empty_required_one_is_wrong():
    assert problems({"name": None, "leaves": [{"id": "a", "note": None}]}) == [(("name",), "应为文本，实际是空值 None")]


@pytest.mark.parametrize(
    ("leaves", "message"),
    [("a", "应为列表（每项以“- ”开头），实际是文本 'a'"), ([], "至少要有 1 项，实际是列表 []")],
)
def test_a_list_must_be_a_non_empty_list(leaves, message):
    assert problems({"name": "树", "leaves": leaves}) == [(("leaves",), message)]


def test_rules_between_fields_run_only_once_the_fields_are_right():
    assert problems({"name": "树", "leaves": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}) == [(("leaves",), "最多 2 片")]
    assert problems({"name": "", "leaves": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}) == [(("name",), "不能为空，实际是文本 ''")]


def test_slug_length_and_text_checks():
    with pytest.raises(Invalid, match=r"太长（最多 8 个字符），实际是文本 'abcdefghi'"):
        slug(8)("abcdefghi")
    for bad in ("a--b", "a_b", "-a", ""):
        with pytest.raises(Invalid, match="应为 ASCII 短名"):
            slug(8)(bad)
    assert nonempty_text(" 字 ") == "字"


def test_form_and_choice_checks():
    due = matching(DUE_PATTERN, "应为天数")
    assert due("-3d") == "-3d"
    with pytest.raises(Invalid, match="^应为天数$"):
        due("3 days")
    kind = one_of(ChecklistType)
    assert kind("逐项执行型") is ChecklistType.STEP_BY_STEP
    with pytest.raises(Invalid, match="只能是 逐项执行型 或 事后核对型，实际是整数 1"):
        kind(1)
