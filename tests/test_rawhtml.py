"""Our HTML blocks go into Markdown's stash whole: same HTML out, no tag-by-tag parse."""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions.md_in_html import HTMLExtractorExtra

from macros.rawhtml import BEGIN, END, RawHtmlExtension, mark_html_block

BLOCK = '<section class="demo" id="x">\n  <p>一 <b>二</b></p>\n  <ul><li><input type="checkbox" id="x-1"> <label for="x-1">三</label></li></ul>\n</section>'
PAGE = "# 标题\n\n前文 *强调*。\n\n{block}\n\n后文。\n"


def convert(source: str, *extensions) -> str:
    return markdown.markdown(source, extensions=["md_in_html", "attr_list", *extensions])


def test_a_marked_block_comes_out_exactly_as_written_and_the_markdown_around_it_still_renders():
    html = convert(PAGE.format(block=mark_html_block(BLOCK)), RawHtmlExtension())
    assert BLOCK in html
    assert "<p>" + BLOCK not in html and BEGIN not in html and END not in html
    assert "<em>强调</em>" in html and "<p>后文。</p>" in html
    # The same page as the HTML parser renders it, less the markers (md_in_html adds a blank line).
    assert html.split() == convert(PAGE.format(block=BLOCK)).split()


def test_a_marked_block_is_not_parsed_tag_by_tag(monkeypatch):
    parsed: list[str] = []
    original = HTMLExtractorExtra.handle_starttag
    monkeypatch.setattr(HTMLExtractorExtra, "handle_starttag", lambda self, tag, attrs: (parsed.append(tag), original(self, tag, attrs))[1])
    convert(PAGE.format(block=mark_html_block(BLOCK)), RawHtmlExtension())
    assert parsed == []
    convert(PAGE.format(block=BLOCK))
    assert "input" in parsed


def test_without_the_extension_the_markers_are_comments_and_the_block_is_intact():
    html = convert(PAGE.format(block=mark_html_block(BLOCK)))
    assert f"{BEGIN}\n{BLOCK}\n{END}" in html


@pytest.mark.parametrize("count", [1, 3])
def test_several_blocks_on_a_page_each_keep_their_place(count):
    blocks = [BLOCK.replace('id="x"', f'id="x{n}"') for n in range(count)]
    source = "\n\n段落。\n\n".join(mark_html_block(block) for block in blocks)
    html = convert(source, RawHtmlExtension())
    positions = [html.index(block) for block in blocks]
    assert positions == sorted(positions) and html.count("<p>段落。</p>") == count - 1


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_both_engines_stash_the_checklists(engine, request):
    build = request.getfixturevalue("site_build" if engine == "mkdocs" else "zensical_build")
    page = (build.site / "checklists" / "meeting" / "index.html").read_text(encoding="utf-8")
    assert '<section class="checklist"' in page and BEGIN not in page


def _page_linking_into_the_meeting_checklist(fixture_project, anchor: str):
    fixture_project.copy_checklist("meeting")
    fixture_project.page("checklists/meeting.md", '# 办会\n\n{{ checklist("meeting") }}\n')
    fixture_project.page("index.md", f"# 首页\n\n[清单](checklists/meeting.md#cl-meeting)，[这一项](checklists/meeting.md#{anchor})。\n")
    return fixture_project.build()


def test_markdown_links_to_anchors_inside_a_checklist_still_validate(fixture_project):
    # The block is stashed before MkDocs reads the page's ids; its ids reach MkDocs all the same.
    build = _page_linking_into_the_meeting_checklist(fixture_project, "cl-meeting__plan")
    assert build.returncode == 0, build.output  # --strict: a missing anchor would have failed it


def test_a_link_to_an_anchor_no_checklist_has_still_fails_the_build(fixture_project):
    build = _page_linking_into_the_meeting_checklist(fixture_project, "cl-meeting__no-such-item")
    assert build.returncode != 0
    assert "cl-meeting__no-such-item" in build.output


def test_mkdocs_reads_the_ids_of_a_stashed_block_without_parsing_it(monkeypatch):
    from mkdocs.structure import pages

    parsed: list[str] = []
    original = pages._HTMLHandler.handle_starttag
    monkeypatch.setattr(pages._HTMLHandler, "handle_starttag", lambda self, tag, attrs: (parsed.append(tag), original(self, tag, attrs))[1])
    scan = pages._RawHTMLPreprocessor()
    md = markdown.Markdown(extensions=["md_in_html", RawHtmlExtension()])
    scan._register(md)
    md.convert(PAGE.format(block=mark_html_block(BLOCK)) + '\n<div id="own">页面自己的 HTML</div>\n')
    assert parsed == ["div"]  # the page's own HTML is still read, the block is not
    assert scan.present_anchor_ids == {"x", "x-1", "own"}
