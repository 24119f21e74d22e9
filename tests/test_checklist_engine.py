"""A checklist never loses a tick (issue 13, part 2) and may mark items 不涉及 (issue 15), in Chromium.

One small fixture site for the whole module: the meeting checklist (as the real site has it), a
checklist with 不涉及 items, the all-runs page and the whole-handbook print page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from pathlib import Path
from urllib.request import urlopen

import pytest

from handbook.loading import load_checklist_file
from support import (
    ROOT,
    FixtureProject,
    csp_header,
    open_checklist,
    pdf_of,
    pdf_text,
    press,
    runs_message,
    serve,
    tick,
    write_note,
)

KEY = "office-handbook:checklist:"
NA_CHECKLIST = """\
id: na-check
title: 发文核对
purpose: 核对版头各要素。
type: 事后核对型
page: checklists/na-check.md
phases:
  - id: head
    title: 版头
    items:
      - id: copy-number
        text: 份号
        detail: 涉密公文才标。
        allow_na: true
      - id: heading
        text: 发文机关标志
      - id: secrecy
        text: 密级和保密期限
        allow_na: true
  - id: body
    title: 主体
    items:
      - id: main-title
        text: 标题
"""


@pytest.fixture(scope="module")
def engine_site(tmp_path_factory) -> Iterator[str]:
    project = FixtureProject(tmp_path_factory.mktemp("engine") / "project")
    project.copy_checklist("meeting")
    project.checklist("na-check.yml", NA_CHECKLIST)
    project.page("index.md", "# 首页\n")
    project.page("checklists/meeting.md", '# 办会\n\n{{ checklist("meeting") }}\n')
    project.page("checklists/na-check.md", '# 发文\n\n{{ checklist("na-check") }}\n')
    project.page("checklists/runs.md", "# 进行中的清单\n\n{{ checklist_runs() }}\n")
    build = project.build()
    assert build.returncode == 0, build.output
    with serve(build, csp_header(build)) as url:
        yield url


def run(name: str, ticks=(), notes=None, updated="2027-02-01T08:00:00.000Z", **extra) -> dict:
    return {
        "name": name, "anchor": None, "workdays": False, "archived": False,
        "created": "2027-02-01T08:00:00.000Z", "updated": updated,
        "ticks": {item: "2027-02-02T08:00:00.000Z" for item in ticks}, "notes": notes or {}, **extra,
    }


def put(page, url, values: dict) -> None:
    page.goto(url)
    page.evaluate("values => Object.entries(values).forEach(([k, v]) => localStorage.setItem(k, JSON.stringify(v)))", values)


def stored(page, checklist_id: str = "meeting"):
    return json.loads(page.evaluate("key => localStorage.getItem(key)", KEY + checklist_id) or "null")


def checked(root) -> list[str]:
    return root.locator("input[data-item]:checked").evaluate_all("boxes => boxes.map(b => b.dataset.item)")


def shown_run(root) -> str:
    return root.locator("[data-run-select]").evaluate("select => select.selectedOptions[0].textContent")


def answer_dialogs(page, *answers: bool) -> list[str]:
    """Answer the next dialogs in turn; returns the list their messages are added to."""
    asked: list[str] = []
    replies = list(answers)

    def on_dialog(dialog):
        asked.append(dialog.message)
        dialog.accept() if replies.pop(0) else dialog.dismiss()

    page.on("dialog", on_dialog)
    return asked


def import_file(page, root, path) -> str:
    root.locator("[data-runs-error], [data-runs-message]").evaluate_all("elements => elements.forEach(e => { e.textContent = '' })")
    root.get_by_label("导入备份（JSON 文件）").set_input_files(str(path))
    page.wait_for_function("root => [...root.querySelectorAll('[data-runs-error], [data-runs-message]')].some(e => e.textContent)", arg=root.element_handle())
    return runs_message(root)


def open_runs(page, url):
    page.goto(f"{url}checklists/runs/")
    root = page.locator("[data-checklist-runs]")
    root.locator(".checklist-runs__app").wait_for(state="visible")
    return root


def backup_file(tmp_path, checklists: dict):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps({"format": "office-handbook-runs", "v": 2, "exported": "2027-03-04T00:00:00Z", "checklists": checklists}, ensure_ascii=False), encoding="utf-8")
    return path


# ---------- 1. early ticks ----------


def test_checklist_scripts_run_before_materials_bundle(engine_site):
    # The sooner checklist.js runs, the shorter the time a tick is not yet saved (overrides/main.html).
    html = urlopen(f"{engine_site}checklists/meeting/").read().decode()
    scripts = re.findall(r'<script src="[^"]*/([^"/]+\.js)"', html)
    assert scripts.index("checklist.js") < next(i for i, name in enumerate(scripts) if name.startswith("bundle."))


def test_a_tick_made_before_the_script_runs_is_kept_and_saved(page, engine_site):
    held = []
    page.route("**/assets/javascripts/checklist.js", lambda route: held.append(route))
    page.goto(f"{engine_site}checklists/meeting/", wait_until="commit")
    page.locator('label[for="cl-meeting__notice"]').click()  # the page is readable and tickable, the script not yet run
    assert held and page.locator('[data-checklist="meeting"][data-ready]').count() == 0
    held[0].continue_()
    root = page.locator('[data-checklist="meeting"][data-ready]')
    root.wait_for()
    assert checked(root) == ["notice"]
    assert list(stored(page)["runs"]["default"]["ticks"]) == ["notice"]
    assert root.locator(".checklist__progress").inner_text() == "已完成 1 / 19"


# ---------- 2. storage full or blocked ----------

FULL = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
# Storage out of reach for our scripts, as when the browser blocks a site's data; Material's own
# inline script would throw as well, which is not what these tests are about.
BLOCKED = """{
  const real = (Object.getOwnPropertyDescriptor(window, 'localStorage') || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage')).get;
  Object.defineProperty(window, 'localStorage', { configurable: true, get() {
    if (/checklist[-a-z]*\\.js/.test(new Error().stack)) throw new DOMException('blocked', 'SecurityError');
    return real.call(window);
  } });
}"""


@pytest.mark.parametrize("storage", ["full", "blocked"])
def test_when_nothing_can_be_saved_the_page_keeps_the_work_and_says_so(page, engine_site, storage):
    page.add_init_script(FULL if storage == "full" else BLOCKED)
    root = open_checklist(page, engine_site)
    tick(root, "plan")
    root.get_by_role("button", name="新建事项").click()
    root.locator("[data-run-form]").get_by_label("事项名称").fill("年度会议")
    root.locator("[data-run-form]").get_by_role("button", name="保存").click()
    tick(root, "notice")
    assert shown_run(root) == "年度会议" and checked(root) == ["notice"]
    root.locator("[data-run-select]").select_option(label="默认")
    assert checked(root) == ["plan"], "the first run's tick is still there for the session"
    warning = root.get_by_role("alert")
    assert warning.is_visible()
    text = warning.inner_text()
    assert text.startswith("没有保存") and "导出备份" in text and "打印" in text and "会丢失" in text


def test_import_says_it_cannot_read_storage_instead_of_calling_runs_identical(page, engine_site, tmp_path):
    page.add_init_script(BLOCKED)
    root = open_runs(page, engine_site)
    message = import_file(page, root, backup_file(tmp_path, {"meeting": {"v": 2, "current": "a", "runs": {"a": run("年度会议")}}}))
    assert "相同" not in message and "无法读取" in message and "没有导入任何内容" in message
    assert root.get_by_role("alert").inner_text() == message


# ---------- 3. an older backup never silently overwrites newer work ----------


def test_an_older_backup_asks_before_replacing_a_newer_local_run_and_names_both_times(page, engine_site, tmp_path):
    mine = run("年度会议", ticks=["plan", "notice", "documents", "venue"], updated="2027-03-05T02:30:00.000Z")
    put(page, engine_site, {KEY + "meeting": {"v": 2, "current": "a", "runs": {"a": mine}}})
    older = run("年度会议", ticks=["plan", "notice", "documents"], updated="2027-03-04T01:00:00.000Z")
    path = backup_file(tmp_path, {"meeting": {"v": 2, "current": "a", "runs": {"a": older, "b": run("调度会")}}})
    root = open_runs(page, engine_site)
    asked = answer_dialogs(page, True, False)  # import, but keep my newer run
    message = import_file(page, root, path)
    assert len(asked) == 2
    local_time, backup_time = "2027 年 3 月 5 日", "2027 年 3 月 4 日"  # the browser runs in UTC
    assert "年度会议" in asked[1] and "本机" in asked[1] and local_time in asked[1] and backup_time in asked[1]
    assert "新增（1 个）" in asked[0] and "调度会" in asked[0]
    saved = stored(page)
    assert saved["runs"]["a"] == mine and saved["runs"]["b"]["name"] == "调度会"
    assert "保留本机较新的 1 个" in message


def test_an_import_that_cannot_finish_writes_nothing(page, engine_site, tmp_path):
    before = {"v": 2, "current": "a", "runs": {"a": run("年度会议", ticks=["plan"])}}
    put(page, engine_site, {KEY + "meeting": before})
    path = backup_file(tmp_path, {"meeting": {"v": 2, "current": "b", "runs": {"b": run("调度会")}}, "na-check": {"v": 2, "current": "c", "runs": {"c": run("发文")}}})
    root = open_runs(page, engine_site)
    # The second checklist's write fails, as when storage fills up halfway.
    page.evaluate(f"""() => {{ const save = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {{
          if (key === '{KEY}na-check') throw new DOMException('full', 'QuotaExceededError');
          return save.call(this, key, value); }}; }}""")
    answer_dialogs(page, True)
    message = import_file(page, root, path)
    assert stored(page) == before and stored(page, "na-check") is None
    assert "导入失败" in message and "没有导入任何内容" in message


# ---------- 4. runs of a checklist the site no longer has ----------


def test_runs_of_a_removed_checklist_can_be_exported_and_deleted(page, engine_site):
    retired = {"v": 2, "current": "old", "runs": {"old": run("旧清单的事项", ticks=["x"])}}
    put(page, engine_site, {KEY + "retired": retired, KEY + "meeting": {"v": 2, "current": "a", "runs": {"a": run("年度会议")}}})
    root = open_runs(page, engine_site)
    orphans = root.locator("[data-runs-orphans]")
    assert orphans.is_visible() and "retired（1 个事项）" in orphans.inner_text()
    with page.expect_download() as download:
        orphans.get_by_role("button", name="导出：retired").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["checklists"] == {"retired": retired}
    answer_dialogs(page, True)
    orphans.get_by_role("button", name="删除：retired").click()
    assert stored(page, "retired") is None and stored(page)["runs"]["a"]["name"] == "年度会议"
    assert not orphans.is_visible()
    assert "retired" not in root.locator("[data-runs-rows]").inner_text()


# ---------- 5. another tab deletes the run this tab shows ----------


def test_a_run_deleted_in_another_tab_is_named_and_takes_no_tick(page, engine_site):
    put(page, engine_site, {KEY + "meeting": {"v": 2, "current": "a", "runs": {"a": run("年度会议", ticks=["plan"]), "b": run("调度会", ticks=["notice"])}}})
    root = open_checklist(page, engine_site)
    assert shown_run(root) == "年度会议"
    other = page.context.new_page()
    other_root = open_checklist(other, engine_site)
    other.once("dialog", lambda dialog: dialog.accept())
    press(other_root, "删除")
    assert list(stored(other)["runs"]) == ["b"]
    alert = root.get_by_role("alert")
    alert.wait_for()
    assert "年度会议" in alert.inner_text() and "另一个标签页删除" in alert.inner_text()
    box = root.locator("#cl-meeting__documents")
    assert box.is_disabled()
    root.locator('label[for="cl-meeting__documents"]').click(force=True)
    assert stored(page)["runs"] == {"b": run("调度会", ticks=["notice"])}, "no tick lands in a run the reader did not pick"
    root.locator("[data-run-select]").select_option(label="调度会")
    tick(root, "documents")
    assert set(stored(page)["runs"]["b"]["ticks"]) == {"notice", "documents"}
    other.close()


# ---------- 6. undo ----------


def test_undo_restores_a_cleared_or_a_deleted_run(page, engine_site):
    put(page, engine_site, {KEY + "meeting": {"v": 2, "current": "a", "runs": {"a": run("年度会议", ticks=["plan", "notice"], notes={"plan": "已审定"}), "b": run("调度会")}}})
    root = open_checklist(page, engine_site)
    answer_dialogs(page, True, True)
    press(root, "清空勾选")
    assert checked(root) == []
    notice = root.get_by_role("status").filter(has_text="已清空")
    assert notice.is_visible()
    notice.get_by_role("button", name="撤销").click()
    assert checked(root) == ["plan", "notice"] and set(stored(page)["runs"]["a"]["ticks"]) == {"plan", "notice"}

    press(root, "删除")
    assert "a" not in stored(page)["runs"] and shown_run(root) == "调度会"
    root.get_by_role("status").filter(has_text="已删除").get_by_role("button", name="撤销").click()
    assert shown_run(root) == "年度会议" and checked(root) == ["plan", "notice"]
    restored = stored(page)["runs"]["a"]
    assert restored["notes"] == {"plan": "已审定"} and restored["name"] == "年度会议"


# ---------- 7. the whole-handbook print page ----------


def test_the_whole_handbook_print_page_prints_blank_forms(page, engine_site, tmp_path):
    put(page, engine_site, {KEY + "meeting": {"v": 2, "current": "a", "runs": {"a": run("二〇二七年度会议", ticks=["plan", "notice"], notes={"plan": "方案已经审定"})}}})
    page.goto(f"{engine_site}print_page/")
    page.wait_for_function("window.OfficeHandbook && window.OfficeHandbook.store")
    section = page.locator('#print-site-page [data-checklist="meeting"]')
    assert section.locator("input[data-item]:checked").count() == 0
    assert section.locator("[data-paper=name]").inner_text() == ""
    assert section.locator("[data-memo]").evaluate_all("inputs => inputs.filter(i => i.value).length") == 0
    text = re.sub(r"\s+", "", pdf_text(pdf_of(page, tmp_path, "binder")))
    first_item = load_checklist_file(ROOT / "checklists" / "meeting.yml").items[0].text
    assert re.sub(r"\s+", "", first_item) in text and "名称：" in text
    assert "二〇二七年度会议" not in text and "方案已经审定" not in text


# ---------- 8. keyboard focus ----------


def test_keyboard_focus_is_visible_on_checkboxes_and_note_fields(page, engine_site):
    root = open_checklist(page, engine_site)
    write_note(root, "plan", "x")
    for selector in ("#cl-meeting__plan", '[data-memo="plan"]'):
        element = root.locator(selector)
        area = element.bounding_box()
        clip = {"x": area["x"] - 8, "y": area["y"] - 8, "width": area["width"] + 16, "height": area["height"] + 16}
        page.locator("h1").first.click()  # focus elsewhere
        unfocused = page.screenshot(clip=clip)
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # arrive by keyboard, so :focus-visible applies
        assert page.evaluate("s => document.activeElement === document.querySelector(s)", selector)
        assert page.screenshot(clip=clip) != unfocused, f"no visible focus on {selector}"
        style = element.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
        assert style.startswith("solid") and float(style.split()[1].removesuffix("px")) >= 2


# ---------- 9. phones ----------


def test_on_a_phone_targets_are_big_the_row_ticks_and_the_page_is_short(page, engine_site):
    page.set_viewport_size({"width": 375, "height": 800})
    root = open_checklist(page, engine_site)
    small = root.locator("input[data-item], button:visible, summary, select:visible").evaluate_all(
        "elements => elements.filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; }).map(e => e.outerHTML.slice(0, 80))")
    assert small == []
    root.locator("#cl-meeting__plan ~ .checklist__note .checklist__detail").click()  # the row, not the box or its label
    assert checked(root) == ["plan"]
    # Primary actions in sight; the rest in one menu, clearing and deleting apart from printing.
    visible = root.locator("button:visible, summary:visible").all_inner_texts()
    assert visible[:4] == ["打印清单", "新建事项", "更多操作", "备注"]
    assert root.locator(".checklist__menu-danger button").all_text_contents() == ["清空勾选", "删除"]
    assert root.locator(".checklist__toolbar .checklist__menu-danger, .checklist__toolbar [data-action=reset]").count() == 0
    # A note field only when asked for or when it has text.
    assert root.locator("[data-memo]:visible").count() == 0
    short = root.evaluate("e => e.getBoundingClientRect().height")
    root.locator(".checklist__memo").evaluate_all("fields => fields.forEach(f => { f.hidden = false; })")  # as before: a field under every item
    every_field = root.evaluate("e => e.getBoundingClientRect().height")
    assert short < 0.85 * every_field, (short, every_field)


# ---------- 10. feedback ----------


def test_disabled_buttons_look_disabled_and_say_why_and_esc_closes_the_run_form(page, engine_site):
    root = open_checklist(page, engine_site)
    button = lambda name: root.locator(f'button:text-is("{name}")')
    root.locator(".checklist__menu > summary").click()
    for name in ("删除", "导出日历"):
        assert button(name).is_disabled()
        why = root.locator(f"#{button(name).get_attribute('aria-describedby')}")
        assert why.is_visible() and why.inner_text(), f"{name} says why it is disabled"
    look = "b => { const s = getComputedStyle(b); return [s.borderStyle, s.color, s.cursor]; }"
    assert button("删除").evaluate(look) != button("修改").evaluate(look)
    page.keyboard.press("Escape")
    root.get_by_role("button", name="新建事项").click()
    form = root.locator("[data-run-form]")
    assert form.is_visible()
    page.keyboard.press("Escape")
    assert not form.is_visible()


def test_errors_and_successes_look_apart_in_their_own_live_regions(page, engine_site, tmp_path):
    root = open_runs(page, engine_site)
    bad = tmp_path / "bad.json"
    bad.write_text("{不是 JSON", encoding="utf-8")
    import_file(page, root, bad)
    error = root.get_by_role("alert")
    assert "不是 JSON" in error.inner_text() and root.get_by_role("status").inner_text() == ""
    error_look = error.evaluate("e => [getComputedStyle(e).borderLeftStyle, getComputedStyle(e).fontWeight]")
    answer_dialogs(page, True)
    import_file(page, root, backup_file(tmp_path, {"meeting": {"v": 2, "current": "a", "runs": {"a": run("年度会议")}}}))
    success = root.get_by_role("status")
    assert success.inner_text().startswith("导入完成") and error.inner_text() == ""
    assert success.evaluate("e => [getComputedStyle(e).borderLeftStyle, getComputedStyle(e).fontWeight]") != error_look


# ---------- 11. typing a note ----------


def test_a_note_is_saved_once_typing_pauses_and_redraws_only_its_field(page, engine_site):
    page.add_init_script("""
        window.__writes = 0;
        const save = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) { window.__writes++; return save.call(this, key, value); };""")
    root = open_checklist(page, engine_site)
    opener = root.locator('li:has([data-memo="plan"]) [data-memo-open]')
    if opener.is_visible():
        opener.click()
    field = root.locator('[data-memo="plan"]')
    root.evaluate("""root => { window.__changes = 0;
        new MutationObserver(records => { window.__changes += records.length; }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true }); }""")
    page.evaluate("window.__writes = 0")
    field.press_sequentially("通知已经发出回执五份")
    # The save comes once typing pauses; waited for, not timed, so a busy machine cannot make it late.
    page.wait_for_function("() => window.__writes >= 1")
    page.wait_for_timeout(300)  # room for a second save, which must not come
    assert page.evaluate("window.__writes") == 1, "one save after typing pauses, not one per keystroke"
    assert page.evaluate("window.__changes") < 10, "typing redraws nothing else"
    assert stored(page)["runs"]["default"]["notes"] == {"plan": "通知已经发出回执五份"}
    field.press_sequentially("，已归档")
    page.reload()  # before the pause: leaving the page saves it
    root = open_checklist(page, engine_site)
    assert root.locator('[data-memo="plan"]').input_value() == "通知已经发出回执五份，已归档"


# ---------- 12. 不涉及 ----------


def test_items_that_allow_it_can_be_marked_not_applicable(page, engine_site, tmp_path, browser):
    root = open_checklist(page, engine_site, "na-check")
    assert root.locator("input[data-na]").evaluate_all("boxes => boxes.map(b => b.dataset.na)") == ["copy-number", "secrecy"]
    root.get_by_label("不涉及：份号").check()
    tick(root, "heading")
    assert root.locator(".checklist__progress").inner_text() == "已完成 1 / 3，不涉及 1"
    assert root.locator("#cl-na-check--head [data-phase-progress]").inner_text() == "1 / 2，不涉及 1"
    saved = stored(page, "na-check")["runs"]["default"]
    assert list(saved["ticks"]) == ["heading"] and list(saved["na"]) == ["copy-number"]
    tick(root, "copy-number")  # ticking it after all: no longer 不涉及
    assert list(stored(page, "na-check")["runs"]["default"]["na"]) == []
    root.get_by_label("不涉及：份号").check()
    assert checked(root) == ["heading"]

    page.reload()
    root = open_checklist(page, engine_site, "na-check")
    assert root.get_by_label("不涉及：份号").is_checked() and not root.get_by_label("不涉及：密级和保密期限").is_checked()
    page.emulate_media(media="print")
    mark = "e => getComputedStyle(e, '::after').content !== 'none'"
    boxes = root.locator(".checklist__na .checklist__box")
    assert boxes.evaluate_all(f"boxes => boxes.map({mark})") == [True, False], "the filled form prints 不涉及 ticked"
    page.evaluate("document.documentElement.classList.add('print-blank')")
    assert boxes.evaluate_all(f"boxes => boxes.map(b => [getComputedStyle(b).display, ({mark})(b)])") == [["block", False]] * 2, "the blank form offers the box"
    page.emulate_media(media="screen")

    runs = open_runs(page, engine_site)
    assert "1 / 3，不涉及 1" in runs.locator("[data-runs-rows]").inner_text()
    with page.expect_download() as download:
        runs.get_by_role("button", name="导出备份").click()
    path = tmp_path / "backup.json"
    download.value.save_as(path)
    context = browser.new_context(locale="zh-CN")
    fresh = context.new_page()
    answer_dialogs(fresh, True)
    import_file(fresh, open_runs(fresh, engine_site), path)
    assert stored(fresh, "na-check") == stored(page, "na-check")
    context.close()


def test_a_blank_form_without_javascript_offers_not_applicable_only_where_allowed(browser, engine_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{engine_site}checklists/na-check/")
    page.emulate_media(media="print")
    offered = page.locator(".checklist__na:visible").evaluate_all("labels => labels.map(l => l.closest('li').querySelector('input[data-item]').dataset.item)")
    context.close()
    assert offered == ["copy-number", "secrecy"]


# ---------- saved data from before this version ----------


def test_data_saved_in_todays_format_loads_unchanged(page, engine_site):
    today = {"v": 2, "current": "m1", "runs": {
        "m1": {**run("年度会议", ticks=["plan", "gone-item"], notes={"plan": "方案已审定", "notice": "通知待发"}), "anchor": "2027-03-08", "workdays": True},
        "m2": run("调度会", archived=True),
    }}
    put(page, engine_site, {KEY + "meeting": today})
    root = open_checklist(page, engine_site)
    assert shown_run(root) == "年度会议" and checked(root) == ["plan"]
    assert root.locator('[data-memo="notice"]').input_value() == "通知待发" and root.locator('[data-memo="notice"]').is_visible()
    assert stored(page) == today, "opening the page writes nothing"
    tick(root, "venue")
    after = stored(page)
    assert after["runs"]["m2"] == today["runs"]["m2"]
    changed = after["runs"]["m1"]
    assert {key: value for key, value in changed.items() if key not in ("ticks", "updated")} == {key: value for key, value in today["runs"]["m1"].items() if key not in ("ticks", "updated")}
    assert set(changed["ticks"]) == {"plan", "gone-item", "venue"}
