/** Step id → human title, per run kind, in each workflow's order (for the progress renderers). */
import type { RunKind } from '../state/types';
import { CREATE_STEPS } from '../workflows/create';
import { DESTROY_STEPS } from '../workflows/destroy';
import { failoverWorkflow } from '../workflows/failover';

const STEPS: Record<RunKind, readonly { id: string; title: string }[]> = {
  create: CREATE_STEPS,
  destroy: DESTROY_STEPS,
  failover: failoverWorkflow.steps,
};

export function stepTitles(kind: RunKind): ReadonlyMap<string, string> {
  return new Map(STEPS[kind].map((s) => [s.id, s.title]));
}
