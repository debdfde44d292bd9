/** `/site destroy` の確認とその後 (英語版: ../en/destroy.ts)。 */
import { bold, mention, mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { DestroyTexts } from '../en/destroy';

export const destroy = (f: Formatter): DestroyTexts => ({
  button: (a) => (a.cancelCreate ? '取り消して削除' : '削除'),
  cancel: () => 'キャンセル',
  keep: () => '残す',
  asked: (a) => mrkdwn`:warning: ${mention(a.by)} が ${bold(a.env)} の削除を依頼しました。`,
  has: (a) => mrkdwn`現在あるのは${a.total}です: ${a.what}。`,
  hasNothing: () => mrkdwn`まだリソースはありません。`,
  byTagToo: (a) =>
    a.searched
      ? mrkdwn`そのあいだに現れた ${a.env} のタグが付いたものも、見つけて削除します。`
      : mrkdwn`そのほか ${a.env} のタグが付いたものも、タグで見つけて削除します。`,
  ageAndCost: (a) => mrkdwn`経過 ${f.duration(a.ageMs)} · ${a.cost}`,
  createStillRunning: (a) =>
    mrkdwn`${a.env} の作成がまだ実行中です。${bold(a.button)} を押すと、まず作成を止め、作成したものを削除します。`,
  dialogTitle: (a) =>
    a.cancelCreate ? `作成を取り消して ${a.env} を削除しますか?` : `${a.env} を削除しますか?`,
  dialogText: (a) =>
    a.cancelCreate
      ? `${a.env} の作成を止め、${a.env} のリソースをすべて削除します。元に戻せません。`
      : `${a.env} のリソースをすべて削除します。元に戻せません。`,
  fallback: (a) => mrkdwn`${a.env} を削除しますか? ${a.total}、${a.cost}`,
  whoMayPress: (a) => mrkdwn`${bold(a.button)} を押せるのはオーナーか管理者だけです。`,
  confirmThere: (a) =>
    mrkdwn`チャンネルのメッセージにある ${bold(a.button)} ボタンで、${bold(a.env)} の削除を確定してください。`,
  cancelAndDestroyPressed: (a) =>
    mrkdwn`:stop_sign: ${mention(a.by)} が ${bold(a.button)} を押しました。${bold(a.env)} の作成を止めています。止まりしだい削除を始め、進み具合をここに表示します。`,
  cancelled: (a) =>
    mrkdwn`:no_entry_sign: ${mention(a.by)} が ${bold(a.env)} の削除をキャンセルしました。何も削除していません。`,
  alreadyConfirmed: (a) =>
    mrkdwn`${mention(a.by)} がすでに ${bold(a.button)} を押しています。作成が止まりしだい削除を始めます。`,
});
