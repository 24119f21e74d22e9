"""A small schema language for the checklist data: typed fields, each with a check.

A record type is a frozen, keyword-only dataclass. Each of its fields names its check
through ``required()`` or ``optional()``; ``ListOf(record)`` holds nested
records. ``build()`` walks the YAML data against it and collects every
problem, each with its location (``("phases", 1, "items", 0, "text")``), so
one build can report every mistake at once.

It replaces pydantic, whose import alone took about 70 ms of every build
(measured with `python -X importtime`). The messages are written for the people who
edit the YAML, not for programmers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import re
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any, TypeVar

Location = tuple[Any, ...]
Check = Callable[[Any], Any]
T = TypeVar("T")


class Invalid(ValueError):
    """A value that does not fit its field; the message says what was expected (and what was found)."""


@dataclasses.dataclass(frozen=True)
class SchemaProblem:
    location: Location
    message: str


def describe(value: Any) -> str:
    """The kind of a YAML value, in the words an editor knows."""
    names = {str: "文本", int: "整数", float: "小数", bool: "真假值", list: "列表", dict: "映射", type(None): "空值"}
    return names.get(type(value), type(value).__name__)


def found(expected: str, value: Any) -> Invalid:
    return Invalid(f"{expected}，实际是{describe(value)} {value!r}")


# Checks: each takes the YAML value and returns the value to store, or raises Invalid.


def described(json_schema: dict[str, Any]) -> Callable[[Check], Check]:
    """Give a check the JSON Schema fragment that accepts the same values (see jsonschema.py)."""

    def attach(check: Check) -> Check:
        check.json_schema = json_schema
        return check

    return attach


@described({"type": "string", "pattern": r"\S"})
def nonempty_text(value: Any) -> str:
    """Non-empty text; surrounding spaces are dropped."""
    if not isinstance(value, str):
        raise found("应为文本", value)
    if not value.strip():
        raise found("不能为空", value)
    return value.strip()


@described({"type": "boolean"})
def boolean(value: Any) -> bool:
    """true or false, written as YAML's true/false (not "是", not 1)."""
    if not isinstance(value, bool):
        raise found("应为 true 或 false", value)
    return value


def slug(max_length: int) -> Check:
    """An ASCII slug: lower-case words joined by single hyphens. No "--" and no "_", so that the
    HTML ids built from slugs ("__" before an item, "--" before a phase) stay unambiguous."""
    pattern = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

    @described({"type": "string", "maxLength": max_length, "pattern": pattern.pattern})
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise found("应为文本", value)
        if len(value) > max_length:
            raise found(f"太长（最多 {max_length} 个字符）", value)
        if not pattern.match(value):
            raise found("应为 ASCII 短名：小写字母、数字和单个连字符，如 send-notice", value)
        return value

    return check


def matching(pattern: re.Pattern[str], expected: str) -> Check:
    """Text of a given form; ``expected`` describes the form with examples."""

    @described({"type": "string", "pattern": pattern.pattern})
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise found("应为文本", value)
        if not pattern.match(value):
            raise Invalid(expected)
        return value

    return check


def one_of(choices: type[Enum]) -> Check:
    """One of an Enum's values, given as its word in YAML and stored as the Enum member."""
    names = [member.value for member in choices]

    @described({"enum": names})
    def check(value: Any) -> Any:
        if value not in names:
            raise found("只能是 " + " 或 ".join(names), value)
        return choices(value)

    return check


def calendar_date(value: Any) -> datetime.date:
    """A day written as YAML's date, 2027-01-01 (with or without quotes); it must exist."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        with contextlib.suppress(ValueError):
            return datetime.date.fromisoformat(value)
    raise found("应为实有的日期，写成 2027-01-01", value)


def integer(minimum: int, maximum: int) -> Check:
    """A whole number from ``minimum`` to ``maximum``."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise found(f"应为 {minimum}–{maximum} 的整数", value)
        return value

    return check


def positive_number(value: Any) -> float:
    """A number greater than 0 (a length in mm, a size in pt); YAML's true/false is not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise found("应为数字", value)
    if value <= 0:
        raise found("应大于 0", value)
    return value


def positive_integer(value: Any) -> int:
    """A whole number greater than 0, such as a count of lines."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise found("应为大于 0 的整数", value)
    return value


def text_list(value: Any) -> list[str]:
    """A non-empty YAML list of non-empty texts."""
    if not isinstance(value, list) or not value:
        raise found("应为至少 1 项的文本列表（每项以“- ”开头）", value)
    return [nonempty_text(entry) for entry in value]


def required(check: Check | ListOf | Nested) -> Any:
    return dataclasses.field(metadata={"check": check})


def optional(check: Check | Nested, default: Any = None) -> Any:
    """A field that may be left out (or left empty in YAML); it then holds ``default``."""
    return dataclasses.field(default=default, metadata={"check": check})


@dataclasses.dataclass(frozen=True)
class ListOf:
    """A YAML list of mappings, each built as ``record``; non-empty unless ``may_be_empty``."""

    record: type
    may_be_empty: bool = False


@dataclasses.dataclass(frozen=True)
class Nested:
    """One YAML mapping built as ``record`` (a part of a larger record, such as a page's margins)."""

    record: type


def build(record: type[T], raw: dict, location: Location = ()) -> tuple[T | None, list[SchemaProblem]]:
    """Build ``record`` from a YAML mapping: the object, or None and every problem found.

    Once the fields are right, the record's ``problems()`` (if it has one) checks the rules
    between fields, such as ids that must be unique.
    """
    problems: list[SchemaProblem] = []
    values: dict[str, Any] = {}
    fields = dataclasses.fields(record)
    for field in fields:
        where = (*location, field.name)
        if field.name not in raw or (raw[field.name] is None and field.default is None):
            if field.default is dataclasses.MISSING:
                problems.append(SchemaProblem(where, "缺少必填字段"))
            continue
        value = raw[field.name]
        check = field.metadata["check"]
        if isinstance(check, ListOf):
            values[field.name] = _build_list(check, value, where, problems)
            continue
        if isinstance(check, Nested):
            if not isinstance(value, dict):
                problems.append(SchemaProblem(where, str(found("应为“键: 值”形式的映射", value))))
                continue
            values[field.name], nested_problems = build(check.record, value, where)
            problems.extend(nested_problems)
            continue
        try:
            values[field.name] = check(value)
        except Invalid as error:
            problems.append(SchemaProblem(where, str(error)))
    known = {field.name for field in fields}
    problems.extend(SchemaProblem((*location, key), "未知字段（是否拼错？）") for key in raw if key not in known)
    if problems:
        return None, problems
    built = record(**values)
    rules: Callable[[], Iterator[SchemaProblem]] | None = getattr(built, "problems", None)
    problems = [SchemaProblem((*location, *problem.location), problem.message) for problem in rules()] if rules else []
    return (None, problems) if problems else (built, [])


def _build_list(check: ListOf, value: Any, location: Location, problems: list[SchemaProblem]) -> list | None:
    if not isinstance(value, list):
        problems.append(SchemaProblem(location, str(found("应为列表（每项以“- ”开头）", value))))
        return None
    if not value and not check.may_be_empty:
        problems.append(SchemaProblem(location, str(found("至少要有 1 项", value))))
        return None
    built = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            problems.append(SchemaProblem((*location, index), str(found("应为“键: 值”形式的映射", entry))))
            continue
        record_value, entry_problems = build(check.record, entry, (*location, index))
        problems.extend(entry_problems)
        built.append(record_value)
    return built
