// What the site's Firefox ESR tests share (site.test.mjs, print.test.mjs): one Firefox per test file,
// fresh pages, checklist actions and printed PDFs. tests/test_firefox.py runs each test file on its own
// (node's test runner, puppeteer-core over WebDriver BiDi) against the built and served site, and passes:
//   HANDBOOK_URL         the served site's base URL
//   HANDBOOK_CHECKLISTS  JSON [{id, title, printAlone, items: [{id, text}]}] from checklists/*.yml
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import puppeteer from "puppeteer-core";

export const SITE = process.env.HANDBOOK_URL;
export const CHECKLISTS = JSON.parse(process.env.HANDBOOK_CHECKLISTS);
export const MEETING = CHECKLISTS.find((checklist) => checklist.id === "meeting");
export const [FIRST, SECOND] = MEETING.items;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-firefox-"));
export const DOWNLOADS = path.join(WORK, "downloads");
fs.mkdirSync(DOWNLOADS);

// Downloads go straight to a folder, as a reader's "save file" would.
const PREFS = {
  "browser.download.dir": DOWNLOADS,
  "browser.download.folderList": 2,
  "browser.download.useDownloadDir": true,
  "browser.download.always_ask_before_handling_new_types": false,
};

export function launch(extraPrefs = {}) {
  return puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    defaultViewport: { width: 1280, height: 720 }, // a desktop's layout: navigation in the sidebar, not a drawer
    extraPrefsFirefox: { ...PREFS, ...extraPrefs },
  });
}

let firefox;
/* Start one Firefox before the calling file's tests and close it after them. */
export function useFirefox() {
  before(async () => {
    firefox = await launch();
  });
  after(async () => {
    await firefox?.close();
    fs.rmSync(WORK, { recursive: true, force: true });
  });
}

/* A fresh profile's worth of storage (a new user context) and a page that fails on script errors. */
export async function freshPage() {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  page.errors = [];
  // Firefox reports a request cut short by a reload or a new page (Material's instant navigation fetches
  // pages and its sitemap; none of our scripts fetch) as NS_BINDING_ABORTED: that is leaving, not a fault.
  page.on("pageerror", (error) => String(error).includes("NS_BINDING_ABORTED") || page.errors.push(String(error)));
  // The print buttons call window.print(); page.pdf() below does the printing.
  await page.evaluateOnNewDocument("window.print = () => { window.__printed = (window.__printed || 0) + 1; }");
  return page;
}

export async function closePage(page) {
  await page.browserContext().close();
  assert.deepEqual(page.errors, [], "script errors on the page");
}

export async function openChecklist(page, id = "meeting") {
  await page.goto(`${SITE}checklists/${id}/`);
  await page.waitForSelector(`[data-checklist="${id}"] .checklist__toolbar:not([hidden])`);
}

export const tick = (page, id, item) => page.click(`label[for="cl-${id}__${item}"]`);
export const checkedItems = (page) => page.$$eval("input[data-item]:checked", (boxes) => boxes.map((box) => box.dataset.item));
export const progress = (page) => page.$eval(".checklist__progress", (element) => element.textContent.trim());
// By data-action, not by accessible name: Firefox builds its accessibility tree slowly for each query.
// Actions used less often are in the 更多操作 menu: open it first.
export const act = async (page, action) => {
  const button = `button[data-action="${action}"]`;
  if (await page.$eval(button, (element) => !!element.closest("details:not([open])"))) await page.click(".checklist__menu > summary");
  await page.click(button);
};
export const squash = (text) => text.replace(/\s+/g, "");

export async function printed(page, name) {
  const file = path.join(WORK, `${name}.pdf`);
  await page.pdf({ path: file, format: "A4" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
  return { file, pages, text: squash(execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" })) };
}

/* Rows of the first printed page (100 dpi, grey) that are near-black for over a third of the
 * width: borders drawn in black. Text never makes such a row; the screen's pale borders are grey. */
export function blackLines(file) {
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
