/**
 * Lambda entry of the reminder schedule (serverless.yml `remind`, an EventBridge schedule every
 * few minutes): one reminder pass — TTL warnings with their buttons, overdue notes, auto-destroy
 * at expiry (the teardown run is started here; the worker advances it), the daily digests —
 * then the outbox messages that are due and were not brought back by SQS.
 * Every reminder is queued under its own key in the outbox, so an overlapping or retried
 * invocation never repeats one (src/workflows/remind/scheduler.ts), and delivered until Slack
 * takes it; a 429 is waited out only within this invocation's remaining time.
 */
import { createSlackReminderPass, type SlackReminderPassResult } from '../bot/reminders';
import { buildSlackDelivery } from '../bot/slack-delivery';
import { buildWorkflowService } from '../workflows/workflow-service';
import { InvocationBudget, type LambdaContext } from './budget';
import { getRuntime, type LambdaRuntime } from './runtime';

/** The pass over a Lambda runtime: its store, its SQS ticks for the teardowns it starts, the outbox. */
export function createRemindPass(
  runtime: LambdaRuntime,
  now: () => number = Date.now,
  budget: InvocationBudget = new InvocationBudget(),
): () => Promise<SlackReminderPassResult> {
  const { config, store, ticks } = runtime;
  const service = buildWorkflowService({ store, scheduler: ticks });
  const { outbox } = buildSlackDelivery({
    config,
    store,
    outbox: runtime.outbox,
    deliveries: runtime.work,
    deadline: budget.deadline,
    log: (line) => console.log(`remind: ${line}`),
  });
  return createSlackReminderPass({
    store,
    outbox,
    service,
    now,
    ...(config.slack.botUserId ? { actor: config.slack.botUserId } : {}),
    language: config.i18n,
    channelBudgetUsd: config.channelBudgetUsd,
  });
}

let pass: (() => Promise<SlackReminderPassResult>) | undefined;
const budget = new InvocationBudget();

/** Lambda entry point: counts only in the log and the result (never names or messages). */
export const handler = async (
  _event?: unknown,
  context?: LambdaContext,
): Promise<SlackReminderPassResult> => {
  budget.start(context);
  pass ??= createRemindPass(await getRuntime(), Date.now, budget);
  const result = await pass();
  console.log(`remind: ${JSON.stringify(result)}`);
  return result;
};
