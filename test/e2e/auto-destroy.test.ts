/**
 * TTL end to end: the reminder pass at expiry starts the teardown directly (no confirmation),
 * announces it in the channel, and the teardown leaves nothing tagged for the env. Also the
 * daily digest, and "Cancel and destroy" while a create is still running. The emulator's clock
 * is stopped: the test moves virtual time itself (`runUntilStatus`), so every deadline is in
 * virtual time and a busy machine only makes the test slower.
 */
import type { TestSandbox } from '../helpers/sandbox';
import { startTestSandbox } from '../helpers/sandbox';
import { waitFor } from '../helpers/slack';
import { readable, runUntilStatus, waitForMessage, waitForReady } from './helpers';
import { failOnSlackViolations } from '../helpers/slack-violations';

// Real time only bounds a busy machine: two creates and two teardowns at most per test.
jest.setTimeout(240_000);

let sb: TestSandbox;
failOnSlackViolations(() => sb);

beforeAll(async () => {
  sb = await startTestSandbox({ speed: 0 });
});
afterAll(async () => {
  await sb.stop();
});

test('at expiry the teardown starts by itself, is announced, and leaves nothing behind', async () => {
  await sb.command('create ttl-demo --ttl 2h', 'UOWNER', 'C7');
  await runUntilStatus(sb, 'ttl-demo', 'ready');
  await waitForReady(sb, 'ttl-demo', 'C7');
  const env = await sb.store.environments.get('ttl-demo');
  const now = sb.workflows!.clock.now();
  if (env!.expiresAt > now) sb.emulator!.world.clock.advance(env!.expiresAt - now + 1_000);

  const pass = await sb.workflows!.runReminders();
  expect(pass.destroysStarted).toBe(1);
  expect((await sb.workflows!.runReminders()).destroysStarted).toBe(0);
  await sb.workflows!.settle();
  const announced = await waitForMessage(
    sb,
    (m) => m.text.includes('reached its expiry: tearing it down now'),
    {
      channel: 'C7',
    },
  );
  expect(announced.text).toContain('<@UOWNER>');

  await runUntilStatus(sb, 'ttl-demo', 'destroyed');
  const receipt = await waitForMessage(
    sb,
    (m) => !m.thread_ts && m.text.includes('0 resources tagged for ttl-demo remain'),
    { channel: 'C7' },
  );
  expect(readable(receipt)).toContain('deleted');
  expect((await sb.store.environments.get('ttl-demo'))?.status).toBe('destroyed');
  const audit = await sb.store.audit.list('ttl-demo', 50);
  expect(audit.some((a) => a.action === 'destroy.requested' && a.actor === 'U0SITEBOT')).toBe(true);
});

test('the daily digest lists each running env with owner, age, cost and expiry, and the channel total, once a day', async () => {
  await sb.command('create digest-a', 'UA', 'C8');
  await runUntilStatus(sb, 'digest-a', 'ready');
  await waitForReady(sb, 'digest-a', 'C8');
  // The digest goes out at 09:00 Asia/Tokyo: move to the next such moment.
  const now = sb.workflows!.clock.now();
  const tokyoMinutes = Math.floor(((now + 9 * 3_600_000) % 86_400_000) / 60_000);
  const toNine = (((9 * 60 - tokyoMinutes + 1440) % 1440) + 1) * 60_000;
  sb.emulator!.world.clock.advance(toNine);
  // Keep the env clear of its expiry so only the digest speaks.
  await sb.command('extend digest-a 3d', 'UA', 'C8');

  const first = await sb.workflows!.runReminders();
  expect(first.digests).toBeGreaterThanOrEqual(1);
  expect((await sb.workflows!.runReminders()).digests).toBe(0);
  await sb.workflows!.settle();
  const digest = await waitForMessage(sb, (m) => m.text.includes('1 running environment;'), {
    channel: 'C8',
  });
  const text = readable(digest);
  expect(text).toContain('*digest-a* (ready) — <@UA> — age ');
  expect(text).toMatch(/\$\d+\.\d\d so far · \$\d+\.\d\d\/day — expires in/);
  expect(text).toMatch(/Channel total: \$\d+\.\d\d so far · \$\d+\.\d\d\/day/);
});

test('Cancel and destroy while a create runs: the create stops, then the teardown runs in the confirmation message', async () => {
  // The clock stays stopped: the create does what it can now, then waits on AWS (virtual time).
  await sb.command('create half', 'UOWNER', 'C9');
  await waitFor(async () => ((await sb.store.environments.get('half'))?.currentRunId ? true : undefined));
  await sb.workflows!.settle();
  const res = await sb.command('destroy half', 'UOWNER', 'C9');
  expect(JSON.parse(res.body).text).toContain(
    'Confirm the teardown of *half* with the *Cancel and destroy* button',
  );
  const confirmation = await waitForMessage(sb, (m) => m.text.startsWith('Destroy half?'), { channel: 'C9' });
  expect(JSON.stringify(confirmation.blocks)).toContain('site_destroy_cancel_create');
  await waitFor(async () =>
    (await sb.store.environments.get('half'))?.meta?.destroyConfirmation ? true : undefined,
  );
  await sb.press({
    ts: confirmation.ts,
    action_id: 'site_destroy_cancel_create',
    user: 'UOWNER',
    channel: 'C9',
  });
  await runUntilStatus(sb, 'half', 'destroyed');
  const receipt = await waitForMessage(
    sb,
    (m) => m.ts === confirmation.ts && m.text.includes('0 resources tagged for half remain'),
    { channel: 'C9' },
  );
  expect(receipt.text).toContain('Destroyed half');
  const messages = await sb.messages('C9');
  expect(messages.some((m) => !m.thread_ts && m.text.includes('create of half was cancelled'))).toBe(true);
  expect((await sb.store.environments.get('half'))?.status).toBe('destroyed');
});
