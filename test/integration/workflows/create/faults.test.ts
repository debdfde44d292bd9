/**
 * AWS as it really behaves: fresh EC2 ids unknown for a few seconds (eventual consistency)
 * and occasional throttling / 5xx. The create run still succeeds, with no duplicate resource.
 */
import { runWithCrashAt } from '../../../helpers/crash-harness';
import { startCreateHarness, type CreateHarness } from './harness';

let h: CreateHarness;

beforeEach(async () => {
  h = await startCreateHarness();
});

afterEach(async () => {
  await h.close();
});

function inventory(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of h.emu.world.listResources())
    counts[`${r.service}:${r.type}`] = (counts[`${r.service}:${r.type}`] ?? 0) + 1;
  return counts;
}

const SPEC_INVENTORY = {
  'ec2:vpc': 1,
  'ec2:subnet': 4,
  'ec2:internet-gateway': 1,
  'ec2:route-table': 2,
  'ec2:security-group': 4,
  'ec2:instance': 2,
  'ec2:image': 1,
  'ec2:snapshot': 1,
  'ec2:network-interface': 6,
  'secretsmanager:secret': 1,
  'iam:role': 1,
  'iam:instance-profile': 1,
  'elbv2:load-balancer': 1,
  'elbv2:target-group': 1,
  'elbv2:listener': 1,
  'rds:db-subnet-group': 1,
  'rds:db-instance': 1,
};

test('fresh ids invisible for 5 s: steps wait instead of failing or creating twice', async () => {
  h.emu.world.faults.set({ eventualConsistencyMs: 5_000 });
  const { run } = await runWithCrashAt(h.scenario('now'), undefined);
  const failed = Object.entries(run.steps).filter(([, s]) => s.status !== 'done');
  expect(failed).toEqual([]);
  expect(run.status).toBe('succeeded');
  expect(inventory()).toEqual(SPEC_INVENTORY);
});

test.each([1, 2, 3])(
  'throttling and 5xx on 5%% of calls (seed %i): retried, same inventory',
  async (seed) => {
    h.emu.world.faults.set({ throttleRate: 0.05, serverErrorRate: 0.02, seed });
    const { run } = await runWithCrashAt(h.scenario('now'), undefined);
    expect(Object.entries(run.steps).filter(([, s]) => s.status !== 'done')).toEqual([]);
    expect(run.status).toBe('succeeded');
    expect(inventory()).toEqual(SPEC_INVENTORY);
  },
);
