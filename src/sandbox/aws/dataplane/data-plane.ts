/**
 * The ALB data plane of one emulator world: a real HTTP server per load balancer, opened by
 * CreateLoadBalancer and closed by DeleteLoadBalancer, by `world.reset()` (it registers as a
 * resource lister with no resources of its own) and by `world.close()` (an `onClose` hook).
 *
 * LIMITATIONS: a load balancer's DNSName is `127.0.0.1:<port>` (so `http://<DNSName>/` opens
 * from this machine; on AWS it is a DNS name). The port stands for the listener on port 80
 * (any HTTP listener enables it). Requests are answered by the rules in `site-answer.ts`, not
 * forwarded to the targets; all-unhealthy targets give 503 (no fail-open routing).
 */
import { elbModelOf } from '../elbv2/registry';
import type { LoadBalancer } from '../elbv2/types';
import { rdsModelOf } from '../rds/registry';
import { statusOf } from '../rds/types';
import { perWorld, type World } from '../world';
import { AlbServer } from './alb-server';
import { decideSiteAnswer, type SiteAnswer } from './site-answer';

export class DataPlane {
  private readonly servers = new Map<string, { server: AlbServer; dnsName: Promise<string> }>();

  constructor(private readonly world: World) {}

  /** Starts (once) the server for a load balancer and resolves with its DNSName. */
  open(lb: LoadBalancer): Promise<string> {
    const existing = this.servers.get(lb.arn);
    if (existing) return existing.dnsName;
    const server = new AlbServer(lb.name, () => this.answerFor(lb.arn));
    const dnsName = server.listen().then((port) => `127.0.0.1:${port}`);
    this.servers.set(lb.arn, { server, dnsName });
    return dnsName;
  }

  async close(lbArn: string): Promise<void> {
    const entry = this.servers.get(lbArn);
    if (!entry) return;
    this.servers.delete(lbArn);
    await entry.server.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((arn) => this.close(arn)));
  }

  answerFor(lbArn: string): SiteAnswer {
    const elb = elbModelOf(this.world);
    const lb = elb.findLoadBalancer(lbArn);
    if (!lb) return { kind: 'reset' };
    return decideSiteAnswer({
      loadBalancerActive: elb.stateOf(lb) === 'active',
      httpListener: elb.listenersOf(lb.arn).some((l) => l.protocol === 'HTTP'),
      healthyTarget: elb.hasHealthyTarget(lb),
      dbStatuses: rdsModelOf(this.world).instancesInVpc(lb.vpcId).map(statusOf),
    });
  }

  listResources(): [] {
    return [];
  }

  reset(): void {
    void this.closeAll();
  }
}

export const dataPlaneOf = perWorld((world) => {
  const plane = new DataPlane(world);
  world.onClose(() => plane.closeAll());
  return plane;
});
