/**
 * How a process that runs workflows reaches Slack (the sandbox, a self-hosted bot, the Lambda
 * worker): the Web API client and the outbox (./slack-delivery.ts), the runs' progress messages,
 * and the trigger that starts a "Cancel and destroy" teardown once its create has stopped. `buildSlackWorkflowRuntime` builds them together with the workflow
 * runtime they report for. Optionally, a PNG of the environment in a finished create's thread
 * (./diagram-thread.ts).
 */
import type { Config } from '../config/config';
import { DEFAULT_CREATE_CONFIG } from '../workflows/create/deps';
import { webApi } from '@slack/bolt';
import type { WorkflowService } from '../workflows/engine/service';
import type { ProgressSink } from '../workflows/engine/types';
import {
  buildWorkflowRuntime,
  type WorkflowRuntime,
  type WorkflowRuntimeOptions,
} from '../workflows/runtime';
import { DiagramThreadPoster, type RenderEnvironmentPicture } from './diagram-thread';
import { PendingDestroyTrigger, fanOutSink } from './pending-destroy';
import { normalizeApiUrl } from './slack-chat';
import { buildSlackDelivery, type SlackDelivery, type SlackDeliveryOptions } from './slack-delivery';
import { SlackProgressSink } from './slack-progress-sink';
import { WORKFLOW_STEPS } from './workflow-steps';

export { WORKFLOW_STEPS } from './workflow-steps';
export { buildSlackDelivery, type SlackDelivery, type SlackDeliveryOptions } from './slack-delivery';

export interface SlackSinksOptions extends SlackDeliveryOptions {
  /** Also the workspace's language, and where the stack is built (for explanations' numbers). */
  config: Pick<Config, 'slack'> & Partial<Pick<Config, 'i18n' | 'region' | 'azs'>>;
  /** Late-bound: the service is built together with the runner these sinks are given to. */
  service(): WorkflowService;
  /** The domain clock (default: real time). */
  now?: () => number;
  /** Progress edits at most this often per message (default 1 s). */
  minIntervalMs?: number;
  /** Pictures for the ready message's thread (posted only where the token has files:write). */
  diagrams?: RenderEnvironmentPicture;
}

export interface SlackSinks extends SlackDelivery {
  /** Give this to the runner and the service. */
  sink: ProgressSink;
  progress: SlackProgressSink;
  diagrams?: DiagramThreadPoster;
}

function buildSlackSinks(options: SlackSinksOptions): SlackSinks {
  const now = options.now ?? Date.now;
  const delivery = buildSlackDelivery(options);
  const progress = new SlackProgressSink({
    client: delivery.chat,
    steps: WORKFLOW_STEPS,
    ...(options.config.i18n ? { language: options.config.i18n } : {}),
    ...(options.config.region && options.config.azs
      ? {
          explainConfig: { ...DEFAULT_CREATE_CONFIG, region: options.config.region, azs: options.config.azs },
        }
      : {}),
    minIntervalMs: options.minIntervalMs,
    finals: delivery.outbox,
    messages: options.outbox,
    onError: (err, runId) => options.log(`progress of run ${runId}: ${describe(err)}`),
  });
  const pending = new PendingDestroyTrigger({
    store: options.store,
    service: options.service,
    now,
    onError: (err) => options.log(`pending destroy: ${describe(err)}`),
  });
  const diagrams = options.diagrams && pictureThread(options, options.diagrams, progress);
  // The picture first: it is under way before the run's end is shown (see diagram-thread.ts).
  const sinks = diagrams ? [diagrams, progress, pending] : [progress, pending];
  const sink = fanOutSink(sinks, (err) => options.log(`sink: ${describe(err)}`));
  return { ...delivery, sink, progress, ...(diagrams ? { diagrams } : {}) };
}

/** The picture poster, on a Web API client of its own: the upload flow is not one of SlackChat's calls. */
function pictureThread(
  options: SlackSinksOptions,
  render: RenderEnvironmentPicture,
  progress: SlackProgressSink,
): DiagramThreadPoster {
  const slackApiUrl = normalizeApiUrl(options.config.slack.apiUrl);
  const client = new webApi.WebClient(options.config.slack.botToken, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 2, factor: 1, minTimeout: 100, maxTimeout: 500 },
    logLevel: webApi.LogLevel.ERROR,
  });
  return new DiagramThreadPoster({
    client,
    render,
    afterProgress: () => progress.flush(),
    ...(options.config.i18n ? { language: options.config.i18n } : {}),
    onError: (err, where) => options.log(`${where}: ${describe(err)}`),
  });
}

export interface SlackWorkflowRuntimeOptions extends Omit<WorkflowRuntimeOptions, 'config' | 'sink'> {
  config: WorkflowRuntimeOptions['config'] & SlackSinksOptions['config'];
  /** The sinks' own settings. */
  slack: Omit<SlackSinksOptions, 'config' | 'store' | 'service'>;
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

/** Error name and message only. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
