/**
 * A channel's month in money, for SITEBOT_CHANNEL_BUDGET_USD: what its environments have spent
 * since the month began (the running ones from their records, the destroyed ones from the
 * spend ledger), and what the running ones will add until they expire or the month ends, at
 * today's rates and on their office hours. The create check and the digest both read it.
 */
import { billingMonth, forecastCost } from '../../cost/budget';
import { costBetween } from '../../cost/estimator';
import { sleepRates } from '../../cost/sleep-usage';
import { officeHoursOf, powerOf } from '../../state/power';
import type { Environment, StateStore } from '../../state/types';
import { environmentUsages } from '../operations/env-cost';
import { awakeMs } from '../remind/office-hours';

export interface ChannelMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  monthEnd: number;
  /** Spent this month by the channel's environments that still exist. */
  spentRunning: number;
  /** Spent this month by its environments destroyed since it began. */
  spentDestroyed: number;
  /** What the running ones will add from now until they expire or the month ends. */
  comingFromRunning: number;
}

/** When the env stops costing, as far as this month goes: its expiry (unless auto-destroy is off for it) or the month's end. */
function endOfSpend(env: Environment, monthEnd: number): number {
  return env.meta?.autoDestroy === false ? monthEnd : Math.min(env.expiresAt, monthEnd);
}

/** Milliseconds of [from, to] the env is expected awake: its office hours, else as it is now. */
export function expectedAwakeMs(env: Pick<Environment, 'meta'>, from: number, to: number): number {
  const hours = officeHoursOf(env);
  if (hours) return awakeMs(hours, from, to);
  return powerOf(env)?.state === 'asleep' ? 0 : Math.max(0, to - from);
}

/** One env's month: spent since the month began, and what it adds until `endOfSpend`. */
export async function envMonth(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  now: number,
): Promise<{ spent: number; coming: number }> {
  const { start, end } = billingMonth(now);
  const { usage, awakeAllAlong } = await environmentUsages(store, env);
  const spent = costBetween(usage, start, now);
  const until = endOfSpend(env, end);
  const rates = sleepRates(awakeAllAlong, { now });
  const coming = until > now ? forecastCost(rates, until - now, expectedAwakeMs(env, now, until)) : 0;
  return { spent, coming };
}

export async function channelMonth(
  store: Pick<StateStore, 'environments' | 'runs' | 'spend'>,
  channel: string,
  now: number,
): Promise<ChannelMonth> {
  const { month, end } = billingMonth(now);
  const envs = await store.environments.listActive({ channel });
  let spentRunning = 0;
  let comingFromRunning = 0;
  // An env the price table cannot price throws (PriceNotFoundError): a budget must not guess.
  for (const env of envs) {
    const m = await envMonth(store, env, now);
    spentRunning += m.spent;
    comingFromRunning += m.coming;
  }
  return {
    month,
    monthEnd: end,
    spentRunning,
    spentDestroyed: await store.spend.total(channel, month),
    comingFromRunning,
  };
}
