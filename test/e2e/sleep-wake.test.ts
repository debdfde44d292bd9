/**
 * Sleep, wake, office hours and the channel budget through Slack, end to end on the sandbox:
 * `/site sleep` and its message with Wake now, a drill refused with a Wake button, the button,
 * status and list saying "asleep since", office hours putting the env to sleep at 19:00 Tokyo
 * with Wake now / Keep awake 2 h, and a create refused by the budget with the numbers. The
 * emulator's clock is moved to a fixed weekday so the schedule and the month are the same on
 * every run. The tests run in order and share the environment.
 */
import { powerOf } from '../../src/state/power';
import type { Environment } from '../../src/state/types';
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import { channelMessages, readable, testDay, waitForMessage, waitForReady } from './helpers';

// Virtual time is driven by the test; real time only bounds a busy machine.
jest.setTimeout(300_000);

const OWNER = 'UOWNER';
const H = 3_600_000;

let sb: TestSandbox;
/** 00:00 in Tokyo of the weekday the tests run on (virtual time). */
let day: number;

beforeAll(async () => {
  // The clock is stopped: the test moves virtual time itself (`runUntil`), so a busy machine
  // never turns into minutes of virtual time and a step's deadline.
  sb = await startTestSandbox({ speed: 0, env: { SITEBOT_CHANNEL_BUDGET_USD: '4' } });
  const clock = sb.emulator!.world.clock;
  day = testDay(clock.now());
  clock.advance(day + 9.5 * H - clock.now()); // 09:30 in Tokyo
  const created = await command('create demo --hours 09:00-19:00');
  expect(created.text).toContain('Office hours: 09:00–19:00 Mon–Fri (Asia/Tokyo)');
  await until(async () => (await env()).status === 'ready');
  await waitForReady(sb, 'demo');
}, 120_000);

afterAll(async () => {
  await sb?.stop();
});

const env = async (): Promise<Environment> => (await sb.store.environments.get('demo')) as Environment;
/** Runs the workflows in virtual time until `done` holds (at most 2 h of it). */
const until = (done: () => Promise<boolean>) => sb.workflows!.runUntil(done, { withinMs: 2 * H });
const stateIs = (state: 'asleep' | 'awake') => async () =>
  powerOf(await env())?.state === state && (await env()).currentRunId === undefined;
/** A button's run starts after its ack: wait for it (real time), then run it (virtual time). */
async function pressAndRun(ts: string, actionId: string, state: 'asleep' | 'awake'): Promise<void> {
  await sb.press({ ts, action_id: actionId, user: OWNER });
  await waitFor(async () => ((await env()).currentRunId ? true : undefined));
  await until(stateIs(state));
}
interface Answer {
  response_type: string;
  text: string;
  blocks: unknown[];
}
/**
 * A command's answer: the ack itself, or — when a busy machine took longer than the bot's ack
 * budget and it acked "Working on it…" — the reply it then sent to the response_url.
 */
async function command(text: string, user = OWNER): Promise<Answer> {
  const before = new Set((await sb.messages()).map((m) => m.ts));
  const acked = JSON.parse((await sb.command(text, user)).body) as Answer;
  if (!acked.text.includes('Working on it')) return acked;
  const later = await waitForMessage(
    sb,
    (m) => m.ephemeral_to === user && !before.has(m.ts) && !m.text.includes('Working on it'),
  );
  return { response_type: 'ephemeral', text: later.text, blocks: later.blocks };
}
const buttonsOf = (m: { blocks: unknown[] }): string[] =>
  JSON.stringify(m.blocks)
    .match(/"action_id":"(site_[a-z_]+)"/g)
    ?.map((s) => s.slice(13, -1)) ?? [];
const asleepMessages = async (): Promise<SandboxMessage[]> =>
  channelMessages(await sb.messages()).filter((m) => m.text.includes('demo is asleep'));

test('/site sleep: the message ends with what still bills and Wake now; status and list say asleep since', async () => {
  const res = await command('sleep demo');
  expect(res.text).toBe('Putting demo to sleep: I will stop both web servers and the DB instance.');
  await until(stateIs('asleep'));
  const done = await waitForMessage(sb, (m) => !m.thread_ts && m.text.includes('demo is asleep'));
  expect(readable(done)).toMatch(
    /costs \$\d+\.\d\d\/day instead of \$\d+\.\d\d\/day \(saving \$\d+\.\d\d\/day\)/,
  );
  expect(readable(done)).toContain('still billing: EBS gp3 16 GB');
  expect(buttonsOf(done)).toEqual(['site_power_wake']);
  expect(powerOf(await env())?.state).toBe('asleep');
  expect((await command('status demo')).blocks).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        text: expect.objectContaining({
          text: expect.stringMatching(/Status: \*ready\*, asleep since \d{4}-\d\d-\d\d \d\d:\d\d UTC \(/),
        }),
      }),
    ]),
  );
  expect(JSON.stringify(await command('list'))).toMatch(/demo\* — ready, asleep since/);
});

test('a drill is refused while it sleeps, with a Wake button; someone else cannot press it', async () => {
  const refused = await command('failover demo');
  expect(refused.response_type).toBe('ephemeral');
  expect(refused.text).toContain('demo is asleep');
  expect(buttonsOf(refused)).toEqual(['site_power_wake']);
  const [asleep] = await asleepMessages();
  await sb.press({ ts: asleep.ts, action_id: 'site_power_wake', user: 'UOTHER' });
  await waitForMessage(sb, (m) => m.ephemeral_to === 'UOTHER' && m.text.includes(`only <@${OWNER}>`));
  expect(powerOf(await env())?.state).toBe('asleep');
});

test('Wake now: the env wakes and the message says how long until the site answered', async () => {
  const [asleep] = await asleepMessages();
  await pressAndRun(asleep.ts, 'site_power_wake', 'awake');
  const awake = await waitForMessage(sb, (m) => !m.thread_ts && m.text.includes('demo is awake'));
  expect(awake.text).toMatch(/demo is awake: the site answered 200 after \d+m/);
  expect(powerOf(await env())?.state).toBe('awake');
  expect(JSON.stringify(await command('status demo'))).not.toContain('asleep since');
});

test('office hours: asleep at 19:00 Tokyo with Wake now / Keep awake 2 h; Keep awake wakes it for 2 h', async () => {
  const clock = sb.emulator!.world.clock;
  clock.advance(day + 19 * H + 60_000 - clock.now());
  const pass = await sb.workflows!.runReminders();
  expect(pass.power).toMatchObject({ slept: 1 });
  await until(stateIs('asleep'));
  const asleep = await waitForMessage(
    sb,
    (m) => !m.thread_ts && m.text.includes('demo is asleep') && buttonsOf(m).length === 2,
  );
  expect(buttonsOf(asleep)).toEqual(['site_power_wake', 'site_power_keep_awake']);
  const pressedAt = sb.workflows!.clock.now();
  await pressAndRun(asleep.ts, 'site_power_keep_awake', 'awake');
  await waitForMessage(sb, (m) => !m.thread_ts && m.text.includes('demo is awake') && m.ts > asleep.ts);
  const power = powerOf(await env())!;
  expect(power.state).toBe('awake');
  expect(power.keepAwakeUntil! - pressedAt).toBeGreaterThanOrEqual(2 * H);
  expect(power.keepAwakeUntil! - pressedAt).toBeLessThan(2 * H + 60_000);
});

test('the digest shows spend against the budget, and a create that would go over it is refused with the numbers', async () => {
  const digest = channelMessages(await sb.messages()).find((m) => m.text.includes('running environment'));
  expect(readable(digest!)).toMatch(/Budget: \$\d+\.\d\d of the \$4\.00 budget spent in \d{4}-\d\d \(\d+%\)/);
  const refused = await command('create shop');
  expect(refused.text).toMatch(
    /shop would take this channel's \d{4}-\d\d spend to about \$\d+\.\d\d, over its \$4\.00 monthly budget: \$\d+\.\d\d spent so far, \$\d+\.\d\d more from the running environments until they expire or the month ends, and about \$\d+\.\d\d for shop \(1d at up to \$\d+\.\d\d\/day\)/,
  );
  expect(await sb.store.environments.get('shop')).toBeUndefined();
});
