import { extendEnvironment } from '../../../../src/workflows/remind/extend';
import { createMemoryStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';
import { inEnglish } from '../../../helpers/english-said';

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 27, 0, 0, 0);

async function storeWith(expiresAt: number, status: 'ready' | 'destroying' | 'destroyed' = 'ready') {
  const store = createMemoryStore();
  await store.environments.create(
    newEnvironment({ status, createdAt: NOW - H, updatedAt: NOW - H, expiresAt }),
  );
  return store;
}

const base = { name: 'demo', by: 'U1', now: NOW, maxTtlMs: 72 * H };

describe('extendEnvironment', () => {
  it('adds the duration to the current expiry', async () => {
    const store = await storeWith(NOW + 2 * H);
    const out = await extendEnvironment(store.environments, { ...base, durationMs: 24 * H });
    expect(out).toMatchObject({ ok: true, previousExpiresAt: NOW + 2 * H, env: { expiresAt: NOW + 26 * H } });
  });

  it('counts from now for an environment already past its expiry', async () => {
    const store = await storeWith(NOW - 5 * H);
    const out = await extendEnvironment(store.environments, { ...base, durationMs: H });
    expect(out).toMatchObject({ ok: true, env: { expiresAt: NOW + H } });
  });

  it('refuses to go past the maximum TTL and changes nothing', async () => {
    const store = await storeWith(NOW + 60 * H);
    const out = await extendEnvironment(store.environments, { ...base, durationMs: 24 * H });
    expect(inEnglish(out)).toEqual({
      ok: false,
      reason: 'that would keep demo for 3d 12h from now; an environment may be kept at most 3d ahead',
    });
    expect((await store.environments.get('demo'))?.expiresAt).toBe(NOW + 60 * H);
  });

  it('refuses an extension that would spend more than the cost cap', async () => {
    const store = await storeWith(NOW + 2 * H);
    // 26 h at $0.25/h = $6.50 > $5.00
    const spendUntil = jest.fn(async (expiresAt: number) => ((expiresAt - NOW) / H) * 0.25);
    const out = await extendEnvironment(store.environments, {
      ...base,
      durationMs: 24 * H,
      costCapUsd: 5,
      spendUntil,
    });
    expect(spendUntil).toHaveBeenCalledWith(NOW + 26 * H);
    expect(inEnglish(out)).toEqual({
      ok: false,
      reason: 'keeping demo until then would cost about $6.50, over the $5.00 cap for an extension',
    });
  });

  it('refuses unknown, destroyed and destroying environments', async () => {
    const missing = createMemoryStore();
    expect(await extendEnvironment(missing.environments, { ...base, durationMs: H })).toMatchObject({
      ok: false,
    });
    const destroying = await storeWith(NOW + H, 'destroying');
    expect(inEnglish(await extendEnvironment(destroying.environments, { ...base, durationMs: H }))).toEqual({
      ok: false,
      reason: 'demo is being destroyed',
    });
  });
});
