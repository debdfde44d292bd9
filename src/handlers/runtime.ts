/**
 * What the Lambda handlers share, built once per container (at cold start) and reused by every
 * warm invocation: the config, the AWS clients, the state store, the outbox table and the ticks
 * queue (workflow ticks, the bot's jobs, outbox deliveries due again).
 * Each handler builds its own workflow runtime on top: only the worker ticks runs (and edits
 * their Slack messages); the slack and remind functions start runs through the workflow
 * service, whose ticks are SQS messages for the worker.
 *
 * The Slack signing secret and bot token are read here from SSM Parameter Store (SecureString,
 * decrypted), never from the template or the function's environment: serverless.yml only
 * passes the parameter *names*. A failed build is not cached, so the next invocation retries.
 */
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { createCoreClients, type CoreClients } from '../aws/core-clients';
import { loadConfig, type Config } from '../config/config';
import { createOutboxRepository, createStateStore, type OutboxRepository } from '../state';
import type { StateStore } from '../state/types';
import { SqsTickScheduler } from './sqs-tick-scheduler';
import { SqsWorkQueue } from './sqs-work-queue';

/** Environment variables serverless.yml sets on every function (besides config.ts's SITEBOT_*). */
export const LAMBDA_ENV = {
  /** SSM parameter name of the Slack signing secret, e.g. `/sitebot/prod/slack-signing-secret`. */
  signingSecretParameter: 'SITEBOT_SLACK_SIGNING_SECRET_PARAM',
  /** SSM parameter name of the bot token (`xoxb-…`). */
  botTokenParameter: 'SITEBOT_SLACK_BOT_TOKEN_PARAM',
  /** URL of the ticks queue the worker consumes. */
  tickQueueUrl: 'SITEBOT_TICK_QUEUE_URL',
} as const;

export interface SlackSecrets {
  signingSecret: string;
  botToken: string;
}

/**
 * Reads both secrets in one GetParameters call. Errors name the missing parameters, never a value.
 */
export async function readSlackSecrets(
  ssm: Pick<SSMClient, 'send'>,
  names: { signingSecret: string; botToken: string },
): Promise<SlackSecrets> {
  const out = await ssm.send(
    new GetParametersCommand({ Names: [names.signingSecret, names.botToken], WithDecryption: true }),
  );
  const value = (name: string) => out.Parameters?.find((p) => p.Name === name)?.Value;
  const signingSecret = value(names.signingSecret);
  const botToken = value(names.botToken);
  const missing = [
    ...(out.InvalidParameters ?? []),
    ...(signingSecret ? [] : [names.signingSecret]),
    ...(botToken ? [] : [names.botToken]),
  ];
  if (!signingSecret || !botToken) {
    throw new Error(
      `Slack secrets missing in SSM Parameter Store: ${[...new Set(missing)].join(', ')} ` +
        '(see docs/deploy.md, "Set the two secrets")',
    );
  }
  return { signingSecret, botToken };
}

/** The name of a required variable, or a clear error naming it. */
function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`invalid Lambda configuration: ${name} is not set (serverless.yml sets it)`);
  return value;
}

/**
 * Config for a Lambda: config.ts's loader over the function's environment, with the Slack
 * secrets taken from SSM. Whatever SLACK_SIGNING_SECRET / SLACK_BOT_TOKEN the environment may
 * hold is ignored, so the sandbox defaults can never reach production.
 */
export async function loadLambdaConfig(
  env: NodeJS.ProcessEnv,
  ssm: Pick<SSMClient, 'send'>,
): Promise<Config> {
  const names = {
    signingSecret: required(env, LAMBDA_ENV.signingSecretParameter),
    botToken: required(env, LAMBDA_ENV.botTokenParameter),
  };
  const secrets = await readSlackSecrets(ssm, names);
  return loadConfig({
    ...env,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_BOT_TOKEN: secrets.botToken,
  });
}

export interface LambdaRuntime {
  config: Config;
  /** DynamoDB, SQS and SSM only: the worker adds the clients its steps use (see worker.ts). */
  clients: CoreClients;
  store: StateStore;
  /** What the bot owes Slack, and once-only claims (src/state/outbox-repository.ts). */
  outbox: OutboxRepository;
  /** Schedules workflow ticks as delayed SQS messages for the worker. */
  ticks: SqsTickScheduler;
  /** The bot's jobs and outbox deliveries, on the same queue, for the worker. */
  work: SqsWorkQueue;
}

export interface BuildRuntimeOptions {
  /** Prebuilt clients (tests point them at loopback); default: built from the environment. */
  clients?: CoreClients;
  now?: () => number;
}

export async function buildRuntime(
  env: NodeJS.ProcessEnv = process.env,
  options: BuildRuntimeOptions = {},
): Promise<LambdaRuntime> {
  // Region and table prefix parse without the secrets; the secrets come next, through SSM.
  const region = loadConfig(env).region;
  const clients = options.clients ?? createCoreClients({ region });
  const config = await loadLambdaConfig(env, clients.ssm);
  const store = createStateStore(clients.doc, config.tablePrefix);
  const queueUrl = required(env, LAMBDA_ENV.tickQueueUrl);
  const ticks = new SqsTickScheduler({ sqs: clients.sqs, queueUrl, now: options.now });
  const work = new SqsWorkQueue({ sqs: clients.sqs, queueUrl });
  const outbox = createOutboxRepository(clients.doc, config.tablePrefix);
  return { config, clients, store, outbox, ticks, work };
}

let cached: Promise<LambdaRuntime> | undefined;

/** The container's runtime: built on first call, shared afterwards; a failed build is retried next call. */
export function getRuntime(): Promise<LambdaRuntime> {
  cached ??= buildRuntime().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}
