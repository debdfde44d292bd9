/**
 * WorkflowService edges that service.test.ts leaves open, written from the code and then against
 * the survivors of the service's mutation run (quality/README.md): where a run is shown and what
 * refuses it (announce, prepare), the run id, stale and ended locks, cancel and retry answers,
 * and when resumed runs are ticked.
 */
import { ConflictError, type Run } from '../../../../src/state/types';
import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { RunNotShown, WorkflowService, type StartRunInput } from '../../../../src/workflows/engine/service';
import { createMemoryStore } from '../../../helpers/memory-store';
import { setup, step, T0, workflow } from './fixtures';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

const input = (extra: Partial<StartRunInput> = {}): StartRunInput => ({
  kind: 'create',
  env: 'demo',
  requestedBy: 'U123',
  channel: 'C1',
  params: {},
  ...extra,
});

/** A lock on `demo`, taken at T0, as a crashed or earlier run would have left it. */
const lockOf = (runId: string, kind: 'create' | 'destroy', holder: string) => ({
  env: 'demo',
  runId,
  kind,
  holder,
  acquiredAt: T0,
});

/** The last audit event is `action` by `actor` now, and the run's next tick is due now. */
function expectAuditedAndTicked(t: ReturnType<typeof setup>, runId: string, action: string, actor: string) {
  const now = t.clock.now();
  expect(t.store.audit.events.at(-1)).toEqual({ env: 'demo', at: now, actor, action, detail: { runId } });
  expect(t.scheduler.pendingTicks()).toEqual([{ runId, at: now }]);
}

/** Nothing of a refused start is left: no run, no lock, no audit event, no tick. */
async function expectNothingWritten(t: ReturnType<typeof setup>) {
  expect([...t.store.runs.items.keys()]).toEqual([]);
  expect(await t.store.locks.get('demo')).toBeUndefined();
  expect(t.store.audit.events).toEqual([]);
  expect(t.scheduler.pendingTicks()).toEqual([]);
}

describe('startRun: announce and prepare', () => {
  it('announce sees the run under the lock before it is written, and its answer is where updates go', async () => {
    const t = setup(workflow([step('a', [])]));
    const seen: { locked: boolean; written: boolean; run: Run }[] = [];
    const result = await t.service.startRun(
      input({
        announce: async (run) => {
          seen.push({
            locked: (await t.store.locks.get('demo'))?.runId === run.runId,
            written: (await t.store.runs.get(run.runId)) !== undefined,
            run,
          });
          return { channel: 'C1', messageTs: '111.222' };
        },
      }),
    );
    expect(seen).toEqual([
      { locked: true, written: false, run: expect.objectContaining({ notify: { channel: 'C1' } }) },
    ]);
    expect(result).toMatchObject({ ok: true, run: { notify: { channel: 'C1', messageTs: '111.222' } } });
    expect((await t.store.runs.get('demo-create-1'))?.notify).toEqual({
      channel: 'C1',
      messageTs: '111.222',
    });
  });

  it('announce answering nothing keeps notify; a given notify wins over the channel', async () => {
    const t = setup(workflow([step('a', [])]));
    const kept = await t.service.startRun(input({ announce: async () => undefined }));
    expect(kept).toMatchObject({ ok: true, run: { notify: { channel: 'C1' } } });
    const given = await t.service.startRun(
      input({ env: 'other', notify: { channel: 'C9', messageTs: '1.2' }, announce: async () => undefined }),
    );
    expect(given).toMatchObject({ ok: true, run: { notify: { channel: 'C9', messageTs: '1.2' } } });
  });

  it('RunNotShown is named as such (in logs and error reports)', () => {
    const err = new RunNotShown('invite the bot');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('RunNotShown');
    expect(String(err)).toBe('RunNotShown: invite the bot');
  });

  it('announce throwing RunNotShown refuses the start and writes nothing', async () => {
    const t = setup(workflow([step('a', [])]));
    const prepare = jest.fn(async () => undefined);
    const result = await t.service.startRun(
      input({
        announce: async () => {
          throw new RunNotShown('invite the bot to the channel first');
        },
        prepare,
      }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'not-shown',
      message: 'invite the bot to the channel first',
    });
    expect(prepare).not.toHaveBeenCalled();
    await expectNothingWritten(t);
    expect(t.sink.events).toEqual([]);
  });

  it('announce failing otherwise is best effort: the run starts, shown by its channel', async () => {
    const t = setup(workflow([step('a', [])]));
    const result = await t.service.startRun(
      input({
        announce: async () => {
          throw new Error('slack down');
        },
      }),
    );
    expect(result).toMatchObject({ ok: true, run: { runId: 'demo-create-1', notify: { channel: 'C1' } } });
    expect(t.scheduler.pendingTicks()).toEqual([{ runId: 'demo-create-1', at: T0 }]);
  });

  it('prepare runs after announce under the lock; a refusal gives the lock back and writes nothing', async () => {
    const t = setup(workflow([step('a', [])]));
    const order: string[] = [];
    const result = await t.service.startRun(
      input({
        announce: async () => {
          order.push('announce');
          return undefined;
        },
        prepare: async () => {
          order.push(`prepare (locked: ${(await t.store.locks.get('demo')) !== undefined})`);
          return 'demo was destroyed a minute ago';
        },
      }),
    );
    expect(order).toEqual(['announce', 'prepare (locked: true)']);
    expect(result).toEqual({ ok: false, reason: 'refused', message: 'demo was destroyed a minute ago' });
    await expectNothingWritten(t);
  });

  it('prepare answering nothing lets the run start; prepare throwing gives the lock back', async () => {
    const t = setup(workflow([step('a', [])]));
    expect(await t.service.startRun(input({ prepare: async () => undefined }))).toMatchObject({ ok: true });
    await expect(
      t.service.startRun(
        input({
          env: 'other',
          prepare: async () => {
            throw new Error('table missing');
          },
        }),
      ),
    ).rejects.toThrow('table missing');
    expect(await t.store.locks.get('other')).toBeUndefined();
  });

  it('a progress sink that throws on start does not stop the run', async () => {
    const t = setup(workflow([step('a', [])]));
    jest.spyOn(t.sink, 'onRunUpdate').mockImplementation(() => {
      throw new Error('display broke');
    });
    expect(await t.start()).toMatchObject({ ok: true });
    expect(t.scheduler.pendingTicks()).toEqual([{ runId: 'demo-create-1', at: T0 }]);
  });
});

describe('startRun: run ids and locks', () => {
  it('a run id is env, kind, the time in base 36 and six random hex digits', async () => {
    const clock = new ManualClock(T0);
    const scheduler = new ManualScheduler(clock);
    const wf = workflow([step('a', [])]);
    const service = new WorkflowService({
      store: createMemoryStore(),
      workflows: { create: wf },
      scheduler,
      clock,
    });
    const ids = new Set<string>();
    for (const env of ['one', 'two']) {
      const result = await service.startRun(input({ env }));
      if (!result.ok) throw new Error(english(result.message));
      expect(result.run.runId).toMatch(new RegExp(`^${env}-create-${T0.toString(36)}-[0-9a-f]{6}$`));
      ids.add(result.run.runId.slice(-6));
    }
    expect(ids.size).toBe(2);
  });

  it('a lock without a run is kept for exactly staleLockMs, then taken over', async () => {
    const t = setup(workflow([step('a', [])]));
    await t.store.locks.acquire(lockOf('ghost', 'create', 'U1'));
    t.clock.advance(60_000);
    const refused = await t.start();
    expect(refused).toMatchObject({ ok: false, reason: 'locked' });
    // No run behind the lock: nothing to say it is doing, and no holderRun.
    expect(refused).not.toHaveProperty('holderRun');
    if (refused.ok) throw new Error('expected a refusal');
    expect(english(refused.message)).toBe(
      'demo is busy: a create run (ghost) started by U1 at 2026-11-27 03:00 UTC (1m ago) is running',
    );
    t.clock.advance(1);
    expect(await t.start()).toMatchObject({ ok: true });
  });

  it('staleLockMs is an option', async () => {
    const clock = new ManualClock(T0);
    const store = createMemoryStore();
    const service = new WorkflowService({
      store,
      workflows: { create: workflow([step('a', [])]) },
      scheduler: new ManualScheduler(clock),
      clock,
      staleLockMs: 1_000,
    });
    await store.locks.acquire(lockOf('ghost', 'create', 'U1'));
    clock.advance(1_001);
    expect(await service.startRun(input())).toMatchObject({ ok: true });
  });

  it('the lock of a run that has ended is taken over at once; a running one is never', async () => {
    const t = setup(workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 1_000 }))]));
    const first = await t.startOk();
    t.clock.advance(24 * 3_600_000);
    expect(await t.start()).toMatchObject({ ok: false, reason: 'locked', holderRun: { runId: first.runId } });
    const stored = await t.store.runs.get(first.runId);
    if (!stored) throw new Error('no run');
    await t.store.runs.save({ ...stored, status: 'failed' });
    expect(await t.start()).toMatchObject({ ok: true, run: { runId: 'demo-create-3' } });
  });
});

describe('cancelRun', () => {
  it('records who asked and why, audits it and ticks the run at once', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    t.scheduler.clear();
    t.clock.advance(5_000);
    const result = await t.service.cancelRun(run.runId, 'U9', 'teardown');
    expect(result).toMatchObject({
      ok: true,
      run: {
        cancelRequested: true,
        updatedAt: T0 + 5_000,
        summary: { cancelledBy: 'U9', cancelledFor: 'teardown' },
      },
    });
    expectAuditedAndTicked(t, run.runId, 'create.cancel-requested', 'U9');
  });

  it('without a reason there is no cancelledFor; asking twice changes nothing more', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    const first = await t.service.cancelRun(run.runId, 'U9');
    expect(first.ok && first.run.summary).toEqual({ cancelledBy: 'U9' });
    const events = t.store.audit.events.length;
    const again = await t.service.cancelRun(run.runId, 'U8');
    expect(again).toMatchObject({ ok: true, run: { summary: { cancelledBy: 'U9' } } });
    expect(t.store.audit.events).toHaveLength(events);
  });

  it('an ended run is not cancelled', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    await t.scheduler.drain();
    expect(inEnglish(await t.service.cancelRun(run.runId, 'U9'))).toMatchObject({
      ok: false,
      reason: 'ended',
      run: { status: 'succeeded' },
      message: `run ${run.runId} already succeeded`,
    });
  });

  it('a store failure other than a lost race is not retried', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    const save = jest.spyOn(t.store.runs, 'save').mockRejectedValue(new Error('throttled for good'));
    await expect(t.service.cancelRun(run.runId, 'U9')).rejects.toThrow('throttled for good');
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('gives up after 12 lost races, backing off longer each time', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    const save = jest.spyOn(t.store.runs, 'save').mockRejectedValue(new ConflictError('changed'));
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const tries: number[] = [];
    save.mockImplementation(async () => {
      tries.push(Date.now());
      throw new ConflictError('changed');
    });
    let outcome: unknown;
    try {
      const pending = t.service.cancelRun(run.runId, 'U9').catch((err: unknown) => (outcome = err));
      for (let i = 0; i < 60 && outcome === undefined; i++) await jest.advanceTimersByTimeAsync(250);
      await pending;
    } finally {
      jest.useRealTimers();
    }
    expect(outcome).toBeInstanceOf(ConflictError);
    expect(tries).toHaveLength(12);
    // Jittered, but within the policy's caps: 20 ms doubling to at most 1 s, never at once.
    const gaps = tries.slice(1).map((at, i) => at - tries[i]);
    expect(Math.min(...gaps)).toBeGreaterThan(0);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1_250);
  });
});

describe('retryRun', () => {
  async function failedRun() {
    const t = setup(
      workflow([
        step('a', []),
        step('b', ['a'], async () => ({ status: 'fail', error: { message: 'quota', retryable: false } })),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    const stored = await t.store.runs.get(run.runId);
    if (stored?.status !== 'failed') throw new Error('expected a failed run');
    return { t, run: stored };
  }

  it('clears what the failure left, keeps the rest, audits and ticks at once', async () => {
    const { t, run } = await failedRun();
    await t.store.runs.save({
      ...run,
      summary: { ...run.summary, finishAttempts: 2, finishError: 'x', kept: 1 },
    });
    t.scheduler.clear();
    t.clock.advance(1_000);
    const at = t.clock.now();
    expect(run.steps.b.note).toBe('quota'); // why it failed: stale once it is pending again
    const result = await t.service.retryRun(run.runId, 'U5');
    if (!result.ok) throw new Error(english(result.message));
    expect(result.run.summary).toEqual({ kept: 1, retriedBy: 'U5' });
    expect(result.run).not.toHaveProperty('finishedAt');
    expect(result.run.updatedAt).toBe(at);
    expect(result.run.steps.a).toEqual(run.steps.a);
    expect(result.run.steps.b).toMatchObject({ status: 'pending', attempts: 1, failures: 0 });
    for (const gone of ['error', 'nextAt', 'finishedAt', 'startedAt', 'note'])
      expect(result.run.steps.b).not.toHaveProperty(gone);
    expectAuditedAndTicked(t, run.runId, 'create.retry-requested', 'U5');
  });

  it('says why a run that is not failed, or not there, is not retried', async () => {
    const t = setup(workflow([step('a', [])]));
    expect(inEnglish(await t.service.retryRun('nope', 'U5'))).toEqual({
      ok: false,
      reason: 'not-found',
      message: 'no run nope',
    });
    const run = await t.startOk();
    expect(inEnglish(await t.service.retryRun(run.runId, 'U5'))).toEqual({
      ok: false,
      reason: 'not-failed',
      message: `run ${run.runId} is running, not failed`,
    });
  });

  it('takes back its own leftover lock, and the lock of a run that has ended', async () => {
    const { t, run } = await failedRun();
    await t.store.locks.acquire(lockOf(run.runId, 'create', 'U1'));
    expect(await t.service.retryRun(run.runId, 'U5')).toMatchObject({ ok: true });
    // Its own lock is kept as it was (the run never let go of it), not released and taken anew.
    expect(await t.store.locks.get('demo')).toEqual({
      env: 'demo',
      runId: run.runId,
      kind: 'create',
      holder: 'U1',
      acquiredAt: T0,
    });

    const second = await failedRun();
    await second.t.store.locks.acquire(lockOf('old', 'destroy', 'U2'));
    await second.t.store.runs.create({ ...second.run, runId: 'old', status: 'succeeded' });
    expect(await second.t.service.retryRun(second.run.runId, 'U5')).toMatchObject({ ok: true });
    expect((await second.t.store.locks.get('demo'))?.runId).toBe(second.run.runId);
  });

  it('a lock held by another running run is named in plain words', async () => {
    const { t, run } = await failedRun();
    await t.store.locks.acquire(lockOf('other', 'destroy', 'U2'));
    await t.store.runs.create({ ...run, runId: 'other', kind: 'destroy', status: 'running', steps: {} });
    const result = await t.service.retryRun(run.runId, 'U5');
    expect(result).toMatchObject({ ok: false, reason: 'locked' });
    expect(!result.ok && english(result.message)).toMatch(
      /^demo is busy: a destroy run \(other\) started by U2 /,
    );
  });

  it('a lost race is a conflict to try again; any other store failure is thrown', async () => {
    const { t, run } = await failedRun();
    const save = jest.spyOn(t.store.runs, 'save').mockRejectedValueOnce(new ConflictError('changed'));
    expect(inEnglish(await t.service.retryRun(run.runId, 'U5'))).toEqual({
      ok: false,
      reason: 'conflict',
      message: `run ${run.runId} changed; try again`,
    });
    save.mockRejectedValueOnce(new Error('table missing'));
    await expect(t.service.retryRun(run.runId, 'U5')).rejects.toThrow('table missing');
  });
});

describe('resumeAll', () => {
  it('a lease that has run out (or runs out now) is ticked at once; one still held, just after it ends', async () => {
    const t = setup(workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 60_000 }))]));
    const runs = [await t.startOk('one'), await t.startOk('two'), await t.startOk('three')];
    const untilOffsets = [-1, 0, 1];
    for (const [i, run] of runs.entries())
      await t.store.runs.acquireLease(run.runId, 'dead', T0 - 10_000, 10_000 + untilOffsets[i]);
    t.scheduler.clear();
    await t.service.resumeAll();
    expect(t.scheduler.pendingTicks()).toEqual([
      { runId: runs[0].runId, at: T0 },
      { runId: runs[1].runId, at: T0 },
      { runId: runs[2].runId, at: T0 + 2 },
    ]);
  });
});
