import { english } from '../../../../src/i18n/english';
/**
 * The create and destroy workflows on the AWS emulator through the real runner: one memory
 * state store, a ManualScheduler whose clock IS the emulator's virtual clock (draining jumps
 * both), and the real SDK clients (IAM included).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { Run, StateStore } from '../../../../src/state/types';
import { buildCreateDeps } from '../../../../src/workflows/create/build-deps';
import {
  DEFAULT_CREATE_CONFIG,
  type CreateConfig,
  type CreateDeps,
} from '../../../../src/workflows/create/deps';
import { createWorkflow } from '../../../../src/workflows/create/workflow';
import type { DestroyConfig, DestroyDeps } from '../../../../src/workflows/destroy/deps';
import { startDestroy, type StartDestroyResult } from '../../../../src/workflows/destroy/start';
import { destroyWorkflow } from '../../../../src/workflows/destroy/workflow';
import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner, type RunnerHooks } from '../../../../src/workflows/engine/runner';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import type { ProgressSink } from '../../../../src/workflows/engine/types';
import type { SandboxResource, World } from '../../../../src/sandbox/aws/world';
import { createMemoryStore } from '../../../helpers/memory-store';
import { startTestEmulator, type TestEmulator } from '../../../helpers/emulator';
import { emulatorIam } from '../create/harness';

/** A ManualClock that reads and moves the emulator's virtual clock. */
export class EmulatorClock extends ManualClock {
  constructor(private readonly world: World) {
    super(world.clock.now());
  }

  override now(): number {
    return this.world.clock.now();
  }

  override set(time: number): void {
    const delta = time - this.now();
    if (delta > 0) this.world.clock.advance(delta);
  }

  override advance(ms: number): void {
    this.world.clock.advance(ms);
  }
}

export type Deps = CreateDeps & DestroyDeps;

export const OWNER = 'U0OWNER';
export const CHANNEL = 'C0SITE';

export interface Process {
  scheduler: ManualScheduler;
  runner: WorkflowRunner<Deps>;
  service: WorkflowService;
}

export interface Harness {
  emu: TestEmulator;
  iam: IAMClient;
  store: StateStore;
  clock: EmulatorClock;
  deps: Deps;
  /** A fresh "process" (runner + service + scheduler) on the same store and cloud. */
  process(hooks?: RunnerHooks, owner?: string): Process;
  /** The default process. */
  main: Process;
  /** Every step note any run reported (e.g. a wait's "DependencyViolation: …"), in order. */
  notes: { runId: string; stepId: string; note: string }[];
  close(): Promise<void>;
}

let processes = 0;

export interface HarnessOptions {
  destroy?: Partial<DestroyConfig>;
  /** The create workflow's poll intervals (ms); slower polls make fewer calls in long suites. */
  createPoll?: Partial<CreateConfig['poll']>;
}

/** Polls a few times per emulator duration: same outcomes, a third of the calls. */
export const SLOW_CREATE_POLL: Partial<CreateConfig['poll']> = {
  instance: 30_000,
  image: 60_000,
  db: 120_000,
  lb: 60_000,
  health: 30_000,
};

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const emu = await startTestEmulator();
  const iam = emulatorIam(emu);
  const store = createMemoryStore();
  const clock = new EmulatorClock(emu.world);
  const deps: Deps = {
    ...buildCreateDeps({
      clients: { ...emu.clients, iam },
      config: {
        region: emu.region,
        azs: ['ap-northeast-1a', 'ap-northeast-1c'],
        poll: { ...DEFAULT_CREATE_CONFIG.poll, ...opts.createPoll },
      },
      environments: store.environments,
      probe: false,
    }),
    audit: store.audit,
    destroy: opts.destroy,
  };
  const workflows = { create: createWorkflow, destroy: destroyWorkflow } as const;
  const notes: Harness['notes'] = [];
  const sink: ProgressSink = {
    onRunUpdate(run, event) {
      if (event.type !== 'step') return;
      const said = run.steps[event.stepId]?.note;
      const note = said === undefined ? undefined : english(said);
      const last = notes[notes.length - 1];
      if (note && !(last?.runId === run.runId && last.stepId === event.stepId && last.note === note))
        notes.push({ runId: run.runId, stepId: event.stepId, note });
    },
  };
  const process = (hooks: RunnerHooks = {}, owner = `proc-${++processes}`): Process => {
    const scheduler = new ManualScheduler(clock);
    const runner = new WorkflowRunner<Deps>({
      store,
      workflows,
      deps,
      scheduler,
      clock,
      owner,
      hooks,
      sink,
      random: () => 0.5,
      leaseMs: 30_000,
      retry: { baseMs: 1_000, maxMs: 30_000, maxAttempts: 5 },
    });
    scheduler.attach(runner);
    const service = new WorkflowService({ store, workflows, scheduler, clock });
    return { scheduler, runner, service };
  };
  return {
    emu,
    iam,
    store,
    clock,
    deps,
    process,
    main: process(),
    notes,
    async close() {
      iam.destroy();
      await emu.close();
    },
  };
}

export async function createEnvRecord(h: Harness, name: string): Promise<void> {
  const now = h.clock.now();
  await h.store.environments.create({
    name,
    channel: CHANNEL,
    owner: OWNER,
    status: 'creating',
    region: h.emu.region,
    multiAz: 'now',
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 24 * 3_600_000,
    resources: {},
    outputs: {},
  });
}

/** Creates the env record and starts its create run (not drained) in `p` (any process or worker). */
export async function startCreate(
  h: Harness,
  name: string,
  p: Pick<Process, 'service'> = h.main,
): Promise<Run> {
  await createEnvRecord(h, name);
  const started = await p.service.startRun({
    kind: 'create',
    env: name,
    requestedBy: OWNER,
    channel: CHANNEL,
    params: { multiAz: 'now' },
  });
  if (!started.ok) throw new Error(JSON.stringify(started.message));
  return started.run;
}

export async function createFully(h: Harness, name: string): Promise<Run> {
  const run = await startCreate(h, name);
  await h.main.scheduler.drain();
  const done = await h.store.runs.get(run.runId);
  if (done?.status !== 'succeeded')
    throw new Error(`create ${name} ended ${done?.status}: ${done?.summary?.error}`);
  return done;
}

export async function destroyFully(h: Harness, name: string, p: Process = h.main): Promise<Run> {
  const started = await startDestroy(p.service, h.store, { env: name, requestedBy: OWNER, channel: CHANNEL });
  if (started.status !== 'started') throw new Error(JSON.stringify(started.message));
  await p.scheduler.drain();
  return (await h.store.runs.get(started.run.runId))!;
}

export function expectStarted(r: StartDestroyResult): Run {
  if (r.status !== 'started') throw new Error(`destroy not started: ${r.message}`);
  return r.run;
}

/** Live resources carrying `sitebot:env=<env>` in the emulator (any service). */
export function taggedFor(h: Harness, env: string): SandboxResource[] {
  return h.emu.world.listResources().filter((r) => r.tags['sitebot:env'] === env && r.state !== 'terminated');
}
