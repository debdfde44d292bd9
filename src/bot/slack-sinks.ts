/**
 * The progress sinks a process that runs workflows attaches to its runner (the sandbox, a
 * self-hosted bot, the Lambda worker): the Slack progress messages, and the trigger that starts
 * a "Cancel and destroy" teardown once its create has stopped. `buildSlackWorkflowRuntime`
 * builds them together with the workflow runtime they report for.
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import type { WorkflowService } from '../workflows/engine/service';
import type { ProgressSink } from '../workflows/engine/types';
import {
  buildWorkflowRuntime,
  type WorkflowRuntime,
  type WorkflowRuntimeOptions,
} from '../workflows/runtime';
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

function buildSlackSinks(options: SlackSinksOptions): SlackSinks {
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

export interface SlackWorkflowRuntimeOptions extends Omit<WorkflowRuntimeOptions, 'config' | 'sink'> {
  config: WorkflowRuntimeOptions['config'] & SlackSinksOptions['config'];
  /** The sinks' own settings (clock, edit pace, error reporting). */
  slack?: Pick<SlackSinksOptions, 'now' | 'minIntervalMs' | 'onError'>;
}

/**
 * The workflow runtime with the Slack sinks as its progress sink. The sinks need the runtime's
 * service, which is built with them: they reach it late, once this returns.
 */
export function buildSlackWorkflowRuntime(options: SlackWorkflowRuntimeOptions): {
  runtime: WorkflowRuntime;
  slack: SlackSinks;
} {
  const { slack: sinkOptions, ...runtimeOptions } = options;
  const late: { runtime?: WorkflowRuntime } = {};
  const slack = buildSlackSinks({
    ...sinkOptions,
    config: options.config,
    store: options.store,
    service: () => {
      if (!late.runtime) throw new Error('workflow runtime not built yet');
      return late.runtime.service;
    },
  });
  late.runtime = buildWorkflowRuntime({ ...runtimeOptions, sink: slack.sink });
  return { runtime: late.runtime, slack };
}
