/** 解説モードの枠 (英語版: ../en/explain.ts)。各ステップの解説本文は outline.ja.ts にある。 */
import { bold, channelLink, code, mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { ExplainTexts } from '../en/explain';

export const explain = (f: Formatter): ExplainTexts => ({
  heading: (a) => mrkdwn`:bulb: ${bold(a.title)}`,
  differs: () => 'sitebot の違い:',
  took: (a) => mrkdwn`_今回の実行では ${f.duration(a.ms)}かかりました。_`,
  skipped: () => mrkdwn`_今回の実行ではスキップしました。_`,
  failed: () => mrkdwn`_今回の実行ではこのステップが失敗しました。_`,
  doc: () => 'AWS ドキュメント',
  fallback: (a) => mrkdwn`${a.title}: ${a.what}`,
  listTitle: () => '各ステップの内容と理由',
  listIntro: () =>
    mrkdwn`1 つのステップは ${code('/site explain <step>')} で確認できます。${code('/site create <env> --explain')} は各ステップの開始時に実行のスレッドで解説し、${code('/site explain <env>')} は環境の作成をあとから解説します。`,
  createSteps: () => mrkdwn`*作成* (${code('/site create')})`,
  failoverSteps: () => mrkdwn`*フェイルオーバー訓練* (${code('/site failover')})`,
  stepLine: (a) => mrkdwn`${code(a.id)} ${a.title}`,
  posted: (a) =>
    mrkdwn`${bold(a.env)} の作成の ${a.n} ステップを、チャンネルのメッセージのスレッドで解説しました。`,
  alreadyPosted: (a) =>
    mrkdwn`${bold(a.env)} の作成は、チャンネルのメッセージのスレッドですでに解説しています。`,
  elsewhere: (a) =>
    mrkdwn`${bold(a.env)} の報告先は ${channelLink(a.channel)} です。そちらで ${code(`/site explain ${a.env}`)} を実行してください。`,
  noCreate: (a) => mrkdwn`${bold(a.env)} には解説できる作成の実行がありません。`,
  noThread: (a) =>
    mrkdwn`${bold(a.env)} の作成には、解説を付けるチャンネルのメッセージがありません (コマンドラインから始めたため)。1 つずつなら ${code('/site explain <step>')} で確認できます。`,
  general: () => mrkdwn`_既定の設定での説明です。実行中の解説には、その実行の実際の名前と数値が入ります。_`,
});
