/**
 * The worker's IAM policies, evaluated: what it may do (every call a create and a teardown
 * make) and what it may not — reach more permissions (its own role, the stack's roles, a role
 * without the boundary or outside the path, the boundary itself) or a resource it did not create
 * (tag an existing RDS instance, EC2 resource, load balancer, secret or role into management;
 * change or delete an untagged one). docs/security.md lists each path and the condition that
 * closes it; the last test drops each condition in turn and checks that a case here notices.
 *
 * Requests are modelled as IAM sees them (Service Authorization Reference): one API call is
 * authorized against each resource it touches, with that resource's condition keys. EC2 and
 * RDS tag-on-create add a second check on ec2:CreateTags / rds:AddTagsToResource. For the
 * refusals the request's tags are offered to every resource of the call, which can only make
 * the policy more permissive than AWS is (EC2 evaluates aws:RequestTag per tagged resource), so
 * a refusal here holds either way.
 */
import { TAG_ENV, TAG_MANAGED } from '../../src/aws/tags';
import { resourceNames } from '../../src/workflows/create/names';
import { webRolePolicy } from '../../src/workflows/create/steps/iam';
import {
  allowedBy,
  evaluate,
  type AuthzRequest,
  type ContextValue,
  type PolicyDocument,
  type Principal,
} from './iam-evaluator';
import { ensurePackaged } from './package-offline';
import {
  PACKAGED,
  PREFLIGHT_READS,
  loadTemplate,
  managedPolicy,
  policyArn,
  principalOf,
  roleArn,
  type Template,
} from './template-policies';

let template: Template;
let worker: Principal;
let bot: Principal;
let boundaryArn: string;
let boundary: PolicyDocument;

beforeAll(() => {
  ensurePackaged();
  template = loadTemplate();
  worker = principalOf(template, 'WorkerRole', PACKAGED);
  bot = principalOf(template, 'BotRole', PACKAGED);
  boundaryArn = policyArn(template, 'WebRoleBoundary', PACKAGED);
  boundary = managedPolicy(template, 'WebRoleBoundary', PACKAGED);
}, 300_000);

// ---- names and ARNs -------------------------------------------------------------------------

const { partition: P, region: R, accountId: A, stage } = PACKAGED;
const PATH = `/sitebot/${stage}/`;
const n = resourceNames('demo');
const ec2 = (type: string, id: string) => `arn:${P}:ec2:${R}:${A}:${type}/${id}`;
const ec2Global = (type: string, id: string) => `arn:${P}:ec2:${R}::${type}/${id}`;
const rds = (type: string, id: string) => `arn:${P}:rds:${R}:${A}:${type}:${id}`;
const elb = (path: string) => `arn:${P}:elasticloadbalancing:${R}:${A}:${path}`;
const secret = (name: string) => `arn:${P}:secretsmanager:${R}:${A}:secret:${name}-AbCdEf`;
const iamRole = (pathAndName: string) => `arn:${P}:iam::${A}:role${pathAndName}`;
const iamProfile = (pathAndName: string) => `arn:${P}:iam::${A}:instance-profile${pathAndName}`;
const WEB_ROLE = iamRole(`${PATH}${n.webRole}`);
const WEB_PROFILE = iamProfile(`${PATH}${n.webProfile}`);
const ADMIN_POLICY = `arn:${P}:iam::aws:policy/AdministratorAccess`;
const RDS_SLR = iamRole('/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS');
const ELB_SLR = iamRole(
  '/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing',
);
const ALB = elb('loadbalancer/app/demo-alb/50dc6c495c0c9188');
const TG = elb('targetgroup/demo-tg/73e2d6bc24d8a067');
const LISTENER = elb('listener/app/demo-alb/50dc6c495c0c9188/f2f7dc8efc522ab2');

// ---- request contexts -----------------------------------------------------------------------

type Tags = Record<string, string>;
const MANAGED: Tags = { [TAG_MANAGED]: 'true', [TAG_ENV]: 'demo' };
const UNTAGGED: Tags = {};

/** The keys of a request that tags what it creates. */
function requestTags(tags: Tags): Record<string, ContextValue> {
  return {
    ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
    'aws:TagKeys': Object.keys(tags),
  };
}
/** The keys of an existing resource's tags. */
function resourceTags(tags: Tags): Record<string, ContextValue> {
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
}
const req = (action: string, resource: string, context: Record<string, ContextValue> = {}): AuthzRequest => ({
  action,
  resource,
  context,
});

/** One API call: every authorization IAM makes for it must pass. */
interface Call {
  what: string;
  checks: AuthzRequest[];
  /** The tags the call applies, offered to every check when testing a refusal. */
  tags?: Tags;
}
const call = (what: string, checks: AuthzRequest[], tags?: Tags): Call => ({ what, checks, tags });

function allowed(principal: Principal, c: Call, pessimistic = false): boolean {
  return c.checks.every((check) => {
    const context = pessimistic && c.tags ? { ...requestTags(c.tags), ...check.context } : check.context;
    return evaluate(principal, { ...check, context }) === 'Allow';
  });
}

// ---- the calls a create and a teardown make (must be allowed) --------------------------------

/** Images and snapshots have region-wide ARNs, without an account. */
const ec2Any = (type: string, id: string) =>
  type === 'image' || type === 'snapshot' ? ec2Global(type, id) : ec2(type, id);

const ec2Create = (action: string, type: string, id: string, parents: AuthzRequest[] = []): Call =>
  call(
    `${action} ${type}`,
    [
      req(`ec2:${action}`, ec2Any(type, id), requestTags(MANAGED)),
      ...parents,
      req('ec2:CreateTags', ec2Any(type, id), { ...requestTags(MANAGED), 'ec2:CreateAction': action }),
    ],
    MANAGED,
  );

function allowedCalls(): Call[] {
  const managedVpc = req('ec2:CreateSubnet', ec2('vpc', 'vpc-1'), resourceTags(MANAGED));
  const onManaged = (action: string, type: string, id: string) =>
    call(`${action} on a managed ${type}`, [req(`ec2:${action}`, ec2(type, id), resourceTags(MANAGED))]);
  const createTagsOnLaunch = (type: string, id: string) =>
    req('ec2:CreateTags', ec2(type, id), { ...requestTags(MANAGED), 'ec2:CreateAction': 'RunInstances' });
  const boundedRole = { 'iam:PermissionsBoundary': boundaryArn, ...resourceTags(MANAGED) };
  return [
    // EC2 (SPEC §1–§3, §7, §10)
    ec2Create('CreateVpc', 'vpc', 'vpc-1'),
    ec2Create('CreateInternetGateway', 'internet-gateway', 'igw-1'),
    ec2Create('CreateSubnet', 'subnet', 'subnet-1', [managedVpc]),
    ec2Create('CreateRouteTable', 'route-table', 'rtb-1', [
      req('ec2:CreateRouteTable', ec2('vpc', 'vpc-1'), resourceTags(MANAGED)),
    ]),
    ec2Create('CreateSecurityGroup', 'security-group', 'sg-1', [
      req('ec2:CreateSecurityGroup', ec2('vpc', 'vpc-1'), resourceTags(MANAGED)),
    ]),
    call(
      'RunInstances (web #1) with the web role',
      [
        req('ec2:RunInstances', ec2('instance', '*'), requestTags(MANAGED)),
        req('ec2:RunInstances', ec2('volume', '*'), requestTags(MANAGED)),
        req('ec2:RunInstances', ec2('network-interface', '*'), requestTags(MANAGED)),
        req('ec2:RunInstances', ec2('subnet', 'subnet-1'), resourceTags(MANAGED)),
        req('ec2:RunInstances', ec2('security-group', 'sg-1'), resourceTags(MANAGED)),
        req('ec2:RunInstances', ec2Global('image', 'ami-0amazonlinux')),
        req('ec2:RunInstances', ec2Global('snapshot', 'snap-0amazonlinux')),
        createTagsOnLaunch('instance', 'i-1'),
        createTagsOnLaunch('volume', 'vol-1'),
        createTagsOnLaunch('network-interface', 'eni-1'),
        req('iam:PassRole', WEB_ROLE, { 'iam:PassedToService': 'ec2.amazonaws.com', ...boundedRole }),
      ],
      MANAGED,
    ),
    ec2Create('CreateImage', 'image', 'ami-1', [
      req('ec2:CreateImage', ec2('instance', 'i-1'), resourceTags(MANAGED)),
      req('ec2:CreateImage', ec2Global('snapshot', 'snap-1'), requestTags(MANAGED)),
    ]),
    call('ModifyVpcAttribute', [req('ec2:ModifyVpcAttribute', ec2('vpc', 'vpc-1'), resourceTags(MANAGED))]),
    call('AttachInternetGateway', [
      req('ec2:AttachInternetGateway', ec2('internet-gateway', 'igw-1'), resourceTags(MANAGED)),
      req('ec2:AttachInternetGateway', ec2('vpc', 'vpc-1'), resourceTags(MANAGED)),
    ]),
    call('CreateRoute to the managed gateway', [
      req('ec2:CreateRoute', ec2('route-table', 'rtb-1'), resourceTags(MANAGED)),
      req('ec2:CreateRoute', ec2('internet-gateway', 'igw-1'), resourceTags(MANAGED)),
    ]),
    onManaged('AuthorizeSecurityGroupIngress', 'security-group', 'sg-1'),
    onManaged('StopInstances', 'instance', 'i-1'),
    onManaged('TerminateInstances', 'instance', 'i-1'),
    call('DeregisterImage', [req('ec2:DeregisterImage', ec2Global('image', 'ami-1'), resourceTags(MANAGED))]),
    call('DeleteSnapshot', [
      req('ec2:DeleteSnapshot', ec2Global('snapshot', 'snap-1'), resourceTags(MANAGED)),
    ]),
    onManaged('DeleteSubnet', 'subnet', 'subnet-1'),
    onManaged('DeleteVpc', 'vpc', 'vpc-1'),

    // RDS (SPEC §4, §8, §9, §10)
    call(
      'CreateDBSubnetGroup',
      [
        req('rds:CreateDBSubnetGroup', rds('subgrp', n.dbSubnetGroup), requestTags(MANAGED)),
        req('rds:AddTagsToResource', rds('subgrp', n.dbSubnetGroup), requestTags(MANAGED)),
      ],
      MANAGED,
    ),
    call(
      'CreateDBInstance (first in the account: the service-linked role too)',
      [
        req('rds:CreateDBInstance', rds('db', n.db), requestTags(MANAGED)),
        req('rds:CreateDBInstance', rds('subgrp', n.dbSubnetGroup), {
          ...requestTags(MANAGED),
          ...resourceTags(MANAGED),
        }),
        req('rds:CreateDBInstance', rds('og', 'default:mysql-8-4'), requestTags(MANAGED)),
        req('rds:CreateDBInstance', rds('pg', 'default.mysql8.4'), requestTags(MANAGED)),
        req('rds:AddTagsToResource', rds('db', n.db), requestTags(MANAGED)),
        req('iam:CreateServiceLinkedRole', RDS_SLR, { 'iam:AWSServiceName': 'rds.amazonaws.com' }),
      ],
      MANAGED,
    ),
    call('DescribeDBInstances of a DB not made yet', [req('rds:DescribeDBInstances', rds('db', n.db))]),
    call('ModifyDBInstance (Multi-AZ)', [
      req('rds:ModifyDBInstance', rds('db', n.db), resourceTags(MANAGED)),
    ]),
    call('RebootDBInstance (failover)', [
      req('rds:RebootDBInstance', rds('db', n.db), resourceTags(MANAGED)),
    ]),
    call('DeleteDBInstance', [req('rds:DeleteDBInstance', rds('db', n.db), resourceTags(MANAGED))]),
    call('DeleteDBSubnetGroup', [
      req('rds:DeleteDBSubnetGroup', rds('subgrp', n.dbSubnetGroup), resourceTags(MANAGED)),
    ]),

    // ELBv2 (SPEC §5, §7, §10)
    call(
      'CreateTargetGroup',
      [
        req('elasticloadbalancing:CreateTargetGroup', TG, requestTags(MANAGED)),
        req('elasticloadbalancing:AddTags', TG, {
          ...requestTags(MANAGED),
          'elasticloadbalancing:CreateAction': 'CreateTargetGroup',
        }),
      ],
      MANAGED,
    ),
    call(
      'CreateLoadBalancer (first in the account: the service-linked role too)',
      [
        req('elasticloadbalancing:CreateLoadBalancer', ALB, requestTags(MANAGED)),
        req('elasticloadbalancing:AddTags', ALB, {
          ...requestTags(MANAGED),
          'elasticloadbalancing:CreateAction': 'CreateLoadBalancer',
        }),
        req('iam:CreateServiceLinkedRole', ELB_SLR, {
          'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com',
        }),
      ],
      MANAGED,
    ),
    call(
      'CreateListener',
      [
        req('elasticloadbalancing:CreateListener', ALB, {
          ...requestTags(MANAGED),
          ...resourceTags(MANAGED),
        }),
        req('elasticloadbalancing:AddTags', LISTENER, {
          ...requestTags(MANAGED),
          'elasticloadbalancing:CreateAction': 'CreateListener',
        }),
      ],
      MANAGED,
    ),
    call('RegisterTargets', [req('elasticloadbalancing:RegisterTargets', TG, resourceTags(MANAGED))]),
    call('DeleteListener', [req('elasticloadbalancing:DeleteListener', LISTENER, resourceTags(MANAGED))]),
    call('DeleteLoadBalancer', [req('elasticloadbalancing:DeleteLoadBalancer', ALB, resourceTags(MANAGED))]),
    call('DeleteTargetGroup', [req('elasticloadbalancing:DeleteTargetGroup', TG, resourceTags(MANAGED))]),

    // Secrets Manager (the DB password)
    call(
      'CreateSecret',
      [
        req('secretsmanager:CreateSecret', secret(n.secret), requestTags(MANAGED)),
        req('secretsmanager:TagResource', secret(n.secret), requestTags(MANAGED)),
      ],
      MANAGED,
    ),
    call('DescribeSecret of one not made yet', [req('secretsmanager:DescribeSecret', secret(n.secret))]),
    call('GetSecretValue', [req('secretsmanager:GetSecretValue', secret(n.secret), resourceTags(MANAGED))]),
    call('DeleteSecret', [req('secretsmanager:DeleteSecret', secret(n.secret), resourceTags(MANAGED))]),

    // IAM: the web role and profile, under the path and the boundary
    call('GetRole of the web role before it exists (no path yet)', [
      req('iam:GetRole', iamRole(`/${n.webRole}`)),
    ]),
    call(
      'CreateRole under the path with the boundary and tags',
      [
        req('iam:CreateRole', WEB_ROLE, { 'iam:PermissionsBoundary': boundaryArn, ...requestTags(MANAGED) }),
        req('iam:TagRole', WEB_ROLE, requestTags(MANAGED)),
      ],
      MANAGED,
    ),
    call('PutRolePolicy on the bounded web role', [req('iam:PutRolePolicy', WEB_ROLE, boundedRole)]),
    call(
      'CreateInstanceProfile under the path',
      [
        req('iam:CreateInstanceProfile', WEB_PROFILE, requestTags(MANAGED)),
        req('iam:TagInstanceProfile', WEB_PROFILE, requestTags(MANAGED)),
      ],
      MANAGED,
    ),
    call('AddRoleToInstanceProfile (with its PassRole check)', [
      req('iam:AddRoleToInstanceProfile', WEB_PROFILE, resourceTags(MANAGED)),
      req('iam:PassRole', WEB_ROLE, boundedRole),
    ]),
    call('RemoveRoleFromInstanceProfile', [
      req('iam:RemoveRoleFromInstanceProfile', WEB_PROFILE, resourceTags(MANAGED)),
    ]),
    call('DeleteInstanceProfile', [req('iam:DeleteInstanceProfile', WEB_PROFILE, resourceTags(MANAGED))]),
    call('DeleteRolePolicy', [req('iam:DeleteRolePolicy', WEB_ROLE, boundedRole)]),
    call('DeleteRole', [req('iam:DeleteRole', WEB_ROLE, boundedRole)]),

    // The create preflight's reads (issue 14 §2)
    ...PREFLIGHT_READS.map((action) => call(`preflight ${action}`, [req(action, '*')])),
    call('preflight GetServiceQuota (VPCs per Region)', [
      req('servicequotas:GetServiceQuota', `arn:${P}:servicequotas:${R}:${A}:vpc/L-F678F1CE`),
    ]),
    call('preflight GetRole of the RDS service-linked role', [req('iam:GetRole', RDS_SLR)]),
    call('preflight GetRole of the ELB service-linked role', [req('iam:GetRole', ELB_SLR)]),
  ];
}

describe('what a create and a teardown do is allowed', () => {
  it('the worker may make every call (positive controls)', () => {
    const refused = allowedCalls()
      .filter((c) => !allowed(worker, c))
      .map(
        (c) =>
          `${c.what}: ${c.checks
            .filter((k) => evaluate(worker, k) !== 'Allow')
            .map((k) => `${k.action} ${k.resource}`)
            .join(', ')}`,
      );
    expect(refused).toEqual([]);
    expect(allowedCalls().length).toBeGreaterThan(40);
  });

  it('the slack and remind functions may make none of them', () => {
    const reachable = allowedCalls()
      .filter((c) => c.checks.some((k) => evaluate(bot, k) === 'Allow'))
      .map((c) => c.what);
    expect(reachable).toEqual([]);
  });

  it('the web role, whatever policy the worker puts on it, does no more than the boundary allows', () => {
    const everything: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const web: Principal = { policies: [everything], boundary };
    expect(evaluate(web, req('secretsmanager:GetSecretValue', secret(n.secret), resourceTags(MANAGED)))).toBe(
      'Allow',
    );
    expect(evaluate(web, req('rds:DescribeDBInstances', rds('db', n.db)))).toBe('Allow');
    const escapes = webEscapes()
      .filter((k) => evaluate(web, k) === 'Allow')
      .map((k) => `${k.action} ${k.resource}`);
    expect(escapes).toEqual([]);
  });

  it('the inline policy the worker puts on the web role works inside the boundary', () => {
    const inline = JSON.parse(webRolePolicy(secret(n.secret), R, n.db)) as PolicyDocument;
    const web: Principal = { policies: [inline], boundary };
    expect(evaluate(web, req('secretsmanager:GetSecretValue', secret(n.secret), resourceTags(MANAGED)))).toBe(
      'Allow',
    );
    expect(evaluate(web, req('rds:DescribeDBInstances', rds('db', n.db)))).toBe('Allow');
  });
});

/** What a web server must never do, even with `*` on `*` in its inline policy. */
function webEscapes(): AuthzRequest[] {
  return [
    req('iam:PutRolePolicy', WEB_ROLE, { 'iam:PermissionsBoundary': boundaryArn }),
    req('iam:CreateRole', iamRole(`${PATH}x`), { 'iam:PermissionsBoundary': boundaryArn }),
    req('iam:PassRole', WEB_ROLE),
    req('ec2:RunInstances', ec2('instance', '*')),
    req('s3:GetObject', `arn:${P}:s3:::any-bucket/key`),
    req('secretsmanager:GetSecretValue', secret('prod/db-password'), resourceTags(MANAGED)),
    req('secretsmanager:GetSecretValue', secret('sitebot/other/credentials'), resourceTags(UNTAGGED)),
    req('rds:DeleteDBInstance', rds('db', n.db), resourceTags(MANAGED)),
  ];
}

// ---- what must be refused ---------------------------------------------------------------------

interface Refusal {
  path: string;
  call: Call;
}
const refuse = (path: string, what: string, checks: AuthzRequest[], tags?: Tags): Refusal => ({
  path,
  call: call(what, checks, tags),
});

function refusals(): Refusal[] {
  const ownRole = roleArn(template, 'WorkerRole', PACKAGED);
  const botRole = roleArn(template, 'BotRole', PACKAGED);
  const stackPolicies = ['WorkerEc2Policy', 'WorkerServicesPolicy', 'WorkerIamPolicy', 'WebRoleBoundary'].map(
    (id) => policyArn(template, id, PACKAGED),
  );
  const unbounded = resourceTags(MANAGED); // a role at the path without our boundary
  const otherBoundary = { 'iam:PermissionsBoundary': ADMIN_POLICY, ...resourceTags(MANAGED) };
  const ours = { 'iam:PermissionsBoundary': boundaryArn, ...resourceTags(MANAGED) };
  const tagOnly = requestTags(MANAGED);
  return [
    // IAM: more permissions for itself or any role of the stack
    ...[ownRole, botRole].flatMap((role) => [
      refuse(
        'own/stack role: tag it managed',
        `TagRole ${role}`,
        [req('iam:TagRole', role, tagOnly)],
        MANAGED,
      ),
      refuse('own/stack role: inline policy', `PutRolePolicy ${role}`, [req('iam:PutRolePolicy', role)]),
      refuse('own/stack role: managed policy', `AttachRolePolicy ${role}`, [
        req('iam:AttachRolePolicy', role, { 'iam:PolicyARN': ADMIN_POLICY }),
      ]),
      refuse('own/stack role: trust policy', `UpdateAssumeRolePolicy ${role}`, [
        req('iam:UpdateAssumeRolePolicy', role),
      ]),
      refuse('own/stack role: delete policy', `DeleteRolePolicy ${role}`, [
        req('iam:DeleteRolePolicy', role),
      ]),
    ]),
    ...stackPolicies.flatMap((policy) => [
      refuse('edit a stack policy', `CreatePolicyVersion ${policy}`, [
        req('iam:CreatePolicyVersion', policy),
      ]),
      refuse('edit a stack policy', `DeletePolicy ${policy}`, [req('iam:DeletePolicy', policy)]),
      refuse('edit a stack policy', `SetDefaultPolicyVersion ${policy}`, [
        req('iam:SetDefaultPolicyVersion', policy),
      ]),
    ]),
    refuse(
      'role without the boundary',
      'CreateRole under the path, no boundary',
      [req('iam:CreateRole', WEB_ROLE, tagOnly)],
      MANAGED,
    ),
    refuse(
      'role without the boundary',
      'CreateRole under the path, another boundary',
      [req('iam:CreateRole', WEB_ROLE, { 'iam:PermissionsBoundary': ADMIN_POLICY, ...tagOnly })],
      MANAGED,
    ),
    refuse(
      'role outside the path',
      'CreateRole at / with the boundary',
      [
        req('iam:CreateRole', iamRole(`/${n.webRole}`), {
          'iam:PermissionsBoundary': boundaryArn,
          ...tagOnly,
        }),
      ],
      MANAGED,
    ),
    refuse('untagged role', 'CreateRole under the path with the boundary, untagged', [
      req('iam:CreateRole', WEB_ROLE, { 'iam:PermissionsBoundary': boundaryArn }),
    ]),
    refuse('role without the boundary', 'PutRolePolicy on a path role without the boundary', [
      req('iam:PutRolePolicy', WEB_ROLE, unbounded),
    ]),
    refuse('role without the boundary', 'PutRolePolicy on a path role with another boundary', [
      req('iam:PutRolePolicy', WEB_ROLE, otherBoundary),
    ]),
    refuse('lift the boundary', 'DeleteRolePermissionsBoundary on the web role', [
      req('iam:DeleteRolePermissionsBoundary', WEB_ROLE, ours),
    ]),
    refuse('lift the boundary', 'PutRolePermissionsBoundary on the web role', [
      req('iam:PutRolePermissionsBoundary', WEB_ROLE, { ...ours, 'iam:PermissionsBoundary': ADMIN_POLICY }),
    ]),
    refuse('managed policy on a bounded role', 'AttachRolePolicy on the web role', [
      req('iam:AttachRolePolicy', WEB_ROLE, { ...ours, 'iam:PolicyARN': ADMIN_POLICY }),
    ]),
    refuse('trust policy of a bounded role', 'UpdateAssumeRolePolicy on the web role', [
      req('iam:UpdateAssumeRolePolicy', WEB_ROLE, ours),
    ]),
    refuse('pass a role it did not create', 'PassRole of an EC2 admin role outside the path', [
      req('iam:PassRole', iamRole('/admin-ec2'), { 'iam:PassedToService': 'ec2.amazonaws.com' }),
    ]),
    refuse('pass a role it did not create', 'PassRole of the worker role to EC2', [
      req('iam:PassRole', ownRole, { 'iam:PassedToService': 'ec2.amazonaws.com' }),
    ]),
    refuse('pass the web role elsewhere', 'PassRole of the web role to Lambda', [
      req('iam:PassRole', WEB_ROLE, { 'iam:PassedToService': 'lambda.amazonaws.com', ...ours }),
    ]),
    refuse(
      'instance profile it did not create',
      'AddRoleToInstanceProfile of a profile outside the path',
      [req('iam:AddRoleToInstanceProfile', iamProfile('/prod-app'), resourceTags(MANAGED))],
      MANAGED,
    ),
    refuse('instance profile it did not create', 'DeleteInstanceProfile of an untagged profile on the path', [
      req('iam:DeleteInstanceProfile', WEB_PROFILE, resourceTags(UNTAGGED)),
    ]),
    refuse('instance profile it did not create', 'CreateInstanceProfile untagged', [
      req('iam:CreateInstanceProfile', WEB_PROFILE),
    ]),
    refuse('role it did not create', 'DeleteRole outside the path', [
      req('iam:DeleteRole', iamRole('/prod-app')),
    ]),
    refuse(
      'tag an existing role into management',
      'TagRole of a role outside the path',
      [req('iam:TagRole', iamRole('/prod-app'), tagOnly)],
      MANAGED,
    ),
    refuse('other service-linked roles', 'CreateServiceLinkedRole for Auto Scaling', [
      req(
        'iam:CreateServiceLinkedRole',
        iamRole('/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling'),
        {
          'iam:AWSServiceName': 'autoscaling.amazonaws.com',
        },
      ),
    ]),
    refuse('other service-linked roles', 'CreateServiceLinkedRole for ECS at the RDS role ARN', [
      req('iam:CreateServiceLinkedRole', RDS_SLR, { 'iam:AWSServiceName': 'ecs.amazonaws.com' }),
    ]),
    refuse('users and keys', 'CreateUser', [req('iam:CreateUser', `arn:${P}:iam::${A}:user/x`)]),
    refuse('users and keys', 'CreateAccessKey', [req('iam:CreateAccessKey', `arn:${P}:iam::${A}:user/x`)]),

    // EC2: tag an existing resource into management; change or delete an untagged one
    refuse(
      'tag an existing EC2 resource',
      'CreateTags on an existing instance',
      [req('ec2:CreateTags', ec2('instance', 'i-prod'), tagOnly)],
      MANAGED,
    ),
    refuse(
      'tag an existing EC2 resource',
      'CreateTags on an existing VPC',
      [req('ec2:CreateTags', ec2('vpc', 'vpc-prod'), tagOnly)],
      MANAGED,
    ),
    refuse('tag an existing EC2 resource', 'DeleteTags on a managed instance', [
      req('ec2:DeleteTags', ec2('instance', 'i-1'), {
        ...resourceTags(MANAGED),
        'aws:TagKeys': [TAG_MANAGED],
      }),
    ]),
    ...[
      ['TerminateInstances', 'instance', 'i-prod'],
      ['StopInstances', 'instance', 'i-prod'],
      ['DeleteVpc', 'vpc', 'vpc-prod'],
      ['DeleteSubnet', 'subnet', 'subnet-prod'],
      ['DeleteSecurityGroup', 'security-group', 'sg-prod'],
      ['AuthorizeSecurityGroupIngress', 'security-group', 'sg-prod'],
      ['CreateRoute', 'route-table', 'rtb-prod'],
      ['DeleteNetworkInterface', 'network-interface', 'eni-prod'],
    ].map(([action, type, id]) =>
      refuse('change an untagged EC2 resource', `${action} ${type}`, [
        req(`ec2:${action}`, ec2(type, id), resourceTags(UNTAGGED)),
      ]),
    ),
    refuse('change an untagged EC2 resource', 'DeregisterImage untagged', [
      req('ec2:DeregisterImage', ec2Global('image', 'ami-prod'), resourceTags(UNTAGGED)),
    ]),
    refuse('change an untagged EC2 resource', 'ModifyInstanceAttribute (user data) on a managed instance', [
      req('ec2:ModifyInstanceAttribute', ec2('instance', 'i-1'), resourceTags(MANAGED)),
    ]),
    // A new, tagged resource whose parent (subnet, security group, VPC, instance) is not sitebot's.
    ...(
      [
        ['RunInstances', ec2('instance', '*'), ec2('subnet', 'subnet-prod')],
        ['RunInstances', ec2('instance', '*'), ec2('security-group', 'sg-prod')],
        ['CreateSubnet', ec2('subnet', '*'), ec2('vpc', 'vpc-prod')],
        ['CreateSecurityGroup', ec2('security-group', '*'), ec2('vpc', 'vpc-prod')],
        ['CreateRouteTable', ec2('route-table', '*'), ec2('vpc', 'vpc-prod')],
        ['CreateImage', ec2Global('image', '*'), ec2('instance', 'i-prod')],
      ] as const
    ).map(([action, created, parent]) =>
      refuse(
        'use an EC2 resource it did not create',
        `${action} with an existing ${parent.split(':').pop()}`,
        [req(`ec2:${action}`, created, tagOnly), req(`ec2:${action}`, parent, resourceTags(UNTAGGED))],
        MANAGED,
      ),
    ),
    ...[
      ['CreateVpc', 'vpc'],
      ['CreateInternetGateway', 'internet-gateway'],
      ['CreateSubnet', 'subnet'],
      ['CreateRouteTable', 'route-table'],
      ['CreateSecurityGroup', 'security-group'],
      ['RunInstances', 'instance'],
      ['RunInstances', 'volume'],
      ['RunInstances', 'network-interface'],
    ].map(([action, type]) =>
      refuse('untagged resource', `${action} creating an untagged ${type}`, [
        req(`ec2:${action}`, ec2(type, '*')),
      ]),
    ),
    ...['image', 'snapshot'].map((type) =>
      refuse('untagged resource', `CreateImage creating an untagged ${type}`, [
        req('ec2:CreateImage', ec2Global(type, '*')),
      ]),
    ),

    // RDS: no create-action key, so confined to sitebot's names as well as the tag
    refuse(
      'tag an existing RDS instance',
      'AddTagsToResource on an untagged DB',
      [req('rds:AddTagsToResource', rds('db', 'prod-db'), tagOnly)],
      MANAGED,
    ),
    refuse(
      'tag an existing RDS instance',
      'AddTagsToResource on an untagged subnet group',
      [req('rds:AddTagsToResource', rds('subgrp', 'prod-subnets'), tagOnly)],
      MANAGED,
    ),
    refuse(
      'tag an existing RDS instance',
      'AddTagsToResource on a parameter group',
      [req('rds:AddTagsToResource', rds('pg', 'default.mysql8.4'), tagOnly)],
      MANAGED,
    ),
    ...['DeleteDBInstance', 'ModifyDBInstance', 'RebootDBInstance'].flatMap((action) => [
      refuse('change an untagged RDS resource', `${action} on an untagged DB`, [
        req(`rds:${action}`, rds('db', 'prod-db'), resourceTags(UNTAGGED)),
      ]),
      refuse('change an RDS resource outside sitebot-*', `${action} on a DB tagged managed by someone else`, [
        req(`rds:${action}`, rds('db', 'prod-db'), resourceTags(MANAGED)),
      ]),
      refuse('change an untagged RDS resource', `${action} on an untagged sitebot-* DB`, [
        req(`rds:${action}`, rds('db', 'sitebot-x-db'), resourceTags(UNTAGGED)),
      ]),
    ]),
    refuse('change an untagged RDS resource', 'DeleteDBSubnetGroup untagged', [
      req('rds:DeleteDBSubnetGroup', rds('subgrp', 'prod-subnets'), resourceTags(UNTAGGED)),
    ]),
    refuse(
      'use an RDS resource it did not create',
      'CreateDBInstance in an existing subnet group',
      [
        req('rds:CreateDBInstance', rds('db', n.db), tagOnly),
        req('rds:CreateDBInstance', rds('subgrp', 'prod-subnets'), resourceTags(UNTAGGED)),
      ],
      MANAGED,
    ),
    refuse(
      'use an RDS resource it did not create',
      'CreateDBInstance with a custom parameter group',
      [
        req('rds:CreateDBInstance', rds('db', n.db), tagOnly),
        req('rds:CreateDBInstance', rds('pg', 'prod-params'), resourceTags(UNTAGGED)),
      ],
      MANAGED,
    ),
    refuse('untagged resource', 'CreateDBInstance untagged', [req('rds:CreateDBInstance', rds('db', n.db))]),
    refuse('untagged resource', 'CreateDBSubnetGroup untagged', [
      req('rds:CreateDBSubnetGroup', rds('subgrp', n.dbSubnetGroup)),
    ]),

    // ELBv2
    refuse(
      'tag an existing load balancer',
      'AddTags on an existing load balancer',
      [req('elasticloadbalancing:AddTags', elb('loadbalancer/app/prod/1'), tagOnly)],
      MANAGED,
    ),
    refuse(
      'tag an existing load balancer',
      'AddTags on an existing target group',
      [req('elasticloadbalancing:AddTags', elb('targetgroup/prod/1'), tagOnly)],
      MANAGED,
    ),
    ...[
      ['DeleteLoadBalancer', 'loadbalancer/app/prod/1'],
      ['DeleteTargetGroup', 'targetgroup/prod/1'],
      ['DeleteListener', 'listener/app/prod/1/2'],
      ['RegisterTargets', 'targetgroup/prod/1'],
      ['CreateListener', 'loadbalancer/app/prod/1'],
    ].map(([action, path]) =>
      refuse(
        'change an untagged load balancer',
        `${action} untagged`,
        [req(`elasticloadbalancing:${action}`, elb(path), resourceTags(UNTAGGED))],
        MANAGED,
      ),
    ),
    refuse('untagged resource', 'CreateLoadBalancer untagged', [
      req('elasticloadbalancing:CreateLoadBalancer', ALB),
    ]),
    refuse('untagged resource', 'CreateTargetGroup untagged', [
      req('elasticloadbalancing:CreateTargetGroup', TG),
    ]),

    // Secrets Manager: no create-action key, so confined to sitebot/* as well as the tag
    refuse(
      'tag an existing secret',
      'TagResource on a secret outside sitebot/',
      [req('secretsmanager:TagResource', secret('prod/db-password'), tagOnly)],
      MANAGED,
    ),
    ...['GetSecretValue', 'PutSecretValue', 'DeleteSecret', 'RestoreSecret'].flatMap((action) => [
      refuse('read or change a secret it did not create', `${action} outside sitebot/, even tagged`, [
        req(`secretsmanager:${action}`, secret('prod/db-password'), resourceTags(MANAGED)),
      ]),
      refuse('read or change a secret it did not create', `${action} on an untagged sitebot/ secret`, [
        req(`secretsmanager:${action}`, secret('sitebot/other/credentials'), resourceTags(UNTAGGED)),
      ]),
    ]),
    refuse('untagged resource', 'CreateSecret untagged', [
      req('secretsmanager:CreateSecret', secret(n.secret)),
    ]),
    refuse('read or change a secret it did not create', 'PutResourcePolicy on a managed secret', [
      req('secretsmanager:PutResourcePolicy', secret(n.secret), resourceTags(MANAGED)),
    ]),
  ];
}

describe('escalation and takeover paths are closed', () => {
  it('refuses every one of them, even offering the request tags to every resource', () => {
    const open = refusals()
      .filter(({ call: c }) => allowed(worker, c, true))
      .map(({ path, call: c }) => `${path}: ${c.what} (allowed by ${whoAllows(c).join(', ')})`);
    expect(open).toEqual([]);
    expect(refusals().length).toBeGreaterThan(80);
  });

  it('the slack and remind functions can do none of them either', () => {
    const open = refusals()
      .filter(({ call: c }) => allowed(bot, c, true))
      .map(({ path, call: c }) => `${path}: ${c.what}`);
    expect(open).toEqual([]);
  });

  it('every condition in the worker and boundary policies is load-bearing: dropping any one opens a path', () => {
    const slack: string[] = [];
    for (const variant of conditionDrops(worker)) {
      if (!refusals().some(({ call: c }) => allowed(variant.principal, c, true))) slack.push(variant.label);
    }
    const everything: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    for (const variant of conditionDrops({ policies: [boundary] })) {
      const web: Principal = { policies: [everything], boundary: variant.principal.policies[0] };
      if (!webEscapes().some((k) => evaluate(web, k) === 'Allow')) slack.push(`boundary ${variant.label}`);
    }
    expect(slack).toEqual([]);
  });
});

/** The worker's statements that let a refused call's checks through, for the failure message. */
function whoAllows(c: Call): string[] {
  const sids = c.checks.flatMap((k) =>
    allowedBy(worker.policies, { ...k, context: { ...requestTags(c.tags ?? {}), ...k.context } }),
  );
  return [...new Set(sids)];
}

/** The principal once per condition key, with that one key removed. */
function* conditionDrops(principal: Principal): Generator<{ label: string; principal: Principal }> {
  const docs = principal.policies;
  for (const [d, doc] of docs.entries()) {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    for (const [s, statement] of statements.entries()) {
      for (const [op, keys] of Object.entries(statement.Condition ?? {})) {
        for (const key of Object.keys(keys)) {
          const copy = structuredClone(docs) as PolicyDocument[];
          const target = (Array.isArray(copy[d].Statement) ? copy[d].Statement : [copy[d].Statement])[s];
          const block = target.Condition![op];
          delete block[key];
          if (Object.keys(block).length === 0) delete target.Condition![op];
          yield {
            label: `${statement.Sid ?? `#${s}`} ${op} ${key}`,
            principal: { ...principal, policies: copy },
          };
        }
      }
    }
  }
}
