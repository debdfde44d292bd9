/**
 * RDS through the emulator with the real SDK client: subnet groups, the DB instance lifecycle
 * (create, Multi-AZ modify, reboot with failover, delete), errors with AWS's codes, waiters,
 * pagination and tags. The virtual clock stands still; tests move it with `advance`.
 */
import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import {
  AddTagsToResourceCommand,
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DeleteDBInstanceAutomatedBackupCommand,
  DeleteDBInstanceCommand,
  DeleteDBSnapshotCommand,
  DescribeDBSnapshotsCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBSubnetGroupsCommand,
  ListTagsForResourceCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  RemoveTagsFromResourceCommand,
  paginateDescribeDBInstances,
  waitUntilDBInstanceAvailable,
  waitUntilDBInstanceDeleted,
  type CreateDBInstanceCommandInput,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { fastWaiter, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { AZ_A, AZ_C, buildNetwork, siteDbInput, type Network } from './elbv2-network-fixture';

const min = 60_000;

let emu: TestEmulator;
let net: Network;

beforeEach(async () => {
  emu = await startTestEmulator();
  net = await buildNetwork(emu.clients.ec2);
  await emu.clients.rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'Site-DB-Subnets',
      DBSubnetGroupDescription: 'private subnets',
      SubnetIds: net.privateSubnets,
      Tags: [{ Key: 'sitebot:env', Value: 'site' }],
    }),
  );
});

afterEach(async () => {
  await emu.close();
});

function dbInput(over: Partial<CreateDBInstanceCommandInput> = {}): CreateDBInstanceCommandInput {
  return siteDbInput(net.dbSg, { BackupRetentionPeriod: 0, PubliclyAccessible: false, ...over });
}

async function describe1(id = 'site-db'): Promise<DBInstance> {
  const out = await emu.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
  return out.DBInstances![0];
}

async function createAvailable(over: Partial<CreateDBInstanceCommandInput> = {}): Promise<DBInstance> {
  await emu.clients.rds.send(new CreateDBInstanceCommand(dbInput(over)));
  emu.advance(over.MultiAZ ? 12 * min : 8 * min);
  return describe1(over.DBInstanceIdentifier ?? 'site-db');
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { name: string }) => e.name,
  );

describe('DB subnet groups', () => {
  it('describes a group with its subnets, lower-cased name and VPC', async () => {
    const out = await emu.clients.rds.send(
      new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'site-db-subnets' }),
    );
    const group = out.DBSubnetGroups![0];
    expect(group.DBSubnetGroupName).toBe('site-db-subnets');
    expect(group.VpcId).toBe(net.vpcId);
    expect(group.SubnetGroupStatus).toBe('Complete');
    expect(group.Subnets!.map((s) => s.SubnetAvailabilityZone!.Name).sort()).toEqual([AZ_A, AZ_C]);
  });

  it('rejects a duplicate name, a single-AZ group and unknown subnets with AWS codes', async () => {
    const create = (name: string, subnets: string[]) =>
      emu.clients.rds.send(
        new CreateDBSubnetGroupCommand({
          DBSubnetGroupName: name,
          DBSubnetGroupDescription: 'x',
          SubnetIds: subnets,
        }),
      );
    expect(await code(create('site-db-subnets', net.privateSubnets))).toBe('DBSubnetGroupAlreadyExistsFault');
    expect(await code(create('one-az', [net.privateSubnets[0], net.publicSubnets[0]]))).toBe(
      'DBSubnetGroupDoesNotCoverEnoughAZs',
    );
    expect(await code(create('bad', ['subnet-00000000000000000', net.privateSubnets[1]]))).toBe(
      'InvalidSubnet',
    );
    expect(
      await code(emu.clients.rds.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: 'nope' }))),
    ).toBe('DBSubnetGroupNotFoundFault');
  });

  it('refuses to delete a group an instance uses, and deletes it once the instance is gone', async () => {
    await createAvailable();
    const del = () =>
      emu.clients.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: 'site-db-subnets' }));
    expect(await code(del())).toBe('InvalidDBSubnetGroupStateFault');
    await emu.clients.rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'site-db', SkipFinalSnapshot: true }),
    );
    emu.advance(6 * min);
    await del();
    expect(await code(del())).toBe('DBSubnetGroupNotFoundFault');
  });
});

describe('CreateDBInstance', () => {
  it('goes creating → available, then publishes a DNS endpoint on port 3306', async () => {
    const created = await emu.clients.rds.send(
      new CreateDBInstanceCommand(dbInput({ DBInstanceIdentifier: 'Site-DB' })),
    );
    expect(created.DBInstance!.DBInstanceIdentifier).toBe('site-db');
    expect(created.DBInstance!.DBInstanceStatus).toBe('creating');
    expect(created.DBInstance!.Endpoint).toBeUndefined();
    expect(JSON.stringify(created)).not.toContain('correct-horse-battery');

    emu.advance(8 * min - 1000);
    expect((await describe1()).DBInstanceStatus).toBe('creating');
    emu.advance(1000);
    const db = await describe1();
    expect(db.DBInstanceStatus).toBe('available');
    expect(db.Endpoint!.Address).toMatch(/^site-db\.[a-z0-9]{12}\.ap-northeast-1\.rds\.amazonaws\.com$/);
    expect(db.Endpoint!.Port).toBe(3306);
    expect(db.AvailabilityZone).toBe(AZ_A);
    expect(db.MultiAZ).toBe(false);
    expect(db.SecondaryAvailabilityZone).toBeUndefined();
    expect(db.EngineVersion).toMatch(/^8\.4\.\d+$/);
    expect(db.DBName).toBe('wordpress');
    expect(db.VpcSecurityGroups).toEqual([{ VpcSecurityGroupId: net.dbSg, Status: 'active' }]);
    expect(db.DBSubnetGroup!.VpcId).toBe(net.vpcId);
    expect(db.DBInstanceArn).toBe(`arn:aws:rds:ap-northeast-1:${emu.world.accountId}:db:site-db`);
    expect(db.InstanceCreateTime).toBeInstanceOf(Date);
  });

  it('places its ENI in the subnet group with the DB security group', async () => {
    await createAvailable();
    const out = await emu.clients.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [net.dbSg] }] }),
    );
    expect(out.NetworkInterfaces!.map((e) => e.SubnetId)).toEqual([net.privateSubnets[0]]);
  });

  it('works with the SDK waiter while the clock moves', async () => {
    await emu.clients.rds.send(new CreateDBInstanceCommand(dbInput()));
    const polls = () => emu.world.calls.get('rds:DescribeDBInstances') ?? 0;
    const waiting = waitUntilDBInstanceAvailable(fastWaiter(emu.clients.rds), {
      DBInstanceIdentifier: 'site-db',
    });
    const deadline = Date.now() + 5000;
    while (polls() === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(polls()).toBe(1); // the first poll saw `creating`
    emu.advance(8 * min);
    expect((await waiting).state).toBe('SUCCESS');
    expect(polls()).toBe(2);
  });

  it('creates Multi-AZ from the start in 12 minutes with a standby in the other AZ', async () => {
    await emu.clients.rds.send(new CreateDBInstanceCommand(dbInput({ MultiAZ: true })));
    emu.advance(8 * min);
    expect((await describe1()).DBInstanceStatus).toBe('creating');
    emu.advance(4 * min);
    const db = await describe1();
    expect(db.DBInstanceStatus).toBe('available');
    expect([db.AvailabilityZone, db.SecondaryAvailabilityZone]).toEqual([AZ_A, AZ_C]);
  });

  it('keeps an RDS-managed master password in Secrets Manager', async () => {
    const db = await createAvailable({ MasterUserPassword: undefined, ManageMasterUserPassword: true });
    const arn = db.MasterUserSecret!.SecretArn!;
    expect(arn).toMatch(/^arn:aws:secretsmanager:ap-northeast-1:\d{12}:secret:rds!db-/);
    expect(db.MasterUserSecret!.SecretStatus).toBe('active');
    const secret = await emu.clients.secretsManager.send(new GetSecretValueCommand({ SecretId: arn }));
    expect(JSON.parse(secret.SecretString!)).toEqual({ username: 'admin', password: expect.any(String) });
  });

  it.each([
    ['a duplicate identifier', {}, 'DBInstanceAlreadyExistsFault'],
    ['an unknown instance class', { DBInstanceClass: 'db.x9.huge' }, 'InvalidParameterCombination'],
    ['an unsupported engine version', { EngineVersion: '5.6' }, 'InvalidParameterCombination'],
    ['an AZ with Multi-AZ', { AvailabilityZone: AZ_A, MultiAZ: true }, 'InvalidParameterCombination'],
    ['no password', { MasterUserPassword: undefined }, 'InvalidParameterValue'],
    ['an unknown subnet group', { DBSubnetGroupName: 'nope' }, 'DBSubnetGroupNotFoundFault'],
    ['a bad identifier', { DBInstanceIdentifier: '1-db' }, 'InvalidParameterValue'],
  ])('rejects %s', async (_what, over, expected) => {
    if (expected === 'DBInstanceAlreadyExistsFault')
      await emu.clients.rds.send(new CreateDBInstanceCommand(dbInput()));
    expect(await code(emu.clients.rds.send(new CreateDBInstanceCommand(dbInput(over))))).toBe(expected);
  });
});

describe('DescribeDBInstances', () => {
  it('answers DBInstanceNotFound for an unknown identifier', async () => {
    expect(await code(describe1('missing'))).toBe('DBInstanceNotFoundFault');
  });

  it('filters by db-instance-id and rejects tag filters as RDS does', async () => {
    await createAvailable();
    await createAvailable({ DBInstanceIdentifier: 'other-db' });
    const out = await emu.clients.rds.send(
      new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-instance-id', Values: ['other-db'] }] }),
    );
    expect(out.DBInstances!.map((d) => d.DBInstanceIdentifier)).toEqual(['other-db']);
    expect(
      await code(
        emu.clients.rds.send(
          new DescribeDBInstancesCommand({ Filters: [{ Name: 'tag:sitebot:env', Values: ['x'] }] }),
        ),
      ),
    ).toBe('InvalidParameterValue');
  });

  it('pages with Marker / MaxRecords', async () => {
    for (let i = 0; i < 23; i++) {
      await emu.clients.rds.send(
        new CreateDBInstanceCommand(dbInput({ DBInstanceIdentifier: `db-${String(i).padStart(2, '0')}` })),
      );
    }
    const first = await emu.clients.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 20 }));
    expect(first.DBInstances).toHaveLength(20);
    expect(first.Marker).toBeDefined();
    const ids: string[] = [];
    for await (const page of paginateDescribeDBInstances({ client: emu.clients.rds, pageSize: 20 }, {})) {
      ids.push(...page.DBInstances!.map((d) => d.DBInstanceIdentifier!));
    }
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(await code(emu.clients.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 5 })))).toBe(
      'InvalidParameterValue',
    );
  });
});

describe('ModifyDBInstance', () => {
  it('without ApplyImmediately only records PendingModifiedValues.MultiAZ', async () => {
    await createAvailable();
    const out = await emu.clients.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'site-db', MultiAZ: true }),
    );
    expect(out.DBInstance!.PendingModifiedValues!.MultiAZ).toBe(true);
    emu.advance(60 * min);
    const db = await describe1();
    expect(db.DBInstanceStatus).toBe('available');
    expect(db.MultiAZ).toBe(false);
    expect(db.PendingModifiedValues!.MultiAZ).toBe(true);
  });

  it('with ApplyImmediately is modifying for 15 minutes, then Multi-AZ with a secondary AZ', async () => {
    await createAvailable();
    const out = await emu.clients.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'site-db', MultiAZ: true, ApplyImmediately: true }),
    );
    expect(out.DBInstance!.DBInstanceStatus).toBe('modifying');
    emu.advance(15 * min - 1000);
    expect((await describe1()).MultiAZ).toBe(false);
    expect(
      await code(emu.clients.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db' }))),
    ).toBe('InvalidDBInstanceStateFault');
    emu.advance(1000);
    const db = await describe1();
    expect(db.DBInstanceStatus).toBe('available');
    expect(db.MultiAZ).toBe(true);
    expect(db.SecondaryAvailabilityZone).toBe(AZ_C);
    expect(db.PendingModifiedValues!.MultiAZ).toBeUndefined();
  });

  it('answers "No modifications were requested" when nothing changes', async () => {
    await createAvailable();
    const err = await emu.clients.rds
      .send(
        new ModifyDBInstanceCommand({
          DBInstanceIdentifier: 'site-db',
          MultiAZ: false,
          ApplyImmediately: true,
        }),
      )
      .catch((e: Error) => e);
    expect(err).toMatchObject({
      name: 'InvalidParameterCombination',
      message: 'No modifications were requested',
    });
  });
});

describe('RebootDBInstance', () => {
  it('refuses ForceFailover on a single-AZ instance', async () => {
    await createAvailable();
    expect(
      await code(
        emu.clients.rds.send(
          new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db', ForceFailover: true }),
        ),
      ),
    ).toBe('InvalidParameterCombination');
  });

  it('reboots for a minute without failover, staying in its AZ', async () => {
    await createAvailable();
    const out = await emu.clients.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db' }));
    expect(out.DBInstance!.DBInstanceStatus).toBe('rebooting');
    emu.advance(60_000);
    const db = await describe1();
    expect(db.DBInstanceStatus).toBe('available');
    expect(db.AvailabilityZone).toBe(AZ_A);
  });

  it('fails over to the standby AZ and keeps the same endpoint name', async () => {
    const before = await createAvailable({ MultiAZ: true });
    await emu.clients.rds.send(
      new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db', ForceFailover: true }),
    );
    emu.advance(89_000);
    expect((await describe1()).DBInstanceStatus).toBe('rebooting');
    emu.advance(1000);
    const after = await describe1();
    expect(after.DBInstanceStatus).toBe('available');
    expect([after.AvailabilityZone, after.SecondaryAvailabilityZone]).toEqual([AZ_C, AZ_A]);
    expect(after.Endpoint!.Address).toBe(before.Endpoint!.Address);
  });
});

describe('DeleteDBInstance', () => {
  it('needs SkipFinalSnapshot or a final snapshot id', async () => {
    await createAvailable();
    expect(
      await code(emu.clients.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'site-db' }))),
    ).toBe('InvalidParameterCombination');
  });

  it('refuses while DeletionProtection is on, until it is modified off', async () => {
    await createAvailable({ DeletionProtection: true });
    const del = () =>
      emu.clients.rds.send(
        new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'site-db', SkipFinalSnapshot: true }),
      );
    expect(await code(del())).toBe('InvalidParameterCombination');
    await emu.clients.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'site-db', DeletionProtection: false }),
    );
    expect((await del()).DBInstance!.DBInstanceStatus).toBe('deleting');
  });

  it('is deleting for 6 minutes, then gone (the SDK deleted-waiter succeeds)', async () => {
    await createAvailable();
    await emu.clients.rds.send(
      new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'site-db', SkipFinalSnapshot: true }),
    );
    expect(
      await code(
        emu.clients.rds.send(
          new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'site-db', SkipFinalSnapshot: true }),
        ),
      ),
    ).toBe('InvalidDBInstanceStateFault');
    emu.advance(6 * min - 1000);
    expect((await describe1()).DBInstanceStatus).toBe('deleting');
    emu.advance(1000);
    expect(await code(describe1())).toBe('DBInstanceNotFoundFault');
    const result = await waitUntilDBInstanceDeleted(fastWaiter(emu.clients.rds), {
      DBInstanceIdentifier: 'site-db',
    });
    expect(result.state).toBe('SUCCESS');
    const enis = await emu.clients.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [net.dbSg] }] }),
    );
    expect(enis.NetworkInterfaces).toEqual([]);
  });
});

describe('what a deletion leaves behind', () => {
  it('keeps a final snapshot until it is deleted', async () => {
    await createAvailable();
    await emu.clients.rds.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: 'site-db',
        FinalDBSnapshotIdentifier: 'site-db-final',
      }),
    );
    const out = await emu.clients.rds.send(
      new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'site-db' }),
    );
    expect(out.DBSnapshots!.map((s) => [s.DBSnapshotIdentifier, s.Status])).toEqual([
      ['site-db-final', 'available'],
    ]);
    await emu.clients.rds.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: 'site-db-final' }));
    expect(
      await code(
        emu.clients.rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'site-db-final' })),
      ),
    ).toBe('DBSnapshotNotFoundFault');
  });

  it('retains automated backups when asked, until DeleteDBInstanceAutomatedBackup', async () => {
    const db = await createAvailable({ BackupRetentionPeriod: 7 });
    await emu.clients.rds.send(
      new DeleteDBInstanceCommand({
        DBInstanceIdentifier: 'site-db',
        SkipFinalSnapshot: true,
        DeleteAutomatedBackups: false,
      }),
    );
    const types = async () =>
      (
        (await emu.admin('GET', '/_sandbox/resources')).body as { resources: { type: string }[] }
      ).resources.map((r) => r.type);
    expect(await types()).toContain('db-automated-backup');
    await emu.clients.rds.send(
      new DeleteDBInstanceAutomatedBackupCommand({ DbiResourceId: db.DbiResourceId }),
    );
    expect(await types()).not.toContain('db-automated-backup');
    expect(
      await code(
        emu.clients.rds.send(new DeleteDBInstanceAutomatedBackupCommand({ DbiResourceId: db.DbiResourceId })),
      ),
    ).toBe('DBInstanceAutomatedBackupNotFoundFault');
  });
});

describe('tags', () => {
  it('adds, lists and removes tags by ARN', async () => {
    const db = await createAvailable({ Tags: [{ Key: 'sitebot:env', Value: 'site' }] });
    const arn = db.DBInstanceArn!;
    await emu.clients.rds.send(
      new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: 'sitebot:run', Value: 'r1' }] }),
    );
    const list = async () =>
      (await emu.clients.rds.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList!.map(
        (t) => t.Key,
      );
    expect(await list()).toEqual(['sitebot:env', 'sitebot:run']);
    await emu.clients.rds.send(
      new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ['sitebot:env'] }),
    );
    expect(await list()).toEqual(['sitebot:run']);
    const missing = arn.replace('site-db', 'gone-db');
    expect(await code(emu.clients.rds.send(new ListTagsForResourceCommand({ ResourceName: missing })))).toBe(
      'DBInstanceNotFoundFault',
    );
  });

  it('lists DB instances and subnet groups in the admin resources', async () => {
    await createAvailable();
    const { resources: list } = (await emu.admin('GET', '/_sandbox/resources')).body as {
      resources: { type: string; id: string; state: string }[];
    };
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'db-instance', id: 'site-db', state: 'available' }),
        expect.objectContaining({ type: 'db-subnet-group', id: 'site-db-subnets' }),
      ]),
    );
  });
});
