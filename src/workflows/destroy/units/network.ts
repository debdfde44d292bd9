/**
 * Units for the VPC and what is in it: security groups (their cross-references revoked
 * first), the route table (associations, routes, table), the internet gateway (detach, then
 * delete), subnets, the VPC, and network interfaces tagged for the env.
 */
import { say } from '../../../i18n/said';
import type { Filter, IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { errorCode, isNotFound } from '../../../aws/errors';
import { eachExisting } from '../../../aws/teardown-ec2';
import { envFilters, tagRecord, TAG_ROLE } from '../../../aws/tags';
import { attempt, describeError, isBlocked, type RemoveOutcome } from '../outcome';
import { recordedIds, type Candidate, type ResourceType } from '../resources';
import { mergeCandidates, type Unit } from './unit';

/** Ids recorded for `type` looked up one by one, plus everything tagged for the env. */
async function ec2Candidates<T extends { Tags?: { Key?: string; Value?: string }[] }>(
  type: ResourceType,
  recorded: Readonly<Record<string, string>>,
  env: string,
  list: (filters: Filter[], ids?: string[]) => Promise<T[]>,
  idOf: (item: T) => string,
  facts?: (item: T) => Record<string, unknown>,
): Promise<Candidate[]> {
  const toCandidate = (item: T, isRecorded: boolean): Candidate => ({
    type,
    id: idOf(item),
    tags: tagRecord(item.Tags),
    recorded: isRecorded,
    ...(facts ? { facts: facts(item) } : {}),
  });
  const byId = await eachExisting(recordedIds(recorded, type), (id) => list([], [id]));
  const tagged = await list(envFilters(env));
  return mergeCandidates(
    byId.map((i) => toCandidate(i, true)),
    tagged.map((i) => toCandidate(i, false)),
  );
}

/** db-sg before web-sg before elb-sg: each one's rules refer to the next. */
const SG_ORDER = ['db-sg', 'web-sg', 'elb-sg'];

/** The rules of a group that name another group: revoked first so no group blocks another. */
function groupReferences(group: SecurityGroup): IpPermission[] {
  return (group.IpPermissions ?? [])
    .filter((p) => (p.UserIdGroupPairs ?? []).some((g) => g.GroupId))
    .map((p) => ({
      IpProtocol: p.IpProtocol,
      FromPort: p.FromPort,
      ToPort: p.ToPort,
      UserIdGroupPairs: (p.UserIdGroupPairs ?? [])
        .filter((g) => g.GroupId)
        .map((g) => ({ GroupId: g.GroupId })),
    }));
}

export const securityGroupUnit: Unit = {
  type: 'security-group',
  async find({ ec2 }, { env, recorded }) {
    const found = await ec2Candidates(
      'security-group',
      recorded,
      env,
      (f, ids) => ec2.securityGroups(f, ids),
      (g) => g.GroupId!,
      (g) => ({ references: groupReferences(g), name: g.GroupName }),
    );
    const rank = (c: Candidate) => {
      const i = SG_ORDER.indexOf(c.tags[TAG_ROLE] ?? '');
      return i < 0 ? SG_ORDER.length : i;
    };
    return found.filter((c) => c.facts?.name !== 'default').sort((a, b) => rank(a) - rank(b));
  },
  async remove({ tEc2 }, c) {
    const references = (c.facts?.references ?? []) as IpPermission[];
    if (references.length > 0) {
      try {
        await tEc2.revokeIngress(c.id, references);
      } catch (err) {
        // Already revoked (or the peer is gone): nothing to undo. A missing group shows in the delete.
        const code = errorCode(err);
        if (code !== 'InvalidPermission.NotFound' && !isNotFound(err)) {
          if (isBlocked(err)) return { kind: 'blocked', reason: describeError(err) };
          throw err;
        }
      }
    }
    return attempt(() => tEc2.deleteSecurityGroup(c.id));
  },
};

interface Association {
  id: string;
  main: boolean;
}

export const routeTableUnit: Unit = {
  type: 'route-table',
  find: ({ ec2 }, { env, recorded }) =>
    ec2Candidates(
      'route-table',
      recorded,
      env,
      (f, ids) => ec2.routeTables(f, ids),
      (t) => t.RouteTableId!,
      (t) => ({
        associations: (t.Associations ?? []).map((a) => ({
          id: a.RouteTableAssociationId,
          main: a.Main === true,
        })),
        routes: (t.Routes ?? [])
          .filter((r) => r.GatewayId !== 'local' && r.DestinationCidrBlock)
          .map((r) => r.DestinationCidrBlock),
      }),
    ),
  async remove({ tEc2 }, c) {
    const associations = (c.facts?.associations ?? []) as Association[];
    if (associations.some((a) => a.main)) return { kind: 'blocked', reason: say('work.mainRouteTable') };
    for (const a of associations) {
      const out = await attempt(() => tEc2.disassociateRouteTable(a.id));
      if (out.kind === 'blocked') return out;
    }
    for (const cidr of (c.facts?.routes ?? []) as string[]) {
      const out = await attempt(() => tEc2.deleteRoute(c.id, cidr));
      if (out.kind === 'blocked') return out;
    }
    return attempt(() => tEc2.deleteRouteTable(c.id));
  },
};

export const internetGatewayUnit: Unit = {
  type: 'internet-gateway',
  find: ({ ec2 }, { env, recorded }) =>
    ec2Candidates(
      'internet-gateway',
      recorded,
      env,
      (f, ids) => ec2.internetGateways(f, ids),
      (g) => g.InternetGatewayId!,
      (g) => ({ vpcIds: (g.Attachments ?? []).map((a) => a.VpcId).filter(Boolean) }),
    ),
  async remove({ tEc2 }, c) {
    for (const vpcId of (c.facts?.vpcIds ?? []) as string[]) {
      // Refused ("has some mapped public address(es)") while instance or ALB addresses linger.
      const out = await attempt(() => tEc2.detachInternetGateway(c.id, vpcId)).catch((err: unknown) => {
        if (errorCode(err) === 'Gateway.NotAttached') return { kind: 'gone' } as RemoveOutcome;
        throw err;
      });
      if (out.kind === 'blocked') return out;
    }
    return attempt(() => tEc2.deleteInternetGateway(c.id));
  },
};

export const subnetUnit: Unit = {
  type: 'subnet',
  find: ({ ec2 }, { env, recorded }) =>
    ec2Candidates(
      'subnet',
      recorded,
      env,
      (f, ids) => ec2.subnets(f, ids),
      (s) => s.SubnetId!,
    ),
  remove: ({ tEc2 }, c) => attempt(() => tEc2.deleteSubnet(c.id)),
};

export const vpcUnit: Unit = {
  type: 'vpc',
  find: ({ ec2 }, { env, recorded }) =>
    ec2Candidates(
      'vpc',
      recorded,
      env,
      (f, ids) => ec2.vpcs(f, ids),
      (v) => v.VpcId!,
    ),
  async remove({ tEc2 }, c) {
    const out = await attempt(() => tEc2.deleteVpc(c.id));
    if (out.kind !== 'blocked') return out;
    // Say what is still inside: usually the ENIs of a deleted load balancer or database.
    const enis = await tEc2.networkInterfaces([{ Name: 'vpc-id', Values: [c.id] }]);
    if (enis.length === 0) return out;
    const what = enis.map((e) => `${e.NetworkInterfaceId}${e.Description ? ` (${e.Description})` : ''}`);
    return { kind: 'blocked', reason: say('receipt.interfacesLeft', { reason: out.reason, ids: what }) };
  },
};

/** sitebot creates no ENIs itself; any tagged for the env is a leftover to delete. */
export const networkInterfaceUnit: Unit = {
  type: 'network-interface',
  async find({ tEc2 }, { env }) {
    const enis = await tEc2.networkInterfaces(envFilters(env));
    return enis.map((e) => ({
      type: 'network-interface' as const,
      id: e.NetworkInterfaceId!,
      tags: tagRecord(e.TagSet),
      recorded: false,
      facts: { attached: e.Attachment?.InstanceId !== undefined },
    }));
  },
  async remove({ tEc2 }, c) {
    if (c.facts?.attached) return { kind: 'blocked', reason: say('work.attachedToInstance') };
    return attempt(() => tEc2.deleteNetworkInterface(c.id));
  },
};
