/**
 * `sitebot status [<env>]` and `sitebot list`: read-only views of the state store — the env
 * record, its current or last run, and what it costs (per day, and so far).
 */
import { formatDuration, formatExpiry, formatInstant, formatPerDay, formatUsd } from '../../domain/format';
import type { Environment, Run } from '../../state/types';
import { outputLabel } from '../../workflows/create/finish';
import { describeInventory, inventoryOf, totalText } from '../../workflows/inventory';
import { environmentCost } from '../../workflows/operations/env-cost';
import { currentResources } from '../../workflows/operations/env-inventory';
import type { CliList, CliStatus } from '../args';
import type { CliContext, CliIo } from '../context';
import { progressBar, viewRun } from '../progress';
import { failureOf, runDocument } from '../render';
import { stepTitles } from '../titles';
import { EXIT } from './follow';

interface Cost {
  perDay: number;
  soFar: number;
}

/** The bot's figure for the same env (one estimator, one usage); undefined without prices. */
async function costOf(ctx: CliContext, env: Environment): Promise<Cost | undefined> {
  const estimate = await environmentCost(ctx.store, env, ctx.now());
  return estimate && { perDay: estimate.perDay, soFar: estimate.soFar };
}

async function runOf(ctx: CliContext, env: Environment): Promise<Run | undefined> {
  const id = env.currentRunId ?? env.lastRunId;
  return id ? ctx.store.runs.get(id) : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

const MULTI_AZ: Record<Environment['multiAz'], string> = {
  now: 'database Multi-AZ',
  later: 'database Multi-AZ (converted)',
  off: 'database single-AZ',
};

export async function runStatus(cmd: CliStatus, io: CliIo, ctx: CliContext): Promise<number> {
  if (!cmd.env) return runList({ kind: 'list', json: cmd.json }, io, ctx);
  const env = await ctx.store.environments.get(cmd.env);
  if (!env || env.status === 'destroyed') {
    io.stderr.write(`no environment named ${cmd.env}\n`);
    return EXIT.failed;
  }
  const [run, cost] = await Promise.all([runOf(ctx, env), costOf(ctx, env)]);
  if (cmd.json) {
    const doc = {
      env,
      ...(run ? { run: runDocument({ run, outcome: 'finished', outputs: {} }) } : {}),
      ...(cost ? { cost } : {}),
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  const now = ctx.now();
  const inventory = inventoryOf(await currentResources(ctx.store, env));
  const lines = [
    `${env.name}  ${env.status}  owner ${env.owner}  ${env.region}  ${MULTI_AZ[env.multiAz]}`,
    `created ${formatInstant(env.createdAt)} (${formatDuration(now - env.createdAt)} ago), ` +
      `${formatExpiry(env.expiresAt, now)} (${formatInstant(env.expiresAt)})`,
    `resources: ${totalText(inventory)}${inventory.total > 0 ? ` (${describeInventory(inventory)})` : ''}`,
  ];
  for (const [key, value] of Object.entries(env.outputs)) {
    if (key !== 'multiAz') lines.push(`  ${outputLabel(key)}: ${value}`);
  }
  if (run) lines.push(...runLines(run, now));
  if (cost) lines.push(`cost: ${formatUsd(cost.soFar)} so far · ${formatPerDay(cost.perDay)}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function runLines(run: Run, now: number): string[] {
  const view = viewRun(run, stepTitles(run.kind), now);
  if (run.status === 'running') {
    // Each step under way with the reason it waits, if it gave one.
    const active = view.steps
      .filter((s) => s.phase === 'active')
      .map((s) => `  under way: ${s.title}${s.note ? ` (${s.note})` : ''}`);
    return [
      `${run.kind} run ${run.runId}: ${progressBar(view.fraction)} ${view.done}/${view.total}  ${formatDuration(view.elapsedMs)}`,
      ...active,
    ];
  }
  const how = run.status === 'succeeded' ? 'succeeded' : `${run.status}: ${failureOf(run)}`;
  return [`last ${run.kind} run ${run.runId} ${how} (${formatDuration(view.elapsedMs)})`];
}

export async function runList(cmd: CliList, io: CliIo, ctx: CliContext): Promise<number> {
  const envs = (await ctx.store.environments.listActive()).sort((a, b) => a.name.localeCompare(b.name));
  const costs = await Promise.all(envs.map((e) => costOf(ctx, e)));
  if (cmd.json) {
    const doc = envs.map((env, i) => ({
      name: env.name,
      status: env.status,
      owner: env.owner,
      channel: env.channel,
      region: env.region,
      createdAt: iso(env.createdAt),
      expiresAt: iso(env.expiresAt),
      outputs: env.outputs,
      ...(costs[i] ? { cost: costs[i] } : {}),
    }));
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  if (envs.length === 0) {
    io.stdout.write('no environments\n');
    return EXIT.ok;
  }
  const now = ctx.now();
  const rows = envs.map((env, i) => [
    env.name,
    env.status,
    env.owner,
    formatDuration(now - env.createdAt),
    env.expiresAt > now ? formatDuration(env.expiresAt - now) : 'expired',
    costs[i] ? `${formatUsd(costs[i].soFar)} so far · ${formatPerDay(costs[i].perDay)}` : '-',
    env.outputs.siteUrl ?? '-',
  ]);
  io.stdout.write(`${table([['NAME', 'STATUS', 'OWNER', 'AGE', 'EXPIRES IN', 'COST', 'URL'], ...rows])}\n`);
  return EXIT.ok;
}

/** Columns padded to their widest cell. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
