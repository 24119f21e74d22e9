"""A 通知 in GB/T 9704 layout written with python-docx, the way the handbook's Word templates are.

The benchmark checks a 10-page one in the browser; the tests break one rule at a time in it and
expect the format check to name that rule and paragraph only. Every figure comes from the layout
data (data/layout.yml), as in the templates: A4, the margins, a line grid at the layout's pitch with
exact line spacing, 3号 characters with the spacing that fits 28 a line, the standard's East Asian
fonts with Latin text in the layout's Latin font, page numbers "— 1 —" odd right and even left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from handbook.layout import LAYOUT_FILE, PT_PER_MM, Layout, load_layout

ROOT = Path(__file__).resolve().parent.parent
RED = "C00000"


def project_layout() -> Layout:
    return load_layout(ROOT / LAYOUT_FILE)


@dataclass
class Draft:
    """The words of the 通知; ``text`` is (level, paragraph) with level 0 for body text."""

    masthead: str = "××县农业农村局文件"
    number: str = "×农发〔2024〕5号"
    title: tuple[str, ...] = ("××县农业农村局", "关于做好春耕生产工作的通知")
    addressee: str = "各乡镇人民政府，县直有关单位："
    text: list[tuple[int, str]] = field(default_factory=lambda: [
        (0, "为抓好今年春耕生产，确保粮食播种面积稳定在35万亩以上，现将有关事项通知如下。"),
        (1, "一、总体要求"),
        (0, "坚持稳面积、提单产，落实各项支农政策，把春耕生产各项工作抓实抓细。"),
        (2, "（一）加强组织领导。各乡镇要成立春耕生产工作专班，主要负责同志亲自抓。"),
        (3, "1.明确责任分工"),
        (0, "专班要把任务分解到村、到户，3月15日前报县农业农村局备案。"),
        (4, "（1）建立工作台账"),
        (0, "台账逐户登记播种品种和面积，每周更新一次。"),
        (2, "（二）保障农资供应。要组织农资企业做好化肥、种子的调运和储备。"),
        (1, "二、工作要求"),
        (0, "各单位要加强督促检查，发现问题及时协调解决，重大情况及时报告。"),
    ])
    attachments: tuple[str, ...] = ("附件：1.春耕生产工作任务分解表", "2.农资供应点名单")
    signature: str = "××县农业农村局"
    date: str = "2024年3月5日"
    annotation: str = "（联系人：王××，电话：1234567）"
    copy_to: str = "抄送：县委办公室，县政府办公室。"
    issued_by: str = "××县农业农村局办公室"
    issued_date: str = "2024年3月5日印发"


def _set(element, **attributes) -> None:
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), str(value))


def _child(parent, tag: str, **attributes):
    """The child ``w:tag`` of ``parent`` (made if missing), with attributes set."""
    child = parent.find(qn(f"w:{tag}"))
    if child is None:
        child = OxmlElement(f"w:{tag}")
        parent.append(child)
    _set(child, **attributes)
    return child


def set_fonts(rpr, east_asian: str, latin: str | None = None) -> None:
    """w:rFonts with the East Asian font (and the Latin one for ascii/hAnsi when given)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    attributes = {"eastAsia": east_asian}
    if latin:
        attributes.update(ascii=latin, hAnsi=latin, cs=latin)
    _set(fonts, **attributes)


class GongwenWriter:
    """Writes a Draft as a .docx: page, grid, styles named as offices know them, paragraphs, footers."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.pitch = layout.line_pitch_pt
        self.char_pt = layout.page.block.width * PT_PER_MM / layout.grid.chars

    def document(self, draft: Draft, repeat: int = 1) -> Document:
        document = Document()
        self._page(document)
        self._styles(document)
        self._body(document, draft, repeat)
        self._footers(document)
        return document

    def _page(self, document) -> None:
        page, margins = self.layout.page, self.layout.page.margins
        section = document.sections[0]
        section.page_width, section.page_height = Mm(page.width), Mm(page.height)
        section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
        section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
        grid = section._sectPr.find(qn("w:docGrid"))
        _set(grid, type="lines", linePitch=round(self.pitch * 20))
        document.settings.odd_and_even_pages_header_footer = True

    def _style(self, document, name: str, font_id: str, size_id: str, align=None, latin: str | None = None):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        self._format(style, self.layout.font(font_id).word, self.layout.size_pt(size_id), latin or self.layout.latin_font)
        if align is not None:
            style.paragraph_format.alignment = align
        return style

    def _format(self, style, east_asian: str, size: float, latin: str) -> None:
        rpr = style.element.get_or_add_rPr()
        set_fonts(rpr, east_asian, latin)
        style.font.size = Pt(size)
        if size == self.layout.body_pt:
            _child(rpr, "spacing", val=round(self.layout.char_spacing_pt * 20))
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(self.pitch)
        fmt.space_before = fmt.space_after = Pt(0)

    def _styles(self, document) -> None:
        layout = self.layout
        body = layout.element("text")
        self._format(document.styles["Normal"], layout.font(body.font).word, layout.size_pt(body.size), layout.latin_font)
        masthead = self._style(document, "发文机关标志", layout.element("masthead").font, layout.element("title").size, WD_ALIGN_PARAGRAPH.CENTER)
        masthead.font.color.rgb = RGBColor.from_string(RED)
        self._style(document, "发文字号", layout.element("doc-number").font, layout.element("doc-number").size, WD_ALIGN_PARAGRAPH.CENTER)
        self._style(document, "标题", layout.element("title").font, layout.element("title").size, WD_ALIGN_PARAGRAPH.CENTER)
        for level, name in zip(layout.levels.items, ("一级标题", "二级标题", "三级标题", "四级标题")):
            style = self._style(document, name, level.font, body.size)
            style.paragraph_format.first_line_indent = Pt(2 * self.char_pt)
        text = self._style(document, "正文", body.font, body.size)
        text.paragraph_format.first_line_indent = Pt(2 * self.char_pt)
        record = layout.element("copy-to")
        self._style(document, "版记", record.font, record.size)
        number = layout.element("page-number")
        word = layout.font(number.font).word
        self._style(document, "页码", number.font, number.size, latin=word)

    def _paragraph(self, document, text: str, style: str, **format_):
        paragraph = document.add_paragraph(style=style)
        for key, value in format_.items():
            setattr(paragraph.paragraph_format, key, value)
        if text:
            paragraph.add_run(text)
        return paragraph

    def _body(self, document, draft: Draft, repeat: int) -> None:
        self._paragraph(document, draft.masthead, "发文机关标志")
        self._paragraph(document, "", "正文")
        self._paragraph(document, draft.number, "发文字号")
        self._paragraph(document, "", "正文")
        for line in draft.title:
            self._paragraph(document, line, "标题")
        self._paragraph(document, "", "正文")
        self._paragraph(document, draft.addressee, "正文", first_line_indent=Pt(0))
        styles = {0: "正文", 1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
        for _ in range(repeat):
            for level, text in draft.text:
                paragraph = self._paragraph(document, "", styles[level])
                head, stop, rest = text.partition("。")
                if level == 2 and rest:
                    # "（一）加强组织领导。" in 楷体, the sentence after it in the body's 仿宋.
                    paragraph.add_run(head + stop)
                    run = paragraph.add_run(rest)
                    set_fonts(run._r.get_or_add_rPr(), self.layout.font(self.layout.element("text").font).word)
                else:
                    paragraph.add_run(text)
        self._paragraph(document, "", "正文")
        first, *more = draft.attachments
        self._paragraph(document, first, "正文")
        # Further attachments line up with the first one's name, after "附件：".
        for line in more:
            self._paragraph(document, line, "正文", first_line_indent=Pt(0), left_indent=Pt((2 + len("附件：")) * self.char_pt))
        self._paragraph(document, "", "正文")
        self._paragraph(document, "", "正文")
        self._paragraph(document, draft.signature, "正文", first_line_indent=Pt(0), alignment=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=Pt(6 * self.char_pt))
        self._paragraph(document, draft.date, "正文", first_line_indent=Pt(0), alignment=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=Pt(4 * self.char_pt))
        self._paragraph(document, draft.annotation, "正文")
        self._paragraph(document, "", "正文")
        record_char = self.layout.size_pt(self.layout.element("copy-to").size)
        self._paragraph(document, draft.copy_to, "版记", left_indent=Pt(record_char), right_indent=Pt(record_char))
        issued = self._paragraph(document, draft.issued_by + "\t" + draft.issued_date, "版记", left_indent=Pt(record_char), right_indent=Pt(record_char))
        issued.paragraph_format.tab_stops.add_tab_stop(Mm(self.layout.page.block.width) - Pt(2 * record_char), WD_TAB_ALIGNMENT.RIGHT)

    def _footers(self, document) -> None:
        section = document.sections[0]
        number_pt = self.layout.size_pt(self.layout.element("page-number").size)
        for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = document.styles["页码"]
            paragraph.alignment = align
            setattr(paragraph.paragraph_format, f"{side}_indent", Pt(number_pt))  # 空一字 (§7.5)
            paragraph.add_run("— ")
            field = OxmlElement("w:fldSimple")
            _set(field, instr=" PAGE ")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)
            paragraph.add_run(" —")


def write_gongwen(path: Path, layout: Layout | None = None, draft: Draft | None = None, repeat: int = 1) -> Path:
    GongwenWriter(layout or project_layout()).document(draft or Draft(), repeat).save(path)
    return path
