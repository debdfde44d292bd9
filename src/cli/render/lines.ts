/**
 * Pipe output: one line per step transition (started, waiting for a new reason, done, failed)
 * — never one per poll: a reason is printed once, when it changes — then the result. Easy to
 * grep and to read in a CI log.
 *
 *   [    0s] start  Create MySQL database
 *   [    2s] wait   Create MySQL database: db: creating
 *   [ 8m 00s] done   Create MySQL database (8m 00s)
 */
import type { Run } from '../../state/types';
import { outputLabel } from '../../workflows/create/finish';
import { formatDuration } from '../../domain/format';
import { viewRun, type StepPhase } from '../progress';
import { failureOf, stepErrorText, type Output, type RunRenderer, type RunResult } from './types';

export class LinesRenderer implements RunRenderer {
  private readonly seen = new Map<string, StepPhase>();
  /** The reason each step last waited for, as printed. */
  private readonly reasons = new Map<string, string>();
  private announced = false;

  constructor(
    private readonly out: Output,
    private readonly titles: ReadonlyMap<string, string>,
  ) {}

  update(run: Run): void {
    const view = viewRun(run, this.titles);
    if (!this.announced) {
      this.announced = true;
      this.out.write(`${run.kind} ${run.env}: run ${run.runId}\n`);
    }
    const at = `[${formatDuration(view.elapsedMs).padStart(7)}]`;
    for (const step of view.steps) {
      const before = this.seen.get(step.id) ?? 'pending';
      if (step.phase !== before) {
        this.seen.set(step.id, step.phase);
        if (step.phase === 'active') this.out.write(`${at} start  ${step.title}\n`);
        else if (step.phase === 'done')
          this.out.write(`${at} done   ${step.title} (${formatDuration(step.elapsedMs ?? 0)})\n`);
        else if (step.phase === 'skipped')
          this.out.write(`${at} skip   ${step.title}: ${step.note ?? 'does not apply'}\n`);
        else if (step.phase === 'failed')
          this.out.write(`${at} FAILED ${step.title}: ${stepErrorText(step.title, step.error)}\n`);
      }
      if (step.phase === 'active' && step.note && this.reasons.get(step.id) !== step.note) {
        this.reasons.set(step.id, step.note);
        this.out.write(`${at} wait   ${step.title}: ${step.note}\n`);
      }
    }
  }

  finish(result: RunResult): void {
    this.update(result.run);
    this.out.write(`${resultLines(result).join('\n')}\n`);
  }
}

/** The closing lines every human renderer prints. */
export function resultLines(result: RunResult): string[] {
  const { run } = result;
  const elapsed = formatDuration(viewRun(run, new Map()).elapsedMs);
  const lines: string[] = [];
  if (result.outcome === 'interrupted') {
    lines.push(
      `stopped following ${run.kind} ${run.env} (run ${run.runId}, still ${run.status}); ` +
        `it continues when resumed: run the same command again, or the bot resumes it`,
    );
  } else if (run.status === 'succeeded') {
    lines.push(`${run.kind} ${run.env} succeeded in ${elapsed}`);
  } else {
    lines.push(`${run.kind} ${run.env} ${run.status} after ${elapsed}: ${failureOf(run)}`);
  }
  for (const [key, value] of Object.entries(result.outputs)) lines.push(`  ${outputLabel(key)}: ${value}`);
  for (const line of result.details ?? []) lines.push(line);
  return lines;
}
