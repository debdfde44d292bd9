/**
 * The drill's first step: re-checks the env record and what AWS says now (2 healthy targets
 * for a web drill; an available, Multi-AZ unless forced, DB for a DB drill), refuses with a
 * human reason otherwise, and marks the env as held by this run.
 */
import { english } from '../../../i18n/english';
import { say } from '../../../i18n/said';
import type { DBInstance } from '@aws-sdk/client-rds';
import { isNotFound } from '../../../aws/errors';
import { outlineStep } from '../../engine/outline';
import type { StepDefinition } from '../../engine/types';
import type { FailoverDeps } from '../deps';
import { checkEnvRecord, checkLive, type LiveFacts, type Refusal } from '../preconditions';
import type { StepError } from '../../../state/types';
import { phasesOf } from '../report';
import { drillParams, type Ctx } from './kit';
import { FAILOVER_OUTLINE, PREFLIGHT_STEP } from '../outline';

async function instanceStates(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  try {
    const found = await ctx.deps.ec2.instances([], ids);
    return new Map(found.map((i) => [i.InstanceId ?? '', i.State?.Name ?? 'unknown']));
  } catch (err) {
    if (isNotFound(err)) return new Map();
    throw err;
  }
}

const refusalError = (r: Refusal): StepError => ({
  message: english(r.message),
  said: r.message,
  retryable: false,
  code: r.reason,
});

export const preflightStep: StepDefinition<FailoverDeps> = {
  ...outlineStep(FAILOVER_OUTLINE, PREFLIGHT_STEP),
  async run(ctx) {
    const { target, force } = drillParams(ctx.params);
    const repo = ctx.deps.environments;
    if (!repo) {
      const said = say('work.noRepository');
      return { status: 'fail', error: { message: english(said), said, retryable: false, code: 'config' } };
    }
    const env = await repo.get(ctx.env);
    const record = checkEnvRecord(ctx.env, env, target, force);
    if (!record.ok) return { status: 'fail', error: refusalError(record) };
    const { subjects } = record;

    const phases = phasesOf(target);
    const facts: LiveFacts = { web: [] };
    if (phases.includes('web')) {
      const states = await instanceStates(
        ctx,
        subjects.web.map((w) => w.instanceId),
      );
      const health = await ctx.deps.elbv2.targetHealth(subjects.targetGroupArn);
      const healthOf = new Map(health.map((h) => [h.Target?.Id, h.TargetHealth?.State ?? 'unknown']));
      facts.web = subjects.web.map((w) => ({
        role: w.role,
        instanceId: w.instanceId,
        state: states.get(w.instanceId) ?? 'missing',
        health: healthOf.get(w.instanceId) ?? 'unregistered',
      }));
    }
    let db: DBInstance | undefined;
    if (phases.includes('db')) {
      db = await ctx.deps.rds.findDbInstance(subjects.dbId);
      if (db)
        facts.db = {
          status: db.DBInstanceStatus ?? 'unknown',
          multiAz: db.MultiAZ === true,
          az: db.AvailabilityZone,
        };
    }
    const live = checkLive(ctx.env, facts, target, force);
    if (!live.ok) return { status: 'fail', error: refusalError(live) };

    // Hold the env for /site status (a version conflict throws: the runner retries the step).
    if (env && env.currentRunId !== ctx.runId) {
      await repo.update(ctx.env, env.version, { currentRunId: ctx.runId, updatedAt: ctx.now() });
    }
    return {
      status: 'done',
      note: say('work.drilling', { phases }),
      outputs: {
        target,
        force,
        siteUrl: subjects.siteUrl,
        web: subjects.web,
        targetGroupArn: subjects.targetGroupArn,
        dbId: subjects.dbId,
        ...(db ? { dbMultiAz: db.MultiAZ === true, azBefore: db.AvailabilityZone } : {}),
      },
    };
  },
};
