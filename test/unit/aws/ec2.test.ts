import {
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { Ec2Adapter, imageAvailable, instanceRunning } from '../../../src/aws/ec2';
import { sitebotTags } from '../../../src/aws/tags';
import { english } from '../../../src/i18n/english';
import type { Saying } from '../../../src/i18n/said';

const ec2Mock = mockClient(EC2Client);
const ec2 = new Ec2Adapter(new EC2Client({ region: 'ap-northeast-1' }));

const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });

beforeEach(() => ec2Mock.reset());

describe('findVpc', () => {
  test('by recorded id; a NotFound id is "none", not an error', async () => {
    ec2Mock.on(DescribeVpcsCommand, { VpcIds: ['vpc-1'] }).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    expect((await ec2.findVpc('vpc-1', 'demo'))?.VpcId).toBe('vpc-1');
    ec2Mock.on(DescribeVpcsCommand, { VpcIds: ['vpc-gone'] }).rejects(awsError('InvalidVpcID.NotFound'));
    expect(await ec2.findVpc('vpc-gone', 'demo')).toBeUndefined();
  });

  test('without an id, by the env and role tags', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-tagged' }] });
    expect((await ec2.findVpc(undefined, 'demo'))?.VpcId).toBe('vpc-tagged');
    expect(ec2Mock.commandCalls(DescribeVpcsCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'tag:sitebot:env', Values: ['demo'] },
      { Name: 'tag:sitebot:managed', Values: ['true'] },
      { Name: 'tag:sitebot:role', Values: ['vpc'] },
    ]);
  });

  test('other errors propagate', async () => {
    ec2Mock.on(DescribeVpcsCommand).rejects(awsError('UnauthorizedOperation'));
    await expect(ec2.findVpc('vpc-1', 'demo')).rejects.toThrow('UnauthorizedOperation');
  });
});

test('finders follow every page (SDK paginator)', async () => {
  ec2Mock
    .on(DescribeSecurityGroupsCommand)
    .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 'p2' })
    .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-2' }] });
  const groups = await ec2.securityGroups([{ Name: 'vpc-id', Values: ['vpc-1'] }]);
  expect(groups.map((g) => g.GroupId)).toEqual(['sg-1', 'sg-2']);
  expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[1].args[0].input.NextToken).toBe('p2');
});

describe('findInstance', () => {
  test('a recorded but terminated instance does not count; the tag lookup asks for live states only', async () => {
    ec2Mock
      .on(DescribeInstancesCommand, { InstanceIds: ['i-old'] })
      .resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-old', State: { Name: 'terminated' } }] }] });
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect(await ec2.findInstance('i-old', 'demo', 'web-1')).toBeUndefined();
    const byTags = ec2Mock.commandCalls(DescribeInstancesCommand)[1].args[0].input;
    expect(byTags.Filters).toContainEqual({
      Name: 'instance-state-name',
      Values: ['pending', 'running', 'stopping', 'stopped'],
    });
  });
});

test('findImage looks up our own AMI by name when no id is recorded', async () => {
  ec2Mock.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1', State: 'pending' }] });
  expect((await ec2.findImage(undefined, 'demo-web-ami'))?.ImageId).toBe('ami-1');
  expect(ec2Mock.commandCalls(DescribeImagesCommand)[0].args[0].input).toMatchObject({
    Owners: ['self'],
    Filters: [{ Name: 'name', Values: ['demo-web-ami'] }],
  });
});

test('runInstance: IMDSv2 required, ClientToken, instance profile, base64 user data, tags on instance, volume and ENI', async () => {
  ec2Mock.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-1' }] });
  const tags = sitebotTags({ env: 'demo', runId: 'r1' }, 'web-1', 'demo-web-1');
  await ec2.runInstance({
    imageId: 'ami-1',
    instanceType: 't3.micro',
    subnetId: 'subnet-a',
    securityGroupIds: ['sg-web'],
    instanceProfileName: 'sitebot-demo-web',
    userData: '#!/bin/bash\necho hi\n',
    clientToken: 'web-1-abc',
    tags,
  });
  const input = ec2Mock.commandCalls(RunInstancesCommand)[0].args[0].input;
  expect(input).toMatchObject({
    ImageId: 'ami-1',
    InstanceType: 't3.micro',
    MinCount: 1,
    MaxCount: 1,
    ClientToken: 'web-1-abc',
    SubnetId: 'subnet-a',
    SecurityGroupIds: ['sg-web'],
    IamInstanceProfile: { Name: 'sitebot-demo-web' },
    MetadataOptions: { HttpTokens: 'required' },
  });
  expect(Buffer.from(input.UserData!, 'base64').toString()).toBe('#!/bin/bash\necho hi\n');
  expect(input.TagSpecifications?.map((t) => t.ResourceType)).toEqual([
    'instance',
    'volume',
    'network-interface',
  ]);
});

test('repeated rule and route creation (a retried step) is not an error; other errors are', async () => {
  ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('InvalidPermission.Duplicate'));
  await expect(
    ec2.authorizeIngress('sg-1', [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80 }]),
  ).resolves.toBeUndefined();
  ec2Mock.on(CreateRouteCommand).rejects(awsError('RouteAlreadyExists'));
  await expect(ec2.ensureDefaultRoute('rtb-1', 'igw-1')).resolves.toBeUndefined();
  ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('InvalidGroup.NotFound'));
  await expect(ec2.authorizeIngress('sg-1', [])).rejects.toThrow('InvalidGroup.NotFound');
});

/** A check's outcome with its reason in English words. */
const inEnglish = <T extends { reason?: Saying }>(r: T) => ({ ...r, reason: english(r.reason) });

describe('readiness checks', () => {
  test('instanceRunning', () => {
    expect(instanceRunning(undefined).state).toBe('RETRY');
    expect(instanceRunning({ State: { Name: 'pending' } }).state).toBe('RETRY');
    expect(instanceRunning({ InstanceId: 'i-1', State: { Name: 'running' } })).toMatchObject({
      state: 'SUCCESS',
      value: { InstanceId: 'i-1' },
    });
    expect(inEnglish(instanceRunning({ State: { Name: 'terminated' } }))).toEqual({
      state: 'FAILURE',
      reason: 'instance is terminated',
    });
  });
  test('imageAvailable', () => {
    expect(imageAvailable({ State: 'pending' }).state).toBe('RETRY');
    expect(imageAvailable({ State: 'available' }).state).toBe('SUCCESS');
    expect(inEnglish(imageAvailable({ State: 'failed', StateReason: { Message: 'boom' } }))).toEqual({
      state: 'FAILURE',
      reason: 'image is failed: boom',
    });
  });
});
