/**
 * VPCs: CreateVpc (with its main route table and default security group, within the account's
 * "VPCs per Region" quota), attributes, DeleteVpc.
 */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qRequired } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { parseCidr } from './cidr';
import { dependencyViolation, invalidParameterCombination } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet, tagSpecs } from './tags';
import type { Vpc } from './types';

export function vpcXml(model: Ec2Model, v: Vpc) {
  return {
    vpcId: v.vpcId,
    ownerId: model.accountId,
    state: 'available',
    cidrBlock: v.cidrBlock,
    cidrBlockAssociationSet: xmlList('item', [
      { associationId: v.cidrAssociationId, cidrBlock: v.cidrBlock, cidrBlockState: { state: 'associated' } },
    ]),
    dhcpOptionsId: v.dhcpOptionsId,
    instanceTenancy: 'default',
    isDefault: false,
    tagSet: tagSet(model, v.vpcId),
  };
}

const createVpc: Ec2Handler = (p, model) => {
  const cidrBlock = qRequired(p, 'CidrBlock');
  const cidr = parseCidr(cidrBlock);
  if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) {
    throw new AwsError('InvalidVpc.Range', `The CIDR '${cidrBlock}' is invalid.`);
  }
  if (p.InstanceTenancy && p.InstanceTenancy !== 'default') {
    throw new AwsError('InvalidParameterValue', 'The sandbox only supports default tenancy.');
  }
  // Every VPC of the region counts (EC2 error codes: VpcLimitExceeded).
  if (model.vpcs.size >= model.world.account.quotas.vpcsPerRegion) {
    throw new AwsError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
  }
  const tags = tagSpecs(p, 'vpc');
  const vpcId = model.newId('vpc');
  const vpc: Vpc = {
    vpcId,
    cidrBlock,
    cidrAssociationId: model.newId('vpc-cidr-assoc'),
    enableDnsSupport: true,
    enableDnsHostnames: false,
    mainRouteTableId: model.newId('rtb'),
    defaultSecurityGroupId: model.newId('sg'),
    dhcpOptionsId: 'dopt-0a1b2c3d4e5f60718',
  };
  model.vpcs.set(vpcId, vpc);
  model.routeTables.set(vpc.mainRouteTableId, {
    routeTableId: vpc.mainRouteTableId,
    vpcId,
    routes: [{ destinationCidrBlock: cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [{ associationId: model.newId('rtbassoc'), main: true }],
  });
  const sgId = vpc.defaultSecurityGroupId;
  model.securityGroups.set(sgId, {
    groupId: sgId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId,
    ingress: [{ ruleId: model.newId('sgr'), ipProtocol: '-1', sourceGroupId: sgId }],
    egress: [{ ruleId: model.newId('sgr'), ipProtocol: '-1', cidrIp: '0.0.0.0/0' }],
  });
  model.addTags(vpcId, tags);
  return { vpc: vpcXml(model, vpc) };
};

const describeVpcs: Ec2Handler = (p, model) => {
  const ids = qList(p, 'VpcId');
  const vpcs =
    ids.length > 0
      ? ids.map((id) => model.requireVpc(id))
      : model.listed(model.vpcs.values(), (v) => v.vpcId);
  const filtered = applyFilters(
    vpcs,
    qFilters(p),
    {
      'vpc-id': (v) => v.vpcId,
      'cidr-block': (v) => v.cidrBlock,
      cidr: (v) => v.cidrBlock,
      'cidr-block-association.cidr-block': (v) => v.cidrBlock,
      state: () => 'available',
      'is-default': () => 'false',
      'owner-id': () => model.accountId,
      'dhcp-options-id': (v) => v.dhcpOptionsId,
    },
    (v) => model.tagsOf(v.vpcId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    vpcSet: xmlList(
      'item',
      page.items.map((v) => vpcXml(model, v)),
    ),
    nextToken: page.nextToken,
  };
};

const modifyVpcAttribute: Ec2Handler = (p, model) => {
  const vpc = model.requireVpc(qRequired(p, 'VpcId'));
  const dnsSupport = p['EnableDnsSupport.Value'];
  const dnsHostnames = p['EnableDnsHostnames.Value'];
  if ((dnsSupport === undefined) === (dnsHostnames === undefined)) {
    throw invalidParameterCombination('Only one attribute can be modified at a time.');
  }
  if (dnsSupport !== undefined) vpc.enableDnsSupport = dnsSupport === 'true';
  if (dnsHostnames !== undefined) {
    const on = dnsHostnames === 'true';
    if (on && !vpc.enableDnsSupport) {
      throw new AwsError(
        'InvalidParameterValue',
        'enableDnsHostnames requires enableDnsSupport to be enabled',
      );
    }
    vpc.enableDnsHostnames = on;
  }
  return { return: true };
};

const describeVpcAttribute: Ec2Handler = (p, model) => {
  const vpc = model.requireVpc(qRequired(p, 'VpcId'));
  const attribute = qRequired(p, 'Attribute');
  const out: Record<string, unknown> = { vpcId: vpc.vpcId };
  if (attribute === 'enableDnsSupport') out.enableDnsSupport = { value: vpc.enableDnsSupport };
  else if (attribute === 'enableDnsHostnames') out.enableDnsHostnames = { value: vpc.enableDnsHostnames };
  else if (attribute === 'enableNetworkAddressUsageMetrics')
    out.enableNetworkAddressUsageMetrics = { value: false };
  else
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid.`);
  return out;
};

const deleteVpc: Ec2Handler = (p, model) => {
  const vpc = model.requireVpc(qRequired(p, 'VpcId'));
  model.settle();
  const id = vpc.vpcId;
  const blocked =
    [...model.subnets.values()].some((s) => s.vpcId === id) ||
    [...model.internetGateways.values()].some((g) => g.attachedVpcId === id) ||
    [...model.securityGroups.values()].some(
      (g) => g.vpcId === id && g.groupId !== vpc.defaultSecurityGroupId,
    ) ||
    [...model.routeTables.values()].some((t) => t.vpcId === id && t.routeTableId !== vpc.mainRouteTableId) ||
    [...model.networkInterfaces.values()].some((e) => e.vpcId === id);
  if (blocked) throw dependencyViolation(`The vpc '${id}' has dependencies and cannot be deleted.`);
  for (const rid of [vpc.mainRouteTableId, vpc.defaultSecurityGroupId, id]) model.tags.delete(rid);
  model.routeTables.delete(vpc.mainRouteTableId);
  model.securityGroups.delete(vpc.defaultSecurityGroupId);
  model.vpcs.delete(id);
  return { return: true };
};

export const vpcHandlers: Record<string, Ec2Handler> = {
  CreateVpc: createVpc,
  DescribeVpcs: describeVpcs,
  ModifyVpcAttribute: modifyVpcAttribute,
  DescribeVpcAttribute: describeVpcAttribute,
  DeleteVpc: deleteVpc,
};
