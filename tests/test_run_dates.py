"""Due-date and .ics logic of checklist-calendar.js, run in Chromium with fixed dates only.

Workdays are counted with the holidays and 调休 workdays a checklist page carries (handbook/holidays.py).
The 2026 cases are the State Council's notice for 2026 (国办发明电〔2025〕7号): 春节 2 月 15–23 日放假，
2 月 14 日（周六）、28 日（周六）上班；国庆节、中秋节 10 月 1–7 日放假，9 月 20 日（周日）、10 月 10 日（周六）上班。
2027 is not in the data (data/holidays.yml is empty): it stands for a year whose schedule is not known."""

from __future__ import annotations

import pytest

DUE_DATE = "([anchor, offset, workdays]) => OfficeHandbook.calendar.iso(OfficeHandbook.calendar.dueDate(OfficeHandbook.calendar.parse(anchor), offset, workdays))"


@pytest.fixture(scope="module")
def calendar_page(browser, site_url):
    """A checklist page (it carries the holiday data) with the site's scripts; the tests only call pure functions on it."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + "checklists/meeting/")
    page.wait_for_function("window.OfficeHandbook && window.OfficeHandbook.calendar")
    yield page
    context.close()


@pytest.mark.parametrize(
    "anchor, offset, expected",
    [
        ("2028-03-01", -1, "2028-02-29"),  # leap year
        ("2028-02-28", 1, "2028-02-29"),
        ("2027-03-01", -1, "2027-02-28"),  # not a leap year
        ("2100-03-01", -1, "2100-02-28"),  # century, not a leap year
        ("2027-01-31", 1, "2027-02-01"),  # month end
        ("2027-04-30", 1, "2027-05-01"),
        ("2027-12-31", 1, "2028-01-01"),  # year end
        ("2028-01-02", -3, "2027-12-30"),
        ("2027-03-08", -10, "2027-02-26"),
        ("2027-03-08", 0, "2027-03-08"),
        ("2027-03-06", -1, "2027-03-05"),  # calendar days count weekends
    ],
)
def test_calendar_days(calendar_page, anchor, offset, expected):
    assert calendar_page.evaluate(DUE_DATE, [anchor, offset, False]) == expected


@pytest.mark.parametrize(
    "anchor, offset, expected",
    [
        ("2027-03-08", -1, "2027-03-05"),  # Monday back over the weekend to Friday
        ("2027-03-05", 1, "2027-03-08"),  # Friday forward over the weekend to Monday
        ("2027-03-06", 0, "2027-03-06"),  # offset 0 is the anchor itself, even on a Saturday
        ("2027-03-06", 1, "2027-03-08"),  # Saturday anchor, forward
        ("2027-03-06", -1, "2027-03-05"),  # Saturday anchor, back
        ("2027-03-07", -1, "2027-03-05"),  # Sunday anchor, back
        ("2027-03-08", -10, "2027-02-22"),
        ("2027-03-08", -7, "2027-02-25"),
        ("2027-03-08", 7, "2027-03-17"),
        ("2027-12-31", 1, "2028-01-03"),  # over the year end and a weekend
        ("2028-01-03", -1, "2027-12-31"),
        ("2028-03-06", -4, "2028-02-29"),  # leap day is a Tuesday
        ("2028-03-06", -5, "2028-02-28"),
    ],
)
def test_workdays_skip_saturday_and_sunday(calendar_page, anchor, offset, expected):
    assert calendar_page.evaluate(DUE_DATE, [anchor, offset, True]) == expected


@pytest.mark.parametrize(
    "anchor, offset, expected",
    [
        # 国庆节、中秋节 2026: 10 月 1–7 日 off, 9 月 20 日 (Sunday) and 10 月 10 日 (Saturday) worked.
        ("2026-10-08", -1, "2026-09-30"),  # back over the whole National Day holiday
        ("2026-09-30", 1, "2026-10-08"),
        ("2026-10-12", -2, "2026-10-09"),  # Saturday 10-10 is a workday: Monday −1 is it, −2 is Friday
        ("2026-10-12", -1, "2026-10-10"),
        ("2026-09-21", -1, "2026-09-20"),  # Sunday 9-20 is a workday
        ("2026-09-18", 1, "2026-09-20"),
        # 春节 2026: 2 月 15–23 日 off, 2 月 14 日 and 28 日 (Saturdays) worked.
        ("2026-02-24", -1, "2026-02-14"),
        ("2026-02-24", -2, "2026-02-13"),
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-02-13", 2, "2026-02-24"),
        ("2026-02-27", 1, "2026-02-28"),
        ("2026-01-05", -1, "2026-01-04"),  # 元旦 2026: Sunday 1-4 worked, 1-1 to 1-3 off
        ("2026-01-04", -1, "2025-12-31"),
    ],
)
def test_workdays_know_holidays_and_the_weekends_worked_in_lieu(calendar_page, anchor, offset, expected):
    assert calendar_page.evaluate(DUE_DATE, [anchor, offset, True]) == expected


MARKED = """([anchor, offset, workdays, shift]) => {
  const c = OfficeHandbook.calendar;
  const run = {anchor, workdays, shiftToWorkday: shift, ticks: {}};
  const entry = c.schedule([{id: "a", due: offset}], run, c.parse("2026-01-01"))[0];
  return c.dueText(entry, c.parse(anchor).getUTCFullYear());
}"""


@pytest.mark.parametrize(
    "anchor, offset, workdays, shift, expected",
    [
        # A meeting on Thursday 2026-12-10 in calendar days: -5 is a Saturday, +10 a Sunday.
        ("2026-12-10", -5, False, False, "12 月 5 日 周六，是休息日"),
        ("2026-12-10", 10, False, False, "12 月 20 日 周日，是休息日"),
        ("2026-12-10", -1, False, False, "12 月 9 日 周三"),
        ("2026-10-08", -5, False, False, "10 月 3 日 周六，是国庆节假期"),
        ("2026-10-08", -7, False, False, "10 月 1 日 周四，是国庆节假期"),
        ("2026-02-24", -10, False, False, "2 月 14 日 周六"),  # a Saturday worked in lieu is no day off
        # Moved to the previous workday, when the run asks for it.
        ("2026-12-10", -5, False, True, "12 月 4 日 周五，原为 12 月 5 日 周六，已提前到前一个工作日"),
        ("2026-10-08", -5, False, True, "9 月 30 日 周三，原为 10 月 3 日 周六 国庆节假期，已提前到前一个工作日"),
        ("2026-02-26", -4, False, True, "2 月 14 日 周六，原为 2 月 22 日 周日 春节假期，已提前到前一个工作日"),
        # A year without a known schedule is said, never counted silently.
        ("2027-03-08", -1, True, False, "3 月 5 日 周五 ※"),
        ("2027-01-04", -3, True, False, "2026 年 12 月 30 日 周三 ※"),
        ("2027-03-08", -2, False, True, "3 月 5 日 周五，原为 3 月 6 日 周六，已提前到前一个工作日 ※"),
        ("2027-03-08", -2, False, False, "3 月 6 日 周六，是休息日"),  # plain calendar days: the date does not depend on it
    ],
)
def test_due_dates_on_days_off_are_marked_or_moved(calendar_page, anchor, offset, workdays, shift, expected):
    assert calendar_page.evaluate(MARKED, [anchor, offset, workdays, shift]) == expected


def test_a_run_summary_counts_days_off_and_names_unknown_years(calendar_page):
    lines = calendar_page.evaluate(
        """() => {
          const c = OfficeHandbook.calendar;
          const run = {anchor: "2026-12-31", workdays: false, ticks: {}};
          const items = [{id: "a", due: -5}, {id: "b", due: 2}, {id: "c", due: 3}, {id: "d", due: -1}];
          return c.dayOffSummary(c.schedule(items, run, c.parse("2026-12-01")), run);
        }"""
    )
    # 12-26 is a Saturday, 2027-01-02 a Saturday in a year not known; 01-03 a Sunday.
    assert lines == ["有 3 项时限落在周末或节假日，可点“修改”提前到前一个工作日", "2027 年放假安排未录入，按周一至周五计算"]


@pytest.mark.parametrize("text, valid", [("2028-02-29", True), ("2027-02-29", False), ("2027-04-31", False), ("2027-13-01", False), ("2027-3-1", False), ("", False)])
def test_only_real_days_parse(calendar_page, text, valid):
    assert calendar_page.evaluate("text => OfficeHandbook.calendar.parse(text) !== null", text) is valid


@pytest.mark.parametrize(
    "day, year, expected",
    [
        ("2027-03-02", 2027, "3 月 2 日 周二"),
        ("2028-02-29", 2028, "2 月 29 日 周二"),
        ("2027-03-07", 2027, "3 月 7 日 周日"),
        ("2027-12-31", 2028, "2027 年 12 月 31 日 周五"),  # another year than the anchor's shows the year
        ("2027-03-06", None, "2027 年 3 月 6 日 周六"),
    ],
)
def test_dates_are_labelled_in_chinese_with_the_weekday(calendar_page, day, year, expected):
    assert calendar_page.evaluate("([day, year]) => OfficeHandbook.calendar.label(OfficeHandbook.calendar.parse(day), year)", [day, year]) == expected


def test_today_is_the_local_calendar_day_and_can_be_given(calendar_page):
    # Late on New Year's Eve, local time: still the 31st, whatever the UTC date is.
    assert calendar_page.evaluate("OfficeHandbook.calendar.iso(OfficeHandbook.calendar.today(new Date(2027, 11, 31, 23, 59)))") == "2027-12-31"
    assert calendar_page.evaluate("OfficeHandbook.calendar.iso(OfficeHandbook.calendar.today(new Date(2028, 1, 29, 0, 1)))") == "2028-02-29"


def test_overdue_means_unticked_and_before_today(calendar_page):
    schedule = calendar_page.evaluate(
        """() => {
          const c = OfficeHandbook.calendar;
          const items = [{id: "past", due: -2}, {id: "done", due: -2}, {id: "today", due: 0}, {id: "later", due: 1}, {id: "none", due: null}];
          const run = {anchor: "2027-03-08", workdays: false, ticks: {done: "t"}};
          return c.schedule(items, run, c.parse("2027-03-08")).map(d => [d.id, d.date && c.iso(d.date), d.done, d.overdue]);
        }"""
    )
    assert schedule == [
        ["past", "2027-03-06", False, True],
        ["done", "2027-03-06", True, False],
        ["today", "2027-03-08", False, False],
        ["later", "2027-03-09", False, False],
        ["none", None, False, False],
    ]


def test_a_run_without_anchor_has_no_dates(calendar_page):
    dates = calendar_page.evaluate("OfficeHandbook.calendar.schedule([{id: 'a', due: -3}], {anchor: null, workdays: false, ticks: {}}, new Date()).map(d => d.date)")
    assert dates == [None]


@pytest.mark.parametrize("text, expected", [("a,b;c\\d", "a\\,b\\;c\\\\d"), ("第一行\n第二行", "第一行\\n第二行"), ("通知：3 月 5 日", "通知：3 月 5 日")])
def test_ics_text_is_escaped(calendar_page, text, expected):
    assert calendar_page.evaluate("text => OfficeHandbook.calendar.escapeText(text)", text) == expected


@pytest.mark.parametrize("line", ["SUMMARY:" + "会议通知" * 30, "DESCRIPTION:" + "a" * 200, "SUMMARY:x" + "😀中" * 40])
def test_ics_lines_fold_at_75_octets_without_splitting_a_character(calendar_page, line):
    folded = calendar_page.evaluate("line => OfficeHandbook.calendar.fold(line)", line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if index else part for index, part in enumerate(parts)) == line
    # Filled, not cut early: the next character would not have fitted.
    assert len(parts[0].encode("utf-8")) + len(parts[1][1].encode("utf-8")) > 75
