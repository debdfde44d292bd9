/**
 * Web drill (SPEC §9): with 2/2 targets serving, stop one instance, keep probing through the
 * ALB until its target is out of service and the instance stopped, start it again, and wait
 * until its target is healthy.
 *
 * One step, advanced in stages recorded in its outputs, so a resumed run picks up where it
 * was. The stop is recorded *before* it is sent: from then on the step never fails before it
 * has started the instance again (AWS errors are retried), and the workflow's onFinish starts
 * it as a last resort if the run ends anyway (cancelled).
 */
import { formatDuration } from '../../../domain/format';
import { outlineStep } from '../../engine/outline';
import type { StepDefinition, StepResult } from '../../engine/types';
import { drillCalls, type FailoverDeps } from '../deps';
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
import { FAILOVER_OUTLINE, PREFLIGHT_STEP, WEB_STEP } from '../outline';

export type WebStage = 'baseline' | 'stop' | 'await-out' | 'start' | 'await-healthy' | 'done' | 'skipped';

export interface WebDrillState extends ProbedState {
  stage: WebStage;
  instanceId: string;
  role: string;
  siteUrl: string;
  targetGroupArn: string;
  /** When the first probe of the phase was due. */
  phaseStartedAt?: number;
  stopIssuedAt?: number;
  outAt?: number;
  /** The out-of-service wait ran out: the fault was not observed. */
  outTimedOut?: boolean;
  startIssuedAt?: number;
  healthyAt?: number;
  /** EC2 states and target health states seen, each change once. */
  states: string[];
  health: string[];
}

const OUT_OF_SERVICE = new Set(['unused', 'unhealthy', 'draining']);
const STOPPED_STATES = new Set(['stopping', 'stopped']);

function readState(ctx: Ctx): WebDrillState {
  const own = ctx.own;
  const pre = ctx.outputsOf(PREFLIGHT_STEP);
  const web = Array.isArray(pre.web) ? (pre.web as { role: string; instanceId: string }[]) : [];
  // The second AZ's server: web-1 is the AMI's source, either would do.
  const chosen = web.find((w) => w.role === 'web-2') ?? web[0];
  const stage = str(own.stage) as WebStage | undefined;
  return {
    ...baseProbed(own),
    stage: stage ?? 'baseline',
    instanceId: str(own.instanceId) ?? chosen?.instanceId ?? '',
    role: str(own.role) ?? chosen?.role ?? '',
    siteUrl: str(own.siteUrl) ?? str(pre.siteUrl) ?? '',
    targetGroupArn: str(own.targetGroupArn) ?? str(pre.targetGroupArn) ?? '',
    ...optionalNumbers(own, ['phaseStartedAt', 'stopIssuedAt', 'outAt', 'startIssuedAt', 'healthyAt']),
    ...(own.outTimedOut === true ? { outTimedOut: true } : {}),
    states: strings(own.states),
    health: strings(own.health),
  };
}

/** Sends the stop or the start the current stage calls for; recorded before it is sent. */
async function act(ctx: Ctx, s: WebDrillState, t: DrillTools): Promise<void> {
  if (s.stage === 'stop') {
    if (s.stopIssuedAt === undefined) {
      s.stopIssuedAt = t.io.clock.now();
      await ctx.record({ stopIssuedAt: s.stopIssuedAt, instanceId: s.instanceId, role: s.role });
    }
    await drillCalls.stopInstance(ctx.deps.ec2, s.instanceId);
    s.stage = 'await-out';
    await ctx.record({ stage: s.stage });
  } else if (s.stage === 'start') {
    if (s.startIssuedAt === undefined) {
      s.startIssuedAt = t.io.clock.now();
      await ctx.record({ startIssuedAt: s.startIssuedAt });
    }
    await drillCalls.startInstance(ctx.deps.ec2, s.instanceId);
    s.stage = 'await-healthy';
    await ctx.record({ stage: s.stage });
  }
}

/** Reads the instance's EC2 state and target health, and moves the stage on when it is time. */
async function observe(ctx: Ctx, s: WebDrillState, t: DrillTools): Promise<StepResult | undefined> {
  const [instance] = await ctx.deps.ec2.instances([], [s.instanceId]);
  const state = instance?.State?.Name ?? 'missing';
  const health =
    (await ctx.deps.elbv2.targetHealth(s.targetGroupArn)).find((h) => h.Target?.Id === s.instanceId)
      ?.TargetHealth?.State ?? 'unregistered';
  noteTransition(s.states, state);
  noteTransition(s.health, health);
  const now = t.io.clock.now();
  switch (s.stage) {
    case 'baseline':
      s.stage = 'stop';
      return undefined;
    case 'await-out':
      if (OUT_OF_SERVICE.has(health) && state === 'stopped') {
        s.outAt ??= now;
        s.stage = 'start';
      } else if (now - (s.stopIssuedAt ?? now) > t.cfg.webOutOfServiceTimeoutMs) {
        s.outTimedOut = true;
        s.stage = 'start';
      }
      return undefined;
    case 'await-healthy':
      if (state === 'running' && health === 'healthy') {
        s.healthyAt = now;
        s.stage = 'done';
      } else if (now - (s.startIssuedAt ?? now) > t.cfg.webRestoreTimeoutMs) {
        return failAfterRecording(
          ctx,
          s,
          `${s.instanceId} (${s.role}) is ${state}, target ${health}: not healthy again after ${formatDuration(t.cfg.webRestoreTimeoutMs)}`,
          'web-not-restored',
        );
      }
      return undefined;
    default:
      return undefined;
  }
}

/** When AWS errors after the stop stop being retried: both waits' budgets past the stop. */
function giveUpAt(s: WebDrillState, t: DrillTools): number {
  return (s.stopIssuedAt ?? t.io.clock.now()) + t.cfg.webOutOfServiceTimeoutMs + t.cfg.webRestoreTimeoutMs;
}

export const webDrillStep: StepDefinition<FailoverDeps> = {
  ...outlineStep(FAILOVER_OUTLINE, WEB_STEP),
  async run(ctx) {
    const skipped = skippedPhase(ctx, 'web');
    if (skipped) return skipped;
    const t = tools(ctx);
    const s = readState(ctx);
    if (s.stage === 'done') return { status: 'done', outputs: asOutputs(s) };
    if (!s.instanceId || !s.siteUrl || !s.targetGroupArn) {
      return {
        status: 'fail',
        error: { message: 'preflight recorded no web server to stop', retryable: false },
      };
    }
    s.phaseStartedAt ??= s.nextProbeAt ?? t.io.clock.now();
    const faultSent = s.stopIssuedAt !== undefined;
    try {
      await act(ctx, s, t);
    } catch (err) {
      // Before the stop took: an ordinary step failure. After it: keep going, the instance must be started again.
      if (s.stage === 'stop' && !faultSent) throw err;
      return retryAfterError(ctx, s, err, t, `${s.stage} ${s.instanceId}`, giveUpAt(s, t));
    }
    await probeInto(s, s.siteUrl, t);
    try {
      const stop = await observe(ctx, s, t);
      if (stop) return stop;
    } catch (err) {
      if (s.stopIssuedAt === undefined) throw err;
      return retryAfterError(ctx, s, err, t, `check ${s.instanceId}`, giveUpAt(s, t));
    }
    // `observe` moved the stage on (TypeScript still holds the narrowing from above).
    if ((s.stage as WebStage) === 'done') {
      return { status: 'done', outputs: asOutputs(s), note: `${s.role} healthy again` };
    }
    return waitForNextProbe(
      s,
      t,
      `${s.role} ${s.stage}: ${s.states.at(-1) ?? '?'}, target ${s.health.at(-1) ?? '?'}`,
    );
  },
};

/** The report's view of this phase. */
export function webPhaseRecord(
  outputs: Readonly<Record<string, unknown>>,
  intervalMs: number,
): PhaseRecord | undefined {
  const stage = str(outputs.stage);
  if (!stage || stage === 'skipped') return undefined;
  const states = strings(outputs.states);
  const health = strings(outputs.health);
  const instanceId = str(outputs.instanceId) ?? '?';
  const role = str(outputs.role) ?? '';
  const stopped = states.some((st) => STOPPED_STATES.has(st));
  const leftService = health.some((h) => OUT_OF_SERVICE.has(h));
  const faultObserved = num(outputs.stopIssuedAt) !== undefined && stopped && leftService;
  const evidence =
    num(outputs.stopIssuedAt) === undefined
      ? 'no stop was sent'
      : `${instanceId}${role ? ` (${role})` : ''} ${states.join(' → ') || 'not seen'}; target ${health.join(' → ') || 'not seen'}`;
  const faultAt = num(outputs.stopIssuedAt);
  const recoveredAt = num(outputs.healthyAt);
  return {
    phase: 'web',
    runs: baseProbed(outputs).runs,
    intervalMs,
    ...(faultAt === undefined ? {} : { faultAt }),
    ...(recoveredAt === undefined ? {} : { recoveredAt }),
    faultObserved,
    evidence,
    completed: stage === 'done',
    subject: `${instanceId}${role ? ` (${role})` : ''}`,
  };
}
