/**
 * Wake now and Keep awake 2 h pressed while something holds the env, end to end on the sandbox:
 * a teardown or a drill holding it (the presser is told which, in their language, and nothing
 * starts or changes), a wake under way (told it is waking already; one wake), and a sleep still
 * going (the wake is remembered, and the reminder pass wakes it once, when the sleep is over).
 * "Nothing starts" is read where it happens: the runs and the lock in the store, the emulator's
 * Start calls, the env's power record and the channel. The clock is stopped: runs move only when
 * the test drives them (`runUntil`), so a run under way stays under way while buttons are pressed.
 * The tests run in order and share the environment.
 */
import { powerOf } from '../../src/state/power';
import type { Environment, Run } from '../../src/state/types';
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { holdEnv } from '../helpers/records';
import { failOnSlackViolations } from '../helpers/slack-violations';
import { channelMessages, testDay, waitForMessage, waitForReady } from './helpers';

jest.setTimeout(300_000);

const OWNER = 'UOWNER';
/** An admin who reads Japanese (`/site lang ja`). */
const ADMIN_JA = 'UJA';
const H = 3_600_000;

let sb: TestSandbox;
failOnSlackViolations(() => sb);
/** The office-hours "asleep" message: it carries Wake now and Keep awake 2 h. */
let buttons: SandboxMessage;

const env = async (): Promise<Environment> => (await sb.store.environments.get('demo')) as Environment;
const until = (done: () => Promise<boolean>) => sb.workflows!.runUntil(done, { withinMs: 2 * H });
const stateIs = (state: 'asleep' | 'awake') => async () =>
  powerOf(await env())?.state === state && (await env()).currentRunId === undefined;

beforeAll(async () => {
  sb = await startTestSandbox({ speed: 0, env: { SITEBOT_ADMINS: ADMIN_JA } });
  const clock = sb.emulator!.world.clock;
  const day = testDay(clock.now());
  clock.advance(day + 9.5 * H - clock.now()); // 09:30 in Tokyo
  await sb.command('create demo --hours 09:00-19:00', OWNER);
  await until(async () => (await env()).status === 'ready');
  await waitForReady(sb, 'demo');
  await sb.command('lang ja', ADMIN_JA);
  // 19:01: office hours put it to sleep, with both buttons on the message.
  clock.advance(day + 19 * H + 60_000 - clock.now());
  expect((await sb.workflows!.runReminders()).power).toMatchObject({ slept: 1 });
  await until(stateIs('asleep'));
  buttons = await waitForMessage(sb, (m) => !m.thread_ts && m.text.includes('demo is asleep'));
  expect(JSON.stringify(buttons.blocks)).toContain('site_power_keep_awake');
}, 120_000);

afterAll(async () => {
  await sb?.stop();
});

/** Everything a press could start or change, read once all due work is done. */
async function whatRuns() {
  await sb.workflows!.settle();
  const calls = sb.emulator!.world.calls;
  return {
    runs: (await sb.store.runs.listByEnv('demo')).map((r) => `${r.runId} ${r.kind} ${r.status}`).sort(),
    lock: await sb.store.locks.get('demo'),
    starts: { web: calls.get('ec2:StartInstances') ?? 0, db: calls.get('rds:StartDBInstance') ?? 0 },
    power: powerOf(await env()),
    channel: channelMessages(await sb.messages()).map((m) => m.text),
  };
}

let held = 0;
/** A run of `kind` holding the env, started 5 minutes ago by UHOLDER; `release` ends it. */
async function hold(kind: 'destroy' | 'failover'): Promise<{ release(): Promise<void> }> {
  const runId = `demo-${kind}-held-${++held}`;
  await holdEnv(sb.store, {
    env: 'demo',
    runId,
    kind,
    holder: 'UHOLDER',
    at: sb.workflows!.clock.now() - 5 * 60_000,
  });
  return {
    async release() {
      const latest = (await sb.store.runs.get(runId)) as Run;
      await sb.store.runs.save({ ...latest, status: 'cancelled', finishedAt: sb.workflows!.clock.now() });
      await sb.store.locks.release('demo', runId);
    },
  };
}

/** Presses a button on the asleep message; the ephemeral reply the presser got, if any. */
async function press(actionId: 'site_power_wake' | 'site_power_keep_awake', user = OWNER) {
  const before = new Set((await sb.messages()).map((m) => m.ts));
  await sb.press({ ts: buttons.ts, action_id: actionId, user });
  return (await sb.messages()).filter((m) => !before.has(m.ts) && m.ephemeral_to === user);
}

test('Wake now and Keep awake while a teardown holds it: refused naming the destroy and who runs it; nothing starts or changes', async () => {
  const destroy = await hold('destroy');
  try {
    const before = await whatRuns();
    for (const action of ['site_power_wake', 'site_power_keep_awake'] as const) {
      const [reply, ...more] = await press(action);
      expect(more).toEqual([]);
      expect(reply.text).toMatch(
        /^:no_entry: \*demo\* is busy: a destroy started by <@UHOLDER> 5m ago is still running\. Try again once it has finished\.$/,
      );
    }
    expect(await whatRuns()).toEqual(before);
  } finally {
    await destroy.release();
  }
});

test('the same press by an admin who reads Japanese is refused in Japanese', async () => {
  const destroy = await hold('destroy');
  try {
    const before = await whatRuns();
    const [reply, ...more] = await press('site_power_wake', ADMIN_JA);
    expect(more).toEqual([]);
    expect(reply.text).toBe(
      ':no_entry: *demo* は使用中です: <@UHOLDER> が 5分前に始めた削除がまだ実行中です。終わってからもう一度試してください。',
    );
    expect(await whatRuns()).toEqual(before);
  } finally {
    await destroy.release();
  }
});

test('pressed again while its wake is under way: "waking already"; one wake run, started once', async () => {
  const asleep = await whatRuns();
  expect(await press('site_power_wake')).toEqual([]);
  await sb.workflows!.settle(); // its first tick: the run is under way, waiting on AWS
  const waking = await whatRuns();
  const once = { web: asleep.starts.web + 1, db: asleep.starts.db + 1 };
  const wake = await sb.store.runs.get((await env()).currentRunId!);
  expect(wake).toMatchObject({ kind: 'wake', status: 'running' });
  expect(waking.lock).toMatchObject({ runId: wake!.runId, kind: 'wake' });
  expect(waking.starts).toEqual(once);

  const [again] = await press('site_power_wake');
  expect(again.text).toBe(':no_entry: *demo* is waking already.');
  const [kept] = await press('site_power_keep_awake');
  expect(kept.text).toBe(':no_entry: *demo* is waking already and keeps it awake for 2h.');
  const after = await whatRuns();
  expect(after).toEqual({ ...waking, power: after.power });
  expect(after.power).toEqual({ ...waking.power, keepAwakeUntil: expect.any(Number) });
  await until(stateIs('awake'));
  expect((await whatRuns()).starts).toEqual(once);
});

test('Keep awake during a drill: refused naming the failover; the keep-awake is not applied', async () => {
  const drill = await hold('failover');
  try {
    const before = await whatRuns();
    const [reply] = await press('site_power_keep_awake');
    expect(reply.text).toMatch(/^:no_entry: \*demo\* is busy: a failover started by <@UHOLDER> 5m ago/);
    expect(await whatRuns()).toEqual(before);
  } finally {
    await drill.release();
  }
});

test('Wake now while a sleep is still going: said in the channel, and the reminder pass wakes it once the sleep is over', async () => {
  await sb.command('sleep demo', OWNER);
  await sb.workflows!.settle(); // its first tick: the run is under way, waiting on AWS
  const sleeping = await whatRuns();
  expect(sleeping.lock).toMatchObject({ kind: 'sleep' });

  expect(await press('site_power_wake')).toEqual([]);
  const said = await whatRuns();
  expect(said.channel).toEqual([
    ...sleeping.channel,
    '<@UOWNER> asked to wake *demo*: it wakes as soon as its sleep is over.',
  ]);
  // Nothing started: the sleep still holds it, and only the wish is kept.
  expect(said).toEqual({
    ...sleeping,
    channel: said.channel,
    power: { ...sleeping.power, wakeRequested: true },
  });

  await until(stateIs('asleep'));
  // A pass while still asleep starts one wake; the passes after it start nothing more.
  const passes = await Promise.all([sb.workflows!.runReminders(), sb.workflows!.runReminders()]);
  expect(passes.map((p) => p.power?.woke).sort()).toEqual([0, 1]);
  await until(stateIs('awake'));
  expect((await sb.workflows!.runReminders()).power?.woke).toBe(0);
  const wakes = (await sb.store.runs.listByEnv('demo')).filter((r) => r.kind === 'wake');
  expect(wakes.filter((r) => r.params.reason === 'keep-awake')).toHaveLength(1);
  expect(powerOf(await env())).toMatchObject({ state: 'awake' });
  expect(powerOf(await env())?.wakeRequested).toBeUndefined();
  // Said once: the pass's notice, and the wake's own message ending "awake".
  await sb.workflows!.settle();
  const after = channelMessages(await sb.messages()).slice(said.channel.length);
  expect(after.filter((m) => m.text === ':sunrise: Waking *demo*…')).toHaveLength(1);
  expect(after.filter((m) => m.text.startsWith(':sunrise: demo is awake:'))).toHaveLength(1);
});
