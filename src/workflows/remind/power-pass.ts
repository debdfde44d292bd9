/**
 * The reminder pass's part in sleeping (src/workflows/remind/scheduler.ts calls it): office
 * hours put environments to sleep and wake them at the schedule's edges, "Keep awake 2 h"
 * postpones a sleep, a wake asked for while the env was busy happens once it is free, and a
 * DB that RDS started by itself after 7 days stopped is stopped again (by a sleep run, which
 * says so). Pure decisions (`nextPowerAction`) and a pass that claims each action with a
 * version-checked write of the env's marks before starting the run, as reminders are claimed:
 * two concurrent passes never start the same run twice. Each action has a key made of what it
 * is about (the env, the edge, the keep-awake or the stop it acts on), under which the bot
 * queues its announcement in the outbox: a busy env given back and acted on later, or a second
 * pass, never announces the same action twice. The claim names the action (`meta.powerClaim`):
 * one that never became a run (the pass stopped in between) is claimed again later.
 *
 * The pass reads no AWS itself (the reminder Lambda loads no AWS client): the runs it starts
 * do the work in the worker, under the env lock.
 */
import type { Saying } from '../../i18n/said';
import {
  officeHoursOf,
  powerClaimOf,
  powerOf,
  type OfficeHours,
  type PowerClaim,
  type PowerRecord,
} from '../../state/power';
import { ConflictError, type Environment, type StateStore } from '../../state/types';
import type { PowerKind, PowerReason } from '../power/start';
import { RDS_MAX_STOPPED_MS } from '../power/record';
import { latestEdge, withinHours } from './office-hours';

/** How often a sleeping env whose DB is due for RDS's own start is looked at again. */
export const AUTO_START_RECHECK_MS = 3_600_000;

/** A claimed sleep or wake whose run has not started after this long is claimed again. */
export const POWER_CLAIM_RETRY_MS = 15 * 60_000;

export interface PowerStartOutcome {
  started: boolean;
  /** Refused because a run holds the env: the claim is given back and a later pass tries again. */
  busy?: boolean;
  reason?: Saying;
}

export interface PowerPassDeps {
  store: Pick<StateStore, 'environments'>;
  /** Starts the run and announces it in the env's channel under `key` (the bot's part). */
  start(env: Environment, kind: PowerKind, reason: PowerReason, key: string): Promise<PowerStartOutcome>;
  now(): number;
}

export interface PowerPassResult {
  slept: number;
  woke: number;
  /** Sleep runs started to stop a DB again after RDS's own start. */
  restopped: number;
  conflicts: number;
}

/** What to do now, and the marks that claim it (written before the run starts). */
export type PowerAction =
  | { kind: 'none' }
  | { kind: 'mark'; meta: Record<string, unknown> }
  | { kind: PowerKind; reason: PowerClaim['reason']; meta: Record<string, unknown>; key: string };

const AWAKE = (now: number): PowerRecord => ({ state: 'awake', since: now, webOff: [], dbOff: [] });

export function nextPowerAction(env: Environment, now: number): PowerAction {
  if (env.status !== 'ready' || env.currentRunId) return { kind: 'none' };
  const p = powerOf(env) ?? AWAKE(env.createdAt);
  const h = officeHoursOf(env);
  const withPower = (patch: Partial<PowerRecord>) => ({ ...env.meta, power: { ...p, ...patch } });
  const withHours = (hours: OfficeHours) => ({ ...env.meta, hours });
  const key = (about: string) => `power#${env.name}#${env.createdAt}#${about}`;

  // Claimed by a pass that stopped before the run started: the same action, under its key.
  const lost = powerClaimOf(env);
  if (lost && env.lastRunId === lost.afterRun && now - lost.at >= POWER_CLAIM_RETRY_MS)
    return { kind: lost.kind, reason: lost.reason, meta: { ...env.meta }, key: lost.key };

  if (
    p.state === 'asleep' &&
    p.dbStoppedAt !== undefined &&
    now >= p.dbStoppedAt + RDS_MAX_STOPPED_MS &&
    now >= (p.dbCheckedAt ?? 0) + AUTO_START_RECHECK_MS
  ) {
    return {
      kind: 'sleep',
      reason: 'db-auto-start',
      meta: withPower({ dbCheckedAt: now }),
      key: key(`restop#${p.dbStoppedAt}#${now}`),
    };
  }
  if (p.state === 'asleep' && p.wakeRequested) {
    return {
      kind: 'wake',
      reason: 'keep-awake',
      meta: withPower({ wakeRequested: undefined }),
      key: key(`wake-asked#${p.since}`),
    };
  }
  if (p.keepAwakeUntil !== undefined && now >= p.keepAwakeUntil) {
    const meta = withPower({ keepAwakeUntil: undefined });
    if (h && p.state === 'awake' && !withinHours(h, now))
      return { kind: 'sleep', reason: 'office-hours', meta, key: key(`kept-awake#${p.keepAwakeUntil}`) };
    return { kind: 'mark', meta };
  }
  if (!h) return { kind: 'none' };
  const edge = latestEdge(h, now);
  if (!edge || edge.at < h.setAt || edge.at <= (h.handledEdgeAt ?? -Infinity)) return { kind: 'none' };
  // A sleep edge inside "Keep awake 2 h" waits: the keep-awake's end puts it to sleep instead.
  if (edge.kind === 'sleep' && p.keepAwakeUntil !== undefined && now < p.keepAwakeUntil)
    return { kind: 'none' };
  const meta = withHours({ ...h, handledEdgeAt: edge.at });
  const edgeKey = key(`hours#${edge.kind}#${edge.at}`);
  if (edge.kind === 'sleep' && p.state === 'awake')
    return { kind: 'sleep', reason: 'office-hours', meta, key: edgeKey };
  if (edge.kind === 'wake' && p.state === 'asleep')
    return { kind: 'wake', reason: 'office-hours', meta, key: edgeKey };
  return { kind: 'mark', meta };
}

export async function runPowerPass(
  deps: PowerPassDeps,
  envs: readonly Environment[],
  now: number,
): Promise<PowerPassResult> {
  const result: PowerPassResult = { slept: 0, woke: 0, restopped: 0, conflicts: 0 };
  for (const env of envs) {
    const action = nextPowerAction(env, now);
    if (action.kind === 'none') continue;
    // A run's claim names the action, so a pass that stops before the start is made up for.
    const meta =
      action.kind === 'mark' ? action.meta : { ...action.meta, powerClaim: claimOf(action, env, now) };
    let claimed: Environment;
    try {
      claimed = await deps.store.environments.update(env.name, env.version, { meta, updatedAt: now });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      result.conflicts++;
      continue;
    }
    if (action.kind === 'mark') continue;
    const outcome = await deps.start(claimed, action.kind, action.reason, action.key);
    if (outcome.busy) {
      await giveBack(deps, claimed, env.meta, now);
      continue;
    }
    if (!outcome.started) {
      // Refused for good (and said so under its key): nothing to make up for.
      const { powerClaim: _done, ...rest } = claimed.meta ?? {};
      await giveBack(deps, claimed, rest, now);
      continue;
    }
    if (action.reason === 'db-auto-start') result.restopped++;
    else if (action.kind === 'sleep') result.slept++;
    else result.woke++;
  }
  return result;
}

function claimOf(action: Extract<PowerAction, { key: string }>, env: Environment, now: number): PowerClaim {
  return {
    kind: action.kind,
    reason: action.reason,
    key: action.key,
    at: now,
    ...(env.lastRunId !== undefined ? { afterRun: env.lastRunId } : {}),
  };
}

/**
 * The env's marks written back as they were (the env is busy: a later pass tries again), or
 * without the claim (the action was refused for good). A lost race leaves them to the winner.
 */
async function giveBack(
  deps: PowerPassDeps,
  env: Environment,
  meta: Environment['meta'],
  now: number,
): Promise<void> {
  try {
    await deps.store.environments.update(env.name, env.version, { meta, updatedAt: now });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
  }
}
