/**
 * What an environment costs, for status, list, the digest, extend's cap and the destroy
 * confirmation: its resources and their create-step timings through the estimator, with the
 * hours it slept left out of instance- and DB-hours. A missing price (a region the table
 * lacks) answers undefined rather than failing the command.
 */
import { estimateEnvironmentCost, type CostEstimate } from '../cost/estimator';
import { usageAwakeAllAlong, usageFromEnvironment } from '../cost/environment-usage';
import { formatPerDay, formatUsd } from '../cost/format';
import { sleepRates, type SleepRates } from '../cost/sleep-usage';
import type { Environment, Run, StateStore } from '../state/types';
import { latestCreateRun } from '../workflows/budget/channel-month';

/** The env's latest create run (its step timings say when each resource appeared). */
export function createRunOf(store: Pick<StateStore, 'runs'>, env: Environment): Promise<Run | undefined> {
  return latestCreateRun(store, env);
}

export interface EnvironmentCost extends CostEstimate {
  /** What sleeping has saved so far: the cost had it never slept, minus the cost. */
  savedSoFar: number;
  /** Its rates awake and asleep. */
  sleepRates: SleepRates;
}

export async function environmentCost(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  now: number,
): Promise<EnvironmentCost | undefined> {
  try {
    const run = await createRunOf(store, env);
    const estimate = estimateEnvironmentCost(usageFromEnvironment(env, run), { now });
    const awakeAllAlong = usageAwakeAllAlong(env, run);
    const unslept = estimateEnvironmentCost(awakeAllAlong, { now });
    return {
      ...estimate,
      savedSoFar: Math.max(0, unslept.soFar - estimate.soFar),
      sleepRates: sleepRates(awakeAllAlong, { now }),
    };
  } catch {
    return undefined;
  }
}

/** "$1.23 so far · $3.40/day" (and "· saved $0.80 asleep" once sleeping saved money), or "cost unknown". */
export function costText(estimate: (CostEstimate & { savedSoFar?: number }) | undefined): string {
  if (!estimate) return 'cost unknown';
  const saved = estimate.savedSoFar ?? 0;
  const savedText = saved >= 0.005 ? ` · saved ${formatUsd(saved)} asleep` : '';
  return `${formatUsd(estimate.soFar)} so far · ${formatPerDay(estimate.perDay)}${savedText}`;
}
