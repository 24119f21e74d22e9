/* This browser's progress where people come back: the home page's panel of what is overdue, due today
 * and due this week (checklist_due macro), and a short progress note after each link to a checklist
 * (checklist_link macro, the overview table). Both stay hidden when there is nothing to say, and
 * without JavaScript they never show. */
(function (handbook) {
  "use strict";

  var store = handbook.store;
  var calendar = handbook.calendar;
  var SHOWN_PER_RUN = 3;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* [{id, run}] of the checklist's runs not archived, in the order they were created. */
  function openRuns(checklistId) {
    var runs = store.read(checklistId).state.runs;
    return Object.keys(runs).filter(function (id) {
      return !runs[id].archived;
    }).sort(function (a, b) {
      return runs[a].created < runs[b].created ? -1 : 1;
    }).map(function (id) {
      return { id: id, run: runs[id] };
    });
  }

  /* "本机：三月会议 3 / 19，逾期 2 项；调度会 0 / 19" after a link to the checklist. */
  function showBadge(badge, today) {
    var items = JSON.parse(badge.dataset.items);
    var parts = openRuns(badge.dataset.progressFor).map(function (entry) {
      var dates = calendar.schedule(items, entry.run, today);
      var done = dates.filter(function (date) { return date.done; }).length;
      var overdue = dates.filter(function (date) { return date.overdue; }).length;
      return entry.run.name + " " + done + " / " + items.length + (overdue ? "，逾期 " + overdue + " 项" : "");
    });
    badge.textContent = parts.length ? "本机：" + parts.join("；") : "";
    badge.hidden = !parts.length;
  }

  var GROUPS = [
    { key: "overdue", title: "已逾期" },
    { key: "today", title: "今天到期" },
    { key: "week", title: "本周内到期" }
  ];

  /* Which group an unticked item's date is in: before today, today, or from tomorrow to Sunday. */
  function groupOf(date, today) {
    if (date < today) return "overdue";
    if (date.getTime() === today.getTime()) return "today";
    var sunday = calendar.addDays(today, (7 - today.getUTCDay()) % 7);
    return date <= sunday ? "week" : null;
  }

  /* {overdue: [...], today: [...], week: [...]}: a line per run and group, with the items' texts. */
  function dueLines(catalog, today) {
    var groups = { overdue: [], today: [], week: [] };
    Object.keys(catalog).forEach(function (checklistId) {
      var checklist = catalog[checklistId];
      openRuns(checklistId).forEach(function (entry) {
        var found = { overdue: [], today: [], week: [] };
        calendar.schedule(checklist.items, entry.run, today).forEach(function (date, index) {
          var group = date.date && !date.done && groupOf(date.date, today);
          if (group) found[group].push({ text: checklist.items[index].text, date: date.date });
        });
        Object.keys(found).forEach(function (group) {
          if (found[group].length) groups[group].push({ checklist: checklist, runId: entry.id, run: entry.run, items: found[group] });
        });
      });
    });
    return groups;
  }

  /* A run's line in a group; "today" needs no date. */
  function lineElement(line, group) {
    var element = document.createElement("li");
    var link = document.createElement("a");
    link.href = line.checklist.href + "?run=" + encodeURIComponent(line.runId);
    link.textContent = line.checklist.title + " · " + line.run.name;
    element.appendChild(link);
    var texts = line.items.slice(0, SHOWN_PER_RUN).map(function (item) { return item.text; });
    var more = line.items.length > SHOWN_PER_RUN ? "等 " + line.items.length + " 项" : "";
    var earliest = line.items.reduce(function (soonest, item) { return item.date < soonest ? item.date : soonest; }, line.items[0].date);
    var when = group === "today" ? "" : "，最早 " + calendar.label(earliest, calendar.today().getUTCFullYear());
    element.appendChild(document.createTextNode("：" + texts.join("、") + more + when));
    return element;
  }

  function showPanel(panel, today) {
    var groups = dueLines(JSON.parse(panel.dataset.catalog), today);
    var holder = panel.querySelector("[data-due-groups]");
    holder.textContent = "";
    GROUPS.forEach(function (group) {
      var lines = groups[group.key];
      if (!lines.length) return;
      var heading = document.createElement("p");
      heading.className = "checklist-due__group checklist-due__group--" + group.key;
      heading.textContent = group.title;
      var list = document.createElement("ul");
      lines.forEach(function (line) {
        list.appendChild(lineElement(line, group.key));
      });
      holder.appendChild(heading);
      holder.appendChild(list);
    });
    panel.hidden = !holder.children.length;
  }

  function showAll() {
    var today = calendar.today();
    all(document, "[data-progress-for]").forEach(function (badge) {
      showBadge(badge, today);
    });
    all(document, "[data-checklist-due]").forEach(function (panel) {
      showPanel(panel, today);
    });
  }

  // Another tab ticked or added a run: show it here too.
  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf(store.PREFIX) === 0) showAll();
  });

  handbook.onEveryPage(showAll);
})(window.OfficeHandbook);
