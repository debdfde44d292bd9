/**
 * The channel budget at `/site create` (and `sitebot create`): refused when the channel's month
 * — spent so far, plus what its running environments will add, plus the new one's estimate for
 * its TTL (on its office hours, if any) until the month ends — would go over the budget. The
 * refusal shows every number, so people see what to destroy, shorten or put on office hours.
 */
import { billingMonth, forecastCost } from '../../cost/budget';
import {
  estimateSpecEnvironment,
  specEnvironmentUsage,
  type SpecEnvironmentParams,
} from '../../cost/estimator';
import { formatDuration, formatPerDay, formatUsd } from '../../domain/format';
import { sleepRates } from '../../cost/sleep-usage';
import type { OfficeHours } from '../../state/power';
import type { StateStore } from '../../state/types';
import { awakeMs } from '../remind/office-hours';
import { channelMonth, type ChannelMonth } from './channel-month';

export interface CreateBudgetRequest {
  env: string;
  channel: string;
  ttlMs: number;
  /** The stack to be built (region, sizes, Multi-AZ). */
  spec: SpecEnvironmentParams;
  hours?: OfficeHours;
}

export type BudgetVerdict =
  { ok: true; month?: ChannelMonth; newEnv?: number } | { ok: false; message: string };

/** The new env's cost from now until its expiry or the month's end, awake only on its office hours. */
export function newEnvForecast(req: CreateBudgetRequest, now: number): { usd: number; until: number } {
  const until = Math.min(now + req.ttlMs, billingMonth(now).end);
  const rates = sleepRates(specEnvironmentUsage(req.spec), { now: 0 });
  const awake = req.hours ? awakeMs(req.hours, now, until) : until - now;
  return { usd: forecastCost(rates, until - now, awake), until };
}

export async function checkCreateBudget(
  store: Pick<StateStore, 'environments' | 'runs' | 'spend'>,
  budgetUsd: number | undefined,
  req: CreateBudgetRequest,
  now: number,
): Promise<BudgetVerdict> {
  if (budgetUsd === undefined) return { ok: true };
  let month: ChannelMonth;
  let fresh: { usd: number; until: number };
  try {
    month = await channelMonth(store, req.channel, now);
    fresh = newEnvForecast(req, now);
  } catch (err) {
    return {
      ok: false,
      message: `the channel budget cannot be checked (${err instanceof Error ? err.message : String(err)}), so nothing was created`,
    };
  }
  const spent = month.spentRunning + month.spentDestroyed;
  const total = spent + month.comingFromRunning + fresh.usd;
  if (total <= budgetUsd) return { ok: true, month, newEnv: fresh.usd };
  const perDay = estimateSpecEnvironment(req.spec).perDay;
  const howLong = `${formatDuration(fresh.until - now)}${req.hours ? ' on office hours' : ''} at up to ${formatPerDay(perDay)}`;
  return {
    ok: false,
    message:
      `${req.env} would take this channel's ${month.month} spend to about ${formatUsd(total)}, over its ` +
      `${formatUsd(budgetUsd)} monthly budget: ${formatUsd(spent)} spent so far, ` +
      `${formatUsd(month.comingFromRunning)} more from the running environments until they expire or the month ends, ` +
      `and about ${formatUsd(fresh.usd)} for ${req.env} (${howLong}). ` +
      `Destroy or put to sleep an environment, or create it with a shorter --ttl or --hours`,
  };
}

/** "$12.34 of the $50.00 budget spent in 2026-01 (25%); about $30.00 by the month's end at today's rates." */
export function describeChannelMonth(month: ChannelMonth, budgetUsd: number): string {
  const spent = month.spentRunning + month.spentDestroyed;
  const pct = budgetUsd > 0 ? Math.round((spent / budgetUsd) * 100) : 0;
  return (
    `${formatUsd(spent)} of the ${formatUsd(budgetUsd)} budget spent in ${month.month} (${pct}%); ` +
    `about ${formatUsd(spent + month.comingFromRunning)} by the month's end at today's rates`
  );
}
