/**
 * IAM over the Query protocol (Version 2010-05-08): roles with inline policies, tags, paths and
 * permissions boundaries, instance profiles, customer managed policies (as boundaries) and
 * service-linked roles — what sitebot's web servers need to read their credentials, under the
 * path and boundary of the deployment (docs/security.md).
 *
 * Refuses what IAM refuses for these: a malformed path, a boundary that names no managed
 * policy, inline policies over 10,240 characters per role, a managed policy over 6,144, deleting
 * a policy still used as a boundary, changing a service-linked role, a second one.
 *
 * LIMITATIONS: no users, groups or attached managed policies; no policy evaluation (a document
 * is only checked to be JSON with a Statement, and sized); AWS managed policies are taken to
 * exist; no pagination (lists are returned whole, `IsTruncated` false); paths are not used
 * for lookups.
 */
import { qList, qTagList, type QueryParams } from '../protocol/query';
import { dispatch, type ActionHandler, type EmulatedService, type RequestContext } from '../protocol/service';
import { xmlList } from '../protocol/xml';
import { iamErrors } from './errors';
import {
  iamModelOf,
  type IamInstanceProfile,
  type IamManagedPolicy,
  type IamModel,
  type IamRole,
  type IamTag,
} from './model';

type Handler = ActionHandler<QueryParams>;

const modelOf = (ctx: RequestContext): IamModel => iamModelOf(ctx.world);

function required(p: QueryParams, name: string): string {
  const v = p[name];
  if (v === undefined || v === '')
    throw iamErrors.validation(`1 validation error detected: Value null at '${name}'`);
  return v;
}

const tagShapes = (tags: IamTag[]) =>
  xmlList(
    'member',
    tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  );

// IAM returns policy documents URL-encoded.
const encoded = (doc: string) => encodeURIComponent(doc);

function roleShape(r: IamRole) {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: r.createDate,
    AssumeRolePolicyDocument: encoded(r.assumeRolePolicyDocument),
    Description: r.description,
    MaxSessionDuration: 3600,
    PermissionsBoundary: r.permissionsBoundary
      ? {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: r.permissionsBoundary,
        }
      : undefined,
    Tags: r.tags.length ? tagShapes(r.tags) : undefined,
  };
}

function policyShape(model: IamModel, p: IamManagedPolicy) {
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: 'v1',
    AttachmentCount: 0,
    PermissionsBoundaryUsageCount: model.boundaryUsage(p.arn),
    IsAttachable: true,
    CreateDate: p.createDate,
    UpdateDate: p.createDate,
  };
}

function profileShape(model: IamModel, p: IamInstanceProfile) {
  return {
    Path: p.path,
    InstanceProfileName: p.name,
    InstanceProfileId: p.id,
    Arn: p.arn,
    CreateDate: p.createDate,
    Roles: xmlList(
      'member',
      p.roleNames.map((name) => roleShape(model.role(name))),
    ),
    Tags: p.tags.length ? tagShapes(p.tags) : undefined,
  };
}

const handlers: Record<string, Handler> = {
  CreateRole: (p, ctx) => ({
    Role: roleShape(
      modelOf(ctx).createRole({
        roleName: p.RoleName,
        path: p.Path,
        assumeRolePolicyDocument: p.AssumeRolePolicyDocument,
        description: p.Description,
        tags: qTagList(p, 'Tags'),
        permissionsBoundary: p.PermissionsBoundary,
      }),
    ),
  }),
  CreateServiceLinkedRole: (p, ctx) => ({
    Role: roleShape(modelOf(ctx).createServiceLinkedRole(p.AWSServiceName, p.Description)),
  }),
  PutRolePermissionsBoundary: (p, ctx) => {
    modelOf(ctx).putRolePermissionsBoundary(required(p, 'RoleName'), required(p, 'PermissionsBoundary'));
    return {};
  },
  DeleteRolePermissionsBoundary: (p, ctx) => {
    modelOf(ctx).deleteRolePermissionsBoundary(required(p, 'RoleName'));
    return {};
  },
  CreatePolicy: (p, ctx) => {
    const model = modelOf(ctx);
    const policy = model.createPolicy({ name: p.PolicyName, path: p.Path, document: p.PolicyDocument });
    return { Policy: policyShape(model, policy) };
  },
  GetPolicy: (p, ctx) => {
    const model = modelOf(ctx);
    return { Policy: policyShape(model, model.managedPolicy(required(p, 'PolicyArn'))) };
  },
  DeletePolicy: (p, ctx) => {
    modelOf(ctx).deletePolicy(required(p, 'PolicyArn'));
    return {};
  },
  GetRole: (p, ctx) => ({ Role: roleShape(modelOf(ctx).role(required(p, 'RoleName'))) }),
  DeleteRole: (p, ctx) => {
    modelOf(ctx).deleteRole(required(p, 'RoleName'));
    return {};
  },
  PutRolePolicy: (p, ctx) => {
    modelOf(ctx).putRolePolicy(required(p, 'RoleName'), p.PolicyName, p.PolicyDocument);
    return {};
  },
  GetRolePolicy: (p, ctx) => {
    const role = modelOf(ctx).role(required(p, 'RoleName'));
    const name = required(p, 'PolicyName');
    const doc = role.policies.get(name);
    if (doc === undefined) throw iamErrors.noSuchEntity(`role policy with name ${name}`);
    return { RoleName: role.roleName, PolicyName: name, PolicyDocument: encoded(doc) };
  },
  DeleteRolePolicy: (p, ctx) => {
    modelOf(ctx).deleteRolePolicy(required(p, 'RoleName'), required(p, 'PolicyName'));
    return {};
  },
  ListRolePolicies: (p, ctx) => ({
    PolicyNames: xmlList('member', [...modelOf(ctx).role(required(p, 'RoleName')).policies.keys()].sort()),
    IsTruncated: false,
  }),
  TagRole: (p, ctx) => {
    modelOf(ctx).tagRole(required(p, 'RoleName'), qTagList(p, 'Tags'));
    return {};
  },
  ListRoleTags: (p, ctx) => ({
    Tags: tagShapes(modelOf(ctx).role(required(p, 'RoleName')).tags),
    IsTruncated: false,
  }),
  CreateInstanceProfile: (p, ctx) => {
    const model = modelOf(ctx);
    const profile = model.createInstanceProfile({
      name: p.InstanceProfileName,
      path: p.Path,
      tags: qTagList(p, 'Tags'),
    });
    return { InstanceProfile: profileShape(model, profile) };
  },
  GetInstanceProfile: (p, ctx) => {
    const model = modelOf(ctx);
    return { InstanceProfile: profileShape(model, model.profile(required(p, 'InstanceProfileName'))) };
  },
  AddRoleToInstanceProfile: (p, ctx) => {
    modelOf(ctx).addRoleToInstanceProfile(required(p, 'InstanceProfileName'), required(p, 'RoleName'));
    return {};
  },
  RemoveRoleFromInstanceProfile: (p, ctx) => {
    modelOf(ctx).removeRoleFromInstanceProfile(required(p, 'InstanceProfileName'), required(p, 'RoleName'));
    return {};
  },
  DeleteInstanceProfile: (p, ctx) => {
    modelOf(ctx).deleteInstanceProfile(required(p, 'InstanceProfileName'));
    return {};
  },
  ListInstanceProfilesForRole: (p, ctx) => {
    const model = modelOf(ctx);
    const roleName = required(p, 'RoleName');
    model.role(roleName);
    const profiles = [...model.profiles.values()].filter((pr) => pr.roleNames.includes(roleName));
    return {
      InstanceProfiles: xmlList(
        'member',
        profiles.map((pr) => profileShape(model, pr)),
      ),
      IsTruncated: false,
    };
  },
  UntagRole: (p, ctx) => {
    const role = modelOf(ctx).role(required(p, 'RoleName'));
    const keys = new Set(qList(p, 'TagKeys'));
    role.tags = role.tags.filter((t) => !keys.has(t.Key));
    return {};
  },
};

export const iamService: EmulatedService = {
  signingName: 'iam',
  protocol: 'query',
  xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
  handle(action, input, ctx) {
    return dispatch('query', handlers, action, input as QueryParams, ctx);
  },
};
