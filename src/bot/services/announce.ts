/**
 * Posting a run's progress message once the run is certain to start (WorkflowService's
 * `announce`): its first state, as the progress sink will go on to edit it.
 */
import type { Run, RunNotify } from '../../state/types';
import { runTexts } from '../language';
import type { ChatClient } from '../slack-progress-sink';
import { renderRunMessage } from '../views/run-message';
import type { BotServiceDeps } from './deps';

export function announceIn(
  deps: Pick<BotServiceDeps, 'steps' | 'config'>,
  client: Pick<ChatClient, 'chat'>,
  channel: string,
): (run: Run) => Promise<RunNotify> {
  return async (run) => {
    // The run's own language (its starter's), as the progress sink goes on to write it.
    const t = runTexts(deps.config.i18n, { params: run.params, notify: { channel } });
    const posted = await client.chat.postMessage({
      channel,
      ...renderRunMessage(t, run, deps.steps(t, run.kind)),
    });
    return { channel, ...(posted.ts ? { messageTs: posted.ts } : {}) };
  };
}
