import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GetProductsCommand, PricingClient, type GetProductsCommandInput } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { parsePricesArgs, refreshPrices, runPricesCommand } from '../../../src/cli/prices';
import { estimateSpecEnvironment } from '../../../src/cost/estimator';
import {
  buildPriceTable,
  createPricingClient,
  parsePriceListEntry,
  PriceListError,
  pricingApiRegion,
} from '../../../src/cost/price-list';
import { parsePriceTable } from '../../../src/cost/price-table';
import recorded from '../../fixtures/pricing/ap-northeast-1.json';
import { TEST_TABLE } from './test-table';
import { english } from '../../../src/i18n/english';

const NOW = Date.UTC(2026, 10, 27, 4, 0, 0);

interface Exchange {
  request: GetProductsCommandInput;
  response: { FormatVersion: string; PriceList: string[]; NextToken?: string };
}

/** The same filters in any order. */
function requestKey(input: GetProductsCommandInput): string {
  const filters = [...(input.Filters ?? [])]
    .map((f) => `${f.Type}:${f.Field}=${f.Value}`)
    .sort()
    .join('&');
  return `${input.ServiceCode}?${filters}#${input.NextToken ?? ''}`;
}

/** Answers each GetProducts call from the recorded exchanges; an unrecorded call fails the test. */
function replay(exchanges: Exchange[]) {
  const byRequest = new Map(exchanges.map((e) => [requestKey(e.request), e.response]));
  const pricing = mockClient(PricingClient);
  pricing.on(GetProductsCommand).callsFake((input: GetProductsCommandInput) => {
    const response = byRequest.get(requestKey(input));
    if (!response) throw new Error(`unrecorded GetProducts call: ${requestKey(input)}`);
    return response;
  });
  return pricing;
}

const exchanges = (recorded as { exchanges: Exchange[] }).exchanges;

afterEach(() => {
  mockClient(PricingClient).restore();
});

describe('buildPriceTable', () => {
  test('rebuilds ap-northeast-1 from the recorded Price List answers', async () => {
    const pricing = replay(exchanges);
    const table = await buildPriceTable({
      pricingClient: new PricingClient({ region: 'us-east-1' }),
      regions: ['ap-northeast-1'],
      now: NOW,
    });
    const tokyo = table.regions['ap-northeast-1'];
    expect(table.date).toBe('2026-11-27');
    expect(tokyo.ec2.instanceHour).toEqual({
      't3.micro': { usd: 0.0136 },
      't3.small': { usd: 0.0272 },
      't4g.micro': { usd: 0.0108 },
      't4g.small': { usd: 0.0216 },
    });
    expect(tokyo.ebs.gbMonth).toEqual({ gp3: { usd: 0.096 }, gp2: { usd: 0.12 } });
    // the standard tier, not the 0.0125 archive row
    expect(tokyo.ebs.snapshotGbMonth).toEqual({ usd: 0.05 });
    // the standard row, not the 0.042 Extended Support row; Reserved terms ignored
    expect(tokyo.rds.instanceHour.mysql['db.t3.micro']).toEqual({
      singleAz: { usd: 0.026 },
      multiAz: { usd: 0.052 },
    });
    expect(tokyo.rds.instanceHour.mysql['db.t4g.small']).toEqual({
      singleAz: { usd: 0.049 },
      multiAz: { usd: 0.098 },
    });
    // gp3 Single-AZ arrives on the second page; the SQL Server row (0.148) is not ours
    expect(tokyo.rds.storageGbMonth.gp3).toEqual({ singleAz: { usd: 0.138 }, multiAz: { usd: 0.276 } });
    expect(tokyo.rds.storageGbMonth.gp2).toEqual({ singleAz: { usd: 0.138 }, multiAz: { usd: 0.276 } });
    // not the Outposts (0) or trust-store (0.0056) rows
    expect(tokyo.alb.hour).toEqual({ usd: 0.0243 });
    expect(tokyo.alb.lcuHour).toEqual({ usd: 0.008 });
    expect(tokyo.ipv4.addressHour).toEqual({ usd: 0.005 });
    expect(tokyo.ec2.source).toBe('AWS Price List API, AmazonEC2, regionCode=ap-northeast-1');

    const calls = pricing.commandCalls(GetProductsCommand);
    // 4 EC2 types + 2 volume types + snapshots + 4 DB classes × 2 deployments + 4 storage (+1 page) + ALB + IPv4
    expect(calls).toHaveLength(22);
    for (const call of calls) {
      expect(call.args[0].input.Filters).toContainEqual({
        Type: 'TERM_MATCH',
        Field: 'regionCode',
        Value: 'ap-northeast-1',
      });
    }
  });

  test('a price missing from the Price List is an error, not a guess', async () => {
    const withoutIpv4 = exchanges.map((e) =>
      e.request.ServiceCode === 'AmazonVPC' ? { ...e, response: { ...e.response, PriceList: [] } } : e,
    );
    replay(withoutIpv4);
    await expect(
      buildPriceTable({
        pricingClient: new PricingClient({ region: 'us-east-1' }),
        regions: ['ap-northeast-1'],
        now: NOW,
      }),
    ).rejects.toThrow(/no OnDemand price for public IPv4 addresses in ap-northeast-1/);
  });

  test('two different prices for one thing is an error', async () => {
    const doubled = exchanges.map((e) => {
      if (e.request.ServiceCode !== 'AmazonVPC') return e;
      const other = e.response.PriceList[0].replace('"USD":"0.0050000000"', '"USD":"0.0060000000"');
      return { ...e, response: { ...e.response, PriceList: [...e.response.PriceList, other] } };
    });
    replay(doubled);
    await expect(
      buildPriceTable({
        pricingClient: new PricingClient({ region: 'us-east-1' }),
        regions: ['ap-northeast-1'],
        now: NOW,
      }),
    ).rejects.toThrow(PriceListError);
  });
});

describe('refreshPrices', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sitebot-prices-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('writes the rebuilt region and keeps the others', async () => {
    replay(exchanges);
    const out = path.join(dir, 'prices.json');
    await fs.writeFile(out, JSON.stringify(TEST_TABLE));
    const result = await refreshPrices({
      pricingClient: new PricingClient({ region: 'us-east-1' }),
      regions: ['ap-northeast-1'],
      out,
      now: NOW,
    });
    expect(result.refreshed).toEqual(['ap-northeast-1']);
    const written = parsePriceTable(JSON.parse(await fs.readFile(out, 'utf8')));
    expect(Object.keys(written.regions).sort()).toEqual(['ap-northeast-1', 'test-1']);
    expect(written.regions['test-1']).toEqual(TEST_TABLE.regions['test-1']);
    expect(written.regions['ap-northeast-1'].alb.hour.usd).toBe(0.0243);
    expect(written.date).toBe('2026-11-27');
    expect(written.source).toMatch(/test-1 kept from the previous table/);
    // no temporary file left behind
    expect(await fs.readdir(dir)).toEqual(['prices.json']);

    // the written table drives the estimator: SPEC stack, Multi-AZ db.t3.micro, t3.micro
    const estimate = estimateSpecEnvironment({
      region: 'ap-northeast-1',
      instanceType: 't3.micro',
      dbInstanceClass: 'db.t3.micro',
      multiAz: true,
      table: written,
    });
    // 0.0272 + 16×0.096/730 + 8×0.05/730 + 0.052 + 20×0.276/730 + 0.0323 + 0.02 ≈ 0.1417137
    expect(estimate.perHour).toBeCloseTo(0.1417137, 6);
    expect(english(estimate.assumptions)).not.toMatch(/estimated/);
  });

  test('creates the file when there is none', async () => {
    replay(exchanges);
    const out = path.join(dir, 'new.json');
    await refreshPrices({
      pricingClient: new PricingClient({ region: 'us-east-1' }),
      regions: ['ap-northeast-1'],
      out,
      now: NOW,
    });
    const written = parsePriceTable(JSON.parse(await fs.readFile(out, 'utf8')));
    expect(Object.keys(written.regions)).toEqual(['ap-northeast-1']);
    expect(written.assumptions).toEqual({ albLcu: 1, hoursPerMonth: 730 });
  });

  test('leaves the file untouched when the rebuild fails', async () => {
    replay(exchanges.filter((e) => e.request.ServiceCode !== 'AWSELB'));
    const out = path.join(dir, 'prices.json');
    const before = JSON.stringify(TEST_TABLE);
    await fs.writeFile(out, before);
    await expect(
      refreshPrices({
        pricingClient: new PricingClient({ region: 'us-east-1' }),
        regions: ['ap-northeast-1'],
        out,
        now: NOW,
      }),
    ).rejects.toThrow(/unrecorded GetProducts call: AWSELB/);
    expect(await fs.readFile(out, 'utf8')).toBe(before);
  });
});

describe('runPricesCommand', () => {
  test('refreshes, reports each region and exits 0', async () => {
    replay(exchanges);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sitebot-prices-cli-'));
    const out = path.join(dir, 'prices.json');
    const lines: string[] = [];
    const code = await runPricesCommand(['refresh', '--region', 'ap-northeast-1'], {
      pricingClient: new PricingClient({ region: 'us-east-1' }),
      out,
      now: NOW,
      print: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(lines).toEqual([
      'ap-northeast-1: 4 instance types, 4 DB classes, EBS, RDS storage, ALB, IPv4 priced',
      `wrote ${out} (prices of 2026-11-27)`,
    ]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('bad arguments exit 1 with a message and call nothing', async () => {
    const pricing = replay(exchanges);
    const errors: string[] = [];
    const code = await runPricesCommand(['refresh', '--regoin', 'x'], {
      pricingClient: new PricingClient({ region: 'us-east-1' }),
      out: '/nonexistent/prices.json',
      printError: (l) => errors.push(l),
    });
    expect(code).toBe(1);
    expect(errors[0]).toMatch(/^prices refresh failed: unknown option --regoin/);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });
});

describe('the Pricing endpoint', () => {
  test('is one of the three regions that serve the API', async () => {
    expect(pricingApiRegion('ap-northeast-1')).toBe('us-east-1');
    expect(pricingApiRegion(undefined)).toBe('us-east-1');
    expect(pricingApiRegion('eu-central-1')).toBe('eu-central-1');
    expect(pricingApiRegion('ap-south-1')).toBe('ap-south-1');
    expect(await createPricingClient('ap-northeast-1').config.region()).toBe('us-east-1');
  });
});

describe('PriceList entries', () => {
  const entry = exchanges[0].response.PriceList[0];
  test('parse from a string, a String object or an already parsed document', () => {
    const fromString = parsePriceListEntry(entry);
    expect(fromString.product.attributes.usagetype).toBe('APN1-BoxUsage:t3.micro');
    expect(parsePriceListEntry(new String(entry))).toEqual(fromString);
    expect(parsePriceListEntry(JSON.parse(entry))).toEqual(fromString);
  });
  test('reject what is not a product document', () => {
    expect(() => parsePriceListEntry('{"foo":1}')).toThrow(PriceListError);
  });
});

describe('parsePricesArgs', () => {
  test('reads --region flags', () => {
    expect(parsePricesArgs(['refresh'])).toEqual({ command: 'refresh', regions: [] });
    expect(parsePricesArgs(['refresh', '--region', 'ap-northeast-1'])).toEqual({
      command: 'refresh',
      regions: ['ap-northeast-1'],
    });
    expect(parsePricesArgs(['refresh', '--region=us-east-1,eu-west-1'])).toEqual({
      command: 'refresh',
      regions: ['us-east-1', 'eu-west-1'],
    });
  });
  test('refuses anything else', () => {
    expect(() => parsePricesArgs(['list'])).toThrow(/usage/);
    expect(() => parsePricesArgs(['refresh', '--region'])).toThrow(/not a region/);
    expect(() => parsePricesArgs(['refresh', '--fast'])).toThrow(/unknown option/);
  });
});
