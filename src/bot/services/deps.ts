/**
 * What the bot's services are built from: the config, the state store, the workflow service
 * (start, cancel, retry runs), the create settings and each workflow's steps (for messages).
 */
import type { Config } from '../../config/config';
import type { NewOutboxMessage, OutboxRepository } from '../../state/outbox-repository';
import {
  ConflictError,
  type EnvLock,
  type Environment,
  type MultiAzMode,
  type Run,
  type StateStore,
} from '../../state/types';
import type { CreateConfig } from '../../workflows/create/deps';
import type { PreflightReport } from '../../workflows/create/preflight';
import type { WorkflowService } from '../../workflows/engine/service';
import type { FindOwned } from '../../workflows/operations/env-inventory';
import type { Texts } from '../../i18n/texts';
import type { WorkflowSteps } from '../workflow-steps';
import { renderBusy } from '../views/refusals';
import type { Reply } from '../views/reply';

export interface BotServiceDeps {
  config: Config;
  store: StateStore;
  service: WorkflowService;
  createConfig: CreateConfig;
  steps: WorkflowSteps;
  /**
   * Where AWS can be asked (the sandbox, a self-hosted bot, the worker): what carries an env's
   * tags, so the destroy confirmation counts what exists now. Without it, recorded ids only.
   */
  findOwned?: FindOwned;
  /**
   * The create's preflight, where this process has the AWS clients (sandbox, Socket Mode): a
   * create is then refused before anything is posted or written. The Slack Lambda has none:
   * its creates are checked by the run's first step, in the worker.
   */
  preflight?(multiAz: MultiAzMode): Promise<PreflightReport>;
  /**
   * What must arrive in a channel on request (`/site explain <env>`: the explanations in a
   * create's thread, once each), and where a run's replaced progress message is remembered.
   */
  outbox?: { send(message: NewOutboxMessage): Promise<boolean> };
  runMessages?: Pick<OutboxRepository, 'runMessage'>;
}

type EnvPatch = Partial<Omit<Environment, 'name' | 'version'>>;

/**
 * A version-checked change of the env record, read again and retried when someone else wrote
 * it meanwhile. `change` returns undefined to leave it alone. Returns the record as stored.
 */
export async function patchEnv(
  store: Pick<StateStore, 'environments'>,
  name: string,
  change: (env: Environment) => EnvPatch | undefined,
): Promise<Environment | undefined> {
  for (let attempt = 1; ; attempt++) {
    const env = await store.environments.get(name);
    const patch = env && change(env);
    if (!env || !patch) return env;
    try {
      return await store.environments.update(name, env.version, patch);
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 5) throw err;
    }
  }
}

/** The env's lock and the run holding it, when that run is still running (a stale lock is no refusal). */
export async function runningLockHolder(
  store: Pick<StateStore, 'locks' | 'runs'>,
  name: string,
): Promise<{ lock: EnvLock; run: Run } | undefined> {
  const lock = await store.locks.get(name);
  const run = lock && (await store.runs.get(lock.runId));
  return lock && run?.status === 'running' ? { lock, run } : undefined;
}

/** The refusal for a busy env: who holds it (as a mention), doing what, since when. */
export function busyReply(
  deps: BotServiceDeps,
  holder: { lock: EnvLock; run?: Run },
  now: number,
  t: Texts,
): Reply {
  return renderBusy(t, holder, now, deps.steps(t, holder.lock.kind));
}
