/** CreateTargetGroup's validation and defaults (ALB instance targets over HTTP/HTTPS). */
import { elbErrors } from './errors';
import { checkName, elbArn, hexId } from './names';
import type { ElbEnv } from './ports';
import type { HealthCheckSettings, Tag, TargetGroup } from './types';

export interface CreateTargetGroupInput {
  name?: string;
  protocol?: string;
  protocolVersion?: string;
  port?: number;
  vpcId?: string;
  targetType?: string;
  healthCheckProtocol?: string;
  healthCheckPort?: string;
  healthCheckEnabled?: boolean;
  healthCheckPath?: string;
  healthCheckIntervalSeconds?: number;
  healthCheckTimeoutSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  matcher?: string;
  tags: Tag[];
}

function inRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw elbErrors.validation(`${name} must be between ${min} and ${max}`);
  }
  return value;
}

export function healthCheckOf(
  env: ElbEnv,
  input: CreateTargetGroupInput,
  protocol: string,
): HealthCheckSettings {
  const d = env.durations;
  const interval = inRange(
    'Health check interval',
    input.healthCheckIntervalSeconds ?? d.healthCheckInterval / 1000,
    5,
    300,
  );
  const timeout = inRange(
    'Health check timeout',
    input.healthCheckTimeoutSeconds ?? d.healthCheckTimeout / 1000,
    2,
    120,
  );
  if (timeout >= interval) {
    throw elbErrors.validation('Health check timeout must be smaller than the interval');
  }
  const path = input.healthCheckPath ?? '/';
  if (!path.startsWith('/') || path.length > 1024) {
    throw elbErrors.validation(
      "Health check path must begin with a '/' character, and can be at most 1024 characters in length",
    );
  }
  const matcher = input.matcher ?? '200';
  if (!/^\d{3}(?:-\d{3})?(?:,\d{3}(?:-\d{3})?)*$/.test(matcher)) {
    throw elbErrors.validation(`Invalid HTTP code '${matcher}'`);
  }
  return {
    protocol: input.healthCheckProtocol ?? protocol,
    port: input.healthCheckPort ?? 'traffic-port',
    enabled: input.healthCheckEnabled ?? true,
    path,
    intervalSeconds: interval,
    timeoutSeconds: timeout,
    healthyThreshold: inRange('Healthy threshold', input.healthyThresholdCount ?? d.healthyThreshold, 2, 10),
    unhealthyThreshold: inRange(
      'Unhealthy threshold',
      input.unhealthyThresholdCount ?? d.unhealthyThreshold,
      2,
      10,
    ),
    matcher,
  };
}

export function buildTargetGroup(env: ElbEnv, input: CreateTargetGroupInput): TargetGroup {
  const name = checkName('Target group', input.name);
  const targetType = input.targetType ?? 'instance';
  if (targetType !== 'instance') {
    throw elbErrors.validation(`The emulator supports only 'instance' target groups, not '${targetType}'`);
  }
  const protocol = input.protocol;
  if (!protocol) throw elbErrors.validation('A protocol must be specified');
  if (protocol !== 'HTTP' && protocol !== 'HTTPS') throw elbErrors.unsupportedProtocol(protocol);
  if (input.port === undefined) throw elbErrors.validation('A port must be specified');
  inRange('Port', input.port, 1, 65535);
  if (!input.vpcId) throw elbErrors.validation('A VPC ID must be specified');
  if (!env.ec2.getVpc(input.vpcId)) throw elbErrors.validation(`The VPC ID '${input.vpcId}' is not found`);
  return {
    arn: elbArn(env.region, env.accountId, `targetgroup/${name}/${hexId()}`),
    name,
    protocol,
    port: input.port,
    vpcId: input.vpcId,
    targetType,
    protocolVersion: input.protocolVersion ?? 'HTTP1',
    ipAddressType: 'ipv4',
    healthCheck: healthCheckOf(env, input, protocol),
    deregistrationDelaySeconds: 300,
    targets: [],
    tags: input.tags,
  };
}

/** Whether a second CreateTargetGroup with this name asks for the same group (then AWS returns it). */
export function sameTargetGroupSettings(a: TargetGroup, b: TargetGroup): boolean {
  return (
    a.protocol === b.protocol &&
    a.port === b.port &&
    a.vpcId === b.vpcId &&
    a.targetType === b.targetType &&
    a.protocolVersion === b.protocolVersion &&
    JSON.stringify(a.healthCheck) === JSON.stringify(b.healthCheck)
  );
}
