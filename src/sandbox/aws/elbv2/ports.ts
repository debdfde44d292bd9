/** What the ELBv2 model needs from the rest of the emulator (the world adapts; tests fake it). */
import type { Durations } from '../durations';
import type { Ec2Port } from '../rds/ports';

export interface InstanceView {
  instanceId: string;
  state: string;
  /** When the instance last entered `running`. */
  runningSince?: number;
  vpcId: string;
  subnetId: string;
  availabilityZone: string;
  securityGroupIds: string[];
}

export interface ElbEc2Port extends Ec2Port {
  getVpc(id: string): { vpcId: string; defaultSecurityGroupId?: string } | undefined;
  getInstance(id: string): InstanceView | undefined;
  /** Whether an internet gateway is attached to the VPC (an internet-facing ALB needs one). */
  hasInternetGateway?(vpcId: string): boolean;
  /** Whether an instance's security groups let a load balancer with these groups in on `port`. */
  allowsFrom?(instance: InstanceView, sourceGroupIds: string[], port: number): boolean;
}

export type ElbDurations = Pick<
  Durations,
  | 'albProvisioning'
  | 'healthCheckInterval'
  | 'healthCheckTimeout'
  | 'healthyThreshold'
  | 'unhealthyThreshold'
  | 'instanceBoot'
>;

export interface ElbEnv {
  now(): number;
  region: string;
  accountId: string;
  durations: ElbDurations;
  /** How long a deleted load balancer's ENIs stay (fault override or duration). */
  eniLingerMs(): number;
  ec2: ElbEc2Port;
  /** The account's ELBv2 quotas (the world's account settings). */
  quotas(): { applicationLoadBalancers: number; targetGroups: number };
}
