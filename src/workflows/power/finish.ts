/**
 * When a sleep or wake ends (succeeded, failed or cancelled): `env.meta.power` follows what
 * was stopped or started (record.ts), and the run's summary says so in words — for a sleep,
 * what still bills and what sleeping saves per day, from the estimator; for a wake, how long
 * it took until the site answered. Idempotent: a repeated call computes the same record.
 */
import { instanceStates } from '../../aws/power';
import { usageAwakeAllAlong } from '../../cost/environment-usage';
import { formatDuration, formatPerDay } from '../../domain/format';
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

/** "$0.97/day instead of $3.40/day, saving $2.43/day; still billing: …", or undefined without prices. */
export function sleepMoneyText(env: Environment, now: number): string | undefined {
  try {
    const rates = sleepRates(usageAwakeAllAlong(env), { now });
    return (
      `asleep it costs ${formatPerDay(rates.asleep.perDay)} instead of ${formatPerDay(rates.awake.perDay)} ` +
      `(saving ${formatPerDay(rates.savedPerDay)}); still billing: ${stillBilling(rates.asleep).join(', ')}`
    );
  } catch {
    return undefined;
  }
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
    ...(doneStep(run, STOP_WEB_STEP) ? ['both web servers'] : []),
    ...(doneStep(run, STOP_DB_STEP) ? ['the DB instance'] : []),
  ];
  const money = env && run.status === 'succeeded' ? sleepMoneyText(env, facts.now) : undefined;
  const lines = [
    ...(restoppedDb
      ? [`RDS started ${run.env}'s DB instance by itself after 7 days stopped; it is stopped again.`]
      : []),
    run.status === 'succeeded'
      ? `${run.env} is asleep: ${stopped.join(' and ')} stopped.`
      : `${run.env} did not fully go to sleep${stopped.length ? ` (${stopped.join(' and ')} stopped)` : ''}.`,
    ...(money ? [`While ${money}.`] : []),
  ];
  ctx.setSummary({ message: lines.join(' '), text: lines.join('\n'), restoppedDb });
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
  const since = (at: number | undefined) =>
    at === undefined ? undefined : formatDuration(at - run.createdAt);
  const answeredAt = num(ctx.outputsOf(SITE_STEP).reachedAt);
  const tookMs = answeredAt === undefined ? undefined : answeredAt - run.createdAt;
  const parts = [
    since(num(db.reachedAt)) && `DB available after ${since(num(db.reachedAt))}`,
    since(num(ctx.outputsOf(TARGETS_STEP).reachedAt)) &&
      `both targets healthy after ${since(num(ctx.outputsOf(TARGETS_STEP).reachedAt))}`,
  ].filter(Boolean);
  const message =
    run.status === 'succeeded'
      ? `${run.env} is awake: the site answered 200 after ${formatDuration(tookMs ?? now - run.createdAt)}${parts.length ? ` (${parts.join(', ')})` : ''}.`
      : `${run.env} did not fully wake up${parts.length ? ` (${parts.join(', ')})` : ''}.`;
  ctx.setSummary({ message, text: message, ...(tookMs !== undefined ? { wakeMs: tookMs } : {}) });
}
