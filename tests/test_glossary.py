"""Glossary terms from docs/glossary.md explained on hover across the site."""

from __future__ import annotations

import markdown
import pytest

from support import ROOT
from handbook.glossary import GlossaryError, GlossaryExtension, load_glossary

REQUIRED_TERMS = """三办 办文 办会 办事 五关 三情 八办 上传下达 左右沟通 化解矛盾 五个坚持 四个本领 本领恐慌 版头 主体 版记
版心 天头 订口 主送 抄送 请示 报告 批复 纪要 会议记录 一文一事 越级行文 催办 督查督办 拟办 签发 发文字号 密级
逐项执行型 事后核对型 核对节点 带教人 备用金""".split()


def convert(text: str, terms: dict[str, str]) -> str:
    return markdown.Markdown(extensions=["tables", GlossaryExtension(terms)]).convert(text)


def test_the_glossary_page_defines_every_term_in_one_line():
    terms = load_glossary(ROOT / "docs/glossary.md")
    assert set(REQUIRED_TERMS) <= set(terms)
    assert all(0 < len(definition) <= 80 for definition in terms.values())


def test_repeated_term_is_an_error(tmp_path):
    page = tmp_path / "glossary.md"
    page.write_text("# 术语\n\n五关\n:   一\n\n五关\n:   二\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="glossary.md 第 6 行：术语“五关”重复定义"):
        load_glossary(page)


def test_first_use_in_running_chinese_text_is_explained():
    html = convert("把好五关，再把五关。", {"五关": "政治、政策、事实、格式、语言"})
    assert html == '<p>把好<abbr title="政治、政策、事实、格式、语言">五关</abbr>，再把五关。</p>'


def test_longer_term_wins_and_code_links_and_headings_are_left_alone():
    html = convert("# 会议记录\n\n`记录` [会议记录](x.md) 会议记录和记录\n", {"会议记录": "甲", "记录": "乙"})
    assert "<h1>会议记录</h1>" in html and "<code>记录</code>" in html and '<a href="x.md">会议记录</a>' in html
    assert '<abbr title="甲">会议记录</abbr>和<abbr title="乙">记录</abbr>' in html


def test_first_use_is_found_in_reading_order_across_nested_elements_and_the_text_after_them():
    terms = {"公文": "甲", "催办": "乙", "报告": "丙"}
    html = convert("先看[链接](x.md)后的公文和**加粗的催办、公文**，再写报告。\n\n- 列表里的报告和催办\n", terms)
    assert html == (
        '<p>先看<a href="x.md">链接</a>后的<abbr title="甲">公文</abbr>和<strong>加粗的<abbr title="乙">催办</abbr>、公文</strong>，'
        '再写<abbr title="丙">报告</abbr>。</p>\n<ul>\n<li>列表里的报告和催办</li>\n</ul>'
    )


def test_a_page_without_text_or_terms_is_left_as_it_is():
    assert convert("", {"公文": "甲"}) == ""
    assert convert("没有术语。", {"公文": "甲"}) == "<p>没有术语。</p>"


def test_definitions_are_escaped():
    html = convert("五关", {"五关": '"><script>x</script>'})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_built_pages_explain_terms(site_build):
    html = (site_build.site / "banwen/review/index.html").read_text(encoding="utf-8")
    assert '<abbr title="' in html and ">五关</abbr>" in html
