"""The search step reads a short copy of each checklist: the same index text, and the page keeps the checklist."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import Parser, SearchIndex
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from test_render import ROOT, make

from macros.loading import load_checklists
from macros.render import checklist_html, render_checklist_search_copy
from macros.searchcopy import add_search_copy, on_page_content, on_page_context

EDGE_CASES = {
    "no pause, bare items": make(),
    "every kind of note": make(
        anchor="会议召开日",
        phases=[
            {
                "id": "a",
                "title": "甲",
                "checkpoint": "停一下",
                "items": [
                    {"id": "detail", "text": "一", "detail": "细节"},
                    {"id": "role", "text": "二", "role": "秘书"},
                    {"id": "due", "text": "三", "due": "-3d"},
                    {"id": "all", "text": "四", "detail": "细节", "role": "秘书", "due": "+2d"},
                ],
            }
        ],
    ),
}
ALL_CHECKLISTS = {**load_checklists(ROOT / "checklists"), **EDGE_CASES}


def index_sections(html: str) -> list[tuple[str | None, str, str]]:
    """The sections Material's search index makes of a page: (id, title, text), before Chinese segmentation."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title), "".join(section.text)) for section in parser.data]


def page_with(checklist_part: str) -> str:
    # Prose before and after, under headings, as on a playbook page.
    return f'<h1 id="t">标题</h1>\n<p>前文</p>\n{checklist_part}\n<p>后文</p>\n<h2 id="n">下一节</h2>\n<p>正文</p>'


@pytest.mark.parametrize("name", sorted(ALL_CHECKLISTS))
def test_the_copy_gives_the_search_index_the_same_text_as_the_checklist(name):
    checklist = ALL_CHECKLISTS[name]
    full, copy = checklist_html(checklist), render_checklist_search_copy(checklist)
    assert index_sections(page_with(copy)) == index_sections(page_with(full))
    assert len(copy) < len(full) / 8


def test_the_hook_gives_search_the_copies_and_the_page_its_checklists():
    meeting, five_checks = (ALL_CHECKLISTS[name] for name in ("meeting", "five-checks"))
    page = SimpleNamespace()
    html = "\n".join(["<p>前文</p>", checklist_html(meeting), '<p data-search-exclude="x">中</p>', checklist_html(five_checks)])
    add_search_copy(page, checklist_html(meeting), render_checklist_search_copy(meeting))
    add_search_copy(page, checklist_html(five_checks), render_checklist_search_copy(five_checks))

    page.content = on_page_content(html, page)
    assert page.content == "\n".join(
        ["<p>前文</p>", render_checklist_search_copy(meeting), '<p data-search-exclude="x">中</p>', render_checklist_search_copy(five_checks)]
    )
    # The search step tidies the page (it drops data-search attributes that carry a value) before the hook.
    page.content = page.content.replace(' data-search-exclude="x"', "")
    on_page_context({}, page)
    assert page.content == html.replace(' data-search-exclude="x"', "")


def test_checklists_with_the_same_words_each_get_their_own_html_back():
    first, second = make(id="first"), make(id="second")
    page = SimpleNamespace()
    html = checklist_html(first) + "\n" + checklist_html(second)
    for checklist in (first, second):
        add_search_copy(page, checklist_html(checklist), render_checklist_search_copy(checklist))
    page.content = on_page_content(html, page)
    on_page_context({}, page)
    assert page.content == html


def test_a_block_not_found_in_the_page_is_left_for_search_to_read_in_full():
    page = SimpleNamespace()
    meeting = ALL_CHECKLISTS["meeting"]
    add_search_copy(page, checklist_html(meeting), render_checklist_search_copy(meeting))
    indented = checklist_html(meeting).replace("\n", "\n    ")  # as if it had been put in a list item
    page.content = on_page_content(indented, page)
    assert page.content == indented
    on_page_context({}, page)
    assert page.content == indented


def test_in_a_real_build_search_parses_the_copy_and_the_page_keeps_the_checklist(fixture_project, monkeypatch):
    fixture_project.copy_checklist("meeting")
    fixture_project.page("checklists/meeting.md", '# 会议\n\n会前准备。\n\n{{ checklist("meeting") }}\n\n## 之后\n\n散会。\n')
    read_by_search = {}
    add_entry = SearchIndex.add_entry_from_context

    def spy(self, page):
        read_by_search[page.url] = page.content
        return add_entry(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", spy)
    monkeypatch.chdir(fixture_project.root)
    monkeypatch.setitem(os.environ, "NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(fixture_project.write_config()), site_dir=str(fixture_project.root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()

    meeting = load_checklists(fixture_project.root / "checklists")["meeting"]
    assert render_checklist_search_copy(meeting) in read_by_search["checklists/meeting/"]
    assert 'class="checklist__item"' not in read_by_search["checklists/meeting/"]
    written = (fixture_project.root / "site" / "checklists" / "meeting" / "index.html").read_text(encoding="utf-8")
    assert checklist_html(meeting) in written and "<!-- checklist meeting -->" not in written
    index = json.loads((fixture_project.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"] if doc["location"] == "checklists/meeting/").replace("\u200b", "")
    assert meeting.items[0].text in text and "新建事项" not in text
