/**
 * What the RDS model needs from the rest of the emulator. The world adapts itself to this
 * (see `registry.ts`), and unit tests hand in a small fake, so the model's rules can be
 * tested without an HTTP server.
 */
import type { Durations } from '../durations';
import type { CreateNetworkInterfaceOptions } from '../ec2/model';

export interface SubnetView {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
}

export interface SecurityGroupView {
  groupId: string;
  vpcId: string;
}

/** The slice of the EC2 model that RDS and ELBv2 use: lookups and service-managed ENIs. */
export interface Ec2Port {
  getSubnet(id: string): SubnetView | undefined;
  getSecurityGroup(id: string): SecurityGroupView | undefined;
  createNetworkInterface(req: CreateNetworkInterfaceOptions): string;
  /** `afterMs` schedules the deletion on the virtual clock (ENIs that linger). */
  deleteNetworkInterface(eniId: string, opts?: { afterMs?: number }): void;
}

export type RdsDurations = Pick<
  Durations,
  | 'dbCreate'
  | 'dbCreateMultiAz'
  | 'dbModifyMultiAz'
  | 'dbRebootFailover'
  | 'dbReboot'
  | 'dbDelete'
  | 'dbStop'
  | 'dbStart'
  | 'dbMaxStopped'
>;

/** Where RDS-managed master passwords live (Secrets Manager), when the emulator has it. */
export interface SecretsPort {
  createManagedSecret(name: string, secretString: string, tags: Record<string, string>): string;
  deleteManagedSecret(arn: string): void;
}

/** The account's RDS quotas and where each offering may be ordered (the world's account settings). */
export interface RdsAccountPort {
  quotas(): { dbInstances: number; dbSubnetGroups: number; allocatedStorageGb: number };
  /** The region's AZ names. */
  zones(): string[];
  orderable(instanceClass: string, engineVersion: string, az: string): boolean;
}

export interface RdsEnv {
  /** Virtual epoch milliseconds. */
  now(): number;
  region: string;
  accountId: string;
  durations: RdsDurations;
  ec2: Ec2Port;
  secrets?: SecretsPort;
  /** Injected capacity faults: StartDBInstance of this class in this AZ finds no capacity. */
  noCapacity?(instanceClass: string, az: string): boolean;
  account: RdsAccountPort;
}
