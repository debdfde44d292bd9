/**
 * Chaos driver shared by the test (a few seeds) and bench/scale/chaos.ts (20 seeds): runs
 * create → destroy of one env while "killing the worker" at seeded random hook points (before
 * a step, after its AWS call, before its id is recorded, before a save). Each kill drops the
 * worker's timers, lets its lease run out and starts a fresh worker that resumes the run.
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
import { countMinted, inventory, startReliabilityHarness, type ReliabilityHarness } from './harness';

export interface ChaosResult {
  seed: number;
  create: Run['status'];
  destroy: Run['status'];
  kills: string[];
  /** Resource ids the emulator minted, by prefix (vpc, subnet, i, …): duplicates show up here. */
  minted: Record<string, number>;
  /** Live resources after create. */
  afterCreate: Record<string, number>;
  /** Live resources (any service) after destroy: must be empty. */
  leftovers: Record<string, number>;
  taggedLeftovers: number;
}

/** Ids of SPEC's resources, minted exactly once each in a run without duplicates. */
export const SPEC_MINTED = { vpc: 1, subnet: 4, igw: 1, rtb: 2, sg: 4, i: 2, ami: 1 };

const LEASE_MS = 30_000;

export async function chaosRun(
  seed: number,
  opts: { killChance?: number; maxKills?: number; throttleRate?: number } = {},
): Promise<ChaosResult> {
  const killChance = opts.killChance ?? 0.02;
  const maxKills = opts.maxKills ?? 3;
  const h: ReliabilityHarness = await startReliabilityHarness({ createPoll: SLOW_CREATE_POLL });
  if (opts.throttleRate) h.emu.world.faults.set({ throttleRate: opts.throttleRate, seed });
  try {
    const minted = countMinted(h);
    const rng = seededRandom(seed);
    const kills: string[] = [];
    // Kill budget per workflow, so destroy gets its share however many create took.
    let phase = 'create';
    let left = maxKills;

    const killer = (): RunnerHooks => {
      const maybeKill = (hook: string) => (_runId: string, key: string) => {
        if (left > 0 && rng() < killChance) {
          left--;
          kills.push(`${phase}:${hook}(${key})`);
          throw new SimulatedCrash(`killed at ${hook}(${key})`);
        }
      };
      return {
        beforeStep: maybeKill('beforeStep'),
        beforeRecord: maybeKill('beforeRecord'),
        afterStepCall: maybeKill('afterStepCall'),
        beforeSave: maybeKill('beforeSave'),
      };
    };

    /** Drives a run to its end through as many kills as the RNG deals. */
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

    phase = 'destroy';
    left = maxKills;
    const dw = h.worker(killer());
    const destroy = await startDestroy(dw.service, h.store, {
      env: 'shop',
      requestedBy: OWNER,
      channel: CHANNEL,
    });
    if (destroy.status !== 'started') throw new Error(JSON.stringify(destroy.message));
    const destroyed = await survive(destroy.run.runId, dw);

    const pick = Object.fromEntries(Object.keys(SPEC_MINTED).map((k) => [k, minted[k] ?? 0]));
    return {
      seed,
      create: created.status,
      destroy: destroyed.status,
      kills,
      minted: pick,
      afterCreate,
      leftovers: inventory(h),
      taggedLeftovers: taggedFor(h, 'shop').length,
    };
  } finally {
    await h.close();
  }
}
