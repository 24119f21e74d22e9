"""China's holidays and 调休 workdays (handbook/holidays.py): the package's data, the office's own
file data/holidays.yml and its validation.

The 2026 dates are those of the State Council's notice for 2026 (国办发明电〔2025〕7号): 春节 2 月 15–23 日
放假，2 月 14 日（周六）、2 月 28 日（周六）上班；国庆节、中秋节 10 月 1–7 日放假，9 月 20 日（周日）、
10 月 10 日（周六）上班."""

from __future__ import annotations

import datetime
from pathlib import Path

import chinese_calendar
import pytest

from handbook.holidays import HolidayDataError, browser_data, known_days, load_holiday_file, load_holidays
from support import ROOT

YEAR_2031 = """\
years:
  - year: 2031
    source: 测试用通知
    holidays:
      - name: 元旦
        first: 2030-12-31
        last: 2031-01-01
      - name: 春节
        first: 2031-01-22
        last: 2031-01-28
    workdays:
      - date: 2031-01-18
        reason: 春节
      - date: 2031-02-08
        reason: 春节
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "holidays.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(HolidayDataError) as caught:
        load_holiday_file(write(tmp_path, text), "data/holidays.yml")
    assert str(caught.value).startswith(f"节假日数据有 {len(caught.value.problems)} 处问题，构建已停止")
    return [str(problem) for problem in caught.value.problems]


def test_2026_spring_festival_and_national_day_come_from_the_package():
    year = load_holidays(ROOT)["2026"]
    assert year["off"]["春节"] == ["0215-0223"]
    assert year["off"]["国庆节"] == ["1001-1007"]
    assert year["off"]["中秋"] == ["0925-0927"]
    for worked in ("0214", "0228", "0920", "1010"):
        assert worked in year["on"]


def days_of(ranges: list[str], year: int) -> set[str]:
    """ "MMDD-MMDD" ranges as the set of their days' "MMDD"."""
    days = set()
    for span in ranges:
        day, last = (datetime.date(year, int(end[:2]), int(end[2:])) for end in span.split("-"))
        while day <= last:
            days.add(f"{day:%m%d}")
            day += datetime.timedelta(days=1)
    return days


def test_the_package_tables_say_what_its_day_by_day_answer_says():
    # 2026 day by day through the package's get_holiday_detail: named days off and named days at work.
    year = load_holidays(ROOT)["2026"]
    off = set().union(*(days_of(ranges, 2026) for ranges in year["off"].values()))
    day = datetime.date(2026, 1, 1)
    while day.year == 2026:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
        assert (f"{day:%m%d}" in off) == (is_holiday and name is not None), day
        assert (f"{day:%m%d}" in year["on"]) == (not is_holiday and name is not None), day
        day += datetime.timedelta(days=1)


def test_the_data_knows_every_year_of_the_package_and_no_later_one():
    data = load_holidays(ROOT)
    assert {"2004", "2025", "2026"} <= set(data) and "2027" not in data


def test_a_local_year_is_added_and_replaces_nothing_else(tmp_path):
    local = load_holiday_file(write(tmp_path, YEAR_2031), "data/holidays.yml")
    years = known_days(local)
    assert years[2031][datetime.date(2031, 1, 22)] == ("off", "春节")
    assert years[2031][datetime.date(2031, 2, 8)] == ("on", "春节")
    assert datetime.date(2030, 12, 31) not in years.get(2030, {}), "an unknown year is not made known by one day"
    assert browser_data(years)["2031"] == {"off": {"元旦": ["0101-0101"], "春节": ["0122-0128"]}, "on": ["0118", "0208"]}


def test_a_local_year_replaces_the_package_year_of_that_number(tmp_path):
    replaced = load_holiday_file(write(tmp_path, YEAR_2031.replace("2031", "2026").replace("2030", "2025")), "x")
    year = browser_data(known_days(replaced))["2026"]
    assert "国庆节" not in year["off"] and year["off"]["春节"] == ["0122-0128"]
    # 2025-12-31 joins the package's 2025, which is known.
    assert "1231-1231" in browser_data(known_days(replaced))["2025"]["off"]["元旦"]


def test_the_repository_file_is_valid():
    assert isinstance(load_holiday_file(ROOT / "data" / "holidays.yml", "data/holidays.yml"), list)


@pytest.mark.parametrize(
    "change, expected",
    [
        (("last: 2031-01-28", "last: 2031-02-30"), "data/holidays.yml › 2031 年 › 假期 春节：last：应为实有的日期，写成 2027-01-01，实际是文本 '2031-02-30'"),
        (("- date: 2031-02-08", "- date: 2031-01-25"), "data/holidays.yml › 2031 年 › 上班日 2031-01-25：date：2031-01-25 已列为放假日，同一天不能既放假又上班"),
        (("- date: 2031-02-08\n", "- date: 2031-02-08\n        note: 补班\n"), "data/holidays.yml › 2031 年 › 上班日 2031-02-08：note：未知字段（是否拼错？）"),
        (("- date: 2031-02-08", "- date: 2031-02-10"), "data/holidays.yml › 2031 年 › 上班日 2031-02-10：date：调休上班日应是周六或周日，2031-02-10 是周一，本来就上班"),
        (("last: 2031-01-28", "last: 2031-01-20"), "data/holidays.yml › 2031 年 › 假期 春节：last：应不早于 first（2031-01-22），实际是 2031-01-20"),
        (("last: 2031-01-28", "last: 2031-02-05"), "data/holidays.yml › 2031 年 › 假期 春节：last：假期应短于 14 天，从 2031-01-22 到 2031-02-05 太长（年份或月份写错了？）"),
        (("    source: 测试用通知\n", ""), "data/holidays.yml › 2031 年：source：缺少必填字段"),
        (("- date: 2031-02-08", "- date: 2032-02-07"), "data/holidays.yml › 2031 年 › 上班日 2032-02-07：date：应在 2031 年内，实际是 2032-02-07"),
    ],
)
def test_a_bad_entry_stops_the_build_naming_file_entry_and_expectation(tmp_path, change, expected):
    assert problems(tmp_path, YEAR_2031.replace(*change)) == [expected]


def test_a_year_written_twice_is_refused(tmp_path):
    twice = YEAR_2031 + YEAR_2031.replace("years:\n", "")
    assert problems(tmp_path, twice) == ["data/holidays.yml › 2031 年：year：2031 年已在前面写过，每年只写一次"]


def test_an_unknown_top_level_key_is_refused(tmp_path):
    assert problems(tmp_path, "years: []\nyear: 2027\n") == ["data/holidays.yml：year：未知字段（是否拼错？）"]


def test_a_bad_holiday_file_stops_the_real_build(fixture_project):
    fixture_project.page("index.md", "# 首页\n")
    fixture_project.data_file("holidays.yml", YEAR_2031.replace("2031-02-08", "2031-02-31"))
    build = fixture_project.build()
    assert build.returncode != 0
    assert "节假日数据有 1 处问题，构建已停止" in build.output
    assert "data/holidays.yml › 2031 年 › 上班日 2031-02-31：date：应为实有的日期" in build.output
