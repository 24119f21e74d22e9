"""Page URLs computed from source paths, as MkDocs lays them out.

Kept free of MkDocs imports so the checklist engine can move to another engine. Element ids of
checklists are made here too, since links point at them.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """The site URL of a Markdown page: ``banhui/index.md`` → ``banhui/``."""
    path = PurePosixPath(src_path)
    parent = "" if str(path.parent) == "." else f"{path.parent}/"
    if path.stem in ("index", "README"):
        return parent if use_directory_urls else f"{parent}index.html"
    return f"{parent}{path.stem}/" if use_directory_urls else f"{parent}{path.stem}.html"


def relative_url(target_url: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``target_url``, both site-relative."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath(target_url or ".", from_dir or ".")
    if target_url.endswith("/") or not target_url:
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative


def html_id(checklist_id: str, *parts: str) -> str:
    """Element ids derived only from stable ids: ``cl-meeting``, ``cl-meeting__plan``.

    Slugs never contain "_" or "--", so "__" (item) and "--" (phase) cannot collide.
    """
    return "cl-" + checklist_id + "".join(parts)


def checklist_href(checklist, from_url: str, use_directory_urls: bool = True, anchor: bool = True) -> str:
    """A link from the page at ``from_url`` to ``checklist`` on its page (to the checklist itself with ``anchor``)."""
    target = relative_url(page_url(checklist.page, use_directory_urls), from_url)
    return target + "#" + html_id(checklist.id) if anchor else target
