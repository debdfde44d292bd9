/** ELBv2 records → the API's wire shapes (every list's members are `member`). */
import { xmlList } from '../protocol/xml';
import type { TargetHealthView } from './model';
import type { Listener, LoadBalancer, Tag, TargetGroup } from './types';

/** Route 53 zone ids of ALBs per region (others get a stable fake). */
const ALB_ZONE: Record<string, string> = {
  'ap-northeast-1': 'Z14GRHDCWA56QT',
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
};

const members = <T>(items: T[]) => xmlList('member', items);

export function loadBalancerShape(lb: LoadBalancer, state: string, region: string) {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: ALB_ZONE[region] ?? 'Z0EMULATORALB01',
    CreatedTime: new Date(lb.createdAt),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: state },
    Type: lb.type,
    AvailabilityZones: members(
      lb.subnets.map((s) => ({
        ZoneName: s.availabilityZone,
        SubnetId: s.subnetId,
        LoadBalancerAddresses: members([]),
      })),
    ),
    SecurityGroups: members(lb.securityGroups),
    IpAddressType: lb.ipAddressType,
  };
}

export function targetGroupShape(tg: TargetGroup, loadBalancerArns: string[]) {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    HealthCheckPath: hc.path,
    Matcher: { HttpCode: hc.matcher },
    LoadBalancerArns: members(loadBalancerArns),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: tg.ipAddressType,
  };
}

export function listenerShape(l: Listener) {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: members([
      {
        Type: 'forward',
        TargetGroupArn: l.targetGroupArn,
        ForwardConfig: {
          TargetGroups: members([{ TargetGroupArn: l.targetGroupArn, Weight: 1 }]),
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ]),
  };
}

export function targetHealthShape(v: TargetHealthView) {
  return {
    Target: { Id: v.target.id, Port: v.target.port },
    HealthCheckPort: v.healthCheckPort,
    TargetHealth: { State: v.health.state, Reason: v.health.reason, Description: v.health.description },
  };
}

export function tagsShape(tags: Tag[]) {
  return members(tags.map((t) => ({ Key: t.Key, Value: t.Value })));
}
