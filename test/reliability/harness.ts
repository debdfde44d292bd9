/**
 * One cloud (the AWS emulator), one state store and one virtual clock for every workflow
 * (create, failover, destroy), plus a ledger of the create calls AWS answered with success.
 * The emulator is eventually consistent here, as EC2 is: a fresh id is unknown for a few
 * seconds, and a Describe by filter misses a fresh resource for longer than a crashed worker's
 * lease, so a step that relies on finding what it just made by its tags is caught out.
 */
import type { InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';
import { EVENTUAL_CONSISTENCY } from '../helpers/emulator';
import { sdkClients, type SdkClients } from '../helpers/sdk-config';
import { countResources, duplicates, SPEC_INVENTORY } from '../helpers/inventory';
import type { FaultSettings } from '../../src/sandbox/aws/faults';

export { EVENTUAL_CONSISTENCY };
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
import type { Run } from '../../src/state/types';
import { startDestroy } from '../../src/workflows/destroy/start';
import {
  CHANNEL,
  OWNER,
  startCreate,
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
  /** The emulator's consistency: EVENTUAL_CONSISTENCY unless given (`{}`: immediately consistent). */
  consistency?: FaultSettings;
}

export async function startReliabilityHarness(opts: ReliabilityOptions = {}): Promise<ReliabilityHarness> {
  const base = await startHarness(opts);
  base.emu.world.faults.set(opts.consistency ?? EVENTUAL_CONSISTENCY);
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

type Worker = ReturnType<ReliabilityHarness['worker']>;

/** Creates env `name` (record and run) in worker `w` and drives the run to its end. */
export async function createThrough(h: ReliabilityHarness, w: Worker, name: string): Promise<Run> {
  const started = await startCreate(h, name, w);
  await w.scheduler.drain(5_000);
  return (await h.store.runs.get(started.runId))!;
}

/** Starts the teardown of env `name` in worker `w` and drives it to its end. */
export async function destroyThrough(h: ReliabilityHarness, w: Worker, name: string): Promise<Run> {
  const started = await startDestroy(w.service, h.store, { env: name, requestedBy: OWNER, channel: CHANNEL });
  if (started.status !== 'started') throw new Error(started.message);
  await w.scheduler.drain(5_000);
  return (await h.store.runs.get(started.run.runId))!;
}

/** Resources made twice (`service:type env/role` → count): empty when every step was idempotent. */
export const duplicatesOf = (h: Harness): Record<string, number> => duplicates(h.emu.world);
