/**
 * What the strict stand-in said about a message, in words for the consoles: the requests about
 * it that Slack would have refused (an update, a late ack of a button on it) and the warnings
 * about its text (./judge.ts records both as the message's flags), and — for a message Slack
 * would not have taken at all, which the stand-in never stores — the refusal itself, read from
 * the violation log.
 */
import type { MessageFlag } from './messages';
import type { MessageVerdict } from './verdict-lines';
import type { Violation } from './violations';

export type { MessageVerdict } from './verdict-lines';

/** `invalid_blocks: section text is over 3000 characters (at /blocks/2/text)`. */
export function describeProblem(p: Pick<MessageFlag, 'error' | 'detail' | 'path'>): string {
  return `${p.error}${p.detail ? `: ${p.detail}` : ''}${p.path ? ` (at ${p.path})` : ''}`;
}

export function verdictOf(message: { flags?: readonly MessageFlag[] }): MessageVerdict {
  const flags = message.flags ?? [];
  const say = (level: MessageFlag['level']) => [
    ...new Set(flags.filter((f) => f.level === level).map(describeProblem)),
  ];
  return { refused: say('refused'), warnings: say('warning') };
}

/** The ways a message reaches a channel; a refusal of one of these without a `ts` is a message never posted. */
const POSTS = new Set(['chat.postMessage', 'chat.postEphemeral', 'response_url', 'ack']);

/** A violation that stands for a message Slack refused to post. */
export function isRefusedPost(v: Violation): v is Violation & { channel: string } {
  return v.level === 'refused' && v.ts === undefined && v.channel !== undefined && POSTS.has(v.method);
}

/** One refused post: its problems were recorded one by one, at one moment, by one request. */
export interface RefusedPost {
  /** The first violation's sequence number: the post's identity. */
  seq: number;
  at: number;
  method: string;
  channel: string;
  excerpt: string;
  /** Who alone would have seen it; unset for a channel message. */
  to?: string;
  verdict: MessageVerdict;
}

/** Groups the refused posts among `violations` (oldest first, as the log keeps them). */
export function refusedPosts(violations: readonly Violation[]): RefusedPost[] {
  const posts: RefusedPost[] = [];
  let last: { post: RefusedPost; seq: number } | undefined;
  for (const v of violations) {
    if (!isRefusedPost(v)) continue;
    const same =
      last &&
      last.seq === v.seq - 1 &&
      last.post.at === v.at &&
      last.post.method === v.method &&
      last.post.channel === v.channel &&
      last.post.to === v.to &&
      last.post.excerpt === (v.excerpt ?? '');
    if (same) {
      last!.post.verdict.refused.push(describeProblem(v));
      last!.seq = v.seq;
      continue;
    }
    const post: RefusedPost = {
      seq: v.seq,
      at: v.at,
      method: v.method,
      channel: v.channel,
      excerpt: v.excerpt ?? '',
      ...(v.to !== undefined ? { to: v.to } : {}),
      verdict: { refused: [describeProblem(v)], warnings: [], undelivered: true },
    };
    posts.push(post);
    last = { post, seq: v.seq };
  }
  return posts;
}
