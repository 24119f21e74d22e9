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
    var dates = calendar.schedule(items, store.scheduled(run), today);
    var notApplicable = items.filter(function (item) { return run.na && Object.prototype.hasOwnProperty.call(run.na, item.id); }).length;
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
    var done = dates.filter(function (date) { return date.done; }).length - notApplicable;
    cell(row, known ? done + " / " + (items.length - notApplicable) + (notApplicable ? "，不涉及 " + notApplicable : "") : "—");
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
    listOrphans(root, catalog);
    if (problems.length) say(root, problems.join("\n"), true);
  }

  /* Runs of checklists the site no longer has can be saved to a file and removed. */
  function listOrphans(root, catalog) {
    var list = root.querySelector("[data-runs-orphans]");
    var items = list.querySelector("ul");
    var orphans = store.checklistIds().filter(function (id) { return !catalog[id]; });
    items.textContent = "";
    orphans.forEach(function (checklistId) {
      var count = Object.keys(store.read(checklistId).state.runs).length;
      var item = document.createElement("li");
      item.appendChild(document.createTextNode(checklistId + "（" + count + " 个事项） "));
      [["导出", "export-orphan"], ["删除", "delete-orphan"]].forEach(function (action) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button checklist__button";
        button.textContent = action[0];
        button.dataset.action = action[1];
        button.dataset.orphan = checklistId;
        button.setAttribute("aria-label", action[0] + "：" + checklistId);
        item.appendChild(button);
        item.appendChild(document.createTextNode(" "));
      });
      items.appendChild(item);
    });
    list.hidden = !orphans.length;
  }

  function exportOrphan(root, checklistId) {
    var saved = store.read(checklistId).state;
    var file = store.backup(new Date(), [checklistId]).file;
    store.download("办公室手册清单备份-" + checklistId + "-" + calendar.iso(calendar.today()) + ".json", "application/json", JSON.stringify(file, null, 1));
    say(root, "已导出“" + checklistId + "”的 " + Object.keys(saved.runs).length + " 个事项。", false);
  }

  function deleteOrphan(root, checklistId) {
    if (!window.confirm("确定删除“" + checklistId + "”（网站上已没有这份清单）的全部事项吗？删除后不能恢复，建议先点“导出”留一份备份文件。")) return;
    var removed = store.remove(checklistId);
    render(root);
    say(root, removed ? "已删除“" + checklistId + "”的全部事项。" : "没能删除“" + checklistId + "”：这个浏览器不允许改动保存的数据。", !removed);
  }

  /* Say how something went: an error (role=alert) or a success (role=status), never both at once. */
  function say(root, text, error) {
    root.querySelector("[data-runs-error]").textContent = error ? text : "";
    root.querySelector("[data-runs-message]").textContent = error ? "" : text;
  }

  function exportBackup(root) {
    var backup = store.backup(new Date());
    var checklists = backup.file.checklists;
    var runs = Object.keys(checklists).reduce(function (sum, id) {
      return sum + Object.keys(checklists[id].runs).length;
    }, 0);
    store.download("办公室手册清单备份-" + calendar.iso(calendar.today()) + ".json", "application/json", JSON.stringify(backup.file, null, 1));
    say(root, "已导出 " + Object.keys(checklists).length + " 份清单的 " + runs + " 个事项。" + (backup.left ? "另有 " + backup.left + " 份清单的数据来自较新版本，没有导出。" : ""), false);
  }

  function describe(catalog, steps, kinds, heading, detail) {
    var chosen = steps.filter(function (step) { return kinds.indexOf(step.kind) >= 0; });
    return chosen.length ? heading + "（" + chosen.length + " 个）：\n" + chosen.map(function (step) {
      return "  " + titleOf(catalog, step.checklist) + " · " + step.name + (detail ? detail(step) : "");
    }).join("\n") + "\n" : "";
  }

  function times(step) {
    return "（本机最后修改于 " + store.when(step.local) + "，备份中的修改于 " + store.when(step.incoming) + "）";
  }

  /* Validate the whole file, compare each run with this computer's by when it last changed, say
   * what will be added and replaced, ask before a newer local run is replaced, then write once. */
  function importBackup(root, input) {
    var catalog = catalogOf(root);
    input.files[0].text().then(function (text) {
      var checklists;
      try {
        checklists = store.parseBackup(text, function (id) { return titleOf(catalog, id); });
      } catch (error) {
        say(root, error.message + "没有导入任何内容。", true);
        return;
      }
      var plan = store.importPlan(checklists);
      if (plan.unreadable) {
        say(root, "无法读取这个浏览器保存的数据（浏览器不允许网页保存数据），没法与备份比较，没有导入任何内容。备份文件本身没有变。", true);
        return;
      }
      var steps = plan.steps;
      var count = function (kind) {
        return steps.filter(function (step) { return step.kind === kind; }).length;
      };
      var skipped = describe(catalog, steps, ["skip"], "跳过（本机数据来自较新版本的手册，只读）");
      if (!count("add") && !count("newer") && !count("older")) {
        say(root, skipped ? "没有可以导入的内容。" + skipped : "备份中的事项与本机完全相同，没有需要导入的内容。", !!skipped);
        return;
      }
      var changes = describe(catalog, steps, ["add"], "新增") + describe(catalog, steps, ["newer"], "替换为备份中较新的版本", times) +
        describe(catalog, steps, ["older"], "本机的版本较新，先保留，下一步再问", times) + skipped;
      if (!window.confirm("导入这个备份将会：\n" + changes + "本机的其他事项保持不变。确定导入吗？")) {
        say(root, "已取消，没有导入任何内容。", false);
        return;
      }
      var replaceOlder = count("older") > 0 && window.confirm(
        "下面的事项，本机的版本比备份中的新（或同时修改过）：\n" + describe(catalog, steps, ["older"], "本机较新", times) +
        "要用备份中较旧的版本替换它们吗？点“确定”替换，点“取消”保留本机的版本。");
      if (!store.importRuns(checklists, steps, replaceOlder)) {
        render(root);
        say(root, "导入失败：浏览器的存储空间已满或不允许保存。已恢复到导入前的样子，没有导入任何内容。", true);
        return;
      }
      render(root);
      say(root, "导入完成：新增 " + count("add") + " 个，替换 " + (count("newer") + (replaceOlder ? count("older") : 0)) + " 个" +
        (count("older") && !replaceOlder ? "，保留本机较新的 " + count("older") + " 个" : "") + "。", false);
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
    root.querySelector("[data-runs-orphans]").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button) (button.dataset.action === "export-orphan" ? exportOrphan : deleteOrphan)(root, button.dataset.orphan);
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checklist-runs]"), function (root) {
      // The whole handbook for print (print_page/) carries no one's saved runs.
      if (!root.closest("#print-site-page")) setUp(root);
    });
  }

  window.addEventListener("storage", function (event) {
    var root = document.querySelector("[data-checklist-runs][data-ready]");
    if (root && !document.contains(root)) return;
    if (root && event.key && event.key.indexOf(store.PREFIX) === 0) render(root);
  });

  handbook.onEveryPage(setUpAll);
})(window.OfficeHandbook);
