/** `/site list`、`/site status` (英語版: ../en/envs.ts)。 */
import { bold, code, mention, mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { EnvTexts } from '../en/envs';
import { kindWord } from './common';

export const envs = (f: Formatter): EnvTexts => ({
  output: (a) => mrkdwn`${a.label}: ${a.value}`,
  tornDown: () => '削除済み',
  summary: (a) =>
    mrkdwn`${bold(a.env)} — ${a.status} — オーナー ${mention(a.owner)} — 経過 ${f.duration(a.ageMs)}${a.cost ? ` — ${a.cost}` : ''} — ${a.ttl}`,
  lastDrill: (a) =>
    mrkdwn`前回の訓練: ${a.headline}${a.agoMs !== undefined ? ` (${f.duration(a.agoMs)}前)` : ''}`,
  drillPhase: (a) =>
    mrkdwn`    ${a.phase === 'web' ? 'ウェブ層' : a.phase === 'db' ? 'DB 層' : a.phase}: リクエスト ${a.requests} 件中 ${a.failed} 件が失敗${
      a.outageMs !== undefined ? `、最長の停止 ${f.duration(a.outageMs)}` : ''
    }${a.spark ? mrkdwn` ${a.spark}` : ''}`,
  overview: (a) =>
    mrkdwn`環境 ${a.n} 個: ${a.byStatus.map((s) => `${s.status} ${s.n}`).join('、')}${
      a.perDay !== undefined ? ` · 合計 ${f.perDay(a.perDay)}` : ''
    }`,
  page: (a) => mrkdwn`${a.pages} ページ中 ${a.page} ページ目${a.next ? mrkdwn` — 次: ${code(a.next)}` : ''}`,
  noneText: () => mrkdwn`環境はありません。`,
  none: () => mrkdwn`環境はありません。${code('/site create <env>')} で作成できます。`,
  listTitle: (a) => `環境 (${a.n})`,
  listText: (a) => mrkdwn`${a.overview}。${a.names}`,
  statusTitle: (a) => `状態 (${a.n})`,
  runUnderWay: (a) => mrkdwn`    ${kindWord(a.kind)}を実行中: ${a.of} ステップ中 ${a.done} 完了`,
  someRunUnderWay: () => mrkdwn`実行中の処理があります`,
  status: (a) => mrkdwn`状態: *${a.status}*${a.asleep ?? ''}`,
  officeHours: (a) => mrkdwn`稼働時間: ${a.hours}`,
  owner: (a) => mrkdwn`オーナー: ${mention(a.owner)}`,
  region: (a) => mrkdwn`リージョン: ${a.region} · データベース: ${a.database}`,
  created: (a) => mrkdwn`作成: ${f.instant(a.at)} (${f.duration(a.ageMs)}前)`,
  tornDownAt: (a) => mrkdwn`削除: ${f.instant(a.at)}`,
  expires: (a) => mrkdwn`期限: ${f.instant(a.at)} (${a.ttl})`,
  cost: (a) => mrkdwn`費用: ${a.cost}`,
  noneLeft: () => mrkdwn`リソース: 残っていません`,
  resources: (a) => mrkdwn`リソース: ${a.total}${a.what ? ` — ${a.what}` : ''}`,
  noRun: () => mrkdwn`実行中の処理はありません。`,
  statusText: (a) => mrkdwn`${a.env}: ${a.status}、${a.ttl}`,
});
