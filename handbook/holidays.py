"""China's public holidays and 调休 workdays, as compact data for the browser's workday counting.

Two sources, merged at build time:

- the ``chinese-calendar`` package (pinned in requirements.txt): every year the State Council has
  published that the pinned version knows;
- ``data/holidays.yml``: years the office adds itself when the State Council publishes next year's
  schedule before the package is updated. A year there replaces the package's year of that number.

The browser gets, per known year, the holiday days (as ranges, by name) and the weekend days that are
workdays (调休上班). A year missing from the data is unknown: the script then counts Monday–Friday and
says so. Validated like the checklists: every problem names the file, the entry and what was expected.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar

from .loading import DataError, Problem, read_yaml_mapping
from .schema import ListOf, SchemaProblem, build, calendar_date, integer, nonempty_text, optional, required

HOLIDAYS_FILE = Path("data") / "holidays.yml"
# The longest holiday the State Council has set (春节 2020 with its extension was 10 days); a longer
# range is a typing mistake in the year or month.
LONGEST_HOLIDAY_DAYS = 14


class HolidayDataError(DataError):
    subject = "节假日数据"


@dataclass(frozen=True, kw_only=True)
class Holiday:
    name: str = required(nonempty_text)
    first: datetime.date = required(calendar_date)
    last: datetime.date = required(calendar_date)

    @property
    def days(self) -> list[datetime.date]:
        return [self.first + datetime.timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass(frozen=True, kw_only=True)
class Workday:
    date: datetime.date = required(calendar_date)
    # Which holiday this Saturday or Sunday is worked for, as the notice says, e.g. 春节.
    reason: str | None = optional(nonempty_text)


@dataclass(frozen=True, kw_only=True)
class Year:
    year: int = required(integer(2000, 2100))
    # The notice, e.g. 国办发明电〔2026〕N号: where the dates were copied from.
    source: str = required(nonempty_text)
    holidays: list[Holiday] = required(ListOf(Holiday))
    workdays: list[Workday] | None = optional(ListOf(Workday, may_be_empty=True))

    def problems(self) -> Iterator[SchemaProblem]:
        for index, holiday in enumerate(self.holidays):
            where = ("holidays", index)
            if holiday.last < holiday.first:
                yield SchemaProblem((*where, "last"), f"应不早于 first（{holiday.first}），实际是 {holiday.last}")
            elif (holiday.last - holiday.first).days >= LONGEST_HOLIDAY_DAYS:
                yield SchemaProblem((*where, "last"), f"假期应短于 {LONGEST_HOLIDAY_DAYS} 天，从 {holiday.first} 到 {holiday.last} 太长（年份或月份写错了？）")
            elif holiday.last.year != self.year:
                yield SchemaProblem((*where, "last"), f"应在 {self.year} 年内，实际是 {holiday.last}")
        off = {day for holiday in self.holidays for day in holiday.days}
        for index, workday in enumerate(self.workdays or ()):
            where = ("workdays", index, "date")
            if workday.date.year != self.year:
                yield SchemaProblem(where, f"应在 {self.year} 年内，实际是 {workday.date}")
            elif workday.date in off:
                yield SchemaProblem(where, f"{workday.date} 已列为放假日，同一天不能既放假又上班")
            elif workday.date.weekday() < 5:
                yield SchemaProblem(where, f"调休上班日应是周六或周日，{workday.date} 是周{'一二三四五'[workday.date.weekday()]}，本来就上班")


@dataclass(frozen=True, kw_only=True)
class HolidayFile:
    years: list[Year] = required(ListOf(Year, may_be_empty=True))

    def problems(self) -> Iterator[SchemaProblem]:
        numbers = [year.year for year in self.years]
        for index, number in enumerate(numbers):
            if number in numbers[:index]:
                yield SchemaProblem(("years", index, "year"), f"{number} 年已在前面写过，每年只写一次")


def _entry(raw: dict, location: tuple) -> tuple[str, str]:
    """(entry, field) of a schema location, in the file's own words: "2027 年 › 假期 春节"."""
    parts: list[str] = []
    node: object = raw
    field = ""
    labels = {"years": "年份", "holidays": "假期", "workdays": "上班日"}
    index = 0
    while index < len(location):
        key = location[index]
        if key in labels and index + 1 < len(location) and isinstance(location[index + 1], int):
            position = location[index + 1]
            child = node.get(key)[position] if isinstance(node, dict) else None
            name = None
            if isinstance(child, dict):
                name = {"years": child.get("year"), "holidays": child.get("name"), "workdays": child.get("date")}[key]
            if key == "years" and isinstance(name, int):
                parts.append(f"{name} 年")
            else:
                parts.append(f"{labels[key]} {name}" if isinstance(name, (str, datetime.date)) else f"第 {position + 1} 个{labels[key]}")
            node = child
            index += 2
            continue
        field = str(key)
        index += 1
    return " › ".join(parts), field


def load_holiday_file(path: Path, label: str) -> list[Year]:
    """The years of the office's own holiday file; raise HolidayDataError listing every problem."""
    raw = read_yaml_mapping(path, label, HolidayDataError)
    data, problems = build(HolidayFile, raw)
    if problems:
        located = [(_entry(raw, problem.location), problem.message) for problem in problems]
        raise HolidayDataError([Problem(label, entry, f"{field}：{message}" if field else message) for (entry, field), message in located])
    return data.years


@functools.cache
def _package_years() -> dict[int, dict[datetime.date, tuple[str, str]]]:
    """{year: {day: ("off" or "on", holiday name)}} for every year chinese-calendar knows.

    Read from the package's public ``holidays`` and ``workdays`` tables ({day: holiday}): the named days
    off, and the weekend days worked in lieu (调休). Asking ``get_holiday_detail`` day by day gives the
    same (tests/test_holidays.py checks it for 2026) but took a second of every build.
    """
    years: dict[int, dict[datetime.date, tuple[str, str]]] = {}
    known = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)
    for year in known:
        years[year] = {}
    for kind, table in (("off", chinese_calendar.holidays), ("on", chinese_calendar.workdays)):
        for day, name in table.items():
            years[day.year][day] = (kind, chinese_calendar.Holiday(name).chinese)
    return years


def known_days(local_years: list[Year]) -> dict[int, dict[datetime.date, tuple[str, str]]]:
    """Every known year's named days; a year in the local file replaces the package's."""
    years = {number: dict(days) for number, days in _package_years().items()}
    for entry in local_years:
        years[entry.year] = {}
    for entry in local_years:
        days = {day: ("off", holiday.name) for holiday in entry.holidays for day in holiday.days}
        days.update({workday.date: ("on", workday.reason or "调休") for workday in entry.workdays or ()})
        # A 元旦 holiday may begin in the last days of the year before; a year not known stays unknown.
        for day, kind in days.items():
            if day.year in years:
                years[day.year][day] = kind
    return years


def browser_data(years: dict[int, dict[datetime.date, tuple[str, str]]]) -> dict:
    """The compact form the script reads: {"2026": {"off": {"国庆节": ["1001-1007"]}, "on": ["0920", …]}}.

    Holiday days are runs of consecutive days ("MMDD-MMDD"); a year with an empty entry is known
    and has no holidays, a year with no entry is unknown.
    """
    data: dict[str, dict] = {}
    for number in sorted(years):
        off: dict[str, list[str]] = {}
        on: list[str] = []
        previous: tuple[datetime.date, str] | None = None
        for day in sorted(years[number]):
            kind, name = years[number][day]
            if kind == "on":
                on.append(day.strftime("%m%d"))
                continue
            runs = off.setdefault(name, [])
            if previous and previous == (day - datetime.timedelta(days=1), name):
                runs[-1] = runs[-1][:5] + day.strftime("%m%d")
            else:
                runs.append(day.strftime("%m%d") + "-" + day.strftime("%m%d"))
            previous = (day, name)
        data[str(number)] = {"off": off, "on": on}
    return data


def load_holidays(project_dir: Path) -> dict:
    """The browser's holiday data for the project: the package's years and data/holidays.yml."""
    path = project_dir / HOLIDAYS_FILE
    local = load_holiday_file(path, HOLIDAYS_FILE.as_posix()) if path.is_file() else []
    return browser_data(known_days(local))


def holidays_json(project_dir: Path) -> str:
    return json.dumps(load_holidays(project_dir), ensure_ascii=False, separators=(",", ":"))
