/**
 * The whole sandbox in-process on port 0s for tests, plus a look into its DynamoDB tables.
 * Each sandbox has its own dynalite, so tests never share state.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { BotJob } from '../../src/bot/jobs';
import type { BotServices } from '../../src/bot/services';
import { loadConfig } from '../../src/config/config';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox';
import { tableNames } from '../../src/state/tables';

export interface TestSandbox extends Sandbox {
  /** Item counts per table (in the outbox, messages only): proof that nothing was written. */
  itemCounts(): Promise<Record<string, number>>;
  /**
   * Sends a slash command through the stand-in. `ack` is what the bot answered Slack at once;
   * `body` is the answer the person gets: the ack, or — when the bot queued the command as a
   * job — the reply the job sent to the response_url (waited for).
   */
  command(
    text: string,
    user?: string,
    channel?: string,
  ): Promise<{ status: number; body: string; ack: string; ackMs: number }>;
  messages(channel?: string): Promise<SandboxMessage[]>;
  /** Presses a button on a message through the stand-in, as Slack would send it; waits for its job. */
  press(input: {
    ts: string;
    action_id: string;
    user?: string;
    channel?: string;
  }): Promise<{ status: number; body: string }>;
}

export interface SandboxMessage {
  ts: string;
  user: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  ephemeral_to?: string;
  edits?: number;
  files?: { id: string; name: string; title: string; mimetype: string; size: number; alt_txt?: string }[];
}

export interface TestSandboxOptions {
  env?: NodeJS.ProcessEnv;
  services?: BotServices;
  ackBudgetMs?: number;
  /** The Slack stand-in's ack deadline (default 3 s, as Slack). */
  slackAckDeadlineMs?: number;
  /** The emulator's clock speed (virtual ms per real ms); the sandbox's default otherwise. */
  speed?: number;
  remindEveryMs?: number;
  progressIntervalMs?: number;
  onError?(err: unknown, where: string): void;
  slackScopes?: readonly string[];
}

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({
    config: loadConfig(options.env ?? {}),
    services: options.services,
    ackBudgetMs: options.ackBudgetMs,
    slackAckDeadlineMs: options.slackAckDeadlineMs,
    ...(options.speed !== undefined ? { aws: { speed: options.speed } } : {}),
    remindEveryMs: options.remindEveryMs,
    progressIntervalMs: options.progressIntervalMs,
    onError: options.onError,
    slackScopes: options.slackScopes,
  });
  const names = tableNames(sandbox.config.tablePrefix);
  return {
    ...sandbox,
    async itemCounts() {
      const counts: Record<string, number> = {};
      for (const [key, TableName] of Object.entries(names)) {
        // In the outbox, the messages owed to Slack; not the once-claims that keep a job from running twice.
        const messagesOnly =
          key === 'outbox'
            ? {
                FilterExpression: 'begins_with(id, :message)',
                ExpressionAttributeValues: { ':message': { S: 'msg#' } },
              }
            : {};
        const out = await sandbox.clients.dynamodb.send(
          new ScanCommand({ TableName, Select: 'COUNT', ...messagesOnly }),
        );
        counts[key] = out.Count ?? 0;
      }
      return counts;
    },
    async command(text, user = 'U1', channel = 'C1') {
      const mark = sandbox.jobs.queued;
      const sent = Date.now();
      const res = await fetch(`${sandbox.urls.slack}/_sandbox/slack/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, user, channel }),
      });
      const ack = await res.text();
      const ackMs = Date.now() - sent;
      const mine = (job: BotJob) =>
        job.kind === 'command' && job.text === text && job.userId === user && job.channelId === channel;
      // The job is queued before the ack is sent: if there is one, it is known by now.
      if (!sandbox.jobs.queuedAfter(mark, mine)) return { status: res.status, body: ack, ack, ackMs };
      const settled = await sandbox.jobs.settledAfter(mark, mine);
      return { status: res.status, body: JSON.stringify(settled.outcome?.reply ?? {}), ack, ackMs };
    },
    async press({ ts, action_id, user = 'U1', channel = 'C1' }) {
      const mark = sandbox.jobs.queued;
      const res = await fetch(`${sandbox.urls.slack}/_sandbox/slack/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ts, action_id, user, channel }),
      });
      const body = await res.text();
      const mine = (job: BotJob) =>
        job.kind === 'button' && job.press.messageTs === ts && job.press.userId === user;
      if (sandbox.jobs.queuedAfter(mark, mine)) await sandbox.jobs.settledAfter(mark, mine);
      return { status: res.status, body };
    },
    async messages(channel = 'C1') {
      const res = await fetch(`${sandbox.urls.slack}/_sandbox/slack/messages?channel=${channel}`);
      const json = (await res.json()) as { messages: SandboxMessage[] };
      return json.messages;
    },
  };
}
