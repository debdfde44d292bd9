/**
 * sitebot wired as production wires it — src/workflows/runtime.ts (every workflow with the env
 * record kept in step with its runs, audit events and env records through the deps) and the
 * operations that start runs (src/workflows/operations/create.ts, destroy/start.ts) — with its
 * state on dynalite and its cloud the AWS emulator, eventually consistent as EC2 is, all on the
 * emulator's virtual clock. A "process" is one runtime with its own scheduler; processes die
 * (a hook throws) and fresh ones resume, on the same store and cloud.
 *
 * ```ts
 * const world = await startProductionWorld();
 * const p = world.process();
 * const runId = await world.create('demo', p);
 * await p.scheduler.drain();
 * ```
 */
import { DEFAULT_CREATE_CONFIG } from '../../src/workflows/create/deps';
import { startCreate } from '../../src/workflows/operations/create';
import { startDestroy } from '../../src/workflows/destroy/start';
import { ManualScheduler } from '../../src/workflows/engine/manual-scheduler';
import type { RunnerHooks } from '../../src/workflows/engine/runner';
import { buildWorkflowRuntime, type WorkflowRuntime } from '../../src/workflows/runtime';
import type { FaultSettings } from '../../src/sandbox/aws/faults';
import type { StateStore } from '../../src/state/types';
import { createStateStore } from '../../src/state';
import { EmulatorClock, SLOW_CREATE_POLL } from '../integration/workflows/destroy/harness';
import { startDynalite, type DynaliteHandle } from './dynalite';
import { startTestEmulator, type TestEmulator } from './emulator';
import { sdkClients, type SdkClients } from './sdk-config';

export const OWNER = 'U0OWNER';
export const CHANNEL = 'C0SITE';
/**
 * How long a process holds a run per tick; a dead process's runs are resumed after it. Ticks take
 * no virtual time here (the emulator's clock stands still while a tick runs), so 1 s outlasts
 * every tick, and a test can kill hundreds of processes without the dead time eating the steps'
 * deadlines.
 */
export const LEASE_MS = 1_000;

export interface WorldProcess {
  scheduler: ManualScheduler;
  runtime: WorkflowRuntime;
  service: WorkflowRuntime['service'];
}

export interface ProductionWorld {
  emu: TestEmulator;
  db: DynaliteHandle;
  store: StateStore;
  clock: EmulatorClock;
  aws: SdkClients;
  /** A fresh process (runtime + scheduler) on the shared store, cloud and clock. */
  process(hooks?: RunnerHooks): WorldProcess;
  /** `/site create <env>` as the bot starts it; returns the run id. */
  create(env: string, p: WorldProcess): Promise<string>;
  /** The confirmed `/site destroy <env>`; returns the run id. */
  destroy(env: string, p: WorldProcess): Promise<string>;
  close(): Promise<void>;
}

let processes = 0;

export interface ProductionWorldOptions {
  /** The emulator's consistency faults (default: none). */
  consistency?: FaultSettings;
  /** Steps a tick calls at once (production: 16). 1 makes every step's every hook point reachable after a crash. */
  maxConcurrentSteps?: number;
}

export async function startProductionWorld(opts: ProductionWorldOptions = {}): Promise<ProductionWorld> {
  const { consistency = {}, maxConcurrentSteps } = opts;
  const emu = await startTestEmulator();
  emu.world.faults.set(consistency);
  const db = await startDynalite();
  const store = createStateStore(db.doc, db.prefix);
  const clock = new EmulatorClock(emu.world);
  const aws = sdkClients(emu.url, emu.region);
  const config = { region: emu.region, azs: [`${emu.region}a`, `${emu.region}c`] as [string, string] };

  const process = (hooks: RunnerHooks = {}): WorldProcess => {
    const scheduler = new ManualScheduler(clock);
    const runtime = buildWorkflowRuntime({
      config,
      clients: aws,
      store,
      scheduler,
      clock,
      create: { poll: { ...DEFAULT_CREATE_CONFIG.poll, ...SLOW_CREATE_POLL } },
      probe: false,
      runner: { owner: `process-${++processes}`, leaseMs: LEASE_MS, hooks, maxConcurrentSteps },
    });
    scheduler.attach(runtime.runner);
    return { scheduler, runtime, service: runtime.service };
  };

  return {
    emu,
    db,
    store,
    clock,
    aws,
    process,
    async create(env, p) {
      const started = await startCreate(
        { store, service: p.service, createConfig: p.runtime.createConfig, now: () => clock.now() },
        { env, requestedBy: OWNER, channel: CHANNEL, ttlMs: 8 * 3_600_000, multiAz: 'now' },
      );
      if (!started.ok) throw new Error(started.message);
      return started.run.runId;
    },
    async destroy(env, p) {
      const started = await startDestroy(p.service, store, {
        env,
        requestedBy: OWNER,
        channel: CHANNEL,
        now: clock.now(),
      });
      if (started.status !== 'started') throw new Error(started.message);
      return started.run.runId;
    },
    async close() {
      for (const c of Object.values(aws)) c.destroy();
      await emu.close();
      await db.close();
    },
  };
}
