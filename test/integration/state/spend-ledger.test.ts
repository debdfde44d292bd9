import { createStateStore } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';

describe('spend ledger (dynalite)', () => {
  const db = useDynalite();

  it('sums a channel month, overwrites a repeated entry, and loses no concurrent write', async () => {
    const { spend } = createStateStore(db.doc, db.prefix);
    expect(await spend.total('C1', '2026-01')).toBe(0);
    await spend.record('C1', '2026-01', 'demo@1', 1.25);
    await spend.record('C1', '2026-01', 'demo@1', 1.5); // the same env's teardown finished again
    await Promise.all(Array.from({ length: 6 }, (_, i) => spend.record('C1', '2026-01', `env${i}@1`, 1)));
    expect(await spend.total('C1', '2026-01')).toBeCloseTo(7.5, 10);
    expect(await spend.total('C1', '2026-02')).toBe(0);
    expect(await spend.total('C2', '2026-01')).toBe(0);
  });
});
