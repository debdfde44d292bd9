/**
 * Durations as people type them (`90m`, `8h`, `3d`) and the rules `/site`, `sitebot` and the
 * configuration apply to them. An error names what is wrong and the rule, e.g.
 * "TTL must be at least 1h (got 5m)".
 */
import { clip } from './echo';
import { formatDuration } from './format';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;

/** How a duration is written, for errors and help. */
export const DURATION_SYNTAX = 'a whole number of minutes, hours or days, like 90m, 8h or 3d';

/**
 * The shortest TTL a create accepts. A create takes about half an hour on AWS (the Multi-AZ
 * database sets the pace: DESIGN.md, and the critical path of `createStepDurations`); an
 * environment must outlive its own creation with time to use it, or auto-destroy tears it down
 * as soon as it is ready. test/unit/domain/durations.test.ts keeps this above the estimate.
 */
export const MIN_TTL_MS = HOUR_MS;

/** The shortest extension (and snooze): anything less is a typo. */
export const MIN_EXTEND_MS = MINUTE_MS;

/** `90m`, `8h`, `3d` → milliseconds (`0m` is 0); anything else → undefined. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^([0-9]{1,5})([mhd])$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

export interface DurationRule {
  /** What the duration is, as the error names it: `TTL`, `the extension`. */
  what: string;
  minMs: number;
  maxMs: number;
}

export type DurationReading = { ok: true; ms: number } | { ok: false; error: string };

/** Reads a typed duration against a rule: its syntax, then its bounds. */
export function readDuration(raw: string, rule: DurationRule): DurationReading {
  const shown = clip(raw);
  if (/^-/.test(raw.trim())) return { ok: false, error: `${rule.what} must be positive (got ${shown})` };
  const ms = parseDurationMs(raw);
  if (ms === undefined) return { ok: false, error: `${rule.what} must be ${DURATION_SYNTAX} (got ${shown})` };
  if (ms < rule.minMs)
    return { ok: false, error: `${rule.what} must be at least ${formatDuration(rule.minMs)} (got ${shown})` };
  if (ms > rule.maxMs)
    return { ok: false, error: `${rule.what} must be at most ${formatDuration(rule.maxMs)} (got ${shown})` };
  return { ok: true, ms };
}

/** The TTL rule of a create, given the configured maximum. */
export function ttlRule(maxTtlMs: number): DurationRule {
  return { what: 'TTL', minMs: MIN_TTL_MS, maxMs: maxTtlMs };
}

/** The rule of an extension (`/site extend`, `sitebot extend`). */
export function extendRule(maxTtlMs: number): DurationRule {
  return { what: 'the extension', minMs: MIN_EXTEND_MS, maxMs: maxTtlMs };
}
