/**
 * What an environment costs, for every place that shows it (status, list, the digest, reminders,
 * the destroy confirmation, extend, the CLI): its resources and their create and teardown step
 * timings through the estimator, one usage for every figure. A torn-down environment's cost is
 * final (it stops where its resources were deleted). A missing price (a region the table lacks)
 * answers undefined rather than failing the command.
 */
import { usageFromEnvironment } from '../../cost/environment-usage';
import {
  costBetween,
  estimateEnvironmentCost,
  type CostEstimate,
  type EnvironmentUsage,
} from '../../cost/estimator';
import type { Environment, StateStore } from '../../state/types';
import { latestRunOf } from './env-inventory';

/** The env's usage as the estimator reads it: what it has (or had), and since (and until) when. */
async function environmentUsage(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
): Promise<EnvironmentUsage> {
  const create = await latestRunOf(store, env, 'create');
  const destroy = env.status === 'destroyed' ? await latestRunOf(store, env, 'destroy') : undefined;
  return usageFromEnvironment(env, create, destroy);
}

export async function environmentCost(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  now: number,
): Promise<CostEstimate | undefined> {
  try {
    return estimateEnvironmentCost(await environmentUsage(store, env), { now });
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
