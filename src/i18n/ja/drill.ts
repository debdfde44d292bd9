/** フェイルオーバー訓練の報告 (英語版: ../en/drill.ts)。 */
import type { Formatter } from '../../domain/format';
import type { DrillTexts } from '../en/drill';
import { spaced } from './spacing';

const VERDICT: Record<string, string> = {
  pass: '合格',
  fail: '不合格',
  'fault-not-observed': '障害を確認できず',
  incomplete: '未完了',
};
const TARGET: Record<string, string> = { web: 'ウェブ層', db: 'DB 層', all: 'ウェブ層と DB 層' };

export const drill = (f: Formatter): DrillTexts => {
  const verdict = (v: string) => VERDICT[v] ?? v;
  return {
    headline: (a) =>
      `${a.env} のフェイルオーバー訓練 (${TARGET[a.target] ?? a.target}): ${verdict(a.verdict)}`,
    noPhase: () => '実行した段階はありません',
    webPhase: (a) =>
      `ウェブ層: ${spaced(a.subject || 'インスタンス')}を停止 — ${verdict(a.verdict)}: ${a.reason}`,
    dbPhase: (a) =>
      `DB 層: ${a.subject || 'DB'} を再起動${a.from ? `。プライマリの AZ ${a.from} → ${a.to || '?'}` : ''} — ${verdict(a.verdict)}: ${a.reason}`,
    numbers: (a) =>
      `  リクエスト ${a.requests} 件 (成功 ${a.ok}、失敗 ${a.failed}${a.kinds.length ? `: ${a.kinds.join('、')}` : ''})。${
        a.outageMs < 0 ? '停止なし' : `最長の停止 ${f.duration(a.outageMs)}${a.open ? ' (未回復)' : ''}`
      }${a.recoveredMs < 0 ? '' : `。${f.duration(a.recoveredMs)}で回復`}。目標: ${a.objective}`,
    observed: (a) => `  観測: ${a.evidence}`,
    note: (a) => `  注: ${a.remark}`,
    stopped: (a) => `中断: ${a.error}`,
    objectiveWeb: (a) => `失敗したリクエスト ${a.n} 件`,
    objectiveDb: (a) => `停止 ${f.duration(a.maxMs)}以内`,
    incomplete: () => 'この段階が終わる前に訓練が止まりました',
    notObserved: (a) => `障害が起きませんでした (${a.evidence})。合格とはしません`,
    webReason: (a) => `失敗したリクエスト ${a.failed} 件 (許容 ${a.allowed} 件)`,
    neverAnswered: () => '訓練のあいだ、サイトは一度も応答を取り戻しませんでした',
    outageWithin: (a) => `停止 ${f.duration(a.ms)} ≤ ${f.duration(a.maxMs)}`,
    outageOver: (a) => `停止 ${f.duration(a.ms)} > ${f.duration(a.maxMs)}`,

    sawHeading: () => '何が起きていたか:',
    sawWebNone: (a) =>
      `• ${a.subject} を止めているあいだ、失敗したリクエストはありませんでした。ロードバランサーは停止したターゲットやヘルスチェックに失敗したターゲットへの振り分けをやめ、もう一方の AZ のウェブサーバーがすべてに応答したためです。ターゲットが 2 つあれば、ウェブサーバーが 1 台止まってもサイトは止まりません。`,
    sawWebSome: (a) =>
      `• ${a.subject} がサービスから外れるまでに、リクエストが ${a.failed} 件失敗しました。ロードバランサーがターゲットを外す前にそちらへ送っていたリクエストです。そのあとは、もう一方のウェブサーバーだけが応答しました。`,
    sawDb504: (a) =>
      `• 失敗 (うち 504 Gateway Timeout が ${a.n} 件) はフェイルオーバーによるものです。データベースが切り替わるあいだ WordPress はデータベースを待ち続け、ロードバランサーはウェブサーバーの応答を待ちきれずに打ち切りました。サイトは ${f.duration(a.outageMs)}後に応答を取り戻しました。`,
    sawDbDown: (a) =>
      `• データベースの再起動中、${f.duration(a.outageMs)}のあいだサイトは応答できませんでした。WordPress はデータベースなしではページを返せないためです。`,
    sawDbNone: () =>
      '• 失敗したリクエストはありません。フェイルオーバーが監視の合間に終わったか、そのページの表示にデータベースが必要なかったためです。',
    sawAzSwap: (a) =>
      `• プライマリが ${a.from} から ${a.to} に移りました。RDS が ${a.to} のスタンバイをプライマリに昇格させ、エンドポイントの DNS 名をそちらに向けたためです。元のプライマリは新しいスタンバイになります。ウェブサーバーはアドレスではなく名前で接続しているので、そのまま追従しました。`,
    sawAzNoSwap: (a) =>
      `• プライマリは ${a.az} のままです。データベースは再起動しましたが、RDS がスタンバイに切り替えなかったため、訓練ではフェイルオーバーを確認できませんでした (このフェーズは「障害を確認できず」になります)。データベースが利用可能になってから、もう一度実行してください。`,
    sawAzSame: (a) =>
      `• プライマリは ${a.az} のままでした。シングル AZ のデータベースにはスタンバイがないため、再起動はフェイルオーバーではなく、戻るまでの停止になります。`,
  };
};
