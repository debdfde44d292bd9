/**
 * The private answer when a command's first message cannot be posted in its channel: what is
 * wrong, how to fix it (invite the bot), and that nothing was started.
 */
import type { ChannelProblem } from '../slack-errors';
import { renderRefusalMd } from './error';
import { code, mention, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import type { Reply } from './reply';

/** How people refer to the bot: its mention when its user id is known. */
function botName(botUserId: string | undefined): Mrkdwn {
  return botUserId ? mention(botUserId) : plain('@sitebot');
}

/** The sentence for the problem, naming the command to run again (e.g. `/site create demo`). */
export function describeCannotPost(problem: ChannelProblem, command: string, botUserId?: string): Mrkdwn {
  const invite = mrkdwn`/invite ${botName(botUserId)}`;
  switch (problem) {
    case 'not_in_channel':
      return mrkdwn`I am not a member of this channel, so I cannot post here. Invite me with ${invite}, then run ${code(command)} again. Nothing was started.`;
    case 'channel_not_found':
      return mrkdwn`I cannot see this channel (a private channel I was not added to?). Add me with ${invite}, then run ${code(command)} again. Nothing was started.`;
    case 'is_archived':
      return mrkdwn`This channel is archived, so I cannot post in it. Run ${code(command)} in another channel. Nothing was started.`;
  }
}

export function renderCannotPost(problem: ChannelProblem, command: string, botUserId?: string): Reply {
  return renderRefusalMd(mrkdwn`:no_entry: ${describeCannotPost(problem, command, botUserId)}`);
}
