"""A sample laid out as GB/T 9704 pages: paragraphs on a grid of 22 lines × 28 characters.

Both the sample page (HTML sheets) and the Word file are made from the same ``Paragraph`` list. The
sheets are cut into pages by a line-breaking model of the grid, with empty rows that bring the 版记 to
the foot of the last page; the Word file leaves those rows out and holds its 版记 at the foot of the page
itself (handbook/wordtemplates.py), so a line that Word breaks differently cannot push it off. The model breaks a line
after the grid's 28 full-width characters (half-width letters and digits count one half), lets a
closing punctuation mark hang at a line's end and carries an opening bracket to the next line, as
Word and LibreOffice do with their default East Asian line breaking.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .layout import PT_PER_MM, Layout
from .samples import LayoutName, Sample

CLOSING = set("，。、；：？！）》」』”’〕】…")
OPENING = set("（《「『“‘〔【")
# The 签发人 line: the label in 仿宋体, the name in 楷体 (GB/T 9704 §7.2.6).
SIGNER_LABEL = "签发人："
# The 发文机关标志 is at most this tall (mm) and shrinks to fit the text block's width. The standard
# leaves its size to the issuing body (§7.2.4); 15 mm is a common choice (local practice).
MASTHEAD_MAX_MM = 15


@dataclass
class Paragraph:
    """One paragraph as Word holds it: its style (named as offices know them), text and placement."""

    element: str  # the element's id in data/layout.yml, for its note
    style: str
    text: str = ""
    # Text at the right end of the same line (签发人 beside a 上行文's number, the 印发日期).
    right: str = ""
    align: str = "justify"  # justify, center, right, left
    first_indent: float = 0  # in characters of the paragraph's size
    left_indent: float = 0
    right_indent: float = 0
    # A part of the text set in another font: the first ``lead`` characters (a run-in heading, "出席：").
    lead: int = 0
    lead_font: str | None = None
    hanging: bool = False  # lines after the first align after the lead (出席：…, 附件：1.…)
    rows: int = 0  # set by the line breaker, or fixed (the masthead spans its rows)
    page_break_before: bool = False
    lines: list[str] = field(default_factory=list)
    rule_below: str | None = None  # "red" (版头 分隔线), "thick", "thin"
    rule_above: str | None = None
    # The empty rows that bring the 版记 to the foot of the last page.
    filler: bool = False

    @property
    def blank(self) -> bool:
        return self.element == "blank"


def blank(count: int = 1) -> list[Paragraph]:
    return [Paragraph("blank", "正文", align="left") for _ in range(count)]


def char_width(char: str) -> float:
    """Width in full-width characters: CJK and full-width punctuation 1, Latin letters and digits ½."""
    if char == "×":
        return 0.57
    return 0.5 if ord(char) < 0x2000 else 1.0


def width(text: str) -> float:
    return sum(char_width(char) for char in text)


@dataclass
class Typesetter:
    layout: Layout

    def size_pt(self, style: str) -> float:
        return self.layout.size_pt(STYLE_SIZES.get(style, "3号"))

    def capacity(self, style: str) -> float:
        """Full-width characters per line of the text block in this style."""
        size = self.size_pt(style)
        spacing = self.layout.char_spacing_pt if size == self.layout.body_pt else 0
        return math.floor(self.layout.page.block.width * PT_PER_MM / (size + spacing) + 1e-6)

    def break_lines(self, paragraph: Paragraph) -> list[str]:
        """The paragraph's lines on the grid (a blank paragraph is one empty line). A title may say where
        its lines break (a line break in the YAML text), so that no word is split (GB/T 9704 §7.3.1)."""
        if not paragraph.text and not paragraph.right:
            return [""]
        if "\n" in paragraph.text:
            return [line for part in paragraph.text.split("\n") for line in self.break_lines(replace(paragraph, text=part, lead=0))]
        full = self.capacity(paragraph.style) - paragraph.left_indent - paragraph.right_indent
        lead_width = width(paragraph.text[: paragraph.lead]) if paragraph.hanging else 0
        lines: list[str] = []
        current, used = "", paragraph.first_indent
        for char in paragraph.text:
            w = char_width(char)
            # LibreOffice puts a little space where Chinese meets Latin letters or digits, whatever the
            # paragraph says (measured: a quarter of a character at each change).
            if current and (w < 1) != (char_width(current[-1]) < 1) and char not in CLOSING and current[-1] not in OPENING:
                w += 0.25
            if used + w > full + 1e-6 and current:
                if char in CLOSING:  # hangs at the end of the line
                    current += char
                    lines.append(current)
                    current, used = "", lead_width
                    continue
                carried = ""
                if current[-1] in OPENING:
                    current, carried = current[:-1], current[-1]
                lines.append(current)
                current, used = carried, lead_width + width(carried)
            current += char
            used += w
        if current or not lines:
            lines.append(current)
        if paragraph.right and used + width(paragraph.right) + 1 > full:
            lines.append("")
        return lines


# The size of each style (the rest are 3号); the fonts are in STYLE_FONTS.
STYLE_SIZES = {"标题": "2号", "附件标题": "2号", "抄送机关": "4号", "印发机关和印发日期": "4号", "报送范围": "4号", "页码": "4号"}


def style_fonts(layout: Layout) -> dict[str, str]:
    """Each style's font (an id in the layout's fonts), from the elements and the heading levels."""
    levels = {level.style: level.font for level in layout.levels.items}
    element = lambda element_id: layout.element(element_id).font or "仿宋体"  # noqa: E731
    return {
        "正文": element("text"), **levels, "标题": element("title"), "附件标题": element("title"),
        "发文机关标志": element("masthead"), "份号": element("copy-number"), "密级和保密期限": element("secrecy"),
        "紧急程度": element("urgency"), "发文字号": element("doc-number"), "签发人": element("signer"),
        "主送机关": element("addressee"), "附件说明": element("attachment-note"), "发文机关署名": element("signature"),
        "成文日期": element("date"), "附注": element("annotation"), "附件": element("attachment"),
        "出席": element("text"), "抄送机关": element("copy-to"), "报送范围": element("copy-to"),
        "印发机关和印发日期": element("issued-by"), "页码": element("page-number"), "副标题": element("text"),
    }


@dataclass
class Typeset:
    """The whole sample: its paragraphs in order, and the same paragraphs cut into pages of grid rows."""

    paragraphs: list[Paragraph]
    footer_start: int  # index of the first 版记 paragraph (len(paragraphs) if none)
    pages: list[list[tuple[Paragraph, int]]]  # per page, (paragraph, its line) for each row used
    letter: bool
    masthead_mm: float

    def page_number(self, index: int) -> int | None:
        """No number on a letter's first page (§10.1); the rest numbered from 1 with the first page."""
        return None if self.letter and index == 0 else index + 1


def masthead_size_mm(layout: Layout, text: str) -> float:
    """The masthead's character size: at most MASTHEAD_MAX_MM, and its text no wider than the text block."""
    return min(MASTHEAD_MAX_MM, layout.page.block.width / max(len(text), 1))


def compose(sample: Sample, layout: Layout) -> list[Paragraph]:
    """The sample's paragraphs from the top of the first page to its last element (without the 版记)."""
    pitch_mm = layout.line_pitch_pt / PT_PER_MM
    out: list[Paragraph] = []
    header, body = sample.header, sample.body
    upward = sample.rule.upward
    if header is not None:
        top = [(value, element, style) for value, element, style in (
            (header.copy_number, "copy-number", "份号"), (header.secrecy, "secrecy", "密级和保密期限"), (header.urgency, "urgency", "紧急程度"),
        ) if value]
        if sample.layout is LayoutName.LETTER:
            # The masthead and the double rules are in the first page's header (above the text block);
            # the numbers start under the first double rule, 份号… on the left and the 发文字号 on the right.
            rule_mm = layout.distances.letter_masthead_top + masthead_size_mm(layout, header.masthead) + layout.distances.red_rule_gap - layout.page.margins.top
            out += blank(math.ceil(rule_mm / pitch_mm))
            for index, (value, element, style) in enumerate(top or [("", "doc-number", "发文字号")]):
                out.append(Paragraph(element, style, value, right=header.number if index == 0 and header.number else "", align="left"))
            out += blank(2)
        else:
            for value, element, style in top:
                out.append(Paragraph(element, style, value, align="left"))
            size = masthead_size_mm(layout, header.masthead)
            first_row = math.floor(layout.distances.masthead_top / pitch_mm)
            last_row = math.ceil((layout.distances.masthead_top + size) / pitch_mm) - 1
            out += blank(max(first_row - len(top), 0))
            out.append(Paragraph("masthead", "发文机关标志", header.masthead, align="center", rows=last_row - first_row + 1))
            out += blank(2)
            if header.number and upward and header.signer:
                out.append(Paragraph("doc-number", "发文字号", header.number, right=f"{SIGNER_LABEL}{header.signer}", align="left",
                                     left_indent=1, right_indent=1, rule_below="red"))
            elif header.number:
                out.append(Paragraph("doc-number", "发文字号", header.number, align="center", rule_below="red"))
            if header.compiled_by:
                out[-1].rule_below = None
                out.append(Paragraph("doc-number", "发文字号", header.compiled_by, right=header.compiled_date or "", align="left", rule_below="red"))
            out += blank(2)
    out.append(Paragraph("title", "标题", body.title, align="center"))
    if body.subtitle:
        out.append(Paragraph("title", "副标题", body.subtitle, align="center"))
    out += blank(1)
    if body.addressee:
        out.append(Paragraph("addressee", "主送机关", body.addressee, align="justify"))
    out += text_paragraphs(body.text, layout)
    if body.attachment_note:
        out += blank(1)
        for index, name in enumerate(body.attachment_note):
            numbered = len(body.attachment_note) > 1
            label = ("附件：" if index == 0 else "　　　") + (f"{index + 1}." if numbered else "")
            out.append(Paragraph("attachment-note", "附件说明", label + name, first_indent=2, lead=len(label), hanging=True))
    if body.attendance:
        out += blank(1)
        for line in body.attendance:
            label = f"{line.label.value}："
            out.append(Paragraph("attendance", "出席", label + line.names, first_indent=2, lead=len(label), lead_font="黑体", hanging=True))
    if body.signature or body.date:
        date = body.date or ""
        if body.seal:
            # Seal: the date 右空四字, the signature centred over it (§7.3.5.1); the seal's top within a line of the text.
            out += blank(2)
            offset = 4 + (width(date) - width(body.signature or "")) / 2
            if body.signature:
                out.append(Paragraph("signature", "发文机关署名", body.signature, align="right", right_indent=max(offset, 0)))
            out.append(Paragraph("date", "成文日期", date, align="right", right_indent=4))
        else:
            # No seal: the signature 右空二字 a line under the text, the date under it moved two characters right (§7.3.5.2).
            # A date longer than the signature is set 右空二字 and the signature moves left to match.
            out += blank(1)
            date_right = max(width(body.signature or "") - width(date), 2) if body.signature else 2
            if body.signature:
                signature_right = date_right + width(date) + 2 - width(body.signature)
                out.append(Paragraph("signature", "发文机关署名", body.signature, align="right", right_indent=signature_right))
            if date:
                out.append(Paragraph("date", "成文日期", date, align="right", right_indent=date_right))
    if body.annotation:
        out.append(Paragraph("annotation", "附注", body.annotation, first_indent=2))
    for index, attachment in enumerate(body.attachments or []):
        numbered = len(body.attachments) > 1
        out.append(Paragraph("attachment", "附件", f"附件{index + 1}" if numbered else "附件", align="left", page_break_before=True))
        out += blank(1)
        out.append(Paragraph("attachment", "附件标题", attachment.title, align="center"))
        out += blank(1)
        out += text_paragraphs(attachment.text, layout)
    return out


def text_paragraphs(blocks, layout: Layout) -> list[Paragraph]:
    """The headings and paragraphs of a text: each indented two characters (§7.3.3)."""
    levels = {level.id: level for level in layout.levels.items}
    out = []
    for block in blocks:
        if block.kind == "p":
            out.append(Paragraph("text", "正文", block.text, first_indent=2))
        else:
            level = levels[block.kind]
            text = block.text + (block.then or "")
            # A run-in heading keeps its font for the heading only; the rest is body text.
            out.append(Paragraph("text", level.style if not block.then else "正文", text, first_indent=2,
                                 lead=len(block.text) if block.then else 0, lead_font=level.font if block.then else None))
    return out


def footer_paragraphs(sample: Sample) -> list[Paragraph]:
    """The 版记: 抄送, other distribution lines, 印发机关和印发日期, with their rules (§7.4); a letter's has only 抄送 (§10.1)."""
    footer = sample.footer
    if footer is None:
        return []
    letter = sample.layout is LayoutName.LETTER
    out = []
    if footer.copy_to:
        label = "抄送："
        out.append(Paragraph("copy-to", "抄送机关", label + footer.copy_to, left_indent=1, right_indent=1, lead=len(label), hanging=True))
    for line in footer.lines or []:
        label = line[: line.index("：") + 1] if "：" in line else ""
        out.append(Paragraph("copy-to", "报送范围", line, left_indent=1, right_indent=1, lead=len(label), hanging=bool(label)))
    if footer.issued_by and not letter:
        out.append(Paragraph("issued-by", "印发机关和印发日期", footer.issued_by, right=f"{footer.issued_date}印发" if footer.issued_date else "",
                             align="left", left_indent=1, right_indent=1))
    if not letter and out:
        out[0].rule_above = "thick"
        for paragraph in out[:-1]:
            paragraph.rule_below = "thin"
        out[-1].rule_below = "thick"
    return out


def typeset(sample: Sample, layout: Layout) -> Typeset:
    """Lay the sample out on pages; the 版记 fills the last rows of the last page (§7.4.1)."""
    setter = Typesetter(layout)
    rows_per_page = layout.grid.lines
    paragraphs = compose(sample, layout)
    footer = footer_paragraphs(sample)
    for paragraph in [*paragraphs, *footer]:
        lines = setter.break_lines(paragraph)
        if paragraph.rows:  # the masthead spans fixed rows
            lines = [paragraph.text] + [""] * (paragraph.rows - 1)
        paragraph.lines = lines
        paragraph.rows = len(lines)
    pages: list[list[tuple[Paragraph, int]]] = [[]]
    for paragraph in paragraphs:
        if paragraph.page_break_before and pages[-1]:
            pages.append([])
        for index in range(paragraph.rows):
            if len(pages[-1]) == rows_per_page:
                pages.append([])
            pages[-1].append((paragraph, index))
    footer_rows = sum(paragraph.rows for paragraph in footer)
    if footer:
        new_page = rows_per_page - len(pages[-1]) < footer_rows
        if new_page:
            pages.append([])
        filler = blank(rows_per_page - footer_rows - len(pages[-1]))
        if new_page:  # the Word file starts the 版记's page with a page break
            (filler or footer)[0].page_break_before = True
        for paragraph in filler:
            paragraph.lines, paragraph.rows, paragraph.filler = [""], 1, True
            pages[-1].append((paragraph, 0))
        for paragraph in footer:
            pages[-1].extend((paragraph, index) for index in range(paragraph.rows))
        paragraphs = [*paragraphs, *filler, *footer]
    start = len(paragraphs) - len(footer)
    return Typeset(paragraphs, start, pages, sample.layout is LayoutName.LETTER,
                   masthead_size_mm(layout, sample.header.masthead) if sample.header else 0)
