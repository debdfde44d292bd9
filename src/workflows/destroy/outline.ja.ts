/** 削除のステップの日本語 (タイトル)。英語版: ./outline.en.ts */
import type { StepTexts } from '../../i18n/explain';
import type { DestroyStepId } from './outline';

export const DESTROY_STEPS_JA: StepTexts<DestroyStepId> = {
  begin: { title: '環境を削除中にする' },
  'load-balancer': { title: 'リスナーとロードバランサーを削除' },
  instances: { title: 'ウェブサーバーを終了' },
  'target-group': { title: 'ターゲットグループを削除' },
  database: { title: 'データベースを削除 (最終スナップショットなし)' },
  'db-subnet-group': { title: 'DB サブネットグループを削除' },
  image: { title: 'AMI の登録を解除し、スナップショットを削除' },
  secret: { title: '認証情報のシークレットを削除' },
  'web-role': { title: 'ウェブサーバーのロールとインスタンスプロファイルを削除' },
  'security-groups': { title: 'セキュリティグループを削除' },
  'route-table': { title: 'ルートテーブルを削除' },
  'internet-gateway': { title: 'インターネットゲートウェイをデタッチして削除' },
  subnets: { title: 'サブネットを削除' },
  vpc: { title: 'VPC を削除' },
  sweep: { title: '確認: 環境のタグが付いたリソースが残っていないこと' },
};
