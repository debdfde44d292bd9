/**
 * No t3.micro capacity in one AZ: create must say so in words a person understands (which
 * type, which AZ) and stop cleanly or fall back; destroy then leaves nothing behind.
 */
import { SLOW_CREATE_POLL, taggedFor } from '../integration/workflows/destroy/harness';
import {
  createThrough,
  destroyThrough,
  inventory,
  SPEC_INVENTORY,
  startReliabilityHarness,
  type ReliabilityHarness,
} from './harness';

let h: ReliabilityHarness;

afterEach(async () => {
  await h?.close();
});

test('InsufficientInstanceCapacity for t3.micro in 1c: plain-words failure or fallback, then destroy leaves nothing', async () => {
  h = await startReliabilityHarness({ createPoll: SLOW_CREATE_POLL });
  h.emu.world.faults.set({ insufficientCapacity: [{ instanceType: 't3.micro', az: 'ap-northeast-1c' }] });
  const w = h.worker();
  const run = await createThrough(h, w, 'shop');

  if (run.status === 'succeeded') {
    // A fallback (another type or AZ) was used: the environment is whole.
    expect(inventory(h)).toEqual(SPEC_INVENTORY);
  } else {
    expect(run.status).toBe('failed');
    const message = String(run.summary?.error);
    // One line, naming the problem, the type and the AZ.
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/capacity/i);
    expect(message).toContain('t3.micro');
    expect(message).toContain('ap-northeast-1c');
    // Stopped cleanly: no half-launched second web server in 1c, the env not left "creating".
    const instances = h.emu.world
      .listResources()
      .filter((r) => r.type === 'instance' && r.state !== 'terminated');
    expect(instances.length).toBeLessThanOrEqual(1);
    const env = await h.store.environments.get('shop');
    expect(env?.currentRunId).toBeUndefined();
  }

  h.emu.world.faults.clear();
  const destroyed = await destroyThrough(h, w, 'shop');
  expect(destroyed.status).toBe('succeeded');
  expect(taggedFor(h, 'shop')).toEqual([]);
  expect(inventory(h)).toEqual({});
}, 60_000);
