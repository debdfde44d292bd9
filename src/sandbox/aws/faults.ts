/**
 * Injected faults, applied by the server to every AWS call (never to `/_sandbox/` calls):
 * - before dispatch (the call never happened): throttling (EC2 `RequestLimitExceeded` 503, Query
 *   `Throttling` 400, JSON `ThrottlingException` 400) and server errors (EC2 `InternalError` 500,
 *   Query/JSON `InternalFailure` 500);
 * - after the action (the call DID happen, the caller cannot tell): a 5xx, a throttle, or a dropped
 *   connection instead of the answer, so an SDK or step retry repeats a request that already took
 *   effect — the case EC2's ClientToken and find-before-create exist for
 *   (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html);
 * - `InsufficientInstanceCapacity` for chosen instance types/AZs (applied by RunInstances/StartInstances),
 *   the ALB ENI linger time, and EC2's eventual consistency (by id and in listings, see below).
 */
import { AwsError, type WireProtocol } from './protocol/errors';
import { seededRandom } from './random';

export interface CapacityFault {
  instanceType: string;
  /** Only this AZ; all AZs when absent. */
  az?: string;
}

/** How a call that took effect is answered: a 5xx, a throttle, or no answer at all (connection dropped). */
export type AfterActionKind = 'server-error' | 'throttle' | 'drop';

export const AFTER_ACTION_KINDS: readonly AfterActionKind[] = ['server-error', 'throttle', 'drop'];

/** A fault that fires after the action: the error to answer, or `drop` to close the connection unanswered. */
export type AfterActionFault = { kind: 'drop' } | { kind: 'server-error' | 'throttle'; error: AwsError };

/** One after-action fault that fired, for tests to read (`world.faults.afterActionLog`). */
export interface AfterActionRecord {
  /** "service:Action", e.g. `ec2:CreateVpc`. */
  call: string;
  kind: AfterActionKind;
  at: number;
}

export interface FaultSettings {
  throttleRate?: number;
  serverErrorRate?: number;
  insufficientCapacity?: CapacityFault[];
  eniLingerMs?: number;
  seed?: number;
  /**
   * EC2 eventual consistency (opt-in): for this many virtual ms after creation, an id is
   * unknown to calls that name it (Describe by id, CreateTags, AuthorizeSecurityGroupIngress,
   * RunInstances' groups and subnet …), which answer `Invalid…ID.NotFound` as AWS sometimes does.
   */
  eventualConsistencyMs?: number;
  /** Deterministic: throttle exactly the next N AWS calls (then fall back to the rate). */
  throttleNext?: number;
  /** Deterministic: fail exactly the next N AWS calls with a 5xx. */
  serverErrorNext?: number;
  /**
   * EC2 eventual consistency in listings (opt-in): Describe calls that list — by filter or
   * everything, no ids given — leave out resources created less than this many virtual ms ago.
   * AWS documents that describing a fresh resource may miss it for up to minutes
   * (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
   */
  describeLagMs?: number;
  /** Share of matching calls that take effect and are then answered with a fault (0–1). */
  afterActionRate?: number;
  /** Deterministic: the next N matching calls take effect and are then answered with a fault. */
  afterActionNext?: number;
  /**
   * Deterministic, per call: the first N calls of each matching "service:Action" take effect and
   * are then answered with a fault. With N at least the SDK's attempts, every kind of call's first
   * send fails however often the SDK retries it, so the caller's own recovery is what is tested.
   */
  afterActionEach?: number;
  /** Which answers an after-action fault gives (picked at random among them); default all three. */
  afterActionKinds?: AfterActionKind[];
  /**
   * The calls after-action faults apply to, as "service:Action" (`ec2:CreateVpc`) or "service:*";
   * default every call that changes something (not Describe*, Get*, List*).
   */
  afterActionCalls?: string[];
}

export class Faults {
  throttleRate = 0;
  serverErrorRate = 0;
  insufficientCapacity: CapacityFault[] = [];
  /** Overrides `durations.albEniLinger` when set. */
  eniLingerMs?: number;
  throttleNext = 0;
  serverErrorNext = 0;
  eventualConsistencyMs = 0;
  describeLagMs = 0;
  afterActionRate = 0;
  afterActionNext = 0;
  afterActionEach = 0;
  /** Calls so far per "service:Action", for `afterActionEach`. */
  private readonly afterActionSeen = new Map<string, number>();
  afterActionKinds: AfterActionKind[] = [...AFTER_ACTION_KINDS];
  afterActionCalls: string[] = [];
  /** Every after-action fault that fired, in order. */
  readonly afterActionLog: AfterActionRecord[] = [];
  private rng: () => number;

  constructor(settings: FaultSettings = {}) {
    this.rng = seededRandom(settings.seed ?? 1);
    this.set(settings);
  }

  /** Uniform [0, 1), reproducible from the seed. */
  random(): number {
    return this.rng();
  }

  seed(seed: number): void {
    this.rng = seededRandom(seed);
  }

  set(settings: FaultSettings): void {
    if (settings.throttleRate !== undefined) this.throttleRate = rate(settings.throttleRate, 'throttleRate');
    if (settings.serverErrorRate !== undefined) {
      this.serverErrorRate = rate(settings.serverErrorRate, 'serverErrorRate');
    }
    if (settings.insufficientCapacity !== undefined)
      this.insufficientCapacity = [...settings.insufficientCapacity];
    if (settings.eniLingerMs !== undefined) this.eniLingerMs = settings.eniLingerMs;
    if (settings.seed !== undefined) this.seed(settings.seed);
    if (settings.eventualConsistencyMs !== undefined) {
      this.eventualConsistencyMs = count(settings.eventualConsistencyMs, 'eventualConsistencyMs');
    }
    if (settings.throttleNext !== undefined) this.throttleNext = count(settings.throttleNext, 'throttleNext');
    if (settings.serverErrorNext !== undefined) {
      this.serverErrorNext = count(settings.serverErrorNext, 'serverErrorNext');
    }
    if (settings.describeLagMs !== undefined)
      this.describeLagMs = count(settings.describeLagMs, 'describeLagMs');
    if (settings.afterActionRate !== undefined) {
      this.afterActionRate = rate(settings.afterActionRate, 'afterActionRate');
    }
    if (settings.afterActionNext !== undefined) {
      this.afterActionNext = count(settings.afterActionNext, 'afterActionNext');
    }
    if (settings.afterActionEach !== undefined) {
      this.afterActionEach = count(settings.afterActionEach, 'afterActionEach');
      this.afterActionSeen.clear();
    }
    if (settings.afterActionKinds !== undefined) {
      if (settings.afterActionKinds.length === 0)
        throw new RangeError('afterActionKinds must name at least one kind');
      for (const k of settings.afterActionKinds)
        if (!AFTER_ACTION_KINDS.includes(k)) throw new RangeError(`unknown afterActionKinds entry ${k}`);
      this.afterActionKinds = [...settings.afterActionKinds];
    }
    if (settings.afterActionCalls !== undefined) this.afterActionCalls = [...settings.afterActionCalls];
  }

  clear(): void {
    this.throttleRate = 0;
    this.serverErrorRate = 0;
    this.insufficientCapacity = [];
    this.eniLingerMs = undefined;
    this.throttleNext = 0;
    this.serverErrorNext = 0;
    this.eventualConsistencyMs = 0;
    this.describeLagMs = 0;
    this.afterActionRate = 0;
    this.afterActionNext = 0;
    this.afterActionEach = 0;
    this.afterActionSeen.clear();
    this.afterActionKinds = [...AFTER_ACTION_KINDS];
    this.afterActionCalls = [];
    this.afterActionLog.length = 0;
  }

  snapshot(): Omit<FaultSettings, 'seed'> {
    return {
      throttleRate: this.throttleRate,
      serverErrorRate: this.serverErrorRate,
      insufficientCapacity: this.insufficientCapacity,
      eniLingerMs: this.eniLingerMs,
      throttleNext: this.throttleNext,
      serverErrorNext: this.serverErrorNext,
      eventualConsistencyMs: this.eventualConsistencyMs,
      describeLagMs: this.describeLagMs,
      afterActionRate: this.afterActionRate,
      afterActionNext: this.afterActionNext,
      afterActionEach: this.afterActionEach,
      afterActionKinds: this.afterActionKinds,
      afterActionCalls: this.afterActionCalls,
    };
  }

  /** The error to answer instead of dispatching, if a fault fires for this call. */
  pick(protocol: WireProtocol, internalErrorCode?: string): AwsError | undefined {
    const throttle = this.throttleNext > 0 || (this.throttleRate > 0 && this.random() < this.throttleRate);
    if (this.throttleNext > 0) this.throttleNext -= 1;
    if (throttle) return throttleError(protocol);
    const serverError =
      this.serverErrorNext > 0 || (this.serverErrorRate > 0 && this.random() < this.serverErrorRate);
    if (this.serverErrorNext > 0) this.serverErrorNext -= 1;
    if (serverError) return serverErrorFor(protocol, internalErrorCode);
    return undefined;
  }

  /**
   * Whether a call that has just taken effect is answered with a fault instead of its result
   * (and which), for "service:Action" `call` at virtual time `at`.
   */
  pickAfterAction(
    call: string,
    protocol: WireProtocol,
    at: number,
    internalErrorCode?: string,
  ): AfterActionFault | undefined {
    if (!this.afterActionApplies(call)) return undefined;
    const seen = (this.afterActionSeen.get(call) ?? 0) + 1;
    this.afterActionSeen.set(call, seen);
    const fire =
      seen <= this.afterActionEach ||
      this.afterActionNext > 0 ||
      (this.afterActionRate > 0 && this.random() < this.afterActionRate);
    if (!fire) return undefined;
    if (seen > this.afterActionEach && this.afterActionNext > 0) this.afterActionNext -= 1;
    const kinds = this.afterActionKinds;
    const kind = kinds.length === 1 ? kinds[0] : kinds[Math.floor(this.random() * kinds.length)];
    this.afterActionLog.push({ call, kind, at });
    if (kind === 'drop') return { kind };
    const error = kind === 'throttle' ? throttleError(protocol) : serverErrorFor(protocol, internalErrorCode);
    return { kind, error };
  }

  private afterActionApplies(call: string): boolean {
    if (this.afterActionNext === 0 && this.afterActionRate === 0 && this.afterActionEach === 0) return false;
    const [service, action = ''] = call.split(':');
    if (this.afterActionCalls.length === 0) return !READ_ONLY.test(action);
    return this.afterActionCalls.some((c) => c === call || c === `${service}:*`);
  }

  /** Whether RunInstances/StartInstances of this type in this AZ has no capacity. */
  noCapacity(instanceType: string, az: string): boolean {
    return this.insufficientCapacity.some((f) => f.instanceType === instanceType && (!f.az || f.az === az));
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): FaultSettings {
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    return {
      throttleRate: num(env.SANDBOX_THROTTLE_RATE),
      serverErrorRate: num(env.SANDBOX_5XX_RATE),
      eniLingerMs: num(env.SANDBOX_ENI_LINGER_MS),
      afterActionRate: num(env.SANDBOX_AFTER_ACTION_RATE),
      describeLagMs: num(env.SANDBOX_DESCRIBE_LAG_MS),
    };
  }
}

/** Calls that only read: an after-action fault on them is no different from one before. */
const READ_ONLY = /^(Describe|Get|List)/;

function throttleError(protocol: WireProtocol): AwsError {
  if (protocol === 'ec2') return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
  if (protocol === 'query') return new AwsError('Throttling', 'Rate exceeded', 400);
  return new AwsError('ThrottlingException', 'Rate exceeded', 400);
}

function serverErrorFor(protocol: WireProtocol, internalErrorCode?: string): AwsError {
  if (protocol === 'ec2') return new AwsError('InternalError', 'An internal error has occurred', 500);
  return new AwsError(internalErrorCode ?? 'InternalFailure', 'An internal error has occurred', 500);
}

function count(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${n}`);
  return n;
}

function rate(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new RangeError(`${name} must be between 0 and 1, got ${n}`);
  return n;
}
