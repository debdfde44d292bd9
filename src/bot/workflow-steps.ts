/**
 * Every workflow's steps (ids, needs, and titles in the reader's language), for progress
 * messages, `/site status` and the dry run. The outlines give ids and needs; the catalogue the titles.
 */
import type { Texts } from '../i18n/texts';
import type { RunKind } from '../state/types';
import { WORKFLOW_OUTLINES } from '../workflows/outlines';
import type { StepTitle } from './views/run-progress';

/** A workflow's steps in order, with titles in `t`'s language. */
export type WorkflowSteps = (t: Texts, kind: RunKind) => readonly StepTitle[];

const made = new WeakMap<Texts, Map<RunKind, readonly StepTitle[]>>();

export const stepsFor: WorkflowSteps = (t, kind) => {
  let byKind = made.get(t);
  if (!byKind) made.set(t, (byKind = new Map()));
  let steps = byKind.get(kind);
  if (!steps) {
    const texts = t.steps[kind] as Readonly<Record<string, { title: string }>>;
    steps = WORKFLOW_OUTLINES[kind].steps.map((s) => ({
      id: s.id,
      title: texts[s.id]?.title ?? s.id,
      needs: [...s.needs],
    }));
    byKind.set(kind, steps);
  }
  return steps;
};

/** The steps every bot uses (tests may give their own). */
export const WORKFLOW_STEPS: WorkflowSteps = stepsFor;
