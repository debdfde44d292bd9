/**
 * `/site sleep` and `/site wake` without their code: each workflow's step ids and needs, in order
 * (titles: ./outline.en.ts, ./outline.ja.ts).
 */
import type { WorkflowOutline } from '../engine/types';

export const CHECK_STEP = 'check';
export const STOP_WEB_STEP = 'stop-web';
export const STOP_DB_STEP = 'stop-db';
export const START_DB_STEP = 'start-db';
export const START_WEB_STEP = 'start-web';
export const TARGETS_STEP = 'targets-healthy';
export const SITE_STEP = 'site-answers';

/** The web servers and the DB stop side by side: the site is going down either way. */
export const SLEEP_OUTLINE = {
  kind: 'sleep',
  steps: [
    { id: CHECK_STEP, needs: [] },
    { id: STOP_WEB_STEP, needs: [CHECK_STEP] },
    { id: STOP_DB_STEP, needs: [CHECK_STEP] },
  ],
} as const satisfies WorkflowOutline;

/** The DB's start (minutes) and the web servers' start and health checks run in parallel. */
export const WAKE_OUTLINE = {
  kind: 'wake',
  steps: [
    { id: CHECK_STEP, needs: [] },
    { id: START_DB_STEP, needs: [CHECK_STEP] },
    { id: START_WEB_STEP, needs: [CHECK_STEP] },
    { id: TARGETS_STEP, needs: [START_WEB_STEP] },
    { id: SITE_STEP, needs: [START_DB_STEP, TARGETS_STEP] },
  ],
} as const satisfies WorkflowOutline;

export type SleepStepId = (typeof SLEEP_OUTLINE.steps)[number]['id'];
export type WakeStepId = (typeof WAKE_OUTLINE.steps)[number]['id'];
