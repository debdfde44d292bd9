/**
 * Lambda entry point for Slack (HTTP API → Bolt's AwsLambdaReceiver). It verifies, parses and
 * answers, and does nothing slow: what a command's service does (Slack posts, starting runs,
 * writes) and every button press are queued as jobs on the ticks queue for the worker
 * (src/bot/jobs.ts), so the HTTP answer never waits on Slack's Web API. Bolt's receiver answers
 * only once the listener returns; the listener reads at most, and gives up on a read that takes
 * longer than its ack budget (the job then answers the whole command).
 *
 * Before Bolt: the front door of every HTTP entry point (src/bot/request-screen.ts): 413 for a
 * body too large, 200 and nothing else for Slack's ssl_check probe, 401 for a missing, stale or
 * future timestamp — all before the container's runtime is even built.
 */
import { AwsLambdaReceiver, LogLevel } from '@slack/bolt';
import { createApp } from '../bot/app';
import { screenSlackRequest } from '../bot/request-screen';
import { getRuntime, type LambdaRuntime } from './runtime';

type LambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;
export type SlackLambdaEvent = Parameters<LambdaHandler>[0];
export interface SlackLambdaResult {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
}

/** The handler over a runtime (tests pass their own); `now` is real time. */
export function createSlackHandler(
  runtime: () => Promise<Pick<LambdaRuntime, 'config' | 'store' | 'work'>>,
  now: () => number = Date.now,
): (event: SlackLambdaEvent, context: unknown) => Promise<SlackLambdaResult> {
  let ready: Promise<LambdaHandler> | undefined;
  const build = async (): Promise<LambdaHandler> => {
    const { config, store, work } = await runtime();
    // Refused requests are answered 401/400; like the HTTP server, Bolt logs errors only.
    const receiver = new AwsLambdaReceiver({
      signingSecret: config.slack.signingSecret,
      logLevel: LogLevel.ERROR,
    });
    createApp({ config, store, receiver, jobs: work });
    return receiver.start();
  };
  return async (event, context) => {
    const screened = screenSlackRequest(
      {
        contentType: header(event, 'content-type'),
        timestamp: header(event, 'x-slack-request-timestamp'),
        rawBody: bodyOf(event),
      },
      now(),
    );
    if (screened.kind === 'refuse') return { statusCode: screened.status, body: '' };
    if (screened.kind === 'ssl-check') return { statusCode: 200, body: '' };
    ready ??= build().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    const handle = await ready;
    try {
      return (await handle(event, context)) as SlackLambdaResult;
    } catch {
      // Bolt parses the body before it checks the signature, and throws on one it cannot parse.
      return { statusCode: 400, body: '' };
    }
  };
}

function header(event: SlackLambdaEvent, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}

/** The body as sent (API Gateway may base64 it). */
function bodyOf(event: SlackLambdaEvent): string {
  const raw = typeof event.body === 'string' ? event.body : '';
  return event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}

/** Lambda entry point (serverless.yml `slack`). */
export const handler = createSlackHandler(getRuntime);
