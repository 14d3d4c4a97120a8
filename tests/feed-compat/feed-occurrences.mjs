// Mozilla's ical.js (Thunderbird's iCalendar parser; not written by this project) reads an Aegis feed and expands
// every event's occurrences, so the feed can be compared with the wallet's own expansion.
// Usage: node feed-occurrences.mjs <feed.ics> <fromDate> <toDate>   (dates as YYYY-MM-DD, the window is [from, to))
// Prints one JSON array: { uid, start, end, allDay, summary, sequence } per occurrence whose start lies in the window:
// all-day starts/ends as YYYY-MM-DD dates, timed ones as UTC instants (YYYY-MM-DDTHH:MM:SSZ). Exits 1 on any error.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, fromText, toText] = process.argv.slice(2);
if (!file || !fromText || !toText) {
  console.error('usage: node feed-occurrences.mjs <feed.ics> <fromDate> <toDate>');
  process.exit(2);
}

const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}

const from = ICAL.Time.fromDateString(fromText);
const to = ICAL.Time.fromDateString(toText);
// Moved occurrences may start inside the window although their rule date lies a little past it.
const scanUntil = to.clone();
scanUntil.addDuration(ICAL.Duration.fromData({ days: 62 }));

const utc = (time) => time.toJSDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
const text = (time) => (time.isDate ? time.toString() : utc(time));
const inWindow = (time) => (time.isDate
  ? time.toString() >= fromText && time.toString() < toText
  : time.toJSDate() >= new Date(`${fromText}T00:00:00Z`) && time.toJSDate() < new Date(`${toText}T00:00:00Z`));

const byUid = new Map();
for (const vevent of root.getAllSubcomponents('vevent')) {
  const uid = vevent.getFirstPropertyValue('uid');
  const group = byUid.get(uid) ?? { master: null, exceptions: [] };
  if (vevent.hasProperty('recurrence-id')) group.exceptions.push(vevent); else group.master = vevent;
  byUid.set(uid, group);
}

const occurrences = [];
const add = (uid, item, start, end) => {
  if (!inWindow(start)) return;
  occurrences.push({
    uid, start: text(start), end: text(end), allDay: start.isDate, summary: item.summary, sequence: item.sequence,
  });
};

for (const [uid, group] of byUid) {
  if (!group.master) throw new Error(`event ${uid} has overrides but no master VEVENT`);
  const event = new ICAL.Event(group.master, { exceptions: group.exceptions.map((e) => new ICAL.Event(e)) });
  if (!event.isRecurring()) {
    add(uid, event, event.startDate, event.endDate);
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(), guard = 0; next && next.compare(scanUntil) < 0; next = iterator.next(), guard++) {
    if (guard > 20000) throw new Error(`event ${uid}: more than 20000 occurrences`);
    const details = event.getOccurrenceDetails(next);
    add(uid, details.item, details.startDate, details.endDate);
  }
}

occurrences.sort((a, b) => (a.uid + a.start).localeCompare(b.uid + b.start));
console.log(JSON.stringify(occurrences));
