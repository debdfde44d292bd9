/**
 * Slack's Web API rate limits as token buckets: each key (a method in the workspace, or
 * chat.postMessage in one channel) holds up to `burst` calls and earns `perMinute` back per
 * minute. A call with no token left is refused with HTTP 429 and `Retry-After` (whole seconds
 * until a token is back). Time comes from an injected clock, so tests drive it.
 *
 * https://docs.slack.dev/apis/web-api/rate-limits: limits apply "per API method per
 * workspace/team per app"; Tier 3 is 50+ per minute ("sporadic bursts are welcome"), Tier 4
 * 100+ per minute; chat.postMessage "generally allows posting one message per second per
 * channel" with "short bursts >1 allowed" (its workspace-wide limit is unpublished and not
 * modelled). A 429 carries a Retry-After header in seconds. The burst sizes are the stand-in's
 * choice: Slack publishes only "short bursts" (chat.postMessage) and "sporadic bursts" (Tier 3).
 * Tiers: chat.update Tier 3 (https://docs.slack.dev/reference/methods/chat.update),
 * chat.postEphemeral Tier 4 (https://docs.slack.dev/reference/methods/chat.postEphemeral).
 */

export interface RateRule {
  /** Calls per minute earned back. */
  perMinute: number;
  /** Calls that may be made at once from a full bucket. */
  burst: number;
  /** What the bucket is per: the method in the workspace, or the method in one channel. */
  per: 'workspace' | 'channel';
}

export const SLACK_RATE_RULES: Readonly<Record<string, RateRule>> = {
  'chat.postMessage': { perMinute: 60, burst: 3, per: 'channel' },
  'chat.update': { perMinute: 50, burst: 50, per: 'workspace' },
  'chat.postEphemeral': { perMinute: 100, burst: 100, per: 'workspace' },
};

export type RateDecision = { ok: true } | { ok: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly rules: Readonly<Record<string, RateRule>> = SLACK_RATE_RULES,
  ) {}

  /** Takes a token for `method` (in `channel`, for per-channel rules), or says how long to wait. */
  take(method: string, channel: string): RateDecision {
    const rule = this.rules[method];
    if (!rule) return { ok: true };
    const key = rule.per === 'channel' ? `${method} ${channel}` : method;
    const now = this.now();
    const perMs = rule.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, at: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const waitMs = (1 - bucket.tokens) / perMs;
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
