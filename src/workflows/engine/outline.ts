/**
 * Outlines and their implementations. A workflow's outline (ids, titles, needs) lives in a
 * module of its own, free of step code, and each step takes its metadata from it by id, so
 * the outline cannot drift from what runs: `implementOutline` checks it when the workflow
 * module loads.
 */
import type { StepOutline, WorkflowOutline } from './types';

/** The outline's step with this id; an unknown id is a programming error, named. */
export function outlineStep<S extends StepOutline>(outline: WorkflowOutline<S>, id: string): S {
  const step = outline.steps.find((s) => s.id === id);
  if (!step) throw new Error(`${outline.kind} outline has no step "${id}"`);
  return step;
}

/** Returns `steps` once they are exactly the outline's steps, in its order, with its needs. */
export function implementOutline<S extends StepOutline>(
  outline: WorkflowOutline,
  steps: readonly S[],
): readonly S[] {
  const describe = (s: StepOutline) => `${s.id} ← [${s.needs.join(', ')}]`;
  const expected = outline.steps.map(describe);
  const actual = steps.map(describe);
  const mismatch = expected.findIndex((line, i) => line !== actual[i]);
  if (mismatch >= 0 || expected.length !== actual.length) {
    const at = mismatch >= 0 ? mismatch : Math.min(expected.length, actual.length);
    throw new Error(
      `${outline.kind} steps differ from their outline at #${at + 1}: ` +
        `expected ${expected[at] ?? '(none)'}, got ${actual[at] ?? '(none)'}`,
    );
  }
  return steps;
}
