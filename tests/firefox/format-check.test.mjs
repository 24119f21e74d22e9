// 公文格式自查 in Firefox ESR (Debian's firefox-esr), driven by puppeteer-core over WebDriver BiDi:
// a correct .docx gets a report with no finding, every kind of bad file a clear message and no report,
// and no request leaves the page once a file is picked. Run by tests/test_firefox.py with HANDBOOK_URL,
// the served site's base URL. The files are made here: the WPS-form XML of tests/data/wps zipped, and
// the bad ones byte by byte (the Chromium tests in tests/test_formatcheck.py cover every rule).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import puppeteer from "puppeteer-core";

const SITE = process.env.HANDBOOK_URL;
const PAGE = `${SITE}banwen/format-check/`;
const WPS = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..", "data", "wps");
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-format-check-"));

let firefox;
before(async () => {
  firefox = await puppeteer.launch({ browser: "firefox", executablePath: "/usr/bin/firefox-esr", headless: true });
});
after(async () => {
  await firefox?.close();
  fs.rmSync(WORK, { recursive: true, force: true });
});

/* ---------- Files ---------- */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/* A ZIP of stored entries: {name: Buffer}. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function wpsParts() {
  const parts = {};
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else parts[path.relative(WPS, full).split(path.sep).join("/")] = fs.readFileSync(full);
    }
  };
  walk(WPS);
  return parts;
}

/* An OLE compound file's signature and a directory naming its streams (all the page reads of one). */
function ole(streams) {
  const names = Buffer.concat(streams.map((name) => Buffer.from(name + "\0", "utf16le")));
  return Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504), names, Buffer.alloc(512)]);
}

function write(name, bytes) {
  const file = path.join(WORK, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/* ---------- The page ---------- */

async function openTool() {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(String(error)));
  await page.goto(PAGE);
  await page.waitForSelector("[data-format-check][data-ready]");
  return page;
}

async function pick(page, file) {
  // The last file's message goes first, so that the wait below is for this file's, not a stale one
  // read before the page has taken the new file (a busy machine leaves that gap open).
  await page.$eval("[data-format-message]", (element) => { element.textContent = ""; });
  const input = await page.$("#format-check-file");
  await input.uploadFile(file);
  await page.waitForFunction(() => {
    const text = document.querySelector("[data-format-message]").textContent;
    return text !== "" && !text.startsWith("正在检查");
  });
  const message = await page.$eval("[data-format-message]", (element) => element.textContent);
  const reported = await page.$eval("[data-format-report]", (element) => !element.hidden);
  // Pick the next file afresh (the same name twice fires no change event).
  await page.$eval("#format-check-file", (element) => { element.value = ""; });
  return { message, reported };
}

test("a correct document is checked with no finding, and no request leaves the page", async () => {
  const page = await openTool();
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  const result = await pick(page, write("通知.docx", zip(wpsParts())));
  assert.ok(result.message.startsWith("检查完毕"), result.message);
  assert.ok(result.reported);
  assert.match(await page.$eval("[data-format-summary]", (element) => element.textContent), /^没有发现/);
  assert.deepEqual(requests, []);
  await page.browserContext().close();
  assert.deepEqual(page.errors, []);
});

test("bad files get a clear message and no report", async () => {
  const page = await openTool();
  const good = write("正确.docx", zip(wpsParts()));
  const broken = { ...wpsParts(), "word/document.xml": Buffer.from(wpsParts()["word/document.xml"].toString("utf8").replace("</w:body>", "</w:bod>")) };
  const maxMb = await page.$eval("[data-format-check]", (element) => JSON.parse(element.dataset.rules).maxMb);
  const big = path.join(WORK, "大文件.docx");
  fs.writeFileSync(big, "");
  fs.truncateSync(big, (maxMb + 1) * 1024 * 1024);
  const bad = [
    [write("不是压缩包.docx", Buffer.from("这是一段纯文本。")), "不是 .docx"],
    [write("旧版.doc", ole(["Root Entry", "WordDocument", "1Table"])), "旧版 Word 的 .doc 文件"],
    [write("通知.wps", ole(["Root Entry", "WordDocument"])), "WPS 文字的 .wps 文件"],
    [write("加密.docx", ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"])), "设置了打开密码"],
    [write("表格.docx", zip({ "[Content_Types].xml": Buffer.from("<Types/>"), "xl/workbook.xml": Buffer.from("<workbook/>") })), "没有 word/document.xml"],
    [write("损坏.docx", zip(broken)), "不是有效的 XML"],
    [big, `超过 ${maxMb} MB`],
  ];
  for (const [file, words] of bad) {
    assert.ok((await pick(page, good)).reported, "a report shows before the bad file");
    const result = await pick(page, file);
    assert.ok(result.message.includes(words), `${path.basename(file)}: ${result.message}`);
    assert.equal(result.reported, false, `${path.basename(file)} left a report`);
  }
  await page.browserContext().close();
  // Firefox logs the broken XML's parse error itself, as an error of the page; the page's script made none.
  assert.deepEqual(page.errors.filter((error) => !error.startsWith("Error: XML Parsing Error: mismatched tag")), []);
  assert.equal(page.errors.length, 1);
});
