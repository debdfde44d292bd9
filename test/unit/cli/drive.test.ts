import { RunDriver } from '../../../src/cli/drive';
import type { Run } from '../../../src/state/types';
import type { TickOutcome } from '../../../src/workflows/engine/runner';
import { makeRun } from './fixtures';

/** A scheduler that records requests; the test fires ticks itself. */
function recordingScheduler() {
  return {
    requests: [] as { runId: string; delayMs: number }[],
    stopped: false,
    async schedule(runId: string, delayMs: number) {
      this.requests.push({ runId, delayMs });
    },
    stop() {
      this.stopped = true;
    },
  };
}

function setup(outcomes: (TickOutcome | Promise<TickOutcome>)[], stored: Run = makeRun({})) {
  const scheduler = recordingScheduler();
  const store = { runs: { get: async () => stored } } as never;
  const driver = new RunDriver({ store, scheduler, busyRetryMs: 1_234 });
  const ticks: string[] = [];
  driver.bind({
    tick: async (runId) => {
      ticks.push(runId);
      return outcomes.shift();
    },
  });
  return { driver, scheduler, ticks };
}

test('resolves when a tick finishes the run, forwarding every update on the way', async () => {
  const final = makeRun({}, { status: 'succeeded' });
  const { driver, scheduler } = setup([
    { outcome: 'scheduled', run: makeRun({}), delayMs: 10 },
    { outcome: 'finished', run: final },
  ]);
  const updates: string[] = [];
  const followed = driver.follow('demo-create-1', { onUpdate: (r) => updates.push(r.status), kick: true });
  expect(scheduler.requests).toEqual([{ runId: 'demo-create-1', delayMs: 0 }]);
  await driver.tick('demo-create-1');
  driver.onRunUpdate(makeRun({}), { type: 'step', stepId: 'vpc' });
  driver.onRunUpdate(makeRun({}, { runId: 'other' }), { type: 'step', stepId: 'vpc' });
  await driver.tick('demo-create-1');
  await expect(followed).resolves.toEqual({ run: final, outcome: 'finished' });
  expect(updates).toEqual(['running']);
});

test('busy (another worker holds the run) asks again after busyRetryMs', async () => {
  const { driver, scheduler } = setup([{ outcome: 'busy' }]);
  await driver.tick('demo-create-1');
  expect(scheduler.requests).toEqual([{ runId: 'demo-create-1', delayMs: 1_234 }]);
});

test('a run the runner cannot advance rejects the follower with the reason', async () => {
  const { driver } = setup([{ outcome: 'unsupported', message: 'no destroy workflow in this runner' }]);
  const followed = driver.follow('demo-create-1', { onUpdate: () => undefined });
  await driver.tick('demo-create-1');
  await expect(followed).rejects.toThrow('no destroy workflow in this runner');
});

test('abort stops the scheduler, waits for the tick under way, and reports the run still running', async () => {
  let finishTick!: (o: TickOutcome) => void;
  const inFlight = new Promise<TickOutcome>((resolve) => (finishTick = resolve));
  const { driver, scheduler } = setup([inFlight]);
  const abort = new AbortController();
  const followed = driver.follow('demo-create-1', { onUpdate: () => undefined, signal: abort.signal });
  const ticking = driver.tick('demo-create-1');
  abort.abort();
  let settled = false;
  void followed.then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  expect(scheduler.stopped).toBe(true);
  expect(settled).toBe(false); // still waiting for the tick under way
  finishTick({ outcome: 'scheduled', run: makeRun({}), delayMs: 10 });
  await ticking;
  await expect(followed).resolves.toMatchObject({ outcome: 'interrupted', run: { status: 'running' } });
});

test('a tick that throws is reported and retried later', async () => {
  const scheduler = recordingScheduler();
  const errors: string[] = [];
  const driver = new RunDriver({
    store: { runs: { get: async () => undefined } } as never,
    scheduler,
    busyRetryMs: 50,
    onError: (err) => errors.push(String(err)),
  });
  driver.bind({ tick: async () => Promise.reject(new Error('socket hang up')) });
  await driver.tick('r1');
  expect(errors).toEqual(['Error: socket hang up']);
  expect(scheduler.requests).toEqual([{ runId: 'r1', delayMs: 50 }]);
});
