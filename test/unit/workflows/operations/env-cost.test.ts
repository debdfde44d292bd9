/** Every cost figure from one usage: a running env's grows, a torn-down env's is final. */
import { estimateEnvironmentCost } from '../../../../src/cost/estimator';
import { usageFromEnvironment } from '../../../../src/cost/environment-usage';
import type { Run, StepState } from '../../../../src/state/types';
import { environmentCost, environmentCostBetween } from '../../../../src/workflows/operations/env-cost';
import { createMemoryStore } from '../../../helpers/memory-store';
import { newEnvironment } from '../../../helpers/records';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 0, 0, 0);

const resources = {
  'web-1': 'i-1',
  'web-2': 'i-2',
  'web-ami': 'ami-1',
  db: 'demo-db',
  'load-balancer': 'arn:lb',
};

function run(
  kind: Run['kind'],
  createdAt: number,
  steps: Record<string, Partial<StepState>>,
): Omit<Run, 'version'> {
  return {
    runId: `demo-${kind}`,
    env: 'demo',
    kind,
    status: 'succeeded',
    requestedBy: 'U1',
    params: {},
    steps: Object.fromEntries(
      Object.entries(steps).map(([id, s]) => [id, { status: 'done', attempts: 1, ...s }]),
    ),
    createdAt,
    updatedAt: createdAt,
    finishedAt: createdAt + H,
  };
}

async function storeWith(status: 'ready' | 'destroyed') {
  const store = createMemoryStore();
  await store.environments.create(
    newEnvironment({ status, createdAt: T0, updatedAt: T0 + 10 * H, expiresAt: T0 + 24 * H, resources }),
  );
  const at = (h: number) => ({ startedAt: T0 + h * H, finishedAt: T0 + h * H + 60_000 });
  await store.runs.create(
    run('create', T0, {
      'web-1': at(0),
      'web-2': at(0.5),
      'web-ami': at(0.25),
      database: at(0),
      'load-balancer': at(0),
    }),
  );
  if (status === 'destroyed') {
    await store.runs.create(
      run('destroy', T0 + 10 * H, {
        instances: at(10),
        image: at(10),
        database: { startedAt: T0 + 10 * H, finishedAt: T0 + 10.2 * H },
        'load-balancer': at(10),
      }),
    );
  }
  return store;
}

test('a running env: the cost so far grows, at its rate per day', async () => {
  const store = await storeWith('ready');
  const env = (await store.environments.get('demo'))!;
  const at5 = (await environmentCost(store, env, T0 + 5 * H))!;
  const at6 = (await environmentCost(store, env, T0 + 6 * H))!;
  expect(at6.soFar).toBeGreaterThan(at5.soFar);
  expect(at6.soFar - at5.soFar).toBeCloseTo(at5.perHour, 2);
});

test('a torn-down env: its cost stops where its resources were deleted, and stays', async () => {
  const store = await storeWith('destroyed');
  const env = (await store.environments.get('demo'))!;
  const soon = (await environmentCost(store, env, T0 + 11 * H))!;
  const later = (await environmentCost(store, env, T0 + 500 * H))!;
  expect(soon.perHour).toBe(0);
  expect(later.soFar).toBe(soon.soFar);
  // The same usage, had it kept running, would have cost more by now.
  const running = estimateEnvironmentCost(usageFromEnvironment({ ...env, status: 'ready' }), {
    now: T0 + 500 * H,
  });
  expect(running.soFar).toBeGreaterThan(later.soFar);
});

test('the cost of a span is the estimator’s difference over it, with the same usage', async () => {
  const store = await storeWith('ready');
  const env = (await store.environments.get('demo'))!;
  const span = (await environmentCostBetween(store, env, T0 + 5 * H, T0 + 7 * H))!;
  const a = (await environmentCost(store, env, T0 + 5 * H))!.soFar;
  const b = (await environmentCost(store, env, T0 + 7 * H))!.soFar;
  expect(span).toBeCloseTo(b - a, 10);
  expect(await environmentCostBetween(store, env, T0 + 7 * H, T0 + 5 * H)).toBe(0);
});

test('one read of the runs per env: a list of 200 costs 200 queries, not 400 (800 torn down)', async () => {
  for (const status of ['ready', 'destroyed'] as const) {
    const store = await storeWith(status);
    const env = (await store.environments.get('demo'))!;
    const reads = jest.spyOn(store.runs, 'listByEnv');
    const cost = await environmentCost(store, env, T0 + 11 * H);
    expect({ status, reads: reads.mock.calls.length, costed: cost !== undefined }).toEqual({
      status,
      reads: 1,
      costed: true,
    });
  }
});
