/**
 * The emulator's account: it answers the quota and offering APIs with AWS's defaults and its
 * own counts, and refuses what goes past a quota or uses something not offered, with AWS's
 * codes — settable through the admin API, so the preflight is tested against a stand-in that
 * can say no.
 */
import {
  CreateVpcCommand,
  DescribeAccountAttributesCommand as Ec2AccountAttributesCommand,
  DescribeInstanceTypeOfferingsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeAccountLimitsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DescribeAccountAttributesCommand as RdsAccountAttributesCommand,
  DescribeOrderableDBInstanceOptionsCommand,
  type CreateDBInstanceCommandInput,
} from '@aws-sdk/client-rds';
import { GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { PUBLIC_AL2023 } from '../../../src/sandbox/aws/ec2/public-images';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { AZ_A, AZ_C, buildNetwork, siteDbInput, type Network } from './elbv2-network-fixture';

let emu: TestEmulator;

beforeEach(async () => {
  emu = await startTestEmulator();
});

afterEach(async () => {
  await emu.close();
});

const vpcQuota = async () =>
  (
    await emu.clients.serviceQuotas.send(
      new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' }),
    )
  ).Quota;

async function rdsQuotas(): Promise<Record<string, { Used?: number; Max?: number }>> {
  const out = await emu.clients.rds.send(new RdsAccountAttributesCommand({}));
  return Object.fromEntries((out.AccountQuotas ?? []).map((q) => [q.AccountQuotaName, q]));
}

async function typeZones(instanceType: string): Promise<string[]> {
  const out = await emu.clients.ec2.send(
    new DescribeInstanceTypeOfferingsCommand({
      LocationType: 'availability-zone',
      Filters: [{ Name: 'instance-type', Values: [instanceType] }],
    }),
  );
  return (out.InstanceTypeOfferings ?? []).map((o) => o.Location!).sort();
}

describe('answers with AWS defaults and its own counts', () => {
  test('Service Quotas: VPCs per Region is 5; an unknown quota does not exist', async () => {
    expect(await vpcQuota()).toMatchObject({
      ServiceCode: 'vpc',
      QuotaCode: 'L-F678F1CE',
      QuotaName: 'VPCs per Region',
      Value: 5,
    });
    await expect(
      emu.clients.serviceQuotas.send(
        new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-00000000' }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchResourceException' });
  });

  test('ELBv2 limits, RDS quotas with usage, EC2 attributes', async () => {
    const limits = await emu.clients.elbv2.send(new DescribeAccountLimitsCommand({}));
    expect(limits.Limits).toEqual(
      expect.arrayContaining([
        { Name: 'application-load-balancers', Max: '50' },
        { Name: 'target-groups', Max: '3000' },
      ]),
    );
    expect(await rdsQuotas()).toMatchObject({
      DBInstances: { Used: 0, Max: 40 },
      DBSubnetGroups: { Used: 0, Max: 50 },
      AllocatedStorage: { Used: 0, Max: 100_000 },
    });
    const attrs = await emu.clients.ec2.send(
      new Ec2AccountAttributesCommand({ AttributeNames: ['supported-platforms'] }),
    );
    expect(attrs.AccountAttributes).toEqual([
      { AttributeName: 'supported-platforms', AttributeValues: [{ AttributeValue: 'VPC' }] },
    ]);
  });

  test('offerings: t3.micro in every AZ of the region; MySQL 8.4 on db.t4g.micro orderable Multi-AZ', async () => {
    expect(await typeZones('t3.micro')).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
    const out = await emu.clients.rds.send(
      new DescribeOrderableDBInstanceOptionsCommand({
        Engine: 'mysql',
        EngineVersion: '8.4.7',
        DBInstanceClass: 'db.t4g.micro',
      }),
    );
    expect(out.OrderableDBInstanceOptions).toHaveLength(1);
    expect(out.OrderableDBInstanceOptions![0]).toMatchObject({
      Engine: 'mysql',
      EngineVersion: '8.4.7',
      DBInstanceClass: 'db.t4g.micro',
      MultiAZCapable: true,
      AvailabilityZones: [
        { Name: 'ap-northeast-1a' },
        { Name: 'ap-northeast-1c' },
        { Name: 'ap-northeast-1d' },
      ],
    });
  });
});

describe('refuses past a quota, with AWS codes', () => {
  test('CreateVpc past "VPCs per Region": VpcLimitExceeded; the quota read back', async () => {
    await emu.admin('POST', '/_sandbox/quotas', { vpcsPerRegion: 1 });
    expect((await vpcQuota())?.Value).toBe(1);
    await emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
    await expect(
      emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' })),
    ).rejects.toMatchObject({
      name: 'VpcLimitExceeded',
      message: 'The maximum number of VPCs has been reached.',
    });
  });

  test('ELBv2: TooManyLoadBalancers and TooManyTargetGroups at the quota', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    await emu.admin('POST', '/_sandbox/quotas', { applicationLoadBalancers: 0, targetGroups: 0 });
    await expect(
      emu.clients.elbv2.send(
        new CreateLoadBalancerCommand({
          Name: 'site-alb',
          Subnets: net.publicSubnets,
          SecurityGroups: [net.elbSg],
        }),
      ),
    ).rejects.toMatchObject({ name: 'TooManyLoadBalancersException' });
    await expect(
      emu.clients.elbv2.send(
        new CreateTargetGroupCommand({ Name: 'site-tg', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }),
      ),
    ).rejects.toMatchObject({ name: 'TooManyTargetGroupsException' });
  });

  describe('RDS', () => {
    let net: Network;
    beforeEach(async () => {
      net = await buildNetwork(emu.clients.ec2);
      await emu.clients.rds.send(
        new CreateDBSubnetGroupCommand({
          DBSubnetGroupName: 'site-db-subnets',
          DBSubnetGroupDescription: 'private subnets',
          SubnetIds: net.privateSubnets,
        }),
      );
    });
    const db = (over: Partial<CreateDBInstanceCommandInput> = {}) =>
      new CreateDBInstanceCommand(siteDbInput(net.dbSg, { MultiAZ: true, ...over }));

    test('usage counts what exists; InstanceQuotaExceeded at the DB instance quota', async () => {
      await emu.clients.rds.send(db());
      expect(await rdsQuotas()).toMatchObject({
        DBInstances: { Used: 1, Max: 40 },
        DBSubnetGroups: { Used: 1 },
        AllocatedStorage: { Used: 20 },
      });
      await emu.admin('POST', '/_sandbox/quotas', { dbInstances: 1 });
      await expect(emu.clients.rds.send(db({ DBInstanceIdentifier: 'second-db' }))).rejects.toMatchObject({
        name: 'InstanceQuotaExceededFault',
      });
    });

    test('StorageQuotaExceeded and DBSubnetGroupQuotaExceeded at their quotas', async () => {
      await emu.admin('POST', '/_sandbox/quotas', { allocatedStorageGb: 19, dbSubnetGroups: 1 });
      await expect(emu.clients.rds.send(db())).rejects.toMatchObject({ name: 'StorageQuotaExceededFault' });
      await expect(
        emu.clients.rds.send(
          new CreateDBSubnetGroupCommand({
            DBSubnetGroupName: 'other',
            DBSubnetGroupDescription: 'other',
            SubnetIds: net.privateSubnets,
          }),
        ),
      ).rejects.toMatchObject({ name: 'DBSubnetGroupQuotaExceededFault' });
    });

    test('a class/version not orderable in an AZ of the subnet group: InvalidParameterCombination', async () => {
      await emu.admin('POST', '/_sandbox/offerings', {
        removeDbOfferings: [{ instanceClass: 'db.t4g.micro', engineVersion: '8.4', az: AZ_C }],
      });
      const out = await emu.clients.rds.send(
        new DescribeOrderableDBInstanceOptionsCommand({ Engine: 'mysql', DBInstanceClass: 'db.t4g.micro' }),
      );
      const v84 = out.OrderableDBInstanceOptions!.find((o) => o.EngineVersion === '8.4.7')!;
      expect(v84.AvailabilityZones!.map((z) => z.Name)).toEqual([AZ_A, 'ap-northeast-1d']);
      // Multi-AZ needs the standby in 1c; single-AZ in 1a is still orderable.
      await expect(emu.clients.rds.send(db())).rejects.toMatchObject({
        name: 'InvalidParameterCombination',
        message: expect.stringContaining('AvailabilityZone=ap-northeast-1c'),
      });
      await expect(
        emu.clients.rds.send(db({ MultiAZ: false, AvailabilityZone: AZ_A })),
      ).resolves.toBeDefined();
    });
  });

  test('an instance type not offered in an AZ: gone from the offerings, RunInstances there is Unsupported', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    await emu.admin('POST', '/_sandbox/offerings', {
      removeInstanceTypes: [{ instanceType: 't3.micro', az: AZ_C }],
    });
    expect(await typeZones('t3.micro')).toEqual(['ap-northeast-1a', 'ap-northeast-1d']);
    const launch = (SubnetId: string) =>
      emu.clients.ec2.send(
        new RunInstancesCommand({
          ImageId: PUBLIC_AL2023.x86_64.imageId,
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId,
        }),
      );
    await expect(launch(net.publicSubnets[1])).rejects.toMatchObject({
      name: 'Unsupported',
      message: expect.stringMatching(
        /^Your requested instance type \(t3\.micro\) is not supported in your requested Availability Zone \(ap-northeast-1c\)\. .*choosing ap-northeast-1a, ap-northeast-1d\.$/,
      ),
    });
    await expect(launch(net.publicSubnets[0])).resolves.toBeDefined();
  });

  test('reset gives back the defaults and every offering', async () => {
    await emu.admin('POST', '/_sandbox/quotas', { vpcsPerRegion: 0 });
    await emu.admin('POST', '/_sandbox/offerings', { removeInstanceTypes: [{ instanceType: 't3.micro' }] });
    expect(await typeZones('t3.micro')).toEqual([]);
    await emu.admin('POST', '/_sandbox/reset');
    expect((await vpcQuota())?.Value).toBe(5);
    expect(await typeZones('t3.micro')).toHaveLength(3);
    expect((await emu.admin('POST', '/_sandbox/quotas', { vpcs: 1 })).status).toBe(400);
  });
});
