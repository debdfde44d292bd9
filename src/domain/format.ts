/**
 * The one voice for figures: durations, money, counts and instants, as the bot, the CLI and the
 * reports (drill, receipt) print them. Pure and below everything else in the project (it imports
 * nothing from it), so every layer can use it. Rounding is stated per function and never mixed:
 * durations are truncated (an age never overstates), money is rounded half-up on the decimal value.
 *
 * @example
 *   formatDuration(199_000)   // "3m 19s"
 *   formatUsd(3.348)          // "$3.35"
 *   count(4, 'subnet')        // "4 subnets"
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** [unit length, suffix], largest first: the same units the duration grammar reads (90m, 8h, 3d). */
const UNITS: readonly (readonly [number, string])[] = [
  [DAY, 'd'],
  [HOUR, 'h'],
  [MINUTE, 'm'],
  [SECOND, 's'],
];

/**
 * A duration in at most two units, the largest first, truncated: `45s`, `3m 19s`, `2h 5m`,
 * `1d 1h`, `3d`. Under a second (but not zero) it is `<1s`; negative durations are `0s`.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(ms) ? ms : 0));
  if (total === 0) return '0s';
  if (total < SECOND) return '<1s';
  const first = UNITS.findIndex(([size]) => total >= size);
  const parts: string[] = [];
  let rest = total;
  for (const [size, suffix] of UNITS.slice(first, first + 2)) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${suffix}`);
  }
  return parts.join(' ');
}

/** Rounds half-up to `decimals` places on the decimal value (1.005 → 1.01, not the float's 1.00). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

const usdFormats = new Map<number, Intl.NumberFormat>();

function dollars(value: number, decimals: number): string {
  let format = usdFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    usdFormats.set(decimals, format);
  }
  // Rounded first (half-up on the decimal value); Intl then only groups and places the sign.
  const rounded = roundTo(value, decimals);
  return format.format(rounded === 0 ? 0 : rounded);
}

/** An amount: `$1.23`, `$1,234.50`; a positive amount under half a cent is `<$0.01`. */
export function formatUsd(value: number): string {
  if (value > 0 && value < 0.005) return '<$0.01';
  return dollars(value, 2);
}

/** An hourly rate: 4 decimals under $1/h (`$0.0052/h`), else cents (`$1.25/h`). */
export function formatPerHour(value: number): string {
  const small = value !== 0 && Math.abs(value) < 1;
  return `${dollars(value, small ? 4 : 2)}/h`;
}

/** A daily rate: `$3.10/day`. */
export function formatPerDay(value: number): string {
  return `${dollars(value, 2)}/day`;
}

/** A monthly rate: `$94.90/month`. */
export function formatPerMonth(value: number): string {
  return `${dollars(value, 2)}/month`;
}

/** `$0.1417/h · $3.40/day · $103.45/month · so far $1.23`. */
export function formatCostSummary(estimate: {
  perHour: number;
  perDay: number;
  perMonth: number;
  soFar?: number;
}): string {
  const parts = [
    formatPerHour(estimate.perHour),
    formatPerDay(estimate.perDay),
    formatPerMonth(estimate.perMonth),
  ];
  if (estimate.soFar !== undefined) parts.push(`so far ${formatUsd(estimate.soFar)}`);
  return parts.join(' · ');
}

const pluralRules = new Intl.PluralRules('en-US');

/** The noun for `n` things: `plural(1, 'subnet')` is `subnet`, `plural(4, 'subnet')` is `subnets`. */
export function plural(n: number, one: string, other = `${one}s`): string {
  return pluralRules.select(n) === 'one' ? one : other;
}

/** A count with its noun: `1 resource`, `22 resources`, `3 security groups`. */
export function count(n: number, one: string, other?: string): string {
  return `${n} ${plural(n, one, other)}`;
}

/** An instant, to the minute, in UTC: `2026-12-01 20:52 UTC`. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `expires in 3h 5m` / `expired 10m ago`: a deadline seen from `now`. */
export function formatExpiry(expiresAt: number, now: number): string {
  return expiresAt >= now
    ? `expires in ${formatDuration(expiresAt - now)}`
    : `expired ${formatDuration(now - expiresAt)} ago`;
}
