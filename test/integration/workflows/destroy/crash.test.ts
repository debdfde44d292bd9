/**
 * Kill the teardown at every step boundary, resume in a fresh process after the dead one's
 * lease expires (test/helpers/crash-harness), and check nothing tagged for the env is left,
 * the env ends destroyed and the receipt still lists what the dead process deleted.
 */
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashPoint,
  type CrashScenario,
} from '../../../helpers/crash-harness';
import { receiptOf } from '../../../../src/workflows/destroy/receipt';
import { DESTROY_STEPS, destroyWorkflow } from '../../../../src/workflows/destroy/workflow';
import {
  CHANNEL,
  createFully,
  OWNER,
  SLOW_CREATE_POLL,
  startHarness,
  taggedFor,
  type Deps,
  type Harness,
} from './harness';

jest.setTimeout(600_000);

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/** A fresh emulator with a fully created env, and the destroy run as a crash scenario. */
async function scenario(): Promise<{ h: Harness; s: CrashScenario<Deps>; before: string[] }> {
  const h = await startHarness({ createPoll: SLOW_CREATE_POLL, destroy: { pollMaxMs: 60_000 } });
  harnesses.push(h);
  await createFully(h, 'demo');
  const before = taggedFor(h, 'demo')
    .filter((r) => r.type !== 'network-interface')
    .map((r) => r.id);
  const s: CrashScenario<Deps> = {
    store: h.store,
    workflows: { destroy: destroyWorkflow },
    deps: h.deps,
    clock: h.clock,
    start: { kind: 'destroy', env: 'demo', requestedBy: OWNER, channel: CHANNEL, params: {} },
  };
  return { h, s, before };
}

/** Per step: the call made but its answer unsaved, and the first delete made but not saved. */
const STEP_IDS = new Set(DESTROY_STEPS.map((s) => s.id));
const boundary = (p: CrashPoint) =>
  STEP_IDS.has(p.key) &&
  ((p.hook === 'afterStepCall' && p.occurrence === 1) || (p.hook === 'beforeRecord' && p.occurrence === 2));

describe('destroy killed at every step boundary, then resumed', () => {
  let points: CrashPoint[] = [];

  beforeAll(async () => {
    const first = await scenario();
    points = (await enumerateCrashPoints(() => first.s)).filter(boundary);
    await first.h.close();
    harnesses.splice(harnesses.indexOf(first.h), 1);
  });

  it('covers every step', () => {
    const steps = new Set(points.filter((p) => p.hook === 'afterStepCall').map((p) => p.key));
    expect([...steps].sort()).toEqual([...STEP_IDS].sort());
  });

  it('leaves nothing tagged for the env after a crash at any boundary', async () => {
    const failures: string[] = [];
    for (const point of points) {
      const { h, s, before } = await scenario();
      const { run, crashed } = await runWithCrashAt(s, point);
      const left = taggedFor(h, 'demo');
      const receipt = receiptOf(run.summary);
      const deleted = new Set(receipt?.deleted.map((d) => d.id));
      const missing = before.filter((id) => !deleted.has(id));
      const env = await h.store.environments.get('demo');
      if (
        !crashed ||
        run.status !== 'succeeded' ||
        left.length > 0 ||
        missing.length > 0 ||
        env?.status !== 'destroyed'
      )
        failures.push(
          `${describeCrashPoint(point)}: crashed=${crashed} ${run.status} left=${left.map((r) => r.id)} notInReceipt=${missing} env=${env?.status}`,
        );
      await h.close();
      harnesses.splice(harnesses.indexOf(h), 1);
    }
    expect(failures).toEqual([]);
  });
});
