/* Due dates and .ics files: pure functions, tested with fixed dates. A date
 * is a Date at UTC midnight, so adding days never meets a clock change. */
(function (handbook) {
  "use strict";

  var DAY = 864e5;
  var WEEKDAYS = "日一二三四五六";
  // SEQUENCE counts seconds from here, so a later export always supersedes an earlier one.
  var SEQUENCE_START = Date.UTC(2026, 0, 1);

  function iso(date) {
    return date.toISOString().slice(0, 10);
  }

  /* "2028-02-29" → date; null for anything that is not a real day. */
  function parse(text) {
    var match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text || "");
    var date = match && new Date(Date.UTC(+match[1], match[2] - 1, +match[3]));
    return date && iso(date) === text ? date : null;
  }

  /* The reader's calendar day (their time zone) of `now`, default the current time. */
  function today(now) {
    now = now || new Date();
    return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  }

  function addDays(date, days) {
    return new Date(date.getTime() + days * DAY);
  }

  /* China's holidays and 调休 workdays by year, from the page's data-holidays (handbook/holidays.py):
   * {"2026": {"off": {"国庆节": ["1001-1007"]}, "on": ["0920"]}}. Read once: every page carries the same. */
  var known = null;
  // After a date counted in a year whose schedule is not known.
  var UNKNOWN_MARK = "※";

  function useHolidays(data) {
    known = {};
    Object.keys(data).forEach(function (year) {
      var days = { off: {}, on: {} };
      Object.keys(data[year].off).forEach(function (name) {
        data[year].off[name].forEach(function (range) {
          var first = parse(year + "-" + range.slice(0, 2) + "-" + range.slice(2, 4));
          var last = parse(year + "-" + range.slice(5, 7) + "-" + range.slice(7, 9));
          for (var date = first; date <= last; date = addDays(date, 1)) days.off[iso(date)] = name;
        });
      });
      data[year].on.forEach(function (day) {
        days.on[year + "-" + day.slice(0, 2) + "-" + day.slice(2)] = true;
      });
      known[year] = days;
    });
  }

  function holidays() {
    if (!known) {
      var element = document.querySelector("[data-holidays]");
      if (!element) return {};
      useHolidays(JSON.parse(element.dataset.holidays));
    }
    return known;
  }

  /* What kind of day a date is: {workday, holiday (its name or null), known (its year's schedule is in
   * the data)}. In a year not known, Monday–Friday are workdays. */
  function dayOf(date) {
    var year = holidays()[date.getUTCFullYear()];
    var weekday = date.getUTCDay() % 6 !== 0;
    if (!year) return { workday: weekday, holiday: null, known: false };
    var key = iso(date);
    var holiday = year.off[key] || null;
    return { workday: !!year.on[key] || (weekday && !holiday), holiday: holiday, known: true };
  }

  /* Step from `date` over `count` workdays (back if negative); adds every year not known to `unknown`. */
  function overWorkdays(date, count, unknown) {
    var step = count < 0 ? -1 : 1;
    for (var left = Math.abs(count); left > 0; ) {
      date = addDays(date, step);
      var day = dayOf(date);
      if (!day.known) unknown[date.getUTCFullYear()] = true;
      if (day.workday) left--;
    }
    return date;
  }

  /* The date `offset` days from the anchor. With workdays, only workdays are counted (offset 0 is the
   * anchor itself): Monday–Friday less holidays, plus the weekends worked in lieu (调休). */
  function dueDate(anchor, offset, workdays) {
    return workdays ? overWorkdays(anchor, offset, {}) : addDays(anchor, offset);
  }

  /* "3 月 2 日 周一", with the year in front unless it is `year`. */
  function label(date, year) {
    var y = date.getUTCFullYear();
    return (y === year ? "" : y + " 年 ") + (date.getUTCMonth() + 1) + " 月 " + date.getUTCDate() + " 日 周" + WEEKDAYS[date.getUTCDay()];
  }

  /* "3 月 2 日". */
  function monthDay(date) {
    return date.getUTCMonth() + 1 + " 月 " + date.getUTCDate() + " 日";
  }

  /* Each item's date in a run and whether it is overdue (unticked, before today).
   * items: [{id, due: signed days or null}]. Also, for a dated item: dayOff, what makes its (first)
   * date a day off ("周六", "国庆节假期") or null; movedFrom, that date when the run moves such dates to
   * the previous workday (run.shiftToWorkday); unknownYears, years without a known schedule that the
   * date was counted or checked in; countedWithHolidays, whether the date itself depends on them. */
  function schedule(items, run, today) {
    var anchor = parse(run.anchor);
    return items.map(function (item) {
      var done = Object.prototype.hasOwnProperty.call(run.ticks, item.id);
      var entry = { id: item.id, date: null, done: done, overdue: false, dayOff: null, movedFrom: null, unknownYears: [], countedWithHolidays: !!(run.workdays || run.shiftToWorkday) };
      if (!anchor || item.due === null) return entry;
      var unknown = {};
      var date = run.workdays ? overWorkdays(anchor, item.due, unknown) : addDays(anchor, item.due);
      var day = dayOf(date);
      if (!day.known) unknown[date.getUTCFullYear()] = true;
      if (!day.workday) {
        entry.dayOff = day.holiday ? day.holiday + "假期" : "周" + WEEKDAYS[date.getUTCDay()];
        if (run.shiftToWorkday) {
          entry.movedFrom = date;
          date = overWorkdays(date, -1, unknown);
        }
      }
      entry.date = date;
      entry.overdue = !done && date < today;
      entry.unknownYears = Object.keys(unknown).map(Number).sort();
      return entry;
    });
  }

  /* One schedule entry in words: "12 月 4 日 周五，原为 12 月 5 日 周六，已提前到前一个工作日"; year as in label(). */
  function dueText(entry, year) {
    if (!entry.date) return "";
    var parts = [label(entry.date, year)];
    // No brackets: the page shows the whole text in brackets after the offset.
    if (entry.movedFrom) parts.push("原为 " + label(entry.movedFrom, year) + (entry.dayOff.charAt(0) === "周" ? "" : " " + entry.dayOff), "已提前到前一个工作日");
    else if (entry.dayOff) parts.push(entry.dayOff.charAt(0) === "周" ? "是休息日" : "是" + entry.dayOff);
    if (entry.overdue) parts.push("已逾期");
    // A short mark, since it may stand on every item (and on paper): the run's summary says what it
    // means (dayOffSummary). In plain calendar days only the mark depends on the schedule: no mark.
    return parts.join("，") + (entry.countedWithHolidays && entry.unknownYears.length ? " " + UNKNOWN_MARK : "");
  }

  /* What the schedule's marks add up to, for a run's summary line. */
  function dayOffSummary(entries, run) {
    var lines = [];
    var moved = entries.filter(function (entry) { return entry.movedFrom; }).length;
    var off = entries.filter(function (entry) { return entry.dayOff && !entry.movedFrom; }).length;
    if (off) lines.push("有 " + off + " 项时限落在周末或节假日" + (run.shiftToWorkday ? "" : "，可点“修改”提前到前一个工作日"));
    if (moved) lines.push(moved + " 项时限已从周末或节假日提前");
    var unknown = unknownYearsNote(entries, run);
    if (unknown) lines.push(unknown);
    return lines;
  }

  /* "※ 2027 年放假安排未录入，按周一至周五计算" for the years without a schedule the run's dates meet, or "".
   * The mark stands only where dates were counted with the schedule (dueText). */
  function unknownYearsNote(entries, run) {
    var unknown = {};
    entries.forEach(function (entry) {
      entry.unknownYears.forEach(function (year) { unknown[year] = true; });
    });
    var years = Object.keys(unknown).sort();
    if (!years.length) return "";
    return (run.workdays || run.shiftToWorkday ? UNKNOWN_MARK + " " : "") + years.join("、") + " 年放假安排未录入，按周一至周五计算";
  }

  /* Calendar reminders a run can choose: the alarm's trigger, relative to the start of the all-day
   * event (midnight, the reader's time), and its words. */
  var REMINDERS = {
    "day-before": { trigger: "-PT15H", text: "前一天上午 9:00" },
    morning: { trigger: "PT9H", text: "当天上午 9:00" },
    none: null
  };

  /* The run's reminder; runs saved before the choice existed get the form's default. */
  function reminderOf(run) {
    return run.reminder || "day-before";
  }

  /* A run's calendar events: one all-day event per due date, its items listed in the description, so a
   * meeting day holds one event, not eight. checklist: {id, title, url, items: [{id, due, text, detail,
   * roleText, dueLabel}]}. The UID is the first item of the day's (stable while the ids are), and a day
   * whose items are all done has no alarm and says so in its title. */
  function runEvents(checklist, runId, run, today) {
    var days = {};
    schedule(checklist.items, run, today).forEach(function (entry, index) {
      if (!entry.date) return;
      var key = iso(entry.date);
      (days[key] = days[key] || []).push({ item: checklist.items[index], entry: entry });
    });
    var reminder = REMINDERS[reminderOf(run)];
    return Object.keys(days).sort().map(function (key) {
      var day = days[key];
      var open = day.filter(function (part) { return !part.entry.done; });
      var named = (open[0] || day[0]).item.text;
      var what = !open.length ? "已完成 " + day.length + " 项" : open.length === 1 ? named : named + "等 " + open.length + " 项";
      var lines = [checklist.title + " · " + run.name];
      day.forEach(function (part) {
        var item = part.item;
        var note = run.notes[item.id];
        lines.push((part.entry.done ? "☑ " : "☐ ") + item.text + (part.entry.done ? "：已完成" : ""));
        [item.dueLabel && "时限：" + item.dueLabel, item.roleText, item.detail, note && "备注：" + note].forEach(function (line) {
          if (line) lines.push("  " + line);
        });
      });
      lines.push("清单：" + checklist.url);
      return {
        uid: [checklist.id, runId, day[0].item.id].join(".") + "@office-handbook",
        date: day[0].entry.date,
        summary: what + " · " + run.name,
        description: lines.join("\n"),
        url: checklist.url,
        alarm: open.length && reminder ? reminder.trigger : null
      };
    });
  }

  /* RFC 5545 TEXT value. */
  function escapeText(text) {
    return String(text).replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
  }

  /* Fold a content line at 75 octets of UTF-8 without splitting a character. */
  function fold(line) {
    var folded = "";
    var octets = 0;
    Array.from(line).forEach(function (character) {
      var code = character.codePointAt(0);
      var size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        folded += "\r\n ";
        octets = 1;
      }
      folded += character;
      octets += size;
    });
    return folded;
  }

  function stamp(time) {
    return time.toISOString().replace(/[-:]|\.\d+/g, "");
  }

  function day(date) {
    return iso(date).replace(/-/g, "");
  }

  /* A calendar of all-day events: [{uid, date, summary, description, url, alarm (a TRIGGER or null)}]. */
  function icsFile(name, events, now) {
    var sequence = Math.max(0, Math.floor((now - SEQUENCE_START) / 1000));
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//office-handbook//checklist runs//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escapeText(name)];
    events.forEach(function (event) {
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + event.uid,
        "DTSTAMP:" + stamp(now),
        "SEQUENCE:" + sequence,
        "DTSTART;VALUE=DATE:" + day(event.date),
        "DTEND;VALUE=DATE:" + day(addDays(event.date, 1)),
        "SUMMARY:" + escapeText(event.summary),
        "DESCRIPTION:" + escapeText(event.description),
        "URL:" + event.url,
        "TRANSP:TRANSPARENT"
      );
      if (event.alarm) lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escapeText(event.summary), "TRIGGER:" + event.alarm, "END:VALARM");
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  handbook.calendar = { parse: parse, iso: iso, today: today, addDays: addDays, useHolidays: useHolidays, dayOf: dayOf, dueDate: dueDate, label: label, monthDay: monthDay, schedule: schedule, dueText: dueText, dayOffSummary: dayOffSummary, unknownYearsNote: unknownYearsNote, REMINDERS: REMINDERS, reminderOf: reminderOf, runEvents: runEvents, escapeText: escapeText, fold: fold, icsFile: icsFile };
})((window.OfficeHandbook = window.OfficeHandbook || {}));
