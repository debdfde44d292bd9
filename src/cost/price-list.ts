/**
 * Rebuilds the price table from the AWS Price List API (`pricing:GetProducts`).
 *
 * The API is served only from us-east-1, eu-central-1 and ap-south-1, whatever region is being
 * priced: the client is built for one of those and each query filters by `regionCode`. Every
 * `PriceList` entry is a JSON document (a string on the wire) holding one product and its terms;
 * we take the OnDemand term's USD `pricePerUnit`. A query that finds no price, or two different
 * prices for one thing, is an error: the table is never written with a guess.
 */
import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import type { AzPair, Price, PriceTable, RegionPrices } from './price-table';

export const PRICING_API_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'] as const;

/** The Pricing endpoint to use: the preferred region if it serves the API, else us-east-1. */
export function pricingApiRegion(preferred?: string): string {
  return PRICING_API_REGIONS.find((r) => r === preferred) ?? 'us-east-1';
}

/** A Pricing client for an endpoint that serves the API (honours AWS_ENDPOINT_URL like every SDK client). */
export function createPricingClient(preferredRegion?: string): PricingClient {
  // GetProducts is throttled per account; a refresh makes ~20 calls per region, so retry more.
  return new PricingClient({ region: pricingApiRegion(preferredRegion), maxAttempts: 6 });
}

export const DEFAULT_INSTANCE_TYPES = ['t3.micro', 't3.small', 't4g.micro', 't4g.small'];
export const DEFAULT_DB_CLASSES = ['db.t3.micro', 'db.t3.small', 'db.t4g.micro', 'db.t4g.small'];

/** Price-table engine key → the Price List's `databaseEngine` value. */
const DB_ENGINES: Record<string, string> = { mysql: 'MySQL' };

export class PriceListError extends Error {
  override readonly name = 'PriceListError';
  constructor(message: string) {
    super(message);
  }
}

/** The part of a Price List product document we read. */
export interface PriceListProduct {
  product: { productFamily?: string; attributes: Record<string, string>; sku?: string };
  terms: { OnDemand?: Record<string, { priceDimensions: Record<string, PriceDimension> }> };
}

interface PriceDimension {
  unit?: string;
  beginRange?: string;
  pricePerUnit: Record<string, string>;
}

type PricingSender = Pick<PricingClient, 'send'>;

export interface BuildPriceTableOptions {
  pricingClient: PricingSender;
  regions: string[];
  /** When the table is built (epoch ms): becomes its `date`. */
  now: number;
  instanceTypes?: string[];
  dbClasses?: string[];
  engines?: string[];
  albLcu?: number;
  hoursPerMonth?: number;
}

export async function buildPriceTable(options: BuildPriceTableOptions): Promise<PriceTable> {
  const date = new Date(options.now).toISOString().slice(0, 10);
  const regions: Record<string, RegionPrices> = {};
  for (const region of options.regions) {
    regions[region] = await buildRegionPrices(options, region, date);
  }
  return {
    source: `AWS Price List API (pricing:GetProducts), OnDemand USD prices, fetched ${date}`,
    date,
    currency: 'USD',
    assumptions: { albLcu: options.albLcu ?? 1, hoursPerMonth: options.hoursPerMonth ?? 730 },
    regions,
  };
}

async function buildRegionPrices(
  options: BuildPriceTableOptions,
  region: string,
  date: string,
): Promise<RegionPrices> {
  const fetch = (
    serviceCode: string,
    filters: Record<string, string>,
    contains: Record<string, string> = {},
  ) => getProducts(options.pricingClient, serviceCode, { regionCode: region, ...filters }, contains);
  const source = (serviceCode: string) => `AWS Price List API, ${serviceCode}, regionCode=${region}`;

  const instanceHour: Record<string, Price> = {};
  for (const instanceType of options.instanceTypes ?? DEFAULT_INSTANCE_TYPES) {
    const products = await fetch('AmazonEC2', {
      instanceType,
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
    });
    instanceHour[instanceType] = pickPrice(
      products,
      (a) => /^([A-Z0-9]+-)?BoxUsage:/.test(a.usagetype ?? '') && a.operation === 'RunInstances',
      `EC2 ${instanceType} Linux in ${region}`,
    );
  }

  const volumeGbMonth = async (volumeApiName: 'gp3' | 'gp2') =>
    pickPrice(
      await fetch('AmazonEC2', { productFamily: 'Storage', volumeApiName }),
      (a) => (a.usagetype ?? '').endsWith(`EBS:VolumeUsage.${volumeApiName}`),
      `EBS ${volumeApiName} in ${region}`,
    );
  const gp3 = await volumeGbMonth('gp3');
  const gp2 = await volumeGbMonth('gp2');
  const snapshotGbMonth = pickPrice(
    await fetch('AmazonEC2', { productFamily: 'Storage Snapshot' }),
    (a) => /(^|-)EBS:SnapshotUsage$/.test(a.usagetype ?? ''),
    `EBS snapshots in ${region}`,
  );

  const rdsInstanceHour: Record<string, Record<string, AzPair>> = {};
  for (const engine of options.engines ?? ['mysql']) {
    const databaseEngine = DB_ENGINES[engine];
    if (!databaseEngine) throw new PriceListError(`unknown engine ${engine}`);
    rdsInstanceHour[engine] = {};
    for (const instanceClass of options.dbClasses ?? DEFAULT_DB_CLASSES) {
      const forDeployment = async (deploymentOption: string) =>
        pickPrice(
          await fetch('AmazonRDS', { instanceType: instanceClass, databaseEngine, deploymentOption }),
          (a) =>
            /(InstanceUsage|Multi-AZUsage):/.test(a.usagetype ?? '') &&
            !(a.usagetype ?? '').includes('ExtendedSupport'),
          `RDS ${databaseEngine} ${instanceClass} ${deploymentOption} in ${region}`,
        );
      rdsInstanceHour[engine][instanceClass] = {
        singleAz: await forDeployment('Single-AZ'),
        multiAz: await forDeployment('Multi-AZ'),
      };
    }
  }

  const storageGbMonth = async (volumeType: string, deploymentOption: string) =>
    pickPrice(
      await fetch('AmazonRDS', { productFamily: 'Database Storage', volumeType, deploymentOption }),
      // Storage priced for every engine ("Any") or for MySQL; SQL Server/Oracle rows differ.
      (a) =>
        /RDS:(Multi-AZ-)?GP[23]-Storage$/.test(a.usagetype ?? '') &&
        ['Any', 'MySQL'].includes(a.databaseEngine ?? 'Any'),
      `RDS ${volumeType} storage ${deploymentOption} in ${region}`,
    );
  const rdsStorage = {
    gp3: {
      singleAz: await storageGbMonth('General Purpose-GP3', 'Single-AZ'),
      multiAz: await storageGbMonth('General Purpose-GP3', 'Multi-AZ'),
    },
    gp2: {
      singleAz: await storageGbMonth('General Purpose', 'Single-AZ'),
      multiAz: await storageGbMonth('General Purpose', 'Multi-AZ'),
    },
  };

  // A region prefix (APN1-) or none (us-east-1); Outposts and trust-store rows have a second segment.
  const albProducts = await fetch('AWSELB', { productFamily: 'Load Balancer-Application' });
  const albHour = pickPrice(
    albProducts,
    (a) => /^([A-Z0-9]+-)?LoadBalancerUsage$/.test(a.usagetype ?? ''),
    `ALB hours in ${region}`,
  );
  const lcuHour = pickPrice(
    albProducts,
    (a) => /^([A-Z0-9]+-)?LCUUsage$/.test(a.usagetype ?? ''),
    `ALB LCU-hours in ${region}`,
  );

  const addressHour = pickPrice(
    await fetch('AmazonVPC', {}, { usagetype: 'PublicIPv4:InUseAddress' }),
    (a) => /(^|-)PublicIPv4:InUseAddress$/.test(a.usagetype ?? ''),
    `public IPv4 addresses in ${region}`,
  );

  return {
    ec2: { source: source('AmazonEC2'), date, instanceHour },
    ebs: { source: source('AmazonEC2'), date, gbMonth: { gp3, gp2 }, snapshotGbMonth },
    rds: { source: source('AmazonRDS'), date, instanceHour: rdsInstanceHour, storageGbMonth: rdsStorage },
    alb: { source: source('AWSELB'), date, hour: albHour, lcuHour },
    ipv4: { source: source('AmazonVPC'), date, addressHour },
  };
}

/** All products matching the filters, following NextToken to the last page. */
export async function getProducts(
  client: PricingSender,
  serviceCode: string,
  termMatch: Record<string, string>,
  contains: Record<string, string> = {},
): Promise<PriceListProduct[]> {
  const filters: Filter[] = [
    ...Object.entries(termMatch).map(([Field, Value]) => ({ Type: 'TERM_MATCH' as const, Field, Value })),
    ...Object.entries(contains).map(([Field, Value]) => ({ Type: 'CONTAINS' as const, Field, Value })),
  ];
  const products: PriceListProduct[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetProductsCommand({
        ServiceCode: serviceCode,
        Filters: filters,
        FormatVersion: 'aws_v1',
        NextToken: nextToken,
      }),
    );
    for (const entry of asArray(page.PriceList)) products.push(parsePriceListEntry(entry));
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return products;
}

function asArray(priceList: unknown): unknown[] {
  return Array.isArray(priceList) ? priceList : [];
}

/** A `PriceList` entry: a JSON string on the wire (a String-like object in some SDK versions). */
export function parsePriceListEntry(entry: unknown): PriceListProduct {
  const document: unknown =
    typeof entry === 'string' || entry instanceof String ? JSON.parse(String(entry)) : entry;
  if (!isProductDocument(document)) throw new PriceListError('a PriceList entry is not a product document');
  return document;
}

function isProductDocument(value: unknown): value is PriceListProduct {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { product?: { attributes?: unknown }; terms?: unknown };
  return typeof candidate.product?.attributes === 'object' && typeof candidate.terms === 'object';
}

/** The product's OnDemand USD price per unit (first tier when there are several). */
export function onDemandUsd(product: PriceListProduct): number | undefined {
  for (const term of Object.values(product.terms.OnDemand ?? {})) {
    const dimensions = Object.values(term.priceDimensions ?? {});
    const dimension = dimensions.find((d) => (d.beginRange ?? '0') === '0') ?? dimensions[0];
    const usd = Number(dimension?.pricePerUnit?.USD);
    if (dimension && Number.isFinite(usd)) return usd;
  }
  return undefined;
}

/** The one price among `products` that `matches`; none or two different ones is an error. */
export function pickPrice(
  products: PriceListProduct[],
  matches: (attributes: Record<string, string>) => boolean,
  what: string,
): Price {
  // Outposts and Wavelength rows can share a parent region's code; we price the region itself.
  const inRegion = (a: Record<string, string>) =>
    a.locationType === undefined || a.locationType === 'AWS Region';
  const candidates = products.filter((p) => inRegion(p.product.attributes) && matches(p.product.attributes));
  const prices = new Map<number, string>();
  for (const product of candidates) {
    const usd = onDemandUsd(product);
    if (usd !== undefined)
      prices.set(usd, product.product.attributes.usagetype ?? product.product.sku ?? '?');
  }
  if (prices.size === 0) throw new PriceListError(`the Price List has no OnDemand price for ${what}`);
  if (prices.size > 1) {
    const seen = [...prices].map(([usd, usagetype]) => `${usagetype}=${usd}`).join(', ');
    throw new PriceListError(`the Price List has several prices for ${what}: ${seen}`);
  }
  return { usd: [...prices.keys()][0] };
}
