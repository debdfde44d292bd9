/**
 * The bot on a laptop against real Slack (Socket Mode: the bot opens a WebSocket to Slack, so
 * no public URL is needed) and a real AWS account — or any endpoint in `AWS_ENDPOINT_URL`.
 *
 *   SLACK_APP_TOKEN=xapp-… SLACK_BOT_TOKEN=xoxb-… AWS_PROFILE=sandbox npm run bot:socket
 *
 * Same code path as Lambda: the same `createApp`, job runner, services, outbox and workflows;
 * only the receiver (SocketModeReceiver instead of AwsLambdaReceiver), the queues for ticks,
 * jobs and outbox retries (in-process instead of SQS) and the reminder trigger (an interval
 * instead of EventBridge) differ. Socket Mode has no request URL, so no ssl_check probe and no
 * request timestamps: Slack's events arrive over the authenticated WebSocket.
 * docs/deploy.md, "Socket Mode", has the set-up.
 */
import { LogLevel, SocketModeReceiver, type App, type Receiver } from '@slack/bolt';
import { z } from 'zod';
import { createAwsClients, type AwsClients } from '../aws/clients';
import { createApp } from '../bot/app';
import { InProcessDeliveries } from '../bot/in-process-deliveries';
import { runJobsInProcess } from '../bot/job-runner';
import {
  createSlackReminderPass,
  startReminderInterval,
  type SlackReminderPassResult,
} from '../bot/reminders';
import { findOwnedWith } from '../workflows/destroy/find-owned';
import { buildBotServices } from '../bot/services/build';
import { buildSlackWorkflowRuntime, WORKFLOW_STEPS } from '../bot/slack-sinks';
import { createDiagrams, discoveryAdapters } from '../diagram';
import { loadConfig, type Config } from '../config/config';
import { createOutboxRepository, createStateStore, ensureTables } from '../state';
import type { StateStore } from '../state/types';
import { InProcessTickScheduler } from '../workflows/engine/timer-scheduler';
import type { WorkflowRuntime } from '../workflows/runtime';

/** What this entry reads besides config.ts's variables. */
const socketEnvSchema = z.object({
  SLACK_APP_TOKEN: z
    .string({ error: 'SLACK_APP_TOKEN is not set: an app-level token (xapp-…) with connections:write' })
    .startsWith('xapp-', {
      error: 'SLACK_APP_TOKEN must be an app-level token (xapp-…), not a bot or user token',
    }),
  // config.ts falls back to the sandbox's token; against real Slack that would only fail later.
  SLACK_BOT_TOKEN: z
    .string({ error: 'SLACK_BOT_TOKEN is not set: the Bot User OAuth Token (xoxb-…)' })
    .startsWith('xoxb-', { error: 'SLACK_BOT_TOKEN must be a bot token (xoxb-…)' }),
  /** Minutes between reminder passes (0: none). */
  SITEBOT_REMIND_EVERY_MINUTES: z.coerce.number().min(0).default(5),
  /** `1`: create missing tables first (a fresh sandbox account without the deployed stack). */
  SITEBOT_CREATE_TABLES: z.enum(['0', '1']).default('0'),
});

export type SocketModeEnv = z.infer<typeof socketEnvSchema>;

/** The variables above, or one error naming every problem (never a value). */
export function parseSocketModeEnv(env: NodeJS.ProcessEnv): SocketModeEnv {
  const parsed = socketEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.message}`).join('\n');
    throw new Error(`cannot start the Socket Mode bot:\n${problems}\n(see docs/deploy.md, "Socket Mode")`);
  }
  return parsed.data;
}

export interface SocketModeBotOptions {
  /** Default: Bolt's SocketModeReceiver with the app token. Tests pass a receiver that never connects. */
  receiverFactory?(appToken: string): Receiver;
  /** Prebuilt clients; default: from the environment (the SDK honours AWS_ENDPOINT_URL). */
  clients?: AwsClients;
  logLevel?: LogLevel;
  onError?(err: unknown, where: string): void;
}

export interface SocketModeBot {
  app: App;
  config: Config;
  store: StateStore;
  runtime: WorkflowRuntime;
  /** One reminder pass now (the interval runs the same). */
  runReminders(): Promise<SlackReminderPassResult>;
  /** Resumes the runs left running, connects, starts the reminder interval. */
  start(): Promise<void>;
  /** Disconnects, stops ticks and reminders, sends the progress edits still owed. */
  stop(): Promise<void>;
}

/** Builds everything without connecting to Slack or calling AWS. */
export function buildSocketModeBot(
  env: NodeJS.ProcessEnv,
  options: SocketModeBotOptions = {},
): SocketModeBot {
  const socket = parseSocketModeEnv(env);
  const config = loadConfig(env);
  const onError =
    options.onError ??
    ((err: unknown, where: string) => console.error(`sitebot: ${where}: ${describe(err)}`));
  const clients = options.clients ?? createAwsClients({ region: config.region });
  const store = createStateStore(clients.doc, config.tablePrefix);

  const diagrams = createDiagrams({
    store,
    aws: discoveryAdapters(clients),
    azs: config.azs,
    now: Date.now,
    language: config.i18n,
  });
  const outbox = createOutboxRepository(clients.doc, config.tablePrefix);
  const log = (line: string) => onError(new Error(line), 'slack delivery');
  const ticks = new InProcessTickScheduler({ onError: (err, runId) => onError(err, `tick ${runId}`) });
  const deliveries = new InProcessDeliveries(onError);
  const { runtime, slack } = buildSlackWorkflowRuntime({
    config,
    clients,
    store,
    scheduler: ticks,
    // The ready thread gets a PNG of the environment where the app has files:write.
    slack: { outbox, deliveries, log, diagrams: (env) => diagrams.picture(env) },
  });
  ticks.attach(runtime.runner);

  const services = buildBotServices({
    config,
    store,
    service: runtime.service,
    createConfig: runtime.createConfig,
    steps: WORKFLOW_STEPS,
    findOwned: findOwnedWith(runtime.deps),
    // This process has the AWS clients: a create is checked before anything is written.
    preflight: runtime.preflight,
    outbox: slack.outbox,
    runMessages: outbox,
  });
  const jobs = runJobsInProcess(
    {
      config,
      store,
      services,
      chat: slack.chat,
      claimOnce: (key, now) => outbox.claimOnce(key, now),
      now: Date.now,
      log,
    },
    (err) => onError(err, 'job'),
  );
  const receiver =
    options.receiverFactory?.(socket.SLACK_APP_TOKEN) ??
    new SocketModeReceiver({ appToken: socket.SLACK_APP_TOKEN, logLevel: options.logLevel ?? LogLevel.INFO });
  const app = createApp({
    config,
    store,
    receiver,
    jobs,
    logLevel: options.logLevel,
  });

  const runReminders = createSlackReminderPass({
    store,
    outbox: slack.outbox,
    service: runtime.service,
    now: Date.now,
    ...(config.slack.botUserId ? { actor: config.slack.botUserId } : {}),
    language: config.i18n,
    channelBudgetUsd: config.channelBudgetUsd,
  });
  let stopReminders: (() => void) | undefined;

  return {
    app,
    config,
    store,
    runtime,
    runReminders,
    async start() {
      if (socket.SITEBOT_CREATE_TABLES === '1') await ensureTables(clients.dynamodb, config.tablePrefix);
      deliveries.attach(slack.outbox);
      await runtime.service.resumeAll();
      await app.start();
      const everyMs = socket.SITEBOT_REMIND_EVERY_MINUTES * 60_000;
      if (everyMs > 0) stopReminders = startReminderInterval(runReminders, everyMs, onError);
    },
    async stop() {
      stopReminders?.();
      await app.stop();
      await jobs.stop();
      ticks.stop();
      deliveries.stop();
      await slack.progress.flush();
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}

async function main(): Promise<void> {
  const bot = buildSocketModeBot(process.env);
  await bot.start();
  console.log(
    `sitebot: connected over Socket Mode; region ${bot.config.region}, tables ${bot.config.tablePrefix}-*. Ctrl-C stops.`,
  );
  const shutdown = () => {
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : 'sitebot: failed to start');
    process.exit(1);
  });
}
