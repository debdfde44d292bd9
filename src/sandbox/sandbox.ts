/**
 * The whole local sandbox in one process, on 127.0.0.1 only: dynalite with sitebot's tables,
 * the AWS emulator, the Slack stand-in, the bot's HTTP receiver, and — with the emulator — the
 * workflow worker (runner + in-process tick timers + Slack progress) and the reminder scheduler.
 * `npm start` (./start.ts) runs it with fixed ports and a console; tests run it on port 0s
 * (test/helpers/sandbox.ts).
 *
 * Time: with the emulator, everything in the domain (runs, TTLs, reminders, costs) reads the
 * emulator's virtual clock, so an RDS instance's "minutes" pass in seconds and a 24 h TTL in 24
 * minutes at speed 60. Tick delays, leases and the drill's probe interval are virtual times,
 * turned into real timer delays by dividing by the clock's speed. Slack request timestamps
 * stay on real time.
 */
import { LogLevel } from '@slack/bolt';
import { createAwsClients, type AwsClients } from '../aws/clients';
import { startHttpBot, type HttpBot } from '../bot/http-server';
import { createSlackReminderPass, startReminderInterval } from '../bot/reminders';
import type { BotServices } from '../bot/services';
import { buildBotServices } from '../bot/services/build';
import type { SlackProgressSink } from '../bot/slack-progress-sink';
import { buildSlackWorkflowRuntime, WORKFLOW_STEPS } from '../bot/slack-sinks';
import { loadConfig, type Config } from '../config/config';
import { createOnceMarkers, createStateStore, ensureTables } from '../state';
import type { StateStore } from '../state/types';
import type { Clock } from '../workflows/engine/clock';
import { InProcessTickScheduler } from '../workflows/engine/timer-scheduler';
import type { TickScheduler } from '../workflows/engine/types';
import type { ReminderPassResult } from '../workflows/remind/scheduler';
import type { WorkflowRuntime } from '../workflows/runtime';
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
  /** Run a reminder pass every this many real ms; off unless given. */
  remindEveryMs?: number;
  /** Progress message updates at most this often per message (real ms; Slack allows ~1/s). */
  progressIntervalMs?: number;
  /** Told about background errors (ticks, progress updates, reminder passes). */
  onError?(err: unknown, where: string): void;
}

/** The worker side: workflows on the emulator, progress to the stand-in, reminders. */
export interface SandboxWorkflows {
  runtime: WorkflowRuntime;
  sink: SlackProgressSink;
  /** The domain clock (the emulator's virtual time). */
  clock: Clock;
  /** One reminder pass now (the timer, when on, runs the same). */
  runReminders(): Promise<ReminderPassResult>;
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
  /** Present when the emulator is on. */
  workflows?: SandboxWorkflows;
  stop(): Promise<void>;
}

/** Virtual delays to real timer delays: a frozen clock (speed 0) keeps them as they are. */
function realDelay(virtualMs: number, speed: number): number {
  return speed > 0 ? virtualMs / speed : virtualMs;
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
    const onError = options.onError ?? (() => undefined);
    const workflows = emulator
      ? buildSandboxWorkflows({ config, store, clients, emulator, options, onError })
      : undefined;
    const services: BotServices = {
      ...(workflows ? workflows.services : {}),
      ...options.services,
    };
    const bot = await startHttpBot({
      config,
      store,
      services,
      ackBudgetMs: options.ackBudgetMs,
      port: options.ports?.bot ?? 0,
      logLevel: options.logLevel ?? LogLevel.ERROR,
      ...(workflows ? { clock: () => workflows.clock.now() } : {}),
    });
    stops.push(bot.stop);
    slack.setBotUrl(bot.eventsUrl);
    if (workflows) {
      stops.push(workflows.stop);
      await workflows.runtime.service.resumeAll();
      workflows.startReminders();
    }

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
      ...(workflows
        ? {
            workflows: {
              runtime: workflows.runtime,
              sink: workflows.sink,
              clock: workflows.clock,
              runReminders: workflows.runReminders,
            },
          }
        : {}),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface WorkflowWiring {
  config: Config;
  store: StateStore;
  clients: AwsClients;
  emulator: RunningEmulator;
  options: SandboxOptions;
  onError(err: unknown, where: string): void;
}

/** The workflow runtime on the emulator's clock, its Slack progress, the bot's services and the reminders. */
function buildSandboxWorkflows(w: WorkflowWiring) {
  const { config, store, clients, emulator, options, onError } = w;
  const virtual = emulator.world.clock;
  const clock: Clock = { now: () => virtual.now() };
  const speed = () => virtual.speed;
  const ticks = new InProcessTickScheduler({ onError: (err, runId) => onError(err, `tick ${runId}`) });
  const scheduler: TickScheduler = {
    schedule: (runId, delayMs) => ticks.schedule(runId, realDelay(delayMs, speed())),
  };
  const { runtime, slack } = buildSlackWorkflowRuntime({
    config,
    clients,
    store,
    scheduler,
    clock,
    // A lease must outlast a tick in real time, whatever the speed.
    runner: { leaseMs: 60_000 * Math.max(1, speed()) },
    failover: { io: { clock, sleep: (ms) => new Promise((r) => setTimeout(r, realDelay(ms, speed()))) } },
    slack: { now: clock.now, minIntervalMs: options.progressIntervalMs, onError },
  });
  const sink = slack.progress;
  ticks.attach(runtime.runner);
  const services = buildBotServices({
    config,
    store,
    service: runtime.service,
    createConfig: runtime.createConfig,
    steps: WORKFLOW_STEPS,
  });
  const runReminders = createSlackReminderPass({
    store,
    markers: createOnceMarkers(clients.doc, config.tablePrefix),
    client: slack.client,
    service: runtime.service,
    now: clock.now,
    actor: SANDBOX_BOT.userId,
    channelBudgetUsd: config.channelBudgetUsd,
  });
  let stopReminders: (() => void) | undefined;
  return {
    runtime,
    sink,
    clock,
    services,
    runReminders,
    startReminders() {
      if (options.remindEveryMs)
        stopReminders = startReminderInterval(runReminders, options.remindEveryMs, onError);
    },
    async stop() {
      stopReminders?.();
      ticks.stop();
      await sink.flush();
    },
  };
}
