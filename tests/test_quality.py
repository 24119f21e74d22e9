"""Site-wide quality, page by page: accessibility, offline, no-JS, print, fonts and CSP."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from handbook.links import page_url
from support import CHECKLISTS, pdf_fonts, pdf_of, pdf_pages, pdf_text, record_csp_violations, site_pages

CHECKLIST_PAGES = sorted(page_url(checklist.page, True) for checklist in CHECKLISTS.values())
PLAYBOOK_PAGE = "banhui/"
# Font families that have Chinese glyphs; anything else in a printed page means tofu or a wrong font.
CJK_FONT = re.compile(r"WenQuanYi|YaHei|Noto\w*CJK|SourceHan|PingFang|Hiragino|SimSun|SimHei")


# The whole-handbook print page is every page's content again, each checked on its own page, plus a cover
# and a table of contents of its own: axe checks those there (the whole page took a quarter of the run).
PRINT_PAGE = "print_page/"
PRINT_PAGE_OWN_PARTS = {"include": [["#print-site-cover-page"], ["#print-page-toc"]]}


# The page-by-page checks are split into shards of every SHARD_COUNT-th page, so that the parallel test
# workers (pytest-xdist, see scripts/run.sh) share them; together the shards cover every page.
SHARD_COUNT = 4
SHARDS = pytest.mark.parametrize("shard", range(SHARD_COUNT))


@pytest.fixture(scope="module")
def pages(site_build) -> list[str]:
    found = site_pages(site_build)
    assert len(found) > 40 and PRINT_PAGE in found and "404.html" in found
    return found


def axe_violations(page, context: dict | None = None) -> list[str]:
    results = Axe().run(page, context).response
    return [f"{v['id']} ×{len(v['nodes'])}: {v['nodes'][0]['target']}" for v in results["violations"]]


def one_of_each_kind(pages: list[str], site: Path) -> list[str]:
    """A section's overview and one of its pages (a checklist page, a sample …), and each page outside a
    section (home, 404, tags …): every kind of content the site has, for the dark scheme, whose colours
    are the same stylesheet on every page. Of each kind the smallest page, as axe's time grows with the
    page. Not the whole-handbook print page: its cover and contents are checked in the light scheme,
    and the rest of it is every page's content again."""
    def size(path: str) -> int:
        return (site / (path if path.endswith(".html") else f"{path}index.html")).stat().st_size

    chosen: dict[tuple[str, int], str] = {}
    for path in pages:
        if path == PRINT_PAGE:
            continue
        parts = path.strip("/").split("/")
        kind = (parts[0], len(parts))
        if kind not in chosen or size(path) < size(chosen[kind]):
            chosen[kind] = path
    return list(chosen.values())


def axe_findings(page, url: str, paths: list[str], scheme: str) -> dict[str, list[str]]:
    """axe's violations on each page, in a page opened in the given colour scheme (the palette follows
    the system's, see mkdocs.yml's palette media queries)."""
    found = {}
    for path in paths:
        page.goto(url + path)  # every request the page makes as it loads has been made by "load"
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        if violations := axe_violations(page, PRINT_PAGE_OWN_PARTS if path == PRINT_PAGE else None):
            found[path] = violations
    return found


@SHARDS
def test_every_page_has_no_axe_violations_and_loads_only_from_the_local_server_within_its_csp(browser, site_url, pages, shard):
    # One walk over every page for both checks (each page load costs as much as the check): light
    # scheme, and every request any page makes goes to the site's own server, none breaks its CSP.
    context = browser.new_context(color_scheme="light", locale="zh-CN")
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    csp_violations = record_csp_violations(page)
    found = axe_findings(page, site_url, pages[shard::SHARD_COUNT], "light")
    page.wait_for_load_state("networkidle")  # and the last page's later ones (search worker, index)
    context.close()
    assert found == {}
    assert hosts == {urlsplit(site_url).netloc}
    assert csp_violations == []


def test_one_page_of_each_kind_has_no_axe_violations_in_the_dark_scheme(browser, site_url, site_build, pages):
    context = browser.new_context(color_scheme="dark", locale="zh-CN")
    found = axe_findings(context.new_page(), site_url, one_of_each_kind(pages, site_build.site), "dark")
    context.close()
    assert found == {}


def test_open_search_results_and_ticked_checklist_have_no_axe_violations(page, site_url):
    page.goto(f"{site_url}checklists/meeting/")
    page.locator("#cl-meeting__plan").check(force=True)
    search = page.locator(".md-search__input")
    search.click()
    search.fill("会议")
    search.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert axe_violations(page) == []


# What a reader must see with scripts off; only controls that need a script carry `hidden`,
# and the page's address line and a checklist's paper note and footer are for paper.
INVISIBLE_CONTENT = """() => [...document.querySelectorAll(
    'article :is(h1, h2, h3, h4, p, li, td, th, dt, dd, label, input[type=checkbox])')]
  .filter(el => !el.closest('[hidden], .page-print-source, .checklist__paper-note, .checklist__paper-footer, #print-page-toc') && !el.checkVisibility())
  .map(el => el.outerHTML.slice(0, 120))"""


@SHARDS
def test_every_page_is_complete_without_javascript(browser, site_url, pages, shard):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems = {}
    for path in pages[shard::SHARD_COUNT]:
        page.goto(site_url + path)
        hidden = page.evaluate(INVISIBLE_CONTENT)
        headings = page.locator("article h1").count()
        if hidden or headings == 0:
            problems[path] = {"hidden": hidden, "h1": headings}
    context.close()
    assert problems == {}


@pytest.mark.parametrize("checklist_id", sorted(CHECKLISTS))
def test_checklist_prints_on_one_page_without_javascript(browser, site_url, tmp_path, checklist_id):
    checklist = CHECKLISTS[checklist_id]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + page_url(checklist.page, True))
    pdf = pdf_of(page, tmp_path, checklist_id)
    context.close()
    assert pdf_pages(pdf) == 1
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for item in checklist.items:
        assert re.sub(r"\s+", "", item.text) in text, item.text


@pytest.mark.parametrize("path", [*CHECKLIST_PAGES, PLAYBOOK_PAGE, PRINT_PAGE])
def test_printed_text_is_in_embedded_named_cjk_fonts(page, site_url, tmp_path, path):
    page.goto(site_url + path)
    pdf = pdf_of(page, tmp_path, "page")
    fonts = pdf_fonts(pdf)
    assert fonts, "no text printed"
    # Type 3 fonts are nameless glyph sets: a Chinese font Chromium could not embed properly.
    assert [font for font in fonts if not (font.embedded and font.type != "Type 3" and CJK_FONT.search(font.name))] == []


def test_playbook_page_prints_without_navigation_and_with_its_address_and_date(page, site_url, tmp_path):
    page.goto(site_url + PLAYBOOK_PAGE)
    text = pdf_text(pdf_of(page, tmp_path, "playbook"))
    assert f"本页网址：{site_url}{PLAYBOOK_PAGE}" in text
    assert re.search(r"最后更新：\d{4}年\d{1,2}月\d{1,2}日", text)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".page-report"):
        assert not page.locator(chrome).first.is_visible(), chrome


def test_whole_handbook_page_holds_every_page_in_reading_order(page, site_url, tmp_path):
    page.goto(site_url)
    nav = page.locator(".md-nav--primary a.md-nav__link[href]").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname).filter((p, i, all) => all.indexOf(p) === i)"
    )
    page.goto(f"{site_url}print_page/")
    toc = page.locator("#print-page-toc")
    assert toc.locator("h1, h2, h3, .print-page-toc-title").first.inner_text().strip() == "目录"
    sections = page.locator("section.print-page[id]:not(.md-section)").evaluate_all("s => s.map(e => e.id)")
    expected = [path.strip("/").replace("/", "-") or "index" for path in nav if path.strip("/") != "tags"]
    assert sections == expected
    page.emulate_media(media="print")
    assert toc.is_visible() and toc.locator("a").count() >= len(expected)


def test_csp_blocks_inline_scripts_it_does_not_list(browser, site_url, site_build):
    context = browser.new_context()
    page = context.new_page()
    violations = record_csp_violations(page)
    response = page.goto(site_url)
    policy = response.headers["content-security-policy"]
    assert policy == (site_build.site / "csp.txt").read_text(encoding="utf-8").strip()
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert violations == []
    ran = page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.head.append(script);
        return window.__injected === true;
    }""")
    page.wait_for_timeout(100)
    context.close()
    assert ran is False and violations, "an unlisted inline script ran: the CSP header has no effect"
