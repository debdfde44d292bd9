/**
 * What a run records about each step, for the people reading it: a skipped step is its own status
 * (it lets dependants go on, it is not done), a done step's detail is its outcome (never an earlier
 * wait's reason or an error it overcame), retried errors are kept for the thread, and an outcome
 * is measured to the run's end.
 */
import { applyResult } from '../../../../src/workflows/engine/transitions';
import type { StepResult } from '../../../../src/workflows/engine/types';
import { setup, step, T0, workflow } from './fixtures';
import { inEnglish } from '../../../helpers/english-said';

const OPTS = { now: T0 + 5_000, retry: { baseMs: 1_000, maxMs: 10_000, maxAttempts: 5 }, random: () => 0.5 };
const waiting = { status: 'waiting' as const, attempts: 2, startedAt: T0, note: 'db: creating' };
const retryable = (message: string): StepResult => ({ status: 'fail', error: { message, retryable: true } });

describe('applyResult', () => {
  test('done replaces the wait’s note with the outcome, or with nothing', () => {
    expect(applyResult(waiting, { status: 'done', note: 'demo-db available' }, OPTS)).toMatchObject({
      status: 'done',
      note: 'demo-db available',
      finishedAt: T0 + 5_000,
    });
    expect(applyResult(waiting, { status: 'done' }, OPTS).note).toBeUndefined();
  });

  test('a retried error waits with its reason, is kept for the thread, and never stays beside done', () => {
    let state = applyResult(waiting, retryable('DependencyViolation: in use'), OPTS);
    state = applyResult(state, retryable('DependencyViolation: in use'), OPTS);
    state = applyResult(state, retryable('Throttling'), OPTS);
    expect(inEnglish(state)).toMatchObject({ status: 'waiting', note: 'retrying after: Throttling' });
    expect(state.retried).toEqual([
      { message: 'DependencyViolation: in use', times: 2 },
      { message: 'Throttling', times: 1 },
    ]);
    const done = applyResult(state, { status: 'done', note: 'deleted 1 internet gateway' }, OPTS);
    expect(done).toMatchObject({ status: 'done', note: 'deleted 1 internet gateway' });
    expect(done.error).toBeUndefined();
    expect(done.retried).toHaveLength(2);
  });

  test('skipped is its own status, with why', () => {
    expect(applyResult(waiting, { status: 'skipped', note: '--multi-az off' }, OPTS)).toMatchObject({
      status: 'skipped',
      note: '--multi-az off',
      finishedAt: T0 + 5_000,
    });
  });
});

describe('a run with a skipped step', () => {
  test('dependants go on, the run succeeds, and the skipped step is not done', async () => {
    const ran: string[] = [];
    const wf = workflow([
      step('a', [], async () => (ran.push('a'), { status: 'done', note: 'made a' })),
      step('maybe', ['a'], async () => (ran.push('maybe'), { status: 'skipped', note: 'not asked for' })),
      step('end', ['maybe'], async () => (ran.push('end'), { status: 'done' })),
    ]);
    const t = setup(wf);
    const run = await t.startOk();
    await t.scheduler.drain();
    const final = await t.store.runs.get(run.runId);
    expect(final?.status).toBe('succeeded');
    expect(ran).toEqual(['a', 'maybe', 'end']);
    expect(final?.steps.maybe).toMatchObject({ status: 'skipped', note: 'not asked for' });
    expect(final?.steps.a).toMatchObject({ status: 'done', note: 'made a' });
  });

  test('onFinish measures to the run’s end: its now() is the saved finishedAt', async () => {
    let seen: number | undefined;
    const wf = workflow([step('a', [])], {
      onFinish: async (_run, ctx) => {
        seen = ctx.now();
      },
    });
    const t = setup(wf);
    const run = await t.startOk();
    await t.scheduler.drain();
    expect(seen).toBe((await t.store.runs.get(run.runId))?.finishedAt);
  });
});

describe('announce', () => {
  test('shows the run only once it is certain to start, and the run keeps where it was shown', async () => {
    const wf = workflow([step('a', [])]);
    const t = setup(wf);
    const announced: string[] = [];
    const announce = async (r: { runId: string }) => {
      announced.push(r.runId);
      return { channel: 'C1', messageTs: '1.000100' };
    };
    const first = await t.service.startRun({
      kind: 'create',
      env: 'demo',
      requestedBy: 'U1',
      channel: 'C1',
      params: {},
      announce,
    });
    expect(first.ok && first.run.notify).toEqual({ channel: 'C1', messageTs: '1.000100' });
    // The env is locked by the first: the second is refused and shows nothing.
    const second = await t.service.startRun({
      kind: 'create',
      env: 'demo',
      requestedBy: 'U2',
      channel: 'C1',
      params: {},
      announce,
    });
    expect(second.ok).toBe(false);
    expect(announced).toHaveLength(1);
  });
});
