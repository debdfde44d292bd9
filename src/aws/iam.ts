/**
 * IAM adapter: the web servers' role and instance profile. IAM is eventually consistent: a
 * fresh instance profile can be refused by RunInstances for a few seconds (the step waits).
 * Both are created under the deployment's IAM path, the role with its permissions boundary:
 * the worker's IAM permissions cover nothing else (docs/security.md).
 */
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  type IAMClient,
  type InstanceProfile,
  type Role,
} from '@aws-sdk/client-iam';
import type { IamPlacement } from '../config/config';
import { errorCode, isNotFound } from './errors';
import type { Tag } from './tags';

/** Trust policy letting EC2 instances assume a role. */
export const EC2_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export class IamAdapter {
  constructor(readonly client: IAMClient) {}

  async findRole(name: string): Promise<Role | undefined> {
    try {
      return (await this.client.send(new GetRoleCommand({ RoleName: name }))).Role;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * Creates the role under `placement`; one that already exists (a retried call, or a role
   * someone else made) is returned as it is, with `created: false`, for the caller to check.
   */
  async ensureRole(
    name: string,
    assumeRolePolicy: string,
    description: string,
    tags: Tag[],
    placement: IamPlacement,
  ): Promise<{ role: Role; created: boolean }> {
    try {
      const out = await this.client.send(
        new CreateRoleCommand({
          RoleName: name,
          Path: placement.path,
          AssumeRolePolicyDocument: assumeRolePolicy,
          Description: description,
          Tags: tags,
          PermissionsBoundary: placement.permissionsBoundary,
        }),
      );
      return { role: out.Role!, created: true };
    } catch (err) {
      if (errorCode(err) !== 'EntityAlreadyExists') throw err;
      const existing = await this.findRole(name);
      if (!existing) throw err;
      return { role: existing, created: false };
    }
  }

  async rolePolicy(roleName: string, policyName: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(
        new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
      );
      return out.PolicyDocument === undefined ? undefined : decodeURIComponent(out.PolicyDocument);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** PutRolePolicy replaces the inline policy of that name: naturally idempotent. */
  async putRolePolicy(roleName: string, policyName: string, document: string): Promise<void> {
    await this.client.send(
      new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document }),
    );
  }

  async findInstanceProfile(name: string): Promise<InstanceProfile | undefined> {
    try {
      return (await this.client.send(new GetInstanceProfileCommand({ InstanceProfileName: name })))
        .InstanceProfile;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Creates the instance profile under `path`; one that already exists is returned as it is. */
  async ensureInstanceProfile(name: string, tags: Tag[], path: string): Promise<InstanceProfile> {
    try {
      const out = await this.client.send(
        new CreateInstanceProfileCommand({ InstanceProfileName: name, Path: path, Tags: tags }),
      );
      return out.InstanceProfile!;
    } catch (err) {
      if (errorCode(err) !== 'EntityAlreadyExists') throw err;
      const existing = await this.findInstanceProfile(name);
      if (!existing) throw err;
      return existing;
    }
  }

  /** An instance profile holds at most one role: adding the one it has is skipped. */
  async ensureRoleInProfile(profile: InstanceProfile, roleName: string): Promise<void> {
    if ((profile.Roles ?? []).some((r) => r.RoleName === roleName)) return;
    try {
      await this.client.send(
        new AddRoleToInstanceProfileCommand({
          InstanceProfileName: profile.InstanceProfileName!,
          RoleName: roleName,
        }),
      );
    } catch (err) {
      // LimitExceeded: the profile already holds a role (ours, added by a call whose answer was lost).
      if (errorCode(err) !== 'LimitExceeded' && errorCode(err) !== 'LimitExceededException') throw err;
    }
  }
}
