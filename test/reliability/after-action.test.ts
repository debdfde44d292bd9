/**
 * Idempotency, proven where it matters: every kind of call that changes something (each
 * create, attach, associate, authorize, delete …) loses every answer of its first send — the
 * change is made, then the emulator answers a 5xx, a throttle or nothing, on each of the SDK's
 * attempts — and EC2 lists fresh resources only after 90 s. Create must still make exactly
 * one of each resource (by ClientToken, unique names, or looking for what an attempt made before
 * trying again), and destroy must still leave nothing.
 *
 * Broken on purpose, this fails: RunInstances without its ClientToken makes a second web
 * server; a VPC or internet gateway step that does not look for its resource by tag makes a
 * second one.
 */
import { DEFAULT_MAX_ATTEMPTS } from '../../src/aws/clients';
import type { AfterActionKind } from '../../src/sandbox/aws/faults';
import { SLOW_CREATE_POLL, taggedFor } from '../integration/workflows/destroy/harness';
import {
  createThrough,
  destroyThrough,
  duplicatesOf,
  inventory,
  SPEC_INVENTORY,
  startReliabilityHarness,
  type ReliabilityHarness,
} from './harness';

let h: ReliabilityHarness;

afterEach(async () => {
  await h?.close();
});

/** The create calls of SPEC's environment, each of which must have lost its answers at least once. */
const CREATES = [
  'ec2:CreateVpc',
  'ec2:CreateSubnet',
  'ec2:CreateInternetGateway',
  'ec2:CreateRouteTable',
  'ec2:CreateSecurityGroup',
  'ec2:RunInstances',
  'ec2:CreateImage',
  'rds:CreateDBSubnetGroup',
  'rds:CreateDBInstance',
  'elasticloadbalancing:CreateTargetGroup',
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:CreateListener',
  'secretsmanager:CreateSecret',
  'iam:CreateRole',
  'iam:CreateInstanceProfile',
];

test.each<[AfterActionKind]>([['server-error'], ['throttle'], ['drop']])(
  'every changing call loses its answers (%s) on its first send: one of each resource, then nothing left',
  async (kind) => {
    h = await startReliabilityHarness({ createPoll: SLOW_CREATE_POLL });
    h.emu.world.faults.set({ afterActionEach: DEFAULT_MAX_ATTEMPTS, afterActionKinds: [kind] });
    const w = h.worker();

    const created = await createThrough(h, w, 'shop');
    expect(created.summary?.error).toBeUndefined();
    expect(created.status).toBe('succeeded');
    expect(duplicatesOf(h)).toEqual({});
    expect(inventory(h)).toEqual(SPEC_INVENTORY);
    // The faults were really there: every create call lost its answers, on each SDK attempt.
    const lost = new Set(h.emu.world.faults.afterActionLog.map((f) => f.call));
    expect(CREATES.filter((c) => !lost.has(c))).toEqual([]);

    const destroyed = await destroyThrough(h, w, 'shop');
    expect(destroyed.summary?.error).toBeUndefined();
    expect(destroyed.status).toBe('succeeded');
    expect(taggedFor(h, 'shop')).toEqual([]);
    expect(inventory(h)).toEqual({});
    expect(h.emu.world.faults.afterActionLog.some((f) => f.call === 'ec2:DeleteVpc')).toBe(true);
  },
  60_000,
);
