/**
 * RDS adapter: DB subnet groups and DB instances by their deterministic identifiers, and the
 * readiness checks a Multi-AZ conversion needs (the plain "available" waiter returns too early
 * after a modify: the instance is still `available` before it turns `modifying`).
 */
import { say } from '../i18n/said';
import {
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  DescribeDBSubnetGroupsCommand,
  ModifyDBInstanceCommand,
  type DBInstance,
  type DBSubnetGroup,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { isNotFound } from './errors';
import { failure, retry, success, type Readiness } from './readiness';
import type { Tag } from './tags';

export interface CreateDbInstanceInput {
  identifier: string;
  instanceClass: string;
  engineVersion: string;
  dbName: string;
  masterUsername: string;
  /** Passed straight to the API; never stored or logged by sitebot. */
  masterPassword: string;
  subnetGroupName: string;
  securityGroupIds: string[];
  multiAz: boolean;
  /** Only for single-AZ (RDS rejects an AZ together with MultiAZ). */
  availabilityZone?: string;
  allocatedStorageGb: number;
  tags: Tag[];
}

export class RdsAdapter {
  constructor(readonly client: RDSClient) {}

  async findDbSubnetGroup(name: string): Promise<DBSubnetGroup | undefined> {
    try {
      const out = await this.client.send(new DescribeDBSubnetGroupsCommand({ DBSubnetGroupName: name }));
      return out.DBSubnetGroups?.[0];
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async createDbSubnetGroup(
    name: string,
    description: string,
    subnetIds: string[],
    tags: Tag[],
  ): Promise<DBSubnetGroup> {
    const out = await this.client.send(
      new CreateDBSubnetGroupCommand({
        DBSubnetGroupName: name,
        DBSubnetGroupDescription: description,
        SubnetIds: subnetIds,
        Tags: tags,
      }),
    );
    return out.DBSubnetGroup!;
  }

  async findDbInstance(identifier: string): Promise<DBInstance | undefined> {
    try {
      const out = await this.client.send(
        new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }),
      );
      return out.DBInstances?.[0];
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async createDbInstance(input: CreateDbInstanceInput): Promise<DBInstance> {
    const out = await this.client.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: input.identifier,
        DBInstanceClass: input.instanceClass,
        Engine: 'mysql',
        EngineVersion: input.engineVersion,
        DBName: input.dbName,
        MasterUsername: input.masterUsername,
        MasterUserPassword: input.masterPassword,
        DBSubnetGroupName: input.subnetGroupName,
        VpcSecurityGroupIds: input.securityGroupIds,
        PubliclyAccessible: false,
        MultiAZ: input.multiAz,
        AvailabilityZone: input.multiAz ? undefined : input.availabilityZone,
        AllocatedStorage: input.allocatedStorageGb,
        StorageType: 'gp3',
        // Automated backups off, as in the hands-on (allowed for Multi-AZ DB instances; only DB clusters need ≥ 1).
        BackupRetentionPeriod: 0,
        CopyTagsToSnapshot: true,
        Tags: input.tags,
      }),
    );
    return out.DBInstance!;
  }

  async convertToMultiAz(identifier: string): Promise<DBInstance> {
    const out = await this.client.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: identifier,
        MultiAZ: true,
        ApplyImmediately: true,
      }),
    );
    return out.DBInstance!;
  }
}

export function dbAvailable(db: DBInstance | undefined): Readiness<DBInstance> {
  const status = db?.DBInstanceStatus;
  if (!db || !status) return retry(say('work.notVisible', { what: 'db' }));
  if (status === 'available' && db.Endpoint?.Address) return success('available', db);
  if (
    [
      'failed',
      'incompatible-parameters',
      'incompatible-network',
      'incompatible-restore',
      'storage-full',
    ].includes(status)
  ) {
    return failure(say('work.isInState', { what: 'db', state: status }));
  }
  if (status === 'deleting') return failure(say('work.beingDeleted', { what: 'db' }));
  return retry(status);
}

function hasPendingChanges(db: DBInstance): boolean {
  const pending = db.PendingModifiedValues ?? {};
  return Object.values(pending).some((v) => v !== undefined && v !== null);
}

/**
 * After ModifyDBInstance(MultiAZ, ApplyImmediately): done only once the instance is
 * `available`, reports MultiAZ=true and has no pending modified values.
 */
export function multiAzInService(db: DBInstance | undefined): Readiness<DBInstance> {
  const base = dbAvailable(db);
  if (base.state !== 'SUCCESS') return base;
  const d = db!;
  if (d.MultiAZ === true && !hasPendingChanges(d)) return success('multi-az', d);
  return retry(say(d.MultiAZ ? 'work.multiAzPending' : 'work.multiAzNotYet'));
}
