"""Page URLs computed from source paths, as MkDocs lays them out.

Kept free of MkDocs imports so the checklist engine can move to another engine.
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
