"""Rendering for checklist runs: the all-runs page data and the run controls on a checklist."""

from __future__ import annotations

import json

from support import ROOT, Elements, demo_checklist

from handbook.loading import load_checklists
from handbook.model import Checklist
from handbook.render import render_checklist, render_checklist_link, render_checklist_runs
from handbook.schema import build

ATTACK = "<script>alert(1)</script>"


def runs_html(checklists) -> Elements:
    return Elements(render_checklist_runs(checklists, lambda checklist: f"../{checklist.id}/"))


def test_runs_page_carries_every_checklist_with_items_and_due_offsets():
    checklists = load_checklists(ROOT / "checklists")
    html = runs_html(checklists.values())
    entries = [attrs for attrs in html.all("li") if "data-runs-checklist" in attrs]
    assert [entry["data-runs-checklist"] for entry in entries] == list(checklists)
    meeting = next(entry for entry in entries if entry["data-runs-checklist"] == "meeting")
    assert meeting["data-href"] == "../meeting/"
    items = json.loads(meeting["data-items"])
    assert len(items) == 19
    text = {item.id: item.text for item in checklists["meeting"].items}
    assert items[0] == {"id": "plan", "text": text["plan"], "due": -10}
    assert {"id": "departure", "text": text["departure"], "due": 1} in items
    assert all(item["due"] is None for item in json.loads(next(e for e in entries if e["data-runs-checklist"] == "qingshi")["data-items"]))
    assert [attrs["href"] for attrs in html.all("a")] == [f"../{cid}/" for cid in checklists]


def test_runs_page_says_it_needs_javascript_and_hides_the_table_without_it():
    html = render_checklist_runs([demo_checklist()], lambda checklist: "../demo/")
    parsed = Elements(html)
    assert "要启用 JavaScript" in "".join(parsed.text)
    app = next(attrs for attrs in parsed.all("div") if attrs.get("class") == "checklist-runs__app")
    assert "hidden" in app
    assert "\n\n" not in html


def test_runs_page_escapes_yaml_text_in_links_and_data():
    checklist = demo_checklist(title=ATTACK, phases=[{"id": "a", "title": "甲", "items": [{"id": "x", "text": f"'\"{ATTACK}"}]}])
    html = render_checklist_runs([checklist], lambda checklist: "../demo/")
    assert "<script" not in html and "<img" not in html
    (entry,) = [attrs for attrs in Elements(html).all("li") if "data-runs-checklist" in attrs]
    assert json.loads(entry["data-items"]) == [{"id": "x", "text": f"'\"{ATTACK}", "due": None}]


def test_run_controls_and_notes_are_labelled_and_hidden_until_the_script_runs():
    meeting = load_checklists(ROOT / "checklists")["meeting"]
    rendered = render_checklist(meeting)
    html = Elements(rendered)
    labels = {attrs["for"] for attrs in html.all("label") if "for" in attrs}
    # A note's and a 不涉及 box's input sit inside their labels (and say their item in aria-label).
    controls = [attrs for attrs in html.all("input") + html.all("select") if not {"data-item", "data-memo", "data-na"} & set(attrs)]
    assert controls and all(attrs["id"] in labels for attrs in controls)
    memos = [attrs for attrs in html.all("input") if "data-memo" in attrs]
    assert [(memo["data-memo"], memo["aria-label"]) for memo in memos] == [(item.id, f"备注：{item.text}") for item in meeting.items]
    assert rendered.count('<label class="checklist__memo" data-search-exclude hidden>备注 <input') == len(meeting.items)
    hidden = {attrs["class"] for attrs in html.all("p") + html.all("div") + html.all("form") + html.all("label") if "hidden" in attrs}
    assert {"checklist__runs", "checklist__memo", "checklist__toolbar"} <= hidden
    ids = [attrs["id"] for _, attrs in html.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "element ids are unique"


def test_checklists_without_due_dates_offer_no_calendar_or_workdays():
    html = render_checklist(demo_checklist())
    assert 'data-action="calendar"' not in html and 'name="workdays"' not in html
    assert 'data-anchor="日期"' in html
    dated = render_checklist(demo_checklist(anchor="会议召开日", phases=[{"id": "a", "title": "甲", "items": [{"id": "x", "text": "一", "due": "-3d"}]}]))
    assert 'data-action="calendar"' in dated and 'name="workdays"' in dated
    assert '<span class="checklist__due-offset">会议召开日前 3 天</span>' in dated


def test_a_checklist_carries_the_holidays_its_script_counts_with_escaped():
    holidays = {"2026": {"off": {"国庆节": ["1001-1007"], ATTACK + "'": ["0101-0101"]}, "on": ["0920"]}}
    html = render_checklist(demo_checklist(), holidays)
    assert "<script" not in html
    (data,) = [attrs for attrs in Elements(html).all("div") if "data-holidays" in attrs]
    assert json.loads(data["data-holidays"]) == holidays and "hidden" in data


def test_workdays_by_nature_and_the_anchor_label_reach_the_form_and_the_paper():
    dated = {"anchor": "入职日", "phases": [{"id": "a", "title": "甲", "items": [{"id": "x", "text": "一", "due": "+3d"}]}]}
    html = render_checklist(demo_checklist(workdays=True, **dated))
    assert "data-workdays" in html.split(">", 1)[0]
    assert "<span>入职日：<span class=\"checklist__blank\"><span data-paper=\"date\">" in html
    assert "data-workdays" not in render_checklist(demo_checklist(**dated)).split(">", 1)[0]


def test_the_paper_footer_names_the_checklist_and_its_page():
    html = render_checklist(demo_checklist(title="办会十九步"), None, "http://oa.example.gov/handbook/checklists/meeting/")
    assert '<p class="checklist__paper-footer" data-search-exclude>办会十九步 · 来源：http://oa.example.gov/handbook/checklists/meeting/ · 打印日期：' in html


def test_a_link_to_a_checklist_has_a_hidden_place_for_progress_escaped():
    checklist = demo_checklist(title=ATTACK)
    html = render_checklist_link(checklist, "../x/")
    assert "<script" not in html
    (badge,) = [attrs for attrs in Elements(html).all("span") if "data-progress-for" in attrs]
    assert "hidden" in badge and json.loads(badge["data-items"]) == [{"id": item.id, "due": item.due_days} for item in checklist.items]


def test_workdays_without_any_due_offset_is_refused():
    raw = {"id": "demo", "title": "演示", "purpose": "用途", "type": "逐项执行型", "page": "checklists/demo.md", "workdays": True,
           "phases": [{"id": "a", "title": "甲", "items": [{"id": "x", "text": "一"}]}]}
    checklist, problems = build(Checklist, raw)
    assert checklist is None and [(p.location, p.message) for p in problems] == [(("workdays",), "没有条目写 due，workdays: true 无从计算，请删去这一行")]
