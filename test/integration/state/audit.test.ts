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

  it('makes sort keys whose string order is time order', () => {
    expect(auditSortKey(7, 'r') < auditSortKey(50, 'r')).toBe(true);
    expect(auditSortKey(1_764_200_000_000, 'a')).toBe('001764200000000#a');
  });
});
