/**
 * The whole local sandbox in one process, on 127.0.0.1 only: dynalite with sitebot's tables,
 * the AWS emulator, the Slack stand-in, and the bot's HTTP receiver wired to them. `npm start` (./start.ts)
 * runs it with fixed ports and a console; tests run it on port 0s (test/helpers/sandbox.ts).
 */
import { LogLevel } from '@slack/bolt';
import { createAwsClients, type AwsClients } from '../aws/clients';
import { startHttpBot, type HttpBot } from '../bot/http-server';
import type { BotServices } from '../bot/services';
import { loadConfig, type Config } from '../config/config';
import { createStateStore, ensureTables } from '../state';
import type { StateStore } from '../state/types';
import { startEmulator, type RunningEmulator } from './aws/server';
import { startLocalDynamo } from './dynamo';
import { SANDBOX_BOT, startSlackStandIn, type SlackStandIn } from './slack/server';

export interface SandboxPorts {
  bot: number;
  slack: number;
  dynamodb: number;
  /** 0 when the emulator is off. */
  aws: number;
}

export interface SandboxOptions {
  /** Port 0 (the default for each) picks a free port. */
  ports?: Partial<SandboxPorts>;
  /** Defaults to loadConfig() of an empty environment: sandbox secrets, default TTLs. */
  config?: Config;
  services?: BotServices;
  logLevel?: LogLevel;
  /** How long the bot waits for an answer before acking "working on it" (default 2 s). */
  ackBudgetMs?: number;
  /** The AWS emulator (EC2, RDS, ELBv2, SSM, …); on by default. `speed` is its virtual clock's factor. */
  aws?: { speed?: number } | false;
}

export interface Sandbox {
  urls: { bot: string; slack: string; slackApi: string; dynamodb: string; aws?: string };
  ports: SandboxPorts;
  /** The bot's config as wired (Slack API URL and bot ids point at the stand-in). */
  config: Config;
  store: StateStore;
  /** AWS clients pointed at the emulator (and DynamoDB at dynalite), with dummy credentials. */
  clients: AwsClients;
  emulator?: RunningEmulator;
  slack: SlackStandIn;
  bot: HttpBot;
  stop(): Promise<void>;
}

export const SANDBOX_CREDENTIALS = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const base = options.config ?? loadConfig({});
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    // Reverse start order: the bot stops taking requests before its dependencies go.
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const dynamo = await startLocalDynamo({ port: options.ports?.dynamodb ?? 0 });
    stops.push(dynamo.close);
    let emulator: RunningEmulator | undefined;
    if (options.aws !== false) {
      emulator = await startEmulator({
        port: options.ports?.aws ?? 0,
        speed: options.aws?.speed,
        region: base.region,
      });
      stops.push(emulator.close);
    }
    const awsUrl = emulator?.url;
    const clients = createAwsClients({
      region: base.region,
      endpoints: {
        dynamodb: dynamo.endpoint,
        ...(awsUrl
          ? {
              ec2: awsUrl,
              rds: awsUrl,
              elbv2: awsUrl,
              ssm: awsUrl,
              secretsManager: awsUrl,
              iam: awsUrl,
              sqs: awsUrl,
            }
          : {}),
      },
      credentials: SANDBOX_CREDENTIALS,
      maxAttempts: 2,
    });
    stops.push(async () => clients.dynamodb.destroy());
    await ensureTables(clients.dynamodb, base.tablePrefix);
    const store = createStateStore(clients.doc, base.tablePrefix);

    const slack = await startSlackStandIn({
      signingSecret: base.slack.signingSecret,
      botToken: base.slack.botToken,
      port: options.ports?.slack ?? 0,
    });
    stops.push(slack.close);
    const config: Config = {
      ...base,
      slack: { ...base.slack, apiUrl: slack.apiUrl, botId: SANDBOX_BOT.botId, botUserId: SANDBOX_BOT.userId },
    };
    const bot = await startHttpBot({
      config,
      store,
      services: options.services,
      ackBudgetMs: options.ackBudgetMs,
      port: options.ports?.bot ?? 0,
      logLevel: options.logLevel ?? LogLevel.ERROR,
    });
    stops.push(bot.stop);
    slack.setBotUrl(bot.eventsUrl);

    return {
      urls: {
        bot: bot.eventsUrl,
        slack: slack.url,
        slackApi: slack.apiUrl,
        dynamodb: dynamo.endpoint,
        aws: awsUrl,
      },
      ports: { bot: bot.port, slack: slack.port, dynamodb: dynamo.port, aws: emulator?.port ?? 0 },
      config,
      store,
      clients,
      emulator,
      slack,
      bot,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
