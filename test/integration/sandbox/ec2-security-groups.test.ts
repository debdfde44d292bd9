import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork } from './ec2-fixture';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.world.reset());

const http80 = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80 };

async function group(vpcId: string, name: string) {
  const out = await emu.clients.ec2.send(
    new CreateSecurityGroupCommand({
      VpcId: vpcId,
      GroupName: name,
      Description: `${name} group`,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'sitebot:env', Value: 'demo' }] }],
    }),
  );
  return out.GroupId!;
}

describe('security groups', () => {
  it('sets up SPEC §2: elb-sg from anywhere, web-sg from elb-sg, db-sg from web-sg', async () => {
    const { vpcId } = await buildNetwork(emu.clients.ec2);
    const elb = await group(vpcId, 'demo-elb-sg');
    const web = await group(vpcId, 'demo-web-sg');
    const db = await group(vpcId, 'demo-db-sg');
    await emu.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: elb,
        IpPermissions: [{ ...http80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const webRule = await emu.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: web,
        IpPermissions: [{ ...http80, UserIdGroupPairs: [{ GroupId: elb }] }],
      }),
    );
    expect(webRule.Return).toBe(true);
    expect(webRule.SecurityGroupRules![0]).toMatchObject({
      IsEgress: false,
      FromPort: 80,
      ReferencedGroupInfo: { GroupId: elb },
    });
    await emu.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: db,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, UserIdGroupPairs: [{ GroupId: web }] },
        ],
      }),
    );

    const described = await emu.clients.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'tag:sitebot:env', Values: ['demo'] },
        ],
      }),
    );
    expect(described.SecurityGroups!.map((g) => g.GroupName).sort()).toEqual([
      'demo-db-sg',
      'demo-elb-sg',
      'demo-web-sg',
    ]);
    const dbGroup = described.SecurityGroups!.find((g) => g.GroupId === db)!;
    expect(dbGroup.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 3306,
        ToPort: 3306,
        UserIdGroupPairs: [expect.objectContaining({ GroupId: web })],
      }),
    ]);
    expect(dbGroup.IpPermissionsEgress).toEqual([
      expect.objectContaining({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
    ]);

    const byName = await emu.clients.ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['demo-web-sg'] }] }),
    );
    expect(byName.SecurityGroups!.map((g) => g.GroupId)).toEqual([web]);
  });

  it('refuses duplicates with AWS codes', async () => {
    const { vpcId } = await buildNetwork(emu.clients.ec2);
    const sg = await group(vpcId, 'demo-elb-sg');
    await expect(group(vpcId, 'demo-elb-sg')).rejects.toMatchObject({ name: 'InvalidGroup.Duplicate' });
    const rule = { GroupId: sg, IpPermissions: [{ ...http80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] };
    await emu.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
    await expect(emu.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand(rule))).rejects.toMatchObject({
      name: 'InvalidPermission.Duplicate',
    });
    const withUnknown = {
      GroupId: sg,
      IpPermissions: [{ ...http80, IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8' }] }],
    };
    await expect(
      emu.clients.ec2.send(new RevokeSecurityGroupIngressCommand(withUnknown)),
    ).rejects.toMatchObject({
      name: 'InvalidPermission.NotFound',
    });
    const kept = await emu.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }));
    expect(kept.SecurityGroups![0].IpPermissions).toHaveLength(1);
    await emu.clients.ec2.send(new RevokeSecurityGroupIngressCommand(rule));
    await expect(emu.clients.ec2.send(new RevokeSecurityGroupIngressCommand(rule))).rejects.toMatchObject({
      name: 'InvalidPermission.NotFound',
    });
    await expect(
      emu.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })),
    ).rejects.toMatchObject({ name: 'InvalidGroup.NotFound' });
  });

  it('will not delete a group another group references, nor the default group', async () => {
    const { vpcId } = await buildNetwork(emu.clients.ec2);
    const elb = await group(vpcId, 'demo-elb-sg');
    const web = await group(vpcId, 'demo-web-sg');
    await emu.clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: web,
        IpPermissions: [{ ...http80, UserIdGroupPairs: [{ GroupId: elb }] }],
      }),
    );
    await expect(
      emu.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: elb })),
    ).rejects.toMatchObject({
      name: 'DependencyViolation',
      message: `resource ${elb} has a dependent object`,
    });
    await emu.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: web }));
    await emu.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: elb }));

    const defaults = await emu.clients.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'group-name', Values: ['default'] },
        ],
      }),
    );
    await expect(
      emu.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaults.SecurityGroups![0].GroupId })),
    ).rejects.toMatchObject({ name: 'CannotDelete' });
  });

  it('will not delete a group an ENI uses (an ALB node, say) until the ENI is gone', async () => {
    const { vpcId, publicSubnets } = await buildNetwork(emu.clients.ec2);
    const sg = await group(vpcId, 'demo-elb-sg');
    const eni = emu.world.ec2.createNetworkInterface({
      subnetId: publicSubnets[0],
      groupIds: [sg],
      description: 'ELB app/demo-alb/0123456789abcdef',
      requesterManaged: true,
    });
    emu.world.ec2.deleteNetworkInterface(eni, { afterMs: 300_000 });
    await expect(emu.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg }))).rejects.toMatchObject(
      {
        name: 'DependencyViolation',
      },
    );
    emu.advance(300_000);
    await emu.clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg }));
  });
});

describe('network interfaces', () => {
  it('describes service-created ENIs and deletes only detached, self-managed ones', async () => {
    const { vpcId, publicSubnets } = await buildNetwork(emu.clients.ec2);
    const sg = await group(vpcId, 'demo-elb-sg');
    const managed = emu.world.ec2.createNetworkInterface({
      subnetId: publicSubnets[0],
      groupIds: [sg],
      description: 'ELB app/demo-alb/0123456789abcdef',
      requesterManaged: true,
      associatePublicIp: true,
    });
    const own = emu.world.ec2.createNetworkInterface({
      subnetId: publicSubnets[1],
      groupIds: [sg],
      description: 'mine',
    });
    const described = await emu.clients.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [sg] }] }),
    );
    expect(described.NetworkInterfaces!.map((e) => e.NetworkInterfaceId).sort()).toEqual(
      [managed, own].sort(),
    );
    const alb = described.NetworkInterfaces!.find((e) => e.NetworkInterfaceId === managed)!;
    expect(alb).toMatchObject({
      RequesterManaged: true,
      Status: 'available',
      SubnetId: publicSubnets[0],
      VpcId: vpcId,
    });
    expect(alb.Association?.PublicIp).toBeDefined();

    await expect(
      emu.clients.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: managed })),
    ).rejects.toMatchObject({ name: 'OperationNotPermitted' });
    await emu.clients.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: own }));
    await expect(
      emu.clients.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: own })),
    ).rejects.toMatchObject({ name: 'InvalidNetworkInterfaceID.NotFound' });
  });
});
