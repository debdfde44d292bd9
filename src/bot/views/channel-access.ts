/**
 * The private answer when a command's first message cannot be posted in its channel: what is
 * wrong, how to fix it (invite the bot), and that nothing was started.
 */
import type { Texts } from '../../i18n/texts';
import type { ChannelProblem } from '../slack-errors';
import { renderRefusalMd } from './error';
import { mention, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import type { Reply } from './reply';

/** How people refer to the bot: its mention when its user id is known. */
function botName(botUserId: string | undefined): Mrkdwn {
  return botUserId ? mention(botUserId) : plain('@sitebot');
}

/** The sentence for the problem, naming the command to run again (e.g. `/site create demo`). */
export function describeCannotPost(
  t: Texts,
  problem: ChannelProblem,
  command: string,
  botUserId?: string,
): Mrkdwn {
  return t.refusals.cannotPost({ problem, command, invite: mrkdwn`/invite ${botName(botUserId)}` });
}

export function renderCannotPost(
  t: Texts,
  problem: ChannelProblem,
  command: string,
  botUserId?: string,
): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${describeCannotPost(t, problem, command, botUserId)}`);
}
