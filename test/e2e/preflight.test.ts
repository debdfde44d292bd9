/**
 * The bot runs the create's preflight where it has the AWS clients (the sandbox, Socket Mode):
 * a create the account cannot hold is refused to the person who asked, in one line, before
 * anything is posted in the channel or written to the store; `--dry-run` shows the checks.
 */
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { channelMessages } from './helpers';
import { failOnSlackViolations } from '../helpers/slack-violations';

const EMPTY = { environments: 0, runs: 0, locks: 0, audit: 0, outbox: 0 };

let sb: TestSandbox;
failOnSlackViolations(() => sb);

beforeAll(async () => {
  sb = await startTestSandbox({ speed: 0 });
});
afterAll(async () => {
  await sb.stop();
});

const admin = (path: string, body: unknown) =>
  fetch(`${sb.urls.aws}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('a region with no room for another load balancer: refused in one line, nothing posted or written', async () => {
  await admin('/_sandbox/quotas', { applicationLoadBalancers: 0 });
  try {
    const res = await sb.command('create demo', 'U1', 'C1');
    const ack = JSON.parse(res.body) as { response_type: string; text: string };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toBe(
      ':no_entry: demo not created: Application Load Balancers in ap-northeast-1: 0 of 0 in use and this ' +
        'create needs 1 more: delete one you no longer use, or request a higher quota (Service Quotas, Elastic Load Balancing)',
    );
    expect(channelMessages(await sb.messages('C1'))).toEqual([]);
    expect(await sb.itemCounts()).toEqual(EMPTY);
    expect(sb.emulator!.world.listResources().filter((r) => r.service !== 'ssm')).toEqual([]);
  } finally {
    await admin('/_sandbox/reset', {});
  }
});

test('--dry-run shows the preflight with the plan', async () => {
  const res = await sb.command('create demo --dry-run', 'U1', 'C1');
  const ack = JSON.parse(res.body) as { text: string; blocks: unknown[] };
  const shown = JSON.stringify(ack.blocks);
  expect(shown).toContain('*Preflight:* the account has room and both AZs offer what this needs.');
  expect(shown).toContain(':white_check_mark: VPCs in ap-northeast-1: 0 of 5 in use; this create adds 1');
  expect(await sb.itemCounts()).toEqual(EMPTY);
});
