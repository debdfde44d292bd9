/**
 * What a script can rely on from the CLI: a drill that did not pass exits 4; `--no-site-check`
 * (or SITEBOT_SITE_CHECK=off) never asks the site and the summary says so; `status` shows why
 * each step under way waits; and the real process prints no AWS SDK Node-version warning.
 */
import type { RunDocument } from '../../../src/cli/render';
import { SITE_CHECK_OFF } from '../../../src/workflows/create/finish';
import { useCliHarness } from './cli-harness';

const h = useCliHarness();

test('a drill that ran but did not pass exits 4; one that passed exits 0', async () => {
  expect((await h.run(['create', 'drill', '--json'])).code).toBe(0);
  // No failed request is acceptable: stopping a web server must be seen failing the drill.
  const strict = await h.run(['failover', 'drill', 'web', '--json'], {
    overrides: {
      failover: { intervalMs: 10, burstMs: 300, errorRetryMs: 20, objectives: { webMaxFailedRequests: -1 } },
    },
  });
  expect(strict.code).toBe(4);
  const report = JSON.parse(strict.stdout) as RunDocument;
  expect(report.status).toBe('succeeded');
  expect((report.summary?.drill as { verdict: string }).verdict).not.toBe('pass');

  const passed = await h.run(['failover', 'drill', 'web', '--json']);
  expect(passed.code).toBe(0);
});

test('--no-site-check and SITEBOT_SITE_CHECK=off never ask the site; the summary says it was not checked', async () => {
  const asked: string[] = [];
  const probe = async (url: string) => {
    asked.push(url);
    return 200;
  };
  const flag = await h.run(['create', 'nosite', '--multi-az', 'off', '--no-site-check'], {
    overrides: { probe },
  });
  expect(flag.code).toBe(0);
  // Recorded as a value, shown in words (here and in the JSON, in English).
  const SITE_NOT_CHECKED_TEXT =
    'not checked: the site check was off, so nothing asked the site through the ALB';
  expect((await h.store.environments.get('nosite'))?.outputs.siteCheck).toBe(SITE_CHECK_OFF);
  expect(flag.stdout).toContain(`\n  Site check: ${SITE_NOT_CHECKED_TEXT}\n`);
  const config = await h.run(['create', 'offsite', '--multi-az', 'off', '--json'], {
    env: { SITEBOT_SITE_CHECK: 'off' },
    overrides: { probe },
  });
  expect(config.code).toBe(0);
  expect((JSON.parse(config.stdout) as RunDocument).outputs.siteCheck).toBe(SITE_NOT_CHECKED_TEXT);
  expect(asked).toEqual([]);
  // In Japanese, the same record's label and value in Japanese.
  const ja = await h.run(['status', 'nosite'], { env: { SITEBOT_LANG: 'ja' } });
  expect(ja.stdout).toContain(
    '\n  サイトの確認: 未確認: サイトの確認がオフだったため、ALB 経由でサイトに問い合わせていません\n',
  );

  // The control: without either, the same probe is asked.
  const checked = await h.run(['create', 'withsite', '--multi-az', 'off', '--json'], {
    overrides: { probe },
  });
  expect(checked.code).toBe(0);
  expect(asked.length).toBeGreaterThan(0);
  expect((JSON.parse(checked.stdout) as RunDocument).outputs.siteCheck).toBeUndefined();
});

test('status shows each step under way with the reason it waits', async () => {
  const now = Date.now();
  await h.store.environments.create({
    name: 'waits',
    channel: 'cli',
    owner: 'tester',
    status: 'creating',
    region: 'ap-northeast-1',
    multiAz: 'now',
    createdAt: now - 60_000,
    updatedAt: now,
    expiresAt: now + 3_600_000,
    resources: {},
    outputs: {},
    currentRunId: 'waits-create-1',
  });
  await h.store.runs.create({
    runId: 'waits-create-1',
    env: 'waits',
    kind: 'create',
    status: 'running',
    requestedBy: 'tester',
    params: { multiAz: 'now' },
    steps: {
      database: { status: 'waiting', attempts: 3, startedAt: now - 50_000, note: 'db: creating' },
      'web-1': { status: 'running', attempts: 1, startedAt: now - 40_000 },
    },
    createdAt: now - 60_000,
    updatedAt: now,
  });
  const status = await h.run(['status', 'waits']);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain('\n  under way: Create MySQL database (db: creating)\n');
  expect(status.stdout).toContain('\n  under way: Launch web server #1\n');
  const json = JSON.parse((await h.run(['status', 'waits', '--json'])).stdout) as { run: RunDocument };
  expect(json.run.timings.steps.database.note).toBe('db: creating');
});

describe('the real process and the AWS SDK Node-version warning', () => {
  const dryRun = (extra: Record<string, string>) => h.spawn(['create', 'quiet', '--dry-run'], extra);
  const WARNING = /NodeVersionSupportWarning|AWS SDK for JavaScript \(v3\)/;

  test('a command that builds and calls the clients prints none', async () => {
    const { stdout, stderr } = await dryRun({});
    expect(stdout).toContain('Preflight: the account has room');
    expect(stderr).not.toMatch(WARNING);
    expect(stderr).toBe('');
  });

  // The SDK warns only below Node 22: on 22+ there is nothing to turn off.
  const oldNode = Number(process.versions.node.split('.')[0]) < 22;
  (oldNode ? test : test.skip)('the control: a user who turns the switch off sees the warning', async () => {
    const { stderr } = await dryRun({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' });
    expect(stderr).toMatch(WARNING);
  });
});
