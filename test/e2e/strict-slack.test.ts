/**
 * The whole lifecycle through the strict Slack stand-in, with zero rule violations (issue 13,
 * "done when"): help; list and status at 200 environments, paged; create; failover web and db;
 * extend; the destroy buttons (Cancel, then Destroy, each behind a confirm dialog); a reminder
 * with each of its three buttons; auto-destroy at expiry; the daily digest over 200 environments.
 *
 * The stand-in refuses what Slack refuses (Block Kit limits, text types, reused block_ids,
 * unescaped mrkdwn, rate limits, spent response_urls, late acks, edits of messages that are not
 * the bot's…) and logs it; `failOnSlackViolations` fails any test during which it logged
 * anything. The emulator's clock is stopped: the test moves virtual time (`runUntil`), so no
 * step depends on how fast this machine is.
 */
import type { Environment } from '../../src/state/types';
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { newEnvironment } from '../helpers/records';
import { slackViolations, failOnSlackViolations } from '../helpers/slack-violations';
import { waitFor } from '../helpers/slack';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OWNER = 'UOWNER';
const MANY = 200;
const BIG = 'CBIG';

jest.setTimeout(300_000);

let sb: TestSandbox;
failOnSlackViolations(() => sb);
const errors: string[] = [];

beforeAll(async () => {
  sb = await startTestSandbox({
    speed: 0,
    progressIntervalMs: 0,
    // The bot's own 2 s budget: a read slowed by a busy machine is acked "working on it" and
    // answered through the response_url, as on a slow day in production — never acked late.
    onError: (err, where) => errors.push(`${where}: ${String(err)}`),
  });
  // 200 environments in another channel, far from their expiry: list, status and the digest
  // must stay within Slack's limits with all of them.
  const now = sb.workflows!.clock.now();
  for (let i = 0; i < MANY; i++) {
    await sb.store.environments.create(
      newEnvironment({
        name: `bulk-${String(i).padStart(3, '0')}`,
        channel: BIG,
        owner: `U${String(i % 17).padStart(4, '0')}`,
        createdAt: now - HOUR,
        updatedAt: now - HOUR,
        expiresAt: now + 30 * DAY,
      }),
    );
  }
});
afterAll(async () => {
  await sb?.stop();
});

const clock = () => sb.emulator!.world.clock;
const now = () => sb.workflows!.clock.now();
const envOf = async (name: string): Promise<Environment> => {
  const env = await sb.store.environments.get(name);
  if (!env) throw new Error(`no env ${name}`);
  return env;
};
const answer = (res: { body: string }) =>
  JSON.parse(res.body) as { response_type: string; text: string; blocks: unknown[] };
const actionsOf = (m: SandboxMessage): string[] =>
  [...JSON.stringify(m.blocks).matchAll(/"action_id":"(site_[a-z_]+)"/g)].map((x) => x[1]);
/** The newest top-level message in `channel` whose text matches. */
async function newest(channel: string, match: (m: SandboxMessage) => boolean): Promise<SandboxMessage> {
  return waitFor(
    async () => (await sb.messages(channel)).filter((m) => !m.thread_ts && match(m)).at(-1),
    30_000,
  );
}
async function press(m: SandboxMessage, actionId: string, channel = 'C1'): Promise<void> {
  expect(actionsOf(m)).toContain(actionId);
  const res = await sb.press({ ts: m.ts, action_id: actionId, user: OWNER, channel });
  expect(res.status).toBe(200);
  await sb.workflows!.settle();
}
const latest = async (m: SandboxMessage, channel = 'C1') =>
  (await sb.messages(channel)).find((x) => x.ts === m.ts)!;

test('help answers privately', async () => {
  const help = answer(await sb.command('help', OWNER));
  expect(help.response_type).toBe('ephemeral');
  expect(help.text).toContain('/site create');
});

test('list and status at 200 environments: paged, every page within the limits', async () => {
  let pages = 0;
  const names = new Set<string>();
  for (let page = 1; page <= 50; page++) {
    const list = answer(await sb.command(`list --page ${page}`, OWNER, BIG));
    pages++;
    for (const m of JSON.stringify(list.blocks).matchAll(/bulk-(\d{3})/g)) names.add(m[0]);
    if (!JSON.stringify(list.blocks).includes(`--page ${page + 1}`)) break;
  }
  expect(pages).toBeGreaterThan(1);
  expect(names.size).toBe(MANY);
  const status = answer(await sb.command('status', OWNER, BIG));
  expect(JSON.stringify(status.blocks)).toContain('--page 2');
});

test('create, then failover web and db, then extend', async () => {
  expect(answer(await sb.command('create demo', OWNER)).text).toContain('Creating *demo*');
  await sb.workflows!.runUntil(async () => (await envOf('demo')).status === 'ready', { withinMs: 2 * HOUR });
  for (const target of ['web', 'db'] as const) {
    expect(answer(await sb.command(`failover demo ${target}`, OWNER)).text).toContain(
      'Failover drill on demo started',
    );
    await sb.workflows!.runUntil(
      async () => {
        const env = await envOf('demo');
        const run = env.lastRunId ? await sb.store.runs.get(env.lastRunId) : undefined;
        return !env.currentRunId && run?.kind === 'failover' && run.params.target === target;
      },
      { withinMs: 2 * HOUR },
    );
  }
  const before = (await envOf('demo')).expiresAt;
  expect(answer(await sb.command('extend demo 2h', OWNER)).response_type).toBe('in_channel');
  expect((await envOf('demo')).expiresAt).toBe(before + 2 * HOUR);
  expect(answer(await sb.command('status demo', OWNER)).text).toContain('demo');
});

test('a reminder and its three buttons: Snooze, Extend 1d, Destroy now (then Cancel)', async () => {
  const warnAt = async () => {
    const { expiresAt } = await envOf('demo');
    clock().advance(expiresAt - 2 * HOUR + MINUTE - now());
    expect((await sb.workflows!.runReminders()).warned).toBe(1);
    await sb.workflows!.settle();
    return newest('C1', (m) => m.text.startsWith('demo expires'));
  };

  const first = await warnAt();
  expect(actionsOf(first)).toEqual(['site_remind_extend', 'site_remind_snooze', 'site_remind_destroy']);
  await press(first, 'site_remind_snooze');
  expect((await latest(first)).text).toMatch(/snoozed/);

  // After the snooze's hour the warning comes again: Extend 1d.
  clock().advance(HOUR + MINUTE);
  expect((await sb.workflows!.runReminders()).warned).toBe(1);
  await sb.workflows!.settle();
  const second = await newest('C1', (m) => m.text.startsWith('demo expires') && m.ts !== first.ts);
  const expiry = (await envOf('demo')).expiresAt;
  await press(second, 'site_remind_extend');
  expect((await envOf('demo')).expiresAt).toBe(expiry + DAY);

  // The next warning: Destroy now posts the confirmation; its Cancel changes nothing.
  const third = await warnAt();
  await press(third, 'site_remind_destroy');
  const confirmation = await newest('C1', (m) => m.text.startsWith('Destroy demo?'));
  expect(JSON.stringify(confirmation.blocks)).toContain('"confirm":{');
  await press(confirmation, 'site_destroy_cancel');
  expect((await envOf('demo')).status).toBe('ready');
});

test('destroy with its buttons: the confirmation, Destroy, the teardown and its receipt', async () => {
  expect(answer(await sb.command('destroy demo', OWNER)).text).toContain('*Destroy* button');
  const confirmation = await newest('C1', (m) => m.text.startsWith('Destroy demo?'));
  await waitFor(async () => ((await envOf('demo')).meta?.destroyConfirmation ? true : undefined), 30_000);
  await press(confirmation, 'site_destroy_confirm');
  await sb.workflows!.runUntil(async () => (await envOf('demo')).status === 'destroyed', {
    withinMs: 2 * HOUR,
  });
  expect((await latest(confirmation)).text).toContain('Destroyed demo');
});

test('auto-destroy at expiry: started, announced, torn down', async () => {
  expect(answer(await sb.command('create short --ttl 1h', OWNER)).text).toContain('Creating *short*');
  await sb.workflows!.runUntil(async () => (await envOf('short')).status === 'ready', { withinMs: 2 * HOUR });
  const { expiresAt } = await envOf('short');
  if (expiresAt > now()) clock().advance(expiresAt - now() + MINUTE);
  expect((await sb.workflows!.runReminders()).destroysStarted).toBe(1);
  await sb.workflows!.runUntil(async () => (await envOf('short')).status === 'destroyed', {
    withinMs: 2 * HOUR,
  });
  await newest('C1', (m) => m.text.includes('short') && m.text.includes('reached its expiry'));
});

test('the daily digest, over 200 environments, once a day', async () => {
  // 09:00 in Asia/Tokyo (UTC+9), the default digest time: the next such moment.
  const tokyoMinutes = Math.floor(((now() + 9 * HOUR) % DAY) / MINUTE);
  clock().advance((((9 * 60 - tokyoMinutes + 1440) % 1440) + 1) * MINUTE);
  const pass = await sb.workflows!.runReminders();
  expect(pass.digests).toBeGreaterThanOrEqual(1);
  expect((await sb.workflows!.runReminders()).digests).toBe(0);
  await sb.workflows!.settle();
  const digest = await newest(BIG, (m) => m.text.includes(`${MANY} running environments`));
  expect(JSON.stringify(digest.blocks)).toContain('more environment');
});

test('nothing went wrong in the background, and the stand-in logged nothing', () => {
  expect(errors).toEqual([]);
  expect(slackViolations(sb)).toEqual([]);
});
