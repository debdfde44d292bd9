/**
 * What the drill's prober saw, kept compact: consecutive probes with the same result are one
 * run (run-length encoding), so a drill of a thousand probes with a handful of status changes
 * is a handful of entries in a DynamoDB item (≤ 400 KB) rather than a thousand.
 */

/** An HTTP status, or why there was none. */
export type ProbeResult = number | 'timeout' | 'connection-error';

export interface ProbeSample {
  /** When the probe was sent (epoch ms, on the drill's clock). */
  at: number;
  result: ProbeResult;
  latencyMs: number;
}

/** Consecutive probes with one result. */
export interface ProbeRun {
  result: ProbeResult;
  count: number;
  firstAt: number;
  lastAt: number;
  maxLatencyMs: number;
  totalLatencyMs: number;
}

/** What users would call "the site answered": a 2xx or a redirect. */
export function isSuccess(result: ProbeResult): boolean {
  return typeof result === 'number' && result >= 200 && result < 400;
}

/** How a failure is counted in a report: `503`, `504`, `timeout`, `connection-error`. */
export function failureKind(result: ProbeResult): string {
  return String(result);
}

/** A new log with `samples` appended (the input is not changed). */
export function appendSamples(runs: readonly ProbeRun[], samples: readonly ProbeSample[]): ProbeRun[] {
  const out = runs.map((r) => ({ ...r }));
  for (const s of samples) {
    const last = out[out.length - 1];
    if (last && last.result === s.result) {
      last.count += 1;
      last.lastAt = s.at;
      last.maxLatencyMs = Math.max(last.maxLatencyMs, s.latencyMs);
      last.totalLatencyMs += s.latencyMs;
    } else {
      out.push({
        result: s.result,
        count: 1,
        firstAt: s.at,
        lastAt: s.at,
        maxLatencyMs: s.latencyMs,
        totalLatencyMs: s.latencyMs,
      });
    }
  }
  return out;
}

/** The last result seen, if any. */
export function lastResult(runs: readonly ProbeRun[]): ProbeResult | undefined {
  return runs[runs.length - 1]?.result;
}

/** Reads a log back from step outputs, dropping anything malformed. */
export function probeRunsOf(value: unknown): ProbeRun[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is ProbeRun =>
      typeof r === 'object' &&
      r !== null &&
      (typeof r.result === 'number' || r.result === 'timeout' || r.result === 'connection-error') &&
      typeof r.count === 'number' &&
      typeof r.firstAt === 'number' &&
      typeof r.lastAt === 'number',
  );
}
