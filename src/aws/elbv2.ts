/**
 * ELBv2 adapter: target groups and load balancers by their (region-unique) names, listeners
 * by load balancer, and target health.
 */
import { say } from '../i18n/said';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
  type TargetGroup,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { isNotFound } from './errors';
import { failure, retry, success, type Readiness } from './readiness';
import type { Tag } from './tags';

/** The first item a by-name Describe finds; a `*NotFound` error means none. */
async function firstByName<P, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
): Promise<T | undefined> {
  try {
    for await (const page of pages) {
      const item = pick(page)?.[0];
      if (item) return item;
    }
    return undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface CreateTargetGroupInput {
  name: string;
  vpcId: string;
  healthCheckPath: string;
  tags: Tag[];
}

export class Elbv2Adapter {
  constructor(readonly client: ElasticLoadBalancingV2Client) {}

  findTargetGroup(name: string): Promise<TargetGroup | undefined> {
    return firstByName(
      paginateDescribeTargetGroups({ client: this.client }, { Names: [name] }),
      (p) => p.TargetGroups,
    );
  }

  findLoadBalancer(name: string): Promise<LoadBalancer | undefined> {
    return firstByName(
      paginateDescribeLoadBalancers({ client: this.client }, { Names: [name] }),
      (p) => p.LoadBalancers,
    );
  }

  async listeners(loadBalancerArn: string): Promise<Listener[]> {
    const out: Listener[] = [];
    for await (const p of paginateDescribeListeners(
      { client: this.client },
      { LoadBalancerArn: loadBalancerArn },
    )) {
      out.push(...(p.Listeners ?? []));
    }
    return out;
  }

  async createTargetGroup(input: CreateTargetGroupInput): Promise<TargetGroup> {
    const out = await this.client.send(
      new CreateTargetGroupCommand({
        Name: input.name,
        Protocol: 'HTTP',
        ProtocolVersion: 'HTTP1',
        Port: 80,
        VpcId: input.vpcId,
        TargetType: 'instance',
        IpAddressType: 'ipv4',
        HealthCheckProtocol: 'HTTP',
        HealthCheckPath: input.healthCheckPath,
        HealthCheckEnabled: true,
        Matcher: { HttpCode: '200' },
        Tags: input.tags,
      }),
    );
    return out.TargetGroups![0];
  }

  async createLoadBalancer(
    name: string,
    subnetIds: string[],
    securityGroupIds: string[],
    tags: Tag[],
  ): Promise<LoadBalancer> {
    const out = await this.client.send(
      new CreateLoadBalancerCommand({
        Name: name,
        Type: 'application',
        Scheme: 'internet-facing',
        IpAddressType: 'ipv4',
        Subnets: subnetIds,
        SecurityGroups: securityGroupIds,
        Tags: tags,
      }),
    );
    return out.LoadBalancers![0];
  }

  async createHttpListener(loadBalancerArn: string, targetGroupArn: string, tags: Tag[]): Promise<Listener> {
    const out = await this.client.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
        Tags: tags,
      }),
    );
    return out.Listeners![0];
  }

  /** Registering a registered target again is a no-op in ELBv2, so this is idempotent. */
  async registerInstances(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    await this.client.send(
      new RegisterTargetsCommand({
        TargetGroupArn: targetGroupArn,
        Targets: instanceIds.map((Id) => ({ Id, Port: 80 })),
      }),
    );
  }

  async targetHealth(targetGroupArn: string): Promise<TargetHealthDescription[]> {
    const out = await this.client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    return out.TargetHealthDescriptions ?? [];
  }
}

export function loadBalancerActive(lb: LoadBalancer | undefined): Readiness<LoadBalancer> {
  const code = lb?.State?.Code;
  if (!lb || !code) return retry(say('work.notVisible', { what: 'load balancer' }));
  if (code === 'active') return success('active', lb);
  if (code === 'provisioning') return retry('provisioning');
  const reason = lb.State?.Reason;
  return failure(
    reason
      ? say('work.isInStateBecause', { what: 'load balancer', state: code, reason })
      : say('work.isInState', { what: 'load balancer', state: code }),
  );
}

/** SUCCESS when every one of `instanceIds` is registered and `healthy`. */
export function targetsHealthy(
  health: TargetHealthDescription[],
  instanceIds: string[],
): Readiness<undefined> {
  const byId = new Map(health.map((h) => [h.Target?.Id, h.TargetHealth?.State]));
  const states = say('work.targetStates', {
    states: instanceIds.map((id) => say('work.targetState', { id, state: byId.get(id) ?? 'unregistered' })),
  });
  const allHealthy = instanceIds.every((id) => byId.get(id) === 'healthy');
  return allHealthy ? success(say('work.allHealthy', { states })) : retry(states);
}
