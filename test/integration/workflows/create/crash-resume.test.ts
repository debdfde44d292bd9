/**
 * The crash-resume proof: kill the runner at every step boundary, at every write, and mid-step
 * (inside ctx.record: after a create call, before its id is saved), resume in a fresh
 * process, and the emulator holds exactly one of each SPEC resource — the same inventory as a
 * run that never crashed.
 */
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashPoint,
} from '../../../helpers/crash-harness';
import { countResources } from '../../../helpers/inventory';
import { startCreateHarness, type CreateHarness } from './harness';

const inventory = (h: CreateHarness) => countResources(h.emu.world);

/** Every mid-step point (each record of a multi-resource step), and the first hit of every other point. */
const worthCrashingAt = (p: CrashPoint): boolean => p.hook === 'beforeRecord' || p.occurrence === 1;

test('a crash at any boundary or mid-step, then resume: the run succeeds with exactly one of each resource', async () => {
  const clean = await startCreateHarness();
  let expected: Record<string, number>;
  let points: CrashPoint[];
  try {
    points = await enumerateCrashPoints(() => clean.scenario('now'), worthCrashingAt);
    expected = inventory(clean);
  } finally {
    await clean.close();
  }
  // Sanity: the mid-step points of every creating step are there.
  const midStep = new Set(points.filter((p) => p.hook === 'beforeRecord').map((p) => p.key));
  expect([...midStep].sort()).toEqual(
    [
      'credentials',
      'database',
      'internet-gateway',
      'listener',
      'load-balancer',
      'public-routes',
      'security-groups',
      'subnets',
      'target-group',
      'vpc',
      'web-1',
      'web-2',
      'web-ami',
      'web-role',
    ].sort(),
  );
  expect(points.length).toBeGreaterThan(80);

  const problems: string[] = [];
  for (const point of points) {
    const h = await startCreateHarness();
    try {
      const { run, crashed } = await runWithCrashAt(h.scenario('now'), point);
      const got = inventory(h);
      if (!crashed) problems.push(`${describeCrashPoint(point)}: never reached`);
      else if (run.status !== 'succeeded') problems.push(`${describeCrashPoint(point)}: run ${run.status}`);
      else if (JSON.stringify(got) !== JSON.stringify(expected)) {
        problems.push(`${describeCrashPoint(point)}: ${JSON.stringify(got)}`);
      }
    } finally {
      await h.close();
    }
  }
  expect(problems).toEqual([]);
}, 900_000);

test('--multi-az later: a crash around the modify (before or after it is recorded) still ends Multi-AZ, repeating the modify at most once', async () => {
  const clean = await startCreateHarness();
  let points: CrashPoint[];
  try {
    points = await enumerateCrashPoints(
      () => clean.scenario('later'),
      (p) => p.key.endsWith('database-multi-az') && (p.hook === 'beforeRecord' || p.occurrence <= 2),
    );
  } finally {
    await clean.close();
  }
  expect(points.some((p) => p.hook === 'beforeRecord')).toBe(true);
  const problems: string[] = [];
  for (const point of points) {
    const h = await startCreateHarness();
    try {
      const { run } = await runWithCrashAt(h.scenario('later'), point);
      const modifies = h.emu.world.calls.get('rds:ModifyDBInstance') ?? 0;
      const multiAz = run.steps['database-multi-az'].outputs?.multiAz;
      // A crash between the modify and its record may repeat the (idempotent) request once.
      if (run.status !== 'succeeded' || multiAz !== true || modifies < 1 || modifies > 2) {
        problems.push(
          `${describeCrashPoint(point)}: ${run.status}, multiAz=${String(multiAz)}, modifies=${modifies}`,
        );
      }
    } finally {
      await h.close();
    }
  }
  expect(problems).toEqual([]);
}, 600_000);
