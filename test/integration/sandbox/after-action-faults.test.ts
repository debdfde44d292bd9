/**
 * Faults after the action: the emulator makes the change, then answers a 5xx, a throttle, or
 * nothing (the connection dropped). A caller — or the SDK's own retry — that repeats the
 * request repeats something that already happened; only a ClientToken (or a unique name)
 * keeps it from happening twice. And EC2's listings lag: a Describe by filter may not show a
 * resource created a moment ago, while AWS still knows it by id.
 */
import {
  CreateRouteTableCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { OutcomeUnknownError, sentOnce } from '../../../src/aws/untokened';
import { startEmulator } from '../../../src/sandbox/aws/server';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { ImmediateRetry, SameRealmHttpHandler } from '../../helpers/sdk-config';
import { countResources } from '../../helpers/inventory';
import { buildNetwork, launchInstance } from './ec2-fixture';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.world.reset());

const vpcs = () => countResources(emu.world)['ec2:vpc'] ?? 0;
const createVpc = (client: EC2Client = emu.clients.ec2) =>
  client.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));

/** An EC2 client that retries as production's do, without real-time backoff sleeps. */
const retryingEc2 = () =>
  new EC2Client({
    ...emu.clientConfig,
    retryStrategy: new ImmediateRetry(3),
    requestHandler: new SameRealmHttpHandler(),
  });

describe('after the action', () => {
  it('a 5xx after CreateVpc: the caller sees InternalError, yet the VPC exists', async () => {
    await emu.admin('POST', '/_sandbox/faults', {
      afterActionNext: 1,
      afterActionKinds: ['server-error'],
    });
    await expect(createVpc()).rejects.toMatchObject({
      name: 'InternalError',
      $metadata: { httpStatusCode: 500 },
    });
    expect(vpcs()).toBe(1);
    expect(emu.world.faults.afterActionLog).toEqual([
      { call: 'ec2:CreateVpc', kind: 'server-error', at: expect.any(Number) },
    ]);
  });

  it('a throttle after the action answers RequestLimitExceeded, and the change stands', async () => {
    await emu.admin('POST', '/_sandbox/faults', { afterActionNext: 1, afterActionKinds: ['throttle'] });
    await expect(createVpc()).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    expect(vpcs()).toBe(1);
  });

  it('a dropped connection: no answer at all, and the change stands', async () => {
    await emu.admin('POST', '/_sandbox/faults', { afterActionNext: 1, afterActionKinds: ['drop'] });
    const err = await createVpc().then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err).toBeDefined();
    expect(`${err?.name} ${err?.code} ${err?.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(vpcs()).toBe(1);
  });

  it('the SDK retrying a call without a ClientToken makes the resource twice', async () => {
    const client = retryingEc2();
    try {
      await emu.admin('POST', '/_sandbox/faults', { afterActionNext: 1, afterActionKinds: ['server-error'] });
      const out = await createVpc(client);
      expect(out.$metadata.attempts).toBe(2);
      // CreateVpc has no ClientToken: the first attempt's VPC is an orphan beside the second's.
      expect(vpcs()).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it('sentOnce: the same call is not retried by the SDK, and says its outcome is unknown', async () => {
    const client = retryingEc2();
    try {
      await emu.admin('POST', '/_sandbox/faults', { afterActionNext: 1, afterActionKinds: ['drop'] });
      const sent = client.send(sentOnce(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' })));
      await expect(sent).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(emu.world.calls.get('ec2:CreateVpc')).toBe(1);
      expect(vpcs()).toBe(1);
      // A refusal that cannot have made anything is passed on as it came.
      await expect(
        client.send(sentOnce(new CreateVpcCommand({ CidrBlock: 'not-a-cidr' }))),
      ).rejects.toMatchObject({ name: expect.stringMatching(/^Invalid/) });
    } finally {
      client.destroy();
    }
  });

  it('RunInstances with a ClientToken: a retry after the fault answers the same instance', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    await emu.admin('POST', '/_sandbox/faults', {
      afterActionNext: 1,
      afterActionCalls: ['ec2:RunInstances'],
    });
    const launch = () => launchInstance(emu.clients.ec2, net.publicSubnets[0], { ClientToken: 'web-1-abc' });
    await expect(launch()).rejects.toBeDefined();
    const id = await launch();
    expect(countResources(emu.world)['ec2:instance']).toBe(1);
    expect(emu.world.ec2.getInstance(id)).toBeDefined();
    // Without one, a repeat is a second instance.
    await launchInstance(emu.clients.ec2, net.publicSubnets[0]);
    await launchInstance(emu.clients.ec2, net.publicSubnets[0]);
    expect(countResources(emu.world)['ec2:instance']).toBe(3);
  });

  it('CreateRouteTable honours its ClientToken, and refuses the token with other parameters', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    const tables = () => countResources(emu.world)['ec2:route-table'];
    const before = tables();
    const create = (vpcId: string) =>
      emu.clients.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, ClientToken: 'rt-token-1' }));
    const a = await create(net.vpcId);
    const b = await create(net.vpcId);
    expect(b.RouteTable?.RouteTableId).toBe(a.RouteTable?.RouteTableId);
    expect(tables()).toBe(before + 1);
    const other = (await createVpc()).Vpc!.VpcId!;
    await expect(create(other)).rejects.toMatchObject({ name: 'IdempotentParameterMismatch' });
  });

  it('CreateSecret repeated with the same token and value is ignored; another value is refused', async () => {
    const create = (value: string, token = 'a'.repeat(32)) =>
      emu.clients.secretsManager.send(
        new CreateSecretCommand({
          Name: 'sitebot/x/credentials',
          SecretString: value,
          ClientRequestToken: token,
        }),
      );
    const first = await create('{"p":"1"}');
    await expect(create('{"p":"1"}')).resolves.toMatchObject({ ARN: first.ARN });
    await expect(create('{"p":"2"}')).rejects.toMatchObject({ name: 'ResourceExistsException' });
    await expect(create('{"p":"1"}', 'b'.repeat(32))).rejects.toMatchObject({
      name: 'ResourceExistsException',
    });
  });

  it('by default spares calls that only read; afterActionCalls picks exactly the calls named', async () => {
    await emu.admin('POST', '/_sandbox/faults', { afterActionRate: 1 });
    await emu.clients.ec2.send(new DescribeVpcsCommand({}));
    await emu.clients.rds.send(new DescribeDBInstancesCommand({}));
    await expect(createVpc()).rejects.toBeDefined();
    expect(emu.world.faults.afterActionLog.map((r) => r.call)).toEqual(['ec2:CreateVpc']);

    emu.world.faults.clear();
    await emu.admin('POST', '/_sandbox/faults', { afterActionNext: 1, afterActionCalls: ['rds:*'] });
    await createVpc();
    await expect(emu.clients.rds.send(new DescribeDBInstancesCommand({}))).rejects.toBeDefined();
    expect(emu.world.faults.afterActionLog.map((r) => r.call)).toEqual(['rds:DescribeDBInstances']);
  });

  it('afterActionEach: the first N calls of each action fault, then each goes through', async () => {
    await emu.admin('POST', '/_sandbox/faults', { afterActionEach: 2, afterActionKinds: ['throttle'] });
    await expect(createVpc()).rejects.toBeDefined();
    await expect(createVpc()).rejects.toBeDefined();
    await createVpc();
    await expect(
      emu.clients.ec2.send(new CreateRouteTableCommand({ VpcId: (await createVpc()).Vpc!.VpcId! })),
    ).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    expect(emu.world.faults.afterActionLog.map((r) => r.call)).toEqual([
      'ec2:CreateVpc',
      'ec2:CreateVpc',
      'ec2:CreateRouteTable',
    ]);
    expect(vpcs()).toBe(4);
  });

  it('a rate is reproducible from a seed', async () => {
    const outcomes = async () => {
      emu.world.reset();
      // Ten VPCs: past the default quota of 5, which would refuse the last ones.
      await emu.admin('POST', '/_sandbox/quotas', { vpcsPerRegion: 10 });
      await emu.admin('POST', '/_sandbox/faults', { afterActionRate: 0.5, seed: 7 });
      const results: string[] = [];
      for (let n = 0; n < 10; n++)
        results.push(
          await createVpc().then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        );
      return { results, made: vpcs() };
    };
    const first = await outcomes();
    expect(first.results).toContain('ok');
    expect(first.results.some((r) => r !== 'ok')).toBe(true);
    // Every call took effect, answered or not.
    expect(first.made).toBe(10);
    expect(await outcomes()).toEqual(first);
  });

  it('rejects bad settings', async () => {
    expect((await emu.admin('POST', '/_sandbox/faults', { afterActionRate: 1.5 })).status).toBe(400);
    expect((await emu.admin('POST', '/_sandbox/faults', { afterActionKinds: ['explode'] })).status).toBe(400);
    expect((await emu.admin('POST', '/_sandbox/faults', { afterActionKinds: [] })).status).toBe(400);
    expect((await emu.admin('POST', '/_sandbox/faults', { afterActionCalls: ['CreateVpc'] })).status).toBe(
      400,
    );
    expect((await emu.admin('POST', '/_sandbox/faults', { describeLagMs: -1 })).status).toBe(400);
  });

  it('reads SANDBOX_AFTER_ACTION_RATE and SANDBOX_DESCRIBE_LAG_MS', async () => {
    const emu2 = await startEmulator({
      env: { SANDBOX_AFTER_ACTION_RATE: '0.05', SANDBOX_DESCRIBE_LAG_MS: '30000' },
    });
    try {
      expect(emu2.world.faults.snapshot()).toMatchObject({ afterActionRate: 0.05, describeLagMs: 30_000 });
    } finally {
      await emu2.close();
    }
  });
});

describe('listing lag (describeLagMs)', () => {
  it('a fresh VPC is missing from Describe by filter, known by id, and listed once the lag has passed', async () => {
    await emu.admin('POST', '/_sandbox/faults', { describeLagMs: 60_000 });
    const tags = [{ Key: 'sitebot:env', Value: 'demo' }];
    const id = (
      await emu.clients.ec2.send(
        new CreateVpcCommand({
          CidrBlock: '10.8.0.0/16',
          TagSpecifications: [{ ResourceType: 'vpc', Tags: tags }],
        }),
      )
    ).Vpc!.VpcId!;
    const byFilter = () =>
      emu.clients.ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'tag:sitebot:env', Values: ['demo'] }] }),
      );
    expect((await byFilter()).Vpcs).toEqual([]);
    expect((await emu.clients.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    expect((await emu.clients.ec2.send(new DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs).toHaveLength(1);
    emu.advance(59_999);
    expect((await byFilter()).Vpcs).toEqual([]);
    emu.advance(1);
    expect((await byFilter()).Vpcs?.map((v) => v.VpcId)).toEqual([id]);
  });

  it('applies to every EC2 listing sitebot reads: subnets, gateways, route tables, groups, instances', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    await emu.admin('POST', '/_sandbox/faults', { describeLagMs: 10_000 });
    const before = emu.world.clock.now();
    await launchInstance(emu.clients.ec2, net.publicSubnets[0]);
    const { ec2 } = emu.clients;
    expect((await ec2.send(new DescribeSubnetsCommand({}))).Subnets).toEqual([]);
    expect((await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways).toEqual([]);
    expect((await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables).toEqual([]);
    expect((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups).toEqual([]);
    expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
    emu.world.clock.advance(before + 10_000 - emu.world.clock.now());
    expect((await ec2.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(4);
    expect((await ec2.send(new DescribeInstancesCommand({}))).Reservations).toHaveLength(1);
  });
});
