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

test('a reader who chose Japanese: the dry run’s checks and a refusal in Japanese', async () => {
  await sb.command('lang ja', 'UJA', 'C1');
  const dry = JSON.parse((await sb.command('create demo --dry-run', 'UJA', 'C1')).body) as {
    blocks: unknown[];
  };
  const shown = JSON.stringify(dry.blocks);
  expect(shown).toContain(
    ':white_check_mark: ap-northeast-1 の VPC: 上限 5 のうち 0 を使用中、この作成で 1 増えます',
  );
  expect(shown).toContain(
    ':white_check_mark: t3.micro: ap-northeast-1a と ap-northeast-1c で提供されています',
  );
  expect(shown).not.toMatch(/in use|this create adds|offered in|orderable in/);
  await admin('/_sandbox/quotas', { applicationLoadBalancers: 0 });
  try {
    // The reader's language is kept in the store: nothing else may be written.
    const before = await sb.itemCounts();
    const ack = JSON.parse((await sb.command('create demo', 'UJA', 'C1')).body) as { text: string };
    expect(ack.text).toBe(
      ':no_entry: demo は作成していません: ap-northeast-1 の Application Load Balancer: 上限 0 のうち 0 を使用中で、' +
        'この作成にはあと 1 必要です: 使っていないロードバランサーを削除するか、' +
        'クォータの引き上げをリクエストしてください (Service Quotas、Elastic Load Balancing)',
    );
    expect(await sb.itemCounts()).toEqual(before);
  } finally {
    await admin('/_sandbox/reset', {});
  }
});
