"""The second engine, for the benchmark and the tests: build with Zensical, measure a search index.

Runs in .venv (MkDocs' environment) and calls Zensical as a subprocess from
.venv-zensical, which `bash scripts/run.sh test` and `build-zensical` set up.

    from bench.engines import build_with_zensical, search_index_size
    build = build_with_zensical(ROOT / "site-zensical.bench")   # .seconds, .output, .site
    raw, gzipped = search_index_size(build.site)                 # works on a MkDocs site too
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL_PYTHON = ROOT / ".venv-zensical" / "bin" / "python"
ZENSICAL_CONFIG = ROOT / "mkdocs.zensical.yml"
# Where each engine writes its search index: Material's plugin, Zensical's own search.
SEARCH_INDEXES = ("search/search_index.json", "search.json")


@dataclass
class ZensicalBuild:
    returncode: int
    output: str  # stdout and stderr: Zensical's messages and the settings it ignores
    seconds: float
    site: Path


@contextlib.contextmanager
def one_zensical_at_a_time(project: Path) -> Iterator[None]:
    """Hold the project's Zensical lock: Zensical keeps its cache in the project (.cache/) and a clean
    build wipes it, so two at once in one project (parallel test workers) would break each other."""
    key = hashlib.sha256(str(project.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"zensical-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def build_with_zensical(site: Path, site_url: str = "http://localhost/", config: Path = ZENSICAL_CONFIG) -> ZensicalBuild:
    """Build the handbook with Zensical into `site`, which must be inside the project (Zensical allows no other)."""
    if not ZENSICAL_PYTHON.exists():
        raise FileNotFoundError(f"{ZENSICAL_PYTHON} 不存在：先运行 bash scripts/run.sh build-zensical（或 test）建好 .venv-zensical")
    env = {**os.environ, "SITE_URL": site_url, "ZENSICAL_SITE_DIR": str(site)}
    with one_zensical_at_a_time(config.parent):
        start = time.perf_counter()
        result = subprocess.run(
            [str(ZENSICAL_PYTHON), str(ROOT / "scripts" / "build_zensical.py"), str(config)],
            capture_output=True,
            text=True,
            env=env,
            cwd=config.parent,
            timeout=300,
        )
        seconds = time.perf_counter() - start
    return ZensicalBuild(result.returncode, result.stdout + result.stderr, seconds, site)


def search_index_size(site: Path) -> tuple[int, int]:
    """Bytes of the site's search index as served, raw and gzipped (what nginx sends with gzip on)."""
    for name in SEARCH_INDEXES:
        if (site / name).is_file():
            data = (site / name).read_bytes()
            return len(data), len(gzip.compress(data))
    raise FileNotFoundError(f"{site} 中没有搜索索引（{'、'.join(SEARCH_INDEXES)}）")
