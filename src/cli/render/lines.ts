/**
 * Pipe output: one line per step transition (started, waiting for a new reason, done, failed)
 * — never one per poll: a reason is printed once, when it changes — then the result. Easy to
 * grep and to read in a CI log.
 *
 *   [    0s] start  Create MySQL database
 *   [    2s] wait   Create MySQL database: db: creating
 *   [ 8m 00s] done   Create MySQL database (8m 00s)
 */
import { ENGLISH, type Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
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
    private readonly t: Texts = ENGLISH,
  ) {}

  update(run: Run): void {
    const { t } = this;
    const view = viewRun(run, this.titles, undefined, t.said);
    if (!this.announced) {
      this.announced = true;
      this.out.write(`${t.cli.runHead({ kind: run.kind, env: run.env, runId: run.runId })}\n`);
    }
    const at = `[${t.fmt.duration(view.elapsedMs).padStart(7)}]`;
    const line = (phase: Parameters<Texts['cli']['mark']>[0]['phase'], text: string) =>
      this.out.write(`${at} ${t.cli.mark({ phase })} ${text}\n`);
    for (const step of view.steps) {
      const before = this.seen.get(step.id) ?? 'pending';
      if (step.phase !== before) {
        this.seen.set(step.id, step.phase);
        if (step.phase === 'active') line('start', step.title);
        else if (step.phase === 'done')
          line('done', `${step.title} (${t.fmt.duration(step.elapsedMs ?? 0)})`);
        else if (step.phase === 'skipped')
          line('skip', `${step.title}: ${step.note ?? t.cli.doesNotApply()}`);
        else if (step.phase === 'failed')
          line('failed', `${step.title}: ${stepErrorText(step.title, step.error, t)}`);
      }
      if (step.phase === 'active' && step.note && this.reasons.get(step.id) !== step.note) {
        this.reasons.set(step.id, step.note);
        line('wait', `${step.title}: ${step.note}`);
      }
    }
  }

  finish(result: RunResult): void {
    this.update(result.run);
    this.out.write(`${resultLines(result, this.t).join('\n')}\n`);
  }
}

/** The closing lines every human renderer prints. */
export function resultLines(result: RunResult, t: Texts = ENGLISH): string[] {
  const { run } = result;
  const ms = viewRun(run, new Map()).elapsedMs;
  const lines: string[] = [];
  if (result.outcome === 'interrupted') {
    lines.push(
      t.cli.stoppedFollowing({ kind: run.kind, env: run.env, runId: run.runId, status: run.status }),
    );
  } else if (run.status === 'succeeded') {
    lines.push(t.cli.succeeded({ kind: run.kind, env: run.env, ms }));
  } else {
    lines.push(
      t.cli.ended({ kind: run.kind, env: run.env, status: run.status, ms, failure: failureOf(run, t) ?? '' }),
    );
  }
  for (const [key, value] of Object.entries(result.outputs))
    lines.push(`  ${t.common.output(key)}: ${t.common.outputValue(key, value)}`);
  for (const line of result.details ?? []) lines.push(line);
  return lines;
}
