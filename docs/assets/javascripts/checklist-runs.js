/* The all-runs page and backup import/export; checklist data comes from
 * the page (checklist_runs macro), so nothing is requested from a server. */
(function (handbook) {
  "use strict";

  var store = handbook.store;
  var calendar = handbook.calendar;

  /* {checklist id: {title, href, items: [{id, text, due}]}} from the page. */
  function catalogOf(root) {
    var catalog = {};
    Array.prototype.forEach.call(root.querySelectorAll("[data-runs-checklist]"), function (element) {
      catalog[element.dataset.runsChecklist] = { title: element.textContent, href: element.dataset.href, items: JSON.parse(element.dataset.items) };
    });
    return catalog;
  }

  function titleOf(catalog, checklistId) {
    return catalog[checklistId] ? catalog[checklistId].title : checklistId + "（网站上已没有这份清单）";
  }

  function cell(row, content) {
    var element = row.insertCell();
    if (typeof content === "string") element.textContent = content;
    else element.appendChild(content);
  }

  /* One row per run: what is done, what is late, what comes next. */
  function runRow(catalog, checklistId, runId, run, today) {
    var known = catalog[checklistId];
    var items = known ? known.items : [];
    var dates = calendar.schedule(items, run, today);
    var anchor = calendar.parse(run.anchor);
    var next = null;
    dates.forEach(function (date, index) {
      if (date.date && !date.done && !date.overdue && (!next || date.date < next.date)) next = { date: date.date, text: items[index].text };
    });
    var row = document.createElement("tr");
    var name = document.createElement(known ? "a" : "span");
    name.textContent = run.name + (run.archived ? "（已归档）" : "");
    if (known) name.href = known.href + "?run=" + encodeURIComponent(runId);
    var header = document.createElement("th");
    header.scope = "row";
    header.appendChild(name);
    row.appendChild(header);
    cell(row, titleOf(catalog, checklistId));
    cell(row, anchor ? calendar.label(anchor) : "未设定");
    cell(row, known ? dates.filter(function (date) { return date.done; }).length + " / " + items.length : "—");
    var overdue = dates.filter(function (date) { return date.overdue; }).length;
    cell(row, overdue ? overdue + " 项" : "无");
    cell(row, next ? next.text + "（" + calendar.label(next.date, anchor.getUTCFullYear()) + "）" : "—");
    row.classList.toggle("checklist-runs__row--overdue", overdue > 0);
    row.classList.toggle("checklist-runs__row--archived", run.archived);
    return { row: row, archived: run.archived, next: next ? next.date.getTime() : Infinity };
  }

  function render(root) {
    var catalog = catalogOf(root);
    var today = calendar.today();
    var rows = [];
    var problems = [];
    store.checklistIds().forEach(function (checklistId) {
      var saved = store.read(checklistId);
      if (saved.problem) problems.push("“" + titleOf(catalog, checklistId) + "”：" + store.PROBLEMS[saved.problem]);
      Object.keys(saved.state.runs).forEach(function (runId) {
        rows.push(runRow(catalog, checklistId, runId, saved.state.runs[runId], today));
      });
    });
    // Open runs first, soonest next item first.
    rows.sort(function (a, b) {
      return a.archived - b.archived || a.next - b.next;
    });
    var body = root.querySelector("[data-runs-rows]");
    body.textContent = "";
    rows.forEach(function (entry) {
      body.appendChild(entry.row);
    });
    root.querySelector("[data-runs-empty]").hidden = rows.length > 0;
    if (problems.length) say(root, problems.join("\n"));
  }

  function say(root, text) {
    root.querySelector("[data-runs-message]").textContent = text;
  }

  function exportBackup(root) {
    var backup = store.backup(new Date());
    var checklists = backup.file.checklists;
    var runs = Object.keys(checklists).reduce(function (sum, id) {
      return sum + Object.keys(checklists[id].runs).length;
    }, 0);
    store.download("办公室手册清单备份-" + calendar.iso(calendar.today()) + ".json", "application/json", JSON.stringify(backup.file, null, 1));
    say(root, "已导出 " + Object.keys(checklists).length + " 份清单的 " + runs + " 个事项。" + (backup.left ? "另有 " + backup.left + " 份清单的数据无法读取或来自较新版本，没有导出。" : ""));
  }

  function describe(catalog, steps, kind, heading) {
    var chosen = steps.filter(function (step) { return step.kind === kind; });
    return chosen.length ? heading + "（" + chosen.length + " 个）：\n" + chosen.map(function (step) {
      return "  " + titleOf(catalog, step.checklist) + " · " + step.name;
    }).join("\n") + "\n" : "";
  }

  /* Validate the whole file, say what it will add and replace, write only after a yes. */
  function importBackup(root, input) {
    var catalog = catalogOf(root);
    input.files[0].text().then(function (text) {
      var checklists;
      try {
        checklists = store.parseBackup(text, function (id) { return titleOf(catalog, id); });
      } catch (error) {
        say(root, error.message + "没有导入任何内容。");
        return;
      }
      var steps = store.importPlan(checklists);
      var changes = describe(catalog, steps, "add", "新增") + describe(catalog, steps, "replace", "替换本机的同一事项") +
        describe(catalog, steps, "skip", "跳过（本机数据来自较新版本）");
      if (!/新增|替换/.test(changes)) {
        say(root, "备份中的事项与本机相同，没有需要导入的内容。" + describe(catalog, steps, "skip", "跳过"));
        return;
      }
      if (!window.confirm("导入这个备份将会：\n" + changes + "本机的其他事项保持不变。确定导入吗？")) {
        say(root, "已取消，没有导入任何内容。");
        return;
      }
      var failed = store.importRuns(checklists);
      render(root);
      say(root, failed.length ? "有 " + failed.length + " 份清单没能保存：" + failed.map(function (id) { return titleOf(catalog, id); }).join("、") + "。" : "导入完成。");
    }).finally(function () {
      input.value = "";
    });
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "true";
    root.querySelector("[data-no-script]").hidden = true;
    root.querySelector(".checklist-runs__app").hidden = false;
    render(root);
    root.querySelector("[data-action=export-backup]").addEventListener("click", function () {
      exportBackup(root);
    });
    root.querySelector("[data-runs-import]").addEventListener("change", function (event) {
      if (event.target.files.length) importBackup(root, event.target);
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checklist-runs]"), setUp);
  }

  window.addEventListener("storage", function (event) {
    var root = document.querySelector("[data-checklist-runs][data-ready]");
    if (root && event.key && event.key.indexOf(store.PREFIX) === 0) render(root);
  });

  handbook.onEveryPage(setUpAll);
})(window.OfficeHandbook);
