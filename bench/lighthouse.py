"""Lighthouse scores from the npm package (pinned in bench/package.json), run on Debian's Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse when missing (`run.sh bench` installs Debian's nodejs); it downloads no browser."""
    if not shutil.which("npm"):
        raise SystemExit("需要 Node.js 和 npm：用 bash scripts/run.sh bench 运行，它会安装 Debian 的 nodejs。")
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)


def lighthouse_scores(url: str, preset: str) -> dict[str, int]:
    """Scores 0–100 for one page; preset is "desktop" or "mobile" (Lighthouse's default form factor)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        if preset == "desktop":
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True)
        result = json.loads(report.read_text(encoding="utf-8"))
    failed = [audit["id"] for audit in result["audits"].values()
              if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["failed"] = failed
    return scores
