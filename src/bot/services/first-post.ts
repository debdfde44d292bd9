/**
 * The first message a command posts in its channel (the create or drill progress message, the
 * destroy confirmation). It is posted before anything is started, so when the bot cannot post
 * there (not invited, channel gone, archived) the person is told privately how to fix it and
 * nothing is left half-started: no run, no lock, no record.
 */
import type { PostMessageArgs, ChatClient } from '../slack-chat';
import { classifySlackError, type ChannelProblem } from '../slack-errors';

export type FirstPost = { ok: true; ts: string | undefined } | { ok: false; problem: ChannelProblem };

export async function postFirst(client: ChatClient, args: PostMessageArgs): Promise<FirstPost> {
  try {
    const posted = await client.chat.postMessage(args);
    return { ok: true, ts: posted.ts };
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind === 'channel') return { ok: false, problem: failure.code };
    throw err;
  }
}
