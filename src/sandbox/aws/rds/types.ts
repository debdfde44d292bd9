/** The RDS model's records. Timestamps are virtual epoch milliseconds. */

export interface Tag {
  Key: string;
  Value: string;
}

export interface DbSubnetGroup {
  name: string;
  arn: string;
  description: string;
  vpcId: string;
  subnets: { subnetId: string; availabilityZone: string }[];
  tags: Tag[];
}

/**
 * A long-running change in progress. State is lazy: nothing happens when `endsAt` passes;
 * the next read settles it (applies the effect and clears the operation).
 */
export type DbOperation =
  | { kind: 'create'; endsAt: number }
  | { kind: 'modify-multi-az'; endsAt: number; multiAz: boolean }
  | { kind: 'reboot'; endsAt: number; failover: boolean }
  | { kind: 'delete'; endsAt: number }
  | { kind: 'stop'; endsAt: number }
  /** `auto`: RDS started it by itself after the longest a DB instance may stay stopped. */
  | { kind: 'start'; endsAt: number; auto: boolean };

export interface DbInstance {
  id: string;
  arn: string;
  resourceId: string;
  engine: 'mysql';
  engineVersion: string;
  instanceClass: string;
  allocatedStorage: number;
  storageType: string;
  masterUsername: string;
  dbName?: string;
  port: number;
  subnetGroupName: string;
  vpcSecurityGroupIds: string[];
  multiAz: boolean;
  availabilityZone: string;
  secondaryAvailabilityZone?: string;
  publiclyAccessible: boolean;
  backupRetentionPeriod: number;
  deletionProtection: boolean;
  autoMinorVersionUpgrade: boolean;
  masterUserSecretArn?: string;
  tags: Tag[];
  createdAt: number;
  endpointAddress: string;
  /** Changes asked for without ApplyImmediately: they wait for a maintenance window. */
  pending: { multiAz?: boolean };
  op?: DbOperation;
  /** Set while the instance is stopped (when it got there); see power.ts. */
  stoppedAt?: number;
  /** When RDS last started it by itself (7 days stopped), for the admin view. */
  autoStartedAt?: number;
  /** ENIs RDS placed in the subnet group: the primary's and, when Multi-AZ, the standby's. */
  primaryEni: string;
  standbyEni?: string;
}

export type DbStatus =
  'creating' | 'available' | 'modifying' | 'rebooting' | 'deleting' | 'stopping' | 'stopped' | 'starting';

export function statusOf(db: DbInstance): DbStatus {
  switch (db.op?.kind) {
    case undefined:
      return db.stoppedAt === undefined ? 'available' : 'stopped';
    case 'create':
      return 'creating';
    case 'modify-multi-az':
      return 'modifying';
    case 'reboot':
      return 'rebooting';
    case 'delete':
      return 'deleting';
    case 'stop':
      return 'stopping';
    case 'start':
      return 'starting';
  }
}

/** Whether the DB endpoint accepts connections in this state (a Multi-AZ conversion keeps it up). */
export function endpointServes(status: DbStatus): boolean {
  return status === 'available' || status === 'modifying';
}

export interface DbSnapshot {
  id: string;
  arn: string;
  instanceId: string;
  engineVersion: string;
  allocatedStorage: number;
  createdAt: number;
  tags: Tag[];
}

export interface AutomatedBackup {
  resourceId: string;
  arn: string;
  instanceId: string;
  createdAt: number;
}
