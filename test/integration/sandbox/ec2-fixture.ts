/** Builds the SPEC §1 network (VPC, 2 public + 2 private subnets, IGW, public route table) through the SDK. */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  type EC2Client,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';

export interface Network {
  vpcId: string;
  igwId: string;
  publicSubnets: [string, string];
  privateSubnets: [string, string];
}

export async function buildNetwork(ec2: EC2Client, cidrBase = '10.0'): Promise<Network> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `${cidrBase}.0.0/16` }))).Vpc!.VpcId!;
  const subnet = async (n: number, az: string) =>
    (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${cidrBase}.${n}.0/24`, AvailabilityZone: az }),
      )
    ).Subnet!.SubnetId!;
  const publicSubnets: [string, string] = [
    await subnet(0, 'ap-northeast-1a'),
    await subnet(1, 'ap-northeast-1c'),
  ];
  const privateSubnets: [string, string] = [
    await subnet(2, 'ap-northeast-1a'),
    await subnet(3, 'ap-northeast-1c'),
  ];
  for (const s of publicSubnets) {
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: s, MapPublicIpOnLaunch: { Value: true } }));
  }
  const igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const rtbId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
  );
  for (const s of publicSubnets)
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtbId, SubnetId: s }));
  return { vpcId, igwId, publicSubnets, privateSubnets };
}
