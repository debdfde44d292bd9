/**
 * The worker Lambda: one workflow tick per SQS message, failures reported per message so SQS
 * redelivers only those (and, after maxReceiveCount, moves them to the dead-letter queue).
 * Delivery is at-least-once: `tick` takes the run's lease, so a duplicate message costs a
 * lookup, never a duplicate resource. `createWorkerHandler` is the logic, testable without
 * AWS; `handler` wires it to the container's runtime and the workflows.
 */
import { buildWorkflowRuntime, type WorkflowRuntime } from '../workflows/runtime';
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
 * Lambda's clients and store, with the next ticks sent to SQS. No ProgressSink yet: runs
 * advance, but the worker does not edit their Slack message.
 */
export function createLambdaWorkflows(runtime: LambdaRuntime): WorkflowRuntime {
  const { config, clients, store, ticks } = runtime;
  return buildWorkflowRuntime({ config, clients, store, scheduler: ticks });
}

let handle: ((event: SqsEvent) => Promise<SqsBatchResponse>) | undefined;

/** Lambda entry point (serverless.yml `worker`: SQS event, ReportBatchItemFailures). */
export const handler = async (event: SqsEvent): Promise<SqsBatchResponse> => {
  if (!handle) {
    const runtime = await getRuntime();
    const { runner } = createLambdaWorkflows(runtime);
    handle = createWorkerHandler({
      tick: (runId) => runner.tick(runId),
      requeue: (runId, dueAt) => runtime.ticks.enqueue(runId, dueAt),
      now: Date.now,
    });
  }
  return handle(event);
};
