"""公文格式自查: the rules the page's script checks a .docx against, made from the layout data.

The figures (paper, margins, lines and characters, each element's font and size, the heading levels,
the page-number form) come from the GB/T 9704 layout data of ``handbook.layout``, so the checker,
the format page and the Word templates cannot disagree on a number. This module adds only what a
checker needs beyond the layout: which installed fonts count as each standard typeface, how far a
measurement may be off, and the wording of each check. ``checker_rules`` returns plain JSON for the
script (docs/assets/javascripts/format-check.js), which knows no figure of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .layout import Layout

# The format page each finding links to; its section headings are the anchors below.
FORMAT_PAGE = "banwen/format.md"

# Font names Word and WPS users actually have for each typeface the standard names (layout font ids).
# The template's own font (the layout's ``word`` name) always counts too.
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "小标宋体": ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋体", "小标宋", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
    "黑体": ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"),
    "楷体": ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体", "华文楷体", "STKaiti"),
    "仿宋体": ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体", "华文仿宋", "STFangsong"),
    "宋体": ("宋体", "SimSun", "新宋体", "NSimSun", "方正书宋_GBK", "方正书宋简体"),
}

# Measured from what Word and WPS write: a size within 0.25 pt (half-points are exact), an indent
# within half a character, the line pitch between the whole points either side of the one that fits.
SIZE_TOLERANCE_PT = 0.25
INDENT_TOLERANCE_CHARS = 0.5

# The largest file the page reads: a 公文 is well under 1 MB, a scanned one with photos a few MB.
MAX_FILE_MB = 20

# Checks the standard's text does not state but every office follows; the page marks them as practice.
PRACTICE = "通行做法"


@dataclass(frozen=True)
class Check:
    """One thing the script checks: its id (the script's name for it), what the reader sees, the source."""

    id: str
    name: str
    expected: str
    clause: str
    section: str  # the format page's section that explains it
    practice: bool = False  # a common practice, not the standard's own words


def font_family(layout: Layout, font_id: str) -> dict[str, Any]:
    """A typeface as the script matches it: its standard name and every font name that counts as it."""
    names = [layout.font(font_id).word, *FONT_ALIASES.get(font_id, ())]
    return {"name": font_id, "fonts": list(dict.fromkeys(names))}


def text_style(layout: Layout, element_id: str) -> dict[str, Any]:
    element = layout.element(element_id)
    return {"family": element.font, "sizePt": layout.size_pt(element.size), "size": element.size}


def style_words(style: dict[str, Any]) -> str:
    """"3号仿宋体" as the standard words it."""
    return f"{style['size']}{style['family']}"


def checker_rules(layout: Layout) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready data: figures, typefaces, checks and their words."""
    page, margins, grid = layout.page, layout.page.margins, layout.grid
    title, body = text_style(layout, "title"), text_style(layout, "text")
    # 纪要's "出席：" label is in the attendance element's font, the names after it are body text.
    attendance = text_style(layout, "attendance")
    record = text_style(layout, "copy-to")
    page_number = text_style(layout, "page-number")
    levels = [
        {"marker": level.marker, "family": level.font, "sizePt": body["sizePt"], "size": body["size"]}
        for level in layout.levels.items
    ]
    block_height_pt = page.block.height * 72 / 25.4
    # Any pitch that still fits the standard's lines in the text block, from the whole point below the
    # layout's own pitch (28 pt for 28.95 pt) up to the exact fit (28.99 pt): "about 28–29 pt".
    pitch_low = math.floor(layout.line_pitch_pt)
    pitch_high = math.floor(block_height_pt / grid.lines * 100) / 100
    families = sorted({font.id for font in layout.fonts})

    def clause(element_id: str) -> str:
        return layout.element(element_id).clause

    mm = "、".join(f"{name} {value:g} mm" for name, value in (("上", margins.top), ("下", margins.bottom), ("左", margins.left), ("右", margins.right)))
    marker_words = "、".join(f"“{level['marker']}”" for level in levels)
    checks = [
        Check("page-size", "纸张", f"{page.paper}（{page.width:g} × {page.height:g} mm），纵向", f"GB/T 9704 §{page.clause}", "页面和版心"),
        Check("margins", "页边距", f"{mm}（误差 ±{page.tolerance:g} mm）", f"GB/T 9704 §{page.clause}", "页面和版心"),
        Check("grid-lines", "每面行数", f"文档网格每面 {grid.lines} 行", f"GB/T 9704 §{grid.clause}", "页面和版心"),
        Check("grid-chars", "每行字数", f"文档网格每行 {grid.chars} 字", f"GB/T 9704 §{grid.clause}", "页面和版心"),
        Check("line-spacing", "行距", f"每面 {grid.lines} 行，{body['size']}字的行距约 {pitch_low:g}–{pitch_high:g} 磅（固定值或文档网格）", f"GB/T 9704 §{grid.clause}", "页面和版心"),
        Check("title-font", "标题字体字号", style_words(title), clause("title"), "主体各要素"),
        Check("title-align", "标题位置", "居中", clause("title"), "主体各要素"),
        Check("title-punctuation", "标题末尾标点", "标题末尾不加句号、逗号等标点（引号、括号、书名号除外）", PRACTICE, "主体各要素", practice=True),
        Check("body-font", "正文字体字号", style_words(body), clause("text"), "页面和版心"),
        Check("heading-font", "层次标题字体", "；".join(f"“{level['marker']}”{level['size']}{level['family']}" for level in levels), layout.levels.clause, "正文的层次序数"),
        Check("heading-order", "层次顺序", f"依次用 {marker_words}，下一层排在上一层之内", layout.levels.clause, "正文的层次序数"),
        Check("attendance-font", "出席、请假、列席", f"“出席：”等用{style_words(attendance)}，名单用{style_words(body)}", clause("attendance"), "纪要的特殊格式"),
        Check("heading-skip", "层次跳级", "按顺序使用，不跳级（只有两层时用前两层）", PRACTICE, "正文的层次序数", practice=True),
        Check("doc-number", "发文字号", "年份用六角括号〔〕标全，序号不编虚位、不加“第”，如 ×发〔2024〕5号", clause("doc-number"), "版头各要素"),
        Check("date-form", "日期写法", "阿拉伯数字标全年、月、日，月、日不编虚位，如 2024年3月5日", clause("date"), "主体各要素"),
        Check("date-position", "成文日期位置", "右空四字（右缩进 4 个字）", clause("date"), "主体各要素"),
        Check("attachment-note", "附件说明", "“附件：”用全角冒号，多个附件写“1.××”，名称后不加标点", clause("attachment-note"), "主体各要素"),
        Check("copy-to", "抄送机关", "“抄送：”后机关之间用逗号，最后用句号", clause("copy-to"), "版记和页码"),
        Check("record-font", "版记字体字号", style_words(record), clause("copy-to"), "版记和页码"),
        Check("page-number", "页码形式", "阿拉伯数字左右各加一条一字线，如“— 1 —”", clause("page-number"), "版记和页码"),
        Check("page-number-font", "页码字体字号", f"{page_number['size']}半角{page_number['family']}", clause("page-number"), "版记和页码"),
        Check("page-number-position", "页码位置", "单页码居右空一字，双页码居左空一字（奇偶页不同）", clause("page-number"), "版记和页码"),
        Check("cjk-spacing", "中文与数字、字母间的空格", "中文与数字、字母之间不加空格", PRACTICE, "页面和版心", practice=True),
        Check("halfwidth-punctuation", "半角标点", "中文里用全角标点：，；：？！（）", "GB/T 15834-2011《标点符号用法》", "页面和版心"),
    ]
    return {
        "page": {
            "widthMm": page.width, "heightMm": page.height, "toleranceMm": page.tolerance,
            "margins": {"top": margins.top, "bottom": margins.bottom, "left": margins.left, "right": margins.right},
        },
        "grid": {"lines": grid.lines, "chars": grid.chars},
        "lineSpacingPt": [pitch_low, pitch_high],
        "maxMb": MAX_FILE_MB,
        "sizeTolerancePt": SIZE_TOLERANCE_PT,
        "indentToleranceChars": INDENT_TOLERANCE_CHARS,
        "families": {family: font_family(layout, family)["fonts"] for family in families},
        "title": title,
        "body": body,
        "levels": levels,
        "attendance": attendance,
        "sizeNames": {f"{size.pt:g}": size.id for size in layout.sizes},
        "record": record,
        "pageNumber": {**page_number, "odd": "right", "even": "left", "indentChars": 1},
        "date": {"rightIndentChars": 4},
        "checks": {check.id: {"name": check.name, "expected": check.expected, "clause": check.clause,
                              "section": check.section, "practice": check.practice} for check in checks},
    }


def checks_table(rules: dict[str, Any]) -> list[dict[str, Any]]:
    """The checks in the order the page lists them (the order of ``checker_rules``)."""
    return [{"id": check_id, **check} for check_id, check in rules["checks"].items()]

