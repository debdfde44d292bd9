/** Subnets: CreateSubnet (AZ checked against the region's real AZs, CIDR inside the VPC, no overlap), attributes, DeleteSubnet. */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qRequired } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { zonesOf } from './azs';
import { contains, overlaps, parseCidr } from './cidr';
import { dependencyViolation } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet, tagSpecs } from './tags';
import type { Subnet } from './types';

export function subnetXml(model: Ec2Model, s: Subnet) {
  return {
    subnetId: s.subnetId,
    subnetArn: `arn:aws:ec2:${model.world.region}:${model.accountId}:subnet/${s.subnetId}`,
    state: 'available',
    vpcId: s.vpcId,
    ownerId: model.accountId,
    cidrBlock: s.cidrBlock,
    availableIpAddressCount: model.availableIpCount(s),
    availabilityZone: s.availabilityZone,
    availabilityZoneId: s.availabilityZoneId,
    defaultForAz: false,
    mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    assignIpv6AddressOnCreation: false,
    tagSet: tagSet(model, s.subnetId),
  };
}

const createSubnet: Ec2Handler = (p, model) => {
  const vpc = model.requireVpc(qRequired(p, 'VpcId'));
  const cidrBlock = qRequired(p, 'CidrBlock');
  const zones = zonesOf(model.world.region);
  const zone = p.AvailabilityZone
    ? zones.find((z) => z.zoneName === p.AvailabilityZone)
    : p.AvailabilityZoneId
      ? zones.find((z) => z.zoneId === p.AvailabilityZoneId)
      : zones[0];
  if (!zone) {
    const given = p.AvailabilityZone ?? p.AvailabilityZoneId;
    throw new AwsError(
      'InvalidParameterValue',
      `Value (${given}) for parameter availabilityZone is invalid. Subnets can currently only be created in the ` +
        `following availability zones: ${zones.map((z) => z.zoneName).join(', ')}.`,
    );
  }
  const cidr = parseCidr(cidrBlock);
  const vpcCidr = parseCidr(vpc.cidrBlock);
  if (!cidr || !vpcCidr || cidr.prefix > 28 || !contains(vpcCidr, cidr)) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${cidrBlock}' is invalid.`);
  }
  for (const other of model.subnets.values()) {
    const o = parseCidr(other.cidrBlock);
    if (other.vpcId === vpc.vpcId && o && overlaps(o, cidr)) {
      throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${cidrBlock}' conflicts with another subnet`);
    }
  }
  const tags = tagSpecs(p, 'subnet');
  const subnet: Subnet = {
    subnetId: model.newId('subnet'),
    vpcId: vpc.vpcId,
    cidrBlock,
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    mapPublicIpOnLaunch: false,
    lastHostOffset: 3, // .0 network, .1 router, .2 DNS, .3 reserved
  };
  model.subnets.set(subnet.subnetId, subnet);
  model.addTags(subnet.subnetId, tags);
  return { subnet: subnetXml(model, subnet) };
};

const modifySubnetAttribute: Ec2Handler = (p, model) => {
  const subnet = model.requireSubnet(qRequired(p, 'SubnetId'));
  const mapPublic = p['MapPublicIpOnLaunch.Value'];
  if (mapPublic === undefined) {
    throw new AwsError('InvalidParameterCombination', 'The sandbox supports only MapPublicIpOnLaunch.');
  }
  subnet.mapPublicIpOnLaunch = mapPublic === 'true';
  return { return: true };
};

const describeSubnets: Ec2Handler = (p, model) => {
  model.settle();
  const ids = qList(p, 'SubnetId');
  const subnets =
    ids.length > 0
      ? ids.map((id) => model.requireSubnet(id))
      : model.listed(model.subnets.values(), (s) => s.subnetId);
  const filtered = applyFilters(
    subnets,
    qFilters(p),
    {
      'subnet-id': (s) => s.subnetId,
      'vpc-id': (s) => s.vpcId,
      'availability-zone': (s) => s.availabilityZone,
      'availability-zone-id': (s) => s.availabilityZoneId,
      'cidr-block': (s) => s.cidrBlock,
      cidr: (s) => s.cidrBlock,
      cidrBlock: (s) => s.cidrBlock,
      state: () => 'available',
      'map-public-ip-on-launch': (s) => String(s.mapPublicIpOnLaunch),
      'default-for-az': () => 'false',
      'owner-id': () => model.accountId,
    },
    (s) => model.tagsOf(s.subnetId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    subnetSet: xmlList(
      'item',
      page.items.map((s) => subnetXml(model, s)),
    ),
    nextToken: page.nextToken,
  };
};

const deleteSubnet: Ec2Handler = (p, model) => {
  const subnet = model.requireSubnet(qRequired(p, 'SubnetId'));
  if (model.liveNetworkInterfaces().some((e) => e.subnetId === subnet.subnetId)) {
    throw dependencyViolation(`The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`);
  }
  for (const t of model.routeTables.values()) {
    t.associations = t.associations.filter((a) => a.subnetId !== subnet.subnetId);
  }
  model.subnets.delete(subnet.subnetId);
  model.tags.delete(subnet.subnetId);
  return { return: true };
};

export const subnetHandlers: Record<string, Ec2Handler> = {
  CreateSubnet: createSubnet,
  ModifySubnetAttribute: modifySubnetAttribute,
  DescribeSubnets: describeSubnets,
  DeleteSubnet: deleteSubnet,
};
