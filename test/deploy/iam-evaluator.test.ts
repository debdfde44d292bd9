/** The test IAM evaluator against IAM's documented evaluation rules, one rule per test. */
import {
  actionMatches,
  allowedBy,
  decide,
  evaluate,
  resourceMatches,
  type AuthzRequest,
  type PolicyDocument,
  type Statement,
} from './iam-evaluator';

const policy = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const allow = (extra: Partial<Statement> = {}): Statement => ({
  Effect: 'Allow',
  Action: 'ec2:TerminateInstances',
  Resource: '*',
  ...extra,
});
const terminate = (context: AuthzRequest['context'] = {}): AuthzRequest => ({
  action: 'ec2:TerminateInstances',
  resource: 'arn:aws:ec2:ap-northeast-1:123456789012:instance/i-1',
  context,
});

describe('actions', () => {
  it('match case-insensitively, with * and ? wildcards', () => {
    expect(actionMatches('ec2:TerminateInstances', 'EC2:terminateinstances')).toBe(true);
    expect(actionMatches('ec2:Describe*', 'ec2:DescribeVpcs')).toBe(true);
    expect(actionMatches('ec2:Describe*', 'ec2:DeleteVpc')).toBe(false);
    expect(actionMatches('iam:?etRole', 'iam:GetRole')).toBe(true);
    expect(actionMatches('iam:?etRole', 'iam:GetRolePolicy')).toBe(false);
    expect(actionMatches('*', 's3:GetObject')).toBe(true);
  });

  it('NotAction allows everything except the listed actions', () => {
    const p = policy({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' });
    expect(decide([p], terminate())).toBe('Allow');
    expect(decide([p], { action: 'iam:PutRolePolicy', resource: '*' })).toBe('ImplicitDeny');
  });
});

describe('resources', () => {
  it('match ARN segment by segment; a wildcard never crosses into another segment', () => {
    const role = 'arn:aws:iam::123456789012:role/sitebot/ci/sitebot-demo-web';
    expect(resourceMatches('arn:aws:iam::123456789012:role/sitebot/ci/*', role)).toBe(true);
    expect(resourceMatches('arn:aws:iam::123456789012:role/sitebot-*', role)).toBe(false);
    expect(resourceMatches('arn:aws:iam::*:role/sitebot/ci/*', role)).toBe(true);
    // `*` in the account segment does not swallow the resource segment's start.
    expect(resourceMatches('arn:aws:iam::*role/sitebot/ci/*', role)).toBe(false);
    expect(
      resourceMatches('arn:aws:iam::123456789012:role/sitebot/ci/*', role.replace('123456789012', '999')),
    ).toBe(false);
  });

  it('keep the colons of the resource segment (RDS, secrets)', () => {
    expect(resourceMatches('arn:aws:rds:r:1:db:sitebot-*', 'arn:aws:rds:r:1:db:sitebot-demo-db')).toBe(true);
    expect(resourceMatches('arn:aws:rds:r:1:db:sitebot-*', 'arn:aws:rds:r:1:db:prod-db')).toBe(false);
    expect(resourceMatches('arn:aws:rds:r:1:og:default:*', 'arn:aws:rds:r:1:og:default:mysql-8-4')).toBe(
      true,
    );
    expect(resourceMatches('arn:aws:rds:r:1:og:default:*', 'arn:aws:rds:r:1:og:prod-options')).toBe(false);
  });

  it('are case-sensitive, and `*` alone matches everything', () => {
    expect(resourceMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/k')).toBe(false);
    expect(resourceMatches('*', 'arn:aws:s3:::bucket/k')).toBe(true);
  });

  it('NotResource allows everything except the listed resources', () => {
    const p = policy({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:ec2:*:*:instance/i-1' });
    expect(decide([p], terminate())).toBe('ImplicitDeny');
    expect(decide([p], { ...terminate(), resource: 'arn:aws:ec2:r:1:instance/i-2' })).toBe('Allow');
  });
});

describe('conditions', () => {
  const managed = { StringEquals: { 'aws:ResourceTag/sitebot:managed': 'true' } };

  it('StringEquals needs the key present and equal (values are case-sensitive, keys are not)', () => {
    const p = policy(allow({ Condition: managed }));
    expect(decide([p], terminate({ 'aws:ResourceTag/sitebot:managed': 'true' }))).toBe('Allow');
    expect(decide([p], terminate({ 'AWS:RESOURCETAG/SITEBOT:MANAGED': 'true' }))).toBe('Allow');
    expect(decide([p], terminate({ 'aws:ResourceTag/sitebot:managed': 'True' }))).toBe('ImplicitDeny');
    expect(decide([p], terminate())).toBe('ImplicitDeny');
  });

  it('several values of a key are ORed; several keys and several operators are ANDed', () => {
    const p = policy(
      allow({
        Condition: {
          StringEquals: { 'ec2:CreateAction': ['RunInstances', 'CreateVpc'], 'aws:RequestTag/a': '1' },
          StringLike: { 'aws:RequestTag/b': 'x*' },
        },
      }),
    );
    const ok = { 'ec2:CreateAction': 'CreateVpc', 'aws:RequestTag/a': '1', 'aws:RequestTag/b': 'xyz' };
    expect(decide([p], terminate(ok))).toBe('Allow');
    expect(decide([p], terminate({ ...ok, 'ec2:CreateAction': 'CreateSubnet' }))).toBe('ImplicitDeny');
    expect(decide([p], terminate({ ...ok, 'aws:RequestTag/a': '2' }))).toBe('ImplicitDeny');
    expect(decide([p], terminate({ ...ok, 'aws:RequestTag/b': 'yx' }))).toBe('ImplicitDeny');
  });

  it('negated operators are true when the key is absent', () => {
    const p = policy(allow({ Condition: { StringNotEquals: { 'aws:ResourceTag/owner': 'prod' } } }));
    expect(decide([p], terminate())).toBe('Allow');
    expect(decide([p], terminate({ 'aws:ResourceTag/owner': 'prod' }))).toBe('ImplicitDeny');
    expect(decide([p], terminate({ 'aws:ResourceTag/owner': 'dev' }))).toBe('Allow');
  });

  it('IfExists makes an absent key match, a present one must still match', () => {
    const p = policy(
      allow({ Condition: { StringEqualsIfExists: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }),
    );
    expect(decide([p], terminate())).toBe('Allow');
    expect(decide([p], terminate({ 'iam:PassedToService': 'ec2.amazonaws.com' }))).toBe('Allow');
    expect(decide([p], terminate({ 'iam:PassedToService': 'lambda.amazonaws.com' }))).toBe('ImplicitDeny');
  });

  it('ForAllValues: every request value must be listed (vacuously true when absent)', () => {
    const p = policy(allow({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } } }));
    expect(decide([p], terminate({ 'aws:TagKeys': ['a'] }))).toBe('Allow');
    expect(decide([p], terminate({ 'aws:TagKeys': ['a', 'c'] }))).toBe('ImplicitDeny');
    expect(decide([p], terminate())).toBe('Allow');
  });

  it('ForAnyValue: at least one request value must be listed (false when absent)', () => {
    const p = policy(
      allow({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['sitebot:managed'] } } }),
    );
    expect(decide([p], terminate({ 'aws:TagKeys': ['x', 'sitebot:managed'] }))).toBe('Allow');
    expect(decide([p], terminate({ 'aws:TagKeys': ['x'] }))).toBe('ImplicitDeny');
    expect(decide([p], terminate())).toBe('ImplicitDeny');
  });

  it('Null: "true" wants the key absent, "false" present', () => {
    const absent = policy(allow({ Condition: { Null: { 'aws:ResourceTag/sitebot:managed': 'true' } } }));
    const present = policy(allow({ Condition: { Null: { 'aws:ResourceTag/sitebot:managed': 'false' } } }));
    const tagged = terminate({ 'aws:ResourceTag/sitebot:managed': 'true' });
    expect(decide([absent], terminate())).toBe('Allow');
    expect(decide([absent], tagged)).toBe('ImplicitDeny');
    expect(decide([present], tagged)).toBe('Allow');
    expect(decide([present], terminate())).toBe('ImplicitDeny');
  });

  it('ArnLike matches ARNs with wildcards, ArnEquals exactly', () => {
    const like = policy(
      allow({ Condition: { ArnLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::*:policy/b-*' } } }),
    );
    const equals = policy(
      allow({ Condition: { ArnEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/b' } } }),
    );
    expect(decide([like], terminate({ 'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/b-web' }))).toBe(
      'Allow',
    );
    expect(decide([like], terminate({ 'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/admin' }))).toBe(
      'ImplicitDeny',
    );
    expect(decide([equals], terminate({ 'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/b' }))).toBe(
      'Allow',
    );
    expect(decide([equals], terminate({ 'iam:PermissionsBoundary': 'arn:aws:iam::1:policy/b2' }))).toBe(
      'ImplicitDeny',
    );
  });

  it('an operator it does not know is an error, never a silent match', () => {
    const p = policy(allow({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }));
    expect(() => decide([p], terminate({ 'aws:MultiFactorAuthAge': '10' }))).toThrow('not supported');
  });
});

describe('decisions', () => {
  it('nothing is allowed without an Allow; an explicit Deny beats any Allow', () => {
    expect(decide([policy()], terminate())).toBe('ImplicitDeny');
    const both = [policy(allow()), policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' })];
    expect(decide(both, terminate())).toBe('ExplicitDeny');
    expect(decide([policy(allow())], terminate())).toBe('Allow');
  });

  it('a permissions boundary intersects the identity policies', () => {
    const identity = policy({ Effect: 'Allow', Action: ['ec2:*', 'iam:*'], Resource: '*' });
    const boundary = policy({ Effect: 'Allow', Action: ['ec2:TerminateInstances', 's3:*'], Resource: '*' });
    const principal = { policies: [identity], boundary };
    expect(evaluate(principal, terminate())).toBe('Allow'); // both allow
    expect(evaluate(principal, { action: 'iam:PutRolePolicy', resource: '*' })).toBe('ImplicitDeny'); // identity only
    expect(evaluate(principal, { action: 's3:GetObject', resource: '*' })).toBe('ImplicitDeny'); // boundary only
    const denying = policy(allow(), { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' });
    expect(evaluate({ policies: [identity], boundary: denying }, terminate())).toBe('ExplicitDeny');
  });

  it('allowedBy names the statements that let a request through', () => {
    const p = policy(allow({ Sid: 'A' }), allow({ Sid: 'B', Condition: { Null: { x: 'false' } } }));
    expect(allowedBy([p], terminate())).toEqual(['A']);
  });
});
