/**
 * The whole local sandbox in one process, on 127.0.0.1 only: dynalite with sitebot's tables,
 * the AWS emulator, the Slack stand-in, the bot's HTTP receiver, and — with the emulator — the
 * workflow worker (runner + in-process tick timers + Slack progress) and the reminder scheduler.
 * `npm start` (./start.ts) runs it with fixed ports and a console; tests run it on port 0s
 * (test/helpers/sandbox.ts).
 *
 * Time: with the emulator, everything in the domain (runs, TTLs, reminders, costs) reads the
 * emulator's virtual clock, so an RDS instance's "minutes" pass in seconds and a 24 h TTL in 24
 * minutes at speed 60: every time the sandbox shows is sandbox time, and so is the CLI's when
 * it is given the clock's URL (SITEBOT_CLOCK_URL, see start.ts). Ticks are due in virtual time
 * (./virtual-ticks.ts); with the clock stopped (speed 0) a test drives them (`runUntil`), and
 * the drill's probe sleeps move the clock instead of waiting. Slack request timestamps stay
 * on real time.
 */
import { LogLevel } from '@slack/bolt';
import { createAwsClients, type AwsClients } from '../aws/clients';
import { startHttpBot, type HttpBot } from '../bot/http-server';
import { InProcessDeliveries } from '../bot/in-process-deliveries';
import { runJobsInProcess } from '../bot/job-runner';
import type { InProcessJobQueue } from '../bot/jobs';
import {
  createSlackReminderPass,
  startReminderInterval,
  type SlackReminderPassResult,
} from '../bot/reminders';
import type { BotServices } from '../bot/services';
import { buildBotServices } from '../bot/services/build';
import type { SlackProgressSink } from '../bot/slack-progress-sink';
import { buildSlackDelivery, buildSlackWorkflowRuntime, WORKFLOW_STEPS } from '../bot/slack-sinks';
import { loadConfig, type Config } from '../config/config';
import { createDiagrams, discoveryAdapters, type Diagrams } from '../diagram';
import { createOutboxRepository, createStateStore, ensureTables, type OutboxRepository } from '../state';
import type { StateStore } from '../state/types';
import type { Clock } from '../workflows/engine/clock';
import type { TickScheduler } from '../workflows/engine/types';
import { findOwnedWith } from '../workflows/destroy/find-owned';
import type { WorkflowRuntime } from '../workflows/runtime';
import { startEmulator, type RunningEmulator } from './aws/server';
import { startLocalDynamo } from './dynamo';
import { MANIFEST_SCOPES, SANDBOX_BOT, startSlackStandIn, type SlackStandIn } from './slack/server';
import { consoleUsers, environmentSource } from './slack/web/environments';
import { mountWebConsole } from './slack/web/routes';
import { VirtualTickScheduler } from './virtual-ticks';

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
  /** How long the Slack stand-in waits for an ack before recording operation_timeout (default 3 s, as Slack). */
  slackAckDeadlineMs?: number;
  /** The AWS emulator (EC2, RDS, ELBv2, SSM, …); on by default. `speed` is its virtual clock's factor. */
  aws?: { speed?: number } | false;
  /** Run a reminder pass every this many real ms; off unless given. */
  remindEveryMs?: number;
  /** Progress message updates at most this often per message (real ms; Slack allows ~1/s). */
  progressIntervalMs?: number;
  /** Told about background errors (ticks, progress updates, reminder passes). */
  onError?(err: unknown, where: string): void;
  /**
   * The bot token's scopes in the Slack stand-in. Default: the manifest's; with `files:write`
   * added (as `npm start` does) a create's ready thread gets its picture.
   */
  slackScopes?: readonly string[];
}

/** The worker side: workflows on the emulator, progress to the stand-in, reminders. */
export interface SandboxWorkflows {
  runtime: WorkflowRuntime;
  sink: SlackProgressSink;
  /** The domain clock (the emulator's virtual time). */
  clock: Clock;
  /** Pictures of environments and drills (the web console, the ready thread's PNG). */
  diagrams: Diagrams;
  /** One reminder pass now (the timer, when on, runs the same). */
  runReminders(): Promise<SlackReminderPassResult>;
  /** Waits until no tick, job or outbox delivery is running or due now, and every progress message has caught up. */
  settle(): Promise<void>;
  /**
   * Drives the workflows in virtual time until `done()` holds: run the ticks due, check, move the
   * clock to the next due tick and run it; it settles (progress caught up) before it returns.
   * `done()` should read state, not messages: progress is flushed only once it holds. Fails when
   * nothing is left to run, or when the next tick is more than `withinMs` of virtual time away
   * from the start. Meant for a stopped clock (speed 0).
   */
  runUntil(done: () => boolean | Promise<boolean>, options: { withinMs: number }): Promise<void>;
}

export interface Sandbox {
  /** `console` is the web console's page (the Slack stand-in's root). */
  urls: { console: string; bot: string; slack: string; slackApi: string; dynamodb: string; aws?: string };
  ports: SandboxPorts;
  /** The bot's config as wired (Slack API URL and bot ids point at the stand-in). */
  config: Config;
  store: StateStore;
  /** AWS clients pointed at the emulator (and DynamoDB at dynalite), with dummy credentials. */
  clients: AwsClients;
  emulator?: RunningEmulator;
  slack: SlackStandIn;
  bot: HttpBot;
  /** The bot's jobs (commands' services, button presses), run in this process after the ack. */
  jobs: InProcessJobQueue;
  /** What the bot owes Slack (src/state/outbox-repository.ts). */
  outbox: OutboxRepository;
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
              serviceQuotas: awsUrl,
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
      ackDeadlineMs: options.slackAckDeadlineMs,
      scopes: options.slackScopes ?? MANIFEST_SCOPES,
    });
    stops.push(slack.close);
    const config: Config = {
      ...base,
      slack: { ...base.slack, apiUrl: slack.apiUrl, botId: SANDBOX_BOT.botId, botUserId: SANDBOX_BOT.userId },
    };
    const onError = options.onError ?? (() => undefined);
    const log = (line: string) => onError(new Error(line), 'slack delivery');
    const outbox = createOutboxRepository(clients.doc, config.tablePrefix);
    const deliveries = new InProcessDeliveries(onError);
    stops.push(async () => deliveries.stop());
    const workflows = emulator
      ? buildSandboxWorkflows({ config, store, clients, emulator, options, onError, outbox, deliveries })
      : undefined;
    if (workflows) stops.push(workflows.stop);
    const delivery = workflows?.slack ?? buildSlackDelivery({ config, store, outbox, deliveries, log });
    deliveries.attach(delivery.outbox);
    const services: BotServices = {
      ...(workflows ? workflows.services : {}),
      ...options.services,
    };
    const clock = workflows ? () => workflows.clock.now() : Date.now;
    const jobs = runJobsInProcess(
      {
        config,
        store,
        services,
        chat: delivery.chat,
        claimOnce: (key, now) => outbox.claimOnce(key, now),
        now: clock,
        log,
      },
      (err) => onError(err, 'job'),
    );
    stops.push(() => jobs.stop());
    const bot = await startHttpBot({
      config,
      store,
      jobs,
      ackBudgetMs: options.ackBudgetMs,
      port: options.ports?.bot ?? 0,
      logLevel: options.logLevel ?? LogLevel.ERROR,
      clock,
    });
    stops.push(bot.stop);
    slack.setBotUrl(bot.eventsUrl);
    const web = mountWebConsole(slack, {
      users: consoleUsers(config.slack.admins),
      channels: config.slack.allowedChannels.length ? config.slack.allowedChannels : ['C1', 'C2'],
      ...(workflows ? { environments: environmentSource(store, workflows.diagrams, config.i18n) } : {}),
      lang: config.i18n.lang,
    });
    stops.push(async () => web.close());
    if (workflows) {
      await workflows.runtime.service.resumeAll();
      workflows.startReminders();
    }

    return {
      urls: {
        console: web.url,
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
      jobs,
      outbox,
      ...(workflows
        ? {
            workflows: {
              runtime: workflows.runtime,
              sink: workflows.sink,
              clock: workflows.clock,
              diagrams: workflows.diagrams,
              runReminders: workflows.runReminders,
              // Jobs (commands and presses after their ack) start runs and post: they settle first.
              settle: async () => {
                await jobs.idle();
                await workflows.settle();
              },
              runUntil: async (done: () => boolean | Promise<boolean>, o: { withinMs: number }) => {
                await jobs.idle();
                await workflows.runUntil(done, o);
              },
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
  outbox: OutboxRepository;
  deliveries: InProcessDeliveries;
}

/** The workflow runtime on the emulator's clock, its Slack progress, the bot's services and the reminders. */
function buildSandboxWorkflows(w: WorkflowWiring) {
  const { config, store, clients, emulator, options, onError, outbox, deliveries } = w;
  const virtual = emulator.world.clock;
  const clock: Clock = { now: () => virtual.now() };
  const speed = () => virtual.speed;
  const ticks = new VirtualTickScheduler(virtual, (err, runId) => onError(err, `tick ${runId}`));
  const scheduler: TickScheduler = ticks;
  // The drill waits for its next probe: real time while the clock runs, the clock itself when stopped.
  const sleep = (ms: number): Promise<void> => {
    if (speed() > 0) return new Promise((r) => setTimeout(r, realDelay(ms, speed())));
    virtual.advance(Math.max(0, ms));
    return Promise.resolve();
  };
  const diagrams = createDiagrams({
    store,
    aws: discoveryAdapters(clients),
    azs: config.azs,
    now: clock.now,
    language: config.i18n,
  });
  const { runtime, slack } = buildSlackWorkflowRuntime({
    config,
    clients,
    store,
    scheduler,
    clock,
    // A lease must outlast a tick in real time, whatever the speed.
    runner: { leaseMs: 60_000 * Math.max(1, speed()) },
    failover: { io: { clock, sleep } },
    slack: {
      outbox,
      deliveries,
      now: clock.now,
      ...(options.progressIntervalMs !== undefined ? { minIntervalMs: options.progressIntervalMs } : {}),
      log: (line) => onError(new Error(line), 'slack delivery'),
      diagrams: (env) => diagrams.picture(env),
    },
  });
  const sink = slack.progress;
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
  const runReminders = createSlackReminderPass({
    store,
    outbox: slack.outbox,
    service: runtime.service,
    now: clock.now,
    actor: SANDBOX_BOT.userId,
    language: config.i18n,
    channelBudgetUsd: config.channelBudgetUsd,
  });
  let stopReminders: (() => void) | undefined;
  const settle = async () => {
    await ticks.idle();
    await sink.flush();
    await slack.diagrams?.flush();
    await deliveries.idle();
    await ticks.idle();
  };
  const runUntil = async (done: () => boolean | Promise<boolean>, { withinMs }: { withinMs: number }) => {
    const deadline = virtual.now() + withinMs;
    for (;;) {
      // Between ticks only the ticks settle: progress updates coalesce as in production, so
      // Slack's real-time rate limits never set the pace. All is flushed before an answer.
      await ticks.idle();
      let next = ticks.nextDue();
      if (next === undefined || (await done())) {
        await settle();
        if (await done()) return;
        next = ticks.nextDue();
        if (next === undefined)
          throw new Error('runUntil: no run has anything left to do, and the condition does not hold');
      }
      if (next > deadline)
        throw new Error(`runUntil: not done within ${withinMs} ms of virtual time (next tick due after it)`);
      if (next > virtual.now()) virtual.advance(next - virtual.now());
      ticks.runDue();
    }
  };

  return {
    runtime,
    slack,
    sink,
    clock,
    diagrams,
    services,
    runReminders,
    settle,
    runUntil,
    startReminders() {
      if (options.remindEveryMs)
        stopReminders = startReminderInterval(runReminders, options.remindEveryMs, onError);
    },
    async stop() {
      stopReminders?.();
      ticks.stop();
      // Let a tick under way finish before the store it writes to goes away.
      await ticks.idle();
      await sink.flush();
      await slack.diagrams?.flush();
    },
  };
}
