/** Step id → human title, per run kind, in each workflow's order (for the progress renderers). */
import type { RunKind } from '../state/types';
import { WORKFLOW_OUTLINES } from '../workflows/outlines';

export function stepTitles(kind: RunKind): ReadonlyMap<string, string> {
  return new Map(WORKFLOW_OUTLINES[kind].steps.map((s) => [s.id, s.title]));
}
