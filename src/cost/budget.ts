/**
 * Money over a window, for a channel's monthly budget: the billing month, and what an env will
 * cost over a coming window at today's rates when it is awake for part of it (what it cost
 * between two instants is the estimator's `costBetween`). Months are UTC calendar months, as AWS
 * bills them.
 */
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
