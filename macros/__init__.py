"""mkdocs-macros entry point: registers the handbook's macros, nothing more.

Everything they do lives in the ``handbook`` package, which knows nothing of MkDocs: loading and
validating the checklist data (``handbook.loading``), HTML (``handbook.render``), page links
(``handbook.links``) and the glossary tooltips (``handbook.glossary``). Zensical's macros extension
calls the same ``define_env(env)``.
"""

from __future__ import annotations

from pathlib import Path

from handbook.formatcheck import asset_href, checker_rules, format_page_href
from handbook.glossary import GlossaryError, GlossaryExtension, load_glossary
from handbook.layout import LAYOUT_FILE, LayoutDataError, load_layout
from handbook.links import checklist_href
from handbook.loading import ChecklistDataError, load_checklists
from handbook.render import (
    render_checklist,
    render_checklist_index,
    render_checklist_link,
    render_checklist_runs,
    render_format_check,
)

CHECKLISTS_DIR = "checklists"
GLOSSARY_PAGE = "glossary.md"
# Loaded only by the 公文格式自查 page, not by every page (extra_javascript), which they would slow down.
FORMAT_CHECK_SCRIPT = "assets/javascripts/format-check.js"
FORMAT_CHECK_STYLE = "assets/stylesheets/format-check.css"


def define_env(env):
    # Both engines give the project folder; MkDocs makes docs_dir absolute, Zensical leaves it relative to it.
    project_dir = Path(env.project_dir)
    docs_dir = project_dir / env.conf["docs_dir"]
    try:
        checklists = load_checklists(project_dir / CHECKLISTS_DIR, docs_dir)
        glossary = load_glossary(docs_dir / GLOSSARY_PAGE)
        layout = load_layout(project_dir / LAYOUT_FILE, str(LAYOUT_FILE))
    except (ChecklistDataError, GlossaryError, LayoutDataError) as error:
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
        return render_checklist(get(checklist_id))

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
    def checklist_runs() -> str:
        """The all-runs page body: every run saved in the reader's browser, listed by the script."""
        return render_checklist_runs(checklists.values(), lambda target: href(target, anchor=False))

    @env.macro
    def format_check() -> str:
        """The 公文格式自查 tool, its rules made from the layout data; the page loads its own script."""
        url = env.page.url
        return render_format_check(checker_rules(layout), format_page_href(url, env.conf["use_directory_urls"]),
                                   asset_href(FORMAT_CHECK_SCRIPT, url), asset_href(FORMAT_CHECK_STYLE, url))


def build_error(error: Exception) -> Exception:
    """The error that ends the build with our message and no traceback.

    MkDocs needs a PluginError for that; Zensical has no MkDocs and prints any error as raised.
    """
    try:
        from mkdocs.exceptions import PluginError
    except ModuleNotFoundError:
        return error
    return PluginError(str(error))
