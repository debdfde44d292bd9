/**
 * Lambda entry point for Slack (HTTP API → Bolt's AwsLambdaReceiver). Thin: the container's
 * runtime (config with the Slack secrets from SSM, clients, state store) is built once by
 * ./runtime.ts; the Bolt app on top of it once per container too; then every request delegates.
 */
import { AwsLambdaReceiver } from '@slack/bolt';
import { createApp } from '../bot/app';
import { isFreshSlackTimestamp } from '../bot/request-freshness';
import { getRuntime } from './runtime';

type LambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;
type LambdaEvent = Parameters<LambdaHandler>[0];

let ready: Promise<LambdaHandler> | undefined;

async function build(): Promise<LambdaHandler> {
  const runtime = await getRuntime();
  const receiver = new AwsLambdaReceiver({ signingSecret: runtime.config.slack.signingSecret });
  createApp({ config: runtime.config, store: runtime.store, receiver });
  return receiver.start();
}

export const handler = async (event: LambdaEvent, context: unknown) => {
  // Replays and clock-skewed requests are refused before anything is built or read.
  const timestamp = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'x-slack-request-timestamp',
  )?.[1];
  if (!isFreshSlackTimestamp(timestamp, Date.now())) return { statusCode: 401, body: '' };
  ready ??= build().catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  return (await ready)(event, context);
};
