/**
 * The estimator's lines one kind at a time: grouping by type, what an absent or stopped part
 * contributes, the Single-AZ label, the unknown-engine error and the assumptions line without
 * an ALB or an estimated price. Written against the mutants that survived estimator.test.ts
 * (quality/README.md). Prices: test-table.ts (worked out by hand there).
 */
import { estimateEnvironmentCost, type CostLine, type EnvironmentUsage } from '../../../src/cost/estimator';
import { PriceNotFoundError } from '../../../src/cost/price-table';
import { TEST_TABLE } from './test-table';
import { english } from '../../../src/i18n/english';
import { say } from '../../../src/i18n/said';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);
const empty = (): EnvironmentUsage => ({
  region: 'test-1',
  instances: [],
  volumes: [],
  snapshots: [],
  dbs: [],
  albs: [],
});
const at = (usage: EnvironmentUsage, now: number) =>
  estimateEnvironmentCost(usage, { now, table: TEST_TABLE });
/** The lines as numbers and English names (each line's said name is its `item` in English). */
const rounded = (lines: CostLine[]) =>
  lines.map(({ name, ...l }) => {
    expect(english(name)).toBe(l.item);
    return { ...l, perHour: Number(l.perHour.toFixed(10)), soFar: Number(l.soFar.toFixed(10)) };
  });

test('nothing at all costs nothing and says only the region, date and exclusions', () => {
  const estimate = at(empty(), T0);
  expect({ ...estimate, assumptions: english(estimate.assumptions) }).toEqual({
    region: 'test-1',
    perHour: 0,
    perDay: 0,
    perMonth: 0,
    soFar: 0,
    lines: [],
    assumptions: 'test-1 on-demand prices of 2026-01-02; excludes data transfer',
  });
});

test('one line per instance type; public IPv4 only for instances that have one', () => {
  const usage: EnvironmentUsage = {
    ...empty(),
    instances: [
      { type: 't3.micro', running: [{ start: T0 }], publicIpv4: false },
      { type: 't3.small', running: [{ start: T0 }], publicIpv4: true },
      { type: 't3.micro', running: [{ start: T0, end: T0 + H / 2 }], publicIpv4: false },
    ],
  };
  expect(rounded(at(usage, T0 + H).lines)).toEqual([
    // One running now (0.01/h); 1 h + 0.5 h so far.
    { item: 'EC2 t3.micro × 2', perHour: 0.01, soFar: 0.015, estimated: false },
    { item: 'EC2 t3.small × 1', perHour: 0.02, soFar: 0.02, estimated: false },
    { item: 'Public IPv4 × 1', perHour: 0.005, soFar: 0.005, estimated: false },
  ]);
});

test('one line per volume type; a deleted volume keeps what it cost and costs nothing more', () => {
  const usage: EnvironmentUsage = {
    ...empty(),
    volumes: [
      { type: 'gp3', sizeGb: 8, existed: { start: T0 } },
      { type: 'gp2', sizeGb: 10, existed: { start: T0, end: T0 + H } },
      { type: 'gp3', sizeGb: 4, existed: { start: T0 } },
    ],
  };
  // gp3 0.0001/GB-h, gp2 0.0002/GB-h
  expect(rounded(at(usage, T0 + 2 * H).lines)).toEqual([
    { item: 'EBS gp3 12 GB', perHour: 0.0012, soFar: 0.0024, estimated: false },
    { item: 'EBS gp2 10 GB', perHour: 0, soFar: 0.002, estimated: false },
  ]);
});

test('a snapshot deleted costs nothing more', () => {
  const usage: EnvironmentUsage = {
    ...empty(),
    snapshots: [
      { sizeGb: 8, existed: { start: T0, end: T0 + H } },
      { sizeGb: 2, existed: { start: T0 } },
    ],
  };
  // 0.00005/GB-h: now 2 GB; so far 8 GB × 1 h + 2 GB × 2 h
  expect(rounded(at(usage, T0 + 2 * H).lines)).toEqual([
    { item: 'EBS snapshots 10 GB', perHour: 0.0001, soFar: 0.0006, estimated: false },
  ]);
});

test('a stopped DB: storage only, Single-AZ, and its instance price (estimated) not used', () => {
  const usage: EnvironmentUsage = {
    ...empty(),
    dbs: [
      {
        instanceClass: 'db.t4g.micro',
        engine: 'mysql',
        storageGb: 20,
        storageType: 'gp3',
        periods: [{ start: T0, multiAz: false, running: false }],
      },
    ],
  };
  const estimate = at(usage, T0 + H);
  expect(rounded(estimate.lines)).toEqual([
    { item: 'RDS db.t4g.micro mysql Single-AZ', perHour: 0, soFar: 0, estimated: false },
    { item: 'RDS storage 20 GB gp3 Single-AZ', perHour: 0.004, soFar: 0.004, estimated: false },
  ]);
  expect(english(estimate.assumptions)).toBe(
    'test-1 on-demand prices of 2026-01-02; RDS storage 20 GB gp3; excludes data transfer',
  );
});

test('a DB with no periods yet is listed at zero', () => {
  const usage: EnvironmentUsage = {
    ...empty(),
    dbs: [{ instanceClass: 'db.t3.micro', engine: 'mysql', storageGb: 5, storageType: 'gp2', periods: [] }],
  };
  expect(at(usage, T0).lines.map((l) => [l.item, l.perHour, l.soFar])).toEqual([
    ['RDS db.t3.micro mysql Single-AZ', 0, 0],
    ['RDS storage 5 GB gp2 Single-AZ', 0, 0],
  ]);
});

test('an engine the table does not price is named', () => {
  const usage: EnvironmentUsage = {
    ...empty(),
    dbs: [
      { instanceClass: 'db.t3.micro', engine: 'postgres', storageGb: 20, storageType: 'gp3', periods: [] },
    ],
  };
  expect(() => at(usage, T0)).toThrow(new PriceNotFoundError('no RDS prices for engine postgres in test-1'));
  const badType = { ...empty(), instances: [{ type: 'x9.huge', running: [], publicIpv4: false }] };
  expect(() => at(badType, T0)).toThrow(
    'no price for EC2 instance type x9.huge in test-1; run "sitebot prices refresh"',
  );
});

test('a deleted ALB keeps its addresses’ cost and adds no more', () => {
  const usage: EnvironmentUsage = { ...empty(), albs: [{ existed: { start: T0, end: T0 + H }, azCount: 2 }] };
  const ipv4 = at(usage, T0 + 2 * H).lines.find((l) => l.item.startsWith('Public IPv4'));
  expect(ipv4).toEqual({
    name: say('costLine.ipv4', { n: 2 }),
    item: 'Public IPv4 × 2',
    perHour: 0,
    soFar: expect.closeTo(0.01, 10),
    estimated: false,
  });
});

describe('from the mutation run (quality/README.md)', () => {
  test('an instance stopped and started again is charged now, with its address', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      instances: [
        { type: 't3.micro', running: [{ start: T0, end: T0 + H }, { start: T0 + 2 * H }], publicIpv4: true },
      ],
    };
    // 1 h + 1 h run so far; running now.
    expect(rounded(at(usage, T0 + 3 * H).lines)).toEqual([
      { item: 'EC2 t3.micro × 1', perHour: 0.01, soFar: 0.02, estimated: false },
      { item: 'Public IPv4 × 1', perHour: 0.005, soFar: 0.01, estimated: false },
    ]);
  });

  test('the LCU line is the assumed LCUs times the LCU-hour price', () => {
    const table = { ...TEST_TABLE, assumptions: { ...TEST_TABLE.assumptions, albLcu: 2 } };
    const usage: EnvironmentUsage = { ...empty(), albs: [{ existed: { start: T0 }, azCount: 2 }] };
    const lcu = estimateEnvironmentCost(usage, { now: T0 + 2 * H, table }).lines.find((l) =>
      l.item.startsWith('ALB LCU'),
    );
    // 2 LCU × $0.01 per hour; 2 clock hours so far.
    expect(lcu).toEqual({
      name: say('costLine.albLcu', { lcu: 2 }),
      item: 'ALB LCU (2 LCU assumed)',
      perHour: expect.closeTo(0.02, 10),
      soFar: expect.closeTo(0.04, 10),
      estimated: false,
    });
  });

  test('a DB class the table does not price is named', () => {
    const usage: EnvironmentUsage = {
      ...empty(),
      dbs: [{ instanceClass: 'db.z1.mega', engine: 'mysql', storageGb: 20, storageType: 'gp3', periods: [] }],
    };
    expect(() => at(usage, T0)).toThrow(
      new PriceNotFoundError('no price for RDS mysql db.z1.mega in test-1; run "sitebot prices refresh"'),
    );
  });
});
