/**
 * `--multi-az later`, killed around the modify: the conversion is requested at most twice and
 * the run ends Multi-AZ. (Every other hook point of create, and of destroy, is killed in turn in
 * ../crash-everywhere.test.ts.)
 */
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashPoint,
} from '../../../helpers/crash-harness';
import { startCreateHarness } from './harness';

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
