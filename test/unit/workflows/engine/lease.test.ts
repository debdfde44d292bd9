import { ManualScheduler } from '../../../../src/workflows/engine/manual-scheduler';
import { WorkflowRunner } from '../../../../src/workflows/engine/runner';
import { deferred, setup, step, T0, workflow } from './fixtures';

describe('WorkflowRunner: leases', () => {
  function twoRunners() {
    const gate = deferred();
    let calls = 0;
    const wf = workflow([
      step('slow', [], async () => {
        calls++;
        await gate.promise;
        return { status: 'done' };
      }),
    ]);
    const t = setup(wf);
    const other = new WorkflowRunner({
      store: t.store,
      workflows: { create: wf },
      deps: {},
      scheduler: new ManualScheduler(t.clock),
      clock: t.clock,
      owner: 'runner-b',
      leaseMs: 30_000,
    });
    return { t, other, gate, calls: () => calls };
  }

  it('two runners ticking one run at once: one runs the step, the other is busy and does nothing', async () => {
    const { t, other, gate, calls } = twoRunners();
    const run = await t.startOk();
    const first = t.runner.tick(run.runId);
    await new Promise((r) => setImmediate(r));
    expect(calls()).toBe(1);
    const versionBefore = (await t.store.runs.get(run.runId))?.version;

    expect(await other.tick(run.runId)).toEqual({ outcome: 'busy' });
    expect(await t.runner.tick(run.runId)).toEqual({ outcome: 'busy' });
    expect((await t.store.runs.get(run.runId))?.version).toBe(versionBefore);

    gate.resolve();
    expect(await first).toMatchObject({ outcome: 'finished', run: { status: 'succeeded' } });
    expect(calls()).toBe(1);
  });

  it('a lease left by a dead runner blocks until it expires, then the step is resumed once', async () => {
    const { t, other, gate, calls } = twoRunners();
    const run = await t.startOk();
    void t.runner.tick(run.runId); // this "process" hangs forever inside the step
    await new Promise((r) => setImmediate(r));
    const stuck = await t.store.runs.get(run.runId);
    expect(stuck?.steps.slow.status).toBe('running');
    expect(stuck?.lease).toEqual({ owner: 'runner-a', until: T0 + 30_000 });

    t.clock.advance(29_999);
    expect(await other.tick(run.runId)).toEqual({ outcome: 'busy' });
    t.clock.advance(2);
    gate.resolve();
    const outcome = await other.tick(run.runId);
    expect(outcome).toMatchObject({ outcome: 'finished', run: { status: 'succeeded' } });
    expect(calls()).toBe(2);
    const final = await t.store.runs.get(run.runId);
    expect(final?.steps.slow.attempts).toBe(2);
  });

  it('releases the lease between ticks so any worker can take the next one', async () => {
    const t = setup(workflow([step('w', [], async () => ({ status: 'wait', retryInMs: 1_000 }))]));
    const run = await t.startOk();
    expect(await t.runner.tick(run.runId)).toMatchObject({ outcome: 'scheduled', delayMs: 1_000 });
    expect((await t.store.runs.get(run.runId))?.lease).toBeUndefined();
  });
});
