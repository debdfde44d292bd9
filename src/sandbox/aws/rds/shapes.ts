/**
 * RDS records → the wire shapes of the RDS API (`DBInstance`, `DBSubnetGroup`, …), with the
 * list member names the SDK's deserializer expects (each list names its members per shape).
 */
import { xmlList } from '../protocol/xml';
import { majorOf } from './engine-catalog';
import { statusOf, type DbInstance, type DbSnapshot, type DbSubnetGroup, type Tag } from './types';

/** Route 53 zone ids RDS endpoints live in (the emulator's regions; others get a stable fake). */
const ENDPOINT_ZONE: Record<string, string> = {
  'ap-northeast-1': 'Z24O6O9L7SGTNB',
  'us-east-1': 'Z2R2ITUGPM61AM',
  'us-west-2': 'Z1PVIF0B656C1W',
  'eu-west-1': 'Z29XKXDKYMONMX',
};

export function tagList(tags: Tag[]) {
  return xmlList(
    'Tag',
    tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  );
}

export function subnetGroupShape(group: DbSubnetGroup) {
  return {
    DBSubnetGroupName: group.name,
    DBSubnetGroupDescription: group.description,
    VpcId: group.vpcId,
    SubnetGroupStatus: 'Complete',
    Subnets: xmlList(
      'Subnet',
      group.subnets.map((s) => ({
        SubnetIdentifier: s.subnetId,
        SubnetAvailabilityZone: { Name: s.availabilityZone },
        SubnetOutpost: {},
        SubnetStatus: 'Active',
      })),
    ),
    DBSubnetGroupArn: group.arn,
    SupportedNetworkTypes: xmlList('member', ['IPV4']),
  };
}

export function instanceShape(db: DbInstance, group: DbSubnetGroup | undefined, region: string) {
  const status = statusOf(db);
  const major = majorOf(db.engineVersion);
  return {
    DBInstanceIdentifier: db.id,
    DBInstanceClass: db.instanceClass,
    Engine: db.engine,
    DBInstanceStatus: status,
    MasterUsername: db.masterUsername,
    DBName: db.dbName,
    // RDS publishes the endpoint once the instance has been created.
    Endpoint:
      status === 'creating'
        ? undefined
        : {
            Address: db.endpointAddress,
            Port: db.port,
            HostedZoneId: ENDPOINT_ZONE[region] ?? 'Z2EMULATOR00001',
          },
    AllocatedStorage: db.allocatedStorage,
    InstanceCreateTime: status === 'creating' ? undefined : new Date(db.createdAt),
    PreferredBackupWindow: '18:00-18:30',
    BackupRetentionPeriod: db.backupRetentionPeriod,
    DBSecurityGroups: xmlList('DBSecurityGroup', []),
    VpcSecurityGroups: xmlList(
      'VpcSecurityGroupMembership',
      db.vpcSecurityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
    ),
    DBParameterGroups: xmlList('DBParameterGroup', [
      { DBParameterGroupName: `default.mysql${major}`, ParameterApplyStatus: 'in-sync' },
    ]),
    AvailabilityZone: db.availabilityZone,
    DBSubnetGroup: group ? subnetGroupShape(group) : undefined,
    PreferredMaintenanceWindow: 'sat:19:00-sat:19:30',
    PendingModifiedValues: { MultiAZ: db.pending.multiAz },
    MultiAZ: db.multiAz,
    EngineVersion: db.engineVersion,
    AutoMinorVersionUpgrade: db.autoMinorVersionUpgrade,
    ReadReplicaDBInstanceIdentifiers: xmlList('ReadReplicaDBInstanceIdentifier', []),
    LicenseModel: 'general-public-license',
    OptionGroupMemberships: xmlList('OptionGroupMembership', [
      { OptionGroupName: `default:mysql-${major.replace('.', '-')}`, Status: 'in-sync' },
    ]),
    SecondaryAvailabilityZone: db.multiAz ? db.secondaryAvailabilityZone : undefined,
    PubliclyAccessible: db.publiclyAccessible,
    StorageType: db.storageType,
    DbInstancePort: 0,
    StorageEncrypted: false,
    DbiResourceId: db.resourceId,
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    DomainMemberships: xmlList('DomainMembership', []),
    CopyTagsToSnapshot: false,
    MonitoringInterval: 0,
    DBInstanceArn: db.arn,
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: db.deletionProtection,
    AssociatedRoles: xmlList('DBInstanceRole', []),
    TagList: tagList(db.tags),
    CustomerOwnedIpEnabled: false,
    BackupTarget: 'region',
    NetworkType: 'IPV4',
    MasterUserSecret: db.masterUserSecretArn
      ? {
          SecretArn: db.masterUserSecretArn,
          SecretStatus: 'active',
          KmsKeyId: `arn:aws:kms:${region}:aws:alias/aws/secretsmanager`,
        }
      : undefined,
    DedicatedLogVolume: false,
    IsStorageConfigUpgradeAvailable: false,
    EngineLifecycleSupport: 'open-source-rds-extended-support',
  };
}

export function snapshotShape(snapshot: DbSnapshot) {
  return {
    DBSnapshotIdentifier: snapshot.id,
    DBInstanceIdentifier: snapshot.instanceId,
    SnapshotCreateTime: new Date(snapshot.createdAt),
    Engine: 'mysql',
    AllocatedStorage: snapshot.allocatedStorage,
    Status: 'available',
    EngineVersion: snapshot.engineVersion,
    SnapshotType: 'manual',
    DBSnapshotArn: snapshot.arn,
    TagList: tagList(snapshot.tags),
  };
}
