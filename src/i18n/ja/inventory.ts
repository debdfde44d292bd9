/** リソースの数え方 (英語版: ../en/inventory.ts)。並びは作成順。 */
import type { Formatter } from '../../domain/format';
import { READING_ORDER, type InventoryTexts, type ResourceWord } from '../en/inventory';

/** AWS マネジメントコンソールの日本語表記に合わせる。 */
const LABELS: Record<ResourceWord, string> = {
  vpc: 'VPC',
  subnet: 'サブネット',
  'internet-gateway': 'インターネットゲートウェイ',
  'route-table': 'ルートテーブル',
  'security-group': 'セキュリティグループ',
  secret: 'シークレット',
  'iam-role': 'IAM ロール',
  'instance-profile': 'インスタンスプロファイル',
  'db-subnet-group': 'DB サブネットグループ',
  'db-instance': 'データベース',
  instance: 'ウェブサーバー',
  image: 'AMI',
  snapshot: 'スナップショット',
  'target-group': 'ターゲットグループ',
  'load-balancer': 'ロードバランサー',
  listener: 'リスナー',
  'network-interface': 'ネットワークインターフェイス',
};

export const inventory = (f: Formatter): InventoryTexts => {
  const label = (type: string) => LABELS[type as ResourceWord] ?? type;
  const count = (a: { type: string; n: number }) => `${label(a.type)} ${f.number(a.n)} 個`;
  return {
    label: (a) => label(a.type),
    count,
    total: (a) => `リソース ${f.number(a.n)} 個`,
    describe(counts) {
      const parts = READING_ORDER.filter((t) => counts[t]).map((t) => count({ type: t, n: counts[t] ?? 0 }));
      return parts.length > 0 ? f.list(parts) : 'なし';
    },
  };
};
