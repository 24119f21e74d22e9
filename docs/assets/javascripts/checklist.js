/* Checklist pages: runs, ticks, 不涉及, notes, due dates, calendar export, print, undo.
 * The HTML works without it; each page keeps the run it shows in data-run,
 * so another tab switching runs never moves this page's ticks. */
(function (handbook) {
  "use strict";

  var store = handbook.store;
  var calendar = handbook.calendar;
  // Notes are saved this long after the last keystroke, and at once when the field is left.
  var NOTE_DELAY = 300;
  // Each checklist on the page: {root, id, items, phases, savedRun, gone, alerts, notes, timer}.
  var views = [];
  // The last cleared or deleted run, restorable until the next clear or delete, or until the tab closes.
  var undoable = null;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function control(root, name) {
    return root.querySelector("[data-" + name + "]");
  }

  /* The page's items, read once: the elements every redraw touches. */
  function itemsOf(root) {
    return all(root, "input[data-item]").map(function (box) {
      var row = box.closest("li");
      var due = row.querySelector("[data-due]");
      return {
        id: box.dataset.item, due: due ? Number(due.dataset.due) : null, box: box, row: row, dueElement: due,
        na: row.querySelector("[data-na]"), memo: row.querySelector("[data-memo]"), memoLabel: row.querySelector(".checklist__memo"),
        memoButton: row.querySelector("[data-memo-open]"), label: row.querySelector("label[for]").textContent,
        sign: row.querySelector("[data-sign]")
      };
    });
  }

  function viewOf(element) {
    return views.filter(function (view) { return view.root === element; })[0];
  }

  function showAlerts(view) {
    var warning = view.root.querySelector(".checklist__storage-warning");
    warning.textContent = [view.alerts.storage, view.alerts.gone].filter(Boolean).join(" ");
    warning.hidden = !warning.textContent;
  }

  function storageProblem(view, problem) {
    if (!problem) return;
    view.alerts.storage = store.PROBLEMS[problem];
    showAlerts(view);
  }

  function notice(view, text, canUndo) {
    var element = control(view.root, "notice");
    control(view.root, "notice-text").textContent = text;
    control(view.root, "action=undo").hidden = !canUndo;
    element.hidden = !text;
  }

  function option(parent, value, text) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    parent.appendChild(element);
  }

  function fillRunSelect(view, state, runId, run) {
    var select = control(view.root, "run-select");
    var archived = document.createElement("optgroup");
    archived.label = "已归档";
    select.textContent = "";
    if (!state.runs[runId]) option(select, runId, view.gone ? run.name + "（已在另一个标签页删除）" : run.name);
    Object.keys(state.runs).forEach(function (id) {
      option(state.runs[id].archived ? archived : select, id, state.runs[id].name);
    });
    if (archived.children.length) select.appendChild(archived);
    select.value = runId;
  }

  /* A button that cannot be used says why: the text below it (shown by the stylesheet) describes it. */
  function enable(button, enabled) {
    if (!button) return;
    button.disabled = !enabled;
    if (enabled) button.removeAttribute("aria-describedby");
    else button.setAttribute("aria-describedby", button.dataset.why);
  }

  function dates(view, run) {
    return calendar.schedule(view.items, store.scheduled(run), calendar.today());
  }

  function showMemo(item, shown) {
    item.memoLabel.hidden = !shown;
    item.memoButton.hidden = shown;
  }

  function drawItem(view, item, run, date, year) {
    item.box.checked = Object.prototype.hasOwnProperty.call(run.ticks, item.id);
    if (item.na) item.na.checked = !!run.na && Object.prototype.hasOwnProperty.call(run.na, item.id);
    item.row.classList.toggle("checklist__item--na", !!item.na && item.na.checked);
    // A note being typed is the reader's, not storage's.
    if (item.memo !== document.activeElement && !Object.prototype.hasOwnProperty.call(view.notes, item.id)) {
      item.memo.value = run.notes[item.id] || "";
      showMemo(item, !!item.memo.value);
    }
    showSign(item, run.ticks[item.id]);
    item.row.classList.toggle("checklist__item--overdue", date.overdue);
    item.row.classList.toggle("checklist__item--day-off", !!date.dayOff && !date.movedFrom);
    if (!item.dueElement) return;
    var shown = item.dueElement.querySelector(".checklist__due-date") || item.dueElement.appendChild(document.createElement("span"));
    shown.className = "checklist__due-date";
    shown.textContent = calendar.dueText(date, year);
  }

  /* On the filled paper form, the day an item was ticked stands in its 完成日期 column. */
  function showSign(item, ticked) {
    var time = ticked && new Date(ticked);
    item.sign.textContent = time && !isNaN(time) ? calendar.monthDay(calendar.today(time)) : "";
  }

  /* Everything about the run that is not one item: summary, paper fields, buttons, progress. */
  function drawRun(view, state, runId, run, schedule) {
    var root = view.root;
    var anchor = calendar.parse(run.anchor);
    var overdue = schedule.filter(function (date) { return date.overdue; }).length;
    var summary = [];
    if (anchor) summary.push(root.dataset.anchor + "：" + calendar.label(anchor));
    if (anchor && run.workdays) summary.push("只算工作日");
    if (anchor && view.items.some(function (item) { return item.due !== null; })) summary.push(overdue ? "已逾期 " + overdue + " 项" : "没有逾期");
    summary = summary.concat(calendar.dayOffSummary(schedule, run));
    if (!anchor && root.querySelector("[data-due]")) summary.push("在“更多操作”里点“修改”填写" + root.dataset.anchor + "，就能显示每项的日期。");
    if (run.archived) summary.push("已归档");
    control(root, "run-summary").textContent = summary.join(" · ");
    control(root, "paper=name").textContent = run.name;
    control(root, "paper=date").textContent = anchor ? calendar.label(anchor) : "";
    control(root, "paper=note").textContent = calendar.unknownYearsNote(schedule, run);
    control(root, "paper=printed").textContent = calendar.label(calendar.today());
    control(root, "action=archive-run").textContent = run.archived ? "取消归档" : "归档";
    enable(control(root, "action=delete-run"), !!state.runs[runId]);
    enable(control(root, "action=calendar"), !!anchor);
    showProgress(view);
  }

  function progressText(done, total, na) {
    return done + " / " + (total - na) + (na ? "，不涉及 " + na : "");
  }

  function showProgress(view) {
    var counts = function (items) {
      return {
        done: items.filter(function (item) { return item.box.checked; }).length,
        na: items.filter(function (item) { return item.na && item.na.checked; }).length,
        total: items.length
      };
    };
    var whole = counts(view.items);
    control(view.root, "done").textContent = String(whole.done);
    control(view.root, "required").textContent = String(whole.total - whole.na);
    control(view.root, "na-count").textContent = whole.na ? "，不涉及 " + whole.na : "";
    view.phases.forEach(function (phase) {
      var count = counts(phase.items);
      phase.progress.textContent = progressText(count.done, count.total, count.na);
      phase.element.classList.toggle("checklist__phase--done", count.done + count.na === count.total);
    });
  }

  /* The run this page shows. A saved run that has disappeared was deleted in another tab:
   * the page keeps showing it, says so and takes no ticks, rather than moving to another run. */
  function shownRun(view, state) {
    var root = view.root;
    var runId = root.dataset.run;
    if (state.runs[runId]) return { id: runId, run: state.runs[runId] };
    if (view.savedRun) {
      if (!view.gone) {
        view.gone = view.lastRun;
        view.alerts.gone = "事项“" + view.lastRun.name + "”已在另一个标签页删除，这里的勾选和备注不再保存。要继续，请在“事项”中另选一个，或新建事项。";
        showAlerts(view);
      }
      return { id: runId, run: view.gone };
    }
    runId = state.current !== null ? state.current : store.DEFAULT_RUN;
    root.dataset.run = runId;
    return { id: runId, run: state.runs[runId] || store.newRun("默认", null, false) };
  }

  /* Show the run: ticks, notes, dates, overdue marks, progress, paper fields. */
  function draw(view) {
    var state = store.read(view.id).state;
    var shown = shownRun(view, state);
    var run = shown.run;
    var anchor = calendar.parse(run.anchor);
    var schedule = dates(view, run);
    fillRunSelect(view, state, shown.id, run);
    view.phases.forEach(function (phase) {
      phase.element.disabled = !!view.gone;
    });
    view.root.classList.toggle("checklist--dated", !!anchor);
    if (!view.gone) {
      view.items.forEach(function (item, index) {
        drawItem(view, item, run, schedule[index], anchor && anchor.getUTCFullYear());
      });
      view.savedRun = !!state.runs[shown.id];
      view.lastRun = run;
    }
    drawRun(view, state, shown.id, run, schedule);
  }

  /* Redraw one item after its tick changed, and what depends on it. */
  function drawTick(view, item, state, run) {
    var anchor = calendar.parse(run.anchor);
    var schedule = dates(view, run);
    drawItem(view, item, run, schedule[view.items.indexOf(item)], anchor && anchor.getUTCFullYear());
    drawRun(view, state, view.root.dataset.run, run, schedule);
  }

  /* Notes typed since the last save go into the run with every change. */
  function applyNotes(view, run) {
    Object.keys(view.notes).forEach(function (itemId) {
      var text = view.notes[itemId];
      if (text.trim()) run.notes[itemId] = text;
      else delete run.notes[itemId];
    });
    view.notes = {};
    clearTimeout(view.timer);
  }

  /* Change the shown run, which becomes the current one; warn if it cannot be saved.
   * Returns {state, run}, or null if the run was deleted in another tab meanwhile. */
  function changeRun(view, change) {
    var runId = view.root.dataset.run;
    var gone = false;
    var saved = store.update(view.id, function (state) {
      if (view.savedRun && !state.runs[runId]) {
        gone = true;
        return null;
      }
      var run = store.runOf(state, runId);
      state.current = runId;
      applyNotes(view, run);
      change(run);
      return run;
    });
    storageProblem(view, saved.problem);
    if (gone) {
      draw(view);
      return null;
    }
    view.savedRun = true;
    view.lastRun = saved.state.runs[runId];
    return { state: saved.state, run: saved.state.runs[runId] };
  }

  function saveNotes(view) {
    if (Object.keys(view.notes).length && !view.gone) changeRun(view, function () {});
  }

  function onTick(view, item, na) {
    var changed = changeRun(view, function (run) {
      var now = new Date().toISOString();
      var ticked = item.box.checked && !na;
      var notApplicable = na && item.na.checked;
      if (ticked) run.ticks[item.id] = now;
      else delete run.ticks[item.id];
      if (notApplicable) (run.na = run.na || {})[item.id] = now;
      else if (run.na) delete run.na[item.id];
    });
    if (changed) drawTick(view, item, changed.state, changed.run);
  }

  function onNote(view, item) {
    view.notes[item.id] = item.memo.value;
    clearTimeout(view.timer);
    view.timer = setTimeout(function () {
      saveNotes(view);
    }, NOTE_DELAY);
  }

  function currentRunName(root) {
    return control(root, "run-select").selectedOptions[0].textContent;
  }

  /* Keep a copy of the run before a clear or delete, and offer to put it back. */
  function remember(view, runId, text) {
    undoable = { checklist: view.id, runId: runId, run: JSON.parse(JSON.stringify(store.read(view.id).state.runs[runId] || view.lastRun)) };
    notice(view, text, true);
  }

  function undo(view) {
    var kept = undoable;
    if (!kept || kept.checklist !== view.id) return;
    undoable = null;
    view.root.dataset.run = kept.runId;
    view.gone = null;
    view.alerts.gone = "";
    showAlerts(view);
    view.savedRun = false;
    changeRun(view, function (run) {
      Object.keys(kept.run).forEach(function (key) {
        if (key !== "updated") run[key] = kept.run[key];
      });
    });
    draw(view);
    notice(view, "已恢复事项“" + kept.run.name + "”。", false);
  }

  function reset(view) {
    var root = view.root;
    var title = root.querySelector(".checklist__title").textContent;
    var name = currentRunName(root);
    if (view.gone) return;
    if (!window.confirm("确定清空“" + title + "”中事项“" + name + "”的全部勾选吗？备注保留。清空后，在关闭页面之前可以点“撤销”恢复。")) return;
    remember(view, root.dataset.run, "已清空事项“" + name + "”的勾选。");
    if (changeRun(view, function (run) {
      run.ticks = {};
      delete run.na;
    })) draw(view);
  }

  function select(view, runId) {
    saveNotes(view);
    view.root.dataset.run = runId;
    view.gone = null;
    view.alerts.gone = "";
    showAlerts(view);
    view.savedRun = false;
    store.update(view.id, function (state) {
      if (state.runs[runId]) state.current = runId;
    });
    draw(view);
  }

  function closeMenu(root) {
    var menu = root.querySelector(".checklist__menu");
    if (menu) menu.open = false;
  }

  function openForm(view, opener) {
    var root = view.root;
    var form = control(root, "run-form");
    var editing = opener.dataset.action === "edit-run";
    var run = editing && view.lastRun;
    form.dataset.editing = editing ? "true" : "";
    form.elements.name.value = editing ? run.name : "";
    form.elements.anchor.value = (run && run.anchor) || "";
    if (form.elements.workdays) {
      // A new run of a checklist whose offsets are workdays by nature (YAML workdays: true) counts workdays.
      form.elements.workdays.checked = run ? run.workdays : "workdays" in root.dataset;
      form.elements.shiftToWorkday.checked = !!(run && run.shiftToWorkday);
      form.elements.reminder.value = calendar.reminderOf(run || {});
    }
    form.hidden = false;
    form.elements.name.focus();
  }

  function closeForm(view) {
    control(view.root, "run-form").hidden = true;
    control(view.root, "run-select").focus();
  }

  function saveForm(view, form) {
    var name = form.elements.name.value.trim();
    var anchor = form.elements.anchor.value || null;
    var workdays = !!form.elements.workdays && form.elements.workdays.checked;
    var shiftToWorkday = !!form.elements.shiftToWorkday && form.elements.shiftToWorkday.checked;
    var reminder = form.elements.reminder ? form.elements.reminder.value : null;
    saveNotes(view);
    if (!form.dataset.editing || view.gone) {
      view.root.dataset.run = store.newRunId();
      view.savedRun = false;
      view.gone = null;
      view.alerts.gone = "";
      showAlerts(view);
    }
    changeRun(view, function (run) {
      run.name = name;
      run.anchor = anchor;
      run.workdays = workdays;
      run.shiftToWorkday = shiftToWorkday;
      if (reminder) run.reminder = reminder;
    });
    draw(view);
    closeForm(view);
  }

  function deleteRun(view) {
    var root = view.root;
    var runId = root.dataset.run;
    var name = currentRunName(root);
    if (!window.confirm("确定删除事项“" + name + "”吗？它的勾选和备注会一起删除。删除后，在关闭页面之前可以点“撤销”恢复。")) return;
    saveNotes(view);
    remember(view, runId, "已删除事项“" + name + "”。");
    var saved = store.update(view.id, function (state) {
      delete state.runs[runId];
      if (state.current === runId) {
        state.current = Object.keys(state.runs).filter(function (id) { return !state.runs[id].archived; })[0] || null;
      }
    });
    storageProblem(view, saved.problem);
    root.dataset.run = "";
    view.savedRun = false;
    draw(view);
    control(root, "run-select").focus();
  }

  function exportCalendar(view) {
    var root = view.root;
    var run = view.lastRun;
    var title = root.querySelector(".checklist__title").textContent;
    var items = view.items.map(function (item) {
      var textOf = function (selector) {
        var element = item.row.querySelector(selector);
        return element ? element.textContent : null;
      };
      return { id: item.id, due: item.due, text: item.label, detail: textOf(".checklist__detail"), roleText: textOf(".checklist__role"), dueLabel: textOf(".checklist__due-offset") };
    });
    var url = window.location.origin + window.location.pathname + "?run=" + encodeURIComponent(root.dataset.run) + "#" + root.id;
    // A 不涉及 item is settled like a ticked one: no reminder for it.
    var events = calendar.runEvents({ id: view.id, title: title, url: url, items: items }, root.dataset.run, store.scheduled(run), calendar.today());
    store.download(title + "-" + run.name + ".ics", "text/calendar;charset=utf-8", calendar.icsFile(title + " · " + run.name, events, new Date()));
  }

  /* Print only this checklist, filled in or blank: the stylesheet hides the rest. */
  function print(view, blank) {
    var html = document.documentElement;
    view.root.classList.add("checklist--print-target");
    html.classList.add("print-one-checklist");
    html.classList.toggle("print-blank", blank);
    var cleanUp = function () {
      view.root.classList.remove("checklist--print-target");
      html.classList.remove("print-one-checklist", "print-blank");
      window.removeEventListener("afterprint", cleanUp);
    };
    window.addEventListener("afterprint", cleanUp);
    window.print();
  }

  var ACTIONS = {
    print: function (view) { print(view, false); },
    "print-blank": function (view) { print(view, true); },
    reset: reset,
    undo: undo,
    "new-run": openForm,
    "edit-run": openForm,
    "cancel-run": closeForm,
    "archive-run": function (view) {
      if (changeRun(view, function (run) {
        run.archived = !run.archived;
      })) draw(view);
    },
    "delete-run": deleteRun,
    calendar: exportCalendar,
    "open-memo": function (view, button) {
      var item = view.items.filter(function (candidate) { return candidate.memoButton === button; })[0];
      showMemo(item, true);
      item.memo.focus();
    }
  };

  // A click on an item's row, away from its controls, ticks it: a phone's finger needs a big target.
  var CONTROLS = "input, label, button, a, select, summary, textarea";

  /* What the reader did before the script ran (ticks, 不涉及, notes) is theirs: it goes into the shown run. */
  function keepEarlyWork(view) {
    var early = view.items.filter(function (item) {
      return item.box.checked || (item.na && item.na.checked) || item.memo.value;
    });
    if (!early.length) return;
    early.forEach(function (item) {
      if (item.memo.value) view.notes[item.id] = item.memo.value;
    });
    changeRun(view, function (run) {
      var now = new Date().toISOString();
      early.forEach(function (item) {
        if (item.box.checked) {
          run.ticks[item.id] = run.ticks[item.id] || now;
          if (run.na) delete run.na[item.id];
        } else if (item.na && item.na.checked) {
          (run.na = run.na || {})[item.id] = run.na[item.id] || now;
          delete run.ticks[item.id];
        }
      });
    });
  }

  function setUp(root) {
    if (root.dataset.ready || viewOf(root)) return;
    var view = {
      root: root, id: root.dataset.checklist, items: itemsOf(root), savedRun: false, gone: null, lastRun: null,
      alerts: { storage: "", gone: "" }, notes: {}, timer: null
    };
    view.phases = all(root, "[data-phase]").map(function (element) {
      var boxes = all(element, "input[data-item]");
      return {
        element: element, progress: element.querySelector("[data-phase-progress]"),
        items: view.items.filter(function (item) { return boxes.indexOf(item.box) >= 0; })
      };
    });
    views = views.filter(function (other) { return document.contains(other.root); });
    views.push(view);
    var saved = store.read(view.id);
    storageProblem(view, saved.problem);
    // A link from the all-runs page names the run to show.
    var wanted = new URLSearchParams(window.location.search).get("run");
    if (wanted && saved.state.runs[wanted]) root.dataset.run = wanted;
    else root.dataset.run = "";
    shownRun(view, saved.state);
    keepEarlyWork(view);
    draw(view);
    if (undoable && undoable.checklist === view.id) notice(view, "可以撤销上一次清空或删除的事项“" + undoable.run.name + "”。", true);
    all(root, ".checklist__toolbar, .checklist__runs").forEach(function (element) {
      element.hidden = false;
    });
    view.items.forEach(function (item) {
      item.memoButton.hidden = !item.memoLabel.hidden;
    });
    root.addEventListener("change", function (event) {
      var target = event.target;
      if (target.matches("input[data-item]")) onTick(view, view.items.filter(function (item) { return item.box === target; })[0], false);
      if (target.matches("input[data-na]")) onTick(view, view.items.filter(function (item) { return item.na === target; })[0], true);
      if (target.matches("[data-run-select]")) select(view, target.value);
    });
    root.addEventListener("input", function (event) {
      if (event.target.matches("[data-memo]")) onNote(view, view.items.filter(function (item) { return item.memo === event.target; })[0]);
    });
    root.addEventListener("focusout", function (event) {
      if (!event.target.matches("[data-memo]")) return;
      saveNotes(view);
      if (!event.target.value) showMemo(view.items.filter(function (item) { return item.memo === event.target; })[0], false);
    });
    root.addEventListener("submit", function (event) {
      event.preventDefault();
      saveForm(view, event.target);
    });
    root.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (event.target.closest("[data-run-form]")) closeForm(view);
      else if (event.target.closest(".checklist__menu[open]")) {
        closeMenu(root);
        root.querySelector(".checklist__menu summary").focus();
      }
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!event.target.closest(".checklist__menu")) closeMenu(root);
      if (button && ACTIONS[button.dataset.action]) {
        closeMenu(root);
        ACTIONS[button.dataset.action](view, button);
        return;
      }
      var row = event.target.closest(".checklist__item");
      if (row && !event.target.closest(CONTROLS) && !String(window.getSelection())) row.querySelector("input[data-item]").click();
    });
    root.dataset.ready = "true";
  }

  function setUpAll() {
    // After instant navigation the last page's notes may still wait for their save.
    views.forEach(function (view) {
      if (!document.contains(view.root)) saveNotes(view);
    });
    all(document, "section[data-checklist]").forEach(function (root) {
      // The whole handbook for print (print_page/) is a binder of blank forms: no saved run goes in.
      if (!root.closest("#print-site-page")) setUp(root);
    });
  }

  // Another tab changed a checklist shown here: show its state.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(store.PREFIX) !== 0) return;
    var checklistId = event.key.slice(store.PREFIX.length);
    views.forEach(function (view) {
      if (view.id === checklistId && document.contains(view.root)) draw(view);
    });
  });

  // Leaving the page (closing it, navigating, or the phone putting it away) saves notes being typed.
  window.addEventListener("pagehide", function () {
    views.forEach(saveNotes);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") views.forEach(saveNotes);
  });

  handbook.onEveryPage(setUpAll);
})(window.OfficeHandbook);
