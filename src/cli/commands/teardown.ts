/**
 * `sitebot destroy <env> --yes` and `sitebot failover <env> [web|db|all] [--force]`: the same
 * starters as the bot's buttons and commands (startDestroy, startFailover), then this process
 * ticks the run to its end. Destroy refuses without `--yes` (there is no confirmation dialog
 * in a script); on a create still running, `--yes` is the bot's "Cancel and destroy": the
 * create is asked to stop (startDestroy with cancelCreate), followed until it has, and then
 * torn down. A teardown already under way (an interrupted CLI, or the bot's) is followed rather
 * than refused. A drill that ran but did not pass exits 4.
 */
import { cliTexts } from '../texts';
import { describeDestroyPlan, renderReceipt, startDestroy } from '../../workflows/destroy';
import { renderDrillReport, startFailover, type DrillReport } from '../../workflows/failover';
import type { CliDestroy, CliFailover } from '../args';
import { errorMessage, type CliContext, type CliIo } from '../context';
import type { Run } from '../../state/types';
import { EXIT, followToEnd, plain, runningRunOf } from './follow';

/**
 * "Cancel and destroy", first half: asks the running create to stop and ticks it until it has
 * (quietly: the teardown is what this command reports). Undefined when it has stopped; an exit
 * code when this command must end here.
 */
async function stopCreateFirst(cmd: CliDestroy, io: CliIo, ctx: CliContext, channel: string) {
  const asked = await startDestroy(ctx.runtime.service, ctx.store, {
    env: cmd.env,
    requestedBy: cmd.as,
    channel,
    cancelCreate: true,
    now: ctx.now(),
  });
  const t = cliTexts(ctx.config);
  if (asked.status === 'refused') {
    io.stderr.write(`${t.cli.refused({ why: plain(t.said(asked.message)) })}\n`);
    return EXIT.refused;
  }
  if (asked.status === 'started') return undefined; // the create ended meanwhile
  io.stderr.write(`${t.cli.stoppingCreateFirst({ env: cmd.env, runId: asked.createRunId })}\n`);
  const stopped = await ctx.driver.follow(asked.createRunId, {
    onUpdate: () => undefined,
    signal: io.signal,
    kick: true,
  });
  if (stopped.outcome === 'interrupted') {
    io.stderr.write(`${t.cli.stoppedWaiting({ env: cmd.env })}\n`);
    return EXIT.interrupted;
  }
  return undefined;
}

export async function runDestroy(cmd: CliDestroy, io: CliIo, ctx: CliContext): Promise<number> {
  const t = cliTexts(ctx.config);
  const env = await ctx.store.environments.get(cmd.env);
  if (!env || env.status === 'destroyed') {
    io.stderr.write(`${t.cli.noEnv({ env: cmd.env })}\n`);
    return EXIT.failed;
  }
  if (!cmd.yes) {
    const plan = describeDestroyPlan(env);
    const why = t.cli.destroyNeedsYes({
      env: cmd.env,
      total: t.inventory.total({ n: plan.inventory.total }),
      what: t.inventory.describe(plan.inventory.counts),
    });
    io.stderr.write(`${t.cli.refused({ why })}\n`);
    return EXIT.refused;
  }
  const describe = async (run: Run) => {
    const receipt = renderReceipt(run.summary);
    return { outputs: {}, details: [receipt.headline, ...receipt.lines].map((l) => plain(t.said(l))) };
  };
  if (await runningRunOf(ctx, cmd.env, 'create')) {
    const ended = await stopCreateFirst(cmd, io, ctx, env.channel);
    if (ended !== undefined) return ended;
  }
  // The bot (or the stopped create's own trigger) may have started the teardown already.
  const underway = await runningRunOf(ctx, cmd.env, 'destroy');
  if (underway) {
    io.stderr.write(`${t.cli.following({ kind: 'destroy', env: cmd.env, runId: underway.runId })}\n`);
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
    io.stderr.write(`${t.cli.refused({ why: errorMessage(err) })}\n`);
    return EXIT.refused;
  }
  if (started.status !== 'started') {
    io.stderr.write(`${t.cli.refused({ why: plain(t.said(started.message)) })}\n`);
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
    io.stderr.write(`${t.cli.refused({ why: plain(t.said(started.message)) })}\n`);
    return EXIT.refused;
  }
  const reportOf = (run: Run) => run.summary?.drill as DrillReport | undefined;
  return followToEnd(ctx, io, started.run, {
    json: cmd.json,
    describe: async (run) => {
      const report = reportOf(run);
      return { outputs: {}, details: report ? renderDrillReport(report).map((l) => plain(t.said(l))) : [] };
    },
    // A drill that ran to its end but did not pass (failed, fault not observed, incomplete) is no success.
    exitCode: (run) => {
      if (run.status !== 'succeeded') return EXIT.failed;
      return reportOf(run)?.verdict === 'pass' ? EXIT.ok : EXIT.notPassed;
    },
  });
}
