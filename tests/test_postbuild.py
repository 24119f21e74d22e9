"""The post-build hook: minified assets, the UTF-8 search index and the CSP files."""

from __future__ import annotations

import base64
import hashlib
import json

from hooks.postbuild import (
    content_security_policy,
    inline_hashes,
    minify_own_assets,
    write_content_security_policy,
    write_search_index_as_utf8,
)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_inline_hashes_cover_inline_scripts_and_styles_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<script>var a=1</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"x":1}</script>'
        "<style>p{color:red}</style><p>会议</p>",
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text("<SCRIPT type=\"text/javascript\">var a=1</SCRIPT><script>b()</script>", encoding="utf-8")
    hashes = inline_hashes(tmp_path)
    assert hashes == {"script": sorted([sha256_source("var a=1"), sha256_source("b()")]), "style": [sha256_source("p{color:red}")]}


def test_policy_allows_only_own_origin_and_listed_hashes():
    policy = content_security_policy(["'sha256-AAA='"], ["'sha256-BBB='"])
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"] == "'self' 'sha256-AAA='"
    assert directives["style-src"] == "'self' 'sha256-BBB='"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe" not in policy and "http" not in policy


def test_policy_files_hold_the_same_policy(tmp_path):
    (tmp_path / "index.html").write_text("<script>go()</script>", encoding="utf-8")
    policy = write_content_security_policy(tmp_path)
    assert (tmp_path / "csp.txt").read_text(encoding="utf-8") == policy + "\n"
    assert f'add_header Content-Security-Policy "{policy}" always;' in (tmp_path / "csp.nginx.conf").read_text(encoding="utf-8")
    assert sha256_source("go()") in policy


def test_search_index_is_rewritten_as_utf8_with_the_same_data(tmp_path):
    data = {"config": {"lang": ["zh"]}, "docs": [{"location": "banhui/", "title": "办会", "text": "会议 \"筹备\" \\ 通知"}]}
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps(data), encoding="utf-8")
    before, after = write_search_index_as_utf8(tmp_path)
    raw = index.read_bytes()
    assert "会议".encode("utf-8") in raw and b"\\u" not in raw
    assert json.loads(raw) == data and after == len(raw) < before


def test_own_assets_are_minified_in_place(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("/* why */\nfunction add(first, second) {\n  return first + second;\n}\n", encoding="utf-8")
    (tmp_path / "assets" / "a.css").write_text("/* why */\n.box {\n  color: #000;\n}\n", encoding="utf-8")
    minify_own_assets(tmp_path, ["assets/a.js", "assets/a.css"])
    assert (tmp_path / "assets" / "a.js").read_text(encoding="utf-8") == "function add(first,second){return first+second;}"
    assert (tmp_path / "assets" / "a.css").read_text(encoding="utf-8") == ".box{color:#000}"


def test_built_site_has_utf8_index_csp_files_and_minified_assets(site_build):
    raw = (site_build.site / "search" / "search_index.json").read_bytes()
    assert "会议".encode("utf-8") in raw and b"\\u4f1a" not in raw
    policy = (site_build.site / "csp.txt").read_text(encoding="utf-8").strip()
    assert policy in (site_build.site / "csp.nginx.conf").read_text(encoding="utf-8")
    assert policy.count("'sha256-") >= 3  # Material's own inline scripts
    script = (site_build.site / "assets" / "javascripts" / "checklist.js").read_text(encoding="utf-8")
    assert not script.startswith("/*") and "\n  " not in script
