/**
 * Checks the CloudFormation template `osls package` generates from serverless.yml (offline):
 * the functions and their events, the tables against src/state/tables.ts, the queue + DLQ +
 * alarm, the IAM policy (explicit actions, scoped resources, covering every AWS call the code
 * makes) and the absence of secrets.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ESBUILD_OPTIONS } from '../../bench/bundle/run';
import { tableDefinitions } from '../../src/state/tables';
import { resourceNames } from '../../src/workflows/create/names';
import { bundleInputs } from './bundle-inputs';
import { webRolePolicy } from '../../src/workflows/create/steps/iam';
import { resourceMatches, type Statement as EvalStatement } from './iam-evaluator';
import { CI_STAGE, ROOT, SERVERLESS_DIR, TEMPLATE_PATH, ensurePackaged } from './package-offline';
import {
  LONGEST,
  PACKAGED,
  PREFLIGHT_READS,
  managedPolicy,
  policiesOfRole,
  policySize,
  restaged,
  roleArn,
  type Template as PolicyTemplate,
} from './template-policies';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, unknown>;
}
interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

let template: Template;

beforeAll(() => {
  ensurePackaged();
  template = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as Template;
}, 300_000);

const PREFIX = `sitebot-${CI_STAGE}`;

function ofType(type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}
function resource(logicalId: string): Resource {
  const r = template.Resources[logicalId];
  if (!r) throw new Error(`no resource ${logicalId} in the template`);
  return r;
}
/** The worker's role; the slack and remind functions have BotRole. */
const WORKER_ROLE = 'WorkerRole';
const BOT_ROLE = 'BotRole';

/** A role's statements as written in the template: inline, then its managed policies'. */
function statementsOf(roleId: string): Statement[] {
  const role = resource(roleId).Properties as {
    Policies?: { PolicyDocument: { Statement: Statement[] } }[];
    ManagedPolicyArns?: { Ref: string }[];
  };
  const managed = (role.ManagedPolicyArns ?? []).map(
    (arn) => resource(arn.Ref).Properties.PolicyDocument as { Statement: Statement[] },
  );
  return [...(role.Policies ?? []).map((p) => p.PolicyDocument), ...managed].flatMap((d) => d.Statement);
}
/** Every statement of every role and managed policy in the template. */
function statements(): Statement[] {
  const managed = ofType('AWS::IAM::ManagedPolicy').flatMap(
    ([, r]) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
  );
  const inline = ofType('AWS::IAM::Role').flatMap(([, r]) =>
    ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  );
  return [...inline, ...managed];
}
/** The logical id of a function's role: `Fn::Sub: ${Role.Arn}` (no DependsOn, see serverless.yml). */
function roleOf(functionId: string): string | undefined {
  const role = resource(functionId).Properties.Role as { 'Fn::Sub'?: string };
  return /^\$\{(\w+)\.Arn\}$/.exec(role['Fn::Sub'] ?? '')?.[1];
}
function actionsOf(s: Statement): string[] {
  return Array.isArray(s.Action) ? s.Action : [s.Action];
}
/** SDK input shapes as plain records, for order-insensitive comparison. */
const plain = (list: unknown): Record<string, unknown>[] =>
  (Array.isArray(list) ? list : []) as Record<string, unknown>[];
const byName =
  <T extends Record<string, unknown>>(key: string) =>
  (a: T, b: T) =>
    String(a[key]).localeCompare(String(b[key]));

describe('functions', () => {
  const fn = (id: string) =>
    resource(id).Properties as Record<string, unknown> & {
      Environment: { Variables: Record<string, unknown> };
    };

  it('has exactly the slack, worker and remind functions, on nodejs22.x', () => {
    const names = ofType('AWS::Lambda::Function')
      .map(([id]) => id)
      .sort();
    expect(names).toEqual(['RemindLambdaFunction', 'SlackLambdaFunction', 'WorkerLambdaFunction']);
    for (const id of names) {
      expect(fn(id).Runtime).toBe('nodejs22.x');
      expect(fn(id).Handler).toMatch(/^src\/handlers\/(slack|worker|remind)\.handler$/);
    }
  });

  it('runs a reminder pass every 5 minutes from an EventBridge schedule, within a minute', () => {
    const rules = ofType('AWS::Events::Rule').map(([id, r]) => [id, r.Properties] as const);
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0];
    expect(rule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(rule.State).toBe('ENABLED');
    expect(rule.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': ['RemindLambdaFunction', 'Arn'] } }),
    ]);
    const permission = ofType('AWS::Lambda::Permission')
      .map(([, p]) => p.Properties)
      .find((p) => p.Principal === 'events.amazonaws.com');
    expect(permission).toEqual(
      expect.objectContaining({
        FunctionName: { 'Fn::GetAtt': ['RemindLambdaFunction', 'Arn'] },
        Action: 'lambda:InvokeFunction',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      }),
    );
    const timeout = fn('RemindLambdaFunction').Timeout as number;
    expect(timeout).toBeGreaterThan(0);
    expect(timeout).toBeLessThanOrEqual(60);
  });

  it('gives the remind function the role whose statements cover what a pass calls', () => {
    expect(roleOf('RemindLambdaFunction')).toBe(BOT_ROLE);
    const allowedOn = (action: string) =>
      statementsOf(BOT_ROLE)
        .filter((s) => actionsOf(s).includes(action))
        .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
        .map((r) => JSON.stringify(r));
    // The active environments through the GSI, the runs and locks (claims, the teardown it starts).
    const query = allowedOn('dynamodb:Query');
    expect(query.some((r) => r.includes('EnvironmentsTable') && r.includes('/index/'))).toBe(true);
    for (const action of [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]) {
      for (const table of ['EnvironmentsTable', 'RunsTable', 'LocksTable', 'OutboxTable']) {
        expect(allowedOn(action).some((r) => r === JSON.stringify({ 'Fn::GetAtt': [table, 'Arn'] }))).toBe(
          true,
        );
      }
    }
    expect(allowedOn('sqs:SendMessage')).toEqual([JSON.stringify({ 'Fn::GetAtt': ['TicksQueue', 'Arn'] })]);
    const ssm = allowedOn('ssm:GetParameters').filter((r) => r.includes('/sitebot/'));
    expect(ssm.sort()).toEqual(
      [`/sitebot/${CI_STAGE}/slack-bot-token`, `/sitebot/${CI_STAGE}/slack-signing-secret`].map((name) =>
        JSON.stringify({
          'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`,
        }),
      ),
    );
  });

  it('routes POST /slack/events of an HTTP API to the slack function', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes).toEqual(['POST /slack/events']);
    const integration = ofType('AWS::ApiGatewayV2::Integration')[0][1].Properties;
    expect(JSON.stringify(integration.IntegrationUri)).toContain('SlackLambdaFunction');
  });

  it('feeds the worker from the ticks queue with partial batch failures, small batches', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    expect(mappings).toHaveLength(1);
    const [m] = mappings;
    expect(m.EventSourceArn).toEqual({ 'Fn::GetAtt': ['TicksQueue', 'Arn'] });
    expect(JSON.stringify(m.FunctionName)).toContain('WorkerLambdaFunction');
    expect(m.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(m.BatchSize).toBeLessThanOrEqual(10);
  });

  it("times the worker out well inside the queue's visibility timeout", () => {
    const visibility = resource('TicksQueue').Properties.VisibilityTimeout as number;
    const timeout = fn('WorkerLambdaFunction').Timeout as number;
    expect(timeout).toBeGreaterThanOrEqual(60); // the runner's lease lasts 60 s
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout); // AWS's advice for SQS event sources
  });

  it('passes table prefix, queue URL and SSM parameter names; never the secrets', () => {
    for (const id of ['SlackLambdaFunction', 'WorkerLambdaFunction', 'RemindLambdaFunction']) {
      const vars = fn(id).Environment.Variables;
      expect(vars.SITEBOT_TABLE_PREFIX).toBe(PREFIX);
      expect(vars.SITEBOT_TICK_QUEUE_URL).toEqual({ Ref: 'TicksQueue' });
      expect(vars.SITEBOT_SLACK_SIGNING_SECRET_PARAM).toBe(`/sitebot/${CI_STAGE}/slack-signing-secret`);
      expect(vars.SITEBOT_SLACK_BOT_TOKEN_PARAM).toBe(`/sitebot/${CI_STAGE}/slack-bot-token`);
      expect(Object.keys(vars)).not.toEqual(expect.arrayContaining(['SLACK_SIGNING_SECRET']));
      expect(Object.keys(vars)).not.toEqual(expect.arrayContaining(['SLACK_BOT_TOKEN']));
      expect(vars.SITEBOT_DEFAULT_TTL).toBe('24h');
      expect(vars.SITEBOT_MAX_TTL).toBe('7d');
    }
  });

  it('keeps logs for a bounded time', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const [, g] of groups) expect(g.Properties.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('tables', () => {
  const definitions = Object.values(tableDefinitions(PREFIX));
  const cfnTables = () => ofType('AWS::DynamoDB::Table').map(([, r]) => r.Properties);

  it('keeps the tables when the stack is removed or a change would replace them', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(5);
    for (const [id, t] of tables) {
      expect([id, t.DeletionPolicy, t.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
    }
  });

  it('declares exactly the tables of tableDefinitions()', () => {
    expect(
      cfnTables()
        .map((t) => t.TableName)
        .sort(),
    ).toEqual(definitions.map((d) => d.TableName).sort());
  });

  it.each(definitions.map((d) => [d.TableName!, d] as const))(
    '%s matches its key schema, attributes and GSIs',
    (name, def) => {
      const cfn = cfnTables().find((t) => t.TableName === name) as Record<string, unknown> & {
        AttributeDefinitions: Record<string, unknown>[];
        GlobalSecondaryIndexes?: Record<string, unknown>[];
      };
      expect(cfn.BillingMode).toBe('PAY_PER_REQUEST');
      expect(def.BillingMode).toBe('PAY_PER_REQUEST');
      expect(cfn.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(cfn.KeySchema).toEqual(def.KeySchema);
      expect(plain(cfn.AttributeDefinitions).sort(byName('AttributeName'))).toEqual(
        plain(def.AttributeDefinitions).sort(byName('AttributeName')),
      );
      const gsis = (list: Record<string, unknown>[] | undefined) =>
        (list ?? [])
          .map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }))
          .sort(byName('IndexName'));
      expect(gsis(cfn.GlobalSecondaryIndexes)).toEqual(gsis(plain(def.GlobalSecondaryIndexes)));
    },
  );
});

describe('ticks queue', () => {
  it('redrives to a dead-letter queue with an alarm-worthy name', () => {
    const queue = resource('TicksQueue').Properties as {
      RedrivePolicy: Record<string, unknown>;
      QueueName: string;
    };
    expect(queue.QueueName).toBe(`${PREFIX}-ticks`);
    expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({
      'Fn::GetAtt': ['TicksDeadLetterQueue', 'Arn'],
    });
    expect(queue.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(3);
    expect(resource('TicksDeadLetterQueue').Properties.QueueName).toBe(`${PREFIX}-ticks-dlq`);
  });

  it('keeps both queues, and the ticks in them, when the stack is removed', () => {
    for (const id of ['TicksQueue', 'TicksDeadLetterQueue']) {
      expect([id, resource(id).DeletionPolicy, resource(id).UpdateReplacePolicy]).toEqual([
        id,
        'Retain',
        'Retain',
      ]);
    }
  });

  it('alarms as soon as the DLQ holds a message', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    const alarm = alarms.find((a) => JSON.stringify(a.Dimensions).includes('TicksDeadLetterQueue'));
    expect(alarm).toBeDefined();
    expect(alarm!.Namespace).toBe('AWS/SQS');
    expect(alarm!.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(alarm!.Threshold).toBe(0);
    expect(alarm!.ComparisonOperator).toBe('GreaterThanThreshold');
    expect(alarm!.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
  });
});

describe('IAM', () => {
  it('lists every action explicitly: no wildcard anywhere in an action', () => {
    const all = statements().flatMap(actionsOf);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((a) => a.includes('*') || a.includes('?'))).toEqual([]);
    expect(statements().every((s) => s.Effect === 'Allow' && s.Action !== undefined)).toBe(true);
  });

  it("uses Resource '*' only with a condition or for APIs without resource-level permissions", () => {
    const noResourceLevel =
      /^(ec2:Describe\w+|elasticloadbalancing:Describe\w+|rds:Describe(AccountAttributes|OrderableDBInstanceOptions)|pricing:GetProducts|secretsmanager:ListSecrets)$/;
    const offenders = statements()
      .filter((s) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')))
      .filter((s) => !s.Condition && !actionsOf(s).every((a) => noResourceLevel.test(a)))
      .map((s) => s.Sid ?? actionsOf(s).join(','));
    expect(offenders).toEqual([]);
  });

  it('scopes state access to the five tables and their indexes', () => {
    const s = statements().find((st) => st.Sid === 'StateTables')!;
    expect(JSON.stringify(s.Resource)).not.toContain('"*"');
    for (const table of ['EnvironmentsTable', 'RunsTable', 'LocksTable', 'AuditTable', 'OutboxTable']) {
      expect(s.Resource).toContainEqual({ 'Fn::GetAtt': [table, 'Arn'] });
    }
  });

  it("changes the environments' resources only under a condition, but for two kinds of use", () => {
    // test/deploy/escalation.test.ts shows what each condition refuses; this pins that no
    // statement without one is added unnoticed.
    const changes = /^(ec2|rds|elasticloadbalancing|iam|secretsmanager):(?!Describe|Get|List)\w+$/;
    const unconditioned = statements()
      .filter((s) => actionsOf(s).some((a) => changes.test(a)) && !s.Condition)
      .map((s) => `${s.Sid ?? '(no Sid)'}: ${actionsOf(s).join(', ')}`);
    expect(unconditioned).toEqual([
      // Booting from an image (AWS's public one, or ours) and its snapshot.
      'LaunchFromImages: ec2:RunInstances',
      // CreateDBInstance is authorized against the default option and parameter groups it uses.
      'RdsDefaultGroups: rds:CreateDBInstance',
    ]);
  });

  it('scopes IAM, secrets and RDS changes to the names the create workflow gives them', () => {
    const names = resourceNames('demo');
    const path = `/sitebot/${CI_STAGE}/`;
    const { partition: P, region: R, accountId: A } = PACKAGED;
    const resolved = policiesOfRole(template, WORKER_ROLE, PACKAGED).flatMap((p) =>
      (p.document.Statement as EvalStatement[]).map((st) => ({
        ...st,
        Resource: [st.Resource ?? []].flat(),
      })),
    );
    const patterns = (service: string, reads = false) =>
      resolved
        .filter((st) => actionsOf(st as Statement).some((a) => a.startsWith(`${service}:`)))
        .filter((st) => reads || actionsOf(st as Statement).some((a) => !/:(Describe|Get|List)/.test(a)))
        .flatMap((st) => st.Resource)
        .filter((r) => r !== '*');
    const covered = (arn: string, list: string[]) => list.some((pattern) => resourceMatches(pattern, arn));

    const iam = patterns('iam').filter((r) => !r.includes('aws-service-role'));
    expect(iam.length).toBeGreaterThan(0);
    for (const pattern of iam) {
      const ours = [
        `arn:${P}:iam::${A}:role${path}${names.webRole}`,
        `arn:${P}:iam::${A}:instance-profile${path}${names.webProfile}`,
      ];
      expect(ours.some((arn) => resourceMatches(pattern, arn))).toBe(true);
    }
    for (const stranger of [
      roleArn(template, WORKER_ROLE, PACKAGED),
      roleArn(template, BOT_ROLE, PACKAGED),
      `arn:${P}:iam::${A}:role/${names.webRole}`, // the same name outside the path
      `arn:${P}:iam::${A}:role/sitebot/other-stage/${names.webRole}`,
      `arn:${P}:iam::${A}:role/SomeoneElsesRole`,
    ]) {
      expect(covered(stranger, iam)).toBe(false);
    }

    const secrets = patterns('secretsmanager');
    expect(covered(`arn:${P}:secretsmanager:${R}:${A}:secret:${names.secret}-AbCdEf`, secrets)).toBe(true);
    expect(covered(`arn:${P}:secretsmanager:${R}:${A}:secret:prod/db-password-AbCdEf`, secrets)).toBe(false);

    const rds = patterns('rds').filter((r) => !/:(og|pg):default/.test(r));
    for (const ours of [`db:${names.db}`, `subgrp:${names.dbSubnetGroup}`]) {
      expect(covered(`arn:${P}:rds:${R}:${A}:${ours}`, rds)).toBe(true);
    }
    for (const stranger of ['db:prod-db', 'db:demo-db', 'subgrp:prod-subnets', 'pg:prod-params']) {
      expect(covered(`arn:${P}:rds:${R}:${A}:${stranger}`, rds)).toBe(false);
    }
  });

  it('keeps the stack roles outside the path the worker may change roles under', () => {
    const pathRoles = `arn:aws:iam::${PACKAGED.accountId}:role/sitebot/${CI_STAGE}/*`;
    for (const id of ofType('AWS::IAM::Role').map(([roleId]) => roleId)) {
      expect(resourceMatches(pathRoles, roleArn(template, id, PACKAGED))).toBe(false);
    }
  });

  it('tells the worker the path and boundary its IAM policy requires', () => {
    const vars = resource('WorkerLambdaFunction').Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(vars.Variables.SITEBOT_IAM_PATH).toBe(`/sitebot/${CI_STAGE}/`);
    expect(vars.Variables.SITEBOT_IAM_PERMISSIONS_BOUNDARY).toEqual({ Ref: 'WebRoleBoundary' });
    const createRole = statementsOf(WORKER_ROLE).find((s) => actionsOf(s).includes('iam:CreateRole'))!;
    expect(createRole.Condition?.StringEquals?.['iam:PermissionsBoundary']).toEqual({
      Ref: 'WebRoleBoundary',
    });
    expect(JSON.stringify(createRole.Resource)).toContain(`:role/sitebot/${CI_STAGE}/*`);
    for (const fnId of ['SlackLambdaFunction', 'RemindLambdaFunction']) {
      const own = resource(fnId).Properties.Environment as { Variables: Record<string, unknown> };
      expect(own.Variables.SITEBOT_IAM_PERMISSIONS_BOUNDARY).toBeUndefined();
    }
  });

  it('may create the service-linked roles of exactly RDS and ELB', () => {
    const slr = statements().filter((s) => actionsOf(s).includes('iam:CreateServiceLinkedRole'));
    expect(slr).toHaveLength(1);
    expect(actionsOf(slr[0])).toEqual(['iam:CreateServiceLinkedRole']);
    expect(slr[0].Condition).toEqual({
      StringEquals: { 'iam:AWSServiceName': ['rds.amazonaws.com', 'elasticloadbalancing.amazonaws.com'] },
    });
    expect(JSON.stringify(slr[0].Resource)).toMatch(
      /AWSServiceRoleForRDS.*AWSServiceRoleForElasticLoadBalancing/,
    );
  });

  it("grants the create preflight's reads, and GetRole on the two service-linked roles", () => {
    const allowed = new Set(statementsOf(WORKER_ROLE).flatMap(actionsOf));
    for (const action of [...PREFLIGHT_READS, 'servicequotas:GetServiceQuota']) {
      expect(allowed).toContain(action);
    }
    const quota = statementsOf(WORKER_ROLE).find((s) =>
      actionsOf(s).includes('servicequotas:GetServiceQuota'),
    )!;
    expect(JSON.stringify(quota.Resource)).toContain(':vpc/L-F678F1CE');
    const slrReads = statementsOf(WORKER_ROLE).find((s) => s.Sid === 'ReadServiceLinkedRoles')!;
    expect(actionsOf(slrReads)).toEqual(['iam:GetRole']);
    expect(JSON.stringify(slrReads.Resource)).toContain(
      'role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS',
    );
  });

  // IAM User Guide, "IAM and AWS STS quotas": a role's inline policies share 10,240 characters,
  // a managed policy has 6,144; white space is not counted. Measured for the longest names a
  // deployment can have (partition aws-us-gov, a 14-character region, stage "production").
  const LIMIT = { inline: 10_240, managed: 6_144 };
  it.each([
    ['as packaged', PACKAGED],
    ['with the longest names', LONGEST],
  ])('keeps every policy at most 75 %% of its size limit (%s)', (_label, placement) => {
    const t = restaged(template as unknown as PolicyTemplate, placement);
    const over: string[] = [];
    const sizes: string[] = [];
    for (const [id, r] of Object.entries(t.Resources)) {
      if (r.Type === 'AWS::IAM::Role') {
        const inline = policiesOfRole(t, id, placement).filter((p) => p.kind === 'inline');
        const size = inline.reduce((sum, p) => sum + policySize(p.document), 0);
        sizes.push(`${id} inline ${size}`);
        if (size > 0.75 * LIMIT.inline) over.push(`${id}: inline policies ${size} > 75 % of ${LIMIT.inline}`);
      }
      if (r.Type === 'AWS::IAM::ManagedPolicy') {
        const size = policySize(managedPolicy(t, id, placement));
        sizes.push(`${id} ${size}`);
        if (size > 0.75 * LIMIT.managed) over.push(`${id}: ${size} > 75 % of ${LIMIT.managed}`);
      }
    }
    // The inline policy the worker puts on each web role (same role quota).
    const arn = `arn:${placement.partition}:secretsmanager:${placement.region}:${placement.accountId}:secret:sitebot/${'e'.repeat(20)}/credentials-AbCdEf`;
    const web = webRolePolicy(arn, placement.region, `sitebot-${'e'.repeat(20)}-db`);
    if (web.length > 0.75 * LIMIT.inline) over.push(`web role inline policy: ${web.length}`);
    expect(sizes.length).toBeGreaterThanOrEqual(6); // two roles, four managed policies
    expect(over).toEqual([]);
  });

  it('gives the worker a role that allows every AWS call the code makes', () => {
    expect(roleOf('WorkerLambdaFunction')).toBe(WORKER_ROLE);
    const allowed = new Set(statementsOf(WORKER_ROLE).flatMap(actionsOf));
    const missing = awsCallsIn(deployedSources()).filter((action) => !allowed.has(action));
    expect(missing).toEqual([]);
  });

  it('gives the slack and remind functions a role for every AWS call their bundles make, and nothing more', async () => {
    expect(roleOf('SlackLambdaFunction')).toBe(BOT_ROLE);
    expect(roleOf('RemindLambdaFunction')).toBe(BOT_ROLE);
    const allowed = statementsOf(BOT_ROLE).flatMap(actionsOf).sort();
    expect(allowed).toEqual(
      [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sqs:SendMessage',
        'ssm:GetParameters',
      ].sort(),
    );
    for (const handler of ['slack', 'remind'] as const) {
      const sources = (await bundleInputs(handler)).filter(
        (f) => f.startsWith('src/') && !NOT_ON_LAMBDA.some((re) => re.test(f)),
      );
      const calls = awsCallsIn(sources);
      expect(calls.length).toBeGreaterThan(3); // the check sees the calls (state, ticks, secrets)
      expect(calls.filter((action) => !allowed.includes(action))).toEqual([]);
    }
  }, 60_000);

  it("writes each function's logs only to its own log group", () => {
    const groupsOf = (roleId: string) =>
      (statementsOf(roleId).find((s) => s.Sid === 'OwnLogs')!.Resource as { 'Fn::Sub': string }[]).map(
        (r) => /log-group:([^:]+):\*$/.exec(r['Fn::Sub'])?.[1],
      );
    expect(groupsOf(BOT_ROLE)).toEqual([`/aws/lambda/${PREFIX}-slack`, `/aws/lambda/${PREFIX}-remind`]);
    expect(groupsOf(WORKER_ROLE)).toEqual([`/aws/lambda/${PREFIX}-worker`]);
    const logGroups = ofType('AWS::Logs::LogGroup').map(([, r]) => r.Properties.LogGroupName);
    expect(logGroups).toEqual(expect.arrayContaining([...groupsOf(BOT_ROLE), ...groupsOf(WORKER_ROLE)]));
  });

  it('allows tagging only as part of the create calls the code makes', () => {
    const ec2Tagging = statements().find((s) => actionsOf(s).includes('ec2:CreateTags'))!;
    const createActions = ec2Tagging.Condition?.StringEquals?.['ec2:CreateAction'] as string[];
    const ec2Creates = awsCallsIn(deployedSources())
      .filter((a) => /^ec2:(Create(?!Tags|Route$)|RunInstances)/.test(a))
      .map((a) => a.slice('ec2:'.length));
    expect(createActions).toEqual(expect.arrayContaining(ec2Creates));
  });
});

describe('secrets', () => {
  it('keeps every secret value out of the template', () => {
    const text = readFileSync(TEMPLATE_PATH, 'utf8');
    expect(text).not.toMatch(/xox[abposr]-/);
    expect(text).not.toMatch(/xapp-/);
    expect(text).not.toContain('sandbox-signing-secret');
    expect(text).not.toMatch(/SLACK_(SIGNING_SECRET|BOT_TOKEN|APP_TOKEN)"/);
  });
});

describe('bundles', () => {
  it('are built with the settings bench/bundle measures', () => {
    const state = JSON.parse(readFileSync(join(SERVERLESS_DIR, 'serverless-state.json'), 'utf8')) as {
      service: { custom: { esbuild: Record<string, unknown> } };
    };
    const { exclude, ...esbuild } = state.service.custom.esbuild;
    expect(exclude).toEqual([]); // everything bundled, @aws-sdk/* included
    expect(esbuild).toEqual(ESBUILD_OPTIONS);
  });

  it('keep the slack artifact under 1.5 MB zipped', () => {
    expect(statSync(join(SERVERLESS_DIR, 'slack.zip')).size).toBeLessThan(1.5 * 1024 * 1024);
  });
});

/** IAM service prefix of each SDK package the code calls AWS through. */
const IAM_PREFIX: Record<string, string> = {
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-rds': 'rds',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-pricing': 'pricing',
  '@aws-sdk/client-service-quotas': 'servicequotas',
};
/** lib-dynamodb's command names → DynamoDB actions. */
const DOC_COMMANDS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};
/**
 * Not deployed, or not on Lambda: the emulator, and the sandbox/test table creation in
 * tables.ts (on AWS the tables come from the template).
 */
const NOT_ON_LAMBDA = [/^src\/sandbox\//, /^src\/state\/tables\.ts$/];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every source file that may run on Lambda. */
const deployedSources = () => sourceFiles('src').filter((f) => !NOT_ON_LAMBDA.some((re) => re.test(f)));

/**
 * IAM actions for every SDK command and paginator `files` import: `XCommand` and `paginateX`
 * from `@aws-sdk/client-*` (and lib-dynamodb's document commands).
 */
function awsCallsIn(files: readonly string[]): string[] {
  const actions = new Set<string>();
  const importRe = /import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/[a-z0-9-]+)'/g;
  for (const file of files) {
    for (const [, names, pkg] of readFileSync(join(ROOT, file), 'utf8').matchAll(importRe)) {
      const prefix = IAM_PREFIX[pkg];
      if (!prefix) continue;
      for (const raw of names.split(',')) {
        // `XCommand as Alias` calls X.
        const name = raw.trim().split(/\s+as\s+/)[0];
        if (name.startsWith('type ')) continue;
        const m = /^(?:(\w+)Command|paginate(\w+))$/.exec(name);
        if (!m) continue;
        const op = m[1] ?? m[2];
        const action = pkg === '@aws-sdk/lib-dynamodb' ? (DOC_COMMANDS[op] ?? op) : op;
        actions.add(`${prefix}:${action}`);
      }
    }
  }
  return [...actions].sort();
}
