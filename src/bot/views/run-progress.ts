import type { Run, StepState, StepStatus } from '../../state/types';
import { formatDuration } from '../format';
import { context, section, type Block } from './reply';

export interface StepTitle {
  id: string;
  title: string;
  /** The step's `needs` in its workflow; with them the message shows the critical path so far. */
  needs?: readonly string[];
}

const ICON: Record<StepStatus, string> = {
  pending: ':white_circle:',
  running: ':arrows_counterclockwise:',
  waiting: ':hourglass_flowing_sand:',
  done: ':white_check_mark:',
  failed: ':x:',
};

const RUN_WORD: Record<Run['status'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** How long a step has taken, or has been going (measured to `now`). */
export function stepElapsedMs(step: StepState, now: number): number | undefined {
  if (step.startedAt === undefined) return undefined;
  return Math.max(0, (step.finishedAt ?? now) - step.startedAt);
}

/**
 * A run's progress: a headline with overall progress, then one line per step with its state
 * and elapsed time. `steps` gives the order and titles; steps of the run missing from it are
 * listed after, by id. `now` defaults to the run's last update so the function stays pure.
 */
export function renderRunProgress(run: Run, steps: readonly StepTitle[], now?: number): Block[] {
  const at = now ?? run.finishedAt ?? run.updatedAt;
  const ordered = [...steps];
  for (const id of Object.keys(run.steps)) {
    if (!ordered.some((s) => s.id === id)) ordered.push({ id, title: id });
  }
  const total = ordered.length;
  const done = ordered.filter((s) => run.steps[s.id]?.status === 'done').length;
  const pct = total === 0 ? 0 : Math.floor((done / total) * 100);
  const elapsed = formatDuration((run.finishedAt ?? at) - run.createdAt);
  const headline = `*${run.kind} ${run.env}*: ${RUN_WORD[run.status]}, ${done}/${total} steps (${pct}%), ${elapsed} elapsed`;
  const lines = ordered.map((s) => stepLine(s, run.steps[s.id], at));
  const blocks: Block[] = [section(`${headline}\n${progressBar(done, total)}`)];
  // A section's text is capped at 3000 chars by Slack; chunk the step list to stay under it.
  for (let i = 0; i < lines.length; i += 20) blocks.push(section(lines.slice(i, i + 20).join('\n')));
  const path = finishedCriticalPath(run, ordered);
  if (path.length > 0) {
    const titles = path.map((id) => ordered.find((s) => s.id === id)?.title ?? id);
    const last = run.steps[path[path.length - 1]]?.finishedAt ?? run.createdAt;
    blocks.push(
      context(`critical path so far (${formatDuration(last - run.createdAt)}): ${titles.join(' → ')}`),
    );
  }
  blocks.push(context(`run \`${run.runId}\` requested by <@${run.requestedBy}>`));
  return blocks;
}

/**
 * The chain of finished steps that set the pace: the step that finished last, then the need
 * that let it start (the one of its needs that finished last), and so on back to the start.
 * Empty when no step has finished or the steps' needs are unknown.
 */
export function finishedCriticalPath(run: Run, steps: readonly StepTitle[]): string[] {
  if (!steps.some((s) => s.needs !== undefined)) return [];
  const finished = (id: string): number | undefined => {
    const s = run.steps[id];
    return s?.status === 'done' ? s.finishedAt : undefined;
  };
  let last: StepTitle | undefined;
  for (const s of steps) {
    const at = finished(s.id);
    if (at !== undefined && (last === undefined || at >= (finished(last.id) ?? 0))) last = s;
  }
  const path: string[] = [];
  for (let step = last; step && !path.includes(step.id);) {
    path.unshift(step.id);
    let gate: StepTitle | undefined;
    for (const need of step.needs ?? []) {
      const at = finished(need);
      if (at !== undefined && (gate === undefined || at > (finished(gate.id) ?? 0)))
        gate = steps.find((s) => s.id === need);
    }
    step = gate;
  }
  return path;
}

function stepLine(step: StepTitle, state: StepState | undefined, now: number): string {
  const status = state?.status ?? 'pending';
  const elapsed = state ? stepElapsedMs(state, now) : undefined;
  const parts = [`${ICON[status]} ${step.title}`, status];
  if (elapsed !== undefined) parts.push(formatDuration(elapsed));
  if (state?.error) parts.push(state.error.message);
  else if (state?.note) parts.push(state.note);
  return parts.join(' — ');
}

function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return '`' + '█'.repeat(filled) + '░'.repeat(width - filled) + '`';
}
