/**
 * What an environment has right now, as one list of resources: the ids on its record, the ids
 * its latest create run recorded (a create still under way, or one that stopped, has not written
 * them to the record yet), and — where AWS can be asked — whatever else carries its tags. Status,
 * the destroy confirmation and a stopped create's message all count from here (src/workflows/inventory.ts).
 */
import type { Environment, Run, RunKind, StateStore } from '../../state/types';
import { createResources } from '../create/finish';
import { stepState } from '../engine/dag';
import type { ResourceRef } from '../destroy/resources';
import { refsOfRoles } from '../inventory';

/** Ids by role that a create run recorded. */
export function createRunResources(run: Run): Record<string, string> {
  return createResources((id) => stepState(run, id).outputs ?? {});
}

/** The env's latest run of `kind` since it was created (an older env of the name does not count). */
export async function latestRunOf(
  store: Pick<StateStore, 'runs'>,
  env: Pick<Environment, 'name' | 'createdAt'>,
  kind: RunKind,
): Promise<Run | undefined> {
  return latestOf(await recentRunsOf(store, env), env, kind);
}

/** The env's recent runs (the newest 20), for more than one latestOf without reading them again. */
export function recentRunsOf(
  store: Pick<StateStore, 'runs'>,
  env: Pick<Environment, 'name'>,
): Promise<Run[]> {
  return store.runs.listByEnv(env.name, 20);
}

/** Of `runs` (recentRunsOf), the env's latest of `kind` since it was created. */
export function latestOf(
  runs: readonly Run[],
  env: Pick<Environment, 'createdAt'>,
  kind: RunKind,
): Run | undefined {
  return runs
    .filter((r) => r.kind === kind && r.createdAt >= env.createdAt - 60_000)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** The env's record and its create run's recorded ids, by role. */
export async function recordedResources(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
): Promise<Record<string, string>> {
  if (env.status === 'destroyed') return {};
  const create = await latestRunOf(store, env, 'create');
  return { ...(create ? createRunResources(create) : {}), ...env.resources };
}

/**
 * Finds what carries the env's tags (and what its record lists) in AWS. Built where AWS clients
 * are at hand (src/workflows/destroy/find-owned.ts); the Slack Lambda has none and counts records.
 */
export type FindOwned = (env: string, recorded: Readonly<Record<string, string>>) => Promise<ResourceRef[]>;

/** Everything the env has now: recorded, and found by tag when `findOwned` is given. */
export async function currentResources(
  store: Pick<StateStore, 'runs'>,
  env: Environment,
  findOwned?: FindOwned,
): Promise<ResourceRef[]> {
  const recorded = await recordedResources(store, env);
  const refs = refsOfRoles(recorded);
  if (!findOwned) return refs;
  return [...refs, ...(await findOwned(env.name, recorded))];
}
