/**
 * The part every run-starting command shares: follow the run to its end with the chosen
 * renderer, then map the outcome to an exit code (EXIT; `sitebot help` and the README list them).
 */
import { cliTexts } from '../texts';
import type { Run, RunKind } from '../../state/types';
import type { CliContext, CliIo } from '../context';
import { chooseRenderer } from '../render';
import { stepTitles } from '../titles';

/**
 * 0 succeeded; 1 failed or cancelled (or an error); 2 bad usage or configuration; 3 refused,
 * nothing was started or changed; 4 a failover drill ran to its end but did not pass; 130
 * interrupted (Ctrl-C: the run goes on when resumed).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, notPassed: 4, interrupted: 130 } as const;

export interface FollowOptions {
  json: boolean;
  /** Schedule a first tick (a run this process did not start). */
  kick?: boolean;
  /** Outputs and extra lines to show once the run has ended. */
  describe(run: Run): Promise<{ outputs: Record<string, string>; details?: string[] }>;
  /** The exit code of a run that ended; default: 0 when it succeeded, else 1. */
  exitCode?(run: Run): number;
}

const defaultExit = (run: Run): number => (run.status === 'succeeded' ? EXIT.ok : EXIT.failed);

export async function followToEnd(
  ctx: CliContext,
  io: CliIo,
  run: Run,
  options: FollowOptions,
): Promise<number> {
  const t = cliTexts(ctx.config);
  const renderer = chooseRenderer(io.stdout, {
    json: options.json,
    titles: stepTitles(t, run.kind),
    texts: t,
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
  return (options.exitCode ?? defaultExit)(followed.run);
}

/**
 * A message written for Slack, as a terminal reads it: mentions (`<@U123>`) as `@U123`, and a
 * suggested `/site …` command as the `sitebot …` command that does it (a CLI destroy confirms
 * with `--yes`), so a refusal only suggests what the CLI can do.
 */
export function plain(text: string): string {
  return text
    .replace(/<@([^>|]+)(\|[^>]*)?>/g, '@$1')
    .replace(/\/site destroy ([a-z0-9-]+)/g, 'sitebot destroy $1 --yes')
    .replace(/\/site /g, 'sitebot ')
    .replace(/\s*\n\s*/g, ' ');
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
