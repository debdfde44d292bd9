/**
 * Sleeping in the estimator's terms: while the web servers are stopped they pay no
 * instance-hours and give back their auto-assigned public IPv4 addresses (EC2 releases them on
 * stop); while the DB instance is stopped it pays no DB instance-hours. Everything else bills
 * all the time: the EBS volumes, the AMI's snapshot, the DB's storage, the ALB with its LCUs
 * and its own public IPv4 addresses (RDS User Guide, "Stopping an Amazon RDS DB instance
 * temporarily": storage and backups are still charged; EC2 User Guide: a stopped instance is
 * not charged for usage, its EBS volumes are).
 */
import type { Said } from '../i18n/said';
import type { DbPeriod, EnvironmentUsage, Interval } from './estimator';
import { estimateEnvironmentCost, type CostEstimate, type EstimateOptions } from './estimator';

/** When the web servers and the DB were off (from `env.meta.power`). */
export interface OffIntervals {
  webOff: readonly Interval[];
  dbOff: readonly Interval[];
}

/** `span` without the parts covered by `off` (sorted, non-overlapping pieces). */
export function subtractIntervals(span: Interval, off: readonly Interval[]): Interval[] {
  let pieces: Interval[] = [span];
  for (const cut of off) {
    const next: Interval[] = [];
    for (const p of pieces) {
      const pEnd = p.end ?? Infinity;
      const cEnd = cut.end ?? Infinity;
      if (cEnd <= p.start || cut.start >= pEnd) {
        next.push(p);
        continue;
      }
      if (cut.start > p.start) next.push({ start: p.start, end: cut.start });
      if (cEnd < pEnd) next.push(p.end === undefined ? { start: cEnd } : { start: cEnd, end: p.end });
    }
    pieces = next;
  }
  return pieces;
}

/** The part both intervals cover, if any. */
function intersect(a: Interval, b: Interval): Interval | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end ?? Infinity, b.end ?? Infinity);
  if (end <= start) return undefined;
  return end === Infinity ? { start } : { start, end };
}

/** A running DB period split into running and stopped stretches, in time order. */
function splitPeriod(period: DbPeriod, off: readonly Interval[]): DbPeriod[] {
  if (!period.running || off.length === 0) return [period];
  const as = (running: boolean) => (i: Interval) => ({ multiAz: period.multiAz, ...i, running });
  const stopped = off.map((cut) => intersect(period, cut)).filter((i): i is Interval => i !== undefined);
  return [...subtractIntervals(period, off).map(as(true)), ...stopped.map(as(false))].sort(
    (a, b) => a.start - b.start,
  );
}

/** The usage with the off stretches taken out of instance-hours, instance IPv4 and DB instance-hours. */
export function withOffIntervals(usage: EnvironmentUsage, off: OffIntervals | undefined): EnvironmentUsage {
  if (!off || (off.webOff.length === 0 && off.dbOff.length === 0)) return usage;
  return {
    ...usage,
    instances: usage.instances.map((i) => ({
      ...i,
      running: i.running.flatMap((r) => subtractIntervals(r, off.webOff)),
    })),
    dbs: usage.dbs.map((db) => ({
      ...db,
      periods: db.periods.flatMap((p) => splitPeriod(p, off.dbOff)),
    })),
  };
}

export interface SleepRates {
  /** The env's cost with everything running, now. */
  awake: CostEstimate;
  /** The same env with the web servers and the DB stopped from now on. */
  asleep: CostEstimate;
  /** What sleeping saves per day: awake − asleep. */
  savedPerDay: number;
}

/** What the env costs per hour/day awake and asleep, from what it has (`usage` without sleeps). */
export function sleepRates(usage: EnvironmentUsage, options: EstimateOptions): SleepRates {
  const awake = estimateEnvironmentCost(usage, options);
  const from = options.now;
  const asleep = estimateEnvironmentCost(
    withOffIntervals(usage, { webOff: [{ start: from }], dbOff: [{ start: from }] }),
    options,
  );
  return { awake, asleep, savedPerDay: awake.perDay - asleep.perDay };
}

/** Names of the lines that still bill while asleep (`ALB × 1`, `EBS gp3 16 GB`, …), said. */
export function stillBilling(asleep: CostEstimate): Said[] {
  return asleep.lines.filter((l) => l.perHour > 0).map((l) => l.name);
}
