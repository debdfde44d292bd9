import { createStateStore, type EnvLock, type StateStore } from '../../../src/state';
import { startDynalite, type DynaliteHandle } from '../../helpers/dynalite';

const lock = (overrides: Partial<EnvLock> = {}): EnvLock => ({
  env: 'demo',
  runId: 'run-1',
  kind: 'create',
  holder: 'U1',
  acquiredAt: 1_000,
  ...overrides,
});

describe('locks repository (dynalite)', () => {
  let db: DynaliteHandle;
  let store: StateStore;
  beforeAll(async () => {
    db = await startDynalite();
    store = createStateStore(db.doc, db.prefix);
  });
  afterAll(() => db.close());

  it('acquires a free lock and returns the holder to a second acquirer', async () => {
    const first = lock({ env: 'held' });
    expect(await store.locks.acquire(first)).toEqual({ acquired: true });
    expect(await store.locks.get('held')).toEqual(first);

    const second = await store.locks.acquire(
      lock({ env: 'held', runId: 'run-2', kind: 'destroy', holder: 'U2' }),
    );
    expect(second).toEqual({ acquired: false, heldBy: first });
  });

  it('gives the lock to exactly one of several concurrent acquirers', async () => {
    const results = await Promise.all(
      ['r1', 'r2', 'r3', 'r4'].map((runId) => store.locks.acquire(lock({ env: 'contended', runId }))),
    );
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const holder = (await store.locks.get('contended'))?.runId;
    for (const r of results) if (!r.acquired) expect(r.heldBy.runId).toBe(holder);
  });

  it('ignores a release by a run that does not hold the lock', async () => {
    await store.locks.acquire(lock({ env: 'mine', runId: 'owner-run' }));
    await store.locks.release('mine', 'someone-else');
    expect((await store.locks.get('mine'))?.runId).toBe('owner-run');
  });

  it('releases for the holding run, after which the env can be locked again', async () => {
    await store.locks.acquire(lock({ env: 'cycle', runId: 'first' }));
    await store.locks.release('cycle', 'first');
    expect(await store.locks.get('cycle')).toBeUndefined();
    expect(await store.locks.acquire(lock({ env: 'cycle', runId: 'second' }))).toEqual({ acquired: true });
  });

  it('treats releasing a lock nobody holds as a no-op', async () => {
    await expect(store.locks.release('never-locked', 'run-1')).resolves.toBeUndefined();
  });
});
