// Printing in Firefox ESR: the longest checklist of each kind, the whole handbook, and a checklist page without JavaScript (helpers in support.mjs).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import {
  SITE, CHECKLISTS, MEETING, launch, useFirefox, freshPage, closePage, openChecklist, printed, blackLines, act, squash,
} from "./support.mjs";

useFirefox();

test("the longest checklist of each kind prints alone on one A4 page, in black borders", async () => {
  const page = await freshPage();
  for (const checklist of CHECKLISTS.filter((one) => one.printAlone)) {
    await openChecklist(page, checklist.id);
    await act(page, "print");
    assert.equal(await page.evaluate("window.__printed"), 1, `${checklist.id}: the button did not print`);
    const paper = await printed(page, checklist.id);
    assert.equal(paper.pages, 1, checklist.id);
    for (const item of checklist.items) assert.ok(paper.text.includes(squash(item.text)), `${checklist.id}: ${item.text}`);
    for (const screenOnly of ["打印清单", "清空勾选", "搜索"]) assert.ok(!paper.text.includes(screenOnly), `${checklist.id}: ${screenOnly}`);
    // Each phase's frame has a black top and bottom edge.
    const phases = await page.$$eval(`[data-checklist="${checklist.id}"] [data-phase]`, (elements) => elements.length);
    assert.ok(blackLines(paper.file) >= 2 * phases, `${checklist.id}: the phases are not framed in black`);
  }
  await closePage(page);
});

test("the whole handbook prints with its cover on the first sheet and every checklist in it", async () => {
  const page = await freshPage();
  await page.goto(`${SITE}print_page/`);
  const paper = await printed(page, "handbook");
  const cover = squash(execFileSync("pdftotext", ["-f", "1", "-l", "1", paper.file, "-"], { encoding: "utf8" }));
  assert.ok(cover.startsWith("办公室工作手册"), `the first sheet is not the cover: ${cover.slice(0, 80)}`);
  for (const checklist of CHECKLISTS) assert.ok(paper.text.includes(squash(checklist.title)), checklist.title);
  await closePage(page);
});

test("without JavaScript a checklist page prints complete, without the screen's controls", async () => {
  // Page scripts off for the whole browser; puppeteer's own calls into the page stop too, so the page is read from paper.
  const noScript = await launch({ "javascript.enabled": false });
  try {
    const page = await noScript.newPage();
    await page.goto(`${SITE}checklists/meeting/`);
    const paper = await printed(page, "no-script");
    assert.equal(paper.pages, 1);
    for (const item of MEETING.items) assert.ok(paper.text.includes(squash(item.text)), item.text);
    for (const blank of ["名称：", "日期：", "经办人："]) assert.ok(paper.text.includes(blank), blank);
    for (const scriptOnly of ["打印清单", "新建事项", "备注"]) assert.ok(!paper.text.includes(scriptOnly), scriptOnly);
  } finally {
    await noScript.close();
  }
});
