/** Every workflow's steps (titles and needs), for progress messages and `/site status`. */
import { createWorkflow } from '../workflows/create/workflow';
import { destroyWorkflow } from '../workflows/destroy/workflow';
import { failoverWorkflow } from '../workflows/failover/workflow';
import { stepsOf, type WorkflowSteps } from './slack-progress-sink';

export const WORKFLOW_STEPS: WorkflowSteps = stepsOf({
  create: createWorkflow,
  destroy: destroyWorkflow,
  failover: failoverWorkflow,
});
