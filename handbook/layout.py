"""The GB/T 9704-2012 layout as data (``data/layout.yml``): its schema, loading, and the values others read.

The format page's tables, the format checklist's figures (``{layout.page.margins.top}`` in its text),
the sample sheets and the Word templates all take their numbers from one validated ``Layout``, so a
figure cannot differ between them. Lengths are in mm, font sizes by their Chinese names (3号).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .loading import DataError, Problem, read_yaml_mapping, schema_problem
from .model import Checklist
from .schema import (
    ListOf,
    Nested,
    SchemaProblem,
    build,
    nonempty_text,
    optional,
    positive_integer,
    positive_number,
    required,
    text_list,
)

LAYOUT_FILE = Path("data") / "layout.yml"
PT_PER_MM = 72 / 25.4
PARTS = ("版头", "主体", "版记", "页码")
# The elements the samples and the Word templates place; each must be described in the data.
PLACED_ELEMENTS = (
    "copy-number", "secrecy", "urgency", "masthead", "doc-number", "signer", "red-rule", "title", "addressee",
    "text", "attachment-note", "signature", "date", "seal", "annotation", "attachment", "copy-to", "issued-by",
    "footer-rules", "page-number", "attendance",
)
FORMATS = ("通用", "信函", "纪要")
# Figures computed from the data, citable like the data's own: {layout.line_pitch_pt}.
DERIVED = ("line_pitch_pt", "char_spacing_pt")
LAYOUT_ENTRIES = {"elements": "要素", "sizes": "字号", "fonts": "字体", "items": "层次", "formats": "版式"}


class LayoutDataError(DataError):
    subject = "版式数据"


@dataclass(frozen=True, kw_only=True)
class Margins:
    top: float = required(positive_number)
    bottom: float = required(positive_number)
    left: float = required(positive_number)
    right: float = required(positive_number)


@dataclass(frozen=True, kw_only=True)
class Block:
    width: float = required(positive_number)
    height: float = required(positive_number)


@dataclass(frozen=True, kw_only=True)
class Page:
    clause: str = required(nonempty_text)
    paper: str = required(nonempty_text)
    width: float = required(positive_number)
    height: float = required(positive_number)
    tolerance: float = required(positive_number)
    margins: Margins = required(Nested(Margins))
    block: Block = required(Nested(Block))


@dataclass(frozen=True, kw_only=True)
class Grid:
    clause: str = required(nonempty_text)
    lines: int = required(positive_integer)
    chars: int = required(positive_integer)


@dataclass(frozen=True, kw_only=True)
class Size:
    id: str = required(nonempty_text)
    pt: float = required(positive_number)


@dataclass(frozen=True, kw_only=True)
class Font:
    id: str = required(nonempty_text)
    word: str = required(nonempty_text)
    css: str = required(nonempty_text)


@dataclass(frozen=True, kw_only=True)
class Distances:
    masthead_top: float = required(positive_number)
    letter_masthead_top: float = required(positive_number)
    red_rule_gap: float = required(positive_number)
    letter_rule_length: float = required(positive_number)
    letter_bottom_rule: float = required(positive_number)
    page_number_gap: float = required(positive_number)
    footer_rule_thick: float = required(positive_number)
    footer_rule_thin: float = required(positive_number)


@dataclass(frozen=True, kw_only=True)
class Level:
    id: str = required(nonempty_text)
    marker: str = required(nonempty_text)
    font: str = required(nonempty_text)
    # The name of the Word style, as offices know it.
    style: str = required(nonempty_text)


@dataclass(frozen=True, kw_only=True)
class Levels:
    clause: str = required(nonempty_text)
    items: list[Level] = required(ListOf(Level))


@dataclass(frozen=True, kw_only=True)
class Element:
    id: str = required(nonempty_text)
    name: str = required(nonempty_text)
    part: str = required(nonempty_text)
    clause: str = required(nonempty_text)
    size: str | None = optional(nonempty_text)
    font: str | None = optional(nonempty_text)
    # A second font within the element: the 签发人's name is in 楷体 (§7.2.6).
    name_font: str | None = optional(nonempty_text)
    rule: str = required(nonempty_text)
    mistake: str = required(nonempty_text)


@dataclass(frozen=True, kw_only=True)
class Format:
    id: str = required(nonempty_text)
    clause: str = required(nonempty_text)
    differences: list[str] = required(text_list)


@dataclass(frozen=True, kw_only=True)
class Layout:
    standard: str = required(nonempty_text)
    page: Page = required(Nested(Page))
    grid: Grid = required(Nested(Grid))
    sizes: list[Size] = required(ListOf(Size))
    fonts: list[Font] = required(ListOf(Font))
    latin_font: str = required(nonempty_text)
    distances: Distances = required(Nested(Distances))
    levels: Levels = required(Nested(Levels))
    elements: list[Element] = required(ListOf(Element))
    formats: list[Format] = required(ListOf(Format))

    def problems(self) -> Iterator[SchemaProblem]:
        """The rules between fields: the page adds up, every reference names a defined size or font."""
        page, margins = self.page, self.page.margins
        if not math.isclose(margins.left + page.block.width + margins.right, page.width):
            yield SchemaProblem(("page", "margins"), f"左右页边距加版心宽应等于纸宽 {page.width} mm")
        if not math.isclose(margins.top + page.block.height + margins.bottom, page.height):
            yield SchemaProblem(("page", "margins"), f"上下页边距加版心高应等于纸高 {page.height} mm")
        sizes, fonts = {size.id for size in self.sizes}, {font.id for font in self.fonts}
        for index, element in enumerate(self.elements):
            if element.part not in PARTS:
                yield SchemaProblem(("elements", index, "part"), "只能是 " + "、".join(PARTS))
            if element.size is not None and element.size not in sizes:
                yield SchemaProblem(("elements", index, "size"), "应为 sizes 里的字号：" + "、".join(sorted(sizes)))
            for field in ("font", "name_font"):
                if getattr(element, field) is not None and getattr(element, field) not in fonts:
                    yield SchemaProblem(("elements", index, field), "应为 fonts 里的字体：" + "、".join(sorted(fonts)))
        for index, level in enumerate(self.levels.items):
            if level.font not in fonts:
                yield SchemaProblem(("levels", "items", index, "font"), "应为 fonts 里的字体：" + "、".join(sorted(fonts)))
        ids = [element.id for element in self.elements]
        missing = [name for name in PLACED_ELEMENTS if name not in ids]
        if missing:
            yield SchemaProblem(("elements",), "缺少要素：" + "、".join(missing) + "（样例和 Word 模板要用）")
        missing_formats = [name for name in FORMATS if name not in {format.id for format in self.formats}]
        if missing_formats:
            yield SchemaProblem(("formats",), "缺少版式：" + "、".join(missing_formats))
        if [level.id for level in self.levels.items] != ["h1", "h2", "h3", "h4"]:
            yield SchemaProblem(("levels", "items"), "应依次是 h1、h2、h3、h4 四个层次")

    # What the renderers read, by id.

    def element(self, element_id: str) -> Element:
        return next(element for element in self.elements if element.id == element_id)

    def font(self, font_id: str) -> Font:
        return next(font for font in self.fonts if font.id == font_id)

    def size_pt(self, size_id: str) -> float:
        return next(size.pt for size in self.sizes if size.id == size_id)

    def format(self, format_id: str) -> Format:
        return next(format for format in self.formats if format.id == format_id)

    @property
    def body_pt(self) -> float:
        """The body text size: 3号 unless the data says otherwise for the 正文 element."""
        return self.size_pt(self.element("text").size)

    @property
    def line_pitch_pt(self) -> float:
        """The line pitch that fits ``grid.lines`` lines in the text block, floored to Word's 1/20 pt.

        225 mm / 22 lines is 28.99 pt: 28.95 pt, which LibreOffice renders as 22 lines (stack-notes.md).
        """
        return math.floor(self.page.block.height * PT_PER_MM / self.grid.lines * 20) / 20

    @property
    def char_spacing_pt(self) -> float:
        """The spacing added to each body character so that ``grid.chars`` fit a line, floored to 1/20 pt.

        156 mm / 28 is 15.79 pt per 16 pt character: −0.25 pt (−0.20 would leave room for 27 only).
        """
        return math.floor((self.page.block.width * PT_PER_MM / self.grid.chars - self.body_pt) * 20) / 20

    def lookup(self, path: str) -> str:
        """A value by its dotted path, as written in checklist text: ``page.margins.top`` → "37".

        Lists of records are indexed by id: ``elements.seal.rule``. Raises KeyError for an unknown path.
        """
        node: Any = self
        for key in path.split("."):
            if isinstance(node, list):
                node = next((entry for entry in node if getattr(entry, "id", None) == key), None)
            elif dataclasses.is_dataclass(node) and key in {field.name for field in dataclasses.fields(node)}:
                node = getattr(node, key)
            elif node is self and key in DERIVED:
                node = getattr(self, key)
            else:
                node = None
            if node is None:
                raise KeyError(path)
        if dataclasses.is_dataclass(node) or isinstance(node, list):
            raise KeyError(path)
        return format_number(node) if isinstance(node, (int, float)) else str(node)


def format_number(value: float) -> str:
    """37 → "37", 0.35 → "0.35", 28.0 → "28"."""
    return f"{value:g}"


def load_layout(path: Path, label: str | None = None) -> Layout:
    """Read and validate the layout file; raise LayoutDataError naming file, entry and what was expected."""
    file = label or str(path)
    if not path.is_file():
        raise LayoutDataError([Problem(file, "", "版式数据文件不存在")])
    raw = read_yaml_mapping(path, file, LayoutDataError)
    layout, problems = build(Layout, raw)
    if problems:
        raise LayoutDataError([schema_problem(file, raw, problem, LAYOUT_ENTRIES) for problem in problems])
    return layout


# Checklist text may cite the layout: "{layout.page.margins.top} mm". The figure is filled in when the
# checklists are loaded; a path the layout does not have stops the build.
PLACEHOLDER = re.compile(r"\{layout\.([A-Za-z0-9_.-]+)\}")


def fill(text: str | None, layout: Layout) -> tuple[str | None, list[str]]:
    """``text`` with its layout placeholders filled in, and the placeholders that name no value."""
    if text is None:
        return None, []
    unknown: list[str] = []

    def value(match: re.Match[str]) -> str:
        try:
            return layout.lookup(match.group(1))
        except KeyError:
            unknown.append(match.group(0))
            return match.group(0)

    return PLACEHOLDER.sub(value, text), unknown


def fill_checklists(checklists: dict[str, Checklist], layout: Layout, directory: str) -> dict[str, Checklist]:
    """Every checklist with its layout placeholders filled in; LayoutDataError for an unknown one."""
    problems: list[Problem] = []
    filled: dict[str, Checklist] = {}

    def filled_text(file: str, entry: str, field: str, text: str | None) -> str | None:
        result, unknown = fill(text, layout)
        problems.extend(
            Problem(file, entry, f"{field}：{placeholder} 在 {LAYOUT_FILE} 里没有这个数值（写法如 {{layout.page.margins.top}}）")
            for placeholder in unknown
        )
        return result

    for checklist_id, checklist in checklists.items():
        file = f"{directory}/{checklist_id}.yml"
        phases = []
        for phase in checklist.phases:
            where = f"阶段 {phase.id}"
            items = [
                dataclasses.replace(
                    item,
                    text=filled_text(file, f"{where} › 条目 {item.id}", "text", item.text),
                    detail=filled_text(file, f"{where} › 条目 {item.id}", "detail", item.detail),
                )
                for item in phase.items
            ]
            phases.append(dataclasses.replace(phase, checkpoint=filled_text(file, where, "checkpoint", phase.checkpoint), items=items))
        filled[checklist_id] = dataclasses.replace(checklist, purpose=filled_text(file, "", "purpose", checklist.purpose), phases=phases)
    if problems:
        raise LayoutDataError(problems)
    return filled
