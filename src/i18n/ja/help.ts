/** `/site help` (英語版: ../en/help.ts)。 */
import { mrkdwn } from '../../bot/views/mrkdwn';
import type { Formatter } from '../../domain/format';
import type { HelpTexts } from '../en/help';

export const help = (f: Formatter): HelpTexts => ({
  title: () => '/site のコマンド',
  what: {
    create:
      'スケーラブルなウェブサイトの環境 (VPC、ウェブサーバー 2 台、ALB、RDS MySQL) を作成。--explain で各ステップの理由も説明',
    status: '1 つの環境の詳細、または全環境の状態',
    list: 'いまある環境の一覧: 状態、オーナー、経過時間、費用、TTL',
    failover: '可用性の訓練: ウェブサーバーの停止や DB のフェイルオーバーを行い、停止時間を測定',
    destroy: '環境を何も残さず削除',
    extend: '環境の TTL を延長',
    sleep: 'ウェブサーバー 2 台と DB を停止して費用を節約 (ストレージと ALB の料金は続きます)',
    wake: 'もう一度起動し、サイトが応答するまで待つ',
    hours: '稼働時間: その時間だけ起動し、それ以外はスリープ (既定は平日、チャンネルのタイムゾーン)',
    explain: 'ハンズオンの「なぜ」: ステップの一覧、1 つのステップ、または環境の作成をそのスレッドで解説',
    lang: 'ボットがあなたに答える言語',
    help: 'このメッセージ',
  },
  rules: (a) =>
    mrkdwn`<env>: ${a.envRule}。<dur>: ${a.durationRule}。TTL: ${f.duration(a.minTtlMs)}以上 ${f.duration(a.maxTtlMs)}以下、指定しなければ ${f.duration(a.defaultTtlMs)}。--multi-az の既定は now。`,
  examples: () => mrkdwn`*例*`,
});
