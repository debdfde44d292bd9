/**
 * When a sleep or wake ends (succeeded, failed or cancelled): `env.meta.power` follows what
 * was stopped or started (record.ts), and the run's summary says so in words — for a sleep,
 * what still bills and what sleeping saves per day, from the estimator; for a wake, how long
 * it took until the site answered. Idempotent: a repeated call computes the same record.
 */
import { instanceStates } from '../../aws/power';
import { usageAwakeAllAlong } from '../../cost/environment-usage';
import { say, type Said } from '../../i18n/said';
import { sleepRates, stillBilling } from '../../cost/sleep-usage';
import { powerOf } from '../../state/power';
import type { Environment, Run } from '../../state/types';
import type { FinishContext } from '../engine/types';
import { updateEnv } from '../operations/env-run-tracking';
import type { PowerDeps } from './deps';
import { num, subjectsOf } from './kit';
import {
  SITE_STEP,
  START_DB_STEP,
  START_WEB_STEP,
  STOP_DB_STEP,
  STOP_WEB_STEP,
  TARGETS_STEP,
} from './outline';
import { afterSleep, afterWake, type UpFacts, type WakeFacts } from './record';

type Ctx = FinishContext<PowerDeps>;

const doneStep = (run: Run, id: string) => run.steps[id]?.status === 'done';

/** "While asleep it costs $0.97/day instead of $3.40/day (saving …); still billing: …", or undefined without prices. */
export function sleepMoney(env: Environment, now: number): Said | undefined {
  try {
    const rates = sleepRates(usageAwakeAllAlong(env), { now });
    return say('work.asleepCosts', {
      asleep: rates.asleep.perDay,
      awake: rates.awake.perDay,
      saved: rates.savedPerDay,
      billing: stillBilling(rates.asleep),
    });
  } catch {
    return undefined;
  }
}

/** The run's summary: its sentences said (`lines`, one a line in a terminal), and all of them as one `message`. */
function summarize(lines: Said[], extra: Record<string, unknown>): Record<string, unknown> {
  return { message: say('work.sentences', { items: lines }), lines, ...extra };
}

export async function sleepOnFinish(run: Run, ctx: Ctx): Promise<void> {
  const web = ctx.outputsOf(STOP_WEB_STEP);
  const db = ctx.outputsOf(STOP_DB_STEP);
  const facts = {
    now: ctx.now(),
    ...(doneStep(run, STOP_WEB_STEP) ? { webStoppedAt: num(web.reachedAt) } : {}),
    webStopSentAt: num(web.sentAt),
    ...(doneStep(run, STOP_DB_STEP) ? { dbStoppedAt: num(db.reachedAt) } : {}),
    dbStopSentAt: num(db.sentAt),
  };
  const repo = ctx.deps.environments;
  let env = repo && (await repo.get(run.env));
  let restoppedDb = false;
  if (repo && env) {
    // Computed from the record as it is at the write (a button pressed meanwhile is kept).
    await updateEnv(repo, run.env, (e) => {
      const prior = powerOf(e);
      if (prior?.appliedSleep?.runId === run.runId) {
        restoppedDb = prior.appliedSleep.restoppedDb;
        return undefined;
      }
      const outcome = afterSleep(prior, facts);
      restoppedDb = outcome.restoppedDb;
      const power = { ...outcome.power, appliedSleep: { runId: run.runId, restoppedDb } };
      return { meta: { ...e.meta, power }, updatedAt: facts.now };
    });
    env = await repo.get(run.env);
  }
  const stopped = [
    ...(doneStep(run, STOP_WEB_STEP) ? [say('work.bothWebServers')] : []),
    ...(doneStep(run, STOP_DB_STEP) ? [say('work.theDbInstance')] : []),
  ];
  const money = env && run.status === 'succeeded' ? sleepMoney(env, facts.now) : undefined;
  const lines = [
    ...(restoppedDb ? [say('work.restopped', { env: run.env })] : []),
    run.status === 'succeeded'
      ? say('work.asleep', { env: run.env, stopped })
      : say('work.notAsleep', { env: run.env, stopped }),
    ...(money ? [money] : []),
  ];
  ctx.setSummary(summarize(lines, { restoppedDb }));
}

/**
 * What is up after a wake: a finished step says all of it; otherwise (the wake failed or was
 * cancelled part way) AWS is asked, since a start may have taken effect for some of it.
 */
async function upFacts(run: Run, ctx: Ctx): Promise<Pick<WakeFacts, 'web' | 'db'>> {
  const subjects = subjectsOf(ctx);
  if (subjects.web.length === 0 || !subjects.db) return {};
  const sent = (id: string) => num(ctx.outputsOf(id).sentAt);
  const web: UpFacts = doneStep(run, START_WEB_STEP)
    ? { any: true, all: true }
    : await (async () => {
        const states = [...(await instanceStates(ctx.deps.ec2, subjects.web)).values()];
        return {
          any: states.some((s) => s === 'running' || s === 'pending'),
          all: states.every((s) => s === 'running'),
        };
      })();
  const db: UpFacts = doneStep(run, START_DB_STEP)
    ? { any: true, all: true }
    : await (async () => {
        const status = (await ctx.deps.rds.findDbInstance(subjects.db))?.DBInstanceStatus;
        return { any: status === 'available' || status === 'starting', all: status === 'available' };
      })();
  const webSent = sent(START_WEB_STEP);
  const dbSent = sent(START_DB_STEP);
  return {
    web: { ...web, ...(webSent !== undefined ? { sentAt: webSent } : {}) },
    db: { ...db, ...(dbSent !== undefined ? { sentAt: dbSent } : {}) },
  };
}

export async function wakeOnFinish(run: Run, ctx: Ctx): Promise<void> {
  const db = ctx.outputsOf(START_DB_STEP);
  const now = ctx.now();
  const repo = ctx.deps.environments;
  const env = repo && (await repo.get(run.env));
  if (repo && env) {
    const facts = { now, ...(await upFacts(run, ctx)) };
    await updateEnv(repo, run.env, (e) => ({
      meta: { ...e.meta, power: afterWake(powerOf(e), facts) },
      updatedAt: now,
    }));
  }
  const since = (at: number | undefined) => (at === undefined ? undefined : at - run.createdAt);
  const answeredAt = num(ctx.outputsOf(SITE_STEP).reachedAt);
  const tookMs = since(answeredAt);
  const dbMs = since(num(db.reachedAt));
  const targetsMs = since(num(ctx.outputsOf(TARGETS_STEP).reachedAt));
  const parts = [
    ...(dbMs !== undefined ? [say('work.dbAvailableAfter', { ms: dbMs })] : []),
    ...(targetsMs !== undefined ? [say('work.targetsHealthyAfter', { ms: targetsMs })] : []),
  ];
  const line =
    run.status === 'succeeded'
      ? say('work.awake', { env: run.env, ms: tookMs ?? now - run.createdAt, parts })
      : say('work.notAwake', { env: run.env, parts });
  ctx.setSummary(summarize([line], tookMs !== undefined ? { wakeMs: tookMs } : {}));
}
