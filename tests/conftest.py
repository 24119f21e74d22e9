"""Shared fixtures: building sites, serving them on loopback, a real Chromium."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.engines import build_with_zensical

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path
    url: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_mkdocs_build(config: Path, site: Path) -> Build:
    """Build with `mkdocs build --strict` in a subprocess, as a person would.

    The site is built for the loopback port it will be served on: Material's
    instant navigation only follows links under site_url's port.
    """
    url = f"http://127.0.0.1:{free_port()}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site, url)


def run_zensical_build(config: Path, site: Path) -> Build:
    """Build with Zensical, as `bash scripts/run.sh build-zensical` does, for the port it will be served on.

    Zensical comes from .venv-zensical (the README's test command sets it up); a missing one is an error.
    """
    url = f"http://127.0.0.1:{free_port()}/"
    build = build_with_zensical(site, url, config)
    return Build(build.returncode, build.output, site, url)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The real site, built once for the whole test session."""
    build = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


class FixtureProject:
    """A throw-away project that reuses the real config, macros and assets with its own pages and data."""

    def __init__(self, root: Path):
        self.root = root
        (root / "docs").mkdir(parents=True)
        (root / "checklists").mkdir()
        for name in ("macros", "overrides"):
            (root / name).symlink_to(ROOT / name)
        (root / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")

    def page(self, path: str, text: str) -> None:
        target = self.root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def checklist(self, name: str, text: str) -> None:
        (self.root / "checklists" / name).write_text(text, encoding="utf-8")

    def copy_checklist(self, checklist_id: str) -> None:
        shutil.copy(ROOT / "checklists" / f"{checklist_id}.yml", self.root / "checklists")

    def write_config(self, extra: str = "") -> Path:
        """mkdocs.yml: the real config with a nav of this project's pages, and `extra` YAML merged in."""
        pages = sorted(str(p.relative_to(self.root / "docs")) for p in (self.root / "docs").rglob("*.md"))
        nav = "\n".join(f"  - {page}" for page in pages)
        config = self.root / "mkdocs.yml"
        config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nnav:\n{nav}\n{extra}", encoding="utf-8")
        return config

    def build(self) -> Build:
        return run_mkdocs_build(self.write_config(), self.root / "site")

    def build_with_zensical(self, extra_config: str = "") -> Build:
        """Build with Zensical from the real mkdocs.zensical.yml, which inherits this project's mkdocs.yml."""
        self.write_config(extra_config)
        config = shutil.copy(ROOT / "mkdocs.zensical.yml", self.root)
        return run_zensical_build(Path(config), self.root / "site-zensical")


@pytest.fixture
def fixture_project(tmp_path) -> FixtureProject:
    return FixtureProject(tmp_path / "project")


XSS_CHECKLIST = """\
id: xss
title: "<script>alert(1)</script>"
purpose: 测试转义。
type: 逐项执行型
page: checklists/xss.md
phases:
  - id: only
    title: 唯一阶段
    items:
      - id: attack
        text: "<script>alert(1)</script>"
        detail: "<img src=x onerror=alert(2)>"
"""


@pytest.fixture
def xss_site(fixture_project) -> Build:
    """A site whose only checklist carries script and markup in its YAML text."""
    fixture_project.checklist("xss.yml", XSS_CHECKLIST)
    fixture_project.page("checklists/xss.md", '# 清单\n\n{{ checklist("xss") }}\n')
    build = fixture_project.build()
    assert build.returncode == 0, build.output
    return build


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(build: Build, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve a built site on the loopback port it was built for, with extra response headers; yields its base URL."""
    handler_class = type("_SiteHandler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(build.site))
    server = ThreadingHTTPServer(("127.0.0.1", urlsplit(build.url).port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(build: Build) -> list[str]:
    """Every HTML page of a built site, as paths relative to its base URL ("", "banhui/", "404.html")."""
    pages = []
    for html in sorted(build.site.rglob("*.html")):
        path = html.relative_to(build.site).as_posix()
        pages.append(path.removesuffix("index.html"))
    return pages


def csp_header(build: Build) -> dict[str, str]:
    """The Content-Security-Policy header the build wrote for the site (csp.txt)."""
    return {"Content-Security-Policy": (build.site / "csp.txt").read_text(encoding="utf-8").strip()}


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


def record_csp_violations(page) -> list[str]:
    """The page's console reports of anything the Content-Security-Policy blocked, as they come."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    return violations


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
