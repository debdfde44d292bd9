/**
 * Public API of sleep and wake (`/site sleep`, `/site wake`, office hours, the re-stop after
 * RDS's own start after 7 days):
 *
 * ```ts
 * new WorkflowRunner({ store, workflows: { ..., sleep: sleepWorkflow, wake: wakeWorkflow }, deps, scheduler });
 * const started = await startPower(service, store, { kind: 'sleep', env, requestedBy, channel, isAllowed });
 * // When it ends: run.summary.message in words; env.meta.power (src/state/power.ts) says what is off since when.
 * ```
 */
export { sleepWorkflow, wakeWorkflow } from './workflow';
export {
  startPower,
  type PowerKind,
  type PowerReason,
  type StartPowerInput,
  type StartPowerResult,
} from './start';
export {
  DEFAULT_POWER_CONFIG,
  powerConfig,
  type PowerConfig,
  type PowerDeps,
  type PowerSettings,
} from './deps';
export { checkPowerRecord, type PowerRefusalReason, type PowerSubjects } from './preconditions';
export { afterSleep, afterWake, RDS_MAX_STOPPED_MS } from './record';
export { sleepMoney } from './finish';
