/**
 * ELBv2 through the emulator with the real SDK client: target groups, load balancers,
 * listeners, target registration and health (ALB rules through stop/start), tags, waiters,
 * pagination, and the ENIs a deleted load balancer leaves behind for a while.
 */
import {
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  CreateSubnetCommand,
  DescribeNetworkInterfacesCommand,
  DetachInternetGatewayCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  ModifyTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  RemoveTagsCommand,
  paginateDescribeLoadBalancers,
  waitUntilLoadBalancerAvailable,
  waitUntilLoadBalancersDeleted,
  waitUntilTargetInService,
  type CreateLoadBalancerCommandInput,
  type CreateTargetGroupCommandInput,
  type TargetHealth,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { fastWaiter, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { AZ_A, AZ_C, buildNetwork, launchWeb, registeredWeb, type Network } from './elbv2-network-fixture';

const s = 1000;
const min = 60 * s;

let emu: TestEmulator;
let net: Network;

beforeEach(async () => {
  emu = await startTestEmulator();
  net = await buildNetwork(emu.clients.ec2);
});

afterEach(async () => {
  await emu.close();
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { name: string }) => e.name,
  );

function tgInput(over: Partial<CreateTargetGroupCommandInput> = {}): CreateTargetGroupCommandInput {
  return {
    Name: 'site-tg',
    Protocol: 'HTTP',
    ProtocolVersion: 'HTTP1',
    Port: 80,
    VpcId: net.vpcId,
    TargetType: 'instance',
    HealthCheckPath: '/wp-includes/images/blank.gif',
    ...over,
  };
}

function lbInput(over: Partial<CreateLoadBalancerCommandInput> = {}): CreateLoadBalancerCommandInput {
  return {
    Name: 'site-alb',
    Subnets: net.publicSubnets,
    SecurityGroups: [net.elbSg],
    Scheme: 'internet-facing',
    Type: 'application',
    IpAddressType: 'ipv4',
    ...over,
  };
}

async function createTg(over: Partial<CreateTargetGroupCommandInput> = {}) {
  return (await emu.clients.elbv2.send(new CreateTargetGroupCommand(tgInput(over)))).TargetGroups![0];
}

async function createLb(over: Partial<CreateLoadBalancerCommandInput> = {}) {
  return (await emu.clients.elbv2.send(new CreateLoadBalancerCommand(lbInput(over)))).LoadBalancers![0];
}

/** An active ALB with an HTTP:80 listener forwarding to a fresh target group. */
async function site() {
  const tg = await createTg();
  const lb = await createLb();
  emu.advance(3 * min);
  const listener = (
    await emu.clients.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
      }),
    )
  ).Listeners![0];
  return { tg, lb, listener };
}

async function health(tgArn: string, instanceId?: string): Promise<TargetHealth> {
  const out = await emu.clients.elbv2.send(
    new DescribeTargetHealthCommand({
      TargetGroupArn: tgArn,
      Targets: instanceId ? [{ Id: instanceId }] : undefined,
    }),
  );
  return out.TargetHealthDescriptions![0].TargetHealth!;
}

describe('target groups', () => {
  it('creates one with the SPEC health check, returns it again for identical settings', async () => {
    const tg = await createTg();
    expect(tg.TargetGroupArn).toMatch(
      /^arn:aws:elasticloadbalancing:ap-northeast-1:\d{12}:targetgroup\/site-tg\/[0-9a-f]{16}$/,
    );
    expect(tg).toMatchObject({
      Protocol: 'HTTP',
      Port: 80,
      VpcId: net.vpcId,
      HealthCheckPath: '/wp-includes/images/blank.gif',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      TargetType: 'instance',
    });
    expect((await createTg()).TargetGroupArn).toBe(tg.TargetGroupArn);
  });

  it('rejects other settings under the same name, and names over 32 characters', async () => {
    await createTg();
    expect(await code(createTg({ HealthCheckPath: '/' }))).toBe('DuplicateTargetGroupNameException');
    expect(await code(createTg({ Name: 'x'.repeat(33) }))).toBe('ValidationError');
  });

  it('describes by name and by load balancer, and answers TargetGroupNotFound', async () => {
    const { tg, lb } = await site();
    const byName = await emu.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['site-tg'] }));
    expect(byName.TargetGroups![0].LoadBalancerArns).toEqual([lb.LoadBalancerArn]);
    const byLb = await emu.clients.elbv2.send(
      new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    expect(byLb.TargetGroups!.map((t) => t.TargetGroupArn)).toEqual([tg.TargetGroupArn]);
    expect(await code(emu.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['nope'] })))).toBe(
      'TargetGroupNotFoundException',
    );
  });

  it('cannot be deleted while a listener forwards to it', async () => {
    const { tg, listener } = await site();
    const del = () =>
      emu.clients.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn }));
    expect(await code(del())).toBe('ResourceInUseException');
    await emu.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }));
    await del();
    expect(
      await code(
        emu.clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [tg.TargetGroupArn!] })),
      ),
    ).toBe('TargetGroupNotFoundException');
  });
});

describe('load balancers', () => {
  it('is provisioning for 3 minutes, then active; its DNSName opens on loopback', async () => {
    const lb = await createLb();
    expect(lb.State!.Code).toBe('provisioning');
    expect(lb.DNSName).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(lb.AvailabilityZones!.map((z) => z.ZoneName).sort()).toEqual([AZ_A, AZ_C]);
    expect(lb.SecurityGroups).toEqual([net.elbSg]);
    expect(lb.VpcId).toBe(net.vpcId);
    emu.advance(3 * min);
    const result = await waitUntilLoadBalancerAvailable(fastWaiter(emu.clients.elbv2), {
      LoadBalancerArns: [lb.LoadBalancerArn!],
    });
    expect(result.state).toBe('SUCCESS');
  });

  it('returns the same load balancer for identical settings and rejects different ones', async () => {
    const lb = await createLb();
    expect((await createLb()).LoadBalancerArn).toBe(lb.LoadBalancerArn);
    expect(await code(createLb({ Scheme: 'internal' }))).toBe('DuplicateLoadBalancerNameException');
  });

  it('needs subnets in two distinct AZs, existing subnets and security groups', async () => {
    expect(await code(createLb({ Subnets: [net.publicSubnets[0]] }))).toBe(
      'InvalidConfigurationRequestException',
    );
    expect(await code(createLb({ Subnets: [net.publicSubnets[0], net.privateSubnets[0]] }))).toBe(
      'InvalidConfigurationRequestException',
    );
    expect(await code(createLb({ Subnets: [net.publicSubnets[0], 'subnet-0123456789abcdef0'] }))).toBe(
      'SubnetNotFoundException',
    );
    expect(await code(createLb({ SecurityGroups: ['sg-0123456789abcdef0'] }))).toBe(
      'InvalidSecurityGroupException',
    );
  });

  it('refuses an internet-facing load balancer in a VPC without an internet gateway', async () => {
    const vpcId = (await emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!
      .VpcId!;
    const subnets = [];
    for (const [cidr, az] of [
      ['10.1.0.0/24', AZ_A],
      ['10.1.1.0/24', AZ_C],
    ]) {
      const out = await emu.clients.ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az }),
      );
      subnets.push(out.Subnet!.SubnetId!);
    }
    expect(await code(createLb({ Name: 'no-igw', Subnets: subnets, SecurityGroups: [] }))).toBe(
      'InvalidSubnetException',
    );
    expect(
      await code(createLb({ Name: 'no-igw', Subnets: subnets, SecurityGroups: [], Scheme: 'internal' })),
    ).toBe('no error');
  });

  it('creates one ENI with a public IP in each subnet', async () => {
    await createLb();
    const out = await emu.clients.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [net.elbSg] }] }),
    );
    const enis = out.NetworkInterfaces!;
    expect(enis.map((e) => e.SubnetId).sort()).toEqual([...net.publicSubnets].sort());
    expect(enis.every((e) => e.Association?.PublicIp !== undefined)).toBe(true);
    expect(enis.every((e) => e.Description?.startsWith('ELB app/site-alb/'))).toBe(true);
  });

  it('describes by name and pages with Marker', async () => {
    await createLb();
    await createLb({ Name: 'other-alb' });
    expect(
      await code(emu.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['missing-alb'] }))),
    ).toBe('LoadBalancerNotFoundException');
    const first = await emu.clients.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 1 }));
    expect(first.LoadBalancers).toHaveLength(1);
    expect(first.NextMarker).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateDescribeLoadBalancers({ client: emu.clients.elbv2, pageSize: 1 }, {})) {
      names.push(...page.LoadBalancers!.map((l) => l.LoadBalancerName!));
    }
    expect(names.sort()).toEqual(['other-alb', 'site-alb']);
  });

  it('leaves its ENIs behind for 5 minutes after deletion: detaching the IGW fails until they go', async () => {
    const lb = await createLb();
    await emu.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    await emu.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn })); // gone: still succeeds
    const deleted = await waitUntilLoadBalancersDeleted(fastWaiter(emu.clients.elbv2), {
      LoadBalancerArns: [lb.LoadBalancerArn!],
    });
    expect(deleted.state).toBe('SUCCESS');
    const detach = () =>
      emu.clients.ec2.send(
        new DetachInternetGatewayCommand({ InternetGatewayId: net.igwId, VpcId: net.vpcId }),
      );
    expect(await code(detach())).toBe('DependencyViolation');
    emu.advance(5 * min - 1000);
    expect(await code(detach())).toBe('DependencyViolation');
    emu.advance(1000);
    expect(await code(detach())).toBe('no error');
  });

  it('honours the eniLingerMs fault', async () => {
    await emu.admin('POST', '/_sandbox/faults', { eniLingerMs: 10 * s });
    const lb = await createLb();
    await emu.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    emu.advance(10 * s);
    const out = await emu.clients.ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [net.elbSg] }] }),
    );
    expect(out.NetworkInterfaces).toEqual([]);
  });
});

describe('listeners', () => {
  it('forwards HTTP:80 to the target group; a different action on the port is a DuplicateListener', async () => {
    const { lb, listener, tg } = await site();
    expect(listener).toMatchObject({ Port: 80, Protocol: 'HTTP', LoadBalancerArn: lb.LoadBalancerArn });
    expect(listener.DefaultActions![0]).toMatchObject({ Type: 'forward', TargetGroupArn: tg.TargetGroupArn });
    const other = await createTg({ Name: 'other-tg' });
    expect(
      await code(
        emu.clients.elbv2.send(
          new CreateListenerCommand({
            LoadBalancerArn: lb.LoadBalancerArn,
            Protocol: 'HTTP',
            Port: 80,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: other.TargetGroupArn }],
          }),
        ),
      ),
    ).toBe('DuplicateListenerException');
    const described = await emu.clients.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    expect(described.Listeners!.map((l) => l.ListenerArn)).toEqual([listener.ListenerArn]);
    await emu.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }));
    expect(
      await code(emu.clients.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }))),
    ).toBe('ListenerNotFoundException');
  });
});

describe('target health', () => {
  it('is unused / Target.NotInUse while no load balancer forwards to the group', async () => {
    const tg = await createTg();
    await registeredWeb(emu, tg.TargetGroupArn!, net.publicSubnets[0], net.webSg);
    expect(await health(tg.TargetGroupArn!)).toMatchObject({ State: 'unused', Reason: 'Target.NotInUse' });
  });

  it('rejects unknown and not-running instances', async () => {
    const { tg } = await site();
    const register = (id: string) =>
      emu.clients.elbv2.send(
        new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: id }] }),
      );
    expect(await code(register('i-0123456789abcdef0'))).toBe('InvalidTargetException');
    const pending = await launchWeb(emu.clients.ec2, net.publicSubnets[0], net.webSg);
    expect(await code(register(pending))).toBe('InvalidTargetException');
  });

  it('goes initial → healthy after the boot time, unused while stopped, and healthy again after a start', async () => {
    const { tg } = await site();
    const web = await registeredWeb(emu, tg.TargetGroupArn!, net.publicSubnets[0], net.webSg);
    expect(await health(tg.TargetGroupArn!)).toMatchObject({
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
    });
    emu.advance(30 * s); // first check: 30 s of uptime < 60 s boot
    expect(await health(tg.TargetGroupArn!)).toMatchObject({
      State: 'initial',
      Reason: 'Elb.InitialHealthChecking',
    });
    emu.advance(30 * s); // second check passes: one pass makes a new target healthy
    expect((await health(tg.TargetGroupArn!)).State).toBe('healthy');
    const inService = await waitUntilTargetInService(fastWaiter(emu.clients.elbv2), {
      TargetGroupArn: tg.TargetGroupArn,
      Targets: [{ Id: web }],
    });
    expect(inService.state).toBe('SUCCESS');

    await emu.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [web] }));
    emu.advance(30 * s);
    expect(await health(tg.TargetGroupArn!)).toMatchObject({
      State: 'unused',
      Reason: 'Target.InvalidState',
    });

    await emu.clients.ec2.send(new StartInstancesCommand({ InstanceIds: [web] }));
    emu.advance(30 * s); // running again, just booting
    expect((await health(tg.TargetGroupArn!)).State).toBe('initial');
    emu.advance(60 * s);
    expect((await health(tg.TargetGroupArn!)).State).toBe('healthy');
  });

  it('times out when the web security group does not let the ALB in', async () => {
    const { tg } = await site();
    const closedSg = (
      await emu.clients.ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: net.vpcId,
          GroupName: 'closed-sg',
          Description: 'no ingress',
        }),
      )
    ).GroupId!;
    await registeredWeb(emu, tg.TargetGroupArn!, net.publicSubnets[0], closedSg);
    emu.advance(5 * min);
    expect(await health(tg.TargetGroupArn!)).toMatchObject({ State: 'unhealthy', Reason: 'Target.Timeout' });
  });

  it('fails on the response code after ModifyTargetGroup sets a matcher the site does not answer', async () => {
    const { tg } = await site();
    const modified = await emu.clients.elbv2.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn, Matcher: { HttpCode: '301,302' } }),
    );
    expect(modified.TargetGroups![0].Matcher).toEqual({ HttpCode: '301,302' });
    await registeredWeb(emu, tg.TargetGroupArn!, net.publicSubnets[0], net.webSg);
    emu.advance(5 * min);
    expect(await health(tg.TargetGroupArn!)).toMatchObject({
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
    });
  });

  it('drains a deregistered target for the deregistration delay, then reports it not registered', async () => {
    const { tg } = await site();
    const web = await registeredWeb(emu, tg.TargetGroupArn!, net.publicSubnets[0], net.webSg);
    emu.advance(2 * min);
    await emu.clients.elbv2.send(
      new DeregisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: web }] }),
    );
    expect(await health(tg.TargetGroupArn!, web)).toMatchObject({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
    });
    emu.advance(300 * s);
    expect(await health(tg.TargetGroupArn!, web)).toMatchObject({
      State: 'unused',
      Reason: 'Target.NotRegistered',
    });
    const all = await emu.clients.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }),
    );
    expect(all.TargetHealthDescriptions).toEqual([]);
  });
});

describe('tags', () => {
  it('adds, describes and removes tags on load balancers and target groups', async () => {
    const tg = await createTg({ Tags: [{ Key: 'sitebot:env', Value: 'site' }] });
    const lb = await createLb();
    await emu.clients.elbv2.send(
      new AddTagsCommand({
        ResourceArns: [lb.LoadBalancerArn!, tg.TargetGroupArn!],
        Tags: [{ Key: 'sitebot:run', Value: 'r1' }],
      }),
    );
    const out = await emu.clients.elbv2.send(
      new DescribeTagsCommand({ ResourceArns: [lb.LoadBalancerArn!, tg.TargetGroupArn!] }),
    );
    expect(out.TagDescriptions!.map((d) => d.Tags!.map((t) => t.Key))).toEqual([
      ['sitebot:run'],
      ['sitebot:env', 'sitebot:run'],
    ]);
    await emu.clients.elbv2.send(
      new RemoveTagsCommand({ ResourceArns: [tg.TargetGroupArn!], TagKeys: ['sitebot:env'] }),
    );
    const after = await emu.clients.elbv2.send(
      new DescribeTagsCommand({ ResourceArns: [tg.TargetGroupArn!] }),
    );
    expect(after.TagDescriptions![0].Tags).toEqual([{ Key: 'sitebot:run', Value: 'r1' }]);
  });
});
