/** SPEC §2: three security groups; web-sg takes HTTP from the ALB only, db-sg MySQL from web-sg only. */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { sitebotTags } from '../../../aws/tags';
import { defineStep, done, MINUTE, need, notVisibleYet, str, type Ctx } from '../step-kit';

interface GroupSpec {
  key: 'elbSgId' | 'webSgId' | 'dbSgId';
  role: string;
  name: (env: string) => string;
  description: string;
  /** Inbound rules, given the ids of the groups created before it. */
  ingress: (ids: Partial<Record<GroupSpec['key'], string>>) => IpPermission[];
}

const tcp = (port: number, from: { cidr?: string; groupId?: string }): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  ...(from.cidr ? { IpRanges: [{ CidrIp: from.cidr }] } : {}),
  ...(from.groupId ? { UserIdGroupPairs: [{ GroupId: from.groupId }] } : {}),
});

/** In dependency order: each group's rules refer to the one before it. */
export const SECURITY_GROUPS: GroupSpec[] = [
  {
    key: 'elbSgId',
    role: 'elb-sg',
    name: (env) => `${env}-elb-sg`,
    description: 'sitebot load balancer: HTTP from anywhere',
    ingress: () => [tcp(80, { cidr: '0.0.0.0/0' })],
  },
  {
    key: 'webSgId',
    role: 'web-sg',
    name: (env) => `${env}-web-sg`,
    description: 'sitebot web servers: HTTP from the load balancer only',
    ingress: (ids) => [tcp(80, { groupId: ids.elbSgId })],
  },
  {
    key: 'dbSgId',
    role: 'db-sg',
    name: (env) => `${env}-db-sg`,
    description: 'sitebot database: MySQL from the web servers only',
    ingress: (ids) => [tcp(3306, { groupId: ids.webSgId })],
  },
];

function hasRule(existing: IpPermission[] | undefined, want: IpPermission): boolean {
  return (existing ?? []).some(
    (p) =>
      p.IpProtocol === want.IpProtocol &&
      p.FromPort === want.FromPort &&
      p.ToPort === want.ToPort &&
      (want.IpRanges ?? []).every((r) => (p.IpRanges ?? []).some((x) => x.CidrIp === r.CidrIp)) &&
      (want.UserIdGroupPairs ?? []).every((g) =>
        (p.UserIdGroupPairs ?? []).some((x) => x.GroupId === g.GroupId),
      ),
  );
}

/** The group's id once it exists with its rules; undefined while a recorded group is not visible yet. */
async function ensureGroup(
  ctx: Ctx,
  vpcId: string,
  spec: GroupSpec,
  ids: Partial<Record<GroupSpec['key'], string>>,
): Promise<string | undefined> {
  const { ec2 } = ctx.deps;
  const groupName = spec.name(ctx.env);
  const recorded = str(ctx.own, spec.key);
  let group = await ec2.findSecurityGroup(recorded, vpcId, groupName, ctx.env, spec.role);
  if (!group && recorded) return undefined;
  let groupId = group?.GroupId;
  if (!groupId) {
    groupId = await ec2.createSecurityGroup(
      vpcId,
      groupName,
      spec.description,
      sitebotTags(ctx, spec.role, groupName),
    );
    await ctx.record({ [spec.key]: groupId });
    group = undefined;
  }
  const missing = spec.ingress(ids).filter((rule) => !hasRule(group?.IpPermissions, rule));
  if (missing.length > 0) await ec2.authorizeIngress(groupId, missing);
  return groupId;
}

export const securityGroupsStep = defineStep('security-groups', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const vpcId = need(ctx, 'vpc', 'vpcId');
    const ids: Partial<Record<GroupSpec['key'], string>> = {};
    for (const spec of SECURITY_GROUPS) {
      const id = await ensureGroup(ctx, vpcId, spec, ids);
      if (!id) return notVisibleYet(ctx, spec.role);
      ids[spec.key] = id;
    }
    return done(ids);
  },
});
