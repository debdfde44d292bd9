/**
 * `/site list`, `/site status` and `/site status <env>`: what exists, in human words only (no
 * record keys), every figure from the one formatter and the one inventory. Lists are paged so a
 * reply stays within Slack's limits at any number of environments; the summary above a page
 * counts them all.
 */
import type { CostEstimate } from '../../cost/estimator';
import { isSaid } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import type { Environment, Run } from '../../state/types';
import { inventoryOf } from '../../workflows/inventory';
import type { ResourceRef } from '../../workflows/destroy/resources';
import { packLines, SLACK_LIMITS } from './limits';
import { code, joinMd, mrkdwn, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';
import { officeHoursOf } from '../../state/power';
import { asleepText, hoursText } from './power';
import { renderRunProgress, stepCounts, type StepTitle } from './run-progress';

/** Environments per page of `list` and `status`: a page stays far inside 50 blocks and 3,000-character sections. */
export const PAGE_SIZE = 25;

/** An env's cost, with what sleeping saved so far when it is known. */
export type EnvCost = CostEstimate & { savedSoFar?: number };

/** Costs by env name; an env missing from the map shows no cost. */
export type CostsByEnv = ReadonlyMap<string, EnvCost | undefined>;

/** The order statuses are counted in. */
const STATUSES: readonly Environment['status'][] = ['ready', 'creating', 'failed', 'destroying', 'destroyed'];

/** The outputs people need, by their labels (the database line already says Multi-AZ). */
function outputLines(t: Texts, env: Environment): Mrkdwn[] {
  return Object.entries(env.outputs)
    .filter(([key]) => key !== 'multiAz')
    .map(([key, value]) =>
      t.envs.output({
        label: t.common.output(key),
        value: key === 'dbEndpoint' ? code(value) : t.common.outputValue(key, value),
      }),
    );
}

/** `expires in 3h`, `expired 10m ago`; a torn-down env has no TTL left to show. */
function ttlText(t: Texts, env: Environment, now: number): string {
  return env.status === 'destroyed' ? t.envs.tornDown() : t.common.expiry(env.expiresAt, now);
}

/**
 * `$1.23 so far · $3.40/day` (and `· saved $0.80 asleep` once sleeping saved money); a torn-down
 * env's final cost; or `cost unknown`.
 */
export function costText(t: Texts, env: Pick<Environment, 'status'>, estimate: EnvCost | undefined): string {
  if (!estimate) return t.common.costUnknown();
  const saved = estimate.savedSoFar ?? 0;
  const savedText = saved >= 0.005 ? t.common.savedAsleep(saved) : '';
  if (env.status === 'destroyed') return `${t.common.costFinal(estimate.soFar)}${savedText}`;
  return `${t.common.costSoFar(estimate.soFar, estimate.perDay)}${savedText}`;
}

function summaryLine(t: Texts, env: Environment, now: number, costs?: CostsByEnv): Mrkdwn {
  return t.envs.summary({
    env: env.name,
    status: `${t.common.envStatus(env.status)}${asleepText(t, env, now)}`,
    owner: env.owner,
    ageMs: now - env.createdAt,
    ...(costs?.has(env.name) ? { cost: costText(t, env, costs.get(env.name)) } : {}),
    ttl: ttlText(t, env, now),
  });
}

/** `meta.lastDrill` in words: the headline, then each phase's numbers (same formatter as the report). */
function lastDrillText(t: Texts, env: Environment, now: number): Mrkdwn | undefined {
  const drill = env.meta?.lastDrill as
    | {
        at?: number;
        headline?: unknown;
        phases?: {
          phase: string;
          failures: number;
          requests: number;
          longestOutageMs?: number;
          sparkline?: string;
        }[];
      }
    | undefined;
  const headline = drill?.headline;
  if (!drill || (typeof headline !== 'string' && !isSaid(headline))) return undefined;
  const phases = (drill.phases ?? []).map((p) =>
    t.envs.drillPhase({
      phase: p.phase,
      failed: p.failures,
      requests: p.requests,
      ...(p.longestOutageMs !== undefined ? { outageMs: p.longestOutageMs } : {}),
      ...(p.sparkline ? { spark: code(p.sparkline) } : {}),
    }),
  );
  const last = t.envs.lastDrill({
    headline: t.said(headline),
    ...(typeof drill.at === 'number' ? { agoMs: now - drill.at } : {}),
  });
  return joinMd([last, ...phases], '\n');
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Page `page` (1-based, clamped) of `items`. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}

/** Over a page: how many envs in all, by status, and what they cost per day together. */
function overview(t: Texts, envs: readonly Environment[], costs?: CostsByEnv): Mrkdwn {
  const byStatus = STATUSES.map((status) => ({
    n: envs.filter((e) => e.status === status).length,
    status: t.common.envStatus(status),
  })).filter((s) => s.n > 0);
  return t.envs.overview({
    n: envs.length,
    byStatus,
    ...(costs ? { perDay: envs.reduce((sum, e) => sum + (costs.get(e.name)?.perDay ?? 0), 0) } : {}),
  });
}

function pageFooter(t: Texts, p: Page<unknown>, command: string): Mrkdwn | undefined {
  if (p.pages <= 1) return undefined;
  return t.envs.page({
    page: p.page,
    pages: p.pages,
    ...(p.page < p.pages ? { next: `${command} --page ${p.page + 1}` } : {}),
  });
}

const sortByName = (envs: readonly Environment[]) => [...envs].sort((a, b) => a.name.localeCompare(b.name));

function renderNoEnvironments(t: Texts): Reply {
  return ephemeral(t.envs.noneText(), [section(t.envs.none())]);
}

export function renderList(
  t: Texts,
  envs: readonly Environment[],
  now: number,
  costs?: CostsByEnv,
  page = 1,
): Reply {
  if (envs.length === 0) return renderNoEnvironments(t);
  const p = pageOf(sortByName(envs), page);
  const blocks: Block[] = [header(t.envs.listTitle({ n: envs.length }))];
  if (p.pages > 1) blocks.push(context(overview(t, envs, costs)));
  for (const text of packLines(p.items.map((e) => summaryLine(t, e, now, costs)))) blocks.push(section(text));
  const footer = pageFooter(t, p, '/site list');
  if (footer) blocks.push(context(footer));
  const names = t.fmt.list(p.items.map((e) => e.name));
  return ephemeral(
    t.envs.listText({ overview: overview(t, envs, costs), names }),
    blocks.slice(0, SLACK_LIMITS.blocksPerMessage),
  );
}

/** `status` without a name: every active environment with its outputs and what runs on it, paged. */
export function renderStatusAll(
  t: Texts,
  envs: readonly Environment[],
  now: number,
  runs: ReadonlyMap<string, Run> = new Map(),
  page = 1,
  costs?: CostsByEnv,
): Reply {
  if (envs.length === 0) return renderNoEnvironments(t);
  const p = pageOf(sortByName(envs), page);
  const entries = p.items.map((env) => {
    const lines = [summaryLine(t, env, now, costs), ...outputLines(t, env).map((l) => mrkdwn`    ${l}`)];
    const run = env.currentRunId ? runs.get(env.currentRunId) : undefined;
    if (run) {
      const c = stepCounts(run, []);
      lines.push(t.envs.runUnderWay({ kind: run.kind, done: c.done, of: c.total - c.skipped }));
    } else if (env.currentRunId) {
      lines.push(t.envs.someRunUnderWay());
    }
    return joinMd(lines, '\n');
  });
  const blocks: Block[] = [header(t.envs.statusTitle({ n: envs.length }))];
  if (p.pages > 1) blocks.push(context(overview(t, envs, costs)));
  for (const text of packLines(entries)) blocks.push(section(text));
  const footer = pageFooter(t, p, '/site status');
  if (footer) blocks.push(context(footer));
  return ephemeral(overview(t, envs, costs), blocks.slice(0, SLACK_LIMITS.blocksPerMessage));
}

export interface EnvStatusInput {
  env: Environment;
  /** The run holding the env now, if any. */
  run?: Run;
  steps?: readonly StepTitle[];
  now: number;
  estimate?: EnvCost;
  /** What the env has now: its record and its create run's recorded ids (one inventory). */
  resources: readonly ResourceRef[];
}

/** One environment: its state, what it costs, what it has, and the run holding it now. */
export function renderEnvStatus(t: Texts, input: EnvStatusInput): Reply {
  const { env, run, now } = input;
  const destroyed = env.status === 'destroyed';
  const inventory = inventoryOf(input.resources);
  const status = t.common.envStatus(env.status);
  const hours = officeHoursOf(env);
  const facts: Mrkdwn[] = [
    t.envs.status({ status, asleep: asleepText(t, env, now) }),
    ...(hours ? [t.envs.officeHours({ hours: hoursText(t, hours) })] : []),
    t.envs.owner({ owner: env.owner }),
    t.envs.region({ region: env.region, database: t.common.multiAz(env.multiAz) }),
    t.envs.created({ at: env.createdAt, ageMs: now - env.createdAt }),
    destroyed
      ? t.envs.tornDownAt({ at: env.updatedAt })
      : t.envs.expires({ at: env.expiresAt, ttl: ttlText(t, env, now) }),
    t.envs.cost({ cost: costText(t, env, input.estimate) }),
    destroyed
      ? t.envs.noneLeft()
      : t.envs.resources({
          total: t.inventory.total({ n: inventory.total }),
          ...(inventory.total > 0 ? { what: t.inventory.describe(inventory.counts) } : {}),
        }),
  ];
  const drill = lastDrillText(t, env, now);
  if (drill) facts.push(drill);
  const blocks: Block[] = [header(env.name), section(joinMd(facts, '\n'))];
  const outputs = outputLines(t, env);
  if (outputs.length > 0 && !destroyed) blocks.push(section(joinMd(outputs, '\n')));
  if (run)
    blocks.push(...renderRunProgress(t, run, input.steps ?? [], run.status === 'running' ? now : undefined));
  else blocks.push(context(t.envs.noRun()));
  return ephemeral(t.envs.statusText({ env: env.name, status, ttl: ttlText(t, env, now) }), blocks);
}

export function renderEnvNotFound(t: Texts, name: string): Reply {
  return ephemeral(t.refusals.envNotFoundText({ env: name }), [
    section(t.refusals.envNotFound({ env: name })),
  ]);
}
