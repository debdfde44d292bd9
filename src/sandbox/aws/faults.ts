/**
 * Injected faults, applied by the server to every AWS call (never to `/_sandbox/` calls)
 * before dispatch: throttling (EC2 `RequestLimitExceeded` 503, Query `Throttling` 400, JSON
 * `ThrottlingException` 400), server errors (EC2 `InternalError` 500, Query/JSON
 * `InternalFailure` 500), `InsufficientInstanceCapacity` for chosen instance types/AZs (applied
 * by RunInstances/StartInstances), and the ALB ENI linger time.
 */
import { AwsError, type WireProtocol } from './protocol/errors';
import { seededRandom } from './random';

export interface CapacityFault {
  instanceType: string;
  /** Only this AZ; all AZs when absent. */
  az?: string;
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
  }

  clear(): void {
    this.throttleRate = 0;
    this.serverErrorRate = 0;
    this.insufficientCapacity = [];
    this.eniLingerMs = undefined;
    this.throttleNext = 0;
    this.serverErrorNext = 0;
    this.eventualConsistencyMs = 0;
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
    };
  }

  /** The error to answer instead of dispatching, if a fault fires for this call. */
  pick(protocol: WireProtocol, internalErrorCode?: string): AwsError | undefined {
    const throttle = this.throttleNext > 0 || (this.throttleRate > 0 && this.random() < this.throttleRate);
    if (this.throttleNext > 0) this.throttleNext -= 1;
    if (throttle) {
      if (protocol === 'ec2') return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
      if (protocol === 'query') return new AwsError('Throttling', 'Rate exceeded', 400);
      return new AwsError('ThrottlingException', 'Rate exceeded', 400);
    }
    const serverError =
      this.serverErrorNext > 0 || (this.serverErrorRate > 0 && this.random() < this.serverErrorRate);
    if (this.serverErrorNext > 0) this.serverErrorNext -= 1;
    if (serverError) {
      if (protocol === 'ec2') {
        return new AwsError('InternalError', 'An internal error has occurred', 500);
      }
      return new AwsError(internalErrorCode ?? 'InternalFailure', 'An internal error has occurred', 500);
    }
    return undefined;
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
    };
  }
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
