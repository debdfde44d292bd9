/**
 * Showing a run in its channel (WorkflowService's `announce`): its progress message, in its
 * first state, posted once the run is certain to start, which the progress sink then edits. A
 * start refused before (name in use, busy) therefore posts nothing. When the bot cannot post in
 * the channel at all (./first-post.ts: not invited, channel gone, archived), the run does not
 * start — RunNotShown, so no run, lock or record is left — and `refused()` tells the service
 * why, for the person's private answer. Any other failure (a rate limit, Slack down) does not
 * stop the run: its sink posts the message later.
 */
import type { Run, RunNotify } from '../../state/types';
import { RunNotShown } from '../../workflows/engine/service';
import type { Texts } from '../../i18n/texts';
import { runTexts } from '../language';
import type { ChatClient } from '../slack-chat';
import type { ChannelProblem } from '../slack-errors';
import type { Mrkdwn } from '../views/mrkdwn';
import { message, section } from '../views/reply';
import { renderRunMessage } from '../views/run-message';
import type { BotServiceDeps } from './deps';
import { postFirst } from './first-post';

export interface Announcer {
  announce(run: Run): Promise<RunNotify>;
  /** The channel problem that kept the run from starting, if one did. */
  refused(): ChannelProblem | undefined;
  /**
   * The start was refused after the message went out (a create's name taken meanwhile, under the
   * lock: a lost race): the message says so instead of showing a run that never began.
   */
  withdraw(reason: Mrkdwn): Promise<void>;
}

export function announceIn(
  deps: Pick<BotServiceDeps, 'steps' | 'config'>,
  client: ChatClient,
  channel: string,
): Announcer {
  let problem: ChannelProblem | undefined;
  let shown: { ts: string; t: Texts } | undefined;
  return {
    async announce(run) {
      // The run's own language (its starter's), as the progress sink goes on to write it.
      const t = runTexts(deps.config.i18n, { params: run.params, notify: { channel } });
      const posted = await postFirst(client, {
        channel,
        ...renderRunMessage(t, run, deps.steps(t, run.kind)),
      });
      if (!posted.ok) {
        problem = posted.problem;
        throw new RunNotShown(`cannot post in ${channel}: ${posted.problem}`);
      }
      if (posted.ts) shown = { ts: posted.ts, t };
      return { channel, ...(posted.ts ? { messageTs: posted.ts } : {}) };
    },
    refused: () => problem,
    async withdraw(reason) {
      if (!shown) return;
      const text = shown.t.run.notStarted({ reason });
      await client.chat
        .update({ channel, ts: shown.ts, ...message(text, [section(text)]) })
        .catch(() => undefined);
    },
  };
}
