// The key behaviours in Firefox ESR (Debian's firefox-esr), driven by puppeteer-core over WebDriver BiDi.
// Run by tests/test_firefox.py, which builds and serves the site and passes:
//   HANDBOOK_URL         the served site's base URL
//   HANDBOOK_CHECKLISTS  JSON [{id, title, items: [{id, text}]}] from checklists/*.yml
// One Firefox for the whole file; a second, with JavaScript off, for the last test.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import puppeteer from "puppeteer-core";

const SITE = process.env.HANDBOOK_URL;
const CHECKLISTS = JSON.parse(process.env.HANDBOOK_CHECKLISTS);
const MEETING = CHECKLISTS.find((checklist) => checklist.id === "meeting");
const [FIRST, SECOND] = MEETING.items;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-firefox-"));
const DOWNLOADS = path.join(WORK, "downloads");
fs.mkdirSync(DOWNLOADS);

// Downloads go straight to a folder, as a reader's "save file" would.
const PREFS = {
  "browser.download.dir": DOWNLOADS,
  "browser.download.folderList": 2,
  "browser.download.useDownloadDir": true,
  "browser.download.always_ask_before_handling_new_types": false,
};

function launch(extraPrefs = {}) {
  return puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    defaultViewport: { width: 1280, height: 720 }, // a desktop's layout: navigation in the sidebar, not a drawer
    extraPrefsFirefox: { ...PREFS, ...extraPrefs },
  });
}

let firefox;
before(async () => {
  firefox = await launch();
});
after(async () => {
  await firefox?.close();
  fs.rmSync(WORK, { recursive: true, force: true });
});

/* A fresh profile's worth of storage (a new user context) and a page that fails on script errors. */
async function freshPage() {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(String(error)));
  // The print buttons call window.print(); page.pdf() below does the printing.
  await page.evaluateOnNewDocument("window.print = () => { window.__printed = (window.__printed || 0) + 1; }");
  return page;
}

async function closePage(page) {
  await page.browserContext().close();
  assert.deepEqual(page.errors, [], "script errors on the page");
}

async function openChecklist(page, id = "meeting") {
  await page.goto(`${SITE}checklists/${id}/`);
  await page.waitForSelector(`[data-checklist="${id}"] .checklist__toolbar:not([hidden])`);
}

const tick = (page, id, item) => page.click(`label[for="cl-${id}__${item}"]`);
const checkedItems = (page) => page.$$eval("input[data-item]:checked", (boxes) => boxes.map((box) => box.dataset.item));
const progress = (page) => page.$eval(".checklist__progress", (element) => element.textContent.trim());
// By data-action, not by accessible name: Firefox builds its accessibility tree slowly for each query.
// Actions used less often are in the 更多操作 menu: open it first.
const act = async (page, action) => {
  const button = `button[data-action="${action}"]`;
  if (await page.$eval(button, (element) => !!element.closest("details:not([open])"))) await page.click(".checklist__menu > summary");
  await page.click(button);
};
const squash = (text) => text.replace(/\s+/g, "");

async function printed(page, name) {
  const file = path.join(WORK, `${name}.pdf`);
  await page.pdf({ path: file, format: "A4" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
  return { file, pages, text: squash(execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" })) };
}

/* Rows of the first printed page (100 dpi, grey) that are near-black for over a third of the
 * width: borders drawn in black. Text never makes such a row; the screen's pale borders are grey. */
function blackLines(file) {
  const pgm = execFileSync("pdftoppm", ["-r", "100", "-gray", "-f", "1", "-l", "1", file]);
  const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString("latin1", 0, 40)).map(Number);
  const pixels = pgm.subarray(pgm.length - width * height);
  let lines = 0;
  for (let row = 0; row < height; row++) {
    let dark = 0;
    for (let x = 0; x < width; x++) if (pixels[row * width + x] < 100) dark++;
    if (dark > width / 3) lines++;
  }
  return lines;
}

test("ticks survive a reload and instant navigation", async () => {
  const page = await freshPage();
  await openChecklist(page);
  await tick(page, "meeting", FIRST.id);
  await tick(page, "meeting", SECOND.id);
  assert.equal(await progress(page), `已完成 2 / ${MEETING.items.length}`);
  await page.reload();
  await openChecklist(page);
  assert.deepEqual(await checkedItems(page), [FIRST.id, SECOND.id]);

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

test("each checklist prints alone on one A4 page, in black borders", async () => {
  const page = await freshPage();
  for (const checklist of CHECKLISTS) {
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
