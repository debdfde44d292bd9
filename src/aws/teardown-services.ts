/**
 * Teardown calls for the services whose tags are not Describe filters (ELBv2, RDS, Secrets
 * Manager, IAM): full listings with each resource's tags read through the service's tag API,
 * and the delete calls. Built on the existing adapters (their clients and finders).
 */
import {
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeTagsCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  RemoveRoleFromInstanceProfileCommand,
  type InstanceProfile,
} from '@aws-sdk/client-iam';
import {
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  paginateDescribeDBInstances,
  paginateDescribeDBSubnetGroups,
  type DBInstance,
  type DBSubnetGroup,
} from '@aws-sdk/client-rds';
import {
  DeleteSecretCommand,
  paginateListSecrets,
  type SecretListEntry,
} from '@aws-sdk/client-secrets-manager';
import type { Elbv2Adapter } from './elbv2';
import { isNotFound } from './errors';
import type { IamAdapter } from './iam';
import type { RdsAdapter } from './rds';
import type { SecretsAdapter } from './secrets';
import { TAG_ENV, tagRecord } from './tags';

export type Tags = Record<string, string>;

/** DescribeTags takes at most 20 ARNs per call. */
const ELB_TAG_BATCH = 20;

export class TeardownElbv2 {
  constructor(readonly elbv2: Elbv2Adapter) {}

  private get client() {
    return this.elbv2.client;
  }

  async loadBalancers(): Promise<LoadBalancer[]> {
    const out: LoadBalancer[] = [];
    for await (const p of paginateDescribeLoadBalancers({ client: this.client }, {}))
      out.push(...(p.LoadBalancers ?? []));
    return out;
  }

  async targetGroups(): Promise<TargetGroup[]> {
    const out: TargetGroup[] = [];
    for await (const p of paginateDescribeTargetGroups({ client: this.client }, {}))
      out.push(...(p.TargetGroups ?? []));
    return out;
  }

  /** Tags by ARN; an ARN that no longer exists is left out. */
  async tags(arns: string[]): Promise<Map<string, Tags>> {
    const out = new Map<string, Tags>();
    const unique = [...new Set(arns)];
    for (let i = 0; i < unique.length; i += ELB_TAG_BATCH) {
      const batch = unique.slice(i, i + ELB_TAG_BATCH);
      try {
        const res = await this.client.send(new DescribeTagsCommand({ ResourceArns: batch }));
        for (const d of res.TagDescriptions ?? [])
          if (d.ResourceArn) out.set(d.ResourceArn, tagRecord(d.Tags));
      } catch (err) {
        if (!isNotFound(err)) throw err;
        // One ARN of the batch is gone: ask one by one.
        for (const arn of batch) {
          try {
            const res = await this.client.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
            for (const d of res.TagDescriptions ?? []) out.set(arn, tagRecord(d.Tags));
          } catch (e) {
            if (!isNotFound(e)) throw e;
          }
        }
      }
    }
    return out;
  }

  async deleteListener(arn: string): Promise<void> {
    await this.client.send(new DeleteListenerCommand({ ListenerArn: arn }));
  }

  async deleteLoadBalancer(arn: string): Promise<void> {
    await this.client.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
  }

  async deleteTargetGroup(arn: string): Promise<void> {
    await this.client.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }));
  }
}

export class TeardownRds {
  constructor(readonly rds: RdsAdapter) {}

  private get client() {
    return this.rds.client;
  }

  async dbInstances(): Promise<DBInstance[]> {
    const out: DBInstance[] = [];
    for await (const p of paginateDescribeDBInstances({ client: this.client }, {}))
      out.push(...(p.DBInstances ?? []));
    return out;
  }

  async dbSubnetGroups(): Promise<DBSubnetGroup[]> {
    const out: DBSubnetGroup[] = [];
    for await (const p of paginateDescribeDBSubnetGroups({ client: this.client }, {}))
      out.push(...(p.DBSubnetGroups ?? []));
    return out;
  }

  /** Tags of an RDS ARN; undefined when the resource is gone. */
  async tags(arn: string): Promise<Tags | undefined> {
    try {
      const out = await this.client.send(new ListTagsForResourceCommand({ ResourceName: arn }));
      return tagRecord(out.TagList);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async disableDeletionProtection(identifier: string): Promise<void> {
    await this.client.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: identifier,
        DeletionProtection: false,
        ApplyImmediately: true,
      }),
    );
  }

  /** No final snapshot and no retained backups: nothing may outlive the env. */
  async deleteDbInstance(identifier: string): Promise<void> {
    await this.client.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: identifier,
        SkipFinalSnapshot: true,
        DeleteAutomatedBackups: true,
      }),
    );
  }

  async deleteDbSubnetGroup(name: string): Promise<void> {
    await this.client.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: name }));
  }
}

export class TeardownSecrets {
  constructor(readonly secrets: SecretsAdapter) {}

  /** Secrets (scheduled deletions included) carrying `sitebot:env=<env>`. */
  async byEnvTag(env: string): Promise<SecretListEntry[]> {
    const out: SecretListEntry[] = [];
    for await (const p of paginateListSecrets(
      { client: this.secrets.client },
      {
        IncludePlannedDeletion: true,
        Filters: [
          { Key: 'tag-key', Values: [TAG_ENV] },
          { Key: 'tag-value', Values: [env] },
        ],
      },
    )) {
      // Filters match by prefix: keep exact matches only.
      out.push(...(p.SecretList ?? []).filter((s) => tagRecord(s.Tags)[TAG_ENV] === env));
    }
    return out;
  }

  /** Deleted at once, not after a recovery window: a destroyed env leaves nothing billed. */
  async forceDelete(arn: string): Promise<void> {
    await this.secrets.client.send(
      new DeleteSecretCommand({ SecretId: arn, ForceDeleteWithoutRecovery: true }),
    );
  }
}

export class TeardownIam {
  constructor(readonly iam: IamAdapter) {}

  private get client() {
    return this.iam.client;
  }

  async rolePolicyNames(roleName: string): Promise<string[]> {
    const out = await this.client.send(new ListRolePoliciesCommand({ RoleName: roleName }));
    return out.PolicyNames ?? [];
  }

  async deleteRolePolicy(roleName: string, policyName: string): Promise<void> {
    await this.client.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  }

  async profilesForRole(roleName: string): Promise<InstanceProfile[]> {
    const out = await this.client.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName }));
    return out.InstanceProfiles ?? [];
  }

  async removeRoleFromProfile(profileName: string, roleName: string): Promise<void> {
    await this.client.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: profileName, RoleName: roleName }),
    );
  }

  async deleteInstanceProfile(name: string): Promise<void> {
    await this.client.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name }));
  }

  async deleteRole(name: string): Promise<void> {
    await this.client.send(new DeleteRoleCommand({ RoleName: name }));
  }
}
