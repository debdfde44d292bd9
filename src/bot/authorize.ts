/**
 * Single-workspace authorization for Bolt: the bot token plus the bot's ids. The ids come from
 * configuration when known; otherwise one `auth.test` on first use, cached (a failure is not
 * cached, so the next request tries again).
 */
import { webApi, type Authorize, type AuthorizeResult } from '@slack/bolt';

export interface BotAuthorizeOptions {
  token: string;
  botId?: string;
  botUserId?: string;
  slackApiUrl?: string;
}

export function createBotAuthorize(options: BotAuthorizeOptions): Authorize<boolean> {
  const { token, botId, botUserId, slackApiUrl } = options;
  let ids: Promise<{ botId?: string; botUserId?: string }> | undefined;
  if (botId && botUserId) ids = Promise.resolve({ botId, botUserId });
  const lookUp = async () => {
    const client = new webApi.WebClient(token, slackApiUrl ? { slackApiUrl } : {});
    const result = await client.auth.test();
    return { botId: result.bot_id, botUserId: result.user_id };
  };
  return async (): Promise<AuthorizeResult> => {
    ids ??= lookUp().catch((err: unknown) => {
      ids = undefined;
      throw err;
    });
    return { botToken: token, ...(await ids) };
  };
}
