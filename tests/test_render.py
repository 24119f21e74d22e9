"""Rendering checklists to HTML: structure, stable ids, escaping."""

from __future__ import annotations


from handbook.links import page_url, relative_url
from handbook.loading import load_checklists
from handbook.render import render_checklist, render_checklist_index, render_checklist_link

from support import ROOT, Elements, demo_checklist


def test_one_fieldset_with_legend_per_phase_and_a_labelled_checkbox_per_item():
    meeting = load_checklists(ROOT / "checklists")["meeting"]
    html = Elements(render_checklist(meeting))
    assert len(html.all("fieldset")) == 3 == len(html.all("legend"))
    boxes = [attrs for attrs in html.all("input") if "data-item" in attrs]
    labels = [attrs for attrs in html.all("label") if attrs.get("for") in {box["id"] for box in boxes}]
    assert len(boxes) == 19 == len(labels)
    assert [box["id"] for box in boxes] == [label["for"] for label in labels]
    assert all(box["id"] == f"cl-meeting__{box['data-item']}" for box in boxes)
    section = html.all("section")[0]
    assert section["data-checklist"] == "meeting" and section["data-total"] == "19"


def test_ids_do_not_change_when_items_are_reordered_or_added():
    before = Elements(render_checklist(demo_checklist()))
    phases = [
        {"id": "b", "title": "乙", "items": [{"id": "new", "text": "新增"}, {"id": "z", "text": "第三"}]},
        {"id": "a", "title": "甲", "items": [{"id": "y", "text": "第二"}, {"id": "x", "text": "第一"}]},
    ]
    after = Elements(render_checklist(demo_checklist(phases=phases)))
    ids = lambda html: {attrs["data-item"]: attrs["id"] for attrs in html.all("input") if "data-item" in attrs}  # noqa: E731
    assert ids(after) == {**ids(before), "new": "cl-demo__new"}


def test_html_has_no_blank_line_so_markdown_keeps_it_one_block():
    assert "\n\n" not in render_checklist(demo_checklist())


def test_progress_and_buttons_are_hidden_until_the_script_runs():
    html = render_checklist(demo_checklist())
    toolbar = next(attrs for attrs in Elements(html).all("div") if attrs.get("class") == "checklist__toolbar")
    assert "hidden" in toolbar
    assert "已完成 <span data-done>0</span> / <span data-required>3</span>" in html


def test_detail_is_tied_to_its_checkbox_for_screen_readers():
    html = Elements(render_checklist(demo_checklist()))
    box = next(attrs for attrs in html.all("input") if attrs.get("data-item") == "y")
    note = next(attrs for attrs in html.all("p") if attrs.get("id") == box["aria-describedby"])
    assert note["class"] == "checklist__note"


def test_yaml_text_is_escaped_everywhere():
    attack = "<script>alert(1)</script>"
    checklist = demo_checklist(
        title=attack,
        purpose=f'"><img src=x onerror=alert(1)>{attack}',
        phases=[{"id": "a", "title": attack, "checkpoint": attack, "items": [{"id": "x", "text": attack, "detail": attack, "role": attack}]}],
    )
    for html in (
        render_checklist(checklist),
        render_checklist_index([checklist], lambda c: "../x/"),
        render_checklist_link(checklist, "../x/"),
    ):
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_index_lists_every_checklist_with_counts_and_link():
    checklists = load_checklists(ROOT / "checklists")
    html = Elements(render_checklist_index(checklists.values(), lambda c: f"../{c.id}/#cl-{c.id}"))
    hrefs = [attrs["href"] for attrs in html.all("a")]
    assert hrefs == [f"../{cid}/#cl-{cid}" for cid in checklists]
    text = "".join(html.text)
    assert "办会十九步" in text and "逐项执行型" in text


def test_page_urls_follow_mkdocs_layout():
    assert page_url("index.md") == ""
    assert page_url("banhui/index.md") == "banhui/"
    assert page_url("checklists/meeting.md") == "checklists/meeting/"
    assert page_url("checklists/meeting.md", use_directory_urls=False) == "checklists/meeting.html"
    assert page_url("index.md", use_directory_urls=False) == "index.html"


def test_relative_urls_between_pages():
    assert relative_url("checklists/meeting/", "") == "checklists/meeting/"
    assert relative_url("checklists/meeting/", "banhui/") == "../checklists/meeting/"
    assert relative_url("checklists/meeting/", "checklists/") == "meeting/"
    assert relative_url("", "banhui/") == "../"
    assert relative_url("banhui/", "banhui/") == "./"
    assert relative_url("checklists/meeting.html", "banhui/index.html") == "../checklists/meeting.html"


def test_controls_and_repeated_item_text_stay_out_of_the_search_index():
    html = Elements(render_checklist(load_checklists(ROOT / "checklists")["meeting"]))
    excluded = {attrs["class"] for tag in ("div", "p", "label", "span") for attrs in html.all(tag) if "data-search-exclude" in attrs}
    assert excluded == {
        "checklist__paper-fields", "checklist__toolbar", "checklist__runs", "checklist__storage-warning", "checklist__memo",
        "checklist__meta", "checklist__due", "checklist__paper-note", "checklist__sign", "checklist__paper-footer",
        "checklist__notice",
    }
