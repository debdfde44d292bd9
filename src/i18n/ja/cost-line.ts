/** 見積もりの各行が何の料金か (英語版: ../en/cost-line.ts)。タイプ・クラス・サイズは AWS の表記のまま。 */
import type { CostLineTexts } from '../en/cost-line';

const deployment = (multiAz: boolean) => (multiAz ? 'マルチ AZ' : 'シングル AZ');

export const costLine = (): CostLineTexts => ({
  ec2: (a) => `EC2 ${a.type} × ${a.n}`,
  ebs: (a) => `EBS ${a.type} ${a.gb} GB`,
  snapshots: (a) => `EBS スナップショット ${a.gb} GB`,
  rds: (a) => `RDS ${a.dbClass} ${a.engine} ${deployment(a.multiAz)}`,
  rdsStorage: (a) => `RDS ストレージ ${a.gb} GB ${a.type} ${deployment(a.multiAz)}`,
  alb: (a) => `ALB × ${a.n}`,
  albLcu: (a) => `ALB LCU (${a.lcu} LCU を想定)`,
  ipv4: (a) => `パブリック IPv4 アドレス × ${a.n}`,
});
