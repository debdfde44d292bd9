/**
 * The drill report, as plain data plus its lines as things said (the bot and the CLI put them
 * into the reader's words). Pure: it reads the probe logs and facts the drill steps recorded.
 *
 * Per phase: requests sent, successes, failures by kind, the longest outage window (first
 * failure → first success after it), time to recover, AZ before → after, a one-line sparkline
 * and a verdict against the phase's objective. A phase whose fault was not observed is never a
 * pass.
 */
import { say, type Said, type Saying } from '../../i18n/said';
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
  /** What was observed ("i-1: running → stopped; target unused"), said. */
  evidence: Saying;
  /** True once the phase ran to its end (not cancelled or failed midway). */
  completed: boolean;
  azBefore?: string;
  azAfter?: string;
  /** What was faulted: the instance id, or the DB identifier. */
  subject?: string;
  /** A remark for people (e.g. "single-AZ DB: a reboot, not a failover"). */
  remark?: Saying;
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
  evidence: Saying;
  objective: Saying;
  verdict: PhaseVerdict;
  /** One line: why this verdict. */
  reason: Saying;
  remark?: Saying;
}

export interface DrillReport {
  env: string;
  runId: string;
  target: DrillTarget;
  verdict: PhaseVerdict;
  phases: PhaseReport[];
  startedAt: number;
  finishedAt: number;
  headline: Saying;
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

function objectiveText(phase: DrillPhase, o: DrillObjectives): Said {
  return phase === 'web'
    ? say('drill.objectiveWeb', { n: o.webMaxFailedRequests })
    : say('drill.objectiveDb', { maxMs: o.dbMaxOutageMs });
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
): { verdict: PhaseVerdict; reason: Said } {
  if (!record.completed) return { verdict: 'incomplete', reason: say('drill.incomplete') };
  if (!record.faultObserved) {
    return { verdict: 'fault-not-observed', reason: say('drill.notObserved', { evidence: record.evidence }) };
  }
  if (record.phase === 'web') {
    const reason = say('drill.webReason', { failed: failures, allowed: o.webMaxFailedRequests });
    return { verdict: failures <= o.webMaxFailedRequests ? 'pass' : 'fail', reason };
  }
  if (longest && longest.endAt === undefined) return { verdict: 'fail', reason: say('drill.neverAnswered') };
  const outage = longest?.ms ?? 0;
  const figures = { ms: outage, maxMs: o.dbMaxOutageMs };
  return outage <= o.dbMaxOutageMs
    ? { verdict: 'pass', reason: say('drill.outageWithin', figures) }
    : { verdict: 'fail', reason: say('drill.outageOver', figures) };
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
  const headline = say('drill.headline', { env: input.env, target: input.target, verdict });
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

/** `504 ×3`, the most frequent first. */
function failureKinds(p: PhaseReport): string[] {
  return Object.entries(p.failuresByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ×${n}`);
}

/** One phase in a few lines: what was done and the verdict, the numbers, what was observed, the sparkline. */
export function renderPhase(p: PhaseReport): Saying[] {
  const first =
    p.phase === 'web'
      ? say('drill.webPhase', { subject: p.subject ?? '', verdict: p.verdict, reason: p.reason })
      : say('drill.dbPhase', {
          subject: p.subject ?? '',
          from: p.azBefore ?? '',
          to: p.azAfter ?? '',
          verdict: p.verdict,
          reason: p.reason,
        });
  const lines: Saying[] = [
    first,
    say('drill.numbers', {
      requests: p.requests,
      ok: p.successes,
      failed: p.failures,
      kinds: failureKinds(p),
      outageMs: p.longestOutage ? p.longestOutage.ms : -1,
      open: p.longestOutage !== undefined && p.longestOutage.endAt === undefined,
      recoveredMs: p.timeToRecoverMs ?? -1,
      objective: p.objective,
    }),
    say('drill.observed', { evidence: p.evidence }),
  ];
  if (p.remark) lines.push(say('drill.note', { remark: p.remark }));
  if (p.sparkline) lines.push(`  ${p.sparkline}`);
  return lines;
}

/** The report's lines: the headline, then each phase. */
export function renderDrillReport(report: DrillReport): Saying[] {
  const lines: Saying[] = [report.headline];
  if (report.phases.length === 0) lines.push(say('drill.noPhase'));
  for (const p of report.phases) lines.push(...renderPhase(p));
  return lines;
}

/**
 * What the people watching the site saw during each phase, and why: no outage with two targets,
 * the 504s of a failover, the primary's new AZ. Read from the report's numbers.
 */
export function whatWasSeen(report: DrillReport): Said[] {
  const out: Said[] = [];
  for (const p of report.phases) {
    const observed = p.faultObserved || p.verdict === 'pass';
    // A web server that never stopped made nothing to see; a DB drill that did not switch over may have.
    if (!observed && (p.phase === 'web' || p.failures === 0)) continue;
    const subject = p.subject ?? '';
    if (p.phase === 'web') {
      out.push(
        p.failures === 0
          ? say('drill.sawWebNone', { subject })
          : say('drill.sawWebSome', { subject, failed: p.failures }),
      );
      continue;
    }
    const outageMs = p.longestOutage?.ms ?? 0;
    const n504 = p.failuresByKind['504'] ?? 0;
    if (p.failures === 0) out.push(say('drill.sawDbNone'));
    else if (n504 > 0) out.push(say('drill.sawDb504', { n: n504, outageMs }));
    else out.push(say('drill.sawDbDown', { outageMs }));
    if (p.azBefore && p.azAfter && p.azBefore !== p.azAfter)
      out.push(say('drill.sawAzSwap', { from: p.azBefore, to: p.azAfter }));
    // Without a standby (the remark says so) a reboot stays put; with one, the failover did not happen.
    else if (p.azAfter && p.remark) out.push(say('drill.sawAzSame', { az: p.azAfter }));
    else if (p.azAfter) out.push(say('drill.sawAzNoSwap', { az: p.azAfter }));
  }
  return out;
}

/** What `env.meta.lastDrill` keeps: enough for `/site status` to show one line per phase. */
export interface LastDrillSummary {
  runId: string;
  at: number;
  target: DrillTarget;
  verdict: PhaseVerdict;
  headline: Saying;
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
