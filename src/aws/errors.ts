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

/**
 * An answer that is not AWS's: a proxy's or load balancer's HTML error page, an emulator
 * without the API. Carries the HTTP status (so a 5xx stays retryable) and which service was
 * called, instead of the SDK's "XML parse error: mismatched tags".
 */
export class NonAwsResponseError extends Error {
  override readonly name = 'NonAwsResponse';
  readonly $metadata: { httpStatusCode: number };

  constructor(
    readonly service: string,
    readonly status: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${service} answered HTTP ${status} with a body that is not an AWS response${detail}`, options);
    this.$metadata = { httpStatusCode: status };
  }
}

interface SdkFailure {
  name?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown; headers?: Record<string, string>; body?: unknown };
  $responseBodyText?: unknown;
}

/** `(text/html: "502 Bad Gateway")`: the content type and the page's title or first words. */
function bodyDetail(failure: SdkFailure): string {
  const type = failure.$response?.headers?.['content-type'];
  const raw = [failure.$responseBodyText, failure.$response?.body].find((b) => typeof b === 'string') as
    string | undefined;
  const title = raw && /<title[^>]*>([^<]*)<\/title>/i.exec(raw)?.[1];
  const words = (title ?? raw?.replace(/<[^>]*>/g, ' ') ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  const parts = [type, words ? `"${words}"` : undefined].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(': ')})` : '';
}

/**
 * The SDK could not read the response as the service's own (no `$fault`, which every parsed AWS
 * error has, but an HTTP status): the error it becomes, naming `service`. Others pass through.
 */
export function explainNonAwsResponse(err: unknown, service: string): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const failure = err as SdkFailure;
  const status = failure.$metadata?.httpStatusCode ?? failure.$response?.statusCode;
  if (failure.$fault !== undefined || typeof status !== 'number' || !failure.$response) return err;
  return new NonAwsResponseError(service, status, bodyDetail(failure), { cause: err });
}

/** A DynamoDB table sitebot needs is not there: say which, and how to make it. */
export class MissingTableError extends Error {
  override readonly name = 'MissingTable';

  constructor(
    readonly table: string,
    options?: { cause?: unknown },
  ) {
    super(`DynamoDB table ${table} does not exist: run \`sitebot init\` to create sitebot's tables`, options);
  }
}

/** DynamoDB's "Requested resource not found" on a table operation, as a MissingTableError. */
export function explainMissingTable(err: unknown, input: unknown, command: string | undefined): unknown {
  const table = (input as { TableName?: unknown } | undefined)?.TableName;
  // DescribeTable answering "not found" is how one asks whether a table exists (ensureTables).
  if (errorCode(err) !== 'ResourceNotFoundException' || typeof table !== 'string') return err;
  if (command === 'DescribeTableCommand') return err;
  return new MissingTableError(table, { cause: err });
}

/** The part of an SDK client this needs: its middleware stack. */
interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: unknown }) => Promise<unknown>,
        context: { clientName?: string; commandName?: string },
      ) => (args: { input: unknown }) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
  };
}

/**
 * Makes `client`'s failures say what happened: a non-AWS answer names the service and the HTTP
 * status; with `tables`, a missing DynamoDB table is named with the fix. Runs outside the
 * retries (initialize step), so it sees the final error once. Returns the client.
 */
export function explainFailures<C>(client: C, options: { tables?: boolean } = {}): C {
  (client as unknown as MiddlewareHost).middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
        const explained = explainNonAwsResponse(err, service);
        throw options.tables ? explainMissingTable(explained, args.input, context.commandName) : explained;
      }
    },
    { step: 'initialize', name: 'sitebotExplainFailures', override: true },
  );
  return client;
}
