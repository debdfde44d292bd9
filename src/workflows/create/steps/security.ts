/** SPEC §2: three security groups; web-sg takes HTTP from the ALB only, db-sg MySQL from web-sg only. */
import type { IpPermission } from '@aws-sdk/client-ec2';
import { errorCode, isAlreadyExists } from '../../../aws/errors';
import { sitebotTags } from '../../../aws/tags';
import { defineStep, done, MINUTE, need, str, wait, type Ctx } from '../step-kit';

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

/** The group as it is (id and rules), or why it cannot be had yet (made, not known or listed yet). */
async function ensureGroup(
  ctx: Ctx,
  vpcId: string,
  spec: GroupSpec,
): Promise<{ id: string; permissions: IpPermission[] } | { waiting: string }> {
  const { ec2 } = ctx.deps;
  const groupName = spec.name(ctx.env);
  const recorded = str(ctx.own, spec.key);
  const group = await ec2.findSecurityGroup(recorded, vpcId, groupName, ctx.env, spec.role);
  if (group?.GroupId) return { id: group.GroupId, permissions: group.IpPermissions ?? [] };
  if (recorded) return { waiting: `${spec.role}: created, not visible yet` };
  let groupId: string;
  try {
    groupId = await ec2.createSecurityGroup(
      vpcId,
      groupName,
      spec.description,
      sitebotTags(ctx, spec.role, groupName),
    );
  } catch (err) {
    // The name is taken in our VPC: an attempt whose answer was lost made it; not listed yet.
    if (!isAlreadyExists(err)) throw err;
    return { waiting: `${spec.role}: ${errorCode(err)}, made by an earlier attempt, not listed yet` };
  }
  await ctx.record({ [spec.key]: groupId });
  return { id: groupId, permissions: [] };
}

export const securityGroupsStep = defineStep('security-groups', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const vpcId = need(ctx, 'vpc', 'vpcId');
    // All three groups first (the ones not listed yet wait together), then the rules that name them.
    const groups: { spec: GroupSpec; id: string; permissions: IpPermission[] }[] = [];
    const waiting: string[] = [];
    for (const spec of SECURITY_GROUPS) {
      const g = await ensureGroup(ctx, vpcId, spec);
      if ('waiting' in g) waiting.push(g.waiting);
      else groups.push({ spec, ...g });
    }
    if (waiting.length > 0) return wait(ctx.deps.config.poll.fast * 5, waiting.join('; '));
    const ids = Object.fromEntries(groups.map((g) => [g.spec.key, g.id])) as Record<GroupSpec['key'], string>;
    for (const g of groups) {
      const missing = g.spec.ingress(ids).filter((rule) => !hasRule(g.permissions, rule));
      if (missing.length > 0) await ctx.deps.ec2.authorizeIngress(g.id, missing);
    }
    return done(ids);
  },
});
