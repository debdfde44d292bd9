/**
 * The SPEC's network built through the EC2 emulator with the real SDK client: the SPEC §1 VPC
 * of ec2-fixture plus the elb/web/db security groups wired as SPEC §2 says. Shared by the RDS,
 * ELBv2 and data-plane tests.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  type CreateDBInstanceCommandInput,
  type RDSClient,
} from '@aws-sdk/client-rds';
import type { TestEmulator } from '../../helpers/emulator';
import { buildNetwork as buildVpc, launchInstance, type Network as Vpc } from './ec2-fixture';

export { AZ_A, AZ_C } from './ec2-fixture';

export interface Network extends Vpc {
  elbSg: string;
  webSg: string;
  dbSg: string;
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

export async function buildNetwork(ec2: EC2Client): Promise<Network> {
  const vpc = await buildVpc(ec2);
  const elbSg = await group(ec2, vpc.vpcId, 'elb-sg');
  const webSg = await group(ec2, vpc.vpcId, 'web-sg');
  const dbSg = await group(ec2, vpc.vpcId, 'db-sg');
  await allow(ec2, elbSg, 80, { cidr: '0.0.0.0/0' });
  await allow(ec2, webSg, 80, { groupId: elbSg });
  await allow(ec2, dbSg, 3306, { groupId: webSg });
  return { ...vpc, elbSg, webSg, dbSg };
}

export function launchWeb(ec2: EC2Client, subnetId: string, webSg: string): Promise<string> {
  return launchInstance(ec2, subnetId, { SecurityGroupIds: [webSg] });
}

/** Launches a web server, lets it reach `running` (30 s) and registers it with the target group. */
export async function registeredWeb(
  emu: TestEmulator,
  tgArn: string,
  subnetId: string,
  webSg: string,
): Promise<string> {
  const web = await launchWeb(emu.clients.ec2, subnetId, webSg);
  emu.advance(30_000);
  await emu.clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: web }] }));
  return web;
}

/** The SPEC's DB (MySQL 8.4 on db.t4g.micro, 20 GiB) in the `site-db-subnets` group, behind `dbSg`. */
export function siteDbInput(
  dbSg: string,
  over: Partial<CreateDBInstanceCommandInput> = {},
): CreateDBInstanceCommandInput {
  return {
    DBInstanceIdentifier: 'site-db',
    Engine: 'mysql',
    EngineVersion: '8.4',
    DBInstanceClass: 'db.t4g.micro',
    AllocatedStorage: 20,
    MasterUsername: 'admin',
    MasterUserPassword: 'correct-horse-battery',
    DBName: 'wordpress',
    DBSubnetGroupName: 'site-db-subnets',
    VpcSecurityGroupIds: [dbSg],
    ...over,
  };
}

/** The SPEC's DB subnet group (`site-db-subnets`) and MySQL instance `site-db` (creating). */
export async function createSiteDb(rds: RDSClient, net: Network, multiAz: boolean): Promise<void> {
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'site-db-subnets',
      DBSubnetGroupDescription: 'private',
      SubnetIds: net.privateSubnets,
    }),
  );
  await rds.send(new CreateDBInstanceCommand(siteDbInput(net.dbSg, { MultiAZ: multiAz })));
}
