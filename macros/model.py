"""The checklist schema: what one YAML file in ``checklists/`` may contain.

Pydantic models with ``extra="forbid"`` so that a misspelt key is reported
instead of being silently ignored.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

# An ASCII slug: lower-case words joined by single hyphens. Forbidding "--" and
# "_" keeps the HTML ids built from these slugs unambiguous.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A due offset in days relative to the run's anchor date: "-3d", "0d", "+2d".
DUE_PATTERN = re.compile(r"^([+-]?)(\d{1,3})d$")

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ChecklistType(str, Enum):
    """How the checklist is used (Gawande's two kinds, see domain-facts.md)."""

    READ_DO = "READ-DO"  # do each item as you read it
    DO_CONFIRM = "DO-CONFIRM"  # work from memory, then stop and confirm


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Item(Strict):
    id: Slug
    text: Text
    detail: Text | None = None
    role: Text | None = None
    due: str | None = Field(default=None, description='offset from the anchor date, e.g. "-3d"')

    @field_validator("due")
    @classmethod
    def _due_is_an_offset(cls, value: str | None) -> str | None:
        if value is not None and not DUE_PATTERN.match(value):
            raise ValueError('应为相对锚定日的天数，如 "-3d"（提前 3 天）、"0d" 或 "+2d"')
        return value

    @property
    def due_days(self) -> int | None:
        """The due offset as a signed number of days, or None."""
        if self.due is None:
            return None
        sign, digits = DUE_PATTERN.match(self.due).groups()
        return -int(digits) if sign == "-" else int(digits)


class Phase(Strict):
    id: Slug
    title: Text
    pause: Text | None = Field(default=None, description="the pause point: when to stop and check")
    items: list[Item] = Field(min_length=1)


class Checklist(Strict):
    id: Slug
    title: Text
    purpose: Text
    type: Annotated[ChecklistType, Field(strict=False)]  # YAML gives a string
    page: Text = Field(description="the page it belongs to, relative to docs/, e.g. checklists/meeting.md")
    anchor: Text | None = Field(default=None, description='what the due offsets count from, e.g. "会议召开日"')
    phases: list[Phase] = Field(min_length=1)

    @field_validator("phases")
    @classmethod
    def _ids_are_unique(cls, phases: list[Phase]) -> list[Phase]:
        # Item ids are the keys of saved ticks: a duplicate would merge two items' ticks.
        for kind, ids in (
            ("阶段", [phase.id for phase in phases]),
            ("条目", [item.id for phase in phases for item in phase.items]),
        ):
            repeated = sorted({value for value in ids if ids.count(value) > 1})
            if repeated:
                raise ValueError(f"{kind} id 重复：{'、'.join(repeated)}（同一清单内{kind} id 必须唯一）")
        return phases

    @model_validator(mode="after")
    def _due_needs_anchor(self) -> "Checklist":
        if self.anchor is None and any(item.due for item in self.items):
            raise ValueError("anchor：有条目写了 due，须同时写明 due 从哪一天算起，如 anchor: 会议召开日")
        return self

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
