/**
 * `--dry-run`: what `/site create` would build, in order, grouped by what runs in parallel —
 * derived from the step DAG (level = longest chain of `needs` before a step), never written
 * by hand. Also the critical-path lower bound of a run for a per-step duration model.
 */
import type { MultiAzMode } from '../../state/types';
import { describeInventory, inventoryOf, refsOfPlan, totalText } from '../inventory';
import type { CreateConfig } from './deps';
import { CREATE_OUTLINE, type CreateStepOutline, type PlannedResource } from './outline';

interface DagStep {
  readonly id: string;
  readonly needs: readonly string[];
}

/** Steps grouped by DAG level: every step's needs are in earlier groups; a group runs in parallel. */
export function parallelGroups<S extends DagStep>(steps: readonly S[]): S[][] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const level = new Map<string, number>();
  const levelOf = (id: string, path: string[]): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (path.includes(id)) throw new Error(`cycle: ${[...path, id].join(' → ')}`);
    const step = byId.get(id);
    if (!step) throw new Error(`unknown step "${id}"`);
    const l = step.needs.reduce((max, n) => Math.max(max, levelOf(n, [...path, id]) + 1), 0);
    level.set(id, l);
    return l;
  };
  const groups: S[][] = [];
  for (const step of steps) (groups[levelOf(step.id, [])] ??= []).push(step);
  return groups;
}

export interface PlanStep {
  id: string;
  title: string;
  needs: string[];
  resources: PlannedResource[];
}

export interface CreatePlan {
  env: string;
  multiAz: MultiAzMode;
  region: string;
  azs: string[];
  /** Parallel groups in order; steps within a group start together. */
  groups: PlanStep[][];
  /** Every resource that would be created, in plan order. */
  resources: PlannedResource[];
}

export function buildCreatePlan(
  env: string,
  multiAz: MultiAzMode,
  config: CreateConfig,
  steps: readonly CreateStepOutline[] = CREATE_OUTLINE.steps,
): CreatePlan {
  const input = { env, multiAz, config };
  const groups = parallelGroups(steps).map((group) =>
    group.map((s) => ({ id: s.id, title: s.title, needs: [...s.needs], resources: s.resources(input) })),
  );
  return {
    env,
    multiAz,
    region: config.region,
    azs: [...config.azs],
    groups,
    resources: groups.flatMap((g) => g.flatMap((s) => s.resources)),
  };
}

/** Plain-text rendering for the CLI and Slack fallbacks. */
export function formatPlan(plan: CreatePlan): string {
  const lines = [
    `Plan for ${plan.env} in ${plan.region} (${plan.azs.join(', ')}), Multi-AZ: ${plan.multiAz}`,
  ];
  plan.groups.forEach((group, i) => {
    lines.push(`${i + 1}. ${group.map((s) => s.title).join(' ∥ ')}`);
    for (const s of group)
      for (const r of s.resources) lines.push(`   + ${r.type} ${r.name}${r.detail ? ` (${r.detail})` : ''}`);
  });
  const inventory = inventoryOf(refsOfPlan(plan.resources));
  lines.push(`${totalText(inventory)}: ${describeInventory(inventory)}; nothing is created by a dry run.`);
  return lines.join('\n');
}

export interface CriticalPath {
  /** Lower bound on a run's wall time: the longest chain of step durations through the DAG. */
  totalMs: number;
  /** The steps on that chain, first to last. */
  path: string[];
  /** Earliest finish time of every step. */
  finishAt: Record<string, number>;
}

/**
 * Longest path through the DAG weighted by `durations` (ms per step id; missing = 0): no
 * schedule can finish sooner, whatever the parallelism.
 */
export function criticalPath(
  durations: Readonly<Record<string, number>>,
  steps: readonly DagStep[] = CREATE_OUTLINE.steps,
): CriticalPath {
  const finishAt: Record<string, number> = {};
  const via: Record<string, string | undefined> = {};
  for (const group of parallelGroups(steps)) {
    for (const step of group) {
      let start = 0;
      for (const n of step.needs) {
        if (via[step.id] === undefined || finishAt[n] > start) {
          start = finishAt[n];
          via[step.id] = n;
        }
      }
      finishAt[step.id] = start + Math.max(0, durations[step.id] ?? 0);
    }
  }
  let last: string | undefined;
  // Ties go to the later step, so the path runs to the end of the workflow.
  for (const id of Object.keys(finishAt)) if (last === undefined || finishAt[id] >= finishAt[last]) last = id;
  const path: string[] = [];
  for (let id = last; id !== undefined; id = via[id]) path.unshift(id);
  return { totalMs: last === undefined ? 0 : finishAt[last], path, finishAt };
}

/** The emulator's (and AWS's typical) durations that bound a create run (ms). */
export interface DurationModel {
  instancePending: number;
  instanceBoot: number;
  imageCreate: number;
  dbCreate: number;
  dbCreateMultiAz: number;
  dbModifyMultiAz: number;
  albProvisioning: number;
  healthCheckInterval: number;
  healthyThreshold: number;
}

/** How long each create step lasts under `model` (API-only steps: 0). */
export function createStepDurations(model: DurationModel, multiAz: MultiAzMode): Record<string, number> {
  return {
    database: multiAz === 'now' ? model.dbCreateMultiAz : model.dbCreate,
    'database-multi-az': multiAz === 'later' ? model.dbModifyMultiAz : 0,
    'web-1': model.instancePending,
    'web-ami': model.imageCreate,
    'web-2': model.instancePending,
    // CreateLoadBalancer answers at once; the listener step waits out the provisioning.
    listener: model.albProvisioning,
    // web #2 boots after it is registered; a newly registered target needs ONE passing check
    // (ALB docs), so at most one interval after boot.
    'targets-healthy': model.instanceBoot + model.healthCheckInterval,
  };
}

/**
 * The hands-on's click order (SPEC §1–§9), one step at a time: the baseline `bench/create`
 * compares the parallel DAG against. The preflight comes first in both. Credentials, the role and
 * the load balancer come before web #1 because the bot's web servers need them (the hands-on
 * typed the password and the site's address into a browser instead); the target group and the
 * listener come with the load balancer, so its provisioning is waited out in sequence, as the
 * hands-on does.
 */
export const HANDS_ON_ORDER: readonly string[] = [
  'preflight',
  'vpc',
  'subnets',
  'internet-gateway',
  'public-routes',
  'security-groups',
  'credentials',
  'web-role',
  'target-group',
  'load-balancer',
  'listener',
  'web-1',
  'db-subnet-group',
  'database',
  'web-ami',
  'web-2',
  'register-targets',
  'targets-healthy',
  'database-multi-az',
  'site',
];

/**
 * The same steps chained in `order` (each needs the one before), for running the create
 * workflow sequentially. Throws if `order` misses a step or puts one before what it needs.
 */
export function sequentialSteps<S extends DagStep>(
  steps: readonly S[],
  order: readonly string[] = HANDS_ON_ORDER,
): S[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  if (order.length !== steps.length || !order.every((id) => byId.has(id))) {
    throw new Error('sequential order must list every step exactly once');
  }
  const seen = new Set<string>();
  return order.map((id, i) => {
    const step = byId.get(id)!;
    const early = step.needs.find((n) => !seen.has(n));
    if (early) throw new Error(`sequential order puts "${id}" before "${early}"`);
    seen.add(id);
    return { ...step, needs: i === 0 ? [] : [order[i - 1]] };
  });
}

/** Wall time of the steps run one after another: the sum of their durations. */
export function sequentialMs(
  durations: Readonly<Record<string, number>>,
  order: readonly string[] = HANDS_ON_ORDER,
): number {
  return order.reduce((sum, id) => sum + Math.max(0, durations[id] ?? 0), 0);
}
