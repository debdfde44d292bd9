/**
 * What a failed Slack Web API call means for the caller: try again later (and when), the message
 * to edit is gone (post a new one instead), the bot cannot post in that channel at all, or
 * something no retry will fix. Read from the errors `@slack/web-api` throws (a platform error's
 * `data.error`, a rate limit's `retryAfter`, request and HTTP errors) — or anything shaped like them.
 *
 * Error codes: https://api.slack.com/methods/chat.postMessage and
 * https://api.slack.com/methods/chat.update ("Errors"); rate limits and Retry-After:
 * https://api.slack.com/apis/rate-limits.
 */

export type SlackFailure =
  /** Worth another try; `retryAfterMs` when Slack said how long to wait (429 Retry-After). */
  | { kind: 'retry'; code: string; retryAfterMs?: number }
  /** chat.update on a message that is deleted, not ours, or no longer editable. */
  | { kind: 'message-gone'; code: string }
  /** The bot cannot post in this channel until someone acts (invite it, unarchive it). */
  | { kind: 'channel'; code: ChannelProblem }
  /** The request itself is wrong, or the token is: retrying changes nothing. */
  | { kind: 'permanent'; code: string };

export type ChannelProblem = 'not_in_channel' | 'channel_not_found' | 'is_archived';

const CHANNEL: ReadonlySet<string> = new Set<ChannelProblem>([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
]);
const MESSAGE_GONE: ReadonlySet<string> = new Set([
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
]);
/** Slack's own trouble, worth another try (codes listed on each method's page). */
const TRANSIENT: ReadonlySet<string> = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

interface SlackishError {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
}

export function classifySlackError(err: unknown): SlackFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SlackishError;
  if (e.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : undefined;
    return {
      kind: 'retry',
      code: 'ratelimited',
      ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  const platform = typeof e.data?.error === 'string' ? e.data.error : undefined;
  if (platform !== undefined) {
    if (CHANNEL.has(platform)) return { kind: 'channel', code: platform as ChannelProblem };
    if (MESSAGE_GONE.has(platform)) return { kind: 'message-gone', code: platform };
    if (TRANSIENT.has(platform)) return { kind: 'retry', code: platform };
    return { kind: 'permanent', code: platform };
  }
  if (e.code === 'slack_webapi_http_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    // 4xx other than 429 (which arrives as a rate-limit error) is our request's fault.
    return status >= 400 && status < 500
      ? { kind: 'permanent', code: `http_${status}` }
      : { kind: 'retry', code: `http_${status}` };
  }
  // Network errors, timeouts, anything unknown: another try may well work.
  return { kind: 'retry', code: typeof e.code === 'string' ? e.code : 'request_failed' };
}

/** An error shaped as `@slack/web-api` throws for `{ ok: false, error: code }` (fakes and tests). */
export function slackPlatformError(
  code: string,
): Error & { code: string; data: { ok: false; error: string } } {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false as const, error: code },
  });
}

/** A 429 as `@slack/web-api` throws it with `rejectRateLimitedCalls` (fakes and tests). */
export function slackRateLimitedError(retryAfterSec: number): Error & { code: string; retryAfter: number } {
  return Object.assign(new Error(`A rate-limit has been reached, retry in ${retryAfterSec} seconds`), {
    code: 'slack_webapi_rate_limited_error',
    retryAfter: retryAfterSec,
  });
}

/** The error's Slack code or name and message, for logs (never request bodies or tokens). */
export function describeSlackError(err: unknown): string {
  const failure = classifySlackError(err);
  const detail = err instanceof Error ? err.message : 'unknown error';
  return `${failure.code} (${detail})`;
}
