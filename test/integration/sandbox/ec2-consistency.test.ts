import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import { fastWaiter, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork, launchInstance } from './ec2-fixture';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.world.reset());

describe('eventual consistency fault', () => {
  it('is off by default: fresh ids are usable at once', async () => {
    const { vpcId } = await buildNetwork(emu.clients.ec2);
    const { GroupId } = await emu.clients.ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'g', Description: 'g' }),
    );
    await emu.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
  });

  it('hides fresh ids from by-id calls until they propagate', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    await emu.admin('POST', '/_sandbox/faults', { eventualConsistencyMs: 5_000 });
    emu.advance(5_000); // the network has settled; what follows is fresh
    const { GroupId } = await emu.clients.ec2.send(
      new CreateSecurityGroupCommand({ VpcId: net.vpcId, GroupName: 'g', Description: 'g' }),
    );
    const rule = {
      GroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    };
    await expect(emu.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand(rule))).rejects.toMatchObject({
      name: 'InvalidGroup.NotFound',
    });
    emu.advance(5_000);
    await emu.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));

    const id = await launchInstance(emu.clients.ec2, net.publicSubnets[0]);
    await expect(
      emu.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
    });
    await expect(
      emu.clients.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'a', Value: 'b' }] })),
    ).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
    // The SDK waiter treats InvalidInstanceID.NotFound as "retry", so it rides this out.
    const waited = await emu.advanceDuring(30_000, () =>
      waitUntilInstanceRunning(fastWaiter(emu.clients.ec2), { InstanceIds: [id] }),
    );
    expect(waited.state).toBe('SUCCESS');
  });
});
