/**
 * The reminder pass's office hours, "Keep awake", deferred wakes and the re-stop after RDS's
 * own start, on a hand-moved clock: a fake starter plays the sleep/wake runs (they finish at
 * once and write `meta.power` as the workflows' onFinish would).
 */
import type { OfficeHours, PowerRecord } from '../../../../src/state/power';
import { powerOf } from '../../../../src/state/power';
import type { Environment } from '../../../../src/state/types';
import type { PowerKind, PowerReason } from '../../../../src/workflows/power/start';
import { RDS_MAX_STOPPED_MS } from '../../../../src/workflows/power/record';
import {
  POWER_CLAIM_RETRY_MS,
  runPowerPass,
  type PowerStartOutcome,
} from '../../../../src/workflows/remind/power-pass';
import { createMemoryStore, type MemoryStateStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const iso = (t: number) => new Date(t).toISOString().slice(0, 16) + 'Z';
/** Monday 2026-01-05 00:00 in Tokyo. */
const MONDAY_TOKYO = Date.parse('2026-01-04T15:00Z');

const TOKYO: OfficeHours = {
  start: 9 * 60,
  end: 19 * 60,
  days: [1, 2, 3, 4, 5],
  timeZone: 'Asia/Tokyo',
  setAt: 0,
};

interface Started {
  at: string;
  kind: PowerKind;
  reason: PowerReason;
}

/** Every start asked for, busy or not: when, and under which key it would be announced. */
interface Asked {
  at: string;
  key: string;
}

function setup(outcome: (kind: PowerKind) => PowerStartOutcome = () => ({ started: true })) {
  const store: MemoryStateStore = createMemoryStore();
  const started: Started[] = [];
  const asked: Asked[] = [];
  let now = MONDAY_TOKYO;
  const pass = async () =>
    runPowerPass(
      {
        store,
        now: () => now,
        async start(env: Environment, kind, reason, key) {
          asked.push({ at: iso(now), key });
          const result = outcome(kind);
          if (!result.started) return result;
          started.push({ at: iso(now), kind, reason });
          // The run ends at once: onFinish writes the state it leaves, and the env's last run.
          const e = (await store.environments.get(env.name))!;
          const p = powerOf(e) ?? { state: 'awake', since: now, webOff: [], dbOff: [] };
          const power: PowerRecord =
            kind === 'sleep'
              ? {
                  ...p,
                  state: 'asleep',
                  since: now,
                  dbStoppedAt: now,
                  dbCheckedAt: now,
                  keepAwakeUntil: undefined,
                }
              : { ...p, state: 'awake', since: now, dbStoppedAt: undefined };
          await store.environments.update(e.name, e.version, {
            meta: { ...e.meta, power },
            lastRunId: `${kind}-${started.length}`,
          });
          return result;
        },
      },
      await store.environments.listActive(),
      now,
    );
  return {
    store,
    started,
    asked,
    pass,
    at: (t: number) => (now = t),
    now: () => now,
    /** Runs a pass every 5 minutes until `until`. */
    async every5m(until: number) {
      while (now < until) {
        now += 5 * M;
        await pass();
      }
    },
  };
}

async function seed(
  store: MemoryStateStore,
  meta: Record<string, unknown>,
  patch: Partial<Environment> = {},
) {
  await store.environments.create(
    newEnvironment({ createdAt: 0, expiresAt: Date.parse('2027-01-01'), meta, ...patch }),
  );
}

describe('office hours', () => {
  test('a Tokyo week: asleep at 19:00 and awake at 09:00 on weekdays, once each, untouched over the weekend', async () => {
    const t = setup();
    await seed(t.store, { hours: { ...TOKYO, setAt: MONDAY_TOKYO } });
    await t.every5m(MONDAY_TOKYO + 7 * D + 10 * H);
    expect(t.started.map((s) => `${s.kind} ${s.at}`)).toEqual([
      'sleep 2026-01-05T10:00Z', // Monday 19:00 JST
      'wake 2026-01-06T00:00Z', // Tuesday 09:00
      'sleep 2026-01-06T10:00Z',
      'wake 2026-01-07T00:00Z',
      'sleep 2026-01-07T10:00Z',
      'wake 2026-01-08T00:00Z',
      'sleep 2026-01-08T10:00Z',
      'wake 2026-01-09T00:00Z',
      'sleep 2026-01-09T10:00Z', // Friday 19:00: asleep until Monday
      'wake 2026-01-12T00:00Z',
    ]);
    expect(t.started.every((s) => s.reason === 'office-hours')).toBe(true);
  });

  test('New York across the change to daylight saving time: 19:00 local both weeks', async () => {
    const t = setup();
    const friday = Date.parse('2026-03-06T12:00Z');
    t.at(friday);
    await seed(t.store, { hours: { ...TOKYO, timeZone: 'America/New_York', setAt: friday } });
    await t.every5m(Date.parse('2026-03-10T12:00Z'));
    expect(t.started.map((s) => `${s.kind} ${s.at}`)).toEqual([
      'sleep 2026-03-07T00:00Z', // Friday 19:00 EST
      'wake 2026-03-09T13:00Z', // Monday 09:00 EDT (clocks moved on Sunday)
      'sleep 2026-03-09T23:00Z', // Monday 19:00 EDT
    ]);
  });

  test('edges before the hours were set are not acted on', async () => {
    const t = setup();
    t.at(MONDAY_TOKYO + 20 * H); // Monday 20:00 JST: the 19:00 edge has passed
    await seed(t.store, { hours: { ...TOKYO, setAt: t.now() } });
    await t.pass();
    expect(t.started).toEqual([]);
    await t.every5m(MONDAY_TOKYO + D + 19 * H + 5 * M);
    expect(t.started.map((s) => `${s.kind} ${s.at}`)).toEqual(['sleep 2026-01-06T10:00Z']);
  });

  test('a wake edge finds it awake (woken by hand): nothing to do; a busy env is acted on once free', async () => {
    const t = setup();
    t.at(MONDAY_TOKYO + 19 * H + M);
    await seed(t.store, { hours: { ...TOKYO, setAt: 0 } }, { currentRunId: 'demo-failover-1' });
    await t.pass();
    expect(t.started).toEqual([]); // a drill holds it
    const e = (await t.store.environments.get('demo'))!;
    await t.store.environments.update('demo', e.version, { currentRunId: undefined });
    await t.pass();
    expect(t.started.map((s) => s.kind)).toEqual(['sleep']);
  });

  test('a pass that stops between its claim and the start: a pass 15 min later starts it, under the same key', async () => {
    let crash = true;
    const t = setup(() => {
      if (crash) throw new Error('the reminder Lambda timed out');
      return { started: true };
    });
    t.at(MONDAY_TOKYO + 19 * H + M);
    await seed(t.store, { hours: { ...TOKYO, setAt: 0 } });
    await expect(t.pass()).rejects.toThrow('timed out');
    crash = false;
    // The edge is claimed (handled), so the next passes see nothing new until the claim is stale.
    await t.every5m(MONDAY_TOKYO + 19 * H + M + POWER_CLAIM_RETRY_MS - 5 * M); // passes up to 19:11
    expect(t.started).toEqual([]);
    await t.every5m(MONDAY_TOKYO + 19 * H + M + POWER_CLAIM_RETRY_MS);
    expect(t.started.map((s) => `${s.kind} ${s.reason}`)).toEqual(['sleep office-hours']);
    expect(new Set(t.asked.map((a) => a.key)).size).toBe(1);
    // Done once the run has been: the passes after it start nothing more before the wake edge.
    await t.every5m(MONDAY_TOKYO + D + 8 * H);
    expect(t.started).toHaveLength(1);
  });

  test('a start refused for good (not busy) is not claimed again', async () => {
    const t = setup(() => ({ started: false, reason: 'the env is asleep already' }));
    t.at(MONDAY_TOKYO + 19 * H + M);
    await seed(t.store, { hours: { ...TOKYO, setAt: 0 } });
    await t.pass();
    await t.every5m(MONDAY_TOKYO + 23 * H);
    expect(t.asked).toHaveLength(1);
  });

  test('a start refused because the env is busy gives the claim back; the next pass starts it', async () => {
    let busy = true;
    const t = setup(() => (busy ? { started: false, busy: true, reason: 'locked' } : { started: true }));
    t.at(MONDAY_TOKYO + 19 * H + M);
    await seed(t.store, { hours: { ...TOKYO, setAt: 0 } });
    await t.pass();
    expect(t.started).toEqual([]);
    busy = false;
    await t.pass();
    expect(t.started.map((s) => s.kind)).toEqual(['sleep']);
    await t.pass();
    expect(t.started).toHaveLength(1);
  });

  test('each action is announced under one key, whichever pass acts on it: the same one after a give-back, 5 minutes later', async () => {
    const cases: { meta: Record<string, unknown>; key: string }[] = [
      // The 19:00 sleep edge.
      { meta: { hours: { ...TOKYO, setAt: 0 } }, key: `hours#sleep#${MONDAY_TOKYO + 19 * H}` },
      // A wake asked for during the sleep that began at 18:00.
      {
        meta: {
          power: {
            state: 'asleep',
            since: MONDAY_TOKYO + 18 * H,
            webOff: [],
            dbOff: [],
            wakeRequested: true,
          },
        },
        key: `wake-asked#${MONDAY_TOKYO + 18 * H}`,
      },
      // A keep-awake that ended at 19:00, outside the hours.
      {
        meta: {
          hours: { ...TOKYO, setAt: 0, handledEdgeAt: MONDAY_TOKYO + 19 * H },
          power: { state: 'awake', since: 0, webOff: [], dbOff: [], keepAwakeUntil: MONDAY_TOKYO + 19 * H },
        },
        key: `kept-awake#${MONDAY_TOKYO + 19 * H}`,
      },
    ];
    for (const { meta, key } of cases) {
      let busy = 2;
      const t = setup(() =>
        busy-- > 0 ? { started: false, busy: true, reason: 'locked' } : { started: true },
      );
      t.at(MONDAY_TOKYO + 19 * H + M);
      await seed(t.store, meta);
      await t.pass();
      t.at(t.now() + 5 * M);
      await Promise.all([t.pass(), t.pass()]);
      t.at(t.now() + 5 * M);
      await t.pass();
      expect(t.started).toHaveLength(1);
      // Asked three times (two give-backs, then started), under the same key each time.
      expect(t.asked.map((a) => a.key)).toEqual(Array(3).fill(`power#demo#0#${key}`));
    }
  });

  test('two passes at once start one sleep', async () => {
    const t = setup();
    t.at(MONDAY_TOKYO + 19 * H + M);
    await seed(t.store, { hours: { ...TOKYO, setAt: 0 } });
    await Promise.all([t.pass(), t.pass()]);
    expect(t.started).toHaveLength(1);
  });
});

describe('Keep awake 2 h and deferred wakes', () => {
  test('keeps it awake past the sleep edge, then puts it to sleep when the 2 h are up', async () => {
    const t = setup();
    const edge = MONDAY_TOKYO + 19 * H;
    const power: PowerRecord = { state: 'awake', since: 0, webOff: [], dbOff: [], keepAwakeUntil: edge + H };
    await seed(t.store, { hours: { ...TOKYO, setAt: 0 }, power });
    t.at(edge - 5 * M);
    await t.every5m(edge + 3 * H);
    expect(t.started.map((s) => `${s.kind} ${s.at}`)).toEqual(['sleep 2026-01-05T11:00Z']);
  });

  test('a keep-awake that ends inside office hours just ends', async () => {
    const t = setup();
    const power: PowerRecord = {
      state: 'awake',
      since: 0,
      webOff: [],
      dbOff: [],
      keepAwakeUntil: MONDAY_TOKYO + 10 * H,
    };
    await seed(t.store, { hours: { ...TOKYO, setAt: MONDAY_TOKYO + 10 * H }, power });
    t.at(MONDAY_TOKYO + 10 * H + M);
    await t.pass();
    expect(t.started).toEqual([]);
    expect(powerOf((await t.store.environments.get('demo'))!)?.keepAwakeUntil).toBeUndefined();
  });

  test('a wake asked for while the env was busy happens once, when it is free', async () => {
    const t = setup();
    const power: PowerRecord = {
      state: 'asleep',
      since: 0,
      webOff: [{ start: 0 }],
      dbOff: [],
      wakeRequested: true,
    };
    await seed(t.store, { power });
    await t.pass();
    await t.pass();
    expect(t.started.map((s) => `${s.kind} ${s.reason}`)).toEqual(['wake keep-awake']);
  });
});

describe("RDS's own start after 7 days", () => {
  test('a sleeping env whose DB has been stopped 7 days gets a sleep run that stops it again, once', async () => {
    const t = setup();
    const stoppedAt = MONDAY_TOKYO;
    const power: PowerRecord = {
      state: 'asleep',
      since: stoppedAt,
      webOff: [{ start: stoppedAt }],
      dbOff: [{ start: stoppedAt }],
      dbStoppedAt: stoppedAt,
      dbCheckedAt: stoppedAt,
    };
    await seed(t.store, { power });
    t.at(stoppedAt + RDS_MAX_STOPPED_MS - 5 * M);
    await t.pass();
    expect(t.started).toEqual([]);
    await t.every5m(stoppedAt + RDS_MAX_STOPPED_MS + 3 * H);
    expect(t.started.map((s) => `${s.kind} ${s.reason} ${s.at}`)).toEqual([
      `sleep db-auto-start ${iso(stoppedAt + RDS_MAX_STOPPED_MS)}`,
    ]);
  });

  test('it looks again hourly while the record still says the DB is due', async () => {
    const t = setup(() => ({ started: false, reason: 'not ready' }));
    const power: PowerRecord = {
      state: 'asleep',
      since: 0,
      webOff: [],
      dbOff: [{ start: 0 }],
      dbStoppedAt: 0,
    };
    await seed(t.store, { power });
    t.at(RDS_MAX_STOPPED_MS);
    await t.pass();
    t.at(RDS_MAX_STOPPED_MS + 30 * M);
    await t.pass();
    expect(powerOf((await t.store.environments.get('demo'))!)?.dbCheckedAt).toBe(RDS_MAX_STOPPED_MS);
    t.at(RDS_MAX_STOPPED_MS + H);
    await t.pass();
    expect(powerOf((await t.store.environments.get('demo'))!)?.dbCheckedAt).toBe(RDS_MAX_STOPPED_MS + H);
  });
});
