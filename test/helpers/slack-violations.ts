/**
 * What the Slack stand-in refused or warned about while a test ran: the bot's breaches of
 * Slack's rules (Block Kit limits, unescaped mrkdwn, reused block_ids, rate limits, late acks,
 * spent response_urls, …). `expectNoSlackViolations(sb)` at the end of an e2e test proves the
 * bot kept to them.
 */
import type { SlackStandIn, Violation } from '../../src/sandbox/slack/server';

export interface ViolationFilter {
  /** Error codes to leave out, e.g. `ratelimited` for a test that provokes and handles 429s. */
  ignore?: readonly string[];
}

type HasSlack = Pick<SlackStandIn, 'violations'> | { slack: Pick<SlackStandIn, 'violations'> };

function standIn(source: HasSlack): Pick<SlackStandIn, 'violations'> {
  return 'slack' in source ? source.slack : source;
}

export function slackViolations(source: HasSlack, filter: ViolationFilter = {}): Violation[] {
  const ignore = new Set(filter.ignore ?? []);
  return standIn(source)
    .violations()
    .filter((v) => !ignore.has(v.error));
}

/** One line a person can act on: what, where, and which message. */
export function describeViolation(v: Violation): string {
  const where = [v.method, v.channel, v.ts, v.path].filter(Boolean).join(' ');
  const what = v.detail ? `${v.error} (${v.detail})` : v.error;
  return `${v.level} ${what} at ${where}${v.excerpt ? ` in "${v.excerpt}"` : ''}`;
}

/** Fails with the list of violations unless the stand-in recorded none (after `filter`). */
export function expectNoSlackViolations(source: HasSlack, filter: ViolationFilter = {}): void {
  expect(slackViolations(source, filter).map(describeViolation)).toEqual([]);
}
