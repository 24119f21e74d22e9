"""Build timings: the handbook vs. plain Material on the same Markdown, at 1× and N× the content."""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Our additions to stock Material: the macros plugin (checklists, glossary) and the post-build hook.
OUR_PLUGIN = "macros"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav and plugin list; tags such as !ENV are not needed for that."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)


def plain_config(project: Path) -> Path:
    """A config that inherits the project's, minus our plugin and hook: stock Material on the same pages."""
    plugins = [p for p in read_config()["plugins"] if not (isinstance(p, dict) and OUR_PLUGIN in p)]
    config = project / "mkdocs.plain.yml"
    config.write_text(
        yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins, "hooks": []}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config


_MACRO_CALL = re.compile(r"""(checklist(?:_link|_counts)?\(\s*["'])([a-z0-9-]+)(["'])""")


def _prefixed(nav, prefix: str):
    if isinstance(nav, str):
        return prefix + nav
    if isinstance(nav, list):
        return [_prefixed(entry, prefix) for entry in nav]
    return {title: _prefixed(entry, prefix) for title, entry in nav.items()}


def scaled_project(dest: Path, factor: int) -> Path:
    """A copy of the project with its pages and checklists `factor` times (copies under docs/x2/ …).

    Factor 1 is a plain copy, so that no benchmark file is ever written into the repository.
    """
    dest.mkdir(parents=True)
    for name in ("macros", "overrides"):
        (dest / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("assets"))
    (dest / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    shutil.copytree(ROOT / "checklists", dest / "checklists")
    nav = read_config()["nav"]
    for copy in range(2, factor + 1):
        suffix = f"-x{copy}"
        for page in (ROOT / "docs").rglob("*.md"):
            target = dest / "docs" / f"x{copy}" / page.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_MACRO_CALL.sub(rf"\g<1>\g<2>{suffix}\g<3>", page.read_text(encoding="utf-8")), encoding="utf-8")
        for data in (ROOT / "checklists").glob("*.yml"):
            text = data.read_text(encoding="utf-8")
            text = re.sub(r"^id: (\S+)$", rf"id: \g<1>{suffix}", text, count=1, flags=re.M)
            text = re.sub(r"^page: (\S+)$", rf"page: x{copy}/\g<1>", text, count=1, flags=re.M)
            (dest / "checklists" / f"{data.stem}{suffix}.yml").write_text(text, encoding="utf-8")
        nav = nav + [{f"副本 {copy}": _prefixed(read_config()["nav"], f"x{copy}/")}]
    (dest / "mkdocs.yml").write_text(
        yaml.safe_dump({"INHERIT": str(ROOT / "mkdocs.yml"), "nav": nav}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return dest


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(config: Path, site: Path, site_url: str = "http://127.0.0.1:8000/") -> tuple[float, float]:
    """Wall and CPU seconds for one `mkdocs build` in a fresh process, as a maintainer runs it.

    CPU time (the build and its git subprocesses) barely moves when other work shares the
    machine; wall time does, so both are reported.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    shutil.rmtree(site, ignore_errors=True)
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site)],
        check=True, cwd=config.parent, env=env, capture_output=True,
    )
    return time.perf_counter() - started, _children_cpu() - cpu


def compare_builds(project: Path, work: Path, repeats: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of the handbook and of plain Material, alternating so both see the same machine."""
    ours, plain = [], []
    plain_yml = plain_config(project)
    for _ in range(repeats):
        ours.append(timed_build(project / "mkdocs.yml", work / "ours"))
        plain.append(timed_build(plain_yml, work / "plain"))
    pages = sum(1 for _ in (work / "ours").rglob("*.html"))
    median = lambda runs, kind: statistics.median(run[kind] for run in runs)  # noqa: E731
    return {
        "ours": (median(ours, 0), median(ours, 1)),
        "plain": (median(plain, 0), median(plain, 1)),
        "pages": pages,
    }
