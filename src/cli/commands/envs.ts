/**
 * `sitebot status [<env>]` and `sitebot list`: read-only views of the state store — the env
 * record, its current or last run, and what it costs (per day, and so far).
 */
import type { Texts } from '../../i18n/texts';
import type { Environment, Run } from '../../state/types';
import { inventoryOf } from '../../workflows/inventory';
import { cliTexts } from '../texts';
import { environmentCost } from '../../workflows/operations/env-cost';
import { currentResources } from '../../workflows/operations/env-inventory';
import type { CliList, CliStatus } from '../args';
import type { CliContext, CliIo } from '../context';
import { progressBar, viewRun } from '../progress';
import { failureOf, runDocument } from '../render';
import { englishOutputs } from '../render/json';
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

export async function runStatus(cmd: CliStatus, io: CliIo, ctx: CliContext): Promise<number> {
  if (!cmd.env) return runList({ kind: 'list', json: cmd.json }, io, ctx);
  const env = await ctx.store.environments.get(cmd.env);
  const t = cliTexts(ctx.config);
  if (!env || env.status === 'destroyed') {
    io.stderr.write(`${t.cli.noEnv({ env: cmd.env })}\n`);
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
    t.cli.statusHead({
      env: env.name,
      status: env.status,
      owner: env.owner,
      region: env.region,
      multiAz: env.multiAz,
    }),
    t.cli.created({
      at: env.createdAt,
      agoMs: now - env.createdAt,
      expiry: t.common.expiry(env.expiresAt, now),
      expiresAt: env.expiresAt,
    }),
    t.cli.resources({
      total: t.inventory.total({ n: inventory.total }),
      ...(inventory.total > 0 ? { what: t.inventory.describe(inventory.counts) } : {}),
    }),
  ];
  for (const [key, value] of Object.entries(env.outputs)) {
    if (key !== 'multiAz') lines.push(`  ${t.common.output(key)}: ${t.common.outputValue(key, value)}`);
  }
  if (run) lines.push(...runLines(t, run, now));
  if (cost) lines.push(t.cli.cost(cost));
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function runLines(t: Texts, run: Run, now: number): string[] {
  const view = viewRun(run, stepTitles(t, run.kind), now, t.said);
  if (run.status === 'running') {
    // Each step under way with the reason it waits, if it gave one.
    const active = view.steps
      .filter((s) => s.phase === 'active')
      .map((s) => t.cli.underWay({ title: s.title, ...(s.note ? { note: s.note } : {}) }));
    return [
      t.cli.runProgress({
        kind: run.kind,
        runId: run.runId,
        bar: progressBar(view.fraction),
        done: view.done,
        total: view.total,
        ms: view.elapsedMs,
      }),
      ...active,
    ];
  }
  const failure = failureOf(run, t);
  return [
    t.cli.lastRun({
      kind: run.kind,
      runId: run.runId,
      status: run.status,
      ...(failure ? { failure } : {}),
      ms: view.elapsedMs,
    }),
  ];
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
      outputs: englishOutputs(env.outputs),
      ...(costs[i] ? { cost: costs[i] } : {}),
    }));
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  const t = cliTexts(ctx.config);
  if (envs.length === 0) {
    io.stdout.write(`${t.cli.noEnvironments()}\n`);
    return EXIT.ok;
  }
  const now = ctx.now();
  const rows = envs.map((env, i) => [
    env.name,
    t.cli.listStatus({ status: env.status }),
    env.owner,
    t.fmt.duration(now - env.createdAt),
    env.expiresAt > now ? t.fmt.duration(env.expiresAt - now) : t.cli.expired(),
    costs[i] ? t.cli.listCost(costs[i]) : '-',
    env.outputs.siteUrl ?? '-',
  ]);
  io.stdout.write(`${table([t.cli.listHeader(), ...rows])}\n`);
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
