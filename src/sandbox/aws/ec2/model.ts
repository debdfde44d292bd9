/**
 * EC2 state: one store per resource kind, lazily settled against the virtual clock on every
 * read (an instance stores when `pending` ends; nothing runs on a timer). The resource files
 * (vpc.ts, subnet.ts, …) hold the rules and wire handlers; this class holds the data, the
 * shared helpers, and the API other emulated services (RDS, ELBv2) build on:
 * `getVpc`, `getSubnet`, `getSecurityGroup`, `getInstance`, `createNetworkInterface`,
 * `deleteNetworkInterface`.
 */
import { AwsError } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import type { RequestContext } from '../protocol/service';
import type { ResourceLister, SandboxResource, World } from '../world';
import { ipToString, parseCidr, size } from './cidr';
import { checkId } from './errors';
import type {
  Image,
  Instance,
  InternetGateway,
  NetworkInterface,
  RouteTable,
  SecurityGroup,
  Snapshot,
  Subnet,
  Vpc,
} from './types';
import { seedPublicImages } from './public-images';

export type Ec2Handler = (params: QueryParams, model: Ec2Model, ctx: RequestContext) => unknown;

export interface InstanceView extends Instance {
  tags: Record<string, string>;
  publicIpAddress?: string;
}

export interface CreateNetworkInterfaceOptions {
  subnetId: string;
  groupIds: string[];
  description: string;
  /** e.g. 'interface' (default), 'network_load_balancer'; ALB ENIs are 'interface' + requester-managed. */
  interfaceType?: string;
  requesterManaged?: boolean;
  associatePublicIp?: boolean;
  tags?: Record<string, string>;
}

export class Ec2Model implements ResourceLister {
  vpcs = new Map<string, Vpc>();
  subnets = new Map<string, Subnet>();
  internetGateways = new Map<string, InternetGateway>();
  routeTables = new Map<string, RouteTable>();
  securityGroups = new Map<string, SecurityGroup>();
  networkInterfaces = new Map<string, NetworkInterface>();
  instances = new Map<string, Instance>();
  images = new Map<string, Image>();
  snapshots = new Map<string, Snapshot>();
  /** EC2 tags of every resource, by resource id. */
  tags = new Map<string, Record<string, string>>();
  /** RunInstances ClientToken → the request's fingerprint and the reservation it made. */
  clientTokens = new Map<string, { fingerprint: string; reservationId: string; instanceIds: string[] }>();
  /** CreateRouteTable ClientToken → the request's fingerprint and the table it made. */
  routeTableTokens = new Map<string, { fingerprint: string; routeTableId: string }>();
  /** Virtual creation time of every id handed out (for the eventual-consistency fault). */
  private createdAt = new Map<string, number>();
  private publicIpCounter = 0;

  constructor(readonly world: World) {
    seedPublicImages(this);
  }

  get now(): number {
    return this.world.clock.now();
  }

  get accountId(): string {
    return this.world.accountId;
  }

  newId(prefix: string): string {
    const id = this.world.ids.next(prefix);
    this.createdAt.set(id, this.now);
    return id;
  }

  /** False while a fresh id has not "propagated" yet (only with the eventual-consistency fault). */
  isPropagated(id: string): boolean {
    const ms = this.world.faults.eventualConsistencyMs;
    if (!ms) return true;
    const at = this.createdAt.get(id);
    return at === undefined || this.now >= at + ms;
  }

  /**
   * What a listing Describe (no ids given) may show: everything but what was created less than
   * `describeLagMs` ago (only with that fault on). Describing by id is `isPropagated`'s job.
   */
  listed<T>(items: Iterable<T>, idOf: (item: T) => string): T[] {
    const lag = this.world.faults.describeLagMs;
    const all = [...items];
    if (!lag) return all;
    const now = this.now;
    return all.filter((item) => {
      const at = this.createdAt.get(idOf(item));
      return at === undefined || now >= at + lag;
    });
  }

  // ---- lazy settling -------------------------------------------------------------------

  /** Applies every state change whose time has come. Called before each read. */
  settle(): void {
    const now = this.now;
    for (const i of this.instances.values()) this.settleInstance(i, now);
    for (const eni of [...this.networkInterfaces.values()]) {
      if (eni.deleteAt !== undefined && eni.deleteAt <= now)
        this.networkInterfaces.delete(eni.networkInterfaceId);
    }
    for (const img of this.images.values()) {
      if (img.state === 'pending' && img.availableAt <= now) img.state = 'available';
    }
  }

  private settleInstance(i: Instance, now: number): void {
    if (i.transitionAt !== undefined && i.transitionAt <= now) {
      const at = i.transitionAt;
      i.transitionAt = undefined;
      if (i.state === 'pending') {
        i.state = 'running';
        i.runningSince = at;
        i.hasRun = true;
      } else if (i.state === 'stopping') {
        i.state = 'stopped';
        i.runningSince = undefined;
      } else if (i.state === 'shutting-down') {
        i.state = 'terminated';
        i.terminatedAt = at;
        i.runningSince = undefined;
        this.networkInterfaces.delete(i.networkInterfaceId);
      }
    }
    if (i.rebootUntil !== undefined && i.rebootUntil <= now) i.rebootUntil = undefined;
  }

  /** Terminated instances stay visible for a while, as on AWS, then vanish. */
  isVisible(i: Instance): boolean {
    return (
      i.state !== 'terminated' || this.now - (i.terminatedAt ?? 0) < this.world.durations.terminatedVisible
    );
  }

  // ---- tags ------------------------------------------------------------------------------

  tagsOf(id: string): Record<string, string> {
    return this.tags.get(id) ?? {};
  }

  addTags(id: string, tags: Record<string, string>): void {
    if (Object.keys(tags).length === 0) return;
    this.tags.set(id, { ...this.tagsOf(id), ...tags });
  }

  // ---- lookups that throw AWS's not-found errors ----------------------------------------

  requireVpc(id: string): Vpc {
    const v = this.vpcs.get(id);
    if (!v || !this.isPropagated(id)) throw checkId('vpc', id);
    return v;
  }

  requireSubnet(id: string): Subnet {
    const s = this.subnets.get(id);
    if (!s || !this.isPropagated(id)) throw checkId('subnet', id);
    return s;
  }

  requireSecurityGroup(id: string): SecurityGroup {
    const g = this.securityGroups.get(id);
    if (!g || !this.isPropagated(id)) throw checkId('sg', id);
    return g;
  }

  requireInstance(id: string): Instance {
    this.settle();
    const i = this.instances.get(id);
    if (!i || !this.isVisible(i) || !this.isPropagated(id)) throw checkId('i', id);
    return i;
  }

  requireImage(id: string): Image {
    this.settle();
    const img = this.images.get(id);
    if (!img || img.state === 'deregistered' || !this.isPropagated(id)) throw checkId('ami', id);
    return img;
  }

  // ---- addresses -------------------------------------------------------------------------

  allocatePrivateIp(subnet: Subnet): string {
    const cidr = parseCidr(subnet.cidrBlock);
    if (!cidr) throw new Error(`bad subnet CIDR ${subnet.cidrBlock}`);
    subnet.lastHostOffset += 1;
    if (subnet.lastHostOffset >= size(cidr) - 1) {
      throw new AwsError(
        'InsufficientFreeAddressesInSubnet',
        `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
      );
    }
    return ipToString(cidr.base + subnet.lastHostOffset);
  }

  allocatePublicIp(): string {
    this.publicIpCounter += 1;
    const n = this.publicIpCounter;
    return `54.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
  }

  availableIpCount(subnet: Subnet): number {
    const cidr = parseCidr(subnet.cidrBlock);
    const used = [...this.networkInterfaces.values()].filter((e) => e.subnetId === subnet.subnetId).length;
    return (cidr ? size(cidr) : 0) - 5 - used;
  }

  macAddress(): string {
    const hex = this.world.ids.hex(10);
    return `06:${hex.match(/../g)?.join(':')}`;
  }

  // ---- API for other emulated services (RDS, ELBv2): every read settles first ------------

  getVpc(id: string): Vpc | undefined {
    this.settle();
    return this.vpcs.get(id);
  }

  getSubnet(id: string): Subnet | undefined {
    this.settle();
    return this.subnets.get(id);
  }

  getSecurityGroup(id: string): SecurityGroup | undefined {
    this.settle();
    return this.securityGroups.get(id);
  }

  /** An instance with its tags and current public IP; undefined once it is gone. */
  getInstance(id: string): InstanceView | undefined {
    this.settle();
    const i = this.instances.get(id);
    if (!i || !this.isVisible(i)) return undefined;
    return {
      ...i,
      tags: { ...this.tagsOf(id) },
      publicIpAddress: this.networkInterfaces.get(i.networkInterfaceId)?.publicIp,
    };
  }

  /** Creates an ENI in a subnet (as ALB and RDS do for their nodes); throws AwsError on bad ids. */
  createNetworkInterface(opts: CreateNetworkInterfaceOptions): string {
    this.settle();
    const subnet = this.requireSubnet(opts.subnetId);
    for (const g of opts.groupIds) this.requireSecurityGroup(g);
    const eni: NetworkInterface = {
      networkInterfaceId: this.newId('eni'),
      subnetId: subnet.subnetId,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      groupIds: [...opts.groupIds],
      description: opts.description,
      interfaceType: opts.interfaceType ?? 'interface',
      requesterManaged: opts.requesterManaged ?? false,
      privateIpAddress: this.allocatePrivateIp(subnet),
      macAddress: this.macAddress(),
      publicIp: opts.associatePublicIp ? this.allocatePublicIp() : undefined,
    };
    this.networkInterfaces.set(eni.networkInterfaceId, eni);
    if (opts.tags) this.addTags(eni.networkInterfaceId, opts.tags);
    return eni.networkInterfaceId;
  }

  /** Deletes an ENI now, or lets it linger `afterMs` virtual ms (still blocking deletions meanwhile). */
  deleteNetworkInterface(eniId: string, opts: { afterMs?: number } = {}): void {
    this.settle();
    const eni = this.networkInterfaces.get(eniId);
    if (!eni) return;
    if (opts.afterMs && opts.afterMs > 0) eni.deleteAt = this.now + opts.afterMs;
    else this.networkInterfaces.delete(eniId);
  }

  /** Live ENIs (lingering ones included: they still hold their subnet, groups and addresses). */
  liveNetworkInterfaces(): NetworkInterface[] {
    this.settle();
    return [...this.networkInterfaces.values()];
  }

  // ---- admin -----------------------------------------------------------------------------

  listResources(): SandboxResource[] {
    this.settle();
    const r = (
      type: string,
      id: string,
      state: string,
      details?: Record<string, unknown>,
    ): SandboxResource => ({
      service: 'ec2',
      type,
      id,
      state,
      tags: { ...this.tagsOf(id) },
      details,
    });
    return [
      ...[...this.vpcs.values()].map((v) => r('vpc', v.vpcId, 'available', { cidrBlock: v.cidrBlock })),
      ...[...this.subnets.values()].map((s) =>
        r('subnet', s.subnetId, 'available', {
          vpcId: s.vpcId,
          availabilityZone: s.availabilityZone,
          cidrBlock: s.cidrBlock,
        }),
      ),
      ...[...this.internetGateways.values()].map((g) =>
        r('internet-gateway', g.internetGatewayId, g.attachedVpcId ? 'attached' : 'detached', {
          vpcId: g.attachedVpcId,
        }),
      ),
      ...[...this.routeTables.values()].map((t) =>
        r('route-table', t.routeTableId, 'available', { vpcId: t.vpcId }),
      ),
      ...[...this.securityGroups.values()].map((g) =>
        r('security-group', g.groupId, 'available', { vpcId: g.vpcId, groupName: g.groupName }),
      ),
      ...[...this.instances.values()]
        .filter((i) => i.state !== 'terminated')
        .map((i) =>
          r('instance', i.instanceId, i.state, { instanceType: i.instanceType, subnetId: i.subnetId }),
        ),
      ...[...this.images.values()]
        .filter((img) => img.ownerId === this.accountId && img.state !== 'deregistered')
        .map((img) => r('image', img.imageId, img.state, { name: img.name, snapshotId: img.snapshotId })),
      ...[...this.snapshots.values()].map((s) =>
        r('snapshot', s.snapshotId, s.completedAt <= this.now ? 'completed' : 'pending', {
          volumeSize: s.volumeSize,
        }),
      ),
      ...[...this.networkInterfaces.values()].map((e) =>
        r('network-interface', e.networkInterfaceId, e.attachment ? 'in-use' : 'available', {
          subnetId: e.subnetId,
          interfaceType: e.interfaceType,
          description: e.description,
          lingeringUntil: e.deleteAt,
        }),
      ),
    ];
  }

  reset(): void {
    for (const store of [
      this.vpcs,
      this.subnets,
      this.internetGateways,
      this.routeTables,
      this.securityGroups,
      this.networkInterfaces,
      this.instances,
      this.images,
      this.snapshots,
      this.tags,
      this.clientTokens,
      this.routeTableTokens,
      this.createdAt,
    ]) {
      store.clear();
    }
    seedPublicImages(this);
  }
}
