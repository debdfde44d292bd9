/**
 * The ALB data plane: each load balancer's DNSName is a loopback address that answers real
 * HTTP, following target health and the VPC's DB state — what the availability drill probes.
 */
import { StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteLoadBalancerCommand,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { buildNetwork, createSiteDb, registeredWeb, type Network } from './elbv2-network-fixture';

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

/** What a browser would see: the status, or 'refused' when the connection fails. */
async function probe(lb: LoadBalancer): Promise<number | 'refused'> {
  try {
    const res = await fetch(`http://${lb.DNSName}/`, { signal: AbortSignal.timeout(2000) });
    await res.text();
    return res.status;
  } catch {
    return 'refused';
  }
}

function createDb(multiAz: boolean): Promise<void> {
  return createSiteDb(emu.clients.rds, net, multiAz);
}

async function createAlb(): Promise<{ lb: LoadBalancer; tgArn: string }> {
  const tg = await emu.clients.elbv2.send(
    new CreateTargetGroupCommand({ Name: 'site-tg', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId }),
  );
  const tgArn = tg.TargetGroups![0].TargetGroupArn!;
  const out = await emu.clients.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: 'site-alb',
      Subnets: net.publicSubnets,
      SecurityGroups: [net.elbSg],
    }),
  );
  return { lb: out.LoadBalancers![0], tgArn };
}

async function listen(lb: LoadBalancer, tgArn: string): Promise<void> {
  await emu.clients.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
}

describe('ALB data plane', () => {
  it('refuses connections until the load balancer is active with a listener', async () => {
    const { lb, tgArn } = await createAlb();
    expect(await probe(lb)).toBe('refused');
    emu.advance(3 * min);
    expect(await probe(lb)).toBe('refused'); // active, but no listener yet
    await listen(lb, tgArn);
    expect(await probe(lb)).toBe(503); // no healthy target
  });

  it('follows the drill: 200 → 503 with no healthy target → 200 → 504 during DB failover → 200', async () => {
    await createDb(true);
    const { lb, tgArn } = await createAlb();
    emu.advance(12 * min); // DB available, ALB active
    await listen(lb, tgArn);
    const web = await registeredWeb(emu, tgArn, net.publicSubnets[0], net.webSg);
    emu.advance(60 * s);

    const res = await fetch(`http://${lb.DNSName}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('WordPress');

    await emu.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [web] }));
    emu.advance(30 * s);
    const unavailable = await fetch(`http://${lb.DNSName}/`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('server')).toBe('awselb/2.0');
    await unavailable.text();

    await emu.clients.ec2.send(new StartInstancesCommand({ InstanceIds: [web] }));
    emu.advance(30 * s + 60 * s);
    expect(await probe(lb)).toBe(200);

    await emu.clients.rds.send(
      new RebootDBInstanceCommand({ DBInstanceIdentifier: 'site-db', ForceFailover: true }),
    );
    const started = Date.now();
    const timeout = await fetch(`http://${lb.DNSName}/`);
    expect(timeout.status).toBe(504);
    expect(await timeout.text()).toContain('504 Gateway Time-out');
    expect(Date.now() - started).toBeLessThan(1000);
    emu.advance(90 * s);
    expect(await probe(lb)).toBe(200);
  });

  it('keeps serving through one stopped web server when another is healthy', async () => {
    await createDb(false);
    const { lb, tgArn } = await createAlb();
    emu.advance(8 * min);
    await listen(lb, tgArn);
    const web1 = await registeredWeb(emu, tgArn, net.publicSubnets[0], net.webSg);
    await registeredWeb(emu, tgArn, net.publicSubnets[1], net.webSg);
    emu.advance(60 * s);
    expect(await probe(lb)).toBe(200);
    await emu.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [web1] }));
    emu.advance(30 * s);
    expect(await probe(lb)).toBe(200);
  });

  it("answers WordPress's database error when the VPC has no DB", async () => {
    const { lb, tgArn } = await createAlb();
    emu.advance(3 * min);
    await listen(lb, tgArn);
    await registeredWeb(emu, tgArn, net.publicSubnets[0], net.webSg);
    emu.advance(60 * s);
    expect(await probe(lb)).toBe(500);
  });

  it('stops answering when the load balancer is deleted, on reset and on emulator close', async () => {
    const { lb, tgArn } = await createAlb();
    emu.advance(3 * min);
    await listen(lb, tgArn);
    expect(await probe(lb)).toBe(503);
    await emu.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    expect(await probe(lb)).toBe('refused');

    const other = await createAlb();
    emu.advance(3 * min);
    await listen(other.lb, other.tgArn);
    expect(await probe(other.lb)).toBe(503);
    await emu.admin('POST', '/_sandbox/reset');
    expect(await probe(other.lb)).toBe('refused');

    net = await buildNetwork(emu.clients.ec2); // reset cleared the VPC too
    const third = await createAlb();
    emu.advance(3 * min);
    await listen(third.lb, third.tgArn);
    expect(await probe(third.lb)).toBe(503);
    await emu.close();
    expect(await probe(third.lb)).toBe('refused');
    emu = await startTestEmulator(); // afterEach closes this one
  });
});
