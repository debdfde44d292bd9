/** When a drill ends: the last-resort restart of a stopped server, the report in the run summary and env.meta.lastDrill. */
import { StartInstancesCommand } from '@aws-sdk/client-ec2';
import type { Ec2Adapter } from '../../../../src/aws/ec2';
import type { Environment, Run } from '../../../../src/state/types';
import type { FinishContext } from '../../../../src/workflows/engine/types';
import type { FailoverDeps } from '../../../../src/workflows/failover/deps';
import { failoverOnFinish, restoreStoppedInstance } from '../../../../src/workflows/failover/finish';
import { appendSamples } from '../../../../src/workflows/failover/probe-log';
import { createMemoryStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';
import { english } from '../../../../src/i18n/english';

function fakeEc2(state: string) {
  const sent: unknown[] = [];
  const ec2 = {
    instances: async () => [{ InstanceId: 'i-2', State: { Name: state } }],
    client: { send: async (cmd: unknown) => void sent.push(cmd) },
  } as unknown as Ec2Adapter;
  return { ec2, sent };
}

const runOf = (patch: Partial<Run> = {}): Run => ({
  runId: 'run-1',
  env: 'demo',
  kind: 'failover',
  status: 'cancelled',
  requestedBy: 'U1',
  params: { target: 'web', force: false },
  steps: {},
  createdAt: 1_000,
  updatedAt: 1_000,
  finishedAt: 200_000,
  summary: {},
  version: 3,
  ...patch,
});

/** What each context's onFinish put into the run summary (ctx.setSummary). */
const summaries = new WeakMap<object, Record<string, unknown>>();
const summaryOf = (ctx: object) => summaries.get(ctx) ?? {};

function ctxFor(
  deps: Partial<FailoverDeps>,
  outputs: Record<string, Record<string, unknown>>,
): FinishContext<FailoverDeps> {
  const ctx: FinishContext<FailoverDeps> = {
    deps: deps as FailoverDeps,
    outputsOf: (id) => outputs[id] ?? {},
    setSummary: (patch) => summaries.set(ctx, { ...summaryOf(ctx), ...patch }),
    now: () => 300_000,
  };
  return ctx;
}

const stoppedWeb = {
  stage: 'await-out',
  instanceId: 'i-2',
  role: 'web-2',
  stopIssuedAt: 5_000,
  states: ['running', 'stopping'],
};

describe('restoreStoppedInstance', () => {
  test('starts a server the drill left stopped', async () => {
    const { ec2, sent } = fakeEc2('stopped');
    const note = await restoreStoppedInstance(runOf(), ctxFor({ ec2 }, { 'web-drill': stoppedWeb }));
    expect(english(note)).toBe('i-2 was stopped when the drill ended: started it again');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(StartInstancesCommand);
    expect((sent[0] as StartInstancesCommand).input).toEqual({ InstanceIds: ['i-2'] });
  });

  test('leaves alone a drill that finished its restore, never stopped anything, or a server already starting', async () => {
    for (const [state, web] of [
      ['stopped', { ...stoppedWeb, stage: 'done' }],
      ['stopped', { stage: 'baseline', instanceId: 'i-2' }],
      ['pending', stoppedWeb],
      ['running', stoppedWeb],
    ] as const) {
      const { ec2, sent } = fakeEc2(state);
      expect(await restoreStoppedInstance(runOf(), ctxFor({ ec2 }, { 'web-drill': web }))).toBeUndefined();
      expect(sent).toEqual([]);
    }
  });

  test('a server still stopping: onFinish is retried a few times, then a person is told', async () => {
    const { ec2, sent } = fakeEc2('stopping');
    await expect(
      restoreStoppedInstance(runOf(), ctxFor({ ec2 }, { 'web-drill': stoppedWeb })),
    ).rejects.toThrow(/still stopping/);
    const late = runOf({ summary: { finishAttempts: 3 } });
    expect(english(await restoreStoppedInstance(late, ctxFor({ ec2 }, { 'web-drill': stoppedWeb })))).toMatch(
      /still stopping.*start it again by hand/,
    );
    expect(sent).toEqual([]);
  });
});

describe('failoverOnFinish', () => {
  const web = {
    ...stoppedWeb,
    stage: 'done',
    states: ['running', 'stopping', 'stopped', 'pending', 'running'],
    health: ['healthy', 'unused', 'initial', 'healthy'],
    startIssuedAt: 60_000,
    healthyAt: 150_000,
    runs: appendSamples(
      [],
      Array.from({ length: 150 }, (_, i) => ({ at: i * 1_000, result: 200, latencyMs: 3 })),
    ),
  };

  async function setup(patch: Partial<Environment> = {}) {
    const store = createMemoryStore();
    await store.environments.create(
      newEnvironment({ currentRunId: 'run-1', meta: { other: 'kept' }, ...patch }),
    );
    const { ec2 } = fakeEc2('running');
    return { store, ctx: ctxFor({ ec2, environments: store.environments }, { 'web-drill': web }) };
  }

  test('writes the report into the run summary and env.meta.lastDrill, and frees the env', async () => {
    const { store, ctx } = await setup();
    const run = runOf({ status: 'succeeded' });
    await failoverOnFinish(run, ctx);
    expect(summaryOf(ctx)).toMatchObject({
      message: 'Failover drill on demo (web): PASS',
      drill: {
        verdict: 'pass',
        phases: [{ phase: 'web', requests: 150, failures: 0, timeToRecoverMs: 145_000 }],
      },
    });
    expect(String(summaryOf(ctx).text)).toContain('web: stopped i-2 (web-2) — PASS');
    const env = (await store.environments.get('demo'))!;
    expect(env.currentRunId).toBeUndefined();
    expect(env.lastRunId).toBe('run-1');
    expect(env.meta).toMatchObject({
      other: 'kept',
      lastDrill: { runId: 'run-1', verdict: 'pass', target: 'web' },
    });

    // Called again after a crash: nothing changes.
    await failoverOnFinish(runOf({ status: 'succeeded' }), ctx);
    expect((await store.environments.get('demo'))!.version).toBe(env.version);
  });

  test('a refused drill (preflight failed) frees the env without recording a drill', async () => {
    const { store } = await setup();
    const run = runOf({
      status: 'failed',
      params: { target: 'db' },
      summary: { error: 'demo is creating, not ready' },
    });
    const ctx = ctxFor({ environments: store.environments }, {});
    await failoverOnFinish(run, ctx);
    expect(summaryOf(ctx).message).toBe(
      'Failover drill on demo (db): INCOMPLETE: demo is creating, not ready',
    );
    const env = (await store.environments.get('demo'))!;
    expect(env.currentRunId).toBeUndefined();
    expect(env.meta?.lastDrill).toBeUndefined();
  });

  test("another run's hold on the env is left alone", async () => {
    const { store, ctx } = await setup({ currentRunId: 'run-other' });
    await failoverOnFinish(runOf({ status: 'succeeded' }), ctx);
    expect((await store.environments.get('demo'))!.currentRunId).toBe('run-other');
  });
});
