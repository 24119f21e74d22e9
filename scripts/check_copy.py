"""Check Chinese copywriting in pages and checklists with autocorrect.

Spacing between CJK and Latin letters or digits, full-width punctuation in
Chinese text. Prints one line per finding and exits 1 if there is any.

Specimens are exempt: a string shown exactly as it stands in a 公文 (发文字号
`×农发〔2024〕5号`, 成文日期 `2024年3月5日`) has no spaces, and the linter must
not ask for them. Mark a specimen as inline code in a page (`2024年3月5日`) or
with corner brackets in checklist data (「2024年3月5日」; checklist text is shown
as plain text, so code marks would show). Only the marked span is skipped: the
prose around it is still checked.

    .venv/bin/python scripts/check_copy.py [FILE ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import autocorrect_py

ROOT = Path(__file__).resolve().parent.parent
FILETYPES = {".md": "markdown", ".yml": "yaml", ".yaml": "yaml"}
# A specimen: inline code in Markdown (one or more backticks, not a code fence),
# 「…」 in checklist YAML. Neither may span lines.
SPECIMENS = {
    "markdown": re.compile(r"(?<!`)(`+)(?!`)([^`\n]+?)(?<!`)\1(?!`)"),
    "yaml": re.compile(r"「([^」\n]*)」"),
}
# What a specimen is replaced by before linting: CJK text the linter leaves alone,
# so that the specimen's edges never make a finding of their own.
PLACEHOLDER = "样式"


def mask_specimens(text: str, filetype: str) -> str:
    """The text with every marked specimen replaced by a neutral placeholder; line numbers unchanged."""
    pattern = SPECIMENS[filetype]
    if filetype == "markdown":
        return pattern.sub(lambda match: f"{match.group(1)}{PLACEHOLDER}{match.group(1)}", text)
    return pattern.sub(f"「{PLACEHOLDER}」", text)


def copy_files() -> list[Path]:
    """Every file of Chinese copy: pages, checklists and the maintainer docs."""
    files = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("checklists/*.yml")]
    files += [ROOT / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")]
    return sorted(path for path in files if path.is_file())


def findings(path: Path) -> list[str]:
    filetype = FILETYPES[path.suffix]
    result = autocorrect_py.lint_for(mask_specimens(path.read_text(encoding="utf-8"), filetype), filetype)
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return [f"{name}:{line.line}: {line.old.strip()}  →  {line.new.strip()}" for line in result.lines]


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or copy_files()
    problems = [problem for path in paths for problem in findings(path)]
    print("\n".join(problems) if problems else f"文案检查通过：{len(paths)} 个文件")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
