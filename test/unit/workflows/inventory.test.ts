/** One inventory: a dry run, a finished create's record and a full teardown's receipt count alike. */
import { resolveCreateConfig } from '../../../src/workflows/create/deps';
import { createResources } from '../../../src/workflows/create/finish';
import { buildCreatePlan } from '../../../src/workflows/create/plan';
import {
  describeInventory,
  inventoryOf,
  refsOfPlan,
  refsOfRoles,
  totalText,
} from '../../../src/workflows/inventory';

const config = resolveCreateConfig({ region: 'ap-northeast-1', azs: ['ap-northeast-1a', 'ap-northeast-1c'] });

/** Step outputs of a finished create, as the steps record them. */
const OUTPUTS: Record<string, Record<string, unknown>> = {
  vpc: { vpcId: 'vpc-1' },
  subnets: { publicSubnetA: 's-1', publicSubnetC: 's-2', privateSubnetA: 's-3', privateSubnetC: 's-4' },
  'internet-gateway': { igwId: 'igw-1' },
  'public-routes': { routeTableId: 'rtb-1' },
  'security-groups': { elbSgId: 'sg-1', webSgId: 'sg-2', dbSgId: 'sg-3' },
  credentials: { secretArn: 'arn:secret' },
  'web-role': { roleName: 'sitebot-demo-web', instanceProfileName: 'sitebot-demo-web' },
  'db-subnet-group': { dbSubnetGroupName: 'demo-db-subnets' },
  database: { dbInstanceId: 'demo-db' },
  'web-1': { instanceId: 'i-1' },
  'web-ami': { imageId: 'ami-1', snapshotIds: ['snap-1'] },
  'web-2': { instanceId: 'i-2' },
  'target-group': { targetGroupArn: 'arn:tg' },
  'load-balancer': { loadBalancerArn: 'arn:lb' },
  listener: { listenerArn: 'arn:listener' },
};

test('dry run = record = receipt, for every Multi-AZ mode', () => {
  const recorded = inventoryOf(refsOfRoles(createResources((id) => OUTPUTS[id] ?? {})));
  expect(recorded.total).toBe(22);
  for (const mode of ['now', 'later', 'off'] as const) {
    const planned = inventoryOf(refsOfPlan(buildCreatePlan('demo', mode, config).resources));
    expect(planned).toEqual(recorded);
  }
  // A receipt lists what it deleted by type and id: the same resources count the same.
  const receipt = inventoryOf(refsOfRoles(createResources((id) => OUTPUTS[id] ?? {})).map((r) => ({ ...r })));
  expect(receipt).toEqual(recorded);
});

test('in words: build order, plurals, no record keys', () => {
  const inv = inventoryOf([
    { type: 'security-group', id: 'sg-1' },
    { type: 'vpc', id: 'vpc-1' },
    { type: 'security-group', id: 'sg-2' },
    { type: 'security-group', id: 'sg-2' },
    { type: 'db-instance', id: 'demo-db' },
  ]);
  expect(totalText(inv)).toBe('4 resources');
  expect(describeInventory(inv)).toBe('1 VPC, 2 security groups, 1 database');
  expect(describeInventory(inventoryOf([]))).toBe('nothing');
  expect(totalText(inventoryOf([{ type: 'vpc', id: 'v' }]))).toBe('1 resource');
});
