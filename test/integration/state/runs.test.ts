import { ConflictError, type Run } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';
import { inBatches, runRecord } from './fixtures';

describe('runs repository (dynalite)', () => {
  const db = useDynalite();

  it('creates a run at version 1, once', async () => {
    const run = await db.store.runs.create(runRecord({ runId: 'once' }));
    expect(run.version).toBe(1);
    expect(await db.store.runs.get('once')).toEqual(run);
    await expect(db.store.runs.create(runRecord({ runId: 'once' }))).rejects.toBeInstanceOf(ConflictError);
  });

  it('saves with the current version and rejects a stale one', async () => {
    const run = await db.store.runs.create(runRecord({ runId: 'save' }));
    const saved = await db.store.runs.save({ ...run, steps: { vpc: { status: 'done', attempts: 1 } } });
    expect(saved.version).toBe(2);
    expect((await db.store.runs.get('save'))?.steps.vpc.status).toBe('done');
    await expect(db.store.runs.save({ ...run, status: 'failed' })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.store.runs.get('save')).toEqual(saved);
  });

  it('lets exactly one of two concurrent saves of the same version win', async () => {
    const run = await db.store.runs.create(runRecord({ runId: 'race' }));
    const results = await Promise.allSettled([
      db.store.runs.save({ ...run, summary: { by: 'A' } }),
      db.store.runs.save({ ...run, summary: { by: 'B' } }),
    ]);
    const won = results.filter((r): r is PromiseFulfilledResult<Run> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    expect(await db.store.runs.get('race')).toEqual(won[0].value);
  });

  it('lists runs of an env newest first, honouring the limit', async () => {
    for (let i = 0; i < 5; i++) {
      await db.store.runs.create(runRecord({ runId: `hist-${i}`, env: 'hist', createdAt: 10_000 + i }));
    }
    await db.store.runs.create(runRecord({ runId: 'other', env: 'not-hist' }));
    const all = await db.store.runs.listByEnv('hist');
    expect(all.map((r) => r.runId)).toEqual(['hist-4', 'hist-3', 'hist-2', 'hist-1', 'hist-0']);
    expect((await db.store.runs.listByEnv('hist', 2)).map((r) => r.runId)).toEqual(['hist-4', 'hist-3']);
  });

  describe('lease', () => {
    const minute = 60_000;

    it('is taken when free, refused to another owner while live, and renewable by its owner', async () => {
      await db.store.runs.create(runRecord({ runId: 'lease-1' }));
      const taken = await db.store.runs.acquireLease('lease-1', 'worker-a', 1_000, minute);
      expect(taken?.lease).toEqual({ owner: 'worker-a', until: 1_000 + minute });
      expect(taken?.version).toBe(2);

      expect(await db.store.runs.acquireLease('lease-1', 'worker-b', 2_000, minute)).toBeUndefined();
      expect((await db.store.runs.get('lease-1'))?.lease?.owner).toBe('worker-a');

      const renewed = await db.store.runs.acquireLease('lease-1', 'worker-a', 30_000, minute);
      expect(renewed?.lease).toEqual({ owner: 'worker-a', until: 30_000 + minute });
    });

    it('is re-taken by another owner once expired, which invalidates the old holder copy', async () => {
      await db.store.runs.create(runRecord({ runId: 'lease-2' }));
      const a = await db.store.runs.acquireLease('lease-2', 'worker-a', 1_000, minute);
      // At exactly `until` the lease is still live; one millisecond later it has expired.
      expect(await db.store.runs.acquireLease('lease-2', 'worker-b', 1_000 + minute, minute)).toBeUndefined();
      const b = await db.store.runs.acquireLease('lease-2', 'worker-b', 1_001 + minute, minute);
      expect(b?.lease?.owner).toBe('worker-b');
      await expect(db.store.runs.save(a as Run)).rejects.toBeInstanceOf(ConflictError);
    });

    it('lets exactly one of two concurrent acquirers win', async () => {
      await db.store.runs.create(runRecord({ runId: 'lease-3' }));
      const [x, y] = await Promise.all([
        db.store.runs.acquireLease('lease-3', 'worker-x', 5_000, minute),
        db.store.runs.acquireLease('lease-3', 'worker-y', 5_000, minute),
      ]);
      expect([x, y].filter(Boolean)).toHaveLength(1);
      const holder = (x ?? y)?.lease?.owner;
      expect((await db.store.runs.get('lease-3'))?.lease?.owner).toBe(holder);
    });

    it('is released only by its owner', async () => {
      await db.store.runs.create(runRecord({ runId: 'lease-4' }));
      await db.store.runs.acquireLease('lease-4', 'worker-a', 1_000, minute);
      await db.store.runs.releaseLease('lease-4', 'worker-b');
      expect((await db.store.runs.get('lease-4'))?.lease?.owner).toBe('worker-a');

      await db.store.runs.releaseLease('lease-4', 'worker-a');
      expect(await db.store.runs.get('lease-4')).not.toHaveProperty('lease');
      expect((await db.store.runs.acquireLease('lease-4', 'worker-b', 2_000, minute))?.lease?.owner).toBe(
        'worker-b',
      );
    });

    it('is not granted on a run that does not exist', async () => {
      expect(await db.store.runs.acquireLease('missing', 'worker-a', 1_000, minute)).toBeUndefined();
      expect(await db.store.runs.get('missing')).toBeUndefined();
    });
  });
});

describe('runs listRunning (dynalite)', () => {
  const db = useDynalite();

  it('lists exactly the running runs, leaving a run once it finishes, without the index attribute', async () => {
    const a = await db.store.runs.create(runRecord({ runId: 'a', createdAt: 1 }));
    await db.store.runs.create(runRecord({ runId: 'b', createdAt: 2 }));
    await db.store.runs.create(runRecord({ runId: 'c', createdAt: 3, status: 'succeeded' }));

    expect((await db.store.runs.listRunning()).map((r) => r.runId).sort()).toEqual(['a', 'b']);

    await db.store.runs.save({ ...a, status: 'failed', finishedAt: 9 });
    const running = await db.store.runs.listRunning();
    expect(running.map((r) => r.runId)).toEqual(['b']);
    expect(running[0]).not.toHaveProperty('runningShard');
    expect(await db.store.runs.get('b')).not.toHaveProperty('runningShard');
  });

  it('reads every running run across pages', async () => {
    const steps = { big: { status: 'running' as const, attempts: 1, note: 'y'.repeat(8_000) } };
    await inBatches(200, 20, (i) =>
      db.store.runs.create(runRecord({ runId: `many-${i}`, createdAt: 100 + i, steps })),
    );
    const running = await db.store.runs.listRunning();
    expect(running.filter((r) => r.runId.startsWith('many-'))).toHaveLength(200);
  });
});
