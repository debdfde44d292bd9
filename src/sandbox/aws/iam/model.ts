/**
 * IAM state of one emulator world: roles (with inline policies and tags) and instance
 * profiles. IAM is global: the region of a request does not matter.
 */
import { perWorld, tagRecord, type ResourceLister, type SandboxResource, type World } from '../world';
import { iamErrors } from './errors';

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

function checkPolicy(document: string | undefined): string {
  if (!document) throw iamErrors.malformedPolicy('Policy document is missing.');
  try {
    const parsed = JSON.parse(document) as { Statement?: unknown };
    if (!parsed.Statement) throw new Error('no Statement');
  } catch {
    throw iamErrors.malformedPolicy('Syntax errors in policy.');
  }
  return document;
}

function mergeTags(existing: IamTag[], added: IamTag[]): IamTag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, t);
  if (byKey.size > 50) throw iamErrors.limitExceeded('A role can have at most 50 tags.');
  return [...byKey.values()];
}

export class IamModel implements ResourceLister {
  readonly roles = new Map<string, IamRole>();
  readonly profiles = new Map<string, IamInstanceProfile>();

  constructor(private readonly world: World) {}

  private arn(kind: 'role' | 'instance-profile', path: string, name: string): string {
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
  }): IamRole {
    const name = checkName('RoleName', input.roleName);
    if (this.roles.has(name)) throw iamErrors.entityAlreadyExists(`Role with name ${name}`);
    const path = input.path ?? '/';
    const role: IamRole = {
      roleName: name,
      roleId: this.uniqueId('AROA'),
      path,
      arn: this.arn('role', path, name),
      createDate: new Date(this.world.clock.now()),
      assumeRolePolicyDocument: checkPolicy(input.assumeRolePolicyDocument),
      description: input.description,
      tags: mergeTags([], input.tags),
      policies: new Map(),
    };
    this.roles.set(name, role);
    return role;
  }

  deleteRole(name: string): void {
    const role = this.role(name);
    if (role.policies.size > 0)
      throw iamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
    if ([...this.profiles.values()].some((p) => p.roleNames.includes(name))) {
      throw iamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
    }
    this.roles.delete(name);
  }

  putRolePolicy(roleName: string, policyName: string | undefined, document: string | undefined): void {
    const role = this.role(roleName);
    role.policies.set(checkName('PolicyName', policyName, 128), checkPolicy(document));
  }

  deleteRolePolicy(roleName: string, policyName: string): void {
    const role = this.role(roleName);
    if (!role.policies.delete(policyName))
      throw iamErrors.noSuchEntity(`role policy with name ${policyName}`);
  }

  tagRole(roleName: string, tags: IamTag[]): void {
    const role = this.role(roleName);
    role.tags = mergeTags(role.tags, tags);
  }

  createInstanceProfile(input: { name?: string; path?: string; tags: IamTag[] }): IamInstanceProfile {
    const name = checkName('InstanceProfileName', input.name, 128);
    if (this.profiles.has(name)) throw iamErrors.entityAlreadyExists(`Instance Profile ${name}`);
    const path = input.path ?? '/';
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

  listResources(): SandboxResource[] {
    return [
      ...[...this.roles.values()].map((r) => ({
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
  }
}

/** One IAM model per world, created on first use and registered for listing and reset. */
export const iamModelOf = perWorld((world) => new IamModel(world));
