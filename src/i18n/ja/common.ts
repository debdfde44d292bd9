/** 多くの文で共有する語 (英語版: ../en/common.ts)。 */
import { joinMd } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { CommonTexts } from '../en/common';

const ENV_STATUS: Record<string, string> = {
  ready: '準備完了',
  creating: '作成中',
  failed: '失敗',
  destroying: '削除中',
  destroyed: '削除済み',
};
const RUN_STATUS: Record<string, string> = {
  running: '実行中',
  succeeded: '成功',
  failed: '失敗',
  cancelled: '取り消し',
};
const KIND: Record<string, string> = {
  create: '作成',
  destroy: '削除',
  failover: 'フェイルオーバー訓練',
  sleep: 'スリープ',
  wake: '起動',
};
const OUTPUT: Record<string, string> = {
  siteUrl: 'サイト',
  dbEndpoint: 'DB エンドポイント',
  azs: 'AZ',
  multiAz: 'DB マルチ AZ',
  siteCheck: 'サイトの確認',
};

export const common = (f: Formatter): CommonTexts => ({
  envStatus: (s) => ENV_STATUS[s] ?? s,
  runStatus: (s) => RUN_STATUS[s] ?? s,
  kind: (k) => KIND[k] ?? k,
  multiAz: (m) =>
    ({ now: 'マルチ AZ (作成時から)', later: 'マルチ AZ (作成後に変更)', off: 'シングル AZ' })[m] ?? m,
  expiry: (expiresAt, now) =>
    expiresAt >= now
      ? `あと${f.duration(expiresAt - now)}で期限切れ`
      : `${f.duration(now - expiresAt)}前に期限切れ`,
  ago: (ms) => `${f.duration(ms)}前`,
  costSoFar: (soFar, perDay) => `これまで ${f.usd(soFar)} · ${f.perDay(perDay)}`,
  costFinal: (total) => `合計 ${f.usd(total)} (確定)`,
  savedAsleep: (usd) => ` · スリープで ${f.usd(usd)} 節約`,
  costUnknown: () => '費用は不明',
  rates: (e) => `${f.perHour(e.perHour)} · ${f.perDay(e.perDay)} · ${f.perMonth(e.perMonth)}`,
  output: (key) => OUTPUT[key] ?? key,
  outputValue: (key, value) =>
    key === 'siteCheck'
      ? '未確認: サイトの確認がオフだったため、ALB 経由でサイトに問い合わせていません'
      : key === 'multiAz'
        ? (({ true: 'はい', false: 'いいえ' } as Record<string, string>)[value] ?? value)
        : value,
  unknown: () => '(不明)',
  // 日本語の文は「。」で終わるので、文のあいだに空白を入れない。
  sentences: (parts) => joinMd(parts, ''),
  clauses: (parts) => joinMd(parts, '。'),
});

/** 実行の種類 (作成・削除・フェイルオーバー訓練・スリープ・起動)。 */
export const kindWord = (k: string): string => KIND[k] ?? k;
export const envStatusWord = (s: string): string => ENV_STATUS[s] ?? s;
