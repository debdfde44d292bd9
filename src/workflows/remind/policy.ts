/**
 * When to remind people about a running environment (issue: TTL and reminders).
 * Pure: given an environment, the time and the settings, say what the scheduler should do.
 * What has been sent is kept on the environment (`meta.reminders`) and keyed by the expiry it
 * refers to, so moving the expiry (extend) starts a fresh set of warnings.
 *
 * Two rules keep warnings meaningful: a warning whose moment had already passed when the expiry
 * was set (a 1 h TTL and the 2 h warning; an extend to 1 h 9 m) is never sent — the person just
 * chose that expiry; and Snooze silences warnings until it ends (it does not move the expiry),
 * then the warning due by then comes again, once.
 */
import type { Environment } from '../../state/types';

export interface ReminderSettings {
  /** Warn this long before expiry, each once (default 2 h and 30 min). */
  warnLeadMs: readonly number[];
  /** Destroy at expiry; when off (globally or per env), remind instead. */
  autoDestroy: boolean;
  /** With auto-destroy off, how often an expired environment is mentioned again. */
  overdueEveryMs: number;
  /** How long after a refused auto-destroy (env busy) it is tried again. */
  destroyRetryMs: number;
}

export const defaultReminderSettings: ReminderSettings = {
  warnLeadMs: [2 * 3_600_000, 30 * 60_000],
  autoDestroy: true,
  overdueEveryMs: 24 * 3_600_000,
  destroyRetryMs: 15 * 60_000,
};

/** Marks recorded on the environment so each reminder goes out once. */
export interface ReminderMarks {
  /** The expiry these marks refer to. */
  forExpiry: number;
  /** Lead times already warned about for that expiry. */
  warned: number[];
  /** When the environment was last reported overdue (auto-destroy off). */
  overdueAt?: number;
  /** When auto-destroy was started for that expiry. */
  destroyStartedAt?: number;
  /**
   * The env's last run when auto-destroy was claimed. Still the last run, with no run going, a
   * while after the claim: the teardown never started (the pass stopped between claiming and
   * starting it), so it is claimed again.
   */
  destroyClaimedAfterRun?: string;
  /** A refused auto-destroy (env busy) is tried again from then on. */
  destroyRetryAt?: number;
  /** Snoozed: no warning before then (the expiry and auto-destroy stay as they are). */
  snoozedUntil?: number;
}

export type ReminderAction =
  | { kind: 'none' }
  | { kind: 'warn'; leadMs: number; marks: ReminderMarks }
  | { kind: 'destroy'; marks: ReminderMarks }
  | { kind: 'overdue'; marks: ReminderMarks };

/** Statuses that cost money and so deserve reminders. */
const BILLABLE: ReadonlySet<Environment['status']> = new Set(['creating', 'ready', 'failed']);

export function readMarks(env: Environment): ReminderMarks {
  const raw = env.meta?.reminders as Partial<ReminderMarks> | undefined;
  if (!raw || raw.forExpiry !== env.expiresAt) return { forExpiry: env.expiresAt, warned: [] };
  return {
    forExpiry: raw.forExpiry,
    warned: Array.isArray(raw.warned) ? raw.warned.filter((n) => typeof n === 'number') : [],
    overdueAt: raw.overdueAt,
    destroyStartedAt: raw.destroyStartedAt,
    destroyClaimedAfterRun: raw.destroyClaimedAfterRun,
    destroyRetryAt: raw.destroyRetryAt,
    ...(typeof raw.snoozedUntil === 'number' ? { snoozedUntil: raw.snoozedUntil } : {}),
  };
}

/** When the env's current expiry was chosen (created with it, or extended to it). */
export function expirySetAt(env: Environment): number {
  const at = env.meta?.expirySetAt;
  return typeof at === 'number' ? at : env.createdAt;
}

/**
 * The marks after a Snooze of `durationMs` at `now`: no warning until it ends, and the warnings
 * already due are forgotten, so the one due then comes again.
 */
export function snoozedMarks(env: Environment, now: number, durationMs: number): ReminderMarks {
  const marks = readMarks(env);
  return {
    ...marks,
    snoozedUntil: now + durationMs,
    warned: marks.warned.filter((lead) => now < env.expiresAt - lead),
  };
}

export function autoDestroyEnabled(env: Environment, settings: ReminderSettings): boolean {
  return settings.autoDestroy && env.meta?.autoDestroy !== false;
}

/** A destroy claim that never became a run (see ReminderMarks.destroyClaimedAfterRun). */
function claimLost(env: Environment, marks: ReminderMarks, now: number, settings: ReminderSettings): boolean {
  return (
    marks.destroyStartedAt !== undefined &&
    now - marks.destroyStartedAt >= settings.destroyRetryMs &&
    env.lastRunId === marks.destroyClaimedAfterRun
  );
}

export function nextReminderAction(
  env: Environment,
  now: number,
  settings: ReminderSettings,
): ReminderAction {
  if (!BILLABLE.has(env.status)) return { kind: 'none' };
  const marks = readMarks(env);

  if (now >= env.expiresAt) {
    if (autoDestroyEnabled(env, settings)) {
      // A run in progress (create, drill) holds the env: destroy once it lets go.
      if (env.currentRunId) return { kind: 'none' };
      if (marks.destroyStartedAt !== undefined && !claimLost(env, marks, now, settings))
        return { kind: 'none' };
      if (marks.destroyRetryAt !== undefined && now < marks.destroyRetryAt) return { kind: 'none' };
      return {
        kind: 'destroy',
        marks: {
          ...marks,
          destroyStartedAt: now,
          destroyClaimedAfterRun: env.lastRunId,
          destroyRetryAt: undefined,
        },
      };
    }
    if (marks.overdueAt !== undefined && now - marks.overdueAt < settings.overdueEveryMs)
      return { kind: 'none' };
    return { kind: 'overdue', marks: { ...marks, overdueAt: now } };
  }

  if (marks.snoozedUntil !== undefined && now < marks.snoozedUntil) return { kind: 'none' };
  // Every lead time already passed and not yet warned about (and still ahead when the expiry
  // was set); send only the most urgent one.
  const setAt = expirySetAt(env);
  const due = settings.warnLeadMs.filter(
    (lead) => now >= env.expiresAt - lead && env.expiresAt - lead > setAt && !marks.warned.includes(lead),
  );
  if (due.length === 0) return { kind: 'none' };
  const leadMs = Math.min(...due);
  return {
    kind: 'warn',
    leadMs,
    marks: { ...marks, warned: [...marks.warned, ...due].sort((a, b) => b - a) },
  };
}
