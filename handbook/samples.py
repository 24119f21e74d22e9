"""Sample documents as data (``samples/*.yml``): their schema, the parts each document type requires, loading.

A sample is one complete document of a fictional unit: its 版头 (``header``), 主体 (``body``: title,
addressee, the text as headings and paragraphs, attachments …) and 版记 (``footer``). A part the type
requires but the sample lacks, a part the type does not allow, or an unknown part stops the build with
the file, the part and what was expected, like a bad checklist.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .loading import YAML_SUFFIXES, DataError, Problem, read_yaml_mapping, schema_problem
from .schema import ListOf, Nested, SchemaProblem, boolean, build, found, nonempty_text, one_of, optional, required, slug, text_list

SAMPLES_DIR = "samples"
SAMPLE_ENTRIES = {"text": "段", "attachments": "附件", "attendance": "名单行"}
# The parts by their names in GB/T 9704, for the messages.
PART_NAMES = {
    "header": "版头", "header.number": "发文字号", "header.signer": "签发人", "header.compiled_by": "编印单位",
    "header.compiled_date": "编印日期", "body.subtitle": "副标题或署名行", "body.addressee": "主送机关",
    "body.signature": "发文机关署名", "body.date": "成文日期", "body.seal": "印章（seal: true）",
    "body.annotation": "附注（联系人和电话）", "body.attendance": "出席、请假、列席名单", "footer": "版记",
    "footer.issued_by": "印发机关", "footer.issued_date": "印发日期", "footer.lines": "报送范围",
}


# A blank Word template per layout (made by handbook.wordtemplates), and its file name.
BLANK_LAYOUTS = ("通用", "信函", "纪要")


def blank_file_name(layout_name: str) -> str:
    return f"空白模板-{layout_name}格式.docx"


class SampleDataError(DataError):
    subject = "样例数据"


class LayoutName(str, Enum):
    GENERAL = "通用"
    LETTER = "信函"
    MINUTES = "纪要"


@dataclass(frozen=True, kw_only=True)
class Header:
    """版头. For a 简报, ``masthead`` is the bulletin's name and ``number`` its issue (第3期)."""

    copy_number: str | None = optional(nonempty_text)
    secrecy: str | None = optional(nonempty_text)
    urgency: str | None = optional(nonempty_text)
    masthead: str = required(nonempty_text)
    number: str | None = optional(nonempty_text)
    signer: str | None = optional(nonempty_text)
    # A 简报's line under its number: who compiled it, and when.
    compiled_by: str | None = optional(nonempty_text)
    compiled_date: str | None = optional(nonempty_text)


HEADING_MARKERS = {
    "h1": (re.compile(r"^[一二三四五六七八九十]+、"), "一、"),
    "h2": (re.compile(r"^（[一二三四五六七八九十]+）"), "（一）"),
    "h3": (re.compile(r"^\d+\."), "1."),
    "h4": (re.compile(r"^（\d+）"), "（1）"),
}


@dataclass(frozen=True, kw_only=True)
class Block:
    """One heading (h1–h4, starting with its level's marker) or one paragraph (p). A heading may run on
    into its paragraph's text (``then``), as levels 2–4 usually do."""

    h1: str | None = optional(nonempty_text)
    h2: str | None = optional(nonempty_text)
    h3: str | None = optional(nonempty_text)
    h4: str | None = optional(nonempty_text)
    p: str | None = optional(nonempty_text)
    then: str | None = optional(nonempty_text)

    @property
    def kind(self) -> str:
        return next(name for name in ("h1", "h2", "h3", "h4", "p") if getattr(self, name) is not None)

    @property
    def text(self) -> str:
        return getattr(self, self.kind)

    def problems(self) -> Iterator[SchemaProblem]:
        given = [name for name in ("h1", "h2", "h3", "h4", "p") if getattr(self, name) is not None]
        if len(given) != 1:
            yield SchemaProblem((), "每段只写 h1、h2、h3、h4（标题）或 p（段落）中的一个")
            return
        kind = given[0]
        if kind in HEADING_MARKERS:
            pattern, example = HEADING_MARKERS[kind]
            if not pattern.match(self.text):
                yield SchemaProblem((kind,), f"{kind} 应以“{example}”式的序数开头（GB/T 9704 §7.3.3）")
        elif self.then is not None:
            yield SchemaProblem(("then",), "只有标题后面可以接 then（同一段里的正文）")


class AttendanceLabel(str, Enum):
    PRESENT = "出席"
    ON_LEAVE = "请假"
    IN_ATTENDANCE = "列席"


@dataclass(frozen=True, kw_only=True)
class Attendance:
    """One line of a 纪要's names: 出席, 请假 or 列席 (GB/T 9704 §10.3)."""

    label: AttendanceLabel = required(one_of(AttendanceLabel))
    names: str = required(nonempty_text)


@dataclass(frozen=True, kw_only=True)
class Attachment:
    """An attachment, set on a page of its own after the body (GB/T 9704 §7.3.7)."""

    title: str = required(nonempty_text)
    text: list[Block] = required(ListOf(Block))


@dataclass(frozen=True, kw_only=True)
class Body:
    title: str = required(nonempty_text)
    # A line under the title: a speech's occasion, a report's author.
    subtitle: str | None = optional(nonempty_text)
    addressee: str | None = optional(nonempty_text)
    text: list[Block] = required(ListOf(Block))
    attachment_note: list[str] | None = optional(text_list)
    attendance: list[Attendance] | None = optional(ListOf(Attendance))
    signature: str | None = optional(nonempty_text)
    date: str | None = optional(nonempty_text)
    seal: bool = optional(boolean, default=False)
    annotation: str | None = optional(nonempty_text)
    attachments: list[Attachment] | None = optional(ListOf(Attachment))


@dataclass(frozen=True, kw_only=True)
class Footer:
    """版记. ``lines`` are a 简报's distribution lines (报：… 送：…)."""

    copy_to: str | None = optional(nonempty_text)
    lines: list[str] | None = optional(text_list)
    issued_by: str | None = optional(nonempty_text)
    issued_date: str | None = optional(nonempty_text)


@dataclass(frozen=True)
class TypeRule:
    """What a document type needs. ``parts``: dotted paths that must be present; ``absent``: that must not be."""

    layout: LayoutName = LayoutName.GENERAL
    parts: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    # A pattern the last paragraph must match, and the ending it stands for.
    ending: tuple[str, str] | None = None
    # Words the text must not contain, and why.
    forbidden: tuple[str, str] | None = None
    # 上行文: the 发文字号 moves left, on the 签发人 line (GB/T 9704 §7.2.5).
    upward: bool = False


_DOCUMENT = ("header", "header.number", "body.signature", "body.date", "footer", "footer.issued_by", "footer.issued_date")
_ISSUED = (*_DOCUMENT, "body.addressee", "body.seal")
_MATERIAL = TypeRule(absent=("header", "footer", "body.seal"))

# The rules per type: 条例 第八条 for the 公文, the office's practice for the materials.
TYPE_RULES: dict[str, TypeRule] = {
    "通知": TypeRule(parts=_ISSUED),
    "请示": TypeRule(
        parts=(*_ISSUED, "header.signer", "body.annotation"), upward=True,
        ending=(r"(妥否|当否|可否|是否同意|以上请示).*(请批示|请批复|请审批|请予批准|请批准)", "请示事项的结语，如“妥否，请批示。”"),
    ),
    "报告": TypeRule(
        parts=(*_ISSUED, "header.signer"), upward=True,
        ending=(r"特此报告", "“特此报告。”"),
        forbidden=(r"请批示|请批准|请审批|请批复", "报告不得夹带请示事项（条例 第十五条）"),
    ),
    # 信函格式: the 版记 has no 印发机关和印发日期 (GB/T 9704 §10.1).
    "函": TypeRule(layout=LayoutName.LETTER, parts=("header", "header.number", "body.addressee", "body.signature", "body.date", "body.seal"),
                  absent=("header.signer", "footer.issued_by", "footer.issued_date"),
                  ending=(r"特此函告|特此函复|请予函复|函复为盼|盼复", "函的结语，如“请予函复。”")),
    "纪要": TypeRule(layout=LayoutName.MINUTES, parts=("header", "header.number", "body.attendance", "footer"),
                   absent=("body.addressee", "body.signature", "body.seal", "header.signer")),
    "批复": TypeRule(parts=_ISSUED, ending=(r"此复", "“此复。”")),
    "通报": TypeRule(parts=_ISSUED),
    "意见": TypeRule(parts=_ISSUED),
    "方案": _MATERIAL,
    "计划": _MATERIAL,
    "总结": _MATERIAL,
    "述职报告": TypeRule(parts=("body.subtitle",), absent=_MATERIAL.absent),
    "经验材料": _MATERIAL,
    "对照检查材料": TypeRule(parts=("body.subtitle",), absent=_MATERIAL.absent),
    "整改落实报告": TypeRule(parts=("body.addressee", "body.signature", "body.date"), absent=("header", "footer")),
    "领导讲话稿": TypeRule(parts=("body.subtitle",), absent=_MATERIAL.absent),
    "主持词": TypeRule(parts=("body.subtitle",), absent=_MATERIAL.absent),
    "简报": TypeRule(parts=("header", "header.number", "header.compiled_by", "header.compiled_date", "footer", "footer.lines"),
                   absent=("body.addressee", "body.seal", "header.signer")),
}
DocumentType = Enum("DocumentType", {name: name for name in TYPE_RULES})


def _notes(value) -> dict:
    """Remarks by element id: a mapping of text to text."""
    if not isinstance(value, dict) or not all(isinstance(key, str) and isinstance(text, str) and text.strip() for key, text in value.items()):
        raise found("应为“要素 id: 说明”形式的映射", value)
    return value


@dataclass(frozen=True, kw_only=True)
class Sample:
    id: str = required(slug(40))
    # The name readers know it by, e.g. 请示; the Word file is "请示-样例.docx".
    name: str = required(nonempty_text)
    type: Enum = required(one_of(DocumentType))
    layout: LayoutName = required(one_of(LayoutName))
    summary: str = required(nonempty_text)
    # The playbook page that links to it, relative to docs/.
    playbook: str = required(nonempty_text)
    header: Header | None = optional(Nested(Header))
    body: Body = required(Nested(Body))
    footer: Footer | None = optional(Nested(Footer))
    # A remark for this sample on an element, by the element's id in data/layout.yml.
    notes: dict | None = optional(_notes)

    @property
    def rule(self) -> TypeRule:
        return TYPE_RULES[self.type.value]

    @property
    def file_name(self) -> str:
        return f"{self.name}-样例.docx"

    def part(self, path: str):
        node = self
        for key in path.split("."):
            node = getattr(node, key, None) if node is not None else None
        return node or None

    def problems(self) -> Iterator[SchemaProblem]:
        """The parts the type requires or forbids, its ending, and the order of the heading levels."""
        rule, type_name = self.rule, self.type.value
        if self.layout is not rule.layout:
            yield SchemaProblem(("layout",), f"{type_name}用{rule.layout.value}格式")
        for path in rule.parts:
            if self.part(path) is None:
                yield SchemaProblem((), f"{path}（{PART_NAMES[path]}）：{type_name}必须有这一部分")
        for path in rule.absent:
            if self.part(path) is not None:
                yield SchemaProblem((), f"{path}（{PART_NAMES[path]}）：{type_name}没有这一部分，请删去")
        last = self.body.text[-1]
        if rule.ending and not re.search(rule.ending[0], last.then or last.text):
            yield SchemaProblem(("body", "text"), f"{type_name}的最后一段应是{rule.ending[1]}")
        if rule.forbidden:
            words = "".join((block.text + (block.then or "")) for block in self.body.text)
            if re.search(rule.forbidden[0], words):
                yield SchemaProblem(("body", "text"), rule.forbidden[1])
        yield from _level_order(self.body.text, ("body", "text"))
        for index, attachment in enumerate(self.body.attachments or []):
            yield from _level_order(attachment.text, ("body", "attachments", index, "text"))
        note_count = len(self.body.attachment_note or [])
        if note_count != len(self.body.attachments or []) and self.body.attachments:
            yield SchemaProblem(("body", "attachment_note"), "附件说明应与附件一一对应（GB/T 9704 §7.3.7）")


def _level_order(blocks: list[Block], location: tuple) -> Iterator[SchemaProblem]:
    """Levels go down in the order 一、（一）1.（1）and are never reversed; one may be left out.

    §7.3.3 says the levels 依次可以用; going from 一、 straight to 1. is common training practice, but
    （一） under 1., or a text that starts at （一）, reverses the order. Under one heading, the headings
    one step down all use the same level.
    """
    chain: list[int] = []  # the levels of the headings the current one sits under
    child_level: dict[int, int] = {}  # for each heading (by position), the level its sub-headings use
    parents: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind == "p":
            continue
        level = int(block.kind[1])
        while chain and chain[-1] >= level:
            chain.pop()
            parents.pop()
        where = (*location, index, block.kind)
        if not chain and level != 1:
            yield SchemaProblem(where, "正文的第一个标题应是一级标题“一、”：层次序数不能倒用（GB/T 9704 §7.3.3）")
        elif parents and child_level.setdefault(parents[-1], level) != level:
            yield SchemaProblem(where, "同一标题下的下一层应使用同一种序数，不能一会儿（一）一会儿 1.（GB/T 9704 §7.3.3）")
        chain.append(level)
        parents.append(index)


def reading_order(sample: Sample) -> tuple[int, str]:
    """Samples listed by document type, in the order of TYPE_RULES (the 公文 first, then the materials)."""
    return list(TYPE_RULES).index(sample.type.value), sample.id


def load_sample_file(path: Path, label: str, element_ids: set[str]) -> Sample:
    raw = read_yaml_mapping(path, label, SampleDataError)
    sample, problems = build(Sample, raw)
    if problems:
        raise SampleDataError([schema_problem(label, raw, problem, SAMPLE_ENTRIES) for problem in problems])
    if sample.id != path.stem:
        raise SampleDataError([Problem(label, "", f"id：应与文件名一致，即 {path.stem!r}，实际是 {sample.id!r}")])
    unknown = sorted(set(sample.notes or {}) - element_ids)
    if unknown:
        raise SampleDataError([Problem(label, "notes", f"{'、'.join(unknown)}：应为 data/layout.yml 里的要素 id")])
    return sample


@functools.cache
def _load_version(path: Path, label: str, mtime_ns: int, size: int, element_ids: frozenset[str]) -> Sample:
    """One version of a file, parsed once (Zensical calls define_env for every page)."""
    return load_sample_file(path, label, set(element_ids))


def load_samples(directory: Path, element_ids: set[str], docs_dir: Path | None = None) -> dict[str, Sample]:
    """Every sample in ``directory`` by id; SampleDataError listing every problem in every file."""
    if not directory.is_dir():
        raise SampleDataError([Problem(str(directory), "", "样例目录不存在")])
    samples: dict[str, Sample] = {}
    problems: list[Problem] = []
    for path in sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES):
        label = f"{directory.name}/{path.name}"
        try:
            stat = path.stat()
            sample = _load_version(path, label, stat.st_mtime_ns, stat.st_size, frozenset(element_ids))
        except SampleDataError as error:
            problems.extend(error.problems)
            continue
        if docs_dir is not None and not (docs_dir / sample.playbook).is_file():
            problems.append(Problem(label, "", f"playbook：页面 docs/{sample.playbook} 不存在"))
        if any(other.file_name == sample.file_name for other in samples.values()):
            problems.append(Problem(label, "", f"name：{sample.name!r} 已被另一个样例使用（Word 文件会重名）"))
        samples[sample.id] = sample
    if problems:
        raise SampleDataError(problems)
    return samples
