/** `/site failover` without its code: the drill's three steps, in order (texts: ./outline.en.ts, ./outline.ja.ts). */
import type { WorkflowOutline } from '../engine/types';

export const PREFLIGHT_STEP = 'preflight';
export const WEB_STEP = 'web-drill';
export const DB_STEP = 'db-drill';

export const FAILOVER_OUTLINE = {
  kind: 'failover',
  steps: [
    { id: PREFLIGHT_STEP, needs: [] },
    { id: WEB_STEP, needs: [PREFLIGHT_STEP] },
    { id: DB_STEP, needs: [WEB_STEP] },
  ],
} as const satisfies WorkflowOutline;

export type FailoverStepId = (typeof FAILOVER_OUTLINE.steps)[number]['id'];
