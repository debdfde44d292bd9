/**
 * From an environment record (and its create run's step timings) to the estimator's input:
 * what the env has, and since when. Resources count from the moment their create step started
 * (the create call), which overstates by seconds, never understates; an env still being
 * created counts what it has so far. A torn-down env's resources end when the teardown step
 * that deleted them finished (its destroy run's timings), so its cost stops there. Sizes come
 * from `meta.sizing`, written when the create started; the SPEC defaults fill in for older records.
 */
import { powerOf } from '../state/power';
import type { Environment, Run } from '../state/types';
import type { EnvironmentUsage, Interval } from './estimator';
import { withOffIntervals } from './sleep-usage';

export interface EnvironmentSizing {
  instanceType: string;
  dbClass: string;
  dbStorageGb: number;
  rootVolumeGb: number;
}

export const DEFAULT_SIZING: EnvironmentSizing = {
  instanceType: 't3.micro',
  dbClass: 'db.t4g.micro',
  dbStorageGb: 20,
  rootVolumeGb: 8,
};

export function sizingOf(env: Environment): EnvironmentSizing {
  const raw = (env.meta?.sizing ?? {}) as Partial<EnvironmentSizing>;
  return { ...DEFAULT_SIZING, ...raw };
}

/** Step ids of the create workflow whose start marks when a billable resource appeared. */
const STEP_OF = {
  web1: 'web-1',
  web2: 'web-2',
  ami: 'web-ami',
  db: 'database',
  multiAz: 'database-multi-az',
  alb: 'load-balancer',
} as const;

/** Create step → the teardown step that deletes what it made. */
const DELETED_BY: Record<string, string> = {
  [STEP_OF.web1]: 'instances',
  [STEP_OF.web2]: 'instances',
  [STEP_OF.ami]: 'image',
  [STEP_OF.db]: 'database',
  [STEP_OF.multiAz]: 'database',
  [STEP_OF.alb]: 'load-balancer',
};

/** What the env has and since when, with its web servers and DB off while it slept (`env.meta.power`). */
export function usageFromEnvironment(env: Environment, createRun?: Run, destroyRun?: Run): EnvironmentUsage {
  return withOffIntervals(usageAwakeAllAlong(env, createRun, destroyRun), powerOf(env));
}

/** The same as if it had never slept: what it would have cost without sitebot stopping anything. */
export function usageAwakeAllAlong(env: Environment, createRun?: Run, destroyRun?: Run): EnvironmentUsage {
  const sizing = sizingOf(env);
  const has = (role: string) => Boolean(env.resources[role]);
  const started = (stepId: string): number | undefined => createRun?.steps[stepId]?.startedAt;
  /** When what `stepId` made was deleted: its teardown step's end, else the teardown's. */
  const ended = (stepId: string): number | undefined => {
    if (!destroyRun) return env.status === 'destroyed' ? env.updatedAt : undefined;
    const step = destroyRun.steps[DELETED_BY[stepId] ?? ''];
    return step?.status === 'done' ? step.finishedAt : (destroyRun.finishedAt ?? env.updatedAt);
  };
  // Without the run, fall back to the env's creation: an upper bound on how long it existed.
  const since = (stepId: string): Interval => {
    const start = started(stepId) ?? env.createdAt;
    const end = ended(stepId);
    return end === undefined ? { start } : { start, end: Math.max(start, end) };
  };
  const exists = (role: string, stepId: string) => has(role) || started(stepId) !== undefined;

  const usage: EnvironmentUsage = {
    region: env.region,
    instances: [],
    volumes: [],
    snapshots: [],
    dbs: [],
    albs: [],
  };
  for (const [role, stepId] of [
    ['web-1', STEP_OF.web1],
    ['web-2', STEP_OF.web2],
  ] as const) {
    if (!exists(role, stepId)) continue;
    usage.instances.push({ type: sizing.instanceType, running: [since(stepId)], publicIpv4: true });
    usage.volumes.push({ type: 'gp3', sizeGb: sizing.rootVolumeGb, existed: since(stepId) });
  }
  if (exists('web-ami', STEP_OF.ami))
    usage.snapshots.push({ sizeGb: sizing.rootVolumeGb, existed: since(STEP_OF.ami) });
  if (exists('db', STEP_OF.db)) {
    const { start, end } = since(STEP_OF.db);
    const convertedAt = env.multiAz === 'later' ? createRun?.steps[STEP_OF.multiAz]?.startedAt : undefined;
    const ending = end === undefined ? {} : { end };
    const periods =
      env.multiAz === 'later' && convertedAt !== undefined
        ? [
            { start, end: convertedAt, multiAz: false, running: true },
            { start: convertedAt, ...ending, multiAz: true, running: true },
          ]
        : [{ start, ...ending, multiAz: env.multiAz !== 'off' && env.multiAz !== 'later', running: true }];
    usage.dbs.push({
      instanceClass: sizing.dbClass,
      engine: 'mysql',
      storageGb: sizing.dbStorageGb,
      storageType: 'gp3',
      periods,
    });
  }
  if (exists('load-balancer', STEP_OF.alb)) usage.albs.push({ existed: since(STEP_OF.alb), azCount: 2 });
  return usage;
}
