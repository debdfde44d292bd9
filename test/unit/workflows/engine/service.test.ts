import { ConflictError } from '../../../../src/state/types';
import { setup, step, T0, workflow } from './fixtures';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

describe('WorkflowService.startRun', () => {
  it('locks the env, creates the run with every step pending, audits, and schedules the first tick', async () => {
    const t = setup(workflow([step('a', []), step('b', ['a'])]));
    const result = await t.start();
    if (!result.ok) throw new Error(JSON.stringify(result.message));
    expect(result.run).toMatchObject({
      runId: 'demo-create-1',
      env: 'demo',
      kind: 'create',
      status: 'running',
      requestedBy: 'U123',
      params: { ttl: '24h' },
      notify: { channel: 'C1' },
      steps: { a: { status: 'pending', attempts: 0 }, b: { status: 'pending', attempts: 0 } },
      createdAt: T0,
    });
    expect(await t.store.locks.get('demo')).toEqual({
      env: 'demo',
      runId: 'demo-create-1',
      kind: 'create',
      holder: 'U123',
      acquiredAt: T0,
    });
    expect(t.scheduler.pendingTicks()).toEqual([{ runId: 'demo-create-1', at: T0 }]);
    expect(t.store.audit.events).toEqual([
      {
        env: 'demo',
        at: T0,
        actor: 'U123',
        action: 'create.requested',
        detail: { runId: 'demo-create-1', channel: 'C1' },
      },
    ]);
    expect(t.sink.events.map((e) => e.event.type)).toEqual(['started']);
  });

  it('refuses a busy env saying who holds it, what it is doing and since when; creates nothing', async () => {
    const t = setup(
      workflow([step('vpc', [], async () => ({ status: 'wait', retryInMs: 9_000, note: 'pending' }))]),
    );
    await t.startOk();
    await t.scheduler.runDue();
    t.clock.advance(5 * 60_000 + 10_000);
    const second = await t.service.startRun({
      kind: 'create',
      env: 'demo',
      requestedBy: 'U777',
      channel: 'C2',
      params: {},
    });
    expect(second).toMatchObject({
      ok: false,
      reason: 'locked',
      heldBy: { env: 'demo', runId: 'demo-create-1', kind: 'create', holder: 'U123', acquiredAt: T0 },
      holderRun: { runId: 'demo-create-1', status: 'running' },
    });
    if (second.ok || second.reason !== 'locked') throw new Error('expected a lock refusal');
    expect(english(second.message)).toBe(
      'demo is busy: a create run (demo-create-1) started by U123 at 2026-11-27 03:00 UTC (5m 10s ago) is running; now at: vpc (pending)',
    );
    expect([...t.store.runs.items.keys()]).toEqual(['demo-create-1']);
  });

  it('releases a lock whose run never got created once it is older than staleLockMs', async () => {
    const t = setup(workflow([step('a', [])]));
    await t.store.locks.acquire({
      env: 'demo',
      runId: 'ghost',
      kind: 'create',
      holder: 'U1',
      acquiredAt: T0,
    });
    const young = await t.start();
    expect(young).toMatchObject({ ok: false, reason: 'locked', heldBy: { runId: 'ghost' } });
    t.clock.advance(60_001);
    const later = await t.start();
    expect(later.ok).toBe(true);
    expect((await t.store.locks.get('demo'))?.runId).toBe('demo-create-2');
  });

  it('releases the lock when creating the run fails', async () => {
    const t = setup(workflow([step('a', [])]));
    jest.spyOn(t.store.runs, 'create').mockRejectedValueOnce(new Error('table missing'));
    await expect(t.start()).rejects.toThrow('table missing');
    expect(await t.store.locks.get('demo')).toBeUndefined();
  });

  it('refuses a kind it has no workflow for', async () => {
    const t = setup(workflow([step('a', [])]));
    const result = await t.service.startRun({
      kind: 'failover',
      env: 'demo',
      requestedBy: 'U1',
      channel: 'C',
      params: {},
    });
    expect(inEnglish(result)).toEqual({ ok: false, reason: 'unknown-kind', message: 'no failover workflow' });
    expect(await t.store.locks.get('demo')).toBeUndefined();
  });
});

describe('WorkflowService.resumeAll and cancelRun', () => {
  it('schedules a tick for each running run; a still-leased one just after its lease ends', async () => {
    const t = setup(workflow([step('a', [])]));
    const free = await t.startOk('one');
    const leased = await t.startOk('two');
    await t.startOk('three');
    await t.scheduler.runDue(); // all three finish
    // Two runs left "running" by a dead process; one still holds a lease.
    for (const run of [free, leased]) {
      const stored = await t.store.runs.get(run.runId);
      if (stored) await t.store.runs.save({ ...stored, status: 'running' });
    }
    await t.store.runs.acquireLease(leased.runId, 'dead-process', T0, 10_000);
    t.clock.advance(4_000);
    t.scheduler.clear();
    const resumed = await t.service.resumeAll();
    expect(resumed.sort()).toEqual([free.runId, leased.runId].sort());
    expect(t.scheduler.pendingTicks()).toEqual([
      { runId: free.runId, at: T0 + 4_000 },
      { runId: leased.runId, at: T0 + 10_001 },
    ]);
  });

  it('cancelRun outlasts a busy runner: ten lost races with its saves in a row, then the request lands', async () => {
    const pauses: number[] = [];
    const t = setup(
      workflow([step('a', [])]),
      {},
      {},
      {
        pause: async (ms) => void pauses.push(ms),
        random: () => 0,
      },
    );
    const run = await t.startOk('busy');
    const save = t.store.runs.save.bind(t.store.runs);
    let lost = 0;
    // The runner wins the next ten writes (as a run whose steps change quickly does).
    jest.spyOn(t.store.runs, 'save').mockImplementation(async (r) => {
      if (r.cancelRequested && lost < 10) {
        lost++;
        throw new ConflictError(`run ${r.runId} changed`);
      }
      return save(r);
    });
    const cancelled = await t.service.cancelRun(run.runId, 'U1');
    expect(cancelled.ok).toBe(true);
    expect(lost).toBe(10);
    expect((await t.store.runs.get(run.runId))?.cancelRequested).toBe(true);
    // One pause after each lost race, growing to the 1 s ceiling.
    // With no jitter (random 0), each is half its ceiling: 20 ms doubling to 1 s.
    expect(pauses).toEqual([10, 20, 40, 80, 160, 320, 500, 500, 500, 500]);
  });

  it('cancelRun gives up after its last try against a runner that always wins', async () => {
    const pauses: number[] = [];
    const t = setup(workflow([step('a', [])]), {}, {}, { pause: async (ms) => void pauses.push(ms) });
    const run = await t.startOk('busy');
    const save = t.store.runs.save.bind(t.store.runs);
    jest.spyOn(t.store.runs, 'save').mockImplementation(async (r) => {
      if (r.cancelRequested) throw new ConflictError(`run ${r.runId} changed`);
      return save(r);
    });
    await expect(t.service.cancelRun(run.runId, 'U1')).rejects.toBeInstanceOf(ConflictError);
    expect(pauses).toHaveLength(11); // 12 tries
  });

  it('cancelRun on an unknown run says so', async () => {
    const t = setup(workflow([step('a', [])]));
    expect(inEnglish(await t.service.cancelRun('nope', 'U1'))).toEqual({
      ok: false,
      reason: 'not-found',
      message: 'no run nope',
    });
  });
});

describe('WorkflowService.retryRun', () => {
  it('resumes a failed run: failed steps start over keeping their outputs, done steps are not re-run', async () => {
    const calls: string[] = [];
    let healthy = false;
    const t = setup(
      workflow([
        step('vpc', [], async () => {
          calls.push('vpc');
          return { status: 'done', outputs: { id: 'vpc-1' } };
        }),
        step('db', ['vpc'], async (ctx) => {
          calls.push(`db#${ctx.attempt}:${String(ctx.own.id)}`);
          if (ctx.attempt === 1) await ctx.record({ id: 'db-1' });
          if (!healthy) throw new Error('quota');
          return { status: 'done' };
        }),
        step('web', ['db']),
      ]),
    );
    const run = await t.startOk();
    await t.scheduler.drain();
    expect((await t.store.runs.get(run.runId))?.status).toBe('failed');
    expect(await t.service.retryRun('nope', 'U1')).toMatchObject({ ok: false, reason: 'not-found' });

    healthy = true;
    t.clock.advance(60_000);
    const retriedAt = t.clock.now();
    const retried = await t.service.retryRun(run.runId, 'U5');
    expect(retried).toMatchObject({ ok: true, run: { status: 'running', summary: { retriedBy: 'U5' } } });
    expect((await t.store.locks.get('demo'))?.holder).toBe('U5');
    await t.scheduler.drain();
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(final?.summary).not.toHaveProperty('failedSteps');
    expect(final?.steps.db).toMatchObject({
      status: 'done',
      outputs: { id: 'db-1' },
      startedAt: retriedAt,
    });
    expect(calls).toEqual(['vpc', 'db#1:undefined', 'db#2:db-1', 'db#3:db-1', 'db#4:db-1']);
    expect(await t.store.locks.get('demo')).toBeUndefined();
    expect(await t.service.retryRun(run.runId, 'U5')).toMatchObject({ ok: false, reason: 'not-failed' });
  });

  it('refuses to retry while another run holds the env', async () => {
    const t = setup(
      workflow([step('x', [], async () => ({ status: 'fail', error: { message: 'no', retryable: false } }))]),
    );
    const failed = await t.startOk();
    await t.scheduler.drain();
    await t.store.locks.acquire({
      env: 'demo',
      runId: 'other',
      kind: 'destroy',
      holder: 'U2',
      acquiredAt: T0,
    });
    await t.store.runs.create({ ...failed, runId: 'other', kind: 'destroy', status: 'running', steps: {} });
    expect(await t.service.retryRun(failed.runId, 'U1')).toMatchObject({
      ok: false,
      reason: 'locked',
      heldBy: { runId: 'other' },
    });
  });
});

describe('WorkflowRunner with a run of a kind it does not know', () => {
  it('leaves the run alone and schedules nothing', async () => {
    const t = setup(workflow([step('a', [])]));
    await t.store.runs.create({
      runId: 'f1',
      env: 'demo',
      kind: 'failover',
      status: 'running',
      requestedBy: 'U1',
      params: {},
      steps: {},
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await t.runner.tick('f1')).toEqual({
      outcome: 'unsupported',
      message: 'no failover workflow in this runner',
    });
    expect(t.scheduler.pendingTicks()).toEqual([]);
    expect((await t.store.runs.get('f1'))?.lease).toBeUndefined();
  });
});
