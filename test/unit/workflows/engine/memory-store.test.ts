import { ConflictError } from '../../../../src/state/types';
import { createMemoryStore } from '../../../helpers/memory-store';

const newRun = {
  runId: 'r1',
  env: 'demo',
  kind: 'create' as const,
  status: 'running' as const,
  requestedBy: 'U1',
  params: {},
  steps: {},
  createdAt: 0,
  updatedAt: 0,
};

describe('memory store semantics (the DynamoDB contract the engine relies on)', () => {
  it('creates runs once and rejects stale saves', async () => {
    const store = createMemoryStore();
    const run = await store.runs.create(newRun);
    expect(run.version).toBe(1);
    await expect(store.runs.create(newRun)).rejects.toBeInstanceOf(ConflictError);
    const saved = await store.runs.save({ ...run, summary: { x: 1 } });
    expect(saved.version).toBe(2);
    await expect(store.runs.save({ ...run, summary: { x: 2 } })).rejects.toBeInstanceOf(ConflictError);
    saved.summary = { mutated: true };
    expect((await store.runs.get('r1'))?.summary).toEqual({ x: 1 });
  });

  it('records an audit event with a key once per env, as the DynamoDB repository does', async () => {
    const store = createMemoryStore();
    const event = { env: 'demo', at: 1, actor: 'U1', action: 'create.succeeded', key: 'r1:end' };
    await store.audit.record(event);
    await store.audit.record({ ...event, at: 2, action: 'create.failed' });
    await store.audit.record({ ...event, env: 'other' });
    expect(store.audit.events.map((e) => [e.env, e.action])).toEqual([
      ['demo', 'create.succeeded'],
      ['other', 'create.succeeded'],
    ]);
  });

  it('grants a lease only when free, expired or already held by the same owner', async () => {
    const store = createMemoryStore();
    await store.runs.create(newRun);
    expect((await store.runs.acquireLease('r1', 'a', 1_000, 500))?.lease).toEqual({
      owner: 'a',
      until: 1_500,
    });
    expect(await store.runs.acquireLease('r1', 'b', 1_499, 500)).toBeUndefined();
    expect((await store.runs.acquireLease('r1', 'a', 1_499, 500))?.lease).toEqual({
      owner: 'a',
      until: 1_999,
    });
    expect(await store.runs.acquireLease('r1', 'b', 1_999, 500)).toBeUndefined();
    expect((await store.runs.acquireLease('r1', 'b', 2_000, 500))?.lease).toEqual({
      owner: 'b',
      until: 2_500,
    });
    await store.runs.releaseLease('r1', 'a');
    expect((await store.runs.get('r1'))?.lease?.owner).toBe('b');
    await store.runs.releaseLease('r1', 'b');
    expect((await store.runs.get('r1'))?.lease).toBeUndefined();
  });

  it('locks create-if-absent and release only for the holding run', async () => {
    const store = createMemoryStore();
    const lock = { env: 'demo', runId: 'r1', kind: 'create' as const, holder: 'U1', acquiredAt: 0 };
    expect(await store.locks.acquire(lock)).toEqual({ acquired: true });
    expect(await store.locks.acquire({ ...lock, runId: 'r2' })).toEqual({ acquired: false, heldBy: lock });
    await store.locks.release('demo', 'r2');
    expect(await store.locks.get('demo')).toEqual(lock);
    await store.locks.release('demo', 'r1');
    expect(await store.locks.get('demo')).toBeUndefined();
  });

  it('environments: create-if-absent unless destroyed, version-checked updates, active list', async () => {
    const store = createMemoryStore();
    const env = {
      name: 'demo',
      channel: 'C1',
      owner: 'U1',
      status: 'creating' as const,
      region: 'ap-northeast-1',
      multiAz: 'now' as const,
      createdAt: 0,
      updatedAt: 0,
      expiresAt: 1,
      resources: {},
      outputs: {},
    };
    const created = await store.environments.create(env);
    await expect(store.environments.create(env)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.environments.update('demo', 7, { status: 'ready' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const destroyed = await store.environments.update('demo', created.version, { status: 'destroyed' });
    expect(destroyed.version).toBe(2);
    expect(await store.environments.listActive()).toEqual([]);
    expect((await store.environments.create(env)).version).toBe(1);
    expect((await store.environments.listActive({ channel: 'C1' })).map((e) => e.name)).toEqual(['demo']);
  });
});
