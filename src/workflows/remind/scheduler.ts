/**
 * One pass of the reminder scheduler: run every few minutes (in-process timer in the sandbox,
 * an EventBridge schedule on AWS). Reads active environments through the GSI, never a Scan.
 *
 * Never lost, never doubled. Each reminder has a key made of what it is about (the env, its
 * expiry, the lead time or the marks it acts on; the channel and day of a digest), and the
 * notifier queues it durably under that key (the bot's outbox): queuing the same key again is a
 * no-op, and what is queued is delivered, retried until Slack takes it. A warning is queued
 * first and then claimed (a version-checked write of the env's reminder marks), so a pass that
 * stops in between leaves a reminder queued and the next pass, finding it unclaimed, queues the
 * same key (nothing) and claims it. Concurrent passes race on the claim; the losers skip.
 *
 * Auto-destroy needs no Slack at all: the claim, then the teardown run, then its notice queued.
 * A claim whose teardown never started is claimed again later (policy.ts), so an expired env is
 * never left running because a pass stopped half way or a message could not be posted.
 */
import type { Saying } from '../../i18n/said';
import { ConflictError, type Environment, type StateStore } from '../../state/types';
import { localTime } from './local-time';
import { nextReminderAction, type ReminderAction, type ReminderMarks, type ReminderSettings } from './policy';
import { runPowerPass, type PowerPassDeps, type PowerPassResult } from './power-pass';

/**
 * What the scheduler says to people; the bot renders it (buttons: Extend, Snooze, Destroy now)
 * and queues it durably. Each call returns true when it queued the reminder, false when one
 * with the same key was queued before.
 */
export interface ReminderNotifier {
  warnExpiry(env: Environment, leadMs: number, key: string): Promise<boolean>;
  reportOverdue(env: Environment, key: string): Promise<boolean>;
  reportAutoDestroy(
    env: Environment,
    started: boolean,
    reason: Saying | undefined,
    key: string,
  ): Promise<boolean>;
  postDigest(channel: string, envs: Environment[], key: string): Promise<boolean>;
}

export interface DigestSettings {
  /** Minutes after local midnight. */
  atMinutes: number;
  timeZone: string;
}

export interface StartDestroyOutcome {
  started: boolean;
  reason?: Saying;
  /** Refused because a teardown of this env is already running (started by someone else). */
  alreadyDestroying?: boolean;
}

export interface ReminderDeps {
  store: StateStore;
  notifier: ReminderNotifier;
  /** Starts the teardown workflow for an expired environment (no Slack involved). */
  startDestroy(env: Environment): Promise<StartDestroyOutcome>;
  settings: ReminderSettings;
  digest?: DigestSettings;
  /** Office hours, "Keep awake", and the re-stop after RDS's own start: how to start those runs. */
  power?: Pick<PowerPassDeps, 'start'>;
  now(): number;
}

export interface ReminderPassResult {
  examined: number;
  /** Reminders this pass queued (a concurrent pass may have queued the same one: counted once). */
  warned: number;
  overdue: number;
  destroysStarted: number;
  digests: number;
  /** Claims lost to a concurrent pass or a concurrent change of the env. */
  conflicts: number;
  /** Sleeps and wakes started (when `power` is wired). */
  power?: PowerPassResult;
}

export async function runReminderPass(deps: ReminderDeps): Promise<ReminderPassResult> {
  const now = deps.now();
  const envs = await deps.store.environments.listActive();
  const result: ReminderPassResult = {
    examined: envs.length,
    warned: 0,
    overdue: 0,
    destroysStarted: 0,
    digests: 0,
    conflicts: 0,
  };

  for (const env of envs) {
    const action = nextReminderAction(env, now, deps.settings);
    if (action.kind === 'none') continue;
    if (action.kind === 'destroy') {
      await autoDestroy(deps, env, action.marks, now, result);
      continue;
    }
    const key = reminderKey(env, action);
    const queued =
      action.kind === 'warn'
        ? await deps.notifier.warnExpiry(env, action.leadMs, key)
        : await deps.notifier.reportOverdue(env, key);
    if (!(await claim(deps, env, action.marks, now))) result.conflicts++;
    if (queued && action.kind === 'warn') result.warned++;
    if (queued && action.kind === 'overdue') result.overdue++;
  }

  // An env a reminder claimed above loses its power claim to that write: the next pass acts.
  if (deps.power)
    result.power = await runPowerPass({ ...deps.power, store: deps.store, now: () => now }, envs, now);
  if (deps.digest) result.digests = await postDueDigests(deps, deps.digest, envs, now);
  return result;
}

/** What a reminder is about, as a key: the same reminder always gets the same key. */
export function reminderKey(env: Environment, action: Exclude<ReminderAction, { kind: 'none' }>): string {
  const base = `remind#${env.name}#${env.createdAt}#${env.expiresAt}`;
  switch (action.kind) {
    case 'warn':
      // A Snooze brings the warning due when it ends back once: each snooze is its own key.
      return `${base}#warn#${action.leadMs}#${action.marks.snoozedUntil ?? 0}`;
    case 'overdue':
      // The overdue note after the one at `previous` (or the first): the marks it acts on.
      return `${base}#overdue#${previousOverdue(env) ?? 'first'}`;
    case 'destroy':
      return `${base}#auto-destroy#${action.marks.destroyStartedAt ?? 0}`;
  }
}

function previousOverdue(env: Environment): number | undefined {
  const raw = env.meta?.reminders as Partial<ReminderMarks> | undefined;
  return raw?.forExpiry === env.expiresAt ? raw.overdueAt : undefined;
}

/** The version-checked write of the env's reminder marks; undefined when someone else wrote the env first. */
async function claim(
  deps: ReminderDeps,
  env: Environment,
  marks: ReminderMarks,
  now: number,
): Promise<Environment | undefined> {
  try {
    return await deps.store.environments.update(env.name, env.version, {
      meta: { ...env.meta, reminders: marks },
      updatedAt: now,
    });
  } catch (err) {
    if (err instanceof ConflictError) return undefined;
    throw err;
  }
}

async function autoDestroy(
  deps: ReminderDeps,
  env: Environment,
  marks: ReminderMarks,
  now: number,
  result: ReminderPassResult,
): Promise<void> {
  const claimed = await claim(deps, env, marks, now);
  if (!claimed) {
    result.conflicts++;
    return;
  }
  const outcome = await deps.startDestroy(claimed);
  if (outcome.alreadyDestroying) return;
  if (outcome.started) result.destroysStarted++;
  else await releaseDestroyClaim(deps, claimed, marks, now);
  const key = reminderKey(env, { kind: 'destroy', marks });
  await deps.notifier.reportAutoDestroy(claimed, outcome.started, outcome.reason, key);
}

/**
 * The teardown was refused (the env is busy): give the claim back with a retry time, so a
 * later pass tries again instead of the env outliving its TTL for good. A lost race here only
 * means another pass already changed the env; it re-evaluates next time.
 */
async function releaseDestroyClaim(
  deps: ReminderDeps,
  env: Environment,
  marks: ReminderMarks,
  now: number,
): Promise<void> {
  const retry: ReminderMarks = {
    ...marks,
    destroyStartedAt: undefined,
    destroyRetryAt: now + deps.settings.destroyRetryMs,
  };
  await claim(deps, env, retry, now);
}

async function postDueDigests(
  deps: ReminderDeps,
  digest: DigestSettings,
  envs: Environment[],
  now: number,
): Promise<number> {
  const local = localTime(now, digest.timeZone);
  if (local.minutes < digest.atMinutes) return 0;
  const byChannel = new Map<string, Environment[]>();
  for (const env of envs) {
    if (env.status === 'destroyed' || env.status === 'destroying') continue;
    byChannel.set(env.channel, [...(byChannel.get(env.channel) ?? []), env]);
  }
  let posted = 0;
  for (const [channel, list] of byChannel) {
    if (await deps.notifier.postDigest(channel, list, `digest#${channel}#${local.date}`)) posted++;
  }
  return posted;
}
