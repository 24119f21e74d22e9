/* Saved checklist runs and their backup file. The format, its versions and
 * migrations are described in CONTRIBUTING.md (清单的事项和保存格式). */
(function (handbook) {
  "use strict";

  var PREFIX = "office-handbook:checklist:";
  var ASIDE = "office-handbook:unreadable:";
  var VERSION = 2;
  var FORMAT = "office-handbook-runs";
  // Checklist and run ids: the slug rule of handbook/schema.py.
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DEFAULT_RUN = "default";
  // What to do when nothing can be saved: the page still holds the work until it is closed.
  var KEEP_IT = "现在的勾选、备注和事项只留在这个页面上，关闭、刷新页面或关闭浏览器就会丢失。要留下来，请到“进行中的清单”页点“导出备份”存成文件，或点“打印清单”打印一份。";
  var PROBLEMS = {
    unavailable: "没有保存：这个浏览器不允许网页保存数据。" + KEEP_IT,
    full: "没有保存：浏览器的存储空间已满或不允许保存。" + KEEP_IT,
    newer: "没有保存：本机保存的数据来自较新版本的手册，这里只读，不会改动它。" + KEEP_IT + "刷新页面，或请维护人更新网站。",
    unreadable: "本机保存的这份清单数据无法读取，已原样另存（没有删除），请告诉手册维护人。之后的勾选另行保存。"
  };
  // Checklists whose saving failed this session, by id: {state, problem}. Their work stays here,
  // in the page's memory, which lasts across instant navigation until the tab is closed.
  var unsaved = {};

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function isTextMap(map) {
    return isObject(map) && Object.keys(map).every(function (key) {
      return typeof map[key] === "string";
    });
  }

  function isRun(run) {
    return isObject(run) && typeof run.name === "string" && run.name.trim() !== "" &&
      (run.anchor === null || !!handbook.calendar.parse(run.anchor)) &&
      typeof run.workdays === "boolean" && typeof run.archived === "boolean" &&
      typeof run.created === "string" && typeof run.updated === "string" &&
      isTextMap(run.ticks) && isTextMap(run.notes) && (run.na === undefined || isTextMap(run.na)) && hasValidDateOptions(run);
  }

  /* The optional date settings of a run (CONTRIBUTING.md): absent in runs saved before them. */
  function hasValidDateOptions(run) {
    return (!has(run, "shiftToWorkday") || typeof run.shiftToWorkday === "boolean") &&
      (!has(run, "reminder") || has(handbook.calendar.REMINDERS, run.reminder));
  }

  function isState(state) {
    return isObject(state) && state.v === VERSION && isObject(state.runs) &&
      Object.keys(state.runs).every(function (id) {
        return ID.test(id) && isRun(state.runs[id]);
      }) &&
      (state.current === null || has(state.runs, state.current));
  }

  function newRun(name, anchor, workdays, ticks) {
    var now = new Date().toISOString();
    return { name: name, anchor: anchor, workdays: workdays, archived: false, created: now, updated: now, ticks: ticks || {}, notes: {} };
  }

  function newRunId() {
    return "r" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  }

  // Version n → version n + 1; null when the old value is not valid.
  var MIGRATIONS = {
    1: function (old) {
      return isTextMap(old.ticks) ? { v: 2, current: DEFAULT_RUN, runs: { "default": newRun("默认", null, false, old.ticks) } } : null;
    }
  };

  function upgrade(data) {
    while (isObject(data) && has(MIGRATIONS, data.v)) data = MIGRATIONS[data.v](data);
    return isState(data) ? data : null;
  }

  function empty() {
    return { v: VERSION, current: null, runs: {} };
  }

  function result(state, problem) {
    return { state: state, problem: problem || null, saved: !problem || problem === "unreadable" };
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  /* The saved text of a checklist, null if there is none; throws if storage is out of reach. */
  function rawOf(checklistId) {
    return window.localStorage.getItem(PREFIX + checklistId);
  }

  /* {state, problem, saved}. Never throws; problem is null or a key of PROBLEMS; saved is
   * false while changes only live in this page (storage blocked, full or newer). */
  function read(checklistId) {
    if (has(unsaved, checklistId)) return result(copy(unsaved[checklistId].state), unsaved[checklistId].problem);
    var key = PREFIX + checklistId;
    var raw, data;
    try {
      raw = rawOf(checklistId);
    } catch (error) {
      return result(empty(), "unavailable");
    }
    if (raw === null) return result(empty());
    try {
      data = JSON.parse(raw);
    } catch (error) {
      data = null;
    }
    if (isObject(data) && typeof data.v === "number" && data.v > VERSION) return result(empty(), "newer");
    var state = upgrade(data);
    if (state) return result(state);
    try {
      window.localStorage.setItem(ASIDE + checklistId + ":" + new Date().toISOString(), raw);
      window.localStorage.removeItem(key);
      return result(empty(), "unreadable");
    } catch (error) {
      return result(empty(), "unavailable");
    }
  }

  /* Save, or keep in the page if storage cannot take it (full, blocked, newer data). */
  function write(checklistId, state, problem) {
    if (!has(unsaved, checklistId) && !problem) {
      try {
        window.localStorage.setItem(PREFIX + checklistId, JSON.stringify(state));
        return null;
      } catch (error) {
        problem = "full";
      }
    }
    if (has(unsaved, checklistId)) problem = unsaved[checklistId].problem;
    unsaved[checklistId] = { state: copy(state), problem: problem };
    return problem;
  }

  /* The run with this id, created as an unsaved default if it does not exist. */
  function runOf(state, runId) {
    if (!has(state.runs, runId)) state.runs[runId] = newRun("默认", null, false);
    return state.runs[runId];
  }

  /* Re-read, change, save: what another tab saved meanwhile is kept.
   * change(state) returns the changed run (stamped as updated) or nothing.
   * Returns {state, problem}: problem is null when saved, else why it only lives in this page. */
  function update(checklistId, change) {
    var current = read(checklistId);
    var run = change(current.state);
    if (run) run.updated = new Date().toISOString();
    var readOnly = current.problem === "newer" || current.problem === "unavailable" ? current.problem : null;
    return { state: current.state, problem: write(checklistId, current.state, readOnly) };
  }

  /* Ids of the checklists saved in storage or kept in this page; null if storage is out of reach. */
  function storedIds() {
    var ids = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key.indexOf(PREFIX) === 0) ids.push(key.slice(PREFIX.length));
      }
    } catch (error) {
      return null;
    }
    return ids;
  }

  function checklistIds() {
    var ids = storedIds() || [];
    Object.keys(unsaved).forEach(function (id) {
      if (ids.indexOf(id) < 0) ids.push(id);
    });
    return ids.sort();
  }

  /* Every checklist with runs, saved or kept in this page; `left` counts the saved data
   * that could not be included (a newer version's). `only`: just these checklists' ids. */
  function backup(now, only) {
    var checklists = {};
    var left = 0;
    (only || checklistIds()).forEach(function (id) {
      var saved = read(id);
      if (saved.problem === "newer") left++;
      if (Object.keys(saved.state.runs).length) checklists[id] = saved.state;
    });
    return { file: { format: FORMAT, v: VERSION, exported: now.toISOString(), checklists: checklists }, left: left };
  }

  /* The checklists of a backup file's text; throws an Error with a message for the reader. */
  function parseBackup(text, titleOf) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("这个文件不是有效的备份：内容不是 JSON 格式。");
    }
    if (!isObject(data) || data.format !== FORMAT) throw new Error("这个文件不是本手册导出的清单备份。");
    if (data.v !== VERSION) {
      throw new Error(typeof data.v === "number" && data.v > VERSION ? "这个备份来自较新版本的手册，请先请维护人更新网站再导入。" : "这个备份的版本（" + data.v + "）无法识别。");
    }
    if (!isObject(data.checklists)) throw new Error("这个备份缺少清单数据。");
    Object.keys(data.checklists).forEach(function (id) {
      if (!ID.test(id) || !isState(data.checklists[id])) throw new Error("备份中“" + titleOf(id) + "”的数据有误。");
    });
    return data.checklists;
  }

  /* "2027 年 3 月 4 日 09:30", in the reader's time zone. */
  function when(time) {
    var date = new Date(time);
    var pad = function (number) { return (number < 10 ? "0" : "") + number; };
    return isNaN(date) ? "时间不详" : date.getFullYear() + " 年 " + (date.getMonth() + 1) + " 月 " + date.getDate() + " 日 " + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  /* What importing would do to each run, worked out before anything is written:
   * {steps: [{checklist, run, name, kind, local, incoming}], unreadable}. kind is "add", "same",
   * "newer" (the backup's copy changed later), "older" (this computer's changed later or at the
   * same time: replaced only if the reader says so) or "skip" (saved by a newer version, read-only).
   * unreadable: storage cannot be read at all, so nothing can be compared or imported. */
  function importPlan(checklists) {
    if (storedIds() === null) return { steps: [], unreadable: true };
    var steps = [];
    Object.keys(checklists).forEach(function (checklistId) {
      var local = read(checklistId);
      var runs = checklists[checklistId].runs;
      Object.keys(runs).forEach(function (runId) {
        var mine = local.state.runs[runId];
        var theirs = runs[runId];
        var kind = local.problem === "newer" ? "skip" : !mine ? "add" : JSON.stringify(mine) === JSON.stringify(theirs) ? "same" :
          Date.parse(theirs.updated) > Date.parse(mine.updated) ? "newer" : "older";
        steps.push({ checklist: checklistId, run: runId, name: theirs.name, kind: kind, local: mine && mine.updated, incoming: theirs.updated });
      });
    });
    return { steps: steps, unreadable: false };
  }

  /* Write the planned runs in one go: "add" and "newer" steps, and "older" ones if replaceOlder.
   * Every other local run stays. All or nothing: if any write fails, what was written is put back.
   * Returns true when everything was saved. */
  function importRuns(checklists, steps, replaceOlder) {
    var before = {};
    var after = {};
    steps.forEach(function (step) {
      if (!(step.kind === "add" || step.kind === "newer" || (step.kind === "older" && replaceOlder))) return;
      if (!has(after, step.checklist)) after[step.checklist] = read(step.checklist).state;
      var state = after[step.checklist];
      state.runs[step.run] = checklists[step.checklist].runs[step.run];
      if (state.current === null) state.current = checklists[step.checklist].current;
    });
    var written = [];
    try {
      Object.keys(after).forEach(function (checklistId) {
        if (has(unsaved, checklistId)) throw new Error("kept in the page only");
        before[checklistId] = rawOf(checklistId);
        window.localStorage.setItem(PREFIX + checklistId, JSON.stringify(after[checklistId]));
        written.push(checklistId);
      });
      return true;
    } catch (error) {
      written.forEach(function (checklistId) {
        try {
          if (before[checklistId] === null) window.localStorage.removeItem(PREFIX + checklistId);
          else window.localStorage.setItem(PREFIX + checklistId, before[checklistId]);
        } catch (ignored) {
          /* putting back a value that was there only shrinks storage; nothing more can be done */
        }
      });
      return false;
    }
  }

  /* A run as the schedule sees it: ticked and 不涉及 items both count as done, so neither is overdue. */
  function scheduled(run) {
    var done = {};
    [run.ticks, run.na || {}].forEach(function (map) {
      Object.keys(map).forEach(function (id) { done[id] = map[id]; });
    });
    return Object.assign({}, run, { ticks: done });
  }

  /* Remove a checklist's saved runs; false if storage does not allow it. */
  function remove(checklistId) {
    try {
      window.localStorage.removeItem(PREFIX + checklistId);
    } catch (error) {
      return false;
    }
    delete unsaved[checklistId];
    return true;
  }

  /* Offer text as a file download; nothing leaves the computer. */
  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name.replace(/[\\/:*?"<>|]/g, "-");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
  }

  /* Run setUp on every page view, including after Material's instant navigation. setUp must
   * do nothing for what it has set up already: it runs at once, because our scripts come last in
   * the body, after the content they set up (the checklist scripts even before Material's bundle:
   * overrides/main.html), then on every emission of Material's document$, which exists once the
   * bundle has run. */
  handbook.onEveryPage = function (setUp) {
    var subscribe = function () {
      if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
    };
    setUp();
    if (window.document$) subscribe();
    else document.addEventListener("DOMContentLoaded", subscribe);
  };

  handbook.store = {
    PREFIX: PREFIX,
    PROBLEMS: PROBLEMS,
    DEFAULT_RUN: DEFAULT_RUN,
    read: read,
    update: update,
    when: when,
    runOf: runOf,
    newRun: newRun,
    newRunId: newRunId,
    checklistIds: checklistIds,
    backup: backup,
    parseBackup: parseBackup,
    importPlan: importPlan,
    importRuns: importRuns,
    remove: remove,
    scheduled: scheduled,
    download: download
  };
})((window.OfficeHandbook = window.OfficeHandbook || {}));
