"""Render checklists as accessible HTML that works without JavaScript.

Templates are autoescaped: every string from YAML is escaped, so an item whose
text is ``<script>`` shows those characters and runs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from . import formatcheck
from .links import html_id, page_url
from .model import Checklist, ChecklistType

TYPE_LABELS = {
    ChecklistType.STEP_BY_STEP: "按顺序读一项、做一项，做完再往下读。",
    ChecklistType.CHECK_AFTER: "凭经验把事做完，到核对节点停下，逐项核对确认。",
}


_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
    keep_trailing_newline=False,
)
# Data for the scripts (|tojson) as short as JSON goes: it is in every checklist page, and the home page
# carries every checklist's items. Chinese stays UTF-8 instead of \uXXXX; tojson still escapes < > & '.
_templates.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":"), "ensure_ascii": False}


def _render(template: str, **context) -> str:
    """A template's HTML as one block of lines without indentation or blank lines: Markdown ends a raw
    HTML block at a blank line, and the indentation shows nowhere (no element keeps white space)."""
    html = _templates.get_template(template).render(**context)
    return "\n".join(stripped for line in html.splitlines() if (stripped := line.strip()))


def render_checklist(checklist: Checklist, holidays: dict | None = None, source_url: str | None = None) -> str:
    """One checklist as HTML: a fieldset per phase, a labelled checkbox per item.

    ``holidays`` is handbook.holidays' data for the script's workday counting (none: Monday–Friday);
    ``source_url``, the address of the checklist's page, printed at the foot of the paper form.
    """
    return _render(
        "checklist.html",
        checklist=checklist,
        type_label=TYPE_LABELS[checklist.type],
        html_id=html_id,
        holidays=holidays or {},
        source_url=source_url or page_url(checklist.page),
    )


def render_checklist_index(checklists: Iterable[Checklist], link_for: Callable[[Checklist], str]) -> str:
    """A table of all checklists: title (linked to its page), type, phases, item count."""
    rows = [(checklist, link_for(checklist)) for checklist in checklists]
    return _render("checklist_index.html", rows=rows, progress_badge=progress_badge)


def render_checklist_link(checklist: Checklist, href: str) -> str:
    """An inline link to a checklist, its title escaped, and a place for this browser's progress on it."""
    return f'<a class="checklist-link" href="{escape(href)}">{escape(checklist.title)}</a>{progress_badge(checklist)}'


def item_data(checklist: Checklist, with_text: bool = False) -> list[dict]:
    """The items as the scripts read them: id and due offset (days or null), and the text if asked for."""
    return [{"id": item.id, "due": item.due_days, **({"text": item.text} if with_text else {})} for item in checklist.items]


def progress_badge(checklist: Checklist) -> Markup:
    """An empty, hidden span the script fills with this browser's runs of the checklist and their progress."""
    items = htmlsafe_json_dumps(item_data(checklist), **_templates.policies["json.dumps_kwargs"])
    return Markup(f"<span class=\"checklist-progress\" data-progress-for=\"{escape(checklist.id)}\" data-items='{items}' hidden></span>")


def render_checklist_due(checklists: Iterable[Checklist], href_for: Callable[[Checklist], str], runs_href: str, holidays: dict) -> str:
    """The home page's panel of items overdue, due today and due this week in this browser's runs."""
    catalog = {checklist.id: {"title": checklist.title, "href": href_for(checklist), "items": item_data(checklist, with_text=True)} for checklist in checklists}
    return _render("checklist_due.html", catalog=catalog, runs_href=runs_href, holidays=holidays)


def render_checklist_runs(checklists: Iterable[Checklist], href_for: Callable[[Checklist], str], holidays: dict | None = None) -> str:
    """The all-runs page: a link per checklist carrying its items (id, text, due offset) for the script."""
    rows = [(checklist, href_for(checklist), item_data(checklist, with_text=True)) for checklist in checklists]
    return _render("checklist_runs.html", rows=rows, holidays=holidays or {})


def render_format_check(rules: dict, format_href: str, script_href: str, style_href: str) -> str:
    """The 公文格式自查 tool: file picker and report for the script, and the list of checks (readable without it)."""
    return _render("format_check.html", rules=rules, checks=formatcheck.checks_table(rules), max_mb=rules["maxMb"],
                   format_href=format_href, script_href=script_href, style_href=style_href)
