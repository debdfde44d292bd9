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

type StandInLog = Pick<SlackStandIn, 'violations' | 'clearViolations'>;
type HasSlack = StandInLog | { slack: StandInLog };

function standIn(source: HasSlack): StandInLog {
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

/**
 * For a suite on the stand-in: after each test, fails it with the list of what the stand-in
 * recorded during it (after `filter`), then clears the log, so each test answers for its own
 * messages; after the last, fails on anything recorded since (a late progress edit). `source` is
 * read when the hooks run (the sandbox is usually started in a beforeAll); none yet: nothing to check.
 */
export function failOnSlackViolations(
  source: () => HasSlack | undefined,
  filter: ViolationFilter = {},
): void {
  const check = () => {
    const s = source();
    if (!s) return;
    const found = slackViolations(s, filter);
    standIn(s).clearViolations();
    expect(found.map(describeViolation)).toEqual([]);
  };
  afterEach(check);
  afterAll(check);
}
