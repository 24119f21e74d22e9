"""Fixtures: the real site built once by each engine, served on loopback, and a real Chromium.

Helpers the tests share are in support.py. Tests are marked by what they need (see pytest.ini):
`browser` for a real browser, `build` for a site build; the rest are the fast tier.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browsers import CHROMIUM, CHROMIUM_ARGS
from support import (
    ROOT,
    XSS_CHECKLIST,
    Build,
    FixtureProject,
    csp_header,
    record_csp_violations,
    run_mkdocs_build,
    run_zensical_build,
    serve,
)

# A test that takes one of these fixtures needs a real browser, or a site build.
BROWSER_FIXTURES = {"browser", "page"}
BUILD_FIXTURES = {"site_build", "zensical_build", "fixture_project", "xss_site"}


# The modules whose tests take longest (page walks over the whole site, Firefox files, the search floor):
# run first, so that with parallel workers none of them starts when the other workers have finished.
LONGEST_FIRST = ("test_quality.py", "test_firefox.py", "test_search.py")


def pytest_collection_modifyitems(items):
    """Mark each test by the fixtures it takes, so `-m "not browser and not build"` is the fast tier;
    put the longest modules first (the order within each stays)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & BUILD_FIXTURES or names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.build)
    items.sort(key=lambda item: item.path.name not in LONGEST_FIRST)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The real site, built once for the whole test session."""
    build = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def fixture_project(tmp_path) -> FixtureProject:
    return FixtureProject(tmp_path / "project")


@pytest.fixture
def xss_site(fixture_project) -> Build:
    """A site whose only checklist carries script and markup in its YAML text."""
    fixture_project.checklist("xss.yml", XSS_CHECKLIST)
    fixture_project.page("checklists/xss.md", '# 清单\n\n{{ checklist("xss") }}\n')
    build = fixture_project.build()
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def site_url(site_build) -> Iterator[str]:
    # Every browser test runs under the site's own CSP, as the README's nginx serves it.
    with serve(site_build, csp_header(site_build)) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_build() -> Iterator[Build]:
    """The real site built with the second engine, Zensical, once for the whole test session.

    Zensical only writes inside the project, so the site goes to a throw-away folder there.
    """
    site = Path(tempfile.mkdtemp(prefix="site-zensical.test-", dir=ROOT))
    try:
        build = run_zensical_build(ROOT / "mkdocs.zensical.yml", site)
        assert build.returncode == 0, build.output
        yield build
    finally:
        shutil.rmtree(site)


@pytest.fixture(scope="session")
def zensical_url(zensical_build) -> Iterator[str]:
    with serve(zensical_build) as url:
        yield url


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def engine_url(request) -> str:
    """The site built by each engine in turn: tests taking it run against both builds."""
    return request.getfixturevalue("site_url" if request.param == "mkdocs" else "zensical_url")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required: the README's test command installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (empty localStorage) and page; fails the test on any script error or CSP violation."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    csp_violations = record_csp_violations(page)
    yield page
    context.close()
    assert not errors + csp_violations, f"script errors or CSP violations on the page: {errors + csp_violations}"
