/**
 * One cloud (the AWS emulator), one state store and one virtual clock for every workflow
 * (create, failover, destroy), plus a ledger of the create calls AWS answered with success —
 * the proof that no step made its resource twice, however many throttles it retried through.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import type {
  InitializeHandlerOptions,
  InitializeMiddleware,
  RetryErrorInfo,
  RetryStrategyV2,
  RetryToken,
} from '@smithy/types';
import { DEFAULT_MAX_ATTEMPTS } from '../../src/aws/clients';
import { countResources, SPEC_INVENTORY } from '../helpers/inventory';
import type { StateStore } from '../../src/state/types';
import { buildCreateDeps } from '../../src/workflows/create/build-deps';
import { DEFAULT_CREATE_CONFIG } from '../../src/workflows/create/deps';
import { createWorkflow } from '../../src/workflows/create/workflow';
import { destroyWorkflow } from '../../src/workflows/destroy/workflow';
import { ManualScheduler } from '../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner, type RunnerHooks } from '../../src/workflows/engine/runner';
import { WorkflowService } from '../../src/workflows/engine/service';
import type { FailoverDeps } from '../../src/workflows/failover/deps';
import { fetchStatus } from '../../src/workflows/failover/prober';
import { failoverWorkflow } from '../../src/workflows/failover/workflow';
import {
  startHarness,
  type Deps,
  type Harness,
  type HarnessOptions,
} from '../integration/workflows/destroy/harness';

export type AllDeps = Deps & FailoverDeps;

export interface ReliabilityHarness extends Harness {
  /** SDK clients retrying as production's do (5 attempts on throttles, 5xx, transient errors), pointed at the emulator. */
  aws: SdkClients;
  allDeps: AllDeps;
  /** A runner + service + scheduler running all three workflows. */
  worker(
    hooks?: RunnerHooks,
    owner?: string,
    store?: StateStore,
  ): {
    scheduler: ManualScheduler;
    runner: WorkflowRunner<AllDeps>;
    service: WorkflowService;
  };
  /** "Service:CommandName" → calls AWS answered with success (after every retry). */
  succeeded: Map<string, number>;
  /** Successful calls whose command name starts with Create/Run/Allocate/Register… for resources. */
  creates(): Record<string, number>;
}

export interface SdkClients {
  ec2: EC2Client;
  rds: RDSClient;
  elbv2: ElasticLoadBalancingV2Client;
  ssm: SSMClient;
  secretsManager: SecretsManagerClient;
  iam: IAMClient;
  serviceQuotas: ServiceQuotasClient;
}

/**
 * Production's SDK retry budget (src/aws/clients.ts: DEFAULT_MAX_ATTEMPTS tries on throttling,
 * transient and 5xx errors) without its real-time backoff sleeps, so a suite on virtual time
 * does not wait seconds of wall clock per throttle. Which calls fail is the emulator's seeded RNG.
 */
export class ImmediateRetry implements RetryStrategyV2 {
  constructor(private readonly maxAttempts = DEFAULT_MAX_ATTEMPTS) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const next = previous.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || next >= this.maxAttempts)
      throw info.error ?? new Error('retries exhausted');
    return token(next);
  }

  recordSuccess(): void {}
}

const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });

export function sdkClients(endpoint: string, region: string, maxAttempts = DEFAULT_MAX_ATTEMPTS): SdkClients {
  const config = {
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret' },
    retryStrategy: new ImmediateRetry(maxAttempts),
  };
  return {
    ec2: new EC2Client(config),
    rds: new RDSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    ssm: new SSMClient(config),
    secretsManager: new SecretsManagerClient(config),
    iam: new IAMClient(config),
    serviceQuotas: new ServiceQuotasClient(config),
  };
}

const CREATE_VERB = /^(Create|Run|Allocate|Import|Copy)/;

/** Counts each command a client completed successfully (the SDK's initialize step sees the final outcome). */
interface MiddlewareHost {
  // The SDK clients' stacks are generic over each service's inputs; this ledger reads none of them.
  middlewareStack: { add(mw: InitializeMiddleware<object, object>, opts: InitializeHandlerOptions): void };
}

function countSuccesses(client: MiddlewareHost, ledger: Map<string, number>): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const key = `${context.clientName ?? 'client'}:${(context.commandName ?? '?').replace(/Command$/, '')}`;
      ledger.set(key, (ledger.get(key) ?? 0) + 1);
      return out;
    },
    { step: 'initialize', name: 'reliabilitySuccessLedger' },
  );
}

export interface ReliabilityOptions extends HarnessOptions {
  /** State on this store (e.g. dynalite) instead of the in-memory one. */
  store?: StateStore;
}

export async function startReliabilityHarness(opts: ReliabilityOptions = {}): Promise<ReliabilityHarness> {
  const base = await startHarness(opts);
  const h: Harness = opts.store ? { ...base, store: opts.store } : base;
  const aws = sdkClients(h.emu.url, h.emu.region);
  const succeeded = new Map<string, number>();
  for (const c of Object.values(aws)) countSuccesses(c as unknown as MiddlewareHost, succeeded);
  const allDeps: AllDeps = {
    ...h.deps,
    ...buildCreateDeps({
      clients: aws,
      config: {
        region: h.emu.region,
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        poll: { ...DEFAULT_CREATE_CONFIG.poll, ...opts.createPoll },
      },
      environments: h.store.environments,
      probe: false,
    }),
    failover: {
      // Virtual time: waiting for the next probe moves the runner's and the emulator's clocks.
      io: { clock: h.clock, sleep: async (ms) => h.clock.advance(ms), fetchStatus },
    },
  };
  const workflows = { create: createWorkflow, destroy: destroyWorkflow, failover: failoverWorkflow };
  let n = 0;
  const worker: ReliabilityHarness['worker'] = (hooks = {}, owner = `worker-${++n}`, store = h.store) => {
    const scheduler = new ManualScheduler(h.clock);
    const runner = new WorkflowRunner<AllDeps>({
      store,
      workflows,
      deps: allDeps,
      scheduler,
      clock: h.clock,
      owner,
      hooks,
      random: () => 0.5,
      leaseMs: 30_000,
      retry: { baseMs: 1_000, maxMs: 30_000, maxAttempts: 5 },
    });
    scheduler.attach(runner);
    const service = new WorkflowService({ store, workflows, scheduler, clock: h.clock });
    return { scheduler, runner, service };
  };
  return {
    ...h,
    aws,
    allDeps,
    async close() {
      for (const c of Object.values(aws)) c.destroy();
      await h.close();
    },
    worker,
    succeeded,
    creates() {
      const out: Record<string, number> = {};
      for (const [k, v] of succeeded) if (CREATE_VERB.test(k.split(':')[1] ?? '')) out[k] = v;
      return out;
    },
  };
}

/** The emulator's live resources by `service:type`. */
export const inventory = (h: Harness): Record<string, number> => countResources(h.emu.world);

export { SPEC_INVENTORY };

/** Counts the ids the emulator mints from now on, by prefix (vpc, subnet, i, …): a resource made twice shows here. */
export function countMinted(h: Harness): Record<string, number> {
  const minted: Record<string, number> = {};
  const ids = h.emu.world.ids;
  const next = ids.next.bind(ids);
  ids.next = (prefix: string, hexLength?: number) => {
    minted[prefix] = (minted[prefix] ?? 0) + 1;
    return next(prefix, hexLength);
  };
  return minted;
}
