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
import type { CreateConfig } from '../workflows/create';
import type { DestroyConfig } from '../workflows/destroy';
import type { FailoverSettings } from '../workflows/failover';
import type { PowerSettings } from '../workflows/power';
import { InProcessTickScheduler } from '../workflows/engine/timer-scheduler';
import { buildWorkflowRuntime, type WorkflowRuntime } from '../workflows/runtime';
import { RunDriver } from './drive';
import type { Output } from './render';

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
}

export interface CliContext {
  config: Config;
  clients: AwsClients;
  store: StateStore;
  runtime: WorkflowRuntime;
  driver: RunDriver;
  scheduler: InProcessTickScheduler;
  now(): number;
  /** Stop ticking. */
  close(): void;
}

export function openCliContext(io: CliIo, config: Config = loadConfig(io.env)): CliContext {
  const clients = io.overrides?.clients ?? createAwsClients({ region: config.region });
  const store = createStateStore(clients.doc, config.tablePrefix);
  const scheduler = new InProcessTickScheduler({
    onError: (err, runId) => io.stderr.write(`tick of ${runId} failed: ${errorMessage(err)}\n`),
  });
  const driver = new RunDriver({
    store,
    scheduler,
    busyRetryMs: io.overrides?.busyRetryMs,
    onError: (err, runId) => io.stderr.write(`tick of ${runId} failed, retrying: ${errorMessage(err)}\n`),
  });
  scheduler.attach(driver);
  const runtime = buildWorkflowRuntime({
    config,
    clients,
    store,
    scheduler,
    sink: driver,
    ...(io.overrides?.create ? { create: io.overrides.create } : {}),
    ...(io.overrides?.destroy ? { destroy: io.overrides.destroy } : {}),
    ...(io.overrides?.failover ? { failover: io.overrides.failover } : {}),
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
    now: io.now ?? Date.now,
    close() {
      // SDK clients are not destroyed here: the entry point exits the process when done.
      scheduler.stop();
    },
  };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error)
    return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
