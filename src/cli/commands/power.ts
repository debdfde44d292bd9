/**
 * `sitebot sleep <env>` and `sitebot wake <env>`: the same starter as `/site sleep|wake`
 * (startPower), then this process ticks the run to its end. A sleep or wake already under way
 * (an interrupted CLI, the bot's, office hours') is followed rather than refused.
 */
import { startPower } from '../../workflows/power';
import type { CliPower } from '../args';
import type { CliContext, CliIo } from '../context';
import { cliTexts } from '../texts';
import { EXIT, followToEnd, plain, runningRunOf } from './follow';

export async function runPower(cmd: CliPower, io: CliIo, ctx: CliContext): Promise<number> {
  const describe = async (run: { summary?: Record<string, unknown> }) => ({
    outputs: {},
    details: typeof run.summary?.text === 'string' ? run.summary.text.split('\n') : [],
  });
  const underway = await runningRunOf(ctx, cmd.env, cmd.kind);
  if (underway) {
    io.stderr.write(`following the ${cmd.kind} of ${cmd.env} already under way (run ${underway.runId})\n`);
    return followToEnd(ctx, io, underway, { json: cmd.json, kick: true, describe });
  }
  const started = await startPower(ctx.runtime.service, ctx.store, {
    kind: cmd.kind,
    env: cmd.env,
    requestedBy: cmd.as,
    channel: (await ctx.store.environments.get(cmd.env))?.channel ?? 'cli',
  });
  if (!started.ok) {
    io.stderr.write(`refused: ${plain(cliTexts(ctx.config).said(started.message))}\n`);
    return EXIT.refused;
  }
  return followToEnd(ctx, io, started.run, { json: cmd.json, describe });
}
