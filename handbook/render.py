"""Render checklists as accessible HTML that works without JavaScript.

Templates are autoescaped: every string from YAML is escaped, so an item whose
text is ``<script>`` shows those characters and runs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from . import formatcheck
from .links import html_id
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


def _render(template: str, **context) -> str:
    """A template's HTML as one block of lines without indentation or blank lines: Markdown ends a raw
    HTML block at a blank line, and the indentation shows nowhere (no element keeps white space)."""
    html = _templates.get_template(template).render(**context)
    return "\n".join(stripped for line in html.splitlines() if (stripped := line.strip()))


def render_checklist(checklist: Checklist) -> str:
    """One checklist as HTML: a fieldset per phase, a labelled checkbox per item."""
    return _render("checklist.html", checklist=checklist, type_label=TYPE_LABELS[checklist.type], html_id=html_id)


def render_checklist_index(checklists: Iterable[Checklist], link_for: Callable[[Checklist], str]) -> str:
    """A table of all checklists: title (linked to its page), type, phases, item count."""
    rows = [(checklist, link_for(checklist)) for checklist in checklists]
    return _render("checklist_index.html", rows=rows)


def render_checklist_link(checklist: Checklist, href: str) -> str:
    """An inline link to a checklist, its title escaped."""
    return f'<a class="checklist-link" href="{escape(href)}">{escape(checklist.title)}</a>'


def render_checklist_runs(checklists: Iterable[Checklist], href_for: Callable[[Checklist], str]) -> str:
    """The all-runs page: a link per checklist carrying its items (id, text, due offset) for the script."""
    rows = [
        (checklist, href_for(checklist), [{"id": item.id, "text": item.text, "due": item.due_days} for item in checklist.items])
        for checklist in checklists
    ]
    return _render("checklist_runs.html", rows=rows)


def render_format_check(rules: dict, format_href: str, script_href: str, style_href: str) -> str:
    """The 公文格式自查 tool: file picker and report for the script, and the list of checks (readable without it)."""
    return _render("format_check.html", rules=rules, checks=formatcheck.checks_table(rules), max_mb=rules["maxMb"],
                   format_href=format_href, script_href=script_href, style_href=style_href)
