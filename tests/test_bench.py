"""The benchmark's build comparison works (its figures are measured by `python -m bench`, not asserted here)."""

from __future__ import annotations

import pytest

import bench.builds
from bench.builds import ROOT, compare_builds, plain_on_expanded_pages, scaled_project, timed_build, without_word_files
from bench.ready import measure_checklist_ready


def test_a_scaled_project_has_every_page_and_checklist_that_many_times(tmp_path):
    project = scaled_project(tmp_path / "x2", 2)
    pages = sorted(path.relative_to(ROOT / "docs") for path in (ROOT / "docs").rglob("*.md"))
    assert sorted(path.relative_to(project / "docs" / "x2") for path in (project / "docs" / "x2").rglob("*.md")) == pages
    assert len(list((project / "checklists").glob("*.yml"))) == 2 * len(list((ROOT / "checklists").glob("*.yml")))
    assert 'checklist("meeting-x2")' in (project / "docs" / "x2" / "checklists" / "meeting.md").read_text(encoding="utf-8")


def test_a_scaled_project_lists_every_checklist_once_not_once_per_copy(tmp_path):
    project = scaled_project(tmp_path / "x2", 2)
    for page, call in (("checklists/runs.md", "checklist_runs()"), ("checklists/index.md", "checklist_index()"), ("index.md", "checklist_due()")):
        assert call in (project / "docs" / page).read_text(encoding="utf-8")
        assert call not in (project / "docs" / "x2" / page).read_text(encoding="utf-8")


def test_one_pair_builds_both_sites_and_compares_their_cpu_time(tmp_path):
    result = compare_builds(scaled_project(tmp_path / "x1", 1), tmp_path / "out", pairs=1)
    assert (tmp_path / "out" / "ours" / "checklists" / "meeting" / "index.html").is_file()
    assert (tmp_path / "out" / "plain" / "checklists" / "meeting" / "index.html").is_file()
    assert result["ours"] > 0 and result["plain"] > 0
    assert result["ratio"] == pytest.approx(result["ours"] / result["plain"])
    assert result["pages"] == sum(1 for _ in (tmp_path / "out" / "ours").rglob("*.html"))


def test_pairs_swap_cpus_every_pair_and_the_first_started_build_every_other_pair(tmp_path, monkeypatch):
    started: list[tuple[str, int]] = []

    class FinishedBuild:
        def finish(self):
            return 1.0, 1.0

    def start(config, site, site_url, cpu=None):
        started.append((site.name, cpu))
        return FinishedBuild()

    monkeypatch.setattr(bench.builds, "_two_cpus", lambda: (0, 1))
    monkeypatch.setattr(bench.builds, "_start_build", start)
    result = compare_builds(scaled_project(tmp_path / "x1", 1), tmp_path / "out", pairs=4)
    assert started == [
        ("ours", 0), ("plain", 1),
        ("ours", 1), ("plain", 0),
        ("plain", 1), ("ours", 0),
        ("plain", 0), ("ours", 1),
    ]
    assert result["ratio"] == 1.0 and result["side_by_side"]


def test_a_failed_build_stops_the_benchmark_with_mkdocs_own_message(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme: no-such-theme\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"(?s)mkdocs build failed.*no-such-theme"):
        timed_build(config, tmp_path / "site")


def test_the_checklist_ready_time_is_measured_on_a_slowed_cpu(browser, site_url):
    # The figure itself is the benchmark's to report; here only that the measurement works.
    ready = measure_checklist_ready(site_url, loads=1, browser=browser)
    assert ready["loads"] == 1 and 0 < ready["paint"] and 0 < ready["first"] and 0 < ready["median"] <= ready["max"]


def test_the_word_file_step_is_timed_on_every_sample_and_blank_template():
    from bench.wordfiles import measure_word_files

    result = measure_word_files(runs=1)
    assert result["files"] == len(list((ROOT / "samples").glob("*.yml"))) + 3
    assert result["seconds"] > 0


def test_the_machinery_comparison_builds_the_same_content_without_our_code_or_word_files(tmp_path):
    project = scaled_project(tmp_path / "x1", 1)
    plain = plain_on_expanded_pages(project, tmp_path / "expanded")
    expanded = (tmp_path / "expanded" / "docs" / "checklists" / "meeting.md").read_text(encoding="utf-8")
    assert "{{" not in expanded and 'data-checklist="meeting"' in expanded
    result = compare_builds(project, tmp_path / "out", pairs=1, plain_yml=plain, ours_yml=without_word_files(project))
    for site in ("ours", "plain"):
        meeting = (tmp_path / "out" / site / "checklists" / "meeting" / "index.html").read_text(encoding="utf-8")
        assert meeting.count("data-item=") == 19, site
    # Plain Material has no glossary tooltips (our Markdown extension) and neither build writes the Word files.
    assert "<abbr" in (tmp_path / "out" / "ours" / "banwen" / "format" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" not in (tmp_path / "out" / "plain" / "banwen" / "format" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "ours" / "downloads").exists() and not (tmp_path / "out" / "plain" / "downloads").exists()
    assert result["ours"] > 0 and result["plain"] > 0
