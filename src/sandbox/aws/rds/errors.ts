/**
 * RDS errors with the wire codes and HTTP statuses of the RDS API (the `awsQueryError`
 * codes in the SDK's model: e.g. `DBInstanceNotFound` → the SDK's `DBInstanceNotFoundFault`).
 */
import { AwsError } from '../protocol/errors';

export const rdsErrors = {
  instanceNotFound: (id: string) => new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404),
  instanceAlreadyExists: () => new AwsError('DBInstanceAlreadyExists', 'DB instance already exists', 400),
  invalidInstanceState: (message: string) => new AwsError('InvalidDBInstanceState', message, 400),
  subnetGroupNotFound: (name: string) =>
    new AwsError('DBSubnetGroupNotFoundFault', `DB subnet group '${name}' does not exist.`, 404),
  subnetGroupAlreadyExists: (name: string) =>
    new AwsError('DBSubnetGroupAlreadyExists', `The DB subnet group '${name}' already exists.`, 400),
  subnetGroupNotEnoughAzs: () =>
    new AwsError(
      'DBSubnetGroupDoesNotCoverEnoughAZs',
      "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: 1. Add subnets to cover at least 2 AZs.",
      400,
    ),
  subnetGroupInUse: (name: string) =>
    new AwsError(
      'InvalidDBSubnetGroupStateFault',
      `Cannot delete the subnet group '${name}' because at least one database instance: is still using it.`,
      400,
    ),
  invalidSubnet: (message: string) => new AwsError('InvalidSubnet', message, 400),
  invalidParameterValue: (message: string) => new AwsError('InvalidParameterValue', message, 400),
  invalidParameterCombination: (message: string) => new AwsError('InvalidParameterCombination', message, 400),
  missingParameter: (name: string) =>
    new AwsError('MissingParameter', `The request must contain the parameter ${name}`, 400),
  snapshotAlreadyExists: (id: string) =>
    new AwsError(
      'DBSnapshotAlreadyExists',
      `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`,
      400,
    ),
  snapshotQuotaExceeded: () =>
    new AwsError(
      'SnapshotQuotaExceeded',
      'Cannot create more than 100 manual snapshots in this region.',
      400,
    ),
  insufficientCapacity: (instanceClass: string, az: string) =>
    new AwsError(
      'InsufficientDBInstanceCapacity',
      `Cannot start the instance: there is not enough capacity for ${instanceClass} in ${az} right now. Try again later.`,
      400,
    ),
  snapshotNotFound: (id: string) => new AwsError('DBSnapshotNotFound', `DBSnapshot ${id} not found.`, 404),
  // Quota faults: the RDS API reference's descriptions of each.
  instanceQuotaExceeded: (max: number) =>
    new AwsError(
      'InstanceQuotaExceeded',
      `The request would result in the user exceeding the allowed number of DB instances (${max}).`,
      400,
    ),
  subnetGroupQuotaExceeded: (max: number) =>
    new AwsError(
      'DBSubnetGroupQuotaExceeded',
      `The request would result in the user exceeding the allowed number of DB subnet groups (${max}).`,
      400,
    ),
  storageQuotaExceeded: (max: number) =>
    new AwsError(
      'StorageQuotaExceeded',
      `The request would result in the user exceeding the allowed amount of storage available across all DB instances (${max} GiB).`,
      400,
    ),
  automatedBackupNotFound: (id: string) =>
    new AwsError('DBInstanceAutomatedBackupNotFound', `No automated backup found for ${id}.`, 404),
};
