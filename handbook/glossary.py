"""Glossary terms explained on hover across the site.

The terms come from the glossary page itself (docs/glossary.md, a Markdown
definition list), so there is one place to edit them. Python-Markdown's abbr
extension cannot be used: it matches at word boundaries, and running Chinese
text has none, so "把好五关" would never match "五关". This tree processor
wraps the first use of each term on a page in <abbr title="…">.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# A definition list entry: the term on its own line, then ":   definition".
ENTRY = re.compile(r"^(?P<term>[^\s:#>*|-][^\n]*)\n:[ \t]+(?P<definition>[^\n]+)$", re.MULTILINE)
# Where a tooltip would be wrong or unreadable.
SKIPPED_TAGS = {"a", "abbr", "code", "pre", "kbd", "script", "style", "dt", "h1", "h2", "h3", "h4", "h5", "h6"}


class GlossaryError(ValueError):
    pass


def load_glossary(path: Path) -> dict[str, str]:
    """Terms and their one-line definitions, in the order of the page."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    terms: dict[str, str] = {}
    for match in ENTRY.finditer(text):
        term, definition = match["term"].strip(), match["definition"].strip()
        if term in terms:
            line = text.count("\n", 0, match.start()) + 1
            raise GlossaryError(f"{path.name} 第 {line} 行：术语“{term}”重复定义")
        terms[term] = definition
    return terms


class _TermTooltips(Treeprocessor):
    def __init__(self, md: Markdown, terms: dict[str, str], pattern: re.Pattern):
        super().__init__(md)
        self.terms = terms
        self.pattern = pattern

    def run(self, root: etree.Element) -> None:
        slots: list[tuple[etree.Element, etree.Element | None]] = []
        self._collect(root, slots)
        if not slots:
            return
        texts = [element.text if parent is None else element.tail for element, parent in slots]
        # One search over the whole page, its texts joined by a character no term contains, finds the
        # same matches as a search in each text: a page has hundreds of texts and uses a few terms.
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        first_uses: dict[int, list[re.Match]] = {}
        used: set[str] = set()
        for match in self.pattern.finditer("\0".join(texts)):
            if match.group() not in used:
                used.add(match.group())
                first_uses.setdefault(bisect_right(starts, match.start()) - 1, []).append(match)
        for index, matches in first_uses.items():
            self._wrap(slots[index], texts[index], starts[index], matches)

    def _collect(self, element: etree.Element, slots: list) -> None:
        """The texts a term may be explained in, in reading order: (element, None) for an element's
        own text, (child, parent) for the text after a child, which is part of the parent."""
        if element.tag in SKIPPED_TAGS:
            return
        if element.text:
            slots.append((element, None))
        for child in element:
            self._collect(child, slots)
            if child.tail:
                slots.append((child, element))

    def _wrap(self, slot: tuple[etree.Element, etree.Element | None], text: str, start: int, matches: list[re.Match]) -> None:
        """Put each matched term of one text in an <abbr> with its definition."""
        element, parent = slot
        lead, wrapped, cursor = "", [], 0
        for match in matches:
            before = text[cursor : match.start() - start]
            if wrapped:
                wrapped[-1].tail = before
            else:
                lead = before
            abbr = etree.Element("abbr", {"title": self.terms[match.group()]})
            abbr.text = match.group()
            wrapped.append(abbr)
            cursor = match.end() - start
        wrapped[-1].tail = text[cursor:]
        if parent is None:
            element.text, position = lead, 0
        else:
            element.tail, position = lead, list(parent).index(element) + 1
            element = parent
        for offset, abbr in enumerate(wrapped):
            element.insert(position + offset, abbr)


class GlossaryExtension(Extension):
    """Add to Markdown's extensions to explain glossary terms on hover."""

    def __init__(self, terms: dict[str, str]):
        super().__init__()
        self.terms = terms
        # Built once here, not for each page: MkDocs sets up Markdown afresh for every page.
        # Longest first, so "会议记录" wins over a shorter term inside it.
        self.pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))

    def extendMarkdown(self, md: Markdown) -> None:
        if self.terms:
            # After inline parsing (priority 20), so links and code are already elements to skip.
            md.treeprocessors.register(_TermTooltips(md, self.terms, self.pattern), "glossary_tooltips", 5)


def makeExtension(glossary: str) -> GlossaryExtension:  # noqa: N802 (the name Python-Markdown looks up)
    """Let a config list the extension by name: ``handbook.glossary: {glossary: docs/glossary.md}``.

    For Zensical, whose macros run too late to add an extension to the first page they render.
    """
    return GlossaryExtension(load_glossary(Path(glossary)))
