"""Load every checklist YAML file and validate it against the schema.

All problems in all files are collected first and reported together, one line
each, naming the file, the entry (phase / item id) and what was expected, so an
editor can fix a whole batch of mistakes after a single failed build.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Checklist
from .schema import SchemaProblem, build, describe

YAML_SUFFIXES = (".yml", ".yaml")

@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file} › {self.entry}" if self.entry else self.file
        return f"{where}：{self.message}"


class DataError(Exception):
    """Raised when a data file is invalid; carries every problem found. ``subject`` names the data."""

    subject = "数据"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{self.subject}有 {len(problems)} 处问题，构建已停止：\n{lines}")


class ChecklistDataError(DataError):
    subject = "清单数据"


# libyaml's parser when PyYAML has it (its wheels do): ten times faster than the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses a key repeated in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"键 {key!r} 在同一层出现了两次", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        """A date as PyYAML reads it, but an impossible one (2027-02-30) stays text for the schema to report
        with its entry; PyYAML would stop with a bare ValueError."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp)


# The lists whose entries an editor knows by their id, and what each entry is called.
CHECKLIST_ENTRIES = {"phases": "阶段", "items": "条目"}


def _entry_path(raw: Any, loc: tuple[Any, ...], entries: dict[str, str] = CHECKLIST_ENTRIES) -> tuple[str, str]:
    """Turn a schema location into (entry, field): ids where the data has them."""
    parts: list[str] = []
    node = raw
    fields: list[str] = []  # the keys under the last entry: "header.signer"
    index = 0
    while index < len(loc):
        key = loc[index]
        if key in entries and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            position = loc[index + 1]
            label = entries[key]
            child = node.get(key)[position] if isinstance(node, dict) else None
            name = child.get("id") if isinstance(child, dict) else None
            parts.append(f"{label} {name}" if isinstance(name, str) else f"第 {position + 1} 个{label}")
            fields = []
            node = child
            index += 2
            continue
        fields.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
        index += 1
    return " › ".join(parts), ".".join(fields)


def schema_problem(file: str, raw: Any, problem: SchemaProblem, entries: dict[str, str] = CHECKLIST_ENTRIES) -> Problem:
    """A schema problem as an editor reads it: file › entry (by id) › field: what was expected."""
    entry, field = _entry_path(raw, problem.location, entries)
    return Problem(file, entry, f"{field}：{problem.message}" if field else problem.message)


def read_yaml_mapping(path: Path, file: str, error: type[DataError] = ChecklistDataError) -> dict:
    """One YAML file as a mapping; ``error`` (naming ``file``) if it is not UTF-8, not YAML or not a mapping."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except UnicodeDecodeError:
        raise error([Problem(file, "", "文件不是 UTF-8 编码")]) from None
    except yaml.YAMLError as yaml_error:
        mark = getattr(yaml_error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark else ""
        reason = getattr(yaml_error, "problem", None) or str(yaml_error)
        raise error([Problem(file, "", f"YAML 格式错误，{where}{reason}")]) from None
    if not isinstance(raw, dict):
        raise error([Problem(file, "", f"文件应是一个“键: 值”映射，实际是{describe(raw)}")])
    return raw


def load_checklist_file(path: Path, label: str | None = None) -> Checklist:
    """Read and validate one checklist file; raise ChecklistDataError on any problem."""
    file = label or str(path)
    raw = read_yaml_mapping(path, file, ChecklistDataError)
    checklist, problems = build(Checklist, raw)
    if problems:
        raise ChecklistDataError([schema_problem(file, raw, problem) for problem in problems])
    if checklist.id != path.stem:
        raise ChecklistDataError([Problem(file, "", f"id：应与文件名一致，即 {path.stem!r}，实际是 {checklist.id!r}")])
    return checklist


@functools.cache
def _load_version(path: Path, label: str, mtime_ns: int, size: int) -> Checklist:
    """One version of a file (its time and size are the key), parsed once.

    Zensical runs define_env, and with it load_checklists, for every page of the site: without this
    each build would parse every file some forty times. An edited file is a new key, so it is read again.
    """
    return load_checklist_file(path, label)


def load_checklists(directory: Path, docs_dir: Path | None = None) -> dict[str, Checklist]:
    """Load every checklist in ``directory``, keyed by id.

    With ``docs_dir``, also check that each checklist's page exists there.
    Raises ChecklistDataError listing every problem in every file.
    """
    if not directory.is_dir():
        raise ChecklistDataError([Problem(str(directory), "", "清单目录不存在")])
    checklists: dict[str, Checklist] = {}
    problems: list[Problem] = []
    for path in sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES):
        label = f"{directory.name}/{path.name}"
        try:
            stat = path.stat()
            checklist = _load_version(path, label, stat.st_mtime_ns, stat.st_size)
        except ChecklistDataError as error:
            problems.extend(error.problems)
            continue
        if checklist.id in checklists:
            problems.append(Problem(label, "", f"id：{checklist.id!r} 已被另一个文件使用"))
            continue
        if docs_dir is not None and not (docs_dir / checklist.page).is_file():
            problems.append(Problem(label, "", f"page：页面 docs/{checklist.page} 不存在"))
        checklists[checklist.id] = checklist
    if problems:
        raise ChecklistDataError(problems)
    return checklists
