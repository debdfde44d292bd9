/**
 * What each line of a cost estimate charges for (src/cost/estimator.ts says them): shown where
 * a sleeping environment lists what still bills. Types, classes and sizes are AWS's own.
 */
const deployment = (multiAz: boolean) => (multiAz ? 'Multi-AZ' : 'Single-AZ');

export const costLine = () => ({
  ec2: (a: { type: string; n: number }) => `EC2 ${a.type} × ${a.n}`,
  ebs: (a: { type: string; gb: number }) => `EBS ${a.type} ${a.gb} GB`,
  snapshots: (a: { gb: number }) => `EBS snapshots ${a.gb} GB`,
  rds: (a: { dbClass: string; engine: string; multiAz: boolean }) =>
    `RDS ${a.dbClass} ${a.engine} ${deployment(a.multiAz)}`,
  rdsStorage: (a: { gb: number; type: string; multiAz: boolean }) =>
    `RDS storage ${a.gb} GB ${a.type} ${deployment(a.multiAz)}`,
  alb: (a: { n: number }) => `ALB × ${a.n}`,
  albLcu: (a: { lcu: number }) => `ALB LCU (${a.lcu} LCU assumed)`,
  ipv4: (a: { n: number }) => `Public IPv4 × ${a.n}`,
});

export type CostLineTexts = ReturnType<typeof costLine>;
