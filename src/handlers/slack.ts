/**
 * Lambda entry point for Slack (HTTP API → Bolt's AwsLambdaReceiver). Thin: build the
 * config, the state store and the app once per container, then delegate.
 */
import { AwsLambdaReceiver } from '@slack/bolt';
import { createAwsClients } from '../aws/clients';
import { createApp } from '../bot/app';
import { isFreshSlackTimestamp } from '../bot/request-freshness';
import { loadConfig } from '../config/config';
import { createStateStore } from '../state';

type LambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;
type LambdaEvent = Parameters<LambdaHandler>[0];

let ready: Promise<LambdaHandler> | undefined;

async function build(): Promise<LambdaHandler> {
  const config = loadConfig();
  const clients = createAwsClients({ region: config.region });
  const store = createStateStore(clients.doc, config.tablePrefix);
  const receiver = new AwsLambdaReceiver({ signingSecret: config.slack.signingSecret });
  createApp({ config, store, receiver });
  return receiver.start();
}

export const handler = async (event: LambdaEvent, context: unknown) => {
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
