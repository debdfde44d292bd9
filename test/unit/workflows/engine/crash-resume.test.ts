import { createMemoryStore } from '../../../helpers/memory-store';
import {
  describeCrashPoint,
  enumerateCrashPoints,
  runWithCrashAt,
  type CrashScenario,
} from '../../../helpers/crash-harness';
import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import { workflow } from './fixtures';
import { createStep, FakeCloud, type CloudDeps } from './fake-cloud';

/** A create-like DAG: network first, then a slow db in parallel with web → alb. */
function makeScenario(idempotent = true): CrashScenario<CloudDeps> {
  const clock = new ManualClock(Date.UTC(2026, 10, 27));
  const cloud = new FakeCloud(clock);
  const wf = workflow<CloudDeps>([
    createStep('vpc', [], { idempotent }),
    createStep('subnet', ['vpc'], { idempotent }),
    createStep('db', ['subnet'], { readyInMs: 20_000, pollMs: 5_000, idempotent }),
    createStep('web', ['subnet'], { readyInMs: 3_000, pollMs: 2_000, idempotent }),
    createStep('alb', ['web'], { idempotent }),
  ]);
  return {
    store: createMemoryStore(),
    workflows: { create: wf },
    deps: { cloud },
    clock,
    start: { kind: 'create', env: 'demo', requestedBy: 'U123', channel: 'C1', params: {} },
  };
}

const KINDS = ['alb', 'db', 'subnet', 'vpc', 'web'];

describe('crash and resume at every boundary', () => {
  it('enumerates step boundaries, mid-step points after the create call, and every write', async () => {
    const points = (await enumerateCrashPoints(() => makeScenario())).map(describeCrashPoint);
    for (const id of KINDS) {
      expect(points).toContain(`beforeStep(${id})#1`);
      expect(points).toContain(`beforeRecord(${id})#1`);
      expect(points).toContain(`afterStepCall(${id})#1`);
      expect(points).toContain(`beforeSave(result:${id})#1`);
      expect(points).toContain(`beforeSave(record:${id})#1`);
    }
    for (const write of ['lease#1', 'start#1', 'audit#1', 'finish#1', 'lock-release#1', 'lease-release#1']) {
      expect(points).toContain(`beforeSave(${write.replace('#', ')#')}`);
    }
  });

  it('kill at any point, resume: the run succeeds with exactly one of each resource', async () => {
    const points = await enumerateCrashPoints(() => makeScenario());
    expect(points.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const point of points) {
      const scenario = makeScenario();
      const { run, crashed } = await runWithCrashAt(scenario, point);
      const counts = KINDS.map((k) => scenario.deps.cloud.count(k));
      // A lock may outlive a crash right after the final save; the env must still be free for the next run.
      const lock = await scenario.store.locks.get('demo');
      const lockedByLive = lock && (await scenario.store.runs.get(lock.runId))?.status === 'running';
      if (!crashed || run.status !== 'succeeded' || counts.some((c) => c !== 1) || lockedByLive) {
        failures.push(`${describeCrashPoint(point)}: crashed=${crashed} ${run.status} counts=${counts}`);
      }
      expect(run.steps.alb.outputs?.id).toBe('alb-5');
    }
    expect(failures).toEqual([]);
  });

  it('catches a step that is not idempotent: a crash after its create call duplicates the resource', async () => {
    const scenario = makeScenario(false);
    await runWithCrashAt(scenario, { hook: 'beforeRecord', key: 'db', occurrence: 1 });
    expect(scenario.deps.cloud.count('db')).toBe(2);
  });

  it('a lock left by a crash after the final save is released when the env is next asked for', async () => {
    const scenario = makeScenario();
    const { run } = await runWithCrashAt(scenario, {
      hook: 'beforeSave',
      key: 'lock-release',
      occurrence: 1,
    });
    expect(run.status).toBe('succeeded');
    expect((await scenario.store.locks.get('demo'))?.runId).toBe(run.runId);
    const service = new WorkflowService({
      store: scenario.store,
      workflows: scenario.workflows,
      scheduler: new ManualScheduler(scenario.clock as ManualClock),
      clock: scenario.clock,
    });
    const next = await service.startRun({ ...scenario.start, kind: 'create' });
    expect(next.ok).toBe(true);
  });
});
