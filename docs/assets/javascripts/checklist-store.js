/* Saved checklist runs and their backup file. The format, its versions and
 * migrations are described in CONTRIBUTING.md (清单的事项和保存格式). */
(function (handbook) {
  "use strict";

  var PREFIX = "office-handbook:checklist:";
  var ASIDE = "office-handbook:unreadable:";
  var VERSION = 2;
  var FORMAT = "office-handbook-runs";
  // Checklist and run ids: the slug rule of macros/model.py.
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DEFAULT_RUN = "default";
  var PROBLEMS = {
    unavailable: "这个浏览器不允许保存，勾选和备注在关闭页面后不会保留。",
    newer: "本机保存的数据来自较新版本的手册，这里只读，不会改动它。请刷新页面，或请维护人更新网站。",
    unreadable: "本机保存的这份清单数据无法读取，已原样另存（没有删除），请告诉手册维护人。之后的勾选另行保存。"
  };

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
      isTextMap(run.ticks) && isTextMap(run.notes) && hasValidDateOptions(run);
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
    return { state: state, problem: problem || null, writable: !problem || problem === "unreadable" };
  }

  /* {state, problem, writable}. Never throws; problem is null or a key of PROBLEMS. */
  function read(checklistId) {
    var key = PREFIX + checklistId;
    var raw, data;
    try {
      raw = window.localStorage.getItem(key);
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

  function write(checklistId, state) {
    try {
      window.localStorage.setItem(PREFIX + checklistId, JSON.stringify(state));
      return true;
    } catch (error) {
      return false;
    }
  }

  /* The run with this id, created as an unsaved default if it does not exist. */
  function runOf(state, runId) {
    if (!has(state.runs, runId)) state.runs[runId] = newRun("默认", null, false);
    return state.runs[runId];
  }

  /* Re-read, change, save: what another tab saved meanwhile is kept.
   * change(state) returns the changed run (stamped as updated) or nothing. */
  function update(checklistId, change) {
    var current = read(checklistId);
    if (!current.writable) return null;
    var run = change(current.state);
    if (run) run.updated = new Date().toISOString();
    return write(checklistId, current.state) ? current.state : null;
  }

  function checklistIds() {
    var ids = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key.indexOf(PREFIX) === 0) ids.push(key.slice(PREFIX.length));
      }
    } catch (error) {
      /* storage unavailable: nothing saved to list */
    }
    return ids.sort();
  }

  /* Every readable checklist with runs; `left` counts those that could not be included. */
  function backup(now) {
    var checklists = {};
    var left = 0;
    checklistIds().forEach(function (id) {
      var saved = read(id);
      if (saved.problem) left++;
      else if (Object.keys(saved.state.runs).length) checklists[id] = saved.state;
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

  /* What importing would do to each run: "add", "replace", "same" or "skip" (local data read-only). */
  function importPlan(checklists) {
    var steps = [];
    Object.keys(checklists).forEach(function (checklistId) {
      var local = read(checklistId);
      var runs = checklists[checklistId].runs;
      Object.keys(runs).forEach(function (runId) {
        var kind = !local.writable ? "skip" : !has(local.state.runs, runId) ? "add" : JSON.stringify(local.state.runs[runId]) === JSON.stringify(runs[runId]) ? "same" : "replace";
        steps.push({ checklist: checklistId, name: runs[runId].name, kind: kind });
      });
    });
    return steps;
  }

  /* Add or replace the file's runs; every other local run stays. Returns the ids not saved. */
  function importRuns(checklists) {
    return Object.keys(checklists).filter(function (checklistId) {
      var incoming = checklists[checklistId];
      return !update(checklistId, function (state) {
        Object.keys(incoming.runs).forEach(function (runId) {
          state.runs[runId] = incoming.runs[runId];
        });
        if (state.current === null) state.current = incoming.current;
      });
    });
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

  /* Run setUp on every page view, including after Material's instant navigation. */
  handbook.onEveryPage = function (setUp) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  };

  handbook.store = {
    PREFIX: PREFIX,
    PROBLEMS: PROBLEMS,
    DEFAULT_RUN: DEFAULT_RUN,
    read: read,
    update: update,
    runOf: runOf,
    newRun: newRun,
    newRunId: newRunId,
    checklistIds: checklistIds,
    backup: backup,
    parseBackup: parseBackup,
    importPlan: importPlan,
    importRuns: importRuns,
    download: download
  };
})((window.OfficeHandbook = window.OfficeHandbook || {}));
