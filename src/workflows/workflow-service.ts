/**
 * The workflow service over every workflow's outline: starts, cancels and retries runs without
 * loading any step's code or AWS client. The Slack and reminder Lambdas build only this; the
 * runner that executes the steps comes from ./runtime.ts where runs are ticked.
 */
import type { StateStore } from '../state/types';
import type { Clock } from './engine/clock';
import { WorkflowService } from './engine/service';
import type { ProgressSink, TickScheduler } from './engine/types';
import { WORKFLOW_OUTLINES } from './outlines';

export interface WorkflowServiceDeps {
  store: StateStore;
  scheduler: TickScheduler;
  sink?: ProgressSink;
  clock?: Clock;
}

export function buildWorkflowService(deps: WorkflowServiceDeps): WorkflowService {
  return new WorkflowService({ ...deps, workflows: WORKFLOW_OUTLINES });
}
