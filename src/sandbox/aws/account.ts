/**
 * The sandbox account's limits and offerings: AWS's default quotas for a new account, and
 * which instance types and DB offerings each AZ has. The services answer the account APIs
 * from here (Service Quotas, EC2/RDS DescribeAccountAttributes, ELBv2 DescribeAccountLimits,
 * DescribeInstanceTypeOfferings, DescribeOrderableDBInstanceOptions) and refuse with AWS's
 * codes what goes past them; tests lower a quota or take an offering away through the admin
 * API (`POST /_sandbox/quotas`, `POST /_sandbox/offerings`).
 *
 * Defaults: Amazon VPC quotas ("VPCs per Region" 5, L-F678F1CE), Application Load Balancer
 * quotas (50 per Region, 3000 target groups), Amazon RDS quotas (40 DB instances, 50 DB subnet
 * groups, 100,000 GiB of storage). Every known instance type and DB offering is in every AZ
 * until removed.
 */
import { z } from 'zod';

export const DEFAULT_QUOTAS = {
  vpcsPerRegion: 5,
  applicationLoadBalancers: 50,
  targetGroups: 3000,
  dbInstances: 40,
  dbSubnetGroups: 50,
  allocatedStorageGb: 100_000,
} as const;

export type AccountQuotas = { -readonly [K in keyof typeof DEFAULT_QUOTAS]: number };

const quotaValue = z.number().int().min(0);

export const quotasInput = z
  .object({
    vpcsPerRegion: quotaValue.optional(),
    applicationLoadBalancers: quotaValue.optional(),
    targetGroups: quotaValue.optional(),
    dbInstances: quotaValue.optional(),
    dbSubnetGroups: quotaValue.optional(),
    allocatedStorageGb: quotaValue.optional(),
  })
  .strict();

const instanceTypeOffering = z.object({ instanceType: z.string().min(1), az: z.string().min(1).optional() });
/** Any field left out matches everything: `{ engineVersion: '8.4' }` takes MySQL 8.4 away from every class and AZ. */
const dbOffering = z.object({
  instanceClass: z.string().min(1).optional(),
  engineVersion: z.string().min(1).optional(),
  az: z.string().min(1).optional(),
});

export const offeringsInput = z
  .object({
    /** Instance types no longer offered (in one AZ, or everywhere without `az`). */
    removeInstanceTypes: z.array(instanceTypeOffering).optional(),
    /** DB offerings no longer orderable. */
    removeDbOfferings: z.array(dbOffering).optional(),
  })
  .strict();

export type InstanceTypeRemoval = z.infer<typeof instanceTypeOffering>;
export type DbOfferingRemoval = z.infer<typeof dbOffering>;

/** `8.4` matches 8.4.x; a full version matches only itself. */
function versionMatches(wanted: string, version: string): boolean {
  return version === wanted || version.startsWith(`${wanted}.`);
}

export class AccountSettings {
  quotas: AccountQuotas = { ...DEFAULT_QUOTAS };
  private removedTypes: InstanceTypeRemoval[] = [];
  private removedDb: DbOfferingRemoval[] = [];

  setQuotas(input: Partial<AccountQuotas>): void {
    this.quotas = { ...this.quotas, ...input };
  }

  removeOfferings(input: z.infer<typeof offeringsInput>): void {
    this.removedTypes.push(...(input.removeInstanceTypes ?? []));
    this.removedDb.push(...(input.removeDbOfferings ?? []));
  }

  /** Whether `instanceType` (one the emulator knows) may be launched in `az`. */
  instanceTypeOffered(instanceType: string, az: string): boolean {
    return !this.removedTypes.some((r) => r.instanceType === instanceType && (!r.az || r.az === az));
  }

  /** Whether MySQL `engineVersion` (a full version) on `instanceClass` may be ordered in `az`. */
  dbOrderable(instanceClass: string, engineVersion: string, az: string): boolean {
    return !this.removedDb.some(
      (r) =>
        (!r.instanceClass || r.instanceClass === instanceClass) &&
        (!r.engineVersion || versionMatches(r.engineVersion, engineVersion)) &&
        (!r.az || r.az === az),
    );
  }

  snapshot() {
    return {
      quotas: { ...this.quotas },
      removedInstanceTypes: [...this.removedTypes],
      removedDbOfferings: [...this.removedDb],
    };
  }

  reset(): void {
    this.quotas = { ...DEFAULT_QUOTAS };
    this.removedTypes = [];
    this.removedDb = [];
  }
}
