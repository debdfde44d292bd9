import {
  defaultPriceTable,
  parsePriceTable,
  PriceNotFoundError,
  regionPrices,
  type Price,
} from '../../../src/cost/price-table';
import { TEST_TABLE } from './test-table';

function allPrices(value: unknown): Price[] {
  if (typeof value !== 'object' || value === null) return [];
  if ('usd' in value) return [value as Price];
  return Object.values(value).flatMap(allPrices);
}

describe('the shipped price table', () => {
  const table = defaultPriceTable();

  test('has source and date and covers what the SPEC stack uses in both regions', () => {
    expect(table.source).not.toHaveLength(0);
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const region of ['ap-northeast-1', 'us-east-1']) {
      const prices = regionPrices(table, region);
      for (const section of [prices.ec2, prices.ebs, prices.rds, prices.alb, prices.ipv4]) {
        expect(section.source).not.toHaveLength(0);
        expect(section.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(Object.keys(prices.ec2.instanceHour).sort()).toEqual([
        't3.micro',
        't3.small',
        't4g.micro',
        't4g.small',
      ]);
      expect(Object.keys(prices.rds.instanceHour.mysql).sort()).toEqual([
        'db.t3.micro',
        'db.t3.small',
        'db.t4g.micro',
        'db.t4g.small',
      ]);
      expect(prices.ipv4.addressHour.usd).toBe(0.005);
    }
  });

  test('every estimated figure says why', () => {
    const estimated = allPrices(table.regions).filter((p) => p.estimated);
    expect(estimated.length).toBeGreaterThan(0);
    for (const price of estimated) expect(price.reason?.length ?? 0).toBeGreaterThan(20);
  });

  test('Multi-AZ never costs less than Single-AZ', () => {
    for (const prices of Object.values(table.regions)) {
      for (const pair of [
        ...Object.values(prices.rds.instanceHour.mysql),
        prices.rds.storageGbMonth.gp2,
        prices.rds.storageGbMonth.gp3,
      ]) {
        expect(pair.multiAz.usd).toBeGreaterThanOrEqual(pair.singleAz.usd);
      }
    }
  });
});

describe('parsePriceTable', () => {
  test('accepts a valid table and names what is wrong in an invalid one', () => {
    expect(parsePriceTable(TEST_TABLE)).toEqual(TEST_TABLE);
    const broken = { ...TEST_TABLE, date: 'yesterday' };
    expect(() => parsePriceTable(broken)).toThrow(/date/);
    const negative = structuredClone(TEST_TABLE);
    negative.regions['test-1'].ipv4.addressHour.usd = -1;
    expect(() => parsePriceTable(negative)).toThrow(/regions\.test-1\.ipv4\.addressHour\.usd/);
  });

  test('an unknown region is a PriceNotFoundError that says how to fix it', () => {
    expect(() => regionPrices(TEST_TABLE, 'eu-west-3')).toThrow(PriceNotFoundError);
    expect(() => regionPrices(TEST_TABLE, 'eu-west-3')).toThrow(/prices refresh --region eu-west-3/);
  });
});
