"""公文格式自查: the rules made from the layout data, and the page's check of real .docx files.

The fixtures are written by python-docx in the templates' layout (bench/notice.py), by LibreOffice,
and by hand in the XML forms WPS writes. A correct document has no finding; each broken one is reported
with its rule and paragraph and nothing else. The checks run in Chromium, through the page's own script.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from bench.notice import notice_document, project_layout, write_notice
from handbook.formatcheck import FORMAT_PAGE, checker_rules
from handbook.samples import BLANK_LAYOUTS, SAMPLES_DIR, load_samples
from handbook.wordtemplates import write_word_files
from support import ROOT

LAYOUT = project_layout()
RULES = checker_rules(LAYOUT)
PAGE = "banwen/format-check/"


# ---------- The rules, from the layout data (fast) ----------


def test_rules_take_every_figure_from_the_layout_data():
    margins = LAYOUT.page.margins
    assert RULES["page"]["margins"] == {"top": margins.top, "bottom": margins.bottom, "left": margins.left, "right": margins.right}
    assert RULES["grid"] == {"lines": LAYOUT.grid.lines, "chars": LAYOUT.grid.chars}
    assert RULES["body"]["sizePt"] == LAYOUT.size_pt(LAYOUT.element("text").size)
    assert RULES["title"]["family"] == LAYOUT.element("title").font
    assert [level["marker"] for level in RULES["levels"]] == [level.marker for level in LAYOUT.levels.items]
    assert LAYOUT.font(LAYOUT.element("text").font).word in RULES["families"][LAYOUT.element("text").font]
    # 28.95 pt (the layout's pitch) lies in the line-spacing range, which is "about 28–29 pt".
    low, high = RULES["lineSpacingPt"]
    assert low <= LAYOUT.line_pitch_pt <= high and (low, high) == (28, 28.99)


def test_a_changed_figure_in_the_layout_data_changes_the_rules():
    wider = dataclasses.replace(LAYOUT.page, margins=dataclasses.replace(LAYOUT.page.margins, left=30, right=24))
    changed = checker_rules(dataclasses.replace(LAYOUT, page=wider, grid=dataclasses.replace(LAYOUT.grid, lines=20)))
    assert changed["page"]["margins"]["left"] == 30 and changed["grid"]["lines"] == 20
    assert "左 30 mm" in changed["checks"]["margins"]["expected"] and "20 行" in changed["checks"]["grid-lines"]["expected"]


def test_every_check_links_to_a_section_of_the_format_page():
    headings = set(re.findall(r"^## (.+)$", (ROOT / "docs" / FORMAT_PAGE).read_text(encoding="utf-8"), re.M))
    assert {check["section"] for check in RULES["checks"].values()} <= headings
    json.dumps(RULES)  # the page carries them as JSON


# ---------- Documents ----------


def docx_bytes(document) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def good_document():
    return notice_document(LAYOUT)


def paragraphs(document):
    """The body's paragraphs, then those of its tables (the 版记 is one)."""
    return [*document.paragraphs, *(p for table in document.tables for cell in table._cells for p in cell.paragraphs)]


def paragraph(document, start: str):
    """The paragraph whose text is ``start``, else the first that starts with it."""
    exact = [p for p in paragraphs(document) if p.text == start]
    return exact[0] if exact else next(p for p in paragraphs(document) if p.text.startswith(start))


def east_asian(run, font: str) -> None:
    """Give a run its own East Asian font (w:rFonts w:eastAsia), as a writer's direct formatting does."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def footer_paragraph(document, even: bool = False):
    section = document.sections[0]
    return (section.even_page_footer if even else section.footer).paragraphs[0]


def set_text(paragraph_, text: str) -> None:
    for run in paragraph_.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph_.runs[0].text = text


def reorder_heading(document, start: str, text: str, font: str | None = None) -> None:
    target = paragraph(document, start)
    set_text(target, text)
    if font:
        east_asian(target.runs[0], font)


TITLE = "××县农业农村局\n"

# Each: how to break the correct 通知, the check that must name it, and the paragraph it must name.
BROKEN = {
    "paper-2mm-wide": (lambda d: setattr(d.sections[0], "page_width", Mm(212)), "page-size", "全文"),
    "binding-on-the-right": (lambda d: [setattr(d.sections[0], "left_margin", Mm(26)), setattr(d.sections[0], "right_margin", Mm(28))], "margins", "全文"),
    "grid-pitch": (lambda d: d.sections[0]._sectPr.find(qn("w:docGrid")).set(qn("w:linePitch"), "312"), "grid-lines", "全文"),
    "no-character-spacing": (lambda d: d.styles["Normal"].element.rPr.remove(d.styles["Normal"].element.rPr.find(qn("w:spacing"))), "grid-chars", "全文"),
    "line-spacing-20pt": (lambda d: setattr(paragraph(d, "为抓好").paragraph_format, "line_spacing", Pt(20)), "line-spacing", "为抓好"),
    "title-in-heiti": (lambda d: east_asian(paragraph(d, TITLE).runs[0], "黑体"), "title-font", "××县农业农村局 关于"),
    "title-left": (lambda d: setattr(paragraph(d, TITLE).paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT), "title-align", "××县农业农村局 关于"),
    "title-full-stop": (lambda d: paragraph(d, TITLE).add_run("。"), "title-punctuation", "××县农业农村局 关于"),
    "body-in-songti": (lambda d: east_asian(paragraph(d, "坚持稳面积").runs[0], "宋体"), "body-font", "坚持稳面积"),
    "body-in-small-4": (lambda d: setattr(paragraph(d, "各单位要加强").runs[0].font, "size", Pt(12)), "body-font", "各单位要加强"),
    "heading-1-in-fangsong": (lambda d: east_asian(paragraph(d, "一、总体").runs[0], "仿宋_GB2312"), "heading-font", "一、总体要求"),
    "heading-2-in-heiti": (lambda d: east_asian(paragraph(d, "（一）加强").runs[0], "黑体"), "heading-font", "（一）加强组织领导"),
    "heading-reversed": (lambda d: reorder_heading(d, "（1）建立", "（一）建立工作台账", "楷体_GB2312"), "heading-order", "（一）建立工作台账"),
    "heading-skipped": (lambda d: reorder_heading(d, "1.明确", "（1）明确责任分工"), "heading-skip", "（1）明确责任分工"),
    "number-square-brackets": (lambda d: set_text(paragraph(d, "×农发"), "×农发【2024】5号"), "doc-number", "×农发【2024】5号"),
    "number-leading-zero": (lambda d: set_text(paragraph(d, "×农发"), "×农发〔2024〕05号"), "doc-number", "×农发〔2024〕05号"),
    "number-with-di": (lambda d: set_text(paragraph(d, "×农发"), "×农发〔2024〕第5号"), "doc-number", "×农发〔2024〕第5号"),
    "date-in-chinese-numerals": (lambda d: set_text(paragraph(d, "2024年3月5日"), "二〇二四年三月五日"), "date-form", "二〇二四年三月五日"),
    "date-leading-zeros": (lambda d: set_text(paragraph(d, "2024年3月5日"), "2024年03月05日"), "date-form", "2024年03月05日"),
    "date-dotted": (lambda d: set_text(paragraph(d, "2024年3月5日"), "2024.3.5"), "date-form", "2024.3.5"),
    "date-flush-right": (lambda d: setattr(paragraph(d, "2024年3月5日").paragraph_format, "right_indent", Pt(0)), "date-position", "2024年3月5日"),
    "attachment-half-colon": (lambda d: set_text(paragraph(d, "附件："), "附件:1.春耕生产工作任务分解表"), "attachment-note", "附件:1.春耕"),
    "attachment-full-stop": (lambda d: set_text(paragraph(d, "\u3000\u3000\u30002.农资"), "\u3000\u3000\u30002.农资供应点名单。"), "attachment-note", "2.农资供应点名单。"),
    "copy-to-enumeration-comma": (lambda d: set_text(paragraph(d, "抄送"), "抄送：县委办公室、县政府办公室。"), "copy-to", "抄送：县委办公室、"),
    "copy-to-no-full-stop": (lambda d: set_text(paragraph(d, "抄送"), "抄送：县委办公室，县政府办公室"), "copy-to", "抄送：县委办公室，"),
    "record-in-3": (lambda d: setattr(paragraph(d, "抄送").runs[0].font, "size", Pt(16)), "record-font", "抄送：县委办公室，"),
    "page-number-hyphens": (lambda d: [setattr(footer_paragraph(d).runs[0], "text", "- "), setattr(footer_paragraph(d).runs[-1], "text", " -")], "page-number", "单页页脚"),
    "page-number-small-4": (lambda d: setattr(d.styles["页码"].font, "size", Pt(12)), "page-number-font", "单页页脚"),
    "even-page-number-right": (lambda d: setattr(footer_paragraph(d, even=True).paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.RIGHT), "page-number-position", "双页页脚"),
    "no-odd-and-even-pages": (lambda d: setattr(d.settings, "odd_and_even_pages_header_footer", False), "page-number-position", "页脚"),
    "space-before-digits": (lambda d: set_text(paragraph(d, "为抓好"), "为抓好今年春耕生产，确保粮食播种面积稳定在 35 万亩以上。"), "cjk-spacing", "为抓好"),
    "half-width-comma": (lambda d: set_text(paragraph(d, "坚持稳面积"), "坚持稳面积、提单产,落实各项支农政策。"), "halfwidth-punctuation", "坚持稳面积"),
}


def long_signature_with_the_date_centred_under_it(document) -> None:
    char = LAYOUT.page.block.width * 72 / 25.4 / LAYOUT.grid.chars
    signature = [p for p in document.paragraphs if p.text == "××县农业农村局"][-1]
    set_text(signature, "××县农业农村局××县财政局")  # 14 characters, right 2
    signature.paragraph_format.right_indent = Pt(2 * char)
    # "2024年3月5日" is 6 characters wide (digits are half): centred under the signature, right 2 + 7 − 3.
    paragraph(document, "2024年3月5日").paragraph_format.right_indent = Pt(6 * char)


def numbered_sentences(document) -> None:
    for start, text in (("为抓好", "一、同意将今年第一批农机购置补贴的兑付时间由4月30日调整为5月20日，以便完成机具核验。"),
                        ("坚持稳面积", "二、你局要在4月10日前向申请农户发出调整告知，说明原因和新的兑付时间。")):
        set_text(paragraph(document, start), text)
    for start in ("一、总体", "二、工作"):
        set_text(paragraph(document, start), "三、" + start[2:] if start == "一、总体" else "四、工作要求")


# Documents that are right in ways the checks must not mistake for errors.
CORRECT = {
    "single-attachment-named-with-a-year": lambda d: [set_text(paragraph(d, "附件："), "附件：2024年春耕生产工作任务分解表"), paragraph(d, "\u3000\u3000\u30002.")._p.getparent().remove(paragraph(d, "\u3000\u3000\u30002.")._p)],
    "date-centred-under-a-long-signature": long_signature_with_the_date_centred_under_it,
    "numbered-sentences-of-a-pifu-in-fangsong": numbered_sentences,
    "half-width-digits-and-times": lambda d: set_text(paragraph(d, "专班要把"), "专班要在3月15日9:30前把任务分解到村、到户，完成率达到100%。"),
}


@pytest.mark.parametrize("name", CORRECT)
def test_a_correct_variant_has_no_finding(checker, name):
    document = good_document()
    CORRECT[name](document)
    assert checker(docx_bytes(document)) == {"findings": [], "unchecked": []}


@pytest.fixture(scope="module")
def checker(browser, site_url):
    """The format-check page in Chromium; ``checker(bytes, name)`` runs the page's check on a file's bytes."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-format-check][data-ready]", state="attached")

    def check(data: bytes, name: str = "通知.docx") -> dict:
        return page.evaluate(
            """async ([b64, name]) => {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                const rules = JSON.parse(document.querySelector('[data-format-check]').dataset.rules);
                return OfficeHandbook.formatCheck.checkBytes(bytes, name, rules);
            }""",
            [base64.b64encode(data).decode("ascii"), name],
        )

    yield check
    context.close()
    assert errors == []


def found(result: dict) -> list[tuple[str, str]]:
    return [(finding["check"], finding["paragraph"]) for finding in result["findings"]]


def test_every_word_template_and_sample_has_no_finding(checker, tmp_path):
    """The templates (issue 17) and the checker agree; a finding names the rule on which one of them is wrong."""
    samples = load_samples(ROOT / SAMPLES_DIR, {element.id for element in LAYOUT.elements})
    files = write_word_files(samples, LAYOUT, tmp_path)
    assert len(files) == len(samples) + len(BLANK_LAYOUTS)
    results = {path.name: checker(path.read_bytes()) for path in files}
    assert {name: [(f["check"], f["paragraph"], f["found"]) for f in result["findings"]] for name, result in results.items() if result["findings"]} == {}
    # Only the attachment pages are left unchecked (their fonts), and only in the samples that have them.
    unchecked = {item["what"] for result in results.values() for item in result["unchecked"]}
    assert unchecked <= {"附件"}


def test_a_jiyao_attendance_label_in_the_wrong_font_is_reported(checker, tmp_path):
    samples = load_samples(ROOT / SAMPLES_DIR, {element.id for element in LAYOUT.elements})
    (path,) = write_word_files({"jiyao": samples["jiyao"]}, LAYOUT, tmp_path)[:1]
    document = Document(path)
    east_asian(paragraph(document, "出席").runs[0], LAYOUT.font(LAYOUT.element("text").font).word)
    assert [(f["check"], f["paragraph"][:3]) for f in checker(docx_bytes(document))["findings"]] == [("attendance-font", "出席：")]


def test_a_correct_document_has_no_finding(checker):
    assert checker(docx_bytes(good_document())) == {"findings": [], "unchecked": []}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_rule_is_reported_with_its_paragraph_and_nothing_else(checker, name):
    breaking, check, where = BROKEN[name]
    document = good_document()
    breaking(document)
    result = checker(docx_bytes(document))
    assert len(result["findings"]) == 1, result
    finding = result["findings"][0]
    assert (finding["check"], finding["paragraph"].startswith(where)) == (check, True), finding
    assert finding["expected"] == RULES["checks"][check]["expected"] and finding["clause"] == RULES["checks"][check]["clause"]
    assert result["unchecked"] == []


def test_stored_zip_entries_and_a_ten_page_document_check_the_same(checker, tmp_path):
    written = write_notice(tmp_path / "long.docx", LAYOUT, repeat=12)
    stored = tmp_path / "stored.docx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
    assert {info.compress_type for info in zipfile.ZipFile(stored).infolist()} == {zipfile.ZIP_STORED}
    assert checker(stored.read_bytes()) == checker(written.read_bytes()) == {"findings": [], "unchecked": []}


def test_tables_and_text_boxes_are_listed_as_unchecked_not_passed(checker):
    document = good_document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "乡镇"
    table.cell(0, 1).text = "播种面积（万亩）"
    # Into the body, before the date.
    paragraph(document, "2024年3月5日")._p.addprevious(table._tbl)
    # A text box (VML, as Word and WPS write one) in a body paragraph.
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:100pt;height:40pt"><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>框里的字用了 Arial</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
    )
    paragraph(document, "各单位要加强")._p.append(box)
    result = checker(docx_bytes(document))
    assert result["findings"] == []
    assert sorted((item["what"], item["paragraph"][:6]) for item in result["unchecked"]) == [("文本框", "各单位要加强"), ("表格", "乡镇 播种面")]


# ---------- Files from other software ----------


def test_a_document_saved_by_libreoffice_checks_the_same(checker, tmp_path):
    source = write_notice(tmp_path / "通知.docx", LAYOUT)
    out = tmp_path / "libreoffice"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    saved = (out / "通知.docx").read_bytes()
    assert b"LibreOffice" in zipfile.ZipFile(out / "通知.docx").read("docProps/app.xml")
    assert checker(saved) == {"findings": [], "unchecked": []}


WPS = Path(__file__).parent / "data" / "wps"


def wps_docx(tmp_path: Path, replace: dict[str, str] | None = None) -> bytes:
    """A .docx made of XML in the forms WPS writes (tests/data/wps): theme fonts in the defaults, East Asian
    fonts only in styles (runs carry w:hint only), exact line spacing and no document grid, automatic
    heading numbers from numbering.xml, and PAGE as a complex field."""
    path = tmp_path / "wps.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(WPS.rglob("*")):
            if part.is_file():
                text = part.read_text(encoding="utf-8")
                for old, new in (replace or {}).items():
                    text = text.replace(old, new)
                archive.writestr(part.relative_to(WPS).as_posix(), text)
    return path.read_bytes()


def test_xml_in_the_forms_wps_writes_checks_clean(checker, tmp_path):
    assert checker(wps_docx(tmp_path)) == {"findings": [], "unchecked": []}


def test_wps_theme_font_and_automatic_numbers_are_resolved(checker, tmp_path):
    # The body's East Asian font comes from the theme: a theme of 宋体 is a body in 宋体.
    result = checker(wps_docx(tmp_path, {'<a:font script="Hans" typeface="仿宋_GB2312"/>': '<a:font script="Hans" typeface="宋体"/>'}))
    assert [(f["check"], f["found"]) for f in result["findings"]] == [("body-font", "3号宋体"), ("record-font", "4号宋体")]
    # Automatic numbers "一、" then "（一）": numbered the other way round, they are reversed.
    result = checker(wps_docx(tmp_path, {'w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>': 'w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'}))
    assert ("heading-order", "（一）工作目标") in found(result) or ("heading-skip", "1.总体要求") in found(result), result


# ---------- The page: bad input, markup in a document, no upload, no script ----------


def ole_file(streams: list[str]) -> bytes:
    """An OLE compound file's signature and a directory naming ``streams`` (all the page looks at)."""
    directory = b"".join(name.encode("utf-16-le") + b"\0\0" for name in streams)
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + directory + b"\0" * 512


def zip_of(parts: dict[str, bytes]) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def broken_xml() -> bytes:
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(docx_bytes(good_document()))) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"</w:bod>")
    return zip_of(parts)


# A file whose XML does not parse: Chromium's parser writes its error as an element with a style
# attribute, which the site's CSP blocks and reports. That report is the browser's, not the page's,
# so this file is tried in a context of its own (test_broken_xml_gets_a_clear_message).
BAD_INPUTS = {
    "不是压缩包.docx": (lambda: "这是一段纯文本，不是 Word 文档。".encode("utf-8"), "不是 .docx"),
    "旧版.doc": (lambda: ole_file(["Root Entry", "WordDocument", "1Table"]), "旧版 Word 的 .doc 文件"),
    "通知.wps": (lambda: ole_file(["Root Entry", "WordDocument"]), "WPS 文字的 .wps 文件"),
    "加密.docx": (lambda: ole_file(["Root Entry", "EncryptionInfo", "EncryptedPackage"]), "设置了打开密码"),
    "表格.docx": (lambda: zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "没有 word/document.xml"),
}


def pick(page, tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    message = page.locator("[data-format-message]")
    # The last file's message goes first, so that the wait is for this file's, never a stale one.
    message.evaluate("element => { element.textContent = ''; }")
    page.set_input_files("#format-check-file", str(path))
    page.wait_for_function("() => { const text = document.querySelector('[data-format-message]').textContent;"
                           " return text !== '' && !text.startsWith('正在检查'); }")
    # Pick the next file afresh: the same file twice fires no change event.
    page.locator("#format-check-file").evaluate("element => { element.value = ''; }")
    return message.inner_text()


def test_bad_files_get_a_clear_message_and_no_report(page, site_url, tmp_path):
    page.goto(site_url + PAGE)
    report = page.locator("[data-format-report]")
    # A good file first, so a report is showing when each bad one is picked: it must go away.
    assert pick(page, tmp_path, "正确.docx", docx_bytes(good_document())).startswith("检查完毕")
    for name, (make, words) in BAD_INPUTS.items():
        pick(page, tmp_path, "正确.docx", docx_bytes(good_document()))
        assert report.is_visible()
        message = pick(page, tmp_path, name, make())
        assert words in message, (name, message)
        assert not report.is_visible(), name
    assert "另存为" in pick(page, tmp_path, "旧版.doc", ole_file(["WordDocument"]))
    big = tmp_path / "大文件.docx"
    with big.open("wb") as file:
        file.truncate((RULES["maxMb"] + 1) * 1024 * 1024)
    page.set_input_files("#format-check-file", str(big))
    page.wait_for_function("() => document.querySelector('[data-format-message]').textContent.includes('超过')")
    assert f"{RULES['maxMb']} MB" in page.locator("[data-format-message]").inner_text() and not report.is_visible()


def test_broken_xml_gets_a_clear_message(browser, site_url, tmp_path):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + PAGE)
    message = pick(page, tmp_path, "损坏.docx", broken_xml())
    assert "word/document.xml 不是有效的 XML" in message and not page.locator("[data-format-report]").is_visible()
    context.close()
    assert errors == []


def test_a_browser_without_decompression_streams_is_told_so(page, site_url, tmp_path):
    page.goto(site_url + PAGE)
    page.evaluate("delete window.DecompressionStream")
    assert "Chromium 80" in pick(page, tmp_path, "通知.docx", docx_bytes(good_document()))


def test_markup_in_a_document_shows_as_text(page, site_url, tmp_path):
    document = good_document()
    set_text(paragraph(document, "坚持稳面积"), "<b>粗</b><img src=x>坚持稳面积")
    east_asian(paragraph(document, "<b>").runs[0], "宋体")
    page.goto(site_url + PAGE)
    pick(page, tmp_path, "<img src=x onerror=alert(2)>.docx", docx_bytes(document))
    cells = page.locator("[data-format-findings] td")
    assert cells.first.inner_text().startswith("<b>粗</b><img src=x>")
    assert page.locator("[data-format-report] img, [data-format-report] b").count() == 0
    assert "<img src=x onerror=alert(2)>.docx" in page.locator("[data-format-file-name]").inner_text()


def test_no_request_carries_the_file(page, site_url, tmp_path):
    requests: list[tuple[str, str, bytes | None]] = []
    page.on("request", lambda request: requests.append((request.method, request.url, request.post_data_buffer)))
    page.goto(site_url + PAGE)
    page.wait_for_load_state("networkidle")
    loaded = len(requests)
    assert all(method == "GET" and url.startswith(site_url) and body is None for method, url, body in requests)
    document = good_document()
    set_text(paragraph(document, "坚持稳面积"), "坚持稳面积 A 提单产")
    message = pick(page, tmp_path, "通知.docx", docx_bytes(document))
    page.locator("[data-action=copy]").click()
    page.wait_for_timeout(200)
    assert message.startswith("检查完毕") and page.locator("[data-format-findings] tr").count() == 1
    assert requests[loaded:] == []


def test_the_report_can_be_copied_as_text(page, site_url, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + PAGE)
    document = good_document()
    set_text(paragraph(document, "2024年3月5日"), "2024.3.5")
    pick(page, tmp_path, "通知.docx", docx_bytes(document))
    page.locator("[data-action=copy]").click()
    page.wait_for_function("() => document.querySelector('[data-format-copy-status]').textContent !== ''")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("公文格式自查结果：通知.docx") and "日期写法" in text and "2024.3.5" in text
    assert RULES["checks"]["date-form"]["clause"] in text


def test_without_the_clipboard_api_the_report_is_copied_through_a_text_box(page, site_url, tmp_path):
    # Plain-http intranet sites have no navigator.clipboard: the page copies from a hidden text box instead.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + PAGE)
    page.evaluate("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    document = good_document()
    set_text(paragraph(document, "2024年3月5日"), "2024.3.5")
    pick(page, tmp_path, "通知.docx", docx_bytes(document))
    page.locator("[data-action=copy]").click()
    assert page.locator("[data-format-copy-status]").inner_text().startswith("已复制")
    reader = page.context.new_page()
    reader.goto(site_url + PAGE)
    text = reader.evaluate("navigator.clipboard.readText()")
    assert text.startswith("公文格式自查结果：通知.docx") and "2024.3.5" in text
    assert page.locator(".format-check__copy-box").count() == 0


def test_without_javascript_the_page_says_so_and_links_the_format_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    notice = page.locator("[data-no-script]")
    assert notice.is_visible() and "JavaScript" in notice.inner_text()
    assert notice.locator("a").get_attribute("href") == "../format/"
    assert not page.locator("#format-check-file").is_visible()
    # The list of checks is readable without the script.
    assert page.locator(".format-check__checks tbody tr").count() == len(RULES["checks"])
    context.close()


def test_the_tool_works_after_instant_navigation_from_the_format_page(page, engine_url, tmp_path):
    page.goto(engine_url + "banwen/format/")
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='format-check/']").first.click()
    page.wait_for_selector("[data-format-check][data-ready]", state="attached")
    assert page.evaluate("window.__sameDocument") is True, "the link loaded a new document, not an instant navigation"
    assert pick(page, tmp_path, "通知.docx", docx_bytes(good_document())).startswith("检查完毕")
    assert page.locator("[data-format-summary]").inner_text().startswith("没有发现")


def test_the_report_prints_alone_on_a4(page, site_url, tmp_path):
    from support import pdf_of, pdf_pages, pdf_text

    page.goto(site_url + PAGE)
    document = good_document()
    set_text(paragraph(document, "2024年3月5日"), "2024.3.5")
    pick(page, tmp_path, "通知.docx", docx_bytes(document))
    page.evaluate("document.documentElement.classList.add('format-check-printing')")
    pdf = pdf_of(page, tmp_path, "report")
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert pdf_pages(pdf) == 1
    assert "公文格式自查结果" in text and "2024.3.5" in text
    assert "本页检查的项目" not in text and "选择要自查" not in text
