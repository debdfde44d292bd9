import {
  estimateEnvironmentCost,
  type CostEstimate,
  type EnvironmentUsage,
} from '../../../src/cost/estimator';
import { sleepRates, stillBilling, subtractIntervals, withOffIntervals } from '../../../src/cost/sleep-usage';
import { english } from '../../../src/i18n/english';
import { textsFor } from '../../../src/i18n/texts';
import { TEST_TABLE } from './test-table';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

/** The SPEC stack in the test region: 2 × t3.micro with 8 GB gp3 and public IPv4, AMI snapshot, Multi-AZ db.t3.micro, ALB over 2 AZs. */
function spec(): EnvironmentUsage {
  const since = { start: T0 };
  return {
    region: 'test-1',
    instances: [0, 1].map(() => ({ type: 't3.micro', running: [since], publicIpv4: true })),
    volumes: [0, 1].map(() => ({ type: 'gp3' as const, sizeGb: 8, existed: since })),
    snapshots: [{ sizeGb: 8, existed: since }],
    dbs: [
      {
        instanceClass: 'db.t3.micro',
        engine: 'mysql',
        storageGb: 20,
        storageType: 'gp3',
        periods: [{ start: T0, multiAz: true, running: true }],
      },
    ],
    albs: [{ existed: since, azCount: 2 }],
  };
}

const at = (usage: EnvironmentUsage, now: number) =>
  estimateEnvironmentCost(usage, { now, table: TEST_TABLE });
const line = (e: CostEstimate, prefix: string) => e.lines.find((l) => l.item.startsWith(prefix))!;

describe('subtractIntervals', () => {
  it('cuts closed and open stretches out of a span', () => {
    expect(subtractIntervals({ start: 0, end: 100 }, [{ start: 10, end: 20 }])).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 100 },
    ]);
    expect(subtractIntervals({ start: 0 }, [{ start: 10, end: 20 }, { start: 50 }])).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 50 },
    ]);
    expect(subtractIntervals({ start: 30, end: 40 }, [{ start: 0, end: 100 }])).toEqual([]);
    expect(subtractIntervals({ start: 30, end: 40 }, [{ start: 40, end: 50 }])).toEqual([
      { start: 30, end: 40 },
    ]);
  });
});

describe('costs with sleep', () => {
  // One day: awake 09:00–19:00 (10 h), asleep the other 14 h.
  const off = {
    webOff: [
      { start: T0, end: T0 + 9 * H },
      { start: T0 + 19 * H, end: T0 + 33 * H },
    ],
    dbOff: [
      { start: T0, end: T0 + 9 * H },
      { start: T0 + 19 * H, end: T0 + 33 * H },
    ],
  };

  it('counts instance- and DB-hours only while running; storage, ALB and its IPv4 all the time', () => {
    const now = T0 + 24 * H;
    const awake = at(spec(), now);
    const slept = at(withOffIntervals(spec(), off), now);
    // EC2: 2 × 10 h × $0.01 instead of 2 × 24 h
    expect(line(slept, 'EC2').soFar).toBeCloseTo(0.2, 10);
    expect(line(awake, 'EC2').soFar).toBeCloseTo(0.48, 10);
    // RDS Multi-AZ: 10 h × $0.04 instead of 24 h
    expect(line(slept, 'RDS db.t3.micro').soFar).toBeCloseTo(0.4, 10);
    expect(line(awake, 'RDS db.t3.micro').soFar).toBeCloseTo(0.96, 10);
    // Billed all day either way: DB storage 20 GB × $0.0004 × 24 h, EBS, snapshot, ALB
    for (const item of ['RDS storage', 'EBS gp3', 'EBS snapshots', 'ALB ×', 'ALB LCU'])
      expect({ item, diff: Math.abs(line(slept, item).soFar - line(awake, item).soFar) < 1e-12 }).toEqual({
        item,
        diff: true,
      });
    expect(line(slept, 'RDS storage').soFar).toBeCloseTo(20 * 0.0004 * 24, 10);
    // Public IPv4: the ALB's 2 all day, the instances' 2 only while running (released on stop)
    expect(line(slept, 'Public IPv4').soFar).toBeCloseTo(0.005 * (2 * 24 + 2 * 10), 10);
    // Asleep right now: no instance- or DB-hours, no instance IPv4
    expect(line(slept, 'EC2').perHour).toBe(0);
    expect(line(slept, 'RDS db.t3.micro').perHour).toBe(0);
    expect(line(slept, 'Public IPv4').perHour).toBeCloseTo(0.01, 10);
  });

  it('leaves the usage alone when nothing was ever stopped', () => {
    const usage = spec();
    expect(withOffIntervals(usage, undefined)).toBe(usage);
    expect(withOffIntervals(usage, { webOff: [], dbOff: [] })).toBe(usage);
  });

  it('says what sleeping saves per day and what still bills', () => {
    const rates = sleepRates(spec(), { now: T0 + H, table: TEST_TABLE });
    // Awake: EC2 0.02 + RDS 0.04 + storage 0.008 + EBS 0.0016 + snapshot 0.0004 + ALB 0.03 + IPv4 4 × 0.005
    expect(rates.awake.perHour).toBeCloseTo(0.02 + 0.04 + 0.008 + 0.0016 + 0.0004 + 0.03 + 0.02, 10);
    // Asleep: no EC2, no RDS instance, 2 IPv4 fewer
    expect(rates.asleep.perHour).toBeCloseTo(0.008 + 0.0016 + 0.0004 + 0.03 + 0.01, 10);
    expect(rates.savedPerDay).toBeCloseTo((0.02 + 0.04 + 0.01) * 24, 10);
    expect(stillBilling(rates.asleep).map((name) => english(name))).toEqual([
      'EBS gp3 16 GB',
      'EBS snapshots 8 GB',
      'RDS storage 20 GB gp3 Multi-AZ',
      'ALB × 1',
      'ALB LCU (1 LCU assumed)',
      'Public IPv4 × 4',
    ]);
    // Said, so a Japanese reader reads them in Japanese.
    const ja = textsFor({ lang: 'ja', timeZone: 'Asia/Tokyo' });
    expect(stillBilling(rates.asleep).map((name) => ja.said(name))).toEqual([
      'EBS gp3 16 GB',
      'EBS スナップショット 8 GB',
      'RDS ストレージ 20 GB gp3 マルチ AZ',
      'ALB × 1',
      'ALB LCU (1 LCU を想定)',
      'パブリック IPv4 アドレス × 4',
    ]);
  });
});
