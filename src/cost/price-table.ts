/**
 * The price table: on-demand USD prices per region for exactly what the SPEC environment
 * uses, with where each section came from. `prices.json` beside this file is the shipped
 * table; `sitebot prices refresh` rebuilds it from the AWS Price List API (price-list.ts).
 */
import { z } from 'zod';
import shippedTable from './prices.json';

/** A price in USD. `estimated` marks a figure we could not confirm from a source, with why. */
const priceSchema = z.object({
  usd: z.number().nonnegative(),
  estimated: z.boolean().optional(),
  reason: z.string().optional(),
});
export type Price = z.infer<typeof priceSchema>;

const azPairSchema = z.object({ singleAz: priceSchema, multiAz: priceSchema });
export type AzPair = z.infer<typeof azPairSchema>;

const sectionMeta = { source: z.string().min(1), date: z.string().min(1) };

const regionPricesSchema = z.object({
  ec2: z.object({ ...sectionMeta, instanceHour: z.record(z.string(), priceSchema) }),
  ebs: z.object({
    ...sectionMeta,
    gbMonth: z.object({ gp3: priceSchema, gp2: priceSchema }),
    snapshotGbMonth: priceSchema,
  }),
  rds: z.object({
    ...sectionMeta,
    /** engine (e.g. `mysql`) → DB instance class → hourly price Single-AZ / Multi-AZ. */
    instanceHour: z.record(z.string(), z.record(z.string(), azPairSchema)),
    storageGbMonth: z.object({ gp3: azPairSchema, gp2: azPairSchema }),
  }),
  alb: z.object({ ...sectionMeta, hour: priceSchema, lcuHour: priceSchema }),
  ipv4: z.object({ ...sectionMeta, addressHour: priceSchema }),
});
export type RegionPrices = z.infer<typeof regionPricesSchema>;

export const priceTableSchema = z.object({
  source: z.string().min(1),
  /** The day the table was built (YYYY-MM-DD); shown in every estimate's assumptions. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  currency: z.literal('USD'),
  assumptions: z.object({
    /** Average Load Balancer Capacity Units per hour charged for each ALB. */
    albLcu: z.number().nonnegative(),
    /** Hours in the "month" used for GB-month prorating and per-month figures. */
    hoursPerMonth: z.number().positive(),
  }),
  regions: z.record(z.string(), regionPricesSchema),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

/** Thrown when the table has no price for something an environment uses. */
export class PriceNotFoundError extends Error {
  override readonly name = 'PriceNotFoundError';
  constructor(message: string) {
    super(message);
  }
}

/** Validates a table (e.g. one read from disk); throws with every problem listed. */
export function parsePriceTable(data: unknown): PriceTable {
  const parsed = priceTableSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid price table: ${problems}`);
  }
  return parsed.data;
}

let shipped: PriceTable | undefined;
/** The table committed in the repo (validated once). */
export function defaultPriceTable(): PriceTable {
  shipped ??= parsePriceTable(shippedTable);
  return shipped;
}

export function regionPrices(table: PriceTable, region: string): RegionPrices {
  const prices = table.regions[region];
  if (!prices) {
    const known = Object.keys(table.regions).join(', ');
    throw new PriceNotFoundError(
      `no prices for region ${region} (the table has ${known}); run "sitebot prices refresh --region ${region}"`,
    );
  }
  return prices;
}
