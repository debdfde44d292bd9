/**
 * The part every run-starting command shares: follow the run to its end with the chosen
 * renderer, then map the outcome to an exit code. Exit codes: 0 succeeded, 1 failed or
 * cancelled, 130 interrupted (Ctrl-C; the run goes on when resumed).
 */
import { cliTexts } from '../texts';
import type { Run, RunKind } from '../../state/types';
import type { CliContext, CliIo } from '../context';
import { chooseRenderer } from '../render';
import { stepTitles } from '../titles';

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, interrupted: 130 } as const;

export interface FollowOptions {
  json: boolean;
  /** Schedule a first tick (a run this process did not start). */
  kick?: boolean;
  /** Outputs and extra lines to show once the run has ended. */
  describe(run: Run): Promise<{ outputs: Record<string, string>; details?: string[] }>;
}

export async function followToEnd(
  ctx: CliContext,
  io: CliIo,
  run: Run,
  options: FollowOptions,
): Promise<number> {
  const renderer = chooseRenderer(io.stdout, {
    json: options.json,
    titles: stepTitles(cliTexts(ctx.config), run.kind),
  });
  renderer.update(run);
  const followed = await ctx.driver.follow(run.runId, {
    onUpdate: (r) => renderer.update(r),
    signal: io.signal,
    kick: options.kick,
  });
  const described = await options.describe(followed.run);
  renderer.finish({ run: followed.run, outcome: followed.outcome, ...described });
  if (followed.outcome === 'interrupted') return EXIT.interrupted;
  return followed.run.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

/** Slack mentions (`<@U123>`) read as `@U123` in a terminal. */
export function plain(text: string): string {
  return text.replace(/<@([^>|]+)(\|[^>]*)?>/g, '@$1').replace(/\s*\n\s*/g, ' ');
}

/**
 * The env's current run of `kind` when it is still running (started by the bot, or by a CLI
 * that was interrupted): commands follow it instead of starting another, which is how an
 * interrupted run is resumed from the terminal.
 */
export async function runningRunOf(ctx: CliContext, name: string, kind: RunKind): Promise<Run | undefined> {
  const env = await ctx.store.environments.get(name);
  if (!env?.currentRunId) return undefined;
  const run = await ctx.store.runs.get(env.currentRunId);
  return run?.kind === kind && run.status === 'running' ? run : undefined;
}
