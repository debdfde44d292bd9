/**
 * Money over a window, for a channel's monthly budget: what usage cost between two instants,
 * and what an env will cost over a coming window at today's rates when it is awake for part of
 * it. Months are UTC calendar months, as AWS bills them.
 */
import { estimateEnvironmentCost, type EnvironmentUsage } from './estimator';
import type { PriceTable } from './price-table';
import type { SleepRates } from './sleep-usage';

const HOUR = 3_600_000;

export interface BillingMonth {
  /** `YYYY-MM`. */
  month: string;
  start: number;
  /** The next month's start. */
  end: number;
}

export function billingMonth(now: number): BillingMonth {
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { month: new Date(start).toISOString().slice(0, 7), start, end };
}

/** What `usage` cost between `from` and `to` (cost so far at `to` minus at `from`). */
export function spendBetween(usage: EnvironmentUsage, from: number, to: number, table?: PriceTable): number {
  if (to <= from) return 0;
  const at = (now: number) => estimateEnvironmentCost(usage, { now, ...(table ? { table } : {}) }).soFar;
  return Math.max(0, at(to) - at(from));
}

/**
 * Cost of `windowMs` at today's rates, awake for `awakeMs` of it and asleep the rest
 * (per-start minimums left out: seconds to minutes a day).
 */
export function forecastCost(
  rates: Pick<SleepRates, 'awake' | 'asleep'>,
  windowMs: number,
  awakeMs: number,
): number {
  const asleepMs = Math.max(0, windowMs - awakeMs);
  return (rates.awake.perHour * Math.max(0, awakeMs) + rates.asleep.perHour * asleepMs) / HOUR;
}
