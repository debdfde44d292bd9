/**
 * Lambda entry point for Slack (HTTP API → Bolt's AwsLambdaReceiver). Thin: the container's
 * runtime (config with the Slack secrets from SSM, clients, state store) is built once by
 * ./runtime.ts; the Bolt app on top of it once per container too; then every request delegates.
 *
 * The bot's services start, cancel and retry runs through the workflow service, whose ticks
 * are SQS messages for the worker: this function never runs a step itself, so it loads the
 * workflows' outlines only (no step code, no EC2/RDS/ELBv2 client: half the cold start) and
 * has no progress sink.
 */
import { AwsLambdaReceiver } from '@slack/bolt';
import { createApp } from '../bot/app';
import { isFreshSlackTimestamp } from '../bot/request-freshness';
import type { BotServices } from '../bot/services';
import { buildBotServices } from '../bot/services/build';
import { WORKFLOW_STEPS } from '../bot/workflow-steps';
import { resolveCreateConfig } from '../workflows/create/deps';
import { buildWorkflowService } from '../workflows/workflow-service';
import { getRuntime, type LambdaRuntime } from './runtime';

type LambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;
type LambdaEvent = Parameters<LambdaHandler>[0];

/** `/site create|destroy|failover|extend` and the buttons, over the Lambda runtime. */
export function createLambdaServices(runtime: LambdaRuntime): BotServices {
  const { config, store, ticks } = runtime;
  return buildBotServices({
    config,
    store,
    service: buildWorkflowService({ store, scheduler: ticks }),
    createConfig: resolveCreateConfig({ region: config.region, azs: config.azs }),
    steps: WORKFLOW_STEPS,
  });
}

let ready: Promise<LambdaHandler> | undefined;

async function build(): Promise<LambdaHandler> {
  const runtime = await getRuntime();
  const receiver = new AwsLambdaReceiver({ signingSecret: runtime.config.slack.signingSecret });
  createApp({
    config: runtime.config,
    store: runtime.store,
    receiver,
    services: createLambdaServices(runtime),
  });
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
