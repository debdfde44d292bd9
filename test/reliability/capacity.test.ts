/**
 * No t3.micro capacity in one AZ: create must say so in words a person understands (which
 * type, which AZ) and stop cleanly or fall back; destroy then leaves nothing behind.
 */
import { startDestroy } from '../../src/workflows/destroy/start';
import {
  CHANNEL,
  OWNER,
  SLOW_CREATE_POLL,
  startCreate,
  taggedFor,
} from '../integration/workflows/destroy/harness';
import { inventory, SPEC_INVENTORY, startReliabilityHarness, type ReliabilityHarness } from './harness';

let h: ReliabilityHarness;

afterEach(async () => {
  await h?.close();
});

test('InsufficientInstanceCapacity for t3.micro in 1c: plain-words failure or fallback, then destroy leaves nothing', async () => {
  h = await startReliabilityHarness({ createPoll: SLOW_CREATE_POLL });
  h.emu.world.faults.set({ insufficientCapacity: [{ instanceType: 't3.micro', az: 'ap-northeast-1c' }] });
  const w = h.worker();
  const started = await startCreate(h, 'shop', w);
  await w.scheduler.drain(5_000);
  const run = (await h.store.runs.get(started.runId))!;

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
  const destroy = await startDestroy(w.service, h.store, {
    env: 'shop',
    requestedBy: OWNER,
    channel: CHANNEL,
  });
  if (destroy.status !== 'started') throw new Error(JSON.stringify(destroy.message));
  await w.scheduler.drain(5_000);
  const destroyed = (await h.store.runs.get(destroy.run.runId))!;
  expect(destroyed.status).toBe('succeeded');
  expect(taggedFor(h, 'shop')).toEqual([]);
  expect(inventory(h)).toEqual({});
}, 60_000);
