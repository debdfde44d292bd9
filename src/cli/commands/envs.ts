/**
 * `sitebot status [<env>]` and `sitebot list`: read-only views of the state store — the env
 * record, its current or last run, and what it costs (per day, and so far).
 */
import { usageFromEnvironment } from '../../cost/environment-usage';
import { estimateEnvironmentCost } from '../../cost/estimator';
import { formatPerDay, formatUsd } from '../../cost/format';
import type { Environment, Run } from '../../state/types';
import type { CliList, CliStatus } from '../args';
import type { CliContext, CliIo } from '../context';
import { formatElapsed, progressBar, viewRun } from '../progress';
import { failureOf, runDocument } from '../render';
import { stepTitles } from '../titles';
import { EXIT } from './follow';

interface Cost {
  perDay: number;
  soFar: number;
}

async function costOf(ctx: CliContext, env: Environment): Promise<Cost | undefined> {
  try {
    const runs = await ctx.store.runs.listByEnv(env.name, 20);
    const create = runs.filter((r) => r.kind === 'create').sort((a, b) => b.createdAt - a.createdAt)[0];
    const estimate = estimateEnvironmentCost(usageFromEnvironment(env, create), { now: ctx.now() });
    return { perDay: estimate.perDay, soFar: estimate.soFar };
  } catch {
    // No prices for the env's region: show the env without a cost rather than fail.
    return undefined;
  }
}

async function runOf(ctx: CliContext, env: Environment): Promise<Run | undefined> {
  const id = env.currentRunId ?? env.lastRunId;
  return id ? ctx.store.runs.get(id) : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

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
  const lines = [
    `${env.name}  ${env.status}  owner ${env.owner}  ${env.region}  Multi-AZ ${env.multiAz}`,
    `created ${iso(env.createdAt)} (${formatElapsed(now - env.createdAt)} ago), ` +
      (env.expiresAt > now
        ? `expires in ${formatElapsed(env.expiresAt - now)}`
        : `expired ${iso(env.expiresAt)}`),
  ];
  for (const [key, value] of Object.entries(env.outputs)) lines.push(`  ${key}: ${value}`);
  if (run) lines.push(...runLines(run, now));
  if (cost) lines.push(`cost: ${formatPerDay(cost.perDay)}, so far ${formatUsd(cost.soFar)}`);
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
      `${run.kind} run ${run.runId}: ${progressBar(view.fraction)} ${view.done}/${view.total}  ${formatElapsed(view.elapsedMs)}`,
      ...active,
    ];
  }
  const how = run.status === 'succeeded' ? 'succeeded' : `${run.status}: ${failureOf(run)}`;
  return [`last ${run.kind} run ${run.runId} ${how} (${formatElapsed(view.elapsedMs)})`];
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
    formatElapsed(now - env.createdAt),
    env.expiresAt > now ? formatElapsed(env.expiresAt - now) : 'expired',
    costs[i] ? `${formatPerDay(costs[i].perDay)} (so far ${formatUsd(costs[i].soFar)})` : '-',
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
