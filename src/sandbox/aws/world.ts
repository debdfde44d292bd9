/**
 * Everything one emulator knows: the virtual clock, durations, faults, id generator, call
 * counts and each service's model. Service models register as `ResourceLister`s so that
 * `GET /_sandbox/resources` lists them and `POST /_sandbox/reset` clears them; models added
 * later (IAM, RDS, ELBv2, the ALB data plane) are made per world on first use (`perWorld`).
 */
import { AccountSettings } from './account';
import { VirtualClock, type VirtualClockOptions } from './clock';
import { resolveDurations, type Durations } from './durations';
import { Faults, type FaultSettings } from './faults';
import { IdGenerator } from './ids';
import { Ec2Model } from './ec2/model';
import { SsmModel } from './ssm/model';
import { SecretsManagerModel } from './secretsmanager/model';

/** One live resource (not deleted/terminated) as the admin API shows it. */
export interface SandboxResource {
  service: string;
  type: string;
  id: string;
  state: string;
  tags: Record<string, string>;
  details?: Record<string, unknown>;
}

export interface ResourceLister {
  listResources(): SandboxResource[];
  reset(): void;
}

/** `[{Key, Value}]` (the wire's tag lists) as the admin view's record. */
export function tagRecord(tags: readonly { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/** One `create(world)` per world, made on first use and registered so the admin API lists and resets it. */
export function perWorld<T extends ResourceLister>(create: (world: World) => T): (world: World) => T {
  const made = new WeakMap<World, T>();
  return (world) => {
    let model = made.get(world);
    if (!model) {
      model = create(world);
      made.set(world, model);
      world.register(model);
    }
    return model;
  };
}

export interface WorldOptions {
  region?: string;
  clock?: VirtualClockOptions;
  durations?: Partial<Durations>;
  faults?: FaultSettings;
  /** Seed for ids. */
  idSeed?: string;
}

/** The sandbox account (12 digits, like any AWS account id). */
export const SANDBOX_ACCOUNT_ID = '123456789012';

export class World {
  readonly clock: VirtualClock;
  readonly durations: Durations;
  readonly faults: Faults;
  readonly region: string;
  readonly accountId = SANDBOX_ACCOUNT_ID;
  readonly ids: IdGenerator;
  /** Quotas and offerings: what the account may have and where (./account.ts). */
  readonly account = new AccountSettings();
  /** "service:Action" → number of calls (faulted calls included: they reached the server). */
  readonly calls = new Map<string, number>();
  readonly ec2: Ec2Model;
  readonly ssm: SsmModel;
  readonly secretsManager: SecretsManagerModel;
  private readonly listers: ResourceLister[] = [];
  private readonly closers: (() => Promise<void> | void)[] = [];

  constructor(opts: WorldOptions = {}) {
    this.region = opts.region ?? 'ap-northeast-1';
    this.clock = new VirtualClock(opts.clock);
    this.durations = resolveDurations(opts.durations);
    this.faults = new Faults(opts.faults);
    this.ids = new IdGenerator(opts.idSeed);
    this.ec2 = new Ec2Model(this);
    this.ssm = new SsmModel(this);
    this.secretsManager = new SecretsManagerModel(this);
    this.register(this.ec2);
    this.register(this.ssm);
    this.register(this.secretsManager);
  }

  register(model: ResourceLister): void {
    if (!this.listers.includes(model)) this.listers.push(model);
  }

  /** Runs when the emulator closes (e.g. the ALB data plane's HTTP servers). */
  onClose(fn: () => Promise<void> | void): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closers.splice(0)) await fn();
  }

  listResources(): SandboxResource[] {
    return this.listers.flatMap((l) => l.listResources());
  }

  /** Clears every resource, call count, fault, quota and offering change; the clock and id counter keep going. */
  reset(): void {
    for (const l of this.listers) l.reset();
    this.calls.clear();
    this.faults.clear();
    this.account.reset();
  }

  countCall(service: string, action: string): void {
    const key = `${service}:${action}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  /** Milliseconds an ALB's ENIs linger after deletion: the fault override, else the duration. */
  eniLingerMs(): number {
    return this.faults.eniLingerMs ?? this.durations.albEniLinger;
  }
}
