/**
 * Sleep and wake killed at every step boundary resume in a fresh process (after the dead one's
 * lease runs out) and end as asked: nothing left running that should sleep, nothing asleep
 * that should wake, and the env record in step with AWS.
 */
import { powerOf } from '../../../../src/state/power';
import type { Environment } from '../../../../src/state/types';
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashPoint,
} from '../../../helpers/crash-harness';
import { ASLEEP, AWAKE, builtEnvForFile, type PowerHarness } from './harness';

const built = builtEnvForFile();
let h: PowerHarness;
let env: Environment;
beforeAll(() => {
  h = built.h();
  env = built.env();
});

/** Every boundary, the polling steps' first two passes, the end's writes once. */
const boundaries = (p: CrashPoint) =>
  p.occurrence <= 2 || ['on-finish', 'finish', 'lock-release'].includes(p.key);

async function settle(kind: 'sleep' | 'wake'): Promise<void> {
  const { run } = await runWithCrashAt(h.powerScenario(kind, 'demo'), undefined);
  expect(run.status).toBe('succeeded');
}

async function expectRecord(state: 'asleep' | 'awake', label: string): Promise<void> {
  const record = (await h.store.environments.get('demo'))!;
  const p = powerOf(record);
  const open = (list: { end?: number }[] = []) => list.some((i) => i.end === undefined);
  expect({
    label,
    state: p?.state,
    run: record.currentRunId,
    web: open(p?.webOff),
    db: open(p?.dbOff),
    // A finish run twice (killed after its write) must not open the same stretch twice.
    repeated: [p?.webOff ?? [], p?.dbOff ?? []].flatMap((list) =>
      list.filter((i, n) => n > 0 && list[n - 1].start === i.start),
    ),
  }).toEqual({
    label,
    state,
    run: undefined,
    web: state === 'asleep',
    db: state === 'asleep',
    repeated: [],
  });
  const lock = await h.store.locks.get('demo');
  if (lock) expect((await h.store.runs.get(lock.runId))?.status).not.toBe('running');
}

test('a sleep killed at any step boundary resumes and leaves everything stopped', async () => {
  const points = await enumerateCrashPoints(() => h.powerScenario('sleep', 'demo'), boundaries);
  await settle('wake');
  if (process.env.SHOW_POINTS) console.log(points.map(describeCrashPoint).join(' '));
  expect(new Set(points.map((p) => p.hook))).toEqual(
    new Set(['beforeStep', 'beforeRecord', 'afterStepCall', 'beforeSave']),
  );
  // Both stops are recorded before they are sent.
  expect(points.filter((p) => p.hook === 'beforeRecord').map((p) => p.key)).toEqual(
    expect.arrayContaining(['stop-web', 'stop-db']),
  );
  for (const point of points) {
    const label = describeCrashPoint(point);
    const { run, crashed } = await runWithCrashAt(h.powerScenario('sleep', 'demo'), point);
    expect({ label, crashed, status: run.status }).toEqual({ label, crashed: true, status: 'succeeded' });
    // RDS never started this DB by itself: a repeated finish must not say it did.
    expect({ label, restopped: run.summary?.restoppedDb }).toEqual({ label, restopped: false });
    expect({ label, ...(await h.observed(env)) }).toEqual({ label, ...ASLEEP });
    await expectRecord('asleep', label);
    await settle('wake');
  }
}, 600_000);

test('a wake killed at any step boundary resumes and leaves everything running and the site up', async () => {
  await settle('sleep');
  const points = await enumerateCrashPoints(() => h.powerScenario('wake', 'demo'), boundaries);
  if (process.env.SHOW_POINTS) console.log(points.map(describeCrashPoint).join(' '));
  expect(points.filter((p) => p.hook === 'beforeRecord').map((p) => p.key)).toEqual(
    expect.arrayContaining(['start-web', 'start-db']),
  );
  for (const point of points) {
    await settle('sleep');
    const label = describeCrashPoint(point);
    const { run, crashed } = await runWithCrashAt(h.powerScenario('wake', 'demo'), point);
    expect({ label, crashed, status: run.status }).toEqual({ label, crashed: true, status: 'succeeded' });
    expect({ label, ...(await h.observed(env)) }).toEqual({ label, ...AWAKE });
    await expectRecord('awake', label);
  }
}, 600_000);
