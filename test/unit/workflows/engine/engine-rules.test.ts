/**
 * The engine's pure rules, each pinned by a behaviour the runner depends on: which AWS failures
 * are transient, the retry pacing, how a step's state moves on each answer, what is kept of
 * retried errors, how a run is assessed, and the busy message. Written against the mutants that
 * survived the engine's other unit tests (quality/README.md).
 */
import type { EnvLock, Run, StepState } from '../../../../src/state/types';
import { backoffCeiling, backoffDelay, DEFAULT_RETRY } from '../../../../src/workflows/engine/backoff';
import { assess, isSettled, stepState, validateWorkflow } from '../../../../src/workflows/engine/dag';
import {
  classifyError,
  isTransientError,
  NonRetryableError,
  watchRecord,
} from '../../../../src/workflows/engine/errors';
import { describeLock } from '../../../../src/workflows/engine/lock-message';
import { applyResult, markStarted, mergeOutputs } from '../../../../src/workflows/engine/transitions';
import { step, workflow } from './fixtures';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...extra });

describe('isTransientError', () => {
  test.each([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottled',
    'RequestThrottledException',
    'RequestLimitExceeded',
    'TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'TransactionInProgressException',
    'PriorRequestNotComplete',
    'SlowDown',
    'BandwidthLimitExceeded',
    'EC2ThrottledException',
    'InternalError',
    'InternalFailure',
    'InternalServerError',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'RequestTimeout',
    'RequestTimeoutException',
    'TimeoutError',
  ])('%s (by name, or as a code) is transient', (name) => {
    expect(isTransientError(named(name))).toBe(true);
    expect(isTransientError({ code: name })).toBe(true);
  });

  test.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENOTFOUND',
    'ENETUNREACH',
    'EHOSTUNREACH',
  ])('a socket failure %s is transient', (code) => {
    expect(isTransientError(Object.assign(new Error('socket'), { code }))).toBe(true);
  });

  test('HTTP 5xx and 429 are transient; other statuses are not', () => {
    const status = (httpStatusCode: unknown) => isTransientError({ $metadata: { httpStatusCode } });
    expect([500, 503, 599, 429].map(status)).toEqual([true, true, true, true]);
    expect([499, 428, 430, 400, 404].map(status)).toEqual([false, false, false, false, false]);
    expect(status('503')).toBe(false);
  });

  test('a server fault is transient, a client fault is not, and so is nothing else', () => {
    expect(isTransientError({ $fault: 'server' })).toBe(true);
    expect(isTransientError({ $fault: 'client' })).toBe(false);
    expect(isTransientError({ $retryable: undefined, name: 'AccessDenied', code: 'EACCES' })).toBe(false);
    expect(isTransientError({ name: 42, code: 42 })).toBe(false);
    expect(isTransientError(null)).toBe(false);
    expect(isTransientError('ThrottlingException')).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });
});

describe('classifyError', () => {
  test('keeps an error name as its code, but not the plain "Error"', () => {
    expect(classifyError(named('InvalidVpcID.NotFound'))).toEqual({
      message: 'InvalidVpcID.NotFound happened',
      retryable: true,
      code: 'InvalidVpcID.NotFound',
    });
    expect(classifyError(new Error('plain'))).toEqual({ message: 'plain', retryable: true });
    expect(classifyError(named('ThrottlingException'))).toEqual({
      message: 'ThrottlingException happened',
      retryable: true,
      code: 'ThrottlingException',
    });
  });

  test('a NonRetryableError without a code or a named cause has no code', () => {
    const err = new NonRetryableError('final');
    expect(err.name).toBe('NonRetryableError');
    expect(err.code).toBeUndefined();
    expect('cause' in err).toBe(false);
    expect(classifyError(err)).toEqual({ message: 'final', retryable: false });
    expect(new NonRetryableError('x', { cause: 'text' }).code).toBeUndefined();
  });

  test('a thrown null, or a name that is not a string, gives no code (and no exception)', () => {
    expect(classifyError(null)).toEqual({ message: 'null', retryable: true });
    expect(new NonRetryableError('x', { cause: null }).code).toBeUndefined();
    expect(classifyError({ name: 42 })).toEqual({ message: '[object Object]', retryable: true });
  });
});

describe('watchRecord', () => {
  test('tells what record threw from what the step threw, and passes outputs through', async () => {
    const seen: Record<string, unknown>[] = [];
    const failure = new Error('store down');
    const ctx = {
      runId: 'r1',
      record: async (outputs: Record<string, unknown>) => {
        seen.push(outputs);
        if (outputs.fail) throw failure;
      },
    };
    const watched = watchRecord(ctx);
    expect(watched.ctx.runId).toBe('r1');
    await watched.ctx.record({ id: 1 });
    await expect(watched.ctx.record({ fail: true })).rejects.toBe(failure);
    expect(seen).toEqual([{ id: 1 }, { fail: true }]);
    expect(watched.fromRecord(failure)).toBe(true);
    expect(watched.fromRecord(new Error('store down'))).toBe(false);
  });
});

describe('backoff', () => {
  const policy = { baseMs: 1_000, maxMs: 8_000, maxAttempts: 10 };
  test('the ceiling doubles from the base after each failure, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffCeiling(n, policy))).toEqual([
      1_000, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
  });
  test('the delay is half fixed, half scaled by random(), rounded', () => {
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3_000);
    expect(backoffDelay(1, { ...policy, baseMs: 3 }, () => 0.5)).toBe(2);
  });
  test('the defaults', () => {
    expect(DEFAULT_RETRY).toEqual({ baseMs: 1_000, maxMs: 60_000, maxAttempts: 5 });
  });
});

describe('step transitions', () => {
  const opts = { now: 5_000, retry: { baseMs: 1_000, maxMs: 60_000, maxAttempts: 3 }, random: () => 0 };
  const waiting: StepState = {
    status: 'waiting',
    attempts: 2,
    failures: 1,
    startedAt: 1_000,
    nextAt: 4_000,
    note: 'old note',
    error: { message: 'old', retryable: true },
    outputs: { a: 1 },
  };

  test('markStarted counts the attempt and keeps the first start time', () => {
    expect(markStarted({ status: 'pending', attempts: 0 }, 7)).toEqual({
      status: 'running',
      attempts: 1,
      startedAt: 7,
    });
    expect(markStarted(waiting, 9)).toMatchObject({ status: 'running', attempts: 3, startedAt: 1_000 });
  });

  test('mergeOutputs adds to what was recorded; nothing new changes nothing', () => {
    expect(mergeOutputs(waiting, { b: 2 }).outputs).toEqual({ a: 1, b: 2 });
    expect(mergeOutputs(waiting, { a: 3 }).outputs).toEqual({ a: 3 });
    expect(mergeOutputs(waiting, {})).toBe(waiting);
    expect(mergeOutputs(waiting, undefined)).toBe(waiting);
    expect(mergeOutputs({ status: 'running', attempts: 1 }, { b: 2 }).outputs).toEqual({ b: 2 });
  });

  test('done: finished now, failures reset, the old wait note, error and nextAt gone', () => {
    expect(applyResult(waiting, { status: 'done', outputs: { b: 2 } }, opts)).toEqual({
      status: 'done',
      attempts: 2,
      failures: 0,
      startedAt: 1_000,
      finishedAt: 5_000,
      outputs: { a: 1, b: 2 },
    });
  });

  test('done without a note leaves no note key behind (the stored item has none)', () => {
    expect('note' in applyResult(waiting, { status: 'done' }, opts)).toBe(false);
  });

  test('wait: due after retryInMs (never in the past), with its own note', () => {
    expect(applyResult(waiting, { status: 'wait', retryInMs: 2_500, note: 'db: creating' }, opts)).toEqual({
      status: 'waiting',
      attempts: 2,
      failures: 0,
      startedAt: 1_000,
      nextAt: 7_500,
      note: 'db: creating',
      outputs: { a: 1 },
    });
    const negative = applyResult(waiting, { status: 'wait', retryInMs: -10 }, opts);
    expect(negative.nextAt).toBe(5_000);
    expect('note' in negative).toBe(false);
  });

  test('skipped: finished now with why, outputs kept', () => {
    expect(applyResult(waiting, { status: 'skipped', note: 'not needed' }, opts)).toEqual({
      status: 'skipped',
      attempts: 2,
      failures: 0,
      startedAt: 1_000,
      finishedAt: 5_000,
      note: 'not needed',
      outputs: { a: 1 },
    });
  });

  test('a retryable failure waits its backoff; the last allowed one fails the step for good', () => {
    const error = { message: 'Throttled', retryable: true, code: 'Throttling' };
    const retried = applyResult({ status: 'running', attempts: 1 }, { status: 'fail', error }, opts);
    expect(inEnglish(retried)).toEqual({
      status: 'waiting',
      attempts: 1,
      failures: 1,
      nextAt: 5_500,
      error,
      note: 'retrying after: Throttled',
      retried: [{ message: 'Throttled', times: 1, code: 'Throttling' }],
    });
    const second = applyResult({ ...retried, status: 'running' }, { status: 'fail', error }, opts);
    expect(second).toMatchObject({ status: 'waiting', failures: 2, nextAt: 6_000 });
    expect(second.retried).toEqual([{ message: 'Throttled', times: 2, code: 'Throttling' }]);
    const third = applyResult({ ...second, status: 'running' }, { status: 'fail', error }, opts);
    expect(third).toMatchObject({
      status: 'failed',
      failures: 3,
      finishedAt: 5_000,
      error,
      note: 'Throttled',
    });
    expect(third.nextAt).toBeUndefined();
  });

  test('a final error fails at once', () => {
    const error = { message: 'quota', retryable: false };
    expect(applyResult({ status: 'running', attempts: 1 }, { status: 'fail', error }, opts)).toEqual({
      status: 'failed',
      attempts: 1,
      failures: 1,
      finishedAt: 5_000,
      error,
      note: 'quota',
    });
  });

  test('retried errors: repeats counted, the latest five distinct kept, no code when there is none', () => {
    let state: StepState = { status: 'running', attempts: 0 };
    const many = { ...opts, retry: { ...opts.retry, maxAttempts: 100 } };
    for (const message of ['a', 'b', 'b', 'c', 'd', 'e', 'f', 'f', 'f'])
      state = applyResult(
        { ...state, status: 'running' },
        { status: 'fail', error: { message, retryable: true } },
        many,
      );
    expect(state.retried).toEqual([
      { message: 'b', times: 2 },
      { message: 'c', times: 1 },
      { message: 'd', times: 1 },
      { message: 'e', times: 1 },
      { message: 'f', times: 3 },
    ]);
  });
});

describe('assess', () => {
  const run = (steps: Run['steps']): Run => ({
    runId: 'r',
    env: 'e',
    kind: 'create',
    status: 'running',
    requestedBy: 'u',
    params: {},
    steps,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
  });

  test('a step missing from the run is pending', () => {
    expect(stepState(run({}), 'x')).toEqual({ status: 'pending', attempts: 0 });
    expect(isSettled({ status: 'skipped', attempts: 0 })).toBe(true);
    expect(isSettled({ status: 'failed', attempts: 1 })).toBe(false);
    expect(isSettled({ status: 'waiting', attempts: 1 })).toBe(false);
  });

  test('a wait due exactly now is ready; the earliest of later ones is reported', () => {
    const wf = workflow([step('a', []), step('b', []), step('c', [])]);
    expect(
      assess(
        run({
          a: { status: 'waiting', attempts: 1, nextAt: 100 },
          b: { status: 'waiting', attempts: 1, nextAt: 300 },
          c: { status: 'waiting', attempts: 1, nextAt: 200 },
        }),
        wf,
        100,
      ),
    ).toEqual({ ready: ['a'], nextAt: 200, failedSteps: [] });
  });

  test('a step left running is called again at once, even if its last wait ran to later (a slower clock)', () => {
    const wf = workflow([step('a', [])]);
    expect(assess(run({ a: { status: 'running', attempts: 1, nextAt: 500 } }), wf, 100).ready).toEqual(['a']);
  });

  test('a step waits for every need, skipped ones count as settled', () => {
    const wf = workflow([step('a', []), step('b', []), step('c', ['a', 'b'])]);
    const partly = assess(
      run({
        a: { status: 'done', attempts: 1 },
        b: { status: 'running', attempts: 1 },
        c: { status: 'pending', attempts: 0 },
      }),
      wf,
      0,
    );
    expect(partly.ready).toEqual(['b']);
    const settled = assess(
      run({
        a: { status: 'done', attempts: 1 },
        b: { status: 'skipped', attempts: 1 },
        c: { status: 'pending', attempts: 0 },
      }),
      wf,
      0,
    );
    expect(settled.ready).toEqual(['c']);
  });

  test('after a failure, steps under way are driven on but nothing new starts', () => {
    const wf = workflow([step('a', []), step('b', []), step('c', []), step('d', [])]);
    const a = assess(
      run({
        a: { status: 'failed', attempts: 1 },
        b: { status: 'waiting', attempts: 1, nextAt: 50 },
        c: { status: 'pending', attempts: 0 },
        d: { status: 'pending', attempts: 2 },
      }),
      wf,
      100,
    );
    expect(a).toEqual({ ready: ['b', 'd'], failedSteps: ['a'], nextAt: undefined });
  });

  test('all settled: succeeded', () => {
    const wf = workflow([step('a', []), step('b', ['a'])]);
    expect(
      assess(run({ a: { status: 'done', attempts: 1 }, b: { status: 'skipped', attempts: 1 } }), wf, 0),
    ).toEqual({
      ready: [],
      failedSteps: [],
      outcome: 'succeeded',
    });
  });

  test('validateWorkflow names the workflow, and accepts a diamond', () => {
    expect(() => validateWorkflow(workflow([step('a', []), step('a', [])], {}, 'destroy'))).toThrow(
      'destroy: duplicate step id "a"',
    );
    expect(() => validateWorkflow(workflow([step('a', ['a'])]))).toThrow('create: cycle a → a');
    expect(() =>
      validateWorkflow(workflow([step('a', []), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])])),
    ).not.toThrow();
  });
});

describe('describeLock', () => {
  const lock: EnvLock = {
    env: 'demo',
    runId: 'run-1',
    kind: 'create',
    holder: 'U123',
    acquiredAt: Date.UTC(2026, 10, 27, 3, 40),
  };
  const holder = (steps: Run['steps']): Run => ({
    runId: 'run-1',
    env: 'demo',
    kind: 'create',
    status: 'running',
    requestedBy: 'U123',
    params: {},
    steps,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
  });

  test('who, what, since when, and the steps under way with their notes', () => {
    const run = holder({
      vpc: { status: 'done', attempts: 1 },
      subnets: { status: 'running', attempts: 1 },
      db: { status: 'waiting', attempts: 3, note: 'db: creating' },
      web: { status: 'pending', attempts: 0 },
    });
    expect(english(describeLock(lock, run, lock.acquiredAt + 5 * 60_000))).toBe(
      'demo is busy: a create run (run-1) started by U123 at 2026-11-27 03:40 UTC (5m ago) is running; now at: subnets, db (db: creating)',
    );
  });

  test('under a minute, and without the run', () => {
    expect(english(describeLock(lock, undefined, lock.acquiredAt + 59_999))).toBe(
      'demo is busy: a create run (run-1) started by U123 at 2026-11-27 03:40 UTC (less than a minute ago) is running',
    );
    expect(english(describeLock(lock, holder({}), lock.acquiredAt + 60_000))).toContain(
      '(1m ago) is running',
    );
  });
});
