/**
 * The private answer when a command's first message cannot be posted in its channel: what is
 * wrong, how to fix it (invite the bot), and that nothing was started.
 */
import type { ChannelProblem } from '../slack-errors';
import { ephemeral, section, type Reply } from './reply';

/** How people refer to the bot: its mention when its user id is known. */
function botName(botUserId: string | undefined): string {
  return botUserId ? `<@${botUserId}>` : '@sitebot';
}

/** The sentence for the problem, naming the command to run again (e.g. `/site create demo`). */
export function describeCannotPost(problem: ChannelProblem, command: string, botUserId?: string): string {
  const invite = `/invite ${botName(botUserId)}`;
  switch (problem) {
    case 'not_in_channel':
      return `I am not a member of this channel, so I cannot post here. Invite me with ${invite}, then run \`${command}\` again. Nothing was started.`;
    case 'channel_not_found':
      return `I cannot see this channel (a private channel I was not added to?). Add me with ${invite}, then run \`${command}\` again. Nothing was started.`;
    case 'is_archived':
      return `This channel is archived, so I cannot post in it. Run \`${command}\` in another channel. Nothing was started.`;
  }
}

export function renderCannotPost(problem: ChannelProblem, command: string, botUserId?: string): Reply {
  const text = `:no_entry: ${describeCannotPost(problem, command, botUserId)}`;
  return ephemeral(text, [section(text)]);
}
