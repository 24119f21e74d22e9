"""A sample as HTML: proportional A4 sheets, each row of the grid a line, with the parts annotated.

Every length on a sheet is a multiple of ``--mm``: on screen a 210th of the sheet's width, in print
exactly 1 mm, so the printed sheet is at true scale. The figures come from the layout data, written
once per page in a ``<style>`` block (CSP allows it by its hash, like Material's own inline blocks);
samples.css holds only what does not depend on them. Text from the data is escaped by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from .layout import PT_PER_MM, Layout, format_number
from .render import _render
from .samples import Sample
from .typeset import MASTHEAD_MAX_MM, SIGNER_LABEL, STYLE_SIZES, Paragraph, Typeset, style_fonts, typeset, width

# Indents are drawn in half characters, 0 to 12 characters.
HALF_STEPS = range(0, 25)
# Masthead character sizes, in half millimetres.
MASTHEAD_STEPS = range(10, 2 * MASTHEAD_MAX_MM + 1)
STYLE_CLASSES = {
    "正文": "text", "一级标题": "h1", "二级标题": "h2", "三级标题": "h3", "四级标题": "h4", "标题": "title", "副标题": "subtitle",
    "附件标题": "title", "发文机关标志": "masthead", "份号": "top", "密级和保密期限": "top", "紧急程度": "top", "发文字号": "number",
    "签发人": "number", "主送机关": "text", "附件说明": "text", "发文机关署名": "text", "成文日期": "text", "附注": "text",
    "附件": "attachment", "出席": "text", "抄送机关": "footer", "报送范围": "footer", "印发机关和印发日期": "footer",
}


def half(value: float) -> int:
    """A length in characters as the number of half characters its class names (3.5 → 7)."""
    return max(0, min(round(value * 2), HALF_STEPS[-1]))


def sheet_styles(layout: Layout) -> str:
    """The layout's figures as CSS: sheet and margins, grid, sizes, fonts, indents and rules."""
    page, margins, distances = layout.page, layout.page.margins, layout.distances
    mm = lambda value: f"calc({format_number(round(value, 3))} * var(--mm))"  # noqa: E731
    pt = lambda value: mm(value / PT_PER_MM)  # noqa: E731
    fonts = style_fonts(layout)
    char = layout.page.block.width / layout.grid.chars
    rules = [
        ".sample-doc{"
        f"--sheet-w:{format_number(page.width)};--page-w:{mm(page.width)};--page-h:{mm(page.height)};"
        f"--m-top:{mm(margins.top)};--m-left:{mm(margins.left)};--m-right:{mm(margins.right)};"
        f"--block-w:{mm(page.block.width)};--block-h:{mm(page.block.height)};--pitch:{pt(layout.line_pitch_pt)};"
        f"--char:{mm(char)};--size-body:{pt(layout.body_pt)};--page-number-gap:{mm(distances.page_number_gap)};"
        f"--page-number-char:{pt(layout.size_pt(layout.element('page-number').size))};"
        f"--rule-gap:{mm(distances.red_rule_gap)};--rule-thick:{mm(distances.footer_rule_thick)};--rule-thin:{mm(distances.footer_rule_thin)};"
        f"--letter-top:{mm(distances.letter_masthead_top)};--letter-rule:{mm(distances.letter_rule_length)};"
        f"--letter-bottom:{mm(distances.letter_bottom_rule)};--masthead-top:{mm(distances.masthead_top)};"
        f"--mm:calc(100cqw / {format_number(page.width)})"
        "}",
        f".sample-doc__sheets{{max-width:{format_number(page.width)}mm}}",
        f".sample-doc .signer-name{{font-family:{layout.font(layout.element('signer').name_font).css}}}",
        f".sample-doc .sample-sheet__page-number{{font-family:{layout.font(layout.element('page-number').font).css}}}",
        f".sample-doc .sample-sheet__masthead,.sample-doc .sample-sheet__letter-masthead{{font-family:{layout.font(layout.element('masthead').font).css}}}",
        f".sample-doc .ln{{font-family:{layout.font('仿宋体').css};font-size:var(--size-body);letter-spacing:{mm(char - layout.body_pt / PT_PER_MM)}}}",
    ]
    for style, css_class in STYLE_CLASSES.items():
        if style in ("副标题",):
            continue
        size = layout.size_pt(STYLE_SIZES.get(style, "3号"))
        char_pt = size if size != layout.body_pt else char * PT_PER_MM
        rules.append(f".sample-doc .s-{css_class}{{font-family:{layout.font(fonts[style]).css};font-size:{pt(size)};"
                     f"letter-spacing:{pt(char_pt - size)};--em:{pt(char_pt)}}}")
    for index, font in enumerate(layout.fonts):
        rules.append(f".sample-doc .lead-f-{index} .lead{{font-family:{font.css}}}")
    for step in HALF_STEPS:
        rules.append(f".sample-doc .pl-{step}{{padding-left:calc({step / 2:g} * var(--em))}}"
                     f".sample-doc .pr-{step}{{padding-right:calc({step / 2:g} * var(--em))}}")
    for step in MASTHEAD_STEPS:
        rules.append(f".sample-doc .mh-{step}{{font-size:{mm(step / 2)}}}")
    return "\n".join(rules)


@dataclass
class Row:
    """One grid row as the template draws it."""

    css: str
    text: str
    lead: str = ""
    right: str = ""
    right_name: str = ""  # the 签发人's name, in its own font
    mark: int | None = None
    seal: bool = False
    last: bool = True


def _rows(page: list[tuple[Paragraph, int]], layout: Layout, marks: dict[str, int], seen: set[str], seal: bool) -> list[Row]:
    """The rows of one sheet; ``seen`` holds the elements already marked, so that each is marked once."""
    fonts = [font.id for font in layout.fonts]
    rows = []
    for paragraph, index in page:
        if paragraph.blank:
            rows.append(Row("ln blank", ""))
            continue
        classes = ["ln", f"s-{STYLE_CLASSES[paragraph.style]}", f"a-{paragraph.align}"]
        line = paragraph.lines[index]
        first = index == 0
        indent = paragraph.left_indent + (paragraph.first_indent if first else (width(paragraph.text[: paragraph.lead]) if paragraph.hanging else 0))
        classes += [f"pl-{half(indent)}", f"pr-{half(paragraph.right_indent)}"]
        if paragraph.element == "masthead":  # drawn on its own at 35 mm (sheet.masthead); its rows stay empty
            rows.append(Row("ln blank", ""))
            continue
        if paragraph.rule_below and index == paragraph.rows - 1:
            classes.append(f"rule-below-{paragraph.rule_below}")
        if paragraph.rule_above and first:
            classes.append(f"rule-above-{paragraph.rule_above}")
        consumed = sum(len(text) for text in paragraph.lines[:index])
        lead_chars = max(0, min(paragraph.lead - consumed, len(line))) if paragraph.lead_font else 0
        if lead_chars:
            classes.append(f"lead-f-{fonts.index(paragraph.lead_font)}")
        mark = None
        if first and paragraph.element in marks and paragraph.element not in seen:
            mark = marks[paragraph.element]
            seen.add(paragraph.element)
        last = index == paragraph.rows - 1
        if paragraph.right and last:
            classes.append("has-right")
        right, right_name = (paragraph.right if last else ""), ""
        if right.startswith(SIGNER_LABEL):
            right, right_name = SIGNER_LABEL, right[len(SIGNER_LABEL):]
        rows.append(Row(" ".join(classes), line[lead_chars:], lead=line[:lead_chars], right=right, right_name=right_name,
                        mark=mark, seal=seal and paragraph.element == "date", last=last))
    return rows


def note_order(typeset_sample: Typeset) -> list[str]:
    """The elements in the order they first appear, each annotated once (plus the page number)."""
    # A letter's masthead is drawn above the text block, not in a row.
    order: list[str] = ["masthead"] if typeset_sample.letter else []
    for paragraph in typeset_sample.paragraphs:
        if not paragraph.blank and paragraph.element not in order:
            order.append(paragraph.element)
            if paragraph.element == "doc-number" and paragraph.right.startswith("签发人"):
                order.append("signer")
            if paragraph.rule_below == "red" and "red-rule" not in order:
                order.append("red-rule")
    if any(paragraph.element == "issued-by" or paragraph.rule_below == "thick" for paragraph in typeset_sample.paragraphs):
        order.append("footer-rules")
    order.append("page-number")
    return order


def render_sample(sample: Sample, layout: Layout, download_href: str) -> str:
    """The sample's page body: download link, sheets with numbered marks, and the notes."""
    result = typeset(sample, layout)
    order = note_order(result)
    if sample.body.seal:
        order.insert(order.index("date") + 1, "seal")
    marks = {element: number for number, element in enumerate(order, 1)}
    seen: set[str] = {"masthead"}  # the masthead's mark is on the masthead itself
    sheets = []
    for index, page in enumerate(result.pages):
        number = result.page_number(index)
        sheets.append({
            "index": index + 1,
            "number": number,
            "odd": number is not None and number % 2 == 1,
            "rows": _rows(page, layout, marks, seen, sample.body.seal),
            "letter_head": result.letter and index == 0,
            "masthead": sample.header.masthead if sample.header else "",
            "masthead_class": f"mh-{max(MASTHEAD_STEPS[0], int(result.masthead_mm * 2))}",
            "masthead_mark": marks.get("masthead"),
        })
    notes = []
    for element_id in order:
        element = layout.element(element_id)
        notes.append({"number": marks[element_id], "element": element, "remark": (sample.notes or {}).get(element_id)})
    return _render("sample.html", sample=sample, sheets=sheets, notes=notes, download_href=download_href,
                   styles=Markup(sheet_styles(layout)), format=layout.format(sample.layout.value), marks=marks,
                   seal_mark=marks.get("seal"))


def render_sample_index(rows: list[tuple[Sample, str, str]], blanks: list[tuple[str, str]]) -> str:
    """The table of samples (page link, type, layout, Word file) and the blank templates."""
    return _render("sample_index.html", rows=rows, blanks=blanks)


def render_sample_link(sample: Sample, href: str) -> str:
    return f'<a class="sample-link" href="{escape(href)}">{escape(sample.name)}样例</a>'
