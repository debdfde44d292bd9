/**
 * Everything a CLI command needs, built the way the bot builds it: config from the same
 * environment variables (src/config/config.ts), SDK clients that honour AWS_ENDPOINT_URL[_*]
 * (src/aws/clients.ts), the DynamoDB state store, and the shared workflow runtime with an
 * in-process tick scheduler driven by this process.
 */
import { createAwsClients, type AwsClients } from '../aws/clients';
import { loadConfig, type Config } from '../config/config';
import { createStateStore } from '../state';
import type { StateStore } from '../state/types';
import { realSleep } from '../workflows/failover/prober';
import type { CreateConfig, HttpStatusProbe } from '../workflows/create';
import type { DestroyConfig } from '../workflows/destroy';
import type { FailoverSettings } from '../workflows/failover';
import type { PowerSettings } from '../workflows/power';
import { InProcessTickScheduler } from '../workflows/engine/timer-scheduler';
import type { TickScheduler } from '../workflows/engine/types';
import { buildWorkflowRuntime, type WorkflowRuntime } from '../workflows/runtime';
import { wallClock, type CliClock } from './clock';
import { RunDriver } from './drive';
import type { Output } from './render';
import { cliTexts } from './texts';

/** What the CLI is given from outside: the process's streams and environment, or test doubles. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: stop following runs (they stay resumable). */
  signal?: AbortSignal;
  /** Wall clock (ms); default Date.now. */
  now?: () => number;
  /** Test seams: clients pointed at loopback, workflow settings (short polls), busy-retry delay. */
  overrides?: CliOverrides;
}

export interface CliOverrides {
  clients?: AwsClients;
  create?: Partial<CreateConfig>;
  destroy?: Partial<DestroyConfig>;
  failover?: FailoverSettings;
  power?: PowerSettings;
  busyRetryMs?: number;
  /** How the site check asks the site (default: fetch). */
  probe?: HttpStatusProbe;
}

export interface CliContext {
  config: Config;
  clients: AwsClients;
  store: StateStore;
  runtime: WorkflowRuntime;
  driver: RunDriver;
  scheduler: TickScheduler & { stop(): void };
  now(): number;
  /** Stop ticking. */
  close(): void;
}

/**
 * `clock`: the world's clock (the sandbox's, or the wall clock); runs are written and figures
 * measured on it, and its waits become real timer delays at its speed.
 */
export function openCliContext(
  io: CliIo,
  config: Config = loadConfig(io.env),
  clock: CliClock = wallClock,
): CliContext {
  const clients = io.overrides?.clients ?? createAwsClients({ region: config.region });
  const store = createStateStore(clients.doc, config.tablePrefix);
  const t = cliTexts(config).cli;
  const timers = new InProcessTickScheduler({
    onError: (err, runId) => io.stderr.write(`${t.tickFailed({ runId, message: errorMessage(err) })}\n`),
  });
  const scheduler = {
    schedule: (runId: string, delayMs: number) => timers.schedule(runId, clock.realDelay(delayMs)),
    stop: () => timers.stop(),
  };
  const failover = io.overrides?.failover ?? {
    io: { clock, sleep: (ms: number) => realSleep(clock.realDelay(ms)) },
  };
  const driver = new RunDriver({
    store,
    scheduler,
    busyRetryMs: io.overrides?.busyRetryMs,
    onError: (err, runId) => io.stderr.write(`${t.tickRetrying({ runId, message: errorMessage(err) })}\n`),
  });
  timers.attach(driver);
  const runtime = buildWorkflowRuntime({
    config,
    clients,
    store,
    scheduler,
    sink: driver,
    clock,
    ...(io.overrides?.create ? { create: io.overrides.create } : {}),
    ...(io.overrides?.destroy ? { destroy: io.overrides.destroy } : {}),
    failover,
    ...(io.overrides?.probe ? { probe: io.overrides.probe } : {}),
    ...(io.overrides?.power ? { power: io.overrides.power } : {}),
  });
  driver.bind(runtime.runner);
  return {
    config,
    clients,
    store,
    runtime,
    driver,
    scheduler,
    now: io.now ?? (() => clock.now()),
    close() {
      // SDK clients are not destroyed here: the entry point exits the process when done.
      scheduler.stop();
      clock.close();
    },
  };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error)
    return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
