"""Firefox ESR, the browser of 信创 desktops: the key behaviours in Debian's firefox-esr.

The tests are in tests/firefox/*.test.mjs (node's test runner, puppeteer-core over WebDriver BiDi, their
shared helpers in support.mjs); this runs each file as a test of its own, so that parallel test workers
share them, against the site built and served as for the Chromium tests, and shows their report.
"""

from __future__ import annotations

import json
import os
import subprocess
import shutil

import pytest

from support import CHECKLISTS, ROOT

FIREFOX = "/usr/bin/firefox-esr"
TEST_FILES = sorted(path.name for path in (ROOT / "tests" / "firefox").glob("*.test.mjs"))


def printed_alone() -> set[str]:
    """The checklists Firefox prints one by one: of each kind of paper form (its type, with or without a
    date line, 不涉及 boxes, 核对节点), the one with most text, the hardest to fit on one A4 sheet.
    Chromium prints every checklist on both engines (tests/test_browser.py); the whole handbook, with
    every checklist, is printed in Firefox too."""
    longest: dict[tuple, tuple[int, str]] = {}
    for checklist in CHECKLISTS.values():
        kind = (checklist.type, checklist.anchor is None, any(item.allow_na for item in checklist.items),
                any(phase.checkpoint for phase in checklist.phases))
        size = sum(len(item.text) for item in checklist.items)
        if kind not in longest or size > longest[kind][0]:
            longest[kind] = (size, checklist.id)
    return {checklist_id for _, checklist_id in longest.values()}


@pytest.mark.browser
@pytest.mark.parametrize("test_file", TEST_FILES)
def test_key_behaviours_in_firefox_esr(site_url, test_file):
    assert os.path.exists(FIREFOX), "Debian's firefox-esr is required: the README's test command installs it"
    assert shutil.which("node") and (ROOT / "node_modules" / "puppeteer-core").exists(), "run `bash scripts/run.sh test`: it installs Node.js and the pinned npm tools"
    alone = printed_alone()
    checklists = [
        {"id": checklist.id, "title": checklist.title, "printAlone": checklist.id in alone,
         "items": [{"id": item.id, "text": item.text} for item in checklist.items]}
        for checklist in CHECKLISTS.values()
    ]
    env = {**os.environ, "HANDBOOK_URL": site_url, "HANDBOOK_CHECKLISTS": json.dumps(checklists, ensure_ascii=False)}
    result = subprocess.run(
        ["node", "--test", "--test-reporter=spec", f"tests/firefox/{test_file}"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
