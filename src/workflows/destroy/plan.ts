/**
 * Before the Destroy button: what will be deleted (counts by type, from the env record), and
 * the teardown's lower bound under a duration model (for the benchmark and estimates).
 */
import type { Environment } from '../../state/types';
import { criticalPath, type CriticalPath } from '../create/plan';
import { describeInventory, inventoryOf, refsOfRoles, totalText, type Inventory } from '../inventory';
import { DESTROY_OUTLINE } from './outline';

export interface DestroyPlan {
  env: string;
  inventory: Inventory;
  /** e.g. "22 resources recorded: 1 VPC, 4 subnets, …", then how the rest is found (by tag). */
  text: string;
}

/** What a teardown of `env` will delete, from its record (plus what a create run recorded, if given). */
export function describeDestroyPlan(
  env: Pick<Environment, 'name' | 'resources'>,
  createRunResources: Readonly<Record<string, string>> = {},
): DestroyPlan {
  const inventory = inventoryOf(refsOfRoles({ ...createRunResources, ...(env.resources ?? {}) }));
  const listed =
    inventory.total > 0
      ? `${totalText(inventory)} recorded: ${describeInventory(inventory)}.`
      : 'No resources recorded.';
  return {
    env: env.name,
    inventory,
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
