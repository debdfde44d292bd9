/**
 * StopDBInstance / StartDBInstance through the emulator with the real SDK client: the states
 * (stopping → stopped → starting → available), every refusal with AWS's code, RDS's own start
 * after 7 days stopped on the virtual clock, and what the ALB answers while the site sleeps.
 */
import { StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { defaultDurations } from '../../../src/sandbox/aws/durations';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork, createSiteDb, registeredWeb, type Network } from './elbv2-network-fixture';

const s = 1000;
const min = 60 * s;
const day = 24 * 60 * min;
const { dbStop, dbStart, dbCreateMultiAz } = defaultDurations;

let emu: TestEmulator;
let net: Network;

beforeEach(async () => {
  emu = await startTestEmulator();
  net = await buildNetwork(emu.clients.ec2);
});

afterEach(async () => {
  await emu.close();
});

const createDb = (multiAz = true) => createSiteDb(emu.clients.rds, net, multiAz);

async function status(): Promise<string | undefined> {
  const out = await emu.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'site-db' }));
  return out.DBInstances?.[0]?.DBInstanceStatus;
}

const stop = (snapshot?: string) =>
  emu.clients.rds.send(
    new StopDBInstanceCommand({ DBInstanceIdentifier: 'site-db', DBSnapshotIdentifier: snapshot }),
  );
const start = () => emu.clients.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: 'site-db' }));

/** The error's name as the SDK reports it, or 'no error'. */
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { name: string }) => e.name,
  );

describe('StopDBInstance and StartDBInstance', () => {
  it('stops a Multi-AZ MySQL instance and starts it again, through AWS states', async () => {
    await createDb(true);
    emu.advance(dbCreateMultiAz);
    const stopped = await stop();
    expect(stopped.DBInstance?.DBInstanceStatus).toBe('stopping');
    emu.advance(dbStop - 1);
    expect(await status()).toBe('stopping');
    emu.advance(1);
    expect(await status()).toBe('stopped');
    const started = await start();
    expect(started.DBInstance?.DBInstanceStatus).toBe('starting');
    emu.advance(dbStart - 1);
    expect(await status()).toBe('starting');
    emu.advance(1);
    expect(await status()).toBe('available');
  });

  it('refuses to stop an instance that is not available: InvalidDBInstanceState', async () => {
    await createDb(false);
    expect(await code(stop())).toBe('InvalidDBInstanceStateFault'); // creating
    emu.advance(8 * min);
    await emu.clients.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db' }));
    expect(await code(stop())).toBe('InvalidDBInstanceStateFault'); // rebooting
    emu.advance(2 * min);
    await stop();
    expect(await code(stop())).toBe('InvalidDBInstanceStateFault'); // stopping
    emu.advance(dbStop);
    expect(await code(stop())).toBe('InvalidDBInstanceStateFault'); // stopped
    await start();
    expect(await code(stop())).toBe('InvalidDBInstanceStateFault'); // starting
    emu.advance(dbStart);
    expect(await code(stop())).toBe('no error');
  });

  it('refuses to start an instance that is not stopped: InvalidDBInstanceState', async () => {
    await createDb(false);
    expect(await code(start())).toBe('InvalidDBInstanceStateFault'); // creating
    emu.advance(8 * min);
    expect(await code(start())).toBe('InvalidDBInstanceStateFault'); // available
    await stop();
    expect(await code(start())).toBe('InvalidDBInstanceStateFault'); // stopping: wait for stopped
    emu.advance(dbStop);
    await start();
    expect(await code(start())).toBe('InvalidDBInstanceStateFault'); // starting
  });

  it('refuses what a stopped instance cannot do: modify, reboot; allows delete, not while stopping', async () => {
    await createDb(false);
    emu.advance(8 * min);
    await stop();
    const del = () =>
      emu.clients.rds.send(
        new DeleteDBInstanceCommand({ DBInstanceIdentifier: 'site-db', SkipFinalSnapshot: true }),
      );
    expect(await code(del())).toBe('InvalidDBInstanceStateFault'); // stopping
    emu.advance(dbStop);
    const modify = emu.clients.rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'site-db', MultiAZ: true, ApplyImmediately: true }),
    );
    expect(await code(modify)).toBe('InvalidDBInstanceStateFault');
    const reboot = emu.clients.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db' }));
    expect(await code(reboot)).toBe('InvalidDBInstanceStateFault');
    expect(await code(del())).toBe('no error');
    expect(await status()).toBe('deleting');
  });

  it('names a missing instance: DBInstanceNotFound', async () => {
    expect(await code(stop())).toBe('DBInstanceNotFoundFault');
    expect(await code(start())).toBe('DBInstanceNotFoundFault');
  });

  it('takes the snapshot asked for before stopping, and refuses an id in use: DBSnapshotAlreadyExists', async () => {
    await createDb(false);
    emu.advance(8 * min);
    await stop('before-sleep');
    const snaps = await emu.clients.rds.send(
      new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'site-db' }),
    );
    expect(snaps.DBSnapshots?.map((x) => x.DBSnapshotIdentifier)).toEqual(['before-sleep']);
    emu.advance(dbStop);
    await start();
    emu.advance(dbStart);
    expect(await code(stop('before-sleep'))).toBe('DBSnapshotAlreadyExistsFault');
    expect(await status()).toBe('available'); // the refused call changed nothing
  });

  it('cannot start without capacity for the class in its AZ: InsufficientDBInstanceCapacity', async () => {
    await createDb(false);
    emu.advance(8 * min);
    await stop();
    emu.advance(dbStop);
    emu.world.faults.set({ insufficientCapacity: [{ instanceType: 'db.t4g.micro' }] });
    expect(await code(start())).toBe('InsufficientDBInstanceCapacityFault');
    expect(await status()).toBe('stopped');
    emu.world.faults.set({ insufficientCapacity: [] });
    expect(await code(start())).toBe('no error');
  });
});

describe('RDS starts an instance stopped for 7 days by itself', () => {
  it('turns starting exactly 7 days after it stopped, then available', async () => {
    await createDb(true);
    emu.advance(dbCreateMultiAz);
    await stop();
    emu.advance(dbStop);
    expect(await status()).toBe('stopped');
    emu.advance(7 * day - 1);
    expect(await status()).toBe('stopped');
    emu.advance(1);
    expect(await status()).toBe('starting');
    emu.advance(dbStart);
    expect(await status()).toBe('available');
  });

  it('settles the whole chain when nobody looked for 8 days', async () => {
    await createDb(false);
    emu.advance(8 * min);
    await stop();
    const stoppedAt = emu.world.clock.now() + dbStop;
    emu.advance(8 * day);
    expect(await status()).toBe('available');
    const listed = await emu.admin('GET', '/_sandbox/resources');
    const db = (
      listed.body as { resources: { id: string; details?: { autoStartedAt?: number } }[] }
    ).resources.find((r) => r.id === 'site-db');
    expect(db?.details?.autoStartedAt).toBe(stoppedAt + 7 * day);
  });

  it('does not start one that someone started and stopped again meanwhile', async () => {
    await createDb(false);
    emu.advance(8 * min);
    await stop();
    emu.advance(dbStop + 6 * day);
    await start();
    emu.advance(dbStart);
    await stop();
    emu.advance(dbStop + 2 * day); // 8 days after the first stop, 2 after the second
    expect(await status()).toBe('stopped');
  });
});

describe('the site while it sleeps', () => {
  it('answers the ALB 503 while both web servers are stopped, a DB error while only the DB is', async () => {
    await createDb(false);
    const tg = await emu.clients.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'site-tg', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }),
    );
    const tgArn = tg.TargetGroups![0].TargetGroupArn!;
    const { LoadBalancers } = await emu.clients.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'site-alb',
        Subnets: net.publicSubnets,
        SecurityGroups: [net.elbSg],
      }),
    );
    const lb = LoadBalancers![0];
    emu.advance(8 * min);
    await emu.clients.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    const web = [
      await registeredWeb(emu, tgArn, net.publicSubnets[0], net.webSg),
      await registeredWeb(emu, tgArn, net.publicSubnets[1], net.webSg),
    ];
    emu.advance(2 * min);
    const get = async () => {
      const res = await fetch(`http://${lb.DNSName}/`);
      await res.text();
      return { status: res.status, server: res.headers.get('server') };
    };
    expect((await get()).status).toBe(200);

    await emu.clients.ec2.send(new StopInstancesCommand({ InstanceIds: web }));
    emu.advance(30 * s);
    expect(await get()).toEqual({ status: 503, server: 'awselb/2.0' });
    await stop();
    emu.advance(dbStop);
    expect(await get()).toEqual({ status: 503, server: 'awselb/2.0' });

    await emu.clients.ec2.send(new StartInstancesCommand({ InstanceIds: web }));
    emu.advance(2 * min);
    expect((await get()).status).toBe(500); // web back, DB still stopped
    await start();
    emu.advance(dbStart);
    expect((await get()).status).toBe(200);
  });
});
