import { ConflictError } from '../../../../src/state/types';
import { NonRetryableError } from '../../../../src/workflows/engine/errors';
import type { StepResult } from '../../../../src/workflows/engine/types';
import { deferred, setup, step, T0, workflow } from './fixtures';

describe('WorkflowRunner: ordering and concurrency', () => {
  it('runs a step only after its needs, and independent steps in the same tick, concurrently', async () => {
    const calls: { id: string; tick: number }[] = [];
    let tick = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const tracked = (id: string) =>
      step(id, [], async () => {
        calls.push({ id, tick });
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return { status: 'done' };
      });
    const wf = workflow([
      { ...tracked('a'), needs: [] },
      { ...tracked('b'), needs: ['a'] },
      { ...tracked('c'), needs: ['a'] },
      { ...tracked('d'), needs: ['b', 'c'] },
    ]);
    const t = setup(wf);
    const run = await t.startOk();
    for (tick = 1; t.scheduler.pendingTicks().length > 0; tick++) await t.scheduler.runDue();

    expect(calls).toEqual([
      { id: 'a', tick: 1 },
      { id: 'b', tick: 2 },
      { id: 'c', tick: 2 },
      { id: 'd', tick: 3 },
    ]);
    expect(maxInFlight).toBe(2);
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(Object.values(final?.steps ?? {}).map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('caps the steps started per tick at maxConcurrentSteps', async () => {
    const wf = workflow([step('a', []), step('b', []), step('c', [])]);
    const t = setup(wf, {}, { maxConcurrentSteps: 2 });
    const run = await t.startOk();
    await t.scheduler.runDue();
    const after = await t.store.runs.get(run.runId);
    expect(['a', 'b', 'c'].map((id) => after?.steps[id].status)).toEqual(['done', 'done', 'pending']);
    expect(t.scheduler.pendingTicks()).toEqual([{ runId: run.runId, at: T0 }]);
  });
});

describe('WorkflowRunner: waiting, retries and failures', () => {
  it('polls a waiting step again at nextAt and schedules the next tick for it', async () => {
    const answers: StepResult[] = [
      { status: 'wait', retryInMs: 5_000, note: 'db: creating' },
      { status: 'wait', retryInMs: 7_000, note: 'db: backing-up' },
      { status: 'done', outputs: { endpoint: 'db.local' } },
    ];
    const seenAt: number[] = [];
    const t = setup(
      workflow([
        step('db', [], async (ctx) => {
          seenAt.push(ctx.now());
          return answers[ctx.attempt - 1];
        }),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.runDue();
    const waiting = await t.store.runs.get(run.runId);
    expect(waiting?.steps.db).toMatchObject({ status: 'waiting', nextAt: T0 + 5_000, note: 'db: creating' });

    // Not due yet: a tick now does nothing but reschedule.
    await t.runner.tick(run.runId);
    expect(seenAt).toEqual([T0]);

    await t.scheduler.drain();
    expect(seenAt).toEqual([T0, T0 + 5_000, T0 + 12_000]);
    expect(t.scheduler.requests.map((r) => r.delayMs)).toEqual([0, 5_000, 5_000, 7_000]);
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(final?.steps.db).toMatchObject({ attempts: 3, outputs: { endpoint: 'db.local' }, startedAt: T0 });
  });

  it('retries a thrown error with exponential backoff and jitter, then succeeds', async () => {
    const seenAt: number[] = [];
    const t = setup(
      workflow([
        step('flaky', [], async (ctx) => {
          seenAt.push(ctx.now());
          if (ctx.attempt < 3)
            throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
          return { status: 'done' };
        }),
      ]),
      {},
      { random: () => 0.25, retry: { baseMs: 1_000, maxMs: 10_000, maxAttempts: 5 } },
    );
    const run = await t.startOk();
    await t.scheduler.runDue();
    const retrying = await t.store.runs.get(run.runId);
    expect(retrying?.steps.flaky).toMatchObject({
      status: 'waiting',
      error: { message: 'Rate exceeded', retryable: true, code: 'ThrottlingException' },
    });
    await t.scheduler.drain();
    // backoff: 1st retry 500 + 500·0.25 = 625; 2nd: 1000 + 1000·0.25 = 1250.
    expect(seenAt).toEqual([T0, T0 + 625, T0 + 625 + 1_250]);
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(final?.steps.flaky.error).toBeUndefined();
  });

  it('fails the step for good after maxAttempts failures in a row and fails the run', async () => {
    let calls = 0;
    const t = setup(
      workflow([
        step('broken', [], async () => {
          calls++;
          throw new Error('boom');
        }),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect(calls).toBe(3);
    const final = await t.store.runs.get(run.runId);
    expect(final).toMatchObject({ status: 'failed', summary: { failedSteps: ['broken'], error: 'boom' } });
    expect(final?.steps.broken).toMatchObject({
      status: 'failed',
      error: { message: 'boom', retryable: true },
    });
    expect(await t.store.locks.get('demo')).toBeUndefined();
    expect(t.store.audit.events.map((e) => e.action)).toEqual(['create.requested', 'create.failed']);
  });

  it('fails at once on NonRetryableError, lets under-way steps finish, starts no new step', async () => {
    let laterCalls = 0;
    const t = setup(
      workflow([
        step('db', [], async (ctx) =>
          ctx.attempt < 3
            ? { status: 'wait', retryInMs: 1_000 }
            : { status: 'done', outputs: { id: 'db-1' } },
        ),
        step('vpc', [], async () => {
          throw new NonRetryableError('VPC limit reached', {
            cause: Object.assign(new Error('x'), { name: 'VpcLimitExceeded' }),
          });
        }),
        step('later', ['vpc'], async () => {
          laterCalls++;
          return { status: 'done' };
        }),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    const final = await t.store.runs.get(run.runId);
    expect(final?.steps.vpc).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { retryable: false, code: 'VpcLimitExceeded', message: 'VPC limit reached' },
    });
    expect(final?.steps.db).toMatchObject({ status: 'done', outputs: { id: 'db-1' } });
    expect(final?.steps.later.status).toBe('pending');
    expect(laterCalls).toBe(0);
    expect(final?.status).toBe('failed');
  });

  it('a fail answer that is not retryable fails without retry', async () => {
    const t = setup(
      workflow([
        step('x', [], async () => ({ status: 'fail', error: { message: 'bad input', retryable: false } })),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect((await t.store.runs.get(run.runId))?.steps.x).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('WorkflowRunner: durability', () => {
  it('persists ctx.record() outputs at once and shows them to the next attempt', async () => {
    const seenOwn: unknown[] = [];
    const t = setup(
      workflow([
        step('vpc', [], async (ctx) => {
          seenOwn.push(ctx.own);
          if (ctx.attempt === 1) {
            await ctx.record({ id: 'vpc-1' });
            throw new Error('network dropped');
          }
          return { status: 'done', outputs: { cidr: '10.0.0.0/16' } };
        }),
        step('subnet', ['vpc'], async (ctx) => ({
          status: 'done',
          outputs: { vpc: ctx.outputsOf('vpc').id },
        })),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.runDue();
    expect((await t.store.runs.get(run.runId))?.steps.vpc.outputs).toEqual({ id: 'vpc-1' });
    await t.scheduler.drain();
    expect(seenOwn).toEqual([{}, { id: 'vpc-1' }]);
    const final = await t.store.runs.get(run.runId);
    expect(final?.steps.vpc.outputs).toEqual({ id: 'vpc-1', cidr: '10.0.0.0/16' });
    expect(final?.steps.subnet.outputs).toEqual({ vpc: 'vpc-1' });
  });

  it('on a version conflict reloads the run and re-applies the step result, keeping the other write', async () => {
    const t = setup(
      workflow([
        step('a', [], async (ctx) => {
          // Someone else writes the run while the step works (e.g. the bot storing its message ts).
          const current = await t.store.runs.get(ctx.runId);
          if (current)
            await t.store.runs.save({ ...current, notify: { channel: 'C1', messageTs: '123.456' } });
          return { status: 'done', outputs: { id: 'a-1' } };
        }),
      ]),
    );
    const saves = jest.spyOn(t.store.runs, 'save');
    const run = await t.startOk();
    await t.scheduler.drain();
    const conflicts = await Promise.all(
      saves.mock.results.map((r) =>
        (r.value as Promise<unknown>).then(
          () => false,
          (e: unknown) => e instanceof ConflictError,
        ),
      ),
    );
    expect(conflicts).toContain(true);
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(final?.steps.a.outputs).toEqual({ id: 'a-1' });
    expect(final?.notify?.messageTs).toBe('123.456');
  });

  it('emits started, step and finished events after each persisted change', async () => {
    const t = setup(workflow([step('a', []), step('b', ['a'])]));
    await t.startOk();
    await t.scheduler.drain();
    const types = t.sink.events.map((e) =>
      e.event.type === 'step' ? `step:${e.event.stepId}` : e.event.type,
    );
    expect(types).toEqual(['started', 'step:a', 'step:a', 'step:b', 'step:b', 'finished']);
    const versions = t.sink.events.map((e) => e.version);
    expect([...versions].sort((x, y) => x - y)).toEqual(versions);
    expect(t.sink.events.at(-1)?.status).toBe('succeeded');
  });

  it('keeps running when the progress sink throws', async () => {
    const onError = jest.fn();
    const t = setup(
      workflow([step('a', [])]),
      {},
      {
        sink: { onRunUpdate: () => Promise.reject(new Error('slack down')) },
        onError,
      },
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect((await t.store.runs.get(run.runId))?.status).toBe('succeeded');
    expect(onError).toHaveBeenCalled();
  });

  it('survives a store failure mid-tick: releases the lease and schedules a retry tick', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    const realSave = t.store.runs.save.bind(t.store.runs);
    jest.spyOn(t.store.runs, 'save').mockRejectedValueOnce(new Error('DynamoDB unavailable'));
    const outcome = await t.runner.tick(run.runId);
    expect(outcome).toEqual({ outcome: 'error', message: 'DynamoDB unavailable', delayMs: 1_000 });
    expect((await t.store.runs.get(run.runId))?.lease).toBeUndefined();
    jest.spyOn(t.store.runs, 'save').mockImplementation(realSave);
    await t.scheduler.drain();
    expect((await t.store.runs.get(run.runId))?.status).toBe('succeeded');
  });
});

describe('WorkflowRunner: finishing', () => {
  it('calls onFinish with the final status before saving it, and retries it when it throws', async () => {
    const seen: string[] = [];
    let failures = 1;
    const t = setup(
      workflow([step('a', [], async () => ({ status: 'done', outputs: { url: 'http://x' } }))], {
        async onFinish(run, ctx) {
          seen.push(`${run.status}:${String(ctx.outputsOf('a').url)}`);
          if (failures-- > 0) throw new Error('env record conflict');
        },
      }),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect(seen).toEqual(['succeeded:http://x', 'succeeded:http://x']);
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(final?.summary).toMatchObject({ finishAttempts: 1 });
    expect(t.store.audit.events.filter((e) => e.action === 'create.succeeded')).toHaveLength(1);
  });

  it('a tick on an ended run releases a lock the run still holds (crash repair)', async () => {
    const t = setup(workflow([step('a', [])]));
    const run = await t.startOk();
    await t.scheduler.drain();
    await t.store.locks.acquire({
      env: 'demo',
      runId: run.runId,
      kind: 'create',
      holder: 'U123',
      acquiredAt: T0,
    });
    const outcome = await t.runner.tick(run.runId);
    expect(outcome).toMatchObject({ outcome: 'finished', run: { status: 'succeeded' } });
    expect(await t.store.locks.get('demo')).toBeUndefined();
  });

  it('reports a missing run', async () => {
    const t = setup(workflow([step('a', [])]));
    expect(await t.runner.tick('nope')).toEqual({ outcome: 'missing' });
  });
});

describe('WorkflowRunner: cancel', () => {
  it('stops at the next tick: cancelled, lock released, no more step calls, audited with who', async () => {
    let calls = 0;
    const t = setup(
      workflow([
        step('db', [], async () => {
          calls++;
          return { status: 'wait', retryInMs: 60_000 };
        }),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.runDue();
    const cancel = await t.service.cancelRun(run.runId, 'U999');
    expect(cancel.ok).toBe(true);
    await t.scheduler.drain();
    expect(calls).toBe(1);
    const final = await t.store.runs.get(run.runId);
    expect(final).toMatchObject({ status: 'cancelled', finishedAt: T0, summary: { cancelledBy: 'U999' } });
    expect(final?.lease).toBeUndefined();
    expect(await t.store.locks.get('demo')).toBeUndefined();
    expect(t.store.audit.events.map((e) => [e.action, e.actor])).toEqual([
      ['create.requested', 'U123'],
      ['create.cancel-requested', 'U999'],
      ['create.cancelled', 'U999'],
    ]);
    expect(await t.service.cancelRun(run.runId, 'U999')).toMatchObject({ ok: false, reason: 'ended' });
  });

  it('a cancel requested while a tick runs is honoured when that tick ends', async () => {
    const gate = deferred();
    const t = setup(
      workflow([
        step('a', [], async () => {
          await gate.promise;
          return { status: 'done' };
        }),
        step('b', ['a']),
      ]),
    );
    const run = await t.startOk();
    const ticking = t.runner.tick(run.runId);
    await new Promise((r) => setImmediate(r));
    await t.service.cancelRun(run.runId, 'U999');
    gate.resolve();
    expect(await ticking).toMatchObject({ outcome: 'finished', run: { status: 'cancelled' } });
    const final = await t.store.runs.get(run.runId);
    expect(final?.steps.a.status).toBe('done');
    expect(final?.steps.b.status).toBe('pending');
  });
});
