"""The checklists in a real browser: Playwright driving Debian's Chromium.

Tests taking `engine_url` run against both builds, MkDocs + Material and Zensical (issue 6).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from support import CHECKLISTS, checked_items, open_checklist, pdf_of, pdf_pages, pdf_text, press, progress, serve, tick

MEETING = CHECKLISTS["meeting"]
STORAGE_KEY = "office-handbook:checklist:meeting"


def saved(page) -> dict | None:
    """The run shown on the page as saved (storage format v2), or None if nothing is saved."""
    state = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") or "null")
    return state and state["runs"][state["current"]]


def test_ticks_survive_a_reload_with_progress(page, engine_url):
    root = open_checklist(page, engine_url)
    assert progress(root) == "已完成 0 / 19"
    tick(root, "notice")
    tick(root, "minutes")
    assert progress(root) == "已完成 2 / 19"
    assert set(saved(page)["ticks"]) == {"notice", "minutes"}
    page.reload()
    root = open_checklist(page, engine_url)
    assert checked_items(root) == ["notice", "minutes"]
    assert progress(root) == "已完成 2 / 19"
    assert root.locator('[data-phase="before"] [data-phase-progress]').inner_text() == "1 / 5"
    assert root.locator('[data-phase="during"] [data-phase-progress]').inner_text() == "1 / 10"


def test_unticking_removes_the_tick(page, site_url):
    root = open_checklist(page, site_url)
    tick(root, "plan")
    tick(root, "plan")
    assert checked_items(root) == [] and saved(page)["ticks"] == {}


def test_ticks_survive_instant_navigation_away_and_back(page, engine_url):
    root = open_checklist(page, engine_url)
    tick(root, "plan")
    tick(root, "archive")
    # Our checklist scripts run before Material's bundle, which makes links instant; its last step sets document$.
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.__sameDocument = true")  # survives only if navigation is instant
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(engine_url)
    page.locator('a[href$="checklists/"]').first.click()
    page.wait_for_url(f"{engine_url}checklists/")
    page.locator('.checklist-index a[href*="/meeting/"]').click()
    page.wait_for_url(re.compile(r".*/checklists/meeting/.*"))
    root = page.locator('[data-checklist="meeting"]')
    root.locator(".checklist__toolbar").wait_for(state="visible")
    assert page.evaluate("window.__sameDocument") is True, "the site's links did not use instant navigation"
    assert checked_items(root) == ["plan", "archive"]
    assert progress(root) == "已完成 2 / 19"
    tick(root, "review")  # still interactive after the navigation
    assert progress(root) == "已完成 3 / 19"


def test_reset_asks_first_and_clears_only_when_confirmed(page, engine_url):
    root = open_checklist(page, engine_url)
    tick(root, "plan")
    tick(root, "notice")
    messages = []

    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    press(root, "清空勾选")
    assert checked_items(root) == ["plan", "notice"]

    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    press(root, "清空勾选")
    assert checked_items(root) == [] and progress(root) == "已完成 0 / 19"
    assert saved(page)["ticks"] == {}
    assert all("办会十九步" in message for message in messages) and len(messages) == 2
    page.reload()
    assert checked_items(open_checklist(page, engine_url)) == []


def test_saved_ticks_follow_item_ids_not_positions(page, site_url):
    # Saved by an older version of the list: one item since removed, order irrelevant.
    page.goto(site_url)
    page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify({v: 1, ticks: {archive: 't', 'removed-step': 't', plan: 't'}}))",
        STORAGE_KEY,
    )
    root = open_checklist(page, site_url)
    assert checked_items(root) == ["plan", "archive"]
    assert progress(root) == "已完成 2 / 19"
    tick(root, "notice")
    assert set(saved(page)["ticks"]) == {"archive", "removed-step", "plan", "notice"}, "ticks of other items are kept"


@pytest.mark.parametrize("junk", ["{not json", '{"v": 1, "ticks": ["plan"]}', '"plan"', '{"v": 1, "ticks": {"plan": 5}}'])
def test_unreadable_saved_data_is_set_aside_without_breaking_the_page(page, site_url, junk):
    page.goto(site_url)
    page.evaluate("([key, junk]) => localStorage.setItem(key, junk)", [STORAGE_KEY, junk])
    root = open_checklist(page, site_url)
    assert checked_items(root) == [] and progress(root) == "已完成 0 / 19"
    assert saved(page) is None
    tick(root, "plan")
    assert list(saved(page)["ticks"]) == ["plan"]


# Where a reader starts a search, types and reads the results: Material's box in the header and its list,
# or Zensical's search button and the dialog it opens (in a shadow root, which Playwright's CSS reaches).
SEARCH_START = ".md-search__input, .md-search__button"
SEARCH_BOX = ".md-search__input, input[role=combobox]"
SEARCH_RESULT = ".md-search-result__item, [role=listbox] [role=option]"


def test_chinese_search_finds_pages_offline(page, engine_url):
    page.goto(engine_url)
    for query in ("会议", "请示"):
        page.locator(SEARCH_START).first.click()
        search = page.locator(SEARCH_BOX).first
        search.fill(query)
        search.press("End")  # fill() types without a keyup; Material searches on keyup
        # Retries until the results of this query, not the previous one's, are shown.
        expect(page.locator(SEARCH_RESULT).first).to_contain_text(query, timeout=10_000)
        page.keyboard.press("Escape")


def test_page_makes_no_request_to_another_host(page, engine_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    root = open_checklist(page, engine_url)
    tick(root, "plan")
    page.goto(engine_url)
    page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(engine_url).netloc}


@pytest.mark.parametrize("checklist_id", sorted(CHECKLISTS))
def test_print_button_prints_the_checklist_alone_on_one_a4_page(page, engine_url, tmp_path, checklist_id):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; }")
    root = open_checklist(page, engine_url, checklist_id)
    first = CHECKLISTS[checklist_id].items[0].id
    tick(root, first)
    root.locator('button[data-action="print"]').click()
    assert page.evaluate("window.__printed") == 1
    pdf = pdf_of(page, tmp_path, checklist_id)
    assert pdf_pages(pdf) == 1
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for item in CHECKLISTS[checklist_id].items:
        assert re.sub(r"\s+", "", item.text) in text, item.text
    # The date field is labelled with what the date is (the YAML's anchor), and every row has its
    # 完成日期/签字 space under one heading; the footer names the form and its page.
    for blank in ("名称：", (CHECKLISTS[checklist_id].anchor or "日期") + "：", "经办人：", "完成日期/签字", "来源：", "打印日期："):
        assert blank in text
    for screen_only in ("打印清单", "清空勾选", "搜索"):
        assert screen_only not in text


@pytest.mark.parametrize("checklist_id", sorted(CHECKLISTS))
def test_printing_a_checklist_page_fits_one_a4_page(page, engine_url, tmp_path, checklist_id):
    # Ctrl+P without the button: the whole page, title and all, still one sheet.
    open_checklist(page, engine_url, checklist_id)
    pdf = pdf_of(page, tmp_path, "page")
    assert pdf_pages(pdf) == 1
    assert re.sub(r"\s+", "", CHECKLISTS[checklist_id].title) in re.sub(r"\s+", "", pdf_text(pdf))


def rendered(pdf: Path) -> bytes:
    """The first page as pixels (PDF bytes differ by timestamps alone)."""
    return subprocess.run(["pdftoppm", "-r", "60", "-gray", "-f", "1", "-l", "1", str(pdf)], capture_output=True, check=True).stdout


def test_ticks_print_as_saved_in_black_borders(page, engine_url, tmp_path):
    root = open_checklist(page, engine_url)
    blank = rendered(pdf_of(page, tmp_path, "blank"))
    tick(root, "plan")
    page.reload()
    root = open_checklist(page, engine_url)
    ticked = rendered(pdf_of(page, tmp_path, "ticked"))
    assert blank != ticked, "the saved tick does not show on paper"
    page.emulate_media(media="print")
    mark = root.locator("#cl-meeting__plan + .checklist__box").evaluate(
        "box => { const s = getComputedStyle(box, '::after'); return [s.borderRightStyle, s.borderRightColor, s.backgroundImage] }"
    )
    assert mark == ["solid", "rgb(0, 0, 0)", "none"]  # a border, not a background: prints with backgrounds off
    box = root.locator("#cl-meeting__notice + .checklist__box").evaluate(
        "box => { const s = getComputedStyle(box); return [s.display, s.borderTopStyle, s.borderTopColor, getComputedStyle(box, '::after').content] }"
    )
    assert box == ["block", "solid", "rgb(0, 0, 0)", "none"]


def test_without_javascript_the_checklist_is_complete_and_usable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}checklists/meeting/")
    root = page.locator('[data-checklist="meeting"]')
    assert root.locator("input[type=checkbox][data-item]").count() == 19
    assert root.locator(".checklist__item > label[for]").count() == 19
    assert not root.locator(".checklist__toolbar").is_visible()
    root.locator('label[for="cl-meeting__plan"]').click()
    assert root.locator("#cl-meeting__plan").is_checked()
    for item in MEETING.items:
        assert root.get_by_text(item.text, exact=True).is_visible()
    context.close()


def test_script_text_from_yaml_runs_nothing_in_the_browser(page, xss_site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(xss_site) as url:
        root = open_checklist(page, url, "xss")
        assert root.locator(".checklist__item > label[for]").inner_text() == "<script>alert(1)</script>"
        assert root.locator(".checklist__detail").inner_text() == "<img src=x onerror=alert(2)>"
        page.wait_for_timeout(300)
    assert dialogs == []
