/**
 * Money and duration for Slack and the CLI: `$1.23`, `$0.0052/h`, `$3.10/day`, `2h 05m`.
 * Pure; rounding is half-up on the decimal value people read, not on binary floats.
 */

/** Rounds half-up to `decimals` places, immune to 1.005 → 1.00 style float artefacts. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

function dollars(value: number, decimals: number): string {
  const rounded = roundTo(value, decimals);
  const sign = rounded < 0 ? '-' : '';
  const [whole, fraction] = Math.abs(rounded).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** An amount: `$1.23`, `$1,234.50`; a positive amount under half a cent shows as `<$0.01`. */
export function formatUsd(value: number): string {
  if (value > 0 && value < 0.005) return '<$0.01';
  return dollars(value, 2);
}

/** An hourly rate: 4 decimals under $1/h (`$0.0052/h`), else cents (`$1.25/h`); nothing is `$0.00/h`. */
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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration, two units at most, truncated (an age never overstates):
 * `45s`, `12m`, `2h 05m`, `3d 4h`. Negative durations format as `0s`.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  if (total < MINUTE) return `${Math.floor(total / SECOND)}s`;
  if (total < HOUR) return `${Math.floor(total / MINUTE)}m`;
  if (total < DAY) {
    const hours = Math.floor(total / HOUR);
    const minutes = Math.floor((total % HOUR) / MINUTE);
    return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  }
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  return `${days}d ${hours}h`;
}

/** One line for Slack/CLI: `$0.1417/h · $3.40/day · $103.45/month · so far $1.23`. */
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
