/**
 * IAM state of one emulator world: roles (with inline policies, tags, a path and a permissions
 * boundary), instance profiles, customer managed policies and service-linked roles. IAM is
 * global: the region of a request does not matter.
 */
import { perWorld, tagRecord, type ResourceLister, type SandboxResource, type World } from '../world';
import { iamErrors } from './errors';
import {
  checkPath,
  checkPolicy,
  MANAGED_POLICY_MAX,
  parsePolicyArn,
  policySize,
  ROLE_INLINE_POLICIES_MAX,
} from './policies';

export interface IamTag {
  Key: string;
  Value: string;
}

export interface IamRole {
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: Date;
  assumeRolePolicyDocument: string;
  description?: string;
  tags: IamTag[];
  /** Inline policies: name → document (as given, decoded). */
  policies: Map<string, string>;
  /** ARN of the managed policy that bounds the role's permissions. */
  permissionsBoundary?: string;
  /** Made by CreateServiceLinkedRole: only its service may change or delete it. */
  serviceLinked: boolean;
}

export interface IamManagedPolicy {
  name: string;
  id: string;
  path: string;
  arn: string;
  document: string;
  createDate: Date;
}

export interface IamInstanceProfile {
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: Date;
  roleNames: string[];
  tags: IamTag[];
}

const NAME = /^[\w+=,.@-]{1,128}$/;

function checkName(kind: string, name: string | undefined, max = 64): string {
  if (!name || !NAME.test(name) || name.length > max)
    throw iamErrors.validation(`Invalid ${kind}: ${name ?? '(missing)'}`);
  return name;
}

/** The service-linked roles IAM makes for a service (IAM User Guide, "AWS services that work with IAM"). */
const SERVICE_LINKED_ROLES: Record<string, string> = {
  'rds.amazonaws.com': 'AWSServiceRoleForRDS',
  'elasticloadbalancing.amazonaws.com': 'AWSServiceRoleForElasticLoadBalancing',
  'autoscaling.amazonaws.com': 'AWSServiceRoleForAutoScaling',
  'ecs.amazonaws.com': 'AWSServiceRoleForECS',
};

function mergeTags(existing: IamTag[], added: IamTag[]): IamTag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, t);
  if (byKey.size > 50) throw iamErrors.limitExceeded('A role can have at most 50 tags.');
  return [...byKey.values()];
}

export class IamModel implements ResourceLister {
  readonly roles = new Map<string, IamRole>();
  readonly profiles = new Map<string, IamInstanceProfile>();
  /** Customer managed policies by ARN. */
  readonly managedPolicies = new Map<string, IamManagedPolicy>();

  constructor(private readonly world: World) {}

  private arn(kind: 'role' | 'instance-profile' | 'policy', path: string, name: string): string {
    return `arn:aws:iam::${this.world.accountId}:${kind}${path}${name}`;
  }

  private uniqueId(prefix: string): string {
    return `${prefix}${this.world.ids.hex(17).toUpperCase()}`;
  }

  role(name: string): IamRole {
    const role = this.roles.get(name);
    if (!role) throw iamErrors.noSuchEntity(`role with name ${name}`);
    return role;
  }

  /** A role the caller may change: not a service-linked one. */
  private ownRole(name: string): IamRole {
    const role = this.role(name);
    if (role.serviceLinked) throw iamErrors.unmodifiable(name);
    return role;
  }

  /** A boundary must name a managed policy: AWS's own (not modelled, taken as existing) or one here. */
  private checkBoundary(arn: string): string {
    if (parsePolicyArn(arn).account === 'aws') return arn;
    if (!this.managedPolicies.has(arn)) throw iamErrors.notAttachable(arn);
    return arn;
  }

  profile(name: string): IamInstanceProfile {
    const profile = this.profiles.get(name);
    if (!profile) throw iamErrors.noSuchEntity(`Instance Profile ${name}`);
    return profile;
  }

  createRole(input: {
    roleName?: string;
    path?: string;
    assumeRolePolicyDocument?: string;
    description?: string;
    tags: IamTag[];
    permissionsBoundary?: string;
  }): IamRole {
    const name = checkName('RoleName', input.roleName);
    const path = checkPath(input.path);
    const boundary =
      input.permissionsBoundary === undefined ? undefined : this.checkBoundary(input.permissionsBoundary);
    if (this.roles.has(name)) throw iamErrors.entityAlreadyExists(`Role with name ${name}`);
    return this.addRole(name, path, {
      assumeRolePolicyDocument: checkPolicy(input.assumeRolePolicyDocument),
      description: input.description,
      tags: mergeTags([], input.tags),
      ...(boundary ? { permissionsBoundary: boundary } : {}),
      serviceLinked: false,
    });
  }

  private addRole(
    roleName: string,
    path: string,
    rest: Omit<IamRole, 'roleName' | 'roleId' | 'path' | 'arn' | 'createDate' | 'policies'>,
  ): IamRole {
    const role: IamRole = {
      roleName,
      roleId: this.uniqueId('AROA'),
      path,
      arn: this.arn('role', path, roleName),
      createDate: new Date(this.world.clock.now()),
      policies: new Map(),
      ...rest,
    };
    this.roles.set(roleName, role);
    return role;
  }

  deleteRole(name: string): void {
    const role = this.ownRole(name);
    if (role.policies.size > 0)
      throw iamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
    if ([...this.profiles.values()].some((p) => p.roleNames.includes(name))) {
      throw iamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    this.roles.delete(name);
  }

  putRolePolicy(roleName: string, policyName: string | undefined, document: string | undefined): void {
    const role = this.ownRole(roleName);
    const name = checkName('PolicyName', policyName, 128);
    const doc = checkPolicy(document);
    const others = [...role.policies].filter(([n]) => n !== name).map(([, d]) => policySize(d));
    if (others.reduce((a, b) => a + b, policySize(doc)) > ROLE_INLINE_POLICIES_MAX) {
      throw iamErrors.limitExceeded(
        `Maximum policy size of ${ROLE_INLINE_POLICIES_MAX} bytes exceeded for role ${roleName}`,
      );
    }
    role.policies.set(name, doc);
  }

  deleteRolePolicy(roleName: string, policyName: string): void {
    const role = this.ownRole(roleName);
    if (!role.policies.delete(policyName))
      throw iamErrors.noSuchEntity(`role policy with name ${policyName}`);
  }

  tagRole(roleName: string, tags: IamTag[]): void {
    const role = this.role(roleName);
    role.tags = mergeTags(role.tags, tags);
  }

  putRolePermissionsBoundary(roleName: string, arn: string): void {
    const role = this.ownRole(roleName);
    role.permissionsBoundary = this.checkBoundary(arn);
  }

  deleteRolePermissionsBoundary(roleName: string): void {
    delete this.ownRole(roleName).permissionsBoundary;
  }

  createPolicy(input: { name?: string; path?: string; document?: string }): IamManagedPolicy {
    const name = checkName('PolicyName', input.name, 128);
    const path = checkPath(input.path);
    const document = checkPolicy(input.document);
    if (policySize(document) > MANAGED_POLICY_MAX) {
      throw iamErrors.limitExceeded(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_MAX}`);
    }
    const arn = this.arn('policy', path, name);
    if ([...this.managedPolicies.values()].some((p) => p.name === name)) {
      throw iamErrors.entityAlreadyExists(`A policy called ${name}`);
    }
    const policy: IamManagedPolicy = {
      name,
      id: this.uniqueId('ANPA'),
      path,
      arn,
      document,
      createDate: new Date(this.world.clock.now()),
    };
    this.managedPolicies.set(arn, policy);
    return policy;
  }

  managedPolicy(arn: string): IamManagedPolicy {
    parsePolicyArn(arn);
    const policy = this.managedPolicies.get(arn);
    if (!policy) throw iamErrors.noSuchEntity(`Policy ${arn}`);
    return policy;
  }

  /** Roles whose permissions boundary is this policy. */
  boundaryUsage(arn: string): number {
    return [...this.roles.values()].filter((r) => r.permissionsBoundary === arn).length;
  }

  deletePolicy(arn: string): void {
    this.managedPolicy(arn);
    if (this.boundaryUsage(arn) > 0)
      throw iamErrors.deleteConflict('Cannot delete a policy attached to entities.');
    this.managedPolicies.delete(arn);
  }

  /** CreateServiceLinkedRole: the service's role under /aws-service-role/<service>/, once. */
  createServiceLinkedRole(service: string | undefined, description?: string): IamRole {
    const roleName = service ? SERVICE_LINKED_ROLES[service] : undefined;
    if (!service || !roleName)
      throw iamErrors.invalidInput(`Invalid service name: ${service ?? '(missing)'}`);
    if (this.roles.has(roleName)) {
      throw iamErrors.invalidInput(
        `Service role name ${roleName} has been taken in this account, please try a different suffix.`,
      );
    }
    return this.addRole(roleName, `/aws-service-role/${service}/`, {
      assumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      }),
      description,
      tags: [],
      serviceLinked: true,
    });
  }

  /**
   * What RDS and ELB do on an account's first CreateDBInstance / CreateLoadBalancer: make their
   * service-linked role if it is not there yet.
   */
  ensureServiceLinkedRole(service: string): void {
    const roleName = SERVICE_LINKED_ROLES[service];
    if (roleName && !this.roles.has(roleName)) this.createServiceLinkedRole(service);
  }

  createInstanceProfile(input: { name?: string; path?: string; tags: IamTag[] }): IamInstanceProfile {
    const name = checkName('InstanceProfileName', input.name, 128);
    const path = checkPath(input.path);
    if (this.profiles.has(name)) throw iamErrors.entityAlreadyExists(`Instance Profile ${name}`);
    const profile: IamInstanceProfile = {
      name,
      id: this.uniqueId('AIPA'),
      path,
      arn: this.arn('instance-profile', path, name),
      createDate: new Date(this.world.clock.now()),
      roleNames: [],
      tags: mergeTags([], input.tags),
    };
    this.profiles.set(name, profile);
    return profile;
  }

  addRoleToInstanceProfile(profileName: string, roleName: string): void {
    const profile = this.profile(profileName);
    this.role(roleName);
    if (profile.roleNames.length >= 1) {
      throw iamErrors.limitExceeded('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    }
    profile.roleNames.push(roleName);
  }

  removeRoleFromInstanceProfile(profileName: string, roleName: string): void {
    const profile = this.profile(profileName);
    this.role(roleName);
    if (!profile.roleNames.includes(roleName))
      throw iamErrors.noSuchEntity(`role ${roleName} in Instance Profile ${profileName}`);
    profile.roleNames = profile.roleNames.filter((r) => r !== roleName);
  }

  deleteInstanceProfile(name: string): void {
    const profile = this.profile(name);
    if (profile.roleNames.length > 0) {
      throw iamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    this.profiles.delete(name);
  }

  /** What sitebot made: service-linked roles and managed policies are account plumbing, not listed. */
  listResources(): SandboxResource[] {
    return [
      ...[...this.roles.values()]
        .filter((r) => !r.serviceLinked)
        .map((r) => ({
          service: 'iam',
          type: 'role',
          id: r.roleName,
          state: 'active',
          tags: tagRecord(r.tags),
          details: { arn: r.arn, policies: Object.fromEntries(r.policies) },
        })),
      ...[...this.profiles.values()].map((p) => ({
        service: 'iam',
        type: 'instance-profile',
        id: p.name,
        state: 'active',
        tags: tagRecord(p.tags),
        details: { arn: p.arn, roles: [...p.roleNames] },
      })),
    ];
  }

  reset(): void {
    this.roles.clear();
    this.profiles.clear();
    this.managedPolicies.clear();
  }
}

/** One IAM model per world, created on first use and registered for listing and reset. */
export const iamModelOf = perWorld((world) => new IamModel(world));
