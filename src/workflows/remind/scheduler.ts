/**
 * One pass of the reminder scheduler: run every few minutes (in-process timer in the sandbox,
 * an EventBridge schedule on AWS). Reads active environments through the GSI, never a Scan.
 *
 * Exactly-once-ness: every reminder is *claimed* before it is sent, with a version-checked
 * write of the environment's reminder marks (or a create-if-absent marker for digests). Two
 * concurrent passes race on that write; the loser skips. A crash between claim and send loses
 * that one message rather than repeating it: a duplicate warning is the worse failure here.
 */
import {
  ConflictError,
  type Environment,
  type OnceMarkersRepository,
  type StateStore,
} from '../../state/types';
import { localTime } from './local-time';
import { nextReminderAction, type ReminderMarks, type ReminderSettings } from './policy';
import { runPowerPass, type PowerPassDeps, type PowerPassResult } from './power-pass';

/** What the scheduler says to people; the bot renders it (buttons: Extend, Snooze, Destroy now). */
export interface ReminderNotifier {
  warnExpiry(env: Environment, leadMs: number): Promise<void>;
  reportOverdue(env: Environment): Promise<void>;
  reportAutoDestroy(env: Environment, started: boolean, reason?: string): Promise<void>;
  postDigest(channel: string, envs: Environment[]): Promise<void>;
}

export interface DigestSettings {
  /** Minutes after local midnight. */
  atMinutes: number;
  timeZone: string;
}

export interface ReminderDeps {
  store: StateStore;
  markers: OnceMarkersRepository;
  notifier: ReminderNotifier;
  /** Starts the teardown workflow for an expired environment. */
  startDestroy(env: Environment): Promise<{ started: boolean; reason?: string }>;
  settings: ReminderSettings;
  digest?: DigestSettings;
  /** Office hours, "Keep awake", and the re-stop after RDS's own start: how to start those runs. */
  power?: Pick<PowerPassDeps, 'start'>;
  now(): number;
}

export interface ReminderPassResult {
  examined: number;
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
    let claimed: Environment;
    try {
      claimed = await deps.store.environments.update(env.name, env.version, {
        meta: { ...env.meta, reminders: action.marks },
        updatedAt: now,
      });
    } catch (err) {
      if (err instanceof ConflictError) {
        result.conflicts++;
        continue;
      }
      throw err;
    }
    if (action.kind === 'warn') {
      await deps.notifier.warnExpiry(claimed, action.leadMs);
      result.warned++;
    } else if (action.kind === 'overdue') {
      await deps.notifier.reportOverdue(claimed);
      result.overdue++;
    } else {
      const outcome = await deps.startDestroy(claimed);
      if (outcome.started) result.destroysStarted++;
      else await releaseDestroyClaim(deps, claimed, action.marks, now);
      await deps.notifier.reportAutoDestroy(claimed, outcome.started, outcome.reason);
    }
  }

  // An env a reminder claimed above loses its power claim to that write: the next pass acts.
  if (deps.power)
    result.power = await runPowerPass({ ...deps.power, store: deps.store, now: () => now }, envs, now);
  if (deps.digest) result.digests = await postDueDigests(deps, deps.digest, envs, now);
  return result;
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
  try {
    await deps.store.environments.update(env.name, env.version, {
      meta: { ...env.meta, reminders: retry },
      updatedAt: now,
    });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
  }
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
    if (!(await deps.markers.claim(`digest#${channel}#${local.date}`, now))) continue;
    await deps.notifier.postDigest(channel, list);
    posted++;
  }
  return posted;
}
