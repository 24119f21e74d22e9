/* The handbook's search worker, for both engines: the engine's own worker does the searching, this
 * file first turns what a reader typed into the handbook's words.
 *
 * overrides/main.html points the page's search worker here, with the engine's worker file as
 * ?worker=search.….min.js (the same folder, so its own relative imports still work). For every query:
 *
 * 1. readers' words become the handbook's (assets/search/synonyms.txt: 垫钱 → 垫付 借支 …), and the
 *    words of a question that say nothing about the topic (怎么、如何 …) are dropped;
 * 2. the rest is cut into words the same way the engine cut the pages: MkDocs + Material by the words
 *    of its index (cut by jieba at build time, with assets/search/terms.txt), Zensical by the
 *    browser's Intl.Segmenter, as Zensical itself does;
 * 3. a page must contain every word (or one of its alternatives); when no page does, pages that
 *    contain some of them are shown, those with most first.
 *
 * Both engines' internals are touched here, on purpose and only here; tests/test_search.py runs
 * every path in Chromium on both builds, so an engine update that breaks one fails the tests:
 * - Material: its worker sets self.lunr; lunr.Index.prototype.search is replaced so the query runs
 *   as built here, not as Material's own segmenter cuts it (it drops the last character of every
 *   Chinese run: 会议记录 → 会议 记); the results' "缺少" terms are recomputed from the words here.
 * - Zensical: its worker sets self.onmessage; the query's input is given as Zensical's own query
 *   tree (the form its parser produces), so its prefix and typo matching still apply.
 */
"use strict";

const ENGINE_WORKER = new URL(self.location.href).searchParams.get("worker");
const HAN = /\p{Script=Han}/u;
const MAX_WORD = 8;

/* Rules from the writers' file, read before the engine starts so that no message is missed. */
function readRules() {
  const request = new XMLHttpRequest();
  request.open("GET", "../../search/synonyms.txt", false);  // a worker may read synchronously
  request.send();
  const said = new Map();  // reader's word → handbook's words ([] = drop the word)
  if (request.status !== 200) return said;
  for (const line of request.responseText.split("\n")) {
    const text = line.replace(/#.*/, "").trim();
    if (!text.includes("→")) continue;
    const [left, right] = text.split("→");
    const words = right.trim().split(/\s+/).filter(Boolean);
    for (const word of left.trim().split(/\s+/).filter(Boolean)) said.set(word.toLowerCase(), words);
  }
  return said;
}

const RULES = readRules();
const LONGEST_RULE = Math.max(0, ...[...RULES.keys()].map(word => word.length));

/* A query as concepts: each concept is met by any of its alternatives, an alternative by all its words. */
function analyze(query, cut) {
  const text = query.trim().toLowerCase();
  const concepts = [];
  let rest = "";
  const flush = () => {
    for (const unit of cut(rest)) {
      if (unit.length === 1 && RULES.has(unit[0]) && !RULES.get(unit[0]).length) continue;
      concepts.push({label: unit[0], alternatives: unit.map(word => [word])});
    }
    rest = "";
  };
  for (let i = 0; i < text.length;) {
    let found = "";
    // Several-character rules are matched in the raw text; a one-character noise word (了, 的) only
    // once it stands alone after cutting, so that 了解 or 目的 keep theirs.
    for (let length = Math.min(LONGEST_RULE, text.length - i); length >= 2 && !found; length--)
      if (RULES.has(text.slice(i, i + length))) found = text.slice(i, i + length);
    if (!found) { rest += text[i++]; continue; }
    flush();
    const words = RULES.get(found);
    if (words.length)
      concepts.push({label: found, alternatives: [cut(found).map(unit => unit[0]), ...words.map(word => cut(word).map(unit => unit[0]))]});
    i += found.length;
  }
  flush();
  return concepts.filter(concept => concept.alternatives.every(words => words.length));
}

/* ---------------------------------------------------------------------------------------------
 * MkDocs + Material (lunr)
 * ------------------------------------------------------------------------------------------- */

const vocabularies = new WeakMap();

/* The words of Material's index, and for typos: each word of 3+ characters under every form with
 * one character unknown (备用?), so 备用今 finds 备用金. */
function vocabulary(index) {
  if (!vocabularies.has(index)) {
    const words = new Set(Object.keys(index.invertedIndex));
    const typos = new Map();
    for (const word of words) {
      if (word.length < 3 || word.length > 6 || !HAN.test(word)) continue;
      for (let p = 0; p < word.length; p++) {
        const key = word.slice(0, p) + "?" + word.slice(p + 1);
        typos.set(key, [...typos.get(key) || [], word]);
      }
    }
    vocabularies.set(index, {words, typos});
  }
  return vocabularies.get(index);
}

/* Cut text into the index's own words, longest first; a run the index has no word for may be a typo. */
function cutByIndex(index, separator) {
  const {words, typos} = vocabulary(index);
  return text => {
    const units = [];
    for (const part of text.split(separator).filter(Boolean)) {
      if (!HAN.test(part)) { units.push([part]); continue; }
      for (let i = 0; i < part.length;) {
        // The longest word of the index here; or, when a longer stretch differs from a word of the
        // index by one character only, that word: 会议纪录 is 会议记录 mistyped, not 会议 and 纪录.
        let taken = 0;
        for (let length = Math.min(MAX_WORD, part.length - i); length >= 2 && !taken; length--)
          if (words.has(part.slice(i, i + length))) taken = length;
        let corrected = null;
        for (let length = Math.min(6, part.length - i); length > Math.max(taken, 2) && !corrected; length--)
          for (let p = 0; p < length && !corrected && !siteText.includes(part.slice(i, i + length)); p++)
            corrected = typos.get(part.slice(i, i + p) + "?" + part.slice(i + p + 1, i + length)) || null;
        if (corrected) { units.push(corrected.slice(0, 3)); i += corrected[0].length; continue; }
        if (taken) units.push([part.slice(i, i + taken)]);
        if (!taken) { units.push([part[i]]); taken = 1; }
        i += taken;
      }
    }
    return units;
  };
}

let materialConcepts = [];

function searchWithLunr(index, concepts, strict) {
  const {presence, wildcard} = lunr.Query;
  return index.query(query => {
    for (const concept of concepts) {
      const required = strict && concept.alternatives.length === 1;
      for (const words of concept.alternatives)
        for (const word of words) {
          // A word inside a longer word of the index counts (纪要 in 会议纪要); the word itself counts more.
          query.term(word, {boost: 10, usePipeline: false});
          query.term(word, {
            presence: required ? presence.REQUIRED : presence.OPTIONAL,
            wildcard: word.length > 1 ? wildcard.LEADING | wildcard.TRAILING : wildcard.NONE,
            usePipeline: false,
          });
        }
    }
  });
}

/* lunr's score of each section in the last search, before Material's own boosts. */
const lunrScores = new Map();

/* Material's results, revised: pages in the order of their best section's lunr score (Material
 * multiplies a page's first section by up to 2.5, so that one-section pages such as the glossary or
 * a checklist came before the page that explains the word in a later section); and each result
 * marked with the query terms it lacks ("缺少") in the reader's words, computed from the text. */
function reviseResult(result) {
  const plain = html => html.replace(/<[^>]*>/g, "").replace(/\u200b/g, "").toLowerCase();
  const best = group => Math.max(...group.map(item => lunrScores.get(item.location) || 0));
  result.items.sort((a, b) => best(b) - best(a));
  for (const group of result.items)
    for (const item of group) {
      const text = plain(`${item.title} ${item.text} ${(item.tags || []).join(" ")}`);
      item.terms = {};
      for (const concept of materialConcepts) {
        const met = concept.alternatives.find(words => words.every(word => text.includes(word)));
        item.terms[met ? met.join(" ") : concept.label] = Boolean(met);
      }
    }
  return result;
}

/* ---------------------------------------------------------------------------------------------
 * Zensical
 * ------------------------------------------------------------------------------------------- */

function cutLikeZensical(lang) {
  const segmenter = new Intl.Segmenter(lang, {granularity: "word"});
  return text => [...segmenter.segment(text)].filter(part => part.isWordLike).map(part => [part.segment]);
}

/* The query tree Zensical's own parser builds: "and" of "prefix" values (zensical search worker). */
function zensicalTree(concepts, operator) {
  let position = 0;
  const value = word => ({type: "value", data: {field: "*", value: {type: "prefix", data: word},
    range: {start: 0, end: word.length, value: position++}}});
  const node = (op, operands) => operands.length === 1 ? operands[0] : {type: "operator", data: {operator: op, operands}};
  return node(operator, concepts.map(concept =>
    node("or", concept.alternatives.map(words => node("and", words.map(value))))));
}

/* ---------------------------------------------------------------------------------------------
 * Messages: 0 = set up, 2 = query, 3 = results (the same numbers in both engines)
 * ------------------------------------------------------------------------------------------- */

// What Material's worker is given, kept for the search below: registered before Material's own
// listener, so it runs first.
let materialQuery = "";
// All the site's text, to tell a typo (found nowhere) from a phrase of the pages (承受批评).
let siteText = "";
let materialSeparator = /\s+/u;
self.addEventListener("message", event => {
  const {type, data} = event.data || {};
  if (type === 0 && data && data.config) materialSeparator = new RegExp(data.config.separator, "u");
  if (type === 0 && data && Array.isArray(data.docs))
    siteText = data.docs.map(doc => `${doc.title} ${doc.text}`).join(" ").replace(/<[^>]*>|\u200b/g, "").toLowerCase();
  if (type === 2 && typeof data === "string") materialQuery = data;
});

importScripts(ENGINE_WORKER);

if (typeof self.lunr !== "undefined") {
  // Material calls lunr's search with the query its segmenter has cut; the query is run as cut here.
  lunr.Index.prototype.search = function () {
    materialConcepts = analyze(materialQuery, cutByIndex(this, materialSeparator));
    const strict = searchWithLunr(this, materialConcepts, true);
    const results = strict.length ? strict : searchWithLunr(this, materialConcepts, false);
    lunrScores.clear();
    for (const {ref, score} of results) lunrScores.set(ref, score);
    return results;
  };
  // Material posts its results with the global postMessage: this one fixes their "缺少" terms first.
  const post = self.postMessage.bind(self);
  self.postMessage = message => post(message && message.type === 3 ? {...message, data: reviseResult(message.data)} : message);
} else {
  // Zensical: it answers through self.onmessage; ours rewrites the query and hands it on.
  const engine = self.onmessage;
  let cut = null;
  let relaxed = null;
  const post = self.postMessage.bind(self);
  self.postMessage = message => {
    // No page has every word: ask again for pages with any of them, before the empty list shows.
    if (message && message.type === 3 && relaxed && !message.data.items.length) {
      const retry = relaxed;
      relaxed = null;
      engine({data: retry});
      return;
    }
    post(message);
  };
  self.onmessage = event => {
    const message = event.data;
    if (message.type === 0) {
      const lang = (message.data.config.lang || []).find(code => /^(zh|ja|ko)/i.test(code)) || "zh";
      cut = cutLikeZensical(lang);
    }
    if (message.type === 2 && cut && typeof message.data.input === "string" && message.data.input.trim()) {
      const concepts = analyze(message.data.input, cut);
      if (concepts.length) {
        relaxed = concepts.length > 1 ? {...message, data: {...message.data, input: zensicalTree(concepts, "or")}} : null;
        engine({data: {...message, data: {...message.data, input: zensicalTree(concepts, "and")}}});
        return;
      }
    }
    relaxed = null;
    engine(event);
  };
}
