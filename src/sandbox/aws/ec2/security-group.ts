/**
 * Security groups and ingress rules (CIDR and security-group sources). Deleting a group
 * that another group references, or that an ENI (instance, ALB, RDS) still uses, fails with
 * `DependencyViolation` as on AWS. LIMITATIONS: egress rules are the default allow-all only.
 */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qRequired, qStructList, type QueryParams } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { parseCidr } from './cidr';
import { dependencyViolation, invalidParameterValue } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet, tagSpecs } from './tags';
import type { SecurityGroup, SecurityGroupRule } from './types';

function permissionsXml(model: Ec2Model, rules: SecurityGroupRule[]) {
  // AWS groups rules with the same protocol and ports into one IpPermission.
  const byKey = new Map<string, SecurityGroupRule[]>();
  for (const r of rules) {
    const key = `${r.ipProtocol}|${r.fromPort}|${r.toPort}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return xmlList(
    'item',
    [...byKey.values()].map((group) => ({
      ipProtocol: group[0].ipProtocol,
      fromPort: group[0].fromPort,
      toPort: group[0].toPort,
      groups: xmlList(
        'item',
        group
          .filter((r) => r.sourceGroupId)
          .map((r) => ({ userId: model.accountId, groupId: r.sourceGroupId, description: r.description })),
      ),
      ipRanges: xmlList(
        'item',
        group.filter((r) => r.cidrIp).map((r) => ({ cidrIp: r.cidrIp, description: r.description })),
      ),
      ipv6Ranges: xmlList('item', []),
      prefixListIds: xmlList('item', []),
    })),
  );
}

function groupArn(model: Ec2Model, g: SecurityGroup): string {
  return `arn:aws:ec2:${model.world.region}:${model.accountId}:security-group/${g.groupId}`;
}

export function securityGroupXml(model: Ec2Model, g: SecurityGroup) {
  return {
    ownerId: model.accountId,
    groupId: g.groupId,
    groupName: g.groupName,
    groupDescription: g.description,
    vpcId: g.vpcId,
    securityGroupArn: groupArn(model, g),
    ipPermissions: permissionsXml(model, g.ingress),
    ipPermissionsEgress: permissionsXml(model, g.egress),
    tagSet: tagSet(model, g.groupId),
  };
}

const createSecurityGroup: Ec2Handler = (p, model) => {
  const groupName = qRequired(p, 'GroupName');
  const description = qRequired(p, 'GroupDescription');
  if (!p.VpcId) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  const vpc = model.requireVpc(p.VpcId);
  if (groupName.toLowerCase().startsWith('sg-')) {
    throw invalidParameterValue(`Group names may not be in the format sg-*.`);
  }
  if (groupName === 'default') {
    throw invalidParameterValue(
      `Value (default) for parameter GroupName is invalid. Group names may not be 'default'.`,
    );
  }
  if ([...model.securityGroups.values()].some((g) => g.vpcId === vpc.vpcId && g.groupName === groupName)) {
    throw new AwsError(
      'InvalidGroup.Duplicate',
      `The security group '${groupName}' already exists for VPC '${vpc.vpcId}'`,
    );
  }
  const tags = tagSpecs(p, 'security-group');
  const g: SecurityGroup = {
    groupId: model.newId('sg'),
    groupName,
    description,
    vpcId: vpc.vpcId,
    ingress: [],
    egress: [{ ruleId: model.newId('sgr'), ipProtocol: '-1', cidrIp: '0.0.0.0/0' }],
  };
  model.securityGroups.set(g.groupId, g);
  model.addTags(g.groupId, tags);
  return { groupId: g.groupId, securityGroupArn: groupArn(model, g), tagSet: tagSet(model, g.groupId) };
};

function normalizeProtocol(raw: string): string {
  const p = raw.toLowerCase();
  if (p === '-1' || p === 'all') return '-1';
  if (p === '6') return 'tcp';
  if (p === '17') return 'udp';
  if (p === '1') return 'icmp';
  if (p === 'tcp' || p === 'udp' || p === 'icmp') return p;
  throw invalidParameterValue(`Invalid value '${raw}' for IP protocol. Unknown protocol.`);
}

/** The rules an Authorize/Revoke request names, one per source (CIDR or group). */
function requestedRules(model: Ec2Model, group: SecurityGroup, p: QueryParams): SecurityGroupRule[] {
  const perms = qStructList(p, 'IpPermissions');
  if (perms.length === 0 && p.IpProtocol) {
    // The older flat form: IpProtocol, FromPort, ToPort, CidrIp.
    perms.push({
      IpProtocol: p.IpProtocol,
      FromPort: p.FromPort,
      ToPort: p.ToPort,
      'IpRanges.1.CidrIp': p.CidrIp ?? '',
    });
  }
  const rules: SecurityGroupRule[] = [];
  for (const perm of perms) {
    const ipProtocol = normalizeProtocol(perm.IpProtocol ?? '-1');
    const ports =
      ipProtocol === '-1' ? {} : { fromPort: Number(perm.FromPort ?? -1), toPort: Number(perm.ToPort ?? -1) };
    if (ipProtocol === 'tcp' || ipProtocol === 'udp') {
      const { fromPort = -1, toPort = -1 } = ports;
      if (fromPort < 0 || toPort > 65535 || fromPort > toPort) {
        throw invalidParameterValue(
          `Invalid port range ${perm.FromPort}-${perm.ToPort} for protocol ${ipProtocol}.`,
        );
      }
    }
    for (const range of qStructList(perm, 'IpRanges')) {
      if (!range.CidrIp) continue;
      if (!parseCidr(range.CidrIp)) throw invalidParameterValue(`CIDR block ${range.CidrIp} is malformed`);
      rules.push({ ruleId: '', ipProtocol, ...ports, cidrIp: range.CidrIp, description: range.Description });
    }
    for (const pair of [...qStructList(perm, 'Groups'), ...qStructList(perm, 'UserIdGroupPairs')]) {
      const source = pair.GroupId
        ? model.requireSecurityGroup(pair.GroupId)
        : [...model.securityGroups.values()].find(
            (g) => g.vpcId === group.vpcId && g.groupName === pair.GroupName,
          );
      if (!source)
        throw new AwsError('InvalidGroup.NotFound', `The security group '${pair.GroupName}' does not exist`);
      if (source.vpcId !== group.vpcId) {
        throw invalidParameterValue(`You have specified two resources that belong to different networks.`);
      }
      rules.push({
        ruleId: '',
        ipProtocol,
        ...ports,
        sourceGroupId: source.groupId,
        description: pair.Description,
      });
    }
  }
  if (rules.length === 0)
    throw new AwsError('MissingParameter', 'No IP permissions or sources were specified.');
  return rules;
}

function sameRule(a: SecurityGroupRule, b: SecurityGroupRule): boolean {
  return (
    a.ipProtocol === b.ipProtocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    a.cidrIp === b.cidrIp &&
    a.sourceGroupId === b.sourceGroupId
  );
}

function describeRule(r: SecurityGroupRule): string {
  const peer = r.cidrIp ?? r.sourceGroupId;
  const proto = r.ipProtocol === '-1' ? 'ALL' : r.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${proto}, from port: ${r.fromPort ?? -1}, to port: ${r.toPort ?? -1}, ALLOW`;
}

function groupFor(model: Ec2Model, p: QueryParams): SecurityGroup {
  if (p.GroupId) return model.requireSecurityGroup(p.GroupId);
  if (p.GroupName) {
    const g = [...model.securityGroups.values()].find((x) => x.groupName === p.GroupName);
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${p.GroupName}' does not exist`);
    return g;
  }
  throw new AwsError('MissingParameter', 'The request must contain the parameter GroupId');
}

const authorizeIngress: Ec2Handler = (p, model) => {
  const group = groupFor(model, p);
  const rules = requestedRules(model, group, p);
  for (const r of rules) {
    if (group.ingress.some((existing) => sameRule(existing, r))) {
      throw new AwsError(
        'InvalidPermission.Duplicate',
        `the specified rule "${describeRule(r)}" already exists`,
      );
    }
  }
  for (const r of rules) r.ruleId = model.newId('sgr');
  group.ingress.push(...rules);
  return {
    return: true,
    securityGroupRuleSet: xmlList(
      'item',
      rules.map((r) => ({
        securityGroupRuleId: r.ruleId,
        groupId: group.groupId,
        groupOwnerId: model.accountId,
        isEgress: false,
        ipProtocol: r.ipProtocol,
        fromPort: r.fromPort ?? -1,
        toPort: r.toPort ?? -1,
        cidrIpv4: r.cidrIp,
        referencedGroupInfo: r.sourceGroupId
          ? { groupId: r.sourceGroupId, userId: model.accountId }
          : undefined,
        description: r.description,
      })),
    ),
  };
};

const revokeIngress: Ec2Handler = (p, model) => {
  const group = groupFor(model, p);
  const ruleIds = qList(p, 'SecurityGroupRuleId');
  if (ruleIds.length > 0) {
    for (const id of ruleIds) {
      if (!group.ingress.some((r) => r.ruleId === id)) {
        throw new AwsError(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${id}' does not exist`,
        );
      }
    }
    group.ingress = group.ingress.filter((r) => !ruleIds.includes(r.ruleId));
    return { return: true };
  }
  const rules = requestedRules(model, group, p);
  // In a non-default VPC one unmatched rule fails the whole call and nothing is revoked.
  if (!rules.every((r) => group.ingress.some((existing) => sameRule(existing, r)))) {
    throw new AwsError(
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
  }
  group.ingress = group.ingress.filter((existing) => !rules.some((r) => sameRule(existing, r)));
  return { return: true };
};

const describeSecurityGroups: Ec2Handler = (p, model) => {
  const ids = qList(p, 'GroupId');
  const names = qList(p, 'GroupName');
  let groups =
    ids.length > 0
      ? ids.map((id) => model.requireSecurityGroup(id))
      : model.listed(model.securityGroups.values(), (g) => g.groupId);
  if (names.length > 0) {
    groups = groups.filter((g) => names.includes(g.groupName));
    for (const n of names) {
      if (!groups.some((g) => g.groupName === n)) {
        throw new AwsError(
          'InvalidGroup.NotFound',
          `The security group '${n}' does not exist in default VPC 'none'`,
        );
      }
    }
  }
  const filtered = applyFilters(
    groups,
    qFilters(p),
    {
      'group-id': (g) => g.groupId,
      'group-name': (g) => g.groupName,
      'vpc-id': (g) => g.vpcId,
      description: (g) => g.description,
      'owner-id': () => model.accountId,
      'ip-permission.group-id': (g) => g.ingress.flatMap((r) => (r.sourceGroupId ? [r.sourceGroupId] : [])),
      'ip-permission.cidr': (g) => g.ingress.flatMap((r) => (r.cidrIp ? [r.cidrIp] : [])),
      'ip-permission.from-port': (g) => g.ingress.map((r) => String(r.fromPort ?? -1)),
      'ip-permission.to-port': (g) => g.ingress.map((r) => String(r.toPort ?? -1)),
      'ip-permission.protocol': (g) => g.ingress.map((r) => r.ipProtocol),
    },
    (g) => model.tagsOf(g.groupId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    securityGroupInfo: xmlList(
      'item',
      page.items.map((g) => securityGroupXml(model, g)),
    ),
    nextToken: page.nextToken,
  };
};

const deleteSecurityGroup: Ec2Handler = (p, model) => {
  const group = groupFor(model, p);
  if (group.groupName === 'default') {
    throw new AwsError(
      'CannotDelete',
      `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`,
    );
  }
  const referenced = [...model.securityGroups.values()].some(
    (g) =>
      g.groupId !== group.groupId &&
      [...g.ingress, ...g.egress].some((r) => r.sourceGroupId === group.groupId),
  );
  const onEni = model.liveNetworkInterfaces().some((e) => e.groupIds.includes(group.groupId));
  if (referenced || onEni) throw dependencyViolation(`resource ${group.groupId} has a dependent object`);
  model.securityGroups.delete(group.groupId);
  model.tags.delete(group.groupId);
  return { return: true, groupId: group.groupId };
};

export const securityGroupHandlers: Record<string, Ec2Handler> = {
  CreateSecurityGroup: createSecurityGroup,
  AuthorizeSecurityGroupIngress: authorizeIngress,
  RevokeSecurityGroupIngress: revokeIngress,
  DescribeSecurityGroups: describeSecurityGroups,
  DeleteSecurityGroup: deleteSecurityGroup,
};
