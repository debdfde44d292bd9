/**
 * WorkflowRunner and RunSession edges that runner.test.ts leaves open, written from the code and
 * then against the survivors of the runner's mutation run (quality/README.md): what a step is
 * given, the lease it renews, defaults, how a run ends (its summary, audit event and onFinish
 * budget), errors told to onError, and lost write races.
 */
import { ConflictError, type Run } from '../../../../src/state/types';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { RunSession } from '../../../../src/workflows/engine/run-session';
import { createMemoryStore } from '../../../helpers/memory-store';
import { deferred, setup, step, T0, workflow } from './fixtures';
import { english } from '../../../../src/i18n/english';

describe('what a step is given', () => {
  it('its run, deps, attempt, first start, the clock, and a copy of what it recorded', async () => {
    const seen: Record<string, unknown>[] = [];
    const t = setup(
      workflow<{ db: string }>([
        step('a', [], async (ctx) => {
          const { runId, env, kind, params, deps, attempt, startedAt } = ctx;
          seen.push({
            runId,
            env,
            kind,
            params,
            deps,
            attempt,
            startedAt,
            own: { ...ctx.own },
            now: ctx.now(),
          });
          if (ctx.attempt === 1) {
            await ctx.record({ id: 'a-1' });
            t.clock.advance(2_000);
            return { status: 'wait', retryInMs: 1_000 };
          }
          // The step's copy: changing it changes nothing stored.
          (ctx.own as Record<string, unknown>).id = 'changed by the step';
          return { status: 'done' };
        }),
      ]),
      { db: 'deps' },
    );
    const started = await t.service.startRun({
      kind: 'create',
      env: 'demo',
      requestedBy: 'U1',
      channel: 'C1',
      params: { ttl: '8h' },
    });
    if (!started.ok) throw new Error(english(started.message));
    await t.scheduler.drain();
    const given = {
      runId: started.run.runId,
      env: 'demo',
      kind: 'create',
      params: { ttl: '8h' },
      deps: { db: 'deps' },
    };
    expect(seen).toEqual([
      { ...given, attempt: 1, startedAt: T0, own: {}, now: T0 },
      { ...given, attempt: 2, startedAt: T0, own: { id: 'a-1' }, now: T0 + 3_000 },
    ]);
    expect((await t.store.runs.get(started.run.runId))?.steps.a.outputs).toEqual({ id: 'a-1' });
  });
});

describe('leases and defaults', () => {
  it('every write renews the lease from the clock; the lease is dropped when the tick ends', async () => {
    const leases: (Run['lease'] | undefined)[] = [];
    const t = setup(
      workflow([
        step('a', [], async (ctx) => {
          t.clock.advance(7_000);
          await ctx.record({ id: 'a-1' });
          leases.push((await t.store.runs.get(ctx.runId))?.lease);
          return { status: 'wait', retryInMs: 1_000 };
        }),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.runDue();
    expect(leases).toEqual([{ owner: 'runner-a', until: T0 + 7_000 + 30_000 }]);
    expect((await t.store.runs.get(run.runId))?.lease).toBeUndefined();
  });

  it('a runner ticking a run it is already ticking answers busy and calls nothing twice', async () => {
    const gate = deferred();
    let calls = 0;
    const t = setup(
      workflow([
        step('a', [], async () => {
          calls++;
          await gate.promise;
          return { status: 'done' };
        }),
      ]),
    );
    const run = await t.startOk();
    const first = t.runner.tick(run.runId);
    expect(await t.runner.tick(run.runId)).toEqual({ outcome: 'busy' });
    gate.resolve();
    expect(await first).toMatchObject({ outcome: 'finished' });
    expect(calls).toBe(1);
  });

  it('defaults: a unique owner per runner, a 60 s lease, 16 steps per tick', async () => {
    const ids = Array.from({ length: 17 }, (_, i) => `s${i}`);
    const t = setup(workflow(ids.map((id) => step(id, []))));
    const make = () =>
      new WorkflowRunner({
        store: t.store,
        workflows: { create: workflow(ids.map((id) => step(id, []))) },
        deps: {},
        scheduler: t.scheduler,
        clock: t.clock,
      });
    const runner = make();
    expect(runner.owner).toMatch(new RegExp(`^runner-${process.pid}-[0-9a-z]+-\\d+$`));
    expect(make().owner).not.toBe(runner.owner);
    expect(runner.leaseMs).toBe(60_000);
    const run = await t.startOk();
    const leased = jest.spyOn(t.store.runs, 'acquireLease');
    await runner.tick(run.runId);
    expect(leased).toHaveBeenCalledWith(run.runId, runner.owner, T0, 60_000);
    const after = await t.store.runs.get(run.runId);
    expect(ids.filter((id) => after?.steps[id].status === 'done')).toHaveLength(16);
  });

  it('the next tick is due when the earliest waiting step is', async () => {
    const t = setup(
      workflow([
        step('a', [], async () => ({ status: 'wait', retryInMs: 9_000 })),
        step('b', [], async () => ({ status: 'wait', retryInMs: 4_000 })),
      ]),
    );
    const run = await t.startOk();
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'scheduled', delayMs: 4_000 });
    t.clock.advance(1_000);
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'scheduled', delayMs: 3_000 });
    t.clock.advance(3_000);
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'scheduled', delayMs: 4_000 });
  });
});

describe('how a run ends', () => {
  it('a failed run names its failed steps and the first error, in its summary and its audit event', async () => {
    const t = setup(
      workflow([
        step('a', [], async () => ({ status: 'fail', error: { message: 'quota a', retryable: false } })),
        step('b', [], async () => ({ status: 'fail', error: { message: 'quota b', retryable: false } })),
        step('c', []),
      ]),
    );
    const run = await t.startOk();
    t.clock.advance(500);
    await t.scheduler.drain();
    const final = await t.store.runs.get(run.runId);
    expect(final).toMatchObject({
      status: 'failed',
      finishedAt: T0 + 500,
      summary: { failedSteps: ['a', 'b'], error: 'quota a' },
    });
    expect(t.store.audit.events.at(-1)).toEqual({
      env: 'demo',
      at: T0 + 500,
      actor: 'U123',
      action: 'create.failed',
      detail: { runId: run.runId, failedSteps: ['a', 'b'] },
      key: `${run.runId}:end`,
    });
  });

  it('a run that succeeds has no failure in its summary or audit detail; the finished event carries it', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    expect(await t.runner.tick(run.runId)).toMatchObject({
      outcome: 'finished',
      run: { status: 'succeeded', finishedAt: T0 },
    });
    const final = await t.store.runs.get(run.runId);
    expect(final?.summary ?? {}).toEqual({});
    expect(final?.lease).toBeUndefined();
    expect(t.store.audit.events.at(-1)).toMatchObject({
      action: 'create.succeeded',
      detail: { runId: run.runId },
    });
    expect(t.sink.events.at(-1)).toMatchObject({ event: { type: 'finished' }, status: 'succeeded' });
  });

  it('a cancel without a named canceller is audited as the requester', async () => {
    const t = setup(workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 1_000 }))]));
    const run = await t.startOk();
    const stored = (await t.store.runs.get(run.runId)) as Run;
    await t.store.runs.save({ ...stored, cancelRequested: true });
    expect(await t.runner.tick(run.runId)).toMatchObject({
      outcome: 'finished',
      run: { status: 'cancelled' },
    });
    expect(t.store.audit.events.at(-1)).toMatchObject({ action: 'create.cancelled', actor: 'U123' });
  });

  it('onFinish sees the final run and one instant, adds to the summary, and is retried with backoff', async () => {
    const seen: { status: string; finishedAt?: number; now: number }[] = [];
    let failures = 1;
    const t = setup(
      workflow([step('a', [])], {
        async onFinish(run, ctx) {
          seen.push({ status: run.status, finishedAt: run.finishedAt, now: ctx.now() });
          ctx.setSummary({ receipt: 'r-1' });
          ctx.setSummary({ url: 'http://x' });
          if (failures-- > 0) throw new Error('env record conflict');
        },
      }),
    );
    const run = await t.startOk();
    const first = await t.runner.tick(run.runId);
    // retry budget 3, base 1 s: the first retry is due after the ceiling of one failure, 1 s.
    expect(first).toMatchObject({ outcome: 'scheduled', delayMs: 1_000 });
    const between = await t.store.runs.get(run.runId);
    expect(between).toMatchObject({
      status: 'running',
      summary: { finishAttempts: 1, finishError: 'env record conflict' },
    });
    expect(between?.lease).toBeUndefined();
    t.clock.advance(1_000);
    await t.scheduler.drain();
    expect(seen).toEqual([
      { status: 'succeeded', finishedAt: T0, now: T0 },
      { status: 'succeeded', finishedAt: T0 + 1_000, now: T0 + 1_000 },
    ]);
    expect((await t.store.runs.get(run.runId))?.summary).toMatchObject({
      receipt: 'r-1',
      url: 'http://x',
    });
  });

  it('onFinish failing past the retry budget ends the run anyway, saying why', async () => {
    let calls = 0;
    const t = setup(
      workflow([step('a', [])], {
        async onFinish() {
          calls++;
          throw 'receipt store down';
        },
      }),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect(calls).toBe(3);
    expect(t.scheduler.requests.map((r) => r.delayMs)).toEqual([0, 1_000, 2_000]);
    expect(await t.store.runs.get(run.runId)).toMatchObject({
      status: 'succeeded',
      summary: { finishAttempts: 2, finishError: 'receipt store down' },
    });
    expect(await t.store.locks.get('demo')).toBeUndefined();
  });
});

describe('errors told to onError', () => {
  it('a store failure names the tick; a failing lease release does not hide it', async () => {
    const onError = jest.fn();
    const t = setup(workflow([step('a', [])]), {}, { onError });
    const run = await t.startOk();
    jest.spyOn(t.store.runs, 'save').mockRejectedValueOnce(new Error('DynamoDB unavailable'));
    jest.spyOn(t.store.runs, 'releaseLease').mockRejectedValueOnce(new Error('still down'));
    expect(await t.runner.tick(run.runId)).toEqual({
      outcome: 'error',
      message: 'DynamoDB unavailable',
      delayMs: 1_000,
    });
    expect(onError).toHaveBeenCalledWith(new Error('DynamoDB unavailable'), `tick ${run.runId}`);
    expect(t.scheduler.pendingTicks()).toEqual([{ runId: run.runId, at: T0 }]);
    jest.spyOn(t.store.runs, 'save').mockRejectedValueOnce('not an Error');
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'error', message: 'not an Error' });
  });

  it('a failing progress sink is told with the event it failed on', async () => {
    const onError = jest.fn();
    const t = setup(
      workflow([step('a', [])]),
      {},
      { sink: { onRunUpdate: () => Promise.reject(new Error('slack down')) }, onError },
    );
    const run = await t.startOk();
    await t.runner.tick(run.runId);
    expect(onError.mock.calls.map(([, context]) => context)).toEqual([
      'progress sink (step)',
      'progress sink (step)',
      'progress sink (finished)',
    ]);
  });
});

describe('hooks (the crash harness seams)', () => {
  it('are called with the run, the step and what is being recorded; a throw stops every write after it', async () => {
    const calls: string[] = [];
    const t = setup(
      workflow([
        step('a', [], async (ctx) => {
          await ctx.record({ id: 'a-1', arn: 'x' });
          return { status: 'done' };
        }),
      ]),
      {},
      {
        hooks: {
          beforeStep: (runId, stepId) => calls.push(`step ${runId} ${stepId}`),
          beforeRecord: (runId, stepId, keys) => calls.push(`record ${stepId} ${keys.join(',')}`),
          afterStepCall: (runId, stepId) => calls.push(`after ${stepId}`),
          beforeSave: (runId, key) => {
            calls.push(`save ${key}`);
            if (key === 'result:a') throw new Error('killed');
          },
        },
      },
    );
    const run = await t.startOk();
    await expect(t.runner.tick(run.runId)).rejects.toThrow('killed');
    expect(calls).toEqual([
      'save lease',
      'save start',
      `step ${run.runId} a`,
      'record a id,arn',
      'save record:a',
      'after a',
      'save result:a',
    ]);
    // Dead: the next tick writes nothing either.
    await expect(t.runner.tick(run.runId)).rejects.toThrow('killed');
    expect((await t.store.runs.get(run.runId))?.steps.a).toMatchObject({ status: 'running' });
  });
});

describe('RunSession', () => {
  async function session(conflicts: number) {
    const store = createMemoryStore();
    const run = await store.runs.create({
      runId: 'r1',
      env: 'demo',
      kind: 'create',
      status: 'running',
      requestedBy: 'U1',
      params: {},
      steps: {},
      createdAt: T0,
      updatedAt: T0 + 5_000,
    });
    const save = store.runs.save.bind(store.runs);
    let lost = 0;
    const saves = jest.spyOn(store.runs, 'save').mockImplementation(async (r) => {
      if (lost < conflicts) {
        lost++;
        throw new ConflictError('changed');
      }
      return save(r);
    });
    const reasons: string[] = [];
    return {
      store,
      saves,
      reasons,
      s: new RunSession(
        store.runs,
        run,
        (why) => reasons.push(why),
        () => T0,
      ),
    };
  }

  it('re-applies a change after up to 8 lost races, then gives up', async () => {
    const ok = await session(8);
    expect(await ok.s.apply('x', (r) => (r.summary = { n: 1 }))).toMatchObject({ summary: { n: 1 } });
    expect(ok.saves).toHaveBeenCalledTimes(9);
    expect(ok.reasons).toEqual(Array(9).fill('x'));
    const lost = await session(9);
    await expect(lost.s.apply('x', () => undefined)).rejects.toThrow(ConflictError);
    expect(lost.saves).toHaveBeenCalledTimes(9);
  });

  it('never moves updatedAt back, and a failed change does not block the next', async () => {
    const { s } = await session(0);
    await expect(
      s.apply('bad', () => {
        throw new Error('bug in a mutation');
      }),
    ).rejects.toThrow('bug in a mutation');
    expect(await s.apply('good', () => undefined)).toMatchObject({ updatedAt: T0 + 5_000, version: 2 });
  });

  it('a run deleted under it is named', async () => {
    const { store, s } = await session(1);
    store.runs.items.delete('r1');
    await expect(s.apply('finish', () => undefined)).rejects.toThrow(
      'run r1 disappeared while saving (finish)',
    );
  });
});

describe('from the runner mutation run (quality/README.md)', () => {
  it('a workflow map may leave a kind out; an invalid workflow is refused when the runner is made', () => {
    const t = setup(workflow([step('a', [])]));
    const make = (workflows: ConstructorParameters<typeof WorkflowRunner>[0]['workflows']) =>
      new WorkflowRunner({ store: t.store, workflows, deps: {}, scheduler: t.scheduler, clock: t.clock });
    expect(() => make({ create: workflow([step('a', [])]), destroy: undefined })).not.toThrow();
    expect(() => make({ create: workflow([step('a', ['b']), step('b', ['a'])]) })).toThrow(/cycle/);
  });

  it('a tick on an ended run changes nothing of it, even when another worker still holds its lease', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    await t.scheduler.drain();
    const ended = (await t.store.runs.get(run.runId)) as Run;
    const events = t.sink.events.length;
    t.clock.advance(60_000);
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'finished', run: { finishedAt: T0 } });
    expect(await t.store.runs.get(run.runId)).toMatchObject({ status: 'succeeded', finishedAt: T0 });
    expect(t.sink.events).toHaveLength(events);
    expect(t.store.audit.events.filter((e) => e.action === 'create.succeeded')).toHaveLength(1);

    // Leased by a worker that died after its last save, with the env lock still held.
    await t.store.runs.acquireLease(run.runId, 'runner-dead', t.clock.now(), 60_000);
    await t.store.locks.acquire({
      env: 'demo',
      runId: run.runId,
      kind: 'create',
      holder: 'U123',
      acquiredAt: T0,
    });
    expect(await t.runner.tick(run.runId)).toMatchObject({
      outcome: 'finished',
      run: { status: 'succeeded' },
    });
    expect(await t.store.locks.get('demo')).toBeUndefined();
    expect(ended.finishedAt).toBe(T0);
  });

  it('a cancelled run calls no step, even one that is ready', async () => {
    const calls: string[] = [];
    const t = setup(
      workflow([
        step('a', [], async () => {
          calls.push('a');
          return { status: 'done' };
        }),
      ]),
    );
    const run = await t.startOk();
    await t.service.cancelRun(run.runId, 'U9');
    await t.scheduler.drain();
    expect(calls).toEqual([]);
    expect(await t.store.runs.get(run.runId)).toMatchObject({ status: 'cancelled' });
  });

  it('every save stamps the run with the clock', async () => {
    const t = setup(workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 1_000 }))]));
    const run = await t.startOk();
    t.clock.advance(4_000);
    await t.runner.tick(run.runId);
    expect((await t.store.runs.get(run.runId))?.updatedAt).toBe(T0 + 4_000);
  });

  it('the writes of a tick, by key: nothing is saved when no step is due', async () => {
    const keys: string[] = [];
    let failures = 1;
    const t = setup(
      workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 5_000 }))], {
        async onFinish() {
          if (failures-- > 0) throw new Error('receipt store down');
        },
      }),
      {},
      { hooks: { beforeSave: (_runId, key) => keys.push(key) } },
    );
    const run = await t.startOk();
    await t.runner.tick(run.runId);
    expect(keys.splice(0)).toEqual(['lease', 'start', 'result:a', 'lease-release']);
    await t.runner.tick(run.runId); // not due: no start, no result
    expect(keys.splice(0)).toEqual(['lease', 'lease-release']);
    await t.service.cancelRun(run.runId, 'U9');
    await t.runner.tick(run.runId); // onFinish fails once: its failure is saved, a retry scheduled
    expect(keys.splice(0)).toEqual(['lease', 'on-finish', 'on-finish', 'lease-release']);
    await t.runner.tick(run.runId);
    expect(keys.splice(0)).toEqual(['lease', 'on-finish', 'audit', 'finish', 'lock-release']);
    await t.runner.tick(run.runId); // ended: only the lock repair
    expect(keys.splice(0)).toEqual(['lease', 'lease-release', 'lock-release']);
  });

  it('without onFinish there is no on-finish write', async () => {
    const keys: string[] = [];
    const t = setup(
      workflow([step('a', [])]),
      {},
      { hooks: { beforeSave: (_runId, key) => keys.push(key) } },
    );
    const run = await t.startOk();
    await t.runner.tick(run.runId);
    expect(keys).toEqual(['lease', 'start', 'result:a', 'audit', 'finish', 'lock-release']);
  });

  it('a store failure saving a step answer fails the tick (retried), not the step', async () => {
    const t = setup(workflow([step('a', [], async () => ({ status: 'done', outputs: { id: 'a-1' } }))]));
    const run = await t.startOk();
    const save = t.store.runs.save.bind(t.store.runs);
    let writes = 0;
    jest.spyOn(t.store.runs, 'save').mockImplementation(async (r) => {
      if (++writes === 2) throw new Error('DynamoDB unavailable');
      return save(r);
    });
    expect(await t.runner.tick(run.runId)).toEqual({
      outcome: 'error',
      message: 'DynamoDB unavailable',
      delayMs: 1_000,
    });
    expect((await t.store.runs.get(run.runId))?.steps.a).toMatchObject({ status: 'running', attempts: 1 });
  });

  it('recording outputs is shown as a step update', async () => {
    const t = setup(
      workflow([
        step('a', [], async (ctx) => {
          await ctx.record({ id: 'a-1' });
          return { status: 'done' };
        }),
      ]),
    );
    const run = await t.startOk();
    await t.runner.tick(run.runId);
    expect(t.sink.events.map((e) => e.event)).toEqual([
      { type: 'started' },
      { type: 'step', stepId: 'a' },
      { type: 'step', stepId: 'a' },
      { type: 'step', stepId: 'a' },
      { type: 'finished' },
    ]);
  });

  it.each([
    ['done', { status: 'wait', retryInMs: 5_000, outputs: { late: true } }],
    ['failed', { status: 'wait', retryInMs: 5_000, outputs: { late: true } }],
    ['done', { status: 'done', outputs: { late: true } }],
  ] as const)(
    'a late answer after someone else marked the step %s keeps their status, adds its outputs',
    async (theirs, answer) => {
      const gate = deferred();
      const t = setup(
        workflow([
          step('a', [], async () => {
            await gate.promise;
            return answer;
          }),
        ]),
      );
      const run = await t.startOk();
      const ticking = t.runner.tick(run.runId);
      await new Promise((r) => setImmediate(r));
      const stored = (await t.store.runs.get(run.runId)) as Run;
      const error = { message: 'gave up', retryable: false };
      await t.store.runs.save({
        ...stored,
        steps: {
          a: {
            ...stored.steps.a,
            status: theirs,
            finishedAt: T0,
            outputs: { id: 'a-1' },
            ...(theirs === 'failed' ? { error } : {}),
          },
        },
      });
      gate.resolve();
      await ticking;
      expect((await t.store.runs.get(run.runId))?.steps.a).toMatchObject({
        status: theirs,
        outputs: { id: 'a-1', late: true },
      });
    },
  );

  it('the next tick is at once when a step is ready, even if another waits longer', async () => {
    const t = setup(
      workflow([
        step('a', []),
        step('b', ['a']),
        step('w', [], async () => ({ status: 'wait', retryInMs: 9_000 })),
      ]),
    );
    const run = await t.startOk();
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'scheduled', delayMs: 0 });
  });

  it('onFinish sees the run summary so far, and one instant even if its work takes time', async () => {
    const seen: unknown[] = [];
    const t = setup(
      workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 1_000 }))], {
        async onFinish(run, ctx) {
          t.clock.advance(5_000);
          seen.push(run.summary, ctx.now(), run.finishedAt);
        },
      }),
    );
    const run = await t.startOk();
    await t.service.cancelRun(run.runId, 'U9', 'teardown');
    await t.runner.tick(run.runId);
    expect(seen).toEqual([{ cancelledBy: 'U9', cancelledFor: 'teardown' }, T0, T0]);
  });

  it('onFinish failing past its budget keeps what the run ended with', async () => {
    const t = setup(
      workflow(
        [step('a', [], async () => ({ status: 'fail', error: { message: 'quota', retryable: false } }))],
        {
          async onFinish() {
            throw new Error('receipt store down');
          },
        },
      ),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect((await t.store.runs.get(run.runId))?.summary).toEqual({
      failedSteps: ['a'],
      error: 'quota',
      finishAttempts: 2,
      finishError: 'receipt store down',
    });
  });

  it('a succeeded run is audited with its run id only', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    await t.runner.tick(run.runId);
    expect(t.store.audit.events.at(-1)?.detail).toEqual({ runId: run.runId });
  });

  it('no progress sink and no onError: nothing to tell, and a failing sink is dropped quietly', async () => {
    const onError = jest.fn();
    const quiet = setup(workflow([step('a', [])]), {}, { sink: undefined, onError });
    const run = await quiet.startOk();
    await quiet.runner.tick(run.runId);
    expect(onError).not.toHaveBeenCalled();
    const failing = setup(
      workflow([step('a', [])]),
      {},
      { sink: { onRunUpdate: () => Promise.reject(new Error('slack down')) }, onError: undefined },
    );
    const other = await failing.startOk();
    expect(await failing.runner.tick(other.runId)).toMatchObject({ outcome: 'finished' });
  });

  it('once a hook has simulated a crash the runner writes nothing more, even if the hook would let it', async () => {
    let crashes = 1;
    const t = setup(
      workflow([step('a', [], async () => ({ status: 'wait', retryInMs: 1_000 }))]),
      {},
      {
        hooks: {
          beforeSave: (_runId, key) => {
            if (key === 'result:a' && crashes-- > 0) throw new Error('killed');
          },
        },
      },
    );
    const run = await t.startOk();
    await expect(t.runner.tick(run.runId)).rejects.toThrow('killed');
    const after = await t.store.runs.get(run.runId);
    await expect(t.runner.tick(run.runId)).rejects.toThrow('killed');
    expect(await t.store.runs.get(run.runId)).toEqual(after);
  });
});
