/* 公文格式自查: checks a .docx against GB/T 9704 in the browser; the file never leaves the computer.
 *
 * Three parts: the .docx is unzipped (the platform's DecompressionStream, no library) and its XML
 * read into a model of what Word or WPS will show (direct formatting over styles over document
 * defaults over theme fonts); the model is checked against the rules the page carries (data-rules,
 * made from the layout data by handbook/formatcheck.py, so this script holds no figure of the
 * standard); the report is written with textContent only, so nothing from the document is ever
 * read as HTML. The page loads this script itself (see format_check in macros/__init__.py).
 */
(function (handbook) {
  "use strict";

  // Instant navigation loads the page's scripts again on every visit: set up once.
  if (handbook.formatCheck) return;

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var A = "http://schemas.openxmlformats.org/drawingml/2006/main";
  var R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  var STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main";
  var TWIPS_PER_MM = 1440 / 25.4;
  var SAVE_AS_DOCX = "请在 Word 里选“文件 › 另存为”，保存类型选“Word 文档（*.docx）”；在 WPS 里选“文件 › 另存为”，文件类型选“Microsoft Word 文件（*.docx）”，再选择另存的文件。";

  /* ---------- Errors the reader sees instead of a report ---------- */

  function Refusal(message) {
    this.message = message;
  }

  function refuse(message) {
    throw new Refusal(message);
  }

  /* ---------- ZIP: the central directory, stored and deflated entries (no ZIP64: a .docx under the size limit never needs it) ---------- */

  function u16(bytes, at) {
    return bytes[at] | (bytes[at + 1] << 8);
  }

  function u32(bytes, at) {
    return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 16777216;
  }

  function startsWith(bytes, signature) {
    return signature.every(function (value, index) { return bytes[index] === value; });
  }

  var ZIP = [0x50, 0x4b, 0x03, 0x04];
  var OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

  /* An OLE container's directory names its streams in UTF-16LE; an encrypted .docx has EncryptionInfo. */
  function hasUtf16Name(bytes, name) {
    var pattern = [];
    for (var i = 0; i < name.length; i++) pattern.push(name.charCodeAt(i), 0);
    outer: for (var at = 0; at <= bytes.length - pattern.length; at++) {
      for (var j = 0; j < pattern.length; j++) if (bytes[at + j] !== pattern[j]) continue outer;
      return true;
    }
    return false;
  }

  function zipDirectory(bytes) {
    var floor = Math.max(0, bytes.length - 22 - 65535);
    var end = -1;
    for (var at = bytes.length - 22; at >= floor; at--) {
      if (u32(bytes, at) === 0x06054b50) { end = at; break; }
    }
    if (end < 0) refuse("这个文件不是完整的 .docx（ZIP 结构残缺），可能没有下载或复制完整。请在 Word 或 WPS 里打开后重新保存为 .docx 再试。");
    var count = u16(bytes, end + 10);
    var offset = u32(bytes, end + 16);
    if (count === 0xffff || offset === 0xffffffff) refuse("这个文件用了 ZIP64 格式，本页不支持。请在 Word 或 WPS 里重新保存为 .docx 再试。");
    var entries = {};
    var decoder = new TextDecoder("utf-8");
    for (var i = 0, p = offset; i < count; i++) {
      if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) refuse("这个 .docx 的目录已损坏，无法读取。请在 Word 或 WPS 里打开后重新保存再试。");
      var nameLength = u16(bytes, p + 28);
      var name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
      entries[name] = { flags: u16(bytes, p + 8), method: u16(bytes, p + 10), size: u32(bytes, p + 20), local: u32(bytes, p + 42) };
      p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
    }
    return entries;
  }

  function inflate(data) {
    var stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  function entryBytes(bytes, entry, name) {
    if (entry.flags & 1) refuse("这个文件设置了密码，本页打不开。请先在 Word 或 WPS 里取消密码另存一份，用那一份自查。");
    var p = entry.local;
    if (u32(bytes, p) !== 0x04034b50) refuse("这个 .docx 已损坏（" + name + " 读不出），请重新保存后再试。");
    var start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
    var data = bytes.subarray(start, start + entry.size);
    if (entry.method === 0) return Promise.resolve(data);
    if (entry.method === 8) {
      return inflate(data).catch(function () {
        refuse("这个 .docx 已损坏（" + name + " 解压失败），请重新保存后再试。");
      });
    }
    refuse("这个 .docx 用了不常见的压缩方式，本页读不了。请在 Word 或 WPS 里重新保存为 .docx 再试。");
  }

  /* ---------- XML ---------- */

  var parser = new DOMParser();

  function parseXml(data, name) {
    var text = new TextDecoder(data[0] === 0xff && data[1] === 0xfe ? "utf-16le" : "utf-8").decode(data);
    var xml = parser.parseFromString(text, "application/xml");
    if (xml.getElementsByTagName("parsererror").length) refuse("这个 .docx 里的 " + name + " 不是有效的 XML，文件可能已损坏。请在 Word 或 WPS 里打开后重新保存再试。");
    return xml;
  }

  function kids(element, name) {
    var found = [];
    if (!element) return found;
    for (var child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (child.namespaceURI === W && child.localName === name) found.push(child);
    }
    return found;
  }

  function kid(element, name) {
    if (!element) return null;
    for (var child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (child.namespaceURI === W && child.localName === name) return child;
    }
    return null;
  }

  function attr(element, name) {
    return element && element.hasAttributeNS(W, name) ? element.getAttributeNS(W, name) : null;
  }

  function number(element, name) {
    var value = attr(element, name);
    return value === null || value === "" || isNaN(+value) ? null : +value;
  }

  /* An on/off property: present means on unless its value says otherwise. */
  function isOn(element) {
    if (!element) return null;
    var value = attr(element, "val");
    return value === null || !/^(0|false|off|none)$/.test(value);
  }

  /* ---------- Properties: direct formatting > character style > paragraph style (basedOn) > defaults > theme ---------- */

  var FONT_SLOTS = ["ascii", "hAnsi", "eastAsia", "cs"];

  function applyRunProperties(props, rPr) {
    if (!rPr) return props;
    var fonts = kid(rPr, "rFonts");
    if (fonts) {
      FONT_SLOTS.forEach(function (slot) {
        // A theme reference at the same level wins over a font name (ECMA-376 §17.3.2.26).
        var theme = attr(fonts, slot + "Theme");
        var name = attr(fonts, slot);
        if (theme) props.fonts[slot] = { theme: theme };
        else if (name) props.fonts[slot] = { name: name };
      });
      if (attr(fonts, "hint")) props.hint = attr(fonts, "hint");
    }
    // w:sz sizes Latin and East Asian text alike; w:szCs only complex scripts (Arabic, Hebrew …).
    var size = number(kid(rPr, "sz"), "val");
    if (size !== null) props.halfPoints = size;
    var vanish = isOn(kid(rPr, "vanish"));
    if (vanish !== null) props.hidden = vanish;
    var spacing = number(kid(rPr, "spacing"), "val");
    if (spacing !== null) props.spacingTwips = spacing;
    var color = attr(kid(rPr, "color"), "val");
    if (color) props.color = color;
    return props;
  }

  function copyRun(props) {
    return { fonts: Object.assign({}, props.fonts), hint: props.hint, halfPoints: props.halfPoints, hidden: props.hidden, spacingTwips: props.spacingTwips, color: props.color };
  }

  function applyParagraphProperties(props, pPr) {
    if (!pPr) return props;
    var jc = attr(kid(pPr, "jc"), "val");
    if (jc) props.align = { start: "left", end: "right", both: "left", distribute: "left" }[jc] || jc;
    var ind = kid(pPr, "ind");
    if (ind) {
      [["left", "start"], ["right", "end"], ["firstLine"], ["hanging"], ["leftChars", "startChars"], ["rightChars", "endChars"], ["firstLineChars"], ["hangingChars"]].forEach(function (names) {
        names.forEach(function (name) {
          var value = number(ind, name);
          if (value !== null) props.ind[names[0]] = value;
        });
      });
    }
    var spacing = kid(pPr, "spacing");
    if (spacing) {
      var line = number(spacing, "line");
      if (line !== null) props.line = line;
      if (attr(spacing, "lineRule")) props.lineRule = attr(spacing, "lineRule");
      else if (line !== null) props.lineRule = "auto";
    }
    var numPr = kid(pPr, "numPr");
    if (numPr) {
      var numId = attr(kid(numPr, "numId"), "val");
      if (numId !== null) props.numId = numId;
      var ilvl = number(kid(numPr, "ilvl"), "val");
      if (ilvl !== null) props.ilvl = ilvl;
    }
    var snap = isOn(kid(pPr, "snapToGrid"));
    if (snap !== null) props.snapToGrid = snap;
    return props;
  }

  function copyParagraph(props) {
    return { align: props.align, ind: Object.assign({}, props.ind), line: props.line, lineRule: props.lineRule, numId: props.numId, ilvl: props.ilvl, snapToGrid: props.snapToGrid };
  }

  function readStyles(xml) {
    var root = xml && xml.documentElement;
    var defaults = kid(root, "docDefaults");
    var base = {
      // Word's own default when nothing is written: 10 pt (ECMA-376 §17.3.2.38).
      run: applyRunProperties({ fonts: {}, halfPoints: 20 }, kid(kid(defaults, "rPrDefault"), "rPr")),
      paragraph: applyParagraphProperties({ align: "left", ind: {}, line: 240, lineRule: "auto", snapToGrid: true }, kid(kid(defaults, "pPrDefault"), "pPr"))
    };
    var styles = {};
    var defaultParagraph = null;
    var defaultCharacter = null;
    kids(root, "style").forEach(function (style) {
      var id = attr(style, "styleId");
      var type = attr(style, "type");
      styles[id] = { type: type, basedOn: attr(kid(style, "basedOn"), "val"), pPr: kid(style, "pPr"), rPr: kid(style, "rPr"), name: attr(kid(style, "name"), "val") };
      if (/^(1|true|on)$/.test(attr(style, "default") || "")) {
        if (type === "paragraph") defaultParagraph = id;
        if (type === "character") defaultCharacter = id;
      }
    });
    var resolved = {};

    function chain(id) {
      var ids = [];
      while (id && styles[id] && ids.indexOf(id) < 0) {
        ids.unshift(id);
        id = styles[id].basedOn;
      }
      return ids;
    }

    function paragraphStyle(id) {
      var key = id && styles[id] ? id : defaultParagraph;
      if (resolved[key]) return resolved[key];
      var run = copyRun(base.run);
      var paragraph = copyParagraph(base.paragraph);
      chain(key).forEach(function (styleId) {
        applyRunProperties(run, styles[styleId].rPr);
        applyParagraphProperties(paragraph, styles[styleId].pPr);
      });
      resolved[key] = { run: run, paragraph: paragraph };
      return resolved[key];
    }

    function characterStyle(props, id) {
      chain(id || defaultCharacter).forEach(function (styleId) { applyRunProperties(props, styles[styleId].rPr); });
      return props;
    }

    return { paragraphStyle: paragraphStyle, characterStyle: characterStyle, defaultParagraph: defaultParagraph };
  }

  /* Theme fonts (word/theme/theme1.xml): minorEastAsia → the minor font's East Asian face, or its Simplified Chinese one. */
  function readTheme(xml) {
    var faces = {};
    if (!xml) return faces;
    ["major", "minor"].forEach(function (kind) {
      var font = xml.getElementsByTagNameNS(A, kind + "Font")[0];
      if (!font) return;
      var face = function (tag) {
        var element = font.getElementsByTagNameNS(A, tag)[0];
        return element && element.getAttribute("typeface") || null;
      };
      var hans = null;
      Array.prototype.forEach.call(font.getElementsByTagNameNS(A, "font"), function (element) {
        if (element.getAttribute("script") === "Hans") hans = element.getAttribute("typeface");
      });
      faces[kind + "Ascii"] = faces[kind + "HAnsi"] = face("latin");
      faces[kind + "EastAsia"] = face("ea") || hans;
      faces[kind + "Bidi"] = face("cs");
    });
    return faces;
  }

  function fontName(props, slot, theme) {
    var font = props.fonts[slot];
    if (!font) return null;
    return font.theme ? theme[font.theme] || null : font.name;
  }

  /* Which font slot a character is drawn with: CJK in the East Asian font; the shared punctuation
     (quotes, dashes, ellipsis) in the East Asian one only under w:hint="eastAsia". */
  var CJK = /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
  var SHARED = /[\u00b7\u2010-\u2027\u2030-\u203b\u2103\u2116\u2160-\u216b\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff]/;

  function slotOf(char, props) {
    if (CJK.test(char)) return "eastAsia";
    if (SHARED.test(char) && props.hint === "eastAsia") return "eastAsia";
    return char.charCodeAt(0) < 0x80 ? "ascii" : "hAnsi";
  }

  /* ---------- Numbering (word/numbering.xml): the label Word writes before a numbered paragraph ---------- */

  var CHINESE_DIGITS = "〇一二三四五六七八九";

  function chineseNumber(n) {
    if (n < 10) return CHINESE_DIGITS[n];
    if (n < 100) return (n >= 20 ? CHINESE_DIGITS[Math.floor(n / 10)] : "") + "十" + (n % 10 ? CHINESE_DIGITS[n % 10] : "");
    return String(n);
  }

  var NUMBER_FORMATS = {
    decimal: String,
    decimalZero: function (n) { return n < 10 ? "0" + n : String(n); },
    decimalFullWidth: function (n) { return String(n).replace(/\d/g, function (d) { return String.fromCharCode(0xff10 + +d); }); },
    chineseCounting: chineseNumber,
    chineseCountingThousand: chineseNumber,
    japaneseCounting: chineseNumber,
    taiwaneseCounting: chineseNumber,
    ideographTraditional: function (n) { return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]; },
    lowerLetter: function (n) { return String.fromCharCode(96 + ((n - 1) % 26) + 1); },
    upperLetter: function (n) { return String.fromCharCode(64 + ((n - 1) % 26) + 1); },
    none: function () { return ""; }
  };

  function readNumbering(xml) {
    var abstracts = {};
    var nums = {};
    var root = xml && xml.documentElement;
    kids(root, "abstractNum").forEach(function (abstract) {
      var levels = {};
      kids(abstract, "lvl").forEach(function (lvl) {
        levels[number(lvl, "ilvl") || 0] = {
          start: number(kid(lvl, "start"), "val") === null ? 1 : number(kid(lvl, "start"), "val"),
          format: attr(kid(lvl, "numFmt"), "val") || "decimal",
          text: attr(kid(lvl, "lvlText"), "val") || ""
        };
      });
      abstracts[attr(abstract, "abstractNumId")] = levels;
    });
    kids(root, "num").forEach(function (num) {
      nums[attr(num, "numId")] = attr(kid(num, "abstractNumId"), "val");
    });
    var counters = {};

    /* The label of the next paragraph numbered (numId, ilvl); "" for none, null for a format we cannot write. */
    return function label(numId, ilvl) {
      var abstractId = nums[numId];
      var levels = abstracts[abstractId];
      if (!levels || !levels[ilvl]) return "";
      var count = counters[abstractId] = counters[abstractId] || [];
      count[ilvl] = count[ilvl] === undefined ? levels[ilvl].start : count[ilvl] + 1;
      count.length = ilvl + 1;
      if (levels[ilvl].format === "bullet") return levels[ilvl].text;
      var unknown = false;
      var text = levels[ilvl].text.replace(/%(\d)/g, function (_, digit) {
        var at = +digit - 1;
        var level = levels[at] || levels[ilvl];
        var format = NUMBER_FORMATS[level.format];
        if (!format) { unknown = true; return "?"; }
        return format(count[at] === undefined ? level.start : count[at]);
      });
      return unknown ? null : text;
    };
  }

  /* ---------- The document model ---------- */

  var CONTAINERS = { hyperlink: 1, smartTag: 1, ins: 1, customXml: 1, sdt: 1, sdtContent: 1, fldSimple: 1, bdo: 1, dir: 1, moveTo: 1 };

  function collectRuns(node, runs) {
    for (var child = node.firstElementChild; child; child = child.nextElementSibling) {
      if (child.namespaceURI !== W) continue;
      if (child.localName === "r") runs.push(child);
      else if (CONTAINERS[child.localName]) {
        if (child.localName === "fldSimple") runs.push(child);
        collectRuns(child, runs);
      }
    }
    return runs;
  }

  /* A paragraph: its text as runs of characters with resolved properties, its paragraph properties,
     and the fields it holds (PAGE in a footer). */
  function readParagraph(p, context) {
    var pPr = kid(p, "pPr");
    var styleId = attr(kid(pPr, "pStyle"), "val");
    var style = context.styles.paragraphStyle(styleId);
    var props = applyParagraphProperties(copyParagraph(style.paragraph), pPr);
    var pieces = [];
    var field = null; // "instr" between begin and separate, "result" between separate and end
    var instruction = "";
    var hasPage = false;
    var pageRuns = [];
    var textBox = false;
    collectRuns(p, []).forEach(function (r) {
      if (r.localName === "fldSimple") {
        if (/\bPAGE\b/.test(attr(r, "instr") || "")) {
          hasPage = true;
          var simpleRuns = kids(r, "r");
          var simpleProps = runProps(simpleRuns[0] || r, style, context);
          pieces.push({ text: "1", props: simpleProps, page: true });
          pageRuns.push(simpleProps);
          r.pageDone = true;
        }
        return;
      }
      if (r.parentNode.localName === "fldSimple" && r.parentNode.pageDone) return;
      if (r.getElementsByTagNameNS(W, "txbxContent").length) textBox = true;
      var run = runProps(r, style, context);
      for (var child = r.firstElementChild; child; child = child.nextElementSibling) {
        if (child.namespaceURI !== W) continue;
        switch (child.localName) {
          case "fldChar":
            var type = attr(child, "fldCharType");
            if (type === "begin") { field = "instr"; instruction = ""; }
            else if (type === "separate") field = "result";
            else if (type === "end") {
              if (/\bPAGE\b/.test(instruction) && field !== "result-page") {
                // A PAGE field with no cached number: show it as page 1.
                pieces.push({ text: "1", props: run, page: true });
                pageRuns.push(run);
                hasPage = true;
              }
              field = null;
            }
            break;
          case "instrText":
            instruction += child.textContent;
            break;
          case "t":
            if (field === "instr") break;
            if (field && /\bPAGE\b/.test(instruction)) {
              if (field === "result") { pieces.push({ text: "1", props: run, page: true }); pageRuns.push(run); hasPage = true; field = "result-page"; }
              break;
            }
            if (!run.hidden) pieces.push({ text: child.textContent, props: run });
            break;
          case "tab":
            pieces.push({ text: "\t", props: run });
            break;
          case "br":
          case "cr":
            pieces.push({ text: "\n", props: run });
            break;
        }
      }
    });
    var label = "";
    var labelUnknown = false;
    if (props.numId && props.numId !== "0") {
      var written = context.label(props.numId, props.ilvl || 0);
      if (written === null) labelUnknown = true;
      else label = written;
    }
    var text = pieces.map(function (piece) { return piece.text; }).join("");
    return {
      text: text, label: label, labelUnknown: labelUnknown, full: label + text, pieces: pieces, props: props,
      styleRun: style.run, hasPage: hasPage, pageRuns: pageRuns, textBox: textBox, inTable: false
    };
  }

  function runProps(r, style, context) {
    var rPr = kid(r, "rPr");
    var props = copyRun(style.run);
    context.styles.characterStyle(props, attr(kid(rPr, "rStyle"), "val"));
    return applyRunProperties(props, rPr);
  }

  function readSection(sectPr) {
    var size = kid(sectPr, "pgSz");
    var margins = kid(sectPr, "pgMar");
    var grid = kid(sectPr, "docGrid");
    var footers = {};
    kids(sectPr, "footerReference").forEach(function (reference) {
      footers[attr(reference, "type") || "default"] = reference.getAttributeNS(R, "id");
    });
    return {
      width: number(size, "w"), height: number(size, "h"),
      top: Math.abs(number(margins, "top") || 0), bottom: Math.abs(number(margins, "bottom") || 0),
      left: number(margins, "left") || 0, right: number(margins, "right") || 0, gutter: number(margins, "gutter") || 0,
      grid: grid ? { type: attr(grid, "type") || "default", linePitch: number(grid, "linePitch"), charSpace: number(grid, "charSpace") || 0 } : null,
      footers: footers, titlePage: isOn(kid(sectPr, "titlePg")) === true
    };
  }

  function readRelationships(xml) {
    var targets = {};
    if (!xml) return targets;
    Array.prototype.forEach.call(xml.documentElement.children, function (relationship) {
      targets[relationship.getAttribute("Id")] = relationship.getAttribute("Target");
    });
    return targets;
  }

  function partPath(target) {
    if (!target) return null;
    return target.charAt(0) === "/" ? target.slice(1) : "word/" + target.replace(/^\.\//, "");
  }

  /* Everything the checks need, read from the .docx bytes; a Refusal for a file that is not one. */
  function tooBig(maxMb) {
    return "文件超过 " + maxMb + " MB，本页不检查这么大的文件。公文一般不到 1 MB；图片多时可以另存一份删去图片的副本来自查。";
  }

  function readDocx(bytes, fileName, maxMb) {
    if (bytes.length > maxMb * 1024 * 1024) refuse(tooBig(maxMb));
    if (startsWith(bytes, OLE)) {
      if (hasUtf16Name(bytes, "EncryptionInfo")) refuse("这个文件设置了打开密码（已加密），本页打不开。请先在 Word 或 WPS 里取消密码另存一份，用那一份自查。");
      var kind = /\.wps$/i.test(fileName) ? "WPS 文字的 .wps 文件" : "旧版 Word 的 .doc 文件";
      refuse("这是" + kind + "，本页只读 .docx。" + SAVE_AS_DOCX);
    }
    if (!startsWith(bytes, ZIP)) refuse("这个文件不是 .docx（Word 文档），本页读不了。如果它是用 Word 或 WPS 写的，" + SAVE_AS_DOCX);
    if (typeof DecompressionStream !== "function") refuse("这个浏览器不能解压 .docx（需要 Chromium 80 或 Firefox 113 以上的版本）。请用单位统一安装的新版浏览器打开本页。");
    var entries = zipDirectory(bytes);
    if (!entries["word/document.xml"]) refuse("这个压缩包里没有 word/document.xml，不是 Word 文档（可能是 Excel、PowerPoint 或别的压缩包）。");
    var names = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/theme/theme1.xml", "word/_rels/document.xml.rels"];
    return Promise.all(names.map(function (name) {
      return entries[name] ? entryBytes(bytes, entries[name], name).then(function (data) { return parseXml(data, name); }) : null;
    })).then(function (parts) {
      var documentXml = parts[0];
      if (documentXml.documentElement.namespaceURI === STRICT_W) refuse("这个文件是“严格 Open XML”格式，本页读不了。" + SAVE_AS_DOCX);
      var context = { styles: readStyles(parts[1]), label: readNumbering(parts[2]), theme: readTheme(parts[4]) };
      var relationships = readRelationships(parts[5]);
      var body = kid(documentXml.documentElement, "body");
      if (!body) refuse("这个 .docx 的 word/document.xml 里没有正文，文件可能已损坏。");
      var paragraphs = [];
      var tables = [];
      var sections = [];
      var sectionIndex = 0;
      for (var child = body.firstElementChild; child; child = child.nextElementSibling) {
        if (child.namespaceURI !== W) continue;
        if (child.localName === "p") {
          var paragraph = readParagraph(child, context);
          paragraph.section = sectionIndex;
          paragraphs.push(paragraph);
          var inner = kid(kid(child, "pPr"), "sectPr");
          if (inner) { sections.push(readSection(inner)); sectionIndex++; }
        } else if (child.localName === "tbl") {
          var cells = Array.prototype.filter.call(child.getElementsByTagNameNS(W, "p"), function (p) {
            return !p.parentNode || p.parentNode.localName !== "txbxContent";
          }).map(function (p) {
            var cellParagraph = readParagraph(p, context);
            cellParagraph.inTable = true;
            cellParagraph.section = sectionIndex;
            return cellParagraph;
          });
          tables.push({ paragraphs: cells, at: paragraphs.length });
        } else if (child.localName === "sectPr") {
          sections.push(readSection(child));
        }
      }
      if (!sections.length) sections.push(readSection(null));
      var settings = parts[3] && parts[3].documentElement;
      // Footers: a section without its own reference of a type uses the previous section's.
      var footerIds = {};
      var footerIndex = {};
      var footerParts = [];
      sections.forEach(function (section) {
        Object.keys(section.footers).forEach(function (type) { footerIds[type] = section.footers[type]; });
        section.footerParts = {};
        Object.keys(footerIds).forEach(function (type) { section.footerParts[type] = partPath(relationships[footerIds[type]]); });
        Object.keys(section.footerParts).forEach(function (type) {
          var path = section.footerParts[type];
          if (path && footerIndex[path] === undefined) { footerIndex[path] = footerParts.length; footerParts.push(path); }
        });
      });
      return Promise.all(footerParts.map(function (path) {
        return entries[path] ? entryBytes(bytes, entries[path], path).then(function (data) { return parseXml(data, path); }) : null;
      })).then(function (xmls) {
        var footers = {};
        footerParts.forEach(function (path, index) {
          footers[path] = xmls[index] ? kids(xmls[index].documentElement, "p").map(function (p) { return readParagraph(p, context); }) : [];
        });
        return {
          paragraphs: paragraphs, tables: tables, sections: sections, footers: footers,
          evenAndOdd: isOn(kid(settings, "evenAndOddHeaders")) === true,
          theme: context.theme, defaultRun: context.styles.paragraphStyle(null).run
        };
      });
    });
  }

  /* ---------- The checks ---------- */

  function familyOf(name, rules) {
    if (!name) return null;
    var wanted = name.trim().toLowerCase();
    var families = Object.keys(rules.families);
    for (var i = 0; i < families.length; i++) {
      if (rules.families[families[i]].some(function (font) { return font.toLowerCase() === wanted; })) return families[i];
    }
    return null;
  }

  function sizeWords(points, rules) {
    var name = rules.sizeNames[String(points)];
    return name || points + " 磅";
  }

  function mm(twips) {
    return Math.round(twips / TWIPS_PER_MM * 10) / 10;
  }

  function excerpt(text) {
    var clean = text.replace(/\s+/g, " ").trim();
    return clean.length > 20 ? clean.slice(0, 20) + "……" : clean;
  }

  function Report(rules) {
    this.rules = rules;
    this.findings = [];
    this.unchecked = [];
    this.groups = {};
  }

  /* One finding per check and what was found; more paragraphs with the same are counted on it. */
  Report.prototype.add = function (check, where, found) {
    var key = check + "\u0000" + found;
    if (this.groups[key]) { this.groups[key].count++; return; }
    var rule = this.rules.checks[check];
    var finding = { check: check, name: rule.name, paragraph: where, found: found, expected: rule.expected, clause: rule.clause,
      section: rule.section, practice: rule.practice, count: 1 };
    this.groups[key] = finding;
    this.findings.push(finding);
  };

  Report.prototype.skip = function (what, where, reason) {
    var key = "\u0001" + what + "\u0000" + reason;
    if (this.groups[key]) { this.groups[key].count++; return; }
    var item = { what: what, paragraph: where, reason: reason, count: 1 };
    this.groups[key] = item;
    this.unchecked.push(item);
  };

  function checkPage(model, report, rules) {
    var page = rules.page;
    var tolerance = page.toleranceMm;
    model.sections.forEach(function (section, index) {
      var where = model.sections.length > 1 ? "第 " + (index + 1) + " 节" : "全文";
      if (section.width === null || section.height === null) {
        report.skip("纸张和页边距", where, "文件没有写纸张大小，由打开它的软件决定");
        return;
      }
      if (section.width > section.height) {
        report.skip("纸张和页边距", where, "这一节是横向页面（如附件中的宽表），未按纵向标准检查");
        return;
      }
      var width = mm(section.width);
      var height = mm(section.height);
      if (Math.abs(width - page.widthMm) > tolerance || Math.abs(height - page.heightMm) > tolerance) {
        report.add("page-size", where, width + " × " + height + " mm");
      }
      var names = { top: "上", bottom: "下", left: "左", right: "右" };
      var off = Object.keys(names).filter(function (side) {
        var value = side === "left" ? section.left + section.gutter : section[side];
        return Math.abs(mm(value) - page.margins[side]) > tolerance;
      });
      if (off.length) {
        report.add("margins", where, off.map(function (side) {
          return names[side] + " " + mm(side === "left" ? section.left + section.gutter : section[side]) + " mm";
        }).join("、"));
      }
    });
  }

  function textBlock(section) {
    return { height: section.height - section.top - section.bottom, width: section.width - section.left - section.right - section.gutter };
  }

  function hasGrid(section) {
    return section.grid && section.grid.type !== "default" && section.grid.linePitch;
  }

  function checkGrid(model, report, rules) {
    model.sections.forEach(function (section, index) {
      if (!hasGrid(section) || section.width === null || section.width > section.height) return;
      var where = model.sections.length > 1 ? "第 " + (index + 1) + " 节" : "全文";
      var block = textBlock(section);
      var lines = Math.floor(block.height / section.grid.linePitch + 0.01);
      if (lines !== rules.grid.lines) report.add("grid-lines", where, "每面 " + lines + " 行（网格行距 " + section.grid.linePitch / 20 + " 磅）");
      var base = model.defaultRun.halfPoints / 2;
      var pitch = /Chars$/.test(section.grid.type) ? base + section.grid.charSpace / 4096 : base + (model.defaultRun.spacingTwips || 0) / 20;
      var chars = Math.floor(block.width / 20 / pitch + 0.02);
      if (chars !== rules.grid.chars) report.add("grid-chars", where, "每行 " + chars + " 字");
    });
  }

  /* The line pitch a paragraph gets, in points; null when it depends on the font's own height. */
  function linePitch(paragraph, section) {
    var props = paragraph.props;
    if (props.lineRule === "exact" || props.lineRule === "atLeast") return { points: props.line / 20, words: (props.lineRule === "exact" ? "固定值 " : "最小值 ") + props.line / 20 + " 磅" };
    var multiple = (props.line || 240) / 240;
    if (hasGrid(section) && props.snapToGrid !== false) {
      var gridPoints = section.grid.linePitch / 20;
      return { points: gridPoints * Math.max(1, multiple), words: (multiple === 1 ? "单倍行距" : multiple + " 倍行距") + "，对齐文档网格 " + gridPoints + " 磅" };
    }
    return null;
  }

  function checkLineSpacing(paragraph, model, report, rules) {
    var section = model.sections[Math.min(paragraph.section, model.sections.length - 1)];
    var pitch = linePitch(paragraph, section);
    var where = excerpt(paragraph.full);
    if (!pitch) {
      report.skip("行距", where, "多倍行距（" + (paragraph.props.line || 240) / 240 + " 倍）且没有文档网格：实际行高取决于字体，无法判断每面行数");
      return;
    }
    var range = rules.lineSpacingPt;
    var points = Math.round(pitch.points * 100) / 100;
    if (points < range[0] || points > range[1]) report.add("line-spacing", where, pitch.words);
  }

  /* Characters of a paragraph (from `start` to `end`) as [char, props]; spaces left out. */
  function characters(paragraph, start, end) {
    var chars = [];
    var at = paragraph.label.length;
    paragraph.pieces.forEach(function (piece) {
      for (var i = 0; i < piece.text.length; i++, at++) {
        if (at < start || at >= end || /\s/.test(piece.text[i])) continue;
        chars.push([piece.text[i], piece.props]);
      }
    });
    return chars;
  }

  /* The typeface and size of a paragraph's span as found, for one check: each distinct departure reported.
     Only CJK characters are judged for the typeface (Latin text and digits may use a Western font). */
  function checkFont(paragraph, start, end, check, style, model, report, rules) {
    var where = excerpt(paragraph.full);
    var seen = {};
    characters(paragraph, start, end).forEach(function (pair) {
      var char = pair[0];
      var props = pair[1];
      var points = props.halfPoints / 2;
      var slot = slotOf(char, props);
      var family = null;
      if (slot === "eastAsia") {
        var name = fontName(props, "eastAsia", model.theme);
        if (!name) {
          report.skip("字体", where, "中文字体无法确定（文件没有写字体，也没有主题字体），由打开它的电脑决定");
          return;
        }
        family = familyOf(name, rules) || name;
      }
      var sizeOff = Math.abs(points - style.sizePt) > rules.sizeTolerancePt;
      var familyOff = family !== null && family !== style.family;
      if (!sizeOff && !familyOff) return;
      var found = sizeWords(points, rules) + (family !== null ? family : "");
      if (seen[found]) return;
      seen[found] = true;
      report.add(check, where, found);
    });
  }

  var DOC_NUMBER = /([〔【\[（(［{<《])\s*(\d{2,4})\s*([〕】\]）)］}>》])\s*(第?)\s*(\d+)\s*号/;
  var DATE_ARABIC = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
  var DATE_CHINESE = /^[〇零○Ｏ一二三四五六七八九十]{4}年[〇零○一二三四五六七八九十]{1,3}月[〇零○一二三四五六七八九十]{1,3}日$/;
  var DATE_DOTTED = /^\d{4}\s*[.\-\/．。]\s*\d{1,2}\s*[.\-\/．。]\s*\d{1,2}$/;
  var ISSUED = /^(.*?)\s*(\S+年\S+月\S+日|\d{4}[.\-\/．]\d{1,2}[.\-\/．]\d{1,2})\s*印发$/;
  var HEADINGS = [
    /^[一二三四五六七八九十]+、/,
    /^[（(][一二三四五六七八九十]+[）)]/,
    /^\d+[.．](?!\d)/,
    /^[（(]\d+[）)]/
  ];
  // One space between Chinese and a digit or letter is copy spacing; several are someone's layout.
  var SPACED = /[\u3400-\u4dbf\u4e00-\u9fff][ \u00a0][A-Za-z0-9]|[A-Za-z0-9][ \u00a0][\u3400-\u4dbf\u4e00-\u9fff]/;
  var HALF_PUNCTUATION = /[\u3400-\u4dbf\u4e00-\u9fff\uff09][,;:?!]|[,;:?!][\u3400-\u4dbf\u4e00-\u9fff]|\([^()]*[\u3400-\u4dbf\u4e00-\u9fff][^()]*\)/;
  // 纪要: "出席：" in its own font (黑体), the names in the body's.
  var ATTENDANCE = /^(出席|请假|列席)[:：]/;
  // The 版记's lines: 抄送, and a 简报's 报、送、发.
  var RECORD = /^(抄\s*送|抄\s*报|报|送|发|分\s*送)\s*[:：]/;
  var END_PUNCTUATION = /[。，、；：！？,.;:!?]$/;

  function dateForm(text) {
    var compact = text.replace(/\s+/g, "");
    var arabic = compact.match(DATE_ARABIC);
    if (arabic) return arabic[2].charAt(0) === "0" || arabic[3].charAt(0) === "0" ? "月、日编了虚位：" + compact : "";
    if (DATE_CHINESE.test(compact)) return "用了汉字数字：" + compact;
    if (DATE_DOTTED.test(compact)) return "用了点号或横线：" + compact;
    return null;
  }

  function isDate(text) {
    return dateForm(text) !== null;
  }

  /* "3" → 3, "十二" → 12, "二十" → 20. */
  function numeralValue(numeral) {
    if (/^\d+$/.test(numeral)) return +numeral;
    var ten = numeral.indexOf("十");
    if (ten < 0) return CHINESE_DIGITS.indexOf(numeral);
    return (ten ? CHINESE_DIGITS.indexOf(numeral.charAt(0)) : 1) * 10 + (ten < numeral.length - 1 ? CHINESE_DIGITS.indexOf(numeral.charAt(ten + 1)) : 0);
  }

  function headingLevel(text) {
    for (var level = 0; level < HEADINGS.length; level++) {
      var match = text.match(HEADINGS[level]);
      if (match) return { level: level + 1, number: numeralValue(match[0].replace(/[、.．（）()]/g, "")), marker: match[0] };
    }
    return null;
  }

  /* Characters of indentation: Word's *Chars (hundredths of a character) win over twips. */
  function indentChars(props, side, text, points) {
    var chars = props.ind[side + "Chars"];
    var indent = chars !== undefined && chars !== null && chars !== 0 ? chars / 100 : (props.ind[side] || 0) / 20 / points;
    var spaces = side === "right" ? text.match(/[ \u3000]*$/)[0] : text.match(/^[ \u3000]*/)[0];
    return indent + spaces.replace(/ /g, "h").replace(/\u3000/g, "ff").length / 2;
  }

  // A 发文字号 as a template writes it too: ×发〔2024〕×号.
  var DOC_NUMBER_LIKE = /[〔【\[（(［{<《][\d×]{2,4}[〕】\]）)］}>》]\s*第?\s*[\d×]+\s*号/;

  function isHeadElement(text, paragraph) {
    // 简报 and 纪要 heads: "第5期", and the issuing office with the date after a tab.
    return DOC_NUMBER_LIKE.test(text) || /^第\s*[\d×一二三四五六七八九十]+\s*期$/.test(text) || /\t.*年.{1,2}月.{1,3}日$/.test(text) || /^\d{6}$/.test(text) || /^(绝密|机密|秘密)/.test(text) || /^(特急|加急)$/.test(text) ||
      /签发人[:：]/.test(text) || /文件$/.test(text) || paragraph.pieces.some(function (piece) { return /^(FF0000|C00000|E60012)$/i.test(piece.props.color || ""); });
  }

  function checkDocNumber(paragraph, report) {
    var match = paragraph.full.match(DOC_NUMBER);
    if (!match) return;
    var where = excerpt(paragraph.full);
    if (match[1] !== "〔" || match[3] !== "〕") report.add("doc-number", where, "年份用了 " + match[1] + match[3]);
    if (match[4]) report.add("doc-number", where, "序号前加了“第”");
    if (match[5].length > 1 && match[5].charAt(0) === "0") report.add("doc-number", where, "序号编了虚位：" + match[5] + "号");
    if (match[2].length !== 4) report.add("doc-number", where, "年份没有标全：" + match[2]);
  }

  function checkAttachmentNote(paragraph, first, report) {
    var text = paragraph.full.trim();
    var where = excerpt(text);
    var name = text;
    if (first) {
      var head = text.match(/^附\s*件\s*(\d*)\s*([:：]?)\s*/);
      if (head[1]) report.add("attachment-note", where, "序号写在了冒号前：附件" + head[1]);
      if (head[2] !== "：") report.add("attachment-note", where, head[2] ? "用了半角冒号" : "“附件”后没有冒号");
      name = text.slice(head[0].length);
    }
    // A sequence number is one or two digits (a name may begin with a year: "2024年……").
    var sequence = name.match(/^(\d{1,2})(\s*[.．、,，)）]|\s+)/);
    if (sequence && !/^[.．]$/.test(sequence[2].trim())) report.add("attachment-note", where, "序号后用了“" + (sequence[2].trim() || "空格") + "”");
    if (END_PUNCTUATION.test(name)) report.add("attachment-note", where, "附件名称后加了“" + name.slice(-1) + "”");
  }

  function checkCopyTo(paragraph, report) {
    var text = paragraph.full.trim();
    var where = excerpt(text);
    var head = text.match(/^抄\s*送\s*([:：]?)\s*/);
    if (head[1] !== "：") report.add("copy-to", where, head[1] ? "“抄送”后用了半角冒号" : "“抄送”后没有冒号");
    var names = text.slice(head[0].length);
    var separators = (names.replace(/[。.]$/, "").match(/[、；;,]/g) || []).filter(function (mark, index, all) { return all.indexOf(mark) === index; });
    if (separators.length) report.add("copy-to", where, "机关之间用了“" + separators.join("”“") + "”");
    if (!/。$/.test(names)) report.add("copy-to", where, "最后没有用句号");
  }

  function checkTextMarks(paragraph, report) {
    var where = excerpt(paragraph.full);
    var spaced = paragraph.full.match(SPACED);
    if (spaced) report.add("cjk-spacing", where, "中文与数字或字母间有空格：“" + spaced[0] + "”");
    var half = paragraph.full.match(HALF_PUNCTUATION);
    if (half) report.add("halfwidth-punctuation", where, "半角标点：“" + half[0] + "”");
  }

  function checkHeading(paragraph, heading, state, model, report, rules) {
    var where = excerpt(paragraph.full);
    var levelRule = rules.levels[heading.level - 1];
    if (heading.number === 1 && heading.level < state.previous) {
      report.add("heading-order", where, "“" + heading.marker + "”排在了“" + rules.levels[state.previous - 1].marker + "”之下");
    } else if (heading.level > state.previous + 1) {
      var skipped = rules.levels.slice(state.previous, heading.level - 1).map(function (level) { return "“" + level.marker + "”"; }).join("");
      report.add("heading-skip", where, (state.previous ? "“" + rules.levels[state.previous - 1].marker + "”之后" : "第一个层次") + "直接用了“" + heading.marker + "”，跳过了" + skipped);
    }
    state.previous = heading.level;
    // The heading is the paragraph up to its first full stop when text follows it ("（一）加强领导。……");
    // the stop itself may be in either font. A numbered sentence longer than a line is numbered body
    // text ("一、同意将……调整为5月20日。" in a 批复), not a heading.
    var full = paragraph.full;
    var stop = full.indexOf("。");
    var end = stop >= 0 && stop < full.trim().length - 1 ? stop : full.length;
    if (textWidth(full.slice(0, end)) > rules.grid.chars) {
      checkFont(paragraph, 0, full.length, "body-font", rules.body, model, report, rules);
      return;
    }
    checkFont(paragraph, paragraph.label.length, end, "heading-font", levelRule, model, report, rules);
    if (end < full.length) checkFont(paragraph, end + 1, full.length, "body-font", rules.body, model, report, rules);
  }

  /* A text's width in characters: Latin letters and digits are half a character. */
  function textWidth(text) {
    return text.replace(/\s/g, "").replace(/[\x21-\x7e]/g, "").length + text.replace(/[^\x21-\x7e]/g, "").length / 2;
  }

  /* 右空四字; a signature longer than the date may instead have the date centred under it. */
  function checkDatePosition(paragraph, signature, report, rules) {
    var props = paragraph.props;
    var where = excerpt(paragraph.full);
    var points = (paragraph.pieces[0] ? paragraph.pieces[0].props.halfPoints : paragraph.styleRun.halfPoints) / 2;
    if (props.align !== "right") {
      report.add("date-position", where, { center: "居中", left: "居左" }[props.align] || props.align);
      return;
    }
    var chars = indentChars(props, "right", paragraph.full, points);
    if (Math.abs(chars - rules.date.rightIndentChars) <= rules.indentToleranceChars) return;
    if (signature && signature.props.align === "right") {
      var signatureChars = indentChars(signature.props, "right", signature.full, points);
      var middle = function (indent, text) { return indent + textWidth(text) / 2; };
      if (Math.abs(middle(signatureChars, signature.full) - middle(chars, paragraph.full)) <= rules.indentToleranceChars) return;
    }
    report.add("date-position", where, "居右空 " + Math.round(chars * 10) / 10 + " 字");
  }

  function checkFooters(model, report, rules) {
    var section = model.sections[0];
    var numberRule = rules.pageNumber;
    var odd = section.footerParts && section.footerParts["default"];
    var even = section.footerParts && section.footerParts.even;
    if (!odd) {
      report.add("page-number", "页脚", "没有页脚，也就没有页码");
      return;
    }
    var pages = [["odd", odd, "单页页脚"]];
    if (model.evenAndOdd) pages.push(["even", even, "双页页脚"]);
    else report.add("page-number-position", "页脚", "没有设“奇偶页不同”，单双页页码在同一位置");
    pages.forEach(function (entry) {
      var side = entry[0];
      var where = entry[2];
      var paragraph = (model.footers[entry[1]] || []).filter(function (p) { return p.hasPage; })[0];
      if (!paragraph) {
        report.add("page-number", where, "页脚里没有页码（PAGE 域）");
        return;
      }
      var text = paragraph.full.trim();
      if (!/^—\s?1\s?—$/.test(text)) report.add("page-number", where, "页码写成了“" + text + "”");
      var props = paragraph.pageRuns[0];
      var name = fontName(props, "ascii", model.theme);
      var family = familyOf(name, rules) || name;
      var points = props.halfPoints / 2;
      if (family !== numberRule.family || Math.abs(points - numberRule.sizePt) > rules.sizeTolerancePt) {
        report.add("page-number-font", where, sizeWords(points, rules) + (family || "（字体无法确定）"));
      }
      var wanted = numberRule[side];
      var align = paragraph.props.align;
      if (align !== wanted) {
        report.add("page-number-position", where, { center: "居中", left: "居左", right: "居右" }[align] || align);
        return;
      }
      var chars = indentChars(paragraph.props, wanted, paragraph.full, points);
      if (Math.abs(chars - numberRule.indentChars) > rules.indentToleranceChars) report.add("page-number-position", where, (wanted === "right" ? "居右" : "居左") + "空 " + Math.round(chars * 10) / 10 + " 字");
    });
  }

  /* Which part of the document each paragraph is: 版头, 标题, 正文 (body), 附件, 版记. */
  function checkParagraphs(model, report, rules) {
    var paragraphs = model.paragraphs.filter(function (paragraph) { return paragraph.full.trim() !== ""; });
    var recordTables = [];
    model.tables.forEach(function (table, index) {
      var record = table.paragraphs.some(function (p) { return RECORD.test(p.full.trim()) || /印发$/.test(p.full.trim()); });
      if (record) recordTables.push(table);
      else report.skip("表格", excerpt(table.paragraphs.map(function (p) { return p.full; }).join(" ")) || "第 " + (index + 1) + " 个表格", "表格里的文字和版式未检查");
    });
    var at = 0;
    while (at < paragraphs.length && isHeadElement(paragraphs[at].full.trim(), paragraphs[at])) {
      checkDocNumber(paragraphs[at], report);
      at++;
    }
    if (at < paragraphs.length) {
      var title = paragraphs[at];
      var lines = [title];
      // A title on several lines: the next paragraphs in the same size, larger than the body's.
      while (at + 1 < paragraphs.length && maxPoints(title) > rules.body.sizePt && maxPoints(paragraphs[at + 1]) === maxPoints(title)) {
        lines.push(paragraphs[++at]);
      }
      at++;
      lines.forEach(function (line) {
        checkFont(line, 0, line.full.length, "title-font", rules.title, model, report, rules);
        if (line.props.align !== "center") report.add("title-align", excerpt(line.full), { left: "居左", right: "居右" }[line.props.align] || line.props.align);
        checkTextMarks(line, report);
      });
      var last = lines[lines.length - 1].full.trim();
      if (END_PUNCTUATION.test(last)) report.add("title-punctuation", excerpt(lines[0].full), "标题末尾有“" + last.slice(-1) + "”");
    }
    var state = { previous: 0 };
    var zone = "body";
    var afterAttachmentNote = false;
    for (; at < paragraphs.length; at++) {
      var paragraph = paragraphs[at];
      var text = paragraph.full.trim();
      if (paragraph.textBox) report.skip("文本框", excerpt(text) || "（文本框）", "文本框里的文字和位置未检查");
      if (paragraph.labelUnknown) report.skip("自动编号", excerpt(text), "自动编号的格式本页不认识，层次序数未检查");
      if (RECORD.test(text) || ISSUED.test(text)) zone = "record";
      else if (zone === "body" && /^附件\s*\d*$/.test(text)) zone = "attachment";
      if (zone === "record") {
        checkRecord(paragraph, text, model, report, rules);
        continue;
      }
      checkTextMarksUnlessOwn(paragraph, text, report);
      if (zone === "attachment") continue;
      if (/^附\s*件\s*\d*\s*[:：]/.test(text) || (afterAttachmentNote && /^\d+\s*[.．、]/.test(text))) {
        checkAttachmentNote(paragraph, !afterAttachmentNote, report);
        afterAttachmentNote = true;
        checkFont(paragraph, 0, paragraph.full.length, "body-font", rules.body, model, report, rules);
        checkLineSpacing(paragraph, model, report, rules);
        continue;
      }
      afterAttachmentNote = false;
      checkLineSpacing(paragraph, model, report, rules);
      if (isDate(text)) {
        var form = dateForm(text);
        if (form) report.add("date-form", excerpt(text), form);
        checkDatePosition(paragraph, at > 0 ? paragraphs[at - 1] : null, report, rules);
        checkFont(paragraph, 0, paragraph.full.length, "body-font", rules.body, model, report, rules);
        continue;
      }
      var heading = headingLevel(paragraph.full);
      var attendance = text.match(ATTENDANCE);
      if (heading) checkHeading(paragraph, heading, state, model, report, rules);
      else if (attendance) {
        checkFont(paragraph, 0, attendance[1].length, "attendance-font", rules.attendance, model, report, rules);
        checkFont(paragraph, attendance[0].length, paragraph.full.length, "body-font", rules.body, model, report, rules);
      } else checkFont(paragraph, 0, paragraph.full.length, "body-font", rules.body, model, report, rules);
    }
    recordTables.forEach(function (table) {
      table.paragraphs.forEach(function (paragraph) {
        var text = paragraph.full.trim();
        if (text) checkRecord(paragraph, text, model, report, rules);
      });
    });
    if (paragraphs.some(function (p) { return /^附件\s*\d*$/.test(p.full.trim()); })) report.skip("附件", "附件", "附件页只查标点和空格，字体字号未检查");
  }

  function checkTextMarksUnlessOwn(paragraph, text, report) {
    // 附件说明 and 抄送 have punctuation rules of their own.
    if (!/^附\s*件\s*\d*\s*[:：]/.test(text)) checkTextMarks(paragraph, report);
  }

  function checkRecord(paragraph, text, model, report, rules) {
    if (/^抄\s*送/.test(text)) checkCopyTo(paragraph, report);
    else checkTextMarks(paragraph, report);
    var issued = text.match(ISSUED);
    if (issued) {
      var form = dateForm(issued[2]);
      if (form) report.add("date-form", excerpt(text), form);
    }
    checkFont(paragraph, 0, paragraph.full.length, "record-font", rules.record, model, report, rules);
  }

  function maxPoints(paragraph) {
    return paragraph.pieces.reduce(function (max, piece) { return /\S/.test(piece.text) ? Math.max(max, piece.props.halfPoints / 2) : max; }, 0);
  }

  /* The whole check of a read document: every finding (grouped) and everything left unchecked. */
  function check(model, rules) {
    var report = new Report(rules);
    checkPage(model, report, rules);
    checkGrid(model, report, rules);
    checkParagraphs(model, report, rules);
    checkFooters(model, report, rules);
    return { findings: report.findings, unchecked: report.unchecked };
  }

  /* Read and check a file's bytes: {findings, unchecked} or {refused: message}. */
  function checkBytes(bytes, fileName, rules) {
    return Promise.resolve().then(function () {
      return readDocx(bytes, fileName || "", rules.maxMb);
    }).then(function (model) {
      return check(model, rules);
    }).catch(function (error) {
      if (error instanceof Refusal) return { refused: error.message };
      throw error;
    });
  }

  /* ---------- The page ---------- */

  function reportText(result, fileName, checkedAt) {
    var lines = ["公文格式自查结果：" + fileName + "（" + checkedAt + "）", summary(result)];
    result.findings.forEach(function (finding, index) {
      lines.push((index + 1) + ". " + finding.name + (finding.practice ? "（通行做法）" : "") + "｜" + finding.paragraph + (finding.count > 1 ? "（同样的共 " + finding.count + " 处）" : "") +
        "｜发现：" + finding.found + "｜要求：" + finding.expected + "｜依据：" + finding.clause);
    });
    if (result.unchecked.length) {
      lines.push("未检查：");
      result.unchecked.forEach(function (item) { lines.push("- " + item.what + "｜" + item.paragraph + "｜" + item.reason); });
    }
    return lines.join("\n");
  }

  function summary(result) {
    var practice = result.findings.filter(function (finding) { return finding.practice; }).length;
    var standard = result.findings.length - practice;
    var text = result.findings.length ? "发现 " + result.findings.length + " 处问题：不符合标准 " + standard + " 处，不合通行做法 " + practice + " 处。" : "没有发现不符合标准的地方。";
    return text + (result.unchecked.length ? "另有 " + result.unchecked.length + " 项未检查，见表后。" : "");
  }

  function cell(row, text, tag) {
    var element = document.createElement(tag || "td");
    element.textContent = text;
    row.appendChild(element);
    return element;
  }

  function showReport(root, result, fileName) {
    var formatPage = root.dataset.formatPage;
    var checkedAt = new Date().toLocaleString("zh-CN", { hour12: false });
    var report = root.querySelector("[data-format-report]");
    root.querySelector("[data-format-file-name]").textContent = fileName + "（" + checkedAt + "）";
    root.querySelector("[data-format-summary]").textContent = summary(result);
    var findings = root.querySelector("[data-format-findings]");
    findings.textContent = "";
    result.findings.forEach(function (finding) {
      var row = document.createElement("tr");
      cell(row, finding.name + (finding.practice ? "（通行做法）" : ""), "th").scope = "row";
      cell(row, finding.paragraph + (finding.count > 1 ? "（同样的共 " + finding.count + " 处）" : ""));
      cell(row, finding.found);
      cell(row, finding.expected);
      var source = document.createElement("td");
      var link = document.createElement("a");
      link.href = formatPage + "#" + encodeURIComponent(finding.section);
      link.textContent = finding.clause;
      source.appendChild(link);
      row.appendChild(source);
      findings.appendChild(row);
    });
    root.querySelector("[data-format-findings-table]").hidden = !result.findings.length;
    var unchecked = root.querySelector("[data-format-unchecked]");
    unchecked.textContent = "";
    result.unchecked.forEach(function (item) {
      var row = document.createElement("tr");
      cell(row, item.what, "th").scope = "row";
      cell(row, item.paragraph + (item.count > 1 ? "（同样的共 " + item.count + " 处）" : ""));
      cell(row, item.reason);
      unchecked.appendChild(row);
    });
    root.querySelector("[data-format-unchecked-table]").hidden = !result.unchecked.length;
    root.formatCheckText = reportText(result, fileName, checkedAt);
    report.hidden = false;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Intranet sites are often plain http, where the Clipboard API is missing: copy from a hidden text box.
    return new Promise(function (resolve, reject) {
      var box = document.createElement("textarea");
      box.value = text;
      box.setAttribute("readonly", "");
      box.className = "format-check__copy-box";
      document.body.appendChild(box);
      box.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      box.remove();
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var rules = JSON.parse(root.dataset.rules);
    var input = root.querySelector("[data-format-file]");
    var message = root.querySelector("[data-format-message]");
    var report = root.querySelector("[data-format-report]");
    root.querySelector("[data-no-script]").hidden = true;
    root.querySelector("[data-format-app]").hidden = false;
    input.addEventListener("change", function () {
      var file = input.files[0];
      report.hidden = true;
      if (!file) return;
      message.textContent = "正在检查 " + file.name + " ……";
      var started = performance.now();
      var read = file.size > rules.maxMb * 1024 * 1024
        ? Promise.resolve({ refused: tooBig(rules.maxMb) })
        : file.arrayBuffer().then(function (buffer) { return checkBytes(new Uint8Array(buffer), file.name, rules); });
      read.then(function (result) {
        if (result.refused) {
          message.textContent = result.refused;
          return;
        }
        showReport(root, result, file.name);
        message.textContent = "检查完毕（用时 " + Math.round(performance.now() - started) + " 毫秒），结果在下面。";
      }).catch(function (error) {
        message.textContent = "检查时出错，没有结果：" + (error && error.message ? error.message : String(error)) + "。请把这份文件的情况告诉手册维护人。";
      });
    });
    root.querySelector("[data-action=copy]").addEventListener("click", function () {
      var status = root.querySelector("[data-format-copy-status]");
      copyText(root.formatCheckText).then(function () {
        status.textContent = "已复制，可以粘贴到微信、邮件或文档里。";
      }, function () {
        status.textContent = "浏览器不允许复制，请选中表格后按 Ctrl+C。";
      });
    });
    root.querySelector("[data-action=print]").addEventListener("click", function () {
      // The report alone on paper (format-check.css); Ctrl+P still prints the whole page.
      document.documentElement.classList.add("format-check-printing");
      window.addEventListener("afterprint", function done() {
        document.documentElement.classList.remove("format-check-printing");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    });
  }

  handbook.formatCheck = { readDocx: readDocx, check: check, checkBytes: checkBytes, reportText: reportText };

  handbook.onEveryPage(function () {
    // The whole-handbook print page has a copy of the page: a binder needs no file picker.
    Array.prototype.forEach.call(document.querySelectorAll("[data-format-check]"), function (root) {
      if (!root.closest("#print-site-page")) setUp(root);
    });
  });
})(window.OfficeHandbook);
