/**
 * The worker's logic without its AWS wiring: one workflow tick per SQS message, failures
 * reported per message so SQS redelivers only those (and, after maxReceiveCount, moves them
 * to the dead-letter queue). Delivery is at-least-once: `tick` takes the run's lease, so a
 * duplicate message costs a lookup, never a duplicate resource.
 */
import { WorkflowRunner } from '../workflows';
import { buildCreateDeps } from '../workflows/create/build-deps';
import type { CreateDeps } from '../workflows/create/deps';
import { createWorkflow } from '../workflows/create/workflow';
import type { DestroyDeps } from '../workflows/destroy/deps';
import { destroyWorkflow } from '../workflows/destroy/workflow';
import type { FailoverDeps } from '../workflows/failover/deps';
import { failoverWorkflow } from '../workflows/failover/workflow';
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

/** What the three workflows' steps need, together: the AWS adapters, the env record, the audit log. */
export type LambdaWorkflowDeps = CreateDeps & DestroyDeps & FailoverDeps;

/**
 * The runner the worker ticks with: create, destroy and failover over the AWS adapters, next
 * ticks on SQS. Progress is not rendered to Slack from the worker yet (no ProgressSink).
 */
export function createLambdaRunner(runtime: LambdaRuntime): WorkflowRunner<LambdaWorkflowDeps> {
  const { config, clients, store, ticks } = runtime;
  const deps: LambdaWorkflowDeps = {
    ...buildCreateDeps({
      clients,
      config: { region: config.region, azs: config.azs },
      environments: store.environments,
    }),
    audit: store.audit,
  };
  return new WorkflowRunner<LambdaWorkflowDeps>({
    store,
    workflows: { create: createWorkflow, destroy: destroyWorkflow, failover: failoverWorkflow },
    deps,
    scheduler: ticks,
  });
}

let handle: ((event: SqsEvent) => Promise<SqsBatchResponse>) | undefined;

/** Lambda entry point (serverless.yml `worker`: SQS event, ReportBatchItemFailures). */
export const handler = async (event: SqsEvent): Promise<SqsBatchResponse> => {
  if (!handle) {
    const runtime = await getRuntime();
    const runner = createLambdaRunner(runtime);
    handle = createWorkerHandler({
      tick: (runId) => runner.tick(runId),
      requeue: (runId, dueAt) => runtime.ticks.enqueue(runId, dueAt),
      now: Date.now,
    });
  }
  return handle(event);
};
