/**
 * An in-memory OutboxRepository with the DynamoDB one's conditions (create-if-absent, a lease only
 * on a due, pending, unleased message, version-checked saves), for fast unit tests. The once-only
 * property is proven on dynalite (test/integration/bot/), not here.
 */
import {
  ConflictError,
  pendingMessage,
  type NewOutboxMessage,
  type OutboxMessage,
  type OutboxRepository,
  type RunMessagePointer,
} from '../../src/state';

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryOutbox implements OutboxRepository {
  readonly messages = new Map<string, OutboxMessage>();
  readonly claims = new Set<string>();
  readonly pointers = new Map<string, RunMessagePointer>();

  async add(message: NewOutboxMessage, now: number): Promise<boolean> {
    if (this.messages.has(message.id)) return false;
    this.messages.set(message.id, pendingMessage(copy(message), now));
    return true;
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    const m = this.messages.get(id);
    return m && copy(m);
  }

  async lease(
    id: string,
    owner: string,
    now: number,
    durationMs: number,
  ): Promise<OutboxMessage | undefined> {
    const m = this.messages.get(id);
    if (!m || m.status !== 'pending' || m.dueAt > now || (m.lease && m.lease.until >= now)) return undefined;
    const leased = { ...m, lease: { owner, until: now + durationMs }, version: m.version + 1 };
    this.messages.set(id, leased);
    return copy(leased);
  }

  async save(message: OutboxMessage): Promise<OutboxMessage> {
    const stored = this.messages.get(message.id);
    if (!stored || stored.version !== message.version)
      throw new ConflictError(`outbox ${message.id} changed`);
    const next = copy({ ...message, version: message.version + 1 });
    if (next.lease === undefined) delete next.lease;
    this.messages.set(message.id, next);
    return copy(next);
  }

  async listDue(now: number, limit: number): Promise<OutboxMessage[]> {
    return [...this.messages.values()]
      .filter((m) => m.status === 'pending' && m.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit)
      .map(copy);
  }

  async claimOnce(key: string): Promise<boolean> {
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  async runMessage(runId: string): Promise<RunMessagePointer | undefined> {
    const p = this.pointers.get(runId);
    return p && copy(p);
  }

  async setRunMessage(runId: string, pointer: RunMessagePointer): Promise<void> {
    this.pointers.set(runId, copy(pointer));
  }
}
