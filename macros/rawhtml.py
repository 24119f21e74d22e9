"""HTML that the macros write goes into Markdown's HTML stash whole, without being parsed.

Python-Markdown (with md_in_html) finds the end of a raw HTML block by parsing every tag in it. A
checklist has some hundreds of tags, so that parse cost more build time than all the rest of the macros
(profiled with cProfile at 5× the content). The macros already know where their HTML starts and ends, so they mark
it, and this preprocessor puts each marked block in the stash as it is. The result is the same HTML.

If the extension is missing, the markers are ordinary HTML comments and Markdown parses the block as it
did before.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

BEGIN = "<!-- html-block -->"
END = "<!-- /html-block -->"
_MARKED_BLOCK = re.compile(rf"^{re.escape(BEGIN)}\n(?P<html>.*?)\n{re.escape(END)}$", re.MULTILINE | re.DOTALL)


def mark_html_block(html: str) -> str:
    """A block of our HTML, marked for the stash. It must not contain a blank line: without the
    extension, Markdown would end the block there."""
    return f"{BEGIN}\n{html}\n{END}"


class _StashMarkedBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if BEGIN not in text:
            return lines
        # A placeholder alone in its paragraph: the raw-HTML postprocessor puts the block back without a <p>.
        stashed = _MARKED_BLOCK.sub(lambda match: "\n\n" + self.md.htmlStash.store(match["html"]) + "\n\n", text)
        return stashed.split("\n")


class RawHtmlExtension(Extension):
    """Add to Markdown's extensions so that marked HTML blocks skip the HTML parser."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After MkDocs' "mkdocs_raw_html" (21), which reads the ids in raw HTML so that links to a
        # checklist's anchors validate, and before "html_block" (20), which would parse the block.
        md.preprocessors.register(_StashMarkedBlocks(md), "stash_marked_html", 20.5)


def makeExtension(**kwargs) -> RawHtmlExtension:  # noqa: N802 (the name Python-Markdown looks up)
    """Let a config list the extension by name (``macros.rawhtml``), as mkdocs.zensical.yml does."""
    return RawHtmlExtension(**kwargs)
