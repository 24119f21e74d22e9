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
 *    browser's Intl.Segmenter, as Zensical itself does; a typo of one character is read as the word
 *    it stands for (会议纪录 → 会议记录);
 * 3. the pages shown are those with every word (or one of its alternatives) anywhere on the page;
 *    when none has them all, those with most; for a long question, also those lacking one;
 * 4. in both engines the pages are put in the same order (pageScore, a BM25 score over whole pages
 *    with title and headings as fields): rare words weigh more than common ones, the handbook's
 *    topic words more than the rest of a question; the engine's own score only breaks ties.
 *
 * Both engines' internals are touched here, on purpose and only here; tests/test_search.py runs
 * every path in Chromium on both builds, so an engine update that breaks one fails the tests:
 * - Material: its worker sets self.lunr; lunr.Index.prototype.search is replaced so the query runs
 *   as built here, not as Material's own segmenter cuts it (it drops the last character of every
 *   Chinese run: 会议记录 → 会议 记); its results are put in page order and their "缺少" terms are
 *   recomputed from the words here, before Material's own code draws them.
 * - Zensical: its worker sets self.onmessage; the query's input is given as Zensical's own query
 *   tree (the form its parser produces), so its prefix and typo matching still apply; every section
 *   it finds is asked for (it answers ten at a time, its pagination, from a cache of the whole
 *   result), and ours hands the dialog the chosen pages ten at a time in the same form.
 */
"use strict";

const ENGINE_WORKER = new URL(self.location.href).searchParams.get("worker");
const HAN = /\p{Script=Han}/u;
const MAX_WORD = 8;
/* A document's text as searched: without markup or the zero-width spaces of Material's index. */
const plain = html => html.replace(/<[^>]*>|\u200b/g, "").toLowerCase();

/* One of the writers' files (assets/search/), read synchronously (a worker may); its lines without
 * comments. */
function readLines(name) {
  const request = new XMLHttpRequest();
  request.open("GET", `../../search/${name}`, false);
  try {
    request.send();
  } catch (error) {
    // Firefox aborts a worker's request when the page goes away (a reload, leaving the page) and
    // throws NetworkError; the worker is being closed then, so there is nothing to read for.
    return [];
  }
  if (request.status !== 200) return [];
  return request.responseText.split("\n").map(line => line.replace(/#.*/, "").trim()).filter(Boolean);
}

function readRules() {
  const said = new Map();  // reader's word → handbook's words ([] = drop the word)
  for (const text of readLines("synonyms.txt")) {
    if (!text.includes("→")) continue;
    const [left, right] = text.split("→");
    const words = right.trim().split(/\s+/).filter(Boolean);
    for (const word of left.trim().split(/\s+/).filter(Boolean)) said.set(word.toLowerCase(), words);
  }
  return said;
}

/* Typos. The handbook's words of 2 to 6 characters, each under every form with one character
 * unknown (备用?): the writers' words (terms.txt and the right side of synonyms.txt) and, for
 * Material, every word of its index. A few words of the cut query, taken together, are a typo when
 * they are found nowhere in the site's text and differ from one of those words by one character,
 * if a character of them stood alone after cutting (备用今 → 备用 今: 备用金) or the word is one of
 * the writers' (会议纪录 → 会议 纪录: 会议记录). So 领导批评 (领导 批评, both words) is left alone,
 * though 领导批示 is one character away. A pinyin input method's typo is mostly a character of the
 * same reading (assets/search/pinyin.txt): words of such a character come first, and for a word of
 * two characters only they are taken (批付 → 批复, not 垫付). */
const typos = {forms: new Map(), siteText: ""};

function learnWords(words) {
  for (const word of words) {
    if (word.length < 2 || word.length > 6 || !HAN.test(word)) continue;
    for (let p = 0; p < word.length; p++) {
      const form = word.slice(0, p) + "?" + word.slice(p + 1);
      const known = typos.forms.get(form) || [];
      if (!known.includes(word)) typos.forms.set(form, [...known, word]);
    }
  }
}

/* The writers' lists, read at the first query rather than when the worker starts: a worker starts
 * with every page, most pages are left without a search, and a page left while its worker still
 * read them cut the engine's own loading short (an importScripts error). */
let lists = null;
function writersLists() {
  if (lists) return lists;
  const rules = readRules();
  const writers = [...readLines("terms.txt").map(line => line.split(/\s+/)[0]), ...[...rules.values()].flat()];
  learnWords(writers);
  const readings = new Map();  // character → its reading without tones
  for (const line of readLines("pinyin.txt")) {
    const [reading, characters = ""] = line.split(/\s+/);
    for (const character of characters) readings.set(character, reading);
  }
  lists = {rules, longestRule: Math.max(0, ...[...rules.keys()].map(word => word.length)), writers: new Set(writers), readings};
  return lists;
}
const soundsAlike = (a, b) => { const {readings} = writersLists(); return readings.has(a) && readings.get(a) === readings.get(b); };

function learnSite(documents) {
  typos.siteText = plain(documents.map(doc => `${doc.title} ${doc.text}`).join(" "));
}

/* The word(s) that the cut words from units[start] on stand for, if they are a typo, and how many. */
function correction(units, start) {
  for (let count = units.length - start; count >= 1; count--) {
    const parts = units.slice(start, start + count).map(unit => unit[0]);
    const stretch = parts.join("");
    if (stretch.length < 2 || stretch.length > 6 || ![...stretch].every(char => HAN.test(char))) continue;
    const alone = parts.some(part => part.length === 1);
    // The words one character away, whichever the character (会议记要: 会议纪要 and 会议记录); the
    // site's text, long at 5× content, is searched once, and only when there are such words.
    const words = new Set();
    const alike = new Set();
    for (let p = 0; p < stretch.length; p++)
      for (const word of typos.forms.get(stretch.slice(0, p) + "?" + stretch.slice(p + 1)) || [])
        if (alone || writersLists().writers.has(word)) {
          words.add(word);
          if (soundsAlike(stretch[p], word[p])) alike.add(word);
        }
    const found = stretch.length > 2 ? [...alike, ...[...words].filter(word => !alike.has(word))] : [...alike];
    if (found.length && !typos.siteText.includes(stretch)) return {stretch, words: found.slice(0, 3), count};
  }
  return null;
}

/* A word that synonyms.txt drops from every query (怎么, 了, 的). */
const isQuestionWord = word => { const {rules} = writersLists(); return rules.has(word) && !rules.get(word).length; };
/* A unit of the cut query that is one Chinese character and not such a word. */
const isLoneCharacter = unit => unit.length === 1 && unit[0].length === 1 && HAN.test(unit[0]) && !isQuestionWord(unit[0]);

/* A query as concepts: each concept is met by any of its alternatives, an alternative by all its words
 * (as the pages have them: the engines are asked for their own pieces of a word); failing those, by
 * its parts (see cutByIndex), when the query has other concepts. */
function analyze(query, cut) {
  const {rules, longestRule} = writersLists();
  const text = query.trim().toLowerCase();
  const whole = word => [word];
  const concepts = [];
  let rest = "";
  const flush = () => {
    const units = cut(rest);
    for (let k = 0; k < units.length;) {
      const typo = correction(units, k);
      if (typo) {
        concepts.push({label: typo.stretch, alternatives: typo.words.map(whole), parts: []});
        k += typo.count;
        continue;
      }
      // Characters that stood alone after cutting but are one word of the pages (页边距, when the
      // index has only 页, 边 and 距) are that word; the engines are asked for its pieces.
      let run = k;
      while (run < units.length && isLoneCharacter(units[run])) run++;
      for (; run - k >= 2; run--) {
        const together = units.slice(k, run).map(unit => unit[0]).join("");
        if (typos.siteText.includes(together)) {
          concepts.push({label: together, alternatives: [[together]], parts: []});
          break;
        }
      }
      if (run - k >= 2) { k = run; continue; }
      const unit = units[k++];
      if (unit.length === 1 && isQuestionWord(unit[0])) continue;
      const parts = cut.parts && cut.parts(unit[0]);
      concepts.push({label: unit[0], alternatives: unit.map(word => [word]), parts: parts ? [parts] : []});
    }
    rest = "";
  };
  for (let i = 0; i < text.length;) {
    let found = "";
    // Several-character rules are matched in the raw text; a one-character noise word (了, 的) only
    // once it stands alone after cutting, so that 了解 or 目的 keep theirs.
    for (let length = Math.min(longestRule, text.length - i); length >= 2 && !found; length--)
      if (rules.has(text.slice(i, i + length))) found = text.slice(i, i + length);
    if (!found) { rest += text[i++]; continue; }
    flush();
    const handbook = rules.get(found);
    // The reader's own word counts too, where the pages have it.
    if (handbook.length)
      concepts.push({label: found, alternatives: [...typos.siteText.includes(found) ? [found] : [], ...handbook].map(whole), parts: []});
    i += found.length;
  }
  flush();
  const kept = concepts.filter(concept => concept.alternatives.length && concept.alternatives.every(alternative => alternative.length));
  if (kept.length === 1) kept[0].parts = [];  // one word alone: its pages are those that have it
  return kept;
}

/* ---------------------------------------------------------------------------------------------
 * MkDocs + Material (lunr)
 * ------------------------------------------------------------------------------------------- */

/* A long word that is also two or more words of the engine's own (会议方案: 会议 方案, as `split` cuts
 * it), or null: a page that has them apart answers too, after the pages that have the word itself. */
function partsOf(word, split) {
  if (word.length < 4 || !HAN.test(word)) return null;
  const found = split(word);
  return found.length > 1 && found.every(piece => piece.length > 1) ? found : null;
}

const vocabularies = new WeakMap();

/* Cut text into the words of Material's index, longest first (its words are jieba's). */
function cutByIndex(index, separator) {
  if (!vocabularies.has(index)) {
    const words = new Set(Object.keys(index.invertedIndex));
    learnWords(words);
    vocabularies.set(index, words);
  }
  const words = vocabularies.get(index);
  // A run of Chinese cut into the index's words, longest first, none longer than `longest`.
  const pieces = (run, longest) => {
    const found = [];
    for (let i = 0; i < run.length;) {
      let taken = 1;
      for (let length = Math.min(longest, run.length - i); length >= 2 && taken === 1; length--)
        if (words.has(run.slice(i, i + length))) taken = length;
      found.push(run.slice(i, i + taken));
      i += taken;
    }
    return found;
  };
  const cut = text => text.split(separator).filter(Boolean)
    .flatMap(part => HAN.test(part) ? pieces(part, MAX_WORD) : [part]).map(word => [word]);
  // The index's words of a word (itself, if the index has it), and its parts: the index's words
  // shorter than it.
  cut.terms = word => words.has(word) ? [word] : pieces(word, MAX_WORD);
  cut.parts = word => partsOf(word, whole => pieces(whole, whole.length - 1));
  return cut;
}

let materialConcepts = [];
const ways = concept => [...concept.alternatives, ...concept.parts];
/* The query for lunr: every word of every alternative, none required (pages are chosen below). */
function searchWithLunr(index, concepts, cut) {
  const {wildcard} = lunr.Query;
  return index.query(query => {
    for (const concept of concepts)
      for (const words of ways(concept))
        for (const word of words.flatMap(cut.terms)) {
          // A word inside a longer word of the index counts (纪要 in 会议纪要); the word itself counts more.
          query.term(word, {boost: 10, usePipeline: false});
          if (word.length > 1) query.term(word, {wildcard: wildcard.LEADING | wildcard.TRAILING, usePipeline: false});
        }
  });
}

/* The page of a section: its location without the #anchor. */
const pageOf = location => location.split("#")[0];

/* Each page's text (its sections joined), to see whether a page has a word anywhere; its title (the
 * section without #anchor) and its headings (the other sections' titles). Both engines give the
 * pages' sections as {location, title, text} when they start. */
const pageTexts = new Map();
const pageTitles = new Map();
const pageHeadings = new Map();
let headingsOfAll = "";
function learnPages(documents) {
  for (const map of [pageTexts, pageTitles, pageHeadings]) map.clear();
  for (const doc of documents) {
    const page = pageOf(doc.location);
    const title = plain(doc.title);
    pageTexts.set(page, `${pageTexts.get(page) || ""} ${title} ${plain(doc.text)}`);
    const titles = doc.location.includes("#") ? pageHeadings : pageTitles;
    titles.set(page, `${titles.get(page) || ""} ${title}`);
  }
  headingsOfAll = [...pageTitles.values(), ...pageHeadings.values()].join(" ");
}

/* Whether a text has a concept: by one of its alternatives (wholly), or by any way, parts too. */
const has = (text, words) => words.every(word => text.includes(word));
const wholly = (text, concept) => concept.alternatives.some(words => has(text, words));
const meets = (text, concept) => ways(concept).some(words => has(text, words));

/* The concepts a page must have: those with a word of two characters or more, if any. A lone
 * character beside real words is mostly a particle of the question (被, 把). */
function neededConcepts(concepts) {
  const counted = concepts.filter(concept => concept.alternatives.some(words => words.some(word => word.length > 1)));
  return counted.length ? counted : concepts;
}

/* How a page has a concept: not at all, only by its parts, or whole (by one of its alternatives). */
const ABSENT = 0;
const BY_PARTS = 1;
const WHOLE = 2;
const mark = (text, concept) => wholly(text, concept) ? WHOLE : meets(text, concept) ? BY_PARTS : ABSENT;
/* How often a text has a concept: the most often any of its ways is there whole (each word of it). */
const occurrences = (text, concept) =>
  Math.max(0, ...ways(concept).map(words => Math.min(...words.map(word => text.split(word).length - 1))));

/* The pages' order, the same for both engines: a BM25 score (Robertson and Zaragoza, "The
 * Probabilistic Relevance Framework: BM25 and Beyond", 2009) over whole pages, with the handbook's
 * concepts for terms, and a page's title and headings as fields of their own (BM25F):
 * - a concept few pages have weighs more than one most pages have (its idf): in 会议方案要写哪些内容
 *   the pages about 会议方案 come before those that only have 写 and 内容;
 * - how often a page uses a concept counts with diminishing returns: the page about 发文字号 names
 *   it in every part, others once or twice. Not against the page's length (BM25's b = 0): here the
 *   long page is the one that explains, the short ones (a section's index, a sample) point to it;
 * - a title with the concept adds most, a heading a little;
 * - a concept met only by its parts (会议 … 方案 for 会议方案) counts half.
 * The weights were chosen on bench/search-queries.yml and a set of queries kept outside the
 * repository, then checked on another (CONTRIBUTING.md, 搜索的词典和说法). */
const BM25_K1 = 2;
const TITLE_WEIGHT = 3;
const HEADING_WEIGHT = 0.3;
const PARTS_ONLY = 0.5;

function pageScore(page, needed, idf, marks) {
  const text = pageTexts.get(page) || "";
  const title = pageTitles.get(page) || "";
  const headings = pageHeadings.get(page) || "";
  return needed.reduce((sum, concept, k) => {
    if (marks[k] === ABSENT) return sum;
    const n = occurrences(text, concept);
    const found = n * (BM25_K1 + 1) / (n + BM25_K1)
      + (meets(title, concept) ? TITLE_WEIGHT : 0) + (meets(headings, concept) ? HEADING_WEIGHT : 0);
    return sum + idf[k] * found * (marks[k] === WHOLE ? 1 : PARTS_ONLY);
  }, 0);
}

/* A word that names a topic of the handbook, a title's or heading's word or one of the writers'
 * (terms.txt, the right side of synonyms.txt), weighs more than the other words of a question
 * (内容 or 意思 are on few pages, but 版心 is what 版心是什么意思 is about). */
const OTHER_WORD = 0.5;
const isTopic = concept => concept.alternatives.some(words => words.every(word => writersLists().writers.has(word) || headingsOfAll.includes(word)));

/* A question of this many concepts or more may be answered by a page that lacks one of them (数字 in
 * 签发后发现数字写错了怎么办): such pages are shown too; the score puts them in their place. */
const LONG_QUESTION = 3;

/* The pages to show and their order, from the sections an engine found ({page, score}, its own
 * score, larger first): the pages whose text has every concept somewhere (not necessarily in one
 * section: 领导 in the text, 批评 in the title), as text, whichever way the page was cut (不合 and
 * 规 are in 不合规); when none has them all, those with most. Pages are ranked by pageScore; the
 * engine's score of a page's best section (plus a little of its others) only breaks ties. Returns
 * each page's standing, compared item by item, larger first. */
const RUNNER_UP = 0.1;

function pageStandings(hits, concepts) {
  const needed = neededConcepts(concepts);
  const marks = new Map();  // page → how it has each concept (mark), read once
  const best = new Map();  // page → its best section's score
  const rest = new Map();  // page → the sum of its other sections' scores
  for (const {page, score} of hits) {
    if (!marks.has(page)) marks.set(page, needed.map(concept => mark(pageTexts.get(page) || "", concept)));
    const top = Math.max(best.get(page) || 0, score);
    rest.set(page, (rest.get(page) || 0) + score + (best.get(page) || 0) - top);
    best.set(page, top);
  }
  const met = new Map([...marks].map(([page, found]) => [page, found.filter(Boolean).length]));
  const most = Math.max(0, ...met.values());
  const least = needed.length >= LONG_QUESTION ? Math.max(1, most - 1) : most;
  const pages = pageTexts.size || 1;
  const topics = needed.map(isTopic);
  const idf = needed.map((concept, k) => {
    // Counted by the pages that have it whole, when some do (会议方案, not 会议 … 方案).
    const whole = [...marks.values()].filter(found => found[k] === WHOLE).length;
    const having = whole || [...marks.values()].filter(found => found[k] !== ABSENT).length;
    return Math.log(1 + (pages - having + 0.5) / (having + 0.5)) * (topics[k] ? 1 : OTHER_WORD);
  });
  // A page with every topic word of the question answers it too, without the question's other
  // words (盖个章 in 找人盖个章).
  const someTopics = topics.some(Boolean) && !topics.every(Boolean);
  const hasTopics = found => someTopics && topics.every((topic, k) => !topic || found[k] !== ABSENT);
  const standings = new Map();
  for (const [page, found] of marks)
    if (met.get(page) >= least || hasTopics(found))
      standings.set(page, [pageScore(page, needed, idf, found), best.get(page) + RUNNER_UP * rest.get(page)]);
  return standings;
}

const byStanding = (a, b) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
};

/* Material: the sections of the pages chosen; their order is set on Material's results below. */
let pageStanding = new Map();
function choosePages(results, concepts) {
  pageStanding = pageStandings(results.map(({ref, score}) => ({page: pageOf(ref), score})), concepts);
  return results.filter(({ref}) => pageStanding.has(pageOf(ref)));
}

/* Material's results, revised: pages in the order chosen above (Material multiplies a page's first
 * section by up to 2.5, so that one-section pages such as the glossary or a checklist came before the
 * page that explains the word over several sections); and each page marked with the query terms
 * it lacks ("缺少") in the reader's words, from the text of its sections found. */
function reviseResult(result) {
  const standing = group => pageStanding.get(pageOf(group[0].location)) || [0, 0];
  result.items.sort((a, b) => byStanding(standing(a), standing(b)));
  for (const group of result.items) {
    const text = group.map(item => plain(`${item.title} ${item.text} ${(item.tags || []).join(" ")}`)).join(" ");
    const terms = {};
    for (const concept of materialConcepts) {
      const found = ways(concept).find(words => has(text, words));
      terms[found ? found.join(" ") : concept.label] = Boolean(found);
    }
    for (const item of group) item.terms = terms;
  }
  return result;
}

/* ---------------------------------------------------------------------------------------------
 * Zensical
 * ------------------------------------------------------------------------------------------- */

/* The query cut into words for Zensical: the writers' words whole (上行文, 发文字号), as jieba keeps
 * them in Material's index, so that both engines see the same words; the rest by the browser's
 * Intl.Segmenter, as Zensical cuts the pages. cut.terms gives Zensical's own pieces of a word (the
 * terms of its index) and cut.parts those of a long word, as for Material. */
function cutLikeZensical(lang) {
  const segmenter = new Intl.Segmenter(lang, {granularity: "word"});
  const segments = text => [...segmenter.segment(text)].filter(part => part.isWordLike).map(part => part.segment);
  const cut = text => {
    const {writers} = writersLists();
    const words = [];
    let rest = "";
    for (let i = 0; i < text.length;) {
      let taken = 0;
      for (let length = Math.min(MAX_WORD, text.length - i); length >= 2 && !taken; length--)
        if (writers.has(text.slice(i, i + length))) taken = length;
      if (!taken) { rest += text[i++]; continue; }
      words.push(...segments(rest), text.slice(i, i + taken));
      rest = "";
      i += taken;
    }
    return [...words, ...segments(rest)].map(word => [word]);
  };
  cut.terms = segments;
  cut.parts = word => partsOf(word, segments);
  return cut;
}

/* The query tree Zensical's own parser builds: "and" of "prefix" values (zensical search worker).
 * But a lone Chinese character beside other words is looked up as itself (a plain value), not as
 * the start of any word: 发文字号 is cut 发/文字/号, and 发 as a prefix would also match 发布 and
 * 发现, whose titles Zensical puts first. */
function zensicalTree(concepts, operator, cut) {
  let position = 0;
  const several = concepts.flatMap(concept => concept.alternatives.flat().flatMap(cut.terms)).length > 1;
  const value = word => ({type: "value", data: {field: "*",
    value: several && word.length === 1 && HAN.test(word) ? word : {type: "prefix", data: word},
    range: {start: 0, end: word.length, value: position++}}});
  const node = (op, operands) => operands.length === 1 ? operands[0] : {type: "operator", data: {operator: op, operands}};
  return node(operator, concepts.map(concept =>
    node("or", concept.alternatives.map(words => node("and", words.flatMap(cut.terms).map(value))))));
}

/* ---------------------------------------------------------------------------------------------
 * Messages: 0 = set up, 2 = query, 3 = results (the same numbers in both engines)
 * ------------------------------------------------------------------------------------------- */

// What the engine's worker is given, kept for the search below: registered before the engine's own
// listener, so it runs first. The pages' text is learnt at the first query, not when the worker is
// set up: that happens on every page, and most pages are left without a search.
let materialQuery = "";
let materialSeparator = /\s+/u;
let unlearnt = null;  // the documents of the last set-up, until the first query
self.addEventListener("message", event => {
  const {type, data} = event.data || {};
  if (type === 0 && data && data.config) materialSeparator = new RegExp(data.config.separator, "u");
  if (type === 0 && data) unlearnt = data.docs || data.items || [];
  if (type === 2 && unlearnt) {
    learnSite(unlearnt);
    learnPages(unlearnt);
    unlearnt = null;
  }
  if (type === 2 && typeof data === "string") materialQuery = data;
});

importScripts(ENGINE_WORKER);

if (typeof self.lunr !== "undefined") {
  // Material calls lunr's search with the query its segmenter has cut; the query is run as cut here.
  lunr.Index.prototype.search = function () {
    const cut = cutByIndex(this, materialSeparator);
    materialConcepts = analyze(materialQuery, cut);
    return choosePages(searchWithLunr(this, materialConcepts, cut), materialConcepts);
  };
  // Material posts its results with the global postMessage: this one fixes their "缺少" terms first.
  const post = self.postMessage.bind(self);
  self.postMessage = message => post(message && message.type === 3 ? {...message, data: reviseResult(message.data)} : message);
} else {
  // Zensical answers through self.onmessage, ten sections at a time (its pagination). Ours asks it
  // for every section of the query, chooses and orders the pages as for Material, and hands the UI
  // ten at a time itself, in the same form: {items, pagination: {total, prev, next}}; the UI adds
  // a page of items to those shown when `prev` is set, and asks for `next` when scrolled to the end.
  const engine = self.onmessage;
  const post = self.postMessage.bind(self);
  let answer = null;  // what to do with the engine's next results, when ours asked for them
  self.postMessage = message => {
    if (answer && message && (message.type === 3 || message.type === 4)) {
      const take = answer;
      answer = null;
      take(message);
    } else post(message);
  };
  const ask = data => new Promise(resolve => { answer = resolve; engine({data: {type: 2, data}}); });
  // All the sections found, not only the first ten: the cached result again, as one page.
  const everything = async data => {
    const first = await ask(data);
    const next = first.type === 3 && first.data.pagination.next;
    return next ? ask({...data, page: {...next, from: 0, size: first.data.pagination.total}}) : first;
  };

  const PAGE_SIZE = 10;
  let shown = null;  // the last query's result: {id, result, items}
  // Our results' ids: negative, so that none is ever one of Zensical's own (it takes Date.now()), and a
  // request for the next ten of its results is never taken for ours, nor ours for its.
  let resultsGiven = 0;
  const page = (from, size) => ({...shown.result, items: shown.items.slice(from, from + size), pagination: {
    total: shown.items.length,
    prev: from > 0 ? {id: shown.id, size, from: Math.max(0, from - size)} : undefined,
    next: from + size < shown.items.length ? {id: shown.id, size, from: from + size} : undefined}});

  let cut = null;
  let documents = [];
  async function search(data, concepts) {
    // Sections with any concept (Zensical's "or"), then with every one ("and"), which are shown
    // first. In this order: asked for after an "and", Zensical gave the "or" the "and" results.
    const results = [];
    for (const operator of concepts.length > 1 ? ["or", "and"] : ["and"])
      results.push(await everything({...data, input: zensicalTree(concepts, operator, cut)}));
    const found = results.filter(message => message.type === 3).reverse();
    if (!found.length) return results[0];
    const seen = new Set();
    const items = found.flatMap(message => message.data.items).filter(item => !seen.has(item.id) && seen.add(item.id));
    const pageOfItem = item => pageOf((documents[item.id] || {}).location || "");
    // Zensical's order, as a score (its first section scores highest), breaks ties.
    const standings = pageStandings(items.map((item, k) => ({page: pageOfItem(item), score: 1 / (1 + k)})), concepts);
    const kept = items.filter(item => standings.has(pageOfItem(item)));
    kept.sort((a, b) => byStanding(standings.get(pageOfItem(a)), standings.get(pageOfItem(b))));
    // Each page's best section first, so that the first ten show ten pages; then their other sections.
    const firsts = new Set();
    const best = new Set(kept.filter(item => !firsts.has(pageOfItem(item)) && firsts.add(pageOfItem(item))));
    shown = {id: -(++resultsGiven), result: found[0].data, items: [...best, ...kept.filter(item => !best.has(item))]};
    return {type: 3, data: page(0, PAGE_SIZE)};
  }

  self.onmessage = event => {
    const message = event.data;
    if (message.type === 0) {
      const lang = (message.data.config.lang || []).find(code => /^(zh|ja|ko)/i.test(code)) || "zh";
      cut = cutLikeZensical(lang);
      documents = message.data.items;
    }
    if (message.type !== 2 || !cut || typeof message.data.input !== "string" || !message.data.input.trim()) {
      if (message.type === 2) shown = null;
      engine(event);
      return;
    }
    const {page: wanted, ...data} = message.data;
    if (wanted && shown && wanted.id === shown.id) {
      post({type: 3, data: page(wanted.from, wanted.size)});
      return;
    }
    const concepts = analyze(data.input, cut);
    if (!concepts.length) {  // only words of a question: Zensical's own search, its own pages
      shown = null;
      engine(event);
      return;
    }
    search(data, concepts).then(post, () => post({type: 4}));
  };
}
