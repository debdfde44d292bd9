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
import { say, type Said } from '../../i18n/said';
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
  { ok: true; month?: ChannelMonth; newEnv?: number } | { ok: false; message: Said };

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
    const error = err instanceof Error ? err.message : String(err);
    return { ok: false, message: say('work.budgetUnknown', { error }) };
  }
  const spent = month.spentRunning + month.spentDestroyed;
  const total = spent + month.comingFromRunning + fresh.usd;
  if (total <= budgetUsd) return { ok: true, month, newEnv: fresh.usd };
  return {
    ok: false,
    message: say('work.overBudget', {
      env: req.env,
      month: month.month,
      total,
      budget: budgetUsd,
      spent,
      coming: month.comingFromRunning,
      fresh: fresh.usd,
      forMs: fresh.until - now,
      onHours: req.hours !== undefined,
      perDay: estimateSpecEnvironment(req.spec).perDay,
    }),
  };
}
