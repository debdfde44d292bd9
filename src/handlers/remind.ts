/**
 * Lambda entry of the reminder schedule (serverless.yml `remind`, an EventBridge schedule every
 * few minutes): one reminder pass — TTL warnings with their buttons, overdue notes, auto-destroy
 * at expiry (the teardown run is started here; the worker advances it), the daily digests.
 * Each reminder is claimed before it is sent, so an overlapping or retried invocation never
 * repeats one (src/workflows/remind/scheduler.ts).
 */
import { webApi } from '@slack/bolt';
import { normalizeApiUrl } from '../bot/app';
import { createSlackReminderPass } from '../bot/reminders';
import { createOnceMarkers } from '../state';
import type { ReminderPassResult } from '../workflows/remind/scheduler';
import { buildWorkflowService } from '../workflows/workflow-service';
import { getRuntime, type LambdaRuntime } from './runtime';

/** The pass over a Lambda runtime: its store, its SQS ticks for the teardowns it starts, the bot token. */
export function createRemindPass(
  runtime: LambdaRuntime,
  now: () => number = Date.now,
): () => Promise<ReminderPassResult> {
  const { config, clients, store, ticks } = runtime;
  const service = buildWorkflowService({ store, scheduler: ticks });
  const slackApiUrl = normalizeApiUrl(config.slack.apiUrl);
  const client = new webApi.WebClient(config.slack.botToken, slackApiUrl ? { slackApiUrl } : {});
  return createSlackReminderPass({
    store,
    markers: createOnceMarkers(clients.doc, config.tablePrefix),
    client,
    service,
    now,
    ...(config.slack.botUserId ? { actor: config.slack.botUserId } : {}),
    channelBudgetUsd: config.channelBudgetUsd,
  });
}

let pass: (() => Promise<ReminderPassResult>) | undefined;

/** Lambda entry point: counts only in the log and the result (never names or messages). */
export const handler = async (): Promise<ReminderPassResult> => {
  pass ??= createRemindPass(await getRuntime());
  const result = await pass();
  console.log(`remind: ${JSON.stringify(result)}`);
  return result;
};
