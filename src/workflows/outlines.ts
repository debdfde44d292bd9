/**
 * Every workflow's outline (steps without their code): what starting a run, listing its steps
 * and planning a create need. Importing this module loads no AWS client.
 */
import type { RunKind } from '../state/types';
import { CREATE_OUTLINE } from './create/outline';
import { DESTROY_OUTLINE } from './destroy/outline';
import type { WorkflowOutline } from './engine/types';
import { FAILOVER_OUTLINE } from './failover/outline';
import { SLEEP_OUTLINE, WAKE_OUTLINE } from './power/outline';

export const WORKFLOW_OUTLINES: Readonly<Record<RunKind, WorkflowOutline>> = {
  create: CREATE_OUTLINE,
  destroy: DESTROY_OUTLINE,
  failover: FAILOVER_OUTLINE,
  sleep: SLEEP_OUTLINE,
  wake: WAKE_OUTLINE,
};

/** The workflows whose steps explain themselves (the hands-on's): `--explain`, `/site explain`. */
export const EXPLAINED_KINDS = ['create', 'failover'] as const satisfies readonly RunKind[];

/** Every step that has an explanation, by id (`/site explain <step>`). */
export const EXPLAINED_STEPS: readonly string[] = EXPLAINED_KINDS.flatMap((kind) =>
  WORKFLOW_OUTLINES[kind].steps.map((s) => s.id),
);
