"""The supported browsers (.browserslistrc, README "支持的浏览器"): checked by tools, and printing
checked with :has() unavailable, as on the Chromium 86–104 kernels of 360 and 奇安信 browsers."""

from __future__ import annotations

import re

import pytest

from handbook.loading import load_checklist_file
from support import ROOT, pdf_of, pdf_pages, pdf_text, press, run_node_tool, serve, write_note

STYLESHEETS = "docs/assets/stylesheets/*.css"
SCRIPTS = "docs/assets/javascripts/*.js"


def lint_css(*args: str, css: str | None = None):
    return run_node_tool("stylelint", *args, input=css)


def check_es(*files: str):
    # checkBrowser: the ECMAScript level every browser in .browserslistrc knows (ES2021 for Chromium 86).
    return run_node_tool("es-check", "checkBrowser", *files, "--checkFeatures", "--noColor")


def test_our_stylesheets_use_only_features_every_supported_browser_has():
    result = lint_css(STYLESHEETS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_our_scripts_use_only_ecmascript_every_supported_browser_has():
    result = check_es(SCRIPTS)
    assert result.returncode == 0, result.stdout + result.stderr


NEW_HAS_RULE = ".checklist:has(input:checked) { color: #000; }\n"


@pytest.mark.parametrize(
    "css, problem",
    [
        (NEW_HAS_RULE, '"css-has" is not supported by Chrome 86-104'),
        # An exception must say why: a bare disable comment is itself an error.
        ("/* stylelint-disable-next-line plugin/no-unsupported-browser-features */\n" + NEW_HAS_RULE, "is missing a description"),
    ],
    ids=["feature", "exception-without-reason"],
)
def test_a_new_unsupported_css_feature_fails_the_lint(css, problem):
    result = lint_css("--stdin-filename", "docs/assets/stylesheets/new.css", css=css)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and problem in output, output


def test_a_new_unsupported_script_feature_fails_the_check(tmp_path):
    script = tmp_path / "new.js"
    script.write_text('var last = ["a", "b"].at(-1);\n', encoding="utf-8")
    result = check_es(str(script))
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "ArrayPrototypeAt (chrome 86 requires 92)" in output, output


# As an engine without :has() reads a stylesheet: a rule whose selector, or any selector in its list,
# has :has() is dropped whole. Selectors hold no braces, so a rule is the text from the last brace on.
HAS_RULE = re.compile(r"[^{}]*:has\([^{}]*\{[^{}]*\}")

# The checklist sits inside a block, between text that is not part of it.
NESTED_CHECKLIST_PAGE = """# 会议清单页

页面导语只在屏幕上看。

<div class="checklist-wrapper">

{{ checklist("meeting") }}

</div>

页面结尾也不印。
"""


def drop_has_rules(route):
    response = route.fetch()
    route.fulfill(response=response, body=HAS_RULE.sub("", response.text()))


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed_text(page, tmp_path, name: str) -> str:
    """The text of a print that must fit one A4 sheet."""
    pdf = pdf_of(page, tmp_path, name)
    assert pdf_pages(pdf) == 1, f"{name}: {pdf_pages(pdf)} pages"
    return squashed(pdf_text(pdf))


def test_blank_form_single_checklist_and_handbook_print_right_without_has(page, fixture_project, tmp_path):
    plan = squashed(next(item.text for item in load_checklist_file(ROOT / "checklists" / "meeting.yml").items if item.id == "plan"))
    fixture_project.copy_checklist("meeting")
    fixture_project.page("checklists/meeting.md", NESTED_CHECKLIST_PAGE)
    build = fixture_project.build()
    assert build.returncode == 0, build.output
    page.route("**/*.css", drop_has_rules)
    page.add_init_script("window.print = () => {}")  # page.pdf() below prints, firing beforeprint as a print does
    with serve(build) as url:
        page.goto(f"{url}checklists/meeting/")
        root = page.locator('[data-checklist="meeting"]')
        root.get_by_role("button", name="新建事项").click()
        root.get_by_label("事项名称").fill("2027 年度工作会议")
        root.locator("input[name=anchor]").fill("2027-03-08")
        root.get_by_role("button", name="保存").click()
        root.locator('label[for="cl-meeting__plan"]').click()
        write_note(root, "plan", "方案已审定")

        root.get_by_role("button", name="打印清单").click()
        filled = printed_text(page, tmp_path, "filled")
        assert "2027年度工作会议" in filled and "方案已审定" in filled
        assert filled.count("备注") == 1, "empty notes take room on paper"

        press(root, "打印空白表")
        blank = printed_text(page, tmp_path, "blank")
        for filled_only in ("2027年度工作会议", "方案已审定", "备注", "3月8日"):
            assert filled_only not in blank, filled_only
        assert "名称：" in blank and plan in blank

        # The whole handbook: cover, contents, then the page, text and all; sheets unnumbered here.
        page.goto(f"{url}print_page/")
        handbook_pdf = pdf_of(page, tmp_path, "handbook")
        handbook, cover = squashed(pdf_text(handbook_pdf)), squashed(pdf_text(handbook_pdf, page=1))
        assert cover.startswith("办公室工作手册"), f"the first sheet is not the cover: {cover!r}"
        assert "第1页" not in handbook
        assert "页面导语只在屏幕上看" in handbook and plan in handbook and "页面结尾也不印" in handbook

    for text in (filled, blank):
        assert "页面导语" not in text and "页面结尾" not in text, "the page around the checklist was printed"


def test_every_page_asks_dual_kernel_browsers_for_their_chromium_kernel(site_build):
    # 360 and 奇安信 browsers read this meta; without it an intranet site may open in their IE kernel.
    for html in site_build.site.rglob("*.html"):
        assert '<meta name="renderer" content="webkit">' in html.read_text(encoding="utf-8"), html
