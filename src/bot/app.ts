/**
 * The one Bolt app factory. The receiver is chosen at the edge: an HTTP receiver for the
 * sandbox and self-hosting (src/bot/http-server.ts), AwsLambdaReceiver on Lambda
 * (src/handlers/slack.ts). Both verify Slack's signature before any listener runs.
 */
import { App, LogLevel, type Receiver, type RespondFn } from '@slack/bolt';
import type { Config } from '../config/config';
import type { StateStore } from '../state/types';
import { createBotAuthorize } from './authorize';
import { dispatchCommand } from './dispatch';
import type { BotServices } from './services';
import { renderFailure, renderWorking } from './views/error';
import type { Reply } from './views/reply';

export interface CreateAppOptions {
  config: Config;
  store: StateStore;
  receiver: Receiver;
  services?: BotServices;
  now?: () => number;
  logLevel?: LogLevel;
  /** If a command's answer is not ready by then, ack with "working on it" and respond later (Slack waits 3 s). */
  ackBudgetMs?: number;
}

export function createApp(options: CreateAppOptions): App {
  const { config, store, receiver, services = {}, now = Date.now, ackBudgetMs = 2000 } = options;
  const slackApiUrl = normalizeApiUrl(config.slack.apiUrl);
  const app = new App({
    receiver,
    // A custom authorize instead of `token`: Bolt's constructor would otherwise call
    // auth.test (or call it on every request with tokenVerificationEnabled: false).
    authorize: createBotAuthorize({
      token: config.slack.botToken,
      botId: config.slack.botId,
      botUserId: config.slack.botUserId,
      slackApiUrl,
    }),
    clientOptions: slackApiUrl ? { slackApiUrl } : undefined,
    logLevel: options.logLevel ?? LogLevel.WARN,
  });

  app.command('/site', async ({ command, ack, respond, client, logger }) => {
    const ctx = { userId: command.user_id, channelId: command.channel_id, client, respond, now };
    const answer = dispatchCommand(command.text, ctx, { config, store, services }).catch((err: unknown) => {
      logger.error(`/site ${command.text.split(/\s+/)[0] ?? ''} failed: ${describe(err)}`);
      return renderFailure(`/site ${command.text.split(/\s+/)[0] ?? ''}`, describe(err));
    });
    await ackWithin(answer, ackBudgetMs, ack, respond);
  });

  // Buttons: ack at once (Slack waits 3 s), then let the service re-check everything.
  app.action(/^site_/, async ({ ack, body, action, respond, client, logger }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
    if (!services.handleButton) return;
    const press = {
      actionId: action.action_id,
      value: typeof action.value === 'string' ? action.value : '',
      userId: body.user.id,
      channelId: body.channel?.id ?? body.container?.channel_id ?? '',
      messageTs: body.container?.message_ts ?? body.message?.ts ?? '',
    };
    try {
      await services.handleButton(press, { client, respond, now });
    } catch (err) {
      logger.error(`button ${press.actionId} failed: ${describe(err)}`);
      await respond({ ...renderFailure('that button', describe(err)), replace_original: false }).catch(
        () => undefined,
      );
    }
  });

  return app;
}

/** Acks with the answer if it is ready within the budget; otherwise acks at once and responds later. */
async function ackWithin(
  answer: Promise<Reply>,
  budgetMs: number,
  ack: (reply?: Reply) => Promise<void>,
  respond: RespondFn,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (first !== 'late') {
    await ack(first);
    return;
  }
  await ack(renderWorking());
  await respond(await answer);
}

/** The Web API client joins method names onto the base URL, which must end with a slash. */
export function normalizeApiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Error name and message only: never request bodies or tokens. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}
