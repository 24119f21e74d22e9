"""The checklist schema: what one YAML file in ``checklists/`` may contain.

Every field names its check (see ``schema.py``); a key that is not a field is
reported as unknown instead of being silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from .schema import ListOf, SchemaProblem, boolean, matching, nonempty_text, one_of, optional, required, slug

# A due offset in days relative to the run's anchor date: "-3d", "0d", "+2d".
DUE_PATTERN = re.compile(r"^([+-]?)(\d{1,3})d$")
SLUG_MAX_LENGTH = 40


class ChecklistType(str, Enum):
    """How the checklist is used: the two kinds of checklist practice, in the office's own words."""

    STEP_BY_STEP = "逐项执行型"  # do each item as you read it
    CHECK_AFTER = "事后核对型"  # work from memory, then stop at the checkpoint and confirm


@dataclass(frozen=True, kw_only=True)
class Item:
    id: str = required(slug(SLUG_MAX_LENGTH))
    text: str = required(nonempty_text)
    detail: str | None = optional(nonempty_text)
    role: str | None = optional(nonempty_text)
    # Items that may not apply to a given matter (份号, 密级 …) can be marked 不涉及 instead of ticked.
    allow_na: bool = optional(boolean, default=False)
    # Offset from the run's anchor date.
    due: str | None = optional(matching(DUE_PATTERN, '应为相对锚定日的天数，如 "-3d"（提前 3 天）、"0d" 或 "+2d"'))

    @property
    def due_days(self) -> int | None:
        """The due offset as a signed number of days, or None."""
        if self.due is None:
            return None
        sign, digits = DUE_PATTERN.match(self.due).groups()
        return -int(digits) if sign == "-" else int(digits)


@dataclass(frozen=True, kw_only=True)
class Phase:
    id: str = required(slug(SLUG_MAX_LENGTH))
    title: str = required(nonempty_text)
    # The checkpoint (核对节点): when to stop and check this phase.
    checkpoint: str | None = optional(nonempty_text)
    items: list[Item] = required(ListOf(Item))


@dataclass(frozen=True, kw_only=True)
class Checklist:
    id: str = required(slug(SLUG_MAX_LENGTH))
    title: str = required(nonempty_text)
    purpose: str = required(nonempty_text)
    type: ChecklistType = required(one_of(ChecklistType))
    # The page it belongs to, relative to docs/, e.g. checklists/meeting.md.
    page: str = required(nonempty_text)
    # What the due offsets count from, e.g. "会议召开日".
    anchor: str | None = optional(nonempty_text)
    # true when the due offsets are workdays by nature (入职第 3 天, 报送前 2 天): a new run counts
    # workdays unless the reader unticks it.
    workdays: bool = optional(boolean, default=False)
    phases: list[Phase] = required(ListOf(Phase))

    # The anchor rule of problems() as JSON Schema says it (jsonschema.py); unique ids it cannot say.
    json_schema_rules = {
        "if": {"properties": {"phases": {"contains": {"properties": {"items": {"contains": {"required": ["due"]}}}}}}},
        "then": {"required": ["anchor"]},
    }

    def problems(self) -> Iterator[SchemaProblem]:
        """The rules between fields, checked once every field is right."""
        # Item ids are the keys of saved ticks: a duplicate would merge two items' ticks.
        for kind, ids in (
            ("阶段", [phase.id for phase in self.phases]),
            ("条目", [item.id for item in self.items]),
        ):
            repeated = sorted({value for value in ids if ids.count(value) > 1})
            if repeated:
                yield SchemaProblem(("phases",), f"{kind} id 重复：{'、'.join(repeated)}（同一清单内{kind} id 必须唯一）")
        if self.anchor is None and any(item.due for item in self.items):
            yield SchemaProblem(("anchor",), "有条目写了 due，须同时写明 due 从哪一天算起，如 anchor: 会议召开日")
        if self.workdays and not any(item.due for item in self.items):
            yield SchemaProblem(("workdays",), "没有条目写 due，workdays: true 无从计算，请删去这一行")

    @property
    def items(self) -> list[Item]:
        return [item for phase in self.phases for item in phase.items]

    @property
    def counts(self) -> str:
        """The size as shown on pages, e.g. "3 个阶段、19 项"."""
        return f"{len(self.phases)} 个阶段、{len(self.items)} 项"

    def due_label(self, item: Item) -> str | None:
        """The due offset in words, e.g. "会议召开日前 3 天"."""
        days = item.due_days
        if days is None:
            return None
        if days == 0:
            return f"{self.anchor}当天"
        return f"{self.anchor}{'前' if days < 0 else '后'} {abs(days)} 天"
