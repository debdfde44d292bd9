import {
  CreateImageCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  type EC2Client,
  RunInstancesCommand,
  waitUntilImageAvailable,
} from '@aws-sdk/client-ec2';
import { PUBLIC_AL2023 } from '../../../src/sandbox/aws/ec2/public-images';
import { fastWaiter, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork, launchInstance } from './ec2-fixture';

let emu: TestEmulator;
let ec2: EC2Client;
let instanceId: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  ec2 = emu.clients.ec2;
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.world.reset();
  const net = await buildNetwork(ec2);
  instanceId = await launchInstance(ec2, net.publicSubnets[0]);
  emu.advance(30_000);
});

const imageTags = (name: string) => [
  {
    ResourceType: 'image' as const,
    Tags: [
      { Key: 'Name', Value: name },
      { Key: 'sitebot:env', Value: 'demo' },
    ],
  },
  { ResourceType: 'snapshot' as const, Tags: [{ Key: 'sitebot:env', Value: 'demo' }] },
];

describe('images and snapshots', () => {
  it('creates an AMI (rebooting the instance) that becomes available under the SDK waiter', async () => {
    const { ImageId } = await ec2.send(
      new CreateImageCommand({
        InstanceId: instanceId,
        Name: 'demo-web-ami',
        TagSpecifications: imageTags('demo-web-ami'),
      }),
    );
    expect(ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
    const rebooted = emu.world.ec2.getInstance(instanceId)!;
    expect(rebooted.state).toBe('running');
    expect(rebooted.runningSince).toBe(emu.world.clock.now() + emu.world.durations.imageReboot);

    const pending = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(pending.Images).toEqual([
      expect.objectContaining({
        ImageId,
        Name: 'demo-web-ami',
        State: 'pending',
        OwnerId: emu.world.accountId,
      }),
    ]);
    const snapshotId = pending.Images![0].BlockDeviceMappings![0].Ebs!.SnapshotId!;
    const snaps = await ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: 'tag:sitebot:env', Values: ['demo'] }],
      }),
    );
    expect(snaps.Snapshots).toEqual([
      expect.objectContaining({ SnapshotId: snapshotId, State: 'pending', VolumeSize: 8 }),
    ]);

    const waited = await emu.advanceDuring(emu.world.durations.imageCreate, () =>
      waitUntilImageAvailable(fastWaiter(ec2), { ImageIds: [ImageId!] }),
    );
    expect(waited.state).toBe('SUCCESS');
    const done = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }));
    expect(done.Snapshots![0].State).toBe('completed');
  });

  it('refuses to image an instance that is not running or stopped', async () => {
    const subnetId = emu.world.ec2.getInstance(instanceId)!.subnetId;
    const fresh = await launchInstance(ec2, subnetId);
    await expect(
      ec2.send(new CreateImageCommand({ InstanceId: fresh, Name: 'too-early' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining("not in state 'running'"),
    });
  });

  it('does not reboot with NoReboot, and refuses a duplicate name', async () => {
    const before = emu.world.ec2.getInstance(instanceId)!.runningSince;
    await ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: 'demo-web-ami', NoReboot: true }));
    expect(emu.world.ec2.getInstance(instanceId)!.runningSince).toBe(before);
    await expect(
      ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: 'demo-web-ami' })),
    ).rejects.toMatchObject({
      name: 'InvalidAMIName.Duplicate',
    });
  });

  it('keeps the snapshot while the AMI is registered, then lets both go', async () => {
    const { ImageId } = await ec2.send(
      new CreateImageCommand({ InstanceId: instanceId, Name: 'demo-web-ami', NoReboot: true }),
    );
    emu.advance(emu.world.durations.imageCreate);
    const image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0];
    const snapshotId = image.BlockDeviceMappings![0].Ebs!.SnapshotId!;
    await expect(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }))).rejects.toMatchObject({
      name: 'InvalidSnapshot.InUse',
    });
    await ec2.send(new DeregisterImageCommand({ ImageId }));
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    expect((await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images).toEqual([]);
    await expect(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }))).rejects.toMatchObject({
      name: 'InvalidSnapshot.NotFound',
    });
    await expect(ec2.send(new DeregisterImageCommand({ ImageId }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
  });

  it('launches from a pending AMI only once it is available', async () => {
    const { ImageId } = await ec2.send(
      new CreateImageCommand({ InstanceId: instanceId, Name: 'demo-web-ami', NoReboot: true }),
    );
    const subnetId = emu.world.ec2.getInstance(instanceId)!.subnetId;
    const launch = () =>
      ec2.send(
        new RunInstancesCommand({
          ImageId,
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetId,
        }),
      );
    await expect(launch()).rejects.toMatchObject({ name: 'InvalidAMIID.Unavailable' });
    emu.advance(emu.world.durations.imageCreate);
    expect((await launch()).Instances![0].ImageId).toBe(ImageId);
  });

  it('finds the public Amazon Linux 2023 images by id, owner and name filter', async () => {
    const byId = await ec2.send(new DescribeImagesCommand({ ImageIds: [PUBLIC_AL2023.arm64.imageId] }));
    expect(byId.Images![0]).toMatchObject({
      Architecture: 'arm64',
      State: 'available',
      ImageOwnerAlias: 'amazon',
      Public: true,
    });
    const byName = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['amazon'],
        Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }],
      }),
    );
    expect(byName.Images!.map((i) => i.ImageId)).toEqual([PUBLIC_AL2023.x86_64.imageId]);
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-12345'] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.Malformed',
    });
  });
});

describe('tags', () => {
  it('creates, describes and deletes tags on any resource, refusing unknown ids', async () => {
    await ec2.send(
      new CreateTagsCommand({
        Resources: [instanceId],
        Tags: [
          { Key: 'sitebot:role', Value: 'web' },
          { Key: 'tmp', Value: '1' },
        ],
      }),
    );
    const described = await ec2.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [instanceId] }] }),
    );
    expect(described.Tags).toEqual(
      expect.arrayContaining([
        { ResourceId: instanceId, ResourceType: 'instance', Key: 'sitebot:role', Value: 'web' },
      ]),
    );
    await ec2.send(new DeleteTagsCommand({ Resources: [instanceId], Tags: [{ Key: 'tmp' }] }));
    const after = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['tmp'] }] }));
    expect(after.Tags).toEqual([]);
    await expect(
      ec2.send(
        new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
  });
});
