/**
 * The drill's prober: an HTTP GET to the site URL every `intervalMs` (default 1 s, timeout
 * 5 s), recording status (or timeout / connection error) and latency.
 *
 * It probes in bursts: a drill step calls `probeBurst` on each tick, which probes for up to
 * `forMs` and says when the next probe is due; the step records the samples and asks for its
 * next tick then. Time, sleeping and the HTTP call are injected, so tests run bursts on the
 * emulator's virtual clock (sleep = advance the clock) without a real sleep.
 *
 * ```ts
 * const { samples, nextAt } = await probeBurst(io, siteUrl, { intervalMs: 1_000, timeoutMs: 5_000 }, { forMs: 10_000 });
 * ```
 */
import { systemClock, type Clock } from '../engine/clock';
import type { ProbeResult, ProbeSample } from './probe-log';

/** GETs `url` once (no redirects followed); never throws. */
export type FetchStatus = (url: string, timeoutMs: number) => Promise<ProbeResult>;

export interface ProbeIo {
  /** Time of each probe (`at`) and of the drill's events. */
  clock: Clock;
  /** Waits until the next probe is due: a timer in production, a clock advance in tests. */
  sleep(ms: number): Promise<void>;
  fetchStatus: FetchStatus;
  /** A monotonic ms counter for latency (`performance.now` by default). */
  stopwatch(): number;
}

export interface ProbeSettings {
  intervalMs: number;
  timeoutMs: number;
}

export const DEFAULT_PROBE_SETTINGS: ProbeSettings = { intervalMs: 1_000, timeoutMs: 5_000 };

/** `fetch` with a timeout: the status, `timeout`, or `connection-error` (refused, reset, DNS). */
export const fetchStatus: FetchStatus = async (url, timeoutMs) => {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status;
  } catch (err) {
    const name = (err as { name?: unknown } | null)?.name;
    return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection-error';
  }
};

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export const defaultProbeIo: ProbeIo = {
  clock: systemClock,
  sleep: realSleep,
  fetchStatus,
  stopwatch: () => performance.now(),
};

export interface BurstOptions {
  /** Probe for this long at most (the next probe after it is left to the next burst). */
  forMs: number;
  /** When the next probe is due (from the previous burst); now when absent or past. */
  nextAt?: number;
}

export interface BurstResult {
  samples: ProbeSample[];
  /** When the probe after this burst is due. */
  nextAt: number;
}

/** Probes once. */
export async function probeOnce(io: ProbeIo, url: string, settings: ProbeSettings): Promise<ProbeSample> {
  const at = io.clock.now();
  const started = io.stopwatch();
  const result = await io.fetchStatus(url, settings.timeoutMs);
  return { at, result, latencyMs: Math.max(0, Math.round(io.stopwatch() - started)) };
}

/**
 * Probes every `intervalMs` for up to `forMs`. The first probe is sent at `nextAt` (sleeping
 * until then when it is within the burst) or at once when it is already due.
 */
export async function probeBurst(
  io: ProbeIo,
  url: string,
  settings: ProbeSettings,
  options: BurstOptions,
): Promise<BurstResult> {
  const start = io.clock.now();
  const end = start + Math.max(0, options.forMs);
  let due = options.nextAt ?? start;
  const samples: ProbeSample[] = [];
  for (;;) {
    const now = io.clock.now();
    if (due > end) break;
    if (due > now) await io.sleep(due - now);
    const sample = await probeOnce(io, url, settings);
    samples.push(sample);
    due = sample.at + settings.intervalMs;
  }
  return { samples, nextAt: due };
}
