/**
 * What an environment costs, for every place that shows it (status, list, the digest, reminders,
 * the destroy confirmation, extend, the CLI): its resources and their create and teardown step
 * timings through the estimator, one usage for every figure, with the hours it slept left out of
 * instance- and DB-hours. A torn-down environment's cost is final (it stops where its resources
 * were deleted). A missing price (a region the table lacks) answers undefined rather than failing
 * the command.
 */
import { usageAwakeAllAlong, usageFromEnvironment } from '../../cost/environment-usage';
import {
  costBetween,
  estimateEnvironmentCost,
  type CostEstimate,
  type EnvironmentUsage,
} from '../../cost/estimator';
import { sleepRates, type SleepRates } from '../../cost/sleep-usage';
import type { Environment, StateStore } from '../../state/types';
import { latestOf, recentRunsOf } from './env-inventory';

/**
 * The env's usage as the estimator reads it: what it has (or had), and since (and until) when;
 * `awakeAllAlong` as if it had never slept (what sleeping saved is measured against it).
 */
export async function environmentUsage(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  awakeAllAlong = false,
): Promise<EnvironmentUsage> {
  const both = await environmentUsages(store, env);
  return awakeAllAlong ? both.awakeAllAlong : both.usage;
}

/**
 * Both usages of the env from one read of its runs: as it is, and as if it had never slept. A
 * list or digest shows every env's cost, so a second read per env would double its queries.
 */
export async function environmentUsages(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
): Promise<{ usage: EnvironmentUsage; awakeAllAlong: EnvironmentUsage }> {
  const runs = await recentRunsOf(store, env);
  const create = latestOf(runs, env, 'create');
  const destroy = env.status === 'destroyed' ? latestOf(runs, env, 'destroy') : undefined;
  return {
    usage: usageFromEnvironment(env, create, destroy),
    awakeAllAlong: usageAwakeAllAlong(env, create, destroy),
  };
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
    const { usage, awakeAllAlong } = await environmentUsages(store, env);
    const estimate = estimateEnvironmentCost(usage, { now });
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

/** What keeping the env as it is from `from` to `to` costs (an extension, a spend cap), or undefined. */
export async function environmentCostBetween(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  from: number,
  to: number,
): Promise<number | undefined> {
  try {
    return costBetween(await environmentUsage(store, env), from, to);
  } catch {
    return undefined;
  }
}
