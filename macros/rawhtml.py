"""HTML that the macros write goes into Markdown's HTML stash whole, without being parsed.

Python-Markdown (with md_in_html) finds the end of a raw HTML block by parsing every tag in it, and
superfences reads each of its lines looking for a code fence. A checklist has some hundreds of tags, so
that cost more build time than all the rest of the macros (profiled with cProfile at 5× the content).
The macros already know where their HTML starts and ends, so they mark it, and this preprocessor puts
each marked block in the stash as it is, before those steps. The result is the same HTML.

MkDocs reads every id in a page's raw HTML (its own preprocessor, parsing the whole page) so that
`--strict` can check links to anchors. Our blocks are stashed before that read, which spares MkDocs
a second parse of them, and their ids, which we wrote ourselves, are handed to it directly.

If the extension is missing, the markers are ordinary HTML comments and Markdown parses the block as it
did before.
"""

from __future__ import annotations

import re
from html import unescape

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

BEGIN = "<!-- html-block -->"
END = "<!-- /html-block -->"
_MARKED_BLOCK = re.compile(rf"^{re.escape(BEGIN)}\n(?P<html>.*?)\n{re.escape(END)}$", re.MULTILINE | re.DOTALL)
# An id attribute as our templates write it: double quotes, value escaped (so no quote inside).
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')
# MkDocs' preprocessor that collects the ids in raw HTML, and its priority (mkdocs/structure/pages.py).
MKDOCS_ID_SCAN = "mkdocs_raw_html"
MKDOCS_ID_SCAN_PRIORITY = 21


def mark_html_block(html: str) -> str:
    """A block of our HTML, marked for the stash. It must not contain a blank line: without the
    extension, Markdown would end the block there."""
    return f"{BEGIN}\n{html}\n{END}"


class _StashMarkedBlocks(Preprocessor):
    def __init__(self, md: Markdown):
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        text = "\n".join(lines)
        if BEGIN not in text:
            return lines
        stashed = _MARKED_BLOCK.sub(self._stash, text)
        return stashed.split("\n")

    def _stash(self, match: re.Match) -> str:
        html = match["html"]
        self.ids.update(unescape(value) for value in _ID_ATTRIBUTE.findall(html))
        # A placeholder alone in its paragraph: the raw-HTML postprocessor puts the block back without a <p>.
        return "\n\n" + self.md.htmlStash.store(html) + "\n\n"


class _ReportStashedIds(Preprocessor):
    """Adds the ids of the stashed blocks to those MkDocs found in the rest of the page."""

    def __init__(self, md: Markdown, stash: _StashMarkedBlocks):
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        # Only MkDocs registers the scan (Zensical and plain Markdown check no anchors). It sets a new
        # set on each run, so the ids go in after it has run.
        if MKDOCS_ID_SCAN in self.md.preprocessors:
            self.md.preprocessors[MKDOCS_ID_SCAN].present_anchor_ids.update(self.stash.ids)
        return lines


class RawHtmlExtension(Extension):
    """Add to Markdown's extensions so that marked HTML blocks skip the HTML parsers."""

    def extendMarkdown(self, md: Markdown) -> None:
        stash = _StashMarkedBlocks(md)
        # Right after Markdown evens out line endings and tabs (30), and before every step that reads the
        # page line by line or tag by tag: fenced code (25), MkDocs' id scan (21) and "html_block" (20).
        md.preprocessors.register(stash, "stash_marked_html", 29)
        # Between the scan and "html_block": the scan's set of ids exists by then.
        md.preprocessors.register(_ReportStashedIds(md, stash), "report_stashed_ids", MKDOCS_ID_SCAN_PRIORITY - 0.5)


def makeExtension(**kwargs) -> RawHtmlExtension:  # noqa: N802 (the name Python-Markdown looks up)
    """Let a config list the extension by name (``macros.rawhtml``), as mkdocs.zensical.yml does."""
    return RawHtmlExtension(**kwargs)
