/** What every output mode (TTY, lines, JSON) implements, and what it is given. */
import { ENGLISH, type Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
import { stepTitles } from '../titles';

/** Where a renderer writes: process.stdout, or a buffer in tests. */
export interface Output {
  write(text: string): void;
  /** True on a terminal: redraw in place. */
  readonly isTTY?: boolean;
  /** Terminal width; lines are cut to it. */
  readonly columns?: number;
}

export interface RunResult {
  run: Run;
  /** `interrupted`: the CLI stopped following (Ctrl-C); the run itself goes on when resumed. */
  outcome: 'finished' | 'interrupted';
  /** What people need once it is done (site URL, DB endpoint, AZs…). */
  outputs: Record<string, string>;
  /** Extra human lines: a teardown receipt, a drill report. */
  details?: string[];
}

export interface RunRenderer {
  /** Every persisted change of the run (a step started, polled, finished). */
  update(run: Run): void;
  /** The run ended, or the CLI stopped following it. Prints the result; nothing is written after. */
  finish(result: RunResult): void;
}

/**
 * A step's error without the step's title in front: a step's message starts with what it was
 * doing (`Create VPC: VpcLimitExceeded: …`), and the renderers already name the step.
 */
export function stepErrorText(title: string, message: string | undefined, t: Texts = ENGLISH): string {
  if (!message) return t.cli.stepFailed();
  return message.startsWith(`${title}: `) ? message.slice(title.length + 2) : message;
}

/**
 * The failure of a run in one line (from the runner's summary), if it failed, in `t`'s language:
 * `Create VPC: VpcLimitExceeded: …`. The failed step's own said error when it has one; else the
 * summary's English message without its English title.
 */
export function failureOf(run: Run, t: Texts = ENGLISH): string | undefined {
  if (run.status === 'succeeded' || run.status === 'running') return undefined;
  if (run.status === 'cancelled')
    return t.cli.cancelledBy({ who: String(run.summary?.cancelledBy ?? run.requestedBy) });
  const failed = Array.isArray(run.summary?.failedSteps) ? (run.summary.failedSteps as string[]) : [];
  const error = typeof run.summary?.error === 'string' ? run.summary.error : undefined;
  if (failed.length === 0) return error ?? t.cli.stepFailed();
  const titles = stepTitles(t, run.kind);
  const said = run.steps[failed[0]]?.error?.said;
  const english = stepTitles(ENGLISH, run.kind).get(failed[0]) ?? failed[0];
  return t.cli.failedSteps({
    steps: failed.map((id) => titles.get(id) ?? id),
    error: said ? t.said(said) : stepErrorText(english, error, t),
  });
}
