/**
 * The worker Lambda: everything slow, one SQS message at a time, failures reported per message
 * so SQS redelivers only those (and, after maxReceiveCount, moves them to the dead-letter queue).
 * Three kinds of message share the ticks queue: a workflow tick (`{ runId }`), a job the slack
 * function acked (`{ job }`: a command's service or a button press, src/bot/jobs.ts), and an
 * outbox message due again (`{ deliver }`, src/bot/outbox.ts).
 *
 * Delivery is at-least-once: `tick` takes the run's lease, a job is claimed once by id, an
 * outbox message is leased, so a duplicate message costs a lookup, never a duplicate resource
 * or post. `createWorkerHandler` is the logic, testable without AWS; `handler` wires it to the
 * container's runtime and the workflows.
 */
import { createAwsClients, type AwsClients } from '../aws/clients';
import { createJobRunner } from '../bot/job-runner';
import type { BotJob } from '../bot/jobs';
import type { SlackOutbox } from '../bot/outbox';
import { buildBotServices } from '../bot/services/build';
import type { ChatClient } from '../bot/slack-chat';
import { buildSlackWorkflowRuntime, WORKFLOW_STEPS } from '../bot/slack-sinks';
import type { SlackProgressSink } from '../bot/slack-progress-sink';
import { findOwnedWith } from '../workflows/destroy/find-owned';
import type { WorkflowRuntime } from '../workflows/runtime';
import { InvocationBudget, type LambdaContext } from './budget';
import { getRuntime, type LambdaRuntime } from './runtime';
import { tickMessageSchema } from './sqs-tick-scheduler';
import { deliveryMessageSchema, jobMessageSchema } from './sqs-work-queue';

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
  /** Runs a job the slack function queued. */
  runJob?(job: BotJob): Promise<unknown>;
  /** Delivers an outbox message that is due again. */
  deliver?(id: string): Promise<unknown>;
  now(): number;
  log?(line: string): void;
}

/** A hop that arrives this close to its due time is ticked now rather than sent round again. */
const DUE_SLACK_MS = 1_000;

type Work =
  | { kind: 'tick'; runId: string; notBefore?: number }
  | { kind: 'job'; job: BotJob }
  | { kind: 'deliver'; id: string };

export function createWorkerHandler(deps: WorkerDeps): (event: SqsEvent) => Promise<SqsBatchResponse> {
  const log = deps.log ?? ((line: string) => console.log(line));

  return async (event) => {
    // Messages for the same run in one batch become one tick: a second would only wait for the lease.
    const byRun = new Map<string, { messageIds: string[]; notBefore: number }>();
    const others: { messageId: string; run: () => Promise<unknown>; what: string }[] = [];
    const failed: string[] = [];
    for (const record of event.Records) {
      const work = parse(record.body);
      if (!work) {
        // Never succeeds on retry; failing it sends it to the DLQ, where the alarm makes it seen.
        log(`worker: malformed tick message ${record.messageId}`);
        failed.push(record.messageId);
        continue;
      }
      if (work.kind === 'tick') {
        const entry = byRun.get(work.runId) ?? { messageIds: [], notBefore: 0 };
        entry.messageIds.push(record.messageId);
        entry.notBefore = Math.max(entry.notBefore, work.notBefore ?? 0);
        byRun.set(work.runId, entry);
      } else if (work.kind === 'job') {
        const { runJob } = deps;
        others.push({
          messageId: record.messageId,
          what: `job ${work.job.id}`,
          run: () => (runJob ? runJob(work.job) : Promise.reject(new Error('no job runner'))),
        });
      } else {
        const { deliver } = deps;
        others.push({
          messageId: record.messageId,
          what: `delivery ${work.id}`,
          run: () => (deliver ? deliver(work.id) : Promise.reject(new Error('no outbox'))),
        });
      }
    }

    await Promise.all([
      ...[...byRun].map(async ([runId, { messageIds, notBefore }]) => {
        try {
          if (notBefore > deps.now() + DUE_SLACK_MS) await deps.requeue(runId, notBefore);
          else await deps.tick(runId);
        } catch (err) {
          log(`worker: tick of run ${runId} failed: ${describe(err)}`);
          failed.push(...messageIds);
        }
      }),
      ...others.map(async ({ messageId, run, what }) => {
        try {
          await run();
        } catch (err) {
          log(`worker: ${what} failed: ${describe(err)}`);
          failed.push(messageId);
        }
      }),
    ]);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

function parse(body: string): Work | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const tick = tickMessageSchema.safeParse(json);
  if (tick.success) return { kind: 'tick', ...tick.data };
  const job = jobMessageSchema.safeParse(json);
  if (job.success) return { kind: 'job', job: job.data.job };
  const delivery = deliveryMessageSchema.safeParse(json);
  return delivery.success ? { kind: 'deliver', id: delivery.data.deliver } : undefined;
}

/** Error name and message only: never request payloads. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}

/**
 * The worker's workflows: the shared composition root (src/workflows/runtime.ts) over the
 * Lambda's clients and store, with the next ticks sent to SQS, the runs' Slack progress
 * messages edited as they advance (their ends through the outbox), and the "Cancel and destroy"
 * trigger. Slack rate limits are waited out only within the invocation's remaining time.
 */
export interface LambdaWorkflows {
  runtime: WorkflowRuntime;
  /** Throttles edits with timers: flush it before an invocation returns (see createLambdaWorker). */
  progress: SlackProgressSink;
  outbox: SlackOutbox;
  chat: ChatClient;
  /** Set at the start of each invocation from Lambda's remaining time. */
  budget: InvocationBudget;
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
  const budget = new InvocationBudget();
  const { runtime: workflows, slack } = buildSlackWorkflowRuntime({
    config,
    clients,
    store,
    scheduler: ticks,
    slack: {
      outbox: runtime.outbox,
      deliveries: runtime.work,
      deadline: budget.deadline,
      ...(options.now ? { now: options.now } : {}),
      ...(options.minIntervalMs !== undefined ? { minIntervalMs: options.minIntervalMs } : {}),
      log: (line) => log(`worker: ${line}`),
    },
  });
  return { runtime: workflows, progress: slack.progress, outbox: slack.outbox, chat: slack.chat, budget };
}

/**
 * The SQS handler over a container's runtime and workflows. Lambda freezes the container as
 * soon as the handler resolves, so a throttled progress edit still waiting on its timer would
 * be sent only at the next invocation, if any: every invocation ends by flushing the sink.
 */
export function createLambdaWorker(
  runtime: LambdaRuntime,
  workflows: LambdaWorkflows = createLambdaWorkflows(runtime),
  log: (line: string) => void = (line) => console.log(line),
): (event: SqsEvent, context?: LambdaContext) => Promise<SqsBatchResponse> {
  const { config, store, outbox } = runtime;
  const runJob = createJobRunner({
    config,
    store,
    services: buildBotServices({
      config,
      store,
      service: workflows.runtime.service,
      createConfig: workflows.runtime.createConfig,
      steps: WORKFLOW_STEPS,
      findOwned: findOwnedWith(workflows.runtime.deps),
      // The worker has the AWS clients: a create is checked before anything is written.
      preflight: workflows.runtime.preflight,
      outbox: workflows.outbox,
      runMessages: outbox,
    }),
    chat: workflows.chat,
    claimOnce: (key, now) => outbox.claimOnce(key, now),
    now: Date.now,
    log: (line) => log(`worker: ${line}`),
  });
  const handle = createWorkerHandler({
    tick: (runId) => workflows.runtime.runner.tick(runId),
    requeue: (runId, dueAt) => runtime.ticks.enqueue(runId, dueAt),
    runJob,
    deliver: (id) => workflows.outbox.deliver(id),
    now: Date.now,
    log,
  });
  return async (event, context) => {
    workflows.budget.start(context);
    try {
      return await handle(event);
    } finally {
      await workflows.progress.flush();
    }
  };
}

let handle: ((event: SqsEvent, context?: LambdaContext) => Promise<SqsBatchResponse>) | undefined;

/** Lambda entry point (serverless.yml `worker`: SQS event, ReportBatchItemFailures). */
export const handler = async (event: SqsEvent, context?: LambdaContext): Promise<SqsBatchResponse> => {
  handle ??= createLambdaWorker(await getRuntime());
  return handle(event, context);
};
