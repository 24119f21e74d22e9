"""Check Chinese copywriting in pages and checklists with autocorrect.

Spacing between CJK and Latin letters or digits, full-width punctuation in
Chinese text. Prints one line per finding and exits 1 if there is any.

    .venv/bin/python scripts/check_copy.py [FILE ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import autocorrect_py

ROOT = Path(__file__).resolve().parent.parent
FILETYPES = {".md": "markdown", ".yml": "yaml", ".yaml": "yaml"}


def copy_files() -> list[Path]:
    """Every file of Chinese copy: pages, checklists and the maintainer docs."""
    files = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("checklists/*.yml")]
    files += [ROOT / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")]
    return sorted(path for path in files if path.is_file())


def findings(path: Path) -> list[str]:
    result = autocorrect_py.lint_for(path.read_text(encoding="utf-8"), FILETYPES[path.suffix])
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return [f"{name}:{line.line}: {line.old.strip()}  →  {line.new.strip()}" for line in result.lines]


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or copy_files()
    problems = [problem for path in paths for problem in findings(path)]
    print("\n".join(problems) if problems else f"文案检查通过：{len(paths)} 个文件")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
