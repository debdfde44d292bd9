import type { Environment } from '../../../../src/state/types';
import {
  defaultReminderSettings,
  nextReminderAction,
  snoozedMarks,
  type ReminderAction,
} from '../../../../src/workflows/remind/policy';
import { storedEnvironment } from '../../../helpers/records';

const H = 3_600_000;
const M = 60_000;
const EXPIRY = Date.UTC(2026, 10, 27, 12, 0, 0);

function env(over: Partial<Environment> = {}): Environment {
  return storedEnvironment({
    createdAt: EXPIRY - 24 * H,
    updatedAt: EXPIRY - 24 * H,
    expiresAt: EXPIRY,
    ...over,
  });
}

describe('nextReminderAction', () => {
  const settings = defaultReminderSettings;

  it('does nothing while expiry is further away than the first lead time', () => {
    expect(nextReminderAction(env(), EXPIRY - 2 * H - 1, settings)).toEqual({ kind: 'none' });
  });

  it('warns 2 h ahead, then 30 min ahead, each once', () => {
    const first = nextReminderAction(env(), EXPIRY - 2 * H, settings);
    expect(first).toMatchObject({ kind: 'warn', leadMs: 2 * H });
    const marked = env({ meta: { reminders: first.kind === 'warn' ? first.marks : undefined } });
    expect(nextReminderAction(marked, EXPIRY - 31 * M, settings)).toEqual({ kind: 'none' });
    const second = nextReminderAction(marked, EXPIRY - 30 * M, settings);
    expect(second).toMatchObject({ kind: 'warn', leadMs: 30 * M });
    const both = env({ meta: { reminders: second.kind === 'warn' ? second.marks : undefined } });
    expect(nextReminderAction(both, EXPIRY - 1 * M, settings)).toEqual({ kind: 'none' });
  });

  it('sends only the most urgent warning when several are due at once, and marks them all', () => {
    const action = nextReminderAction(env(), EXPIRY - 10 * M, settings);
    expect(action).toMatchObject({ kind: 'warn', leadMs: 30 * M, marks: { warned: [2 * H, 30 * M] } });
  });

  it('starts over when the expiry moves (extend)', () => {
    const marks = { forExpiry: EXPIRY, warned: [2 * H, 30 * M] };
    const extended = env({ expiresAt: EXPIRY + 24 * H, meta: { reminders: marks } });
    expect(nextReminderAction(extended, EXPIRY + 22 * H, settings)).toMatchObject({
      kind: 'warn',
      leadMs: 2 * H,
    });
  });

  it('destroys at expiry once, and not while a run holds the env', () => {
    const action = nextReminderAction(env({ lastRunId: 'create-1' }), EXPIRY, settings);
    expect(action).toMatchObject({
      kind: 'destroy',
      marks: { destroyStartedAt: EXPIRY, destroyClaimedAfterRun: 'create-1' },
    });
    const marks = action.kind === 'destroy' ? action.marks : undefined;
    const tearingDown = env({ status: 'destroying', currentRunId: 'destroy-1', meta: { reminders: marks } });
    expect(nextReminderAction(tearingDown, EXPIRY + H, settings)).toEqual({ kind: 'none' });
    // The teardown ran and failed: its failure is reported by the run, not retried here.
    const failed = env({ status: 'failed', lastRunId: 'destroy-1', meta: { reminders: marks } });
    expect(nextReminderAction(failed, EXPIRY + H, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(env({ currentRunId: 'r1' }), EXPIRY, settings)).toEqual({ kind: 'none' });
  });

  it('claims auto-destroy again when the claim never became a run (the pass stopped in between)', () => {
    const first = nextReminderAction(env({ lastRunId: 'create-1' }), EXPIRY, settings);
    const marks = first.kind === 'destroy' ? first.marks : undefined;
    const stranded = env({ lastRunId: 'create-1', meta: { reminders: marks } });
    const retry = settings.destroyRetryMs;
    expect(nextReminderAction(stranded, EXPIRY + retry - 1, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(stranded, EXPIRY + retry, settings)).toMatchObject({
      kind: 'destroy',
      marks: { destroyStartedAt: EXPIRY + retry },
    });
  });

  it('with auto-destroy off, reports overdue at most once a day', () => {
    const off = { ...settings, autoDestroy: false };
    const first = nextReminderAction(env(), EXPIRY + M, off);
    expect(first).toMatchObject({ kind: 'overdue', marks: { overdueAt: EXPIRY + M } });
    const marked = env({ meta: { reminders: first.kind === 'overdue' ? first.marks : undefined } });
    expect(nextReminderAction(marked, EXPIRY + M + 24 * H - 1, off)).toEqual({ kind: 'none' });
    expect(nextReminderAction(marked, EXPIRY + M + 24 * H, off)).toMatchObject({ kind: 'overdue' });
  });

  it('honours auto-destroy turned off for one environment', () => {
    expect(nextReminderAction(env({ meta: { autoDestroy: false } }), EXPIRY, settings)).toMatchObject({
      kind: 'overdue',
    });
  });

  it('leaves environments that no longer cost money alone', () => {
    expect(nextReminderAction(env({ status: 'destroying' }), EXPIRY + H, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(env({ status: 'destroyed' }), EXPIRY + H, settings)).toEqual({ kind: 'none' });
  });

  it('reminds about failed and still-creating environments too: they cost money', () => {
    expect(nextReminderAction(env({ status: 'failed' }), EXPIRY - H, settings).kind).toBe('warn');
    expect(nextReminderAction(env({ status: 'creating' }), EXPIRY - H, settings).kind).toBe('warn');
  });

  const marksOf = (action: ReminderAction) => (action.kind === 'none' ? undefined : action.marks);

  it('never sends a warning whose moment had passed when the expiry was chosen', () => {
    // Created with a 1h TTL: the 2h warning never comes, the 30 min one does.
    const short = env({ createdAt: EXPIRY - H });
    expect(nextReminderAction(short, EXPIRY - H + M, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(short, EXPIRY - 30 * M, settings)).toMatchObject({
      kind: 'warn',
      leadMs: 30 * M,
    });
    // Extended to 1h 9m before expiry: no warning at once (the 2h one is already behind it).
    const extended = env({ meta: { expirySetAt: EXPIRY - 69 * M } });
    expect(nextReminderAction(extended, EXPIRY - 69 * M, settings)).toEqual({ kind: 'none' });
    expect(nextReminderAction(extended, EXPIRY - 30 * M, settings)).toMatchObject({
      kind: 'warn',
      leadMs: 30 * M,
    });
  });

  it('Snooze silences the warnings for its duration, keeps the expiry, then warns again once', () => {
    const warned = env({
      meta: { reminders: marksOf(nextReminderAction(env(), EXPIRY - 119 * M, settings)) },
    });
    const snoozedAt = EXPIRY - 119 * M;
    const snoozed = env({ meta: { reminders: snoozedMarks(warned, snoozedAt, H) } });
    expect(snoozed.expiresAt).toBe(EXPIRY);
    for (const at of [snoozedAt, snoozedAt + 30 * M, snoozedAt + H - 1]) {
      expect(nextReminderAction(snoozed, at, settings)).toEqual({ kind: 'none' });
    }
    const again = nextReminderAction(snoozed, snoozedAt + H, settings);
    expect(again).toMatchObject({ kind: 'warn', leadMs: 2 * H });
    const after = env({ meta: { reminders: marksOf(again) } });
    expect(nextReminderAction(after, snoozedAt + H + M, settings)).toEqual({ kind: 'none' });
    // Snooze never stops the destroy at expiry.
    expect(nextReminderAction(snoozed, EXPIRY, settings)).toMatchObject({ kind: 'destroy' });
  });
});
