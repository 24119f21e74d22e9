/* Checklist pages: runs, ticks, notes, due dates, calendar export, print.
 * The HTML works without it; each page keeps the run it shows in data-run,
 * so another tab switching runs never moves this page's ticks. */
(function (handbook) {
  "use strict";

  var store = handbook.store;
  var calendar = handbook.calendar;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function control(root, name) {
    return root.querySelector("[data-" + name + "]");
  }

  function itemsOf(root) {
    return all(root, "input[data-item]").map(function (box) {
      var due = box.parentNode.querySelector("[data-due]");
      return { id: box.dataset.item, due: due ? Number(due.dataset.due) : null, box: box, due_element: due };
    });
  }

  function warn(root, problem) {
    var warning = root.querySelector(".checklist__storage-warning");
    warning.textContent = store.PROBLEMS[problem];
    warning.hidden = false;
  }

  function shownRunId(root, state) {
    var runId = root.dataset.run;
    if (!state.runs[runId]) runId = state.current !== null ? state.current : store.DEFAULT_RUN;
    root.dataset.run = runId;
    return runId;
  }

  function option(parent, value, text) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    parent.appendChild(element);
  }

  function fillRunSelect(root, state, runId, run) {
    var select = control(root, "run-select");
    var archived = document.createElement("optgroup");
    archived.label = "已归档";
    select.textContent = "";
    if (!state.runs[runId]) option(select, runId, run.name);
    Object.keys(state.runs).forEach(function (id) {
      option(state.runs[id].archived ? archived : select, id, state.runs[id].name);
    });
    if (archived.children.length) select.appendChild(archived);
    select.value = runId;
  }

  /* Show the run: ticks, notes, dates, overdue marks, progress, paper fields. */
  function render(root) {
    var state = store.read(root.dataset.checklist).state;
    var runId = shownRunId(root, state);
    var run = state.runs[runId] || store.newRun("默认", null, false);
    var anchor = calendar.parse(run.anchor);
    var year = anchor && anchor.getUTCFullYear();
    var items = itemsOf(root);
    var dates = calendar.schedule(items, run, calendar.today());
    var overdue = 0;
    fillRunSelect(root, state, runId, run);
    root.classList.toggle("checklist--dated", !!anchor);
    items.forEach(function (item, index) {
      var date = dates[index];
      var memo = root.querySelector('[data-memo="' + item.id + '"]');
      item.box.checked = date.done;
      if (memo !== document.activeElement) memo.value = run.notes[item.id] || "";
      showSign(root, item.id, run.ticks[item.id]);
      item.box.closest("li").classList.toggle("checklist__item--overdue", date.overdue);
      item.box.closest("li").classList.toggle("checklist__item--day-off", !!date.dayOff && !date.movedFrom);
      if (date.overdue) overdue++;
      if (!item.due_element) return;
      var shown = item.due_element.querySelector(".checklist__due-date") || item.due_element.appendChild(document.createElement("span"));
      shown.className = "checklist__due-date";
      shown.textContent = calendar.dueText(date, year);
    });
    var summary = [];
    if (anchor) summary.push(root.dataset.anchor + "：" + calendar.label(anchor));
    if (anchor && run.workdays) summary.push("只算工作日");
    if (anchor && items.some(function (item) { return item.due !== null; })) summary.push(overdue ? "已逾期 " + overdue + " 项" : "没有逾期");
    summary = summary.concat(calendar.dayOffSummary(dates, run));
    if (!anchor && root.querySelector("[data-due]")) summary.push("点“修改”填写" + root.dataset.anchor + "，就能显示每项的日期。");
    if (run.archived) summary.push("已归档");
    control(root, "run-summary").textContent = summary.join(" · ");
    control(root, "paper=name").textContent = run.name;
    control(root, "paper=date").textContent = anchor ? calendar.label(anchor) : "";
    control(root, "paper=note").textContent = calendar.unknownYearsNote(dates, run);
    control(root, "paper=printed").textContent = calendar.label(calendar.today());
    control(root, "action=archive-run").textContent = run.archived ? "取消归档" : "归档";
    control(root, "action=delete-run").disabled = !state.runs[runId];
    var calendarButton = control(root, "action=calendar");
    if (calendarButton) calendarButton.disabled = !anchor;
    showProgress(root);
  }

  /* On the filled paper form, the day an item was ticked stands in its 完成日期 column. */
  function showSign(root, itemId, ticked) {
    var sign = root.querySelector('[data-sign="' + itemId + '"]');
    var time = ticked && new Date(ticked);
    sign.textContent = time && !isNaN(time) ? calendar.monthDay(calendar.today(time)) : "";
  }

  function countChecked(boxes) {
    return boxes.filter(function (box) {
      return box.checked;
    }).length;
  }

  function showProgress(root) {
    control(root, "done").textContent = String(countChecked(all(root, "input[data-item]")));
    all(root, "[data-phase]").forEach(function (phase) {
      var boxes = all(phase, "input[data-item]");
      var done = countChecked(boxes);
      phase.querySelector("[data-phase-progress]").textContent = done + " / " + boxes.length;
      phase.classList.toggle("checklist__phase--done", done === boxes.length);
    });
  }

  /* Change the shown run, which becomes the current one; warn if it cannot be saved. */
  function changeRun(root, change) {
    var runId = root.dataset.run;
    var saved = store.update(root.dataset.checklist, function (state) {
      var run = store.runOf(state, runId);
      state.current = runId;
      change(run);
      return run;
    });
    if (!saved) warn(root, store.read(root.dataset.checklist).problem || "unavailable");
    render(root);
  }

  function onTick(root, box) {
    changeRun(root, function (run) {
      if (box.checked) run.ticks[box.dataset.item] = new Date().toISOString();
      else delete run.ticks[box.dataset.item];
    });
  }

  function onMemo(root, input) {
    changeRun(root, function (run) {
      if (input.value.trim()) run.notes[input.dataset.memo] = input.value;
      else delete run.notes[input.dataset.memo];
    });
  }

  function currentRunName(root) {
    return control(root, "run-select").selectedOptions[0].textContent;
  }

  function reset(root) {
    var title = root.querySelector(".checklist__title").textContent;
    if (!window.confirm("确定清空“" + title + "”中事项“" + currentRunName(root) + "”的全部勾选吗？备注保留。清空后不能恢复。")) return;
    changeRun(root, function (run) {
      run.ticks = {};
    });
  }

  function select(root, runId) {
    root.dataset.run = runId;
    store.update(root.dataset.checklist, function (state) {
      if (state.runs[runId]) state.current = runId;
    });
    render(root);
  }

  function openForm(root, opener) {
    var form = control(root, "run-form");
    var editing = opener.dataset.action === "edit-run";
    var run = editing && store.read(root.dataset.checklist).state.runs[root.dataset.run];
    form.dataset.editing = editing ? "true" : "";
    form.elements.name.value = editing ? currentRunName(root) : "";
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

  function closeForm(root) {
    control(root, "run-form").hidden = true;
    control(root, "run-select").focus();
  }

  function saveForm(root, form) {
    var name = form.elements.name.value.trim();
    var anchor = form.elements.anchor.value || null;
    var workdays = !!form.elements.workdays && form.elements.workdays.checked;
    var shiftToWorkday = !!form.elements.shiftToWorkday && form.elements.shiftToWorkday.checked;
    var reminder = form.elements.reminder ? form.elements.reminder.value : null;
    if (!form.dataset.editing) root.dataset.run = store.newRunId();
    changeRun(root, function (run) {
      run.name = name;
      run.anchor = anchor;
      run.workdays = workdays;
      run.shiftToWorkday = shiftToWorkday;
      if (reminder) run.reminder = reminder;
    });
    closeForm(root);
  }

  function deleteRun(root) {
    var runId = root.dataset.run;
    if (!window.confirm("确定删除事项“" + currentRunName(root) + "”吗？它的勾选和备注会一起删除，不能恢复。")) return;
    store.update(root.dataset.checklist, function (state) {
      delete state.runs[runId];
      if (state.current === runId) {
        state.current = Object.keys(state.runs).filter(function (id) { return !state.runs[id].archived; })[0] || null;
      }
    });
    root.dataset.run = "";
    render(root);
    control(root, "run-select").focus();
  }

  function exportCalendar(root) {
    var run = store.read(root.dataset.checklist).state.runs[root.dataset.run];
    var title = root.querySelector(".checklist__title").textContent;
    var items = itemsOf(root).map(function (item) {
      var textOf = function (selector) {
        var element = item.box.parentNode.querySelector(selector);
        return element ? element.textContent : null;
      };
      return { id: item.id, due: item.due, text: item.box.labels[0].textContent, detail: textOf(".checklist__detail"), roleText: textOf(".checklist__role"), dueLabel: textOf(".checklist__due-offset") };
    });
    var url = window.location.origin + window.location.pathname + "?run=" + encodeURIComponent(root.dataset.run) + "#" + root.id;
    var events = calendar.runEvents({ id: root.dataset.checklist, title: title, url: url, items: items }, root.dataset.run, run, calendar.today());
    store.download(title + "-" + run.name + ".ics", "text/calendar;charset=utf-8", calendar.icsFile(title + " · " + run.name, events, new Date()));
  }

  /* Print only this checklist, filled in or blank: the stylesheet hides the rest. */
  function print(root, blank) {
    var html = document.documentElement;
    root.classList.add("checklist--print-target");
    html.classList.add("print-one-checklist");
    html.classList.toggle("print-blank", blank);
    var cleanUp = function () {
      root.classList.remove("checklist--print-target");
      html.classList.remove("print-one-checklist", "print-blank");
      window.removeEventListener("afterprint", cleanUp);
    };
    window.addEventListener("afterprint", cleanUp);
    window.print();
  }

  var ACTIONS = {
    print: function (root) { print(root, false); },
    "print-blank": function (root) { print(root, true); },
    reset: reset,
    "new-run": openForm,
    "edit-run": openForm,
    "cancel-run": closeForm,
    "archive-run": function (root) {
      changeRun(root, function (run) {
        run.archived = !run.archived;
      });
    },
    "delete-run": deleteRun,
    calendar: exportCalendar
  };

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    var saved = store.read(root.dataset.checklist);
    if (saved.problem) warn(root, saved.problem);
    // A link from the all-runs page names the run to show.
    var wanted = new URLSearchParams(window.location.search).get("run");
    if (wanted && saved.state.runs[wanted]) select(root, wanted);
    else render(root);
    all(root, ".checklist__toolbar, .checklist__runs, .checklist__memo").forEach(function (element) {
      element.hidden = false;
    });
    root.addEventListener("change", function (event) {
      if (event.target.matches("input[data-item]")) onTick(root, event.target);
      if (event.target.matches("[data-run-select]")) select(root, event.target.value);
    });
    root.addEventListener("input", function (event) {
      if (event.target.matches("[data-memo]")) onMemo(root, event.target);
    });
    root.addEventListener("submit", function (event) {
      event.preventDefault();
      saveForm(root, event.target);
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button && ACTIONS[button.dataset.action]) ACTIONS[button.dataset.action](root, button);
    });
  }

  function setUpAll() {
    all(document, "[data-checklist]").forEach(setUp);
  }

  // Another tab changed a checklist shown here: show its state.
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(store.PREFIX) !== 0) return;
    var checklistId = event.key.slice(store.PREFIX.length);
    all(document, "[data-checklist][data-ready]").forEach(function (root) {
      if (root.dataset.checklist === checklistId) render(root);
    });
  });

  handbook.onEveryPage(setUpAll);
})(window.OfficeHandbook);
