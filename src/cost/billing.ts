/**
 * How AWS turns time into billable quantities, one pure function per rule. Times are epoch
 * milliseconds; an interval without `end` is still going on at `now`.
 */

export interface Interval {
  start: number;
  /** Absent while the resource still exists / runs. */
  end?: number;
}

const HOUR_MS = 3_600_000;

/** Whether the interval covers the instant `now` (start inclusive, end exclusive). */
export function isActiveAt(interval: Interval, now: number): boolean {
  return interval.start <= now && (interval.end === undefined || interval.end > now);
}

/** Seconds of the interval that lie before `now` (0 if it has not started). */
export function elapsedSeconds(interval: Interval, now: number): number {
  const end = Math.min(interval.end ?? now, now);
  return Math.max(0, (end - interval.start) / 1000);
}

/**
 * Per-second billing with a minimum: whole seconds (a started second counts), never less than
 * `minimumSeconds` once the interval has started. EC2 Linux: 60 s; RDS: 600 s (10 minutes).
 * The minimum is charged as soon as the interval starts: it is owed even if it stops at once.
 */
export function perSecondBilledHours(interval: Interval, now: number, minimumSeconds: number): number {
  if (interval.start > now) return 0;
  const seconds = Math.ceil(elapsedSeconds(interval, now));
  return Math.max(seconds, minimumSeconds) / 3600;
}

/** Prorated hours with no minimum (public IPv4, EBS snapshots). */
export function proratedHours(interval: Interval, now: number): number {
  return elapsedSeconds(interval, now) / 3600;
}

/**
 * Hours billed "per hour or partial hour" (ELB): every UTC clock hour the interval touches is
 * one full hour, as in AWS's hourly usage records. The current hour counts once it has begun.
 */
export function partialHoursBilled(interval: Interval, now: number): number {
  if (interval.start > now) return 0;
  const end = Math.min(interval.end ?? now, now);
  const firstHour = Math.floor(interval.start / HOUR_MS);
  const lastHourExclusive = Math.max(Math.ceil(end / HOUR_MS), firstHour + 1);
  return lastHourExclusive - firstHour;
}
