/**
 * The SPEC's network built through the EC2 emulator with the real SDK client: a VPC over two
 * AZs with public and private subnets, an attached internet gateway, and the elb/web/db
 * security groups wired as SPEC §2 says. Shared by the RDS, ELBv2 and data-plane tests.
 */
import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  RunInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

export const AZ_A = 'ap-northeast-1a';
export const AZ_C = 'ap-northeast-1c';
/** The public Amazon Linux 2023 (x86_64) image the emulator seeds. */
export const AL2023_AMI = 'ami-0d52744d6551d851e';

export interface Network {
  vpcId: string;
  publicSubnets: [string, string];
  privateSubnets: [string, string];
  igwId: string;
  elbSg: string;
  webSg: string;
  dbSg: string;
}

async function subnet(ec2: EC2Client, vpcId: string, cidr: string, az: string): Promise<string> {
  const out = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }),
  );
  return out.Subnet!.SubnetId!;
}

async function group(ec2: EC2Client, vpcId: string, name: string): Promise<string> {
  const out = await ec2.send(
    new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }),
  );
  return out.GroupId!;
}

async function allow(
  ec2: EC2Client,
  groupId: string,
  port: number,
  from: { cidr?: string; groupId?: string },
) {
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          IpRanges: from.cidr ? [{ CidrIp: from.cidr }] : undefined,
          UserIdGroupPairs: from.groupId ? [{ GroupId: from.groupId }] : undefined,
        },
      ],
    }),
  );
}

export async function buildNetwork(ec2: EC2Client, opts: { webAllowsElb?: boolean } = {}): Promise<Network> {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const publicSubnets: [string, string] = [
    await subnet(ec2, vpcId, '10.0.0.0/24', AZ_A),
    await subnet(ec2, vpcId, '10.0.1.0/24', AZ_C),
  ];
  const privateSubnets: [string, string] = [
    await subnet(ec2, vpcId, '10.0.2.0/24', AZ_A),
    await subnet(ec2, vpcId, '10.0.3.0/24', AZ_C),
  ];
  const igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const elbSg = await group(ec2, vpcId, 'elb-sg');
  const webSg = await group(ec2, vpcId, 'web-sg');
  const dbSg = await group(ec2, vpcId, 'db-sg');
  await allow(ec2, elbSg, 80, { cidr: '0.0.0.0/0' });
  if (opts.webAllowsElb ?? true) await allow(ec2, webSg, 80, { groupId: elbSg });
  await allow(ec2, dbSg, 3306, { groupId: webSg });
  return { vpcId, publicSubnets, privateSubnets, igwId, elbSg, webSg, dbSg };
}

export async function launchWeb(ec2: EC2Client, subnetId: string, webSg: string): Promise<string> {
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: AL2023_AMI,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      SecurityGroupIds: [webSg],
    }),
  );
  return out.Instances![0].InstanceId!;
}
