/**
 * The drill report, as plain data plus a plain-text rendering (the bot renders Block Kit from
 * the data). Pure: it reads the probe logs and facts the drill steps recorded.
 *
 * Per phase: requests sent, successes, failures by kind, the longest outage window (first
 * failure → first success after it), time to recover, AZ before → after, a one-line sparkline
 * and a verdict against the phase's objective. A phase whose fault was not observed is never a
 * pass.
 */
import { count, formatDuration } from '../../domain/format';
import { failureKind, isSuccess, type ProbeRun } from './probe-log';

export type DrillPhase = 'web' | 'db';
export type DrillTarget = DrillPhase | 'all';
export type PhaseVerdict = 'pass' | 'fail' | 'fault-not-observed' | 'incomplete';

/** What a drill step records about its phase; the input of the report. */
export interface PhaseRecord {
  phase: DrillPhase;
  runs: readonly ProbeRun[];
  intervalMs: number;
  /** When the fault was injected (stop / reboot issued). */
  faultAt?: number;
  /** When the phase saw the system whole again (target healthy; DB available and the site answering). */
  recoveredAt?: number;
  /** Did the fault really happen (instance left `running`; primary AZ changed)? */
  faultObserved: boolean;
  /** What was observed, in words ("i-1: running → stopped; target unused"). */
  evidence: string;
  /** True once the phase ran to its end (not cancelled or failed midway). */
  completed: boolean;
  azBefore?: string;
  azAfter?: string;
  /** What was faulted: the instance id, or the DB identifier. */
  subject?: string;
  /** A remark for people (e.g. "single-AZ DB: a reboot, not a failover"). */
  remark?: string;
}

export interface DrillObjectives {
  /** Web drill: failed requests allowed while one instance is down. */
  webMaxFailedRequests: number;
  /** DB drill: longest outage allowed (AWS documents 60–120 s as a typical failover). */
  dbMaxOutageMs: number;
}

export const DEFAULT_OBJECTIVES: DrillObjectives = { webMaxFailedRequests: 0, dbMaxOutageMs: 120_000 };

export interface OutageWindow {
  startAt: number;
  /** The first success after the failures; absent when the site never answered again. */
  endAt?: number;
  ms: number;
}

export interface PhaseReport {
  phase: DrillPhase;
  subject?: string;
  requests: number;
  successes: number;
  failures: number;
  /** Failures by kind: `503`, `504`, `timeout`, `connection-error`, … */
  failuresByKind: Record<string, number>;
  longestOutage?: OutageWindow;
  outageCount: number;
  timeToRecoverMs?: number;
  maxLatencyMs: number;
  azBefore?: string;
  azAfter?: string;
  sparkline: string;
  faultObserved: boolean;
  evidence: string;
  objective: string;
  verdict: PhaseVerdict;
  /** One line: why this verdict. */
  reason: string;
  remark?: string;
}

export interface DrillReport {
  env: string;
  runId: string;
  target: DrillTarget;
  verdict: PhaseVerdict;
  phases: PhaseReport[];
  startedAt: number;
  finishedAt: number;
  headline: string;
}

export const SPARK_OK = '▁';
export const SPARK_FAIL = '█';
export const SPARK_WIDTH = 60;

/** Every outage: first failure → first success after it (open when the log ends failing). */
export function outageWindows(runs: readonly ProbeRun[], intervalMs: number): OutageWindow[] {
  const out: OutageWindow[] = [];
  let open: { startAt: number; lastFailAt: number } | undefined;
  for (const run of runs) {
    if (isSuccess(run.result)) {
      if (open) out.push({ startAt: open.startAt, endAt: run.firstAt, ms: run.firstAt - open.startAt });
      open = undefined;
    } else {
      open = open ? { ...open, lastFailAt: run.lastAt } : { startAt: run.firstAt, lastFailAt: run.lastAt };
    }
  }
  // Never answered again: at least as long as the failures seen, plus the interval they stand for.
  if (open) out.push({ startAt: open.startAt, ms: open.lastFailAt - open.startAt + intervalMs });
  return out;
}

export function longestOutage(runs: readonly ProbeRun[], intervalMs: number): OutageWindow | undefined {
  let best: OutageWindow | undefined;
  for (const w of outageWindows(runs, intervalMs)) if (!best || w.ms > best.ms) best = w;
  return best;
}

/**
 * One character per probe (`▁` answered, `█` failed), squeezed to at most `width` characters:
 * each character then stands for a slice of consecutive probes and shows `█` if any failed.
 */
export function sparkline(runs: readonly ProbeRun[], width = SPARK_WIDTH): string {
  const total = runs.reduce((n, r) => n + r.count, 0);
  if (total === 0 || width <= 0) return '';
  const cells = Math.min(width, total);
  const failedIn = new Array<boolean>(cells).fill(false);
  let index = 0;
  for (const run of runs) {
    if (!isSuccess(run.result)) {
      const first = Math.floor((index * cells) / total);
      const last = Math.floor(((index + run.count - 1) * cells) / total);
      for (let c = first; c <= last; c++) failedIn[c] = true;
    }
    index += run.count;
  }
  return failedIn.map((f) => (f ? SPARK_FAIL : SPARK_OK)).join('');
}

function objectiveText(phase: DrillPhase, o: DrillObjectives): string {
  return phase === 'web'
    ? count(o.webMaxFailedRequests, 'failed request')
    : `outage ≤ ${formatDuration(o.dbMaxOutageMs)}`;
}

export function buildPhaseReport(
  record: PhaseRecord,
  objectives: DrillObjectives = DEFAULT_OBJECTIVES,
): PhaseReport {
  const failuresByKind: Record<string, number> = {};
  let requests = 0;
  let successes = 0;
  let maxLatencyMs = 0;
  for (const run of record.runs) {
    requests += run.count;
    maxLatencyMs = Math.max(maxLatencyMs, run.maxLatencyMs);
    if (isSuccess(run.result)) successes += run.count;
    else failuresByKind[failureKind(run.result)] = (failuresByKind[failureKind(run.result)] ?? 0) + run.count;
  }
  const failures = requests - successes;
  const windows = outageWindows(record.runs, record.intervalMs);
  const longest = longestOutage(record.runs, record.intervalMs);
  const timeToRecoverMs =
    record.faultAt !== undefined && record.recoveredAt !== undefined
      ? record.recoveredAt - record.faultAt
      : undefined;
  const { verdict, reason } = judge(record, objectives, failures, longest);
  return {
    phase: record.phase,
    ...(record.subject === undefined ? {} : { subject: record.subject }),
    requests,
    successes,
    failures,
    failuresByKind,
    ...(longest ? { longestOutage: longest } : {}),
    outageCount: windows.length,
    ...(timeToRecoverMs === undefined ? {} : { timeToRecoverMs }),
    maxLatencyMs,
    ...(record.azBefore === undefined ? {} : { azBefore: record.azBefore }),
    ...(record.azAfter === undefined ? {} : { azAfter: record.azAfter }),
    sparkline: sparkline(record.runs),
    faultObserved: record.faultObserved,
    evidence: record.evidence,
    objective: objectiveText(record.phase, objectives),
    verdict,
    reason,
    ...(record.remark === undefined ? {} : { remark: record.remark }),
  };
}

function judge(
  record: PhaseRecord,
  o: DrillObjectives,
  failures: number,
  longest: OutageWindow | undefined,
): { verdict: PhaseVerdict; reason: string } {
  if (!record.completed) {
    return { verdict: 'incomplete', reason: 'the drill stopped before this phase ended' };
  }
  if (!record.faultObserved) {
    return {
      verdict: 'fault-not-observed',
      reason: `the fault did not happen (${record.evidence}): not a pass`,
    };
  }
  if (record.phase === 'web') {
    const reason = `${count(failures, 'failed request')}, ${o.webMaxFailedRequests} allowed`;
    return { verdict: failures <= o.webMaxFailedRequests ? 'pass' : 'fail', reason };
  }
  if (longest && longest.endAt === undefined) {
    return { verdict: 'fail', reason: 'the site never answered again during the drill' };
  }
  const outage = longest?.ms ?? 0;
  return outage <= o.dbMaxOutageMs
    ? { verdict: 'pass', reason: `outage ${formatDuration(outage)} ≤ ${formatDuration(o.dbMaxOutageMs)}` }
    : { verdict: 'fail', reason: `outage ${formatDuration(outage)} > ${formatDuration(o.dbMaxOutageMs)}` };
}

/** The drill's verdict: any fail fails it; a fault not observed or an unfinished phase is never a pass. */
export function overallVerdict(
  phases: readonly PhaseReport[],
  expected: readonly DrillPhase[],
): PhaseVerdict {
  const verdicts = phases.map((p) => p.verdict);
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('fault-not-observed')) return 'fault-not-observed';
  if (verdicts.includes('incomplete') || expected.some((e) => !phases.some((p) => p.phase === e))) {
    return 'incomplete';
  }
  return 'pass';
}

export function phasesOf(target: DrillTarget): DrillPhase[] {
  return target === 'all' ? ['web', 'db'] : [target];
}

const VERDICT_WORD: Record<PhaseVerdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'fault-not-observed': 'FAULT NOT OBSERVED',
  incomplete: 'INCOMPLETE',
};

export interface DrillReportInput {
  env: string;
  runId: string;
  target: DrillTarget;
  records: readonly PhaseRecord[];
  startedAt: number;
  finishedAt: number;
  objectives?: DrillObjectives;
}

export function buildDrillReport(input: DrillReportInput): DrillReport {
  const phases = input.records.map((r) => buildPhaseReport(r, input.objectives ?? DEFAULT_OBJECTIVES));
  const verdict = overallVerdict(phases, phasesOf(input.target));
  const headline = `Failover drill on ${input.env} (${input.target}): ${VERDICT_WORD[verdict]}`;
  return {
    env: input.env,
    runId: input.runId,
    target: input.target,
    verdict,
    phases,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    headline,
  };
}

function failureText(p: PhaseReport): string {
  const kinds = Object.entries(p.failuresByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ×${n}`);
  return kinds.length ? ` (${kinds.join(', ')})` : '';
}

/** One phase in two lines: the numbers, then the sparkline. */
export function renderPhase(p: PhaseReport): string[] {
  const what =
    p.phase === 'web'
      ? `web: stopped ${p.subject ?? 'an instance'}`
      : `db: rebooted ${p.subject ?? 'the DB'}`;
  const az = p.azBefore !== undefined ? `; primary AZ ${p.azBefore} → ${p.azAfter ?? '?'}` : '';
  const outage = p.longestOutage
    ? `longest outage ${formatDuration(p.longestOutage.ms)}${p.longestOutage.endAt === undefined ? ' (not recovered)' : ''}`
    : 'no outage';
  const recovered =
    p.timeToRecoverMs !== undefined ? `; recovered in ${formatDuration(p.timeToRecoverMs)}` : '';
  const lines = [
    `${what}${az} — ${VERDICT_WORD[p.verdict]}: ${p.reason}`,
    `  ${count(p.requests, 'request')}, ${p.successes} ok, ${p.failures} failed${failureText(p)}; ${outage}${recovered}; objective: ${p.objective}`,
    `  observed: ${p.evidence}`,
  ];
  if (p.remark) lines.push(`  note: ${p.remark}`);
  if (p.sparkline) lines.push(`  ${p.sparkline}`);
  return lines;
}

export function renderDrillReport(report: DrillReport): string {
  const lines = [report.headline];
  if (report.phases.length === 0) lines.push('no phase ran');
  for (const p of report.phases) lines.push(...renderPhase(p));
  return lines.join('\n');
}

/** What `env.meta.lastDrill` keeps: enough for `/site status` to show one line per phase. */
export interface LastDrillSummary {
  runId: string;
  at: number;
  target: DrillTarget;
  verdict: PhaseVerdict;
  headline: string;
  phases: {
    phase: DrillPhase;
    verdict: PhaseVerdict;
    requests: number;
    failures: number;
    longestOutageMs?: number;
    azBefore?: string;
    azAfter?: string;
    sparkline: string;
  }[];
}

export function lastDrillSummary(report: DrillReport): LastDrillSummary {
  return {
    runId: report.runId,
    at: report.finishedAt,
    target: report.target,
    verdict: report.verdict,
    headline: report.headline,
    phases: report.phases.map((p) => ({
      phase: p.phase,
      verdict: p.verdict,
      requests: p.requests,
      failures: p.failures,
      ...(p.longestOutage ? { longestOutageMs: p.longestOutage.ms } : {}),
      ...(p.azBefore === undefined ? {} : { azBefore: p.azBefore }),
      ...(p.azAfter === undefined ? {} : { azAfter: p.azAfter }),
      sparkline: p.sparkline,
    })),
  };
}
