/** いま実行できない理由 (英語版: ../en/refusals.ts)。拒否はいつも本人にだけ表示する。 */
import { bold, channelLink, code, mention, mrkdwn, plain } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { RefusalTexts } from '../en/refusals';
import { kindWord } from './common';

export const refusals = (f: Formatter): RefusalTexts => ({
  busy: (a) =>
    mrkdwn`${bold(a.env)} は使用中です: ${mention(a.holder)} が${
      a.agoMs < 60_000 ? ' 1分以内に' : ` ${f.duration(a.agoMs)}前に`
    }始めた${kindWord(a.kind)}がまだ実行中です${a.work.length > 0 ? mrkdwn` (現在の作業: ${plain(a.work.join('、'))})` : ''}。終わってからもう一度試してください。`,
  inUse: (a) =>
    mrkdwn`${bold(a.env)} はすでに存在します (${a.status}、オーナー ${mention(a.owner)}、${f.instant(a.createdAt)} 作成)。別の名前にするか、先に削除してください。`,
  notOwner: (a) => mrkdwn`これを実行できるのは ${a.env} のオーナー (${mention(a.owner)}) か管理者だけです`,
  channelNotEnabled: () => mrkdwn`このチャンネルでは /site を使えません`,
  envNotFound: (a) =>
    mrkdwn`${bold(a.env)} という環境はありません。${code('/site list')} で確認してください。`,
  envNotFoundText: (a) => mrkdwn`${a.env} という環境はありません。`,
  noSuchEnv: (a) => mrkdwn`${a.env || '(なし)'} という環境はありません`,
  notForChannel: (a) => mrkdwn`このボタンはこのチャンネルの ${a.env} のものではありません`,
  notCurrentConfirmation: (a) =>
    mrkdwn`これは ${a.env} の最新の削除確認ではありません。${code(`/site destroy ${a.env}`)} を実行してください`,
  notMyReminder: (a) => mrkdwn`これは ${a.env} についてボットが送ったリマインダーではありません`,
  unknownButton: () => mrkdwn`不明なボタンです`,
  refused: () => mrkdwn`拒否しました`,
  destroyElsewhere: (a) =>
    mrkdwn`:no_entry: ${a.env} の報告先は ${channelLink(a.channel)} です。そちらで ${code(`/site destroy ${a.env}`)} を実行してください。`,
  notExtended: (a) => mrkdwn`延長できませんでした: ${a.reason}。`,
  notSnoozed: (a) => mrkdwn`スヌーズできませんでした: ${a.reason}。`,
  slackRefused: () => mrkdwn`Slack が確認メッセージを受け付けませんでした`,
  cannotPost: (a) => {
    switch (a.problem) {
      case 'not_in_channel':
        return mrkdwn`ボットがこのチャンネルのメンバーではないため、ここに投稿できません。/invite ${a.botUserId ? mention(a.botUserId) : '@sitebot'} で招待してから、${code(a.command)} をもう一度実行してください。何も開始していません。`;
      case 'channel_not_found':
        return mrkdwn`このチャンネルが見えません (ボットを追加していないプライベートチャンネルかもしれません)。/invite ${a.botUserId ? mention(a.botUserId) : '@sitebot'} で追加してから、${code(a.command)} をもう一度実行してください。何も開始していません。`;
      case 'is_archived':
        return mrkdwn`このチャンネルはアーカイブされているため、投稿できません。別のチャンネルで ${code(a.command)} を実行してください。何も開始していません。`;
    }
  },
});
