/**
 * End to end through the in-process sandbox: the Slack stand-in signs and sends `/site`
 * commands to the bot's HTTP receiver, which reads dynalite and answers.
 */
import { blockKitProblems, shown } from '../helpers/block-kit';
import type { BotServices } from '../../src/bot/services';
import { ephemeral } from '../../src/bot/views/reply';
import { mrkdwn } from '../../src/bot/views/mrkdwn';
import type { Environment } from '../../src/state/types';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { failOnSlackViolations } from '../helpers/slack-violations';

const EMPTY = { environments: 0, runs: 0, locks: 0, audit: 0, outbox: 0 };

let sb: TestSandbox;
failOnSlackViolations(() => sb);
const startCreate = jest.fn<
  ReturnType<Required<BotServices>['startCreate']>,
  Parameters<Required<BotServices>['startCreate']>
>();

beforeAll(async () => {
  // Speed 0: the sandbox's clock (ages, TTLs) stands still, so the texts below are exact.
  sb = await startTestSandbox({ services: { startCreate }, speed: 0 });
});
afterAll(async () => {
  await sb.stop();
});
beforeEach(() => {
  startCreate.mockReset();
  startCreate.mockResolvedValue(ephemeral(mrkdwn`create started`, []));
});

function envRecord(name: string, owner: string, now: number): Omit<Environment, 'version'> {
  return {
    name,
    channel: 'C1',
    owner,
    status: 'ready',
    region: 'ap-northeast-1',
    multiAz: 'now',
    createdAt: now - 2 * 3_600_000,
    updatedAt: now,
    expiresAt: now + 5 * 3_600_000,
    resources: { vpc: 'vpc-123', alb: 'arn:alb', db: `${name}-db` },
    outputs: { url: `http://${name}-alb.example` },
  };
}

test('a signed /site help is answered with the grammar, shown only to its sender', async () => {
  const res = await sb.command('help', 'UHELP', 'CHELP');
  expect(res.status).toBe(200);
  const ack = JSON.parse(res.body) as { response_type: string; text: string };
  expect(ack.response_type).toBe('ephemeral');
  expect(ack.text).toContain('/site create &lt;env&gt;');
  expect(shown(ack.text)).toContain('/site create <env>');
  expect(blockKitProblems(ack)).toEqual([]);
  const messages = await sb.messages('CHELP');
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ ephemeral_to: 'UHELP', user: 'U0SITEBOT' });
  expect(messages[0].text).toContain('/site failover');
});

test('list and status reflect environments written through the store', async () => {
  const now = sb.workflows!.clock.now();
  await sb.store.environments.create(envRecord('alpha', 'UA', now));
  await sb.store.environments.create(envRecord('beta', 'UB', now));
  const run = await sb.store.runs.create({
    runId: 'run-beta-1',
    env: 'beta',
    kind: 'create',
    status: 'running',
    requestedBy: 'UB',
    params: {},
    steps: { vpc: { status: 'done', attempts: 1, startedAt: now - 60_000, finishedAt: now - 30_000 } },
    createdAt: now - 60_000,
    updatedAt: now,
  });
  const beta = await sb.store.environments.get('beta');
  await sb.store.environments.update('beta', beta!.version, { currentRunId: run.runId, status: 'creating' });

  const list = (await sb.command('list')).body;
  expect(list).toMatch(
    /alpha\* — ready — owner <@UA> — age 2h — \$\d+\.\d\d so far · \$\d+\.\d\d\/day — expires in 5h/,
  );
  expect(list).toMatch(/beta\* — being created — owner <@UB>/);

  const status = (await sb.command('status beta')).body;
  expect(status).toContain('Status: *being created*');
  expect(status).toContain('Resources: 2 resources — 1 VPC, 1 database');
  expect(status).toContain('Url: http://beta-alb.example');
  expect(status).toContain('run-beta-1');
  expect(status).toContain('Create VPC — 30s');
  expect(status).toMatch(/:white_circle: Create subnets(\\n|")/);

  const all = (await sb.command('status')).body;
  expect(all).toContain('alpha');
  expect(all).toContain('beta');
});

test('a malformed command gets a one-line error plus usage, and nothing is written', async () => {
  const before = await sb.itemCounts();
  const res = await sb.command('create Bad--Name --ttl 99d', 'UBAD', 'CBAD');
  expect(res.status).toBe(200);
  const ack = JSON.parse(res.body) as { response_type: string; text: string };
  expect(ack.response_type).toBe('ephemeral');
  expect(ack.text).toMatch(/^:warning: env name 'Bad--Name' [^\n]+$/);
  expect(shown(res.body)).toContain('Usage: `/site create <env> [--ttl <dur>]');
  expect(shown(res.body)).toContain('see `/site help`');
  expect(startCreate).not.toHaveBeenCalled();
  expect(await sb.itemCounts()).toEqual(before);
  const messages = await sb.messages('CBAD');
  expect(messages).toEqual([expect.objectContaining({ ephemeral_to: 'UBAD' })]);
});

test('a valid create reaches the create service with the parsed command', async () => {
  const res = await sb.command('create gamma --ttl 8h --multi-az later', 'UG', 'C1');
  expect(JSON.parse(res.body)).toMatchObject({ text: 'create started' });
  expect(startCreate).toHaveBeenCalledWith(
    { kind: 'create', env: 'gamma', ttlMs: 8 * 3_600_000, multiAz: 'later', dryRun: false, explain: false },
    expect.objectContaining({ userId: 'UG', channelId: 'C1' }),
  );
});

test('destroy by someone who is not the owner is refused', async () => {
  await sb.store.environments.create(envRecord('delta', 'UOWNER', sb.workflows!.clock.now()));
  const res = await sb.command('destroy delta', 'UOTHER');
  expect(JSON.parse(res.body)).toMatchObject({ text: expect.stringMatching(/only <@UOWNER>/) });
  const own = await sb.command('destroy delta', 'UOWNER');
  expect(JSON.parse(own.body)).toMatchObject({
    text: expect.stringContaining('Confirm the teardown of *delta*'),
  });
});

test('counts tables for real: a write through the store shows up', async () => {
  // Guards the "nothing written" assertions above against a counter that always says 0.
  const before = await sb.itemCounts();
  await sb.store.audit.record({ env: 'alpha', at: Date.now(), actor: 'U1', action: 'test' });
  const after = await sb.itemCounts();
  expect(after.audit).toBe(before.audit + 1);
  expect(Object.keys(after).sort()).toEqual(Object.keys(EMPTY).sort());
});
