/*
 * Checklists: keep ticks in localStorage, show progress, reset and print.
 *
 * The HTML is complete without this script (real checkboxes and labels); the
 * script only adds saving, progress and the buttons. It runs on every page view,
 * including after Material's instant navigation (document$).
 *
 * Saved format, one key per checklist:
 *   "office-handbook:checklist:<checklist id>" → {"v": 1, "ticks": {"<item id>": "<ISO time>"}}
 * Keyed by item id, so reordering or adding items keeps every tick. Ticks of
 * items no longer on the page are kept in storage (the item may come back) but
 * are neither shown nor counted.
 */
(function () {
  "use strict";

  var KEY_PREFIX = "office-handbook:checklist:";
  var FORMAT_VERSION = 1;

  function keyFor(checklistId) {
    return KEY_PREFIX + checklistId;
  }

  /* Read saved ticks. Never throws: unreadable data is discarded, a newer
   * format is left untouched and treated as read-only. */
  function load(checklistId) {
    var key = keyFor(checklistId);
    var raw;
    try {
      raw = window.localStorage.getItem(key);
    } catch (error) {
      return { ticks: {}, writable: false };
    }
    if (raw === null) return { ticks: {}, writable: true };
    try {
      var data = JSON.parse(raw);
      if (data && typeof data.v === "number" && data.v > FORMAT_VERSION) {
        return { ticks: {}, writable: false };
      }
      if (data && data.v === FORMAT_VERSION && isTickMap(data.ticks)) {
        return { ticks: data.ticks, writable: true };
      }
    } catch (error) {
      /* fall through: discard below */
    }
    console.warn("清单 " + checklistId + " 的保存数据无法读取，已丢弃。");
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      /* storage became unavailable; nothing more to do */
    }
    return { ticks: {}, writable: true };
  }

  function isTickMap(ticks) {
    if (!ticks || typeof ticks !== "object" || Array.isArray(ticks)) return false;
    return Object.keys(ticks).every(function (id) {
      return typeof ticks[id] === "string";
    });
  }

  function save(checklistId, ticks) {
    try {
      window.localStorage.setItem(keyFor(checklistId), JSON.stringify({ v: FORMAT_VERSION, ticks: ticks }));
      return true;
    } catch (error) {
      return false;
    }
  }

  function boxesOf(root) {
    return Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-item]"));
  }

  function countChecked(boxes) {
    return boxes.filter(function (box) {
      return box.checked;
    }).length;
  }

  function showProgress(root) {
    var boxes = boxesOf(root);
    root.querySelector("[data-done]").textContent = String(countChecked(boxes));
    Array.prototype.forEach.call(root.querySelectorAll("[data-phase]"), function (phase) {
      var phaseBoxes = boxesOf(phase);
      var done = countChecked(phaseBoxes);
      phase.querySelector("[data-phase-progress]").textContent = done + " / " + phaseBoxes.length;
      phase.classList.toggle("checklist__phase--done", done === phaseBoxes.length);
    });
  }

  function applyTicks(root, ticks) {
    boxesOf(root).forEach(function (box) {
      box.checked = Object.prototype.hasOwnProperty.call(ticks, box.dataset.item);
    });
    showProgress(root);
  }

  function warnStorage(root) {
    root.querySelector(".checklist__storage-warning").hidden = false;
  }

  function onTick(root, box) {
    var checklistId = root.dataset.checklist;
    // Re-read so ticks saved meanwhile in another tab are merged, not overwritten.
    var state = load(checklistId);
    if (box.checked) {
      state.ticks[box.dataset.item] = new Date().toISOString();
    } else {
      delete state.ticks[box.dataset.item];
    }
    if (!state.writable || !save(checklistId, state.ticks)) warnStorage(root);
    showProgress(root);
  }

  function reset(root) {
    var title = root.querySelector(".checklist__title").textContent;
    if (!window.confirm("确定清空“" + title + "”的全部勾选吗？清空后不能恢复。")) return;
    try {
      window.localStorage.removeItem(keyFor(root.dataset.checklist));
    } catch (error) {
      warnStorage(root);
    }
    applyTicks(root, {});
  }

  /* Print only this checklist: the stylesheet hides the rest of the page. */
  function print(root) {
    var html = document.documentElement;
    root.classList.add("checklist--print-target");
    html.classList.add("print-one-checklist");
    var cleanUp = function () {
      root.classList.remove("checklist--print-target");
      html.classList.remove("print-one-checklist");
      window.removeEventListener("afterprint", cleanUp);
    };
    window.addEventListener("afterprint", cleanUp);
    window.print();
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var state = load(root.dataset.checklist);
    if (!state.writable) warnStorage(root);
    applyTicks(root, state.ticks);
    root.querySelector(".checklist__toolbar").hidden = false;
    root.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox][data-item]")) onTick(root, event.target);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.dataset.action === "reset") reset(root);
      if (button.dataset.action === "print") print(root);
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), setUp);
  }

  // Another tab ticked or reset a checklist shown here: show its state.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(KEY_PREFIX) !== 0) return;
    var checklistId = event.key.slice(KEY_PREFIX.length);
    Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), function (root) {
      if (root.dataset.checklist === checklistId) applyTicks(root, load(checklistId).ticks);
    });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
