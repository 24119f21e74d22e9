"""Build timings: the handbook vs. plain Material on the same Markdown, at 1× and N× the content."""

from __future__ import annotations

import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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


def plain_config(project: Path, folder: Path | None = None) -> Path:
    """A config in `folder` (the project's own by default) that inherits the project's, minus our plugin
    and hook: stock Material on the pages of that folder's docs/."""
    plugins = [p for p in read_config()["plugins"] if not (isinstance(p, dict) and OUR_PLUGIN in p)]
    folder = folder or project
    config = folder / "mkdocs.plain.yml"
    config.write_text(
        # watch only matters to `mkdocs serve`, and names the project's data folders, which `folder` may lack.
        yaml.safe_dump({"INHERIT": str(project / "mkdocs.yml"), "plugins": plugins, "hooks": [], "watch": []},
                       allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config


# A MkDocs hook that writes each page's Markdown as the macros left it into a folder (hooks run after
# every plugin); {folder!r} is filled in when the hook file is written.
_WRITE_EXPANDED_PAGES = """
from pathlib import Path


def on_page_markdown(markdown, page, **kwargs):
    target = Path({folder!r}) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
"""


# The handbook's macros without their on_post_build, which writes the Word files (issue 17 budgets that
# step on its own, bench/wordfiles.py): mkdocs-macros calls only the module functions that exist.
_MACROS_WITHOUT_WORD_FILES = '''"""The handbook's macros, minus the Word-file step: the benchmark's build of everything else."""
from macros import define_env  # noqa: F401
'''


def without_word_files(project: Path) -> Path:
    """A config of the project that builds the whole site except the Word files."""
    (project / "macros_without_word_files.py").write_text(_MACROS_WITHOUT_WORD_FILES, encoding="utf-8")
    plugins = [{OUR_PLUGIN: {**p[OUR_PLUGIN], "module_name": "macros_without_word_files"}} if isinstance(p, dict) and OUR_PLUGIN in p else p
               for p in read_config()["plugins"]]
    config = project / "mkdocs.no-word-files.yml"
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": plugins}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def plain_on_expanded_pages(project: Path, dest: Path) -> Path:
    """A plain-Material config whose pages are the project's after its macros ran: the same content
    (checklists, sample sheets, tables from data) with none of our machinery (macros, glossary, hooks,
    Word files). Building ours against it measures what the machinery costs; building ours against
    `plain_config` also counts the content the macros generate, which plain Material never renders."""
    dest.mkdir(parents=True)
    hook = dest / "write_expanded_pages.py"
    hook.write_text(_WRITE_EXPANDED_PAGES.format(folder=str(dest / "docs")), encoding="utf-8")
    # The expanding build needs the pages, not the Word files.
    expand = project / "mkdocs.expand.yml"
    expand.write_text(yaml.safe_dump({"INHERIT": without_word_files(project).name, "hooks": [str(hook)]}), encoding="utf-8")
    timed_build(expand, dest / "expand-site")
    shutil.rmtree(dest / "expand-site")
    (dest / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    link_project_code(dest)  # the theme overrides, which the inherited config names relative to it
    return plain_config(project, dest)


_MACRO_CALL = re.compile(r"""(checklist(?:_link|_counts)?\(\s*["'])([a-z0-9-]+)(["'])""")
# The checklist index, the all-runs page and the home page's due panel each list every checklist of the site. A site with 5× the
# checklists has one of each, listing all of them; five copies of each would list them all five times
# over and grow the site with the square of its content. The copies keep the pages, without the lists.
_SITE_WIDE_CALL = re.compile(r"\{\{\s*checklist_(?:index|runs|due)\(\s*\)\s*\}\}")


def _prefixed(nav, prefix: str):
    if isinstance(nav, str):
        return prefix + nav
    if isinstance(nav, list):
        return [_prefixed(entry, prefix) for entry in nav]
    return {title: _prefixed(entry, prefix) for title, entry in nav.items()}


# The folders a copy of the project links to rather than copies: code, hooks, theme overrides.
PROJECT_CODE = ("handbook", "hooks", "macros", "overrides")


def link_project_code(dest: Path) -> None:
    """Link the project's code into ``dest``, a project of other pages and data that builds with it."""
    for name in PROJECT_CODE:
        (dest / name).symlink_to(ROOT / name)


def scaled_project(dest: Path, factor: int) -> Path:
    """A copy of the project with its pages and checklists `factor` times (copies under docs/x2/ …).

    Factor 1 is a plain copy, so that no benchmark file is ever written into the repository.
    """
    dest.mkdir(parents=True)
    link_project_code(dest)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("assets"))
    (dest / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    shutil.copytree(ROOT / "checklists", dest / "checklists")
    # One layout and one set of samples: the copies' sample pages show the same samples again.
    for name in ("data", "samples"):
        (dest / name).symlink_to(ROOT / name)
    nav = read_config()["nav"]
    for copy in range(2, factor + 1):
        suffix = f"-x{copy}"
        for page in (ROOT / "docs").rglob("*.md"):
            target = dest / "docs" / f"x{copy}" / page.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            text = _SITE_WIDE_CALL.sub("", page.read_text(encoding="utf-8"))
            target.write_text(_MACRO_CALL.sub(rf"\g<1>\g<2>{suffix}\g<3>", text), encoding="utf-8")
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


@dataclass
class _RunningBuild:
    process: subprocess.Popen
    log: IO[bytes]  # stderr in a file, not a pipe: nothing reads it until the build ends, and a full pipe would stall it
    started: float

    def finish(self) -> tuple[float, float]:
        """Wall and CPU seconds (CPU counts the build and its git subprocesses)."""
        _, status, usage = os.wait4(self.process.pid, 0)  # wait4, not wait(): it gives the process's own usage
        wall = time.perf_counter() - self.started
        self.process.returncode = os.waitstatus_to_exitcode(status)
        with self.log:
            self.log.seek(0)
            if self.process.returncode != 0:
                raise RuntimeError("mkdocs build failed:\n" + self.log.read().decode("utf-8", "replace"))
        return wall, usage.ru_utime + usage.ru_stime


def _start_build(config: Path, site: Path, site_url: str, cpu: int | None = None) -> _RunningBuild:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    shutil.rmtree(site, ignore_errors=True)
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(site)],
        cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=log,
        # One build per CPU, so that two builds side by side do not take turns on one.
        preexec_fn=None if cpu is None else lambda: os.sched_setaffinity(0, {cpu}),
    )
    return _RunningBuild(process, log, time.perf_counter())


def timed_build(config: Path, site: Path, site_url: str = "http://127.0.0.1:8000/") -> tuple[float, float]:
    """Wall and CPU seconds for one `mkdocs build` in a fresh process, as a maintainer runs it."""
    return _start_build(config, site, site_url).finish()


def _two_cpus() -> tuple[int, int] | None:
    cpus = sorted(os.sched_getaffinity(0))
    return (cpus[0], cpus[1]) if len(cpus) >= 2 else None


def compare_builds(project: Path, work: Path, pairs: int, plain_yml: Path | None = None, ours_yml: Path | None = None) -> dict:
    """Build the handbook (`ours_yml`, by default the project's mkdocs.yml) and plain Material (`plain_yml`,
    by default `plain_config`) side by side, `pairs` times, and compare each pair.

    This machine's speed drifts by up to a third from one minute to the next (shared virtual CPUs), so
    builds timed one after the other give ratios from 1.0 to 1.4 for the same code. The two builds of a
    pair run at the same moment, one per CPU, and see the same drift, so the ratio within a pair is much
    steadier. The CPUs swap every pair and the build started first every other pair. The median of the
    pair ratios is the figure for the target; the quartiles show the spread. With one CPU, the two
    builds of a pair run one after the other.
    """
    plain_yml = plain_yml or plain_config(project)
    ours_yml = ours_yml or project / "mkdocs.yml"
    # The plain build's packages were compiled to bytecode when pip installed them. Ours too, as Python
    # does on a first run, so that a machine that sets PYTHONDONTWRITEBYTECODE (this one does) does not
    # time the handbook's code being compiled on every build.
    for name in ("handbook", "macros"):
        compileall.compile_dir(ROOT / name, quiet=1)
    cpus = _two_cpus()
    # CPU seconds: a pair's second build to finish is collected late, so its wall time would be too long.
    ours_cpu, plain_cpu = [], []
    url = "http://127.0.0.1:8000/"
    for index in range(pairs):
        if cpus is None:
            ours_cpu.append(timed_build(ours_yml, work / "ours", url)[1])
            plain_cpu.append(timed_build(plain_yml, work / "plain", url)[1])
            continue
        cpu_ours, cpu_plain = cpus if index % 2 == 0 else cpus[::-1]
        builds = {"ours": (ours_yml, work / "ours", cpu_ours), "plain": (plain_yml, work / "plain", cpu_plain)}
        # Which build starts first alternates too, every other pair, so that neither always has the head start.
        order = ("ours", "plain") if index % 4 < 2 else ("plain", "ours")
        running = {}
        for name in order:
            config, site, cpu = builds[name]
            running[name] = _start_build(config, site, url, cpu)
        ours_cpu.append(running["ours"].finish()[1])
        plain_cpu.append(running["plain"].finish()[1])
    ratios = sorted(mine / theirs for mine, theirs in zip(ours_cpu, plain_cpu))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    return {
        "ours": statistics.median(ours_cpu),
        "plain": statistics.median(plain_cpu),
        "ratio": quartiles[1],
        "ratio_quartiles": (quartiles[0], quartiles[2]),
        "side_by_side": cpus is not None,
        "pages": sum(1 for _ in (work / "ours").rglob("*.html")),
    }
