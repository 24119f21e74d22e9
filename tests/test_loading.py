"""Loading and validating checklist YAML: every bad input gives a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.loading import ChecklistDataError, load_checklist_file, load_checklists
from handbook.model import Checklist, ChecklistType
from support import ROOT, VALID_CHECKLIST as VALID



def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(directory: Path, docs_dir: Path | None = None) -> list[str]:
    with pytest.raises(ChecklistDataError) as caught:
        load_checklists(directory, docs_dir)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def data(tmp_path) -> Path:
    directory = tmp_path / "checklists"
    directory.mkdir()
    return directory


def test_real_checklists_load_and_have_the_counts_of_the_source():
    checklists = load_checklists(ROOT / "checklists", ROOT / "docs")
    meeting = checklists["meeting"]
    assert [len(phase.items) for phase in meeting.phases] == [5, 10, 4]
    assert meeting.counts == "3 个阶段、19 项"
    assert len(checklists["eight-ways"].items) == 8
    assert [item.text for item in checklists["eight-ways"].items] == [
        "急事稳办", "大事细办", "轻事重办", "熟事生办", "生事慎办", "特事特办", "有事快办", "私事兼办",
    ]


def test_every_meeting_step_has_a_detail_role_and_due_offset():
    meeting = load_checklists(ROOT / "checklists")["meeting"]
    for item in meeting.items:
        assert item.detail and item.role and item.due is not None, item.id


def test_loading_again_reads_an_edited_file_and_reuses_an_unchanged_one(data):
    # Zensical loads the checklists for every page; `mkdocs serve` reloads them after an edit.
    path = write(data, "sample.yml", VALID)
    first = load_checklists(data)["sample"]
    assert load_checklists(data)["sample"] is first
    write(data, "sample.yml", VALID.replace("title: 示例清单", "title: 改过的清单"))
    assert load_checklists(data)["sample"].title == "改过的清单"
    path.write_text(VALID.replace("        text: 第二项\n", ""), encoding="utf-8")
    assert problems_of(data) == ["checklists/sample.yml › 阶段 first › 条目 two：text：缺少必填字段"]


def test_valid_file_loads_with_all_fields(data):
    checklist = load_checklist_file(write(data, "sample.yml", VALID))
    assert isinstance(checklist, Checklist)
    assert checklist.type is ChecklistType.CHECK_AFTER
    assert [item.id for item in checklist.items] == ["one", "two", "three"]
    assert checklist.items[0].due_days == -3
    assert checklist.due_label(checklist.items[0]) == "会议召开日前 3 天"
    assert checklist.due_label(checklist.items[2]) == "会议召开日后 2 天"
    assert checklist.due_label(checklist.items[1]) is None


def test_zero_offset_reads_as_the_same_day(data):
    checklist = load_checklist_file(write(data, "sample.yml", VALID.replace("due: +2d", "due: 0d")))
    assert checklist.due_label(checklist.items[2]) == "会议召开日当天"


def test_missing_field_names_file_entry_and_field(data):
    write(data, "sample.yml", VALID.replace("        text: 第二项\n", ""))
    assert problems_of(data) == ["checklists/sample.yml › 阶段 first › 条目 two：text：缺少必填字段"]


def test_missing_top_level_field(data):
    write(data, "sample.yml", VALID.replace("purpose: 测试用。\n", ""))
    assert problems_of(data) == ["checklists/sample.yml：purpose：缺少必填字段"]


def test_wrong_type_says_what_was_expected_and_what_was_found(data):
    write(data, "sample.yml", VALID.replace("text: 第三项", "text: 2024"))
    assert problems_of(data) == [
        "checklists/sample.yml › 阶段 second › 条目 three：text：应为文本，实际是整数 2024"
    ]


def test_items_must_be_a_list(data):
    write(data, "sample.yml", VALID.replace("    checkpoint: 会后\n    items:\n      - id: three\n        text: 第三项\n        due: +2d\n", "    items: 第三项\n"))
    (problem,) = problems_of(data)
    assert problem.startswith("checklists/sample.yml › 阶段 second：items：应为列表")


def test_duplicate_item_id_across_phases(data):
    write(data, "sample.yml", VALID.replace("id: three", "id: one"))
    (problem,) = problems_of(data)
    assert problem == "checklists/sample.yml：phases：条目 id 重复：one（同一清单内条目 id 必须唯一）"


def test_unknown_key_is_reported_not_ignored(data):
    write(data, "sample.yml", VALID.replace("        role: 文秘\n", "        owner: 文秘\n"))
    assert problems_of(data) == ["checklists/sample.yml › 阶段 first › 条目 one：owner：未知字段（是否拼错？）"]


def test_malformed_yaml_gives_its_line(data):
    write(data, "sample.yml", VALID.replace("    title: 第二阶段", "    title: [第二阶段"))
    (problem,) = problems_of(data)
    assert problem.startswith("checklists/sample.yml：YAML 格式错误，第 ")
    line = int(problem.split("第 ")[1].split(" 行")[0])
    assert VALID.splitlines()[line - 1].strip().startswith(("title: 第二阶段", "checkpoint:"))


def test_repeated_yaml_key_is_an_error(data):
    write(data, "sample.yml", VALID.replace("        detail: 说明\n", "        detail: 说明\n        detail: 又一个\n"))
    (problem,) = problems_of(data)
    assert "YAML 格式错误，第 14 行" in problem and "'detail'" in problem


def test_page_that_does_not_exist(data, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write(data, "sample.yml", VALID)
    assert problems_of(data, docs) == ["checklists/sample.yml：page：页面 docs/checklists/sample.md 不存在"]


def test_bad_slug_and_bad_due_and_bad_type(data):
    text = VALID.replace("id: two", "id: Two Words").replace("due: -3d", "due: 3 days").replace("事后核对型", "CHECK")
    write(data, "sample.yml", text)
    problems = problems_of(data)
    assert len(problems) == 3
    assert "checklists/sample.yml：type：只能是 逐项执行型 或 事后核对型，实际是文本 'CHECK'" in problems
    assert any("条目 one：due：应为相对锚定日的天数" in problem for problem in problems)
    assert any(problem.startswith("checklists/sample.yml › 阶段 first › 条目 Two Words：id：应为 ASCII 短名") for problem in problems)


def test_due_without_anchor(data):
    write(data, "sample.yml", VALID.replace("anchor: 会议召开日\n", ""))
    (problem,) = problems_of(data)
    assert "anchor：有条目写了 due" in problem


def test_id_must_match_file_name(data):
    write(data, "other.yml", VALID)
    assert problems_of(data) == ["checklists/other.yml：id：应与文件名一致，即 'other'，实际是 'sample'"]


def test_item_without_a_usable_id_is_named_by_position(data):
    write(data, "sample.yml", VALID.replace("      - id: two\n", "      - id: 2\n"))
    assert problems_of(data) == ["checklists/sample.yml › 阶段 first › 第 2 个条目：id：应为文本，实际是整数 2"]


def test_phase_without_items(data):
    write(data, "sample.yml", VALID.replace("    checkpoint: 会后\n    items:\n      - id: three\n        text: 第三项\n        due: +2d\n", "    items: []\n"))
    (problem,) = problems_of(data)
    assert problem.startswith("checklists/sample.yml › 阶段 second：items：至少要有 1 项")


def test_empty_text(data):
    text = VALID.replace("text: 第一项", "text: '  '")
    write(data, "sample.yml", text)
    assert problems_of(data) == ["checklists/sample.yml › 阶段 first › 条目 one：text：不能为空，实际是文本 '  '"]


def test_file_that_is_not_a_mapping(data):
    write(data, "sample.yml", "- just\n- a list\n")
    assert problems_of(data) == ["checklists/sample.yml：文件应是一个“键: 值”映射，实际是列表"]


def test_every_problem_in_every_file_is_reported_together(data):
    write(data, "sample.yml", VALID.replace("        text: 第二项\n", "").replace("role: 文秘", "role: [文秘]"))
    write(data, "broken.yml", "id: broken\ntitle: [\n")
    problems = problems_of(data)
    assert len(problems) == 3
    assert [p.split("：")[0].split(" › ")[0] for p in problems] == [
        "checklists/broken.yml", "checklists/sample.yml", "checklists/sample.yml",
    ]
    with pytest.raises(ChecklistDataError, match=r"清单数据有 3 处问题，构建已停止"):
        load_checklists(data)


def test_missing_directory(tmp_path):
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}：清单目录不存在"]
