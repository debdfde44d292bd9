/**
 * The worker Lambda: one workflow tick per SQS message, failures reported per message so SQS
 * redelivers only those (and, after maxReceiveCount, moves them to the dead-letter queue).
 * Delivery is at-least-once: `tick` takes the run's lease, so a duplicate message costs a
 * lookup, never a duplicate resource. `createWorkerHandler` is the logic, testable without
 * AWS; `handler` wires it to the container's runtime and the workflows.
 */
import { createAwsClients, type AwsClients } from '../aws/clients';
import { buildSlackWorkflowRuntime } from '../bot/slack-sinks';
import type { SlackProgressSink } from '../bot/slack-progress-sink';
import type { WorkflowRuntime } from '../workflows/runtime';
import { getRuntime, type LambdaRuntime } from './runtime';
import { tickMessageSchema } from './sqs-tick-scheduler';

/** The subset of Lambda's SQS event the worker reads. */
export interface SqsRecord {
  messageId: string;
  body: string;
}
export interface SqsEvent {
  Records: SqsRecord[];
}
/** Lambda's partial batch response (`functionResponseType: ReportBatchItemFailures`). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface WorkerDeps {
  /** Advances the run by one tick (the runner schedules the next one itself). */
  tick(runId: string): Promise<unknown>;
  /** Puts a not-yet-due tick back on the queue (waits longer than SQS's 900 s delay). */
  requeue(runId: string, dueAt: number): Promise<void>;
  now(): number;
  log?(line: string): void;
}

/** A hop that arrives this close to its due time is ticked now rather than sent round again. */
const DUE_SLACK_MS = 1_000;

export function createWorkerHandler(deps: WorkerDeps): (event: SqsEvent) => Promise<SqsBatchResponse> {
  const log = deps.log ?? ((line: string) => console.log(line));

  return async (event) => {
    // Messages for the same run in one batch become one tick: a second would only wait for the lease.
    const byRun = new Map<string, { messageIds: string[]; notBefore: number }>();
    const failed: string[] = [];
    for (const record of event.Records) {
      const parsed = parse(record.body);
      if (!parsed) {
        // Never succeeds on retry; failing it sends it to the DLQ, where the alarm makes it seen.
        log(`worker: malformed tick message ${record.messageId}`);
        failed.push(record.messageId);
        continue;
      }
      const entry = byRun.get(parsed.runId) ?? { messageIds: [], notBefore: 0 };
      entry.messageIds.push(record.messageId);
      entry.notBefore = Math.max(entry.notBefore, parsed.notBefore ?? 0);
      byRun.set(parsed.runId, entry);
    }

    await Promise.all(
      [...byRun].map(async ([runId, { messageIds, notBefore }]) => {
        try {
          if (notBefore > deps.now() + DUE_SLACK_MS) await deps.requeue(runId, notBefore);
          else await deps.tick(runId);
        } catch (err) {
          log(`worker: tick of run ${runId} failed: ${describe(err)}`);
          failed.push(...messageIds);
        }
      }),
    );
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

function parse(body: string): { runId: string; notBefore?: number } | undefined {
  try {
    const result = tickMessageSchema.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Error name and message only: never request payloads. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}

/**
 * The worker's workflows: the shared composition root (src/workflows/runtime.ts) over the
 * Lambda's clients and store, with the next ticks sent to SQS and the runs' Slack progress
 * messages edited as they advance (plus the "Cancel and destroy" trigger).
 */
export interface LambdaWorkflows {
  runtime: WorkflowRuntime;
  /** Throttles edits with timers: flush it before an invocation returns (see createLambdaWorker). */
  progress: SlackProgressSink;
}

export interface LambdaWorkflowsOptions {
  /** The clients the steps use (tests point them at loopback); default: the runtime's plus EC2, RDS… */
  clients?: AwsClients;
  /** The domain clock of the progress messages (default: real time). */
  now?: () => number;
  /** Progress edits at most this often per message (default 1 s, Slack's pace). */
  minIntervalMs?: number;
  log?(line: string): void;
}

export function createLambdaWorkflows(
  runtime: LambdaRuntime,
  options: LambdaWorkflowsOptions = {},
): LambdaWorkflows {
  const { config, store, ticks } = runtime;
  const clients = options.clients ?? createAwsClients({ region: config.region }, runtime.clients);
  const log = options.log ?? ((line: string) => console.log(line));
  const { runtime: workflows, slack } = buildSlackWorkflowRuntime({
    config,
    clients,
    store,
    scheduler: ticks,
    slack: {
      now: options.now,
      minIntervalMs: options.minIntervalMs,
      onError: (err, where) => log(`worker: Slack ${where} failed: ${describe(err)}`),
    },
  });
  return { runtime: workflows, progress: slack.progress };
}

/**
 * The SQS handler over a container's runtime and workflows. Lambda freezes the container as
 * soon as the handler resolves, so a throttled progress edit still waiting on its timer would
 * be sent only at the next invocation, if any: every invocation ends by flushing the sink.
 */
export function createLambdaWorker(
  runtime: LambdaRuntime,
  workflows: LambdaWorkflows = createLambdaWorkflows(runtime),
  log?: (line: string) => void,
): (event: SqsEvent) => Promise<SqsBatchResponse> {
  const handle = createWorkerHandler({
    tick: (runId) => workflows.runtime.runner.tick(runId),
    requeue: (runId, dueAt) => runtime.ticks.enqueue(runId, dueAt),
    now: Date.now,
    ...(log ? { log } : {}),
  });
  return async (event) => {
    try {
      return await handle(event);
    } finally {
      await workflows.progress.flush();
    }
  };
}

let handle: ((event: SqsEvent) => Promise<SqsBatchResponse>) | undefined;

/** Lambda entry point (serverless.yml `worker`: SQS event, ReportBatchItemFailures). */
export const handler = async (event: SqsEvent): Promise<SqsBatchResponse> => {
  handle ??= createLambdaWorker(await getRuntime());
  return handle(event);
};
