/**
 * What the renderers show of a run, computed from the run record alone (pure): overall
 * progress, the steps under way, and each step's phase. A step flips between `running` and
 * `waiting` on every poll; the renderers see one `active` phase for both. Times are measured to
 * the run's own instant (its end, or its last recorded change), so a figure shown later is never
 * smaller and the last one equals the run's duration.
 */
import { english } from '../i18n/english';
import type { Saying } from '../i18n/said';
import type { Run, StepState } from '../state/types';

export type StepPhase = 'pending' | 'active' | 'done' | 'skipped' | 'failed';

export interface StepView {
  id: string;
  title: string;
  phase: StepPhase;
  /** How long the step has run (until it finished, or until `now`). */
  elapsedMs?: number;
  note?: string;
  error?: string;
}

export interface RunView {
  runId: string;
  env: string;
  kind: Run['kind'];
  status: Run['status'];
  done: number;
  skipped: number;
  /** Steps that apply (skipped ones do not). */
  total: number;
  /** 0..1 */
  fraction: number;
  elapsedMs: number;
  steps: StepView[];
}

export function phaseOf(state: StepState | undefined): StepPhase {
  switch (state?.status) {
    case 'running':
    case 'waiting':
      return 'active';
    case 'done':
      return 'done';
    case 'skipped':
      return 'skipped';
    case 'failed':
      return 'failed';
    default:
      return 'pending';
  }
}

/**
 * @param titles step id → human title, in the workflow's order (unknown ids keep their id)
 * @param at     the instant to measure to; default the run's end or last recorded change
 */
export function viewRun(
  run: Run,
  titles: ReadonlyMap<string, string>,
  at: number = run.finishedAt ?? run.updatedAt,
  said: (s: Saying) => string = english,
): RunView {
  const now = at;
  const ids = [...new Set([...titles.keys(), ...Object.keys(run.steps)])].filter((id) => id in run.steps);
  const steps = ids.map((id): StepView => {
    const state = run.steps[id];
    const phase = phaseOf(state);
    const end = state.finishedAt ?? (phase === 'active' ? now : undefined);
    return {
      id,
      title: titles.get(id) ?? id,
      phase,
      ...(state.startedAt !== undefined && end !== undefined
        ? { elapsedMs: Math.max(0, end - state.startedAt) }
        : {}),
      ...(state.note ? { note: said(state.note) } : {}),
      ...(state.error ? { error: state.error.said ? said(state.error.said) : state.error.message } : {}),
    };
  });
  const done = steps.filter((s) => s.phase === 'done').length;
  const skipped = steps.filter((s) => s.phase === 'skipped').length;
  const total = steps.length - skipped;
  return {
    runId: run.runId,
    env: run.env,
    kind: run.kind,
    status: run.status,
    done,
    skipped,
    total,
    fraction: total === 0 ? 1 : done / total,
    elapsedMs: Math.max(0, (run.finishedAt ?? now) - run.createdAt),
    steps,
  };
}

/** `[#########...........]` of `width` cells. */
export function progressBar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
