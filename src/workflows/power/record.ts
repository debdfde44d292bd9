/**
 * How a finished sleep or wake changes `env.meta.power` (src/state/power.ts): which stretches
 * of stopped time open or close, and whether the env is asleep. Pure, so the rules are tested
 * on their own; onFinish (finish.ts) reads the step outputs and writes the result.
 *
 * Times are when sitebot saw a resource stopped (a stretch opens) or sent its start (a stretch
 * closes): both err towards counting a little more running time, never less. Something found
 * running that the record says is off was started behind sitebot's back: the DB by RDS itself
 * after 7 days stopped (its stretch closes then), a web server by a person at a time nobody
 * recorded (its stretch is dropped: counted as running all along).
 */
import { closeInterval, openInterval, type PowerInterval, type PowerRecord } from '../../state/power';

/** RDS starts a DB instance by itself after it has been stopped this long. */
export const RDS_MAX_STOPPED_MS = 7 * 24 * 3_600_000;

export interface SleepFacts {
  now: number;
  /** When the web servers were seen stopped (both), if they were. */
  webStoppedAt?: number;
  /** When sitebot sent the web servers' stop (unset: they were already stopped). */
  webStopSentAt?: number;
  dbStoppedAt?: number;
  dbStopSentAt?: number;
}

/** Whether a resource group is up after a wake: any of it (it bills again), all of it (awake). */
export interface UpFacts {
  any: boolean;
  all: boolean;
  /** When sitebot sent its start (unset: it sent none). */
  sentAt?: number;
}

export interface WakeFacts {
  now: number;
  /** Unknown (undefined) when the wake never got as far as reading the env's ids. */
  web?: UpFacts;
  db?: UpFacts;
}

const AWAKE: PowerRecord = { state: 'awake', since: 0, webOff: [], dbOff: [] };

const isOpen = (list: readonly PowerInterval[]) => list.length > 0 && list[list.length - 1].end === undefined;

/** Drops the open stretch: nobody knows when it really ended. */
function dropOpen(list: readonly PowerInterval[]): PowerInterval[] {
  return isOpen(list) ? list.slice(0, -1) : [...list];
}

/** When RDS started the DB by itself, if the record's stopped DB was found running at `foundAt`. */
function rdsOwnStart(prior: PowerRecord, foundAt: number): number {
  return prior.dbStoppedAt === undefined
    ? foundAt
    : Math.min(prior.dbStoppedAt + RDS_MAX_STOPPED_MS, foundAt);
}

export interface SleepOutcome {
  power: PowerRecord;
  /** The DB the record said was stopped was running (RDS's own start): it was stopped again. */
  restoppedDb: boolean;
}

export function afterSleep(prior: PowerRecord | undefined, f: SleepFacts): SleepOutcome {
  const p = prior ?? { ...AWAKE, since: f.now };
  let { webOff, dbOff } = p;
  const restoppedDb = isOpen(dbOff) && f.dbStopSentAt !== undefined;
  if (restoppedDb) dbOff = closeInterval(dbOff, rdsOwnStart(p, f.dbStopSentAt!));
  if (isOpen(webOff) && f.webStopSentAt !== undefined) webOff = dropOpen(webOff);
  if (f.webStoppedAt !== undefined) webOff = openInterval(webOff, f.webStoppedAt);
  if (f.dbStoppedAt !== undefined) dbOff = openInterval(dbOff, f.dbStoppedAt);
  const asleep = isOpen(webOff) || isOpen(dbOff);
  const wasAsleep = p.state === 'asleep';
  const latestStop = Math.max(f.webStoppedAt ?? 0, f.dbStoppedAt ?? 0) || f.now;
  const dbStoppedAt = isOpen(dbOff) ? dbOff[dbOff.length - 1].start : undefined;
  const power: PowerRecord = {
    state: asleep ? 'asleep' : 'awake',
    since: asleep && wasAsleep ? p.since : asleep ? latestStop : p.since,
    webOff,
    dbOff,
    ...(dbStoppedAt !== undefined ? { dbStoppedAt } : {}),
    dbCheckedAt: f.now,
    // Pressed while this sleep ran: Keep awake still in force, a wake still wanted.
    ...(p.keepAwakeUntil !== undefined && p.keepAwakeUntil > f.now
      ? { keepAwakeUntil: p.keepAwakeUntil }
      : {}),
    ...(p.wakeRequested ? { wakeRequested: true } : {}),
  };
  return { power, restoppedDb };
}

export function afterWake(prior: PowerRecord | undefined, f: WakeFacts): PowerRecord {
  const p = prior ?? { ...AWAKE, since: f.now };
  let { webOff, dbOff } = p;
  if (f.web?.any)
    webOff = f.web.sentAt !== undefined ? closeInterval(webOff, f.web.sentAt) : dropOpen(webOff);
  if (f.db?.any) dbOff = closeInterval(dbOff, f.db.sentAt ?? rdsOwnStart(p, f.now));
  const known = f.web !== undefined && f.db !== undefined;
  const awake = known ? f.web!.all && f.db!.all : p.state === 'awake';
  const dbStoppedAt = isOpen(dbOff) ? p.dbStoppedAt : undefined;
  return {
    state: awake ? 'awake' : 'asleep',
    since: awake === (p.state === 'awake') ? p.since : f.now,
    webOff,
    dbOff,
    ...(dbStoppedAt !== undefined ? { dbStoppedAt } : {}),
    ...(p.keepAwakeUntil !== undefined ? { keepAwakeUntil: p.keepAwakeUntil } : {}),
  };
}
