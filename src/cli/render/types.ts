/** What every output mode (TTY, lines, JSON) implements, and what it is given. */
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
export function stepErrorText(title: string, message: string | undefined): string {
  if (!message) return 'failed';
  return message.startsWith(`${title}: `) ? message.slice(title.length + 2) : message;
}

/** The failure of a run in one line (from the runner's summary), if it failed: `Create VPC: VpcLimitExceeded: …`. */
export function failureOf(run: Run): string | undefined {
  if (run.status === 'succeeded' || run.status === 'running') return undefined;
  if (run.status === 'cancelled')
    return `cancelled by ${String(run.summary?.cancelledBy ?? run.requestedBy)}`;
  const failed = Array.isArray(run.summary?.failedSteps) ? (run.summary.failedSteps as string[]) : [];
  const error = typeof run.summary?.error === 'string' ? run.summary.error : undefined;
  if (failed.length === 0) return error ?? 'failed';
  const titles = stepTitles(run.kind);
  const names = failed.map((id) => titles.get(id) ?? id);
  return `${names.join(', ')}: ${stepErrorText(names[0], error)}`;
}
