/**
 * The ELBv2 model: Application Load Balancers, target groups, listeners, registered targets
 * and tags. Lazy like every model here: a load balancer stores when it becomes active, a
 * target when it was registered / starts draining, and health is computed on each read.
 */
import { tagRecord, type ResourceLister, type SandboxResource } from '../world';
import {
  buildLoadBalancer,
  sameLoadBalancerSettings,
  type CreateLoadBalancerInput,
} from './create-load-balancer';
import {
  buildTargetGroup,
  sameTargetGroupSettings,
  type CreateTargetGroupInput,
} from './create-target-group';
import { elbErrors } from './errors';
import { elbArn, hexId } from './names';
import type { ElbEnv, InstanceView } from './ports';
import { evaluateTargetHealth } from './target-health';
import {
  lbStateAt,
  type Listener,
  type LoadBalancer,
  type RegisteredTarget,
  type Tag,
  type TargetGroup,
  type TargetHealth,
} from './types';

/** Whether an ALB matcher (`200`, `200-299`, `200,302`) accepts a status code. */
export function matcherAccepts(matcher: string, code: number): boolean {
  return matcher.split(',').some((part) => {
    const [low, high] = part.split('-').map(Number);
    return high === undefined ? code === low : low <= code && code <= high;
  });
}

/** `app/<name>/<id>`, the part of a load balancer's ARN that its ENIs and listeners name. */
function lbPath(lb: LoadBalancer): string {
  return lb.arn.split(':loadbalancer/')[1];
}

export interface TargetRef {
  id: string;
  port?: number;
}

export interface TargetHealthView {
  target: { id: string; port: number; availabilityZone?: string };
  healthCheckPort: string;
  health: TargetHealth;
}

export class ElbModel implements ResourceLister {
  private readonly loadBalancers = new Map<string, LoadBalancer>();
  private readonly targetGroups = new Map<string, TargetGroup>();
  private readonly listeners = new Map<string, Listener>();

  constructor(private readonly env: ElbEnv) {}

  // ---- load balancers ------------------------------------------------------------------

  /** Returns the load balancer and whether this call created it (an identical repeat returns the existing one). */
  createLoadBalancer(input: CreateLoadBalancerInput): { lb: LoadBalancer; created: boolean } {
    const lb = buildLoadBalancer(this.env, input);
    const existing = [...this.loadBalancers.values()].find((l) => l.name === lb.name);
    if (existing) {
      if (!sameLoadBalancerSettings(existing, lb)) throw elbErrors.duplicateLoadBalancerName(lb.name);
      return { lb: existing, created: false };
    }
    if (this.loadBalancers.size >= this.env.quotas().applicationLoadBalancers)
      throw elbErrors.tooManyLoadBalancers();
    lb.enis = lb.subnets.map((s) =>
      this.env.ec2.createNetworkInterface({
        subnetId: s.subnetId,
        groupIds: lb.securityGroups,
        description: `ELB ${lbPath(lb)}`,
        interfaceType: 'interface',
        requesterManaged: true,
        associatePublicIp: lb.scheme === 'internet-facing',
      }),
    );
    this.loadBalancers.set(lb.arn, lb);
    return { lb, created: true };
  }

  getLoadBalancer(arn: string): LoadBalancer {
    const lb = this.loadBalancers.get(arn);
    if (!lb) throw elbErrors.loadBalancerNotFound(`Load balancer '${arn}' not found`);
    return lb;
  }

  findLoadBalancer(arn: string): LoadBalancer | undefined {
    return this.loadBalancers.get(arn);
  }

  listLoadBalancers(): LoadBalancer[] {
    return [...this.loadBalancers.values()].sort(
      (a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name),
    );
  }

  stateOf(lb: LoadBalancer): 'provisioning' | 'active' {
    return lbStateAt(lb, this.env.now());
  }

  /** Deleting an unknown load balancer succeeds, as on AWS. Its ENIs linger before they go. */
  deleteLoadBalancer(arn: string): LoadBalancer | undefined {
    const lb = this.loadBalancers.get(arn);
    if (!lb) return undefined;
    for (const listener of this.listenersOf(lb.arn)) this.listeners.delete(listener.arn);
    const linger = this.env.eniLingerMs();
    for (const eni of lb.enis) this.env.ec2.deleteNetworkInterface(eni, { afterMs: linger });
    this.loadBalancers.delete(arn);
    return lb;
  }

  /** What DescribeAccountLimits reports: the account's quotas and AWS's defaults for the rest. */
  accountLimits(): { name: string; max: number }[] {
    const quotas = this.env.quotas();
    return [
      { name: 'application-load-balancers', max: quotas.applicationLoadBalancers },
      { name: 'target-groups', max: quotas.targetGroups },
      { name: 'listeners-per-application-load-balancer', max: 50 },
      { name: 'rules-per-application-load-balancer', max: 100 },
      { name: 'targets-per-application-load-balancer', max: 1000 },
      { name: 'target-groups-per-application-load-balancer', max: 100 },
      { name: 'network-load-balancers', max: 50 },
      { name: 'gateway-load-balancers', max: 100 },
    ];
  }

  // ---- target groups -------------------------------------------------------------------

  createTargetGroup(input: CreateTargetGroupInput): TargetGroup {
    const tg = buildTargetGroup(this.env, input);
    const existing = [...this.targetGroups.values()].find((t) => t.name === tg.name);
    if (existing) {
      if (!sameTargetGroupSettings(existing, tg)) throw elbErrors.duplicateTargetGroupName(tg.name);
      return existing;
    }
    if (this.targetGroups.size >= this.env.quotas().targetGroups) throw elbErrors.tooManyTargetGroups();
    this.targetGroups.set(tg.arn, tg);
    return tg;
  }

  getTargetGroup(arn: string): TargetGroup {
    const tg = this.targetGroups.get(arn);
    if (!tg) throw elbErrors.targetGroupNotFound(`Target groups '${arn}' not found`);
    return tg;
  }

  listTargetGroups(): TargetGroup[] {
    return [...this.targetGroups.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The load balancers whose listeners forward to this group. */
  loadBalancersOf(tg: TargetGroup): LoadBalancer[] {
    const arns = new Set(
      [...this.listeners.values()].filter((l) => l.targetGroupArn === tg.arn).map((l) => l.loadBalancerArn),
    );
    return [...arns].map((arn) => this.getLoadBalancer(arn));
  }

  /** Deleting an unknown target group succeeds (AWS lists only ResourceInUse for this call). */
  deleteTargetGroup(arn: string): void {
    const tg = this.targetGroups.get(arn);
    if (!tg) return;
    if (this.loadBalancersOf(tg).length > 0) {
      throw elbErrors.resourceInUse(`Target group '${arn}' is currently in use by a listener or a rule`);
    }
    this.targetGroups.delete(arn);
  }

  modifyTargetGroup(arn: string, changes: Partial<TargetGroup['healthCheck']>): TargetGroup {
    const tg = this.getTargetGroup(arn);
    const next = { ...tg.healthCheck };
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    }
    if (next.timeoutSeconds >= next.intervalSeconds) {
      throw elbErrors.validation('Health check timeout must be smaller than the interval');
    }
    tg.healthCheck = next;
    return tg;
  }

  // ---- listeners -----------------------------------------------------------------------

  createListener(input: {
    loadBalancerArn: string;
    protocol?: string;
    port?: number;
    targetGroupArn?: string;
    tags: Tag[];
  }): Listener {
    const lb = this.getLoadBalancer(input.loadBalancerArn);
    const protocol = input.protocol ?? 'HTTP';
    if (protocol !== 'HTTP') throw elbErrors.unsupportedProtocol(protocol);
    const port = input.port;
    if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw elbErrors.validation('A listener port must be specified between 1 and 65535');
    }
    if (!input.targetGroupArn)
      throw elbErrors.validation('A forward action with a target group must be specified');
    const tg = this.getTargetGroup(input.targetGroupArn);
    if (tg.vpcId !== lb.vpcId) {
      throw elbErrors.validation(`Target group '${tg.arn}' is not in the same VPC as the load balancer`);
    }
    const otherLb = this.loadBalancersOf(tg).find((l) => l.arn !== lb.arn);
    if (otherLb) throw elbErrors.targetGroupAssociationLimit(tg.arn);
    const existing = this.listenersOf(lb.arn).find((l) => l.port === port);
    if (existing) {
      if (existing.protocol === protocol && existing.targetGroupArn === tg.arn) return existing;
      throw elbErrors.duplicateListener();
    }
    const listener: Listener = {
      arn: elbArn(this.env.region, this.env.accountId, `listener/${lbPath(lb)}/${hexId()}`),
      loadBalancerArn: lb.arn,
      port,
      protocol,
      targetGroupArn: tg.arn,
      createdAt: this.env.now(),
      tags: input.tags,
    };
    this.listeners.set(listener.arn, listener);
    return listener;
  }

  listenersOf(lbArn: string): Listener[] {
    return [...this.listeners.values()]
      .filter((l) => l.loadBalancerArn === lbArn)
      .sort((a, b) => a.port - b.port);
  }

  getListener(arn: string): Listener {
    const listener = this.listeners.get(arn);
    if (!listener) throw elbErrors.listenerNotFound(`Listener '${arn}' not found`);
    return listener;
  }

  deleteListener(arn: string): void {
    this.getListener(arn);
    this.listeners.delete(arn);
  }

  // ---- targets -------------------------------------------------------------------------

  registerTargets(arn: string, targets: TargetRef[]): void {
    const tg = this.getTargetGroup(arn);
    this.settleTargets(tg);
    const now = this.env.now();
    const instances = targets.map((t) => ({ ref: t, instance: this.env.ec2.getInstance(t.id) }));
    const invalid = instances.filter((t) => !t.instance).map((t) => t.ref.id);
    if (invalid.length > 0) {
      throw elbErrors.invalidTarget(
        `The following targets are not valid instances: '${invalid.join("', '")}'`,
      );
    }
    const otherVpc = instances.filter((t) => t.instance!.vpcId !== tg.vpcId).map((t) => t.ref.id);
    if (otherVpc.length > 0) {
      throw elbErrors.invalidTarget(
        `The following targets are not in the target group VPC '${tg.vpcId}': '${otherVpc.join("', '")}'`,
      );
    }
    const notRunning = instances.filter((t) => t.instance!.state !== 'running').map((t) => t.ref.id);
    if (notRunning.length > 0) {
      throw elbErrors.invalidTarget(
        `The following targets are not in a running state and cannot be registered: '${notRunning.join("', '")}'`,
      );
    }
    for (const { ref } of instances) {
      const port = ref.port ?? tg.port;
      const existing = tg.targets.find((t) => t.id === ref.id && t.port === port);
      if (existing && existing.drainUntil === undefined) continue;
      tg.targets = tg.targets.filter((t) => t !== existing);
      tg.targets.push({ id: ref.id, port, registeredAt: now });
    }
  }

  /** Deregistering a target that is not registered succeeds, as on AWS. */
  deregisterTargets(arn: string, targets: TargetRef[]): void {
    const tg = this.getTargetGroup(arn);
    this.settleTargets(tg);
    const now = this.env.now();
    const inUse = this.inUseSince(tg) !== undefined;
    for (const ref of targets) {
      const port = ref.port ?? tg.port;
      const target = tg.targets.find((t) => t.id === ref.id && t.port === port && t.drainUntil === undefined);
      if (!target) continue;
      if (inUse) target.drainUntil = now + tg.deregistrationDelaySeconds * 1000;
      else tg.targets = tg.targets.filter((t) => t !== target);
    }
  }

  /** Health of every registered target, or of the listed ones (unregistered → unused / Target.NotRegistered). */
  describeTargetHealth(arn: string, targets?: TargetRef[]): TargetHealthView[] {
    const tg = this.getTargetGroup(arn);
    this.settleTargets(tg);
    const port = String(tg.port);
    const healthCheckPort = tg.healthCheck.port === 'traffic-port' ? port : tg.healthCheck.port;
    if (!targets || targets.length === 0) {
      return tg.targets.map((t) => ({
        target: { id: t.id, port: t.port },
        healthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(t.port) : healthCheckPort,
        health: this.healthOf(tg, t),
      }));
    }
    return targets.map((ref) => {
      const found = tg.targets.find(
        (t) => t.id === ref.id && (ref.port === undefined || t.port === ref.port),
      );
      if (!this.env.ec2.getInstance(ref.id)) {
        throw elbErrors.invalidTarget(`The following targets are not valid instances: '${ref.id}'`);
      }
      return {
        target: { id: ref.id, port: found?.port ?? ref.port ?? tg.port },
        healthCheckPort,
        health: found
          ? this.healthOf(tg, found)
          : {
              state: 'unused',
              reason: 'Target.NotRegistered',
              description: 'Target is not registered to the target group',
            },
      };
    });
  }

  /** When health checks could start: the earliest listener forwarding to it on an active load balancer. */
  private inUseSince(tg: TargetGroup): number | undefined {
    const starts = [...this.listeners.values()]
      .filter((l) => l.targetGroupArn === tg.arn)
      .map((l) => Math.max(l.createdAt, this.getLoadBalancer(l.loadBalancerArn).activeAt));
    return starts.length === 0 ? undefined : Math.min(...starts);
  }

  healthOf(tg: TargetGroup, target: RegisteredTarget): TargetHealth {
    const instance = this.env.ec2.getInstance(target.id);
    const lbs = this.loadBalancersOf(tg);
    return evaluateTargetHealth({
      now: this.env.now(),
      registeredAt: target.registeredAt,
      drainUntil: target.drainUntil,
      inUseSince: this.inUseSince(tg),
      instance,
      reachable:
        instance !== undefined &&
        this.reachable(
          instance,
          lbs,
          tg.healthCheck.port === 'traffic-port' ? target.port : Number(tg.healthCheck.port),
        ),
      codeMatches: matcherAccepts(tg.healthCheck.matcher, 200),
      intervalMs: tg.healthCheck.intervalSeconds * 1000,
      healthyThreshold: tg.healthCheck.healthyThreshold,
      unhealthyThreshold: tg.healthCheck.unhealthyThreshold,
      bootMs: this.env.durations.instanceBoot,
    });
  }

  private reachable(instance: InstanceView, lbs: LoadBalancer[], port: number): boolean {
    const allowsFrom = this.env.ec2.allowsFrom;
    if (!allowsFrom) return true;
    return lbs.some((lb) => allowsFrom(instance, lb.securityGroups, port));
  }

  /** Targets whose draining has ended are gone. */
  private settleTargets(tg: TargetGroup): void {
    const now = this.env.now();
    tg.targets = tg.targets.filter((t) => t.drainUntil === undefined || t.drainUntil > now);
  }

  /** Whether any target of any group this load balancer forwards to is healthy right now. */
  hasHealthyTarget(lb: LoadBalancer): boolean {
    return this.listenersOf(lb.arn).some((l) => {
      const tg = this.targetGroups.get(l.targetGroupArn);
      if (!tg) return false;
      this.settleTargets(tg);
      return tg.targets.some((t) => this.healthOf(tg, t).state === 'healthy');
    });
  }

  // ---- tags ----------------------------------------------------------------------------

  private taggable(arn: string): { tags: Tag[] } {
    const resource = arn.split(':')[5] ?? '';
    if (resource.startsWith('loadbalancer/')) return this.getLoadBalancer(arn);
    if (resource.startsWith('targetgroup/')) return this.getTargetGroup(arn);
    if (resource.startsWith('listener/')) return this.getListener(arn);
    throw elbErrors.validation(`'${arn}' is not a valid resource ARN`);
  }

  tagsOf(arn: string): Tag[] {
    return this.taggable(arn).tags;
  }

  addTags(arns: string[], tags: Tag[]): void {
    const keys = new Set<string>();
    for (const tag of tags) {
      if (keys.has(tag.Key)) throw elbErrors.duplicateTagKeys(tag.Key);
      keys.add(tag.Key);
    }
    const targets = arns.map((arn) => this.taggable(arn));
    for (const target of targets) {
      target.tags = [...target.tags.filter((t) => !keys.has(t.Key)), ...tags];
    }
  }

  removeTags(arns: string[], keys: string[]): void {
    const targets = arns.map((arn) => this.taggable(arn));
    for (const target of targets) target.tags = target.tags.filter((t) => !keys.includes(t.Key));
  }

  // ---- admin ---------------------------------------------------------------------------

  listResources(): SandboxResource[] {
    return [
      ...this.listLoadBalancers().map((lb) => ({
        service: 'elbv2',
        type: 'load-balancer',
        id: lb.arn,
        state: this.stateOf(lb),
        tags: tagRecord(lb.tags),
        details: { name: lb.name, dnsName: lb.dnsName, vpcId: lb.vpcId },
      })),
      ...this.listTargetGroups().map((tg) => ({
        service: 'elbv2',
        type: 'target-group',
        id: tg.arn,
        state: 'active',
        tags: tagRecord(tg.tags),
        details: { name: tg.name, targets: tg.targets.length },
      })),
      ...[...this.listeners.values()].map((l) => ({
        service: 'elbv2',
        type: 'listener',
        id: l.arn,
        state: 'active',
        tags: tagRecord(l.tags),
        details: { port: l.port },
      })),
    ];
  }

  reset(): void {
    this.loadBalancers.clear();
    this.targetGroups.clear();
    this.listeners.clear();
  }
}
