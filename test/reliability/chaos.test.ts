/**
 * The worker killed at seeded random points through create → destroy — and in the record
 * window of a third of the steps (right after a step made something, before it saved the id) —
 * on an eventually
 * consistent emulator that answers some changing calls with a fault after making the change
 * (bench/scale/chaos.ts runs 20 seeds in `npm run test:slow`): every run completes, nothing is
 * made twice, nothing is left. Over the seeds, every step that makes something is killed in that
 * window at least twice, so a step that cannot find what it made fails here.
 */
import { CREATE_STEPS } from '../../src/workflows/create/workflow';
import { SPEC_INVENTORY } from './harness';
import { chaosRun, type ChaosResult } from './chaos';

const SEEDS = [1, 2, 3, 4, 5, 6];
const results: ChaosResult[] = [];

test.each(SEEDS)(
  'seed %i: killed at random points, faults after the action, create and destroy complete, 0 duplicates, 0 leftovers',
  async (seed) => {
    const r = await chaosRun(seed);
    results.push(r);
    expect(r.kills.length).toBeGreaterThan(0);
    expect(r.create).toBe('succeeded');
    expect(r.duplicates).toEqual({});
    expect(r.afterCreate).toEqual(SPEC_INVENTORY);
    expect(r.destroy).toBe('succeeded');
    expect(r.leftovers).toEqual({});
    expect(r.taggedLeftovers).toBe(0);
  },
  60_000,
);

test('over the seeds, every creating step was killed between its create and the save of its id, or mid-call', () => {
  expect(results).toHaveLength(SEEDS.length);
  // Steps running beside a killed one die with it, mid-call: those count too.
  const killedInWindow = new Set([
    ...results.flatMap((r) => r.kills).flatMap((k) => /^create:beforeRecord\((.+)\)$/.exec(k)?.[1] ?? []),
    ...results.flatMap((r) => r.interrupted).flatMap((k) => /^create:(.+)$/.exec(k)?.[1] ?? []),
  ]);
  // Every step that records an id before it is done (the create steps minus those that only read or wait).
  const recording = CREATE_STEPS.map((s) => s.id).filter(
    (id) =>
      ![
        'preflight',
        'database-multi-az',
        'register-targets',
        'targets-healthy',
        'site',
        'db-subnet-group',
      ].includes(id),
  );
  expect(recording.filter((id) => !killedInWindow.has(id))).toEqual([]);
  expect(results.reduce((n, r) => n + r.lateFaults, 0)).toBeGreaterThan(0);
});
