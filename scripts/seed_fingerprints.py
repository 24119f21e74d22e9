"""Fingerprint the source essays so the tests can tell copied sentences apart.

Writes tests/data/seed-fingerprints.txt: one short hash per run of
RUN_LENGTH consecutive characters of the essays (whitespace removed). Only the
hashes are stored, not the essays. Runs that are enumerations (two or more "、")
are left out: the site must list the essays' named items (八办, 五关 …) as they are.

    .venv/bin/python scripts/seed_fingerprints.py ../shared/seed/*.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

RUN_LENGTH = 16
OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed-fingerprints.txt"


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fingerprint(run: str) -> str:
    return hashlib.sha256(run.encode("utf-8")).hexdigest()[:16]


def runs(text: str):
    text = normalise(text)
    for start in range(len(text) - RUN_LENGTH + 1):
        yield text[start : start + RUN_LENGTH]


def is_enumeration(run: str) -> bool:
    return run.count("、") >= 2


def main(paths: list[str]) -> int:
    prints = {fingerprint(run) for path in paths for run in runs(Path(path).read_text(encoding="utf-8")) if not is_enumeration(run)}
    OUTPUT.write_text("\n".join(sorted(prints)) + "\n", encoding="utf-8")
    print(f"{len(prints)} fingerprints written to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
