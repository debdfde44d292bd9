/** AWS shapes of one environment as discovery would find them (Multi-AZ DB, primary in the first AZ). */
import type { Instance, Subnet } from '@aws-sdk/client-ec2';
import type { FoundResources } from '../../../src/diagram/model';

const AZS = ['ap-northeast-1a', 'ap-northeast-1c'] as const;
const tags = (role: string) => [
  { Key: 'sitebot:env', Value: 'demo' },
  { Key: 'sitebot:role', Value: role },
  { Key: 'sitebot:managed', Value: 'true' },
];
const subnet = (role: string, id: string, az: string, cidr: string): Subnet => ({
  SubnetId: id,
  AvailabilityZone: az,
  CidrBlock: cidr,
  State: 'available',
  Tags: tags(role),
});
const instance = (role: string, id: string, subnetId: string, az: string, state: string): Instance => ({
  InstanceId: id,
  SubnetId: subnetId,
  Placement: { AvailabilityZone: az },
  State: { Name: state as 'running' },
  Tags: tags(role),
});

export function found(overrides: Partial<FoundResources> = {}): FoundResources {
  return {
    env: {
      name: 'demo',
      region: 'ap-northeast-1',
      status: 'ready',
      outputs: { siteUrl: 'http://demo-alb.example' },
    },
    azs: AZS,
    vpc: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', State: 'available' },
    subnets: [
      subnet('subnet-public-a', 'subnet-pa', AZS[0], '10.0.0.0/24'),
      subnet('subnet-public-c', 'subnet-pc', AZS[1], '10.0.1.0/24'),
      subnet('subnet-private-a', 'subnet-qa', AZS[0], '10.0.2.0/24'),
      subnet('subnet-private-c', 'subnet-qc', AZS[1], '10.0.3.0/24'),
    ],
    // EC2 reports an attached gateway as `available`, outside its own enum.
    igw: { InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-1', State: 'available' as 'attached' }] },
    instances: [
      instance('web-1', 'i-1', 'subnet-pa', AZS[0], 'running'),
      instance('web-2', 'i-2', 'subnet-pc', AZS[1], 'running'),
      instance('web-1', 'i-old', 'subnet-pa', AZS[0], 'terminated'),
    ],
    loadBalancer: {
      LoadBalancerArn: 'arn:lb',
      LoadBalancerName: 'demo-alb',
      DNSName: 'demo-alb.example',
      State: { Code: 'active' },
    },
    targetGroup: { TargetGroupArn: 'arn:tg', TargetGroupName: 'demo-tg' },
    targetHealth: [
      { Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' } },
      { Target: { Id: 'i-2' }, TargetHealth: { State: 'initial' } },
    ],
    db: {
      DBInstanceIdentifier: 'demo-db',
      DBInstanceStatus: 'available',
      MultiAZ: true,
      AvailabilityZone: AZS[0],
      SecondaryAvailabilityZone: AZS[1],
      Endpoint: { Address: 'demo-db.example' },
    },
    ...overrides,
  };
}
