/**
 * The web servers' instance role: it may read the credentials secret and describe the env's
 * DB instance (to find its endpoint) and nothing else. Role and instance profile live under the
 * deployment's IAM path, the role with its permissions boundary: the worker's IAM permissions
 * reach nothing else, so a role or profile of that name found elsewhere (made by someone else,
 * or by a sitebot before paths) fails the step with what to do, instead of an AccessDenied later.
 */
import type { InstanceProfile, Role } from '@aws-sdk/client-iam';
import type { IamPlacement } from '../../../config/config';
import { EC2_TRUST_POLICY } from '../../../aws/iam';
import { sitebotTags } from '../../../aws/tags';
import { defineStep, done, failFinal, MINUTE, names, need } from '../step-kit';

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-XXXXXX` → partition and account. */
function arnParts(arn: string): { partition: string; account: string } {
  const parts = arn.split(':');
  if (parts.length < 6) throw new Error(`not an ARN: ${arn}`);
  return { partition: parts[1], account: parts[4] };
}

export function webRolePolicy(secretArn: string, region: string, dbIdentifier: string): string {
  const { partition, account } = arnParts(secretArn);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadCredentials',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArn,
      },
      {
        Sid: 'FindDatabaseEndpoint',
        Effect: 'Allow',
        Action: 'rds:DescribeDBInstances',
        Resource: `arn:${partition}:rds:${region}:${account}:db:${dbIdentifier}`,
      },
    ],
  });
}

/** Why an existing role cannot be this env's web role, or undefined when it can. */
export function misplacedRole(role: Role, placement: IamPlacement): string | undefined {
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  if (role.Path === placement.path && boundary === placement.permissionsBoundary) return undefined;
  const want = placement.permissionsBoundary
    ? `${placement.path} with the permissions boundary ${placement.permissionsBoundary}`
    : `${placement.path} without a permissions boundary`;
  const has = `${role.Path ?? '/'} ${boundary ? `with the boundary ${boundary}` : 'without a boundary'}`;
  return (
    `IAM role ${role.RoleName} already exists at ${has}; sitebot needs it at ${want}. ` +
    'It was made by someone else or by an older sitebot: delete it (and its instance profile), then create again.'
  );
}

function misplacedProfile(profile: InstanceProfile, path: string): string | undefined {
  if (profile.Path === path) return undefined;
  return (
    `IAM instance profile ${profile.InstanceProfileName} already exists at ${profile.Path ?? '/'}; ` +
    `sitebot needs it at ${path}: delete it, then create again.`
  );
}

export const webRoleStep = defineStep('web-role', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { iam, config } = ctx.deps;
    const n = names(ctx);
    const tags = sitebotTags(ctx, 'web-role');
    const { role, created } = await iam.ensureRole(
      n.webRole,
      EC2_TRUST_POLICY,
      `sitebot ${ctx.env} web servers`,
      tags,
      config.iam,
    );
    const roleProblem = created ? undefined : misplacedRole(role, config.iam);
    if (roleProblem) return failFinal('RoleNotManageable', roleProblem);
    await ctx.record({ roleName: role.RoleName, roleArn: role.Arn });
    const policy = webRolePolicy(need(ctx, 'credentials', 'secretArn'), config.region, n.db);
    if ((await iam.rolePolicy(n.webRole, n.webPolicy)) !== policy)
      await iam.putRolePolicy(n.webRole, n.webPolicy, policy);
    const profile = await iam.ensureInstanceProfile(n.webProfile, tags, config.iam.path);
    const profileProblem = misplacedProfile(profile, config.iam.path);
    if (profileProblem) return failFinal('RoleNotManageable', profileProblem);
    await iam.ensureRoleInProfile(profile, n.webRole);
    return done({
      roleName: role.RoleName,
      roleArn: role.Arn,
      instanceProfileName: profile.InstanceProfileName,
      instanceProfileArn: profile.Arn,
    });
  },
});
