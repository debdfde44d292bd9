/**
 * How one step's state changes: when the runner starts it, and when it answers (or throws).
 * Kept apart from the runner so the rules read in one place and re-apply cleanly after a
 * version conflict (they are applied to whatever the store holds now).
 */
import type { RetriedError, StepError, StepState } from '../../state/types';
import { backoffDelay, type RetryPolicy } from './backoff';
import type { StepResult } from './types';

/**
 * The runner's view of a step's state: `failures` counts failed attempts in a row (reset by
 * any done/wait answer) and bounds retries; `attempts` counts every call, as StepContext says.
 */
export type RunnerStepState = StepState;

export function markStarted(state: StepState, now: number): RunnerStepState {
  return { ...state, status: 'running', attempts: state.attempts + 1, startedAt: state.startedAt ?? now };
}

export function mergeOutputs(state: StepState, outputs: Record<string, unknown> | undefined): StepState {
  if (!outputs || Object.keys(outputs).length === 0) return state;
  return { ...state, outputs: { ...state.outputs, ...outputs } };
}

export interface OutcomeOptions {
  now: number;
  retry: RetryPolicy;
  random: () => number;
}

/** Apply a step's answer (a StepResult, or a classified thrown error as a `fail`). */
export function applyResult(
  state: RunnerStepState,
  result: StepResult,
  opts: OutcomeOptions,
): RunnerStepState {
  // A note describes the answer it came with: an earlier wait's reason or error never lingers.
  const { nextAt: _nextAt, error: _error, note: _note, ...base } = state;
  switch (result.status) {
    case 'done':
      return {
        ...mergeOutputs(base, result.outputs),
        status: 'done',
        finishedAt: opts.now,
        failures: 0,
        ...(result.note === undefined ? {} : { note: result.note }),
      };
    case 'skipped':
      return { ...base, status: 'skipped', finishedAt: opts.now, failures: 0, note: result.note };
    case 'wait':
      return {
        ...mergeOutputs(base, result.outputs),
        status: 'waiting',
        nextAt: opts.now + Math.max(0, result.retryInMs),
        failures: 0,
        ...(result.note === undefined ? {} : { note: result.note }),
      };
    case 'fail':
      return applyFailure(base, result.error, opts);
  }
}

function applyFailure(state: RunnerStepState, error: StepError, opts: OutcomeOptions): RunnerStepState {
  const failures = (state.failures ?? 0) + 1;
  if (!error.retryable || failures >= opts.retry.maxAttempts) {
    return { ...state, status: 'failed', failures, finishedAt: opts.now, error, note: error.message };
  }
  const delay = backoffDelay(failures, opts.retry, opts.random);
  return {
    ...state,
    status: 'waiting',
    failures,
    nextAt: opts.now + delay,
    error,
    note: `retrying after: ${error.message}`,
    retried: noteRetried(state.retried, error),
  };
}

/** The failures kept per step: the latest few distinct ones, with how often each repeated. */
const KEEP_RETRIED = 5;

function noteRetried(list: readonly RetriedError[] | undefined, error: StepError): RetriedError[] {
  const previous = list ?? [];
  const last = previous[previous.length - 1];
  if (last && last.message === error.message) {
    return [...previous.slice(0, -1), { ...last, times: last.times + 1 }];
  }
  const entry: RetriedError = {
    message: error.message,
    times: 1,
    ...(error.code ? { code: error.code } : {}),
  };
  return [...previous, entry].slice(-KEEP_RETRIED);
}
