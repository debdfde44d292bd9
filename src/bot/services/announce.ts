/**
 * Posting a run's progress message once the run is certain to start (WorkflowService's
 * `announce`): its first state, as the progress sink will go on to edit it.
 */
import type { Run, RunNotify } from '../../state/types';
import type { ChatClient } from '../slack-progress-sink';
import { renderRunMessage } from '../views/run-message';
import type { BotServiceDeps } from './deps';

export function announceIn(
  deps: Pick<BotServiceDeps, 'steps'>,
  client: Pick<ChatClient, 'chat'>,
  channel: string,
): (run: Run) => Promise<RunNotify> {
  return async (run) => {
    const posted = await client.chat.postMessage({
      channel,
      ...renderRunMessage(run, deps.steps[run.kind] ?? []),
    });
    return { channel, ...(posted.ts ? { messageTs: posted.ts } : {}) };
  };
}
