"""A 通知 with every part the format check looks at, written as the handbook's Word templates are.

It is a sample (handbook.samples) written by the templates' own writer (handbook.wordtemplates), so the
tests' correct document is a template: all four heading levels, two attachments, a 版记 with two bodies
copied to and page numbers. The benchmark checks it with its body repeated to fill 10 pages; the tests
break one rule at a time in it and expect the format check to name that rule and paragraph only.
"""

from __future__ import annotations

from pathlib import Path

from handbook.layout import LAYOUT_FILE, Layout, load_layout
from handbook.samples import Sample
from handbook.schema import build
from handbook.wordtemplates import WordWriter

ROOT = Path(__file__).resolve().parent.parent

TEXT = [
    {"p": "为抓好今年春耕生产，确保粮食播种面积稳定在35万亩以上，现将有关事项通知如下。"},
    {"h1": "一、总体要求"},
    {"p": "坚持稳面积、提单产，落实各项支农政策，把春耕生产各项工作抓实抓细。"},
    {"h2": "（一）加强组织领导。", "then": "各乡镇要成立春耕生产工作专班，主要负责同志亲自抓。"},
    {"h3": "1.明确责任分工"},
    {"p": "专班要把任务分解到村、到户，3月15日前报县农业农村局备案。"},
    {"h4": "（1）建立工作台账"},
    {"p": "台账逐户登记播种品种和面积，每周更新一次。"},
    {"h2": "（二）保障农资供应。", "then": "要组织农资企业做好化肥、种子的调运和储备。"},
    {"h1": "二、工作要求"},
    {"p": "各单位要加强督促检查，发现问题及时协调解决，重大情况及时报告。"},
]


def notice(repeat: int = 1) -> Sample:
    """The 通知 as a sample; ``repeat`` times its body text, for a long document."""
    data = {
        "id": "format-check", "name": "格式自查用通知", "type": "通知", "layout": "通用", "summary": "格式自查的测试文件。",
        "playbook": "banwen/format-check.md",
        "header": {"masthead": "××县农业农村局文件", "number": "×农发〔2024〕5号"},
        "body": {
            "title": "××县农业农村局\n关于做好春耕生产工作的通知",
            "addressee": "各乡镇人民政府，县直有关单位：",
            "text": TEXT * repeat,
            "attachment_note": ["春耕生产工作任务分解表", "农资供应点名单"],
            "signature": "××县农业农村局",
            "date": "2024年3月5日",
            "seal": True,
            "annotation": "（联系人：王××，电话：1234567）",
        },
        "footer": {"copy_to": "县委办公室，县政府办公室。", "issued_by": "××县农业农村局办公室", "issued_date": "2024年3月5日"},
    }
    sample, problems = build(Sample, data)
    assert not problems, problems  # a defect in the data above
    return sample


def project_layout() -> Layout:
    return load_layout(ROOT / LAYOUT_FILE)


def notice_document(layout: Layout | None = None, repeat: int = 1):
    """The 通知 as a python-docx Document, to change before saving."""
    return WordWriter(layout or project_layout()).document(notice(repeat))


def write_notice(path: Path, layout: Layout | None = None, repeat: int = 1) -> Path:
    notice_document(layout, repeat).save(path)
    return path
