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
  /** For `beforeRecord`: the outputs being recorded (which of the step's resources), e.g. `publicSubnetA`. */
  detail?: string;
}

export const describeCrashPoint = (p: CrashPoint): string => `${p.hook}(${p.key})#${p.occurrence}`;

/** As describeCrashPoint, with what a record records: `beforeRecord(subnets[publicSubnetA])#1`. */
const describeInDetail = (p: CrashPoint): string =>
  `${p.hook}(${p.key}${p.detail ? `[${p.detail}]` : ''})#${p.occurrence}`;

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
  const hit = (hook: CrashHook) => (_runId: string, key: string, outputKeys?: readonly string[]) => {
    const id = `${hook}|${key}`;
    const occurrence = (counts.get(id) ?? 0) + 1;
    counts.set(id, occurrence);
    const point: CrashPoint = {
      hook,
      key,
      occurrence,
      ...(outputKeys?.length ? { detail: outputKeys.join('+') } : {}),
    };
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

/** The writes every tick makes, whatever its steps: taking the lease, marking steps started, letting go. */
const TICK_BOOKKEEPING = new Set(['lease', 'start', 'lease-release']);

/**
 * Filter for a clean trace: every point, except that
 * - the per-tick bookkeeping writes (the same code at every tick, with no step's state in them)
 *   are kept at their first `n` occurrences;
 * - the write of a record (`beforeSave(record:<step>)`) is left to `beforeRecord(<step>)`, which
 *   the runner passes just before it with no call to AWS between: the same moment to die at.
 */
export const everyPointButRepeatedBookkeeping =
  (n = 3) =>
  (p: CrashPoint): boolean =>
    !(p.hook === 'beforeSave' && TICK_BOOKKEEPING.has(p.key) && p.occurrence > n) &&
    !(p.hook === 'beforeSave' && p.key.startsWith('record:'));

/**
 * Kills a run once at each of `points` (a clean run's trace from `recordingHooks`), in turn, with
 * every process of the run using `hooks()`: one run, one resume per point. A point is a hook, its
 * key and detail (a record names what it records: each subnet's window is its own point), and
 * the number of times the run has *passed* that point, over all its processes, without dying
 * there; so after dying at a point the next process passes it and runs on to the next one. A
 * point the run never reaches stays in `missed` (the run needed fewer polls than the clean one).
 */
export class CrashAtEveryPoint {
  /** The points the run died at, in order. */
  readonly crashedAt: CrashPoint[] = [];
  private readonly pending = new Map<string, CrashPoint>();
  private readonly passed = new Map<string, number>();

  constructor(points: readonly CrashPoint[]) {
    // Number each point among those with the same hook, key and detail, in trace order.
    const seen = new Map<string, number>();
    for (const p of points) {
      const id = pointId(p);
      const occurrence = (seen.get(id) ?? 0) + 1;
      seen.set(id, occurrence);
      const point = { ...p, occurrence };
      this.pending.set(describeInDetail(point), point);
    }
  }

  /** The hooks for one process of the run. */
  hooks(): RunnerHooks {
    const at = (hook: CrashHook) => (_runId: string, key: string, outputKeys?: readonly string[]) => {
      const partial = { hook, key, ...(outputKeys?.length ? { detail: outputKeys.join('+') } : {}) };
      const id = pointId(partial);
      const point: CrashPoint = { ...partial, occurrence: (this.passed.get(id) ?? 0) + 1 };
      if (this.pending.delete(describeInDetail(point))) {
        this.crashedAt.push(point);
        throw new SimulatedCrash(`simulated crash at ${describeInDetail(point)}`);
      }
      this.passed.set(id, point.occurrence);
    };
    return {
      beforeStep: at('beforeStep'),
      beforeRecord: at('beforeRecord'),
      afterStepCall: at('afterStepCall'),
      beforeSave: at('beforeSave'),
    };
  }

  /** Points the run never reached. */
  get missed(): CrashPoint[] {
    return [...this.pending.values()];
  }

  /** How many points the run was given. */
  get total(): number {
    return this.crashedAt.length + this.pending.size;
  }
}

const pointId = (p: Pick<CrashPoint, 'hook' | 'key' | 'detail'>) => `${p.hook}|${p.key}|${p.detail ?? ''}`;

/**
 * Of the points a run dying everywhere did not reach, those that matter: a point may be left
 * only when it is a later occurrence of a point the run did die at (a poll, a retry or a record
 * the crashed run did not need, its deaths having changed its path) and of a kind in `later`.
 * Every record kind, every step's first call and answer, and every write at the end of the run
 * must be reached.
 */
export function unexpectedMisses(
  killer: CrashAtEveryPoint,
  later: readonly CrashHook[] = ['beforeStep', 'afterStepCall', 'beforeSave'],
): string[] {
  const died = new Set(killer.crashedAt.map(pointId));
  const allowed = (p: CrashPoint) =>
    p.occurrence > 1 &&
    died.has(pointId(p)) &&
    later.includes(p.hook) &&
    (p.hook !== 'beforeSave' || p.key.startsWith('result:'));
  return killer.missed.filter((p) => !allowed(p)).map(describeInDetail);
}

/** One process: something that ticks runs by a scheduler the test drains, and resumes runs at start. */
export interface CrashableProcess {
  scheduler: ManualScheduler;
  service: Pick<WorkflowService, 'resumeAll'>;
}

/**
 * Drains `first` (already started on the run); each time a process dies (SimulatedCrash) its
 * timers die with it, its lease runs out, and `next()` starts a fresh process that resumes
 * every running run. Returns how many processes died.
 */
export async function driveThroughCrashes(
  first: CrashableProcess,
  next: () => CrashableProcess,
  clock: ManualClock,
  leaseMs: number,
  maxTicks = 5_000,
): Promise<number> {
  let p = first;
  let deaths = 0;
  for (;;) {
    try {
      await p.scheduler.drain(maxTicks);
      return deaths;
    } catch (err) {
      if (!(err instanceof SimulatedCrash)) throw err;
      deaths++;
      p.scheduler.clear();
      clock.advance(leaseMs + 1);
      p = next();
      await p.service.resumeAll();
    }
  }
}
