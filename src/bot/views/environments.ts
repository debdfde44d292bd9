/**
 * `/site list`, `/site status` and `/site status <env>`: what exists, in human words only (no
 * record keys), every figure from the one formatter and the one inventory. Lists are paged so a
 * reply stays within Slack's limits at any number of environments; the summary above a page
 * counts them all.
 */
import type { CostEstimate } from '../../cost/estimator';
import {
  count,
  formatDuration,
  formatExpiry,
  formatInstant,
  formatPerDay,
  formatUsd,
} from '../../domain/format';
import type { Environment, Run } from '../../state/types';
import { outputLabel } from '../../workflows/create/finish';
import { describeInventory, inventoryOf, totalText } from '../../workflows/inventory';
import type { ResourceRef } from '../../workflows/destroy/resources';
import { packLines, SLACK_LIMITS } from './limits';
import { bold, code, joinMd, mrkdwn, mention, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';
import { officeHoursOf } from '../../state/power';
import { describeHours } from '../../workflows/remind/office-hours';
import { asleepText } from './power';
import { renderRunProgress, stepCounts, type StepTitle } from './run-progress';

/** Environments per page of `list` and `status`: a page stays far inside 50 blocks and 3,000-character sections. */
export const PAGE_SIZE = 25;

/** An env's cost, with what sleeping saved so far when it is known. */
export type EnvCost = CostEstimate & { savedSoFar?: number };

/** Costs by env name; an env missing from the map shows no cost. */
export type CostsByEnv = ReadonlyMap<string, EnvCost | undefined>;

const STATUS_WORD: Record<Environment['status'], string> = {
  ready: 'ready',
  creating: 'being created',
  failed: 'failed',
  destroying: 'being torn down',
  destroyed: 'torn down',
};

const MULTI_AZ_WORD: Record<Environment['multiAz'], string> = {
  now: 'Multi-AZ (created so)',
  later: 'Multi-AZ (converted after creation)',
  off: 'single-AZ',
};

/** The outputs people need, by their labels (the database line already says Multi-AZ). */
function outputLines(env: Environment): Mrkdwn[] {
  return Object.entries(env.outputs)
    .filter(([key]) => key !== 'multiAz')
    .map(([key, value]) => mrkdwn`${outputLabel(key)}: ${key === 'dbEndpoint' ? code(value) : value}`);
}

/** `expires in 3h`, `expired 10m ago`; a torn-down env has no TTL left to show. */
function ttlText(env: Environment, now: number): string {
  return env.status === 'destroyed' ? 'torn down' : formatExpiry(env.expiresAt, now);
}

export function ageText(env: Environment, now: number): string {
  return formatDuration(now - env.createdAt);
}

/** `$1.23 so far · $3.40/day` (and `· saved $0.80 asleep` once sleeping saved money); a torn-down env's final cost; or `cost unknown`. */
export function costText(env: Pick<Environment, 'status'>, estimate: EnvCost | undefined): string {
  if (!estimate) return 'cost unknown';
  const saved = estimate.savedSoFar ?? 0;
  const savedText = saved >= 0.005 ? ` · saved ${formatUsd(saved)} asleep` : '';
  if (env.status === 'destroyed') return `${formatUsd(estimate.soFar)} in all (final)${savedText}`;
  return `${formatUsd(estimate.soFar)} so far · ${formatPerDay(estimate.perDay)}${savedText}`;
}

function summaryLine(env: Environment, now: number, costs?: CostsByEnv): Mrkdwn {
  const cost = costs?.has(env.name) ? ` — ${costText(env, costs.get(env.name))}` : '';
  return mrkdwn`${bold(env.name)} — ${STATUS_WORD[env.status]}${asleepText(env, now)} — owner ${mention(env.owner)} — age ${ageText(env, now)}${cost} — ${ttlText(env, now)}`;
}

/** `meta.lastDrill` in words: the headline, then each phase's numbers (same formatter as the report). */
function lastDrillText(env: Environment, now: number): Mrkdwn | undefined {
  const drill = env.meta?.lastDrill as
    | {
        at?: number;
        headline?: string;
        phases?: {
          phase: string;
          failures: number;
          requests: number;
          longestOutageMs?: number;
          sparkline?: string;
        }[];
      }
    | undefined;
  if (!drill?.headline) return undefined;
  const when = typeof drill.at === 'number' ? ` (${formatDuration(now - drill.at)} ago)` : '';
  const phases = (drill.phases ?? []).map((p) => {
    const outage =
      p.longestOutageMs !== undefined ? `, longest outage ${formatDuration(p.longestOutageMs)}` : '';
    const spark = p.sparkline ? mrkdwn` ${code(p.sparkline)}` : mrkdwn``;
    return mrkdwn`    ${p.phase}: ${p.failures} of ${count(p.requests, 'request')} failed${outage}${spark}`;
  });
  return joinMd([mrkdwn`Last drill: ${drill.headline}${when}`, ...phases], '\n');
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
function overview(envs: readonly Environment[], costs?: CostsByEnv): Mrkdwn {
  const statuses = (Object.keys(STATUS_WORD) as Environment['status'][])
    .map((status) => [envs.filter((e) => e.status === status).length, STATUS_WORD[status]] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
  const perDay = costs
    ? ` · ${formatPerDay(envs.reduce((sum, e) => sum + (costs.get(e.name)?.perDay ?? 0), 0))} in all`
    : '';
  return mrkdwn`${count(envs.length, 'environment')}: ${statuses}${perDay}`;
}

function pageFooter(p: Page<unknown>, command: string): Mrkdwn | undefined {
  if (p.pages <= 1) return undefined;
  const next = p.page < p.pages ? mrkdwn` — next: ${code(`${command} --page ${p.page + 1}`)}` : mrkdwn``;
  return mrkdwn`Page ${p.page} of ${p.pages}${next}`;
}

const sortByName = (envs: readonly Environment[]) => [...envs].sort((a, b) => a.name.localeCompare(b.name));

function renderNoEnvironments(): Reply {
  return ephemeral(mrkdwn`No environments.`, [
    section(mrkdwn`No environments. Start one with ${code('/site create <env>')}.`),
  ]);
}

export function renderList(envs: readonly Environment[], now: number, costs?: CostsByEnv, page = 1): Reply {
  if (envs.length === 0) return renderNoEnvironments();
  const p = pageOf(sortByName(envs), page);
  const blocks: Block[] = [header(`Environments (${envs.length})`)];
  if (p.pages > 1) blocks.push(context(overview(envs, costs)));
  for (const text of packLines(p.items.map((e) => summaryLine(e, now, costs)))) blocks.push(section(text));
  const footer = pageFooter(p, '/site list');
  if (footer) blocks.push(context(footer));
  const names = p.items.map((e) => e.name).join(', ');
  return ephemeral(
    mrkdwn`${overview(envs, costs)}. ${names}`,
    blocks.slice(0, SLACK_LIMITS.blocksPerMessage),
  );
}

/** `status` without a name: every active environment with its outputs and what runs on it, paged. */
export function renderStatusAll(
  envs: readonly Environment[],
  now: number,
  runs: ReadonlyMap<string, Run> = new Map(),
  page = 1,
  costs?: CostsByEnv,
): Reply {
  if (envs.length === 0) return renderNoEnvironments();
  const p = pageOf(sortByName(envs), page);
  const entries = p.items.map((env) => {
    const lines = [summaryLine(env, now, costs), ...outputLines(env).map((l) => mrkdwn`    ${l}`)];
    const run = env.currentRunId ? runs.get(env.currentRunId) : undefined;
    if (run) {
      const c = stepCounts(run, []);
      lines.push(mrkdwn`    ${run.kind} under way: ${c.done} of ${c.total - c.skipped} steps done`);
    } else if (env.currentRunId) {
      lines.push(mrkdwn`a run is under way`);
    }
    return joinMd(lines, '\n');
  });
  const blocks: Block[] = [header(`Status (${envs.length})`)];
  if (p.pages > 1) blocks.push(context(overview(envs, costs)));
  for (const text of packLines(entries)) blocks.push(section(text));
  const footer = pageFooter(p, '/site status');
  if (footer) blocks.push(context(footer));
  return ephemeral(mrkdwn`${overview(envs, costs)}`, blocks.slice(0, SLACK_LIMITS.blocksPerMessage));
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
export function renderEnvStatus(input: EnvStatusInput): Reply {
  const { env, run, now } = input;
  const destroyed = env.status === 'destroyed';
  const inventory = inventoryOf(input.resources);
  const hours = officeHoursOf(env);
  const facts: Mrkdwn[] = [
    mrkdwn`Status: *${STATUS_WORD[env.status]}*${asleepText(env, now)}`,
    ...(hours ? [mrkdwn`Office hours: ${describeHours(hours)}`] : []),
    mrkdwn`Owner: ${mention(env.owner)}`,
    mrkdwn`Region: ${env.region} · database ${MULTI_AZ_WORD[env.multiAz]}`,
    mrkdwn`Created: ${formatInstant(env.createdAt)} (${ageText(env, now)} ago)`,
    destroyed
      ? mrkdwn`Torn down: ${formatInstant(env.updatedAt)}`
      : mrkdwn`Expires: ${formatInstant(env.expiresAt)} (${ttlText(env, now)})`,
    mrkdwn`Cost: ${costText(env, input.estimate)}`,
    destroyed
      ? mrkdwn`Resources: none left`
      : mrkdwn`Resources: ${totalText(inventory)}${inventory.total > 0 ? ` — ${describeInventory(inventory)}` : ''}`,
  ];
  const drill = lastDrillText(env, now);
  if (drill) facts.push(drill);
  const blocks: Block[] = [header(env.name), section(joinMd(facts, '\n'))];
  const outputs = outputLines(env);
  if (outputs.length > 0 && !destroyed) blocks.push(section(joinMd(outputs, '\n')));
  if (run)
    blocks.push(...renderRunProgress(run, input.steps ?? [], run.status === 'running' ? now : undefined));
  else blocks.push(context(mrkdwn`No run in progress.`));
  return ephemeral(mrkdwn`${env.name}: ${STATUS_WORD[env.status]}, ${ttlText(env, now)}`, blocks);
}

export function renderEnvNotFound(name: string): Reply {
  return ephemeral(mrkdwn`No environment named ${name}.`, [
    section(mrkdwn`No environment named ${bold(name)}. See ${code('/site list')}.`),
  ]);
}
