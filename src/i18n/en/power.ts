/**
 * Sleep, wake and office hours (src/bot/views/power.ts): a sleep or wake run's end, the
 * "asleep since …" beside an environment, the Wake now / Keep awake buttons, the announcements of
 * the reminder pass's own sleeps and wakes, and office hours in words.
 */
import { bold, code, mention, mrkdwn, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Days as people say them: `Mon–Fri`, `Sat, Sun`, `every day` (0 = Sunday). */
export function daysText(
  days: readonly number[],
  names: readonly string[],
  every: string,
  to: string,
  sep: string,
): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return every;
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${names[sorted[0]]}${to}${names[sorted[sorted.length - 1]]}`;
  return sorted.map((d) => names[d]).join(sep);
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export { hhmm as clockTime };

export const power = (f: Formatter) => {
  const held = (ms: number | undefined) => (ms ? ` and keeps it awake for ${f.duration(ms)}` : '');
  return {
    /** `09:00–19:00 Mon–Fri (Asia/Tokyo)` */
    hours: (h: { start: number; end: number; days: readonly number[]; timeZone: string }) =>
      `${hhmm(h.start)}–${hhmm(h.end)} ${daysText(h.days, DAYS, 'every day', '–', ', ')} (${h.timeZone})`,
    /** `, asleep since 2026-01-05 19:00 UTC (14h)` */
    asleepSince: (a: { since: number; ms: number }) =>
      `, asleep since ${f.instant(a.since)} (${f.duration(a.ms)})`,
    slept: (a: { env: string }) => `sleep of ${a.env} done`,
    woke: (a: { env: string }) => `wake of ${a.env} done`,
    wakeWith: (a: { env: string }): Mrkdwn => mrkdwn`Wake it with ${code(`/site wake ${a.env}`)}.`,
    sleepWith: (a: { env: string }): Mrkdwn => mrkdwn`Put it to sleep with ${code(`/site sleep ${a.env}`)}.`,
    ended: (a: { kind: 'sleep' | 'wake'; env: string; status: string }) =>
      `${a.kind} of ${a.env} ${a.status}`,
    again: (a: { kind: 'sleep' | 'wake'; env: string }): Mrkdwn =>
      mrkdwn`Run ${code(`/site ${a.kind} ${a.env}`)} again: it picks up what is left.`,
    wakeNow: () => 'Wake now',
    keepAwake: () => 'Keep awake 2 h',
    dbAutoStart: (a: { env: string }): Mrkdwn =>
      mrkdwn`:zzz: RDS started ${bold(a.env)}'s DB instance by itself after 7 days stopped: stopping it again…`,
    officeSleep: (a: { env: string; hours?: string }): Mrkdwn =>
      mrkdwn`:crescent_moon: Office hours${a.hours ? ` (${a.hours})` : ''}: putting ${bold(a.env)} to sleep…`,
    officeWake: (a: { env: string; hours?: string }): Mrkdwn =>
      mrkdwn`:sunrise: Office hours${a.hours ? ` (${a.hours})` : ''}: waking ${bold(a.env)}…`,
    sleeping: (a: { env: string }): Mrkdwn => mrkdwn`:zzz: Putting ${bold(a.env)} to sleep…`,
    waking: (a: { env: string }): Mrkdwn => mrkdwn`:sunrise: Waking ${bold(a.env)}…`,
    notStarted: (a: { env: string; kind: 'sleep' | 'wake'; why: string }): Mrkdwn =>
      mrkdwn`:no_entry: ${a.kind === 'sleep' ? 'Sleep' : 'Wake'} of ${bold(a.env)} did not start: ${a.why}`,
    hoursOff: (a: { by: string; env: string }): Mrkdwn =>
      mrkdwn`${mention(a.by)} turned office hours off for ${bold(a.env)}: it stays as it is now (awake or asleep) until someone runs ${code('/site sleep')} or ${code('/site wake')}.`,
    hoursSet: (a: {
      by: string;
      env: string;
      hours: string;
      next?: { kind: 'sleep' | 'wake'; inMs: number };
      savingPerDay?: number;
    }): Mrkdwn =>
      mrkdwn`${mention(a.by)} set office hours for ${bold(a.env)}: ${a.hours}${
        a.next
          ? `; next it ${a.next.kind === 'sleep' ? 'goes to sleep' : 'wakes'} in ${f.duration(a.next.inMs)}`
          : ''
      }${a.savingPerDay !== undefined ? `; that saves about ${f.perDay(a.savingPerDay)} on average` : ''}.`,
    wakeAfterSleep: (a: { by: string; env: string; heldMs?: number }): Mrkdwn =>
      mrkdwn`${mention(a.by)} asked to wake ${bold(a.env)}${held(a.heldMs)}: it wakes as soon as its sleep is over.`,
    wakingAlready: (a: { env: string; heldMs?: number }): Mrkdwn =>
      mrkdwn`${bold(a.env)} is waking already${held(a.heldMs)}.`,
    isAwake: (a: { by: string; env: string; heldMs?: number }): Mrkdwn =>
      mrkdwn`${mention(a.by)}: ${bold(a.env)} is awake${held(a.heldMs)}.`,
  };
};

export type PowerTexts = ReturnType<typeof power>;
