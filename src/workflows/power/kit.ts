/** What the sleep and wake steps share: the first step, reading its outputs back, deadlines. */
import { english } from '../../i18n/english';
import { say, type Saying } from '../../i18n/said';
import { outlineStep } from '../engine/outline';
import type { StepContext, StepDefinition, StepResult, WorkflowOutline } from '../engine/types';
import { markRunStarted } from '../operations/env-run-tracking';
import type { PowerDeps } from './deps';
import { CHECK_STEP } from './outline';
import { checkPowerRecord, type PowerSubjects } from './preconditions';

export type Ctx = StepContext<PowerDeps>;

const fail = (said: Saying, code: string, retryable = false): StepResult => ({
  status: 'fail',
  error: { message: english(said), ...(typeof said === 'string' ? {} : { said }), retryable, code },
});

export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The first step of both workflows: the record allows it; the env is marked as held by this run. */
export function checkStep(outline: WorkflowOutline, kind: 'sleep' | 'wake'): StepDefinition<PowerDeps> {
  return {
    ...outlineStep(outline, CHECK_STEP),
    async run(ctx) {
      const repo = ctx.deps.environments;
      if (!repo) return fail(say('work.noRepository'), 'config');
      const env = await repo.get(ctx.env);
      const checked = checkPowerRecord(ctx.env, env, kind);
      if (!checked.ok) return fail(checked.message, checked.reason);
      if (env && env.currentRunId !== ctx.runId) {
        await markRunStarted(repo, { runId: ctx.runId, env: ctx.env }, ctx.now());
      }
      return { status: 'done', outputs: { ...checked.subjects } };
    },
  };
}

/** The check step's subjects, as recorded. */
export function subjectsOf(ctx: Pick<Ctx, 'outputsOf'>): PowerSubjects {
  const o = ctx.outputsOf(CHECK_STEP);
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return {
    web: strings(o.web),
    db: typeof o.db === 'string' ? o.db : '',
    targetGroupArn: typeof o.targetGroupArn === 'string' ? o.targetGroupArn : '',
    ...(typeof o.siteUrl === 'string' ? { siteUrl: o.siteUrl } : {}),
  };
}

/** A wait, or a non-retryable failure once the step has taken longer than `timeoutMs`. */
export function waitOrGiveUp(ctx: Ctx, retryInMs: number, note: Saying, timeoutMs: number): StepResult {
  if (ctx.now() - ctx.startedAt > timeoutMs)
    return fail(say('work.powerGaveUp', { ms: timeoutMs, note }), 'timeout');
  return { status: 'wait', retryInMs, note };
}

/** A resource sitebot needs is gone (terminated, deleted): retrying cannot bring it back. */
export function gone(what: string, id: string, state: string): StepResult {
  return fail(say('work.powerGone', { what, id, state }), 'gone');
}
