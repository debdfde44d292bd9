/** Retry pacing for failed steps: exponential, capped, with "equal jitter" so retries spread out. */

export interface RetryPolicy {
  /** Delay before the first retry (before jitter). */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /** Failures a step may have in a row; the last one fails the step for good. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 5 };

/** The un-jittered delay before retry number `failures` (1 after the first failure): min(maxMs, baseMs·2^(failures−1)). */
export function backoffCeiling(failures: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
}

/** Delay before retry number `failures`: half of its ceiling fixed, the other half scaled by `random()` ∈ [0, 1). */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number): number {
  const half = backoffCeiling(failures, policy) / 2;
  return Math.round(half + half * random());
}
