import { CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { startEmulator } from '../../../src/sandbox/aws/server';
import { PUBLIC_AL2023 } from '../../../src/sandbox/aws/ec2/public-images';
import type { SandboxResource } from '../../../src/sandbox/aws/world';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork, launchInstance } from './ec2-fixture';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.world.reset());

describe('admin API', () => {
  it('lists live resources with type, id, state and tags, and resets them', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    const id = await launchInstance(emu.clients.ec2, net.publicSubnets[0], {
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'sitebot:env', Value: 'demo' }] }],
    });
    const res = await emu.admin('GET', '/_sandbox/resources?type=instance');
    expect(res.status).toBe(200);
    const resources = (res.body as { resources: SandboxResource[] }).resources;
    expect(resources).toEqual([
      expect.objectContaining({
        service: 'ec2',
        type: 'instance',
        id,
        state: 'pending',
        tags: { 'sitebot:env': 'demo' },
      }),
    ]);
    const all = (await emu.admin('GET', '/_sandbox/resources')).body as { resources: SandboxResource[] };
    expect(all.resources.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'vpc',
        'subnet',
        'internet-gateway',
        'route-table',
        'security-group',
        'network-interface',
      ]),
    );

    expect((await emu.admin('POST', '/_sandbox/reset')).status).toBe(200);
    const after = (await emu.admin('GET', '/_sandbox/resources')).body as { resources: SandboxResource[] };
    expect(after.resources).toEqual([]);
  });

  it('drives the clock: advanceMs moves state on, speed is settable', async () => {
    const net = await buildNetwork(emu.clients.ec2);
    const id = await launchInstance(emu.clients.ec2, net.publicSubnets[0]);
    const t0 = emu.world.clock.now();
    const clock = await emu.admin('POST', '/_sandbox/clock', { advanceMs: 29_999 });
    expect((clock.body as { now: number }).now).toBe(t0 + 29_999);
    expect(emu.world.ec2.getInstance(id)!.state).toBe('pending');
    await emu.admin('POST', '/_sandbox/clock', { advanceMs: 1 });
    expect(emu.world.ec2.getInstance(id)!.state).toBe('running');

    const fast = await emu.admin('POST', '/_sandbox/clock', { speed: 1000 });
    expect((fast.body as { speed: number }).speed).toBe(1000);
    await emu.admin('POST', '/_sandbox/clock', { speed: 0 });
    expect((await emu.admin('POST', '/_sandbox/clock', { advanceMs: -5 })).status).toBe(400);
  });

  it('counts API calls by service and action, admin calls excluded', async () => {
    await emu.clients.ec2.send(new DescribeVpcsCommand({}));
    await emu.clients.ec2.send(new DescribeVpcsCommand({}));
    await emu.clients.ssm.send(
      new GetParameterCommand({
        Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      }),
    );
    const calls = (await emu.admin('GET', '/_sandbox/calls')).body as {
      calls: Record<string, number>;
      total: number;
    };
    expect(calls.calls).toEqual({ 'ec2:DescribeVpcs': 2, 'ssm:GetParameter': 1 });
    expect(calls.total).toBe(3);
  });
});

describe('dispatch', () => {
  const scope = (service: string) =>
    `AWS4-HMAC-SHA256 Credential=AKID/20261127/ap-northeast-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

  it('answers an unknown EC2 action with InvalidAction in the EC2 error envelope', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { authorization: scope('ec2'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=LaunchRockets&Version=2016-11-15',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/<Response><Errors><Error><Code>InvalidAction<\/Code>/);
  });

  it('answers a request for a service it does not emulate with 400', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { authorization: scope('kinesis') },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnrecognizedClientException' });
  });

  it('finds unsigned JSON calls by X-Amz-Target', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSSM.GetParameter', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe(
      PUBLIC_AL2023.x86_64.imageId,
    );
  });
});

describe('faults', () => {
  it('throttles with each protocol’s own code', async () => {
    await emu.admin('POST', '/_sandbox/faults', { throttleNext: 3 });
    await expect(emu.clients.ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 },
    });
    await expect(
      emu.clients.ssm.send(
        new GetParameterCommand({
          Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(emu.clients.secretsManager.send(new ListSecretsCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    // Exhausted: the next call goes through; admin calls were never affected.
    await emu.clients.ec2.send(new DescribeVpcsCommand({}));
  });

  it('throttles the Query-protocol services with Throttling', async () => {
    await emu.admin('POST', '/_sandbox/faults', { throttleNext: 2 });
    await expect(emu.clients.rds.send(new DescribeDBInstancesCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
    });
    await expect(emu.clients.elbv2.send(new DescribeLoadBalancersCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
    });
  });

  it('injects 5xx as InternalError (EC2)', async () => {
    await emu.admin('POST', '/_sandbox/faults', { serverErrorNext: 1 });
    await expect(emu.clients.ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: 'InternalError',
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('injects 5xx with each JSON service’s own code', async () => {
    await emu.admin('POST', '/_sandbox/faults', { serverErrorNext: 2 });
    await expect(
      emu.clients.ssm.send(
        new GetParameterCommand({
          Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    await expect(emu.clients.secretsManager.send(new ListSecretsCommand({}))).rejects.toMatchObject({
      name: 'InternalServiceError',
    });
  });

  it('lets the SDK retry absorb throttling when it may retry', async () => {
    const retrying = new EC2Client({ ...emu.clientConfig, maxAttempts: 3 });
    try {
      await emu.admin('POST', '/_sandbox/faults', { throttleNext: 1 });
      const out = await retrying.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
      expect(out.Vpc?.VpcId).toBeDefined();
      expect(out.$metadata.attempts).toBe(2);
      expect(emu.world.calls.get('ec2:CreateVpc')).toBe(2);
    } finally {
      retrying.destroy();
    }
  });

  it('applies a throttle rate reproducibly from a seed', async () => {
    const outcomes = async () => {
      await emu.admin('POST', '/_sandbox/faults', { throttleRate: 0.5, seed: 42 });
      const results: boolean[] = [];
      for (let n = 0; n < 12; n++) {
        results.push(
          await emu.clients.ec2.send(new DescribeVpcsCommand({})).then(
            () => true,
            () => false,
          ),
        );
      }
      return results;
    };
    const first = await outcomes();
    expect(first).toContain(true);
    expect(first).toContain(false);
    expect(await outcomes()).toEqual(first);
  });

  it('rejects bad fault settings', async () => {
    expect((await emu.admin('POST', '/_sandbox/faults', { throttleRate: 2 })).status).toBe(400);
    expect((await emu.admin('POST', '/_sandbox/faults', { bogus: true })).status).toBe(400);
    expect((await emu.admin('GET', '/_sandbox/nope')).status).toBe(404);
  });
});

describe('settings from the environment', () => {
  it('reads SANDBOX_SPEED, SANDBOX_THROTTLE_RATE, SANDBOX_5XX_RATE and SANDBOX_ENI_LINGER_MS', async () => {
    const emu2 = await startEmulator({
      env: {
        SANDBOX_SPEED: '120',
        SANDBOX_THROTTLE_RATE: '0.25',
        SANDBOX_5XX_RATE: '0.1',
        SANDBOX_ENI_LINGER_MS: '1000',
      },
    });
    try {
      expect(emu2.world.clock.speed).toBe(120);
      expect(emu2.world.faults.throttleRate).toBe(0.25);
      expect(emu2.world.faults.serverErrorRate).toBe(0.1);
      expect(emu2.world.eniLingerMs()).toBe(1000);
      expect(emu2.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await emu2.close();
    }
  });

  it('falls back to speed 60 and no faults without settings', async () => {
    const emu2 = await startEmulator({ env: { SANDBOX_SPEED: 'fast' } });
    try {
      expect(emu2.world.clock.speed).toBe(60);
      expect(emu2.world.faults.snapshot()).toMatchObject({ throttleRate: 0, serverErrorRate: 0 });
      expect(emu2.world.eniLingerMs()).toBe(emu2.world.durations.albEniLinger);
    } finally {
      await emu2.close();
    }
  });
});
