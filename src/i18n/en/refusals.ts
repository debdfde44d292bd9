/**
 * Why something may not be done now, as the bot says it (mentions, bold names): busy, taken, not
 * yours, not here, not that button. Private, like every refusal.
 */
import { bold, channelLink, code, mention, mrkdwn, plain, type Mrkdwn } from '../../bot/views/mrkdwn';
import type { ChannelProblem } from '../../bot/slack-errors';
import type { Formatter } from '../../domain/format';

export const refusals = (f: Formatter) => ({
  /** `demo is busy: a create started by @U1 5m ago is still running; now at: …` */
  busy: (a: { env: string; kind: string; holder: string; agoMs: number; work: string[] }): Mrkdwn =>
    mrkdwn`${bold(a.env)} is busy: a ${a.kind} started by ${mention(a.holder)} ${
      a.agoMs < 60_000 ? 'less than a minute ago' : `${f.duration(a.agoMs)} ago`
    } is still running${a.work.length > 0 ? mrkdwn`; now at: ${plain(a.work.join(', '))}` : ''}. Try again once it has finished.`,
  inUse: (a: { env: string; status: string; owner: string; createdAt: number }): Mrkdwn =>
    mrkdwn`${bold(a.env)} already exists (${a.status}, owner ${mention(a.owner)}, created ${f.instant(a.createdAt)}): pick another name, or destroy it first.`,
  notOwner: (a: { env: string; owner: string }): Mrkdwn =>
    mrkdwn`only ${mention(a.owner)} (the owner of ${a.env}) or an admin can do that`,
  channelNotEnabled: (): Mrkdwn => mrkdwn`/site is not enabled in this channel`,
  envNotFound: (a: { env: string }): Mrkdwn =>
    mrkdwn`No environment named ${bold(a.env)}. See ${code('/site list')}.`,
  envNotFoundText: (a: { env: string }): Mrkdwn => mrkdwn`No environment named ${a.env}.`,
  noSuchEnv: (a: { env: string }): Mrkdwn => mrkdwn`there is no environment named ${a.env || '(none)'}`,
  notForChannel: (a: { env: string }): Mrkdwn => mrkdwn`that button is not for ${a.env} in this channel`,
  notCurrentConfirmation: (a: { env: string }): Mrkdwn =>
    mrkdwn`that is not the current destroy confirmation for ${a.env}; run ${code(`/site destroy ${a.env}`)}`,
  notMyReminder: (a: { env: string }): Mrkdwn => mrkdwn`that is not a reminder I sent for ${a.env}`,
  unknownButton: (): Mrkdwn => mrkdwn`unknown button`,
  refused: (): Mrkdwn => mrkdwn`refused`,
  destroyElsewhere: (a: { env: string; channel: string }): Mrkdwn =>
    mrkdwn`:no_entry: ${a.env} reports to ${channelLink(a.channel)}: run ${code(`/site destroy ${a.env}`)} there.`,
  notExtended: (a: { reason: string }): Mrkdwn => mrkdwn`Not extended: ${a.reason}.`,
  notSnoozed: (a: { reason: string }): Mrkdwn => mrkdwn`Not snoozed: ${a.reason}.`,
  slackRefused: (): Mrkdwn => mrkdwn`Slack did not accept the confirmation message`,
  /** The first message of `command` cannot be posted; the bot is named by its mention when known. */
  cannotPost: (a: { problem: ChannelProblem; command: string; botUserId?: string }): Mrkdwn => {
    switch (a.problem) {
      case 'not_in_channel':
        return mrkdwn`I am not a member of this channel, so I cannot post here. Invite me with /invite ${a.botUserId ? mention(a.botUserId) : '@sitebot'}, then run ${code(a.command)} again. Nothing was started.`;
      case 'channel_not_found':
        return mrkdwn`I cannot see this channel (a private channel I was not added to?). Add me with /invite ${a.botUserId ? mention(a.botUserId) : '@sitebot'}, then run ${code(a.command)} again. Nothing was started.`;
      case 'is_archived':
        return mrkdwn`This channel is archived, so I cannot post in it. Run ${code(a.command)} in another channel. Nothing was started.`;
    }
  },
});

export type RefusalTexts = ReturnType<typeof refusals>;
