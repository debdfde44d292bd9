import { auditSortKey, DynamoAuditRepository, tableNames } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';

describe('audit repository (dynalite)', () => {
  const db = useDynalite();

  it('lists an env events newest first, by time not by insertion order, without the sort key', async () => {
    // Times of different digit counts: string order must still be time order.
    for (const at of [50, 7, 1_000, 999]) {
      await db.store.audit.record({ env: 'ordered', at, actor: 'U1', action: `a${at}`, detail: { at } });
    }
    await db.store.audit.record({ env: 'elsewhere', at: 5, actor: 'U1', action: 'x' });

    const events = await db.store.audit.list('ordered');
    expect(events.map((e) => e.at)).toEqual([1_000, 999, 50, 7]);
    expect(events[0]).toEqual({
      env: 'ordered',
      at: 1_000,
      actor: 'U1',
      action: 'a1000',
      detail: { at: 1_000 },
    });
    expect((await db.store.audit.list('ordered', 2)).map((e) => e.at)).toEqual([1_000, 999]);
  });

  it('keeps events recorded in the same millisecond', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.store.audit.record({ env: 'same-ms', at: 42, actor: 'U1', action: `n${i}` }),
      ),
    );
    expect(await db.store.audit.list('same-ms')).toHaveLength(20);
  });

  it('draws a new suffix instead of overwriting when the random part collides', async () => {
    const suffixes = ['dup', 'dup', 'fresh'];
    const repo = new DynamoAuditRepository(
      db.doc,
      tableNames(db.prefix).audit,
      () => suffixes.shift() ?? 'z',
    );
    await repo.record({ env: 'collide', at: 1, actor: 'U1', action: 'first' });
    await repo.record({ env: 'collide', at: 1, actor: 'U1', action: 'second' });
    expect((await repo.list('collide')).map((e) => e.action).sort()).toEqual(['first', 'second']);
  });

  describe('once-only events (a key)', () => {
    const end = (at: number, action = 'destroy.succeeded') => ({
      env: 'once',
      at,
      actor: 'U1',
      action,
      detail: { runId: 'r1' },
      key: 'r1:end',
    });

    it('records the first event of a key and nothing for the same key again, later or at once', async () => {
      await db.store.audit.record(end(10));
      await db.store.audit.record(end(20));
      await Promise.all([db.store.audit.record(end(30)), db.store.audit.record(end(31, 'destroy.failed'))]);
      await db.store.audit.record({ env: 'once', at: 40, actor: 'U1', action: 'other' });
      const events = await db.store.audit.list('once');
      expect(events.map((e) => [e.action, e.at])).toEqual([
        ['other', 40],
        ['destroy.succeeded', 10],
      ]);
      // The same key in another env is another event.
      await db.store.audit.record({ ...end(50), env: 'once-2' });
      expect(await db.store.audit.list('once-2')).toHaveLength(1);
    });

    it('a writer that died between its claim and its event: the next attempt writes the claimed event', async () => {
      const table = tableNames(db.prefix).audit;
      let puts = 0;
      const dying = new DynamoAuditRepository(
        {
          send: (command: { constructor: { name: string } }) => {
            // The claim goes through; the process dies before the event itself is written.
            if (command.constructor.name === 'PutCommand' && ++puts === 2) throw new Error('process died');
            return db.doc.send(command as never);
          },
        } as never,
        table,
      );
      await expect(dying.record({ ...end(100), env: 'half' })).rejects.toThrow('process died');
      expect(await db.store.audit.list('half')).toEqual([]);
      await db.store.audit.record({ ...end(200), env: 'half' });
      await db.store.audit.record({ ...end(300), env: 'half' });
      // Exactly one event, as the first attempt meant it (its time, not the retries').
      expect((await db.store.audit.list('half')).map((e) => e.at)).toEqual([100]);
    });
  });

  it('makes sort keys whose string order is time order', () => {
    expect(auditSortKey(7, 'r') < auditSortKey(50, 'r')).toBe(true);
    expect(auditSortKey(1_764_200_000_000, 'a')).toBe('001764200000000#a');
  });
});
