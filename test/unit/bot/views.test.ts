import { formatDuration } from '../../../src/bot/format';
import { renderEnvStatus, renderList, renderStatusAll } from '../../../src/bot/views/environments';
import { renderCommandError, renderNotAvailable } from '../../../src/bot/views/error';
import { renderHelp, usageText } from '../../../src/bot/views/help';
import { renderRunProgress, stepElapsedMs } from '../../../src/bot/views/run-progress';
import type { Environment, Run } from '../../../src/state/types';
import { storedEnvironment } from '../../helpers/records';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = 1_700_000_000_000;

/** Everything a person would read in a reply: the fallback text and every block's text. */
function allText(value: unknown): string {
  return JSON.stringify(value);
}

function env(overrides: Partial<Environment> = {}): Environment {
  return storedEnvironment({
    createdAt: T0,
    updatedAt: T0,
    expiresAt: T0 + 24 * H,
    resources: { vpc: 'vpc-1', db: 'demo-db' },
    outputs: { url: 'http://demo-alb.example' },
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
      vpc: { status: 'done', attempts: 1, startedAt: T0, finishedAt: T0 + 30_000 },
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

test('formatDuration', () => {
  expect(formatDuration(45_000)).toBe('45s');
  expect(formatDuration(90 * MIN)).toBe('1h 30m');
  expect(formatDuration(3 * 24 * H)).toBe('3d');
  expect(formatDuration(26 * H)).toBe('1d 2h');
  expect(formatDuration(-5 * MIN)).toBe('5m');
  expect(formatDuration(0)).toBe('0s');
});

test('help lists every subcommand with examples and the limits', () => {
  const reply = renderHelp({ defaultTtlMs: 24 * H, maxTtlMs: 7 * 24 * H });
  expect(reply.response_type).toBe('ephemeral');
  for (const sub of ['create', 'status', 'list', 'failover', 'destroy', 'extend', 'help']) {
    expect(reply.text).toContain(`/site ${sub}`);
  }
  expect(allText(reply.blocks)).toContain('/site create demo');
  expect(allText(reply.blocks)).toContain('1d');
  expect(allText(reply.blocks)).toContain('7d');
});

test('a command error shows the problem on one line, then the usage', () => {
  const reply = renderCommandError("env name 'X' is bad");
  expect(reply.response_type).toBe('ephemeral');
  expect(reply.text.split('\n')[0]).toContain("env name 'X' is bad");
  expect(reply.text).toContain(usageText());
});

test('not available names the command', () => {
  expect(renderNotAvailable('/site destroy').text).toBe('/site destroy is not available yet.');
});

test('list: name, status, owner, age and TTL of each env, sorted by name', () => {
  const now = T0 + 3 * H;
  const reply = renderList(
    [env({ name: 'zeta', owner: 'U2' }), env({ name: 'alpha', status: 'creating' })],
    now,
  );
  const text = reply.text;
  expect(text.indexOf('alpha')).toBeLessThan(text.indexOf('zeta'));
  expect(text).toMatch(/alpha\* — creating — owner <@U1> — age 3h — expires in 21h/);
  expect(text).toMatch(/zeta\* — ready — owner <@U2>/);
});

test('list of nothing says so', () => {
  expect(renderList([], T0).text).toBe('No environments.');
});

test('an expired TTL reads as expired', () => {
  expect(renderList([env({ expiresAt: T0 - 10 * MIN })], T0).text).toContain('expired 10m ago');
});

test('status of one env: status, outputs, resource count, and the current run with its steps', () => {
  const reply = renderEnvStatus(env(), run(), T0 + 2 * MIN);
  const text = allText(reply.blocks);
  expect(text).toContain('status: *ready*');
  expect(text).toContain('resources: 2');
  expect(text).toContain('url: http://demo-alb.example');
  expect(text).toContain('create demo');
  expect(text).toContain('db — waiting — 1m 30s — db: creating');
});

test('status without a run says no run in progress', () => {
  expect(allText(renderEnvStatus(env(), undefined, T0).blocks)).toContain('no run in progress');
});

test('status of all shows every env with its outputs', () => {
  const text = allText(renderStatusAll([env(), env({ name: 'shop', outputs: {} })], T0).blocks);
  expect(text).toContain('demo');
  expect(text).toContain('shop');
  expect(text).toContain('http://demo-alb.example');
});

describe('renderRunProgress', () => {
  const titles = [
    { id: 'vpc', title: 'Create VPC' },
    { id: 'db', title: 'Create DB' },
    { id: 'alb', title: 'Create ALB' },
    { id: 'web2', title: 'Launch web #2' },
  ];

  test('each step in the given order with its state and elapsed time; overall progress', () => {
    const blocks = renderRunProgress(run(), titles, T0 + 2 * MIN);
    const text = allText(blocks);
    expect(text).toContain('1/4 steps (25%)');
    expect(text).toContain('2m elapsed');
    expect(text).toContain('Create VPC — done — 30s');
    expect(text).toContain('Create DB — waiting — 1m 30s — db: creating');
    expect(text).toContain('Create ALB — failed — 5s — boom');
    expect(text).toContain('Launch web #2 — pending');
    expect(text.indexOf('Create VPC')).toBeLessThan(text.indexOf('Create DB'));
    expect(text.indexOf('Create ALB')).toBeLessThan(text.indexOf('Launch web #2'));
  });

  test('steps of the run missing from the titles are still shown, by id', () => {
    const text = allText(renderRunProgress(run(), [{ id: 'vpc', title: 'Create VPC' }], T0));
    expect(text).toContain('1/3 steps');
    expect(text).toMatch(/alb — failed/);
  });

  test('is pure: without now it measures to the last update, or to the finish', () => {
    expect(renderRunProgress(run(), titles)).toEqual(renderRunProgress(run(), titles, T0 + 2 * MIN));
    const finished = run({ status: 'succeeded', finishedAt: T0 + 10 * MIN, updatedAt: T0 + 10 * MIN });
    expect(allText(renderRunProgress(finished, titles))).toContain('succeeded');
    expect(allText(renderRunProgress(finished, titles))).toContain('10m elapsed');
  });

  test('a long step list is split into sections under Slack’s 3000-character limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      title: `Step number ${i} `.repeat(3),
    }));
    const blocks = renderRunProgress(run({ steps: {} }), many, T0);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text?.text.length ?? 0).toBeLessThan(3000);
    }
    expect(allText(blocks)).toContain('0/60 steps (0%)');
  });

  test('stepElapsedMs: unstarted, running, finished', () => {
    expect(stepElapsedMs({ status: 'pending', attempts: 0 }, T0)).toBeUndefined();
    expect(stepElapsedMs({ status: 'running', attempts: 1, startedAt: T0 }, T0 + 5000)).toBe(5000);
    expect(
      stepElapsedMs({ status: 'done', attempts: 1, startedAt: T0, finishedAt: T0 + 7000 }, T0 + 99_000),
    ).toBe(7000);
  });
});
