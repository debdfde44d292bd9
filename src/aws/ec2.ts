/**
 * EC2 adapter: finders (by id → by sitebot tags), the create calls the create workflow makes,
 * and readiness checks. Thin: one SDK call per method, no retries (the runner retries steps).
 */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateImageCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeVpcAttributeCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type EC2Client,
  type Filter,
  type Image,
  type Instance,
  type InternetGateway,
  type IpPermission,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { errorCode, isNotFound } from './errors';
import { envFilters, tagSpecifications, type Tag } from './tags';
import { failure, retry, success, type Readiness } from './readiness';
import { sentOnce } from './untokened';

/** Instance states that count as "exists" (a terminated instance is gone for our purposes). */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped'];

async function collect<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}

/** Runs a Describe by id; a `*.NotFound` error means "no such thing", not a failure. */
async function byId<T>(lookup: () => Promise<T[]>): Promise<T | undefined> {
  try {
    return (await lookup())[0];
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface RunInstanceInput {
  imageId: string;
  instanceType: string;
  subnetId: string;
  securityGroupIds: string[];
  instanceProfileName: string;
  userData: string;
  /** Idempotency token: the same token never launches a second instance. */
  clientToken: string;
  tags: Tag[];
}

export class Ec2Adapter {
  constructor(readonly client: EC2Client) {}

  // ---- finders ----

  async findVpc(id: string | undefined, env: string, role = 'vpc'): Promise<Vpc | undefined> {
    if (id) return byId(() => this.vpcs([], [id]));
    return (await this.vpcs(envFilters(env, role)))[0];
  }

  vpcs(filters: Filter[], ids?: string[]): Promise<Vpc[]> {
    return collect(
      paginateDescribeVpcs({ client: this.client }, { Filters: filters, VpcIds: ids }),
      (p) => p.Vpcs,
    );
  }

  async findSubnet(id: string | undefined, env: string, role: string): Promise<Subnet | undefined> {
    if (id) return byId(() => this.subnets([], [id]));
    return (await this.subnets(envFilters(env, role)))[0];
  }

  subnets(filters: Filter[], ids?: string[]): Promise<Subnet[]> {
    return collect(
      paginateDescribeSubnets({ client: this.client }, { Filters: filters, SubnetIds: ids }),
      (p) => p.Subnets,
    );
  }

  async findInternetGateway(
    id: string | undefined,
    env: string,
    role = 'igw',
  ): Promise<InternetGateway | undefined> {
    if (id) return byId(() => this.internetGateways([], [id]));
    return (await this.internetGateways(envFilters(env, role)))[0];
  }

  internetGateways(filters: Filter[], ids?: string[]): Promise<InternetGateway[]> {
    return collect(
      paginateDescribeInternetGateways(
        { client: this.client },
        { Filters: filters, InternetGatewayIds: ids },
      ),
      (p) => p.InternetGateways,
    );
  }

  async findRouteTable(id: string | undefined, env: string, role: string): Promise<RouteTable | undefined> {
    if (id) return byId(() => this.routeTables([], [id]));
    return (await this.routeTables(envFilters(env, role)))[0];
  }

  routeTables(filters: Filter[], ids?: string[]): Promise<RouteTable[]> {
    return collect(
      paginateDescribeRouteTables({ client: this.client }, { Filters: filters, RouteTableIds: ids }),
      (p) => p.RouteTables,
    );
  }

  /** By id, else by group name in the VPC (names are unique per VPC), else by tags. */
  async findSecurityGroup(
    id: string | undefined,
    vpcId: string,
    groupName: string,
    env: string,
    role: string,
  ): Promise<SecurityGroup | undefined> {
    if (id) {
      const found = await byId(() => this.securityGroups([], [id]));
      if (found) return found;
    }
    const byName = await this.securityGroups([
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: 'group-name', Values: [groupName] },
    ]);
    if (byName[0]) return byName[0];
    return (await this.securityGroups(envFilters(env, role)))[0];
  }

  securityGroups(filters: Filter[], ids?: string[]): Promise<SecurityGroup[]> {
    return collect(
      paginateDescribeSecurityGroups({ client: this.client }, { Filters: filters, GroupIds: ids }),
      (p) => p.SecurityGroups,
    );
  }

  /** A live (not terminated) instance by id, else by env + role tags. */
  async findInstance(id: string | undefined, env: string, role: string): Promise<Instance | undefined> {
    if (id) {
      const found = await byId(() => this.instances([], [id]));
      if (found && LIVE_INSTANCE_STATES.includes(found.State?.Name ?? '')) return found;
    }
    const tagged = await this.instances([
      ...envFilters(env, role),
      { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES },
    ]);
    return tagged[0];
  }

  instances(filters: Filter[], ids?: string[]): Promise<Instance[]> {
    return collect(
      paginateDescribeInstances(
        { client: this.client },
        { Filters: filters.length ? filters : undefined, InstanceIds: ids },
      ),
      (p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []),
    );
  }

  /** Our own AMI by id, else by its (account-unique) name. */
  async findImage(id: string | undefined, name: string): Promise<Image | undefined> {
    if (id) {
      const found = await byId(() => this.images([], [id]));
      if (found && found.State !== 'deregistered') return found;
    }
    const named = await this.images([{ Name: 'name', Values: [name] }]);
    return named.find((i) => i.State !== 'deregistered');
  }

  images(filters: Filter[], ids?: string[]): Promise<Image[]> {
    return collect(
      paginateDescribeImages(
        { client: this.client },
        { Owners: ['self'], Filters: filters.length ? filters : undefined, ImageIds: ids },
      ),
      (p) => p.Images,
    );
  }

  // ---- creates ----

  /** Sent once, never retried: CreateVpc has no ClientToken (a lost answer is an OutcomeUnknownError). */
  async createVpc(cidr: string, tags: Tag[]): Promise<Vpc> {
    const out = await this.client.send(
      sentOnce(
        new CreateVpcCommand({
          CidrBlock: cidr,
          InstanceTenancy: 'default',
          TagSpecifications: tagSpecifications('vpc', tags),
        }),
      ),
    );
    return out.Vpc!;
  }

  async vpcDnsSupport(vpcId: string): Promise<boolean> {
    const out = await this.client.send(
      new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' }),
    );
    return out.EnableDnsSupport?.Value === true;
  }

  async enableVpcDnsSupport(vpcId: string): Promise<void> {
    await this.client.send(
      new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }),
    );
  }

  async createSubnet(vpcId: string, cidr: string, az: string, tags: Tag[]): Promise<Subnet> {
    const out = await this.client.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: cidr,
        AvailabilityZone: az,
        TagSpecifications: tagSpecifications('subnet', tags),
      }),
    );
    return out.Subnet!;
  }

  async mapPublicIpOnLaunch(subnetId: string): Promise<void> {
    await this.client.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }),
    );
  }

  /** Sent once, never retried: no ClientToken either (see createVpc). */
  async createInternetGateway(tags: Tag[]): Promise<InternetGateway> {
    const out = await this.client.send(
      sentOnce(
        new CreateInternetGatewayCommand({ TagSpecifications: tagSpecifications('internet-gateway', tags) }),
      ),
    );
    return out.InternetGateway!;
  }

  /** Attaches the gateway; already attached to this VPC (a retried call whose answer was lost) is fine. */
  async attachInternetGateway(igwId: string, vpcId: string): Promise<void> {
    try {
      await this.client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
    } catch (err) {
      if (errorCode(err) !== 'Resource.AlreadyAssociated') throw err;
      const igw = await byId(() => this.internetGateways([], [igwId]));
      if (!(igw?.Attachments ?? []).some((a) => a.VpcId === vpcId)) throw err;
    }
  }

  async createRouteTable(vpcId: string, clientToken: string, tags: Tag[]): Promise<RouteTable> {
    const out = await this.client.send(
      new CreateRouteTableCommand({
        VpcId: vpcId,
        ClientToken: clientToken,
        TagSpecifications: tagSpecifications('route-table', tags),
      }),
    );
    return out.RouteTable!;
  }

  /** Adds the default route; an identical existing route (a retried call) is fine. */
  async ensureDefaultRoute(routeTableId: string, igwId: string): Promise<void> {
    try {
      await this.client.send(
        new CreateRouteCommand({
          RouteTableId: routeTableId,
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: igwId,
        }),
      );
    } catch (err) {
      if (errorCode(err) !== 'RouteAlreadyExists') throw err;
    }
  }

  /** Associates the subnet; already associated with this table (a retried call) answers that association. */
  async associateRouteTable(routeTableId: string, subnetId: string): Promise<string> {
    try {
      const out = await this.client.send(
        new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }),
      );
      return out.AssociationId!;
    } catch (err) {
      if (errorCode(err) !== 'Resource.AlreadyAssociated') throw err;
      const table = await byId(() => this.routeTables([], [routeTableId]));
      const mine = (table?.Associations ?? []).find((a) => a.SubnetId === subnetId);
      if (!mine?.RouteTableAssociationId) throw err;
      return mine.RouteTableAssociationId;
    }
  }

  async createSecurityGroup(
    vpcId: string,
    groupName: string,
    description: string,
    tags: Tag[],
  ): Promise<string> {
    const out = await this.client.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: groupName,
        Description: description,
        TagSpecifications: tagSpecifications('security-group', tags),
      }),
    );
    return out.GroupId!;
  }

  /** Adds ingress rules; a rule that already exists (a retried call) is fine. */
  async authorizeIngress(groupId: string, permissions: IpPermission[]): Promise<void> {
    try {
      await this.client.send(
        new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permissions }),
      );
    } catch (err) {
      if (errorCode(err) !== 'InvalidPermission.Duplicate') throw err;
    }
  }

  async runInstance(input: RunInstanceInput): Promise<Instance> {
    const out = await this.client.send(
      new RunInstancesCommand({
        ImageId: input.imageId,
        InstanceType: input.instanceType as _InstanceType,
        MinCount: 1,
        MaxCount: 1,
        ClientToken: input.clientToken,
        SubnetId: input.subnetId,
        SecurityGroupIds: input.securityGroupIds,
        IamInstanceProfile: { Name: input.instanceProfileName },
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
        UserData: Buffer.from(input.userData, 'utf8').toString('base64'),
        TagSpecifications: [
          { ResourceType: 'instance', Tags: input.tags },
          { ResourceType: 'volume', Tags: input.tags },
          // Tagged so teardown may delete a leftover ENI under the tag-scoped IAM policy.
          { ResourceType: 'network-interface', Tags: input.tags },
        ],
      }),
    );
    return out.Instances![0];
  }

  async createImage(instanceId: string, name: string, tags: Tag[]): Promise<string> {
    const out = await this.client.send(
      new CreateImageCommand({
        InstanceId: instanceId,
        Name: name,
        Description: `sitebot web server image (${name})`,
        NoReboot: false,
        TagSpecifications: [
          { ResourceType: 'image', Tags: tags },
          { ResourceType: 'snapshot', Tags: tags },
        ],
      }),
    );
    return out.ImageId!;
  }
}

// ---- readiness checks (one describe result in, one answer out) ----

export function instanceRunning(instance: Instance | undefined): Readiness<Instance> {
  const state = instance?.State?.Name;
  if (!instance || !state) return retry('instance not visible yet');
  if (state === 'running') return success('running', instance);
  if (state === 'pending') return retry('pending');
  return failure(`instance is ${state}`);
}

export function imageAvailable(image: Image | undefined): Readiness<Image> {
  const state = image?.State;
  if (!image || !state) return retry('image not visible yet');
  if (state === 'available') return success('available', image);
  if (state === 'pending') return retry('pending');
  return failure(`image is ${state}${image.StateReason?.Message ? `: ${image.StateReason.Message}` : ''}`);
}
