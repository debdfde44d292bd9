/** `/site sleep` and `/site wake` without their code: each workflow's steps, in order. */
import type { WorkflowOutline } from '../engine/types';

export const CHECK_STEP = 'check';
export const STOP_WEB_STEP = 'stop-web';
export const STOP_DB_STEP = 'stop-db';
export const START_DB_STEP = 'start-db';
export const START_WEB_STEP = 'start-web';
export const TARGETS_STEP = 'targets-healthy';
export const SITE_STEP = 'site-answers';

/** The web servers and the DB stop side by side: the site is going down either way. */
export const SLEEP_OUTLINE: WorkflowOutline = {
  kind: 'sleep',
  steps: [
    { id: CHECK_STEP, title: 'Check the environment can sleep', needs: [] },
    { id: STOP_WEB_STEP, title: 'Stop both web servers', needs: [CHECK_STEP] },
    { id: STOP_DB_STEP, title: 'Stop the DB instance', needs: [CHECK_STEP] },
  ],
};

/** The DB's start (minutes) and the web servers' start and health checks run in parallel. */
export const WAKE_OUTLINE: WorkflowOutline = {
  kind: 'wake',
  steps: [
    { id: CHECK_STEP, title: 'Check the environment can wake', needs: [] },
    { id: START_DB_STEP, title: 'Start the DB instance and wait until available', needs: [CHECK_STEP] },
    { id: START_WEB_STEP, title: 'Start both web servers', needs: [CHECK_STEP] },
    { id: TARGETS_STEP, title: 'Wait for both targets healthy', needs: [START_WEB_STEP] },
    { id: SITE_STEP, title: 'Check the site answers 200', needs: [START_DB_STEP, TARGETS_STEP] },
  ],
};
