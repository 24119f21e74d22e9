"""The format page's tables (docs/banwen/format.md), drawn from the layout data: no figure typed twice."""

from __future__ import annotations

from markupsafe import escape

from .layout import Layout, format_number


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def _type(layout: Layout, size: str | None, font: str | None) -> str:
    return f"{size or ''}{font or ''}" or "—"


def render_layout_table(layout: Layout, part: str) -> str:
    """One table: "page" (paper, margins, grid), a part's elements ("版头", "主体", "版记", "页码"),
    "levels" (heading numbers and fonts) or "formats" (the 信函 and 纪要 differences)."""
    page, margins, grid = layout.page, layout.page.margins, layout.grid
    n = format_number
    if part == "page":
        body = layout.element("text")
        return _table(["项目", "数值", "依据"], [
            ["纸张", f"{page.paper}，{n(page.width)} × {n(page.height)} mm", f"GB/T 9704 §{page.clause.split('、')[0]}"],
            ["天头（上白边）", f"{n(margins.top)} ± {n(page.tolerance)} mm", f"GB/T 9704 §{page.clause.split('、')[-1]}"],
            ["订口（左白边）", f"{n(margins.left)} ± {n(page.tolerance)} mm", f"GB/T 9704 §{page.clause.split('、')[-1]}"],
            ["版心", f"{n(page.block.width)} × {n(page.block.height)} mm（不含页码）", f"GB/T 9704 §{page.clause.split('、')[-1]}"],
            ["下白边、翻口（右白边）", f"{n(margins.bottom)} mm、{n(margins.right)} mm", "由纸张减去天头、订口和版心算出"],
            ["字体字号", f"{body.size}{body.font}，没有特别说明的要素都用它", "GB/T 9704 §5.2.2"],
            ["行数和字数", f"每面 {grid.lines} 行，每行 {grid.chars} 字，撑满版心", f"GB/T 9704 §{grid.clause}"],
        ])
    if part == "levels":
        return _table(["层级", "序数写法", "常用字体", "Word 样式"], [
            [f"第{'一二三四'[index]}层", level.marker, level.font, level.style] for index, level in enumerate(layout.levels.items)
        ])
    if part == "formats":
        return _table(["版式", "与通用格式的不同", "依据"], [
            [format.id, "；".join(difference.rstrip("。") for difference in format.differences) + "。", format.clause]
            for format in layout.formats if format.id != "通用"
        ])
    elements = [element for element in layout.elements if element.part == part]
    if not elements:
        raise KeyError(f"layout_table({part!r})：只能是 page、levels、formats 或 版头、主体、版记、页码")
    return _table(["要素", "字体字号", "位置和规则", "常见错误", "依据"], [
        [element.name, _type(layout, element.size, element.font), element.rule, element.mistake, element.clause] for element in elements
    ])
