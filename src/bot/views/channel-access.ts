/**
 * The private answer when a command's first message cannot be posted in its channel: what is
 * wrong, how to fix it (invite the bot), and that nothing was started.
 */
import type { Texts } from '../../i18n/texts';
import type { ChannelProblem } from '../slack-errors';
import { renderRefusalMd } from './error';
import { mrkdwn, type Mrkdwn } from './mrkdwn';
import type { Reply } from './reply';

/** The sentence for the problem, naming the command to run again (e.g. `/site create demo`). */
export function describeCannotPost(
  t: Texts,
  problem: ChannelProblem,
  command: string,
  botUserId?: string,
): Mrkdwn {
  return t.refusals.cannotPost({ problem, command, ...(botUserId ? { botUserId } : {}) });
}

export function renderCannotPost(
  t: Texts,
  problem: ChannelProblem,
  command: string,
  botUserId?: string,
): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${describeCannotPost(t, problem, command, botUserId)}`);
}
