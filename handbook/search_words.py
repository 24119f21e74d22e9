"""The writers' search word lists (docs/assets/search/): checked here, read by the search worker.

- terms.txt: one word of the handbook a line, as jieba's user dictionary reads it (word, then
  optionally a frequency and a part of speech);
- synonyms.txt: one rule a line, `读者的说法 … → 手册的说法 …`; an empty right side drops the words;
- pinyin.txt: the readings of the 6,763 characters of GB 2312, one reading a line with its characters
  (`fu 付复副…`), so that a typo of a pinyin input method (批付 for 批复) is read as the word it stands
  for. It is generated, not written: `python -m handbook.search_words` writes it from pypinyin.

docs/assets/javascripts/workers/search-query.js reads all three the same way: `#` starts a comment,
blank lines are skipped. But jieba reads terms.txt too, and takes every line for a word: no comments there.
"""

from __future__ import annotations

import re
from pathlib import Path

SEARCH_WORDS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "search"
PINYIN = SEARCH_WORDS / "pinyin.txt"
_WORD = re.compile(r"^[^\s#→]+$")


def _lines(text: str):
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            yield number, content


def check_terms(text: str, name: str = "terms.txt") -> list[str]:
    problems = [f"{name} 第 {number} 行：jieba 不认注释，会把“{line.strip()}”当成一个词；说明写在 CONTRIBUTING.md"
                for number, line in enumerate(text.splitlines(), start=1) if "#" in line]
    for number, line in _lines(text):
        parts = line.split()
        if "→" in line or len(parts) > 3 or (len(parts) > 1 and not parts[1].isdigit()):
            problems.append(f"{name} 第 {number} 行：应为一个词（可加词频和词性，如“发文字号 10 n”），实际是“{line}”")
    return problems


def check_synonyms(text: str, name: str = "synonyms.txt") -> list[str]:
    problems = []
    seen: dict[str, int] = {}
    for number, line in _lines(text):
        if line.count("→") != 1:
            problems.append(f"{name} 第 {number} 行：应为“读者的说法 → 手册的说法”，只有一个“→”，实际是“{line}”")
            continue
        left, right = (side.split() for side in line.split("→"))
        if not left:
            problems.append(f"{name} 第 {number} 行：“→”左边至少要有一个读者的说法")
        for word in left:
            if word in seen:
                problems.append(f"{name} 第 {number} 行：“{word}”在第 {seen[word]} 行已经有了")
            seen[word] = number
        problems += [f"{name} 第 {number} 行：“{word}”不是一个词" for word in left + right if not _WORD.match(word)]
    return problems


def check_search_words(folder: Path = SEARCH_WORDS) -> list[str]:
    return (check_terms((folder / "terms.txt").read_text(encoding="utf-8"))
            + check_synonyms((folder / "synonyms.txt").read_text(encoding="utf-8")))


def gb2312_characters() -> list[str]:
    """The 6,763 characters of GB 2312, levels 1 and 2 (rows 0xB0–0xF7; row 0xD7 ends at 0xF9): the
    characters a pinyin input method offers, in the standard's order."""
    return [bytes([row, cell]).decode("gb2312") for row in range(0xB0, 0xF8) for cell in range(0xA1, 0xFF)
            if not (row == 0xD7 and cell > 0xF9)]


def pinyin_text() -> str:
    """pinyin.txt: every reading without tones, with the characters that have it. A character is under
    its common reading only (会 under hui, not kuai): the rare ones would make most characters sound alike."""
    from pypinyin import Style, pinyin

    readings: dict[str, list[str]] = {}
    for character in gb2312_characters():
        reading = pinyin(character, style=Style.NORMAL)[0][0]
        readings.setdefault(reading, []).append(character)
    header = ("# 同音字表：GB 2312 的 6763 个汉字按读音（不计声调）分行，搜索用它认出拼音输入法打错的字（批付 → 批复）。\n"
              "# 由 pypinyin 生成，不要手改：python -m handbook.search_words\n")
    return header + "".join(f"{reading} {''.join(characters)}\n" for reading, characters in sorted(readings.items()))


if __name__ == "__main__":
    PINYIN.write_text(pinyin_text(), encoding="utf-8")
    print(f"{PINYIN} written")
