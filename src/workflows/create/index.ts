/** The create workflow's public surface: the workflow, its wiring, and the dry-run plan. */
export { createWorkflow, CREATE_STEPS } from './workflow';
export { buildCreateDeps, type BuildCreateDepsOptions } from './build-deps';
export {
  DEFAULT_CREATE_CONFIG,
  resolveCreateConfig,
  fetchStatusProbe,
  type CreateConfig,
  type CreateDeps,
  type HttpStatusProbe,
} from './deps';
export {
  buildCreatePlan,
  criticalPath,
  createStepDurations,
  parallelGroups,
  HANDS_ON_ORDER,
  sequentialSteps,
  sequentialMs,
  type CreatePlan,
  type CriticalPath,
  type DurationModel,
  type PlanStep,
} from './plan';
export { createOutputs, createResources } from './finish';
export { resourceNames, clientToken } from './names';
export type { CreateStep } from './step-kit';
export { CREATE_OUTLINE, type CreateStepOutline, type PlannedResource } from './outline';
