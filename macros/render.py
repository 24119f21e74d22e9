"""Render checklists as accessible HTML that works without JavaScript.

Templates are autoescaped: every string from YAML is escaped, so an item whose
text is ``<script>`` shows those characters and runs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import escape

from .model import Checklist, ChecklistType
from .rawhtml import mark_html_block

TYPE_LABELS = {
    ChecklistType.STEP_BY_STEP: "按顺序读一项、做一项，做完再往下读。",
    ChecklistType.CHECK_AFTER: "凭经验把事做完，到核对节点停下，逐项核对确认。",
}


def _compiled_templates_cache() -> BytecodeCache | None:
    """Jinja's own cache of compiled templates, in the user's temporary folder (checked against the
    template's text on every load). Compiling checklist.html took longer than rendering every checklist."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had: compile on every build
        return None


_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    bytecode_cache=_compiled_templates_cache(),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
    keep_trailing_newline=False,
)


def _tidy(html: str) -> str:
    # Markdown ends a raw HTML block at a blank line, so none may appear inside it. The templates'
    # indentation goes too: it shows nowhere (no element keeps white space), and the later steps
    # (search index, print page, CSP hashes) read every byte of every page.
    return "\n".join(stripped for line in html.splitlines() if (stripped := line.strip()))


def _as_html_block(html: str) -> str:
    return mark_html_block(_tidy(html))


def html_id(checklist_id: str, *parts: str) -> str:
    """Element ids derived only from stable ids: ``cl-meeting``, ``cl-meeting__plan``.

    Slugs never contain "_" or "--", so "__" (item) and "--" (phase) cannot collide.
    """
    return "cl-" + checklist_id + "".join(parts)


def checklist_html(checklist: Checklist) -> str:
    """One checklist as HTML: a fieldset per phase, a labelled checkbox per item.

    The macro marks it as a block for the stash (rawhtml.py); the built page holds it as returned here.
    """
    return _tidy(
        _templates.get_template("checklist.html").render(
            checklist=checklist, type_label=TYPE_LABELS[checklist.type], html_id=html_id
        )
    )


def render_checklist_search_copy(checklist: Checklist) -> str:
    """What the search index takes from the checklist, as the few tags it keeps: the same index text
    from about a twelfth of the bytes to parse."""
    return _tidy(_templates.get_template("checklist_search.html").render(checklist=checklist))


def render_checklist_index(checklists: Iterable[Checklist], link_for: Callable[[Checklist], str]) -> str:
    """A table of all checklists: title (linked to its page), type, phases, item count."""
    rows = [(checklist, link_for(checklist), TYPE_LABELS[checklist.type]) for checklist in checklists]
    return _as_html_block(_templates.get_template("checklist_index.html").render(rows=rows))


def render_checklist_link(checklist: Checklist, href: str) -> str:
    """An inline link to a checklist, its title escaped."""
    return f'<a class="checklist-link" href="{escape(href)}">{escape(checklist.title)}</a>'


def render_checklist_runs(checklists: Iterable[Checklist], href_for: Callable[[Checklist], str]) -> str:
    """The all-runs page: a link per checklist carrying its items (id, text, due offset) for the script."""
    rows = [
        (checklist, href_for(checklist), [{"id": item.id, "text": item.text, "due": item.due_days} for item in checklist.items])
        for checklist in checklists
    ]
    return _as_html_block(_templates.get_template("checklist_runs.html").render(rows=rows))
