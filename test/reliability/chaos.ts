/**
 * Chaos driver shared by the test (a few seeds, in `npm test`) and bench/scale/chaos.ts (20
 * seeds, `npm run test:slow`): runs create → destroy of one env on an eventually consistent
 * emulator while
 * - killing the worker at seeded random hook points (before a step, after its AWS call, before
 *   a save);
 * - killing it, outside that budget, in the record window of a third of the steps: at the
 *   step's first `beforeRecord`, when it has made something and not yet saved the id — the
 *   window a non-idempotent step cannot survive. Which third depends on the seed, so any
 *   `recordKillEvery` consecutive seeds kill every step there at least once;
 * - answering a share of the calls that change something with a fault after the change was made.
 * Each kill drops the worker's timers, lets its lease run out and starts a fresh worker that
 * resumes the run.
 */
import { seededRandom } from '../../src/sandbox/aws/random';
import type { Run } from '../../src/state/types';
import { startDestroy } from '../../src/workflows/destroy/start';
import type { RunnerHooks } from '../../src/workflows/engine/runner';
import { SimulatedCrash } from '../helpers/crash-harness';
import {
  CHANNEL,
  OWNER,
  SLOW_CREATE_POLL,
  startCreate,
  taggedFor,
} from '../integration/workflows/destroy/harness';
import { duplicatesOf, inventory, startReliabilityHarness, type ReliabilityHarness } from './harness';

export interface ChaosOptions {
  /** Chance of a kill at any hook point (default 0.02). */
  killChance?: number;
  /** Kills per workflow at most, record-window kills aside (default 3). */
  maxKills?: number;
  /** Every step's record window is killed in one seed out of this many (default 3; 0: never). */
  recordKillEvery?: number;
  /** Share of changing calls answered with a fault after they took effect (default 0.05). */
  afterActionRate?: number;
  /** Share of calls throttled before they run (default 0). */
  throttleRate?: number;
}

export interface ChaosResult {
  seed: number;
  create: Run['status'];
  destroy: Run['status'];
  kills: string[];
  /** `<phase>:<step>` of every step in flight (called, not answered) when the worker was killed. */
  interrupted: string[];
  /** Calls answered with a fault after they took effect. */
  lateFaults: number;
  /** Resources made twice after create (`service:type env/role` → count), from the emulator's inventory. */
  duplicates: Record<string, number>;
  /** Live resources after create. */
  afterCreate: Record<string, number>;
  /** Live resources (any service) after destroy: must be empty. */
  leftovers: Record<string, number>;
  taggedLeftovers: number;
}

const LEASE_MS = 30_000;

/** A small stable hash of a step id, to spread the record-window kills over the seeds. */
function stepHash(id: string): number {
  let h = 7;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

export async function chaosRun(seed: number, opts: ChaosOptions = {}): Promise<ChaosResult> {
  const killChance = opts.killChance ?? 0.02;
  const maxKills = opts.maxKills ?? 3;
  const every = opts.recordKillEvery ?? 3;
  const h: ReliabilityHarness = await startReliabilityHarness({ createPoll: SLOW_CREATE_POLL });
  h.emu.world.faults.set({
    seed,
    afterActionRate: opts.afterActionRate ?? 0.05,
    ...(opts.throttleRate ? { throttleRate: opts.throttleRate } : {}),
  });
  try {
    const rng = seededRandom(seed);
    const kills: string[] = [];
    const interrupted: string[] = [];
    // Kill budget per workflow, so destroy gets its share however many create took.
    let phase = 'create';
    let left = maxKills;
    /** Record windows already passed (each is killed at most once per workflow). */
    const windows = new Set<string>();

    /** Steps the current worker has called and not had an answer from. */
    let inFlight = new Set<string>();
    const kill = (hook: keyof RunnerHooks, key: string): never => {
      kills.push(`${phase}:${hook}(${key})`);
      for (const step of inFlight) interrupted.push(`${phase}:${step}`);
      throw new SimulatedCrash(`killed at ${hook}(${key})`);
    };
    const maybeKill = (hook: keyof RunnerHooks) => (_runId: string, key: string) => {
      if (left > 0 && rng() < killChance) {
        left--;
        kill(hook, key);
      }
    };
    const killer = (): RunnerHooks => {
      inFlight = new Set();
      return {
        beforeStep: (runId, key) => {
          maybeKill('beforeStep')(runId, key);
          inFlight.add(key);
        },
        beforeRecord: (runId, key) => {
          const window = `${phase}:${key}`;
          if (!windows.has(window)) {
            windows.add(window);
            if (every > 0 && stepHash(key) % every === seed % every) kill('beforeRecord', key);
          }
          maybeKill('beforeRecord')(runId, key);
        },
        afterStepCall: (runId, key) => {
          inFlight.delete(key);
          maybeKill('afterStepCall')(runId, key);
        },
        beforeSave: maybeKill('beforeSave'),
      };
    };

    /** Drives a run to its end through every kill. */
    const survive = async (runId: string, first: ReturnType<ReliabilityHarness['worker']>): Promise<Run> => {
      let w = first;
      for (;;) {
        try {
          await w.scheduler.drain(5_000);
          break;
        } catch (err) {
          if (!(err instanceof SimulatedCrash)) throw err;
          w.scheduler.clear();
          h.clock.advance(LEASE_MS + 1);
          w = h.worker(killer());
          await w.service.resumeAll();
        }
      }
      return (await h.store.runs.get(runId))!;
    };

    const cw = h.worker(killer());
    const created = await survive((await startCreate(h, 'shop', cw)).runId, cw);
    const afterCreate = inventory(h);
    const made = duplicatesOf(h);

    phase = 'destroy';
    left = maxKills;
    const dw = h.worker(killer());
    const destroy = await startDestroy(dw.service, h.store, {
      env: 'shop',
      requestedBy: OWNER,
      channel: CHANNEL,
    });
    if (destroy.status !== 'started') throw new Error(destroy.message);
    const destroyed = await survive(destroy.run.runId, dw);

    return {
      seed,
      create: created.status,
      destroy: destroyed.status,
      kills,
      interrupted,
      lateFaults: h.emu.world.faults.afterActionLog.length,
      duplicates: made,
      afterCreate,
      leftovers: inventory(h),
      taggedLeftovers: taggedFor(h, 'shop').length,
    };
  } finally {
    await h.close();
  }
}
