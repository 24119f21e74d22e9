"""The code keeps its layout (CONTRIBUTING.md, 代码的布局): who may import whom."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT


def imported_modules(path: Path) -> set[str]:
    """The top-level names of every module a Python file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def importers(folder: str, forbidden) -> dict[str, set[str]]:
    found = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        if bad := {name for name in imported_modules(path) if forbidden(name)}:
            found[path.relative_to(ROOT).as_posix()] = bad
    return found


def test_test_modules_share_helpers_through_support_never_each_other():
    assert importers("tests", lambda name: name.startswith("test_") or name == "conftest") == {}


def test_the_benchmark_never_imports_the_tests():
    assert importers("bench", lambda name: name in {"tests", "support", "conftest"} or name.startswith("test_")) == {}


def test_the_handbook_package_knows_nothing_of_mkdocs():
    assert importers("handbook", lambda name: name in {"mkdocs", "material", "zensical", "macros", "hooks"}) == {}


def test_a_forbidden_import_is_found(tmp_path):
    module = tmp_path / "test_example.py"
    module.write_text("import os\nfrom test_other import helper\nfrom . import sibling\n", encoding="utf-8")
    assert imported_modules(module) == {"os", "test_other"}
