/**
 * SPEC §4 and §8: the DB subnet group over the private subnets, the MySQL instance, and its
 * Multi-AZ standby (`--multi-az now`: created Multi-AZ; `later`: the hands-on's way, created
 * single-AZ in AZ a then modified; `off`: single-AZ).
 */
import { dbAvailable, multiAzInService } from '../../../aws/rds';
import { sitebotTags } from '../../../aws/tags';
import { parseCredentials } from './credentials';
import {
  defineStep,
  done,
  fromReadiness,
  MINUTE,
  multiAzMode,
  names,
  need,
  skipped,
  wait,
} from '../step-kit';

export const dbSubnetGroupStep = defineStep('db-subnet-group', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { rds } = ctx.deps;
    const name = names(ctx).dbSubnetGroup;
    const existing = await rds.findDbSubnetGroup(name);
    if (!existing) {
      const subnetIds = [need(ctx, 'subnets', 'privateSubnetA'), need(ctx, 'subnets', 'privateSubnetC')];
      await rds.createDbSubnetGroup(
        name,
        `sitebot ${ctx.env}: private subnets`,
        subnetIds,
        sitebotTags(ctx, 'db-subnet-group'),
      );
    }
    return done({ dbSubnetGroupName: name });
  },
});

export const databaseStep = defineStep('database', {
  timeoutMs: 60 * MINUTE,
  async body(ctx) {
    const { rds, secrets, config } = ctx.deps;
    const n = names(ctx);
    let db = await rds.findDbInstance(n.db);
    if (!db) {
      const mode = multiAzMode(ctx);
      // Read only to hand it to RDS: the password is never logged, recorded or returned.
      const creds = parseCredentials(await secrets.getSecretString(need(ctx, 'credentials', 'secretArn')));
      db = await rds.createDbInstance({
        identifier: n.db,
        instanceClass: config.dbClass,
        engineVersion: config.engineVersion,
        dbName: 'wordpress',
        masterUsername: creds.username,
        masterPassword: creds.password,
        subnetGroupName: need(ctx, 'db-subnet-group', 'dbSubnetGroupName'),
        securityGroupIds: [need(ctx, 'security-groups', 'dbSgId')],
        multiAz: mode === 'now',
        availabilityZone: config.azs[0],
        allocatedStorageGb: config.dbAllocatedStorageGb,
        tags: sitebotTags(ctx, 'db', n.db),
      });
      await ctx.record({ dbInstanceId: n.db, dbArn: db.DBInstanceArn });
      return wait(config.poll.db, `db: ${db.DBInstanceStatus ?? 'creating'}`);
    }
    return fromReadiness(dbAvailable(db), config.poll.db, 'db', (ready) =>
      done({
        dbInstanceId: n.db,
        dbArn: ready!.DBInstanceArn,
        dbEndpoint: ready!.Endpoint!.Address,
        dbPort: ready!.Endpoint!.Port,
        dbAz: ready!.AvailabilityZone,
        dbSecondaryAz: ready!.SecondaryAvailabilityZone,
      }),
    );
  },
});

/**
 * `later`: ModifyDBInstance(MultiAZ, ApplyImmediately), then wait for `modifying` to have been
 * seen and for MultiAZ=true with nothing pending. `now` only confirms the end state; `off` skips.
 */
export const databaseMultiAzStep = defineStep('database-multi-az', {
  timeoutMs: 90 * MINUTE,
  async body(ctx) {
    const { rds, config } = ctx.deps;
    const mode = multiAzMode(ctx);
    if (mode === 'off') return skipped('--multi-az off: the database stays single-AZ');
    const id = names(ctx).db;
    const db = await rds.findDbInstance(id);
    if (!db) return wait(config.poll.db, 'db not visible yet');
    const finish = () =>
      done({
        multiAz: db.MultiAZ === true,
        dbAz: db.AvailabilityZone,
        dbSecondaryAz: db.SecondaryAvailabilityZone,
      });
    if (mode === 'now') return fromReadiness(multiAzInService(db), config.poll.db, 'db', finish);

    const requested = ctx.own.modifyRequested === true;
    if (!requested) {
      if (db.MultiAZ === true) return finish();
      if (dbAvailable(db).state !== 'SUCCESS') return wait(config.poll.db, `db: ${db.DBInstanceStatus}`);
      await rds.convertToMultiAz(id);
      await ctx.record({ modifyRequested: true });
      return wait(config.poll.db, 'db: Multi-AZ requested');
    }
    // `available` straight after the modify means "not started yet", not "done".
    const sawModifying = ctx.own.sawModifying === true || db.DBInstanceStatus === 'modifying';
    if (sawModifying && ctx.own.sawModifying !== true) await ctx.record({ sawModifying: true });
    if (!sawModifying && db.MultiAZ !== true)
      return wait(config.poll.db, `db: ${db.DBInstanceStatus}, modify pending`);
    return fromReadiness(multiAzInService(db), config.poll.db, 'db', finish);
  },
});
