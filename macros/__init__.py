"""mkdocs-macros entry point: registers the handbook's macros, nothing more.

Everything they do lives in the ``handbook`` package, which knows nothing of MkDocs: loading and
validating the checklist data (``handbook.loading``), HTML (``handbook.render``), page links
(``handbook.links``), the glossary tooltips (``handbook.glossary``), the GB/T 9704 layout data
(``handbook.layout``, ``handbook.formatpage``), the samples (``handbook.samples``, ``handbook.sheets``)
and their Word files (``handbook.wordtemplates``, written by ``on_post_build``). Zensical's macros
extension calls the same ``define_env(env)``, but not ``on_post_build``.
"""

from __future__ import annotations

from pathlib import Path

from handbook.formatcheck import FORMAT_PAGE, checker_rules
from handbook.formatpage import render_layout_table
from handbook.glossary import GlossaryError, GlossaryExtension, load_glossary
from handbook.holidays import load_holidays
from handbook.layout import LAYOUT_FILE, fill_checklists, load_layout
from handbook.links import checklist_href, page_url, relative_url
from handbook.loading import DataError, load_checklists
from handbook.samples import BLANK_LAYOUTS, SAMPLES_DIR, blank_file_name, load_samples, reading_order
from handbook.sheets import render_sample, render_sample_index, render_sample_link
from handbook.render import (
    render_checklist,
    render_checklist_due,
    render_checklist_index,
    render_checklist_link,
    render_checklist_runs,
    render_format_check,
)

CHECKLISTS_DIR = "checklists"
GLOSSARY_PAGE = "glossary.md"
RUNS_PAGE = "checklists/runs.md"
# The Word files of the samples and the blank templates, in the built site.
DOWNLOADS_DIR = "downloads"
# Where define_env leaves the samples and the layout for on_post_build (mkdocs-macros passes both the same env).
WORD_FILES_DATA = "handbook_word_files"
# Loaded only by the 公文格式自查 page, not by every page (extra_javascript), which they would slow down.
FORMAT_CHECK_SCRIPT = "assets/javascripts/format-check.js"
FORMAT_CHECK_STYLE = "assets/stylesheets/format-check.css"


def define_env(env):
    # Both engines give the project folder; MkDocs makes docs_dir absolute, Zensical leaves it relative to it.
    project_dir = Path(env.project_dir)
    docs_dir = project_dir / env.conf["docs_dir"]
    try:
        layout = load_layout(project_dir / LAYOUT_FILE, str(LAYOUT_FILE))
        checklists = fill_checklists(load_checklists(project_dir / CHECKLISTS_DIR, docs_dir), layout, CHECKLISTS_DIR)
        samples = load_samples(project_dir / SAMPLES_DIR, {element.id for element in layout.elements}, docs_dir)
        glossary = load_glossary(docs_dir / GLOSSARY_PAGE)
        holidays = load_holidays(project_dir)
    except (DataError, GlossaryError) as error:
        raise build_error(error) from None
    env.variables[WORD_FILES_DATA] = (samples, layout)
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

    @env.macro
    def format_check() -> str:
        """The 公文格式自查 tool, its rules made from the layout data; the page loads its own script."""
        format_page = site_href(page_url(FORMAT_PAGE, env.conf["use_directory_urls"]))
        return render_format_check(checker_rules(layout), format_page, site_href(FORMAT_CHECK_SCRIPT), site_href(FORMAT_CHECK_STYLE))

    def sample_data(sample_id: str):
        if sample_id not in samples:
            raise KeyError(f"样例 {sample_id!r} 不存在：samples/ 下没有 {sample_id}.yml。现有样例：{'、'.join(sorted(samples))}")
        return samples[sample_id]

    def site_href(target: str) -> str:
        """A link from this page to a file or page of the site (site-relative)."""
        return relative_url(target, env.page.url)

    def download(file_name: str) -> str:
        return site_href(f"{DOWNLOADS_DIR}/{file_name}")

    def sample_href(sample) -> str:
        return site_href(page_url(f"samples/{sample.id}.md", env.conf["use_directory_urls"]))

    @env.macro
    def layout_table(part: str) -> str:
        """A table of the format page from data/layout.yml: "page", "版头", "主体", "版记", "levels", "formats"."""
        return render_layout_table(layout, part)

    @env.macro
    def layout_value(path: str) -> str:
        """One figure of data/layout.yml by its path, e.g. {{ layout_value("page.margins.top") }} → 37."""
        return layout.lookup(path)

    @env.macro
    def sample(sample_id: str) -> str:
        """A sample's sheets and notes: {{ sample("qingshi") }} on a line of its own."""
        target = sample_data(sample_id)
        return render_sample(target, layout, download(target.file_name))

    @env.macro
    def sample_link(sample_id: str) -> str:
        """A link to a sample's page: 请示样例."""
        target = sample_data(sample_id)
        return render_sample_link(target, sample_href(target))

    @env.macro
    def sample_index() -> str:
        """The table of every sample with its Word file, and the blank templates."""
        rows = [(target, sample_href(target), download(target.file_name)) for target in sorted(samples.values(), key=reading_order)]
        return render_sample_index(rows, [(blank_file_name(name), download(blank_file_name(name))) for name in BLANK_LAYOUTS])


def on_post_build(env):
    """The Word files, written into the finished site (files written earlier are wiped by the build).

    Only MkDocs runs this; Zensical builds the pages without the files (docs/about/engines.md).
    """
    from handbook.wordtemplates import write_word_files

    samples, layout = env.variables[WORD_FILES_DATA]
    write_word_files(samples, layout, Path(env.conf["site_dir"]) / DOWNLOADS_DIR)


def build_error(error: Exception) -> Exception:
    """The error that ends the build with our message and no traceback.

    MkDocs needs a PluginError for that; Zensical has no MkDocs and prints any error as raised.
    """
    try:
        from mkdocs.exceptions import PluginError
    except ModuleNotFoundError:
        return error
    return PluginError(str(error))
