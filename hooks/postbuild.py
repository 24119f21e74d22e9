"""Steps run on the finished site: minified own assets, a UTF-8 search index and the site's CSP.

A MkDocs hook (``hooks:`` in mkdocs.yml): hooks run after every plugin, so these
steps see exactly what is served, including the print-site page. It imports
nothing from the project, because MkDocs loads a hook file on its own.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import rcssmin
import rjsmin

SEARCH_INDEX = Path("search") / "search_index.json"
CSP_POLICY_FILE = "csp.txt"
CSP_NGINX_FILE = "csp.nginx.conf"

# Inline code in a page: a <script> without src, or a <style> block. A JSON data block
# (type="application/json") is never executed, so CSP does not apply to it. The patterns work on
# bytes: decoding every page (each carries the whole navigation) was most of the time this step took.
_INLINE_BLOCK = re.compile(rb"<(?P<tag>script|style)(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</(?P=tag)>", re.DOTALL | re.IGNORECASE)
_SRC_ATTR = re.compile(rb"\ssrc\s*=", re.IGNORECASE)
_DATA_TYPE = re.compile(rb"""\stype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)


def minify_own_assets(site_dir: Path, paths: list[str]) -> None:
    """Minify our scripts and stylesheets where they were copied; the sources in docs/ keep their comments."""
    minifiers = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
    for path in paths:
        target = site_dir / path
        target.write_text(minifiers[target.suffix](target.read_text(encoding="utf-8")), encoding="utf-8")


def write_search_index_as_utf8(site_dir: Path) -> tuple[int, int]:
    """Rewrite the search index with Chinese as UTF-8 instead of \\uXXXX escapes.

    Returns the size in bytes before and after. The data is unchanged: the
    search worker parses the same JSON either way.
    """
    path = site_dir / SEARCH_INDEX
    before = path.read_bytes()
    data = json.loads(before)
    after = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(after)
    return len(before), len(after)


def inline_hashes(site_dir: Path) -> dict[str, list[str]]:
    """The CSP sources ('sha256-…') of every distinct inline script and style block, by tag."""
    hashes: dict[str, set[str]] = {"script": set(), "style": set()}
    for page in site_dir.rglob("*.html"):
        # The pages are UTF-8, and CSP hashes the UTF-8 bytes of the block: no decoding needed.
        for match in _INLINE_BLOCK.finditer(page.read_bytes()):
            attrs = match.group("attrs")
            if _SRC_ATTR.search(attrs) or _DATA_TYPE.search(attrs):
                continue
            digest = hashlib.sha256(match.group("body")).digest()
            hashes[match.group("tag").lower().decode("ascii")].add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return {tag: sorted(sources) for tag, sources in hashes.items()}


def content_security_policy(script_hashes: list[str], style_hashes: list[str]) -> str:
    """The policy for the site: everything from our own origin; inline code only by its exact hash."""
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *script_hashes]),
        " ".join(["style-src 'self'", *style_hashes]),
        # The search worker fetches the index from our own origin.
        "worker-src 'self'",
        "connect-src 'self'",
        # Material draws icons with data: SVG masks in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
    return "; ".join(directives)


def write_content_security_policy(site_dir: Path) -> str:
    """Write the policy as plain text and as an nginx `add_header` line; returns the policy."""
    hashes = inline_hashes(site_dir)
    policy = content_security_policy(hashes["script"], hashes["style"])
    (site_dir / CSP_POLICY_FILE).write_text(policy + "\n", encoding="utf-8")
    (site_dir / CSP_NGINX_FILE).write_text(
        "# Written by the build (hooks/postbuild.py); include it in the site's nginx location.\n"
        f'add_header Content-Security-Policy "{policy}" always;\n',
        encoding="utf-8",
    )
    return policy


def on_post_build(config, **kwargs) -> None:
    site_dir = Path(config["site_dir"])
    own_assets = [str(path) for path in [*config["extra_css"], *config["extra_javascript"]] if str(path).startswith("assets/")]
    minify_own_assets(site_dir, own_assets)
    write_search_index_as_utf8(site_dir)
    write_content_security_policy(site_dir)
