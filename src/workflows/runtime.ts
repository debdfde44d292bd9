/**
 * The composition root of the workflows: one runner and one service over every workflow,
 * with their AWS adapters built from the SDK clients. The sandbox, the CLI, a self-hosted bot
 * and the Lambda worker all build it here, each with its own tick driver and progress sink.
 */
import type { AwsClients } from '../aws/clients';
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import {
  buildCreateDeps,
  createWorkflow,
  resolveCreateConfig,
  type CreateConfig,
  type CreateDeps,
  type HttpStatusProbe,
} from './create';
import { sharedPreflight, type PreflightReport } from './create/preflight';
import type { Clock } from './engine/clock';
import { WorkflowRunner, type WorkflowRunnerOptions } from './engine/runner';
import type { WorkflowService } from './engine/service';
import type { ProgressSink, TickScheduler, WorkflowDefinition } from './engine/types';
import { withEnvRunTracking } from './operations/env-run-tracking';
import type { MultiAzMode, RunKind } from '../state/types';
import { destroyWorkflow, type DestroyConfig, type DestroyDeps } from './destroy';
import { failoverWorkflow, type FailoverDeps, type FailoverSettings } from './failover';
import { withSpendLedger } from './budget/ledger';
import { sleepWorkflow, wakeWorkflow, type PowerDeps, type PowerSettings } from './power';
import { buildWorkflowService } from './workflow-service';

/** Everything any workflow's steps may use (the shared keys have the same types). */
export type SitebotDeps = CreateDeps & DestroyDeps & FailoverDeps & PowerDeps;

export interface WorkflowRuntimeOptions {
  config: Pick<Config, 'region' | 'azs'> & Partial<Pick<Config, 'iam'>>;
  clients: Pick<AwsClients, 'ec2' | 'rds' | 'elbv2' | 'ssm' | 'secretsManager' | 'iam' | 'serviceQuotas'>;
  store: StateStore;
  scheduler: TickScheduler;
  sink?: ProgressSink;
  clock?: Clock;
  /** Overrides of the create defaults (instance type, DB class, poll intervals…). */
  create?: Partial<CreateConfig>;
  /** How steps check the site answers; `false` skips the check. */
  probe?: HttpStatusProbe | false;
  /** Overrides of the teardown's budgets and poll intervals. */
  destroy?: Partial<DestroyConfig>;
  /** Drill settings (probe interval, objectives, the prober's clock/sleep/HTTP). */
  failover?: FailoverSettings;
  /** Sleep and wake poll intervals and deadlines. */
  power?: PowerSettings;
  /** Runner options for tests (crash hooks, lease owner, steps per tick). */
  runner?: Pick<WorkflowRunnerOptions<SitebotDeps>, 'owner' | 'leaseMs' | 'hooks' | 'maxConcurrentSteps'>;
}

export interface WorkflowRuntime {
  runner: WorkflowRunner<SitebotDeps>;
  service: WorkflowService;
  deps: SitebotDeps;
  createConfig: CreateConfig;
  /** The create's preflight with these clients and settings (what startCreate's callers hand in); concurrent calls share one. */
  preflight(multiAz: MultiAzMode): Promise<PreflightReport>;
}

export function buildWorkflowRuntime(options: WorkflowRuntimeOptions): WorkflowRuntime {
  const { store } = options;
  const createConfig = resolveCreateConfig({
    region: options.config.region,
    azs: options.config.azs,
    ...(options.config.iam ? { iam: options.config.iam } : {}),
    ...options.create,
  });
  const deps: SitebotDeps = {
    ...buildCreateDeps({
      clients: options.clients,
      config: createConfig,
      environments: store.environments,
      probe: options.probe,
    }),
    audit: store.audit,
    ...(options.destroy ? { destroy: options.destroy } : {}),
    ...(options.failover ? { failover: options.failover } : {}),
    ...(options.power ? { power: options.power } : {}),
  };
  const tracked = <D>(w: WorkflowDefinition<D>) => withEnvRunTracking(w, store.environments);
  const workflows: Partial<Record<RunKind, WorkflowDefinition<SitebotDeps>>> = {
    create: tracked(createWorkflow),
    destroy: withSpendLedger(tracked<SitebotDeps>(destroyWorkflow), store),
    failover: tracked<SitebotDeps>(failoverWorkflow),
    sleep: tracked<SitebotDeps>(sleepWorkflow),
    wake: tracked<SitebotDeps>(wakeWorkflow),
  };
  const runner = new WorkflowRunner<SitebotDeps>({
    store,
    workflows,
    deps,
    scheduler: options.scheduler,
    sink: options.sink,
    clock: options.clock,
    ...options.runner,
  });
  const service = buildWorkflowService({
    store,
    scheduler: options.scheduler,
    sink: options.sink,
    clock: options.clock,
  });
  return { runner, service, deps, createConfig, preflight: sharedPreflight(deps.limits, createConfig) };
}
