/**
 * `sitebot destroy <env> --yes` and `sitebot failover <env> [web|db|all] [--force]`: the same
 * starters as the bot's buttons and commands (startDestroy, startFailover), then this process
 * ticks the run to its end. Destroy refuses without `--yes` (there is no confirmation dialog
 * in a script) and never cancels a running create for you. A teardown already under way (an
 * interrupted CLI, or the bot's) is followed rather than refused.
 */
import { cliTexts } from '../texts';
import { describeDestroyPlan, renderReceipt, startDestroy } from '../../workflows/destroy';
import { renderDrillReport, startFailover, type DrillReport } from '../../workflows/failover';
import type { CliDestroy, CliFailover } from '../args';
import { errorMessage, type CliContext, type CliIo } from '../context';
import type { Run } from '../../state/types';
import { EXIT, followToEnd, plain, runningRunOf } from './follow';

export async function runDestroy(cmd: CliDestroy, io: CliIo, ctx: CliContext): Promise<number> {
  const t = cliTexts(ctx.config);
  const env = await ctx.store.environments.get(cmd.env);
  if (!env || env.status === 'destroyed') {
    io.stderr.write(`no environment named ${cmd.env}\n`);
    return EXIT.failed;
  }
  if (!cmd.yes) {
    const plan = describeDestroyPlan(env);
    io.stderr.write(
      `refused: destroy deletes ${cmd.env} for good (${t.inventory.total({ n: plan.inventory.total })}: ${t.inventory.describe(plan.inventory.counts)}); add --yes to confirm\n`,
    );
    return EXIT.refused;
  }
  const describe = async (run: Run) => {
    const receipt = renderReceipt(run.summary);
    return { outputs: {}, details: [receipt.headline, ...receipt.lines].map(t.said) };
  };
  const underway = await runningRunOf(ctx, cmd.env, 'destroy');
  if (underway) {
    io.stderr.write(`following the teardown of ${cmd.env} already under way (run ${underway.runId})\n`);
    return followToEnd(ctx, io, underway, { json: cmd.json, kick: true, describe });
  }
  let started;
  try {
    started = await startDestroy(ctx.runtime.service, ctx.store, {
      env: cmd.env,
      requestedBy: cmd.as,
      channel: env.channel,
      now: ctx.now(),
    });
  } catch (err) {
    // startDestroy throws when the runtime has no destroy workflow registered.
    io.stderr.write(`refused: ${errorMessage(err)}\n`);
    return EXIT.refused;
  }
  if (started.status !== 'started') {
    io.stderr.write(`refused: ${plain(t.said(started.message))}\n`);
    return EXIT.refused;
  }
  return followToEnd(ctx, io, started.run, { json: cmd.json, describe });
}

export async function runFailover(cmd: CliFailover, io: CliIo, ctx: CliContext): Promise<number> {
  const started = await startFailover(ctx.runtime.service, ctx.store, {
    env: cmd.env,
    requestedBy: cmd.as,
    channel: (await ctx.store.environments.get(cmd.env))?.channel ?? 'cli',
    target: cmd.target,
    force: cmd.force,
  });
  const t = cliTexts(ctx.config);
  if (!started.ok) {
    io.stderr.write(`refused: ${plain(t.said(started.message))}\n`);
    return EXIT.refused;
  }
  return followToEnd(ctx, io, started.run, {
    json: cmd.json,
    describe: async (run) => {
      const report = run.summary?.drill as DrillReport | undefined;
      return { outputs: {}, details: report ? renderDrillReport(report).map(t.said) : [] };
    },
  });
}
