import type { EnvLock } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';

const lock = (overrides: Partial<EnvLock> = {}): EnvLock => ({
  env: 'demo',
  runId: 'run-1',
  kind: 'create',
  holder: 'U1',
  acquiredAt: 1_000,
  ...overrides,
});

describe('locks repository (dynalite)', () => {
  const db = useDynalite();

  it('acquires a free lock and returns the holder to a second acquirer', async () => {
    const first = lock({ env: 'held' });
    expect(await db.store.locks.acquire(first)).toEqual({ acquired: true });
    expect(await db.store.locks.get('held')).toEqual(first);

    const second = await db.store.locks.acquire(
      lock({ env: 'held', runId: 'run-2', kind: 'destroy', holder: 'U2' }),
    );
    expect(second).toEqual({ acquired: false, heldBy: first });
  });

  it('gives the lock to exactly one of several concurrent acquirers', async () => {
    const results = await Promise.all(
      ['r1', 'r2', 'r3', 'r4'].map((runId) => db.store.locks.acquire(lock({ env: 'contended', runId }))),
    );
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const holder = (await db.store.locks.get('contended'))?.runId;
    for (const r of results) if (!r.acquired) expect(r.heldBy.runId).toBe(holder);
  });

  it('ignores a release by a run that does not hold the lock', async () => {
    await db.store.locks.acquire(lock({ env: 'mine', runId: 'owner-run' }));
    await db.store.locks.release('mine', 'someone-else');
    expect((await db.store.locks.get('mine'))?.runId).toBe('owner-run');
  });

  it('releases for the holding run, after which the env can be locked again', async () => {
    await db.store.locks.acquire(lock({ env: 'cycle', runId: 'first' }));
    await db.store.locks.release('cycle', 'first');
    expect(await db.store.locks.get('cycle')).toBeUndefined();
    expect(await db.store.locks.acquire(lock({ env: 'cycle', runId: 'second' }))).toEqual({ acquired: true });
  });

  it('treats releasing a lock nobody holds as a no-op', async () => {
    await expect(db.store.locks.release('never-locked', 'run-1')).resolves.toBeUndefined();
  });
});
