import {
  CreateDBInstanceCommand,
  DescribeDBInstancesCommand,
  ModifyDBInstanceCommand,
  RDSClient,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { dbAvailable, multiAzInService, RdsAdapter } from '../../../src/aws/rds';

const rdsMock = mockClient(RDSClient);
const rds = new RdsAdapter(new RDSClient({ region: 'ap-northeast-1' }));
const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });

beforeEach(() => rdsMock.reset());

test('findDbInstance: DBInstanceNotFound means none', async () => {
  rdsMock.on(DescribeDBInstancesCommand).rejects(awsError('DBInstanceNotFound'));
  expect(await rds.findDbInstance('demo-db')).toBeUndefined();
  rdsMock.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied'));
  await expect(rds.findDbInstance('demo-db')).rejects.toThrow('AccessDenied');
});

const base = {
  identifier: 'demo-db',
  instanceClass: 'db.t4g.micro',
  engineVersion: '8.4',
  dbName: 'wordpress',
  masterUsername: 'admin',
  masterPassword: 'pw',
  subnetGroupName: 'demo-db-subnets',
  securityGroupIds: ['sg-db'],
  availabilityZone: 'ap-northeast-1a',
  allocatedStorageGb: 20,
  tags: [],
};

test('createDbInstance: private, backups off; Multi-AZ without an AZ, single-AZ pinned to AZ a', async () => {
  rdsMock.on(CreateDBInstanceCommand).resolves({ DBInstance: { DBInstanceIdentifier: 'demo-db' } });
  await rds.createDbInstance({ ...base, multiAz: true });
  await rds.createDbInstance({ ...base, multiAz: false });
  const [multi, single] = rdsMock.commandCalls(CreateDBInstanceCommand).map((c) => c.args[0].input);
  expect(multi).toMatchObject({
    Engine: 'mysql',
    EngineVersion: '8.4',
    PubliclyAccessible: false,
    BackupRetentionPeriod: 0,
    MultiAZ: true,
    MasterUsername: 'admin',
    DBName: 'wordpress',
  });
  expect(multi.AvailabilityZone).toBeUndefined();
  expect(single).toMatchObject({ MultiAZ: false, AvailabilityZone: 'ap-northeast-1a' });
});

test('convertToMultiAz applies immediately', async () => {
  rdsMock.on(ModifyDBInstanceCommand).resolves({ DBInstance: {} });
  await rds.convertToMultiAz('demo-db');
  expect(rdsMock.commandCalls(ModifyDBInstanceCommand)[0].args[0].input).toEqual({
    DBInstanceIdentifier: 'demo-db',
    MultiAZ: true,
    ApplyImmediately: true,
  });
});

const db = (over: Partial<DBInstance>): DBInstance => ({
  DBInstanceStatus: 'available',
  Endpoint: { Address: 'demo-db.x.rds.amazonaws.com', Port: 3306 },
  ...over,
});

test('dbAvailable waits for available with an endpoint, fails on terminal states', () => {
  expect(dbAvailable(db({ DBInstanceStatus: 'creating', Endpoint: undefined })).state).toBe('RETRY');
  expect(dbAvailable(db({ Endpoint: undefined })).state).toBe('RETRY');
  expect(dbAvailable(db({})).state).toBe('SUCCESS');
  expect(dbAvailable(db({ DBInstanceStatus: 'incompatible-network' })).state).toBe('FAILURE');
  expect(dbAvailable(undefined).state).toBe('RETRY');
});

test('multiAzInService: not done while `available` with the change still pending', () => {
  expect(multiAzInService(db({ MultiAZ: false, PendingModifiedValues: { MultiAZ: true } })).state).toBe(
    'RETRY',
  );
  expect(multiAzInService(db({ DBInstanceStatus: 'modifying', MultiAZ: true })).state).toBe('RETRY');
  expect(multiAzInService(db({ MultiAZ: true, PendingModifiedValues: { MultiAZ: true } })).state).toBe(
    'RETRY',
  );
  expect(multiAzInService(db({ MultiAZ: true, PendingModifiedValues: {} })).state).toBe('SUCCESS');
});
