/**
 * Before the Destroy button: what will be deleted (counts by type, from the env record), and
 * the teardown's lower bound under a duration model (for the benchmark and estimates).
 */
import type { Environment } from '../../state/types';
import { criticalPath, type CriticalPath } from '../create/plan';
import { RESOURCE_TYPES, typeOfRole, type ResourceType } from './resources';
import { DESTROY_OUTLINE } from './outline';

export interface DestroyPlan {
  env: string;
  counts: Partial<Record<ResourceType, number>>;
  total: number;
  /** e.g. "2 instances, 1 load-balancer, …", then how the rest is found (by tag). */
  text: string;
}

export function describeDestroyPlan(env: Pick<Environment, 'name' | 'resources'>): DestroyPlan {
  const counts: Partial<Record<ResourceType, number>> = {};
  for (const role of Object.keys(env.resources ?? {})) {
    const type = typeOfRole(role);
    if (type) counts[type] = (counts[type] ?? 0) + 1;
  }
  const parts = RESOURCE_TYPES.filter((t) => counts[t]).map(
    (t) => `${counts[t]} ${t}${counts[t]! > 1 ? 's' : ''}`,
  );
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const listed =
    parts.length > 0
      ? `Will delete ${total} recorded resources: ${parts.join(', ')}.`
      : 'No resources recorded.';
  return {
    env: env.name,
    counts,
    total,
    text: `${listed} Anything else tagged sitebot:env=${env.name} is found by tag and deleted too; untagged resources are never touched.`,
  };
}

/** The emulator's (and AWS's typical) durations that bound a teardown (ms). */
export interface TeardownDurationModel {
  /** DeleteDBInstance until the instance (and its ENIs) are gone. */
  dbDelete: number;
  /** How long a deleted ALB's ENIs (and public addresses) linger, blocking the network. */
  albEniLinger: number;
  instanceShuttingDown: number;
}

/** How long each teardown step lasts under `model`: what follows it waits that long at least. */
export function destroyStepDurations(model: TeardownDurationModel): Record<string, number> {
  return {
    'load-balancer': model.albEniLinger,
    instances: model.instanceShuttingDown,
    database: model.dbDelete,
  };
}

/** No schedule can tear the env down faster than its longest chain of waits. */
export function destroyLowerBound(model: TeardownDurationModel): CriticalPath {
  return criticalPath(destroyStepDurations(model), DESTROY_OUTLINE.steps);
}
