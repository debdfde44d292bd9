import { createOnceMarkers } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';

describe('once markers (dynalite)', () => {
  const db = useDynalite();

  it('lets exactly one of many concurrent claimers have a key', async () => {
    const markers = createOnceMarkers(db.doc, db.prefix);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => markers.claim('digest#C1#2026-11-27', 1)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await markers.claim('digest#C1#2026-11-28', 2)).toBe(true);
  });
});
