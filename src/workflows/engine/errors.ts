/**
 * How the runner decides whether a thrown error is worth retrying. Steps never guess: an
 * error they know is final is wrapped in NonRetryableError; AWS's transient failures
 * (throttling, 5xx, network) are retried; anything else is retried within the step's budget.
 */
import type { StepError } from '../../state/types';

/** Wrap a cause that retrying cannot fix (bad input, quota, a resource in a terminal state). */
export class NonRetryableError extends Error {
  override readonly name = 'NonRetryableError';
  /** Our own or AWS's code for the failure (defaults to the cause's `name`). */
  readonly code?: string;

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? errorName(options?.cause);
  }
}

/** AWS error names that mean "slow down / try again", across EC2 (Query), RDS, ELBv2 and JSON services. */
const TRANSIENT_NAMES = new Set([
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
]);

/** Node's socket-level failures: the request may never have reached AWS. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

interface AwsLikeError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $retryable?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function errorName(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const name = (err as AwsLikeError).name;
  return typeof name === 'string' ? name : undefined;
}

/** True for failures AWS itself calls transient: throttling, server faults, dropped connections. */
export function isTransientError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as AwsLikeError;
  if (e.$retryable) return true;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || TRANSIENT_NAMES.has(e.code))) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  return e.$fault === 'server';
}

/** Turn anything a step threw into the StepError the runner stores and acts on. */
export function classifyError(err: unknown): StepError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof NonRetryableError) {
    return { message, retryable: false, ...(err.code ? { code: err.code } : {}) };
  }
  const code = errorName(err);
  const withCode = code && code !== 'Error' ? { code } : {};
  // Transient and unknown failures alike are retried within the step's attempt budget, then the
  // run fails; only NonRetryableError stops at once.
  return { message, retryable: true, ...withCode };
}

/**
 * `ctx` with its `record` watched: a step rethrows what `record` threw (the store, or a
 * simulated crash), which is the runner's business, instead of classifying it as AWS's.
 */
export function watchRecord<C extends { record(outputs: Record<string, unknown>): Promise<void> }>(
  ctx: C,
): { ctx: C; fromRecord(err: unknown): boolean } {
  const thrown = new Set<unknown>();
  const watched: C = Object.create(ctx, {
    record: {
      value: async (outputs: Record<string, unknown>) => {
        try {
          await ctx.record(outputs);
        } catch (err) {
          thrown.add(err);
          throw err;
        }
      },
    },
  });
  return { ctx: watched, fromRecord: (err) => thrown.has(err) };
}
