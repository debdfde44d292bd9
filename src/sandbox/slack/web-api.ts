/**
 * The Web API methods the bot calls, answering as Slack does: token first, then the method's
 * rate limit (HTTP 429 + Retry-After), then the channel (not_in_channel, is_archived,
 * channel_not_found), then the message itself (./judge.ts). Every refusal is recorded.
 *
 * chat.update edits only the bot's own messages (`cant_update_message`) that exist and are not
 * ephemeral (`message_not_found`: ephemerals are not stored by Slack and cannot be edited);
 * with `text` and no `blocks` it drops the old blocks, with neither it keeps them.
 * https://docs.slack.dev/reference/methods/chat.update
 * https://docs.slack.dev/reference/methods/chat.postMessage
 * https://docs.slack.dev/reference/methods/chat.postEphemeral
 */
import type { ChannelStates } from './channels';
import type { FileStore } from './files';
import type { MessageJudge } from './judge';
import type { MessageLog, StoredMessage } from './messages';
import type { RateLimiter } from './rate-limits';
import { excerptOf, type ViolationLog } from './violations';

export interface WebApiDeps {
  botToken: string;
  bot: { userId: string; botId: string };
  team: { id: string; domain: string };
  log: MessageLog;
  channels: ChannelStates;
  limiter: RateLimiter;
  violations: ViolationLog;
  /** Shared with the replies, so block_ids are tracked across both. */
  judge: MessageJudge;
  /** The file upload flow (files.getUploadURLExternal, files.completeUploadExternal). */
  files: Pick<FileStore, 'call'>;
}

export interface WebApiAnswer {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

type Args = Record<string, unknown>;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A stored message in the shape Slack's APIs return, plus the stand-in's flags when it has any. */
export function toSlack(m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.ephemeral_to ? { ephemeral_to: m.ephemeral_to } : {}),
    ...(m.edits ? { edits: m.edits } : {}),
    ...(m.files ? { files: m.files } : {}),
    ...(m.flags.length ? { flags: m.flags } : {}),
  };
}

export function createWebApi(
  deps: WebApiDeps,
): (method: string, args: Args, token: string | undefined) => WebApiAnswer {
  const { log, channels, limiter, violations, judge } = deps;
  const ok = (body: Args): WebApiAnswer => ({ status: 200, body: { ok: true, ...body } });

  /** A refusal, recorded. */
  const refuse = (
    method: string,
    args: Args,
    error: string,
    extra: Partial<WebApiAnswer> = {},
  ): WebApiAnswer => {
    violations.record({
      level: 'refused',
      method,
      channel: str(args.channel) || str(args.channel_id) || undefined,
      ts: str(args.ts) || str(args.thread_ts) || undefined,
      error,
      excerpt: excerptOf(str(args.text)),
    });
    return {
      status: extra.status ?? 200,
      headers: extra.headers,
      body: { ...extra.body, ok: false, error },
    };
  };

  /** Rate limit and channel state: what every chat.* call meets before its message is read. */
  const gate = (method: string, args: Args): WebApiAnswer | undefined => {
    const channel = str(args.channel);
    const rate = limiter.take(method, channel);
    if (!rate.ok) {
      return refuse(method, args, 'ratelimited', {
        status: 429,
        headers: { 'retry-after': String(rate.retryAfterSec) },
      });
    }
    const refusal = channels.refusal(channel);
    return refusal ? refuse(method, args, refusal) : undefined;
  };

  /** chat.postMessage, or chat.postEphemeral when `ephemeralTo` is set. */
  const post = (method: string, args: Args, ephemeralTo?: string): WebApiAnswer => {
    const channel = str(args.channel);
    const judged = judge.judge(args, { method, channel, ...(ephemeralTo ? { to: ephemeralTo } : {}) });
    if (!judged.ok) return { status: 200, body: judged.answer };
    const m = log.add({
      channel,
      user: deps.bot.userId,
      text: judged.text,
      blocks: judged.blocks ?? [],
      thread_ts: str(args.thread_ts) || undefined,
      ephemeral_to: ephemeralTo,
      flags: judged.flags,
    });
    judged.commit(m.ts);
    return ok(ephemeralTo ? { message_ts: m.ts } : { channel, ts: m.ts, message: toSlack(m) });
  };

  const update = (args: Args): WebApiAnswer => {
    const method = 'chat.update';
    const channel = str(args.channel);
    const ts = str(args.ts);
    const existing = log.find(channel, ts);
    if (!existing || existing.ephemeral_to) return refuse(method, args, 'message_not_found');
    if (existing.user !== deps.bot.userId) return refuse(method, args, 'cant_update_message');
    const judged = judge.judge(args, { method, channel, ts });
    if (!judged.ok) {
      log.flag(channel, ts, judged.flags);
      return { status: 200, body: judged.answer };
    }
    const hasText = typeof args.text === 'string' && args.text !== '';
    const m = log.update(channel, ts, {
      text: judged.text,
      // Blocks given: use them. Text alone: the old blocks go. Neither: keep them.
      blocks: judged.blocks ?? (hasText ? [] : undefined),
      flags: judged.flags,
    })!;
    judged.commit(ts);
    return ok({ channel, ts, text: m.text, message: toSlack(m) });
  };

  const postEphemeral = (args: Args): WebApiAnswer => {
    const user = str(args.user);
    return user
      ? post('chat.postEphemeral', args, user)
      : refuse('chat.postEphemeral', args, 'user_not_in_channel');
  };

  const chat: Record<string, (args: Args) => WebApiAnswer> = {
    'chat.postMessage': (args) => post('chat.postMessage', args),
    'chat.update': update,
    'chat.postEphemeral': postEphemeral,
  };

  return (method, args, token) => {
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (token !== deps.botToken) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    if (method === 'auth.test') {
      return ok({
        url: `https://${deps.team.domain}.slack.com/`,
        team: 'sitebot sandbox',
        user: 'sitebot',
        team_id: deps.team.id,
        user_id: deps.bot.userId,
        bot_id: deps.bot.botId,
      });
    }
    const handler = chat[method];
    if (handler) return gate(method, args) ?? handler(args);
    const filed = deps.files.call(method, args);
    if (!filed) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    if (!filed.ok) return refuse(method, args, String(filed.error), { body: filed });
    return { status: 200, body: filed };
  };
}
