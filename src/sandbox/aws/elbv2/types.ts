/** The ELBv2 model's records. Timestamps are virtual epoch milliseconds. */

export interface Tag {
  Key: string;
  Value: string;
}

export interface HealthCheckSettings {
  protocol: string;
  port: string;
  enabled: boolean;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: string;
}

export interface RegisteredTarget {
  id: string;
  port: number;
  registeredAt: number;
  /** Set by DeregisterTargets: the target drains until `drainUntil`, then disappears. */
  drainUntil?: number;
}

export interface TargetGroup {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: string;
  protocolVersion: string;
  ipAddressType: string;
  healthCheck: HealthCheckSettings;
  deregistrationDelaySeconds: number;
  targets: RegisteredTarget[];
  tags: Tag[];
}

export interface LoadBalancer {
  arn: string;
  name: string;
  scheme: string;
  type: string;
  ipAddressType: string;
  vpcId: string;
  subnets: { subnetId: string; availabilityZone: string }[];
  securityGroups: string[];
  createdAt: number;
  activeAt: number;
  /** Filled in by the data plane: `127.0.0.1:<port>` (see the ELBv2 LIMITATIONS). */
  dnsName: string;
  enis: string[];
  tags: Tag[];
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  targetGroupArn: string;
  createdAt: number;
  tags: Tag[];
}

export type LoadBalancerState = 'provisioning' | 'active';

export function lbStateAt(lb: LoadBalancer, now: number): LoadBalancerState {
  return now < lb.activeAt ? 'provisioning' : 'active';
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface TargetHealth {
  state: TargetHealthState;
  reason?: string;
  description?: string;
}
