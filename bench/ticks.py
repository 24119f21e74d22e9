"""Time to save a tick: click a checkbox until its handler has written localStorage."""

from __future__ import annotations

import statistics

from bench.browsers import CHROMIUM, CHROMIUM_ARGS

# Every click runs the page's change handler synchronously, which saves to localStorage;
# the loop checks that each click did change what is stored.
_CLICKS = """(count) => {
  const boxes = [...document.querySelectorAll('[data-checklist="meeting"] input[type=checkbox][data-item]')];
  const key = 'office-handbook:checklist:meeting';
  const times = [];
  for (let i = 0; i < count; i++) {
    const before = localStorage.getItem(key);
    const started = performance.now();
    boxes[i % boxes.length].click();
    const took = performance.now() - started;
    if (localStorage.getItem(key) === before) throw new Error('click ' + i + ' saved nothing');
    times.push(took);
  }
  return times;
}"""


def measure_tick_latency(base_url: str, clicks: int = 50) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base_url}checklists/meeting/")
        page.wait_for_selector('[data-checklist="meeting"] .checklist__toolbar:not([hidden])')
        times = sorted(page.evaluate(_CLICKS, clicks))
        browser.close()
    return {"median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1], "clicks": len(times)}
