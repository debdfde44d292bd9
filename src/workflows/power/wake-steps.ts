/**
 * `/site wake`'s steps: start the DB instance (minutes) while the web servers start and pass
 * their health checks, then check the site answers 200 through the ALB. The starts have the
 * shape of toward.ts: only a stopped instance or DB can be started, so anything still
 * stopping is waited out first.
 */
import { targetsHealthy } from '../../aws/elbv2';
import { instanceStates, startDbInstance, startInstances } from '../../aws/power';
import { say } from '../../i18n/said';
import { outlineStep } from '../engine/outline';
import type { StepDefinition } from '../engine/types';
import { powerConfig, type PowerDeps } from './deps';
import { subjectsOf, waitOrGiveUp } from './kit';
import { SITE_STEP, START_DB_STEP, START_WEB_STEP, TARGETS_STEP, WAKE_OUTLINE } from './outline';
import { DB_GONE, INSTANCE_GONE, dbState } from './sleep-steps';
import { toward } from './toward';

export const startDbStep: StepDefinition<PowerDeps> = {
  ...outlineStep(WAKE_OUTLINE, START_DB_STEP),
  async run(ctx) {
    const { poll, timeout } = powerConfig(ctx.deps);
    return toward(ctx, await dbState(ctx), {
      what: 'DB instance',
      target: 'available',
      from: ['stopped'],
      gone: DB_GONE,
      send: async ([id]) => void (await startDbInstance(ctx.deps.rds, id)),
      doing: 'starting',
      pollMs: poll.db,
      timeoutMs: timeout.dbStart,
    });
  },
};

export const startWebStep: StepDefinition<PowerDeps> = {
  ...outlineStep(WAKE_OUTLINE, START_WEB_STEP),
  async run(ctx) {
    const { poll, timeout } = powerConfig(ctx.deps);
    return toward(ctx, await instanceStates(ctx.deps.ec2, subjectsOf(ctx).web), {
      what: 'web server',
      target: 'running',
      from: ['stopped'],
      gone: INSTANCE_GONE,
      send: (ids) => startInstances(ctx.deps.ec2, ids),
      doing: 'starting',
      pollMs: poll.instance,
      timeoutMs: timeout.webStart,
    });
  },
};

export const targetsHealthyStep: StepDefinition<PowerDeps> = {
  ...outlineStep(WAKE_OUTLINE, TARGETS_STEP),
  async run(ctx) {
    const { poll, timeout } = powerConfig(ctx.deps);
    const { web, targetGroupArn } = subjectsOf(ctx);
    const check = targetsHealthy(await ctx.deps.elbv2.targetHealth(targetGroupArn), web);
    if (check.state === 'SUCCESS') {
      return { status: 'done', note: check.reason, outputs: { reachedAt: ctx.now() } };
    }
    return waitOrGiveUp(
      ctx,
      poll.health,
      say('work.powerTargets', { reason: check.reason ?? '' }),
      timeout.health,
    );
  },
};

export const siteAnswersStep: StepDefinition<PowerDeps> = {
  ...outlineStep(WAKE_OUTLINE, SITE_STEP),
  async run(ctx) {
    const { poll, timeout } = powerConfig(ctx.deps);
    const { siteUrl } = subjectsOf(ctx);
    const probe = ctx.deps.probe;
    if (!probe || !siteUrl) {
      return { status: 'done', note: say('work.siteNotChecked'), outputs: { reachedAt: ctx.now() } };
    }
    const answer = await probe(siteUrl).catch((err: unknown) =>
      err instanceof Error ? err.message : String(err),
    );
    const note = say('work.siteAnswers', { status: String(answer) });
    if (answer === 200) return { status: 'done', note, outputs: { reachedAt: ctx.now() } };
    return waitOrGiveUp(ctx, poll.site, note, timeout.site);
  },
};
