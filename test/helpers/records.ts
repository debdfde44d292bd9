/**
 * Environment records for unit tests: a ready env `demo` in C1 owned by U1, with no resources.
 * Each test patches only the fields it is about.
 */
import type { Environment, RunKind, StateStore } from '../../src/state/types';

/** A record as given to `environments.create` (the store sets the version). */
export function newEnvironment(
  patch: Partial<Omit<Environment, 'version'>> = {},
): Omit<Environment, 'version'> {
  return {
    name: 'demo',
    channel: 'C1',
    owner: 'U1',
    status: 'ready',
    region: 'ap-northeast-1',
    multiAz: 'now',
    createdAt: 0,
    updatedAt: 0,
    expiresAt: 1,
    resources: {},
    outputs: {},
    ...patch,
  };
}

/** A record as read back from the store, at version 1. */
export function storedEnvironment(patch: Partial<Environment> = {}): Environment {
  return { ...newEnvironment(), version: 1, ...patch };
}

/**
 * A run under way holding `env`'s lock, as one a worker is running would: its record (running,
 * no step done) and the lock. No tick of it is scheduled: it holds the env until the test ends it.
 */
export async function holdEnv(
  store: Pick<StateStore, 'runs' | 'locks'>,
  hold: { env: string; runId: string; kind: RunKind; holder: string; at: number },
): Promise<void> {
  const { env, runId, kind, holder, at } = hold;
  await store.runs.create({
    runId,
    env,
    kind,
    status: 'running',
    requestedBy: holder,
    params: {},
    steps: {},
    createdAt: at,
    updatedAt: at,
  });
  const lock = await store.locks.acquire({ env, runId, kind, holder, acquiredAt: at });
  if (!lock.acquired) throw new Error(`holdEnv: ${env} is held by ${lock.heldBy.runId}`);
}
