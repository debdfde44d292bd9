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
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { PUBLIC_AL2023 } from '../../../src/sandbox/aws/ec2/public-images';

export const AZ_A = 'ap-northeast-1a';
export const AZ_C = 'ap-northeast-1c';

export interface Network {
  vpcId: string;
  igwId: string;
  publicSubnets: [string, string];
  privateSubnets: [string, string];
}

export async function buildNetwork(ec2: EC2Client): Promise<Network> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnet = async (n: number, az: string) =>
    (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${n}.0/24`, AvailabilityZone: az }),
      )
    ).Subnet!.SubnetId!;
  const publicSubnets: [string, string] = [await subnet(0, AZ_A), await subnet(1, AZ_C)];
  const privateSubnets: [string, string] = [await subnet(2, AZ_A), await subnet(3, AZ_C)];
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

/** Launches one t3.micro from the public Amazon Linux 2023 (x86_64) image and returns its id. */
export async function launchInstance(
  ec2: EC2Client,
  subnetId: string,
  extra: Partial<RunInstancesCommandInput> = {},
): Promise<string> {
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: PUBLIC_AL2023.x86_64.imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      ...extra,
    }),
  );
  return out.Instances![0].InstanceId!;
}
