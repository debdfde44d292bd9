/**
 * A run's steps as its message shows them: a headline with progress and elapsed time, one line
 * per step (a done step with its outcome, a waiting one with its reason, a skipped one as
 * skipped), and the critical path.
 *
 * Time: every figure is measured from the run record to one instant, `runInstant(run)` (the run's
 * end, or its last recorded change), never to the clock at render time. Updates of one message
 * therefore never go backwards, and the final figure equals the run's own duration.
 */
import { formatDuration } from '../../domain/format';
import type { Run, StepState, StepStatus } from '../../state/types';
import { packLines } from './limits';
import { mrkdwn, mention, plain, joinMd, code, type Mrkdwn } from './mrkdwn';
import { context, section, type Block } from './reply';

export interface StepTitle {
  id: string;
  title: string;
  /** The step's `needs` in its workflow; with them the message shows the critical path. */
  needs?: readonly string[];
}

const ICON: Record<StepStatus, string> = {
  pending: ':white_circle:',
  running: ':arrows_counterclockwise:',
  waiting: ':hourglass_flowing_sand:',
  done: ':white_check_mark:',
  skipped: ':heavy_minus_sign:',
  failed: ':x:',
};

/** The instant a run's figures are measured to: its end, or its last recorded change. */
export function runInstant(run: Pick<Run, 'finishedAt' | 'updatedAt'>): number {
  return run.finishedAt ?? run.updatedAt;
}

/** How long a run has taken, to `at` (default: `runInstant`). */
export function runElapsedMs(
  run: Pick<Run, 'createdAt' | 'finishedAt' | 'updatedAt'>,
  at = runInstant(run),
): number {
  return Math.max(0, (run.finishedAt ?? at) - run.createdAt);
}

/** How long a step has taken (finished), or has been going (measured to `at`). */
export function stepElapsedMs(step: StepState, at: number): number | undefined {
  if (step.startedAt === undefined) return undefined;
  return Math.max(0, (step.finishedAt ?? at) - step.startedAt);
}

/** The workflow's steps in order, then any step of the run it does not list. */
function orderedSteps(run: Run, steps: readonly StepTitle[]): StepTitle[] {
  const ordered = [...steps];
  for (const id of Object.keys(run.steps)) {
    if (!ordered.some((s) => s.id === id)) ordered.push({ id, title: id });
  }
  return ordered;
}

export interface StepCounts {
  total: number;
  done: number;
  skipped: number;
}

/** Done steps against the steps that apply (skipped ones do not count either way). */
export function stepCounts(run: Run, steps: readonly StepTitle[]): StepCounts {
  const ordered = orderedSteps(run, steps);
  const status = (id: string) => run.steps[id]?.status;
  return {
    total: ordered.length,
    done: ordered.filter((s) => status(s.id) === 'done').length,
    skipped: ordered.filter((s) => status(s.id) === 'skipped').length,
  };
}

const RUN_WORD: Record<Run['status'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * A run's progress blocks. `steps` gives the order and titles; `at` is the instant figures are
 * measured to (default `runInstant(run)`; `/site status` passes its clock for a running run).
 */
export function renderRunProgress(run: Run, steps: readonly StepTitle[], at = runInstant(run)): Block[] {
  const ordered = orderedSteps(run, steps);
  const counts = stepCounts(run, ordered);
  const applicable = counts.total - counts.skipped;
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  const headline = mrkdwn`*${run.kind} ${run.env}*: ${RUN_WORD[run.status]} — ${counts.done} of ${applicable} steps done${skipped} — ${formatDuration(runElapsedMs(run, at))}`;
  const blocks: Block[] = [section(mrkdwn`${headline}\n${progressBar(counts.done, applicable)}`)];
  for (const text of packLines(ordered.map((s) => stepLine(s, run.steps[s.id], at))))
    blocks.push(section(text));
  const path = criticalPath(run, ordered);
  if (path.length > 0) {
    const titles = path.map((id) => ordered.find((s) => s.id === id)?.title ?? id);
    const end = run.steps[path[path.length - 1]]?.finishedAt ?? run.createdAt;
    const label = run.status === 'running' ? 'critical path so far' : 'critical path';
    blocks.push(context(mrkdwn`${label} (${formatDuration(end - run.createdAt)}): ${titles.join(' → ')}`));
  }
  blocks.push(context(mrkdwn`run ${code(run.runId)} requested by ${mention(run.requestedBy)}`));
  return blocks;
}

/**
 * The chain of done steps that set the pace: the step that finished last, then the need that let
 * it start (the one that finished last), and so on back to the start. A skipped step is never on
 * it: its own needs stand in for it. Empty when no step is done or the steps' needs are unknown.
 */
export function criticalPath(run: Run, steps: readonly StepTitle[]): string[] {
  if (!steps.some((s) => s.needs !== undefined)) return [];
  const byId = new Map(steps.map((s) => [s.id, s]));
  const doneAt = (id: string): number | undefined => {
    const s = run.steps[id];
    return s?.status === 'done' ? s.finishedAt : undefined;
  };
  /** A step's needs, with each skipped need replaced by its own needs. */
  const effectiveNeeds = (step: StepTitle, seen = new Set<string>()): string[] =>
    (step.needs ?? []).flatMap((need) => {
      if (seen.has(need)) return [];
      seen.add(need);
      const needStep = byId.get(need);
      return run.steps[need]?.status === 'skipped' && needStep ? effectiveNeeds(needStep, seen) : [need];
    });
  let last: StepTitle | undefined;
  for (const s of steps) {
    const at = doneAt(s.id);
    if (at !== undefined && (last === undefined || at >= (doneAt(last.id) ?? 0))) last = s;
  }
  const path: string[] = [];
  for (let step = last; step && !path.includes(step.id);) {
    path.unshift(step.id);
    let gate: StepTitle | undefined;
    for (const need of effectiveNeeds(step)) {
      const at = doneAt(need);
      if (at !== undefined && (gate === undefined || at > (doneAt(gate.id) ?? 0))) gate = byId.get(need);
    }
    step = gate;
  }
  return path;
}

function stepLine(step: StepTitle, state: StepState | undefined, at: number): Mrkdwn {
  const status = state?.status ?? 'pending';
  const icon = ICON[status];
  const detail = state?.note ? plain(state.note) : undefined;
  const elapsed = state ? stepElapsedMs(state, at) : undefined;
  const took = elapsed === undefined ? undefined : formatDuration(elapsed);
  const parts: Mrkdwn[] = [mrkdwn`${icon} ${step.title}`];
  switch (status) {
    case 'pending':
      break;
    case 'skipped':
      parts.push(mrkdwn`skipped`);
      if (detail) parts.push(detail);
      break;
    case 'failed':
      parts.push(took ? mrkdwn`failed after ${took}` : mrkdwn`failed`);
      if (state?.error) parts.push(plain(state.error.message));
      break;
    default:
      if (took) parts.push(mrkdwn`${took}`);
      if (detail) parts.push(detail);
  }
  return joinMd(parts, ' — ');
}

function progressBar(done: number, total: number, width = 20): Mrkdwn {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return code('█'.repeat(filled) + '░'.repeat(width - filled));
}
