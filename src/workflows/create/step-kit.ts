/**
 * Small helpers every create step uses: the step shape (its metadata comes from the outline),
 * and the wait / done / fail answers (AWS errors classified by src/aws/errors).
 */
import { errorCode, isAlreadyExists, isNotFound, toStepError } from '../../aws/errors';
import { english } from '../../i18n/english';
import { say, type Said, type Saying } from '../../i18n/said';
import type { Readiness } from '../../aws/readiness';
import { OutcomeUnknownError } from '../../aws/untokened';
import { watchRecord } from '../engine/errors';
import { outlineStep } from '../engine/outline';
import type { StepContext, StepDefinition, StepResult } from '../engine/types';
import type { CreateDeps } from './deps';
import { resourceNames, type ResourceNames } from './names';
import { describeCreateOutcome } from './outcomes';
import { CREATE_STEPS_EN } from './outline.en';
import { CREATE_OUTLINE, type CreateStepId, type CreateStepOutline } from './outline';
import type { MultiAzMode } from '../../state/types';

export interface CreateStep extends StepDefinition<CreateDeps>, CreateStepOutline {
  /** Give up after this long in the step (ms since it first started). */
  readonly timeoutMs: number;
}

export type Ctx = StepContext<CreateDeps>;

export const done = (outputs?: Record<string, unknown>, note?: Saying): StepResult => ({
  status: 'done',
  outputs,
  note,
});

export const wait = (retryInMs: number, note: Saying): StepResult => ({ status: 'wait', retryInMs, note });

/** The step does not apply to this run; `why` is shown in its place. */
export const skipped = (why: Saying): StepResult => ({ status: 'skipped', note: why });

/** Gives up for good; `said` is what people read, its English the error's message (logs). */
export const failFinal = (code: string, said: Said): StepResult => ({
  status: 'fail',
  error: { code, message: english(said), said, retryable: false },
});

/** A readiness reason as a note: AWS's status after what it is about, or the reason said. */
const waitingOn = (what: string, reason: Saying): Saying =>
  typeof reason === 'string' ? say('work.waiting', { what, state: reason }) : reason;

/** A readiness answer as a step answer: RETRY → wait, FAILURE → final failure. */
export function fromReadiness<T>(
  r: Readiness<T>,
  retryInMs: number,
  what: string,
  onSuccess: (value: T | undefined) => StepResult | Promise<StepResult>,
): StepResult | Promise<StepResult> {
  if (r.state === 'SUCCESS') return onSuccess(r.value);
  if (r.state === 'RETRY') return wait(retryInMs, waitingOn(what, r.reason));
  return failFinal(
    'NotReady',
    typeof r.reason === 'string' ? say('work.isInState', { what, state: r.reason }) : r.reason,
  );
}

/**
 * A resource this step recorded is not visible (EC2's eventual consistency right after a
 * create): wait for it rather than create a second one.
 */
export const notVisibleYet = (ctx: Ctx, what: string): StepResult =>
  wait(ctx.deps.config.poll.fast, say('work.createdNotVisible', { what }));

/**
 * Creates something AWS gives no idempotency token for (a VPC, an internet gateway; see
 * src/aws/untokened.ts). The attempt is recorded before the call. A step that comes back to it
 * — after a lost answer, or a crash — and finds nothing by its tags waits until EC2 has had
 * LISTING_LAG_MS to list what that attempt may have made, and only then creates again.
 */
export async function createUntokened<T>(
  ctx: Ctx,
  what: string,
  create: () => Promise<T>,
): Promise<{ made: T } | { wait: StepResult }> {
  const key = `${what}CreateAttemptedAt`;
  const attemptedAt = ctx.own[key];
  if (typeof attemptedAt === 'number' && ctx.now() < attemptedAt + LISTING_LAG_MS) {
    const left = attemptedAt + LISTING_LAG_MS - ctx.now();
    return {
      wait: wait(
        Math.min(ctx.deps.config.poll.fast * 5, left),
        say('work.earlierAttempt', { what, leftMs: left }),
      ),
    };
  }
  await ctx.record({ [key]: ctx.now() });
  try {
    return { made: await create() };
  } catch (err) {
    if (!(err instanceof OutcomeUnknownError)) throw err;
    return { wait: wait(ctx.deps.config.poll.fast, `${what}: ${err.message}`) };
  }
}

export const names = (ctx: Ctx): ResourceNames => resourceNames(ctx.env);

export const multiAzMode = (ctx: Pick<Ctx, 'params'>): MultiAzMode => {
  const v = ctx.params.multiAz;
  return v === 'later' || v === 'off' ? v : 'now';
};

/** A recorded string output of this step or another. */
export function str(outputs: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = outputs[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A string output a step needs from a step it `needs`: missing means the DAG is wrong. */
export function need(ctx: Ctx, stepId: string, key: string): string {
  const v = str(ctx.outputsOf(stepId), key);
  if (v === undefined) throw new Error(`step "${stepId}" recorded no "${key}"`);
  return v;
}

type StepBody = (ctx: Ctx) => Promise<StepResult>;

/**
 * Wraps a step body: enforces its deadline and turns a thrown AWS error into a classified
 * failure (retryable ones are retried by the runner with backoff).
 */
export function defineStep(id: CreateStepId, impl: { timeoutMs: number; body: StepBody }): CreateStep {
  const spec = { ...outlineStep<CreateStepOutline>(CREATE_OUTLINE, id), timeoutMs: impl.timeoutMs };
  const { body } = impl;
  return {
    ...spec,
    async run(ctx) {
      if (ctx.now() - ctx.startedAt > spec.timeoutMs) {
        return failFinal('StepTimeout', say('work.gaveUpAfter', { ms: spec.timeoutMs }));
      }
      const guarded = watchRecord(ctx);
      try {
        const result = await body(guarded.ctx);
        if (result.status !== 'done' || result.note !== undefined) return result;
        const note = describeCreateOutcome(id, { ...ctx.own, ...result.outputs });
        return note === undefined ? result : { ...result, note };
      } catch (err) {
        if (guarded.fromRecord(err)) throw err;
        // EC2 may not know an id it just returned (eventual consistency): wait, within a grace.
        if (isNotFound(err) && ctx.now() - ctx.startedAt < NOT_FOUND_GRACE_MS) {
          return wait(
            ctx.deps.config.poll.fast,
            say('work.awaitingAws', { code: errorCode(err) ?? 'NotFound' }),
          );
        }
        // Made already by an attempt whose answer was lost, not listed yet: wait to find it.
        if (isAlreadyExists(err) && ctx.now() - ctx.startedAt < LISTING_LAG_MS + NOT_FOUND_GRACE_MS) {
          return wait(
            ctx.deps.config.poll.fast * 5,
            say('work.madeEarlier', { code: errorCode(err) ?? 'AlreadyExists' }),
          );
        }
        // The English message (logs, audit, JSON) names the step by its English title.
        return { status: 'fail', error: toStepError(err, CREATE_STEPS_EN[id].title) };
      }
    },
  };
}

export const MINUTE = 60_000;

/** How long a step treats `*.NotFound` as "not propagated yet" before it counts as a failure. */
export const NOT_FOUND_GRACE_MS = 2 * MINUTE;

/**
 * How long EC2 may take to list a resource it has made (Describe by filter). AWS gives no
 * bound; its advice is to retry Describe with backoff up to minutes
 * (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
 */
export const LISTING_LAG_MS = 3 * MINUTE;
