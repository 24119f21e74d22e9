"""Pages whose only template code is plain macro calls, filled in without Jinja.

mkdocs-macros compiles every page as a Jinja template. Most of our pages hold nothing but calls such
as ``{{ checklist_link("meeting") }}``, and compiling them cost more build time than rendering all
the checklists (measured at 5× the content). Such a page is filled in here, call by call, with the
same result Jinja gives. A page with anything else in it (a loop, a variable, a call written another
way or to a macro that is not ours) is left whole to Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

# The delimiters of Jinja code; mkdocs.yml keeps Jinja's defaults.
JINJA_MARKERS = ("{{", "{%", "{#")
# A call with no argument or one plain double-quoted string: name("meeting"), with optional spaces.
_PLAIN_CALL = re.compile(r'\{\{\s*(?P<name>\w+)\(\s*(?:"(?P<argument>[^"\\{}]*)"\s*)?\)\s*\}\}')


def expand_plain_calls(markdown: str, macros: Mapping[str, Callable[..., object]]) -> str | None:
    """The page with each call replaced by its macro's output, or None if the page needs Jinja."""
    calls = list(_PLAIN_CALL.finditer(markdown))
    if any(call["name"] not in macros for call in calls):
        return None
    if any(marker in _PLAIN_CALL.sub("", markdown) for marker in JINJA_MARKERS):
        return None

    def output(call: re.Match) -> str:
        arguments = () if call["argument"] is None else (call["argument"],)
        return str(macros[call["name"]](*arguments))

    expanded = _PLAIN_CALL.sub(output, markdown)
    # Jinja drops one trailing newline from a template (keep_trailing_newline is off); so do we.
    return expanded.removesuffix("\n")
