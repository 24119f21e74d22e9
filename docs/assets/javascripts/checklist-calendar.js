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

  /* The date `offset` days from the anchor. With workdays, only Monday–Friday
   * are counted (offset 0 is the anchor itself); holidays and 调休 are unknown. */
  function dueDate(anchor, offset, workdays) {
    if (!workdays) return addDays(anchor, offset);
    var date = anchor;
    var step = offset < 0 ? -1 : 1;
    for (var left = Math.abs(offset); left > 0; ) {
      date = addDays(date, step);
      if (date.getUTCDay() % 6) left--;
    }
    return date;
  }

  /* "3 月 2 日 周一", with the year in front unless it is `year`. */
  function label(date, year) {
    var y = date.getUTCFullYear();
    return (y === year ? "" : y + " 年 ") + (date.getUTCMonth() + 1) + " 月 " + date.getUTCDate() + " 日 周" + WEEKDAYS[date.getUTCDay()];
  }

  /* Each item's date in a run and whether it is overdue (unticked, before today).
   * items: [{id, due: signed days or null}]. */
  function schedule(items, run, today) {
    var anchor = parse(run.anchor);
    return items.map(function (item) {
      var date = anchor && item.due !== null ? dueDate(anchor, item.due, run.workdays) : null;
      var done = Object.prototype.hasOwnProperty.call(run.ticks, item.id);
      return { id: item.id, date: date, done: done, overdue: !done && !!date && date < today };
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

  /* A calendar of all-day events: [{uid, date, summary, description}]. */
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
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  handbook.calendar = { parse: parse, iso: iso, today: today, dueDate: dueDate, label: label, schedule: schedule, escapeText: escapeText, fold: fold, icsFile: icsFile };
})((window.OfficeHandbook = window.OfficeHandbook || {}));
