/**
 * Small helpers every create step uses: the step shape (its metadata comes from the outline),
 * and the wait / done / fail answers (AWS errors classified by src/aws/errors).
 */
import { formatDuration } from '../../domain/format';
import { errorCode, isAlreadyExists, isNotFound, toStepError } from '../../aws/errors';
import type { Readiness } from '../../aws/readiness';
import { OutcomeUnknownError } from '../../aws/untokened';
import { watchRecord } from '../engine/errors';
import { outlineStep } from '../engine/outline';
import type { StepContext, StepDefinition, StepResult } from '../engine/types';
import type { CreateDeps } from './deps';
import { resourceNames, type ResourceNames } from './names';
import { describeCreateOutcome } from './outcomes';
import { CREATE_OUTLINE, type CreateStepId, type CreateStepOutline } from './outline';
import type { MultiAzMode } from '../../state/types';

export interface CreateStep extends StepDefinition<CreateDeps>, CreateStepOutline {
  /** Give up after this long in the step (ms since it first started). */
  readonly timeoutMs: number;
}

export type Ctx = StepContext<CreateDeps>;

export const done = (outputs?: Record<string, unknown>, note?: string): StepResult => ({
  status: 'done',
  outputs,
  note,
});

export const wait = (retryInMs: number, note: string): StepResult => ({ status: 'wait', retryInMs, note });

/** The step does not apply to this run; `why` is shown in its place. */
export const skipped = (why: string): StepResult => ({ status: 'skipped', note: why });

export const failFinal = (code: string, message: string): StepResult => ({
  status: 'fail',
  error: { code, message, retryable: false },
});

/** A readiness answer as a step answer: RETRY → wait, FAILURE → final failure. */
export function fromReadiness<T>(
  r: Readiness<T>,
  retryInMs: number,
  what: string,
  onSuccess: (value: T | undefined) => StepResult | Promise<StepResult>,
): StepResult | Promise<StepResult> {
  if (r.state === 'SUCCESS') return onSuccess(r.value);
  if (r.state === 'RETRY') return wait(retryInMs, `${what}: ${r.reason}`);
  return failFinal('NotReady', `${what}: ${r.reason}`);
}

/**
 * A resource this step recorded is not visible (EC2's eventual consistency right after a
 * create): wait for it rather than create a second one.
 */
export const notVisibleYet = (ctx: Ctx, what: string): StepResult =>
  wait(ctx.deps.config.poll.fast, `${what}: created, not visible yet`);

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
        `${what}: an earlier attempt may have made it; looking for it ${formatDuration(left)} more before trying again`,
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
        return failFinal('StepTimeout', `${spec.title}: gave up after ${formatDuration(spec.timeoutMs)}`);
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
            `${spec.title}: ${errorCode(err)}, waiting for AWS to see a new resource`,
          );
        }
        // Made already by an attempt whose answer was lost, not listed yet: wait to find it.
        if (isAlreadyExists(err) && ctx.now() - ctx.startedAt < LISTING_LAG_MS + NOT_FOUND_GRACE_MS) {
          return wait(
            ctx.deps.config.poll.fast * 5,
            `${spec.title}: ${errorCode(err)}: an earlier attempt made it; waiting for AWS to list it`,
          );
        }
        return { status: 'fail', error: toStepError(err, spec.title) };
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
