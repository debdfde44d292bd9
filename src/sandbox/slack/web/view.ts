/** A stored message as the console page gets it: Slack's shape, the stand-in's verdict, file URLs the page may fetch. */
import type { StoredMessage } from '../messages';
import { verdictOf, type RefusedPost } from '../verdict';
import type { ConsoleMessage } from './client/types';

export function consoleMessage(m: StoredMessage): ConsoleMessage {
  // Whatever else the stand-in records on a message travels as it is; files get URLs the page may fetch.
  const { files, flags: _flags, ...rest } = m;
  return {
    ...rest,
    ...(files
      ? {
          files: files.map((f) => ({
            id: f.id,
            name: f.name,
            title: f.title,
            mimetype: f.mimetype,
            size: f.size,
            url: `/_console/files/${encodeURIComponent(f.id)}`,
            ...(f.alt_txt ? { alt: f.alt_txt } : {}),
          })),
        }
      : {}),
    verdict: verdictOf(m),
  };
}

/**
 * A message Slack refused to post, shown where it would have been: a ts just after the messages
 * of the moment it was refused (Slack's `seconds.micros`; the log's own ts are `ms × 1000 + n`
 * with n small), its text as far as the stand-in kept it, and why it was refused.
 */
export function refusedPostMessage(post: RefusedPost, botUserId: string): ConsoleMessage {
  const micros = (post.at % 1000) * 1000 + 500 + (post.seq % 500);
  return {
    channel: post.channel,
    ts: `${Math.floor(post.at / 1000)}.${String(micros).padStart(6, '0')}`,
    user: botUserId,
    text: post.excerpt,
    blocks: [],
    // An ephemeral's refusal is shown only to whom it was for, as the ephemeral would have been.
    ...(post.to !== undefined ? { ephemeral_to: post.to } : {}),
    edits: 0,
    verdict: post.verdict,
  };
}
