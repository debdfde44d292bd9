/**
 * Stopping and starting a DB instance (StopDBInstance / StartDBInstance) and RDS's own start
 * of an instance left stopped too long, on the virtual clock. Rules from the RDS User Guide
 * ("Stopping an Amazon RDS DB instance temporarily") and the API reference:
 * - only an `available` instance can be stopped (InvalidDBInstanceState otherwise); Multi-AZ
 *   MySQL may be stopped (only SQL Server Multi-AZ may not; the emulator is MySQL only, and
 *   has no read replicas, which can be neither stopped nor have their source stopped);
 * - `DBSnapshotIdentifier` takes a snapshot first: an existing id is DBSnapshotAlreadyExists,
 *   past the manual-snapshot quota SnapshotQuotaExceeded;
 * - it goes `stopping` → `stopped`; a stopped instance cannot be modified or rebooted (those
 *   already demand `available`) and starts again only through StartDBInstance;
 * - only a `stopped` instance can be started (InvalidDBInstanceState otherwise); without
 *   capacity for its class in its AZ the start fails with InsufficientDBInstanceCapacity;
 * - it goes `starting` → `available`;
 * - after 7 days stopped, RDS starts it by itself (`starting`, then `available`).
 */
import { rdsErrors } from './errors';
import type { RdsEnv } from './ports';
import { statusOf, type DbInstance } from './types';

/** RDS's default quota of manual DB snapshots per region. */
export const MANUAL_SNAPSHOT_QUOTA = 100;

export function beginStop(db: DbInstance, env: RdsEnv): void {
  const status = statusOf(db);
  if (status !== 'available') {
    throw rdsErrors.invalidInstanceState(`Instance ${db.id} is not in available state (it is ${status}).`);
  }
  db.op = { kind: 'stop', endsAt: env.now() + env.durations.dbStop };
}

export function beginStart(db: DbInstance, env: RdsEnv): void {
  const status = statusOf(db);
  if (status !== 'stopped') {
    throw rdsErrors.invalidInstanceState(
      `Instance ${db.id} cannot be started as it is not in stopped state (it is ${status}).`,
    );
  }
  if (env.noCapacity?.(db.instanceClass, db.availabilityZone)) {
    throw rdsErrors.insufficientCapacity(db.instanceClass, db.availabilityZone);
  }
  db.stoppedAt = undefined;
  db.op = { kind: 'start', endsAt: env.now() + env.durations.dbStart, auto: false };
}

/** When RDS will start this stopped instance by itself (undefined unless it is stopped). */
export function autoStartAt(db: DbInstance, env: RdsEnv): number | undefined {
  if (db.op || db.stoppedAt === undefined) return undefined;
  return db.stoppedAt + env.durations.dbMaxStopped;
}

/**
 * Applies what the clock has passed for a stopped instance: at its auto-start time it turns
 * `starting`, from that instant (not from when someone looks). True when something changed.
 */
export function settleAutoStart(db: DbInstance, env: RdsEnv, now: number): boolean {
  const at = autoStartAt(db, env);
  if (at === undefined || now < at) return false;
  db.stoppedAt = undefined;
  db.autoStartedAt = at;
  db.op = { kind: 'start', endsAt: at + env.durations.dbStart, auto: true };
  return true;
}
