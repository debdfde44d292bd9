/**
 * Reading a run against its workflow's DAG: which steps may run now, when the next one will
 * be due, and whether the run has reached its outcome. Pure functions of (run, workflow, now).
 */
import type { Run, RunStatus, StepState } from '../../state/types';
import type { WorkflowDefinition } from './types';

/** Throws when step ids repeat, a `needs` names an unknown step, or the steps form a cycle. */
export function validateWorkflow<Deps>(workflow: WorkflowDefinition<Deps>): void {
  const ids = new Set<string>();
  for (const step of workflow.steps) {
    if (ids.has(step.id)) throw new Error(`${workflow.kind}: duplicate step id "${step.id}"`);
    ids.add(step.id);
  }
  for (const step of workflow.steps) {
    for (const need of step.needs) {
      if (!ids.has(need)) throw new Error(`${workflow.kind}: step "${step.id}" needs unknown step "${need}"`);
    }
  }
  const needs = new Map(workflow.steps.map((s) => [s.id, s.needs]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new Error(`${workflow.kind}: cycle ${[...path, id].join(' → ')}`);
    }
    state.set(id, 'visiting');
    for (const need of needs.get(id) ?? []) visit(need, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of ids) visit(id, []);
}

export function stepState(run: Run, stepId: string): StepState {
  return run.steps[stepId] ?? { status: 'pending', attempts: 0 };
}

/** Done or skipped: nothing more will happen to the step, and its dependants may go on. */
export function isSettled(state: StepState): boolean {
  return state.status === 'done' || state.status === 'skipped';
}

export interface Assessment {
  /** Steps to call now, in workflow order. */
  ready: string[];
  /** Earliest future `nextAt` of a waiting step whose needs are done. */
  nextAt?: number;
  /** Set when nothing is left to do: the run's outcome. */
  outcome?: Extract<RunStatus, 'succeeded' | 'failed'>;
  failedSteps: string[];
}

/**
 * A step is ready when all its needs are done (or skipped) and it is pending, waiting with `nextAt <= now`,
 * or `running` (left so by a runner that died: whoever holds the lease may call it again).
 * Once a step has failed for good no new step starts, but steps already under way (attempted
 * at least once) are driven to the end so what they created is recorded; then the run fails.
 */
export function assess<Deps>(run: Run, workflow: WorkflowDefinition<Deps>, now: number): Assessment {
  const failedSteps = workflow.steps.filter((s) => stepState(run, s.id).status === 'failed').map((s) => s.id);
  const ready: string[] = [];
  let nextAt: number | undefined;
  for (const step of workflow.steps) {
    const state = stepState(run, step.id);
    if (isSettled(state) || state.status === 'failed') continue;
    if (!step.needs.every((need) => isSettled(stepState(run, need)))) continue;
    const underWay = state.status !== 'pending' || state.attempts > 0;
    if (failedSteps.length > 0 && !underWay) continue;
    const due = state.status !== 'waiting' || (state.nextAt ?? 0) <= now;
    if (due) ready.push(step.id);
    else nextAt = Math.min(nextAt ?? Infinity, state.nextAt ?? now);
  }
  if (ready.length > 0 || nextAt !== undefined) return { ready, nextAt, failedSteps };
  const allDone = workflow.steps.every((s) => isSettled(stepState(run, s.id)));
  return { ready, failedSteps, outcome: allDone ? 'succeeded' : 'failed' };
}
