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


@pytest.mark.browser
@pytest.mark.parametrize("test_file", TEST_FILES)
def test_key_behaviours_in_firefox_esr(site_url, test_file):
    assert os.path.exists(FIREFOX), "Debian's firefox-esr is required: the README's test command installs it"
    assert shutil.which("node") and (ROOT / "node_modules" / "puppeteer-core").exists(), "run `bash scripts/run.sh test`: it installs Node.js and the pinned npm tools"
    checklists = [
        {"id": checklist.id, "title": checklist.title, "items": [{"id": item.id, "text": item.text} for item in checklist.items]}
        for checklist in CHECKLISTS.values()
    ]
    env = {**os.environ, "HANDBOOK_URL": site_url, "HANDBOOK_CHECKLISTS": json.dumps(checklists, ensure_ascii=False)}
    result = subprocess.run(
        ["node", "--test", "--test-reporter=spec", f"tests/firefox/{test_file}"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
