import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.world.reset());

const tagSpec = (type: 'vpc' | 'subnet' | 'internet-gateway' | 'route-table', name: string) => [
  {
    ResourceType: type,
    Tags: [
      { Key: 'Name', Value: name },
      { Key: 'sitebot:env', Value: 'demo' },
    ],
  },
];

async function vpc(cidr = '10.0.0.0/16') {
  const out = await emu.clients.ec2.send(
    new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpec('vpc', 'demo-vpc') }),
  );
  return out.Vpc!.VpcId!;
}

function subnet(vpcId: string, cidr: string, az?: string, name?: string) {
  return emu.clients.ec2.send(
    new CreateSubnetCommand({
      VpcId: vpcId,
      CidrBlock: cidr,
      AvailabilityZone: az,
      TagSpecifications: name ? tagSpec('subnet', name) : undefined,
    }),
  );
}

describe('VPC', () => {
  it('creates, describes with tag filters, sets DNS attributes and deletes', async () => {
    const vpcId = await vpc();
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const described = await emu.clients.ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag:sitebot:env', Values: ['demo'] }] }),
    );
    expect(described.Vpcs).toHaveLength(1);
    expect(described.Vpcs![0]).toMatchObject({
      VpcId: vpcId,
      CidrBlock: '10.0.0.0/16',
      State: 'available',
      IsDefault: false,
    });
    expect(described.Vpcs![0].Tags).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'demo-vpc' }]));
    const none = await emu.clients.ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag-key', Values: ['nope'] }] }),
    );
    expect(none.Vpcs).toEqual([]);

    const before = await emu.clients.ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }),
    );
    expect(before.EnableDnsHostnames?.Value).toBe(false);
    await emu.clients.ec2.send(
      new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }),
    );
    const after = await emu.clients.ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }),
    );
    expect(after.EnableDnsHostnames?.Value).toBe(true);
    const dns = await emu.clients.ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }),
    );
    expect(dns.EnableDnsSupport?.Value).toBe(true);

    await emu.clients.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    await expect(emu.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).rejects.toMatchObject({
      name: 'InvalidVpcID.NotFound',
    });
  });

  it('rejects a bad CIDR and an unknown filter', async () => {
    await expect(
      emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })),
    ).rejects.toMatchObject({
      name: 'InvalidVpc.Range',
    });
    await expect(
      emu.clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('subnets', () => {
  it('validates AZ names against the region and CIDRs against the VPC', async () => {
    const vpcId = await vpc();
    await expect(subnet(vpcId, '10.0.0.0/24', 'ap-northeast-1b')).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('ap-northeast-1a, ap-northeast-1c, ap-northeast-1d'),
    });
    await expect(subnet(vpcId, '10.1.0.0/24', 'ap-northeast-1a')).rejects.toMatchObject({
      name: 'InvalidSubnet.Range',
    });
    const a = await subnet(vpcId, '10.0.0.0/24', 'ap-northeast-1a', 'pub-a');
    expect(a.Subnet).toMatchObject({
      AvailabilityZone: 'ap-northeast-1a',
      AvailabilityZoneId: 'apne1-az4',
      MapPublicIpOnLaunch: false,
      AvailableIpAddressCount: 251,
    });
    await expect(subnet(vpcId, '10.0.0.128/25', 'ap-northeast-1c')).rejects.toMatchObject({
      name: 'InvalidSubnet.Conflict',
    });
    await expect(subnet('vpc-0123456789abcdef0', '10.0.0.0/24')).rejects.toMatchObject({
      name: 'InvalidVpcID.NotFound',
    });

    const subnetId = a.Subnet!.SubnetId!;
    await emu.clients.ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }),
    );
    const d = await emu.clients.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'availability-zone', Values: ['ap-northeast-1*'] },
        ],
      }),
    );
    expect(d.Subnets).toHaveLength(1);
    expect(d.Subnets![0].MapPublicIpOnLaunch).toBe(true);

    await expect(emu.clients.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }))).rejects.toMatchObject({
      name: 'DependencyViolation',
    });
    await emu.clients.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    await emu.clients.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
  });

  it('describes the real AZs of ap-northeast-1', async () => {
    const out = await emu.clients.ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(out.AvailabilityZones!.map((z) => z.ZoneName)).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
    expect(out.AvailabilityZones![0]).toMatchObject({ State: 'available', RegionName: 'ap-northeast-1' });
  });
});

describe('internet gateways and route tables', () => {
  it('builds the public route table of SPEC §1 and tears it down in order', async () => {
    const vpcId = await vpc();
    const subnetId = (await subnet(vpcId, '10.0.0.0/24', 'ap-northeast-1a')).Subnet!.SubnetId!;
    const igwId = (
      await emu.clients.ec2.send(
        new CreateInternetGatewayCommand({ TagSpecifications: tagSpec('internet-gateway', 'igw') }),
      )
    ).InternetGateway!.InternetGatewayId!;
    const rtbId = (
      await emu.clients.ec2.send(
        new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagSpec('route-table', 'public') }),
      )
    ).RouteTable!.RouteTableId!;

    await expect(
      emu.clients.ec2.send(
        new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await emu.clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    await expect(
      emu.clients.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
    ).rejects.toMatchObject({
      name: 'Resource.AlreadyAssociated',
    });
    await emu.clients.ec2.send(
      new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
    );
    await expect(
      emu.clients.ec2.send(
        new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
      ),
    ).rejects.toMatchObject({ name: 'RouteAlreadyExists' });
    const assoc = await emu.clients.ec2.send(
      new AssociateRouteTableCommand({ RouteTableId: rtbId, SubnetId: subnetId }),
    );
    expect(assoc.AssociationState?.State).toBe('associated');

    const igws = await emu.clients.ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    );
    expect(igws.InternetGateways![0].Attachments).toEqual([{ VpcId: vpcId, State: 'available' }]);
    const tables = await emu.clients.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(tables.RouteTables).toHaveLength(2);
    const main = tables.RouteTables!.find((t) => t.Associations!.some((a) => a.Main));
    expect(main?.Routes).toEqual([
      expect.objectContaining({ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }),
    ]);
    const pub = tables.RouteTables!.find((t) => t.RouteTableId === rtbId)!;
    expect(pub.Routes).toContainEqual(
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId, State: 'active' }),
    );
    expect(pub.Associations).toEqual([expect.objectContaining({ SubnetId: subnetId, Main: false })]);

    await expect(
      emu.clients.ec2.send(new DeleteRouteTableCommand({ RouteTableId: rtbId })),
    ).rejects.toMatchObject({ name: 'DependencyViolation' });
    await expect(
      emu.clients.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId })),
    ).rejects.toMatchObject({ name: 'DependencyViolation' });
    await emu.clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId }));
    await expect(
      emu.clients.ec2.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId })),
    ).rejects.toMatchObject({
      name: 'InvalidAssociationID.NotFound',
    });
    await emu.clients.ec2.send(new DeleteRouteTableCommand({ RouteTableId: rtbId }));
    await emu.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    await expect(
      emu.clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
    ).rejects.toMatchObject({
      name: 'Gateway.NotAttached',
    });
    await emu.clients.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
    await emu.clients.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    await emu.clients.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    expect(emu.world.listResources().filter((r) => r.service === 'ec2' && r.type !== 'image')).toEqual([]);
  });
});
