/**
 * Where instance types are offered (DescribeInstanceTypeOfferings) and the account's EC2
 * attributes (DescribeAccountAttributes). Offerings come from the world's account settings:
 * every known type in every AZ of the region until a test takes one away, after which
 * RunInstances in that AZ fails with `Unsupported`, as on AWS.
 */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { zonesOf } from './azs';
import { invalidParameterValue } from './errors';
import { applyFilters } from './filters';
import { KNOWN_INSTANCE_TYPES } from './instance-types';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';

interface Offering {
  instanceType: string;
  locationType: string;
  location: string;
}

const LOCATION_TYPES = ['region', 'availability-zone', 'availability-zone-id'];

function offerings(model: Ec2Model, locationType: string): Offering[] {
  const { world } = model;
  const zones = zonesOf(world.region);
  const out: Offering[] = [];
  for (const instanceType of KNOWN_INSTANCE_TYPES) {
    const offeredIn = zones.filter((z) => world.account.instanceTypeOffered(instanceType, z.zoneName));
    if (locationType === 'region') {
      if (offeredIn.length > 0) out.push({ instanceType, locationType, location: world.region });
      continue;
    }
    for (const z of offeredIn)
      out.push({
        instanceType,
        locationType,
        location: locationType === 'availability-zone' ? z.zoneName : z.zoneId,
      });
  }
  return out;
}

const describeInstanceTypeOfferings: Ec2Handler = (p, model) => {
  const locationType = p.LocationType ?? 'region';
  if (!LOCATION_TYPES.includes(locationType)) {
    throw invalidParameterValue(`Value (${locationType}) for parameter locationType is invalid.`);
  }
  const filtered = applyFilters(
    offerings(model, locationType),
    qFilters(p),
    { location: (o) => o.location, 'instance-type': (o) => o.instanceType },
    () => ({}),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken, { min: 5, max: 1000 });
  return {
    instanceTypeOfferingSet: xmlList(
      'item',
      page.items.map((o) => ({
        instanceType: o.instanceType,
        locationType: o.locationType,
        location: o.location,
      })),
    ),
    nextToken: page.nextToken,
  };
};

/** What a VPC-only account without a default VPC reports (EC2 API reference, AccountAttribute). */
const ACCOUNT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'supported-platforms': ['VPC'],
  'default-vpc': ['none'],
  'max-instances': ['20'],
  'max-elastic-ips': ['5'],
  'vpc-max-elastic-ips': ['5'],
  'vpc-max-security-groups-per-interface': ['5'],
};

const describeAccountAttributes: Ec2Handler = (p) => {
  const all = ACCOUNT_ATTRIBUTES;
  const names = qList(p, 'AttributeName');
  for (const n of names) {
    if (!(n in all)) throw invalidParameterValue(`Value (${n}) for parameter attributeName is invalid.`);
  }
  const selected = names.length > 0 ? names : Object.keys(all);
  return {
    accountAttributeSet: xmlList(
      'item',
      selected.map((name) => ({
        attributeName: name,
        attributeValueSet: xmlList(
          'item',
          all[name].map((attributeValue) => ({ attributeValue })),
        ),
      })),
    ),
  };
};

/** Why RunInstances refuses a type in an AZ that does not offer it (EC2 error code `Unsupported`). */
export function unsupportedInAz(model: Ec2Model, instanceType: string, az: string): AwsError {
  const others = zonesOf(model.world.region)
    .map((z) => z.zoneName)
    .filter((z) => z !== az && model.world.account.instanceTypeOffered(instanceType, z));
  return new AwsError(
    'Unsupported',
    `Your requested instance type (${instanceType}) is not supported in your requested Availability Zone (${az}). ` +
      `Please retry your request by not specifying an Availability Zone or choosing ${others.join(', ')}.`,
  );
}

export const offeringHandlers: Record<string, Ec2Handler> = {
  DescribeInstanceTypeOfferings: describeInstanceTypeOfferings,
  DescribeAccountAttributes: describeAccountAttributes,
};
