import type { PriceTable } from '../../../src/cost/price-table';

/**
 * Round prices so expected costs can be worked out by hand. With 730 h per month:
 * EBS gp3 0.073/GB-month = 0.0001/GB-hour; snapshot 0.0365 = 0.00005/GB-hour;
 * RDS gp3 storage 0.146 = 0.0002/GB-hour Single-AZ, 0.292 = 0.0004/GB-hour Multi-AZ.
 */
export const TEST_TABLE: PriceTable = {
  source: 'test',
  date: '2026-01-02',
  currency: 'USD',
  assumptions: { albLcu: 1, hoursPerMonth: 730 },
  regions: {
    'test-1': {
      ec2: {
        source: 't',
        date: '2026-01-02',
        instanceHour: { 't3.micro': { usd: 0.01 }, 't3.small': { usd: 0.02 } },
      },
      ebs: {
        source: 't',
        date: '2026-01-02',
        gbMonth: { gp3: { usd: 0.073 }, gp2: { usd: 0.146 } },
        snapshotGbMonth: { usd: 0.0365 },
      },
      rds: {
        source: 't',
        date: '2026-01-02',
        instanceHour: {
          mysql: {
            'db.t3.micro': { singleAz: { usd: 0.02 }, multiAz: { usd: 0.04 } },
            'db.t4g.micro': {
              singleAz: { usd: 0.03, estimated: true, reason: 'test' },
              multiAz: { usd: 0.06 },
            },
          },
        },
        storageGbMonth: {
          gp3: { singleAz: { usd: 0.146 }, multiAz: { usd: 0.292 } },
          gp2: { singleAz: { usd: 0.146 }, multiAz: { usd: 0.292 } },
        },
      },
      alb: { source: 't', date: '2026-01-02', hour: { usd: 0.02 }, lcuHour: { usd: 0.01 } },
      ipv4: { source: 't', date: '2026-01-02', addressHour: { usd: 0.005 } },
    },
  },
};
