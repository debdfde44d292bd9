import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { InProcessTickScheduler } from '../../../../src/workflows/engine/timer-scheduler';

describe('InProcessTickScheduler', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('keeps one timer per run, the earliest, and ticks the attached runner', async () => {
    const ticked: string[] = [];
    const scheduler = new InProcessTickScheduler().attach({ tick: async (id) => ticked.push(id) });
    await scheduler.schedule('r1', 5_000);
    await scheduler.schedule('r1', 1_000);
    await scheduler.schedule('r1', 3_000);
    await scheduler.schedule('r2', 2_000);
    await jest.advanceTimersByTimeAsync(999);
    expect(ticked).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(ticked).toEqual(['r1']);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(ticked).toEqual(['r1', 'r2']);
    expect(scheduler.pendingRuns()).toEqual([]);
  });

  it('stop() clears pending ticks and ignores later requests', async () => {
    const tick = jest.fn(async () => undefined);
    const scheduler = new InProcessTickScheduler().attach({ tick });
    await scheduler.schedule('r1', 100);
    scheduler.stop();
    await scheduler.schedule('r2', 100);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(tick).not.toHaveBeenCalled();
  });

  it('reports a tick that throws instead of crashing the process', async () => {
    const onError = jest.fn();
    const scheduler = new InProcessTickScheduler({ onError }).attach({
      tick: () => Promise.reject(new Error('boom')),
    });
    await scheduler.schedule('r1', 0);
    await jest.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }), 'r1');
  });
});

describe('InProcessTickScheduler: when ticks are due (from the mutation run, quality/README.md)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('says when the earliest tick is due, and nothing once none is pending', async () => {
    const scheduler = new InProcessTickScheduler().attach({ tick: async () => undefined });
    expect(scheduler.nextDueAt()).toBeUndefined();
    await scheduler.schedule('r1', 5_000);
    await scheduler.schedule('r2', 2_000);
    await scheduler.schedule('r3', 3_000);
    expect(scheduler.nextDueAt()).toBe(2_000);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(scheduler.nextDueAt()).toBe(3_000);
    expect(scheduler.pendingRuns().sort()).toEqual(['r1', 'r3']);
    scheduler.stop();
    expect(scheduler.nextDueAt()).toBeUndefined();
    expect(scheduler.pendingRuns()).toEqual([]);
  });

  it('a delay in the past is due now', async () => {
    const ticked: string[] = [];
    const scheduler = new InProcessTickScheduler().attach({ tick: async (id) => ticked.push(id) });
    await jest.advanceTimersByTimeAsync(1_000);
    await scheduler.schedule('r1', -500);
    expect(scheduler.nextDueAt()).toBe(1_000);
    await jest.advanceTimersByTimeAsync(0);
    expect(ticked).toEqual(['r1']);
  });

  it('asking again for the same time keeps the tick where it was, in order', async () => {
    const ticked: string[] = [];
    const scheduler = new InProcessTickScheduler().attach({ tick: async (id) => ticked.push(id) });
    await scheduler.schedule('r1', 1_000);
    await scheduler.schedule('r2', 1_000);
    await scheduler.schedule('r1', 1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(ticked).toEqual(['r1', 'r2']);
  });

  it('a tick due with no runner attached is reported, not thrown', async () => {
    const onError = jest.fn();
    const scheduler = new InProcessTickScheduler({ onError });
    await scheduler.schedule('r1', 10);
    await jest.advanceTimersByTimeAsync(10);
    expect(onError).toHaveBeenCalledWith(new Error('InProcessTickScheduler: no runner attached'), 'r1');
    expect(scheduler.pendingRuns()).toEqual([]);
    // Without onError it is dropped quietly.
    const quiet = new InProcessTickScheduler();
    await quiet.schedule('r1', 10);
    await jest.advanceTimersByTimeAsync(10);
    expect(quiet.pendingRuns()).toEqual([]);
  });

  it('a tick that fails with no onError to tell is dropped, not left unhandled', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const scheduler = new InProcessTickScheduler().attach({
        tick: () => Promise.reject(new Error('boom')),
      });
      await scheduler.schedule('r1', 0);
      await jest.advanceTimersByTimeAsync(0);
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise((r) => jest.requireActual<typeof import('timers')>('timers').setImmediate(r));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('ManualScheduler', () => {
  it('runs due ticks only, and drain() jumps the clock from tick to tick', async () => {
    const clock = new ManualClock(100);
    const scheduler = new ManualScheduler(clock);
    const seen: string[] = [];
    scheduler.attach({
      tick: async (id) => {
        seen.push(`${id}@${clock.now()}`);
        if (id === 'a' && clock.now() < 300) await scheduler.schedule('a', 100);
      },
    });
    await scheduler.schedule('a', 0);
    await scheduler.schedule('b', 50);
    await scheduler.runDue();
    expect(seen).toEqual(['a@100']);
    expect(await scheduler.drain()).toBe(3);
    expect(seen).toEqual(['a@100', 'b@150', 'a@200', 'a@300']);
  });

  it('drain() gives up on a run that never stops', async () => {
    const clock = new ManualClock();
    const scheduler = new ManualScheduler(clock);
    scheduler.attach({ tick: (id) => scheduler.schedule(id, 10) });
    await scheduler.schedule('x', 0);
    await expect(scheduler.drain(5)).rejects.toThrow('still ticking after 5 ticks');
  });
});
