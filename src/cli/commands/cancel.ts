/**
 * `sitebot cancel <env>`: stops the create under way (started here, by an interrupted CLI or by
 * the bot) the way the bot's "Cancel and destroy" does before its teardown: the run is asked to
 * stop (WorkflowService.cancelRun), stops at its next tick, and what it made so far stays until
 * `sitebot destroy <env> --yes`. This process ticks the run until it has stopped; when the bot's
 * worker holds it, it waits for that worker. Only a create is cancelled: a teardown or a drill
 * stopped half way would leave more to clean up than letting it finish.
 */
import type { Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
import { createResources } from '../../workflows/create/finish';
import { stepState } from '../../workflows/engine/dag';
import type { CliCancel } from '../args';
import type { CliContext, CliIo } from '../context';
import { cliTexts } from '../texts';
import { EXIT, followToEnd, plain } from './follow';

/** The env's run when it is a running create; otherwise that there is no env, or why it is refused. */
async function runningCreate(
  ctx: CliContext,
  t: Texts,
  name: string,
): Promise<{ run: Run } | { missing: string } | { refused: string }> {
  const env = await ctx.store.environments.get(name);
  if (!env || env.status === 'destroyed') return { missing: t.cli.noEnv({ env: name }) };
  const run = env.currentRunId ? await ctx.store.runs.get(env.currentRunId) : undefined;
  if (!run || run.status !== 'running')
    return { refused: t.cli.nothingToCancel({ env: name, status: env.status }) };
  if (run.kind !== 'create')
    return { refused: t.cli.onlyCreate({ env: name, kind: run.kind, runId: run.runId }) };
  return { run };
}

/** "2 resources it made remain (vpc, igw): sitebot destroy demo --yes removes them", or that there are none. */
function leftBehind(t: Texts, run: Run): string[] {
  const roles = Object.keys(createResources((id) => stepState(run, id).outputs ?? {}));
  if (roles.length === 0) return [t.cli.nothingCreated({ env: run.env })];
  return [t.cli.madeRemain({ env: run.env, n: roles.length, roles })];
}

export async function runCancel(cmd: CliCancel, io: CliIo, ctx: CliContext): Promise<number> {
  const t = cliTexts(ctx.config);
  const found = await runningCreate(ctx, t, cmd.env);
  if ('missing' in found) {
    io.stderr.write(`${found.missing}\n`);
    return EXIT.failed;
  }
  if ('refused' in found) {
    io.stderr.write(`${t.cli.refused({ why: found.refused })}\n`);
    return EXIT.refused;
  }
  const cancelled = await ctx.runtime.service.cancelRun(found.run.runId, cmd.as);
  if (!cancelled.ok) {
    io.stderr.write(`${t.cli.refused({ why: plain(t.said(cancelled.message)) })}\n`);
    return EXIT.refused;
  }
  io.stderr.write(`${t.cli.stoppingCreate({ env: cmd.env, runId: found.run.runId })}\n`);
  return followToEnd(ctx, io, cancelled.run, {
    json: cmd.json,
    kick: true,
    describe: async (run) => ({ outputs: {}, details: run.status === 'cancelled' ? leftBehind(t, run) : [] }),
    // The create may have ended on its own before it saw the request: then nothing was cancelled.
    exitCode: (run) => (run.status === 'cancelled' ? EXIT.ok : EXIT.failed),
  });
}
