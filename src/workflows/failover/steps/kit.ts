/** What the drill's steps share: params, the probe burst, and reading back recorded state. */
import { toStepError } from '../../../aws/errors';
import type { StepContext, StepResult } from '../../engine/types';
import { failoverConfig, probeIo, type FailoverConfig, type FailoverDeps } from '../deps';
import { appendSamples, probeRunsOf, type ProbeRun } from '../probe-log';
import { probeBurst, type ProbeIo } from '../prober';
import { phasesOf, type DrillPhase, type DrillTarget } from '../report';

export type Ctx = StepContext<FailoverDeps>;

export interface DrillParams {
  target: DrillTarget;
  force: boolean;
}

export function drillParams(params: Readonly<Record<string, unknown>>): DrillParams {
  const t = params.target;
  const target: DrillTarget = t === 'web' || t === 'db' ? t : 'all';
  return { target, force: params.force === true };
}

/** A phase this drill's target leaves out: the step is skipped at once. */
export function skippedPhase(ctx: Ctx, phase: DrillPhase): StepResult | undefined {
  const { target } = drillParams(ctx.params);
  if (phasesOf(target).includes(phase)) return undefined;
  return { status: 'skipped', note: `not part of a ${target} drill` };
}

export interface DrillTools {
  cfg: FailoverConfig;
  io: ProbeIo;
}

export function tools(ctx: Ctx): DrillTools {
  return { cfg: failoverConfig(ctx.deps), io: probeIo(ctx.deps) };
}

/** The part of a phase's recorded state every drill step keeps: its probe log and next probe time. */
export interface ProbedState {
  runs: ProbeRun[];
  nextProbeAt?: number;
  errors: number;
  lastError?: string;
}

/** Probes for one burst and appends what it saw to `state` (mutated). */
export async function probeInto(state: ProbedState, siteUrl: string, t: DrillTools): Promise<void> {
  const burst = await probeBurst(
    t.io,
    siteUrl,
    { intervalMs: t.cfg.intervalMs, timeoutMs: t.cfg.timeoutMs },
    { forMs: t.cfg.burstMs, nextAt: state.nextProbeAt },
  );
  state.runs = appendSamples(state.runs, burst.samples);
  state.nextProbeAt = burst.nextAt;
}

/** Come back when the next probe is due. */
export function waitForNextProbe(state: ProbedState, t: DrillTools, note: string): StepResult {
  const retryInMs = Math.max(0, (state.nextProbeAt ?? t.io.clock.now()) - t.io.clock.now());
  return { status: 'wait', retryInMs, note, outputs: asOutputs(state) };
}

/**
 * An AWS call failed after the fault was injected: note it and try again soon (the step must
 * finish its restore), until `deadline` — then fail for good, with everything recorded.
 */
export async function retryAfterError(
  ctx: Ctx,
  state: ProbedState,
  err: unknown,
  t: DrillTools,
  doing: string,
  deadline: number,
): Promise<StepResult> {
  state.errors += 1;
  state.lastError = toStepError(err, doing).message;
  if (t.io.clock.now() > deadline) {
    return failAfterRecording(ctx, state, `gave up: ${state.lastError}`, 'drill-aws-errors');
  }
  return { status: 'wait', retryInMs: t.cfg.errorRetryMs, note: state.lastError, outputs: asOutputs(state) };
}

/** Record everything, then fail for good (a fail result carries no outputs). */
export async function failAfterRecording(
  ctx: Ctx,
  state: object,
  message: string,
  code: string,
): Promise<StepResult> {
  await ctx.record(asOutputs(state));
  return { status: 'fail', error: { message, retryable: false, code } };
}

export function asOutputs(state: object): Record<string, unknown> {
  return { ...(state as Record<string, unknown>) };
}

export function baseProbed(own: Readonly<Record<string, unknown>>): ProbedState {
  return {
    runs: probeRunsOf(own.runs),
    ...(typeof own.nextProbeAt === 'number' ? { nextProbeAt: own.nextProbeAt } : {}),
    errors: typeof own.errors === 'number' ? own.errors : 0,
    ...(typeof own.lastError === 'string' ? { lastError: own.lastError } : {}),
  };
}

export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The recorded numbers among `keys`, leaving out the ones not recorded (yet). */
export function optionalNumbers(
  own: Readonly<Record<string, unknown>>,
  keys: string[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) {
    const v = num(own[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Appends `value` when it differs from the last one: a compact history of states. */
export function noteTransition(history: string[], value: string): void {
  if (history[history.length - 1] !== value) history.push(value);
}
