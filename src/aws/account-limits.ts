/**
 * What the account may still create in the region, and where things are offered: the reads the
 * create's preflight and `sitebot init` make. Read-only, one SDK call (or paginator) per
 * method, no retries of our own; every action is one the worker role is granted:
 * servicequotas:GetServiceQuota, ec2:DescribeVpcs / DescribeAvailabilityZones /
 * DescribeInstanceTypeOfferings / DescribeAccountAttributes, rds:DescribeAccountAttributes /
 * DescribeOrderableDBInstanceOptions, elasticloadbalancing:DescribeAccountLimits /
 * DescribeLoadBalancers / DescribeTargetGroups.
 */
import {
  DescribeAccountAttributesCommand as Ec2AccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  paginateDescribeInstanceTypeOfferings,
  paginateDescribeVpcs,
  type EC2Client,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import {
  DescribeAccountLimitsCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeAccountAttributesCommand as RdsAccountAttributesCommand,
  paginateDescribeOrderableDBInstanceOptions,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { GetServiceQuotaCommand, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { errorCode } from './errors';

/** Amazon VPC's "VPCs per Region" (Service Quotas code; default 5, VPC user guide "Amazon VPC quotas"). */
export const VPC_QUOTA = { serviceCode: 'vpc', quotaCode: 'L-F678F1CE', defaultValue: 5 } as const;

export interface AppliedQuota {
  value: number;
  /** False when Service Quotas has no applied value and AWS's default is used. */
  applied: boolean;
}

export interface OrderableDbOption {
  engineVersion: string;
  zones: string[];
  multiAzCapable: boolean;
}

export interface AccountLimitsClients {
  ec2: EC2Client;
  rds: RDSClient;
  elbv2: ElasticLoadBalancingV2Client;
  serviceQuotas: ServiceQuotasClient;
}

async function count<P>(pages: AsyncIterable<P>, pick: (page: P) => unknown[] | undefined): Promise<number> {
  let n = 0;
  for await (const page of pages) n += pick(page)?.length ?? 0;
  return n;
}

export class AccountLimitsAdapter {
  constructor(readonly clients: AccountLimitsClients) {}

  /**
   * "VPCs per Region": the applied value, else AWS's default ("If the applied quota value is not
   * available for a quota, the quota is not retrieved": Service Quotas API reference, GetServiceQuota).
   */
  async vpcQuota(): Promise<AppliedQuota> {
    try {
      const out = await this.clients.serviceQuotas.send(
        new GetServiceQuotaCommand({ ServiceCode: VPC_QUOTA.serviceCode, QuotaCode: VPC_QUOTA.quotaCode }),
      );
      const value = out.Quota?.Value;
      if (typeof value === 'number') return { value, applied: true };
    } catch (err) {
      if (errorCode(err) !== 'NoSuchResourceException') throw err;
    }
    return { value: VPC_QUOTA.defaultValue, applied: false };
  }

  /** Every VPC of the region counts toward the quota, the default VPC too. */
  vpcCount(): Promise<number> {
    return count(paginateDescribeVpcs({ client: this.clients.ec2 }, {}), (p) => p.Vpcs);
  }

  /** The region's AZs with their state (`available`, `impaired`, …). */
  async availabilityZones(): Promise<{ name: string; state: string }[]> {
    const out = await this.clients.ec2.send(new DescribeAvailabilityZonesCommand({}));
    return (out.AvailabilityZones ?? []).map((z) => ({ name: z.ZoneName ?? '', state: z.State ?? '' }));
  }

  /** The AZs of the region that offer `instanceType`. */
  async instanceTypeZones(instanceType: string): Promise<string[]> {
    const zones: string[] = [];
    const pages = paginateDescribeInstanceTypeOfferings(
      { client: this.clients.ec2 },
      {
        LocationType: 'availability-zone',
        Filters: [{ Name: 'instance-type', Values: [instanceType as _InstanceType] }],
      },
    );
    for await (const page of pages)
      for (const o of page.InstanceTypeOfferings ?? []) if (o.Location) zones.push(o.Location);
    return zones;
  }

  /** EC2's account attributes by name (`supported-platforms`, `default-vpc`, …). */
  async ec2Attributes(): Promise<Record<string, string[]>> {
    const out = await this.clients.ec2.send(new Ec2AccountAttributesCommand({}));
    return Object.fromEntries(
      (out.AccountAttributes ?? []).map((a) => [
        a.AttributeName ?? '',
        (a.AttributeValues ?? []).map((v) => v.AttributeValue ?? ''),
      ]),
    );
  }

  /** ELBv2's limits by name (`application-load-balancers`, `target-groups`, …). */
  async elbLimits(): Promise<Record<string, number>> {
    const limits: Record<string, number> = {};
    let Marker: string | undefined;
    do {
      const out = await this.clients.elbv2.send(new DescribeAccountLimitsCommand({ Marker }));
      for (const l of out.Limits ?? []) if (l.Name && l.Max !== undefined) limits[l.Name] = Number(l.Max);
      Marker = out.NextMarker || undefined;
    } while (Marker);
    return limits;
  }

  /** Application Load Balancers in the region (what `application-load-balancers` limits). */
  async applicationLoadBalancerCount(): Promise<number> {
    let n = 0;
    for await (const page of paginateDescribeLoadBalancers({ client: this.clients.elbv2 }, {}))
      n += (page.LoadBalancers ?? []).filter((lb) => (lb.Type ?? 'application') === 'application').length;
    return n;
  }

  targetGroupCount(): Promise<number> {
    return count(paginateDescribeTargetGroups({ client: this.clients.elbv2 }, {}), (p) => p.TargetGroups);
  }

  /** RDS's quotas with their usage, by name (`DBInstances`, `DBSubnetGroups`, `AllocatedStorage`, …). */
  async rdsQuotas(): Promise<Record<string, { used: number; max: number }>> {
    const out = await this.clients.rds.send(new RdsAccountAttributesCommand({}));
    return Object.fromEntries(
      (out.AccountQuotas ?? []).map((q) => [
        q.AccountQuotaName ?? '',
        { used: q.Used ?? 0, max: q.Max ?? 0 },
      ]),
    );
  }

  /** What RDS offers for `engine` on `instanceClass` in a VPC: each version with the AZs it is orderable in. */
  async orderableDbOptions(engine: string, instanceClass: string): Promise<OrderableDbOption[]> {
    const options: OrderableDbOption[] = [];
    const pages = paginateDescribeOrderableDBInstanceOptions(
      { client: this.clients.rds },
      { Engine: engine, DBInstanceClass: instanceClass, Vpc: true },
    );
    for await (const page of pages)
      for (const o of page.OrderableDBInstanceOptions ?? [])
        options.push({
          engineVersion: o.EngineVersion ?? '',
          zones: (o.AvailabilityZones ?? []).map((z) => z.Name ?? '').filter(Boolean),
          multiAzCapable: o.MultiAZCapable === true,
        });
    return options;
  }
}
