/**
 * The progress sinks a process that runs workflows attaches to its runner (the sandbox, a
 * self-hosted bot, the Lambda worker): the Slack progress messages, and the trigger that starts
 * a "Cancel and destroy" teardown once its create has stopped.
 *
 * ```ts
 * const late: { runtime?: WorkflowRuntime } = {};
 * const slack = buildSlackSinks({ config, store, service: () => late.runtime!.service });
 * late.runtime = buildWorkflowRuntime({ config, clients, store, scheduler, sink: slack.sink });
 * ```
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import type { WorkflowService } from '../workflows/engine/service';
import type { ProgressSink } from '../workflows/engine/types';
import { normalizeApiUrl } from './app';
import { PendingDestroyTrigger, fanOutSink } from './pending-destroy';
import { SlackProgressSink } from './slack-progress-sink';
import { WORKFLOW_STEPS } from './workflow-steps';

export { WORKFLOW_STEPS } from './workflow-steps';

export interface SlackSinksOptions {
  config: Pick<Config, 'slack'>;
  store: StateStore;
  /** Late-bound: the service is built together with the runner these sinks are given to. */
  service(): WorkflowService;
  /** The domain clock (default: real time). */
  now?: () => number;
  /** Progress edits at most this often per message (default 1 s). */
  minIntervalMs?: number;
  onError?(err: unknown, where: string): void;
}

export interface SlackSinks {
  /** Give this to the runner and the service. */
  sink: ProgressSink;
  progress: SlackProgressSink;
  client: webApi.WebClient;
}

export function buildSlackSinks(options: SlackSinksOptions): SlackSinks {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const slackApiUrl = normalizeApiUrl(options.config.slack.apiUrl);
  const client = new webApi.WebClient(options.config.slack.botToken, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    // A few quick retries; the sink itself retries a final update and coalesces the rest.
    retryConfig: { retries: 2, factor: 1, minTimeout: 100, maxTimeout: 500 },
  });
  const progress = new SlackProgressSink({
    client,
    steps: WORKFLOW_STEPS,
    now,
    minIntervalMs: options.minIntervalMs,
    onError: (err, runId) => onError(err, `progress ${runId}`),
  });
  const pending = new PendingDestroyTrigger({
    store: options.store,
    service: options.service,
    now,
    onError: (err) => onError(err, 'pending destroy'),
  });
  return { sink: fanOutSink([progress, pending], (err) => onError(err, 'sink')), progress, client };
}
