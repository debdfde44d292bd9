/**
 * `sitebot sleep <env>` and `sitebot wake <env>`: the same starter as `/site sleep|wake`
 * (startPower), then this process ticks the run to its end. A sleep or wake already under way
 * (an interrupted CLI, the bot's, office hours') is followed rather than refused.
 */
import { isSaid } from '../../i18n/said';
import type { Texts } from '../../i18n/texts';
import { startPower } from '../../workflows/power';
import type { CliPower } from '../args';
import type { CliContext, CliIo } from '../context';
import { cliTexts } from '../texts';
import { EXIT, followToEnd, plain, runningRunOf } from './follow';

/** What a finished sleep or wake said it did, one sentence a line (a record's older plain `text` as it is). */
export function powerSummaryLines(t: Texts, summary: Record<string, unknown> | undefined): string[] {
  const lines = summary?.lines;
  if (Array.isArray(lines)) return lines.filter(isSaid).map((l) => plain(t.said(l)));
  return typeof summary?.text === 'string' ? summary.text.split('\n') : [];
}

export async function runPower(cmd: CliPower, io: CliIo, ctx: CliContext): Promise<number> {
  const t = cliTexts(ctx.config);
  const describe = async (run: { summary?: Record<string, unknown> }) => ({
    outputs: {},
    details: powerSummaryLines(t, run.summary),
  });
  const underway = await runningRunOf(ctx, cmd.env, cmd.kind);
  if (underway) {
    io.stderr.write(`${t.cli.following({ kind: cmd.kind, env: cmd.env, runId: underway.runId })}\n`);
    return followToEnd(ctx, io, underway, { json: cmd.json, kick: true, describe });
  }
  const started = await startPower(ctx.runtime.service, ctx.store, {
    kind: cmd.kind,
    env: cmd.env,
    requestedBy: cmd.as,
    channel: (await ctx.store.environments.get(cmd.env))?.channel ?? 'cli',
  });
  if (!started.ok) {
    io.stderr.write(`${t.cli.refused({ why: plain(t.said(started.message)) })}\n`);
    return EXIT.refused;
  }
  return followToEnd(ctx, io, started.run, { json: cmd.json, describe });
}
