/**
 * The cost estimator: from what an environment actually has (types, sizes, Multi-AZ, counts and
 * how long each existed) to its cost per hour / day / month now and its cost so far. Pure: the
 * caller supplies the resources, the price table and `now`.
 *
 * Billing rules applied (see billing.ts): EC2 Linux per second with a 60 s minimum per run;
 * RDS per second with a 10-minute minimum per period (instance and storage); ALB per hour or
 * partial clock hour, plus the assumed LCUs for the same hours; EBS volumes per second with a
 * 60 s minimum; snapshots and public IPv4 addresses prorated per second. GB-month prices are
 * spread over the table's hours per month (730).
 */
import { english } from '../i18n/english';
import { say, type Said } from '../i18n/said';
import {
  type Interval,
  isActiveAt,
  partialHoursBilled,
  perSecondBilledHours,
  proratedHours,
} from './billing';
import {
  defaultPriceTable,
  PriceNotFoundError,
  regionPrices,
  type Price,
  type PriceTable,
} from './price-table';

export type { Interval } from './billing';

export type VolumeType = 'gp3' | 'gp2';

export interface InstanceUsage {
  type: string;
  /** Each span the instance spent in the `running` state (a stopped instance pays no instance-hours). */
  running: Interval[];
  /** Auto-assigned public IPv4: held (and charged) while running, released on stop. */
  publicIpv4: boolean;
}

export interface VolumeUsage {
  type: VolumeType;
  sizeGb: number;
  /** Billed from creation to deletion, whether the instance runs or not. */
  existed: Interval;
}

export interface SnapshotUsage {
  sizeGb: number;
  existed: Interval;
}

/** A stretch of a DB instance's life with one deployment and one state. */
export interface DbPeriod extends Interval {
  multiAz: boolean;
  /** False while the instance is stopped: storage is still billed, instance-hours are not. */
  running: boolean;
}

export interface DbUsage {
  instanceClass: string;
  /** Price-table engine key, e.g. `mysql`. */
  engine: string;
  storageGb: number;
  storageType: VolumeType;
  periods: DbPeriod[];
}

export interface AlbUsage {
  existed: Interval;
  /** An internet-facing ALB holds one public IPv4 address per AZ it spans. */
  azCount: number;
}

export interface EnvironmentUsage {
  region: string;
  instances: InstanceUsage[];
  volumes: VolumeUsage[];
  snapshots: SnapshotUsage[];
  dbs: DbUsage[];
  albs: AlbUsage[];
}

export interface CostLine {
  /** What is charged, said (`costLine.ec2`): each reader reads it in their language. */
  name: Said;
  /** The same in English, e.g. "EC2 t3.micro × 2" (JSON, logs). */
  item: string;
  /** USD per hour at `now` (0 for what is stopped or gone). */
  perHour: number;
  /** USD billed since creation up to `now`. */
  soFar: number;
  /** True when a price behind this line is marked estimated in the table. */
  estimated: boolean;
}

export interface CostEstimate {
  region: string;
  perHour: number;
  perDay: number;
  /** perHour × the table's hours per month (730). */
  perMonth: number;
  soFar: number;
  lines: CostLine[];
  /** One line for humans: prices' region and date, LCU and storage assumptions, exclusions (said). */
  assumptions: Said;
}

export interface EstimateOptions {
  now: number;
  table?: PriceTable;
}

const EC2_MINIMUM_SECONDS = 60;
const EBS_MINIMUM_SECONDS = 60;
const RDS_MINIMUM_SECONDS = 600;

export function estimateEnvironmentCost(usage: EnvironmentUsage, options: EstimateOptions): CostEstimate {
  const table = options.table ?? defaultPriceTable();
  const { now } = options;
  const prices = regionPrices(table, usage.region);
  const hoursPerMonth = table.assumptions.hoursPerMonth;
  const lcu = table.assumptions.albLcu;
  const lines: CostLine[] = [];
  const add = (name: Said, perHour: number, soFar: number, ...used: Price[]) => {
    lines.push({
      name,
      item: english(name),
      perHour,
      soFar,
      estimated: used.some((p) => p.estimated === true),
    });
  };

  for (const [type, instances] of groupBy(usage.instances, (i) => i.type)) {
    const price = lookup(prices.ec2.instanceHour, type, `EC2 instance type ${type} in ${usage.region}`);
    let perHour = 0;
    let hours = 0;
    for (const instance of instances) {
      if (instance.running.some((r) => isActiveAt(r, now))) perHour += price.usd;
      for (const run of instance.running) hours += perSecondBilledHours(run, now, EC2_MINIMUM_SECONDS);
    }
    add(say('costLine.ec2', { type, n: instances.length }), perHour, hours * price.usd, price);
  }

  for (const [type, volumes] of groupBy(usage.volumes, (v) => v.type)) {
    const price = prices.ebs.gbMonth[type];
    const perGbHour = price.usd / hoursPerMonth;
    const totalGb = sum(volumes.map((v) => v.sizeGb));
    const perHour = sum(volumes.filter((v) => isActiveAt(v.existed, now)).map((v) => v.sizeGb)) * perGbHour;
    const soFar =
      sum(volumes.map((v) => v.sizeGb * perSecondBilledHours(v.existed, now, EBS_MINIMUM_SECONDS))) *
      perGbHour;
    add(say('costLine.ebs', { type, gb: totalGb }), perHour, soFar, price);
  }

  if (usage.snapshots.length > 0) {
    const price = prices.ebs.snapshotGbMonth;
    const perGbHour = price.usd / hoursPerMonth;
    const totalGb = sum(usage.snapshots.map((s) => s.sizeGb));
    const perHour =
      sum(usage.snapshots.filter((s) => isActiveAt(s.existed, now)).map((s) => s.sizeGb)) * perGbHour;
    const soFar = sum(usage.snapshots.map((s) => s.sizeGb * proratedHours(s.existed, now))) * perGbHour;
    add(say('costLine.snapshots', { gb: totalGb }), perHour, soFar, price);
  }

  for (const db of usage.dbs) {
    const engine = prices.rds.instanceHour[db.engine];
    if (!engine) throw new PriceNotFoundError(`no RDS prices for engine ${db.engine} in ${usage.region}`);
    const classPrices = lookup(
      engine,
      db.instanceClass,
      `RDS ${db.engine} ${db.instanceClass} in ${usage.region}`,
    );
    const storagePrices = prices.rds.storageGbMonth[db.storageType];
    const latest = db.periods[db.periods.length - 1];
    const multiAz = latest?.multiAz === true;
    const instanceUsed: Price[] = [];
    const storageUsed: Price[] = [];
    let instancePerHour = 0;
    let instanceSoFar = 0;
    let storagePerHour = 0;
    let storageSoFar = 0;
    for (const period of db.periods) {
      const instancePrice = period.multiAz ? classPrices.multiAz : classPrices.singleAz;
      const storagePrice = period.multiAz ? storagePrices.multiAz : storagePrices.singleAz;
      storageUsed.push(storagePrice);
      const storagePerGbHour = storagePrice.usd / hoursPerMonth;
      if (isActiveAt(period, now)) storagePerHour += db.storageGb * storagePerGbHour;
      storageSoFar +=
        db.storageGb * storagePerGbHour * perSecondBilledHours(period, now, RDS_MINIMUM_SECONDS);
      if (!period.running) continue;
      instanceUsed.push(instancePrice);
      if (isActiveAt(period, now)) instancePerHour += instancePrice.usd;
      instanceSoFar += instancePrice.usd * perSecondBilledHours(period, now, RDS_MINIMUM_SECONDS);
    }
    add(
      say('costLine.rds', { dbClass: db.instanceClass, engine: db.engine, multiAz }),
      instancePerHour,
      instanceSoFar,
      ...instanceUsed,
    );
    add(
      say('costLine.rdsStorage', { gb: db.storageGb, type: db.storageType, multiAz }),
      storagePerHour,
      storageSoFar,
      ...storageUsed,
    );
  }

  if (usage.albs.length > 0) {
    const hourPrice = prices.alb.hour;
    const lcuPrice = prices.alb.lcuHour;
    const active = usage.albs.filter((a) => isActiveAt(a.existed, now)).length;
    const hours = sum(usage.albs.map((a) => partialHoursBilled(a.existed, now)));
    add(
      say('costLine.alb', { n: usage.albs.length }),
      active * hourPrice.usd,
      hours * hourPrice.usd,
      hourPrice,
    );
    add(say('costLine.albLcu', { lcu }), active * lcu * lcuPrice.usd, hours * lcu * lcuPrice.usd, lcuPrice);
  }

  const ipv4Price = prices.ipv4.addressHour;
  let ipv4Count = 0;
  let ipv4Active = 0;
  let ipv4Hours = 0;
  for (const instance of usage.instances.filter((i) => i.publicIpv4)) {
    ipv4Count += 1;
    if (instance.running.some((r) => isActiveAt(r, now))) ipv4Active += 1;
    ipv4Hours += sum(instance.running.map((r) => proratedHours(r, now)));
  }
  for (const alb of usage.albs) {
    ipv4Count += alb.azCount;
    if (isActiveAt(alb.existed, now)) ipv4Active += alb.azCount;
    ipv4Hours += alb.azCount * proratedHours(alb.existed, now);
  }
  if (ipv4Count > 0)
    add(
      say('costLine.ipv4', { n: ipv4Count }),
      ipv4Active * ipv4Price.usd,
      ipv4Hours * ipv4Price.usd,
      ipv4Price,
    );

  const perHour = sum(lines.map((l) => l.perHour));
  return {
    region: usage.region,
    perHour,
    perDay: perHour * 24,
    perMonth: perHour * hoursPerMonth,
    soFar: sum(lines.map((l) => l.soFar)),
    lines,
    assumptions: describeAssumptions(usage, table, lines),
  };
}

export interface SpecEnvironmentParams {
  region: string;
  /** Web server type (SPEC §3, §7): two of them. */
  instanceType: string;
  dbInstanceClass: string;
  multiAz: boolean;
  engine?: string;
  instanceCount?: number;
  rootVolumeGb?: number;
  amiSnapshotGb?: number;
  dbStorageGb?: number;
  dbStorageType?: VolumeType;
  /** The ALB spans both AZs, so it holds two public IPv4 addresses. */
  albAzCount?: number;
  table?: PriceTable;
}

/**
 * The SPEC stack's running cost before it exists (for `create --dry-run` and the plan):
 * 2 web servers with 8 GB gp3 roots and public IPs, one 8 GB AMI snapshot, the DB (Multi-AZ or
 * not) with 20 GB gp3, one ALB over 2 AZs. `soFar` is 0 and every line is the steady rate.
 */
export function estimateSpecEnvironment(params: SpecEnvironmentParams): CostEstimate {
  const estimate = estimateEnvironmentCost(specEnvironmentUsage(params), { now: 0, table: params.table });
  return { ...estimate, soFar: 0, lines: estimate.lines.map((l) => ({ ...l, soFar: 0 })) };
}

/** What the SPEC stack has, running since epoch 0 (the steady state `estimateSpecEnvironment` prices). */
export function specEnvironmentUsage(params: SpecEnvironmentParams): EnvironmentUsage {
  const since: Interval = { start: 0 };
  const count = params.instanceCount ?? 2;
  return {
    region: params.region,
    instances: Array.from({ length: count }, () => ({
      type: params.instanceType,
      running: [since],
      publicIpv4: true,
    })),
    volumes: Array.from({ length: count }, () => ({
      type: 'gp3' as const,
      sizeGb: params.rootVolumeGb ?? 8,
      existed: since,
    })),
    snapshots: [{ sizeGb: params.amiSnapshotGb ?? 8, existed: since }],
    dbs: [
      {
        instanceClass: params.dbInstanceClass,
        engine: params.engine ?? 'mysql',
        storageGb: params.dbStorageGb ?? 20,
        storageType: params.dbStorageType ?? 'gp3',
        periods: [{ start: 0, multiAz: params.multiAz, running: true }],
      },
    ],
    albs: [{ existed: since, azCount: params.albAzCount ?? 2 }],
  };
}

function describeAssumptions(usage: EnvironmentUsage, table: PriceTable, lines: CostLine[]): Said {
  return say('work.assumptions', {
    region: usage.region,
    date: table.date,
    lcu: usage.albs.length > 0 ? table.assumptions.albLcu : -1,
    storage: usage.dbs.map((db) => `${db.storageGb} GB ${db.storageType}`),
    estimated: lines.some((l) => l.estimated),
  });
}

function lookup<T>(record: Record<string, T>, key: string, what: string): T {
  const value = record[key];
  if (value === undefined) throw new PriceNotFoundError(`no price for ${what}; run "sitebot prices refresh"`);
  return value;
}

function groupBy<T, K extends string>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * What the environment costs from `from` to `to` if it keeps what it has now (an extension, the
 * spend until a new expiry): the estimator's cost so far at `to` minus at `from`, with the same
 * usage and billing rules (ALB clock hours, minimums) as every other figure.
 */
export function costBetween(usage: EnvironmentUsage, from: number, to: number, table?: PriceTable): number {
  if (to <= from) return 0;
  const at = (now: number) => estimateEnvironmentCost(usage, { now, table }).soFar;
  return Math.max(0, at(to) - at(from));
}
