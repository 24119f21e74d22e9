"""The second engine (issue 6): Zensical builds the same sources, offline, and drops nothing silently.

The browser tests taking `engine_url` (tests/test_browser.py) check its pages work; these check the build.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from playwright.sync_api import expect

from bench.engines import one_zensical_at_a_time
from bench.server import free_port
from support import PAGES, ROOT, built_html, external_references

ENGINES_PAGE = ROOT / "docs" / "about" / "engines.md"
IGNORED = "Zensical 忽略："
# Zensical colours its messages even when they go to a pipe.
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def ignored_lines(text: str) -> set[str]:
    return {line.strip() for line in ANSI_COLOUR.sub("", text).splitlines() if line.strip().startswith(IGNORED)}


def test_zensical_names_exactly_what_it_ignores_as_the_engines_page_documents(zensical_build):
    documented = ignored_lines(ENGINES_PAGE.read_text(encoding="utf-8"))
    assert f"{IGNORED}插件 git-revision-date-localized" in documented
    assert ignored_lines(zensical_build.output) == documented


def test_zensical_build_has_no_warning(zensical_build):
    output = ANSI_COLOUR.sub("", zensical_build.output)
    assert "No issues found" in output  # Zensical's own link and anchor checks
    assert "Warning" not in output and "Error" not in output


def test_a_plugin_setting_or_hook_zensical_would_drop_is_named(fixture_project):
    fixture_project.page("index.md", "# 首页\n")
    extra = (
        "plugins:\n  - print-site\n  - search:\n      lang: zh\n"
        "validation:\n  nav:\n    omitted_files: warn\n  links:\n    anchors: warn\n    absolute_links: warn\n"
        "hooks:\n  - hooks.py\n"
    )
    build = fixture_project.build_with_zensical(extra)
    assert build.returncode == 0, build.output
    named = ignored_lines(build.output)
    assert {"插件 print-site", "插件 search 的选项 lang", "validation.nav", "validation.links.absolute_links", "hooks（MkDocs 钩子）"} <= {
        line.removeprefix(IGNORED) for line in named
    }
    assert f"{IGNORED}validation.links.anchors" not in named, "Zensical does check anchors"


def test_bad_checklist_data_stops_the_zensical_build_with_our_message(fixture_project):
    fixture_project.page("index.md", "# 首页\n")
    fixture_project.checklist("broken.yml", "id: broken\ntitle: 坏\npurpose: [\n")
    build = fixture_project.build_with_zensical()
    assert build.returncode != 0
    assert "清单数据有 1 处问题，构建已停止" in build.output
    assert "checklists/broken.yml：YAML 格式错误，第 4 行" in build.output


def test_zensical_site_references_no_external_host(zensical_build):
    assert zensical_build.site.joinpath("assets/javascripts/checklist.js").is_file()
    assert zensical_build.site.joinpath("assets/stylesheets/extra.css").is_file()
    assert external_references(zensical_build.site, urlsplit(zensical_build.url).netloc) == []


def test_every_page_has_its_checklists_glossary_terms_and_report_line(zensical_build, site_build):
    for page in PAGES:
        html, material = built_html(zensical_build.site, page), built_html(site_build.site, page)
        assert html.count('data-checklist="') == material.count('data-checklist="'), page
        assert html.count("<abbr title=") == material.count("<abbr title="), page
        assert "发现错误、过时或说不清的地方？请告诉办公室手册维护人" in html, page


# Words the reader sees in Zensical's search dialog: texts outside the results, and labels.
DIALOG_WORDS = """dialog => {
  const words = [dialog.getAttribute("aria-label")];
  const walker = document.createTreeWalker(dialog, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.TEXT_NODE) {
      if (!node.parentElement.closest("[role=listbox], style")) words.push(node.data.trim());
    } else words.push(node.getAttribute("aria-label"), node.getAttribute("placeholder"));
  }
  return words.filter(Boolean);
}"""


def test_zensical_search_dialog_speaks_chinese(page, zensical_url):
    page.goto(zensical_url)
    page.locator(".md-search__button").first.click()
    dialog = page.locator("dialog[open]")  # in Zensical's shadow root, which Playwright's CSS reaches
    for query, status in (("会议", r"^找到 \d+ 个符合条件的结果$"), ("ㄅㄆㄇㄈ", r"^没有找到符合条件的结果$")):
        dialog.locator("input[role=combobox]").fill(query)
        expect(dialog.locator("[role=status]")).to_have_text(re.compile(status), timeout=10_000)
        words = dialog.evaluate(DIALOG_WORDS)
        assert {"搜索", "关闭搜索", "筛选", "搜索结果", "标签"} <= set(words)
        assert [word for word in words if re.search(r"[A-Za-z]{2,}", word)] == []


# What a reader sees or hears on a page: its text lines and the labels of its elements.
READER_WORDS = """() => {
  const words = document.body.innerText.split("\\n");
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))
    for (const name of ["aria-label", "title", "placeholder", "alt"]) words.push(element.getAttribute(name) || "");
  return words;
}"""
# Words with Latin letters and no Chinese: "Permanent link", "Not found", "Filters".
ENGLISH_ONLY = re.compile(r"^(?=.*[A-Za-z]{3})[^\u4e00-\u9fff]*$")


@pytest.mark.parametrize("path", ["", "checklists/meeting/", "404.html"])
def test_reader_facing_words_are_chinese(page, engine_url, path):
    page.goto(f"{engine_url}{path}")
    assert [word for word in page.evaluate(READER_WORDS) if ENGLISH_ONLY.match(word.strip())] == []


def test_the_404_page_speaks_chinese(page, engine_url):
    page.goto(f"{engine_url}404.html")
    assert page.locator("article h1").inner_text() == "404：找不到这个页面"
    assert "Not found" not in page.locator("article").inner_text()
    page.locator("article").get_by_role("link", name="首页").click()
    page.wait_for_url(engine_url)


@pytest.mark.build
def test_live_preview_under_zensical_runs_from_the_repository_root():
    # The command docs/about/engines.md gives; on a port of its own so it never meets a reader's preview.
    address = f"127.0.0.1:{free_port()}"
    # The preview wipes and fills the project's Zensical cache, as the session's Zensical build does.
    with one_zensical_at_a_time(ROOT):
        shutil.rmtree(ROOT / "site-zensical.serve", ignore_errors=True)  # pages only this run can have built
        preview = subprocess.Popen(
            ["bash", "scripts/run.sh", "serve-zensical"], cwd=ROOT, env={**os.environ, "DEV_ADDR": address},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        try:
            deadline, html = time.monotonic() + 90, ""
            while not html and time.monotonic() < deadline and preview.poll() is None:
                try:
                    html = urllib.request.urlopen(f"http://{address}/checklists/meeting/", timeout=5).read().decode()
                except OSError:
                    time.sleep(0.5)
        finally:
            os.killpg(preview.pid, signal.SIGTERM)
            output = preview.communicate(timeout=30)[0]
            shutil.rmtree(ROOT / "site-zensical.serve", ignore_errors=True)
    assert 'data-checklist="meeting"' in html, output
