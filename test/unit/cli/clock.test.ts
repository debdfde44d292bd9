/** The CLI against the sandbox keeps the sandbox's clock: read once, run on at its speed, read again. */
import { openRemoteClock, wallClock } from '../../../src/cli/clock';

const VIRTUAL = Date.UTC(2026, 11, 2, 5, 0, 0);

test('follows the remote clock at its speed between readings, and never goes back', async () => {
  jest.useFakeTimers();
  try {
    let real = 1_000;
    let remote = { now: VIRTUAL, speed: 60 };
    const clock = await openRemoteClock(
      'http://127.0.0.1:1/_sandbox/clock',
      async () => remote,
      () => real,
    );
    expect(clock.now()).toBe(VIRTUAL);
    real += 1_000; // one real second at 60×: a virtual minute
    expect(clock.now()).toBe(VIRTUAL + 60_000);
    expect(clock.realDelay(60_000)).toBe(1_000);

    // The sandbox is stopped and moved on: the next reading is followed.
    remote = { now: VIRTUAL + 3_600_000, speed: 0 };
    await jest.advanceTimersByTimeAsync(2_000);
    real += 5_000;
    expect(clock.now()).toBe(VIRTUAL + 3_600_000);
    expect(clock.speed).toBe(0);
    expect(clock.realDelay(30_000)).toBe(30_000);

    // A reading behind what was already shown does not take the clock back.
    remote = { now: VIRTUAL, speed: 0 };
    await jest.advanceTimersByTimeAsync(2_000);
    expect(clock.now()).toBe(VIRTUAL + 3_600_000);
    clock.close();
  } finally {
    jest.useRealTimers();
  }
});

test('an unreadable clock is an error naming where it was read', async () => {
  await expect(openRemoteClock('http://127.0.0.1:1/x', async () => ({ hello: 1 }))).rejects.toThrow(
    'cannot read the clock at http://127.0.0.1:1/x (SITEBOT_CLOCK_URL)',
  );
  expect(wallClock.realDelay(5)).toBe(5);
});
