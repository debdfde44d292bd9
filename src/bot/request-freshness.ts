/**
 * Slack's replay guard: a request's timestamp must be within five minutes of our clock.
 * Bolt's receivers reject stale timestamps; this also rejects ones from the future, and
 * runs before Bolt so such requests cost nothing.
 */
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

export function isFreshSlackTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^[0-9]{1,12}$/.test(value)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(value)) <= MAX_CLOCK_SKEW_SEC;
}
