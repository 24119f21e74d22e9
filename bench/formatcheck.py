"""Time to check a 10-page .docx on the 公文格式自查 page, in Chromium, as a reader picks it.

The document is the tests' correct 通知 (bench/notice.py) with its body repeated until LibreOffice lays
it out on 10 pages; the page count is measured, not assumed. Each run picks the file in the page's file
input and waits for the report, so the time covers reading the file, unzipping, parsing the XML, the
checks and writing the report.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.browsers import CHROMIUM, CHROMIUM_ARGS
from bench.notice import write_notice

PAGE = "banwen/format-check/"
TARGET_PAGES = 10
# Body repetitions that make 10 pages of the 通知 (checked by pdf_pages below on every run).
REPEAT = 11
TARGET_MS = 1000

_PICK_AND_WAIT = """async () => {
  const message = document.querySelector('[data-format-message]');
  const started = performance.now();
  await new Promise((resolve) => {
    const seen = new MutationObserver(() => { if (message.textContent.startsWith('检查完毕')) { seen.disconnect(); resolve(); } });
    seen.observe(message, { childList: true, characterData: true, subtree: true });
    window.__formatCheckPick();
  });
  return performance.now() - started;
}"""


def pdf_pages(docx: Path, work: Path) -> int:
    """The pages LibreOffice lays the document out on (its own profile, so it runs beside others)."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                   check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(work / (docx.stem + ".pdf"))], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def measure_format_check(base_url: str, runs: int = 15) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="format-check-bench-") as tmp:
        work = Path(tmp)
        docx = write_notice(work / "通知.docx", repeat=REPEAT)
        pages, size = pdf_pages(docx, work), docx.stat().st_size
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base_url + PAGE)
            page.wait_for_selector("[data-format-check][data-ready]", state="attached")
            page.set_input_files("#format-check-file", str(docx))
            page.wait_for_function("() => document.querySelector('[data-format-message]').textContent.startsWith('检查完毕')")
            # Picking the same file again fires no change event: each run sends the input's own change event.
            page.evaluate("""() => { const input = document.querySelector('#format-check-file');
                window.__formatCheckPick = () => input.dispatchEvent(new Event('change')); }""")
            times = [page.evaluate(_PICK_AND_WAIT) for _ in range(runs)]
            findings = page.locator("[data-format-findings] tr").count()
            browser.close()
    return {"median": statistics.median(times), "max": max(times), "pages": pages, "bytes": size, "findings": findings, "runs": runs}


def format_check_section(base_url: str) -> list[str]:
    result = measure_format_check(base_url)
    return [
        "## 公文格式自查：检查一份 10 页的 .docx（Chromium）", "",
        f"{result['pages']} 页（LibreOffice 排版的页数）、{result['bytes'] / 1024:.0f} KB 的通知，从选中文件到结果出来，{result['runs']} 次的中位数 "
        f"{result['median']:.0f} ms，最长 {result['max']:.0f} ms，目标 ≤ {TARGET_MS} ms："
        f"{'达标' if result['median'] <= TARGET_MS and result['pages'] >= TARGET_PAGES else '未达标'}（发现 {result['findings']} 处问题，应为 0）。",
        "",
    ]
