/**
 * `/site sleep`'s steps: stop both web servers, stop the DB instance (toward.ts has their
 * shape). The DB is stopped from `available`; anything else (stopping, or starting after RDS
 * started it by itself after 7 days) is waited out first.
 */
import { instanceStates, stopDbInstance, stopInstances } from '../../aws/power';
import { outlineStep } from '../engine/outline';
import type { StepDefinition } from '../engine/types';
import { powerConfig, type PowerDeps } from './deps';
import { subjectsOf, type Ctx } from './kit';
import { SLEEP_OUTLINE, STOP_DB_STEP, STOP_WEB_STEP } from './outline';
import { toward } from './toward';

/** EC2 states from which an instance is never coming back. */
export const INSTANCE_GONE: ReadonlySet<string> = new Set(['shutting-down', 'terminated', 'missing']);

/** RDS states from which the DB cannot be stopped or started by us. */
export const DB_GONE: ReadonlySet<string> = new Set([
  'deleting',
  'failed',
  'incompatible-network',
  'incompatible-restore',
  'incompatible-parameters',
  'storage-full',
  'missing',
]);

/** The DB instance's status as a one-entry state map. */
export async function dbState(ctx: Ctx): Promise<Map<string, string>> {
  const { db: id } = subjectsOf(ctx);
  const db = await ctx.deps.rds.findDbInstance(id);
  return new Map([[id, db?.DBInstanceStatus ?? 'missing']]);
}

export const stopWebStep: StepDefinition<PowerDeps> = {
  ...outlineStep(SLEEP_OUTLINE, STOP_WEB_STEP),
  async run(ctx) {
    const { poll, timeout } = powerConfig(ctx.deps);
    return toward(ctx, await instanceStates(ctx.deps.ec2, subjectsOf(ctx).web), {
      what: 'web server',
      target: 'stopped',
      from: ['running', 'pending'],
      gone: INSTANCE_GONE,
      send: (ids) => stopInstances(ctx.deps.ec2, ids),
      doing: 'stopping',
      pollMs: poll.instance,
      timeoutMs: timeout.webStop,
    });
  },
};

export const stopDbStep: StepDefinition<PowerDeps> = {
  ...outlineStep(SLEEP_OUTLINE, STOP_DB_STEP),
  async run(ctx) {
    const { poll, timeout } = powerConfig(ctx.deps);
    return toward(ctx, await dbState(ctx), {
      what: 'DB instance',
      target: 'stopped',
      from: ['available'],
      gone: DB_GONE,
      send: async ([id]) => void (await stopDbInstance(ctx.deps.rds, id)),
      doing: 'stopping',
      pollMs: poll.db,
      timeoutMs: timeout.dbStop,
    });
  },
};
