/**
 * What an environment costs, for status, list, the digest, extend's cap and the destroy
 * confirmation: its resources and their create-step timings through the estimator. A missing
 * price (a region the table lacks) answers undefined rather than failing the command.
 */
import { estimateEnvironmentCost, type CostEstimate } from '../cost/estimator';
import { usageFromEnvironment } from '../cost/environment-usage';
import { formatPerDay, formatUsd } from '../cost/format';
import type { Environment, Run, StateStore } from '../state/types';

/** The env's latest create run (its step timings say when each resource appeared). */
export async function createRunOf(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
): Promise<Run | undefined> {
  const runs = await store.runs.listByEnv(env.name, 20);
  return runs
    .filter((r) => r.kind === 'create' && r.createdAt >= env.createdAt - 60_000)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

export async function environmentCost(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  now: number,
): Promise<CostEstimate | undefined> {
  try {
    return estimateEnvironmentCost(usageFromEnvironment(env, await createRunOf(store, env)), { now });
  } catch {
    return undefined;
  }
}

/** "$1.23 so far · $3.40/day", or a plain "cost unknown". */
export function costText(estimate: CostEstimate | undefined): string {
  if (!estimate) return 'cost unknown';
  return `${formatUsd(estimate.soFar)} so far · ${formatPerDay(estimate.perDay)}`;
}
