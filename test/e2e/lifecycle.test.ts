/**
 * One environment's life through Slack, end to end on the sandbox: create, a failover drill,
 * extend (owner, someone else, past the cost cap), reminders and their buttons, the destroy
 * confirmation (Cancel, an unauthorized press, forged presses, the owner's press) and the
 * receipt. The emulator's clock is stopped: the test moves virtual time itself (`runUntil`), so
 * every deadline is in virtual time. The tests run in order and share the environment.
 */
import type { Environment } from '../../src/state/types';
import type { SandboxMessage, TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { blockActionsBody, postSigned, waitFor } from '../helpers/slack';
import {
  channelMessages,
  expectNoSecrets,
  knownSecrets,
  readable,
  runUntilStatus,
  threadReplies,
  waitForMessage,
  waitForReady,
} from './helpers';
import { failOnSlackViolations } from '../helpers/slack-violations';

const HOUR = 3_600_000;
const OWNER = 'UOWNER';
const OTHER = 'UOTHER';

// Real time only bounds a busy machine: a create (in beforeAll), a drill, a teardown.
jest.setTimeout(180_000);

let sb: TestSandbox;
failOnSlackViolations(() => sb);
let secrets: string[] = [];

beforeAll(async () => {
  // The destroy confirmation looks up the env's tags in AWS: a busy machine must not make it "working on it".
  sb = await startTestSandbox({
    speed: 0,
    ackBudgetMs: 30_000,
    env: { SITEBOT_EXTEND_COST_CAP_USD: '10' },
  });
  await sb.command('create demo', OWNER);
  await runUntilStatus(sb, 'demo', 'ready');
  await waitForReady(sb, 'demo');
  secrets = knownSecrets(sb);
}, 180_000);
afterAll(async () => {
  await sb.stop();
});

const env = async (): Promise<Environment> => (await sb.store.environments.get('demo')) as Environment;
const ack = (res: { body: string }) => JSON.parse(res.body) as { response_type: string; text: string };
const buttonsOf = (m: SandboxMessage): string[] =>
  JSON.stringify(m.blocks)
    .match(/"action_id":"(site_[a-z_]+)"/g)
    ?.map((s) => s.slice(13, -1)) ?? [];

/** A press with a valid signature that did not come from a button of ours. */
const forge = (fields: { user: string; channel: string; ts: string; actionId: string; value: string }) =>
  postSigned(sb.urls.bot, blockActionsBody(fields), { secret: sb.config.slack.signingSecret });

test('failover drill: live progress, then the report (sparkline, verdict) in the message and a thread reply', async () => {
  const res = await sb.command('failover demo web', OWNER);
  expect(ack(res).text).toContain('Failover drill on demo started');
  await sb.workflows!.runUntil(async () => (await env()).meta?.lastDrill !== undefined, { withinMs: HOUR });
  const report = await waitForMessage(
    sb,
    (m) => !m.thread_ts && /Failover drill on demo \(web\): [A-Z]/.test(m.text),
  );
  expect(readable(report)).toMatch(/web: stopped i-[0-9a-f]+/);
  expect(readable(report)).toMatch(/[▁█]{3,}/);
  const reply = await waitFor(async () => threadReplies(await sb.messages(), report.ts)[0]);
  expect(reply.text).toContain(`<@${OWNER}>`);
  expect(reply.text).toContain('requests');
  expect((await env()).meta?.lastDrill).toBeDefined();
  const status = ack(await sb.command('status demo', OWNER));
  expect(status.text).toContain('demo: ready');
});

test('status and list show cost so far and per day', async () => {
  const status = await sb.command('status demo', OWNER);
  expect(status.body).toMatch(/\$\d+\.\d\d so far · \$\d+\.\d\d\/day/);
  expect(status.body).toContain('Last drill');
  const list = await sb.command('list', OWNER);
  expect(list.body).toMatch(/demo.*\$\d+\.\d\d so far · \$\d+\.\d\d\/day/);
});

test('extend: the owner may, someone else may not, and never past the cost cap', async () => {
  const before = (await env()).expiresAt;
  const byOther = ack(await sb.command('extend demo 1h', OTHER));
  expect(byOther.response_type).toBe('ephemeral');
  expect(byOther.text).toContain(`only <@${OWNER}>`);
  expect((await env()).expiresAt).toBe(before);

  const ok = ack(await sb.command('extend demo 1h', OWNER));
  expect(ok.response_type).toBe('in_channel');
  expect(ok.text).toContain('extended *demo* by 1h');
  expect(ok.text).toMatch(/The added 1h cost about \$\d+\.\d\d at its current size/);
  expect((await env()).expiresAt).toBe(before + HOUR);

  const capped = ack(await sb.command('extend demo 3d', OWNER));
  expect(capped.text).toMatch(/over the \$10\.00 cap for an extension/);
  expect((await env()).expiresAt).toBe(before + HOUR);
});

test('reminders: a warning with Extend 1d / Snooze 1h / Destroy now; only the owner’s press on our message counts', async () => {
  const e = await env();
  sb.emulator!.world.clock.advance(e.expiresAt - 2 * HOUR + 60_000 - sb.workflows!.clock.now());
  const pass = await sb.workflows!.runReminders();
  expect(pass.warned).toBe(1);
  const again = await sb.workflows!.runReminders();
  expect(again.warned).toBe(0);
  // A post refused for Slack's rate limit is retried: its button counts once it is recorded.
  await sb.workflows!.settle();
  const warning = await waitForMessage(sb, (m) => /^demo expires in 1h 5[89]m/.test(m.text));
  expect(buttonsOf(warning)).toEqual(['site_remind_extend', 'site_remind_snooze', 'site_remind_destroy']);
  expect(readable(warning)).toContain(`<@${OWNER}>`);

  const refused = await sb.press({ ts: warning.ts, action_id: 'site_remind_snooze', user: OTHER });
  expect(refused.status).toBe(200);
  const refusal = await waitForMessage(
    sb,
    (m) => m.ephemeral_to === OTHER && m.text.includes('Nothing was changed'),
  );
  expect(refusal.text).toContain(`only <@${OWNER}>`);
  expect((await env()).expiresAt).toBe(e.expiresAt);

  const ghost = await forge({
    user: OWNER,
    channel: 'C1',
    ts: '1.000001',
    actionId: 'site_remind_extend',
    value: 'demo',
  });
  expect(ghost.status).toBe(200);
  const elsewhere = await forge({
    user: OWNER,
    channel: 'C2',
    ts: warning.ts,
    actionId: 'site_remind_extend',
    value: 'demo',
  });
  expect(elsewhere.status).toBe(200);
  expect((await env()).expiresAt).toBe(e.expiresAt);

  await sb.press({ ts: warning.ts, action_id: 'site_remind_snooze', user: OWNER });
  const snoozed = await waitFor(async () =>
    (await sb.messages()).find((m) => m.ts === warning.ts && m.text.includes('snoozed the reminder for 1h')),
  );
  expect(buttonsOf(snoozed)).toEqual([]);
  expect((await env()).expiresAt).toBe(e.expiresAt);

  // Silent while snoozed; the warning comes again once the snooze ends. Extend 1d on that one.
  sb.emulator!.world.clock.advance(30 * 60_000);
  expect((await sb.workflows!.runReminders()).warned).toBe(0);
  sb.emulator!.world.clock.advance(30 * 60_000);
  expect((await sb.workflows!.runReminders()).warned).toBe(1);
  await sb.workflows!.settle();
  const next = await waitForMessage(sb, (m) => /^demo expires in 5[89]m/.test(m.text) && m.ts !== warning.ts);
  await sb.press({ ts: next.ts, action_id: 'site_remind_extend', user: OWNER });
  await waitFor(async () => ((await env()).expiresAt === e.expiresAt + 24 * HOUR ? true : undefined));
});

test('destroy: confirmation with counts, age and cost; Cancel changes nothing; Destroy now goes through a new confirmation', async () => {
  const res = await sb.command('destroy demo', OWNER);
  expect(ack(res).text).toContain('Confirm the teardown of *demo* with the *Destroy* button');
  const confirmation = await waitForMessage(sb, (m) => m.text.startsWith('Destroy demo?'));
  expect(buttonsOf(confirmation)).toEqual(['site_destroy_confirm', 'site_destroy_cancel']);
  expect(readable(confirmation)).toMatch(/It has 22 resources now: 1 VPC, 4 subnets/);
  expect(readable(confirmation)).toMatch(/Age \d/);
  expect(readable(confirmation)).toMatch(/\$\d+\.\d\d so far/);
  expect(JSON.stringify(confirmation.blocks)).toContain('"confirm":{');

  await sb.press({ ts: confirmation.ts, action_id: 'site_destroy_cancel', user: OWNER });
  await waitFor(async () =>
    (await sb.messages()).find((m) => m.ts === confirmation.ts && m.text.includes('nothing was deleted')),
  );
  expect((await env()).status).toBe('ready');
  expect((await env()).meta?.destroyConfirmation).toBeUndefined();
});

test('destroy: an unauthorized or forged press is refused and changes nothing; the owner’s press tears it all down with a receipt', async () => {
  const e = await env();
  sb.emulator!.world.clock.advance(Math.max(0, e.expiresAt - 2 * HOUR + 60_000 - sb.workflows!.clock.now()));
  expect((await sb.workflows!.runReminders()).warned).toBe(1);
  await sb.workflows!.settle();
  const warning = await waitForMessage(
    sb,
    (m) => /^demo expires in 1h 5[89]m/.test(m.text) && buttonsOf(m).includes('site_remind_destroy'),
  );
  await sb.press({ ts: warning.ts, action_id: 'site_remind_destroy', user: OWNER });
  const confirmation = await waitForMessage(sb, (m) => m.text.startsWith('Destroy demo?'));
  expect(buttonsOf(confirmation)).toEqual(['site_destroy_confirm', 'site_destroy_cancel']);

  // The confirmation is recorded on the env just after it is posted.
  const { version } = await waitFor(async () => {
    const e = await env();
    return (e.meta?.destroyConfirmation as { ts?: string } | undefined)?.ts === confirmation.ts
      ? e
      : undefined;
  });
  await sb.press({ ts: confirmation.ts, action_id: 'site_destroy_confirm', user: OTHER });
  await waitForMessage(
    sb,
    (m) =>
      m.ephemeral_to === OTHER && m.text.includes('Nothing was changed') && m.text.includes('owner of demo'),
  );
  await forge({
    user: OWNER,
    channel: 'C1',
    ts: warning.ts,
    actionId: 'site_destroy_confirm',
    value: 'demo',
  });
  await forge({
    user: OWNER,
    channel: 'C2',
    ts: confirmation.ts,
    actionId: 'site_destroy_confirm',
    value: 'demo',
  });
  expect((await env()).version).toBe(version);
  expect((await env()).status).toBe('ready');
  expect(await sb.store.locks.get('demo')).toBeUndefined();

  await sb.press({ ts: confirmation.ts, action_id: 'site_destroy_confirm', user: OWNER });
  await runUntilStatus(sb, 'demo', 'destroyed');
  const receipt = await waitForMessage(
    sb,
    (m) => m.ts === confirmation.ts && m.text.includes('0 resources tagged for demo remain'),
  );
  expect(readable(receipt)).toMatch(/deleted 1 VPC: vpc-/);
  const reply = await waitFor(async () => threadReplies(await sb.messages(), receipt.ts)[0]);
  expect(reply.text).toContain(`<@${OWNER}>`);
  expect(reply.text).toContain('0 resources tagged for demo remain');
  expect((await env()).status).toBe('destroyed');
  const left = sb.emulator!.world.listResources().filter((r) => JSON.stringify(r).includes('demo'));
  expect(left.filter((r) => !/terminated|deleted/.test(JSON.stringify(r)))).toEqual([]);

  expect(channelMessages(await sb.messages()).length).toBeGreaterThan(3);
  await expectNoSecrets(sb, secrets);
});
