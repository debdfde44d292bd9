/**
 * Classifying AWS errors by their `name` (SDK v3 sets it to the service's error code, e.g.
 * `InvalidVpcID.NotFound`, `DBInstanceNotFoundFault`), so steps decide "missing", "try again" or
 * "give up" without parsing messages. The runner never guesses: a step turns an error into a
 * StepError with `toStepError`.
 */
import type { StepError } from '../state/types';

/** The AWS error code of `err` (its `name`, or `Code`/`code` on older shapes); undefined for non-errors. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { name?: unknown; Code?: unknown; code?: unknown };
  for (const v of [e.Code, e.code, e.name]) {
    if (typeof v === 'string' && v !== '' && v !== 'Error') return v;
  }
  return undefined;
}

function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const meta = (err as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  return typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
}

const NOT_FOUND = new Set([
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'DBSubnetGroupNotFoundFault',
  'DBSubnetGroupNotFound',
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'TargetGroupNotFound',
  'TargetGroupNotFoundException',
  'ListenerNotFound',
  'ListenerNotFoundException',
  'ResourceNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'ParameterNotFound',
]);

/** The thing asked for does not exist (`*.NotFound`, `*NotFound[Fault|Exception]`, IAM's `NoSuchEntity`). */
export function isNotFound(err: unknown): boolean {
  const code = errorCode(err);
  if (!code) return false;
  return NOT_FOUND.has(code) || code.endsWith('.NotFound') || /NotFound(Fault|Exception)?$/.test(code);
}

/**
 * A create refused because what it would make exists already, under a name or range that is
 * unique: usually made by an earlier attempt whose answer was lost. (ELBv2 answers an identical
 * repeat with the existing resource, and IAM's EntityAlreadyExists is handled by its adapter.)
 */
const ALREADY_EXISTS = new Set([
  'InvalidSubnet.Conflict',
  'InvalidGroup.Duplicate',
  'InvalidAMIName.Duplicate',
  'DBInstanceAlreadyExists',
  'DBInstanceAlreadyExistsFault',
  'DBSubnetGroupAlreadyExists',
  'DBSubnetGroupAlreadyExistsFault',
  'ResourceExistsException',
]);

export function isAlreadyExists(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && ALREADY_EXISTS.has(code);
}

const THROTTLE = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'Throttled',
  'PriorRequestNotComplete',
]);

/** AWS asked us to slow down. */
export function isThrottle(err: unknown): boolean {
  const code = errorCode(err);
  return (code !== undefined && THROTTLE.has(code)) || httpStatus(err) === 429;
}

/**
 * Conditions that clear by themselves: throttling, capacity, a dependency still draining
 * (`DependencyViolation` while ENIs linger), an operation already in progress, eventual
 * consistency right after a create, 5xx and network failures.
 */
const TRANSIENT = new Set([
  'DependencyViolation',
  'InsufficientInstanceCapacity',
  'InsufficientDBInstanceCapacity',
  'InsufficientDBInstanceCapacityFault',
  'InsufficientCapacity',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'Unavailable',
  'IncorrectState',
  'IncorrectInstanceState',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
  'OperationAborted',
  'ConcurrentModification',
  'ConcurrentModificationException',
  'ResourceInUse',
  'ResourceInUseException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Worth trying again later with the same input. */
export function isRetryable(err: unknown): boolean {
  if (isThrottle(err)) return true;
  const code = errorCode(err);
  if (code !== undefined && TRANSIENT.has(code)) return true;
  const status = httpStatus(err);
  if (status !== undefined && status >= 500) return true;
  // The SDK marks what its own retry strategy considers transient.
  const retryable = (err as { $retryable?: unknown } | null)?.$retryable;
  return typeof retryable === 'object' && retryable !== null;
}

/**
 * Human message plus classification for a step's `fail` result. Never includes request input.
 * A NotFound reaching a step is about an id it was handed (a subnet, a group, a VPC just
 * created): EC2 is eventually consistent and may not know a fresh id for seconds, so it is
 * retried; a resource that is really gone exhausts the retry budget and fails the run.
 */
export function toStepError(err: unknown, doing: string): StepError {
  const code = errorCode(err) ?? 'Error';
  const message = err instanceof Error ? err.message : String(err);
  return { code, retryable: isRetryable(err) || isNotFound(err), message: `${doing}: ${code}: ${message}` };
}
