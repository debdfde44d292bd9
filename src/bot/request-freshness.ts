/**
 * Slack's replay guard: a request's timestamp must be within five minutes of our clock
 * (https://api.slack.com/authentication/verifying-requests-from-slack). Bolt's receivers reject
 * stale timestamps; this also rejects ones from the future, and runs before Bolt so such
 * requests cost nothing. The one check every HTTP entry point uses (src/bot/request-screen.ts).
 */
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

/**
 * True when `header` is a whole number of seconds at most MAX_CLOCK_SKEW_SEC before or after
 * `nowMs` (whole seconds of it): exactly 300 s off is accepted, 301 s refused. Anything that is
 * not a plain decimal number (missing, repeated, signed, exponent, fraction) is refused.
 */
export function isFreshSlackTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^[0-9]{1,12}$/.test(value)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(value)) <= MAX_CLOCK_SKEW_SEC;
}
