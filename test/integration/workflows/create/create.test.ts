/**
 * `/site create` end to end on the emulator: the run succeeds, the emulator holds exactly
 * SPEC's resources with the right settings and tags, and the site answers 200 through the ALB.
 */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetInstanceProfileCommand, GetRoleCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { sequentialSteps } from '../../../../src/workflows/create/plan';
import { CREATE_STEPS, createWorkflow } from '../../../../src/workflows/create/workflow';
import { runWithCrashAt } from '../../../helpers/crash-harness';
import { HARNESS_IAM_PATH, startCreateHarness, type CreateHarness } from './harness';

let h: CreateHarness;

beforeEach(async () => {
  h = await startCreateHarness();
});

afterEach(async () => {
  await h.close();
});

/** Live resources of the emulator by `service:type`, counted. */
function resourceCounts(h: CreateHarness): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of h.emu.world.listResources()) {
    const key = `${r.service}:${r.type}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

test('create --multi-az now builds the SPEC stack and the site answers 200', async () => {
  const { run } = await runWithCrashAt(h.scenario('now'), undefined);
  expect(run.status).toBe('succeeded');
  expect(Object.values(run.steps).every((s) => s.status === 'done')).toBe(true);

  const site = run.steps.site.outputs as { siteUrl: string; dbEndpoint: string; azs: string[] };
  expect(site.siteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect((await fetch(site.siteUrl)).status).toBe(200);
  expect(site.azs).toEqual(['ap-northeast-1a', 'ap-northeast-1c']);

  const { ec2, rds, elbv2, secretsManager } = h.emu.clients;
  const vpcId = run.steps.vpc.outputs!.vpcId as string;
  const dns = await ec2.send(
    new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }),
  );
  expect(dns.EnableDnsSupport?.Value).toBe(true);

  const subnets = (
    await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))
  ).Subnets!;
  expect(subnets.map((s) => [s.CidrBlock, s.AvailabilityZone, s.MapPublicIpOnLaunch]).sort()).toEqual([
    ['10.0.0.0/24', 'ap-northeast-1a', true],
    ['10.0.1.0/24', 'ap-northeast-1c', true],
    ['10.0.2.0/24', 'ap-northeast-1a', false],
    ['10.0.3.0/24', 'ap-northeast-1c', false],
  ]);

  const groups = (
    await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))
  ).SecurityGroups!.filter((g) => g.GroupName !== 'default');
  const byName = new Map(groups.map((g) => [g.GroupName, g]));
  expect([...byName.keys()].sort()).toEqual(['demo-db-sg', 'demo-elb-sg', 'demo-web-sg']);
  const ingress = (name: string) =>
    byName.get(name)!.IpPermissions!.map((p) => ({
      port: p.FromPort,
      cidrs: (p.IpRanges ?? []).map((r) => r.CidrIp),
      groups: (p.UserIdGroupPairs ?? []).map((g) => g.GroupId),
    }));
  expect(ingress('demo-elb-sg')).toEqual([{ port: 80, cidrs: ['0.0.0.0/0'], groups: [] }]);
  expect(ingress('demo-web-sg')).toEqual([
    { port: 80, cidrs: [], groups: [byName.get('demo-elb-sg')!.GroupId] },
  ]);
  expect(ingress('demo-db-sg')).toEqual([
    { port: 3306, cidrs: [], groups: [byName.get('demo-web-sg')!.GroupId] },
  ]);

  const db = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'sitebot-demo-db' })))
    .DBInstances![0];
  expect(db).toMatchObject({
    Engine: 'mysql',
    DBInstanceClass: 'db.t4g.micro',
    MasterUsername: 'admin',
    DBName: 'wordpress',
    PubliclyAccessible: false,
    MultiAZ: true,
    BackupRetentionPeriod: 0,
    DBInstanceStatus: 'available',
  });
  expect(db.EngineVersion).toMatch(/^8\.4\./);
  expect(site.dbEndpoint).toBe(db.Endpoint!.Address);

  // Web servers: #1 in public subnet a from AL2023, #2 from the AMI of #1 in public subnet c; IMDSv2, role, web-sg.
  const out = (step: string) => run.steps[step].outputs as Record<string, string>;
  const instances = (
    await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [out('web-1').instanceId, out('web-2').instanceId] }),
    )
  ).Reservations!.flatMap((r) => r.Instances!);
  const [web1, web2] = [out('web-1').instanceId, out('web-2').instanceId].map((id) =>
    instances.find((i) => i.InstanceId === id)!,
  );
  for (const [i, subnetKey] of [
    [web1, 'publicSubnetA'],
    [web2, 'publicSubnetC'],
  ] as const) {
    expect(i.SubnetId).toBe(out('subnets')[subnetKey]);
    expect(i.InstanceType).toBe('t3.micro');
    expect(i.MetadataOptions?.HttpTokens).toBe('required');
    expect(i.IamInstanceProfile?.Arn).toBe(out('web-role').instanceProfileArn);
    expect(i.SecurityGroups?.map((g) => g.GroupId)).toEqual([out('security-groups').webSgId]);
    expect(i.PublicIpAddress).toBeDefined();
  }
  expect(web1.ImageId).toBe(out('web-1').baseImageId);
  expect(web2.ImageId).toBe(out('web-ami').imageId);
  const images = (await ec2.send(new DescribeImagesCommand({ ImageIds: [out('web-ami').imageId] }))).Images!;
  expect(images[0].Name).toBe('demo-web-ami');

  // Internet gateway attached; public route table: default route to it, both public subnets.
  const igw = (
    await ec2.send(
      new DescribeInternetGatewaysCommand({ InternetGatewayIds: [out('internet-gateway').igwId] }),
    )
  ).InternetGateways![0];
  expect(igw.Attachments).toEqual([expect.objectContaining({ VpcId: vpcId })]);
  const rt = (
    await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [out('public-routes').routeTableId] }))
  ).RouteTables![0];
  expect(rt.Routes).toContainEqual(
    expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId }),
  );
  expect(rt.Associations!.map((a) => a.SubnetId).sort()).toEqual(
    [out('subnets').publicSubnetA, out('subnets').publicSubnetC].sort(),
  );

  // The ALB: internet-facing over both public subnets with elb-sg; one HTTP:80 listener forwarding to the TG.
  const alb = (await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['demo-alb'] }))).LoadBalancers![0];
  expect(alb).toMatchObject({
    Scheme: 'internet-facing',
    Type: 'application',
    SecurityGroups: [out('security-groups').elbSgId],
  });
  expect(alb.AvailabilityZones!.map((z) => z.SubnetId).sort()).toEqual(
    [out('subnets').publicSubnetA, out('subnets').publicSubnetC].sort(),
  );
  const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: alb.LoadBalancerArn })))
    .Listeners!;
  expect(listeners).toEqual([
    expect.objectContaining({
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        expect.objectContaining({ Type: 'forward', TargetGroupArn: out('target-group').targetGroupArn }),
      ],
    }),
  ]);
  const tg = (await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['demo-tg'] }))).TargetGroups![0];
  expect(tg).toMatchObject({
    Protocol: 'HTTP',
    Port: 80,
    TargetType: 'instance',
    HealthCheckPath: '/wp-includes/images/blank.gif',
  });

  const tgArn = run.steps['target-group'].outputs!.targetGroupArn as string;
  const health = (await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn })))
    .TargetHealthDescriptions!;
  expect(health.map((t) => t.TargetHealth?.State)).toEqual(['healthy', 'healthy']);

  // Exactly SPEC's resources, all tagged for the env.
  const counts = resourceCounts(h);
  expect(counts).toEqual({
    'ec2:vpc': 1,
    'ec2:route-table': 2, // the VPC's main table and the public one
    'ec2:security-group': 4, // the VPC's default group and SPEC's three
    'ec2:network-interface': 6, // 2 instances, 2 ALB nodes, RDS primary and standby
    'secretsmanager:secret': 1,
    'ec2:subnet': 4,
    'ec2:internet-gateway': 1,
    'ec2:instance': 2,
    'ec2:image': 1,
    'ec2:snapshot': 1,
    'rds:db-instance': 1,
    'rds:db-subnet-group': 1,
    'elbv2:target-group': 1,
    'elbv2:load-balancer': 1,
    'elbv2:listener': 1,
    'iam:role': 1,
    'iam:instance-profile': 1,
  });
  // Everything sitebot made is tagged; only what AWS makes by itself is not.
  const untagged = h.emu.world.listResources().filter((r) => r.tags['sitebot:env'] !== 'demo');
  expect([...new Set(untagged.map((r) => `${r.service}:${r.type}`))].sort()).toEqual([
    'ec2:network-interface',
    'ec2:route-table',
    'ec2:security-group',
  ]);
  expect(untagged.filter((r) => r.type !== 'network-interface')).toHaveLength(2); // main route table, default SG
  const tagged = h.emu.world.listResources().filter((r) => r.tags['sitebot:env'] === 'demo');
  for (const r of tagged)
    expect(r.tags).toMatchObject({ 'sitebot:managed': 'true', 'sitebot:run': run.runId });
  // The web servers' own ENIs carry the tags too (teardown's IAM policy is tag-scoped).
  expect(tagged.filter((r) => r.type === 'network-interface')).toHaveLength(2);

  // The role and its profile live under the deployment's path; the role carries the boundary.
  const role = (await h.iam.send(new GetRoleCommand({ RoleName: 'sitebot-demo-web' }))).Role!;
  expect(role.Path).toBe(HARNESS_IAM_PATH);
  expect(role.PermissionsBoundary?.PermissionsBoundaryArn).toBe(h.deps.config.iam.permissionsBoundary);
  const profile = (
    await h.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'sitebot-demo-web' }))
  ).InstanceProfile!;
  expect(profile.Arn).toMatch(new RegExp(`:instance-profile${HARNESS_IAM_PATH}sitebot-demo-web$`));

  // RDS and ELB made their service-linked roles on this account's first DB and load balancer.
  for (const slr of ['AWSServiceRoleForRDS', 'AWSServiceRoleForElasticLoadBalancing']) {
    expect((await h.iam.send(new GetRoleCommand({ RoleName: slr }))).Role?.Path).toMatch(
      /^\/aws-service-role\//,
    );
  }

  // The instance role may read exactly the credentials secret and describe exactly this DB.
  const policy = await h.iam.send(
    new GetRolePolicyCommand({ RoleName: 'sitebot-demo-web', PolicyName: 'sitebot-web-credentials' }),
  );
  const statements = JSON.parse(decodeURIComponent(policy.PolicyDocument!)).Statement;
  expect(statements.map((s: { Action: string }) => s.Action)).toEqual([
    'secretsmanager:GetSecretValue',
    'rds:DescribeDBInstances',
  ]);
  expect(statements[1].Resource).toMatch(/:db:sitebot-demo-db$/);

  // The password is in Secrets Manager and nowhere in the run record or the environment.
  const secret = JSON.parse(
    (await secretsManager.send(new GetSecretValueCommand({ SecretId: 'sitebot/demo/credentials' })))
      .SecretString!,
  );
  const stored = JSON.stringify([
    run,
    await h.store.environments.get('demo'),
    await h.store.runs.get(run.runId),
  ]);
  expect(stored).not.toContain(secret.password);
  expect(stored).not.toContain(secret.wpAdminPassword);
});

test('create --multi-az later creates the DB single-AZ in AZ a, then converts it with one modify', async () => {
  const { run } = await runWithCrashAt(h.scenario('later'), undefined);
  expect(run.status).toBe('succeeded');
  const calls = h.emu.world.calls;
  expect(calls.get('rds:CreateDBInstance')).toBe(1);
  expect(calls.get('rds:ModifyDBInstance')).toBe(1);
  expect(run.steps['database'].outputs).toMatchObject({ dbAz: 'ap-northeast-1a' });
  const db = (
    await h.emu.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'sitebot-demo-db' }))
  ).DBInstances![0];
  expect(db.MultiAZ).toBe(true);
  expect(db.DBInstanceStatus).toBe('available');
  expect(Object.values(db.PendingModifiedValues ?? {}).filter((v) => v !== undefined)).toEqual([]);
  expect(run.steps.site.outputs).toMatchObject({ multiAz: true });
  expect((await fetch(run.steps.site.outputs!.siteUrl as string)).status).toBe(200);
});

test('create --multi-az off leaves a single-AZ database and never modifies it', async () => {
  const { run } = await runWithCrashAt(h.scenario('off'), undefined);
  expect(run.status).toBe('succeeded');
  expect(h.emu.world.calls.get('rds:ModifyDBInstance')).toBeUndefined();
  const db = (
    await h.emu.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'sitebot-demo-db' }))
  ).DBInstances![0];
  expect(db).toMatchObject({ MultiAZ: false, AvailabilityZone: 'ap-northeast-1a' });
  expect(run.steps.site.outputs).toMatchObject({ multiAz: false });
});

test('the environment record ends ready with resource ids and outputs (no secrets)', async () => {
  const now = h.clock.now();
  await h.store.environments.create({
    name: 'demo',
    channel: 'C123',
    owner: 'U123',
    status: 'creating',
    region: 'ap-northeast-1',
    multiAz: 'now',
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 86_400_000,
    resources: {},
    outputs: {},
  });
  const { run } = await runWithCrashAt(h.scenario('now'), undefined);
  const env = await h.store.environments.get('demo');
  expect(env?.status).toBe('ready');
  expect(env?.outputs).toEqual({
    siteUrl: run.steps.site.outputs!.siteUrl,
    dbEndpoint: run.steps.site.outputs!.dbEndpoint,
    azs: 'ap-northeast-1a, ap-northeast-1c',
    multiAz: 'true',
  });
  expect(Object.keys(env!.resources).sort()).toEqual(
    [
      'credentials',
      'db',
      'db-sg',
      'db-subnet-group',
      'elb-sg',
      'igw',
      'listener',
      'load-balancer',
      'public-route-table',
      'subnet-private-a',
      'subnet-private-c',
      'subnet-public-a',
      'subnet-public-c',
      'target-group',
      'vpc',
      'web-1',
      'web-2',
      'web-ami',
      'web-ami-snapshot-1',
      'web-instance-profile',
      'web-role',
      'web-sg',
    ].sort(),
  );
});

test('run one step at a time in the hands-on order, the same workflow ends the same but takes far longer', async () => {
  const parallel = await runWithCrashAt(h.scenario('now'), undefined);
  const parallelMs = parallel.run.finishedAt! - parallel.run.createdAt;

  const other = await startCreateHarness();
  try {
    const scenario = other.scenario('now');
    scenario.workflows = { create: { ...createWorkflow, steps: sequentialSteps(CREATE_STEPS) } };
    const sequential = await runWithCrashAt(scenario, undefined);
    expect(sequential.run.status).toBe('succeeded');
    const sequentialMs = sequential.run.finishedAt! - sequential.run.createdAt;
    expect(parallelMs).toBeLessThan(sequentialMs * 0.75);
  } finally {
    await other.close();
  }
});
