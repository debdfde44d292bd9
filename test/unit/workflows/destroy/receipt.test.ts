import { english } from '../../../../src/i18n/english';
import { ENGLISH } from '../../../../src/i18n/texts';
/** The receipt as plain data and text, and the confirmation's counts by type. */
import { createResources } from '../../../../src/workflows/create/finish';
import { describeDestroyPlan } from '../../../../src/workflows/destroy/plan';
import { collectReceipt, renderReceipt, receiptOf } from '../../../../src/workflows/destroy/receipt';

const run = { env: 'demo', runId: 'demo-destroy-1', status: 'succeeded' as const, createdAt: 1_000 };

/** The receipt in English, as a reader sees it. */
function englishReceipt(summary: unknown) {
  const r = renderReceipt(summary);
  return { ...r, headline: english(r.headline), lines: r.lines.map((l) => english(l)) };
}

describe('receipt', () => {
  const outputs: Record<string, Record<string, unknown>> = {
    'load-balancer': {
      deleted: [
        { type: 'listener', id: 'arn:listener/1' },
        { type: 'load-balancer', id: 'arn:lb/1' },
      ],
    },
    subnets: {
      deleted: [
        { type: 'subnet', id: 'subnet-b' },
        { type: 'subnet', id: 'subnet-a' },
      ],
    },
    secret: { skipped: [{ type: 'secret', id: 'arn:secret', reason: 'not deleted: not tagged for demo' }] },
    // A resource a later step (the sweep) deleted again is listed once.
    sweep: { deleted: [{ type: 'subnet', id: 'subnet-a' }], waiting: [] },
  };
  const outputsOf = (id: string) => outputs[id] ?? {};

  it('collects every step’s deletions, once each, in teardown order', () => {
    const r = collectReceipt(run, Object.keys(outputs), outputsOf, [], 1_000 + 361_000);
    expect(r.deleted).toEqual([
      { type: 'listener', id: 'arn:listener/1' },
      { type: 'load-balancer', id: 'arn:lb/1' },
      { type: 'subnet', id: 'subnet-a' },
      { type: 'subnet', id: 'subnet-b' },
    ]);
    expect(r.skipped).toHaveLength(1);
    expect(r.elapsedMs).toBe(361_000);
  });

  it('renders success with the promise that nothing tagged remains', () => {
    const r = collectReceipt(run, Object.keys(outputs), outputsOf, [], 1_000 + 361_000);
    const text = englishReceipt({ receipt: r, remaining: [] });
    expect(text.headline).toBe(
      'Destroyed demo in 6m 1s: 4 resources deleted. 0 resources tagged for demo remain.',
    );
    expect(text.lines).toEqual([
      'deleted 1 listener: arn:listener/1',
      'deleted 1 load balancer: arn:lb/1',
      'deleted 2 subnets: subnet-a, subnet-b',
      'kept secret arn:secret: not deleted: not tagged for demo',
    ]);
    expect(text.lines).toHaveLength(4);
  });

  it('renders what remains, why, and how to resume', () => {
    const r = collectReceipt(
      { ...run, status: 'failed' },
      [],
      outputsOf,
      [{ type: 'vpc', id: 'vpc-1', reason: 'DependencyViolation: has dependencies' }],
      61_000,
    );
    const text = englishReceipt(r);
    expect(text.headline).toBe(
      'Teardown of demo stopped after 1m: 0 resources deleted, 1 tagged for demo remain. Run /site destroy demo again to resume.',
    );
    expect(text.lines).toEqual(['remains: VPC vpc-1: DependencyViolation: has dependencies']);
  });

  it('reads a receipt back from a stored run summary, and says so when there is none', () => {
    const r = collectReceipt(run, [], outputsOf, [], 2_000);
    expect(receiptOf({ receipt: r, error: 'x' })).toEqual(r);
    expect(receiptOf(undefined)).toBeUndefined();
    expect(english(renderReceipt({}).headline)).toBe('No teardown receipt recorded.');
  });
});

describe('describeDestroyPlan', () => {
  it('counts the recorded resources by type for the confirmation message', () => {
    const outputs: Record<string, Record<string, unknown>> = {
      vpc: { vpcId: 'vpc-1' },
      subnets: { publicSubnetA: 's1', publicSubnetC: 's2', privateSubnetA: 's3', privateSubnetC: 's4' },
      'internet-gateway': { igwId: 'igw-1' },
      'public-routes': { routeTableId: 'rtb-1' },
      'security-groups': { elbSgId: 'sg-1', webSgId: 'sg-2', dbSgId: 'sg-3' },
      'web-1': { instanceId: 'i-1' },
      'web-2': { instanceId: 'i-2' },
      'web-ami': { imageId: 'ami-1', snapshotIds: ['snap-1'] },
      database: { dbInstanceId: 'demo-db' },
    };
    const resources = createResources((id) => outputs[id] ?? {});
    const plan = describeDestroyPlan({ name: 'demo', resources });
    expect(plan.inventory.counts).toEqual({
      vpc: 1,
      subnet: 4,
      'internet-gateway': 1,
      'route-table': 1,
      'security-group': 3,
      instance: 2,
      image: 1,
      snapshot: 1,
      'db-instance': 1,
    });
    expect(plan.inventory.total).toBe(15);
    expect(ENGLISH.inventory.describe(plan.inventory.counts)).toBe(
      '1 VPC, 4 subnets, 1 internet gateway, 1 route table, 3 security groups, 1 database, 2 web servers, 1 AMI, 1 snapshot',
    );
  });

  it('says so when nothing is recorded', () => {
    const plan = describeDestroyPlan({ name: 'demo', resources: {} });
    expect(plan).toEqual({ env: 'demo', inventory: { total: 0, counts: {} } });
    expect(ENGLISH.inventory.describe(plan.inventory.counts)).toBe('nothing');
  });
});
