/** CreateLoadBalancer's validation (an Application Load Balancer over ≥2 subnets in distinct AZs). */
import { elbErrors } from './errors';
import { checkName, elbArn, hexId } from './names';
import type { ElbEnv } from './ports';
import type { LoadBalancer, Tag } from './types';

export interface CreateLoadBalancerInput {
  name?: string;
  subnetIds: string[];
  securityGroups: string[];
  scheme?: string;
  type?: string;
  ipAddressType?: string;
  tags: Tag[];
}

export function buildLoadBalancer(env: ElbEnv, input: CreateLoadBalancerInput): LoadBalancer {
  const name = checkName('Load balancer', input.name);
  const type = input.type ?? 'application';
  if (type !== 'application')
    throw elbErrors.validation(`The emulator supports only application load balancers, not '${type}'`);
  const scheme = input.scheme ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') {
    throw elbErrors.validation(
      `1 validation error detected: Value '${scheme}' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internal, internet-facing]`,
    );
  }
  const subnets = input.subnetIds.map((id) => {
    const subnet = env.ec2.getSubnet(id);
    if (!subnet) throw elbErrors.subnetNotFound(id);
    return subnet;
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1) {
    throw elbErrors.invalidConfiguration('The subnets must all belong to the same VPC');
  }
  const zones = subnets.map((s) => s.availabilityZone);
  if (new Set(zones).size !== zones.length) {
    throw elbErrors.invalidConfiguration(
      'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
    );
  }
  if (subnets.length < 2) {
    throw elbErrors.invalidConfiguration(
      'At least two subnets in two different Availability Zones must be specified',
    );
  }
  const vpcId = subnets[0].vpcId;
  if (scheme === 'internet-facing' && env.ec2.hasInternetGateway && !env.ec2.hasInternetGateway(vpcId)) {
    throw elbErrors.invalidSubnet(`VPC ${vpcId} has no internet gateway`);
  }
  // Without security groups AWS gives the load balancer the VPC's default group.
  const defaultGroup = env.ec2.getVpc(vpcId)?.defaultSecurityGroupId;
  const securityGroups =
    input.securityGroups.length > 0 ? input.securityGroups : defaultGroup ? [defaultGroup] : [];
  for (const groupId of securityGroups) {
    const group = env.ec2.getSecurityGroup(groupId);
    if (!group || group.vpcId !== vpcId) throw elbErrors.invalidSecurityGroup(groupId);
  }
  const id = hexId();
  const now = env.now();
  return {
    arn: elbArn(env.region, env.accountId, `loadbalancer/app/${name}/${id}`),
    name,
    scheme,
    type,
    ipAddressType: input.ipAddressType ?? 'ipv4',
    vpcId,
    subnets: subnets.map((s) => ({ subnetId: s.subnetId, availabilityZone: s.availabilityZone })),
    securityGroups,
    createdAt: now,
    activeAt: now + env.durations.albProvisioning,
    dnsName: '',
    enis: [],
    tags: input.tags,
  };
}

/** Whether a second CreateLoadBalancer with this name asks for the same one (then AWS returns it). */
export function sameLoadBalancerSettings(a: LoadBalancer, b: LoadBalancer): boolean {
  const set = (xs: string[]) => JSON.stringify([...xs].sort());
  return (
    a.scheme === b.scheme &&
    a.type === b.type &&
    a.ipAddressType === b.ipAddressType &&
    set(a.subnets.map((s) => s.subnetId)) === set(b.subnets.map((s) => s.subnetId)) &&
    set(a.securityGroups) === set(b.securityGroups)
  );
}
