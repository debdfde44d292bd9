/**
 * `sitebot create <env>`: the same operation as `/site create` (startCreate: refuse a name in
 * use, resume a failed create), then this process ticks the run to its end. A create of the
 * same env already under way (started by the bot, or by a CLI that was interrupted) is
 * followed instead of refused, which is how an interrupted create is resumed.
 *
 * The preflight (quotas and offerings) runs first, beside the state reads: a create it refuses
 * exits 3 with one line and writes nothing. `--dry-run` shows it with the plan.
 */
import { AccountLimitsAdapter } from '../../aws/account-limits';
import { createAwsClients } from '../../aws/clients';
import { inEnglish } from '../../i18n/english';
import type { Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
import type { CreatePlan } from '../../workflows/create/plan';
import { resolveCreateConfig } from '../../workflows/create';
import { runPreflight } from '../../workflows/create/preflight';
import { preflightLines } from '../preflight-lines';
import { refsOfPlan, inventoryOf } from '../../workflows/inventory';
import { cliTexts } from '../texts';
import { stepTitles } from '../titles';
import { planCreate, startCreate } from '../../workflows/operations/create';
import type { Config } from '../../config/config';
import type { CliCreate } from '../args';
import type { CliContext, CliIo } from '../context';
import { EXIT, followToEnd, plain, runningRunOf } from './follow';

/** A catalogue line without Slack's markup (`*bold*`). */
const plainText = (md: string) => plain(md.replace(/\*/g, ''));

/** `--dry-run`: the plan, its estimate and the preflight; nothing is created and no state is read. */
export async function runCreateDryRun(cmd: CliCreate, io: CliIo, config: Config): Promise<number> {
  const createConfig = resolveCreateConfig({
    region: config.region,
    azs: config.azs,
    ...io.overrides?.create,
  });
  const clients = io.overrides?.clients ?? createAwsClients({ region: config.region });
  const preflight = await runPreflight(new AccountLimitsAdapter(clients), createConfig, cmd.multiAz);
  const { plan, estimate } = planCreate(cmd.env, cmd.multiAz, createConfig);
  if (cmd.json) {
    io.stdout.write(`${JSON.stringify(inEnglish({ plan, estimate, preflight }), null, 2)}\n`);
  } else {
    const t = cliTexts(config);
    const verdict = preflight.ok
      ? plainText(`${t.plan.preflightOk()}`)
      : plainText(`${t.plan.wouldBeRefused({ refusal: t.said(preflight.refusal) })}`);
    io.stdout.write(
      [
        ...planLines(t, plan),
        t.plan.cliCost({ rates: t.common.rates(estimate) }),
        t.said(estimate.assumptions),
        verdict,
        ...preflightLines(t, preflight).map((line) => `  ${line}`),
        '',
      ].join('\n'),
    );
  }
  return preflight.ok ? EXIT.ok : EXIT.refused;
}

export async function runCreate(cmd: CliCreate, io: CliIo, ctx: CliContext): Promise<number> {
  const { store } = ctx;
  const t = cliTexts(ctx.config);
  // At once, beside the reads: it takes as long as its slowest AWS call.
  const checking = ctx.runtime.preflight(cmd.multiAz);
  const underway = await runningRunOf(ctx, cmd.env, 'create');
  let run: Run;
  let kick = false;
  if (underway) {
    io.stderr.write(`${t.cli.following({ kind: 'create', env: cmd.env, runId: underway.runId })}\n`);
    run = underway;
    kick = true;
  } else {
    const checkedAt = ctx.now();
    const started = await startCreate(
      {
        store,
        service: ctx.runtime.service,
        createConfig: ctx.runtime.createConfig,
        channelBudgetUsd: ctx.config.channelBudgetUsd,
        now: ctx.now,
      },
      {
        env: cmd.env,
        requestedBy: cmd.as,
        channel: cmd.channel,
        ttlMs: cmd.ttlMs,
        multiAz: cmd.multiAz,
        preflight: { report: await checking, checkedAt },
        siteCheck: cmd.siteCheck && ctx.config.siteCheck,
      },
    );
    if (!started.ok) {
      io.stderr.write(`${t.cli.refused({ why: plain(t.said(started.message)) })}\n`);
      return EXIT.refused;
    }
    if (started.resumed) io.stderr.write(`${t.cli.resuming({ env: cmd.env, runId: started.run.runId })}\n`);
    run = started.run;
    // A resumed run's first tick was scheduled by retryRun, a new one's by startRun.
  }
  return followToEnd(ctx, io, run, {
    json: cmd.json,
    kick,
    describe: async (final) => ({ outputs: await envOutputs(ctx, final) }),
  });
}

/** The plan as plain text: each parallel group's steps and what they create. */
function planLines(t: Texts, plan: CreatePlan): string[] {
  const titles = stepTitles(t, 'create');
  const lines = [
    t.plan.cliTitle({ env: plan.env, region: plan.region, azs: plan.azs.join(', '), multiAz: plan.multiAz }),
  ];
  plan.groups.forEach((group, i) => {
    lines.push(`${i + 1}. ${group.map((s) => titles.get(s.id) ?? s.id).join(' ∥ ')}`);
    for (const s of group)
      for (const r of s.resources)
        lines.push(`   + ${r.type} ${r.name}${r.detail ? ` (${t.said(r.detail)})` : ''}`);
  });
  const inventory = inventoryOf(refsOfPlan(plan.resources));
  lines.push(
    t.plan.cliTotal({
      total: t.inventory.total({ n: inventory.total }),
      what: t.inventory.describe(inventory.counts),
    }),
  );
  return lines;
}

async function envOutputs(ctx: CliContext, run: Run): Promise<Record<string, string>> {
  const env = await ctx.store.environments.get(run.env);
  return env?.outputs ?? {};
}
