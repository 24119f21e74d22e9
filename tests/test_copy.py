"""The words of the site: Chinese copywriting conventions, and no sentence copied from the essays."""

from __future__ import annotations

import sys

from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_copy  # noqa: E402
import seed_fingerprints  # noqa: E402

FINGERPRINTS = set((ROOT / "tests/data/seed-fingerprints.txt").read_text(encoding="utf-8").split())


def test_copywriting_has_no_finding():
    files = check_copy.copy_files()
    assert len(files) >= 8
    assert [finding for path in files for finding in check_copy.findings(path)] == []


def test_copywriting_check_does_find_mistakes(tmp_path):
    sample = tmp_path / "sample.md"
    sample.write_text("# 标题\n\n共3个阶段,19项.\n", encoding="utf-8")
    (finding,) = check_copy.findings(sample)
    assert "共 3 个阶段，19 项。" in finding


def copied_runs(text: str) -> list[str]:
    return [run for run in seed_fingerprints.runs(text) if seed_fingerprints.fingerprint(run) in FINGERPRINTS]


def test_no_sentence_of_the_essays_is_copied():
    copied = {}
    for path in check_copy.copy_files():
        runs = copied_runs(path.read_text(encoding="utf-8"))
        if runs:
            copied[str(path.relative_to(ROOT))] = runs[:3]
    assert copied == {}


def test_the_copy_check_does_find_a_copied_sentence():
    assert len(FINGERPRINTS) > 5_000
    # One sentence of the essays, quoted here only to prove the check bites.
    known = "办公室是一个地方、一个部门单位的综合办事机构，是机关中的机关"
    assert copied_runs(f"前言。{known}。后记") != []
    assert copied_runs("急事稳办、大事细办、轻事重办、熟事生办、生事慎办") == []


# Specimens: strings shown exactly as they stand in a 公文 carry no added spaces.
SPECIMEN_CASES = [
    ("md", "发文字号写作 `×农发〔2024〕5号`，成文日期写作 `2024年3月5日`。\n"),
    ("md", "| 附件说明 | `附件：1.××` |\n"),
    ("yml", "detail: 成文日期写成「2024年3月5日」，不写“今天”。\n"),
]


def lint(tmp_path, suffix: str, text: str) -> list[str]:
    sample = tmp_path / f"sample.{suffix}"
    sample.write_text(text if suffix == "yml" else f"# 标题\n\n{text}", encoding="utf-8")
    return check_copy.findings(sample)


def test_a_marked_specimen_is_not_flagged(tmp_path):
    for suffix, text in SPECIMEN_CASES:
        assert lint(tmp_path, suffix, text) == [], text


def test_an_unmarked_specimen_is_still_flagged(tmp_path):
    assert lint(tmp_path, "md", "成文日期写作2024年3月5日。\n") != []
    assert lint(tmp_path, "yml", "detail: 成文日期写成“2024年3月5日”。\n") != []


def test_prose_next_to_a_specimen_is_still_checked(tmp_path):
    (finding,) = lint(tmp_path, "md", "共3处：`×农发〔2024〕5号` 和 `2024年3月5日`。\n")
    assert "共 3 处" in finding
    (finding,) = lint(tmp_path, "yml", "detail: 写成「2024年3月5日」，共3处。\n")
    assert "共 3 处" in finding


def test_masking_keeps_lines_and_leaves_code_fences_alone():
    text = "```text\n附件：1.××\n```\n正文 `2024年3月5日` 后\n"
    masked = check_copy.mask_specimens(text, "markdown")
    assert masked.count("\n") == text.count("\n")
    assert masked.startswith("```text\n附件：1.××\n```\n") and "2024年3月5日" not in masked
