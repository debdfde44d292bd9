/** サンドボックスのターミナルコンソール。英語版 (../en/terminal.ts) と同じ形。 */
import type { Formatter } from '../../domain/format';
import type { TerminalTexts } from '../en/terminal';

export const terminal = (_f: Formatter): TerminalTexts => ({
  banner: (a) =>
    `Slack コンソール: チャンネル ${a.channel}、ユーザー ${a.user}。/site help、またはコンソールのコマンドは help と入力してください。`,
  help: (a) =>
    [
      'Slack と同じようにスラッシュコマンドを入力します (例: `/site help`、`/site create demo`)。',
      '  press <n>.<i>   メッセージ n のボタン i を押す',
      `  as <user>       別の Slack ユーザー ID として操作する (現在: ${a.user})`,
      `  channel <id>    チャンネルを切り替える (現在: ${a.channel})`,
      '  messages        チャンネルを表示し直す',
      '  quit            サンドボックスを止める',
    ].join('\n'),
  actingAs: (a) => `${a.user} として操作します`,
  nowIn: (a) => `${a.channel} に移りました`,
  notUnderstood: (a) => `わかりません: ${a.line} (help と入力してください)`,
  noButton: (a) => `ボタン ${a.ref} はありません`,
  httpStatus: (a) => `(ボットの応答は HTTP ${a.status} でした)`,
  error: (a) => `エラー: ${a.message}`,
  onlyYou: () => 'あなたにだけ表示',
  replyIn: (a) => `スレッド #${a.n} への返信`,
  updated: (a) => (a.fewer > 0 ? `更新、${a.fewer} 行減少` : '更新'),
  deleted: (a) => `#${a.n} は削除されました`,
  refusedPost: (a) =>
    `⚠ Slack がボットのメッセージを拒否しました${a.excerpt ? ` (「${a.excerpt}」)` : ''}。誰にも表示されていません: ${a.problem}`,
  tagSeparator: () => '、',
});
