"""Layout data, samples and Word templates: one source of figures, schema errors that name file, part and expectation,
and Word files measured after LibreOffice renders them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from handbook.layout import LAYOUT_FILE, LayoutDataError, fill_checklists, load_layout
from handbook.loading import load_checklists
from handbook.samples import SampleDataError, load_samples
from handbook.sheets import render_sample
from handbook.wordtemplates import write_word_files
from support import ROOT

LAYOUT = load_layout(ROOT / LAYOUT_FILE)
ELEMENTS = {element.id for element in LAYOUT.elements}
PT_PER_MM = 72 / 25.4


def changed_layout(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "layout.yml"
    text = (ROOT / LAYOUT_FILE).read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_bad_layout_file_names_file_entry_and_expectation(tmp_path):
    with pytest.raises(LayoutDataError) as error:
        load_layout(changed_layout(tmp_path, "  - {id: 3号, pt: 16}", "  - {id: 3号, pt: 十六}"), "data/layout.yml")
    assert "data/layout.yml › 字号 3号：pt：应为数字" in str(error.value)
    with pytest.raises(LayoutDataError) as error:
        load_layout(changed_layout(tmp_path, "top: 37, bottom: 35", "top: 38, bottom: 35"), "data/layout.yml")
    assert "上下页边距加版心高应等于纸高 297 mm" in str(error.value)


def test_page_checklist_sheets_and_word_file_read_the_same_figure(tmp_path):
    """Move the top margin in a fixture layout: the format table, the checklist, the sheets and the .docx all follow."""
    layout = load_layout(changed_layout(tmp_path, "top: 37, bottom: 35", "top: 40, bottom: 32"))
    from handbook.formatpage import render_layout_table

    assert "40 ± 1 mm" in render_layout_table(layout, "page")
    checklists = fill_checklists(load_checklists(ROOT / "checklists"), layout, "checklists")
    margins = next(item for item in checklists["doc-format"].items if item.id == "margins")
    assert margins.detail.startswith("天头 40 mm")
    samples = load_samples(ROOT / "samples", ELEMENTS)
    assert "--m-top:calc(40 * var(--mm))" in render_sample(samples["qingshi"], layout, "x.docx")
    (path, *_) = write_word_files({"qingshi": samples["qingshi"]}, layout, tmp_path / "out")
    assert round(docx.Document(path).sections[0].top_margin.mm, 1) == 40.0


def test_an_unknown_layout_placeholder_in_a_checklist_stops_the_build(tmp_path):
    (tmp_path / "x.yml").write_text(
        "id: x\ntitle: 测试\npurpose: 测试。\ntype: 事后核对型\npage: x.md\nphases:\n  - id: one\n    title: 一\n    items:\n"
        "      - id: a\n        text: 天头 {layout.page.margins.topp} mm\n", encoding="utf-8")
    with pytest.raises(LayoutDataError) as error:
        fill_checklists(load_checklists(tmp_path), LAYOUT, "checklists")
    assert "checklists/x.yml › 阶段 one › 条目 a：text：{layout.page.margins.topp} 在 data/layout.yml 里没有这个数值" in str(error.value)


def bad_sample(tmp_path: Path, old: str, new: str) -> str:
    directory = tmp_path / "samples"
    directory.mkdir(exist_ok=True)
    text = (ROOT / "samples" / "qingshi.yml").read_text(encoding="utf-8")
    assert old in text
    (directory / "qingshi.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SampleDataError) as error:
        load_samples(directory, ELEMENTS)
    return str(error.value)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    - p: 妥否，请批示。\n", "", "samples/qingshi.yml：body.text：请示的最后一段应是请示事项的结语，如“妥否，请批示。”"),
    ("  addressee: ××县人民政府：\n", "", "samples/qingshi.yml：body.addressee（主送机关）：请示必须有这一部分"),
    ("  signer: 李××\n", "  signer: 李××\n  sender: 张××\n", "samples/qingshi.yml：header.sender：未知字段（是否拼错？）"),
    ("layout: 通用", "layout: 信函", "samples/qingshi.yml：layout：请示用通用格式"),
    ("    - p: 目前项目", "    - h2: （一）资金缺口\n    - p: 目前项目", "samples/qingshi.yml › 第 2 个段：h2：正文的第一个标题应是一级标题“一、”"),
])
def test_a_bad_sample_names_file_part_and_expectation(tmp_path, old, new, message):
    assert message in bad_sample(tmp_path, old, new)


def test_every_sample_has_a_page_in_the_nav_and_a_link_from_its_playbook():
    samples = load_samples(ROOT / "samples", ELEMENTS, ROOT / "docs")
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for sample in samples.values():
        page = ROOT / "docs" / "samples" / f"{sample.id}.md"
        assert f'{{{{ sample("{sample.id}") }}}}' in page.read_text(encoding="utf-8")
        assert f"samples/{sample.id}.md" in nav
        assert f'sample_link("{sample.id}")' in (ROOT / "docs" / sample.playbook).read_text(encoding="utf-8")


# The Word files, rendered by LibreOffice once for the module.


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every Word file the build writes, and its PDF from one LibreOffice run."""
    work = tmp_path_factory.mktemp("word")
    files = write_word_files(load_samples(ROOT / "samples", ELEMENTS), LAYOUT, work / "docx")
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is required: the README's test command installs libreoffice-writer-nogui"
    subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work / "pdf"), *map(str, files)], check=True, capture_output=True, timeout=180)
    return {path: work / "pdf" / f"{path.stem}.pdf" for path in files}


def pdf_lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each text line as (left, top, right in mm, text)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        lines = []
        for line in re.findall(r"<line (.*?)</line>", page, re.S):
            box = [float(value) / PT_PER_MM for value in re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', line).groups()]
            lines.append((*box, "".join(re.findall(r">([^<]*)</word>", line))))
        pages.append(lines)
    return pages


def test_every_word_file_reads_back_with_the_layout(rendered):
    for path in rendered:
        document = docx.Document(path)
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(value.mm) for value in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
        grid = section._sectPr.find(qn("w:docGrid"))
        assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")
        styles = document.styles
        for name, east_asian, size in (("标题", "方正小标宋简体", 22), ("正文", "仿宋_GB2312", 16), ("一级标题", "黑体", 16),
                                       ("二级标题", "楷体_GB2312", 16), ("抄送机关", "仿宋_GB2312", 14), ("页码", "宋体", 14)):
            fonts = styles[name].element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == east_asian, name
            assert styles[name].font.size.pt == size, name
        assert styles["正文"].element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
        assert document.settings.odd_and_even_pages_header_footer
        if path.name == "请示-样例.docx":  # a 上行文: the 签发人's name in 楷体 (§7.2.6)
            (number,) = [paragraph for paragraph in document.paragraphs if "签发人：" in paragraph.text]
            assert number.runs[-1].text == "李××"
            assert number.runs[-1]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"


def test_libreoffice_renders_the_grid_margins_title_and_page_numbers(rendered):
    pdf = next(pdf for path, pdf in rendered.items() if path.name == "请示-样例.docx")
    pages = pdf_lines(pdf)
    first = pages[0]
    body = [line for line in first if line[1] < 262]
    # A full first page: 22 rows, the last one 21 pitches under the first text row of page 2.
    top_of_page_two = min(line[1] for line in pages[1] if line[1] < 262)
    # The first row starts at the text block's top edge, 37 mm down; its characters sit centred in the row.
    assert top_of_page_two == pytest.approx(37 + (LAYOUT.line_pitch_pt - LAYOUT.body_pt) / PT_PER_MM / 2, abs=1)
    rows = sorted({round((line[1] - top_of_page_two) / (LAYOUT.line_pitch_pt / PT_PER_MM)) for line in body})
    assert rows[-1] == 21
    assert min(line[0] for line in body if line[3].startswith("农田")) == pytest.approx(28, abs=1)
    # A full line: the 28 character cells of the grid, broken where the typesetter breaks it.
    (full,) = [line for line in pages[1] if line[3] == "资金600万元，专项用于田间道路、灌排沟渠建设，按工程进度"]
    assert full[2] - full[0] == pytest.approx(156, abs=1.2)
    title = [line for line in first if line[3].startswith("××县农业农村局关于追加")][0]
    assert (title[0] + title[2]) / 2 == pytest.approx(28 + 156 / 2, abs=1.5)
    odd = [line for line in first if "—" in line[3]][0]
    even = [line for line in pages[1] if "—" in line[3]][0]
    assert odd[1] - 262 == pytest.approx(7, abs=1.5) and odd[2] == pytest.approx(210 - 26 - 14 / PT_PER_MM, abs=1)
    assert even[0] == pytest.approx(28 + 14 / PT_PER_MM, abs=1)



def test_every_word_file_ends_with_its_footer_block_on_the_last_row_of_its_last_page(rendered):
    """The 版记 sits at the foot of the last page, however many pages the text takes (请示 runs to three)."""
    samples = load_samples(ROOT / "samples", ELEMENTS)
    last_row_top = 37 + (LAYOUT.grid.lines - 1) * LAYOUT.line_pitch_pt / PT_PER_MM
    checked = 0
    for sample in samples.values():
        if sample.footer is None:
            continue
        pages = pdf_lines(rendered[next(path for path in rendered if path.name == sample.file_name)])
        body = [line for page in pages for line in page if line[1] < 262]
        lowest = max(body, key=lambda line: (pages.index(next(page for page in pages if line in page)), line[1]))
        assert lowest in pages[-1] and lowest[1] - last_row_top == pytest.approx(2.5, abs=1.5), (sample.id, lowest)
        checked += 1
    assert checked >= 10 and len(pages) >= 1


def test_a_letter_has_no_page_number_on_its_first_page(rendered):
    pages = pdf_lines(rendered[next(path for path in rendered if path.name == "函-样例.docx")])
    assert len(pages) >= 2
    assert not [line for line in pages[0] if "—" in line[3]]
    assert [line for line in pages[1] if line[3].replace(" ", "") == "—2—"]


def test_no_sentence_of_the_essays_is_copied_into_a_sample():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import seed_fingerprints

    fingerprints = set((ROOT / "tests/data/seed-fingerprints.txt").read_text(encoding="utf-8").split())
    copied = {path.name: runs for path in sorted((ROOT / "samples").glob("*.yml"))
              if (runs := [run for run in seed_fingerprints.runs(path.read_text(encoding="utf-8")) if seed_fingerprints.fingerprint(run) in fingerprints])}
    assert copied == {}


def test_a_sample_page_prints_its_sheets_at_true_scale_with_or_without_notes(page, site_url, tmp_path):
    page.goto(site_url + "samples/qingshi/")
    with_notes = tmp_path / "with.pdf"
    page.pdf(path=str(with_notes), prefer_css_page_size=True)
    page.get_by_label("打印时附上批注").uncheck()
    bare = tmp_path / "bare.pdf"
    page.pdf(path=str(bare), prefer_css_page_size=True)
    pitch = LAYOUT.line_pitch_pt / PT_PER_MM
    for pdf in (with_notes, bare):
        lines = [line for sheet in pdf_lines(pdf) for line in sheet]
        addressee = next(index for index, line in enumerate(lines) if line[3] == "××县人民政府：")
        assert lines[addressee][0] == pytest.approx(28, abs=1), "the text block's left edge is 28 mm from the paper's"
        # The row under it, one line pitch lower: the grid is printed at its true size.
        assert lines[addressee + 1][1] - lines[addressee][1] == pytest.approx(pitch, abs=0.3)
        first_row = next(line for line in lines if line[3].startswith("资金600万元"))
        assert first_row[1] == pytest.approx(37 + (pitch - LAYOUT.body_pt / PT_PER_MM) / 2, abs=1), "the text block's top edge is 37 mm down"
    text = lambda pdf: "".join(line[3] for sheet in pdf_lines(pdf) for line in sheet)  # noqa: E731
    assert "常见错误" in text(with_notes) and "常见错误" not in text(bare)
    # Without the notes, the sheets and nothing else: one A4 page each.
    assert len(pdf_lines(bare)) == page.locator(".sample-sheet").count() == 3


def test_the_built_site_holds_every_word_file_its_pages_link_to(site_build):
    """The download links are relative and point at files the build wrote: they work offline, from any folder."""
    from urllib.parse import unquote, urljoin

    linked = set()
    for page in ("samples/index.html", "samples/qingshi/index.html", "samples/han/index.html"):
        html = (site_build.site / page).read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+\.docx)"', html):
            assert not href.startswith(("/", "http")), href
            linked.add(unquote(urljoin(page, href)))
    files = {path.relative_to(site_build.site).as_posix() for path in (site_build.site / "downloads").glob("*.docx")}
    assert linked == files
    assert {"downloads/请示-样例.docx", "downloads/空白模板-通用格式.docx", "downloads/空白模板-信函格式.docx", "downloads/空白模板-纪要格式.docx"} <= files
