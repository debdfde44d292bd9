/**
 * The IAM policies of the packaged CloudFormation template as IAM would store them: intrinsic
 * functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join) resolved for a given partition, region,
 * account and stage, so the deploy tests can measure them and evaluate requests against them.
 */
import { readFileSync } from 'node:fs';
import { CI_REGION, CI_STAGE, TEMPLATE_PATH } from './package-offline';
import type { PolicyDocument, Principal } from './iam-evaluator';

export interface TemplateResource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
}
export interface Template {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, unknown>;
}

/** Where the stack is deployed: the values of AWS's pseudo parameters, and the stage. */
export interface Placement {
  partition: string;
  region: string;
  accountId: string;
  stage: string;
}

/** The packaged template as it is: `osls package --stage ci` in ap-northeast-1. */
export const PACKAGED: Placement = {
  partition: 'aws',
  region: CI_REGION,
  accountId: '123456789012',
  stage: CI_STAGE,
};

/**
 * The longest names a real deployment could have, for the size limits: the longest partition
 * (aws-us-gov), a 14-character region and a 10-character stage ("production").
 */
export const LONGEST: Placement = {
  partition: 'aws-us-gov',
  region: 'ap-southeast-7',
  accountId: '123456789012',
  stage: 'production',
};

/** The read-only calls the create preflight makes, besides GetServiceQuota and GetRole (issue 14 §2). */
export const PREFLIGHT_READS = [
  'ec2:DescribeAccountAttributes',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeInstanceTypeOfferings',
  'rds:DescribeAccountAttributes',
  'rds:DescribeOrderableDBInstanceOptions',
  'elasticloadbalancing:DescribeAccountLimits',
] as const;

export function loadTemplate(): Template {
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as Template;
}

/** The template's text with the packaged stage's names renamed to `placement`'s stage. */
export function restaged(template: Template, placement: Placement): Template {
  if (placement.stage === CI_STAGE) return template;
  const text = JSON.stringify(template)
    .replaceAll(`sitebot-${CI_STAGE}`, `sitebot-${placement.stage}`)
    .replaceAll(`/sitebot/${CI_STAGE}/`, `/sitebot/${placement.stage}/`);
  return JSON.parse(text) as Template;
}

function resource(template: Template, id: string): TemplateResource {
  const r = template.Resources[id];
  if (!r) throw new Error(`no resource ${id} in the template`);
  return r;
}

const stackName = (p: Placement) => `sitebot-${p.stage}`;

/** The physical name CloudFormation gives a resource without an explicit one. */
const generatedName = (p: Placement, id: string) => `${stackName(p)}-${id}-1A2B3C4D5E6F`.slice(0, 64);

function pseudo(name: string, p: Placement): string {
  const values: Record<string, string> = {
    'AWS::Partition': p.partition,
    'AWS::Region': p.region,
    'AWS::AccountId': p.accountId,
    'AWS::StackName': stackName(p),
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const v = values[name];
  if (v === undefined) throw new Error(`unknown pseudo parameter ${name}`);
  return v;
}

function refOf(template: Template, id: string, p: Placement): string {
  if (id.startsWith('AWS::')) return pseudo(id, p);
  const r = resource(template, id);
  const props = r.Properties;
  switch (r.Type) {
    case 'AWS::IAM::ManagedPolicy':
      return `arn:${p.partition}:iam::${p.accountId}:policy${(props.Path as string | undefined) ?? '/'}${(props.ManagedPolicyName as string | undefined) ?? generatedName(p, id)}`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${p.region}.amazonaws.com/${p.accountId}/${props.QueueName as string}`;
    case 'AWS::SNS::Topic':
      return `arn:${p.partition}:sns:${p.region}:${p.accountId}:${props.TopicName as string}`;
    case 'AWS::IAM::Role':
      return (props.RoleName as string | undefined) ?? generatedName(p, id);
    default:
      return (props.Name as string | undefined) ?? generatedName(p, id);
  }
}

function getAtt(template: Template, id: string, attr: string, p: Placement): string {
  const r = resource(template, id);
  const props = r.Properties;
  const key = `${r.Type}.${attr}`;
  switch (key) {
    case 'AWS::DynamoDB::Table.Arn':
      return `arn:${p.partition}:dynamodb:${p.region}:${p.accountId}:table/${props.TableName as string}`;
    case 'AWS::SQS::Queue.Arn':
      return `arn:${p.partition}:sqs:${p.region}:${p.accountId}:${props.QueueName as string}`;
    case 'AWS::SQS::Queue.QueueName':
      return props.QueueName as string;
    case 'AWS::IAM::Role.Arn':
      return `arn:${p.partition}:iam::${p.accountId}:role${(props.Path as string | undefined) ?? '/'}${refOf(template, id, p)}`;
    case 'AWS::Lambda::Function.Arn':
      return `arn:${p.partition}:lambda:${p.region}:${p.accountId}:function:${props.FunctionName as string}`;
    default:
      throw new Error(`Fn::GetAtt ${id}.${attr} (${r.Type}) is not resolved by the test resolver`);
  }
}

function sub(template: Template, text: string, vars: Record<string, unknown>, p: Placement): string {
  return text.replace(/\$\{(!?)([^}]+)\}/g, (whole, bang: string, name: string) => {
    if (bang) return `\${${name}}`;
    if (name in vars) return String(resolve(template, vars[name], p));
    if (name.startsWith('AWS::')) return pseudo(name, p);
    const dot = name.indexOf('.');
    return dot < 0 ? refOf(template, name, p) : getAtt(template, name.slice(0, dot), name.slice(dot + 1), p);
  });
}

/** A template value with every intrinsic function resolved. */
export function resolve(template: Template, value: unknown, p: Placement): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(template, v, p));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = obj[k];
    if (k === 'Ref') return refOf(template, arg as string, p);
    if (k === 'Fn::GetAtt') {
      const [id, attr] = Array.isArray(arg) ? (arg as string[]) : (arg as string).split('.');
      return getAtt(template, id, attr, p);
    }
    if (k === 'Fn::Sub') {
      if (typeof arg === 'string') return sub(template, arg, {}, p);
      const [text, vars] = arg as [string, Record<string, unknown>];
      return sub(template, text, vars, p);
    }
    if (k === 'Fn::Join') {
      const [delimiter, parts] = arg as [string, unknown[]];
      return parts.map((part) => String(resolve(template, part, p))).join(delimiter);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, resolve(template, obj[k], p)]));
}

export interface NamedPolicy {
  /** Inline policy name, or the managed policy's logical id. */
  name: string;
  kind: 'inline' | 'managed';
  document: PolicyDocument;
}

/** A role's inline policies and the managed policies of this template attached to it. */
export function policiesOfRole(template: Template, roleId: string, p: Placement): NamedPolicy[] {
  const props = resource(template, roleId).Properties as {
    Policies?: { PolicyName: unknown; PolicyDocument: unknown }[];
    ManagedPolicyArns?: unknown[];
  };
  const inline = (props.Policies ?? []).map((pol) => ({
    name: String(resolve(template, pol.PolicyName, p)),
    kind: 'inline' as const,
    document: resolve(template, pol.PolicyDocument, p) as PolicyDocument,
  }));
  const managed = (props.ManagedPolicyArns ?? []).map((arn) => {
    const id = (arn as { Ref?: string }).Ref;
    if (!id || resource(template, id).Type !== 'AWS::IAM::ManagedPolicy')
      throw new Error(`${roleId}: a managed policy outside this template (${JSON.stringify(arn)})`);
    return { name: id, kind: 'managed' as const, document: managedPolicy(template, id, p) };
  });
  return [...inline, ...managed];
}

export function managedPolicy(template: Template, id: string, p: Placement): PolicyDocument {
  return resolve(template, resource(template, id).Properties.PolicyDocument, p) as PolicyDocument;
}

/** The role as IAM evaluates it: identity policies, and its boundary when it has one. */
export function principalOf(template: Template, roleId: string, p: Placement): Principal {
  const boundaryRef = resource(template, roleId).Properties.PermissionsBoundary as
    { Ref?: string } | undefined;
  return {
    policies: policiesOfRole(template, roleId, p).map((x) => x.document),
    ...(boundaryRef?.Ref ? { boundary: managedPolicy(template, boundaryRef.Ref, p) } : {}),
  };
}

/** The role's ARN as IAM names it (with its path). */
export function roleArn(template: Template, roleId: string, p: Placement): string {
  return getAtt(template, roleId, 'Arn', p);
}

export function policyArn(template: Template, policyId: string, p: Placement): string {
  return refOf(template, policyId, p);
}

/**
 * IAM's size of a policy: its characters without the white space outside strings (IAM User
 * Guide, "IAM and AWS STS quotas": white space is not counted).
 */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}
