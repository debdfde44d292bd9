/**
 * What the environment record keeps about sleeping (`env.meta.power`) and office hours
 * (`env.meta.hours`), as zod schemas: both are durable state read back from DynamoDB, so they
 * are parsed, never cast. A record that does not parse reads as "never slept" / "no office
 * hours" (and is said so in logs by whoever writes it next), never as a crash.
 *
 * The stretches below are when our own stop calls had taken effect: the web servers' and the
 * DB's off time is what the cost estimator leaves out of instance- and DB-hours.
 */
import { z } from 'zod';
import type { Environment } from './types';

export const intervalSchema = z.object({ start: z.number(), end: z.number().optional() });
export type PowerInterval = z.infer<typeof intervalSchema>;

/** The most stretches kept per resource (two a day on office hours: over six months). */
export const MAX_POWER_INTERVALS = 400;

export const powerRecordSchema = z.object({
  /** `asleep` while anything sitebot stopped is still stopped; `awake` once all is up again. */
  state: z.enum(['awake', 'asleep']),
  /** When that state began. */
  since: z.number(),
  /** When the web servers were stopped (both), the last one open while they are. */
  webOff: z.array(intervalSchema).default([]),
  /** When the DB instance was stopped; RDS's own start after 7 days closes a stretch too. */
  dbOff: z.array(intervalSchema).default([]),
  /** When the DB was last seen `stopped`: RDS starts it by itself 7 days later. */
  dbStoppedAt: z.number().optional(),
  /** When the reminder pass last looked for that start (it checks again at most hourly). */
  dbCheckedAt: z.number().optional(),
  /** Office hours do not put it to sleep before this ("Keep awake 2 h"). */
  keepAwakeUntil: z.number().optional(),
  /** Someone asked for a wake while a run held the env: the reminder pass wakes it once free. */
  wakeRequested: z.boolean().optional(),
  /** The sleep whose finish last wrote this record, and whether it re-stopped the DB: a
   * repeated finish of the same run (after a crash or a lost race) changes nothing. */
  appliedSleep: z.object({ runId: z.string(), restoppedDb: z.boolean() }).optional(),
});
export type PowerRecord = z.infer<typeof powerRecordSchema>;

const hhmm = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const officeHoursSchema = z
  .object({
    /** Minutes after local midnight: awake from `start`, asleep from `end` (start < end). */
    start: hhmm,
    end: hhmm,
    /** Local days of the week it is awake on, 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1),
    /** IANA zone the hours are read in (the channel's). */
    timeZone: z.string().min(1),
    /** When the hours were set: schedule edges before this are not acted on. */
    setAt: z.number(),
    /** The latest schedule edge the reminder pass has acted on (each edge once). */
    handledEdgeAt: z.number().optional(),
  })
  .refine((h) => h.start < h.end, 'office hours must start before they end');
export type OfficeHours = z.infer<typeof officeHoursSchema>;

/**
 * `env.meta.powerClaim`: the reminder pass's last claimed sleep or wake, written with its marks
 * before the run is started. Still the env's last run, with no run going, a while later: the pass
 * stopped between the claim and the start (a crash, a Lambda timeout), and a later pass claims it
 * again under the same key.
 */
export const powerClaimSchema = z.object({
  kind: z.enum(['sleep', 'wake']),
  reason: z.enum(['office-hours', 'keep-awake', 'db-auto-start']),
  /** The action's key: its announcement's outbox id, the same when claimed again. */
  key: z.string(),
  at: z.number(),
  /** The env's last run when it was claimed (none: it had had none). */
  afterRun: z.string().optional(),
});
export type PowerClaim = z.infer<typeof powerClaimSchema>;

export function powerClaimOf(env: Pick<Environment, 'meta'>): PowerClaim | undefined {
  const parsed = powerClaimSchema.safeParse(env.meta?.powerClaim);
  return parsed.success ? parsed.data : undefined;
}

/** `env.meta.power`, or undefined when the env never slept (or the record does not parse). */
export function powerOf(env: Pick<Environment, 'meta'>): PowerRecord | undefined {
  const parsed = powerRecordSchema.safeParse(env.meta?.power);
  return parsed.success ? parsed.data : undefined;
}

/** `env.meta.hours`, or undefined when it has none. */
export function officeHoursOf(env: Pick<Environment, 'meta'>): OfficeHours | undefined {
  const parsed = officeHoursSchema.safeParse(env.meta?.hours);
  return parsed.success ? parsed.data : undefined;
}

export function isAsleep(env: Pick<Environment, 'meta'>): boolean {
  return powerOf(env)?.state === 'asleep';
}

/** Closes the open stretch (if any) at `end`. */
export function closeInterval(list: readonly PowerInterval[], end: number): PowerInterval[] {
  const last = list[list.length - 1];
  if (!last || last.end !== undefined) return [...list];
  return [...list.slice(0, -1), { start: last.start, end: Math.max(last.start, end) }];
}

/** Opens a stretch at `start` unless one is open already; keeps the newest MAX_POWER_INTERVALS. */
export function openInterval(list: readonly PowerInterval[], start: number): PowerInterval[] {
  const last = list[list.length - 1];
  if (last && last.end === undefined) return [...list];
  return [...list, { start }].slice(-MAX_POWER_INTERVALS);
}
