/**
 * Starting a teardown: what the bot's Destroy button and the CLI's `destroy --yes` call.
 *
 * One run per env (the env lock). While a create run holds the env, teardown either refuses
 * (asking to cancel first) or, with `cancelCreate`, asks the create to stop and remembers the
 * request on the env record (`meta.pendingDestroy`); once the create has stopped,
 * `startPendingDestroy` (the bot calls it when a create run finishes) or simply the next
 * `startDestroy` starts the teardown.
 */
import { english } from '../../i18n/english';
import { say, type Said } from '../../i18n/said';
import { voiceParams, type RunVoice } from '../../i18n/voice';
import {
  ConflictError,
  type Environment,
  type Run,
  type RunNotify,
  type StateStore,
} from '../../state/types';
import { createResources } from '../create/finish';
import { stepState } from '../engine/dag';
import type { WorkflowService } from '../engine/service';

export interface StartDestroyInput {
  env: string;
  /** Who confirmed (Slack user id or CLI user). */
  requestedBy: string;
  channel: string;
  /** Stop a running create first instead of refusing ("Cancel and destroy"). */
  cancelCreate?: boolean;
  notify?: RunNotify;
  /** The starter's language. */
  voice?: RunVoice;
  /** Epoch ms of the request (recorded with a pending destroy); default Date.now(). */
  now?: number;
}

export type StartDestroyResult =
  | { status: 'started'; run: Run; message: Said }
  /** A create was asked to stop; teardown starts once it has (startPendingDestroy, or ask again). */
  | { status: 'pending-cancel'; createRunId: string; message: Said }
  | {
      status: 'refused';
      reason: 'create-running' | 'locked';
      message: Said;
      holderRun?: Run;
    };

/** Why a create was cancelled by "Cancel and destroy" (its run's `summary.cancelledFor`). */
export const CANCELLED_FOR_TEARDOWN = 'teardown';

export interface PendingDestroy {
  requestedBy: string;
  channel: string;
  at: number;
}

/** Ids a create run recorded, for envs whose record lacks them (create's onFinish never ran). */
async function lastCreateResources(store: StateStore, env: string): Promise<Record<string, string>> {
  const runs = await store.runs.listByEnv(env, 20);
  const create = runs.filter((r) => r.kind === 'create').sort((a, b) => b.createdAt - a.createdAt)[0];
  if (!create) return {};
  return createResources((id) => stepState(create, id).outputs ?? {});
}

async function patchEnv(
  store: StateStore,
  name: string,
  patch: (env: Environment) => Partial<Omit<Environment, 'name' | 'version'>> | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const env = await store.environments.get(name);
    const change = env && patch(env);
    if (!env || !change) return;
    try {
      await store.environments.update(name, env.version, change);
      return;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
}

const createRunningMessage = (env: string, run: Run): Said =>
  say('work.createRunning', { env, runId: run.runId });

export async function startDestroy(
  service: WorkflowService,
  store: StateStore,
  input: StartDestroyInput,
): Promise<StartDestroyResult> {
  const lock = await store.locks.get(input.env);
  const holder = lock && (await store.runs.get(lock.runId));
  if (lock?.kind === 'create' && holder?.status === 'running') {
    if (!input.cancelCreate) {
      return {
        status: 'refused',
        reason: 'create-running',
        message: createRunningMessage(input.env, holder),
        holderRun: holder,
      };
    }
    await service.cancelRun(holder.runId, input.requestedBy, CANCELLED_FOR_TEARDOWN);
    const now = input.now ?? Date.now();
    await patchEnv(store, input.env, (env) => ({
      meta: {
        ...env.meta,
        pendingDestroy: {
          requestedBy: input.requestedBy,
          channel: input.channel,
          at: now,
        } satisfies PendingDestroy,
      },
    }));
    return {
      status: 'pending-cancel',
      createRunId: holder.runId,
      message: say('work.stoppingCreate', { env: input.env }),
    };
  }

  const resources = await lastCreateResources(store, input.env);
  const started = await service.startRun({
    kind: 'destroy',
    env: input.env,
    requestedBy: input.requestedBy,
    channel: input.channel,
    params: { resources, ...voiceParams(input.voice) },
    ...(input.notify ? { notify: input.notify } : {}),
  });
  if (!started.ok) {
    if (started.reason !== 'locked') throw new Error(english(started.message));
    const holderRun = started.holderRun;
    if (holderRun?.kind === 'create' && holderRun.status === 'running')
      return {
        status: 'refused',
        reason: 'create-running',
        message: createRunningMessage(input.env, holderRun),
        holderRun,
      };
    return {
      status: 'refused',
      reason: 'locked',
      message: started.message,
      ...(holderRun ? { holderRun } : {}),
    };
  }
  const runId = started.run.runId;
  await patchEnv(store, input.env, (env) => {
    const { pendingDestroy: _p, ...meta } = env.meta ?? {};
    return { status: 'destroying', currentRunId: runId, updatedAt: started.run.createdAt, meta };
  });
  return { status: 'started', run: started.run, message: say('work.tearingDown', { env: input.env, runId }) };
}

/**
 * Starts the teardown a "Cancel and destroy" asked for, once the create has let go of the env.
 * Returns undefined when none is pending; otherwise what startDestroy answered.
 */
export async function startPendingDestroy(
  service: WorkflowService,
  store: StateStore,
  envName: string,
): Promise<StartDestroyResult | undefined> {
  const env = await store.environments.get(envName);
  const pending = env?.meta?.pendingDestroy as PendingDestroy | undefined;
  if (!pending) return undefined;
  return startDestroy(service, store, {
    env: envName,
    requestedBy: pending.requestedBy,
    channel: pending.channel,
    // Still running (the cancel not yet taken): ask again, harmlessly.
    cancelCreate: true,
  });
}
