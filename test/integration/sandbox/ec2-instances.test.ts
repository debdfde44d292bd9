import {
  CreateSecurityGroupCommand,
  DeleteSubnetCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeNetworkInterfacesCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  type RunInstancesCommandInput,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  paginateDescribeSecurityGroups,
} from '@aws-sdk/client-ec2';
import { iamModelOf } from '../../../src/sandbox/aws/iam/model';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { fastWaiter, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork, type Network } from './ec2-fixture';

let emu: TestEmulator;
let ec2: EC2Client;
let net: Network;
let ami: string;
let webSg: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  ec2 = emu.clients.ec2;
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.world.reset();
  net = await buildNetwork(ec2);
  webSg = (
    await ec2.send(new CreateSecurityGroupCommand({ VpcId: net.vpcId, GroupName: 'web', Description: 'web' }))
  ).GroupId!;
  const param = await emu.clients.ssm.send(
    new GetParameterCommand({
      Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    }),
  );
  ami = param.Parameter!.Value!;
});

const userData = Buffer.from('#!/bin/bash\ndnf install -y httpd\n').toString('base64');

function launch(extra: Partial<RunInstancesCommandInput> = {}) {
  return ec2.send(
    new RunInstancesCommand({
      ImageId: ami,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: net.publicSubnets[0],
      SecurityGroupIds: [webSg],
      UserData: userData,
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      TagSpecifications: [
        {
          ResourceType: 'instance',
          Tags: [
            { Key: 'Name', Value: 'demo-web-1' },
            { Key: 'sitebot:env', Value: 'demo' },
          ],
        },
      ],
      ...extra,
    }),
  );
}

describe('instances', () => {
  it('runs pending → running and serves the launch settings back', async () => {
    const run = await launch();
    const instance = run.Instances![0];
    const id = instance.InstanceId!;
    expect(id).toMatch(/^i-[0-9a-f]{17}$/);
    expect(instance.State).toEqual({ Code: 0, Name: 'pending' });
    expect(instance.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(instance.PrivateIpAddress).toBe('10.0.0.4');
    expect(instance.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpEndpoint: 'enabled' });
    expect(instance.Placement?.AvailabilityZone).toBe('ap-northeast-1a');

    const result = await emu.advanceDuring(30_000, () =>
      waitUntilInstanceRunning(fastWaiter(ec2), { InstanceIds: [id] }),
    );
    expect(result.state).toBe('SUCCESS');
    const view = emu.world.ec2.getInstance(id)!;
    expect(view).toMatchObject({
      state: 'running',
      subnetId: net.publicSubnets[0],
      tags: { Name: 'demo-web-1' },
    });
    expect(view.runningSince).toBe(emu.world.clock.now());

    const attr = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
    );
    expect(attr.UserData?.Value).toBe(userData);
    const eni = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }),
    );
    expect(eni.NetworkInterfaces).toHaveLength(1);
    expect(eni.NetworkInterfaces![0].Groups).toEqual([{ GroupId: webSg, GroupName: 'web' }]);

    const status = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(status.InstanceStatuses![0].InstanceStatus?.Status).toBe('initializing');
    emu.advance(emu.world.durations.instanceBoot);
    const ok = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(ok.InstanceStatuses![0].InstanceStatus?.Status).toBe('ok');
  });

  it('gets no public IP in a private subnet', async () => {
    const run = await launch({
      SubnetId: net.privateSubnets[1],
      SecurityGroupIds: undefined,
      TagSpecifications: undefined,
    });
    expect(run.Instances![0].PublicIpAddress).toBeUndefined();
    expect(run.Instances![0].Placement?.AvailabilityZone).toBe('ap-northeast-1c');
  });

  it('stops (dropping the public IP), starts and terminates under the SDK waiters', async () => {
    const id = (await launch()).Instances![0].InstanceId!;
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({
      name: 'IncorrectInstanceState',
      message: expect.stringContaining("never reached the 'running' state"),
    });
    emu.advance(30_000);
    const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances![0]).toMatchObject({
      CurrentState: { Name: 'stopping' },
      PreviousState: { Name: 'running' },
    });
    const stopped = await emu.advanceDuring(30_000, () =>
      waitUntilInstanceStopped(fastWaiter(ec2), { InstanceIds: [id] }),
    );
    expect(stopped.state).toBe('SUCCESS');
    const desc = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(desc.Reservations![0].Instances![0].PublicIpAddress).toBeUndefined();
    expect(emu.world.ec2.getInstance(id)!.runningSince).toBeUndefined();

    const start = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances![0].CurrentState?.Name).toBe('pending');
    emu.advance(30_000);
    expect(emu.world.ec2.getInstance(id)).toMatchObject({
      state: 'running',
      publicIpAddress: expect.any(String),
    });

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const gone = await emu.advanceDuring(45_000, () =>
      waitUntilInstanceTerminated(fastWaiter(ec2), { InstanceIds: [id] }),
    );
    expect(gone.state).toBe('SUCCESS');
    await expect(ec2.send(new StartInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({
      name: 'IncorrectInstanceState',
    });
    await expect(waitUntilInstanceRunning(fastWaiter(ec2), { InstanceIds: [id] })).rejects.toThrow(
      /"state":"FAILURE"/,
    );
    // The instance's ENI went with it, so the subnet can go.
    await ec2.send(new DeleteSubnetCommand({ SubnetId: net.publicSubnets[0] }));
    emu.advance(emu.world.durations.terminatedVisible);
    await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
    });
  });

  it('blocks subnet deletion and IGW detach while an instance holds an ENI with a public IP', async () => {
    await launch();
    await expect(ec2.send(new DeleteSubnetCommand({ SubnetId: net.publicSubnets[0] }))).rejects.toMatchObject(
      {
        name: 'DependencyViolation',
      },
    );
    await expect(
      ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: net.igwId, VpcId: net.vpcId })),
    ).rejects.toMatchObject({
      name: 'DependencyViolation',
      message: `Network ${net.vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    });
  });

  it('honours ClientToken: same request → same instance; different request → IdempotentParameterMismatch', async () => {
    const first = await launch({ ClientToken: 'create-demo-web-1' });
    const again = await launch({ ClientToken: 'create-demo-web-1' });
    expect(again.Instances![0].InstanceId).toBe(first.Instances![0].InstanceId);
    expect(again.ReservationId).toBe(first.ReservationId);
    const all = await ec2.send(new DescribeInstancesCommand({}));
    expect(all.Reservations!.flatMap((r) => r.Instances!)).toHaveLength(1);
    await expect(
      launch({ ClientToken: 'create-demo-web-1', InstanceType: 't3.small' }),
    ).rejects.toMatchObject({
      name: 'IdempotentParameterMismatch',
    });
  });

  it('rejects unknown or malformed AMIs, unknown types, mismatched architectures and bad ids', async () => {
    await expect(launch({ ImageId: 'ami-0123456789abcdef0' })).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
    await expect(launch({ ImageId: 'not-an-ami' })).rejects.toMatchObject({ name: 'InvalidAMIID.Malformed' });
    await expect(launch({ InstanceType: 't9.micro' as never })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(launch({ InstanceType: 't4g.micro' })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('architecture'),
    });
    await expect(launch({ SubnetId: 'subnet-0123456789abcdef0' })).rejects.toMatchObject({
      name: 'InvalidSubnetID.NotFound',
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
    });
    await expect(ec2.send(new StopInstancesCommand({ InstanceIds: ['bogus'] }))).rejects.toMatchObject({
      name: 'InvalidInstanceID.Malformed',
    });
  });

  it('surfaces InsufficientInstanceCapacity for a faulted type and AZ only', async () => {
    emu.world.faults.set({ insufficientCapacity: [{ instanceType: 't3.micro', az: 'ap-northeast-1a' }] });
    await expect(launch()).rejects.toMatchObject({
      name: 'InsufficientInstanceCapacity',
      message: expect.stringContaining('ap-northeast-1c'),
    });
    const other = await launch({ SubnetId: net.publicSubnets[1] });
    expect(other.Instances![0].Placement?.AvailabilityZone).toBe('ap-northeast-1c');
  });

  it('filters by tag, tag-key, state, id and VPC, and paginates with MaxResults/NextToken', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 7; n++) {
      const env = n < 5 ? 'demo' : 'other';
      const out = await launch({
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: 'sitebot:env', Value: env },
              { Key: `k${n}`, Value: 'x' },
            ],
          },
        ],
      });
      ids.push(out.Instances![0].InstanceId!);
    }
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [ids[4]] }));
    const byTag = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:sitebot:env', Values: ['demo'] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
    );
    expect(byTag.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId)).sort()).toEqual(
      ids.slice(0, 4).sort(),
    );
    const byKey = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag-key', Values: ['k6'] }] }),
    );
    expect(byKey.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId))).toEqual([ids[6]]);
    const byId = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-id', Values: [ids[1]] },
          { Name: 'vpc-id', Values: [net.vpcId] },
        ],
      }),
    );
    expect(byId.Reservations).toHaveLength(1);

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...page.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!)));
      token = page.NextToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([...ids].sort());
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 2 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      ec2.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: [ids[0]] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
    });
  });
});

describe('instance profiles and pagination of other Describe calls', () => {
  it('launches with an existing IAM instance profile and refuses an unknown one', async () => {
    const profile = iamModelOf(emu.world).createInstanceProfile({ name: 'demo-web-profile', tags: [] });
    const run = await launch({ IamInstanceProfile: { Name: 'demo-web-profile' } });
    expect(run.Instances![0].IamInstanceProfile).toEqual({ Arn: profile.arn, Id: profile.id });
    await expect(launch({ IamInstanceProfile: { Name: 'missing-profile' } })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('iamInstanceProfile.name'),
    });
  });

  it('pages security groups through the SDK paginator', async () => {
    for (let n = 0; n < 6; n++) {
      await ec2.send(
        new CreateSecurityGroupCommand({ VpcId: net.vpcId, GroupName: `g${n}`, Description: 'x' }),
      );
    }
    const pages = [];
    for await (const page of paginateDescribeSecurityGroups({ client: ec2, pageSize: 5 }, {}))
      pages.push(page);
    expect(pages).toHaveLength(2);
    // 6 created + web + the VPC's default group
    expect(pages.flatMap((p) => p.SecurityGroups!)).toHaveLength(8);
  });
});
