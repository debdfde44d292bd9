import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeInstancesCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { credentialsStep, generatePassword } from '../../../../src/workflows/create/steps/credentials';
import { databaseMultiAzStep, databaseStep } from '../../../../src/workflows/create/steps/database';
import { listenerStep, loadBalancerStep } from '../../../../src/workflows/create/steps/loadbalancer';
import { subnetsStep, vpcStep } from '../../../../src/workflows/create/steps/network';
import { securityGroupsStep } from '../../../../src/workflows/create/steps/security';
import { amiArchitecture, web1Step } from '../../../../src/workflows/create/steps/web';
import { webRolePolicy } from '../../../../src/workflows/create/steps/iam';
import { clientToken } from '../../../../src/workflows/create/names';
import { LISTING_LAG_MS } from '../../../../src/workflows/create/step-kit';
import { OutcomeUnknownError } from '../../../../src/aws/untokened';
import { fakeContext, mockedDeps } from './fake-context';
import { inEnglish } from '../../../helpers/english-said';

const ec2Mock = mockClient(EC2Client);
const rdsMock = mockClient(RDSClient);
const smMock = mockClient(SecretsManagerClient);
const ssmMock = mockClient(SSMClient);
const elbMock = mockClient(ElasticLoadBalancingV2Client);
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

beforeEach(() => {
  ec2Mock.reset();
  rdsMock.reset();
  smMock.reset();
  ssmMock.reset();
  elbMock.reset();
});

describe('vpc step (find by recorded id → tags → create)', () => {
  beforeEach(() => ec2Mock.on(DescribeVpcAttributeCommand).resolves({ EnableDnsSupport: { Value: true } }));

  test('a recorded VPC is reused, nothing created', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    const ctx = fakeContext(mockedDeps(), { own: { vpcId: 'vpc-1' } });
    expect(await vpcStep.run(ctx)).toMatchObject({ status: 'done', outputs: { vpcId: 'vpc-1' } });
    expect(ec2Mock.commandCalls(CreateVpcCommand)).toHaveLength(0);
  });

  test('a VPC created by a crashed attempt (unrecorded) is found by its tags', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-orphan' }] });
    const ctx = fakeContext(mockedDeps());
    expect(await vpcStep.run(ctx)).toMatchObject({ status: 'done', outputs: { vpcId: 'vpc-orphan' } });
    expect(ec2Mock.commandCalls(CreateVpcCommand)).toHaveLength(0);
  });

  test('otherwise created, tagged, and its id recorded right away', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2Mock.on(CreateVpcCommand).resolves({ Vpc: { VpcId: 'vpc-new' } });
    const ctx = fakeContext(mockedDeps());
    expect(await vpcStep.run(ctx)).toMatchObject({ status: 'done', outputs: { vpcId: 'vpc-new' } });
    // The attempt is recorded before the call (CreateVpc has no ClientToken), the id right after.
    expect(ctx.recorded).toEqual([{ vpcCreateAttemptedAt: 2_000 }, { vpcId: 'vpc-new' }]);
    const input = ec2Mock.commandCalls(CreateVpcCommand)[0].args[0].input;
    expect(input.CidrBlock).toBe('10.0.0.0/16');
    expect(input.TagSpecifications?.[0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'sitebot:env', Value: 'demo' },
        { Key: 'sitebot:role', Value: 'vpc' },
        { Key: 'sitebot:run', Value: 'demo-create-1' },
        { Key: 'sitebot:managed', Value: 'true' },
        { Key: 'Name', Value: 'demo-vpc' },
      ]),
    );
  });

  test('AWS errors become classified failures; a failing record propagates to the runner', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2Mock.on(CreateVpcCommand).rejects(awsError('VpcLimitExceeded'));
    expect(await vpcStep.run(fakeContext(mockedDeps()))).toMatchObject({
      status: 'fail',
      error: { code: 'VpcLimitExceeded', retryable: false },
    });
    ec2Mock.on(CreateVpcCommand).rejects(awsError('RequestLimitExceeded'));
    expect(await vpcStep.run(fakeContext(mockedDeps()))).toMatchObject({
      status: 'fail',
      error: { retryable: true },
    });

    ec2Mock.on(CreateVpcCommand).resolves({ Vpc: { VpcId: 'vpc-new' } });
    const crash = new Error('process died');
    const ctx = fakeContext(mockedDeps(), { record: () => Promise.reject(crash) });
    await expect(vpcStep.run(ctx)).rejects.toBe(crash);
  });

  test('a NotFound on a fresh id waits within the grace period, then counts as a (retryable) failure', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2Mock.on(DescribeVpcAttributeCommand).rejects(awsError('InvalidVpcID.NotFound'));
    const young = fakeContext(mockedDeps(), { startedAt: 0, now: 30_000 });
    expect(inEnglish(await vpcStep.run(young))).toMatchObject({
      status: 'wait',
      note: expect.stringContaining('InvalidVpcID.NotFound'),
    });
    const old = fakeContext(mockedDeps(), { startedAt: 0, now: 3 * 60_000 });
    expect(inEnglish(await vpcStep.run(old))).toMatchObject({
      status: 'fail',
      error: { code: 'InvalidVpcID.NotFound', retryable: true },
    });
  });

  test('a recorded VPC that EC2 does not show yet is waited for, never created again', async () => {
    ec2Mock.on(DescribeVpcsCommand).rejects(awsError('InvalidVpcID.NotFound'));
    const ctx = fakeContext(mockedDeps(), { own: { vpcId: 'vpc-1' } });
    expect(inEnglish(await vpcStep.run(ctx))).toMatchObject({
      status: 'wait',
      note: 'vpc: created, not visible yet',
    });
    expect(ec2Mock.commandCalls(CreateVpcCommand)).toHaveLength(0);
  });

  test('a CreateVpc whose answer was lost: wait, and look for its VPC until EC2 has had time to list it', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2Mock.on(CreateVpcCommand).rejects(new OutcomeUnknownError(awsError('InternalError')));
    const lost = fakeContext(mockedDeps(), { now: 5_000 });
    expect(inEnglish(await vpcStep.run(lost))).toMatchObject({
      status: 'wait',
      note: expect.stringContaining('the call may have worked'),
    });
    expect(lost.recorded).toEqual([{ vpcCreateAttemptedAt: 5_000 }]);

    ec2Mock.resetHistory();
    const own = { vpcCreateAttemptedAt: 5_000 };
    const soon = fakeContext(mockedDeps(), { own, now: 5_000 + LISTING_LAG_MS - 1 });
    expect(inEnglish(await vpcStep.run(soon))).toMatchObject({
      status: 'wait',
      note: expect.stringContaining('an earlier attempt may have made it'),
    });
    expect(ec2Mock.commandCalls(CreateVpcCommand)).toHaveLength(0);
    expect(soon.recorded).toEqual([]);

    // Listed meanwhile: found by its tags.
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-made-then' }] });
    expect(await vpcStep.run(fakeContext(mockedDeps(), { own, now: 60_000 }))).toMatchObject({
      status: 'done',
      outputs: { vpcId: 'vpc-made-then' },
    });

    // Never listed: the attempt made nothing; try again once EC2 has had its time.
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    ec2Mock.on(CreateVpcCommand).resolves({ Vpc: { VpcId: 'vpc-new' } });
    const later = fakeContext(mockedDeps(), { own, now: 5_000 + LISTING_LAG_MS });
    expect(await vpcStep.run(later)).toMatchObject({ status: 'done', outputs: { vpcId: 'vpc-new' } });
    expect(ec2Mock.commandCalls(CreateVpcCommand)).toHaveLength(1);
  });

  test('a step past its deadline fails for good without calling AWS', async () => {
    const ctx = fakeContext(mockedDeps(), { startedAt: 0, now: 10 * 60_000 + 1 });
    expect(await vpcStep.run(ctx)).toMatchObject({
      status: 'fail',
      error: { code: 'StepTimeout', retryable: false },
    });
    expect(ec2Mock.calls()).toHaveLength(0);
  });
});

describe('subnets and security groups made by an attempt whose answer was lost', () => {
  const vpc = { vpc: { vpcId: 'vpc-1' } };

  test('a subnet whose CIDR is taken waits to be listed while the others are made', async () => {
    ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
    ec2Mock
      .on(CreateSubnetCommand)
      .rejectsOnce(awsError('InvalidSubnet.Conflict'))
      .resolves({ Subnet: { SubnetId: 'subnet-x', MapPublicIpOnLaunch: true } });
    const ctx = fakeContext(mockedDeps(), { outputs: vpc });
    expect(await subnetsStep.run(ctx)).toMatchObject({
      status: 'wait',
      note: expect.stringContaining('subnet-public-a: InvalidSubnet.Conflict, made by an earlier attempt'),
    });
    expect(ec2Mock.commandCalls(CreateSubnetCommand)).toHaveLength(4);
    expect(ctx.recorded).toHaveLength(3);
  });

  test('a group whose name is taken waits to be listed; no rule is added before all three exist', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2Mock
      .on(CreateSecurityGroupCommand)
      .rejectsOnce(awsError('InvalidGroup.Duplicate'))
      .resolves({ GroupId: 'sg-x' });
    const ctx = fakeContext(mockedDeps(), { outputs: vpc });
    expect(await securityGroupsStep.run(ctx)).toMatchObject({
      status: 'wait',
      note: expect.stringContaining('elb-sg: InvalidGroup.Duplicate'),
    });
    expect(ec2Mock.commandCalls(CreateSecurityGroupCommand)).toHaveLength(3);
    expect(ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
  });
});

describe('credentials step', () => {
  test('generates both passwords into ONE tagged secret; outputs hold only the ARN', async () => {
    smMock.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    smMock.on(CreateSecretCommand).resolves({
      ARN: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:sitebot/demo/credentials-AbCdEf',
    });
    const ctx = fakeContext(mockedDeps());
    const result = await credentialsStep.run(ctx);
    const input = smMock.commandCalls(CreateSecretCommand)[0].args[0].input;
    expect(input.Name).toBe('sitebot/demo/credentials');
    expect(input.Tags).toContainEqual({ Key: 'sitebot:env', Value: 'demo' });
    const value = JSON.parse(input.SecretString!);
    expect(value).toMatchObject({ username: 'admin', wpAdminUser: 'admin' });
    expect(value.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(value.wpAdminPassword).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(value.password).not.toBe(value.wpAdminPassword);
    expect(result).toMatchObject({
      status: 'done',
      outputs: { secretArn: expect.stringContaining(':secret:') },
    });
    const everythingKept = JSON.stringify([result, ctx.recorded]);
    expect(everythingKept).not.toContain(value.password);
    expect(everythingKept).not.toContain(value.wpAdminPassword);
  });

  test('an existing secret is reused (and restored if scheduled for deletion)', async () => {
    smMock.on(DescribeSecretCommand).resolves({ ARN: 'arn:s', DeletedDate: new Date() });
    smMock.on(RestoreSecretCommand).resolves({});
    expect(await credentialsStep.run(fakeContext(mockedDeps()))).toMatchObject({
      outputs: { secretArn: 'arn:s' },
    });
    expect(smMock.commandCalls(CreateSecretCommand)).toHaveLength(0);
    expect(smMock.commandCalls(RestoreSecretCommand)).toHaveLength(1);
  });

  test('generatePassword uses every symbol evenly enough and only RDS-safe characters', () => {
    let i = 0;
    const pw = generatePassword((n) => Buffer.from(Array.from({ length: n }, () => i++ % 256)), 200);
    expect(pw).toHaveLength(200);
    expect(pw).toMatch(/^[A-Za-z0-9]+$/);
    expect(new Set(pw).size).toBeGreaterThan(50);
  });
});

describe('database step', () => {
  const outputs = {
    credentials: { secretArn: 'arn:s' },
    'db-subnet-group': { dbSubnetGroupName: 'demo-db-subnets' },
    'security-groups': { dbSgId: 'sg-db' },
  };
  const secret = JSON.stringify({
    username: 'admin',
    password: 'S3cretPassw0rd',
    wpAdminUser: 'admin',
    wpAdminPassword: 'W',
  });

  test('creates with the secret password, records no password, and waits', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(awsError('DBInstanceNotFound'));
    rdsMock
      .on(CreateDBInstanceCommand)
      .resolves({ DBInstance: { DBInstanceArn: 'arn:db', DBInstanceStatus: 'creating' } });
    smMock.on(GetSecretValueCommand).resolves({ SecretString: secret });
    const ctx = fakeContext(mockedDeps(), { outputs });
    const result = await databaseStep.run(ctx);
    expect(inEnglish(result)).toMatchObject({ status: 'wait', note: 'db: creating' });
    const input = rdsMock.commandCalls(CreateDBInstanceCommand)[0].args[0].input;
    expect(input).toMatchObject({
      DBInstanceIdentifier: 'sitebot-demo-db',
      DBInstanceClass: 'db.t4g.micro',
      EngineVersion: '8.4',
      MasterUserPassword: 'S3cretPassw0rd',
      MultiAZ: true,
      VpcSecurityGroupIds: ['sg-db'],
    });
    expect(JSON.stringify([result, ctx.recorded])).not.toContain('S3cretPassw0rd');
  });

  test('an existing DB is never created again; done once available, with its endpoint', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceStatus: 'available',
          DBInstanceArn: 'arn:db',
          Endpoint: { Address: 'demo-db.x', Port: 3306 },
        },
      ],
    });
    expect(await databaseStep.run(fakeContext(mockedDeps(), { outputs }))).toMatchObject({
      status: 'done',
      outputs: { dbEndpoint: 'demo-db.x' },
    });
    expect(rdsMock.commandCalls(CreateDBInstanceCommand)).toHaveLength(0);
    expect(smMock.calls()).toHaveLength(0);
  });
});

describe('database-multi-az step, --multi-az later', () => {
  const available = (multiAz: boolean, pending = {}) => ({
    DBInstances: [
      {
        DBInstanceStatus: 'available',
        MultiAZ: multiAz,
        PendingModifiedValues: pending,
        Endpoint: { Address: 'demo-db.x' },
      },
    ],
  });

  test('modifies once with apply-immediately, then is not fooled by `available` before `modifying`', async () => {
    rdsMock.on(ModifyDBInstanceCommand).resolves({ DBInstance: {} });
    rdsMock.on(DescribeDBInstancesCommand).resolves(available(false));
    const deps = mockedDeps();
    const own: Record<string, unknown> = {};
    const step = (o = own) =>
      databaseMultiAzStep.run(fakeContext(deps, { own: o, params: { multiAz: 'later' } }));

    const first = fakeContext(deps, { own, params: { multiAz: 'later' } });
    expect(await databaseMultiAzStep.run(first)).toMatchObject({ status: 'wait' });
    expect(first.recorded).toEqual([{ modifyRequested: true }]);
    Object.assign(own, ...first.recorded);

    // Still `available`, single-AZ, change pending: the modify has not started.
    rdsMock.on(DescribeDBInstancesCommand).resolves(available(false, { MultiAZ: true }));
    expect(await step()).toMatchObject({ status: 'wait' });
    rdsMock
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [{ DBInstanceStatus: 'modifying', MultiAZ: false }] });
    expect(await step()).toMatchObject({ status: 'wait' });
    own.sawModifying = true;
    rdsMock.on(DescribeDBInstancesCommand).resolves(available(true));
    expect(await step()).toMatchObject({ status: 'done', outputs: { multiAz: true } });
    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(1);
  });

  test('off: skipped at once, saying why; no AWS call', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves(available(false));
    const result = await databaseMultiAzStep.run(fakeContext(mockedDeps(), { params: { multiAz: 'off' } }));
    expect(inEnglish(result)).toEqual({
      status: 'skipped',
      note: '--multi-az off: the database stays single-AZ',
    });
    expect(rdsMock.commandCalls(ModifyDBInstanceCommand)).toHaveLength(0);
    expect(rdsMock.commandCalls(DescribeDBInstancesCommand)).toHaveLength(0);
  });
});

describe('web-1 step', () => {
  const outputs = {
    subnets: { publicSubnetA: 'subnet-a' },
    'security-groups': { webSgId: 'sg-web' },
    'web-role': { instanceProfileName: 'sitebot-demo-web' },
    'load-balancer': { dnsName: 'demo-alb-123.ap-northeast-1.elb.amazonaws.com' },
  };

  beforeEach(() => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: 'ami-al2023' } });
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  });

  test('launches from the AL2023 parameter with a deterministic ClientToken and user data', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .resolves({ Instances: [{ InstanceId: 'i-1', State: { Name: 'pending' } }] });
    const ctx = fakeContext(mockedDeps(), { outputs });
    expect(await web1Step.run(ctx)).toMatchObject({ status: 'wait' });
    expect(ssmMock.commandCalls(GetParameterCommand)[0].args[0].input.Name).toBe(
      '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    );
    const input = ec2Mock.commandCalls(RunInstancesCommand)[0].args[0].input;
    expect(input.ClientToken).toBe(clientToken('demo-create-1', 'web-1'));
    const userData = Buffer.from(input.UserData!, 'base64').toString();
    expect(userData).toContain('sitebot-wordpress.service');
    // WordPress's home is the load balancer's DNS name; web #1 is the one that installs.
    expect(userData).toContain("export SITEBOT_HOME='http://demo-alb-123.ap-northeast-1.elb.amazonaws.com'");
    expect(userData).toContain('readonly ROLE=install');
    expect(ctx.recorded).toEqual([{ baseImageId: 'ami-al2023' }, { instanceId: 'i-1' }]);
  });

  test('waits (does not fail) while EC2 cannot see the new instance profile yet', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .rejects(
        awsError(
          'InvalidParameterValue',
          'Value (sitebot-demo-web) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name',
        ),
      );
    expect(await web1Step.run(fakeContext(mockedDeps(), { outputs }))).toMatchObject({ status: 'wait' });
  });

  test('tokens differ per run and role; Graviton types pick the arm64 AMI', () => {
    expect(clientToken('r1', 'web-1')).not.toBe(clientToken('r1', 'web-2'));
    expect(clientToken('r1', 'web-1')).not.toBe(clientToken('r2', 'web-1'));
    expect(clientToken('x'.repeat(200), 'web-1').length).toBeLessThanOrEqual(64);
    expect(amiArchitecture('t4g.micro')).toBe('arm64');
    expect(amiArchitecture('m7g.large')).toBe('arm64');
    expect(amiArchitecture('t3.micro')).toBe('x86_64');
    expect(amiArchitecture('m7i.large')).toBe('x86_64');
  });
});

test('the web role may read only its secret and describe only its DB', () => {
  const policy = JSON.parse(
    webRolePolicy(
      'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:sitebot/demo/credentials-AbCdEf',
      'ap-northeast-1',
      'demo-db',
    ),
  );
  expect(policy.Statement).toEqual([
    expect.objectContaining({
      Action: 'secretsmanager:GetSecretValue',
      Resource: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:sitebot/demo/credentials-AbCdEf',
    }),
    expect.objectContaining({
      Action: 'rds:DescribeDBInstances',
      Resource: 'arn:aws:rds:ap-northeast-1:123456789012:db:demo-db',
    }),
  ]);
});

describe('load balancer and listener steps', () => {
  const lb = {
    LoadBalancerArn: 'arn:lb/demo-alb',
    DNSName: 'demo-alb-123.ap-northeast-1.elb.amazonaws.com',
    State: { Code: 'provisioning' as const },
  };
  const outputs = {
    subnets: { publicSubnetA: 'subnet-a', publicSubnetC: 'subnet-c' },
    'security-groups': { elbSgId: 'sg-elb' },
    'load-balancer': { loadBalancerArn: lb.LoadBalancerArn, dnsName: lb.DNSName },
    'target-group': { targetGroupArn: 'arn:tg/demo-tg' },
  };

  test('the load balancer is done as soon as it is created: its DNS name is known (the web servers need it)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('LoadBalancerNotFoundException'));
    elbMock.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [lb] });
    const ctx = fakeContext(mockedDeps(), { outputs });
    expect(await loadBalancerStep.run(ctx)).toMatchObject({
      status: 'done',
      outputs: { loadBalancerArn: lb.LoadBalancerArn, dnsName: lb.DNSName },
    });
    expect(ctx.recorded).toEqual([{ loadBalancerArn: lb.LoadBalancerArn, dnsName: lb.DNSName }]);
  });

  test('the listener waits while the load balancer provisions, then is created once', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb] });
    expect(await listenerStep.run(fakeContext(mockedDeps(), { outputs }))).toMatchObject({ status: 'wait' });
    expect(elbMock.commandCalls(CreateListenerCommand)).toHaveLength(0);

    elbMock
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ ...lb, State: { Code: 'active' } }] });
    elbMock.on(DescribeListenersCommand).resolves({ Listeners: [] });
    elbMock.on(CreateListenerCommand).resolves({ Listeners: [{ ListenerArn: 'arn:listener/1', Port: 80 }] });
    expect(await listenerStep.run(fakeContext(mockedDeps(), { outputs }))).toMatchObject({
      status: 'done',
      outputs: { listenerArn: 'arn:listener/1' },
    });
    expect(elbMock.commandCalls(CreateListenerCommand)).toHaveLength(1);
  });
});
