/**
 * The engine's core scenarios against the real DynamoDB repositories on dynalite: the same
 * conditional writes (version checks, create-if-absent locks, leases) that run in production.
 */
import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import type { WorkflowDefinition } from '../../../../src/workflows/engine/types';
import { NonRetryableError } from '../../../../src/workflows/engine/errors';
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashScenario,
} from '../../../helpers/crash-harness';
import { useDynalite } from '../../../helpers/dynalite';
import { createStep, FakeCloud, type CloudDeps } from '../../../unit/workflows/engine/fake-cloud';
import { step, T0 } from '../../../unit/workflows/engine/fixtures';
import { english } from '../../../../src/i18n/english';

const db = useDynalite();

function wire<Deps>(
  wf: WorkflowDefinition<Deps>,
  deps: Deps,
  owner = 'runner-a',
  clock = new ManualClock(T0),
) {
  const scheduler = new ManualScheduler(clock);
  const workflows = { [wf.kind]: wf };
  const runner = new WorkflowRunner<Deps>({
    store: db.store,
    workflows,
    deps,
    scheduler,
    clock,
    owner,
    random: () => 0.5,
    leaseMs: 30_000,
    retry: { baseMs: 1_000, maxMs: 10_000, maxAttempts: 3 },
  });
  scheduler.attach(runner);
  const service = new WorkflowService({ store: db.store, workflows, scheduler, clock });
  const startOk = async (env: string) => {
    const result = await service.startRun({
      kind: wf.kind,
      env,
      requestedBy: 'U123',
      channel: 'C1',
      params: {},
    });
    if (!result.ok) throw new Error(JSON.stringify(result.message));
    return result.run;
  };
  return { clock, scheduler, runner, service, startOk };
}

function cloudWorkflow(): WorkflowDefinition<CloudDeps> {
  return {
    kind: 'create',
    steps: [
      createStep('vpc', []),
      createStep('subnet', ['vpc']),
      createStep('db', ['subnet'], { readyInMs: 20_000, pollMs: 5_000 }),
      createStep('web', ['subnet'], { readyInMs: 3_000, pollMs: 2_000 }),
      createStep('alb', ['web']),
    ],
  };
}

describe('engine on dynalite', () => {
  it('runs a DAG with waits to success, frees the lock, audits, and leaves nothing running', async () => {
    const clock = new ManualClock(T0);
    const cloud = new FakeCloud(clock);
    const t = wire(cloudWorkflow(), { cloud }, 'runner-a', clock);
    const run = await t.startOk('dag-env');
    await t.scheduler.drain();
    const final = await db.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(final?.steps.db).toMatchObject({ status: 'done', outputs: { id: expect.any(String) } });
    expect(final?.lease).toBeUndefined();
    expect(clock.now() - T0).toBe(20_000);
    expect(cloud.kinds().map((k) => cloud.count(k))).toEqual([1, 1, 1, 1, 1]);
    expect(await db.store.locks.get('dag-env')).toBeUndefined();
    expect((await db.store.runs.listRunning()).map((r) => r.runId)).not.toContain(run.runId);
    expect((await db.store.audit.list('dag-env')).map((e) => e.action).sort()).toEqual([
      'create.requested',
      'create.succeeded',
    ]);
  });

  it('retries with backoff, then fails for good on a NonRetryableError', async () => {
    const seenAt: number[] = [];
    const t = wire(
      {
        kind: 'create',
        steps: [
          step('x', [], async (ctx) => {
            seenAt.push(ctx.now());
            if (ctx.attempt === 1)
              throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
            throw new NonRetryableError('quota reached', { code: 'VpcLimitExceeded' });
          }),
        ],
      },
      {},
    );
    const run = await t.startOk('retry-env');
    await t.scheduler.drain();
    expect(seenAt).toEqual([T0, T0 + 750]);
    const final = await db.store.runs.get(run.runId);
    expect(final?.status).toBe('failed');
    expect(final?.steps.x).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: { retryable: false, code: 'VpcLimitExceeded' },
    });
    expect(await db.store.locks.get('retry-env')).toBeUndefined();
  });

  it('two runners on one run: one runs the step, the other is busy', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const wf: WorkflowDefinition<unknown> = {
      kind: 'create',
      steps: [
        step('slow', [], async () => {
          calls++;
          await gate;
          return { status: 'done' };
        }),
      ],
    };
    const a = wire(wf, {}, 'runner-a');
    const b = wire(wf, {}, 'runner-b', a.clock);
    const run = await a.startOk('lease-env');
    const first = a.runner.tick(run.runId);
    for (const deadline = Date.now() + 5_000; calls === 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await b.runner.tick(run.runId)).toEqual({ outcome: 'busy' });
    release();
    expect(await first).toMatchObject({ outcome: 'finished', run: { status: 'succeeded' } });
    expect(calls).toBe(1);
  });

  it('a write racing a step result is kept: the runner reloads and re-applies', async () => {
    const t = wire(
      {
        kind: 'create',
        steps: [
          step('a', [], async (ctx) => {
            const current = await db.store.runs.get(ctx.runId);
            if (current)
              await db.store.runs.save({ ...current, notify: { channel: 'C1', messageTs: '1.2' } });
            return { status: 'done', outputs: { id: 'a-1' } };
          }),
        ],
      },
      {},
    );
    const run = await t.startOk('conflict-env');
    await t.scheduler.drain();
    const final = await db.store.runs.get(run.runId);
    expect(final).toMatchObject({ status: 'succeeded', notify: { messageTs: '1.2' } });
    expect(final?.steps.a.outputs).toEqual({ id: 'a-1' });
  });

  it('refuses a second run on a busy env, then cancels the first and frees the env', async () => {
    const t = wire(
      { kind: 'create', steps: [step('w', [], async () => ({ status: 'wait', retryInMs: 60_000 }))] },
      {},
    );
    const run = await t.startOk('busy-env');
    await t.scheduler.runDue();
    const refused = await t.service.startRun({
      kind: 'create',
      env: 'busy-env',
      requestedBy: 'U9',
      channel: 'C1',
      params: {},
    });
    expect(refused).toMatchObject({
      ok: false,
      reason: 'locked',
      heldBy: { runId: run.runId, holder: 'U123' },
    });
    if (refused.ok) return;
    expect(english(refused.message)).toContain(
      `busy-env is busy: a create run (${run.runId}) started by U123`,
    );

    expect((await t.service.cancelRun(run.runId, 'U9')).ok).toBe(true);
    await t.scheduler.drain();
    expect((await db.store.runs.get(run.runId))?.status).toBe('cancelled');
    expect(
      (
        await t.service.startRun({
          kind: 'create',
          env: 'busy-env',
          requestedBy: 'U9',
          channel: 'C1',
          params: {},
        })
      ).ok,
    ).toBe(true);
  });
});

describe('crash and resume on dynalite', () => {
  // Its own tables: a resumed process picks up every running run, so other tests' runs must not be there.
  const crashDb = useDynalite();

  let scenarios = 0;
  const makeScenario = (): CrashScenario<CloudDeps> => {
    const clock = new ManualClock(T0);
    return {
      store: crashDb.store,
      workflows: { create: cloudWorkflow() },
      deps: { cloud: new FakeCloud(clock) },
      clock,
      start: { kind: 'create', env: `crash-${++scenarios}`, requestedBy: 'U1', channel: 'C1', params: {} },
    };
  };

  it('kill at every first-time point, resume: succeeded with exactly one of each resource', async () => {
    const points = await enumerateCrashPoints(makeScenario, (p) => p.occurrence === 1);
    expect(points.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (const point of points) {
      const scenario = makeScenario();
      const { run, crashed } = await runWithCrashAt(scenario, point);
      const counts = ['alb', 'db', 'subnet', 'vpc', 'web'].map((k) => scenario.deps.cloud.count(k));
      if (!crashed || run.status !== 'succeeded' || counts.some((c) => c !== 1)) {
        failures.push(`${describeCrashPoint(point)}: crashed=${crashed} ${run.status} counts=${counts}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
