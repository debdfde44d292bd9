/**
 * When a drill ends (succeeded, failed or cancelled): start the web server again if the run
 * ended while it was stopped (a cancelled drill), build the report into `run.summary`, and keep
 * it as `env.meta.lastDrill` for `/site status`. Idempotent: a crash before the outcome is
 * saved calls it again.
 */
import { english } from '../../i18n/english';
import { say, type Said } from '../../i18n/said';
import type { Run } from '../../state/types';
import type { FinishContext } from '../engine/types';
import { drillCalls, failoverConfig, type FailoverDeps } from './deps';
import { buildDrillReport, lastDrillSummary, renderDrillReport, type PhaseRecord } from './report';
import { dbPhaseRecord } from './steps/db-drill';
import { DB_STEP, WEB_STEP } from './outline';
import { drillParams, num, str } from './steps/kit';
import { webPhaseRecord } from './steps/web-drill';

/** onFinish attempts that wait for a stopping instance before giving up and saying so. */
const RESTORE_WAIT_ATTEMPTS = 3;

/**
 * The last resort for "a drill never leaves a server stopped": when the web step sent its stop
 * but did not see the instance healthy again, start it. EC2 cannot start an instance that is
 * still stopping, so that case throws (the runner calls onFinish again with backoff) a few
 * times, then is reported for a person to act on.
 */
export async function restoreStoppedInstance(
  run: Run,
  ctx: FinishContext<FailoverDeps>,
): Promise<Said | undefined> {
  const web = ctx.outputsOf(WEB_STEP);
  const instanceId = str(web.instanceId);
  if (num(web.stopIssuedAt) === undefined || web.stage === 'done' || !instanceId) return undefined;
  const [instance] = await ctx.deps.ec2.instances([], [instanceId]);
  const state = instance?.State?.Name ?? 'missing';
  if (state === 'stopped') {
    await drillCalls.startInstance(ctx.deps.ec2, instanceId);
    return say('work.restarted', { id: instanceId });
  }
  if (state === 'stopping') {
    if (Number(run.summary?.finishAttempts ?? 0) < RESTORE_WAIT_ATTEMPTS) {
      throw new Error(english(say('work.stillStopping', { id: instanceId })));
    }
    return say('work.startByHand', { id: instanceId });
  }
  return undefined;
}

export async function failoverOnFinish(run: Run, ctx: FinishContext<FailoverDeps>): Promise<void> {
  const restore = await restoreStoppedInstance(run, ctx);
  const cfg = failoverConfig(ctx.deps);
  const records = [
    webPhaseRecord(ctx.outputsOf(WEB_STEP), cfg.intervalMs),
    dbPhaseRecord(ctx.outputsOf(DB_STEP), cfg.intervalMs),
  ].filter((r): r is PhaseRecord => r !== undefined);
  const report = buildDrillReport({
    env: run.env,
    runId: run.runId,
    target: drillParams(run.params).target,
    records,
    startedAt: run.createdAt,
    finishedAt: run.finishedAt ?? ctx.now(),
    objectives: cfg.objectives,
  });
  const error = typeof run.summary?.error === 'string' ? run.summary.error : undefined;
  // The report is data (people read it in their language); `text` and `message` are its English, for logs and JSON.
  const text = [
    ...renderDrillReport(report).map(english),
    ...(error ? [english(say('drill.stopped', { error }))] : []),
    ...(restore ? [english(restore)] : []),
  ].join('\n');
  ctx.setSummary({
    drill: report,
    message: error ? `${english(report.headline)}: ${error}` : english(report.headline),
    text,
    ...(restore ? { restore } : {}),
  });
  await updateEnvironment(run, ctx, records.length > 0 ? lastDrillSummary(report) : undefined, restore);
}

async function updateEnvironment(
  run: Run,
  ctx: FinishContext<FailoverDeps>,
  lastDrill: ReturnType<typeof lastDrillSummary> | undefined,
  restore: Said | undefined,
): Promise<void> {
  const repo = ctx.deps.environments;
  const env = repo && (await repo.get(run.env));
  if (!repo || !env) return;
  const holds = env.currentRunId === run.runId;
  const already = (env.meta?.lastDrill as { runId?: unknown } | undefined)?.runId === run.runId;
  if (!holds && (already || !lastDrill) && env.lastRunId === run.runId) return;
  // A version conflict throws: the runner calls onFinish again.
  await repo.update(run.env, env.version, {
    ...(holds ? { currentRunId: undefined } : {}),
    lastRunId: run.runId,
    updatedAt: ctx.now(),
    ...(lastDrill
      ? { meta: { ...env.meta, lastDrill: restore ? { ...lastDrill, restore } : lastDrill } }
      : {}),
  });
}
