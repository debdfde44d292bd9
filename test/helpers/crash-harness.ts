/**
 * Crash-resume harness: runs a workflow to its end while "killing the process" at a chosen
 * point, then lets the dead runner's lease expire and resumes with a fresh runner and
 * scheduler on the same store and the same cloud — as a restarted bot would.
 *
 * ```ts
 * const points = await enumerateCrashPoints(makeScenario);            // every boundary of a clean run
 * for (const point of points) {
 *   const scenario = makeScenario();                                   // fresh store + cloud each time
 *   const { run } = await runWithCrashAt(scenario, point);
 *   expect(run.status).toBe('succeeded');
 *   expect(scenario.deps.cloud.count('vpc')).toBe(1);
 * }
 * ```
 *
 * Points come from the runner's hooks: `beforeStep(<step>)`, `beforeRecord(<step>)` (inside
 * ctx.record: after the create call, before its id is saved), `afterStepCall(<step>)` and
 * `beforeSave(<reason>)` before every write. `occurrence` counts hits of the same hook+key,
 * so a point stays the same whatever order concurrent steps interleave in.
 */
import type { Run, RunKind, StateStore } from '../../src/state/types';
import type { RetryPolicy } from '../../src/workflows/engine/backoff';
import { ManualClock, ManualScheduler } from '../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner, type RunnerHooks } from '../../src/workflows/engine/runner';
import { WorkflowService, type StartRunInput } from '../../src/workflows/engine/service';
import type { WorkflowDefinition } from '../../src/workflows/engine/types';

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

export type CrashHook = keyof RunnerHooks;

export interface CrashPoint {
  hook: CrashHook;
  /** Step id, or the write's reason for `beforeSave`. */
  key: string;
  /** 1 for the first time this hook fires with this key in the run, then 2, 3, … */
  occurrence: number;
}

export const describeCrashPoint = (p: CrashPoint): string => `${p.hook}(${p.key})#${p.occurrence}`;

export interface CrashScenario<Deps> {
  store: StateStore;
  workflows: Partial<Record<RunKind, WorkflowDefinition<Deps>>>;
  deps: Deps;
  start: StartRunInput;
  /** Shared by both "processes" (and by fakes in deps that model time). Default starts at 2026-01-01. */
  clock?: ManualClock;
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  /** Guard against a run that never ends. Default 5,000 ticks per process. */
  maxTicks?: number;
}

export interface CrashRunResult {
  runId: string;
  run: Run;
  /** False when the point was never reached (the run ended first). */
  crashed: boolean;
  /** Every hook point the first process passed, in order (the crash point last). */
  trace: CrashPoint[];
}

function startProcess<Deps>(
  scenario: CrashScenario<Deps>,
  clock: ManualClock,
  owner: string,
  hooks: RunnerHooks,
) {
  const scheduler = new ManualScheduler(clock);
  const runner = new WorkflowRunner({
    store: scenario.store,
    workflows: scenario.workflows,
    deps: scenario.deps,
    scheduler,
    clock,
    owner,
    hooks,
    random: scenario.random ?? (() => 0.5),
    leaseMs: scenario.leaseMs ?? 30_000,
    retry: scenario.retry ?? { baseMs: 1_000, maxMs: 30_000, maxAttempts: 5 },
  });
  scheduler.attach(runner);
  const service = new WorkflowService({
    store: scenario.store,
    workflows: scenario.workflows,
    scheduler,
    clock,
  });
  return { scheduler, runner, service };
}

/** Runner hooks that note every point passed in `trace` and throw a SimulatedCrash at `crashAt`. */
export function recordingHooks(trace: CrashPoint[], crashAt: CrashPoint | undefined): RunnerHooks {
  const counts = new Map<string, number>();
  const hit = (hook: CrashHook) => (_runId: string, key: string) => {
    const id = `${hook}|${key}`;
    const occurrence = (counts.get(id) ?? 0) + 1;
    counts.set(id, occurrence);
    const point = { hook, key, occurrence };
    trace.push(point);
    if (crashAt && crashAt.hook === hook && crashAt.key === key && crashAt.occurrence === occurrence) {
      throw new SimulatedCrash(`simulated crash at ${describeCrashPoint(point)}`);
    }
  };
  return {
    beforeStep: hit('beforeStep'),
    beforeRecord: hit('beforeRecord'),
    afterStepCall: hit('afterStepCall'),
    beforeSave: hit('beforeSave'),
  };
}

/**
 * Start the scenario's run, crash at `crashAt` (or never, when undefined), then resume in a
 * fresh process after the lease expired and drive the run to its end.
 */
export async function runWithCrashAt<Deps>(
  scenario: CrashScenario<Deps>,
  crashAt: CrashPoint | undefined,
): Promise<CrashRunResult> {
  const clock = scenario.clock ?? new ManualClock(Date.UTC(2026, 0, 1));
  const maxTicks = scenario.maxTicks ?? 5_000;
  const trace: CrashPoint[] = [];
  const first = startProcess(scenario, clock, 'process-1', recordingHooks(trace, crashAt));
  const started = await first.service.startRun(scenario.start);
  if (!started.ok) throw new Error(`runWithCrashAt: run not started: ${started.message}`);
  const runId = started.run.runId;

  let crashed = false;
  try {
    await first.scheduler.drain(maxTicks);
  } catch (err) {
    if (!(err instanceof SimulatedCrash)) throw err;
    crashed = true;
  }
  if (crashed) {
    // The dead process's timers die with it; its lease must run out before anyone else ticks.
    first.scheduler.clear();
    clock.advance((scenario.leaseMs ?? 30_000) + 1);
    const second = startProcess(scenario, clock, 'process-2', {});
    await second.service.resumeAll();
    await second.scheduler.drain(maxTicks);
  }
  const run = await scenario.store.runs.get(runId);
  if (!run) throw new Error(`runWithCrashAt: run ${runId} vanished`);
  return { runId, run, crashed, trace };
}

/**
 * Every point a crash-free run of a fresh scenario passes through, optionally filtered
 * (e.g. drop `lease` writes, or keep only the first occurrence of polling steps).
 */
export async function enumerateCrashPoints<Deps>(
  makeScenario: () => CrashScenario<Deps> | Promise<CrashScenario<Deps>>,
  include: (point: CrashPoint) => boolean = () => true,
): Promise<CrashPoint[]> {
  const { run, trace } = await runWithCrashAt(await makeScenario(), undefined);
  if (run.status !== 'succeeded') throw new Error(`enumerateCrashPoints: clean run ended ${run.status}`);
  return trace.filter(include);
}

/** Filter for enumerateCrashPoints: step boundaries and the writes around them, first time each. */
export const firstOccurrences = (point: CrashPoint): boolean => point.occurrence === 1;
