/**
 * `/site destroy`: the teardown workflow and what the bot and CLI call around it.
 *
 * ```ts
 * const runner = new WorkflowRunner({ store, workflows: { create: createWorkflow, destroy: destroyWorkflow }, deps, scheduler });
 * describeDestroyPlan(env).text;                        // the confirmation message
 * await startDestroy(service, store, { env: 'demo', requestedBy: 'U1', channel: 'C1' });
 * renderReceipt(run.summary).text;                      // when the run has finished
 * ```
 */
export { destroyWorkflow, DESTROY_STEPS } from './workflow';
export { DEFAULT_DESTROY_CONFIG, type DestroyConfig, type DestroyDeps } from './deps';
export {
  startDestroy,
  startPendingDestroy,
  type PendingDestroy,
  type StartDestroyInput,
  type StartDestroyResult,
} from './start';
export {
  describeDestroyPlan,
  destroyLowerBound,
  destroyStepDurations,
  type DestroyPlan,
  type TeardownDurationModel,
} from './plan';
export { renderReceipt, receiptOf, type DestroyReceipt, type RenderedReceipt } from './receipt';
export type { ResourceType, ResourceRef, ResourceNote } from './resources';
