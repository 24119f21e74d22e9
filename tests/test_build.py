"""Building the site: strict build, offline output, and bad data stopping the build."""

from __future__ import annotations

from urllib.parse import urlsplit

from support import ROOT, external_references
from handbook.loading import load_checklists


def test_site_builds_strict_without_any_warning(site_build):
    assert not [line for line in site_build.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert (site_build.site / "index.html").is_file()


def test_built_site_references_no_external_host(site_build):
    assert site_build.site.joinpath("assets/javascripts/checklist.js").is_file()
    assert external_references(site_build.site, urlsplit(site_build.url).netloc) == []


def test_the_scan_does_find_an_external_reference(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://cdn.example.com/x.css">')
    (tmp_path / "b.css").write_text("@font-face { src: url(https://fonts.example.com/f.woff2) }")
    assert len(external_references(tmp_path, "127.0.0.1:8000")) == 2


def test_no_web_font_and_system_cjk_fonts(site_build):
    html = (site_build.site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    css = (ROOT / "docs/assets/stylesheets/extra.css").read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" in css and "Microsoft YaHei" in css


def test_pages_show_counts_computed_from_the_data(site_build):
    home = (site_build.site / "index.html").read_text(encoding="utf-8")
    assert "3 个阶段、19 项" in home
    onboarding = load_checklists(ROOT / "checklists")["onboarding"]
    assert f"{len(onboarding.phases)} 个阶段、{len(onboarding.items)} 项" in home


def test_counts_follow_the_data_when_it_changes(fixture_project):
    fixture_project.copy_checklist("meeting")
    path = fixture_project.root / "checklists" / "meeting.yml"
    path.write_text(path.read_text(encoding="utf-8") + "      - id: extra-step\n        text: 新增一步\n", encoding="utf-8")
    fixture_project.page("index.md", '# 首页\n\n共 {{ checklist_counts("meeting") }}\n')
    fixture_project.page("checklists/meeting.md", '# 清单\n\n{{ checklist("meeting") }}\n')
    build = fixture_project.build()
    assert build.returncode == 0, build.output
    assert "共 3 个阶段、20 项" in (build.site / "index.html").read_text(encoding="utf-8")


def test_bad_checklist_data_stops_the_build_with_every_problem(fixture_project):
    fixture_project.page("index.md", "# 首页\n")
    fixture_project.checklist("broken.yml", "id: broken\ntitle: 坏\npurpose: [\n")
    fixture_project.copy_checklist("eight-ways")  # valid, but its page is missing here
    fixture_project.checklist("meeting.yml", (ROOT / "checklists/meeting.yml").read_text(encoding="utf-8").replace("        role: 会务组\n        due: 0d\n", "        owner: 会务组\n", 1))
    build = fixture_project.build()
    assert build.returncode != 0
    assert "清单数据有 3 处问题，构建已停止" in build.output
    assert "checklists/broken.yml：YAML 格式错误，第 4 行" in build.output
    assert "checklists/meeting.yml › 阶段 during › 条目 check-in：owner：未知字段" in build.output
    assert "checklists/eight-ways.yml：page：页面 docs/checklists/eight-ways.md 不存在" in build.output
    assert "Traceback" not in build.output
    assert not (build.site / "index.html").exists(), "a failed build must not leave pages behind"


def test_page_referring_to_a_missing_checklist_stops_the_build(fixture_project):
    fixture_project.page("index.md", '# 首页\n\n{{ checklist("no-such-list") }}\n')
    build = fixture_project.build()
    assert build.returncode != 0
    assert "清单 'no-such-list' 不存在" in build.output
    assert "index.md" in build.output
    assert not (build.site / "index.html").exists()


def test_script_in_yaml_is_shown_as_text_in_the_built_page(xss_site):
    html = (xss_site.site / "checklists/xss/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
