/**
 * Terminal output: finished steps scroll up as permanent lines, and below them a live block —
 * a progress bar and the steps under way with their notes — redrawn in place on every change.
 * Times are the run record's (to its last change), so they never go back between redraws.
 *
 *   ✓ Create VPC (2s)
 *   create demo [##########..............] 8/19  3m 05s
 *     … Create DB instance  2m 40s  db: creating
 */
import { ENGLISH, type Texts } from '../../i18n/texts';
import type { Run } from '../../state/types';
import { progressBar, viewRun, type StepPhase } from '../progress';
import { resultLines } from './lines';
import { stepErrorText, type Output, type RunRenderer, type RunResult } from './types';

const CLEAR_BELOW = '\x1b[0J';
const up = (n: number) => (n > 0 ? `\x1b[${n}A\r` : '\r');
/** At most this many steps under way are listed; the rest are counted. */
const MAX_ACTIVE_LINES = 8;

export class TtyRenderer implements RunRenderer {
  private drawn = 0;
  private last?: Run;
  private readonly seen = new Map<string, StepPhase>();
  private finished = false;

  constructor(
    private readonly out: Output,
    private readonly titles: ReadonlyMap<string, string>,
    private readonly t: Texts = ENGLISH,
  ) {}

  update(run: Run): void {
    if (this.finished) return;
    this.last = run;
    this.redraw();
  }

  finish(result: RunResult): void {
    if (this.finished) return;
    this.finished = true;
    this.out.write(up(this.drawn) + CLEAR_BELOW + this.settledLines(result.run));
    this.drawn = 0;
    this.out.write(`${resultLines(result, this.t).join('\n')}\n`);
  }

  private redraw(): void {
    if (!this.last || this.finished) return;
    const settled = this.settledLines(this.last);
    const block = this.liveBlock(this.last);
    this.out.write(up(this.drawn) + CLEAR_BELOW + settled + block.map((l) => `${l}\n`).join(''));
    this.drawn = block.length;
  }

  /** Steps that finished since the last draw, as lines that stay on screen. */
  private settledLines(run: Run): string {
    const { t } = this;
    let text = '';
    for (const step of viewRun(run, this.titles, undefined, t.said).steps) {
      if (this.seen.get(step.id) === step.phase) continue;
      this.seen.set(step.id, step.phase);
      if (step.phase === 'done') text += this.fit(`✓ ${step.title} (${t.fmt.duration(step.elapsedMs ?? 0)})`);
      if (step.phase === 'skipped')
        text += this.fit(`– ${step.title}: ${t.cli.skipped({ why: step.note ?? t.cli.doesNotApply() })}`);
      if (step.phase === 'failed')
        text += this.fit(`✗ ${step.title}: ${stepErrorText(step.title, step.error, t)}`);
    }
    return text;
  }

  private liveBlock(run: Run): string[] {
    const { t } = this;
    const view = viewRun(run, this.titles, undefined, t.said);
    const lines = [
      `${view.kind} ${view.env} ${progressBar(view.fraction)} ${view.done}/${view.total}  ${t.fmt.duration(view.elapsedMs)}`,
    ];
    const active = view.steps.filter((s) => s.phase === 'active');
    for (const step of active.slice(0, MAX_ACTIVE_LINES)) {
      const note = step.note ? `  ${step.note}` : '';
      lines.push(`  … ${step.title}  ${t.fmt.duration(step.elapsedMs ?? 0)}${note}`);
    }
    if (active.length > MAX_ACTIVE_LINES)
      lines.push(`  … ${t.cli.andMore({ n: active.length - MAX_ACTIVE_LINES })}`);
    return lines.map((l) => this.fit(l).slice(0, -1));
  }

  /** One line cut to the terminal's width (a wrapped line would break the redraw), with its newline. */
  private fit(line: string): string {
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    return `${line.length > width ? `${line.slice(0, width - 1)}…` : line}\n`;
  }
}
