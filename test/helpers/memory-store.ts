/**
 * An in-memory StateStore with DynamoDB's conditional semantics, for fast unit tests:
 * version-checked writes throw ConflictError, creates are create-if-absent, leases are taken
 * only when free, expired or already ours. Every read and write deep-copies, so callers can
 * never mutate stored state by accident (as with a real table).
 */
import {
  ConflictError,
  type AuditEvent,
  type AuditRepository,
  type EnvLock,
  type Environment,
  type EnvironmentsRepository,
  type LocksRepository,
  type Run,
  type RunsRepository,
  type SpendLedger,
  type StateStore,
} from '../../src/state/types';

const copy = <T>(value: T): T => structuredClone(value);

class MemoryEnvironments implements EnvironmentsRepository {
  readonly items = new Map<string, Environment>();

  async get(name: string): Promise<Environment | undefined> {
    const env = this.items.get(name);
    return env && copy(env);
  }

  async create(env: Omit<Environment, 'version'>): Promise<Environment> {
    const existing = this.items.get(env.name);
    if (existing && existing.status !== 'destroyed') {
      throw new ConflictError(`environment ${env.name} already exists`);
    }
    const stored: Environment = { ...copy(env), version: 1 };
    this.items.set(env.name, stored);
    return copy(stored);
  }

  async update(
    name: string,
    expectedVersion: number,
    patch: Partial<Omit<Environment, 'name' | 'version'>>,
  ): Promise<Environment> {
    const existing = this.items.get(name);
    if (!existing || existing.version !== expectedVersion) {
      throw new ConflictError(`environment ${name} changed (expected version ${expectedVersion})`);
    }
    const stored: Environment = { ...existing, ...copy(patch), name, version: existing.version + 1 };
    this.items.set(name, stored);
    return copy(stored);
  }

  async listActive(options?: { channel?: string }): Promise<Environment[]> {
    return [...this.items.values()]
      .filter((e) => e.status !== 'destroyed')
      .filter((e) => !options?.channel || e.channel === options.channel)
      .map(copy);
  }
}

class MemoryRuns implements RunsRepository {
  readonly items = new Map<string, Run>();

  async create(run: Omit<Run, 'version'>): Promise<Run> {
    if (this.items.has(run.runId)) throw new ConflictError(`run ${run.runId} already exists`);
    const stored: Run = { ...copy(run), version: 1 };
    this.items.set(run.runId, stored);
    return copy(stored);
  }

  async get(runId: string): Promise<Run | undefined> {
    const run = this.items.get(runId);
    return run && copy(run);
  }

  async save(run: Run): Promise<Run> {
    const existing = this.items.get(run.runId);
    if (!existing || existing.version !== run.version) {
      throw new ConflictError(`run ${run.runId} changed (expected version ${run.version})`);
    }
    const stored: Run = { ...copy(run), version: run.version + 1 };
    this.items.set(run.runId, stored);
    return copy(stored);
  }

  async listRunning(): Promise<Run[]> {
    return [...this.items.values()].filter((r) => r.status === 'running').map(copy);
  }

  async listByEnv(env: string, limit = Infinity): Promise<Run[]> {
    return [...this.items.values()]
      .filter((r) => r.env === env)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map(copy);
  }

  async acquireLease(
    runId: string,
    owner: string,
    now: number,
    durationMs: number,
  ): Promise<Run | undefined> {
    const existing = this.items.get(runId);
    if (!existing) return undefined;
    const lease = existing.lease;
    // As in DynamoDB's condition: free when absent, ours, or expired (`until < now`).
    if (lease && lease.owner !== owner && lease.until >= now) return undefined;
    const stored: Run = {
      ...existing,
      lease: { owner, until: now + durationMs },
      version: existing.version + 1,
    };
    this.items.set(runId, stored);
    return copy(stored);
  }

  async releaseLease(runId: string, owner: string): Promise<void> {
    const existing = this.items.get(runId);
    if (!existing || existing.lease?.owner !== owner) return;
    const { lease: _released, ...rest } = existing;
    this.items.set(runId, { ...rest, version: existing.version + 1 });
  }
}

class MemoryLocks implements LocksRepository {
  readonly items = new Map<string, EnvLock>();

  async acquire(lock: EnvLock): Promise<{ acquired: true } | { acquired: false; heldBy: EnvLock }> {
    const held = this.items.get(lock.env);
    if (held) return { acquired: false, heldBy: copy(held) };
    this.items.set(lock.env, copy(lock));
    return { acquired: true };
  }

  async get(env: string): Promise<EnvLock | undefined> {
    const lock = this.items.get(env);
    return lock && copy(lock);
  }

  async release(env: string, runId: string): Promise<void> {
    if (this.items.get(env)?.runId === runId) this.items.delete(env);
  }
}

class MemoryAudit implements AuditRepository {
  readonly events: AuditEvent[] = [];

  async record(event: AuditEvent): Promise<void> {
    // As in DynamoDB: an event whose key the env has recorded already changes nothing.
    if (event.key !== undefined && this.events.some((e) => e.env === event.env && e.key === event.key))
      return;
    this.events.push(copy(event));
  }

  async list(env: string, limit = 50): Promise<AuditEvent[]> {
    return this.events
      .filter((e) => e.env === env)
      .sort((a, b) => b.at - a.at)
      .slice(0, limit)
      .map(copy);
  }
}

class MemorySpend implements SpendLedger {
  readonly months = new Map<string, Map<string, number>>();

  async record(channel: string, month: string, entry: string, usd: number): Promise<void> {
    const key = `${channel}#${month}`;
    const entries = this.months.get(key) ?? new Map<string, number>();
    entries.set(entry, usd);
    this.months.set(key, entries);
  }

  async total(channel: string, month: string): Promise<number> {
    return [...(this.months.get(`${channel}#${month}`)?.values() ?? [])].reduce((a, b) => a + b, 0);
  }
}

/** A StateStore whose tables tests may also inspect directly (`store.runs.items`, `store.audit.events`). */
export interface MemoryStateStore extends StateStore {
  environments: MemoryEnvironments;
  runs: MemoryRuns;
  locks: MemoryLocks;
  audit: MemoryAudit;
  spend: MemorySpend;
}

export function createMemoryStore(): MemoryStateStore {
  return {
    environments: new MemoryEnvironments(),
    runs: new MemoryRuns(),
    locks: new MemoryLocks(),
    audit: new MemoryAudit(),
    spend: new MemorySpend(),
  };
}
