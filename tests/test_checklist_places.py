"""A new checklist needs its YAML and three more places; this names each place one still lacks.

Its page cannot be derived from the YAML alone (the page holds the checklist's introduction), so
adding a checklist touches: checklists/<id>.yml, docs/<page> with the macro call, the nav in
mkdocs.yml, and a link from the playbook page it belongs to (CONTRIBUTING.md, 添加清单).
"""

from __future__ import annotations

from pathlib import Path

from bench.builds import read_config
from handbook.loading import load_checklists
from handbook.model import Checklist
from support import PLAYBOOK_SECTIONS, ROOT, VALID_CHECKLIST, FixtureProject


def nav_pages(nav) -> set[str]:
    """Every page a nav lists, at any depth."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_pages(entry) for entry in nav.values()))
    if isinstance(nav, list):
        return set().union(set(), *(nav_pages(entry) for entry in nav))
    return set()


def missing_places(root: Path, checklists: dict[str, Checklist], nav) -> list[str]:
    """One line per place a checklist lacks, naming the checklist and the place."""
    docs = root / "docs"
    listed = nav_pages(nav)
    playbooks = [path.read_text(encoding="utf-8") for path in docs.rglob("*.md") if path.relative_to(docs).parts[0] in PLAYBOOK_SECTIONS]
    lines = []
    for checklist_id, checklist in sorted(checklists.items()):
        page = docs / checklist.page
        call = f'checklist("{checklist_id}")'
        if not page.is_file() or call not in page.read_text(encoding="utf-8"):
            lines.append(f"{checklist_id}：docs/{checklist.page} 里没有 {{{{ {call} }}}}")
        if checklist.page not in listed:
            lines.append(f"{checklist_id}：mkdocs.yml 的 nav 里没有 {checklist.page}")
        if not any(f'checklist_link("{checklist_id}")' in text for text in playbooks):
            lines.append(f'{checklist_id}：没有业务页面用 {{{{ checklist_link("{checklist_id}") }}}} 链接它')
    return lines


def test_every_checklist_has_its_page_nav_entry_and_playbook_link():
    checklists = load_checklists(ROOT / "checklists", ROOT / "docs")
    assert missing_places(ROOT, checklists, read_config()["nav"]) == []


def test_a_checklist_with_only_its_yaml_is_told_every_place_it_lacks(tmp_path):
    project = FixtureProject(tmp_path / "project")
    project.checklist("sample.yml", VALID_CHECKLIST)
    project.page("checklists/sample.md", "# 示例\n")
    checklists = load_checklists(project.root / "checklists", project.root / "docs")
    assert missing_places(project.root, checklists, ["index.md"]) == [
        'sample：docs/checklists/sample.md 里没有 {{ checklist("sample") }}',
        "sample：mkdocs.yml 的 nav 里没有 checklists/sample.md",
        'sample：没有业务页面用 {{ checklist_link("sample") }} 链接它',
    ]
    project.page("checklists/sample.md", '# 示例\n\n{{ checklist("sample") }}\n')
    project.page("banwen/page.md", '见 {{ checklist_link("sample") }}。\n')
    assert missing_places(project.root, checklists, [{"清单": ["checklists/sample.md"]}]) == []
