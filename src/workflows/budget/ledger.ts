/**
 * Keeps the spend ledger (StateStore.spend) in step with teardowns: when a destroy run ends
 * with the env destroyed, what the env spent in the current month goes to its channel's
 * ledger entry, so the budget still counts it once the env leaves the active index. Months
 * before the current one are not written: a budget is for the month under way.
 */
import { billingMonth } from '../../cost/budget';
import { costBetween } from '../../cost/estimator';
import type { Environment, StateStore } from '../../state/types';
import type { WorkflowDefinition } from '../engine/types';
import { environmentUsage } from '../operations/env-cost';

/** The ledger entry of one env's life (a name can be created again later). */
export const ledgerEntry = (env: Pick<Environment, 'name' | 'createdAt'>) => `${env.name}@${env.createdAt}`;

/**
 * Writes what `env` spent this month, up to `endedAt` (when its teardown ended). The record
 * may already be `destroyed` with its resources cleared (a repeated onFinish): the create and
 * destroy runs' step timings still say what it had, from when and until when.
 */
export async function recordDestroyedSpend(
  store: Pick<StateStore, 'runs' | 'spend'>,
  env: Environment,
  endedAt: number,
): Promise<void> {
  const { month, start } = billingMonth(endedAt);
  const usage = await environmentUsage(store, env);
  await store.spend.record(env.channel, month, ledgerEntry(env), costBetween(usage, start, endedAt));
}

/**
 * The destroy workflow with its onFinish followed by the ledger write once the env is
 * destroyed, priced up to `meta.destroyedAt`: a repeated call writes the same amount.
 */
export function withSpendLedger<Deps>(
  workflow: WorkflowDefinition<Deps>,
  store: Pick<StateStore, 'environments' | 'runs' | 'spend'>,
): WorkflowDefinition<Deps> {
  return {
    ...workflow,
    async onFinish(run, ctx) {
      await workflow.onFinish?.(run, ctx);
      const env = await store.environments.get(run.env);
      if (env?.status !== 'destroyed' || env.meta?.destroyRunId !== run.runId) return;
      const at = env.meta?.destroyedAt;
      await recordDestroyedSpend(store, env, typeof at === 'number' ? at : ctx.now());
    },
  };
}
