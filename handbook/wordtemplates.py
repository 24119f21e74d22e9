"""Word files of the samples and blank templates, in GB/T 9704 layout, made with python-docx.

Each file has the layout's A4 page and margins, a line grid of 22 lines (exact line spacing at the
grid's pitch, ``w:docGrid type="lines"``) and 28 characters a line (3号 characters with −0.25 pt
spacing); a ``linesAndChars`` grid would be neater for Word but LibreOffice misreads its character
pitch (stack-notes.md). Styles carry the names offices use (标题, 正文, 一级标题 …) with the standard's
East Asian fonts; page numbers are "— 1 —", odd pages right and even pages left; the 版记 sits at the
foot of the last page as a floating table anchored to the bottom of the text block.

Where python-docx has no API (East Asian fonts, character spacing, borders, the grid, frames), the
WordprocessingML is written directly, in schema order so that Word accepts the file.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import StyleFactory

from .layout import PT_PER_MM, Layout
from .loading import Problem
from .samples import BLANK_LAYOUTS, LayoutName, Sample, SampleDataError, blank_file_name
from .schema import build
from .typeset import SIGNER_LABEL, STYLE_SIZES, Paragraph, masthead_size_mm, style_fonts, typeset, width

RED = "C00000"
ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}
# Schema order of the children of w:pPr and w:rPr (ECMA-376 §17.3.1.26, §17.3.2.28), for inserting ours.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd",
             "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
             "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint",
             "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "lang")
# Styles whose characters are taller than a grid row: snapped to the grid, each of their lines would take
# two rows in LibreOffice; they keep their exact line height instead.
NOT_ON_GRID = ("标题", "附件标题", "发文机关标志")
# Border widths in eighths of a point (w:sz); the rules' heights come from the layout, in mm.
EIGHTHS_PER_PT = 8
# The blank templates: a sample of each layout with placeholders, checked by the same schema as the samples.
BLANKS = {
    "通用": {"type": "通知", "header": {"masthead": "××××××文件", "number": "×××〔2024〕×号"},
             "body": {"title": "××××关于××××××的通知", "addressee": "××××：", "text": [{"p": "正文。"}], "signature": "××××××",
                      "date": "2024年×月×日", "seal": True},
             "footer": {"copy_to": "××××。", "issued_by": "××××办公室", "issued_date": "2024年×月×日"}},
    "信函": {"type": "函", "header": {"masthead": "××××××", "number": "×××函〔2024〕×号"},
             "body": {"title": "××××关于××××××的函", "addressee": "××××：", "text": [{"p": "正文。请予函复。"}], "signature": "××××××",
                      "date": "2024年×月×日", "seal": True},
             "footer": {"copy_to": "××××。"}},
    "纪要": {"type": "纪要", "header": {"masthead": "××××会议纪要", "number": "第×期"},
             "body": {"title": "××××会议纪要", "text": [{"p": "正文。"}], "attendance": [{"label": "出席", "names": "××、××"}]},
             "footer": {"issued_by": "××××办公室", "issued_date": "2024年×月×日"}},
}


def _insert(parent, child, order: tuple[str, ...]) -> None:
    """Put ``child`` in ``parent`` where the schema wants it, replacing one of the same name."""
    name = child.tag.split("}")[1]
    existing = parent.find(qn(f"w:{name}"))
    if existing is not None:
        parent.remove(existing)
    successors = [f"w:{tag}" for tag in order[order.index(name) + 1:]]
    parent.insert_element_before(child, *successors)


def _element(tag: str, **attributes) -> OxmlElement:
    element = OxmlElement(f"w:{tag}")
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _fonts(rpr, east_asian: str, latin: str) -> None:
    _insert(rpr, _element("rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin), RPR_ORDER)


def _borders(ppr, **sides: tuple[str, float, float, str]) -> None:
    """Paragraph borders: side → (style, width in pt, space in pt, colour)."""
    borders = _element("pBdr")
    for side in ("top", "bottom"):
        if side in sides:
            style, width_pt, space_pt, color = sides[side]
            borders.append(_element(side, val=style, sz=round(width_pt * EIGHTHS_PER_PT), space=round(space_pt), color=color))
    _insert(ppr, borders, PPR_ORDER)


class WordWriter:
    """Writes one document: page set-up, styles, footers, then the typesetter's paragraphs."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.pitch = layout.line_pitch_pt
        self.char_pt = layout.page.block.width * PT_PER_MM / layout.grid.chars
        self.fonts = style_fonts(layout)

    def document(self, sample: Sample) -> Document:
        document = Document()
        self._page(document, sample)
        self._styles(document)
        result = typeset(sample, self.layout)
        previous = None
        for paragraph in result.paragraphs[: result.footer_start]:
            if paragraph.filler:
                continue  # the 版记 finds the foot of the page itself (below)
            if previous is not None and previous.rule_below == "red" and paragraph.blank:
                self._red_rule_row(document)
            else:
                self._paragraph(document, paragraph)
            previous = paragraph
        footer = result.paragraphs[result.footer_start:]
        if footer:
            new_page = any(paragraph.page_break_before for paragraph in result.paragraphs if paragraph.filler) or footer[0].page_break_before
            self._footer_table(document, footer, new_page)
        self._footers(document, sample, result.masthead_mm)
        return document

    # Page, grid and styles.

    def _page(self, document: Document, sample: Sample) -> None:
        page, margins = self.layout.page, self.layout.page.margins
        section = document.sections[0]
        section.page_width, section.page_height = Mm(page.width), Mm(page.height)
        section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
        section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
        number_pt = self.layout.size_pt(self.layout.element("page-number").size)
        # The page number's line: its top 7 mm under the text block (§7.5); Word measures the footer from the page's foot.
        section.footer_distance = Mm(margins.bottom - self.layout.distances.page_number_gap - number_pt / PT_PER_MM)
        # The header holds no text of its own (a letter's masthead is a frame placed on the page), so it stays
        # well inside the top margin and never pushes the text block down.
        section.header_distance = Mm(10)
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(self.pitch * 20)))
        document.settings.odd_and_even_pages_header_footer = True
        section.different_first_page_header_footer = sample.layout is LayoutName.LETTER
        document.core_properties.title = sample.body.title
        document.core_properties.language = "zh-CN"

    def _styles(self, document: Document) -> None:
        latin = self.layout.latin_font
        normal = document.styles["Normal"]
        self._style_format(normal, "仿宋体", self.layout.body_pt, latin)
        _insert(normal.element.get_or_add_rPr(), _element("lang", val="en-US", eastAsia="zh-CN"), RPR_ORDER)
        self.style_ids = {}
        for name in dict.fromkeys([*self.fonts, "页码"]):
            # python-docx's add_style first compares the name with each of the template's styles, which took
            # most of this step's time; our names are new in a fresh document, so the style is added the way
            # add_style then does it (python-docx internals: tests/test_samples.py reads every style back).
            style = StyleFactory(document.styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False))
            self.style_ids[name] = style.style_id
            style.base_style = normal
            style.quick_style = True
            size = self.layout.size_pt(STYLE_SIZES.get(name, "3号"))
            font = self.fonts[name]
            # The page number's digits are 半角宋体 (§7.5); elsewhere Latin text and digits are in the Latin font.
            self._style_format(style, font, size, self.layout.font(font).word if name == "页码" else latin)
            if name == "发文机关标志":
                style.font.color.rgb = RGBColor.from_string(RED)
            if name in NOT_ON_GRID:
                _insert(style.element.get_or_add_pPr(), _element("snapToGrid", val=0), PPR_ORDER)

    def _set_style(self, paragraph, name: str) -> None:
        """Give ``paragraph`` one of our styles by its id: python-docx's lookup by name reads every style of
        the document each time (two thirds of the time these files took)."""
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self.style_ids[name]

    def _style_format(self, style, font: str, size: float, latin: str) -> None:
        rpr = style.element.get_or_add_rPr()
        _fonts(rpr, self.layout.font(font).word, latin)
        style.font.size = Pt(size)
        if size == self.layout.body_pt and self.layout.char_spacing_pt:
            _insert(rpr, _element("spacing", val=round(self.layout.char_spacing_pt * 20)), RPR_ORDER)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(self.pitch)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False
        ppr = style.element.get_or_add_pPr()
        # No extra space between Chinese and Latin text or digits: it would change the characters per line.
        _insert(ppr, _element("autoSpaceDE", val=0), PPR_ORDER)
        _insert(ppr, _element("autoSpaceDN", val=0), PPR_ORDER)

    # The paragraphs.

    def _chars(self, paragraph: Paragraph, count: float) -> Pt:
        size = self.layout.size_pt(STYLE_SIZES.get(paragraph.style, "3号"))
        return Pt(count * (self.char_pt if size == self.layout.body_pt else size))

    def _rule_pt(self, kind: str) -> float:
        return getattr(self.layout.distances, f"footer_rule_{'thin' if kind == 'thin' else 'thick'}") * PT_PER_MM

    def _bar(self, document: Document, height_pt: float, color: str | None) -> None:
        """An empty paragraph of an exact height, filled with ``color``: a rule that keeps the rows on the grid.

        A paragraph border would add its width to the paragraph's height in LibreOffice and push the
        following rows off the grid; a filled paragraph of the rule's height takes exactly that much.
        """
        out = document.add_paragraph(style="正文")
        fmt = out.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(height_pt)
        ppr = out._p.get_or_add_pPr()
        _insert(ppr, _element("snapToGrid", val=0), PPR_ORDER)
        if color:
            _insert(ppr, _element("shd", val="clear", color="auto", fill=color), PPR_ORDER)

    def _red_rule_row(self, document: Document) -> None:
        """The row under the 发文字号: the red rule 4 mm under the number (§7.2.7), within the row."""
        distances = self.layout.distances
        gap = distances.red_rule_gap * PT_PER_MM - (self.pitch - self.layout.body_pt) / 2
        rule = distances.footer_rule_thick * PT_PER_MM
        self._bar(document, gap, None)
        self._bar(document, rule, RED)
        self._bar(document, self.pitch - gap - rule, None)

    def _footer_table(self, document: Document, footer: list[Paragraph], new_page: bool) -> None:
        """The 版记 as a floating one-column table held at the foot of the text block (§7.4.1): wherever the
        body's last line falls, Word and LibreOffice put the 版记's last rule on the block's lower edge.
        Its rules are the table's borders: thick first and last, thin between."""
        if new_page:
            document.add_paragraph(style="正文").paragraph_format.page_break_before = True
        table = document.add_table(rows=len(footer), cols=1)
        tblpr = table._tbl.tblPr
        block_twips = round(self.layout.page.block.width * PT_PER_MM * 20)
        for child in list(tblpr):
            if child.tag != qn("w:tblStyle"):
                tblpr.remove(child)
        # Placed from the page's left edge, not centred in the margins: LibreOffice floats a table as wide as
        # the text area only when it is positioned relative to the page (otherwise it stays in the text flow).
        tblpr.append(_element("tblpPr", leftFromText=0, rightFromText=0, vertAnchor="margin", horzAnchor="page",
                              tblpX=round(self.layout.page.margins.left * PT_PER_MM * 20), tblpYSpec="bottom"))
        tblpr.append(_element("tblW", w=block_twips, type="dxa"))
        borders = _element("tblBorders")
        rules = {"top": footer[0].rule_above, "bottom": footer[-1].rule_below, "insideH": "thin" if footer[0].rule_below else None}
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            kind = rules.get(side)
            borders.append(_element(side, val="single", sz=round(self._rule_pt(kind) * EIGHTHS_PER_PT), space=0, color="000000")
                           if kind else _element(side, val="nil"))
        tblpr.append(borders)
        tblpr.append(_element("tblLayout", type="fixed"))
        margins = _element("tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            margins.append(_element(side, w=0, type="dxa"))
        tblpr.append(margins)
        grid = table._tbl.tblGrid
        grid.gridCol_lst[0].set(qn("w:w"), str(block_twips))
        for row, paragraph in zip(table.rows, footer):
            row.height = Pt(self.pitch * paragraph.rows)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            cell = row.cells[0]
            cell.width = Pt(block_twips / 20)
            self._fill(cell.paragraphs[0], paragraph)
        document.add_paragraph(style="正文").paragraph_format.line_spacing = Pt(1)  # the table's anchor

    def _paragraph(self, document: Document, paragraph: Paragraph) -> None:
        self._fill(document.add_paragraph(), paragraph)

    def _fill(self, out, paragraph: Paragraph) -> None:
        """Style, place and write one of the typesetter's paragraphs into the docx paragraph ``out``."""
        self._set_style(out, "正文" if paragraph.blank else paragraph.style)
        fmt = out.paragraph_format
        out.alignment = ALIGN[paragraph.align]
        if paragraph.first_indent or paragraph.hanging:
            lead = width(paragraph.text[: paragraph.lead]) if paragraph.hanging else 0
            fmt.left_indent = self._chars(paragraph, paragraph.left_indent + lead)
            fmt.first_line_indent = self._chars(paragraph, paragraph.first_indent - lead)
        elif paragraph.left_indent:
            fmt.left_indent = self._chars(paragraph, paragraph.left_indent)
        if paragraph.right_indent and not paragraph.right:
            fmt.right_indent = self._chars(paragraph, paragraph.right_indent)
        if paragraph.page_break_before:
            fmt.page_break_before = True
        height = self.pitch * paragraph.rows if paragraph.element == "masthead" else self.pitch
        if height != self.pitch:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(height)
        if paragraph.right:
            fmt.tab_stops.add_tab_stop(self._chars(paragraph, self.layout.grid.chars - paragraph.right_indent), WD_TAB_ALIGNMENT.RIGHT)
        text = paragraph.text
        if paragraph.lead and paragraph.lead_font:
            lead = out.add_run(text[: paragraph.lead])
            _fonts(lead._r.get_or_add_rPr(), self.layout.font(paragraph.lead_font).word, self.layout.latin_font)
            text = text[paragraph.lead:]
        for index, part in enumerate(text.split("\n") if text else []):
            if index:  # a title's own line break
                out.add_run().add_break()
            run = out.add_run(part)
            if paragraph.element == "masthead":
                run.font.size = Pt(self._masthead_pt(paragraph.text))
        if paragraph.right.startswith(SIGNER_LABEL):
            out.add_run("\t" + SIGNER_LABEL)
            name = out.add_run(paragraph.right[len(SIGNER_LABEL):])
            _fonts(name._r.get_or_add_rPr(), self.layout.font(self.layout.element("signer").name_font).word, self.layout.latin_font)
        elif paragraph.right:
            out.add_run("\t" + paragraph.right)

    def _masthead_pt(self, text: str) -> float:
        return round(masthead_size_mm(self.layout, text) * PT_PER_MM * 2) / 2

    # Page numbers and the letter's first page.

    def _footers(self, document: Document, sample: Sample, masthead_mm: float) -> None:
        section = document.sections[0]
        number_char = self.layout.size_pt(self.layout.element("page-number").size)
        for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            self._set_style(paragraph, "页码")
            paragraph.alignment = align
            fmt = paragraph.paragraph_format
            fmt.line_spacing = Pt(number_char)
            setattr(fmt, f"{side}_indent", Pt(number_char))  # 空一字 (§7.5)
            paragraph.add_run("— ")
            field = _element("fldSimple", instr="PAGE")
            placeholder = _element("r")
            text = _element("t")
            text.text = "1"
            placeholder.append(text)
            field.append(placeholder)
            paragraph._p.append(field)
            paragraph.add_run(" —")
        if sample.layout is LayoutName.LETTER:
            self._letter_first_page(document, sample, masthead_mm)

    def _letter_first_page(self, document: Document, sample: Sample, masthead_mm: float) -> None:
        """信函格式 (§10.1): masthead 30 mm from the top, red double rules under it and 20 mm from the foot, no page number."""
        section = document.sections[0]
        distances = self.layout.distances
        header = section.first_page_header.paragraphs[0]
        self._set_style(header, "发文机关标志")
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.paragraph_format.line_spacing = Pt(masthead_mm * PT_PER_MM)
        run = header.add_run(sample.header.masthead)
        run.font.size = Pt(masthead_mm * PT_PER_MM)
        ppr = header._p.get_or_add_pPr()
        # A frame at a fixed place on the page: the header keeps its height and the text block its 22 rows.
        _insert(ppr, _element("framePr", w=round(distances.letter_rule_length * PT_PER_MM * 20), hAnchor="page", vAnchor="page",
                              xAlign="center", y=round(distances.letter_masthead_top * PT_PER_MM * 20), wrap="through"), PPR_ORDER)
        _borders(ppr, bottom=("thickThinSmallGap", 1.5, distances.red_rule_gap * PT_PER_MM, RED))
        footer = section.first_page_footer.paragraphs[0]
        footer.paragraph_format.line_spacing = Pt(1)
        _borders(footer._p.get_or_add_pPr(), bottom=("thinThickSmallGap", 1.5, 0, RED))


def write_word_files(samples: dict[str, Sample], layout: Layout, directory: Path) -> list[Path]:
    """Every sample's .docx and a blank template per layout, into ``directory``; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    writer = WordWriter(layout)
    written = []
    for sample in samples.values():
        path = directory / sample.file_name
        writer.document(sample).save(path)
        written.append(path)
    for name, sample in blank_templates().items():
        path = directory / blank_file_name(name)
        writer.document(sample).save(path)
        written.append(path)
    return written


def blank_templates() -> dict[str, Sample]:
    """The blank templates as samples, built and checked by the sample schema."""
    templates = {}
    for name in BLANK_LAYOUTS:
        raw = BLANKS[name]
        data = {"id": f"blank-{len(templates) + 1}", "name": f"空白模板-{name}", "layout": name, "summary": "空白模板", "playbook": "samples/index.md", **raw}
        sample, problems = build(Sample, data)
        if problems:  # a defect in BLANKS above, not in anyone's data
            raise SampleDataError([Problem("handbook/wordtemplates.py", f"BLANKS › {name}", problem.message) for problem in problems])
        templates[name] = sample
    return templates
