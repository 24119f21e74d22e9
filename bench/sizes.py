"""Bytes a reader downloads: pages, our own scripts and styles, Material's bundle, the search index."""

from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def _sizes(paths: list[Path]) -> tuple[int, int]:
    data = [path.read_bytes() for path in paths]
    return sum(len(d) for d in data), sum(gzipped(d) for d in data)


def measure_sizes(site: Path, own_assets: list[str]) -> dict[str, tuple[int, int]]:
    """(raw, gzip -9) bytes per item; HTML is the median page."""
    pages = [path for path in site.rglob("*.html") if path.parent.name != "print_page"]
    html = [(len(p.read_bytes()), gzipped(p.read_bytes())) for p in pages]
    material = [*site.glob("assets/javascripts/bundle.*.min.js"), *site.glob("assets/stylesheets/*.min.css")]
    third_party = [*site.glob("css/*.css"), *site.glob("js/*.js")]  # print-site's, loaded on every page
    index = site / "search" / "search_index.json"
    escaped = json.dumps(json.loads(index.read_bytes()), separators=(",", ":")).encode("ascii")
    return {
        "HTML（页面中位数）": (int(statistics.median(h[0] for h in html)), int(statistics.median(h[1] for h in html))),
        "HTML（最大页面）": max(html),
        "本站脚本和样式（每页）": _sizes([site / path for path in own_assets]),
        "Material 主题脚本和样式（每页）": _sizes(material),
        "print-site 插件脚本和样式（每页）": _sizes(third_party),
        "搜索索引（UTF-8）": (len(index.read_bytes()), gzipped(index.read_bytes())),
        "搜索索引（若为 \\u 转义）": (len(escaped), gzipped(escaped)),
        "全书打印版页面": _sizes([site / "print_page" / "index.html"]),
    }
