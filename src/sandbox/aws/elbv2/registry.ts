/**
 * One ELBv2 model per emulator world, created on first use and registered with the world so
 * the admin API lists and resets it. EC2 supplies subnets, groups, instances and ENIs, and
 * answers whether an instance's security groups let the load balancer in (health checks of an
 * instance that does not allow the ALB time out, as on AWS).
 */
import { containsIp, parseCidr } from '../ec2/cidr';
import { ec2PortOf } from '../rds/registry';
import { perWorld, type World } from '../world';
import { ElbModel } from './model';
import type { ElbEc2Port, InstanceView } from './ports';

function allowsFrom(world: World, instance: InstanceView, sourceGroupIds: string[], port: number): boolean {
  const ec2 = world.ec2;
  const lbAddresses = ec2
    .liveNetworkInterfaces()
    .filter((eni) => eni.groupIds.some((g) => sourceGroupIds.includes(g)))
    .map((eni) => eni.privateIpAddress);
  return instance.securityGroupIds.some((groupId) =>
    (ec2.getSecurityGroup(groupId)?.ingress ?? []).some((rule) => {
      const protocolOk = rule.ipProtocol === '-1' || rule.ipProtocol === 'tcp';
      const portOk =
        rule.ipProtocol === '-1' || ((rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535));
      if (!protocolOk || !portOk) return false;
      if (rule.sourceGroupId) return sourceGroupIds.includes(rule.sourceGroupId);
      const cidr = rule.cidrIp ? parseCidr(rule.cidrIp) : undefined;
      return cidr !== undefined && lbAddresses.some((ip) => containsIp(cidr, ip));
    }),
  );
}

function elbEc2PortOf(world: World): ElbEc2Port {
  return {
    ...ec2PortOf(world),
    getVpc: (id) => world.ec2.getVpc(id),
    getInstance: (id) => world.ec2.getInstance(id),
    hasInternetGateway: (vpcId) =>
      [...world.ec2.internetGateways.values()].some((g) => g.attachedVpcId === vpcId),
    allowsFrom: (instance, groups, port) => allowsFrom(world, instance, groups, port),
  };
}

export const elbModelOf = perWorld(
  (world) =>
    new ElbModel({
      now: () => world.clock.now(),
      region: world.region,
      accountId: world.accountId,
      durations: world.durations,
      eniLingerMs: () => world.eniLingerMs(),
      ec2: elbEc2PortOf(world),
      quotas: () => world.account.quotas,
    }),
);
