"""The search step reads a short copy of each checklist instead of the checklist itself.

Material's search plugin parses the HTML of every page, tag by tag, in Python. A checklist is some
hundreds of tags (checkboxes, labels, the controls the script shows) around a few hundred words, and
the index leaves most of that markup out anyway. So the checklist macro notes, for its page, a copy
with just those words and the few tags the index keeps (templates/checklist_search.html). This hook
puts the copies in the page's HTML for the search step and the checklists back right after it, before
the page is written. The index text is the same: tests/test_searchcopy.py checks it with Material's parser.

A MkDocs hook (``hooks:`` in mkdocs.yml), because hooks run after every plugin: print-site has kept
the page's full HTML before the copies go in, and the search plugin, whose turn comes before the hook's,
has read them when the checklists come back. It imports nothing from the project, because MkDocs loads
a hook file on its own; the macros package imports ``add_search_copy`` from here. Zensical runs no hooks
and indexes pages its own way: there nothing is swapped.
"""

from __future__ import annotations

# Set on the MkDocs page by the checklist macro, read by the hook: {checklist HTML: search copy}.
_COPIES = "checklist_search_copies"


def add_search_copy(page, html: str, copy: str) -> None:
    """Have the search step read `copy` where `html` stands in this page's HTML.

    `copy` must differ from every other copy on the page: the copies begin with a comment naming the checklist.
    """
    copies = getattr(page, _COPIES, None)
    if copies is None:
        copies = {}
        setattr(page, _COPIES, copies)
    copies[html] = copy


def on_page_content(html: str, page, **kwargs) -> str:
    # A block that is not in the HTML as rendered (say, a macro call inside an indented list) is
    # simply not swapped: the search step reads that checklist in full, as it would without the hook.
    for full, copy in getattr(page, _COPIES, {}).items():
        html = html.replace(full, copy)
    return html


def on_page_context(context, page, **kwargs):
    # Back from the copy, not from a saved page: the search step has tidied the rest of the page.
    for full, copy in getattr(page, _COPIES, {}).items():
        page.content = page.content.replace(copy, full)
    return context
