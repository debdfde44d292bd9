/**
 * The reminder policy's smaller rules, one by one: how recorded marks are read back, when the
 * current expiry counts as chosen, what a Snooze forgets, the auto-destroy switches, the retry
 * of a refused auto-destroy and the edges of "still ahead when the expiry was set". Written
 * against the mutants that survived policy.test.ts (quality/README.md).
 */
import type { Environment } from '../../../../src/state/types';
import {
  autoDestroyEnabled,
  defaultReminderSettings as settings,
  expirySetAt,
  nextReminderAction,
  readMarks,
  snoozedMarks,
} from '../../../../src/workflows/remind/policy';
import { storedEnvironment } from '../../../helpers/records';

const H = 3_600_000;
const M = 60_000;
const EXPIRY = Date.UTC(2026, 10, 27, 12, 0, 0);
const CREATED = EXPIRY - 24 * H;

const env = (over: Partial<Environment> = {}): Environment =>
  storedEnvironment({ createdAt: CREATED, updatedAt: CREATED, expiresAt: EXPIRY, ...over });
const withMarks = (reminders: Record<string, unknown>, over: Partial<Environment> = {}) =>
  env({ ...over, meta: { ...over.meta, reminders } });

test('the defaults: warn 2 h and 30 min ahead, auto-destroy, overdue daily, retry a refused destroy after 15 min', () => {
  expect(settings).toEqual({
    warnLeadMs: [2 * H, 30 * M],
    autoDestroy: true,
    overdueEveryMs: 24 * H,
    destroyRetryMs: 15 * M,
  });
});

describe('readMarks', () => {
  test('no marks yet: a fresh set for the current expiry', () => {
    expect(readMarks(env())).toEqual({ forExpiry: EXPIRY, warned: [] });
  });

  test('marks for another expiry are dropped whole', () => {
    const old = withMarks({ forExpiry: EXPIRY - H, warned: [2 * H], overdueAt: 5, snoozedUntil: EXPIRY });
    expect(readMarks(old)).toEqual({ forExpiry: EXPIRY, warned: [] });
  });

  test('marks for this expiry are kept, field by field', () => {
    const marks = {
      forExpiry: EXPIRY,
      warned: [2 * H],
      overdueAt: 11,
      destroyStartedAt: 12,
      destroyRetryAt: 13,
      snoozedUntil: 14,
    };
    expect(readMarks(withMarks(marks))).toMatchObject(marks);
  });

  test('what is not a number is not a mark', () => {
    const read = readMarks(
      withMarks({ forExpiry: EXPIRY, warned: [2 * H, '30m', null], snoozedUntil: 'soon' }),
    );
    expect(read.warned).toEqual([2 * H]);
    expect('snoozedUntil' in read).toBe(false);
    expect(readMarks(withMarks({ forExpiry: EXPIRY, warned: 'all' })).warned).toEqual([]);
  });
});

describe('expirySetAt', () => {
  test('the extend time when recorded, else the creation time', () => {
    expect(expirySetAt(env())).toBe(CREATED);
    expect(expirySetAt(env({ meta: { expirySetAt: CREATED + H } }))).toBe(CREATED + H);
    expect(expirySetAt(env({ meta: { expirySetAt: String(CREATED + H) } }))).toBe(CREATED);
  });
});

describe('snoozedMarks', () => {
  test('forgets the warnings already due, keeps the ones still ahead, and sets the end', () => {
    const warned = withMarks({ forExpiry: EXPIRY, warned: [2 * H, 30 * M] });
    // At exactly the 2 h moment, the 2 h warning is due (forgotten); the 30 min one is ahead.
    expect(snoozedMarks(warned, EXPIRY - 2 * H, H)).toEqual({
      forExpiry: EXPIRY,
      warned: [30 * M],
      snoozedUntil: EXPIRY - H,
    });
    expect(snoozedMarks(warned, EXPIRY - 2 * H - 1, H).warned).toEqual([2 * H, 30 * M]);
    expect(snoozedMarks(warned, EXPIRY - 30 * M, H).warned).toEqual([]);
  });
});

describe('autoDestroyEnabled', () => {
  test('on only when on globally and not turned off for the env', () => {
    const off = { ...settings, autoDestroy: false };
    expect(autoDestroyEnabled(env(), settings)).toBe(true);
    expect(autoDestroyEnabled(env({ meta: { autoDestroy: true } }), settings)).toBe(true);
    expect(autoDestroyEnabled(env({ meta: { autoDestroy: false } }), settings)).toBe(false);
    expect(autoDestroyEnabled(env({ meta: { autoDestroy: true } }), off)).toBe(false);
  });
});

describe('nextReminderAction', () => {
  test('a ready environment is reminded', () => {
    expect(nextReminderAction(env({ status: 'ready' }), EXPIRY - H, settings)).toMatchObject({
      kind: 'warn',
    });
  });

  test('a refused auto-destroy is tried again from its retry time, not before', () => {
    const refused = withMarks({
      forExpiry: EXPIRY,
      warned: [2 * H, 30 * M],
      destroyRetryAt: EXPIRY + 15 * M,
    });
    expect(nextReminderAction(refused, EXPIRY + 15 * M - 1, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(refused, EXPIRY + 15 * M, settings)).toMatchObject({
      kind: 'destroy',
      marks: { destroyStartedAt: EXPIRY + 15 * M },
    });
  });

  test('the marks an action returns keep the ones already made', () => {
    const warned = withMarks({ forExpiry: EXPIRY, warned: [2 * H, 30 * M] });
    expect(nextReminderAction(warned, EXPIRY, settings)).toMatchObject({
      kind: 'destroy',
      marks: { forExpiry: EXPIRY, warned: [2 * H, 30 * M] },
    });
    const off = { ...settings, autoDestroy: false };
    expect(nextReminderAction(warned, EXPIRY, off)).toMatchObject({
      kind: 'overdue',
      marks: { forExpiry: EXPIRY, warned: [2 * H, 30 * M], overdueAt: EXPIRY },
    });
  });

  test('a warning is sent only if its moment was strictly after the expiry was set', () => {
    // Set exactly at the 30 min moment: that warning was never ahead, so it never comes.
    const atTheMoment = env({ createdAt: EXPIRY - 30 * M });
    expect(nextReminderAction(atTheMoment, EXPIRY - 30 * M, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(atTheMoment, EXPIRY - 1, settings)).toEqual({ kind: 'none' });
    const justBefore = env({ createdAt: EXPIRY - 30 * M - 1 });
    expect(nextReminderAction(justBefore, EXPIRY - 30 * M, settings)).toMatchObject({
      kind: 'warn',
      leadMs: 30 * M,
    });
  });

  test('a warning already sent is not sent again, even when another lead is configured later', () => {
    const leads = { ...settings, warnLeadMs: [30 * M, 2 * H] };
    const warned2h = withMarks({ forExpiry: EXPIRY, warned: [2 * H] });
    expect(nextReminderAction(warned2h, EXPIRY - H, leads)).toEqual({ kind: 'none' });
    expect(nextReminderAction(warned2h, EXPIRY - 10 * M, leads)).toMatchObject({
      kind: 'warn',
      leadMs: 30 * M,
      marks: { warned: [2 * H, 30 * M] },
    });
  });

  test('the leads warned about are kept most distant first, whatever order they are configured in', () => {
    const leads = { ...settings, warnLeadMs: [10 * M, 30 * M, 2 * H] };
    expect(nextReminderAction(env(), EXPIRY - 5 * M, leads)).toMatchObject({
      kind: 'warn',
      leadMs: 10 * M,
      marks: { warned: [2 * H, 30 * M, 10 * M] },
    });
  });

  test('the snooze ends at its end time exactly', () => {
    const snoozed = withMarks({ forExpiry: EXPIRY, warned: [], snoozedUntil: EXPIRY - H });
    expect(nextReminderAction(snoozed, EXPIRY - H - 1, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(snoozed, EXPIRY - H, settings)).toMatchObject({ kind: 'warn', leadMs: 2 * H });
  });
});
