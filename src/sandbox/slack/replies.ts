/**
 * What Slack does with the app's replies that are not Web API calls: an ack body (shown to the
 * user; ephemeral unless it says `in_channel`) and response_url posts (the same, plus
 * `replace_original` / `delete_original` for the message a button was on). Both are judged like
 * any message; a refused one is recorded and not shown.
 * https://api.slack.com/interactivity/handling#message_responses
 */
import type { MessageJudge } from './judge';
import type { MessageLog } from './messages';
import type { ResponseTarget } from './response-urls';

export type ReplyOutcome = { ok: true } | { ok: false; error: string };

export class Replies {
  constructor(
    private readonly log: MessageLog,
    private readonly judge: MessageJudge,
    private readonly botUserId: string,
  ) {}

  /**
   * Slack shows a non-empty ack body as a reply. An ack without text or blocks shows nothing
   * (and is no error: an empty ack is the usual answer).
   */
  ack(body: string, target: ResponseTarget, method: string): ReplyOutcome {
    if (body.trim() === '') return { ok: true };
    const payload = parseAckBody(body);
    const hasContent =
      (typeof payload.text === 'string' && payload.text !== '') ||
      (Array.isArray(payload.blocks) && payload.blocks.length > 0);
    if (!hasContent && payload.replace_original !== true && payload.delete_original !== true)
      return { ok: true };
    return this.apply(payload, target, method);
  }

  /** A response_url post or an ack: replace, delete, post in channel, or ephemeral. */
  apply(payload: Record<string, unknown>, target: ResponseTarget, method: string): ReplyOutcome {
    if (payload.delete_original === true && target.sourceTs) {
      this.log.delete(target.channel, target.sourceTs);
      return { ok: true };
    }
    const replace = payload.replace_original === true && !!target.sourceTs;
    const inChannel = payload.response_type === 'in_channel';
    const judged = this.judge.judge(payload, {
      method,
      channel: target.channel,
      ts: replace ? target.sourceTs : undefined,
      ...(!replace && !inChannel && target.user ? { to: target.user } : {}),
    });
    if (!judged.ok) {
      if (replace) this.log.flag(target.channel, target.sourceTs!, judged.flags);
      return { ok: false, error: judged.error };
    }
    if (replace) {
      this.log.update(target.channel, target.sourceTs!, {
        text: judged.text,
        blocks: judged.blocks ?? [],
        flags: judged.flags,
      });
      judged.commit(target.sourceTs!);
      return { ok: true };
    }
    const m = this.log.add({
      channel: target.channel,
      user: this.botUserId,
      text: judged.text,
      blocks: judged.blocks ?? [],
      thread_ts: typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined,
      ephemeral_to: inChannel ? undefined : target.user,
      flags: judged.flags,
    });
    judged.commit(m.ts);
    return { ok: true };
  }
}

/** An ack body is JSON (a message) or plain text (shown as the message's text). */
function parseAckBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // plain text
  }
  return { text: body };
}
