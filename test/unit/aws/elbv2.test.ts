import {
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { Elbv2Adapter, loadBalancerActive, targetsHealthy } from '../../../src/aws/elbv2';
import { english } from '../../../src/i18n/english';
import type { Saying } from '../../../src/i18n/said';

const elbMock = mockClient(ElasticLoadBalancingV2Client);
const elbv2 = new Elbv2Adapter(new ElasticLoadBalancingV2Client({ region: 'ap-northeast-1' }));
const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });

beforeEach(() => elbMock.reset());

test('finders by name: NotFound means none', async () => {
  elbMock.on(DescribeTargetGroupsCommand).rejects(awsError('TargetGroupNotFound'));
  elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('LoadBalancerNotFound'));
  expect(await elbv2.findTargetGroup('demo-tg')).toBeUndefined();
  expect(await elbv2.findLoadBalancer('demo-alb')).toBeUndefined();
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerName: 'demo-alb' }] });
  expect((await elbv2.findLoadBalancer('demo-alb'))?.LoadBalancerName).toBe('demo-alb');
  expect(elbMock.commandCalls(DescribeLoadBalancersCommand).at(-1)!.args[0].input.Names).toEqual([
    'demo-alb',
  ]);
});

test('the target group checks HTTP health on the given path, instance targets on port 80', async () => {
  elbMock.on(CreateTargetGroupCommand).resolves({ TargetGroups: [{ TargetGroupArn: 'arn:tg' }] });
  await elbv2.createTargetGroup({ name: 'demo-tg', vpcId: 'vpc-1', healthCheckPath: '/x.gif', tags: [] });
  expect(elbMock.commandCalls(CreateTargetGroupCommand)[0].args[0].input).toMatchObject({
    Protocol: 'HTTP',
    ProtocolVersion: 'HTTP1',
    Port: 80,
    TargetType: 'instance',
    HealthCheckProtocol: 'HTTP',
    HealthCheckPath: '/x.gif',
  });
});

/** A check's outcome with its reason in English words. */
const inEnglish = <T extends { reason?: Saying }>(r: T) => ({ ...r, reason: english(r.reason) });

test('loadBalancerActive', () => {
  expect(loadBalancerActive({ State: { Code: 'provisioning' } }).state).toBe('RETRY');
  expect(loadBalancerActive({ State: { Code: 'active' } }).state).toBe('SUCCESS');
  expect(inEnglish(loadBalancerActive({ State: { Code: 'failed', Reason: 'no capacity' } }))).toEqual({
    state: 'FAILURE',
    reason: 'load balancer is failed: no capacity',
  });
});

test('targetsHealthy needs every listed instance healthy', () => {
  const health = [
    { Target: { Id: 'i-1' }, TargetHealth: { State: 'healthy' as const } },
    { Target: { Id: 'i-2' }, TargetHealth: { State: 'initial' as const } },
  ];
  expect(inEnglish(targetsHealthy(health, ['i-1', 'i-2']))).toEqual({
    state: 'RETRY',
    reason: 'i-1=healthy, i-2=initial',
  });
  expect(targetsHealthy(health, ['i-1']).state).toBe('SUCCESS');
  expect(english(targetsHealthy(health, ['i-1', 'i-3']).reason)).toContain('i-3=unregistered');
});
