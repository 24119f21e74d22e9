"""mkdocs-macros entry point: registers the checklist macros, nothing more.

Loading and validation live in ``loading.py``, HTML in ``render.py``,
glossary tooltips in ``glossary.py``, the stash for our HTML blocks in ``rawhtml.py``,
pages with nothing but plain macro calls in ``calls.py``, what the search step reads of a
checklist in ``searchcopy.py``.
"""

from __future__ import annotations

from pathlib import Path

from .calls import expand_plain_calls
from .glossary import GlossaryError, GlossaryExtension, load_glossary
from .links import page_url, relative_url
from .loading import ChecklistDataError, load_checklists
from .rawhtml import RawHtmlExtension, mark_html_block
from .render import (
    checklist_html,
    html_id,
    render_checklist_index,
    render_checklist_link,
    render_checklist_runs,
    render_checklist_search_copy,
)
from .searchcopy import add_search_copy

CHECKLISTS_DIR = "checklists"
GLOSSARY_PAGE = "glossary.md"


def define_env(env):
    # Both engines give the project folder; MkDocs makes docs_dir absolute, Zensical leaves it relative to it.
    project_dir = Path(env.project_dir)
    docs_dir = project_dir / env.conf["docs_dir"]
    try:
        checklists = load_checklists(project_dir / CHECKLISTS_DIR, docs_dir)
        glossary = load_glossary(docs_dir / GLOSSARY_PAGE)
    except (ChecklistDataError, GlossaryError) as error:
        raise build_error(error) from None
    extensions = env.conf["markdown_extensions"]
    # Zensical calls define_env for every page on one shared config (and mkdocs.zensical.yml lists both
    # extensions itself): add each once.
    if not any(isinstance(extension, GlossaryExtension) for extension in extensions):
        extensions.append(GlossaryExtension(glossary))
    if not any(isinstance(extension, RawHtmlExtension) for extension in extensions):
        extensions.append(RawHtmlExtension())

    def get(checklist_id: str):
        if checklist_id not in checklists:
            known = "、".join(sorted(checklists)) or "（无）"
            raise KeyError(f"清单 {checklist_id!r} 不存在：checklists/ 下没有 {checklist_id}.yml。现有清单：{known}")
        return checklists[checklist_id]

    def page_href(checklist) -> str:
        use_directory_urls = env.conf["use_directory_urls"]
        here = env.page.url  # site-relative, as page_url() lays it out, in both engines
        return relative_url(page_url(checklist.page, use_directory_urls), here)

    def link_for(checklist) -> str:
        return page_href(checklist) + "#" + html_id(checklist.id)

    @env.macro
    def checklist(checklist_id: str) -> str:
        """Render one checklist: {{ checklist("meeting") }} on a line of its own."""
        target = get(checklist_id)
        html = checklist_html(target)
        add_search_copy(env.page, html, render_checklist_search_copy(target))
        return mark_html_block(html)

    @env.macro
    def checklist_index() -> str:
        """Render the table of every checklist, linked to its page."""
        return render_checklist_index(checklists.values(), link_for)

    @env.macro
    def checklist_counts(checklist_id: str) -> str:
        """The size of a checklist in words, computed from its data: "3 个阶段、19 项"."""
        return get(checklist_id).counts

    @env.macro
    def checklist_link(checklist_id: str) -> str:
        """A link to a checklist on its page, titled from its data."""
        target = get(checklist_id)
        return render_checklist_link(target, link_for(target))

    @env.macro
    def checklist_runs() -> str:
        """The all-runs page body: every run saved in the reader's browser, listed by the script."""
        return render_checklist_runs(checklists.values(), page_href)


def on_pre_page_macros(env):
    """Fill in a page whose only template code is plain calls to our macros, and tell mkdocs-macros
    (with the page's documented ``render_macros`` switch) that it needs no Jinja pass."""
    if env.has_j2(str(env.page.title)):
        return  # mkdocs-macros renders such a title with Jinja too
    ours = {name: macro for name, macro in env.macros.items() if getattr(macro, "__module__", None) == __name__}
    try:
        expanded = expand_plain_calls(env.markdown, ours)
    except Exception:  # noqa: BLE001 (e.g. an unknown checklist: Jinja runs the page and reports it as always)
        return
    if expanded is not None:
        env.markdown = expanded
        env.page.meta["render_macros"] = False


def build_error(error: Exception) -> Exception:
    """The error that ends the build with our message and no traceback.

    MkDocs needs a PluginError for that; Zensical has no MkDocs and prints any error as raised.
    """
    try:
        from mkdocs.exceptions import PluginError
    except ModuleNotFoundError:
        return error
    return PluginError(str(error))
