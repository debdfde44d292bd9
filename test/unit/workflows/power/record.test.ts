import type { PowerRecord } from '../../../../src/state/power';
import { afterSleep, afterWake, RDS_MAX_STOPPED_MS } from '../../../../src/workflows/power/record';

const H = 3_600_000;
const T = Date.UTC(2026, 0, 5, 10);

const asleep: PowerRecord = {
  state: 'asleep',
  since: T,
  webOff: [{ start: T }],
  dbOff: [{ start: T }],
  dbStoppedAt: T,
};

describe('afterSleep', () => {
  it('opens a stretch for what it saw stopped and says asleep since the later of the two', () => {
    const { power, restoppedDb } = afterSleep(undefined, {
      now: T + 5 * 60_000,
      webStoppedAt: T + 60_000,
      webStopSentAt: T,
      dbStoppedAt: T + 4 * 60_000,
      dbStopSentAt: T,
    });
    expect(restoppedDb).toBe(false);
    expect(power).toMatchObject({
      state: 'asleep',
      since: T + 4 * 60_000,
      webOff: [{ start: T + 60_000 }],
      dbOff: [{ start: T + 4 * 60_000 }],
      dbStoppedAt: T + 4 * 60_000,
    });
  });

  it("closes the DB stretch at RDS's own start 7 days on, and opens a new one when stopped again", () => {
    const found = T + RDS_MAX_STOPPED_MS + H;
    const { power, restoppedDb } = afterSleep(asleep, {
      now: found + 10 * 60_000,
      webStoppedAt: found,
      dbStopSentAt: found,
      dbStoppedAt: found + 4 * 60_000,
    });
    expect(restoppedDb).toBe(true);
    expect(power.dbOff).toEqual([{ start: T, end: T + RDS_MAX_STOPPED_MS }, { start: found + 4 * 60_000 }]);
    expect(power.webOff).toEqual([{ start: T }]); // untouched: they never ran
    expect(power).toMatchObject({ state: 'asleep', since: T, dbStoppedAt: found + 4 * 60_000 });
  });

  it('counts web servers someone started behind its back as running all along', () => {
    const { power } = afterSleep(asleep, {
      now: T + 3 * H,
      webStopSentAt: T + 2 * H,
      webStoppedAt: T + 2 * H + 60_000,
    });
    expect(power.webOff).toEqual([{ start: T + 2 * H + 60_000 }]);
  });

  it('keeps a Keep awake still in force and a wake asked for while the sleep ran', () => {
    const prior: PowerRecord = { ...asleep, state: 'awake', keepAwakeUntil: T + 3 * H, wakeRequested: true };
    const { power } = afterSleep(prior, { now: T + H, webStoppedAt: T + H, webStopSentAt: T });
    expect(power).toMatchObject({ keepAwakeUntil: T + 3 * H, wakeRequested: true });
    const later = afterSleep({ ...prior, wakeRequested: undefined }, { now: T + 4 * H }).power;
    expect(later.keepAwakeUntil).toBeUndefined();
    expect(later.wakeRequested).toBeUndefined();
  });

  it('stays awake when nothing stopped (a sleep that failed at once)', () => {
    expect(afterSleep(undefined, { now: T }).power.state).toBe('awake');
  });
});

describe('afterWake', () => {
  it('closes the stretches at the starts it sent and says awake since now', () => {
    const power = afterWake(asleep, {
      now: T + 9 * H,
      web: { any: true, all: true, sentAt: T + 8 * H },
      db: { any: true, all: true, sentAt: T + 8 * H + 1 },
    });
    expect(power).toEqual({
      state: 'awake',
      since: T + 9 * H,
      webOff: [{ start: T, end: T + 8 * H }],
      dbOff: [{ start: T, end: T + 8 * H + 1 }],
    });
  });

  it('closes a DB RDS started by itself at that start', () => {
    const now = T + RDS_MAX_STOPPED_MS + 2 * H;
    const power = afterWake(asleep, {
      now,
      web: { any: true, all: true, sentAt: now },
      db: { any: true, all: true },
    });
    expect(power.dbOff).toEqual([{ start: T, end: T + RDS_MAX_STOPPED_MS }]);
  });

  it('stays asleep while anything is still down, with only what came up closed', () => {
    const power = afterWake(asleep, {
      now: T + 9 * H,
      web: { any: false, all: false, sentAt: T + 8 * H },
      db: { any: true, all: true, sentAt: T + 8 * H },
    });
    expect(power).toMatchObject({
      state: 'asleep',
      since: T,
      webOff: [{ start: T }],
    });
    expect(power.dbStoppedAt).toBeUndefined();
    expect(power.dbOff).toEqual([{ start: T, end: T + 8 * H }]);
  });

  it('changes nothing it does not know about', () => {
    expect(afterWake(asleep, { now: T + H })).toEqual({ ...asleep, dbStoppedAt: T });
  });
});
