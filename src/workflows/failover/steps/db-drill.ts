/**
 * DB drill (SPEC §9): record the primary AZ, RebootDBInstance with ForceFailover, probe until
 * the DB is available and the site answers again, record the new primary AZ. A single-AZ DB
 * (only with `force`) gets a plain reboot: an outage, not a failover.
 *
 * The reboot is recorded before it is sent; a resumed step that finds the DB already
 * rebooting (or already in the other AZ) does not reboot it a second time.
 */
import { formatDuration } from '../../../domain/format';
import type { DBInstance } from '@aws-sdk/client-rds';
import { errorCode } from '../../../aws/errors';
import { outlineStep } from '../../engine/outline';
import type { StepDefinition, StepResult } from '../../engine/types';
import { drillCalls, type FailoverDeps } from '../deps';
import { isSuccess, lastResult, type ProbeRun } from '../probe-log';
import type { PhaseRecord } from '../report';
import {
  asOutputs,
  baseProbed,
  failAfterRecording,
  noteTransition,
  num,
  optionalNumbers,
  probeInto,
  retryAfterError,
  skippedPhase,
  str,
  strings,
  tools,
  waitForNextProbe,
  type Ctx,
  type DrillTools,
  type ProbedState,
} from './kit';
import { DB_STEP, FAILOVER_OUTLINE, PREFLIGHT_STEP } from '../outline';

export type DbStage = 'baseline' | 'reboot' | 'await-recovered' | 'done' | 'skipped';

export interface DbDrillState extends ProbedState {
  stage: DbStage;
  dbId: string;
  siteUrl: string;
  multiAz: boolean;
  azBefore?: string;
  azAfter?: string;
  phaseStartedAt?: number;
  rebootIssuedAt?: number;
  recoveredAt?: number;
  /** DB statuses and primary AZs seen, each change once. */
  statuses: string[];
  azs: string[];
}

/** How long after the reboot a DB that never left `available` in its AZ counts as "the fault did not happen". */
export const DB_FAULT_GRACE_MS = 60_000;

function readState(ctx: Ctx): DbDrillState {
  const own = ctx.own;
  const pre = ctx.outputsOf(PREFLIGHT_STEP);
  const stage = str(own.stage) as DbStage | undefined;
  const azBefore = str(own.azBefore);
  const azAfter = str(own.azAfter);
  return {
    ...baseProbed(own),
    stage: stage ?? 'baseline',
    dbId: str(own.dbId) ?? str(pre.dbId) ?? '',
    siteUrl: str(own.siteUrl) ?? str(pre.siteUrl) ?? '',
    multiAz: typeof own.multiAz === 'boolean' ? own.multiAz : pre.dbMultiAz === true,
    ...(azBefore === undefined ? {} : { azBefore }),
    ...(azAfter === undefined ? {} : { azAfter }),
    ...optionalNumbers(own, ['phaseStartedAt', 'rebootIssuedAt', 'recoveredAt']),
    statuses: strings(own.statuses),
    azs: strings(own.azs),
  };
}

/** The reboot, sent once: a resumed step that finds it under way (or done) leaves it be. */
async function reboot(ctx: Ctx, s: DbDrillState, t: DrillTools): Promise<void> {
  const resumed = s.rebootIssuedAt !== undefined;
  if (!resumed) {
    s.rebootIssuedAt = t.io.clock.now();
    await ctx.record({ rebootIssuedAt: s.rebootIssuedAt });
  } else {
    const db = await ctx.deps.rds.findDbInstance(s.dbId);
    const underWay =
      db?.DBInstanceStatus !== 'available' || (s.multiAz && db.AvailabilityZone !== s.azBefore);
    if (underWay) {
      s.stage = 'await-recovered';
      await ctx.record({ stage: s.stage });
      return;
    }
  }
  try {
    await drillCalls.rebootDb(ctx.deps.rds, s.dbId, s.multiAz);
  } catch (err) {
    // Already rebooting (our own earlier call, lost in a crash): that is the fault we wanted.
    if (errorCode(err) !== 'InvalidDBInstanceState' || !resumed) throw err;
  }
  s.stage = 'await-recovered';
  await ctx.record({ stage: s.stage });
}

/** The first success after the last failure since the reboot (or now, when nothing failed). */
function firstSuccessAfterFault(runs: readonly ProbeRun[], since: number, now: number): number {
  let recovered: number | undefined;
  let failedSince = false;
  for (const run of runs) {
    if (run.lastAt < since) continue;
    if (!isSuccess(run.result)) {
      failedSince = true;
      recovered = undefined;
    } else if (recovered === undefined) {
      recovered = Math.max(run.firstAt, since);
    }
  }
  return failedSince ? (recovered ?? now) : now;
}

async function observe(ctx: Ctx, s: DbDrillState, t: DrillTools): Promise<StepResult | undefined> {
  const db: DBInstance | undefined = await ctx.deps.rds.findDbInstance(s.dbId);
  const status = db?.DBInstanceStatus ?? 'missing';
  const az = db?.AvailabilityZone ?? 'unknown';
  noteTransition(s.statuses, status);
  noteTransition(s.azs, az);
  const now = t.io.clock.now();
  if (s.stage === 'baseline') {
    if (status !== 'available') {
      // Wait for it before faulting it, but not forever.
      if (now - (s.phaseStartedAt ?? now) <= t.cfg.dbRecoverTimeoutMs) return undefined;
      return failAfterRecording(ctx, s, `${s.dbId} stayed ${status}: no reboot was sent`, 'db-not-available');
    }
    s.azBefore = az;
    s.multiAz = db?.MultiAZ === true;
    s.stage = 'reboot';
    return undefined;
  }
  if (s.stage !== 'await-recovered') return undefined;
  const since = s.rebootIssuedAt ?? now;
  const sawFault = s.statuses.some((st) => st !== 'available') || az !== s.azBefore;
  const siteUp = isSuccess(lastResult(s.runs) ?? 'connection-error');
  if (status === 'available' && siteUp && (sawFault || now - since > DB_FAULT_GRACE_MS)) {
    s.azAfter = az;
    s.recoveredAt = firstSuccessAfterFault(s.runs, since, now);
    s.stage = 'done';
    return undefined;
  }
  if (now - since > t.cfg.dbRecoverTimeoutMs) {
    s.azAfter = az;
    return failAfterRecording(
      ctx,
      s,
      `${s.dbId} is ${status} and the site ${siteUp ? 'answers' : 'does not answer'} ${formatDuration(t.cfg.dbRecoverTimeoutMs)} after the reboot`,
      'db-not-recovered',
    );
  }
  return undefined;
}

export const dbDrillStep: StepDefinition<FailoverDeps> = {
  ...outlineStep(FAILOVER_OUTLINE, DB_STEP),
  async run(ctx) {
    const skipped = skippedPhase(ctx, 'db');
    if (skipped) return skipped;
    const t = tools(ctx);
    const s = readState(ctx);
    if (s.stage === 'done') return { status: 'done', outputs: asOutputs(s) };
    if (!s.dbId || !s.siteUrl) {
      return { status: 'fail', error: { message: 'preflight recorded no DB to reboot', retryable: false } };
    }
    s.phaseStartedAt ??= s.nextProbeAt ?? t.io.clock.now();
    if (s.stage === 'reboot') await reboot(ctx, s, t);
    await probeInto(s, s.siteUrl, t);
    try {
      const stop = await observe(ctx, s, t);
      if (stop) return stop;
    } catch (err) {
      if (s.rebootIssuedAt === undefined) throw err;
      return retryAfterError(ctx, s, err, t, `check ${s.dbId}`, s.rebootIssuedAt + t.cfg.dbRecoverTimeoutMs);
    }
    // `observe` moved the stage on (TypeScript still holds the narrowing from above).
    if ((s.stage as DbStage) === 'done') {
      return { status: 'done', outputs: asOutputs(s), note: `primary ${s.azBefore} → ${s.azAfter}` };
    }
    return waitForNextProbe(s, t, `db ${s.stage}: ${s.statuses.at(-1) ?? '?'} in ${s.azs.at(-1) ?? '?'}`);
  },
};

export function dbPhaseRecord(
  outputs: Readonly<Record<string, unknown>>,
  intervalMs: number,
): PhaseRecord | undefined {
  const stage = str(outputs.stage);
  if (!stage || stage === 'skipped') return undefined;
  const multiAz = outputs.multiAz === true;
  const azBefore = str(outputs.azBefore);
  const azAfter = str(outputs.azAfter);
  const statuses = strings(outputs.statuses);
  const faultAt = num(outputs.rebootIssuedAt);
  const recoveredAt = num(outputs.recoveredAt);
  const rebooted = statuses.some((st) => st === 'rebooting');
  const faultObserved =
    faultAt !== undefined &&
    (multiAz ? azBefore !== undefined && azAfter !== undefined && azAfter !== azBefore : rebooted);
  const dbId = str(outputs.dbId) ?? '?';
  const evidence =
    faultAt === undefined
      ? 'no reboot was sent'
      : `${dbId} ${statuses.join(' → ') || 'not seen'}; primary AZ ${azBefore ?? '?'} → ${azAfter ?? '?'}` +
        (multiAz && azAfter !== undefined && azAfter === azBefore ? ' (unchanged)' : '');
  return {
    phase: 'db',
    runs: baseProbed(outputs).runs,
    intervalMs,
    ...(faultAt === undefined ? {} : { faultAt }),
    ...(recoveredAt === undefined ? {} : { recoveredAt }),
    faultObserved,
    evidence,
    completed: stage === 'done',
    ...(azBefore === undefined ? {} : { azBefore }),
    ...(azAfter === undefined ? {} : { azAfter }),
    subject: dbId,
    ...(multiAz ? {} : { remark: 'single-AZ DB: a reboot is an outage, not a failover' }),
  };
}
