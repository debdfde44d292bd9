import { AccountSettings } from '../../../src/sandbox/aws/account';
import { RdsModel } from '../../../src/sandbox/aws/rds/model';
import { rdsAccountOf } from '../../../src/sandbox/aws/rds/registry';
import type { Ec2Port, RdsEnv } from '../../../src/sandbox/aws/rds/ports';
import { statusOf } from '../../../src/sandbox/aws/rds/types';
import type { CreateDbInstanceInput } from '../../../src/sandbox/aws/rds/create-instance';

const min = 60_000;

function fakeEnv() {
  let now = 1_700_000_000_000;
  const enis = new Map<string, { subnetId: string; deleteAt?: number }>();
  const subnets: Record<string, { subnetId: string; vpcId: string; availabilityZone: string }> = {
    'subnet-a': { subnetId: 'subnet-a', vpcId: 'vpc-1', availabilityZone: 'ap-northeast-1a' },
    'subnet-c': { subnetId: 'subnet-c', vpcId: 'vpc-1', availabilityZone: 'ap-northeast-1c' },
    'subnet-a2': { subnetId: 'subnet-a2', vpcId: 'vpc-1', availabilityZone: 'ap-northeast-1a' },
  };
  let eniCounter = 0;
  const ec2: Ec2Port = {
    getSubnet: (id) => subnets[id],
    getSecurityGroup: (id) => (id === 'sg-db' ? { groupId: id, vpcId: 'vpc-1' } : undefined),
    createNetworkInterface: (req) => {
      const id = `eni-${++eniCounter}`;
      enis.set(id, { subnetId: req.subnetId });
      return id;
    },
    deleteNetworkInterface: (id, opts) => {
      const eni = enis.get(id);
      if (eni) eni.deleteAt = now + (opts?.afterMs ?? 0);
    },
  };
  const env: RdsEnv = {
    now: () => now,
    region: 'ap-northeast-1',
    accountId: '123456789012',
    durations: {
      dbCreate: 8 * min,
      dbCreateMultiAz: 12 * min,
      dbModifyMultiAz: 15 * min,
      dbRebootFailover: 90_000,
      dbReboot: 60_000,
      dbDelete: 6 * min,
      dbStop: 4 * min,
      dbStart: 7 * min,
      dbMaxStopped: 7 * 24 * 60 * min,
    },
    ec2,
    account: rdsAccountOf(new AccountSettings(), ['ap-northeast-1a', 'ap-northeast-1c']),
  };
  return { env, enis, advance: (ms: number) => (now += ms) };
}

const dbInput = (over: Partial<CreateDbInstanceInput> = {}): CreateDbInstanceInput => ({
  id: 'Site-DB',
  engine: 'mysql',
  instanceClass: 'db.t4g.micro',
  allocatedStorage: 20,
  masterUsername: 'admin',
  masterUserPassword: 'correct-horse-battery',
  dbName: 'wordpress',
  subnetGroupName: 'site-db-subnets',
  vpcSecurityGroupIds: ['sg-db'],
  tags: [],
  ...over,
});

function setup() {
  const f = fakeEnv();
  const model = new RdsModel(f.env);
  model.createSubnetGroup({
    name: 'site-db-subnets',
    description: 'db',
    subnetIds: ['subnet-a', 'subnet-c'],
    tags: [],
  });
  return { ...f, model };
}

describe('RdsModel', () => {
  it('requires a subnet group covering two AZs', () => {
    const { model } = setup();
    expect(() =>
      model.createSubnetGroup({
        name: 'one-az',
        description: 'x',
        subnetIds: ['subnet-a', 'subnet-a2'],
        tags: [],
      }),
    ).toThrow(expect.objectContaining({ code: 'DBSubnetGroupDoesNotCoverEnoughAZs' }));
  });

  it('creates an instance that becomes available after dbCreate, lower-casing its identifier', () => {
    const { model, advance } = setup();
    const db = model.createInstance(dbInput());
    expect(db.id).toBe('site-db');
    expect(statusOf(db)).toBe('creating');
    advance(8 * min - 1);
    expect(statusOf(model.getInstance('SITE-DB'))).toBe('creating');
    advance(1);
    expect(statusOf(model.getInstance('site-db'))).toBe('available');
    expect(db.endpointAddress).toMatch(/^site-db\.[a-z0-9]{12}\.ap-northeast-1\.rds\.amazonaws\.com$/);
  });

  it('converts to Multi-AZ with ApplyImmediately, and only marks it pending without', () => {
    const { model, advance } = setup();
    model.createInstance(dbInput());
    advance(8 * min);
    model.modifyInstance('site-db', { multiAz: true });
    expect(model.getInstance('site-db').pending.multiAz).toBe(true);
    expect(model.getInstance('site-db').multiAz).toBe(false);
    const db = model.modifyInstance('site-db', { multiAz: true, applyImmediately: true });
    expect(statusOf(db)).toBe('modifying');
    expect(db.pending.multiAz).toBeUndefined();
    advance(15 * min);
    const done = model.getInstance('site-db');
    expect(statusOf(done)).toBe('available');
    expect(done.multiAz).toBe(true);
    expect(done.secondaryAvailabilityZone).toBe('ap-northeast-1c');
  });

  it('rejects a request that changes nothing', () => {
    const { model, advance } = setup();
    model.createInstance(dbInput());
    advance(8 * min);
    expect(() => model.modifyInstance('site-db', { multiAz: false })).toThrow(
      expect.objectContaining({
        code: 'InvalidParameterCombination',
        message: 'No modifications were requested',
      }),
    );
  });

  it('swaps the primary and standby AZs on a reboot with failover', () => {
    const { model, advance } = setup();
    model.createInstance(dbInput({ multiAz: true }));
    advance(12 * min);
    const before = model.getInstance('site-db');
    expect([before.availabilityZone, before.secondaryAvailabilityZone]).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
    ]);
    model.rebootInstance('site-db', true);
    expect(statusOf(model.getInstance('site-db'))).toBe('rebooting');
    advance(90_000);
    const after = model.getInstance('site-db');
    expect(statusOf(after)).toBe('available');
    expect([after.availabilityZone, after.secondaryAvailabilityZone]).toEqual([
      'ap-northeast-1c',
      'ap-northeast-1a',
    ]);
  });

  it('schedules its ENIs to go when the deletion completes, then forgets the instance', () => {
    const { model, advance, enis } = setup();
    const db = model.createInstance(dbInput());
    advance(8 * min);
    model.deleteInstance('site-db', { skipFinalSnapshot: true });
    expect(enis.get(db.primaryEni)?.deleteAt).toBeDefined();
    advance(6 * min);
    expect(() => model.getInstance('site-db')).toThrow(
      expect.objectContaining({ code: 'DBInstanceNotFound' }),
    );
  });

  it('keeps a final snapshot when asked for one', () => {
    const { model, advance } = setup();
    model.createInstance(dbInput());
    advance(8 * min);
    model.deleteInstance('site-db', { finalSnapshotId: 'site-db-final' });
    expect(model.listSnapshots().map((s) => s.id)).toEqual(['site-db-final']);
  });
  it('refuses a stop snapshot past the 100 manual snapshots a region holds: SnapshotQuotaExceeded', () => {
    const { model, advance, env } = setup();
    model.createInstance(dbInput());
    advance(8 * min);
    for (let i = 0; i < 100; i++) {
      model.stopInstance('site-db', `snap-${i}`);
      advance(env.durations.dbStop);
      model.startInstance('site-db');
      advance(env.durations.dbStart);
    }
    expect(() => model.stopInstance('site-db', 'snap-100')).toThrow(
      expect.objectContaining({ code: 'SnapshotQuotaExceeded' }),
    );
    expect(statusOf(model.getInstance('site-db'))).toBe('available');
    model.deleteSnapshot('snap-0');
    model.stopInstance('site-db', 'snap-100');
    expect(statusOf(model.getInstance('site-db'))).toBe('stopping');
  });
});
