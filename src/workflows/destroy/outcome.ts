/**
 * What one delete attempt came to, and how AWS's answers are read: NotFound (in every
 * service's spelling) is "already gone"; "still in use" answers (DependencyViolation while ENIs
 * and public addresses linger, a snapshot its AMI still holds, a subnet group its DB still
 * uses, IAM's DeleteConflict) and transient failures are "blocked for now": wait and retry.
 * Anything else is a real failure and is thrown.
 */
import { errorCode, isNotFound, isRetryable } from '../../aws/errors';
import type { Saying } from '../../i18n/said';
import type { ResourceRef } from './resources';

export type RemoveOutcome =
  /** The delete was accepted (`also`: dependants deleted with it, e.g. listeners). */
  | { kind: 'deleted'; also?: ResourceRef[] }
  /** Deletion is under way (shutting-down, deleting): poll until it is gone. */
  | { kind: 'pending'; reason: Saying }
  /** AWS refused for now; retry later within the budget. */
  | { kind: 'blocked'; reason: Saying }
  /** It was already gone. */
  | { kind: 'gone' };

const BLOCKED = new Set([
  'DependencyViolation',
  'InvalidSnapshot.InUse',
  'ResourceInUse',
  'ResourceInUseException',
  'InvalidDBSubnetGroupStateFault',
  'InvalidDBSubnetGroupState',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
  'DeleteConflict',
  'DeleteConflictException',
  'InvalidNetworkInterface.InUse',
  'IncorrectState',
  'IncorrectInstanceState',
  // An AMI not yet available (its create was cut short): deregister once it is.
  'InvalidAMIID.Unavailable',
]);

/** True for answers that mean "not yet": in use, still draining, throttled, 5xx. */
export function isBlocked(err: unknown): boolean {
  const code = errorCode(err);
  return (code !== undefined && BLOCKED.has(code)) || isRetryable(err);
}

export function describeError(err: unknown): string {
  const code = errorCode(err) ?? 'Error';
  const message = err instanceof Error ? err.message : String(err);
  return `${code}: ${message}`;
}

/** Runs one delete call and reads its answer as an outcome; real failures are rethrown. */
export async function attempt(call: () => Promise<void>): Promise<RemoveOutcome> {
  try {
    await call();
    return { kind: 'deleted' };
  } catch (err) {
    if (isNotFound(err)) return { kind: 'gone' };
    if (isBlocked(err)) return { kind: 'blocked', reason: describeError(err) };
    throw err;
  }
}

/**
 * Delay before the next poll: doubles from `baseMs` with each attempt of the step, up to
 * `maxMs`. Short first polls keep teardown close to AWS's own pace; the cap bounds the
 * overshoot once a wait is long (an RDS deletion takes minutes).
 */
export function pollDelay(attemptNo: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptNo - 1));
}
