/** コマンドライン (src/cli) が人に向けて出す行 (英語版: ../en/cli.ts)。--json の出力は英語のまま。 */
import type { Formatter } from '../../domain/format';
import type { CliTexts } from '../en/cli';
import { CLI_HELP_JA } from './cli-help';
import { envStatusWord, kindWord } from './common';

const kind = kindWord;
const runStatus = (s: string) =>
  ({ running: '実行中', succeeded: '成功', failed: '失敗', cancelled: '取り消し' })[s] ?? s;

export const cli = (f: Formatter): CliTexts => ({
  help: () => CLI_HELP_JA,
  usageError: (a) => `sitebot: ${a.error} (sitebot help を参照してください)`,
  fatal: (a) => `sitebot: ${a.message}`,
  commandFailed: (a) => `sitebot: ${a.command} に失敗しました: ${a.message}`,
  interrupting: () => '実行中の処理が終わったら止めます (すぐにやめるにはもう一度 Ctrl-C)',
  tickFailed: (a) => `${a.runId} の処理に失敗しました: ${a.message}`,
  tickRetrying: (a) => `${a.runId} の処理に失敗しました。再試行します: ${a.message}`,

  refused: (a) => `拒否されました: ${a.why}`,
  noEnv: (a) => `${a.env} という環境はありません`,
  following: (a) => `すでに実行中の ${a.env} の${kind(a.kind)}を追跡します (実行 ${a.runId})`,
  resuming: (a) => `失敗した ${a.env} の作成を再開します (実行 ${a.runId})`,
  nothingToCancel: (a) =>
    `取り消すものはありません: ${a.env} は${envStatusWord(a.status)}で、実行中の処理はありません`,
  onlyCreate: (a) =>
    `取り消せるのは作成だけです: ${a.env} の${kind(a.kind)} (実行 ${a.runId}) が実行中です。終わるまで待ってください (sitebot status ${a.env} で確認できます)`,
  stoppingCreate: (a) => `${a.env} の作成 (実行 ${a.runId}) を次の処理で止めます`,
  nothingCreated: (a) =>
    `何も作成されていません。sitebot destroy ${a.env} --yes を実行するまで、名前 ${a.env} は使用中のままです`,
  madeRemain: (a) =>
    `作成済みの ${a.n} 個のリソース (${a.roles.join('、')}) が残っており、削除するまで料金がかかります: sitebot destroy ${a.env} --yes で削除できます`,
  stoppingCreateFirst: (a) => `まず ${a.env} の作成 (実行 ${a.runId}) を止めます。止まったら削除を始めます`,
  stoppedWaiting: (a) =>
    `待機をやめました: ${a.env} の作成には停止を依頼済みです。削除するには sitebot destroy ${a.env} --yes をもう一度実行してください`,
  destroyNeedsYes: (a) =>
    `destroy は ${a.env} を完全に削除します (${a.total}: ${a.what})。実行するには --yes を付けてください`,
  noDrillYet: (a) => `${a.env} ではまだフェイルオーバー訓練を実行していません`,
  wrote: (a) => `${a.file} に書き出しました`,

  statusHead: (a) =>
    `${a.env}  ${envStatusWord(a.status)}  所有者 ${a.owner}  ${a.region}  ${
      { now: 'DB マルチ AZ', later: 'DB マルチ AZ (作成後に変更)', off: 'DB シングル AZ' }[a.multiAz] ??
      a.multiAz
    }`,
  created: (a) =>
    `作成 ${f.instant(a.at)} (${f.duration(a.agoMs)}前)、${a.expiry} (${f.instant(a.expiresAt)})`,
  resources: (a) => `リソース: ${a.total}${a.what ? ` (${a.what})` : ''}`,
  cost: (a) => `コスト: これまで ${f.usd(a.soFar)} · ${f.perDay(a.perDay)}`,
  listCost: (a) => `これまで ${f.usd(a.soFar)} · ${f.perDay(a.perDay)}`,
  underWay: (a) => `  実行中: ${a.title}${a.note ? ` (${a.note})` : ''}`,
  runProgress: (a) => `${kind(a.kind)}の実行 ${a.runId}: ${a.bar} ${a.done}/${a.total}  ${f.duration(a.ms)}`,
  lastRun: (a) =>
    `前回の${kind(a.kind)}の実行 ${a.runId}: ${
      a.status === 'succeeded' ? '成功' : `${runStatus(a.status)}: ${a.failure ?? '失敗'}`
    } (${f.duration(a.ms)})`,
  noEnvironments: () => '環境はありません',
  listHeader: () => ['名前', '状態', '所有者', '経過', '期限まで', 'コスト', 'URL'],
  listStatus: (a) => envStatusWord(a.status),
  expired: () => '期限切れ',

  runHead: (a) => `${a.env} の${kind(a.kind)}: 実行 ${a.runId}`,
  mark: (a) => ({ start: '開始', done: '完了', skip: '省略', failed: '失敗', wait: '待機' })[a.phase],
  doesNotApply: () => '対象外',
  skipped: (a) => `省略 (${a.why})`,
  stepFailed: () => '失敗',
  andMore: (a) => `ほか ${a.n} 件`,
  stoppedFollowing: (a) =>
    `${a.env} の${kind(a.kind)} (実行 ${a.runId}、${runStatus(a.status)}のまま) の追跡をやめました。` +
    '再開すれば続きから実行されます: 同じコマンドをもう一度実行するか、ボットに再開させてください',
  succeeded: (a) => `${a.env} の${kind(a.kind)}が ${f.duration(a.ms)} で成功しました`,
  ended: (a) => `${a.env} の${kind(a.kind)}は ${f.duration(a.ms)} 後に${runStatus(a.status)}: ${a.failure}`,
  cancelledBy: (a) => `${a.who} が取り消しました`,
  failedSteps: (a) => `${a.steps.join('、')}: ${a.error}`,

  // 表示幅をそろえる (全角 1 文字は半角 2 文字分)。
  checkMark: (a) => ({ ok: 'OK    ', failed: '失敗  ', unknown: '未確認', refused: '拒否  ' })[a.status],
  initHead: (a) => `sitebot init: リージョン ${a.region}、AZ ${a.azs.join(' と ')}、テーブル ${a.prefix}-*`,
  tablesFailed: (a) => `テーブル: ${a.message}`,
  tablesPresent: (a) => `テーブル: ${a.names.length} 個すべて作成済み (${a.names.join(', ')})`,
  tablesCreated: (a) =>
    `テーブル: ${a.created.join(', ')} を作成しました${a.present.length > 0 ? `。${a.present.join(', ')} は作成済み` : ''}`,
  rolePresent: (a) => `${a.service} のサービスにリンクされたロール ${a.role}: あり`,
  roleNotYet: (a) =>
    `${a.service} のサービスにリンクされたロール ${a.role}: まだありません。最初の作成時に AWS が作成します ` +
    '(呼び出し元に iam:CreateServiceLinkedRole の権限が必要です)',
  roleUnchecked: (a) => `${a.service} のサービスにリンクされたロール ${a.role}: ${a.message}`,
  noCredentials: () => 'AWS の認証情報が見つかりません',
  credentialsRefused: () => 'AWS が認証情報を拒否しました',
  noAnswer: () => 'AWS から応答がありません',
  credentialsFailed: (a) => `認証情報: ${a.what}: ${a.message}。アカウントの確認は省略しました`,
  credentialsOk: (a) =>
    `認証情報: EC2 が応答しました (プラットフォーム ${a.platforms?.join(', ') ?? '不明'}、デフォルト VPC ${a.defaultVpc?.join(', ') ?? '不明'})`,
  regionZones: (a) => `リージョン ${a.region}: AZ ${a.zones.map((z) => `${z.name} (${z.state})`).join(', ')}`,
  regionUnchecked: (a) => `リージョン ${a.region}: ${a.error}`,
  notReadyTables: () => '準備未完了: テーブルを作成できませんでした (上記参照)',
  notReadyRefused: (a) => `準備未完了: 今は作成が拒否されます: ${a.refusal}`,
  ready: () => '準備完了: sitebot create <env> でここに環境を構築できます',

  pricesRegion: (a) =>
    `${a.region}: インスタンスタイプ ${a.ec2} 種類、DB インスタンスクラス ${a.rds} 種類、EBS、RDS ストレージ、ALB、IPv4 の料金を取得しました`,
  pricesWrote: (a) => `${a.file} に書き出しました (${a.date} 時点の料金)`,
  pricesFailed: (a) => `料金の更新に失敗しました: ${a.message}`,
});
