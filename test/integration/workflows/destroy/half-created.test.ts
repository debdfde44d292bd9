/**
 * Teardown of half-created environments: the create is killed at each of its step
 * boundaries (right after a create call, before its id was saved, where the step records one),
 * then "Cancel and destroy" stops it and the teardown starts once it has; or the create fails
 * on its own. Either way nothing tagged for the env may be left.
 */
import {
  describeCrashPoint,
  enumerateCrashPoints,
  recordingHooks,
  SimulatedCrash,
  type CrashPoint,
} from '../../../helpers/crash-harness';
import { createWorkflow, CREATE_STEPS } from '../../../../src/workflows/create/workflow';
import { startDestroy, startPendingDestroy } from '../../../../src/workflows/destroy/start';
import { receiptOf } from '../../../../src/workflows/destroy/receipt';
import {
  CHANNEL,
  OWNER,
  createEnvRecord,
  startCreate,
  SLOW_CREATE_POLL,
  startHarness,
  taggedFor,
  type Deps,
  type Harness,
} from './harness';

jest.setTimeout(600_000);

const LEASE_MS = 30_000;

/** For each create step: the last resource it creates, made but not yet recorded; else its answer unsaved. */
function boundaries(trace: CrashPoint[]): CrashPoint[] {
  return CREATE_STEPS.map((step) => {
    const records = trace.filter((p) => p.hook === 'beforeRecord' && p.key === step.id);
    return records.length > 0
      ? records[records.length - 1]
      : { hook: 'afterStepCall' as const, key: step.id, occurrence: 1 };
  });
}

describe('destroy after a create that was killed or failed', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });
  const harness = async () => {
    const h = await startHarness({ createPoll: SLOW_CREATE_POLL, destroy: { pollMaxMs: 60_000 } });
    open.push(h);
    return h;
  };

  let points: CrashPoint[] = [];
  beforeAll(async () => {
    const h = await startHarness();
    try {
      await createEnvRecord(h, 'demo');
      const trace = await enumerateCrashPoints<Deps>(() => ({
        store: h.store,
        workflows: { create: createWorkflow },
        deps: h.deps,
        clock: h.clock,
        start: {
          kind: 'create',
          env: 'demo',
          requestedBy: OWNER,
          channel: CHANNEL,
          params: { multiAz: 'now' },
        },
      }));
      points = boundaries(trace);
    } finally {
      await h.close();
    }
  });

  it('finds a boundary in every create step', () => {
    expect(points.map((p) => p.key)).toEqual(CREATE_STEPS.map((s) => s.id));
    expect(points.filter((p) => p.hook === 'beforeRecord').length).toBeGreaterThanOrEqual(12);
  });

  it('cleans up completely whichever step the create died in', async () => {
    const failures: string[] = [];
    for (const point of points) {
      const h = await harness();
      const dead = h.process(recordingHooks([], point), 'dead');
      const create = await startCreate(h, 'demo', dead);
      await expect(dead.scheduler.drain()).rejects.toBeInstanceOf(SimulatedCrash);
      dead.scheduler.clear();

      // The create still holds the env: a plain destroy is refused, "Cancel and destroy" stops it.
      const refused = await startDestroy(h.main.service, h.store, {
        env: 'demo',
        requestedBy: OWNER,
        channel: CHANNEL,
      });
      expect(refused).toMatchObject({ status: 'refused', reason: 'create-running' });
      const pending = await startDestroy(h.main.service, h.store, {
        env: 'demo',
        requestedBy: OWNER,
        channel: CHANNEL,
        cancelCreate: true,
      });
      expect(pending).toMatchObject({ status: 'pending-cancel', createRunId: create.runId });

      h.clock.advance(LEASE_MS + 1);
      await h.main.service.resumeAll();
      await h.main.scheduler.drain();
      expect((await h.store.runs.get(create.runId))?.status).toBe('cancelled');

      const started = await startPendingDestroy(h.main.service, h.store, 'demo');
      expect(started?.status).toBe('started');
      await h.main.scheduler.drain();
      const run = started?.status === 'started' ? await h.store.runs.get(started.run.runId) : undefined;
      const left = taggedFor(h, 'demo');
      const env = await h.store.environments.get('demo');
      if (run?.status !== 'succeeded' || left.length > 0 || env?.status !== 'destroyed')
        failures.push(
          `${describeCrashPoint(point)}: ${run?.status} left=${left.map((r) => `${r.type}:${r.id}`)} env=${env?.status} ${run?.summary?.error ?? ''}`,
        );
      expect(receiptOf(run?.summary)?.remaining).toEqual([]);
      await h.close();
      open.splice(open.indexOf(h), 1);
    }
    expect(failures).toEqual([]);
  });

  it('cleans up after a create that failed (no instance capacity)', async () => {
    const h = await harness();
    h.emu.world.faults.set({ insufficientCapacity: [{ instanceType: 't3.micro' }] });
    const create = await startCreate(h, 'demo');
    await h.main.scheduler.drain();
    expect((await h.store.runs.get(create.runId))?.status).toBe('failed');
    expect((await h.store.environments.get('demo'))?.status).toBe('failed');
    expect(taggedFor(h, 'demo').length).toBeGreaterThan(5);

    const started = await startDestroy(h.main.service, h.store, {
      env: 'demo',
      requestedBy: OWNER,
      channel: CHANNEL,
    });
    expect(started.status).toBe('started');
    await h.main.scheduler.drain();
    const run = started.status === 'started' ? await h.store.runs.get(started.run.runId) : undefined;
    expect(run?.status).toBe('succeeded');
    expect(taggedFor(h, 'demo')).toEqual([]);
    expect((await h.store.environments.get('demo'))?.status).toBe('destroyed');
  });
});
