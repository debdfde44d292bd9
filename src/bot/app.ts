/**
 * The one Bolt app factory. The receiver is chosen at the edge: an HTTP receiver for the
 * sandbox and self-hosting (src/bot/http-server.ts), AwsLambdaReceiver on Lambda
 * (src/handlers/slack.ts), SocketModeReceiver on a laptop (src/handlers/socket-mode.ts).
 *
 * Its listeners only read and answer: a command is answered from reads alone (help, list,
 * status, any refusal), or acked "working on it" and handed to the job queue, where
 * its service posts, starts runs and writes (./jobs.ts); a button press is queued and acked.
 * They never call Slack's Web API, so an answer never waits on it; and an answer not ready
 * within `ackBudgetMs` is acked and queued too, so it never waits on a slow read either
 * (Bolt's AwsLambdaReceiver answers only once the listener returns).
 */
import { randomUUID } from 'node:crypto';
import { App, LogLevel, type Receiver } from '@slack/bolt';
import type { Config } from '../config/config';
import { textsIn } from '../i18n/texts';
import type { StateStore } from '../state/types';
import { answerCommand, type CommandAnswer } from './dispatch';
import type { BotJob, JobQueue } from './jobs';
import { readerVoice } from './language';
import { renderFailure, renderRefusalMd, renderWorking } from './views/error';

export interface CreateAppOptions {
  config: Config;
  store: StateStore;
  receiver: Receiver;
  /** Where commands that act, and button presses, go after the ack. */
  jobs: JobQueue;
  /** The domain clock (ages, TTLs). */
  now?: () => number;
  logLevel?: LogLevel;
  /** An answer not ready by then is acked "working on it" and finished by a job (Slack waits 3 s). */
  ackBudgetMs?: number;
}

export function createApp(options: CreateAppOptions): App {
  const { config, store, receiver, jobs, now = Date.now, ackBudgetMs = 2000 } = options;
  const app = new App({
    receiver,
    // The listeners never call the Web API, so no auth.test: the ids are what config says.
    authorize: async () => ({
      botToken: config.slack.botToken,
      ...(config.slack.botId ? { botId: config.slack.botId } : {}),
      ...(config.slack.botUserId ? { botUserId: config.slack.botUserId } : {}),
    }),
    logLevel: options.logLevel ?? LogLevel.WARN,
  });

  app.command('/site', async ({ command, ack, logger }) => {
    const received = Date.now();
    const what = `/site ${command.text.split(/\s+/)[0] ?? ''}`;
    // The workspace's words until the reader's own choice is read (one GetItem, inside the budget).
    let t = textsIn(config.i18n, undefined, command.channel_id);
    const answer = (async () => {
      const voice = await readerVoice(config.i18n, store.preferences, command.user_id, command.channel_id);
      t = voice.t;
      return answerCommand(
        command.text,
        { userId: command.user_id, channelId: command.channel_id, now, ...voice },
        { config, store },
      );
    })();
    const first = await within(answer, ackBudgetMs).catch((err: unknown): CommandAnswer => {
      logger.error(`${what} failed: ${describe(err)}`);
      return { kind: 'reply', reply: renderFailure(t, what, describe(err)) };
    });
    if (first !== 'late' && first.kind === 'reply') {
      await ack(first.reply);
      return;
    }
    // A service must act, or the answer is slow: the job runner does the whole command.
    const job: BotJob = {
      kind: 'command',
      id: randomUUID(),
      text: command.text,
      userId: command.user_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
      receivedAt: received,
    };
    try {
      await jobs.enqueue(job);
    } catch (err) {
      logger.error(`/site: could not queue the command: ${describe(err)}`);
      await ack(renderRefusalMd(t.errors.notQueued()));
      return;
    }
    await ack(renderWorking(t));
  });

  // Buttons: queued, then acked; the button service re-checks everything in the job.
  app.action(/^site_/, async ({ ack, body, action }) => {
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) {
      await ack();
      return;
    }
    // Not acked when it cannot be queued: Slack then shows the press failed.
    await jobs.enqueue({
      kind: 'button',
      id: randomUUID(),
      press: {
        actionId: action.action_id,
        value: typeof action.value === 'string' ? action.value : '',
        userId: body.user.id,
        channelId: body.channel?.id ?? body.container?.channel_id ?? '',
        messageTs: body.container?.message_ts ?? body.message?.ts ?? '',
      },
      responseUrl: body.response_url,
      receivedAt: Date.now(),
    });
    await ack();
  });

  return app;
}

/** The answer if it settles within `budgetMs`, else 'late' (the answer is then left to settle unread). */
async function within(answer: Promise<CommandAnswer>, budgetMs: number): Promise<CommandAnswer | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  answer.catch(() => undefined); // a late failure is the job's to report
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Error name and message only: never request bodies or tokens. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
