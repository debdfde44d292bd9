/**
 * One RDS model per emulator world, created on first use and registered with the world so
 * the admin API lists and resets it. The world's EC2 model provides subnets, security groups
 * and ENIs; its Secrets Manager model keeps RDS-managed master passwords.
 */
import type { AccountSettings } from '../account';
import { zonesOf } from '../ec2/azs';
import { perWorld, type World } from '../world';
import { RdsModel } from './model';
import type { Ec2Port, RdsAccountPort, RdsEnv, SecretsPort } from './ports';

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

/** An account's RDS side, over the zones of its region. */
export function rdsAccountOf(account: AccountSettings, zones: readonly string[]): RdsAccountPort {
  return {
    quotas: () => account.quotas,
    zones: () => [...zones],
    orderable: (instanceClass, engineVersion, az) => account.dbOrderable(instanceClass, engineVersion, az),
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
    account: rdsAccountOf(
      world.account,
      zonesOf(world.region).map((z) => z.zoneName),
    ),
  };
}

export const rdsModelOf = perWorld((world) => new RdsModel(rdsEnvOf(world)));
