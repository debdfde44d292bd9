/**
 * A drill killed mid-way resumes in a fresh process (after the dead one's lease runs out) and
 * ends with both web servers running and healthy; a DB drill killed around its reboot reboots
 * once, not twice (a second failover would swap the AZ back).
 */
import type { RunnerHooks } from '../../../../src/workflows/engine/runner';
import type { DrillReport } from '../../../../src/workflows/failover/report';
import type { Environment } from '../../../../src/state/types';
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashPoint,
} from '../../../helpers/crash-harness';
import { BOTH_SERVING, startFailoverHarness, type FailoverHarness } from './harness';

let h: FailoverHarness;
let env: Environment;

beforeAll(async () => {
  h = await startFailoverHarness();
  env = await h.createEnv('demo', 'now');
});

afterAll(async () => {
  await h?.close();
});

test('a web drill killed at any step boundary resumes and leaves both instances running', async () => {
  const points = await enumerateCrashPoints(
    () => h.failoverScenario('demo', { target: 'web' }),
    (p: CrashPoint) =>
      (p.key === 'web-drill' && p.occurrence <= 4) ||
      (p.key.endsWith(':web-drill') && p.occurrence <= 4) ||
      (['on-finish', 'finish', 'lock-release'].includes(p.key) && p.occurrence === 1),
  );
  const hooks: (keyof RunnerHooks)[] = ['beforeStep', 'beforeRecord', 'afterStepCall', 'beforeSave'];
  expect(new Set(points.map((p) => p.hook))).toEqual(new Set(hooks));
  if (process.env.SHOW_POINTS) console.log(points.map(describeCrashPoint).join(' '));
  // The stop and the start are each recorded before they are sent: both are among the points.
  expect(
    points.filter((p) => p.hook === 'beforeRecord' && p.key === 'web-drill').length,
  ).toBeGreaterThanOrEqual(2);
  for (const point of points) {
    const { run, crashed } = await runWithCrashAt(h.failoverScenario('demo', { target: 'web' }), point);
    const label = describeCrashPoint(point);
    expect({ label, crashed, status: run.status }).toEqual({ label, crashed: true, status: 'succeeded' });
    expect(await h.webState(env)).toEqual(BOTH_SERVING);
    const report = run.summary?.drill as DrillReport;
    expect({ label, fault: report.phases[0].faultObserved }).toEqual({ label, fault: true });
    // A crash just before the lock release leaves the lock of an ended run: the engine reclaims it.
    const lock = await h.store.locks.get('demo');
    if (lock) expect((await h.store.runs.get(lock.runId))?.status).not.toBe('running');
    expect((await h.store.environments.get('demo'))?.currentRunId).toBeUndefined();
  }
}, 240_000);

test('a DB drill killed around its reboot fails over exactly once', async () => {
  const trace = (await runWithCrashAt(h.failoverScenario('demo', { target: 'db' }), undefined)).trace;
  // The reboot is recorded (beforeRecord) then sent, then the stage is recorded (beforeSave record:db-drill).
  const points = trace.filter(
    (p) =>
      (p.hook === 'beforeRecord' && p.key === 'db-drill') ||
      (p.hook === 'beforeSave' && p.key === 'record:db-drill') ||
      (p.hook === 'afterStepCall' && p.key === 'db-drill' && p.occurrence <= 3),
  );
  expect(points.length).toBeGreaterThanOrEqual(4);
  for (const point of points) {
    const azBefore = await h.primaryAz(env);
    const { run, crashed } = await runWithCrashAt(h.failoverScenario('demo', { target: 'db' }), point);
    const label = describeCrashPoint(point);
    expect({ label, crashed, status: run.status }).toEqual({ label, crashed: true, status: 'succeeded' });
    const db = (run.summary?.drill as DrillReport).phases[0];
    const azAfter = await h.primaryAz(env);
    expect({ label, azBefore: db.azBefore, azAfter: db.azAfter }).toEqual({ label, azBefore, azAfter });
    expect({ label, swapped: azAfter !== azBefore, fault: db.faultObserved }).toEqual({
      label,
      swapped: true,
      fault: true,
    });
  }
}, 120_000);
