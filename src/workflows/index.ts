/**
 * Public API of the workflow engine. Workflows (create/destroy/failover) define steps with
 * the types below; the bot, CLI and Lambda handlers build a WorkflowRunner + WorkflowService
 * around a TickScheduler. See src/workflows/engine/runner.ts for the tick model.
 */
export type {
  FinishContext,
  ProgressSink,
  RunEvent,
  StepContext,
  StepDefinition,
  StepResult,
  TickScheduler,
  WorkflowDefinition,
} from './engine/types';
export {
  WorkflowRunner,
  type RunnerHooks,
  type TickOutcome,
  type WorkflowRunnerOptions,
} from './engine/runner';
export {
  WorkflowService,
  type CancelRunResult,
  type RetryRunResult,
  type StartRunInput,
  type StartRunResult,
  type WorkflowServiceOptions,
} from './engine/service';
export { InProcessTickScheduler } from './engine/timer-scheduler';
export { ManualClock, ManualScheduler, type ScheduledTick } from './engine/manual-scheduler';
export type { TickTarget } from './engine/tick-target';
export { NonRetryableError, classifyError, isTransientError } from './engine/errors';
export { DEFAULT_RETRY, backoffDelay, type RetryPolicy } from './engine/backoff';
export { systemClock, type Clock } from './engine/clock';
export { assess, validateWorkflow, stepState } from './engine/dag';
export { describeLock } from './engine/lock-message';
