"""Checklist-ready time: from navigation start until the checklist page is interactive, on a slow CPU.

"Interactive" is the moment checklist.js has set the checklist up and marks its section `data-ready`:
from then on a tick is saved. Chromium slows its CPU fourfold through the DevTools protocol
(Emulation.setCPUThrottlingRate), as Lighthouse's mobile preset does, standing in for an office's old PC.
"""

from __future__ import annotations

import statistics

from bench.browsers import CHROMIUM, CHROMIUM_ARGS

CPU_SLOWDOWN = 4
# Runs before the page's own scripts: note when the section gets data-ready (performance.now()
# counts from navigation start).
_WATCH_READY = """
new MutationObserver((records, observer) => {
  if (document.querySelector('[data-checklist][data-ready]')) {
    window.__checklistReady = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
"""


def measure_checklist_ready(base_url: str, loads: int = 7, path: str = "checklists/meeting/", browser=None) -> dict[str, float]:
    """Milliseconds to data-ready: the first load (empty cache), the median and slowest of `loads` repeat
    visits, and their median first contentful paint (how much of the wait is the page itself).
    `browser`: a Playwright Chromium already running (the tests'); else one is started."""
    if browser is not None:
        return _measure(browser, base_url + path, loads)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _measure(own, base_url + path, loads)
        finally:
            own.close()


def _measure(browser, url: str, loads: int) -> dict[str, float]:
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(_WATCH_READY)
    times, paints = [], []
    for _ in range(loads + 1):
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url)
        page.wait_for_function("window.__checklistReady && performance.getEntriesByName('first-contentful-paint').length")
        times.append(page.evaluate("window.__checklistReady"))
        paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
        page.close()
    context.close()
    return {"first": times[0], "median": statistics.median(times[1:]), "max": max(times[1:]), "loads": loads,
            "paint": statistics.median(paints[1:])}
