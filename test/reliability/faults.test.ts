/**
 * AWS at its worst short of an outage: 20 % of calls throttled, 5 % answered 5xx, and the
 * ALB's ENIs lingering after deletion. Create, a web failover drill and destroy still finish;
 * the emulator holds exactly SPEC's resources after create and nothing of the env after
 * destroy; and AWS answered each create call once (no step made its resource twice).
 */
import { startFailover } from '../../src/workflows/failover/start';
import { CHANNEL, OWNER, SLOW_CREATE_POLL, taggedFor } from '../integration/workflows/destroy/harness';
import {
  createThrough,
  destroyThrough,
  inventory,
  SPEC_INVENTORY,
  startReliabilityHarness,
  type ReliabilityHarness,
} from './harness';

let h: ReliabilityHarness;

afterEach(async () => {
  await h?.close();
});

/** Create calls AWS answered with success once per resource of SPEC's environment. */
const SPEC_CREATES = {
  'EC2Client:CreateVpc': 1,
  'EC2Client:CreateSubnet': 4,
  'EC2Client:CreateInternetGateway': 1,
  // CreateVpc brings the main route table and the default security group with it.
  'EC2Client:CreateRouteTable': 1,
  'EC2Client:CreateSecurityGroup': 3,
  'EC2Client:RunInstances': 2,
  'EC2Client:CreateImage': 1,
  'RDSClient:CreateDBSubnetGroup': 1,
  'RDSClient:CreateDBInstance': 1,
  'ElasticLoadBalancingV2Client:CreateLoadBalancer': 1,
  'ElasticLoadBalancingV2Client:CreateTargetGroup': 1,
  'ElasticLoadBalancingV2Client:CreateListener': 1,
  'SecretsManagerClient:CreateSecret': 1,
  'IAMClient:CreateRole': 1,
  'IAMClient:CreateInstanceProfile': 1,
};

test.each([7, 42])(
  '20%% throttling + 5%% 5xx + lingering ENIs (seed %i): create, web failover, destroy complete; no duplicates, nothing left',
  async (seed) => {
    h = await startReliabilityHarness({ createPoll: SLOW_CREATE_POLL });
    h.emu.world.faults.set({ throttleRate: 0.2, serverErrorRate: 0.05, eniLingerMs: 5 * 60_000, seed });
    const w = h.worker();

    const created = await createThrough(h, w, 'shop');
    expect(created.summary?.error).toBeUndefined();
    expect(created.status).toBe('succeeded');
    expect(inventory(h)).toEqual(SPEC_INVENTORY);
    const creates = h.creates();
    expect(Object.fromEntries(Object.keys(SPEC_CREATES).map((k) => [k, creates[k] ?? 0]))).toEqual(
      SPEC_CREATES,
    );

    const drill = await startFailover(w.service, h.store, {
      env: 'shop',
      requestedBy: OWNER,
      channel: CHANNEL,
      target: 'web',
    });
    if (!drill.ok) throw new Error(drill.message);
    await w.scheduler.drain(5_000);
    const drilled = (await h.store.runs.get(drill.run.runId))!;
    expect(drilled.summary?.error).toBeUndefined();
    expect(drilled.status).toBe('succeeded');
    // The drill stops and starts a server: it creates nothing.
    expect(inventory(h)).toEqual(SPEC_INVENTORY);

    const destroyed = await destroyThrough(h, w, 'shop');
    expect(destroyed.summary?.error).toBeUndefined();
    expect(destroyed.status).toBe('succeeded');
    expect(taggedFor(h, 'shop')).toEqual([]);
    expect(inventory(h)).toEqual({});
    // Retries happened: the faults were really on.
    const attempts = [...h.emu.world.calls.values()].reduce((a, b) => a + b, 0);
    const successes = [...h.succeeded.values()].reduce((a, b) => a + b, 0);
    expect(attempts).toBeGreaterThan(successes * 1.15);
  },
  120_000,
);
