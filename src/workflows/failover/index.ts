/**
 * Public API of the failover drill (`/site failover`): the workflow, its starter, its report.
 *
 * ```ts
 * // Runner: add the workflow; FailoverDeps shares ec2/rds/elbv2/environments with CreateDeps.
 * new WorkflowRunner({ store, workflows: { ..., failover: failoverWorkflow }, deps, scheduler });
 * // Bot / CLI (owner/admin checked by the bot, or passed as isAllowed):
 * const started = await startFailover(service, store, { env, requestedBy, channel, target, force });
 * reply(started.message); // ok, or refused with a human reason (missing, destroyed, not ready, single-AZ, locked…)
 * // When it ends: run.summary.drill (DrillReport), run.summary.text (plain text), env.meta.lastDrill (LastDrillSummary).
 * ```
 *
 * Probing runs on `deps.failover.io` (clock, sleep, fetch): real ones by default. Where AWS is
 * the emulator on a sped-up virtual clock, pass its clock and a sleep scaled by its speed so
 * the drill measures virtual seconds.
 */
export { failoverWorkflow } from './workflow';
export { startFailover, type StartFailoverInput, type StartFailoverResult } from './start';
export {
  DEFAULT_FAILOVER_CONFIG,
  drillCalls,
  failoverConfig,
  type FailoverConfig,
  type FailoverDeps,
  type FailoverSettings,
} from './deps';
export {
  buildDrillReport,
  lastDrillSummary,
  renderDrillReport,
  DEFAULT_OBJECTIVES,
  type DrillObjectives,
  type DrillReport,
  type DrillTarget,
  type LastDrillSummary,
  type PhaseReport,
  type PhaseVerdict,
} from './report';
export { checkEnvRecord, checkLive, type Refusal, type RefusalReason } from './preconditions';
export { defaultProbeIo, fetchStatus, probeBurst, type FetchStatus, type ProbeIo } from './prober';
export type { ProbeResult, ProbeRun, ProbeSample } from './probe-log';
