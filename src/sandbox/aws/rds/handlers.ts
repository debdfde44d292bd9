/**
 * RDS over the Query protocol (Version 2014-10-31): parses each action's parameters, calls
 * the model, returns the result shape (the server wraps it in `<{Action}Response>`).
 *
 * LIMITATIONS: MySQL only (versions and classes in `engine-catalog.ts`); no clusters, read
 * replicas, parameter/option groups (the defaults are reported), event subscriptions or
 * storage changes. A DB instance needs a DB subnet group (no default VPC). ModifyDBInstance
 * honours MultiAZ, DeletionProtection and BackupRetentionPeriod; without ApplyImmediately a
 * Multi-AZ change stays in PendingModifiedValues (no maintenance window ever comes).
 * Instances go creating → available without a `backing-up` step. StopDBInstance and
 * StartDBInstance follow power.ts (stopping/stopped/starting, RDS's own start after 7 days). DescribeDBInstances
 * filters: db-instance-id, dbi-resource-id, engine, db-cluster-id, domain (as on AWS, no tag
 * filters). Final snapshots are kept and listed, and can be described and deleted. Quotas
 * (DescribeAccountAttributes) cover DBInstances, DBSubnetGroups and AllocatedStorage, each
 * enforced with RDS's quota fault; DescribeOrderableDBInstanceOptions lists one gp2 option per
 * version × class, in the AZs where the account settings offer it.
 */
import { iamModelOf } from '../iam/model';
import { dispatch, type ActionHandler, type EmulatedService } from '../protocol/service';
import { qBool, qFilters, qInt, qList, qTagList, type QueryParams } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { rdsErrors } from './errors';
import type { RdsModel } from './model';
import { paginate } from './paginate';
import { rdsModelOf } from './registry';
import { instanceShape, snapshotShape, subnetGroupShape, tagList } from './shapes';
import type { DbInstance } from './types';

type Handler = ActionHandler<QueryParams>;

function maxRecords(params: QueryParams): number {
  const n = qInt(params, 'MaxRecords') ?? 100;
  if (n < 20 || n > 100) {
    throw rdsErrors.invalidParameterValue(`Invalid value ${n} for MaxRecords. Must be between 20 and 100`);
  }
  return n;
}

const INSTANCE_FILTERS: Record<string, (db: DbInstance, value: string) => boolean> = {
  'db-instance-id': (db, v) => db.id === v.toLowerCase() || db.arn === v,
  'dbi-resource-id': (db, v) => db.resourceId === v,
  engine: (db, v) => db.engine === v,
  'db-cluster-id': () => false,
  domain: () => false,
};

function describeInstances(model: RdsModel, params: QueryParams): DbInstance[] {
  const id = params.DBInstanceIdentifier;
  let list = id ? [model.getInstance(id)] : model.listInstances();
  for (const filter of qFilters(params)) {
    const match = INSTANCE_FILTERS[filter.name];
    if (!match) throw rdsErrors.invalidParameterValue(`Unrecognized filter name: ${filter.name}.`);
    list = list.filter((db) => filter.values.some((v) => match(db, v)));
  }
  return list;
}

function modelOf(ctx: Parameters<Handler>[1]): RdsModel {
  return rdsModelOf(ctx.world);
}

function instanceResult(model: RdsModel, db: DbInstance, region: string) {
  return { DBInstance: instanceShape(db, model.subnetGroups.find(db.subnetGroupName), region) };
}

/** DescribeOrderableDBInstanceOptions takes 20–1000 records per page (RDS API reference). */
function orderableMaxRecords(params: QueryParams): number {
  const n = qInt(params, 'MaxRecords') ?? 100;
  if (n < 20 || n > 1000) {
    throw rdsErrors.invalidParameterValue(`Invalid value ${n} for MaxRecords. Must be between 20 and 1000`);
  }
  return n;
}

function describeOrderable(model: RdsModel, p: QueryParams) {
  if (!p.Engine) throw rdsErrors.missingParameter('Engine');
  // The emulator runs MySQL only: any other engine has no options here.
  if (p.Engine !== 'mysql') return [];
  return model
    .orderableOptions()
    .filter(
      (o) =>
        (!p.EngineVersion || o.engineVersion === p.EngineVersion) &&
        (!p.DBInstanceClass || o.instanceClass === p.DBInstanceClass) &&
        p.Vpc !== 'false',
    );
}

const handlers: Record<string, Handler> = {
  DescribeAccountAttributes: (_p, ctx) => ({
    AccountQuotas: xmlList(
      'AccountQuota',
      modelOf(ctx)
        .accountQuotas()
        .map((q) => ({ AccountQuotaName: q.name, Used: q.used, Max: q.max })),
    ),
  }),

  DescribeOrderableDBInstanceOptions: (p, ctx) => {
    const page = paginate(
      describeOrderable(modelOf(ctx), p),
      p.Marker,
      orderableMaxRecords(p),
      'InvalidParameterValue',
    );
    return {
      OrderableDBInstanceOptions: xmlList(
        'OrderableDBInstanceOption',
        page.items.map((o) => ({
          Engine: 'mysql',
          EngineVersion: o.engineVersion,
          DBInstanceClass: o.instanceClass,
          LicenseModel: 'general-public-license',
          AvailabilityZones: xmlList(
            'AvailabilityZone',
            o.zones.map((Name) => ({ Name })),
          ),
          MultiAZCapable: true,
          ReadReplicaCapable: true,
          Vpc: true,
          SupportsStorageEncryption: true,
          StorageType: 'gp2',
          SupportsIops: false,
          MinStorageSize: 20,
          MaxStorageSize: 65536,
        })),
      ),
      Marker: page.nextMarker,
    };
  },

  CreateDBSubnetGroup: (p, ctx) => ({
    DBSubnetGroup: subnetGroupShape(
      modelOf(ctx).createSubnetGroup({
        name: p.DBSubnetGroupName,
        description: p.DBSubnetGroupDescription,
        subnetIds: qList(p, 'SubnetIds'),
        tags: qTagList(p, 'Tags'),
      }),
    ),
  }),

  DescribeDBSubnetGroups: (p, ctx) => {
    const model = modelOf(ctx);
    const name = p.DBSubnetGroupName;
    const groups = name ? [model.subnetGroups.get(name)] : model.subnetGroups.list();
    const page = paginate(groups, p.Marker, maxRecords(p), 'InvalidParameterValue');
    return {
      DBSubnetGroups: xmlList('DBSubnetGroup', page.items.map(subnetGroupShape)),
      Marker: page.nextMarker,
    };
  },

  DeleteDBSubnetGroup: (p, ctx) => {
    modelOf(ctx).deleteSubnetGroup(p.DBSubnetGroupName ?? '');
    return {};
  },

  CreateDBInstance: (p, ctx) => {
    const model = modelOf(ctx);
    const db = model.createInstance({
      id: p.DBInstanceIdentifier,
      engine: p.Engine,
      engineVersion: p.EngineVersion,
      instanceClass: p.DBInstanceClass,
      allocatedStorage: qInt(p, 'AllocatedStorage'),
      storageType: p.StorageType,
      masterUsername: p.MasterUsername,
      masterUserPassword: p.MasterUserPassword,
      manageMasterUserPassword: qBool(p, 'ManageMasterUserPassword'),
      dbName: p.DBName,
      port: qInt(p, 'Port'),
      subnetGroupName: p.DBSubnetGroupName,
      vpcSecurityGroupIds: qList(p, 'VpcSecurityGroupIds'),
      availabilityZone: p.AvailabilityZone,
      multiAz: qBool(p, 'MultiAZ'),
      publiclyAccessible: qBool(p, 'PubliclyAccessible'),
      backupRetentionPeriod: qInt(p, 'BackupRetentionPeriod'),
      deletionProtection: qBool(p, 'DeletionProtection'),
      autoMinorVersionUpgrade: qBool(p, 'AutoMinorVersionUpgrade'),
      tags: qTagList(p, 'Tags'),
    });
    // RDS makes its service-linked role on an account's first DB instance (RDS User Guide).
    iamModelOf(ctx.world).ensureServiceLinkedRole('rds.amazonaws.com');
    return instanceResult(model, db, ctx.region);
  },

  DescribeDBInstances: (p, ctx) => {
    const model = modelOf(ctx);
    const page = paginate(describeInstances(model, p), p.Marker, maxRecords(p), 'InvalidParameterValue');
    return {
      DBInstances: xmlList(
        'DBInstance',
        page.items.map((db) => instanceShape(db, model.subnetGroups.find(db.subnetGroupName), ctx.region)),
      ),
      Marker: page.nextMarker,
    };
  },

  ModifyDBInstance: (p, ctx) => {
    const model = modelOf(ctx);
    const db = model.modifyInstance(p.DBInstanceIdentifier ?? '', {
      multiAz: qBool(p, 'MultiAZ'),
      deletionProtection: qBool(p, 'DeletionProtection'),
      backupRetentionPeriod: qInt(p, 'BackupRetentionPeriod'),
      applyImmediately: qBool(p, 'ApplyImmediately'),
    });
    return instanceResult(model, db, ctx.region);
  },

  RebootDBInstance: (p, ctx) => {
    const model = modelOf(ctx);
    const db = model.rebootInstance(p.DBInstanceIdentifier ?? '', qBool(p, 'ForceFailover') ?? false);
    return instanceResult(model, db, ctx.region);
  },

  StopDBInstance: (p, ctx) => {
    const model = modelOf(ctx);
    const db = model.stopInstance(p.DBInstanceIdentifier ?? '', p.DBSnapshotIdentifier);
    return instanceResult(model, db, ctx.region);
  },

  StartDBInstance: (p, ctx) => {
    const model = modelOf(ctx);
    const db = model.startInstance(p.DBInstanceIdentifier ?? '');
    return instanceResult(model, db, ctx.region);
  },

  DeleteDBInstance: (p, ctx) => {
    const model = modelOf(ctx);
    const db = model.deleteInstance(p.DBInstanceIdentifier ?? '', {
      skipFinalSnapshot: qBool(p, 'SkipFinalSnapshot'),
      finalSnapshotId: p.FinalDBSnapshotIdentifier,
      deleteAutomatedBackups: qBool(p, 'DeleteAutomatedBackups'),
    });
    return instanceResult(model, db, ctx.region);
  },

  DescribeDBSnapshots: (p, ctx) => {
    const model = modelOf(ctx);
    let list = model.listSnapshots();
    if (p.DBSnapshotIdentifier) {
      list = list.filter((s) => s.id === p.DBSnapshotIdentifier.toLowerCase());
      if (list.length === 0) throw rdsErrors.snapshotNotFound(p.DBSnapshotIdentifier);
    }
    if (p.DBInstanceIdentifier)
      list = list.filter((s) => s.instanceId === p.DBInstanceIdentifier.toLowerCase());
    const page = paginate(list, p.Marker, maxRecords(p), 'InvalidParameterValue');
    return { DBSnapshots: xmlList('DBSnapshot', page.items.map(snapshotShape)), Marker: page.nextMarker };
  },

  DeleteDBSnapshot: (p, ctx) => ({
    DBSnapshot: snapshotShape(modelOf(ctx).deleteSnapshot(p.DBSnapshotIdentifier ?? '')),
  }),

  DeleteDBInstanceAutomatedBackup: (p, ctx) => {
    const backup = modelOf(ctx).deleteAutomatedBackup(p.DbiResourceId ?? '');
    return {
      DBInstanceAutomatedBackup: {
        DBInstanceArn: backup.arn,
        DbiResourceId: backup.resourceId,
        Region: ctx.region,
        DBInstanceIdentifier: backup.instanceId,
        Status: 'deleting',
        Engine: 'mysql',
      },
    };
  },

  AddTagsToResource: (p, ctx) => {
    modelOf(ctx).addTags(p.ResourceName ?? '', qTagList(p, 'Tags'));
    return {};
  },

  ListTagsForResource: (p, ctx) => ({ TagList: tagList(modelOf(ctx).listTags(p.ResourceName ?? '')) }),

  RemoveTagsFromResource: (p, ctx) => {
    modelOf(ctx).removeTags(p.ResourceName ?? '', qList(p, 'TagKeys'));
    return {};
  },
};

export const rdsService: EmulatedService = {
  signingName: 'rds',
  protocol: 'query',
  xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  handle(action, input, ctx) {
    return dispatch('query', handlers, action, input as QueryParams, ctx);
  },
};
