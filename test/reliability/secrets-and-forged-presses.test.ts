/**
 * One environment's whole life through the sandbox (create, status, list, a web failover
 * drill, a forged-press barrage, destroy), watched for two things:
 * - forged button presses (another owner's env, another channel, a message the bot never
 *   sent — all validly signed, as a leaked signing secret or a replaying insider could) change
 *   nothing: same env version, no lock, no new run;
 * - no Slack message, ephemeral, slash-command answer, log line (console and stdout/stderr of
 *   this process, which runs the sandbox) or DynamoDB item holds the DB password, the
 *   WordPress admin password, the bot token or the signing secret — not only as they end up,
 *   but as they happen: every DynamoDB write as sent, every version of every Slack message
 *   (each post, update, ephemeral and response), every log line as written. A secret in a
 *   progress note that a later update overwrites is caught too.
 * The emulator's clock is stopped: the test moves virtual time (`runUntilStatus`), so no wait
 * races real time.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import type { MessageChange } from '../../src/sandbox/slack/messages';
import { tableNames } from '../../src/state/tables';
import type { Environment } from '../../src/state/types';
import { knownSecrets, readable, runUntilStatus, waitForMessage, waitForReady } from '../e2e/helpers';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { blockActionsBody, postSigned, waitFor } from '../helpers/slack';

const OWNER = 'UOWNER';
const OTHER = 'UOTHER';

let sb: TestSandbox;
const logs: string[] = [];
const answers: string[] = [];
/** Every DynamoDB write request body as sent, and every Slack message version as it was stored. */
const writes: string[] = [];
const slackCalls: string[] = [];
const restore: (() => void)[] = [];

function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      logs.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original));
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logs.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
    });
    restore.push(() => spy.mockRestore());
  }
}

beforeAll(async () => {
  capture();
  sb = await startTestSandbox({ speed: 0, onError: (err, where) => logs.push(`${where}: ${String(err)}`) });
  // The request as it goes to DynamoDB (the store's document client shares this stack).
  sb.clients.dynamodb.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { headers?: Record<string, string>; body?: unknown };
      const target = req.headers?.['x-amz-target'] ?? '';
      if (/\.(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)$/.test(target))
        writes.push(`${target} ${String(req.body)}`);
      return next(args);
    },
    { step: 'build', name: 'secretScanWrites' },
  );
  // Every post, update and ephemeral the stand-in received, as it was then.
  sb.slack.messages.on('change', (change: MessageChange) => slackCalls.push(JSON.stringify(change)));
});
afterAll(async () => {
  await sb?.stop();
  for (const r of restore.splice(0)) r();
});

const env = async () => (await sb.store.environments.get('demo')) as Environment;
const command = async (text: string, user = OWNER, channel = 'C1') => {
  const res = await sb.command(text, user, channel);
  answers.push(res.body);
  return res;
};

test('create, forged presses refused, destroy: no secret anywhere', async () => {
  await command('create demo');
  await runUntilStatus(sb, 'demo', 'ready');
  await waitForReady(sb, 'demo');
  const secrets = knownSecrets(sb);
  // Bot token, signing secret, DB password and WP admin password at least.
  expect(secrets.length).toBeGreaterThanOrEqual(4);
  await command('status demo');
  await command('list');
  await command('status demo', OTHER, 'C2');
  await command('failover demo web');
  await sb.workflows!.runUntil(async () => (await env()).meta?.lastDrill !== undefined, {
    withinMs: 3_600_000,
  });
  await waitForMessage(sb, (m) => !m.thread_ts && /Failover drill on demo \(web\): [A-Z]/.test(m.text));

  await command('destroy demo');
  const confirmation = await waitForMessage(sb, (m) => m.text.startsWith('Destroy demo?'));
  const before = await waitFor(async () => {
    const e = await env();
    return (e.meta?.destroyConfirmation as { ts?: string } | undefined)?.ts === confirmation.ts
      ? e
      : undefined;
  });
  const runsBefore = (await sb.itemCounts()).runs;

  // Validly signed forgeries: someone else pressing, the owner's press from another channel,
  // presses on messages the bot never sent, other envs' names.
  const forgeries = fc.sample(
    fc.oneof(
      fc.record({
        user: fc.constantFrom(OTHER, 'UEVIL', 'U0SITEBOT'),
        channel: fc.constant('C1'),
        ts: fc.constant(confirmation.ts),
      }),
      fc.record({
        user: fc.constant(OWNER),
        channel: fc.constantFrom('C2', 'CEVIL', 'D0OWNER'),
        ts: fc.constant(confirmation.ts),
      }),
      fc.record({
        user: fc.constantFrom(OWNER, OTHER),
        channel: fc.constantFrom('C1', 'C2'),
        ts: fc.integer({ min: 1, max: 2_000_000_000 }).map((n) => `${n}.000100`),
      }),
    ),
    { numRuns: 60, seed: 5 },
  );
  const actions = ['site_destroy_confirm', 'site_remind_destroy', 'site_remind_extend', 'site_remind_snooze'];
  for (const [i, f] of forgeries.entries()) {
    const actionId = actions[i % actions.length];
    const value = i % 5 === 0 ? 'other-env' : 'demo';
    const res = await postSigned(sb.urls.bot, blockActionsBody({ ...f, actionId, value }), {
      secret: sb.config.slack.signingSecret,
    });
    answers.push(res.body);
    expect(res.status).toBe(200);
  }
  const after = await env();
  expect(after.version).toBe(before.version);
  expect(after.expiresAt).toBe(before.expiresAt);
  expect(after.status).toBe('ready');
  expect(await sb.store.locks.get('demo')).toBeUndefined();
  expect((await sb.itemCounts()).runs).toBe(runsBefore);

  // The owner's real press goes through.
  await sb.press({ ts: confirmation.ts, action_id: 'site_destroy_confirm', user: OWNER });
  await runUntilStatus(sb, 'demo', 'destroyed');
  await waitForMessage(
    sb,
    (m) => m.ts === confirmation.ts && m.text.includes('0 resources tagged for demo remain'),
  );
  expect((await env()).status).toBe('destroyed');
  // Exactly one teardown: the owner's. A forged press acted on late would show as a second run.
  expect((await sb.itemCounts()).runs).toBe(runsBefore + 1);

  // The scan: every channel's messages (ephemerals included), every answer, every log line, every item.
  const haystacks: { where: string; text: string }[] = [];
  for (const channel of sb.slack.messages.channelIds())
    for (const m of sb.slack.messages.list(channel))
      haystacks.push({
        where: `slack ${channel} ${m.ts}`,
        text: `${JSON.stringify(m)}\n${readable(m as never)}`,
      });
  for (const a of answers) haystacks.push({ where: 'answer', text: a });
  for (const w of writes) haystacks.push({ where: 'dynamodb write', text: w });
  for (const c of slackCalls) haystacks.push({ where: 'slack call', text: c });
  for (const l of logs) haystacks.push({ where: 'log', text: l });
  for (const [key, TableName] of Object.entries(tableNames(sb.config.tablePrefix))) {
    const out = await sb.clients.dynamodb.send(new ScanCommand({ TableName }));
    for (const item of out.Items ?? [])
      haystacks.push({ where: `dynamodb ${key}`, text: JSON.stringify(item) });
  }
  expect(haystacks.filter((h) => h.where.startsWith('slack')).length).toBeGreaterThan(5);
  expect(haystacks.filter((h) => h.where.startsWith('dynamodb')).length).toBeGreaterThan(3);
  // Far more writes and Slack calls than final items and messages: progress, notes, leases.
  expect(writes.length).toBeGreaterThan(100);
  expect(slackCalls.length).toBeGreaterThan(20);
  const leaks = haystacks.filter((h) => secrets.some((s) => h.text.includes(s))).map((h) => h.where);
  expect(leaks).toEqual([]);
}, 240_000);
