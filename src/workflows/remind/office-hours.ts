/**
 * Office hours: an environment awake from `start` to `end` local time on chosen days (weekdays
 * by default), asleep otherwise, in its channel's time zone. Pure: parsing what people type
 * (`09:00-19:00`, `mon-fri`), turning local wall-clock times into instants (through Intl, so a
 * zone with daylight saving time gets its 09:00 right on both sides of a change), and listing
 * the schedule's edges — the instants it should wake or go to sleep — and its awake stretches.
 */
import { say, type Said } from '../../i18n/said';
import type { OfficeHours } from '../../state/power';
import { localTime } from './local-time';

const MINUTE = 60_000;
const DAY = 86_400_000;

export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** The hours and days as typed, checked; `days` defaults to weekdays. */
export type HoursSpec = Pick<OfficeHours, 'start' | 'end' | 'days'>;

/** `09:00-19:00` → minutes after midnight; an error message for anything else. */
export function parseHoursRange(text: string): { start: number; end: number } | Said {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return say('grammar.hoursShape', { got: clip(text) });
  const [h1, m1, h2, m2] = m.slice(1).map(Number);
  if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 === 24 && m2 > 0)) {
    return say('grammar.hoursTimes', { got: clip(text) });
  }
  const start = h1 * 60 + m1;
  const end = h2 * 60 + m2;
  if (start >= end) return say('grammar.hoursOrder');
  return { start, end };
}

/** `weekdays`, `daily`, `weekends`, or day names and ranges: `mon-fri`, `mon,wed,fri`, `sat-sun`. */
export function parseDays(text: string): number[] | Said {
  const t = text.trim().toLowerCase();
  if (t === 'weekdays') return [...WEEKDAYS];
  if (t === 'daily' || t === 'everyday') return [0, 1, 2, 3, 4, 5, 6];
  if (t === 'weekends') return [0, 6];
  const days = new Set<number>();
  for (const part of t.split(',')) {
    const [from, to] = part.split('-');
    const a = DAY_NAMES.indexOf(from as (typeof DAY_NAMES)[number]);
    const b = to === undefined ? a : DAY_NAMES.indexOf(to as (typeof DAY_NAMES)[number]);
    if (a < 0 || b < 0 || part.split('-').length > 2) {
      return say('grammar.daysShape', { got: clip(text) });
    }
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

/** Milliseconds the zone's clock is ahead of UTC at `epochMs`. */
function offsetAt(epochMs: number, zone: string): number {
  const l = localTime(epochMs, zone);
  const [y, m, d] = l.date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + l.minutes * MINUTE;
  return wall - Math.floor(epochMs / MINUTE) * MINUTE;
}

/**
 * The instant the zone's clocks show `minutes` after midnight of local date `date` (YYYY-MM-DD).
 * In a fall-back overlap it is the first of the two; a time in a spring-forward gap (which the
 * clocks never show) is read with the offset before the change: 02:30 becomes 03:30, as
 * Temporal's "compatible" disambiguation does.
 */
export function zonedInstant(date: string, minutes: number, zone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  const before = wall - offsetAt(wall - DAY / 2, zone);
  const after = wall - offsetAt(wall + DAY / 2, zone);
  // Try both offsets around the day; the earlier one that shows the wall time wins.
  for (const t of [Math.min(before, after), Math.max(before, after)]) {
    if (t + offsetAt(t, zone) === wall) return t;
  }
  return Math.max(before, after);
}

/** YYYY-MM-DD `n` days after `date`. */
function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export interface Edge {
  at: number;
  kind: 'wake' | 'sleep';
}

/** Each awake window (`start`…`end` on an office day) that overlaps [from, to], in order. */
export function awakeWindows(h: OfficeHours, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const first = addDays(localTime(from, h.timeZone).date, -1);
  for (let date = first; ; date = addDays(date, 1)) {
    const dayStart = zonedInstant(date, 0, h.timeZone);
    if (dayStart > to) break;
    if (!h.days.includes(weekdayOf(date))) continue;
    const start = zonedInstant(date, h.start, h.timeZone);
    const end = zonedInstant(date, h.end, h.timeZone);
    if (end > from && start <= to) out.push({ start, end });
  }
  return out;
}

/** Every edge in (from, to], in order. */
export function edgesBetween(h: OfficeHours, from: number, to: number): Edge[] {
  return awakeWindows(h, from, to)
    .flatMap((w): Edge[] => [
      { at: w.start, kind: 'wake' },
      { at: w.end, kind: 'sleep' },
    ])
    .filter((e) => e.at > from && e.at <= to);
}

/** The office day's two edges on local date `date`, or none on a day off. */
function edgesOn(h: OfficeHours, date: string): Edge[] {
  if (!h.days.includes(weekdayOf(date))) return [];
  return [
    { at: zonedInstant(date, h.start, h.timeZone), kind: 'wake' },
    { at: zonedInstant(date, h.end, h.timeZone), kind: 'sleep' },
  ];
}

/** The latest edge at or before `now`, looking back a week at most (walks back day by day). */
export function latestEdge(h: OfficeHours, now: number): Edge | undefined {
  const today = localTime(now, h.timeZone).date;
  for (let back = 0; back <= 8; back++) {
    const found = edgesOn(h, addDays(today, -back))
      .filter((e) => e.at <= now)
      .pop();
    if (found) return found;
  }
  return undefined;
}

/** The first edge after `now`, looking a week ahead at most. */
export function nextEdge(h: OfficeHours, now: number): Edge | undefined {
  const today = localTime(now, h.timeZone).date;
  for (let ahead = 0; ahead <= 8; ahead++) {
    const found = edgesOn(h, addDays(today, ahead)).find((e) => e.at > now);
    if (found) return found;
  }
  return undefined;
}

/** Whether the schedule says awake at `t`. */
export function withinHours(h: OfficeHours, t: number): boolean {
  return awakeWindows(h, t, t + 1).some((w) => w.start <= t && t < w.end);
}

/** Milliseconds of [from, to] the schedule has awake. */
export function awakeMs(h: OfficeHours, from: number, to: number): number {
  return awakeWindows(h, from, to).reduce(
    (sum, w) => sum + Math.max(0, Math.min(w.end, to) - Math.max(w.start, from)),
    0,
  );
}

function clip(s: string): string {
  const flat = s.replace(/[\r\n`]/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 29)}…` : flat;
}
