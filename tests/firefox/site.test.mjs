// The key behaviours in Firefox ESR on screen: ticks, runs, backups, search and requests (helpers in support.mjs).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

import {
  SITE, MEETING, DOWNLOADS, FIRST, SECOND, useFirefox, freshPage, closePage, openChecklist, printed, tick, checkedItems, progress, act, squash,
} from "./support.mjs";

useFirefox();

test("ticks survive a reload and instant navigation", async () => {
  const page = await freshPage();
  await openChecklist(page);
  await tick(page, "meeting", FIRST.id);
  await tick(page, "meeting", SECOND.id);
  assert.equal(await progress(page), `已完成 2 / ${MEETING.items.length}`);
  await page.reload();
  await openChecklist(page);
  assert.deepEqual(await checkedItems(page), [FIRST.id, SECOND.id]);

  // Our checklist scripts run before Material's bundle, which makes links instant; its last step sets document$.
  await page.waitForFunction(() => window.document$ !== undefined);
  await page.evaluate("window.__sameDocument = true"); // survives only if navigation is instant
  await page.click("a.md-header__button.md-logo");
  await page.waitForFunction((url) => location.href === url, {}, SITE);
  await page.click('a[href$="checklists/"]');
  await page.waitForSelector(".checklist-index");
  await page.click('.checklist-index a[href*="/meeting/"]');
  await page.waitForSelector('[data-checklist="meeting"] .checklist__toolbar:not([hidden])');
  assert.equal(await page.evaluate("window.__sameDocument"), true, "the site's links did not use instant navigation");
  assert.deepEqual(await checkedItems(page), [FIRST.id, SECOND.id]);
  await closePage(page);
});

test("reset asks first and clears only when confirmed", async () => {
  const page = await freshPage();
  await openChecklist(page);
  await tick(page, "meeting", FIRST.id);
  const asked = [];
  page.once("dialog", (dialog) => (asked.push(dialog.message()), dialog.dismiss()));
  await act(page, "reset");
  assert.deepEqual(await checkedItems(page), [FIRST.id]);
  page.once("dialog", (dialog) => (asked.push(dialog.message()), dialog.accept()));
  await act(page, "reset");
  await page.waitForFunction(() => !document.querySelector("input[data-item]:checked"));
  assert.equal(asked.length, 2);
  assert.ok(asked.every((message) => message.includes(MEETING.title)), asked.join("\n"));
  await closePage(page);
});

test("a run with a date prints its dates and notes; the blank form prints neither", async () => {
  const page = await freshPage();
  await openChecklist(page);
  await act(page, "new-run");
  await page.locator('[data-run-form] input[name="name"]').fill("2027 年度工作会议");
  await page.$eval('[data-run-form] input[name="anchor"]', (input) => { input.value = "2027-03-08"; });
  await page.click('[data-run-form] button[type="submit"]');
  await page.waitForFunction(() => document.querySelector("[data-run-summary]").textContent.includes("3 月 8 日"));
  await tick(page, "meeting", FIRST.id);
  await page.click(`#cl-meeting__${FIRST.id} ~ [data-memo-open]`);  // a note field only when asked for
  await page.locator(`[data-memo="${FIRST.id}"]`).fill("方案已审定");
  await page.reload();
  await openChecklist(page);
  assert.deepEqual(await checkedItems(page), [FIRST.id]);

  await act(page, "print");
  const filled = await printed(page, "filled");
  assert.equal(filled.pages, 1);
  for (const expected of ["2027年度工作会议", "2027年3月8日周一", "方案已审定"]) assert.ok(filled.text.includes(expected), expected);
  assert.equal(filled.text.split("备注").length - 1, 1, "empty notes take room on paper");

  await act(page, "print-blank");
  const blank = await printed(page, "blank");
  assert.equal(blank.pages, 1);
  for (const filledOnly of ["2027年度工作会议", "方案已审定", "备注"]) assert.ok(!blank.text.includes(filledOnly), filledOnly);
  assert.ok(blank.text.includes("名称：") && blank.text.includes(squash(FIRST.text)));
  await closePage(page);
});

test("a backup exported in one browser profile imports into another", async () => {
  const page = await freshPage();
  await openChecklist(page);
  await tick(page, "meeting", SECOND.id);
  await page.goto(`${SITE}checklists/runs/`);
  await page.waitForSelector(".checklist-runs__app:not([hidden])");
  await act(page, "export-backup");
  let file;
  for (let waited = 0; !file && waited < 100; waited++) {
    file = fs.readdirSync(DOWNLOADS).find((name) => name.endsWith(".json")); // not the .part Firefox writes first
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(file, "no backup was downloaded");
  assert.match(file, /^办公室手册清单备份-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(fs.readFileSync(path.join(DOWNLOADS, file), "utf8"));
  assert.equal(backup.format, "office-handbook-runs");
  await closePage(page);

  const fresh = await freshPage();
  await fresh.goto(`${SITE}checklists/runs/`);
  await fresh.waitForSelector(".checklist-runs__app:not([hidden])");
  const asked = [];
  fresh.on("dialog", (dialog) => (asked.push(dialog.message()), dialog.accept()));
  const chooser = await fresh.$('input[type="file"]');
  await chooser.uploadFile(path.join(DOWNLOADS, file));
  await fresh.waitForFunction(() => document.querySelector("[data-runs-message]").textContent !== "");
  assert.ok(asked.length === 1 && asked[0].includes("新增（1 个）"), asked.join("\n"));
  await openChecklist(fresh);
  assert.deepEqual(await checkedItems(fresh), [SECOND.id]);
  await closePage(fresh);
});

test("search finds 会议 and 请示 offline", async () => {
  const page = await freshPage();
  await page.goto(SITE);
  for (const query of ["会议", "请示"]) {
    await page.click(".md-search__input");
    await page.locator(".md-search__input").fill(query);
    await page.keyboard.press("End"); // Material searches on keyup
    await page.waitForFunction(
      (text) => [...document.querySelectorAll(".md-search-result__item")].some((item) => item.textContent.includes(text)),
      { timeout: 10_000 },
      query,
    );
    await page.keyboard.press("Escape");
  }
  await closePage(page);
});

test("no request leaves the server", async () => {
  const page = await freshPage();
  const away = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.origin !== new URL(SITE).origin) away.push(request.url());
  });
  await openChecklist(page);
  await tick(page, "meeting", FIRST.id);
  await page.goto(SITE, { waitUntil: "networkidle0" });
  assert.deepEqual(away, []);
  await closePage(page);
});
