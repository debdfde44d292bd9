/** Every workflow's steps (titles and needs), for progress messages and `/site status`. */
import { WORKFLOW_OUTLINES } from '../workflows/outlines';
import { stepsOf, type WorkflowSteps } from './slack-progress-sink';

export const WORKFLOW_STEPS: WorkflowSteps = stepsOf(WORKFLOW_OUTLINES);
