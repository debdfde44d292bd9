/**
 * The web servers' instance role: it may read the credentials secret and describe the env's
 * DB instance (to find its endpoint) and nothing else.
 */
import { EC2_TRUST_POLICY } from '../../../aws/iam';
import { sitebotTags } from '../../../aws/tags';
import { defineStep, done, MINUTE, names, need } from '../step-kit';

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

export const webRoleStep = defineStep('web-role', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { iam, config } = ctx.deps;
    const n = names(ctx);
    const tags = sitebotTags(ctx, 'web-role');
    const role = await iam.ensureRole(n.webRole, EC2_TRUST_POLICY, `sitebot ${ctx.env} web servers`, tags);
    await ctx.record({ roleName: role.RoleName, roleArn: role.Arn });
    const policy = webRolePolicy(need(ctx, 'credentials', 'secretArn'), config.region, n.db);
    if ((await iam.rolePolicy(n.webRole, n.webPolicy)) !== policy)
      await iam.putRolePolicy(n.webRole, n.webPolicy, policy);
    const profile = await iam.ensureInstanceProfile(n.webProfile, tags);
    await iam.ensureRoleInProfile(profile, n.webRole);
    return done({
      roleName: role.RoleName,
      roleArn: role.Arn,
      instanceProfileName: profile.InstanceProfileName,
      instanceProfileArn: profile.Arn,
    });
  },
});
