/**
 * The RDS model: DB subnet groups, MySQL DB instances and their lifecycles, final snapshots,
 * retained automated backups, and tags by ARN.
 *
 * State is lazy: a long operation stores when it ends (`op.endsAt`), and every read first
 * settles what the virtual clock has passed. No timers, so a test moves time by advancing
 * the clock, and `npm start` by letting it run.
 */
import { randomUUID } from 'crypto';
import { tagRecord, type ResourceLister, type SandboxResource } from '../world';
import { buildInstance, subnetIn, type CreateDbInstanceInput } from './create-instance';
import { mysqlCatalog } from './engine-catalog';
import { rdsErrors } from './errors';
import { checkIdentifier, rdsArn, randomBase32 } from './names';
import type { RdsEnv } from './ports';
import { beginStart, beginStop, MANUAL_SNAPSHOT_QUOTA, settleAutoStart } from './power';
import { SubnetGroupStore, type CreateSubnetGroupInput } from './subnet-groups';
import {
  statusOf,
  type AutomatedBackup,
  type DbInstance,
  type DbSnapshot,
  type DbSubnetGroup,
  type Tag,
} from './types';

export interface ModifyDbInstanceInput {
  multiAz?: boolean;
  deletionProtection?: boolean;
  backupRetentionPeriod?: number;
  applyImmediately?: boolean;
}

export interface DeleteDbInstanceInput {
  skipFinalSnapshot?: boolean;
  finalSnapshotId?: string;
  deleteAutomatedBackups?: boolean;
}

export class RdsModel implements ResourceLister {
  readonly subnetGroups: SubnetGroupStore;
  private readonly instances = new Map<string, DbInstance>();
  private readonly snapshots = new Map<string, DbSnapshot>();
  private readonly backups = new Map<string, AutomatedBackup>();
  /** The per-account, per-region random label in every endpoint host name. */
  private readonly endpointSuffix = randomBase32(12).toLowerCase();

  constructor(private readonly env: RdsEnv) {
    this.subnetGroups = new SubnetGroupStore(env.ec2, env.region, env.accountId);
  }

  // ---- subnet groups -------------------------------------------------------------------

  createSubnetGroup(input: CreateSubnetGroupInput): DbSubnetGroup {
    const max = this.env.account.quotas().dbSubnetGroups;
    const isNew = input.name !== undefined && !this.subnetGroups.find(input.name);
    if (isNew && this.subnetGroups.list().length >= max) throw rdsErrors.subnetGroupQuotaExceeded(max);
    return this.subnetGroups.create(input);
  }

  deleteSubnetGroup(name: string): void {
    const group = this.subnetGroups.get(name);
    if (this.listInstances().some((db) => db.subnetGroupName === group.name)) {
      throw rdsErrors.subnetGroupInUse(group.name);
    }
    this.subnetGroups.delete(group.name);
  }

  // ---- instances -----------------------------------------------------------------------

  createInstance(input: CreateDbInstanceInput): DbInstance {
    this.settleAll();
    const id = checkIdentifier('DBInstanceIdentifier', input.id);
    if (this.instances.has(id)) throw rdsErrors.instanceAlreadyExists();
    this.checkInstanceQuotas(input.allocatedStorage ?? 0);
    const group = this.subnetGroups.get(input.subnetGroupName ?? 'default');
    const { db, managedPassword } = buildInstance(this.env, group, input, this.endpointSuffix);
    if (managedPassword !== undefined) db.masterUserSecretArn = this.createManagedSecret(db, managedPassword);
    this.instances.set(db.id, db);
    return db;
  }

  /** DBInstances, DBSubnetGroups and AllocatedStorage, used and max, as DescribeAccountAttributes reports them. */
  accountQuotas(): { name: string; used: number; max: number }[] {
    const quotas = this.env.account.quotas();
    const instances = this.listInstances();
    return [
      { name: 'DBInstances', used: instances.length, max: quotas.dbInstances },
      { name: 'DBSubnetGroups', used: this.subnetGroups.list().length, max: quotas.dbSubnetGroups },
      {
        name: 'AllocatedStorage',
        used: instances.reduce((sum, db) => sum + db.allocatedStorage, 0),
        max: quotas.allocatedStorageGb,
      },
    ];
  }

  private checkInstanceQuotas(storageGb: number): void {
    const quota = (name: string) => this.accountQuotas().find((q) => q.name === name)!;
    const instances = quota('DBInstances');
    if (instances.used + 1 > instances.max) throw rdsErrors.instanceQuotaExceeded(instances.max);
    const storage = quota('AllocatedStorage');
    if (storage.used + storageGb > storage.max) throw rdsErrors.storageQuotaExceeded(storage.max);
  }

  /** Every version × class orderable in at least one AZ, with those AZs (DescribeOrderableDBInstanceOptions). */
  orderableOptions(): { engineVersion: string; instanceClass: string; zones: string[] }[] {
    const { account } = this.env;
    return mysqlCatalog()
      .map((o) => ({
        ...o,
        zones: account.zones().filter((az) => account.orderable(o.instanceClass, o.engineVersion, az)),
      }))
      .filter((o) => o.zones.length > 0);
  }

  getInstance(idOrArn: string): DbInstance {
    this.settleAll();
    const id = idOrArn.startsWith('arn:') ? idOrArn.split(':').pop()! : idOrArn;
    const db = this.instances.get(id.toLowerCase());
    if (!db) throw rdsErrors.instanceNotFound(idOrArn);
    return db;
  }

  listInstances(): DbInstance[] {
    this.settleAll();
    return [...this.instances.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The DB instances whose subnet group lives in this VPC (what a site in the VPC talks to). */
  instancesInVpc(vpcId: string): DbInstance[] {
    return this.listInstances().filter((db) => this.subnetGroups.find(db.subnetGroupName)?.vpcId === vpcId);
  }

  modifyInstance(id: string, input: ModifyDbInstanceInput): DbInstance {
    const db = this.getInstance(id);
    if (statusOf(db) !== 'available') {
      throw rdsErrors.invalidInstanceState(`Database instance is not in available state.`);
    }
    // ApplyImmediately also applies what was pending; otherwise the pending value is the baseline.
    const wantedMultiAz = input.multiAz ?? (input.applyImmediately ? db.pending.multiAz : undefined);
    const baseline = input.applyImmediately ? db.multiAz : (db.pending.multiAz ?? db.multiAz);
    const changesMultiAz = wantedMultiAz !== undefined && wantedMultiAz !== baseline;
    const changesProtection =
      input.deletionProtection !== undefined && input.deletionProtection !== db.deletionProtection;
    const changesRetention =
      input.backupRetentionPeriod !== undefined && input.backupRetentionPeriod !== db.backupRetentionPeriod;
    if (!changesMultiAz && !changesProtection && !changesRetention) {
      throw rdsErrors.invalidParameterCombination('No modifications were requested');
    }
    if (changesRetention) {
      const retention = input.backupRetentionPeriod!;
      if (retention < 0 || retention > 35) {
        throw rdsErrors.invalidParameterValue(
          'The parameter BackupRetentionPeriod must be between 0 and 35.',
        );
      }
      db.backupRetentionPeriod = retention;
    }
    if (changesProtection) db.deletionProtection = input.deletionProtection!;
    if (changesMultiAz) this.changeMultiAz(db, wantedMultiAz, input.applyImmediately ?? false);
    return db;
  }

  /** Without ApplyImmediately the change waits for a maintenance window, which the emulator never reaches. */
  private changeMultiAz(db: DbInstance, multiAz: boolean, applyImmediately: boolean): void {
    if (!applyImmediately) {
      if (multiAz === db.multiAz) delete db.pending.multiAz;
      else db.pending.multiAz = multiAz;
      return;
    }
    delete db.pending.multiAz;
    if (multiAz === db.multiAz) return;
    db.op = { kind: 'modify-multi-az', endsAt: this.env.now() + this.env.durations.dbModifyMultiAz, multiAz };
    if (multiAz) {
      const group = this.subnetGroups.get(db.subnetGroupName);
      const standbyAz = group.subnets
        .map((s) => s.availabilityZone)
        .find((az) => az !== db.availabilityZone)!;
      db.secondaryAvailabilityZone = standbyAz;
      db.standbyEni = this.env.ec2.createNetworkInterface({
        subnetId: subnetIn(group, standbyAz),
        groupIds: db.vpcSecurityGroupIds,
        description: 'RDSNetworkInterface',
        requesterManaged: true,
        associatePublicIp: db.publiclyAccessible,
      });
    }
  }

  rebootInstance(id: string, forceFailover: boolean): DbInstance {
    const db = this.getInstance(id);
    if (statusOf(db) !== 'available') {
      throw rdsErrors.invalidInstanceState(`DB instance ${db.id} is not in available state.`);
    }
    if (forceFailover && !db.multiAz) {
      throw rdsErrors.invalidParameterCombination(
        `Cannot perform a failover on DB instance ${db.id} because it is not a Multi-AZ DB instance.`,
      );
    }
    const d = this.env.durations;
    db.op = {
      kind: 'reboot',
      failover: forceFailover,
      endsAt: this.env.now() + (forceFailover ? d.dbRebootFailover : d.dbReboot),
    };
    return db;
  }

  /** StopDBInstance (rules in power.ts), after the snapshot asked for, if any. */
  stopInstance(id: string, snapshotId?: string): DbInstance {
    const db = this.getInstance(id);
    if (snapshotId !== undefined && statusOf(db) === 'available') this.takeSnapshot(db, snapshotId);
    beginStop(db, this.env);
    return db;
  }

  startInstance(id: string): DbInstance {
    const db = this.getInstance(id);
    beginStart(db, this.env);
    return db;
  }

  deleteInstance(id: string, input: DeleteDbInstanceInput): DbInstance {
    const db = this.getInstance(id);
    const status = statusOf(db);
    if (status === 'deleting') throw rdsErrors.invalidInstanceState('Instance is already being deleted.');
    // A stopped instance can be deleted; one on its way down or up cannot.
    if (status === 'stopping' || status === 'starting') {
      throw rdsErrors.invalidInstanceState(`Instance ${db.id} is ${status}; try again once it is not.`);
    }
    if (input.skipFinalSnapshot && input.finalSnapshotId !== undefined) {
      throw rdsErrors.invalidParameterCombination(
        'Cannot specify a final DB snapshot identifier when SkipFinalSnapshot is set to true.',
      );
    }
    if (!input.skipFinalSnapshot && input.finalSnapshotId === undefined) {
      throw rdsErrors.invalidParameterCombination(
        'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.',
      );
    }
    if (db.deletionProtection) {
      throw rdsErrors.invalidParameterCombination(
        'Cannot delete protected DB Instance, please disable deletion protection and try again.',
      );
    }
    if (input.finalSnapshotId !== undefined) this.takeFinalSnapshot(db, status, input.finalSnapshotId);
    const endsAt = this.env.now() + this.env.durations.dbDelete;
    db.op = { kind: 'delete', endsAt };
    // The ENIs go when the deletion completes; scheduling them now keeps EC2 right even if nobody reads RDS.
    for (const eni of [db.primaryEni, db.standbyEni]) {
      if (eni) this.env.ec2.deleteNetworkInterface(eni, { afterMs: this.env.durations.dbDelete });
    }
    if (input.deleteAutomatedBackups === false && db.backupRetentionPeriod > 0) {
      this.backups.set(db.resourceId, {
        resourceId: db.resourceId,
        arn: rdsArn(
          this.env.region,
          this.env.accountId,
          'auto-backup',
          `ab-${randomBase32(26).toLowerCase()}`,
        ),
        instanceId: db.id,
        createdAt: this.env.now(),
      });
    }
    return db;
  }

  private takeFinalSnapshot(db: DbInstance, status: string, snapshotId: string): void {
    if (status !== 'available') {
      throw rdsErrors.invalidInstanceState(
        `Instance ${db.id} is currently ${status} - a final snapshot cannot be taken.`,
      );
    }
    this.takeSnapshot(db, snapshotId, 'FinalDBSnapshotIdentifier');
  }

  private takeSnapshot(db: DbInstance, snapshotId: string, parameter = 'DBSnapshotIdentifier'): void {
    const id = checkIdentifier(parameter, snapshotId);
    if (this.snapshots.has(id)) throw rdsErrors.snapshotAlreadyExists(id);
    if (this.snapshots.size >= MANUAL_SNAPSHOT_QUOTA) throw rdsErrors.snapshotQuotaExceeded();
    this.snapshots.set(id, {
      id,
      arn: rdsArn(this.env.region, this.env.accountId, 'snapshot', id),
      instanceId: db.id,
      engineVersion: db.engineVersion,
      allocatedStorage: db.allocatedStorage,
      createdAt: this.env.now(),
      tags: [...db.tags],
    });
  }

  listSnapshots(): DbSnapshot[] {
    return [...this.snapshots.values()];
  }

  deleteSnapshot(id: string): DbSnapshot {
    const snapshot = this.snapshots.get(id.toLowerCase());
    if (!snapshot) throw rdsErrors.snapshotNotFound(id);
    this.snapshots.delete(snapshot.id);
    return snapshot;
  }

  deleteAutomatedBackup(resourceId: string): AutomatedBackup {
    const backup = this.backups.get(resourceId);
    if (!backup) throw rdsErrors.automatedBackupNotFound(resourceId);
    this.backups.delete(resourceId);
    return backup;
  }

  // ---- tags ----------------------------------------------------------------------------

  private taggable(arn: string): { tags: Tag[] } {
    const parts = arn.split(':');
    const [kind, id] = [parts[5], parts.slice(6).join(':')];
    if (parts[0] !== 'arn' || parts[2] !== 'rds' || !id) {
      throw rdsErrors.invalidParameterValue(`Invalid resource name: ${arn}`);
    }
    if (kind === 'db') return this.getInstance(id);
    if (kind === 'subgrp') return this.subnetGroups.get(id);
    if (kind === 'snapshot') {
      const snapshot = this.snapshots.get(id);
      if (!snapshot) throw rdsErrors.snapshotNotFound(id);
      return snapshot;
    }
    throw rdsErrors.invalidParameterValue(`Invalid resource name: ${arn}`);
  }

  listTags(arn: string): Tag[] {
    return this.taggable(arn).tags;
  }

  addTags(arn: string, tags: Tag[]): void {
    const target = this.taggable(arn);
    for (const tag of tags) {
      target.tags = [...target.tags.filter((t) => t.Key !== tag.Key), tag];
    }
  }

  removeTags(arn: string, keys: string[]): void {
    const target = this.taggable(arn);
    target.tags = target.tags.filter((t) => !keys.includes(t.Key));
  }

  // ---- lifecycle -----------------------------------------------------------------------

  /** Applies every transition the clock has passed, in order (a stop, then RDS's own start 7 days on, …). */
  private settleAll(): void {
    const now = this.env.now();
    for (const db of [...this.instances.values()]) {
      for (;;) {
        if (db.op && now >= db.op.endsAt) this.complete(db);
        else if (!settleAutoStart(db, this.env, now)) break;
      }
    }
  }

  private complete(db: DbInstance): void {
    const op = db.op!;
    db.op = undefined;
    switch (op.kind) {
      case 'create':
        return;
      case 'modify-multi-az':
        db.multiAz = op.multiAz;
        if (!op.multiAz) {
          if (db.standbyEni) this.env.ec2.deleteNetworkInterface(db.standbyEni);
          db.standbyEni = undefined;
          db.secondaryAvailabilityZone = undefined;
        }
        return;
      case 'reboot':
        if (op.failover && db.secondaryAvailabilityZone && db.standbyEni) {
          [db.availabilityZone, db.secondaryAvailabilityZone] = [
            db.secondaryAvailabilityZone,
            db.availabilityZone,
          ];
          [db.primaryEni, db.standbyEni] = [db.standbyEni, db.primaryEni];
        }
        return;
      case 'delete':
        this.instances.delete(db.id);
        if (db.masterUserSecretArn) this.env.secrets?.deleteManagedSecret(db.masterUserSecretArn);
        return;
      case 'stop':
        db.stoppedAt = op.endsAt;
        return;
      case 'start':
        return;
    }
  }

  private createManagedSecret(db: DbInstance, password: string): string {
    const name = `rds!db-${randomUUID()}`;
    const secret = JSON.stringify({ username: db.masterUsername, password });
    const tags = { 'aws:rds:primaryDBInstanceArn': db.arn };
    if (this.env.secrets) return this.env.secrets.createManagedSecret(name, secret, tags);
    return `arn:aws:secretsmanager:${this.env.region}:${this.env.accountId}:secret:${name}-${randomBase32(6)}`;
  }

  listResources(): SandboxResource[] {
    return [
      ...this.subnetGroups.list().map((g) => ({
        service: 'rds',
        type: 'db-subnet-group',
        id: g.name,
        state: 'Complete',
        tags: tagRecord(g.tags),
        details: { vpcId: g.vpcId },
      })),
      ...this.listInstances().map((db) => ({
        service: 'rds',
        type: 'db-instance',
        id: db.id,
        state: statusOf(db),
        tags: tagRecord(db.tags),
        details: {
          multiAz: db.multiAz,
          availabilityZone: db.availabilityZone,
          endpoint: db.endpointAddress,
          ...(db.autoStartedAt !== undefined ? { autoStartedAt: db.autoStartedAt } : {}),
        },
      })),
      ...this.listSnapshots().map((s) => ({
        service: 'rds',
        type: 'db-snapshot',
        id: s.id,
        state: 'available',
        tags: tagRecord(s.tags),
      })),
      ...[...this.backups.values()].map((b) => ({
        service: 'rds',
        type: 'db-automated-backup',
        id: b.resourceId,
        state: 'retained',
        tags: {},
      })),
    ];
  }

  reset(): void {
    this.instances.clear();
    this.snapshots.clear();
    this.backups.clear();
    this.subnetGroups.reset();
  }
}
