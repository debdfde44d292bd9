/** The private answer once a run has started: where its progress is. */
import type { Run } from '../../state/types';
import { bold, code, mrkdwn } from './mrkdwn';
import { ephemeral, section, type Reply } from './reply';

const WHAT: Record<Run['kind'], string> = {
  create: 'Creating',
  destroy: 'Tearing down',
  failover: 'Failover drill on',
  sleep: 'Putting to sleep:',
  wake: 'Waking',
};

/** `hours`: the office hours it keeps, in words, when it has them. */
export function renderRunStarted(run: Run, resumed = false, hours?: string): Reply {
  const text = resumed
    ? mrkdwn`Resuming the failed create of ${bold(run.env)} where it stopped (run ${code(run.runId)}); progress in its message in the channel.`
    : mrkdwn`${WHAT[run.kind]} ${bold(run.env)} (run ${code(run.runId)}); progress in the channel.${hours ? ` Office hours: ${hours}.` : ''}`;
  return ephemeral(text, [section(text)]);
}

/** A drill started: what it will do (the workflow's words). */
export function renderDrillStarted(description: string): Reply {
  const text = mrkdwn`${description}`;
  return ephemeral(text, [section(text)]);
}
