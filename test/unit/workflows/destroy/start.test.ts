/**
 * startDestroy against the engine with fake workflows: one teardown per env, a running create
 * is either refused or cancelled first, and the pending teardown starts once the create stops.
 */
import { startDestroy, startPendingDestroy } from '../../../../src/workflows/destroy/start';
import { ManualClock, ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { WorkflowService } from '../../../../src/workflows/engine/service';
import type { WorkflowDefinition } from '../../../../src/workflows/engine/types';
import { createMemoryStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);

/** A create that records a VPC id then waits forever; a destroy that finishes at once. */
const create: WorkflowDefinition<unknown> = {
  kind: 'create',
  steps: [
    {
      id: 'vpc',
      title: 'vpc',
      needs: [],
      run: async () => ({ status: 'wait', retryInMs: 60_000, outputs: { vpcId: 'vpc-1' } }),
    },
  ],
};
const destroy: WorkflowDefinition<unknown> = {
  kind: 'destroy',
  steps: [
    {
      id: 'begin',
      title: 'begin',
      needs: [],
      run: async (ctx) => ({ status: 'done', outputs: { params: ctx.params } }),
    },
  ],
};

const input = { env: 'demo', requestedBy: 'U1', channel: 'C1' };

function setup() {
  const store = createMemoryStore();
  const clock = new ManualClock(T0);
  const scheduler = new ManualScheduler(clock);
  const workflows = { create, destroy };
  const runner = new WorkflowRunner({ store, workflows, deps: {}, scheduler, clock, owner: 'r1' });
  scheduler.attach(runner);
  let n = 0;
  const service = new WorkflowService({
    store,
    workflows,
    scheduler,
    clock,
    newRunId: (k, e) => `${e}-${k}-${++n}`,
  });
  const env = newEnvironment({
    status: 'creating',
    createdAt: T0,
    updatedAt: T0,
    expiresAt: T0 + 86_400_000,
  });
  /** Stores the env and starts a create, run up to its first wait; returns that create run. */
  async function createRunning(patch: Partial<typeof env> = {}) {
    await store.environments.create({ ...env, ...patch });
    const created = await service.startRun({ ...input, kind: 'create', params: {} });
    if (!created.ok) throw new Error(JSON.stringify(created.message));
    await scheduler.runDue();
    return created.run;
  }
  return { store, scheduler, service, env, createRunning };
}

describe('startDestroy', () => {
  it('starts a teardown, marks the env destroying and passes the ids the last create recorded', async () => {
    const { store, scheduler, service, createRunning } = setup();
    const created = await createRunning({ status: 'failed' });
    await service.cancelRun(created.runId, 'U1');
    await scheduler.runDue();

    const r = await startDestroy(service, store, input);
    expect(r.status).toBe('started');
    if (r.status !== 'started') return;
    expect(r.run).toMatchObject({
      kind: 'destroy',
      requestedBy: 'U1',
      params: { resources: { vpc: 'vpc-1' } },
    });
    expect(await store.environments.get('demo')).toMatchObject({
      status: 'destroying',
      currentRunId: r.run.runId,
    });
    expect((await store.locks.get('demo'))?.runId).toBe(r.run.runId);
  });

  it('refuses while a create runs, asking to cancel it first, and changes nothing', async () => {
    const { store, service, createRunning } = setup();
    const created = await createRunning();
    const r = await startDestroy(service, store, input);
    expect(r).toMatchObject({ status: 'refused', reason: 'create-running' });
    expect(english(r.message)).toMatch(/still being created .*Cancel and destroy/);
    expect((await store.environments.get('demo'))?.status).toBe('creating');
    expect((await store.runs.get(created.runId))?.cancelRequested).toBeFalsy();
  });

  it('Cancel and destroy: stops the create, then the pending teardown starts once it has', async () => {
    const { store, scheduler, service, createRunning } = setup();
    const created = await createRunning();

    const r = await startDestroy(service, store, { ...input, cancelCreate: true, now: T0 + 5 });
    expect(inEnglish(r)).toEqual({
      status: 'pending-cancel',
      createRunId: created.runId,
      message: 'Stopping the create of demo; teardown starts as soon as it has stopped.',
    });
    expect((await store.environments.get('demo'))?.meta?.pendingDestroy).toEqual({
      requestedBy: 'U1',
      channel: 'C1',
      at: T0 + 5,
    });
    // Not yet: the create still holds the env.
    expect(await startPendingDestroy(service, store, 'demo')).toMatchObject({ status: 'pending-cancel' });

    await scheduler.runDue();
    expect((await store.runs.get(created.runId))?.status).toBe('cancelled');
    const started = await startPendingDestroy(service, store, 'demo');
    expect(started?.status).toBe('started');
    const after = await store.environments.get('demo');
    expect(after?.status).toBe('destroying');
    expect(after?.meta?.pendingDestroy).toBeUndefined();
    expect(await startPendingDestroy(service, store, 'demo')).toBeUndefined();
  });

  it('refuses a second teardown while one runs', async () => {
    const { store, service, env } = setup();
    await store.environments.create(env);
    const first = await startDestroy(service, store, input);
    expect(first.status).toBe('started');
    const second = await startDestroy(service, store, { ...input, requestedBy: 'U2' });
    expect(second).toMatchObject({ status: 'refused', reason: 'locked' });
  });
});
