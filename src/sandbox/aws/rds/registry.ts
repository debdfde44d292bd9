/**
 * One RDS model per emulator world, created on first use and registered with the world so
 * the admin API lists and resets it. The world's EC2 model provides subnets, security groups
 * and ENIs; its Secrets Manager model keeps RDS-managed master passwords.
 */
import { perWorld, type World } from '../world';
import { RdsModel } from './model';
import type { Ec2Port, RdsEnv, SecretsPort } from './ports';

export function ec2PortOf(world: World): Ec2Port {
  const ec2 = world.ec2;
  return {
    getSubnet: (id) => ec2.getSubnet(id),
    getSecurityGroup: (id) => {
      const group = ec2.getSecurityGroup(id);
      return group ? { groupId: group.groupId, vpcId: group.vpcId } : undefined;
    },
    createNetworkInterface: (req) => ec2.createNetworkInterface(req),
    deleteNetworkInterface: (eniId, opts) => ec2.deleteNetworkInterface(eniId, opts),
  };
}

function secretsPortOf(world: World): SecretsPort {
  const sm = world.secretsManager;
  return {
    createManagedSecret: (name, secretString, tags) => sm.createManagedSecret(name, secretString, tags),
    deleteManagedSecret: (arn) => sm.deleteManagedSecret(arn),
  };
}

export function rdsEnvOf(world: World): RdsEnv {
  return {
    now: () => world.clock.now(),
    region: world.region,
    accountId: world.accountId,
    durations: world.durations,
    ec2: ec2PortOf(world),
    secrets: secretsPortOf(world),
    noCapacity: (instanceClass, az) => world.faults.noCapacity(instanceClass, az),
  };
}

export const rdsModelOf = perWorld((world) => new RdsModel(rdsEnvOf(world)));
