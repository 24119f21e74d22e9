"""What the tests share: building sites as a person would, serving them on loopback, reading printed PDFs.

Test modules import from here, never from each other or from conftest.py (which holds only fixtures).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from bench.builds import link_project_code
from bench.engines import build_with_zensical
from bench.server import LoopbackServer, free_port
from handbook.links import page_url
from handbook.loading import load_checklists
from handbook.model import Checklist
from handbook import schema

ROOT = Path(__file__).resolve().parent.parent
# The sections of docs/ whose pages are playbooks (什么时候用 … 相关), as the content tests hold them.
PLAYBOOK_SECTIONS = ("onboarding", "banwen", "banhui", "banshi", "xietiao", "pinxing", "nengli")
# The site's checklists and its Markdown pages (relative to docs/), as the tests read them.
CHECKLISTS = load_checklists(ROOT / "checklists")
PAGES = sorted(path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md"))


@dataclass
class Build:
    returncode: int
    output: str
    site: Path
    url: str


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


class FixtureProject:
    """A throw-away project that reuses the real config, code and assets with its own pages and data."""

    def __init__(self, root: Path):
        self.root = root
        (root / "docs").mkdir(parents=True)
        (root / "checklists").mkdir()
        # A copy of the real data (layout, holidays), which a test may change; no samples unless a test
        # adds some (their playbook pages are not here).
        (root / "samples").mkdir()
        shutil.copytree(ROOT / "data", root / "data")
        link_project_code(root)
        (root / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")

    def page(self, path: str, text: str) -> None:
        target = self.root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def checklist(self, name: str, text: str) -> None:
        (self.root / "checklists" / name).write_text(text, encoding="utf-8")

    def data_file(self, name: str, text: str) -> None:
        """Replace (or add) a file of the project's data/ folder."""
        (self.root / "data" / name).write_text(text, encoding="utf-8")

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


# A checklist with every field, for tests of loading and of the schema.
VALID_CHECKLIST = """\
id: sample
title: 示例清单
purpose: 测试用。
type: 事后核对型
page: checklists/sample.md
anchor: 会议召开日
phases:
  - id: first
    title: 第一阶段
    items:
      - id: one
        text: 第一项
        detail: 说明
        role: 文秘
        due: -3d
      - id: two
        text: 第二项
  - id: second
    title: 第二阶段
    checkpoint: 会后
    items:
      - id: three
        text: 第三项
        due: +2d
"""

# A checklist whose every text is markup: it must show as text and run nothing.
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
    server = LoopbackServer(("127.0.0.1", urlsplit(build.url).port), handler)
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


def record_csp_violations(page) -> list[str]:
    """The page's console reports of anything the Content-Security-Policy blocked, as they come."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    return violations


# Reading the PDFs Chromium prints, with poppler's command-line tools.


def pdf_of(page, tmp_path: Path, name: str) -> Path:
    """Print the page as Chromium does for Ctrl+P on A4 (background graphics off)."""
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=str(path), format="A4")
    return path


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of the PDF, or of one of its pages (counted from 1)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-raw", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class PdfFont:
    name: str
    type: str
    embedded: bool


def pdf_fonts(path: Path) -> list[PdfFont]:
    """The fonts `pdffonts` lists, read by the column widths of its dashed header line."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    spans = [match.span() for match in re.finditer(r"-+", lines[1])]
    fonts = []
    for line in lines[2:]:
        cells = [line[start:end + 1].strip() for start, end in spans]
        fonts.append(PdfFont(name=cells[0], type=cells[1], embedded=cells[3] == "yes"))
    return fonts


# Driving a checklist page as a reader does.


def open_checklist(page, site_url: str, checklist_id: str = "meeting"):
    page.goto(f"{site_url}checklists/{checklist_id}/")
    root = page.locator(f'[data-checklist="{checklist_id}"]')
    root.locator(".checklist__toolbar").wait_for(state="visible")  # the script has set the page up
    return root


def tick(root, item_id: str) -> None:
    # A person clicks the label; Playwright does the same.
    root.locator(f'label[for="cl-{root.get_attribute("data-checklist")}__{item_id}"]').click()


def press(root, name: str) -> None:
    """Click a checklist's button by its name, opening the 更多操作 menu first when the button is in it."""
    button = root.locator(f'button:text-is("{name}")')
    if button.evaluate("button => !!button.closest('details:not([open])')"):
        root.locator(".checklist__menu > summary").click()
    button.click()


def write_note(root, item_id: str, text: str) -> None:
    """Open the item's note field if it is closed, type the note and leave the field (which saves it)."""
    field = root.locator(f'[data-memo="{item_id}"]')
    if not field.is_visible():  # opened by its 备注 button
        root.locator(f'li:has([data-memo="{item_id}"]) [data-memo-open]').click()
    field.fill(text)
    field.blur()


def runs_message(root) -> str:
    """What the all-runs page last said, error (role=alert) or success (role=status)."""
    return root.locator("[data-runs-error], [data-runs-message]").evaluate_all("elements => elements.map(e => e.textContent).join('')")


# The npm tools pinned in package.json (stylelint, es-check, puppeteer-core), installed by `npm ci`.


def run_node_tool(tool: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run an npm tool from the project's node_modules, output captured; a missing one is an error."""
    executable = ROOT / "node_modules" / ".bin" / tool
    assert executable.exists(), f"{tool} is not installed: `bash scripts/run.sh test` runs npm ci first"
    return subprocess.run([str(executable), *args], capture_output=True, text=True, cwd=ROOT, timeout=120, **kwargs)


# Reading built pages and rendered HTML

# Attributes through which a page loads or links to another resource.
URL_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "formaction", "content"}


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))


def external_references(site: Path, own_host: str) -> list[str]:
    """Every URL in the built HTML and CSS that points to a host other than the site's own."""
    found = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            parser = References()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.urls
        elif path.suffix == ".css":
            urls = re.findall(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", path.read_text(encoding="utf-8"))
        else:
            continue
        for url in urls:
            parts = urlsplit(url)
            if (parts.scheme in ("http", "https") or url.startswith("//")) and parts.netloc != own_host:
                found.append(f"{path.relative_to(site)}: {url}")
    return found


def built_html(site: Path, page: str) -> str:
    return (site / page_url(page) / "index.html").read_text(encoding="utf-8")


class Elements(HTMLParser):
    """Collects (tag, attrs) of every start tag, and the text, of an HTML fragment."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def demo_checklist(**changes) -> Checklist:
    """A small checklist of two phases built from data, with `changes` to its fields."""
    data = {
        "id": "demo",
        "title": "演示",
        "purpose": "用途",
        "type": "逐项执行型",
        "page": "checklists/demo.md",
        "phases": [
            {"id": "a", "title": "甲", "items": [{"id": "x", "text": "第一"}, {"id": "y", "text": "第二", "detail": "细节"}]},
            {"id": "b", "title": "乙", "items": [{"id": "z", "text": "第三"}]},
        ],
    }
    data.update(changes)
    checklist, problems = schema.build(Checklist, data)
    assert not problems, problems
    return checklist


# A checklist on a page in the browser

def checked_items(root) -> list[str]:
    return root.locator("input[data-item]:checked").evaluate_all("boxes => boxes.map(b => b.dataset.item)")


def progress(root) -> str:
    return root.locator(".checklist__progress").inner_text()
