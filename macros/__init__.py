"""mkdocs-macros entry point: registers the handbook's macros, nothing more.

Everything they do lives in the ``handbook`` package, which knows nothing of MkDocs: loading and
validating the checklist data (``handbook.loading``), HTML (``handbook.render``), page links
(``handbook.links``) and the glossary tooltips (``handbook.glossary``). Zensical's macros extension
calls the same ``define_env(env)``.
"""

from __future__ import annotations

from pathlib import Path

from handbook.glossary import GlossaryError, GlossaryExtension, load_glossary
from handbook.holidays import load_holidays
from handbook.links import checklist_href, page_url, relative_url
from handbook.loading import DataError, load_checklists
from handbook.render import (
    render_checklist,
    render_checklist_due,
    render_checklist_index,
    render_checklist_link,
    render_checklist_runs,
)

CHECKLISTS_DIR = "checklists"
GLOSSARY_PAGE = "glossary.md"
RUNS_PAGE = "checklists/runs.md"


def define_env(env):
    # Both engines give the project folder; MkDocs makes docs_dir absolute, Zensical leaves it relative to it.
    project_dir = Path(env.project_dir)
    docs_dir = project_dir / env.conf["docs_dir"]
    try:
        checklists = load_checklists(project_dir / CHECKLISTS_DIR, docs_dir)
        glossary = load_glossary(docs_dir / GLOSSARY_PAGE)
        holidays = load_holidays(project_dir)
    except (DataError, GlossaryError) as error:
        raise build_error(error) from None
    extensions = env.conf["markdown_extensions"]
    # Zensical calls define_env for every page on one shared config (and mkdocs.zensical.yml lists the
    # extension itself): add it once.
    if not any(isinstance(extension, GlossaryExtension) for extension in extensions):
        extensions.append(GlossaryExtension(glossary))

    def get(checklist_id: str):
        if checklist_id not in checklists:
            known = "、".join(sorted(checklists)) or "（无）"
            raise KeyError(f"清单 {checklist_id!r} 不存在：checklists/ 下没有 {checklist_id}.yml。现有清单：{known}")
        return checklists[checklist_id]

    def href(checklist, anchor: bool = True) -> str:
        # env.page.url is site-relative in both engines.
        return checklist_href(checklist, env.page.url, env.conf["use_directory_urls"], anchor)

    @env.macro
    def checklist(checklist_id: str) -> str:
        """Render one checklist: {{ checklist("meeting") }} on a line of its own."""
        target = get(checklist_id)
        # site_url is the readers' address (SITE_URL); the printed form names the page there.
        source = (env.conf["site_url"] or "") + page_url(target.page, env.conf["use_directory_urls"])
        return render_checklist(target, holidays, source)

    @env.macro
    def checklist_index() -> str:
        """Render the table of every checklist, linked to its page."""
        return render_checklist_index(checklists.values(), href)

    @env.macro
    def checklist_counts(checklist_id: str) -> str:
        """The size of a checklist in words, computed from its data: "3 个阶段、19 项"."""
        return get(checklist_id).counts

    @env.macro
    def checklist_link(checklist_id: str) -> str:
        """A link to a checklist on its page, titled from its data."""
        target = get(checklist_id)
        return render_checklist_link(target, href(target))

    @env.macro
    def checklist_due() -> str:
        """The home page's panel of what is due in this browser's runs (shown by the script, if any)."""
        runs_href = relative_url(page_url(RUNS_PAGE, env.conf["use_directory_urls"]), env.page.url)
        return render_checklist_due(checklists.values(), lambda target: href(target, anchor=False), runs_href, holidays)

    @env.macro
    def checklist_runs() -> str:
        """The all-runs page body: every run saved in the reader's browser, listed by the script."""
        return render_checklist_runs(checklists.values(), lambda target: href(target, anchor=False), holidays)


def build_error(error: Exception) -> Exception:
    """The error that ends the build with our message and no traceback.

    MkDocs needs a PluginError for that; Zensical has no MkDocs and prints any error as raised.
    """
    try:
        from mkdocs.exceptions import PluginError
    except ModuleNotFoundError:
        return error
    return PluginError(str(error))
