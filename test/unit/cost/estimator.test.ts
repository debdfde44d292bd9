import {
  estimateEnvironmentCost,
  estimateSpecEnvironment,
  costBetween,
  type CostEstimate,
  type DbPeriod,
  type EnvironmentUsage,
} from '../../../src/cost/estimator';
import { PriceNotFoundError } from '../../../src/cost/price-table';
import { TEST_TABLE } from './test-table';
import { english } from '../../../src/i18n/english';

const H = 3_600_000;
const MIN = 60_000;
/** 2026-01-01 10:00:00 UTC, on an hour boundary. */
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);

function empty(): EnvironmentUsage {
  return { region: 'test-1', instances: [], volumes: [], snapshots: [], dbs: [], albs: [] };
}

/** One 20 GB gp3 MySQL DB and nothing else. */
function withDb(periods: DbPeriod[], instanceClass = 'db.t3.micro'): EnvironmentUsage {
  return {
    ...empty(),
    dbs: [{ instanceClass, engine: 'mysql', storageGb: 20, storageType: 'gp3', periods }],
  };
}

const estimateAt = (usage: EnvironmentUsage, now: number) =>
  estimateEnvironmentCost(usage, { now, table: TEST_TABLE });

function line(estimate: CostEstimate, prefix: string) {
  const found = estimate.lines.find((l) => l.item.startsWith(prefix));
  if (!found) throw new Error(`no line ${prefix} in ${estimate.lines.map((l) => l.item).join(', ')}`);
  return found;
}

describe('estimateEnvironmentCost', () => {
  test('Multi-AZ doubles the RDS instance and its storage', () => {
    const db = (multiAz: boolean) => withDb([{ start: T0, multiAz, running: true }]);
    const now = T0 + 10 * H;
    const single = estimateAt(db(false), now);
    const multi = estimateAt(db(true), now);
    // Single-AZ: 10 h × $0.02 = $0.20; storage 20 GB × $0.0002/GB-h × 10 h = $0.04
    expect(line(single, 'RDS db.t3.micro').soFar).toBeCloseTo(0.2, 10);
    expect(line(single, 'RDS storage').soFar).toBeCloseTo(0.04, 10);
    // Multi-AZ: 10 h × $0.04 = $0.40; storage 20 GB × $0.0004/GB-h × 10 h = $0.08
    expect(line(multi, 'RDS db.t3.micro').soFar).toBeCloseTo(0.4, 10);
    expect(line(multi, 'RDS storage').soFar).toBeCloseTo(0.08, 10);
    // Multi-AZ rate now: $0.04 + 20 × $0.0004 = $0.048/h
    expect(multi.perHour).toBeCloseTo(0.048, 10);
    expect(line(multi, 'RDS db.t3.micro').item).toBe('RDS db.t3.micro mysql Multi-AZ');
    expect(line(multi, 'RDS storage').item).toBe('RDS storage 20 GB gp3 Multi-AZ');
  });

  test('a DB converted to Multi-AZ later pays Single-AZ before and Multi-AZ after', () => {
    const usage = withDb([
      { start: T0, end: T0 + 2 * H, multiAz: false, running: true },
      { start: T0 + 2 * H, multiAz: true, running: true },
    ]);
    const estimate = estimateAt(usage, T0 + 5 * H);
    // 2 h × $0.02 + 3 h × $0.04 = $0.04 + $0.12 = $0.16
    expect(line(estimate, 'RDS db.t3.micro').soFar).toBeCloseTo(0.16, 10);
    // storage: 20 GB × (2 h × $0.0002 + 3 h × $0.0004) = 20 × 0.0016 = $0.032
    expect(line(estimate, 'RDS storage').soFar).toBeCloseTo(0.032, 10);
  });

  test('public IPv4 is charged for each instance with a public IP and each of the ALB addresses', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [
        { type: 't3.micro', running: [{ start: T0 }], publicIpv4: true },
        { type: 't3.micro', running: [{ start: T0 }], publicIpv4: true },
        { type: 't3.micro', running: [{ start: T0 }], publicIpv4: false },
      ],
      albs: [{ existed: { start: T0 }, azCount: 2 }],
    };
    const estimate = estimateAt(usage, T0 + 5 * H);
    const ipv4 = line(estimate, 'Public IPv4');
    // 2 instance addresses + 2 ALB addresses = 4
    expect(ipv4.item).toBe('Public IPv4 × 4');
    // now: 4 × $0.005 = $0.02/h; so far: 4 × 5 h × $0.005 = $0.10
    expect(ipv4.perHour).toBeCloseTo(0.02, 10);
    expect(ipv4.soFar).toBeCloseTo(0.1, 10);
  });

  test('RDS bills at least 10 minutes', () => {
    const usage = withDb([{ start: T0, end: T0 + 3 * MIN, multiAz: false, running: true }]);
    const estimate = estimateAt(usage, T0 + H);
    // 3 min used, 10 min billed: 600 s / 3600 = 1/6 h × $0.02 = $0.0033333…
    expect(line(estimate, 'RDS db.t3.micro').soFar).toBeCloseTo(0.02 / 6, 12);
    // storage: 20 GB × $0.0002/GB-h × 1/6 h = $0.00066666…
    expect(line(estimate, 'RDS storage').soFar).toBeCloseTo(0.004 / 6, 12);
    // deleted: nothing per hour any more
    expect(estimate.perHour).toBe(0);
  });

  test('RDS past 10 minutes bills the exact seconds', () => {
    const usage = withDb([{ start: T0, multiAz: false, running: true }]);
    const estimate = estimateAt(usage, T0 + 15 * MIN);
    // 15 min = 0.25 h × $0.02 = $0.005
    expect(line(estimate, 'RDS db.t3.micro').soFar).toBeCloseTo(0.005, 12);
  });

  test('EC2 bills at least 60 seconds per run', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [
        {
          type: 't3.micro',
          running: [
            { start: T0, end: T0 + 20_000 },
            { start: T0 + 10 * MIN, end: T0 + 10 * MIN + 20_000 },
          ],
          publicIpv4: false,
        },
      ],
    };
    const estimate = estimateAt(usage, T0 + H);
    // two 20 s runs, each billed 60 s: 120 s = 1/30 h × $0.01 = $0.000333…
    expect(line(estimate, 'EC2 t3.micro').soFar).toBeCloseTo(0.01 / 30, 12);
  });

  test('a stopped instance pays no instance-hours but its EBS volume is still billed', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [{ type: 't3.micro', running: [{ start: T0, end: T0 + 2 * H }], publicIpv4: true }],
      volumes: [{ type: 'gp3', sizeGb: 8, existed: { start: T0 } }],
    };
    const estimate = estimateAt(usage, T0 + 5 * H);
    const ec2 = line(estimate, 'EC2 t3.micro');
    // ran 2 h: 2 × $0.01 = $0.02; stopped now: $0/h
    expect(ec2.soFar).toBeCloseTo(0.02, 12);
    expect(ec2.perHour).toBe(0);
    const ebs = line(estimate, 'EBS gp3');
    // 8 GB × $0.0001/GB-h = $0.0008/h, for 5 h = $0.004
    expect(ebs.perHour).toBeCloseTo(0.0008, 12);
    expect(ebs.soFar).toBeCloseTo(0.004, 12);
    // its auto-assigned public IP was released at stop: 2 h × $0.005 = $0.01, $0/h now
    const ipv4 = line(estimate, 'Public IPv4');
    expect(ipv4.soFar).toBeCloseTo(0.01, 12);
    expect(ipv4.perHour).toBe(0);
    // whole env now: only the volume
    expect(estimate.perHour).toBeCloseTo(0.0008, 12);
  });

  test('a stopped DB pays storage but no instance-hours', () => {
    const usage = withDb([
      { start: T0, end: T0 + H, multiAz: false, running: true },
      { start: T0 + H, multiAz: false, running: false },
    ]);
    const estimate = estimateAt(usage, T0 + 3 * H);
    // instance: 1 h × $0.02 = $0.02, $0/h while stopped
    expect(line(estimate, 'RDS db.t3.micro').soFar).toBeCloseTo(0.02, 12);
    expect(line(estimate, 'RDS db.t3.micro').perHour).toBe(0);
    // storage: 20 GB × $0.0002 × 3 h = $0.012; still $0.004/h
    expect(line(estimate, 'RDS storage').soFar).toBeCloseTo(0.012, 12);
    expect(line(estimate, 'RDS storage').perHour).toBeCloseTo(0.004, 12);
  });

  test('EC2 partial hours are billed by the second', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [{ type: 't3.small', running: [{ start: T0 }], publicIpv4: false }],
    };
    const estimate = estimateAt(usage, T0 + 90 * MIN);
    // 1.5 h × $0.02 = $0.03
    expect(line(estimate, 'EC2 t3.small').soFar).toBeCloseTo(0.03, 12);
  });

  test('the ALB bills each clock hour it touches as a full hour, with the assumed LCU', () => {
    const createdAt = T0 + 50 * MIN; // 10:50
    const usage: EnvironmentUsage = { ...empty(), albs: [{ existed: { start: createdAt }, azCount: 2 }] };
    // at 11:10 it has touched the 10:00 and 11:00 hours: 2 hours
    const at1110 = estimateAt(usage, T0 + 70 * MIN);
    // 2 × $0.02 = $0.04 ALB-hours; 2 × 1 LCU × $0.01 = $0.02
    expect(line(at1110, 'ALB ×').soFar).toBeCloseTo(0.04, 12);
    expect(line(at1110, 'ALB LCU').soFar).toBeCloseTo(0.02, 12);
    // at 10:55 only the 10:00 hour: $0.02 + $0.01
    const at1055 = estimateAt(usage, T0 + 55 * MIN);
    expect(line(at1055, 'ALB ×').soFar).toBeCloseTo(0.02, 12);
    expect(line(at1055, 'ALB LCU').soFar).toBeCloseTo(0.01, 12);
    // IPv4 for the ALB is prorated: 2 addresses × 5 min (1/12 h) × $0.005 = $0.000833…
    expect(line(at1055, 'Public IPv4').soFar).toBeCloseTo((2 * 0.005) / 12, 12);
  });

  test('a deleted ALB stops costing and keeps what it cost', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      albs: [{ existed: { start: T0, end: T0 + 2 * H + 1 }, azCount: 2 }],
    };
    const estimate = estimateAt(usage, T0 + 10 * H);
    // 10:00–12:00:00.001 touches 3 clock hours: 3 × ($0.02 + $0.01) = $0.09
    expect(line(estimate, 'ALB ×').soFar + line(estimate, 'ALB LCU').soFar).toBeCloseTo(0.09, 12);
    expect(estimate.perHour).toBe(0);
  });

  test('per day is 24 h and per month 730 h of the current rate', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [{ type: 't3.micro', running: [{ start: T0 }], publicIpv4: true }],
      volumes: [{ type: 'gp2', sizeGb: 10, existed: { start: T0 } }],
    };
    const estimate = estimateAt(usage, T0 + H);
    // $0.01 instance + $0.005 IPv4 + 10 GB × $0.146/730 = $0.002 gp2 → $0.017/h
    expect(estimate.perHour).toBeCloseTo(0.017, 12);
    // × 24 = $0.408/day; × 730 = $12.41/month
    expect(estimate.perDay).toBeCloseTo(0.408, 12);
    expect(estimate.perMonth).toBeCloseTo(12.41, 10);
  });

  test('snapshots are prorated per GB-month', () => {
    const usage: EnvironmentUsage = { ...empty(), snapshots: [{ sizeGb: 8, existed: { start: T0 } }] };
    const estimate = estimateAt(usage, T0 + 10 * H);
    // 8 GB × $0.00005/GB-h = $0.0004/h; × 10 h = $0.004
    expect(line(estimate, 'EBS snapshots 8 GB').perHour).toBeCloseTo(0.0004, 12);
    expect(estimate.soFar).toBeCloseTo(0.004, 12);
  });

  test('what has not started yet costs nothing', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [{ type: 't3.micro', running: [{ start: T0 + H }], publicIpv4: true }],
    };
    const estimate = estimateAt(usage, T0);
    expect(estimate.soFar).toBe(0);
    expect(estimate.perHour).toBe(0);
  });

  test('unknown region, instance type or DB class is a PriceNotFoundError', () => {
    expect(() => estimateAt({ ...empty(), region: 'mars-1' }, T0)).toThrow(PriceNotFoundError);
    const badType = { ...empty(), instances: [{ type: 'x9.huge', running: [], publicIpv4: false }] };
    expect(() => estimateAt(badType, T0)).toThrow(/x9\.huge/);
    const badDb = withDb([], 'db.z1.mega');
    expect(() => estimateAt(badDb, T0)).toThrow(PriceNotFoundError);
  });

  test('the assumptions are one line and flag estimated prices', () => {
    const usage: EnvironmentUsage = {
      ...withDb([{ start: T0, multiAz: false, running: true }], 'db.t4g.micro'),
      albs: [{ existed: { start: T0 }, azCount: 2 }],
    };
    const estimate = estimateAt(usage, T0 + H);
    expect(english(estimate.assumptions)).toBe(
      'test-1 on-demand prices of 2026-01-02; ALB at 1 LCU; RDS storage 20 GB gp3; excludes data transfer; some prices estimated',
    );
    expect(line(estimate, 'RDS db.t4g.micro').estimated).toBe(true);
    expect(line(estimate, 'RDS storage').estimated).toBe(false);
  });
});

describe('estimateSpecEnvironment', () => {
  test('the SPEC stack with round prices', () => {
    const estimate = estimateSpecEnvironment({
      region: 'test-1',
      instanceType: 't3.micro',
      dbInstanceClass: 'db.t3.micro',
      multiAz: true,
      table: TEST_TABLE,
    });
    // 2 × t3.micro              2 × 0.01            = 0.02
    // EBS 2 × 8 GB gp3          16 × 0.0001         = 0.0016
    // AMI snapshot 8 GB         8 × 0.00005         = 0.0004
    // RDS db.t3.micro Multi-AZ                      = 0.04
    // RDS 20 GB gp3 Multi-AZ    20 × 0.0004         = 0.008
    // ALB + 1 LCU               0.02 + 0.01         = 0.03
    // IPv4 (2 web + 2 ALB)      4 × 0.005           = 0.02
    // total                                         = 0.12 /h → 2.88 /day → 87.60 /month
    expect(estimate.perHour).toBeCloseTo(0.12, 12);
    expect(estimate.perDay).toBeCloseTo(2.88, 10);
    expect(estimate.perMonth).toBeCloseTo(87.6, 10);
    expect(estimate.soFar).toBe(0);
    expect(estimate.lines.map((l) => l.item)).toEqual([
      'EC2 t3.micro × 2',
      'EBS gp3 16 GB',
      'EBS snapshots 8 GB',
      'RDS db.t3.micro mysql Multi-AZ',
      'RDS storage 20 GB gp3 Multi-AZ',
      'ALB × 1',
      'ALB LCU (1 LCU assumed)',
      'Public IPv4 × 4',
    ]);
  });

  test('Single-AZ SPEC stack halves only the DB lines', () => {
    const estimate = estimateSpecEnvironment({
      region: 'test-1',
      instanceType: 't3.micro',
      dbInstanceClass: 'db.t3.micro',
      multiAz: false,
      table: TEST_TABLE,
    });
    // 0.12 − (0.04 − 0.02) − (0.008 − 0.004) = 0.12 − 0.02 − 0.004 = 0.096
    expect(estimate.perHour).toBeCloseTo(0.096, 12);
  });

  test('the shipped table prices the SPEC stack in ap-northeast-1', () => {
    const estimate = estimateSpecEnvironment({
      region: 'ap-northeast-1',
      instanceType: 't3.micro',
      dbInstanceClass: 'db.t3.micro',
      multiAz: true,
    });
    // 2 × 0.0136                     = 0.0272
    // 16 GB × 0.096 / 730            = 0.00210411
    // 8 GB × 0.05 / 730              = 0.00054795
    // db.t3.micro Multi-AZ           = 0.052
    // 20 GB × 0.276 / 730            = 0.00756164
    // ALB 0.0243 + 1 LCU × 0.008     = 0.0323
    // 4 × 0.005                      = 0.02
    // total                          ≈ 0.14171370 /h; × 730 ≈ 103.45 /month
    expect(estimate.perHour).toBeCloseTo(0.1417137, 6);
    expect(estimate.perMonth).toBeCloseTo(103.451, 2);
    expect(english(estimate.assumptions)).toBe(
      'ap-northeast-1 on-demand prices of 2026-11-27; ALB at 1 LCU; RDS storage 20 GB gp3; excludes data transfer; some prices estimated',
    );
  });
});

describe('costBetween', () => {
  test("is the estimator's cost so far at the end minus at the start, with the same usage", () => {
    const usage: EnvironmentUsage = {
      ...withDb([{ start: T0, multiAz: true, running: true }]),
      instances: [{ type: 't3.micro', running: [{ start: T0 }], publicIpv4: true }],
      albs: [{ existed: { start: T0 }, azCount: 2 }],
    };
    const from = T0 + 3 * H;
    const to = from + 2 * H;
    const at = (now: number) => estimateEnvironmentCost(usage, { now, table: TEST_TABLE }).soFar;
    expect(costBetween(usage, from, to, TEST_TABLE)).toBeCloseTo(at(to) - at(from), 12);
    // 2 h of a steady env is about 2 × its hourly rate (the ALB's clock hours may add one)
    const perHour = estimateEnvironmentCost(usage, { now: from, table: TEST_TABLE }).perHour;
    expect(costBetween(usage, from, to, TEST_TABLE)).toBeGreaterThanOrEqual(2 * perHour - 1e-9);
    expect(costBetween(usage, from, to, TEST_TABLE)).toBeLessThan(3 * perHour);
    expect(costBetween(usage, to, from, TEST_TABLE)).toBe(0);
  });
});
