/** Public API of the failover drill (`/site failover`): the workflow, its starter, its report. */
export { failoverWorkflow } from './workflow';
export { startFailover, type RunStarter, type StartFailoverInput, type StartFailoverResult } from './start';
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
