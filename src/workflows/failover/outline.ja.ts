/** 訓練のステップの日本語: タイトルと解説 (英語版: ./outline.en.ts)。 */
import { createFormatter } from '../../domain/format';
import { awsDoc, type ExplainedStepTexts } from '../../i18n/explain';
import { JA_FORMAT_WORDS } from '../../i18n/ja/format';
import type { FailoverFacts } from './explain-facts';
import type { FailoverStepId } from './outline';

const doc = (title: string, path: string) => ({ title, url: awsDoc(path, 'ja') });
const HEALTH_CHECKS = 'elasticloadbalancing/latest/application/target-group-health-checks.html';
const duration = createFormatter({ lang: 'ja', timeZone: 'Asia/Tokyo' }, JA_FORMAT_WORDS).duration;

export const FAILOVER_STEPS_JA: ExplainedStepTexts<FailoverStepId, FailoverFacts> = {
  preflight: {
    title: '訓練できる状態か確認',
    explain: (f) => ({
      what: `${f.env} の現在の状態を AWS に問い合わせます。ウェブ層の訓練には 2 台のウェブサーバーが実行中で両方のターゲットが正常であること、DB 層の訓練にはデータベースが利用可能${f.force ? '' : 'でマルチ AZ'}であることが必要です。`,
      why: '正常な 2 台のうち 1 台を止めても 1 台が応答し続けること、フェイルオーバー先のスタンバイがあることが前提です。そうでなければ、訓練はサイトを止めるだけになります。',
      handsOn: 'ハンズオン §10 (10-1): まず 2 台中 2 台が稼働している状態でサイトを開いていました。',
      doc: doc('Application Load Balancer ターゲットグループのヘルスチェック', HEALTH_CHECKS),
    }),
  },
  'web-drill': {
    title: 'ウェブ層の訓練: ウェブサーバーを 1 台停止し、監視しながら再び起動',
    explain: (f) => ({
      what: `${f.web ? `${f.web.role} (${f.web.instanceId})` : 'ウェブサーバーを 1 台'}を停止し、${duration(f.intervalMs)}ごとにロードバランサー経由でサイトにアクセスします。そのあと再び起動し、ターゲットが正常に戻るまで待ちます。`,
      why: `ターゲットが 2 つあれば、ロードバランサーはヘルスチェックに失敗したほうへのリクエストをやめ、もう一方がすべてに応答します。目標は失敗したリクエスト ${f.webMaxFailedRequests} 件です。`,
      handsOn:
        'ハンズオン §10 (10-2〜10-4): コンソールでインスタンスを 1 台停止してページを再読み込みし (表示されたまま)、再び起動していました。',
      differs:
        'sitebot は手で再読み込みする代わりに測定します。ロードバランサーを通したリクエストをすべて数えるので、「停止なし」が数字で示されます。',
      doc: doc('Application Load Balancer ターゲットグループのヘルスチェック', HEALTH_CHECKS),
    }),
  },
  'db-drill': {
    title: 'DB 層の訓練: フェイルオーバーで再起動し、サイトが応答するまで監視',
    explain: (f) => ({
      what:
        f.multiAz === false
          ? `${f.dbId ?? 'データベース'} を再起動し (シングル AZ なのでフェイルオーバーなし)、サイトが再び応答するまで監視します。`
          : `${f.dbId ?? 'データベース'} をフェイルオーバーで再起動します。RDS はもう一方の AZ のスタンバイをプライマリに昇格させ${f.azBefore ? ` (現在のプライマリは ${f.azBefore})` : ''}、エンドポイントの DNS 名をそちらに向け直します。サイトが再び応答するまで監視します。`,
      why: `フェイルオーバーは一瞬では終わりません。エンドポイントの名前が新しいプライマリに移るあいだ、ウェブサーバーからのデータベース接続は応答を待ってタイムアウトし、ロードバランサーは 504 Gateway Timeout を返します。目標は停止時間 ${duration(f.dbMaxOutageMs)}以内です。`,
      handsOn:
        'ハンズオン §10 (10-5〜10-9): 「フェイルオーバーで再起動しますか?」にチェックを入れて再起動し、ページを再読み込みすると数秒間 504 Gateway Time-out が表示されました。',
      differs:
        'ハンズオンでは 504 をたまたま目にしただけでしたが、sitebot は失敗したリクエストをすべて記録し、最も長い停止時間を報告します。',
      doc: doc('DB インスタンスの再起動', 'AmazonRDS/latest/UserGuide/USER_RebootInstance.html'),
    }),
  },
};
