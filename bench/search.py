"""Search relevance and speed, measured in the search box of a built site, as a clerk uses it.

Each query of bench/search-queries.yml is typed into the real search UI of the site (Material's
box and list, or Zensical's dialog) in Chromium; the pages of the results, in the order shown,
are compared with the pages that answer the query:

- right first: the first result is an answering page;
- top 3: an answering page is among the first three pages shown;
- mean reciprocal rank: 1/rank of the first answering page, 0 when it is not among the results.

The latency is the time from the key that starts the search to the first results drawn on the
page, read in the page itself (the event's and the DOM change's timestamps, on one clock).

    .venv/bin/python -m bench.search          # this section only: both engines, 1× and 5×
    .venv/bin/python -m bench.search --quick --engine zensical --queries other.yml   # relevance only
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import dataclasses
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from bench.browsers import CHROMIUM, CHROMIUM_ARGS
from bench.builds import ROOT, scaled_project, timed_build
from bench.engines import build_with_zensical, search_index_size
from bench.server import free_port, serve_compressed
from handbook.schema import Invalid, ListOf, SchemaProblem, build, found, nonempty_text, one_of, required

QUERIES = Path(__file__).resolve().parent / "search-queries.yml"
# Where a reader starts a search, types and reads the results: Material's box in the header and its
# list, or Zensical's search button and the dialog it opens (in a shadow root; Playwright's CSS and
# composed events reach into it).
SEARCH_START = ".md-search__input, .md-search__button"
SEARCH_BOX = ".md-search__input, input[role=combobox]"
SEARCH_RESULT = ".md-search-result__item > a, [role=listbox] [role=option]"
# Targets from issue 19.
TOP3_TARGET = 0.95
FIRST_TARGET = 0.85
LATENCY_TARGET_MS = 100
THROTTLED_LATENCY_TARGET_MS = 300
THROTTLING = 4
# Latency is timed on every LATENCY_SAMPLE-th query: enough queries of every kind, in a few seconds.
LATENCY_SAMPLE = 4


class QueryKind(Enum):
    WORD = "词语"
    PHRASE = "短语"
    QUESTION = "问句"
    COLLOQUIAL = "口语"
    TYPO = "错字"


def page_paths(value: Any) -> tuple[str, ...]:
    """A non-empty list of page files relative to docs/, such as banhui/records.md."""
    if not isinstance(value, list) or not value:
        raise found("应为页面列表，如 [banhui/records.md]", value)
    for path in value:
        if not isinstance(path, str) or not path.endswith(".md"):
            raise found("每一页应写成相对 docs/ 的 .md 文件，如 banhui/records.md", path)
    return tuple(value)


@dataclasses.dataclass(frozen=True, kw_only=True)
class SearchQuery:
    query: str = required(nonempty_text)
    kind: QueryKind = required(one_of(QueryKind))
    pages: tuple[str, ...] = required(page_paths)

    def urls(self) -> set[str]:
        """The answering pages as the site links them: banhui/records.md → banhui/records/."""
        return {page_url(path) for path in self.pages}


@dataclasses.dataclass(frozen=True, kw_only=True)
class QueryFile:
    queries: list[SearchQuery] = required(ListOf(SearchQuery))


def page_url(path: str) -> str:
    stem = path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def load_queries(path: Path = QUERIES, docs: Path = ROOT / "docs") -> list[SearchQuery]:
    """The benchmark's queries, validated: every problem names the query and the field."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise Invalid(f"{path.name}：应为以 queries: 开头的映射")
    data, problems = build(QueryFile, raw)
    if data is not None:
        problems = [SchemaProblem(("queries", index, "pages"), f"页面 {page} 不存在（docs/{page}）")
                    for index, entry in enumerate(data.queries) for page in entry.pages if not (docs / page).is_file()]
        seen: set[str] = set()
        for index, entry in enumerate(data.queries):
            if entry.query in seen:
                problems.append(SchemaProblem(("queries", index, "query"), f"与前面的查询重复：{entry.query}"))
            seen.add(entry.query)
    if problems:
        lines = []
        for problem in problems:
            where = problem.location
            entry = raw["queries"][where[1]] if len(where) > 1 and isinstance(raw.get("queries"), list) else None
            name = f"查询 {entry.get('query')!r}" if isinstance(entry, dict) else "queries"
            lines.append(f"  - {path.name} › {name} › {where[-1]}：{problem.message}")
        raise Invalid(f"搜索基准的查询有 {len(problems)} 处问题：\n" + "\n".join(lines))
    return data.queries


# Runs in the page: remembers when the search box last got a key or an input event, when the result
# list last changed and when it changed with results in it, on the page's clock. Events from
# Zensical's dialog are composed, so they reach the document; its list is watched in the shadow root.
_WATCH = """(result) => {
  const watch = window.__searchWatch = {key: 0, input: 0, changes: [], shown: []};
  addEventListener('keyup', e => { watch.key = e.timeStamp }, true);
  addEventListener('input', e => { watch.input = e.timeStamp }, true);
  const observe = root => new MutationObserver(() => {
    const now = performance.now();
    watch.changes.push(now);
    if (root.querySelector(result)) watch.shown.push(now);
  }).observe(root, {childList: true, subtree: true, characterData: true});
  const list = document.querySelector('.md-search-result');
  if (list) observe(list);
  for (const host of document.querySelectorAll('*')) if (host.shadowRoot) observe(host.shadowRoot);
}"""
# Material searches on keyup, Zensical on input: from the event that started this search to the
# first change of the list that has results in it (a list emptied while waiting does not count).
_LATENCY = """() => {
  const watch = window.__searchWatch;
  const start = document.querySelector('.md-search__input') ? watch.key : watch.input;
  const first = watch.shown.find(time => time >= start);
  return first === undefined ? null : first - start;
}"""
_RESET = "() => { window.__searchWatch.changes = []; window.__searchWatch.shown = []; }"


@dataclasses.dataclass
class QueryResult:
    query: SearchQuery
    pages: list[str]  # result pages in the order shown, each once
    latency_ms: float | None

    @property
    def rank(self) -> int | None:
        answers = self.query.urls()
        return next((index + 1 for index, page in enumerate(self.pages) if page in answers), None)


class SearchBox:
    """The search UI of one open site: type a query, read the pages of the results in order."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        page.goto(base_url)
        page.evaluate(_WATCH, SEARCH_RESULT)
        page.locator(SEARCH_START).first.click()
        self.box = page.locator(SEARCH_BOX).first
        self.box.wait_for()

    def _settled(self, quiet_ms: int = 250, timeout_ms: int = 10_000) -> None:
        """Wait until the result list has changed and then not for quiet_ms (the search and its drawing are done)."""
        try:
            self.page.wait_for_function(
                """([quiet]) => { const c = window.__searchWatch.changes;
                    return c.length && performance.now() - c[c.length - 1] > quiet; }""",
                arg=[quiet_ms], timeout=timeout_ms, polling=50,
            )
        except Exception:  # noqa: BLE001 - no change at all: the list stayed as it was
            pass

    def search(self, query: SearchQuery) -> QueryResult:
        # An empty box first, so that every query changes the list; its own change is waited out, so
        # that a late one is not taken for this query's results.
        self.page.evaluate(_RESET)
        self.box.fill("")
        self.box.press("End")
        # The list empties for the empty box: wait for that, so that no late change of the last query
        # is taken for this one's (a slow machine drew the last results after the reset below).
        with contextlib.suppress(Exception):
            self.page.locator(SEARCH_RESULT).first.wait_for(state="detached", timeout=2_000)
        self._settled(quiet_ms=100, timeout_ms=2_000)
        self.page.evaluate(_RESET)
        self.box.fill(query.query)
        self.box.press("End")  # fill() types without a keyup; Material searches on keyup
        self._settled()
        latency = self.page.evaluate(_LATENCY)
        hrefs = self.page.locator(SEARCH_RESULT).evaluate_all("links => links.map(link => link.href)")
        pages: list[str] = []
        for href in hrefs:
            path = href.removeprefix(self.base_url).split("?")[0].split("#")[0]
            if path not in pages:
                pages.append(path)
        return QueryResult(query, pages, latency)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def run_queries(browser, base_url: str, queries: list[SearchQuery], throttling: float = 1) -> list[QueryResult]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    if throttling != 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttling})
    box = SearchBox(page, base_url)
    box.search(queries[0])  # the first search also waits for the engine to read its index: not timed
    results = [box.search(query) for query in queries]
    context.close()
    return results


@dataclasses.dataclass
class Relevance:
    total: int
    first: int
    top3: int
    mrr: float
    misses: list[QueryResult]


def relevance(results: list[QueryResult]) -> Relevance:
    ranks = [result.rank for result in results]
    return Relevance(
        total=len(results),
        first=sum(rank == 1 for rank in ranks),
        top3=sum(rank is not None and rank <= 3 for rank in ranks),
        mrr=sum(1 / rank for rank in ranks if rank) / len(results),
        misses=[result for result in results if result.rank != 1],
    )


def latency_ms(results: list[QueryResult]) -> tuple[float, float, float]:
    """Median, 90th percentile and the slowest of the timed searches that showed results."""
    times = sorted(result.latency_ms for result in results if result.latency_ms is not None)
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], times[-1]


# Sites for the search section.


MATERIAL = "MkDocs + Material"
ZENSICAL = "Zensical 0.0.73"
# The engines by the short names of --engine.
ENGINES = {"material": MATERIAL, "zensical": ZENSICAL}


@contextlib.contextmanager
def built_sites(scales: tuple[int, ...], engines: tuple[str, ...] = (MATERIAL, ZENSICAL)) -> Iterator[dict[tuple[str, int], tuple[Path, int]]]:
    """The handbook built by the engines at each scale of content: {(engine, scale): (site, port)}.

    Each site is built for the loopback port it will be served on, as the tests do. The copies live
    in a throw-away folder inside the project: Zensical builds only there.
    """
    work = Path(tempfile.mkdtemp(prefix="search-bench.", dir=ROOT))
    sites: dict[tuple[str, int], tuple[Path, int]] = {}
    try:
        for scale in scales:
            progress(f"构建 {scale}× 内容（{'、'.join(engines)}）")
            project = scaled_project(work / f"x{scale}", scale)
            # Zensical copies nothing from a linked folder: the site's scripts (our search worker
            # among them) and the word lists must be real files here.
            (project / "docs" / "assets").unlink()
            shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
            if MATERIAL in engines:
                port = free_port()
                timed_build(project / "mkdocs.yml", project / "site", f"http://127.0.0.1:{port}/")
                sites[MATERIAL, scale] = project / "site", port
            if ZENSICAL in engines:
                config = Path(shutil.copy(ROOT / "mkdocs.zensical.yml", project))
                port = free_port()
                build = build_with_zensical(project / "site-zensical", f"http://127.0.0.1:{port}/", config)
                assert build.returncode == 0, build.output
                sites[ZENSICAL, scale] = build.site, port
        yield sites
    finally:
        shutil.rmtree(work, ignore_errors=True)


def progress(step: str) -> None:
    print(f"[搜索基准] {datetime.datetime.now():%H:%M:%S} {step}", file=sys.stderr, flush=True)


def kb(size: int) -> str:
    return f"{size / 1024:.0f} KB"


def percent(part: int, total: int) -> str:
    return f"{part} / {total}（{part / total:.0%}）"


def search_section(factor: int = 5, quick: bool = False, path: Path = QUERIES,
                   engines: tuple[str, ...] = (MATERIAL, ZENSICAL)) -> list[str]:
    """The section's lines; quick: relevance at 1× only (a writer checking a new synonym)."""
    queries = load_queries(path)
    timed = queries[::LATENCY_SAMPLE]
    relevance_rows, speed_rows, miss_lines = [], [], []
    with built_sites((1,) if quick else (1, factor), engines) as sites, chromium() as browser:
        for (engine, scale), (site, port) in sites.items():
            with serve_compressed(site, port) as url:
                if scale == 1:
                    progress(f"{engine} {scale}×：{len(queries)} 条查询")
                    found = relevance(run_queries(browser, url, queries))
                    relevance_rows.append([
                        engine, percent(found.first, found.total), percent(found.top3, found.total), f"{found.mrr:.2f}",
                        "达标" if found.top3 >= TOP3_TARGET * found.total and found.first >= FIRST_TARGET * found.total else "未达标",
                    ])
                    miss_lines += [f"- {engine}：“{miss.query.query}”（{miss.query.kind.value}）应为 "
                                   f"{'、'.join(miss.query.pages)}，排第 {miss.rank or '—'}；前三：{'、'.join(miss.pages[:3]) or '无结果'}"
                                   for miss in found.misses]
                if quick:
                    continue
                progress(f"{engine} {scale}×：出结果的时间")
                plain = latency_ms(run_queries(browser, url, timed))
                progress(f"{engine} {scale}×：出结果的时间，CPU 降速 {THROTTLING} 倍")
                throttled = latency_ms(run_queries(browser, url, timed, THROTTLING))
                raw, gzipped = search_index_size(site)
                speed_rows.append([
                    engine, f"{scale}×", " / ".join(f"{value:.0f}" for value in plain) + " ms",
                    " / ".join(f"{value:.0f}" for value in throttled) + " ms",
                    "达标" if plain[1] <= LATENCY_TARGET_MS and throttled[1] <= THROTTLED_LATENCY_TARGET_MS else "未达标",
                    kb(raw), kb(gzipped),
                ])
    kinds = "、".join(f"{kind.value} {sum(q.kind is kind for q in queries)} 条" for kind in QueryKind)
    speed_lines = [
        f"出结果的时间：从触发搜索的按键（Material 是 keyup，Zensical 是 input）到列表里出现结果（每 {LATENCY_SAMPLE} 条查询取一条，共 {len(timed)} 条；"
        f"中位数 / 90% 分位 / 最慢，对照目标的是 90% 分位）。目标：≤ {LATENCY_TARGET_MS} ms，CPU 降速 {THROTTLING} 倍（CDP Emulation.setCPUThrottlingRate）时 ≤ {THROTTLED_LATENCY_TARGET_MS} ms。"
        f"测量时本机的平均负载（1 分钟）：{os.getloadavg()[0]:.1f}（{os.cpu_count()} 个 CPU，与其他工作共用）。", "",
        *_table(["引擎", "内容", "出结果", f"CPU 降速 {THROTTLING} 倍", "目标", "搜索索引", "gzip"], speed_rows),
        "",
        "搜索索引：Material 是 `search/search_index.json`（jieba 切好的词，构建后改写成 UTF-8），Zensical 是 `search.json`（原文，浏览器打开搜索时用 Intl.Segmenter 切分）。",
        "",
    ]
    return [
        "## 搜索：找得准不准、快不快（Chromium，在搜索框里逐条输入）", "",
        f"`{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}` 的 {len(queries)} 条查询（{kinds}），每条列出回答它的页面。"
        f"“排第一”“进前三”按结果列表里的页面计（同一页的几个小节算一页）；目标：进前三 ≥ {TOP3_TARGET:.0%}，排第一 ≥ {FIRST_TARGET:.0%}。", "",
        *_table(["引擎", "排第一", "进前三", "平均倒数排名", "目标"], relevance_rows),
        "",
        *(speed_lines if speed_rows else []),
        "没有排第一的查询：", "",
        *(miss_lines or ["- 无"]),
        "",
    ]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


RESULTS = Path(__file__).resolve().parent / "search-results.md"


def save_results(lines: list[str], command: str = "python -m bench.search") -> str:
    """The search section as bench/search-results.md, the record of the last full run (either command's)."""
    text = "\n".join(["# 搜索基准测试结果", "", f"{datetime.date.today().isoformat()}，由 `{command}` 生成。", "", *lines])
    RESULTS.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    """This section alone, saved to bench/search-results.md; `python -m bench` runs it with the rest."""
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="relevance only, at 1× (a few minutes): not saved")
    parser.add_argument("--factor", type=int, default=5, help="content multiple for the speed and index size")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="another query file of the same form: not saved")
    parser.add_argument("--engine", choices=ENGINES, action="append",
                        help="this engine only (may be given twice; default both): not saved")
    args = parser.parse_args()
    engines = tuple(dict.fromkeys(ENGINES[name] for name in args.engine)) if args.engine else (MATERIAL, ZENSICAL)
    lines = search_section(args.factor, args.quick, args.queries.resolve(), engines)
    # Only the full run of the repository's queries on both engines is the file's record.
    if not args.quick and args.queries.resolve() == QUERIES and len(engines) == 2:
        print(save_results(lines))
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
