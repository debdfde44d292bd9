/** CreateDBInstance's validation and placement rules, turned into a new DbInstance record. */
import { randomUUID } from 'crypto';
import {
  checkEngine,
  checkInstanceClass,
  resolveMysqlVersion,
  unsupportedCombination,
} from './engine-catalog';
import { rdsErrors } from './errors';
import { checkIdentifier, endpointHost, rdsArn, randomBase32 } from './names';
import type { RdsEnv } from './ports';
import type { DbInstance, DbSubnetGroup, Tag } from './types';

export interface CreateDbInstanceInput {
  id?: string;
  engine?: string;
  engineVersion?: string;
  instanceClass?: string;
  allocatedStorage?: number;
  storageType?: string;
  masterUsername?: string;
  masterUserPassword?: string;
  manageMasterUserPassword?: boolean;
  dbName?: string;
  port?: number;
  subnetGroupName?: string;
  vpcSecurityGroupIds: string[];
  availabilityZone?: string;
  multiAz?: boolean;
  publiclyAccessible?: boolean;
  backupRetentionPeriod?: number;
  deletionProtection?: boolean;
  autoMinorVersionUpgrade?: boolean;
  tags: Tag[];
}

const MASTER_USERNAME = /^[a-zA-Z][a-zA-Z0-9_]{0,15}$/;

function checkPassword(input: CreateDbInstanceInput): void {
  if (input.manageMasterUserPassword && input.masterUserPassword !== undefined) {
    throw rdsErrors.invalidParameterCombination(
      'Specify either ManageMasterUserPassword or MasterUserPassword, not both.',
    );
  }
  if (input.manageMasterUserPassword) return;
  const password = input.masterUserPassword;
  if (password === undefined || password === '') {
    throw rdsErrors.invalidParameterValue(
      'The parameter MasterUserPassword must be provided and must not be blank.',
    );
  }
  if (password.length < 8 || password.length > 41) {
    throw rdsErrors.invalidParameterValue(
      'The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters or longer than 41.',
    );
  }
  if (/[/"@ ]/.test(password)) {
    throw rdsErrors.invalidParameterValue(
      "The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.",
    );
  }
}

function checkSecurityGroups(env: RdsEnv, ids: string[], vpcId: string): void {
  for (const id of ids) {
    const group = env.ec2.getSecurityGroup(id);
    if (!group) throw rdsErrors.invalidParameterValue(`Invalid security group , groupId= ${id}, groupName=.`);
    if (group.vpcId !== vpcId) {
      throw rdsErrors.invalidParameterCombination(
        'The DB instance and EC2 security group are in different VPCs. The DB instance is in ' +
          `${vpcId} and the EC2 security group is in ${group.vpcId}`,
      );
    }
  }
}

/** Picks the primary (and standby) AZ the way RDS does: as asked, else the group's first AZs. */
function placeInstance(
  group: DbSubnetGroup,
  input: CreateDbInstanceInput,
): { primary: string; standby?: string } {
  const zones = [...new Set(group.subnets.map((s) => s.availabilityZone))].sort();
  if (input.multiAz && input.availabilityZone) {
    throw rdsErrors.invalidParameterCombination(
      'Requesting a specific availability zone is not valid for Multi-AZ instances.',
    );
  }
  if (input.availabilityZone && !zones.includes(input.availabilityZone)) {
    throw rdsErrors.invalidParameterCombination(
      `No subnets in DB subnet group ${group.name} are in availability zone ${input.availabilityZone}.`,
    );
  }
  const primary = input.availabilityZone ?? zones[0];
  return { primary, standby: input.multiAz ? zones.find((z) => z !== primary) : undefined };
}

export function subnetIn(group: DbSubnetGroup, az: string): string {
  const subnet = group.subnets.find((s) => s.availabilityZone === az);
  if (!subnet) throw new Error(`subnet group ${group.name} has no subnet in ${az}`);
  return subnet.subnetId;
}

export interface NewInstance {
  db: DbInstance;
  /** The generated master password when RDS manages it (kept in Secrets Manager). */
  managedPassword?: string;
}

export function buildInstance(
  env: RdsEnv,
  group: DbSubnetGroup,
  input: CreateDbInstanceInput,
  endpointSuffix: string,
): NewInstance {
  const id = checkIdentifier('DBInstanceIdentifier', input.id);
  checkEngine(input.engine);
  const engineVersion = resolveMysqlVersion(input.engineVersion);
  const instanceClass = checkInstanceClass(input.instanceClass, engineVersion);
  if (input.masterUsername === undefined || input.masterUsername === '') {
    throw rdsErrors.invalidParameterValue(
      'The parameter MasterUsername must be provided and must not be blank.',
    );
  }
  if (!MASTER_USERNAME.test(input.masterUsername)) {
    throw rdsErrors.invalidParameterValue(
      'MasterUsername must begin with a letter and contain 1 to 16 alphanumeric characters.',
    );
  }
  checkPassword(input);
  const allocatedStorage = input.allocatedStorage;
  if (allocatedStorage === undefined || allocatedStorage < 20 || allocatedStorage > 65536) {
    throw rdsErrors.invalidParameterValue(
      `Invalid storage size for engine name mysql and storage type gp2: ${allocatedStorage ?? 0}`,
    );
  }
  const retention = input.backupRetentionPeriod ?? 1;
  if (retention < 0 || retention > 35) {
    throw rdsErrors.invalidParameterValue('The parameter BackupRetentionPeriod must be between 0 and 35.');
  }
  if (input.dbName !== undefined && !/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(input.dbName)) {
    throw rdsErrors.invalidParameterValue(
      'The parameter DBName must begin with a letter and contain only alphanumeric characters.',
    );
  }
  checkSecurityGroups(env, input.vpcSecurityGroupIds, group.vpcId);
  const zones = placeInstance(group, input);
  for (const az of [zones.primary, zones.standby]) {
    if (az && !env.account.orderable(instanceClass, engineVersion, az))
      throw unsupportedCombination(instanceClass, engineVersion, az);
  }
  const now = env.now();
  const multiAz = input.multiAz ?? false;
  const publiclyAccessible = input.publiclyAccessible ?? false;
  const eni = (az: string) =>
    env.ec2.createNetworkInterface({
      subnetId: subnetIn(group, az),
      groupIds: input.vpcSecurityGroupIds,
      description: 'RDSNetworkInterface',
      requesterManaged: true,
      associatePublicIp: publiclyAccessible,
    });
  const db: DbInstance = {
    id,
    arn: rdsArn(env.region, env.accountId, 'db', id),
    resourceId: `db-${randomBase32(26)}`,
    engine: 'mysql',
    engineVersion,
    instanceClass,
    allocatedStorage,
    storageType: input.storageType ?? 'gp2',
    masterUsername: input.masterUsername,
    dbName: input.dbName,
    port: input.port ?? 3306,
    subnetGroupName: group.name,
    vpcSecurityGroupIds: input.vpcSecurityGroupIds,
    multiAz,
    availabilityZone: zones.primary,
    secondaryAvailabilityZone: zones.standby,
    publiclyAccessible,
    backupRetentionPeriod: retention,
    deletionProtection: input.deletionProtection ?? false,
    autoMinorVersionUpgrade: input.autoMinorVersionUpgrade ?? true,
    tags: input.tags,
    createdAt: now,
    endpointAddress: endpointHost(id, endpointSuffix, env.region),
    pending: {},
    op: { kind: 'create', endsAt: now + (multiAz ? env.durations.dbCreateMultiAz : env.durations.dbCreate) },
    primaryEni: eni(zones.primary),
    standbyEni: zones.standby ? eni(zones.standby) : undefined,
  };
  if (!input.manageMasterUserPassword) return { db };
  return { db, managedPassword: randomUUID().replace(/-/g, '') };
}
