import type { CostEstimate } from '../../../src/cost/estimator';
import { renderEnvStatus, renderList, renderStatusAll } from '../../../src/bot/views/environments';
import { renderCommandError, renderNotAvailable } from '../../../src/bot/views/error';
import { renderHelp } from '../../../src/bot/views/help';
import { renderRunMessage, renderRunThreadReply } from '../../../src/bot/views/run-message';
import { criticalPath, renderRunProgress, stepElapsedMs } from '../../../src/bot/views/run-progress';
import type { Environment, Run } from '../../../src/state/types';
import { blockKitProblems, shown } from '../../helpers/block-kit';
import { storedEnvironment } from '../../helpers/records';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = 1_700_000_000_000;

/** Everything a person would read in a reply: the fallback text and every block's text, decoded. */
function allText(value: unknown): string {
  return shown(JSON.stringify(value));
}

function env(overrides: Partial<Environment> = {}): Environment {
  return storedEnvironment({
    createdAt: T0,
    updatedAt: T0,
    expiresAt: T0 + 24 * H,
    resources: { vpc: 'vpc-1', db: 'demo-db' },
    outputs: { siteUrl: 'http://demo-alb.example/', multiAz: 'true' },
    ...overrides,
  });
}

function run(overrides: Partial<Run> = {}): Run {
  return {
    runId: 'r-1',
    env: 'demo',
    kind: 'create',
    status: 'running',
    requestedBy: 'U1',
    params: {},
    steps: {
      vpc: { status: 'done', attempts: 1, startedAt: T0, finishedAt: T0 + 30_000, note: 'vpc-1' },
      db: { status: 'waiting', attempts: 3, startedAt: T0 + 30_000, note: 'db: creating' },
      alb: {
        status: 'failed',
        attempts: 2,
        startedAt: T0,
        finishedAt: T0 + 5000,
        error: { message: 'boom', retryable: false },
      },
    },
    createdAt: T0,
    updatedAt: T0 + 2 * MIN,
    version: 4,
    ...overrides,
  };
}

const cost = (soFar: number, perDay: number): CostEstimate => ({
  region: 'ap-northeast-1',
  perHour: perDay / 24,
  perDay,
  perMonth: (perDay / 24) * 730,
  soFar,
  lines: [],
  assumptions: '',
});

test('help lists every subcommand with examples and the rules, placeholders as typed', () => {
  const reply = renderHelp({ defaultTtlMs: 24 * H, maxTtlMs: 7 * 24 * H });
  expect(reply.response_type).toBe('ephemeral');
  for (const sub of ['create', 'status', 'list', 'failover', 'destroy', 'extend', 'help']) {
    expect(shown(reply.text)).toContain(`/site ${sub}`);
  }
  const text = allText(reply.blocks);
  expect(text).toContain('/site create demo');
  expect(text).toContain('/site create <env> [--ttl <dur>]');
  expect(text).toContain('TTL: at least 1h, at most 7d, 1d unless given');
  expect(blockKitProblems(reply)).toEqual([]);
});

test('a command error is one line with the problem, then the usage of that command and a pointer to help', () => {
  const reply = renderCommandError('TTL must be at least 1h (got 5m)', 'create');
  expect(reply.response_type).toBe('ephemeral');
  expect(reply.text).toBe(':warning: TTL must be at least 1h (got 5m)');
  expect(allText(reply.blocks)).toContain('Usage: `/site create <env> [--ttl <dur>]');
  expect(allText(reply.blocks)).toContain('see `/site help`');
  expect(reply.blocks).toHaveLength(2);
  expect(blockKitProblems(reply)).toEqual([]);
});

test('not available names the command', () => {
  expect(renderNotAvailable('/site destroy').text).toBe('/site destroy is not available yet.');
});

test('list: name, status, owner, age, cost and TTL of each env, sorted by name', () => {
  const now = T0 + 3 * H;
  const costs = new Map([['alpha', cost(0.42, 3.35)]]);
  const reply = renderList(
    [env({ name: 'zeta', owner: 'U2' }), env({ name: 'alpha', status: 'creating', owner: 'alice' })],
    now,
    costs,
  );
  const text = allText(reply.blocks);
  expect(text.indexOf('alpha')).toBeLessThan(text.indexOf('zeta'));
  expect(text).toContain(
    '*alpha* — being created — owner alice — age 3h — $0.42 so far · $3.35/day — expires in 21h',
  );
  expect(text).toMatch(/\*zeta\* — ready — owner <@U2>/);
  expect(blockKitProblems(reply)).toEqual([]);
});

test('list of nothing says so', () => {
  expect(renderList([], T0).text).toBe('No environments.');
});

test('an expired TTL reads as expired', () => {
  expect(allText(renderList([env({ expiresAt: T0 - 10 * MIN })], T0).blocks)).toContain('expired 10m ago');
});

test('status of one env: human labels only, one inventory, and the current run with its steps', () => {
  const reply = renderEnvStatus({
    env: env(),
    run: run(),
    steps: [],
    now: T0 + 2 * MIN,
    estimate: cost(1.23, 3.4),
    resources: [
      { type: 'vpc', id: 'vpc-1' },
      { type: 'subnet', id: 's-1' },
      { type: 'subnet', id: 's-2' },
    ],
  });
  const text = allText(reply.blocks);
  expect(text).toContain('Status: *ready*');
  expect(text).toContain('Owner: <@U1>');
  expect(text).toContain('Resources: 3 resources — 1 VPC, 2 subnets');
  expect(text).toContain('Cost: $1.23 so far · $3.40/day');
  expect(text).toContain('Site: http://demo-alb.example/');
  expect(text).not.toMatch(/siteUrl|multiAz/);
  expect(text).toContain('create demo');
  expect(text).toContain('db — 1m 30s — db: creating');
  expect(blockKitProblems(reply)).toEqual([]);
});

test('status of a torn-down env: its final cost and no TTL', () => {
  const gone = env({ status: 'destroyed', updatedAt: T0 + 5 * H });
  const reply = renderEnvStatus({ env: gone, now: T0 + 6 * H, estimate: cost(0.9, 0), resources: [] });
  const text = allText(reply.blocks);
  expect(text).toContain('Status: *torn down*');
  expect(text).toContain('Cost: $0.90 in all (final)');
  expect(text).not.toMatch(/expires|Expires|so far/);
  expect(reply.text).toBe('demo: torn down, torn down');
});

test('status without a run says no run in progress', () => {
  const reply = renderEnvStatus({ env: env(), now: T0, resources: [] });
  expect(allText(reply.blocks)).toContain('No run in progress.');
});

test('status of all shows every env with its outputs and the run under way', () => {
  const running = run({ runId: 'r-9', env: 'shop' });
  const reply = renderStatusAll(
    [env(), env({ name: 'shop', outputs: {}, currentRunId: 'r-9' })],
    T0,
    new Map([['r-9', running]]),
  );
  const text = allText(reply.blocks);
  expect(text).toContain('demo');
  expect(text).toContain('Site: http://demo-alb.example/');
  expect(text).toContain('create under way: 1 of 3 steps done');
});

describe('renderRunProgress', () => {
  const titles = [
    { id: 'vpc', title: 'Create VPC' },
    { id: 'db', title: 'Create DB' },
    { id: 'alb', title: 'Create ALB' },
    { id: 'web2', title: 'Launch web #2' },
  ];

  test('each step in order with its state, time and detail; overall progress to the run’s last change', () => {
    const text = allText(renderRunProgress(run(), titles));
    expect(text).toContain('*create demo*: running — 1 of 4 steps done — 2m');
    expect(text).toContain(':white_check_mark: Create VPC — 30s — vpc-1');
    expect(text).toContain(':hourglass_flowing_sand: Create DB — 1m 30s — db: creating');
    expect(text).toContain(':x: Create ALB — failed after 5s — boom');
    expect(text).toContain(':white_circle: Launch web #2');
    expect(text.indexOf('Create VPC')).toBeLessThan(text.indexOf('Create DB'));
  });

  test('measures to the run’s instant, not to a render-time clock: never more than the record says', () => {
    const r = run();
    expect(renderRunProgress(r, titles)).toEqual(renderRunProgress(r, titles, r.updatedAt));
    const finished = run({ status: 'succeeded', finishedAt: T0 + 10 * MIN, updatedAt: T0 + 11 * MIN });
    expect(allText(renderRunProgress(finished, titles))).toContain('succeeded — 1 of 4 steps done — 10m');
  });

  test('a skipped step shows as skipped, is not counted as done, and never is on the critical path', () => {
    const steps = [
      { id: 'a', title: 'A', needs: [] },
      { id: 'skip', title: 'Make it Multi-AZ', needs: ['a'] },
      { id: 'b', title: 'B', needs: ['a'] },
      { id: 'end', title: 'End', needs: ['skip', 'b'] },
    ];
    const r = run({
      status: 'succeeded',
      finishedAt: T0 + 9 * MIN,
      steps: {
        a: { status: 'done', attempts: 1, startedAt: T0, finishedAt: T0 + 2 * MIN },
        skip: {
          status: 'skipped',
          attempts: 1,
          startedAt: T0 + 2 * MIN,
          finishedAt: T0 + 8 * MIN,
          note: '--multi-az off',
        },
        b: { status: 'done', attempts: 1, startedAt: T0 + 2 * MIN, finishedAt: T0 + 5 * MIN },
        end: { status: 'done', attempts: 1, startedAt: T0 + 8 * MIN, finishedAt: T0 + 9 * MIN },
      },
    });
    const text = allText(renderRunProgress(r, steps));
    expect(text).toContain(':heavy_minus_sign: Make it Multi-AZ — skipped — --multi-az off');
    expect(text).toContain('3 of 3 steps done, 1 skipped');
    expect(criticalPath(r, steps)).toEqual(['a', 'b', 'end']);
    expect(text).toContain('critical path (9m): A → B → End');
    expect(text).not.toContain('so far');
  });

  test('a running run says "critical path so far"', () => {
    const steps = [{ id: 'vpc', title: 'Create VPC', needs: [] }];
    expect(allText(renderRunProgress(run(), steps))).toContain('critical path so far (30s): Create VPC');
  });

  test('a long step list is split into sections under Slack’s 3000-character limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      title: `Step number ${i} `.repeat(3),
    }));
    const blocks = renderRunProgress(run({ steps: {} }), many);
    expect(blockKitProblems({ blocks })).toEqual([]);
    expect(allText(blocks)).toContain('0 of 60 steps done');
  });

  test('stepElapsedMs: unstarted, running, finished', () => {
    expect(stepElapsedMs({ status: 'pending', attempts: 0 }, T0)).toBeUndefined();
    expect(stepElapsedMs({ status: 'running', attempts: 1, startedAt: T0 }, T0 + 5000)).toBe(5000);
    expect(
      stepElapsedMs({ status: 'done', attempts: 1, startedAt: T0, finishedAt: T0 + 7000 }, T0 + 99_000),
    ).toBe(7000);
  });
});

describe('the run message and its thread reply', () => {
  const titles = [{ id: 'igw', title: 'Detach and delete internet gateway' }];
  const destroyRun = (): Run =>
    run({
      kind: 'destroy',
      status: 'succeeded',
      finishedAt: T0 + 8 * MIN + 40_000,
      steps: {
        igw: {
          status: 'done',
          attempts: 4,
          startedAt: T0,
          finishedAt: T0 + 8 * MIN,
          note: 'deleted 1 internet gateway',
          retried: [{ message: 'DependencyViolation: mapped public address(es)', times: 3 }],
        },
      },
      summary: {
        receipt: {
          env: 'demo',
          runId: 'r-1',
          status: 'succeeded',
          deleted: [{ type: 'internet-gateway', id: 'igw-1' }],
          skipped: [],
          remaining: [],
          elapsedMs: 8 * MIN + 40_000,
        },
      },
    });

  test('an error retried and overcome stays off the done step, and goes to the thread', () => {
    const message = allText(renderRunMessage(destroyRun(), titles));
    expect(message).toContain('Detach and delete internet gateway — 8m — deleted 1 internet gateway');
    expect(message).not.toContain('DependencyViolation');
    expect(message).toContain('Destroyed demo in 8m 40s: 1 resource deleted');
    const reply = renderRunThreadReply(destroyRun(), titles);
    expect(reply && shown(reply.text)).toContain('Retried and overcome on the way:');
    expect(reply && shown(reply.text)).toContain('DependencyViolation: mapped public address(es) (×3)');
    expect(reply?.text.startsWith('<@U1> ')).toBe(true);
  });

  test('a create cancelled for a teardown gives no clean-up advice; one cancelled alone does', () => {
    const cancelled = (cancelledFor?: string) =>
      run({
        status: 'cancelled',
        finishedAt: T0 + 3 * MIN,
        summary: { cancelledBy: 'U2', ...(cancelledFor ? { cancelledFor } : {}) },
      });
    const forTeardown = allText(renderRunMessage(cancelled('teardown'), []));
    expect(forTeardown).toContain('was cancelled* by <@U2> after 3m');
    expect(forTeardown).toContain('Its teardown starts now');
    expect(forTeardown).not.toContain('Clean up');
    expect(allText(renderRunMessage(cancelled(), []))).toContain('Clean up with `/site destroy demo`');
  });
});
