/**
 * The failover drill as a picture: per phase (web, db) a lane of what the prober saw over time
 * — green while the site answered, red while it did not — with the outage window, the moment
 * the fault was injected, the moment the system was whole again, and the DB primary's AZ
 * before → after. Read from the drill run's recorded probe logs (run-length encoded, so one
 * span per run of equal answers), the same data the text report is built from
 * (src/workflows/failover/report.ts); drawn while the drill runs, too.
 */
import { english } from '../i18n/english';
import type { Saying } from '../i18n/said';
import { ENGLISH, type Texts } from '../i18n/texts';
import type { Run } from '../state/types';
import { DEFAULT_FAILOVER_CONFIG } from '../workflows/failover/deps';
import { DB_STEP, WEB_STEP } from '../workflows/failover/outline';
import { isSuccess } from '../workflows/failover/probe-log';
import {
  buildPhaseReport,
  outageWindows,
  type DrillPhase,
  type OutageWindow,
  type PhaseRecord,
  type PhaseVerdict,
} from '../workflows/failover/report';
import { dbPhaseRecord } from '../workflows/failover/steps/db-drill';
import { webPhaseRecord } from '../workflows/failover/steps/web-drill';
import { el, esc, svgDocument, text, title, TONE_PAINT } from './svg-kit';

export interface ProbeSpan {
  from: number;
  to: number;
  ok: boolean;
  /** The HTTP status, `timeout` or `connection-error`. */
  result: string;
  count: number;
}

export interface PhaseTimeline {
  phase: DrillPhase;
  subject?: string;
  spans: ProbeSpan[];
  outages: OutageWindow[];
  faultAt?: number;
  recoveredAt?: number;
  azBefore?: string;
  azAfter?: string;
  verdict: PhaseVerdict;
  /** The verdict's reason in English (JSON, logs); `said`: as said, for the reader's language. */
  reason: string;
  said?: Saying;
  requests: number;
  failures: number;
}

export interface DrillTimeline {
  env: string;
  runId: string;
  target: string;
  running: boolean;
  startedAt: number;
  endAt: number;
  phases: PhaseTimeline[];
}

function phaseTimeline(record: PhaseRecord, running: boolean): PhaseTimeline {
  const report = buildPhaseReport(record);
  const spans = record.runs.map((r, i) => {
    // Each probe stands for its interval, up to the next run's first probe.
    const next = record.runs[i + 1]?.firstAt ?? r.lastAt + record.intervalMs;
    return {
      from: r.firstAt,
      to: Math.min(next, r.lastAt + record.intervalMs),
      ok: isSuccess(r.result),
      result: String(r.result),
      count: r.count,
    };
  });
  return {
    phase: record.phase,
    ...(record.subject ? { subject: record.subject } : {}),
    spans,
    outages: outageWindows(record.runs, record.intervalMs),
    ...(record.faultAt !== undefined ? { faultAt: record.faultAt } : {}),
    ...(record.recoveredAt !== undefined ? { recoveredAt: record.recoveredAt } : {}),
    ...(record.azBefore ? { azBefore: record.azBefore } : {}),
    ...(record.azAfter ? { azAfter: record.azAfter } : {}),
    // A phase still going has no verdict yet, whatever its numbers say so far.
    verdict: running && !record.completed ? 'incomplete' : report.verdict,
    reason: running && !record.completed ? ENGLISH.diagram.drill.underWay() : english(report.reason),
    ...(running && !record.completed ? {} : { said: report.reason }),
    requests: report.requests,
    failures: report.failures,
  };
}

/** The drill run's timeline; `now` ends the picture of a drill still running. */
export function drillTimeline(
  run: Run,
  now: number,
  intervalMs = DEFAULT_FAILOVER_CONFIG.intervalMs,
): DrillTimeline {
  const running = run.status === 'running';
  const records = [
    webPhaseRecord(run.steps[WEB_STEP]?.outputs ?? {}, intervalMs),
    dbPhaseRecord(run.steps[DB_STEP]?.outputs ?? {}, intervalMs),
  ].filter((r): r is PhaseRecord => r !== undefined);
  const phases = records.map((r) => phaseTimeline(r, running));
  const times = phases.flatMap((p) => [
    ...p.spans.flatMap((s) => [s.from, s.to]),
    ...(p.faultAt !== undefined ? [p.faultAt] : []),
    ...(p.recoveredAt !== undefined ? [p.recoveredAt] : []),
  ]);
  const startedAt = times.length ? Math.min(...times) : run.createdAt;
  const endAt = times.length ? Math.max(...times) : (run.finishedAt ?? now);
  const target = typeof run.params.target === 'string' ? run.params.target : 'all';
  return {
    env: run.env,
    runId: run.runId,
    target,
    running,
    startedAt,
    endAt: Math.max(endAt, startedAt + 1000),
    phases,
  };
}

/** Keeps a label inside the lane's left column (the whole of it is the element's tooltip). */
function clipped(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const PLOT_X = 170;
const PLOT_W = 760;
const LANE_H = 128;
const TOP = 70;

/** A round tick step giving at most about ten ticks. */
function tickStep(spanMs: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
  return steps.find((s) => spanMs / s <= 10) ?? 3_600_000;
}

const VERDICT_TONE: Record<PhaseVerdict, keyof typeof TONE_PAINT> = {
  pass: 'ok',
  fail: 'bad',
  'fault-not-observed': 'bad',
  incomplete: 'busy',
};

/** A moment on a lane: a vertical line across the bar and a label under it. */
function marker(
  kind: string,
  at: number,
  barY: number,
  ink: string,
  label: string,
  dy: number,
  dash?: string,
): string {
  return el(
    'g',
    { 'data-kind': kind },
    el('line', {
      x1: at,
      y1: barY - 6,
      x2: at,
      y2: barY + 40,
      stroke: ink,
      'stroke-width': 2,
      'stroke-dasharray': dash,
    }),
    // Near the right edge the label goes to the left of the line, so it stays in the picture.
    at > PLOT_X + PLOT_W - 100
      ? text(at - 4, barY + dy, label, { fill: ink, 'font-size': 11, 'text-anchor': 'end' })
      : text(at + 4, barY + dy, label, { fill: ink, 'font-size': 11 }),
  );
}

function lane(p: PhaseTimeline, y: number, x: (t: number) => number, t0: number, t: Texts): string {
  const d = t.diagram.drill;
  const ok = TONE_PAINT.ok;
  const bad = TONE_PAINT.bad;
  const barY = y + 34;
  const parts: string[] = [
    text(20, y + 22, p.phase === 'web' ? d.web() : d.db(), {
      'font-weight': 'bold',
      'font-size': 14,
      fill: '#202124',
    }),
    el(
      'text',
      { x: 20, y: y + 40, fill: '#5f6368', 'font-size': 10 },
      title(p.subject ?? ''),
      esc(clipped(p.subject ?? '', 26)),
    ),
    text(20, y + 58, d.probes({ requests: p.requests, failures: p.failures }), {
      fill: '#3c4043',
      'font-size': 11,
    }),
    el(
      'g',
      { 'data-kind': 'verdict', 'data-verdict': p.verdict },
      text(20, y + 76, d.verdict(p.verdict), {
        'font-weight': 'bold',
        fill: TONE_PAINT[VERDICT_TONE[p.verdict]].ink,
      }),
      text(20, y + 92, p.said !== undefined ? t.said(p.said) : d.underWay(), {
        fill: '#5f6368',
        'font-size': 10,
      }),
    ),
    el('rect', { x: PLOT_X, y: barY, width: PLOT_W, height: 26, fill: '#f8f9fa', stroke: '#dadce0' }),
  ];
  for (const o of p.outages) {
    const end = o.endAt ?? o.startAt + o.ms;
    parts.push(
      el(
        'g',
        { 'data-kind': 'outage', 'data-ms': o.ms, 'data-open': o.endAt === undefined ? 'true' : undefined },
        title(d.outage({ ms: o.ms, open: o.endAt === undefined })),
        el('rect', {
          x: x(o.startAt),
          y: barY - 10,
          width: Math.max(2, x(end) - x(o.startAt)),
          height: 46,
          fill: bad.fill,
          stroke: bad.stroke,
          'stroke-dasharray': '3 2',
          opacity: 0.9,
        }),
        text(x(o.startAt) + 3, barY - 13, d.outageLabel({ ms: o.ms }), {
          fill: bad.ink,
          'font-size': 11,
          'font-weight': 'bold',
        }),
      ),
    );
  }
  for (const s of p.spans) {
    parts.push(
      el(
        'rect',
        {
          'data-kind': 'probes',
          'data-result': s.ok ? 'ok' : 'failed',
          'data-status': s.result,
          'data-count': s.count,
          x: x(s.from),
          y: barY + 3,
          width: Math.max(1.5, x(s.to) - x(s.from)),
          height: 20,
          fill: s.ok ? ok.stroke : bad.stroke,
        },
        title(d.span({ count: s.count, ok: s.ok, result: s.result, fromMs: s.from - t0 })),
      ),
    );
  }
  if (p.faultAt !== undefined) {
    const what = p.phase === 'web' ? d.webFault() : d.dbFault();
    parts.push(marker('fault', x(p.faultAt), barY, '#202124', what, 52));
  }
  if (p.recoveredAt !== undefined) {
    parts.push(marker('recovered', x(p.recoveredAt), barY, TONE_PAINT.ok.stroke, d.recovered(), 66, '4 2'));
  }
  if (p.azBefore) {
    const swapped = p.azAfter !== undefined && p.azAfter !== p.azBefore;
    parts.push(
      text(
        PLOT_X,
        y + 112,
        d.azSwap({ before: p.azBefore, after: p.azAfter ?? '…', unchanged: !!p.azAfter && !swapped }),
        {
          'data-kind': 'az-swap',
          'data-before': p.azBefore,
          'data-after': p.azAfter,
          fill: swapped ? '#0b67a8' : '#5f6368',
          'font-weight': 'bold',
        },
      ),
    );
  }
  return el('g', { 'data-kind': 'phase', 'data-phase': p.phase, 'data-verdict': p.verdict }, ...parts);
}

export function drillSvg(tl: DrillTimeline, t: Texts = ENGLISH): string {
  const d = t.diagram.drill;
  const span = tl.endAt - tl.startedAt;
  const x = (at: number) => PLOT_X + ((at - tl.startedAt) / span) * PLOT_W;
  const height = TOP + Math.max(1, tl.phases.length) * LANE_H + 50;
  const axisY = TOP + Math.max(1, tl.phases.length) * LANE_H + 8;
  const step = tickStep(span);
  const ticks: string[] = [];
  for (let s = 0; s <= span; s += step) {
    const tx = x(tl.startedAt + s);
    ticks.push(
      el('line', { x1: tx, y1: axisY, x2: tx, y2: axisY + 5, stroke: '#5f6368' }),
      text(tx, axisY + 18, d.seconds({ s: Math.round(s / 1000) }), {
        'text-anchor': 'middle',
        fill: '#5f6368',
        'font-size': 10,
      }),
    );
  }
  const body = [
    text(20, 28, d.heading({ env: tl.env, target: tl.target, running: tl.running }), {
      'font-size': 18,
      'font-weight': 'bold',
      fill: '#202124',
      'data-kind': 'heading',
    }),
    text(20, 50, d.legend(), { fill: '#5f6368', 'font-size': 11 }),
    ...(tl.phases.length === 0 ? [text(PLOT_X, TOP + 40, d.noProbe(), { fill: '#5f6368' })] : []),
    ...tl.phases.map((p, i) => lane(p, TOP + i * LANE_H, x, tl.startedAt, t)),
    el(
      'g',
      { 'data-kind': 'axis' },
      el('line', { x1: PLOT_X, y1: axisY, x2: PLOT_X + PLOT_W, y2: axisY, stroke: '#5f6368' }),
      ...ticks,
    ),
  ];
  return svgDocument(960, height, d.title({ env: tl.env }), body, t.lang);
}
