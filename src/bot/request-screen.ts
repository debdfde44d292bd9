/**
 * The front door every HTTP entry point (the node:http server, the Lambda handler) applies
 * before Bolt parses a request: too large → 413, Slack's `ssl_check` probe → 200 with nothing
 * done, a missing or stale timestamp → 401, a body Slack never sends (neither a form nor JSON)
 * → 400. Bolt then checks the signature.
 *
 * `ssl_check` first, because Slack sends it unsigned and without a timestamp when a request URL
 * is saved or the app is distributed ("ssl_check=1&token=…"; it wants a 200 and nothing else:
 * https://api.slack.com/interactivity/slash-commands, "Validating SSL certificates"). Answering it
 * does nothing, so an unsigned request claiming to be one gains nothing.
 */
import { isFreshSlackTimestamp } from './request-freshness';

/**
 * Slack's slash commands and interactive payloads are a few KB; anything this large is not
 * Slack, and is refused before more of it is read.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Screened =
  /** Slack's certificate probe: answer 200 with an empty body, run nothing. */
  | { kind: 'ssl-check' }
  | { kind: 'refuse'; status: 400 | 401 | 413 }
  /** Hand it to Bolt, which verifies the signature. */
  | { kind: 'pass' };

export interface ScreenInput {
  contentType: string | undefined;
  /** The `X-Slack-Request-Timestamp` header as received. */
  timestamp: string | string[] | undefined;
  /** The whole body; undefined when it was not read because it is over MAX_BODY_BYTES. */
  rawBody: string | undefined;
}

export function screenSlackRequest(input: ScreenInput, nowMs: number): Screened {
  if (input.rawBody === undefined || Buffer.byteLength(input.rawBody) > MAX_BODY_BYTES)
    return { kind: 'refuse', status: 413 };
  if (isSslCheck(input.contentType, input.rawBody)) return { kind: 'ssl-check' };
  if (!isFreshSlackTimestamp(input.timestamp, nowMs)) return { kind: 'refuse', status: 401 };
  // Slash commands and interactivity are forms, the Events API is JSON; nothing else is Slack.
  if (!FORM.test(input.contentType ?? '') && !JSON_TYPE.test(input.contentType ?? ''))
    return { kind: 'refuse', status: 400 };
  return { kind: 'pass' };
}

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function isSslCheck(contentType: string | undefined, body: string): boolean {
  return FORM.test(contentType ?? '') && new URLSearchParams(body).get('ssl_check') === '1';
}
