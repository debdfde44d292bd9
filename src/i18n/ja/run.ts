/** 実行のメッセージ (英語版: ../en/run.ts)。 */
import { bold, code, mention, mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { RunTexts } from '../en/run';
import { kindWord } from './common';

const RUN_STATUS: Record<string, string> = {
  running: '実行中',
  succeeded: '成功',
  failed: '失敗',
  cancelled: '取り消し',
};

export const run = (f: Formatter): RunTexts => ({
  headline: (a) =>
    mrkdwn`*${a.env} の${kindWord(a.kind)}*: ${RUN_STATUS[a.status] ?? a.status} — ${a.of} ステップ中 ${a.done} 完了${
      a.skipped > 0 ? `、${a.skipped} スキップ` : ''
    } — ${f.duration(a.ms)}`,
  skipped: () => mrkdwn`スキップ`,
  failedAfter: (a) => mrkdwn`${f.duration(a.ms)}後に失敗`,
  failed: () => mrkdwn`失敗`,
  criticalPath: (a) =>
    mrkdwn`${a.done ? 'クリティカルパス' : 'ここまでのクリティカルパス'} (${f.duration(a.ms)}): ${a.titles.join(' → ')}`,
  requestedBy: (a) => mrkdwn`実行 ${code(a.runId)}、依頼者 ${mention(a.user)}`,
  underWay: (a) => mrkdwn`${a.env} の${kindWord(a.kind)}を実行中… 経過 ${f.duration(a.ms)}`,

  stepFailed: (a) =>
    a.error ? mrkdwn`${a.step} が失敗しました: ${a.error}` : mrkdwn`${a.step} が失敗しました`,
  aStep: () => mrkdwn`あるステップ`,
  nothingLeft: () => mrkdwn`まだ何も作成されていません。`,
  left: (a) =>
    mrkdwn`ここまでに作成され、残っているもの (削除するまで費用がかかります): ${a.total} — ${a.what}。`,
  diagramTitle: (a) => `${a.env}: 構築した環境`,
  diagramComment: (a) =>
    mrkdwn`${bold(a.env)} の現在の構成です: 2 つの AZ にまたがる VPC、ALB の背後のウェブサーバー、データベースのプライマリとスタンバイ。`,
  ready: (a) => mrkdwn`:white_check_mark: *${a.env} の準備ができました* (${f.duration(a.ms)})`,
  output: (a) => mrkdwn`${a.label}: ${a.value}`,
  azs: (a) => mrkdwn`AZ: ${a.azs}${a.multiAz ? ' (DB はマルチ AZ)' : ''}`,
  createFailed: (a) => mrkdwn`:x: *${a.env} の作成が失敗しました* (${f.duration(a.ms)}経過): ${a.why}。`,
  resumeOrClean: (a) =>
    mrkdwn`${code(`/site destroy ${a.env}`)} で片付けるか、${code(`/site create ${a.env}`)} をもう一度実行してください。止まったところから再開します。`,
  createCancelled: (a) =>
    mrkdwn`:no_entry_sign: *${a.env} の作成は${a.by ? mrkdwn` ${mention(a.by)} により` : ''}取り消されました* (${f.duration(a.ms)}経過)。`,
  teardownFollows: () => mrkdwn`削除はこれから、依頼したメッセージの中で始まります。`,
  cleanUp: (a) => mrkdwn`${code(`/site destroy ${a.env}`)} で片付けてください。`,
  teardownEnded: (a) =>
    mrkdwn`${a.env} の削除は${RUN_STATUS[a.status] ?? a.status}で終わりました (${f.duration(a.ms)}経過)${a.error ? `: ${a.error}` : ''}。再開するには ${code(`/site destroy ${a.env}`)} をもう一度実行してください。`,
  drillHeadline: (a) => mrkdwn`${bold(a.headline)} (${f.duration(a.ms)})`,
  drillEnded: (a) =>
    mrkdwn`${a.env} のフェイルオーバー訓練は${RUN_STATUS[a.status] ?? a.status}で終わりました (${f.duration(a.ms)}経過)${a.error ? `: ${a.error}` : ''}`,
  retried: () => mrkdwn`途中で再試行して乗り越えたこと:`,
  retriedLine: (a) => mrkdwn`• ${a.step}: ${a.message}${a.times > 1 ? ` (×${a.times})` : ''}`,

  started: (a) =>
    mrkdwn`${bold(a.env)} の${kindWord(a.kind)}を始めました (実行 ${code(a.runId)})。進み具合はチャンネルに表示します。${a.hours ? `稼働時間: ${a.hours}。` : ''}`,
  resumed: (a) =>
    mrkdwn`失敗した ${bold(a.env)} の作成を、止まったところから再開します (実行 ${code(a.runId)})。進み具合はチャンネルの同じメッセージに表示します。`,
  notStarted: (a) => mrkdwn`:no_entry: 開始しませんでした: ${a.reason}`,
  explainFollows: () =>
    mrkdwn`各ステップの解説は、そのメッセージのスレッドに、ステップが始まるたびに投稿します。`,
});
