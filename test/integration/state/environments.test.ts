import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, INDEX, tableNames } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';
import { envRecord, inBatches } from './fixtures';

describe('environments repository (dynalite)', () => {
  const db = useDynalite();

  it('creates an env at version 1 and reads it back without index attributes', async () => {
    const created = await db.store.environments.create(envRecord({ name: 'plain' }));
    expect(created.version).toBe(1);
    const read = await db.store.environments.get('plain');
    expect(read).toEqual({ ...envRecord({ name: 'plain' }), version: 1 });
    expect(read).not.toHaveProperty('activeShard');
    expect(read).not.toHaveProperty('activeSort');
  });

  it('returns undefined for an env that does not exist', async () => {
    expect(await db.store.environments.get('nope')).toBeUndefined();
  });

  it('refuses to create an env whose name is taken and not destroyed', async () => {
    await db.store.environments.create(envRecord({ name: 'taken' }));
    await expect(
      db.store.environments.create(envRecord({ name: 'taken', owner: 'U2' })),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await db.store.environments.get('taken'))?.owner).toBe('U1');
  });

  it('lets exactly one of two concurrent creates of the same name win', async () => {
    const results = await Promise.allSettled([
      db.store.environments.create(envRecord({ name: 'race', owner: 'UA' })),
      db.store.environments.create(envRecord({ name: 'race', owner: 'UB' })),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const winner = (won[0] as PromiseFulfilledResult<{ owner: string }>).value.owner;
    expect((await db.store.environments.get('race'))?.owner).toBe(winner);
  });

  it('updates with the current version, bumping it, and rejects a stale version', async () => {
    await db.store.environments.create(envRecord({ name: 'upd' }));
    const ready = await db.store.environments.update('upd', 1, {
      status: 'ready',
      outputs: { url: 'http://x' },
    });
    expect(ready.version).toBe(2);
    expect(ready.status).toBe('ready');

    await expect(db.store.environments.update('upd', 1, { status: 'failed' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await db.store.environments.get('upd')).toEqual(ready);
  });

  it('lets exactly one of two updates from the same version win', async () => {
    await db.store.environments.create(envRecord({ name: 'upd-race' }));
    const results = await Promise.allSettled([
      db.store.environments.update('upd-race', 1, { owner: 'UA' }),
      db.store.environments.update('upd-race', 1, { owner: 'UB' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await db.store.environments.get('upd-race'))?.version).toBe(2);
  });

  it('treats an update of a missing env as a conflict', async () => {
    await expect(db.store.environments.update('ghost', 1, { status: 'ready' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('clears an attribute patched to undefined', async () => {
    await db.store.environments.create(envRecord({ name: 'clear', currentRunId: 'r1' }));
    const cleared = await db.store.environments.update('clear', 1, {
      currentRunId: undefined,
      lastRunId: 'r1',
    });
    expect(cleared).not.toHaveProperty('currentRunId');
    expect(await db.store.environments.get('clear')).not.toHaveProperty('currentRunId');
  });

  it('allows re-creating a name only after it is destroyed, and keeps counting versions', async () => {
    const first = await db.store.environments.create(envRecord({ name: 'again' }));
    const destroying = await db.store.environments.update('again', first.version, { status: 'destroying' });
    await expect(db.store.environments.create(envRecord({ name: 'again' }))).rejects.toBeInstanceOf(
      ConflictError,
    );

    const destroyed = await db.store.environments.update('again', destroying.version, {
      status: 'destroyed',
    });
    const second = await db.store.environments.create(envRecord({ name: 'again', owner: 'U9' }));
    expect(second.owner).toBe('U9');
    expect(second.version).toBe(destroyed.version + 1);
    // A writer still holding the old env's version cannot touch the new one.
    await expect(
      db.store.environments.update('again', destroyed.version, { status: 'failed' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(db.store.environments.create(envRecord({ name: 'again' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('environments listActive (dynalite)', () => {
  const db = useDynalite();

  it('lists only envs that are not destroyed, filtered by channel, across many pages', async () => {
    // ~5 KB per item: 300 items is ~1.5 MB, more than one Query page.
    const padding = 'x'.repeat(5_000);
    const total = 300;
    await inBatches(total, 20, (i) =>
      db.store.environments.create(
        envRecord({
          name: `env-${String(i).padStart(3, '0')}`,
          channel: i % 3 === 0 ? 'CA' : 'CB',
          outputs: { padding },
        }),
      ),
    );
    // Destroy every tenth.
    for (let i = 0; i < total; i += 10) {
      const name = `env-${String(i).padStart(3, '0')}`;
      await db.store.environments.update(name, 1, { status: 'destroyed' });
    }

    const send = jest.spyOn(db.doc, 'send');
    const active = await db.store.environments.listActive();
    const queries = send.mock.calls.filter(([command]) => command instanceof QueryCommand).length;
    send.mockRestore();

    expect(queries).toBeGreaterThan(1); // really paginated
    expect(active).toHaveLength(total - total / 10);
    expect(new Set(active.map((e) => e.name)).size).toBe(active.length);
    expect(active.every((e) => e.status !== 'destroyed')).toBe(true);
    expect(active.some((e) => 'activeShard' in e || 'activeSort' in e)).toBe(false);

    const inA = await db.store.environments.listActive({ channel: 'CA' });
    const expectedA = Array.from({ length: total }, (_, i) => i).filter((i) => i % 3 === 0 && i % 10 !== 0);
    expect(inA.map((e) => e.name).sort()).toEqual(expectedA.map((i) => `env-${String(i).padStart(3, '0')}`));
    expect(inA.every((e) => e.channel === 'CA')).toBe(true);
    expect(await db.store.environments.listActive({ channel: 'C-none' })).toEqual([]);
  });

  it('keeps destroyed envs out of the active index itself (sparse GSI), not just out of the result', async () => {
    await db.store.environments.create(envRecord({ name: 'sparse', channel: 'CS' }));
    await db.store.environments.update('sparse', 1, { status: 'destroyed' });
    const { Items } = await db.doc.send(
      new QueryCommand({
        TableName: tableNames(db.prefix).environments,
        IndexName: INDEX.activeEnvironments,
        KeyConditionExpression: 'activeShard = :s AND begins_with(activeSort, :c)',
        ExpressionAttributeValues: { ':s': 'active', ':c': 'CS#' },
      }),
    );
    expect(Items).toEqual([]);
  });

  it('moves an env between channels in the index when its channel changes', async () => {
    await db.store.environments.create(envRecord({ name: 'mover', channel: 'CM1' }));
    await db.store.environments.update('mover', 1, { channel: 'CM2' });
    expect(await db.store.environments.listActive({ channel: 'CM1' })).toEqual([]);
    expect((await db.store.environments.listActive({ channel: 'CM2' })).map((e) => e.name)).toEqual([
      'mover',
    ]);
  });
});
