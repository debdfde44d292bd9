/** 拒否とエラー。いつも本人にだけ表示 (英語版: ../en/errors.ts)。 */
import { code, mrkdwn } from '../../bot/views/mrkdwn';
import type { ErrorTexts } from '../en/errors';

export const errors = (): ErrorTexts => ({
  usage: (a) => mrkdwn`使い方: ${code(a.usage)} — ${code('/site help')} も参照してください`,
  seeHelp: () => mrkdwn`${code('/site help')} を参照してください。`,
  failure: (a) =>
    mrkdwn`:x: ${a.what} の処理中に問題が起きました (${a.detail})。このコマンドによる変更は何もありません。`,
  theButton: () => 'ボタン',
  notAvailableText: (a) => mrkdwn`${a.what} はまだ使えません。`,
  notAvailable: (a) => mrkdwn`${code(a.what)} はまだ使えません。`,
  notAvailableWhy: () =>
    mrkdwn`コマンドは正しく、実行も許可されていますが、このバージョンのボットにはまだこの機能がありません。`,
  working: () => mrkdwn`:hourglass_flowing_sand: 処理しています…`,
  notQueued: () =>
    mrkdwn`:x: いまはこのコマンドを受け付けられませんでした。何も実行していません。もう一度試してください。`,
  nothingChanged: (a) => mrkdwn`${a.problem}。何も変更していません。`,
});
