/**
 * AWS as it really behaves: fresh EC2 ids unknown for a few seconds (eventual consistency)
 * and occasional throttling / 5xx. The create run still succeeds, with no duplicate resource.
 */
import { runWithCrashAt } from '../../../helpers/crash-harness';
import { countResources, SPEC_INVENTORY } from '../../../helpers/inventory';
import { startCreateHarness, type CreateHarness } from './harness';

let h: CreateHarness;

beforeEach(async () => {
  h = await startCreateHarness();
});

afterEach(async () => {
  await h.close();
});

const inventory = () => countResources(h.emu.world);

test('fresh ids invisible for 5 s: steps wait instead of failing or creating twice', async () => {
  h.emu.world.faults.set({ eventualConsistencyMs: 5_000 });
  const { run } = await runWithCrashAt(h.scenario('now'), undefined);
  const failed = Object.entries(run.steps).filter(([, s]) => s.status !== 'done');
  expect(failed).toEqual([]);
  expect(run.status).toBe('succeeded');
  expect(inventory()).toEqual(SPEC_INVENTORY);
});

test.each([1, 2, 3])(
  'throttling and 5xx on 5%% of calls (seed %i): retried, same inventory',
  async (seed) => {
    h.emu.world.faults.set({ throttleRate: 0.05, serverErrorRate: 0.02, seed });
    const { run } = await runWithCrashAt(h.scenario('now'), undefined);
    expect(Object.entries(run.steps).filter(([, s]) => s.status !== 'done')).toEqual([]);
    expect(run.status).toBe('succeeded');
    expect(inventory()).toEqual(SPEC_INVENTORY);
  },
);
