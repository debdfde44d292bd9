/**
 * Keeps `currentRunId` / `lastRunId` on the environment record in step with the runs that own
 * it: set when a run starts (by the operation that starts it), cleared when it ends (here, by
 * wrapping each workflow's onFinish). Idempotent, as onFinish must be: a repeated call finds
 * the run already cleared and changes nothing.
 */
import { ConflictError, type EnvironmentsRepository, type Run } from '../../state/types';
import type { WorkflowDefinition } from '../engine/types';

const MAX_TRIES = 5;

export async function markRunStarted(
  environments: EnvironmentsRepository,
  run: Pick<Run, 'runId' | 'env'>,
  now: number,
): Promise<void> {
  await updateEnv(environments, run.env, (env) =>
    env.currentRunId === run.runId ? undefined : { currentRunId: run.runId, updatedAt: now },
  );
}

export async function markRunEnded(
  environments: EnvironmentsRepository,
  run: Run,
  now: number,
): Promise<void> {
  await updateEnv(environments, run.env, (env) =>
    env.currentRunId !== run.runId
      ? undefined
      : { currentRunId: undefined, lastRunId: run.runId, updatedAt: now },
  );
}

/**
 * A version-checked change of the env record, read again and retried on a lost race (up to
 * MAX_TRIES). `patchFor` returns undefined to leave the record alone.
 */
export async function updateEnv(
  environments: EnvironmentsRepository,
  name: string,
  patchFor: (
    env: NonNullable<Awaited<ReturnType<EnvironmentsRepository['get']>>>,
  ) => Parameters<EnvironmentsRepository['update']>[2] | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const env = await environments.get(name);
    const patch = env && patchFor(env);
    if (!env || !patch) return;
    try {
      await environments.update(name, env.version, patch);
      return;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= MAX_TRIES) throw err;
    }
  }
}

/** The workflow with its onFinish followed by clearing the env's current run. */
export function withEnvRunTracking<Deps>(
  workflow: WorkflowDefinition<Deps>,
  environments: EnvironmentsRepository,
): WorkflowDefinition<Deps> {
  return {
    ...workflow,
    async onFinish(run, ctx) {
      await workflow.onFinish?.(run, ctx);
      await markRunEnded(environments, run, ctx.now());
    },
  };
}
